/**
 * The app-storage protocol of ADR 010, through the real Forge SDK (@forge/kvs) against the sandbox's KVS: evaluations
 * never go backwards, a fact is recorded once whoever races for it, claims carry an owner and a lease, and a work
 * mark is cleared only by the run that owns it.
 */
import { fixtureIncidentState } from '../fixtures/incident-state';
import { dueWork, finishWork, loadRecord, markWork, recordFactOnce, saveEvaluation, takeWork } from '../../src/store/incident-records';
import { claimLedger } from '../../src/store/ledger';
import { sameIncidentState } from '../../src/domain/incident/issue-index';
import { actAsForgeRuntime } from './forge-globals';
import { withSandbox } from './harness';

type Env = Awaited<ReturnType<typeof withSandbox>>;
const MIN = 60_000;

describe('app storage of incidents (ADR 010)', () => {
  let env: Env;
  beforeAll(async () => { env = await withSandbox(); await actAsForgeRuntime(env.sandbox.url); });
  afterAll(async () => { await env.stop(); });

  const T0 = Date.parse('2026-12-01T08:00:00.000Z');
  const record = (issueId: string, mark: string, evaluatedAt: number, priority: string) => ({
    issueId, issueKey: `SD-${issueId}`, projectKey: 'SD', mark, evaluatedAt, trackedSince: new Date(T0).toISOString(), createdAt: T0, dueAt: T0 + 4 * 60 * MIN,
    state: fixtureIncidentState(T0, { priority, services: [], cis: [], cycles: [], evaluatedAfter: evaluatedAt - T0 }),
  });

  it('an evaluation of an older snapshot never replaces one of a newer snapshot, whatever order they arrive in', async () => {
    const newer = record('9001', '000001796112000100:000000003', T0 + 10 * MIN, 'Critical');
    const older = record('9001', '000001796112000050:000000002', T0 + 20 * MIN, 'Normal');
    expect(await saveEvaluation(newer, sameIncidentState)).toMatchObject({ stored: true });
    expect(await saveEvaluation(older, sameIncidentState)).toMatchObject({ stored: false, reason: 'newer' });
    expect((await loadRecord('9001'))?.state.priority.value).toBe('Critical');
    // The same snapshot evaluated later (a deadline passed meanwhile) is newer.
    const later = record('9001', newer.mark, T0 + 30 * MIN, 'High');
    expect(await saveEvaluation(later, sameIncidentState)).toMatchObject({ stored: true });
    expect((await loadRecord('9001'))?.state.priority.value).toBe('High');
  });

  it('of ten people recording the same fact at once, exactly one records it; the others learn whose it is', async () => {
    const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => recordFactOnce('9002', 'majorIncidentManager', { accountId: `acc-${i}`, displayName: `Person ${i}`, namedAt: new Date(T0).toISOString() })));
    const won = outcomes.filter((o) => o.recorded);
    expect(won).toHaveLength(1);
    const winner = won[0]!.facts.majorIncidentManager!.accountId;
    for (const o of outcomes) if (!o.recorded) expect(o.existing.accountId).toBe(winner);
  });

  it('a claim is exclusive while its lease runs and is taken over, once, after it', async () => {
    const rec = { key: 'incident-restored#1', event: 'incident-restored' as const, cycle: 1, at: new Date(T0).toISOString(), commentId: null };
    expect((await claimLedger('comm', '9003', rec.key, rec, 'run-a', T0)).status).toBe('claimed');
    expect((await claimLedger('comm', '9003', rec.key, rec, 'run-b', T0 + 30_000)).status).toBe('busy');
    const takeovers = await Promise.all(['run-b', 'run-c', 'run-d'].map((owner) => claimLedger('comm', '9003', rec.key, rec, owner, T0 + 2 * MIN)));
    expect(takeovers.filter((t) => t.status === 'claimed')).toHaveLength(1);
    expect(takeovers.filter((t) => t.status === 'claimed' && t.resumed)).toHaveLength(1);
  });

  it('a work mark is cleared only by the run that owns it; a mark another run re-made stays for the scan', async () => {
    const ref = { issueId: '9004', issueKey: 'SD-9004', projectKey: 'SD' };
    await markWork(ref, 'run-a', T0);
    await markWork(ref, 'run-b', T0 + 1000);
    expect(await finishWork('9004', 'run-a')).toBe(false);
    expect((await dueWork(T0 + 2 * MIN, 100)).map((w) => w.issueId)).toContain('9004');
    const mark = (await dueWork(T0 + 2 * MIN, 100)).find((w) => w.issueId === '9004')!;
    const [first, second] = await Promise.all([takeWork(mark, 'scan-1', T0 + 2 * MIN), takeWork(mark, 'scan-2', T0 + 2 * MIN)]);
    expect([first, second].filter(Boolean)).toHaveLength(1);
    const owner = (first ?? second)!.owner;
    expect(await finishWork('9004', owner)).toBe(true);
    expect((await dueWork(T0 + 10 * MIN, 100)).map((w) => w.issueId)).not.toContain('9004');
  });
});
