import { formatWhen, setViewerTime } from '../../../static/src/admin/format';
import { setupRunRow } from '../../../static/src/admin/history';
import { countOf, splitRefs } from '../../../static/src/admin/words';

/** Issue #12 §2, §3, §7: what the admin page and the global page say, in words and in the viewer's time. */
describe('admin page words', () => {
  it('takes clause and decision ids out of a sentence, for the muted "Why?" line', () => {
    expect(splitRefs('Information security, availability: describe the measures before approval (GO-08, SEC-01).')).toEqual({
      text: 'Information security, availability: describe the measures before approval.', refs: ['GO-08', 'SEC-01'],
    });
    expect(splitRefs('Only the Service Manager approves the list of assigned roles (GO.1.2, D6).')).toEqual({ text: 'Only the Service Manager approves the list of assigned roles.', refs: ['GO.1.2', 'D6'] });
    expect(splitRefs('Change status (CO)').text).toBe('Change status');
    // Words in brackets stay.
    expect(splitRefs('Holds Control Manager (CM) and practises (in area IN).').text).toBe('Holds Control Manager (CM) and practises (in area IN).');
  });

  it('counts in words: "1 issue", "4 issues"', () => {
    expect(countOf(1, 'issue', 'issues')).toBe('1 issue');
    expect(countOf(4, 'issue', 'issues')).toBe('4 issues');
  });

  it('shows an instant in the viewer’s Jira zone and locale, never as a raw timestamp', () => {
    setViewerTime({ locale: 'en_GB', timezone: 'Europe/London' });
    expect(formatWhen('2026-12-04T21:16:59.552Z')).toBe('4 Dec 2026, 21:16');
    setViewerTime({ locale: 'de-DE', timezone: 'Europe/Berlin' });
    expect(formatWhen('2026-12-04T21:16:59.552Z')).toBe('04.12.2026, 22:16');
    setViewerTime({ locale: 'en-US', timezone: 'Asia/Singapore' });
    expect(formatWhen('2026-12-04T21:16:59.552Z')).toBe('Dec 5, 2026, 5:16 AM');
  });

  it('lists a setup wizard run in the history, in a sentence', () => {
    const row = setupRunRow({
      projectKey: 'SD', startedAt: '2026-12-04T20:00:00.000Z', startedBy: 'sofia', finishedAt: '2026-12-04T20:01:00.000Z',
      steps: [{ id: 'a', title: 'Create the issue type "Incident"', status: 'done', message: 'Created.', at: '2026-12-04T20:00:10.000Z' }],
    });
    expect(row).toMatchObject({ kind: 'setup', action: 'Setup wizard run', actor: 'sofia', summary: 'Project SD: 1 step done; finished.' });
  });
});
