/** Display helpers of the admin page (text only; no rule of the standard lives here). */
import type { Person } from './adminApi';

/**
 * The viewer's time zone and locale from the Forge context (`timezone`, `locale`: the user's Jira profile), set once by
 * the page before it renders. Until then the browser's are used.
 */
let viewerTime: { locale: string | undefined; timeZone: string | undefined } = { locale: undefined, timeZone: undefined };

function supportedLocale(locale: string | null | undefined): string | undefined {
  if (!locale) return undefined;
  const tag = locale.replace('_', '-');
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0 ? tag : undefined;
  } catch {
    return undefined;
  }
}

function supportedZone(timeZone: string | null | undefined): string | undefined {
  if (!timeZone) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}

/** The viewer's locale (Forge context), for Atlaskit pickers; undefined until the page set it. */
export function viewerLocale(): string | undefined {
  return viewerTime.locale;
}

export function setViewerTime(context: { locale?: string | null; timezone?: string | null }): void {
  viewerTime = { locale: supportedLocale(context.locale), timeZone: supportedZone(context.timezone) };
}

/** "12 Mar 2026, 14:05" in the viewer's Jira time zone and locale, or the raw text when it is not a date. */
export function formatWhen(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(viewerTime.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: viewerTime.timeZone });
}

/** A calendar date YYYY-MM-DD as "12 Mar 2026" (no time zone shift: the date is shown as written). */
export function formatDay(day: string | null | undefined): string {
  if (!day) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toLocaleDateString(viewerTime.locale, { dateStyle: 'medium', timeZone: 'UTC' });
}

/** Minutes as a short human hint: 30 → "30 min", 240 → "4 h", 1500 → "1 d 1 h", 90 → "1 h 30 min". */
export function formatMinutes(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return '';
  if (minutes < 0) return '';
  if (minutes === 0) return '0 min';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = Math.round(minutes % 60);
  const parts: string[] = [];
  if (days > 0) parts.push(`${days} d`);
  if (hours > 0) parts.push(`${hours} h`);
  if (mins > 0) parts.push(`${mins} min`);
  return parts.join(' ');
}

export type PeopleIndex = ReadonlyMap<string, string>;

export function peopleIndex(...lists: ReadonlyArray<readonly Person[]>): Map<string, string> {
  const index = new Map<string, string>();
  for (const list of lists) for (const p of list) index.set(p.accountId, p.displayName);
  return index;
}

/** The display name of an account, or the account id when the view does not name it. */
export function nameOf(people: PeopleIndex, accountId: string | null | undefined): string {
  if (!accountId) return '—';
  return people.get(accountId) ?? accountId;
}

/** Replaces account ids in a rule's message by display names ("Carlos Ibáñez holds …"), as the server does. */
export function humanise(text: string, people: PeopleIndex): string {
  let out = text;
  for (const [accountId, displayName] of people) if (accountId) out = out.split(accountId).join(displayName);
  return out;
}

/** A fresh id for a new list row (pre-approved template). */
export function newId(prefix: string): string {
  const uuid = typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  return `${prefix}-${uuid}`;
}
