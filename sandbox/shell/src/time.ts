/**
 * Instants as the acting user reads them: in their Jira profile's time zone and locale (GET /rest/api/3/myself
 * `timeZone` and `locale`, which GET /sandbox/users repeats). The shell's words stay English; the locale only shapes
 * dates and numbers, as in Jira. Pure (no DOM, no state), so it is unit-tested.
 */

export interface Viewer { timeZone?: string | undefined; locale?: string | undefined }

/** Jira's locale ("en_GB") as a BCP 47 tag for Intl ("en-GB"); undefined (the browser's) when it is not one. */
export function bcp47(locale: string | undefined): string | undefined {
  if (!locale) return undefined;
  const tag = locale.replace(/_/g, '-');
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([tag]).length ? tag : undefined;
  } catch {
    return undefined;
  }
}

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(viewer: Viewer, zone: boolean): Intl.DateTimeFormat {
  const locale = bcp47(viewer.locale);
  const key = `${locale ?? ''}|${viewer.timeZone ?? ''}|${zone}`;
  let f = cache.get(key);
  if (!f) {
    // Jira's medium date and short time ("4 Dec 2026, 19:45" in en-GB, "Dec 4, 2026, 7:45 PM" in en-US).
    const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', ...(zone ? { timeZoneName: 'short' } : {}) };
    try {
      f = new Intl.DateTimeFormat(locale, { ...options, timeZone: viewer.timeZone });
    } catch {
      // An unknown zone in a profile: UTC, named, rather than the browser's zone passed off as the user's.
      f = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC', timeZoneName: 'short' });
    }
    cache.set(key, f);
  }
  return f;
}

/**
 * An instant (ISO 8601, or Jira's "2026-12-04T19:45:00.000+0000") in the viewer's zone and locale, e.g.
 * "4 Dec 2026, 19:45" for Carla (Europe/London, en_GB); `zone` adds the zone's short name (the header clock).
 * Answers the text unchanged when it is not an instant, and "—" when there is none.
 */
export function formatInstant(iso: string | undefined | null, viewer: Viewer, opts: { zone?: boolean } = {}): string {
  if (!iso) return '—';
  const date = new Date(iso.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(date.getTime()) ? iso : formatter(viewer, opts.zone === true).format(date);
}

/** The offset (ms) of `timeZone` from UTC at the instant `ms`. */
function zoneOffset(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(ms / 1000) * 1000;
}

/**
 * A wall time the viewer typed ("2026-12-05T09:30", as an <input type="datetime-local"> gives it) read in their
 * profile's zone, as an ISO instant; null when it is not a wall time. In a DST gap it takes the later offset.
 */
export function wallTimeToIso(value: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const guess = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  let zone = timeZone;
  try { zoneOffset(guess, zone); } catch { zone = 'UTC'; }
  const first = guess - zoneOffset(guess, zone);
  return new Date(guess - zoneOffset(first, zone)).toISOString();
}
