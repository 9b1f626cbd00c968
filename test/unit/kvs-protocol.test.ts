/**
 * The sandbox Forge KVS / Custom Entity Store server, driven through the real,
 * unmodified `@forge/kvs` client. The client resolves `global.__forge_fetch__`
 * lazily at call time (and, without `__forge_runtime__.kvs.url`, uses the plain
 * `{ type: 'kvs', provider: 'app', remote: 'kvs' }` target), so installing the
 * global before the first call is enough.
 */
import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { kvs, ForgeKvsAPIError, WhereConditions, FilterConditions, Filter, Sort, MetadataField } from '@forge/kvs';
import { ForgeKvsStore } from '../../sandbox/forge/kvs';
import type { EntityDeclaration } from '../../sandbox/forge/kvs';

const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);
let clock = T0;
let db: Database.Database;
let store: ForgeKvsStore;
const calls: Array<{ target: unknown; path: string }> = [];

type ForgeFetch = (target: unknown, path: string, init?: { body?: unknown }) => Promise<Response>;
(globalThis as unknown as { __forge_fetch__: ForgeFetch }).__forge_fetch__ = async (target, p, init) => {
  calls.push({ target, path: p });
  const r = store.handle(p, init?.body ? (JSON.parse(String(init.body)) as unknown) : undefined, clock);
  return new Response(r.body === undefined ? null : JSON.stringify(r.body), {
    status: r.status,
    headers: { 'content-type': 'application/json', ...r.headers },
  });
};

const ENTITIES: EntityDeclaration[] = [
  {
    name: 'task',
    attributes: {
      project: { type: 'string' },
      title: { type: 'string' },
      priority: { type: 'integer' },
      estimate: { type: 'float' },
      done: { type: 'boolean' },
      tags: { type: 'any' },
    },
    indexes: ['title', { name: 'by-project', partition: ['project'], range: ['priority'] }],
  },
  {
    name: 'audit-event',
    attributes: { workProduct: { type: 'string' }, at: { type: 'integer' }, actor: { type: 'string' }, action: { type: 'string' } },
    indexes: [{ name: 'by-work-product', partition: ['workProduct'], range: ['at'] }],
  },
];

interface Task {
  project?: string;
  title?: string;
  priority?: number;
  estimate?: number;
  done?: boolean;
  tags?: unknown;
}

async function errorOf(p: Promise<unknown>): Promise<ForgeKvsAPIError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ForgeKvsAPIError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

beforeEach(() => {
  clock = T0;
  calls.length = 0;
  db = new Database(':memory:');
  store = new ForgeKvsStore(db, ENTITIES);
});

afterEach(() => {
  db.close();
});

