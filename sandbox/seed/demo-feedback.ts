import type { FeedbackEntry } from '../../src/domain/feedback/log';
import { seedFeedbackWrites, type Write } from '../../src/store/seed';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The demo's feedback (issue #14): three entries of the feedback log (WP.06) as the app writes them — a complaint Carla
 * sent through the portal, a compliment Chen gave by phone, a comment from the supplier — and Carla's satisfaction
 * rating of a resolved incident. The customer experience approach (WP.04) is not approved yet: the demo shows GO-09
 * (feedback is recorded, handled once Rachel drafts the approach and Max approves it).
 */
export function feedbackDemoWrites(now: number, people: { carla: string; chen: string; sam: string; priya: string; rachel: string }, rated: { issueId: string; issueKey: string; resolvedAt: number }): Write[] {
  const iso = (ms: number) => new Date(ms).toISOString();
  const contact = (name: string, email: string, company: string, phone = '', specialNeeds = '') => ({ name, email, phone, company, specialNeeds });
  const entries: FeedbackEntry[] = [
    {
      id: 'FB-1', seq: 1, kind: 'complaint', from: 'customer', organization: { id: '1', name: 'Northwind Traders' }, contact: contact('Carla Jones', 'carla@northwind.example', 'Northwind Traders'),
      description: 'During the e-mail outage nobody told us how long it would take; our sales team waited all morning.', receivedAt: iso(now - 2 * HOUR), channel: 'portal',
      issueKey: null, recordedBy: people.carla, recordedAt: iso(now - 2 * HOUR), submittedBy: people.carla, steps: [],
    },
    {
      id: 'FB-2', seq: 2, kind: 'compliment', from: 'customer', organization: { id: '2', name: 'Globex' }, contact: contact('Chen Wei', 'chen@globex.example', 'Globex', '+65 6123 4567'),
      description: 'Thanks to Priya for restoring the backup so quickly last week.', receivedAt: iso(now - 3 * DAY), channel: 'phone',
      issueKey: null, recordedBy: people.priya, recordedAt: iso(now - 3 * DAY + HOUR), submittedBy: null, steps: [],
    },
    {
      id: 'FB-3', seq: 3, kind: 'comment', from: 'supplier', organization: null, contact: contact('Sam Okafor', 'sam@nethost.example', 'NetHost', '', 'Prefers e-mail (hard of hearing)'),
      description: 'Please send maintenance requests at least five working days ahead.', receivedAt: iso(now - 8 * DAY), channel: 'meeting',
      issueKey: null, recordedBy: people.rachel, recordedAt: iso(now - 8 * DAY + 2 * HOUR), submittedBy: null, steps: [],
    },
  ];
  return seedFeedbackWrites(entries, [
    { issueId: rated.issueId, issueKey: rated.issueKey, rater: people.carla, score: 4, comment: 'Restored within the day; a heads-up e-mail would have helped.', at: iso(rated.resolvedAt + 3 * HOUR), organizationId: '1' },
  ]);
}
