import type { Instant } from './calendar';

/**
 * `new Date(t).toISOString()` by integer arithmetic (days → civil date, H. Hinnant's algorithm), for the hot path
 * that writes every cycle's instants into the stored state; several times faster than building Date objects.
 * Same output for every instant between the years 0 and 9999; outside that range it defers to Date.
 */
const pad2 = (n: number): string => (n < 10 ? `0${String(n)}` : String(n));
const pad3 = (n: number): string => (n < 10 ? `00${String(n)}` : n < 100 ? `0${String(n)}` : String(n));
const MIN_ISO = -62_167_219_200_000; // 0000-01-01T00:00:00.000Z
const MAX_ISO = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z

export function isoInstant(t: Instant): string {
  if (!Number.isInteger(t) || t < MIN_ISO || t > MAX_ISO) return new Date(t).toISOString();
  const days = Math.floor(t / 86_400_000);
  const msOfDay = t - days * 86_400_000;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const h = Math.floor(msOfDay / 3_600_000);
  const m = Math.floor((msOfDay % 3_600_000) / 60_000);
  const s = Math.floor((msOfDay % 60_000) / 1000);
  const ms = msOfDay % 1000;
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}T${pad2(h)}:${pad2(m)}:${pad2(s)}.${pad3(ms)}Z`;
}