describe('plain keys', () => {
  it('round-trips strings, numbers, booleans, arrays and objects, and deletes', async () => {
    await kvs.set('s', 'hello');
    await kvs.set('n', 42.5);
    await kvs.set('b', false);
    await kvs.set('a', [1, 'two', { three: 3 }]);
    await kvs.set('o', { nested: { list: [1, 2], ok: true } });
    expect(await kvs.get('s')).toBe('hello');
    expect(await kvs.get('n')).toBe(42.5);
    expect(await kvs.get('b')).toBe(false);
    expect(await kvs.get('a')).toEqual([1, 'two', { three: 3 }]);
    expect(await kvs.get('o')).toEqual({ nested: { list: [1, 2], ok: true } });
    await kvs.set('s', 'again');
    expect(await kvs.get('s')).toBe('again');
    await kvs.delete('s');
    expect(await kvs.get('s')).toBeUndefined();
    expect(calls[0]).toEqual({ target: { type: 'kvs', provider: 'app', remote: 'kvs' }, path: '/api/v1/set' });
  });

  it('answers a missing key with undefined and deleting it is harmless', async () => {
    expect(await kvs.get('nope')).toBeUndefined();
    await expect(kvs.delete('nope')).resolves.toBeUndefined();
    expect(store.handle('/api/v1/get', { key: 'nope' }, clock)).toEqual({
      status: 404,
      body: { code: 'KEY_NOT_FOUND', message: 'Provided key does not exist' },
    });
  });

  it('refuses FAIL_IF_EXISTS on an existing key with KEY_CONFLICT and keeps the value', async () => {
    await kvs.set('lock', 'first', { keyPolicy: 'FAIL_IF_EXISTS' });
    const err = await errorOf(kvs.set('lock', 'second', { keyPolicy: 'FAIL_IF_EXISTS' }));
    expect(err.code).toBe('KEY_CONFLICT');
    expect(err.responseDetails.status).toBe(409);
    expect(await kvs.get('lock')).toBe('first');
    await kvs.set('lock', 'third', { keyPolicy: 'OVERRIDE' });
    expect(await kvs.get('lock')).toBe('third');
  });

  it('returns the PREVIOUS or LATEST value with the metadata asked for', async () => {
    expect(await kvs.set('k', 'v1', { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' })).toBeUndefined();
    clock = T0 + 5000;
    const prev = await kvs.set('k', 'v2', {
      keyPolicy: 'OVERRIDE',
      returnValue: 'PREVIOUS',
      returnMetadataFields: [MetadataField.CREATED_AT, MetadataField.UPDATED_AT],
    });
    expect(prev).toEqual({ key: 'k', value: 'v1', createdAt: T0, updatedAt: T0 });
    clock = T0 + 9000;
    const latest = await kvs.set('k', 'v3', { keyPolicy: 'OVERRIDE', returnValue: 'LATEST', returnMetadataFields: [MetadataField.UPDATED_AT] });
    expect(latest).toEqual({ key: 'k', value: 'v3', updatedAt: T0 + 9000 });
  });

  it('expires a key after its TTL by the sandbox clock', async () => {
    await kvs.set('session', { user: 'u1' }, { ttl: { value: 60, unit: 'SECONDS' } });
    await kvs.set('forever', 1);
    const meta = await kvs.get('session', { metadataFields: [MetadataField.EXPIRE_TIME] });
    expect(meta).toEqual({ key: 'session', value: { user: 'u1' }, expireTime: new Date(T0 + 60_000).toISOString() });
    clock = T0 + 59_999;
    expect(await kvs.get('session')).toEqual({ user: 'u1' });
    clock = T0 + 60_000;
    expect(await kvs.get('session')).toBeUndefined();
    expect((await kvs.query().getMany()).results.map((r) => r.key)).toEqual(['forever']);
    // an expired key no longer blocks FAIL_IF_EXISTS, and is a fresh key again
    await kvs.set('session', 'new', { keyPolicy: 'FAIL_IF_EXISTS' });
    expect(await kvs.get('session', { metadataFields: [MetadataField.CREATED_AT] })).toEqual({ key: 'session', value: 'new', createdAt: T0 + 60_000 });
    await kvs.set('d', 'x', { ttl: { value: 2, unit: 'DAYS' } });
    clock += 2 * 86_400_000 - 1;
    expect(await kvs.get('d')).toBe('x');
    clock += 1;
    expect(await kvs.get('d')).toBeUndefined();
  });

  it('keeps createdAt and moves updatedAt on overwrite', async () => {
    await kvs.set('m', 1);
    clock = T0 + 1234;
    await kvs.set('m', 2);
    const r = await kvs.get('m', { metadataFields: [MetadataField.CREATED_AT, MetadataField.UPDATED_AT, MetadataField.EXPIRE_TIME] });
    expect(r).toEqual({ key: 'm', value: 2, createdAt: T0, updatedAt: T0 + 1234, expireTime: undefined });
  });

  it('enforces key and value limits with Forge error codes', async () => {
    await kvs.set('k'.repeat(500), 'ok');
    expect(await kvs.get('k'.repeat(500))).toBe('ok');
    expect((await errorOf(kvs.set('k'.repeat(501), 'x'))).code).toBe('KEY_TOO_LONG');
    expect((await errorOf(kvs.set('a/b', 'x'))).code).toBe('INVALID_KEY');
    expect((await errorOf(kvs.set('   ', 'x'))).code).toBe('INVALID_KEY');
    expect((await errorOf(kvs.set('', 'x'))).code).toBe('KEY_TOO_SHORT');
    await kvs.set('with space:and.dots_-#', 'ok');
    expect(await kvs.get('with space:and.dots_-#')).toBe('ok');

    const big = 'x'.repeat(240 * 1024);
    const sizeErr = await errorOf(kvs.set('big', big));
    expect(sizeErr.code).toBe('MAX_SIZE');
    expect(sizeErr.responseDetails.status).toBe(400);
    await kvs.set('almost', 'x'.repeat(240 * 1024 - 2)); // JSON adds the two quotes
    expect(await kvs.get('big')).toBeUndefined();

    const nest = (depth: number): unknown => (depth === 0 ? 'leaf' : { d: nest(depth - 1) });
    await kvs.set('deep31', nest(31));
    expect((await errorOf(kvs.set('deep32', nest(32)))).code).toBe('MAX_DEPTH');
    expect((await errorOf(kvs.set('ttl', 1, { ttl: { value: 0, unit: 'SECONDS' } }))).code).toBe('BAD_REQUEST');
  });

  it('queries by key prefix with limit and cursor paging', async () => {
    for (let i = 0; i < 45; i += 1) await kvs.set(`item:${String(i).padStart(2, '0')}`, i);
    await kvs.set('other:1', 'no');
    await kvs.set('itex', 'no');

    const seen: string[] = [];
    let cursor: string | undefined;
    const pageSizes: number[] = [];
    do {
      let q = kvs.query().where('key', WhereConditions.beginsWith('item:')).limit(20);
      if (cursor !== undefined) q = q.cursor(cursor);
      const page = await q.getMany<number>();
      pageSizes.push(page.results.length);
      for (const r of page.results) {
        expect(r.value).toBe(Number(r.key.slice(5)));
        seen.push(r.key);
      }
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    expect(pageSizes).toEqual([20, 20, 5]);
    expect(seen).toEqual(Array.from({ length: 45 }, (_, i) => `item:${String(i).padStart(2, '0')}`));

    const firstPage = await kvs.query().getMany();
    expect(firstPage.results).toHaveLength(10); // default limit
    expect(firstPage.nextCursor).toEqual(expect.any(String));
    expect(await kvs.query().where('key', WhereConditions.beginsWith('other')).getOne()).toEqual({ key: 'other:1', value: 'no' });
    expect((await errorOf(kvs.query().limit(21).getMany())).code).toBe('BAD_REQUEST');
    expect((await errorOf(kvs.query().cursor('garbage').getMany())).code).toBe('INVALID_CURSOR');
  });

  it('returns expireTime in query results only when asked', async () => {
    await kvs.set('q:1', 'a', { ttl: { value: 1, unit: 'HOURS' } });
    await kvs.set('q:2', 'b');
    expect((await kvs.query().where('key', WhereConditions.beginsWith('q:')).getMany()).results).toEqual([
      { key: 'q:1', value: 'a' },
      { key: 'q:2', value: 'b' },
    ]);
    const withMeta = await kvs.query({ metadataFields: [MetadataField.EXPIRE_TIME] }).where('key', WhereConditions.beginsWith('q:')).getMany();
    expect(withMeta.results).toEqual([{ key: 'q:1', value: 'a', expireTime: new Date(T0 + 3_600_000).toISOString() }, { key: 'q:2', value: 'b' }]);
  });
});

describe('secrets', () => {
  it('are stored apart from plain keys and never queried', async () => {
    await kvs.setSecret('token', { secret: 's3cr3t' });
    await kvs.set('token', 'public');
    expect(await kvs.getSecret('token')).toEqual({ secret: 's3cr3t' });
    expect(await kvs.get('token')).toBe('public');
    expect((await kvs.query().getMany()).results).toEqual([{ key: 'token', value: 'public' }]);
    await kvs.deleteSecret('token');
    expect(await kvs.getSecret('token')).toBeUndefined();
    expect(await kvs.get('token')).toBe('public');
    expect((await errorOf(kvs.setSecret('x'.repeat(501), 1))).code).toBe('KEY_TOO_LONG');
    await kvs.setSecret('api', 'k1', { keyPolicy: 'FAIL_IF_EXISTS' });
    expect((await errorOf(kvs.setSecret('api', 'k2', { keyPolicy: 'FAIL_IF_EXISTS' }))).code).toBe('KEY_CONFLICT');
  });
});

describe('batch operations', () => {
  it('reports per-item success and failure for set, get and delete', async () => {
    const set = await kvs.batchSet<unknown>([
      { key: 'b1', value: 'one' },
      { key: 'b2', value: { two: 2 }, options: { ttl: { value: 10, unit: 'MINUTES' } } },
      { key: 'bad/key', value: 'x' },
      { key: 't1', value: { title: 'Write spec', priority: 2 }, entityName: 'task' },
      { key: 't2', value: { title: 'Bad', priority: 'high' }, entityName: 'task' },
      { key: 'x1', value: 1, entityName: 'nonexistent' },
    ]);
    expect(set.successfulKeys).toEqual([{ key: 'b1' }, { key: 'b2' }, { key: 't1', entityName: 'task' }]);
    expect(set.failedKeys).toEqual([
      { key: 'bad/key', error: { code: 'INVALID_KEY', message: expect.any(String) } },
      { key: 't2', entityName: 'task', error: { code: 'INVALID_ATTRIBUTE_TYPE', message: expect.any(String) } },
      { key: 'x1', entityName: 'nonexistent', error: { code: 'INVALID_ENTITY_TYPE', message: expect.any(String) } },
    ]);

    const got = await kvs.batchGet([{ key: 'b1' }, { key: 'b2' }, { key: 'missing' }, { key: 't1', entityName: 'task' }]);
    expect(got.successfulKeys).toEqual([
      { key: 'b1', value: 'one' },
      { key: 'b2', value: { two: 2 } },
      { key: 't1', entityName: 'task', value: { title: 'Write spec', priority: 2 } },
    ]);
    expect(got.failedKeys).toEqual([{ key: 'missing', error: { code: 'KEY_NOT_FOUND', message: expect.any(String) } }]);

    const del = await kvs.batchDelete([{ key: 'b1' }, { key: 'missing' }, { key: 't1', entityName: 'task' }]);
    expect(del.successfulKeys).toEqual([{ key: 'b1' }, { key: 't1', entityName: 'task' }]);
    expect(del.failedKeys).toEqual([{ key: 'missing', error: { code: 'KEY_NOT_FOUND', message: expect.any(String) } }]);
    expect(await kvs.get('b1')).toBeUndefined();
    expect(await kvs.entity<Task>('task').get('t1')).toBeUndefined();
  });

  it('refuses empty batches, more than 25 keys and repeated keys as a whole', async () => {
    expect((await errorOf(kvs.batchSet([]))).code).toBe('BAD_REQUEST');
    const many = Array.from({ length: 26 }, (_, i) => ({ key: `k${i}`, value: i }));
    expect((await errorOf(kvs.batchSet(many))).code).toBe('BAD_REQUEST');
    expect((await kvs.batchSet(many.slice(0, 25))).successfulKeys).toHaveLength(25);
    expect((await errorOf(kvs.batchGet([{ key: 'k1' }, { key: 'k1' }]))).code).toBe('BAD_REQUEST');
    // the same key in a different entity is a different item
    expect((await kvs.batchGet([{ key: 'k1' }, { key: 'k1', entityName: 'task' }])).failedKeys).toHaveLength(1);
  });
});

describe('custom entities', () => {
  const tasks = kvs.entity<Task>('task');

  async function seed(): Promise<void> {
    const rows: Array<[string, Task]> = [
      ['a1', { project: 'alpha', title: 'Design', priority: 3, estimate: 1.5, done: false, tags: ['ux'] }],
      ['a2', { project: 'alpha', title: 'Build', priority: 1, estimate: 8, done: false, tags: ['dev', 'core'] }],
      ['a3', { project: 'alpha', title: 'Test', priority: 2, estimate: 3, done: true }],
      ['a4', { project: 'alpha', title: 'Deploy', priority: 5, done: false, tags: ['ops'] }],
      ['a5', { project: 'alpha', title: 'Document', priority: 4, estimate: 2, done: true, tags: ['docs'] }],
      ['a6', { project: 'alpha', title: 'Backlog idea' }], // no priority: not in by-project
      ['b1', { project: 'beta', title: 'Beta work', priority: 1 }],
    ];
    for (const [k, v] of rows) await tasks.set(k, v);
  }

  it('gets, sets and deletes entity values with metadata', async () => {
    await tasks.set('t1', { project: 'p', title: 'T', priority: 1 });
    expect(await tasks.get('t1')).toEqual({ project: 'p', title: 'T', priority: 1 });
    expect(await tasks.get('t1', { metadataFields: [MetadataField.CREATED_AT] })).toEqual({
      key: 't1',
      value: { project: 'p', title: 'T', priority: 1 },
      createdAt: T0,
    });
    expect(await kvs.get('t1')).toBeUndefined(); // entities are not plain keys
    expect((await errorOf(tasks.set('t1', { title: 'again' }, { keyPolicy: 'FAIL_IF_EXISTS' }))).code).toBe('KEY_CONFLICT');
    await tasks.delete('t1');
    expect(await tasks.get('t1')).toBeUndefined();
  });

  it('refuses undeclared entities, undeclared attributes and type mismatches', async () => {
    const notDeclared = await errorOf(kvs.entity('ghost').set('k', { a: 1 }));
    expect(notDeclared.code).toBe('INVALID_ENTITY_TYPE');
    expect((await errorOf(kvs.entity('ab').get('k'))).code).toBe('ENTITY_TYPE_TOO_SHORT');
    const mismatch = await errorOf(tasks.set('k', { title: 'x', priority: 1.5 }));
    expect(mismatch.code).toBe('INVALID_ATTRIBUTE_TYPE');
    expect(mismatch.context).toMatchObject({ attribute: 'priority', expected: 'integer' });
    expect((await errorOf(tasks.set('k', { title: 7 } as unknown as Task))).code).toBe('INVALID_ATTRIBUTE_TYPE');
    expect((await errorOf(tasks.set('k', { done: 'yes' } as unknown as Task))).code).toBe('INVALID_ATTRIBUTE_TYPE');
    expect((await errorOf(tasks.set('k', { priority: 2 ** 31 }))).code).toBe('INVALID_ATTRIBUTE_TYPE');
    expect((await errorOf(tasks.set('k', { owner: 'me' } as unknown as Task))).code).toBe('INVALID_ATTRIBUTE');
    expect((await errorOf(kvs.entity('task').set('k', 'not an object'))).code).toBe('BAD_REQUEST');
    expect((await errorOf(tasks.set('', { title: 'x' }))).code).toBe('EMPTY_KEY');
    await tasks.set('k', { estimate: 3, tags: { any: ['thing'] } }); // an integral float and an `any` are fine
    expect(await tasks.get('k')).toEqual({ estimate: 3, tags: { any: ['thing'] } });
  });

  it('queries an index by partition and range, sorted, filtered and paged', async () => {
    await seed();
    const byProject = () => tasks.query().index('by-project', { partition: ['alpha'] });

    const asc = await byProject().getMany();
    expect(asc.results.map((r) => r.key)).toEqual(['a2', 'a3', 'a1', 'a5', 'a4']);
    expect(asc.nextCursor).toBeUndefined();
    const desc = await byProject().sort(Sort.DESC).getMany();
    expect(desc.results.map((r) => r.key)).toEqual(['a4', 'a5', 'a1', 'a3', 'a2']);
    expect(desc.results[0]).toEqual({ key: 'a4', value: { project: 'alpha', title: 'Deploy', priority: 5, done: false, tags: ['ops'] } });

    const keys = async (q: ReturnType<typeof byProject>): Promise<string[]> => (await q.getMany()).results.map((r) => r.key);
    expect(await keys(byProject().where(WhereConditions.between(2, 4)))).toEqual(['a3', 'a1', 'a5']);
    expect(await keys(byProject().where(WhereConditions.equalTo(3)))).toEqual(['a1']);
    expect(await keys(byProject().where(WhereConditions.greaterThan(3)))).toEqual(['a5', 'a4']);
    expect(await keys(byProject().where(WhereConditions.greaterThanEqualTo(3)))).toEqual(['a1', 'a5', 'a4']);
    expect(await keys(byProject().where(WhereConditions.lessThan(2)))).toEqual(['a2']);
    expect(await keys(byProject().where(WhereConditions.lessThanEqualTo(2)))).toEqual(['a2', 'a3']);

    const andFilter = new Filter<Task>().and('done', FilterConditions.equalTo(false)).and('tags', FilterConditions.exists());
    expect(await keys(byProject().filters(andFilter))).toEqual(['a2', 'a1', 'a4']);
    const orFilter = new Filter<Task>().or('tags', FilterConditions.contains('docs')).or('estimate', FilterConditions.notExists());
    expect(await keys(byProject().filters(orFilter))).toEqual(['a5', 'a4']);
    expect(await keys(byProject().filters(new Filter<Task>().and('title', FilterConditions.beginsWith('D'))))).toEqual(['a1', 'a5', 'a4']);
    expect(await keys(byProject().filters(new Filter<Task>().and('title', FilterConditions.contains('ui'))))).toEqual(['a2']);
    expect(await keys(byProject().filters(new Filter<Task>().and('title', FilterConditions.notContains('e'))))).toEqual(['a2']);
    expect(await keys(byProject().filters(new Filter<Task>().and('done', FilterConditions.notEqualTo(true))))).toEqual(['a2', 'a1', 'a4']);
    expect(await keys(byProject().filters(new Filter<Task>().and('estimate', FilterConditions.between(2, 3))))).toEqual(['a3', 'a5']);
    expect(
      await keys(byProject().where(WhereConditions.greaterThan(1)).filters(new Filter<Task>().and('estimate', FilterConditions.lessThanEqualTo(2)))),
    ).toEqual(['a1', 'a5']);

    // DESC paging with limit and cursor over the filtered set
    const paged: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      let q = byProject().where(WhereConditions.greaterThanEqualTo(1)).sort(Sort.DESC).limit(2);
      if (cursor !== undefined) q = q.cursor(cursor);
      const page = await q.getMany();
      paged.push(...page.results.map((r) => r.key));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== undefined);
    expect(paged).toEqual(['a4', 'a5', 'a1', 'a3', 'a2']);
    expect(pages).toBe(3);

    expect(await byProject().getOne()).toEqual({ key: 'a2', value: expect.objectContaining({ title: 'Build' }) });
    expect((await tasks.query().index('by-project', { partition: ['beta'] }).getMany()).results.map((r) => r.key)).toEqual(['b1']);
    // a string index without partition, beginsWith on the range
    const titles = await tasks.query().index('title').where(WhereConditions.beginsWith('D')).getMany();
    expect(titles.results.map((r) => r.value.title)).toEqual(['Deploy', 'Design', 'Document']);
  });

  it('refuses unknown indexes, missing partitions, undeclared filter attributes and bad limits', async () => {
    expect((await errorOf(tasks.query().index('nope').getMany())).code).toBe('INVALID_INDEX');
    expect((await errorOf(tasks.query().index('by-project').getMany())).code).toBe('BAD_REQUEST');
    const badFilter = new Filter<Record<string, unknown>>().and('owner', FilterConditions.exists());
    expect((await errorOf(kvs.entity<Record<string, unknown>>('task').query().index('title').filters(badFilter).getMany())).code).toBe(
      'INVALID_ATTRIBUTE',
    );
    expect((await errorOf(tasks.query().index('title').limit(101).getMany())).code).toBe('BAD_REQUEST');
    expect((await errorOf(tasks.query().index('title').cursor('bogus').getMany())).code).toBe('INVALID_CURSOR');
  });
});

describe('transactions', () => {
  const tasks = kvs.entity<Task>('task');

  it('commits several writes atomically', async () => {
    await kvs.set('old', 'gone soon');
    await tasks.set('t1', { title: 'Open', done: false });
    await kvs
      .transact()
      .set('k1', 'v1')
      .set('k2', { n: 2 }, undefined, { ttl: { value: 1, unit: 'MINUTES' } })
      .delete('old')
      .set('t2', { title: 'New', priority: 1 }, { entityName: 'task' })
      .check('t1', { entityName: 'task', conditions: new Filter<Task>().and('done', FilterConditions.equalTo(false)) })
      .execute();
    expect(await kvs.get('k1')).toBe('v1');
    expect(await kvs.get('k2')).toEqual({ n: 2 });
    expect(await kvs.get('old')).toBeUndefined();
    expect(await tasks.get('t2')).toEqual({ title: 'New', priority: 1 });
    clock = T0 + 60_000;
    expect(await kvs.get('k2')).toBeUndefined();
  });

  it('leaves everything unchanged when a check fails', async () => {
    await kvs.set('keep', 'original');
    await tasks.set('t1', { title: 'Closed', done: true });
    const err = await errorOf(
      kvs
        .transact()
        .set('keep', 'changed')
        .set('fresh', 'new')
        .delete('t9', { entityName: 'task' })
        .check('t1', { entityName: 'task', conditions: new Filter<Task>().and('done', FilterConditions.equalTo(false)) })
        .execute(),
    );
    expect(err.code).toBe('CONDITIONAL_CHECK_FAILED');
    expect(err.responseDetails.status).toBe(409);
    expect(err.context).toMatchObject({ operation: 'check', key: 't1', entityName: 'task' });
    expect(await kvs.get('keep')).toBe('original');
    expect(await kvs.get('fresh')).toBeUndefined();

    // conditional set/delete on entities: notExists holds for an absent item
    await kvs
      .transact()
      .set<Task>('t5', { title: 'Only once' }, { entityName: 'task', conditions: new Filter<Task>().and('title', FilterConditions.notExists()) })
      .execute();
    expect(await tasks.get('t5')).toEqual({ title: 'Only once' });
    const again = await errorOf(
      kvs
        .transact()
        .set<Task>('t5', { title: 'Twice' }, { entityName: 'task', conditions: new Filter<Task>().and('title', FilterConditions.notExists()) })
        .execute(),
    );
    expect(again.code).toBe('CONDITIONAL_CHECK_FAILED');
    await kvs
      .transact()
      .delete('t1', { entityName: 'task', conditions: new Filter<Task>().or('done', FilterConditions.equalTo(true)) })
      .execute();
    expect(await tasks.get('t1')).toBeUndefined();
  });

  it('refuses more than 25 operations, repeated keys and invalid values, writing nothing', async () => {
    let tx = kvs.transact();
    for (let i = 0; i < 26; i += 1) tx = tx.set(`k${i}`, i);
    expect((await errorOf(tx.execute())).code).toBe('BAD_REQUEST');
    expect(await kvs.get('k0')).toBeUndefined();

    let ok = kvs.transact();
    for (let i = 0; i < 25; i += 1) ok = ok.set(`k${i}`, i);
    await ok.execute();
    expect(await kvs.get('k24')).toBe(24);

    expect((await errorOf(kvs.transact().set('dup', 1).delete('dup').execute())).code).toBe('BAD_REQUEST');
    const bad = await errorOf(kvs.transact().set('fine', 1).set('t1', { priority: 'high' }, { entityName: 'task' }).execute());
    expect(bad.code).toBe('INVALID_ATTRIBUTE_TYPE');
    expect(await kvs.get('fine')).toBeUndefined();
  });
});

describe('protocol edges', () => {
  it('answers unknown paths and malformed bodies with error bodies', () => {
    expect(store.handle('/api/v1/nope', {}, clock)).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    expect(store.handle('/api/v1/get', 'text', clock)).toMatchObject({ status: 400, body: { code: 'BAD_REQUEST' } });
    expect(store.handle('/api/v1/set', { key: 'k' }, clock)).toMatchObject({ status: 400, body: { code: 'BAD_REQUEST' } });
    expect(store.handle('/api/v1/set', { key: 'k', value: 1 }, clock)).toEqual({ status: 204 });
    expect(store.handle('/api/v1/transaction', {}, clock)).toMatchObject({ status: 400, body: { code: 'BAD_REQUEST' } });
  });
});

describe('persistence', () => {
  it('keeps data across closing and reopening the database file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kvs-protocol-'));
    const file = path.join(dir, 'forge.sqlite');
    try {
      db.close();
      db = new Database(file);
      store = new ForgeKvsStore(db, ENTITIES);
      await kvs.set('persisted', { a: 1 });
      await kvs.set('ttl', 'x', { ttl: { value: 1, unit: 'HOURS' } });
      await kvs.setSecret('secret', 'hidden');
      await kvs.entity<Task>('task').set('t1', { project: 'p', title: 'Persist', priority: 7 });
      db.close();

      db = new Database(file);
      store = new ForgeKvsStore(db, ENTITIES);
      clock = T0 + 1000;
      expect(await kvs.get('persisted', { metadataFields: [MetadataField.CREATED_AT] })).toEqual({ key: 'persisted', value: { a: 1 }, createdAt: T0 });
      expect(await kvs.get('ttl')).toBe('x');
      expect(await kvs.getSecret('secret')).toBe('hidden');
      const q = await kvs.entity<Task>('task').query().index('by-project', { partition: ['p'] }).getMany();
      expect(q.results).toEqual([{ key: 't1', value: { project: 'p', title: 'Persist', priority: 7 } }]);
      clock = T0 + 3_600_000;
      expect(await kvs.get('ttl')).toBeUndefined();
    } finally {
      db.close();
      db = new Database(':memory:'); // afterEach closes it
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
