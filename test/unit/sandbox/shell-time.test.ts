import { DEMO_USERS } from '../../../sandbox/seed/demo';
import { bcp47, formatInstant, wallTimeToIso } from '../../../sandbox/shell/src/time';

/** The shell shows every instant in the acting user's Jira time zone and locale (issue #12 §3). */
const viewer = (key: string) => {
  const u = DEMO_USERS.find((x) => x.key === key)!;
  return { timeZone: u.tz, locale: u.locale };
};

describe('the shell’s instants in the viewer’s zone and locale', () => {
  const instant = '2026-12-04T19:45:00.000Z';

  it('shows Carla London time and Priya Kolkata time for the same instant', () => {
    expect(viewer('carla')).toEqual({ timeZone: 'Europe/London', locale: 'en_GB' });
    expect(viewer('priya')).toEqual({ timeZone: 'Asia/Kolkata', locale: 'en_IN' });
    const carla = formatInstant(instant, viewer('carla'));
    const priya = formatInstant(instant, viewer('priya'));
    expect(carla).toContain('19:45');
    expect(carla).toContain('4 Dec 2026');
    // 19:45 UTC is 01:15 the next day in Kolkata (UTC+5:30).
    expect(priya).toMatch(/5 Dec 2026.*1:15/);
    expect(priya).not.toContain('19:45');
  });

  it('reads Jira’s own date-time form (+0000) and names the zone in the header clock', () => {
    expect(formatInstant('2026-12-04T19:45:00.000+0000', viewer('carla'))).toBe(formatInstant(instant, viewer('carla')));
    expect(formatInstant(instant, viewer('carla'), { zone: true })).toMatch(/GMT|UTC/);
    expect(formatInstant(instant, viewer('rachel'), { zone: true })).toMatch(/2:45\s?PM EST/);
  });

  it('shapes the date by the locale: Rachel (en_US) month first, Max (de_DE) day first with dots', () => {
    expect(formatInstant(instant, viewer('rachel'))).toMatch(/^Dec 4, 2026/);
    expect(formatInstant(instant, viewer('max'))).toMatch(/^4\. Dez\. 2026, 20:45$/);
  });

  it('keeps text that is not an instant, and shows a dash for none', () => {
    expect(formatInstant('soon', viewer('carla'))).toBe('soon');
    expect(formatInstant(null, viewer('carla'))).toBe('—');
    expect(bcp47('en_GB')).toBe('en-GB');
  });

  it('falls back to UTC, named, for a zone Intl does not know', () => {
    expect(formatInstant(instant, { timeZone: 'Mars/Olympus', locale: 'en_GB' })).toMatch(/19:45.*UTC/);
  });
});

describe('a wall time typed in the Create dialog', () => {
  it('is read in the viewer’s zone: 09:30 for Priya is 04:00 UTC, for Carla 09:30 UTC in December', () => {
    expect(wallTimeToIso('2026-12-05T09:30', 'Asia/Kolkata')).toBe('2026-12-05T04:00:00.000Z');
    expect(wallTimeToIso('2026-12-05T09:30', 'Europe/London')).toBe('2026-12-05T09:30:00.000Z');
    expect(wallTimeToIso('2026-07-05T09:30', 'Europe/Berlin')).toBe('2026-07-05T07:30:00.000Z');
    expect(wallTimeToIso('tomorrow', 'Europe/Berlin')).toBeNull();
  });
});
