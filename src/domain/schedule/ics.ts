/**
 * The change schedule (WP.12) as an iCalendar file (RFC 5545), for people's own calendars: one VEVENT per period
 * occurrence and per scheduled change, times in UTC. The reader of holiday files is src/domain/sla/ics.ts; this is
 * the writer.
 *
 * - Lines end in CRLF and are folded at 75 octets (UTF-8, never inside a character; RFC 5545 §3.1).
 * - TEXT values escape backslash, semicolon, comma and newlines (§3.3.11).
 * - UID is stable per event (the same event keeps its UID across exports, so calendars update instead of duplicating).
 */

export interface IcsEvent {
  uid: string;
  start: number;
  end: number;
  summary: string;
  description: string;
  categories: readonly string[];
  url?: string;
}

export interface IcsCalendar { name: string; events: readonly IcsEvent[]; now: number }

const PRODID = '-//29110 Service Delivery//Change schedule//EN';

/** `20261205T200000Z`. */
export function icsUtc(t: number): string {
  return new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** A TEXT value (§3.3.11): `\` `;` `,` escaped, newlines as `\n`. */
export function icsText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();

/** One content line folded at 75 octets: continuation lines start with one space (which counts in their 75). */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let size = 0;
  let limit = 75;
  for (const ch of line) {
    const n = encoder.encode(ch).length;
    if (size + n > limit) {
      parts.push(current);
      current = '';
      size = 0;
      limit = 74;
    }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** The calendar file, CRLF line ends, events in the order given. */
export function writeIcs(cal: IcsCalendar): string {
  const stamp = icsUtc(cal.now);
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${PRODID}`, 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${icsText(cal.name)}`];
  for (const e of cal.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${icsText(e.uid)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${icsUtc(e.start)}`,
      `DTEND:${icsUtc(Math.max(e.end, e.start))}`,
      `SUMMARY:${icsText(e.summary)}`,
      `DESCRIPTION:${icsText(e.description)}`,
      ...(e.categories.length ? [`CATEGORIES:${e.categories.map(icsText).join(',')}`] : []),
      ...(e.url ? [`URL:${e.url}`] : []),
      'TRANSP:OPAQUE',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
