import { jiraFailure, openDemoSite, type DemoSite } from './demo-site';

const adf = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
const INTERNAL = [{ key: 'sd.public.comment', value: { internal: true } }];

/** JSM internal notes: the comment property `sd.public.comment = { internal: true }`, as Jira Service Management takes it. */
describe('comments: JSM internal notes', () => {
  let s: DemoSite;
  beforeEach(() => { s = openDemoSite(); });
  afterEach(() => s.close());

  it('stores an internal note and sends jsdPublic in the avi:jira:commented:issue payload', () => {
    const note = s.site.addComment(s.as('ines'), 'SD-1', { body: adf('Do not share yet.'), properties: INTERNAL });
    const reply = s.site.addComment(s.as('ines'), 'SD-1', { body: adf('We are on it.') });
    expect(note.jsdPublic).toBe(false);
    expect(reply.jsdPublic).toBe(true);
    const payloads = s.events.filter((e) => e.eventType === 'avi:jira:commented:issue').map((e) => e.payload.comment as Record<string, unknown>);
    expect(payloads).toEqual([
      expect.objectContaining({ id: note.id, jsdPublic: false, body: adf('Do not share yet.'), author: { accountId: s.as('ines').user.account_id } }),
      expect.objectContaining({ id: reply.id, jsdPublic: true }),
    ]);
  });

  it('treats a property value other than { internal: true } as public', () => {
    expect(s.site.addComment(s.as('ines'), 'SD-1', { body: adf('a'), properties: [{ key: 'sd.public.comment', value: { internal: false } }] }).jsdPublic).toBe(true);
    expect(s.site.addComment(s.as('ines'), 'SD-1', { body: adf('b'), properties: [{ key: 'other', value: { internal: true } }] }).jsdPublic).toBe(true);
  });

  it('refuses internal notes from customers (403) and hides agents\' notes from them', () => {
    expect(jiraFailure(() => s.site.addComment(s.as('carla'), 'SD-1', { body: adf('x'), properties: INTERNAL })).status).toBe(403);
    const note = s.site.addComment(s.as('ines'), 'SD-1', { body: adf('internal'), properties: INTERNAL });
    const seen = s.site.listComments(s.as('carla'), 'SD-1', 0, 100, undefined) as { comments: Array<{ id: string }> };
    expect(seen.comments.map((c) => c.id)).not.toContain(note.id);
  });

  it('takes the property in a transition\'s update.comment add as well', async () => {
    // SD-5 is Open; "Start work" (11) moves it to In progress.
    await s.site.doTransition(s.as('ines'), 'SD-5', { transition: { id: '11' }, update: { comment: [{ add: { body: adf('Escalated internally.'), properties: INTERNAL } }] } });
    const last = s.site.rows.comments(s.site.rows.issue('SD-5')!.id).at(-1)!;
    expect(last.is_public).toBe(0);
    const bad = await s.site.doTransition(s.as('ines'), 'SD-6', { transition: { id: '41' }, update: { comment: [{ add: { body: adf('x'), properties: 'internal' } }] } }).catch((e: unknown) => e as { status: number });
    expect(bad).toMatchObject({ status: 400 });
    expect(s.site.rows.status(s.site.rows.issue('SD-6')!.status_id).name).toBe('In progress'); // refused before anything changed
  });
});
