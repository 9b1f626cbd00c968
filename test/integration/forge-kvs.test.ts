import { kvs, WhereConditions, Sort, FilterConditions, Filter } from '@forge/kvs';
import { actAsForgeRuntime } from './forge-globals';
import { withSandbox } from './harness';

/** The real @forge/kvs client against the sandbox over HTTP, and persistence across a restart. */
describe('Forge KVS through the sandbox', () => {
  let env: Awaited<ReturnType<typeof withSandbox>>;
  beforeAll(async () => {
    env = await withSandbox();
    await actAsForgeRuntime(env.sandbox.url);
  });
  afterAll(async () => { await env?.stop(); });

  it('sets, gets, queries and deletes plain keys', async () => {
    await kvs.set('policy:matrix', { levels: 3, cells: [['Critical']] });
    await kvs.set('policy:targets', { Critical: '4h' });
    expect(await kvs.get('policy:matrix')).toEqual({ levels: 3, cells: [['Critical']] });
    const page = await kvs.query().where('key', WhereConditions.beginsWith('policy:')).limit(10).getMany();
    expect(page.results.map((r) => r.key)).toEqual(['policy:matrix', 'policy:targets']);
    await kvs.delete('policy:targets');
    expect(await kvs.get('policy:targets')).toBeUndefined();
  });

  it('refuses to overwrite with FAIL_IF_EXISTS, with Forge’s error', async () => {
    await kvs.set('marker:event-1', true, { keyPolicy: 'FAIL_IF_EXISTS' });
    await expect(kvs.set('marker:event-1', true, { keyPolicy: 'FAIL_IF_EXISTS' })).rejects.toMatchObject({ code: 'KEY_CONFLICT' });
  });

  it('queries a custom entity by index and commits a conditional transaction atomically', async () => {
    const audit = kvs.entity<{ workProduct: string; at: number; actor: string; action: string }>('audit-event');
    await audit.set('a1', { workProduct: 'TEST.A', at: 100, actor: 'sofia', action: 'approved' });
    await audit.set('a2', { workProduct: 'TEST.A', at: 200, actor: 'sofia', action: 'updated' });
    await audit.set('a3', { workProduct: 'TEST.B', at: 150, actor: 'carlos', action: 'drafted' });
    const wp08 = await audit.query().index('by-work-product', { partition: ['TEST.A'] }).where(WhereConditions.greaterThan(50)).sort(Sort.DESC).getMany();
    expect(wp08.results.map((r) => r.key)).toEqual(['a2', 'a1']);
    const filtered = await audit.query().index('by-work-product', { partition: ['TEST.A'] }).filters(new Filter<{ workProduct: string; at: number; actor: string; action: string }>().and('action', FilterConditions.equalTo('approved'))).getMany();
    expect(filtered.results.map((r) => r.key)).toEqual(['a1']);

    await kvs.transact()
      .set('a4', { workProduct: 'TEST.A', at: 300, actor: 'sofia', action: 'approved' }, { entityName: 'audit-event' })
      .set('roles:version', 2)
      .execute();
    expect(await audit.get('a4')).toMatchObject({ at: 300 });
    expect(await kvs.get('roles:version')).toBe(2);

    // A failing check leaves nothing written.
    await expect(kvs.transact()
      .set('roles:version', 3)
      .check('a4', { entityName: 'audit-event', conditions: new Filter<{ at: number }>().and('at', FilterConditions.equalTo(999)) })
      .execute()).rejects.toBeDefined();
    expect(await kvs.get('roles:version')).toBe(2);
  });

  it('keeps values across a sandbox restart', async () => {
    await kvs.set('survivor', { note: 'still here' });
    const dataDir = env.dataDir;
    await env.stop(true);
    env = await withSandbox({ dataDir });
    await actAsForgeRuntime(env.sandbox.url);
    expect(await kvs.get('survivor')).toEqual({ note: 'still here' });
    expect(await kvs.get('policy:matrix')).toEqual({ levels: 3, cells: [['Critical']] });
  });
});
