/**
 * Server side of the Forge KVS and Custom Entity Store protocol, over SQLite,
 * answering what the unmodified `@forge/kvs` client sends through
 * `global.__forge_fetch__({ type: 'kvs', ... }, path, { method: 'POST', body })`.
 *
 * Paths (all POST, JSON body):
 *   /api/v1/get | /set | /delete | /query                 plain keys
 *   /api/v1/secret/get | /secret/set | /secret/delete     secrets (separate table, never queried)
 *   /api/v1/entity/get | /entity/set | /entity/delete | /entity/query   custom entities
 *   /api/v1/batch/get | /batch/set | /batch/delete       per-item success / failure
 *   /api/v1/transaction                                   all-or-nothing set/delete/check
 *
 * Errors are `{ code, message, context? }` with an HTTP status (see kvs-errors.ts).
 * `handle` is synchronous; every request runs inside one SQLite transaction.
 */
import type { Database } from 'better-sqlite3';
import { evaluateClause, evaluateFilterGroup, parseFilterGroup, parseRange, compareScalars } from './kvs-conditions';
import type { Clause, FilterGroup, RangeCondition } from './kvs-conditions';
import { KvsTables } from './kvs-db';
import type { Space, StoredRow } from './kvs-db';
import { KvsError, KvsErrorCode, badRequest, keyNotFound } from './kvs-errors';
import {
  MAX_BATCH_ITEMS,
  MAX_DEPTH_ENTITY,
  MAX_DEPTH_KVS,
  MAX_ENTITY_QUERY_LIMIT,
  MAX_QUERY_LIMIT,
  MAX_TRANSACTION_OPERATIONS,
  checkRequestSize,
  isRecord,
  parseLimit,
  parseMetadataFields,
  parseTtl,
  validateEntityAttributes,
  validateEntityName,
  validateKey,
  validateValue,
} from './kvs-validate';
import type { AttributeType, KeyFlavour, MetadataField } from './kvs-validate';

export interface EntityDeclaration {
  name: string;
  attributes: Record<string, { type: 'string' | 'boolean' | 'float' | 'integer' | 'any' }>;
  indexes?: Array<string | { name: string; partition?: string[]; range: string[] }>;
}

export interface KvsResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface IndexDef {
  name: string;
  partition: string[];
  range: string;
}

interface EntityDef {
  name: string;
  attributes: Map<string, AttributeType>;
  indexes: Map<string, IndexDef>;
}

/** Where a request reads/writes, and how its keys and values are validated. */
interface Target {
  space: Space;
  flavour: KeyFlavour;
  maxDepth: number;
  entity?: EntityDef;
}

type Handler = (body: unknown, now: number) => KvsResponse;

const KEYS: Space = { table: 'kvs_keys', space: '' };
const SECRETS: Space = { table: 'kvs_secrets', space: '' };
const ATTRIBUTE_TYPES: readonly AttributeType[] = ['string', 'boolean', 'float', 'integer', 'any'];

const NO_CONTENT: KvsResponse = { status: 204 };

function ok(body: unknown): KvsResponse {
  return { status: 200, body };
}

function requireRecord(body: unknown, what = 'request body'): Record<string, unknown> {
  if (!isRecord(body)) throw badRequest(`${what} must be a JSON object`);
  return body;
}

function requireArray(body: unknown, what = 'request body'): unknown[] {
  if (!Array.isArray(body)) throw badRequest(`${what} must be a JSON array`);
  return body;
}

function optionalString(v: unknown, what: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw badRequest(`${what} must be a string`);
  return v;
}

function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** The JSON item the client expects, with only the metadata asked for. */
function itemBody(row: StoredRow, meta: ReadonlySet<MetadataField>, entityName?: string): Record<string, unknown> {
  const out: Record<string, unknown> = { key: row.key, value: JSON.parse(row.value) as unknown };
  if (entityName !== undefined) out.entityName = entityName;
  if (meta.has('CREATED_AT')) out.createdAt = row.created_at;
  if (meta.has('UPDATED_AT')) out.updatedAt = row.updated_at;
  if (meta.has('EXPIRE_TIME') && row.expire_at !== null) out.expireTime = isoTime(row.expire_at);
  return out;
}

// ---------------------------------------------------------------- cursors

interface KeyCursor {
  k: string;
}
interface EntityCursor {
  i: string;
  k: string;
  r: string | number;
}

function encodeCursor(c: KeyCursor | EntityCursor): string {
  return Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');
}

function decodeCursor(raw: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (!isRecord(parsed) || typeof parsed.k !== 'string') {
    throw new KvsError(400, KvsErrorCode.INVALID_CURSOR, 'The provided cursor is invalid');
  }
  return parsed;
}

// ---------------------------------------------------------------- options

interface SetOptions {
  ttlMs?: number;
  keyPolicy: 'OVERRIDE' | 'FAIL_IF_EXISTS';
  returnValue?: 'PREVIOUS' | 'LATEST';
  returnMeta: Set<MetadataField>;
}

function parseSetOptions(raw: unknown, extended: boolean): SetOptions {
  const out: SetOptions = { keyPolicy: 'OVERRIDE', returnMeta: new Set() };
  if (raw === undefined || raw === null) return out;
  const o = requireRecord(raw, 'options');
  out.ttlMs = parseTtl(o.ttl);
  if (!extended) return out;
  if (o.keyPolicy !== undefined) {
    if (o.keyPolicy !== 'OVERRIDE' && o.keyPolicy !== 'FAIL_IF_EXISTS') {
      throw badRequest('options.keyPolicy must be OVERRIDE or FAIL_IF_EXISTS');
    }
    out.keyPolicy = o.keyPolicy;
  }
  if (o.returnValue !== undefined) {
    if (o.returnValue !== 'PREVIOUS' && o.returnValue !== 'LATEST') {
      throw badRequest('options.returnValue must be PREVIOUS or LATEST');
    }
    if (out.keyPolicy !== 'OVERRIDE') throw badRequest('options.returnValue requires keyPolicy OVERRIDE');
    out.returnValue = o.returnValue;
  }
  out.returnMeta = parseMetadataFields(o.returnMetadataFields, 'options.returnMetadataFields');
  return out;
}

function getMeta(raw: unknown): Set<MetadataField> {
  if (raw === undefined || raw === null) return new Set();
  return parseMetadataFields(requireRecord(raw, 'options').metadataFields, 'options.metadataFields');
}

// ---------------------------------------------------------------- store

export class ForgeKvsStore {
  private readonly tables: KvsTables;
  private readonly entities = new Map<string, EntityDef>();
  private readonly routes: ReadonlyMap<string, Handler>;

  constructor(
    private readonly db: Database,
    entities: EntityDeclaration[],
  ) {
    this.tables = new KvsTables(db);
    for (const decl of entities) this.entities.set(decl.name, ForgeKvsStore.compileEntity(decl));
    const kv = (): Target => ({ space: KEYS, flavour: 'kvs', maxDepth: MAX_DEPTH_KVS });
    const secret = (): Target => ({ space: SECRETS, flavour: 'kvs', maxDepth: MAX_DEPTH_KVS });
    const entity = (body: unknown): Target => this.entityTarget(requireRecord(body).entityName);
    this.routes = new Map<string, Handler>([
      ['/api/v1/get', (b, now) => this.get(kv(), b, now)],
      ['/api/v1/set', (b, now) => this.set(kv(), b, now)],
      ['/api/v1/delete', (b, now) => this.delete(kv(), b, now)],
      ['/api/v1/query', (b, now) => this.query(b, now)],
      ['/api/v1/secret/get', (b, now) => this.get(secret(), b, now)],
      ['/api/v1/secret/set', (b, now) => this.set(secret(), b, now)],
      ['/api/v1/secret/delete', (b, now) => this.delete(secret(), b, now)],
      ['/api/v1/entity/get', (b, now) => this.get(entity(b), b, now)],
      ['/api/v1/entity/set', (b, now) => this.set(entity(b), b, now)],
      ['/api/v1/entity/delete', (b, now) => this.delete(entity(b), b, now)],
      ['/api/v1/entity/query', (b, now) => this.queryEntity(b, now)],
      ['/api/v1/batch/get', (b, now) => this.batchGet(b, now)],
      ['/api/v1/batch/set', (b, now) => this.batchSet(b, now)],
      ['/api/v1/batch/delete', (b, now) => this.batchDelete(b, now)],
      ['/api/v1/transaction', (b, now) => this.transact(b, now)],
    ]);
  }

  handle(path: string, body: unknown, now: number): KvsResponse {
    try {
      const route = path.split('?')[0]?.replace(/\/+$/, '') ?? '';
      const handler = this.routes.get(route);
      if (handler === undefined) {
        throw new KvsError(404, KvsErrorCode.NOT_FOUND, `Unknown Forge KVS path: ${route}`);
      }
      if (!Number.isFinite(now)) throw new Error('kvs: the sandbox clock (now) must be a finite number');
      return this.db.transaction(() => handler(body, now))();
    } catch (e) {
      if (e instanceof KvsError) return { status: e.status, body: e.toBody() };
      const message = e instanceof Error ? e.message : String(e);
      return { status: 500, body: { code: KvsErrorCode.INTERNAL_SERVER_ERROR, message } };
    }
  }

  // ------------------------------------------------------------ declarations

  private static compileEntity(decl: EntityDeclaration): EntityDef {
    const attributes = new Map<string, AttributeType>();
    for (const [name, spec] of Object.entries(decl.attributes)) {
      const type = ATTRIBUTE_TYPES.find((t) => t === spec.type);
      if (type === undefined) throw new Error(`kvs: entity ${decl.name}: attribute ${name} has unknown type ${String(spec.type)}`);
      attributes.set(name, type);
    }
    const indexes = new Map<string, IndexDef>();
    for (const ix of decl.indexes ?? []) {
      const def: IndexDef =
        typeof ix === 'string' ? { name: ix, partition: [], range: ix } : { name: ix.name, partition: ix.partition ?? [], range: ix.range[0] ?? '' };
      for (const attr of [...def.partition, def.range]) {
        if (!attributes.has(attr)) throw new Error(`kvs: entity ${decl.name}: index ${def.name} uses undeclared attribute "${attr}"`);
      }
      if (indexes.has(def.name)) throw new Error(`kvs: entity ${decl.name}: duplicate index ${def.name}`);
      indexes.set(def.name, def);
    }
    return { name: decl.name, attributes, indexes };
  }

  private entityDef(rawName: unknown): EntityDef {
    const name = validateEntityName(rawName);
    const def = this.entities.get(name);
    if (def === undefined) {
      throw new KvsError(400, KvsErrorCode.INVALID_ENTITY_TYPE, `Entity ${name} is not declared in the app manifest`, { entityName: name });
    }
    return def;
  }

  private entityTarget(rawName: unknown): Target {
    const entity = this.entityDef(rawName);
    return { space: { table: 'kvs_entities', space: entity.name }, flavour: 'entity', maxDepth: MAX_DEPTH_ENTITY, entity };
  }

  private targetFor(entityName: unknown): Target {
    return entityName === undefined || entityName === null
      ? { space: KEYS, flavour: 'kvs', maxDepth: MAX_DEPTH_KVS }
      : this.entityTarget(entityName);
  }

  /** Validates a value for a target and returns its JSON text. */
  private checkValue(t: Target, value: unknown): string {
    if (t.entity !== undefined) validateEntityAttributes(t.entity.name, t.entity.attributes, value);
    return validateValue(value, t.maxDepth);
  }

  private writeRow(t: Target, key: string, text: string, ttlMs: number | undefined, now: number, prev: StoredRow | undefined): StoredRow {
    const row: StoredRow = {
      key,
      value: text,
      created_at: prev?.created_at ?? now,
      updated_at: now,
      expire_at: ttlMs === undefined ? null : now + ttlMs,
    };
    this.tables.put(t.space, row);
    return row;
  }

  // ------------------------------------------------------------ single key

  private get(t: Target, body: unknown, now: number): KvsResponse {
    const req = requireRecord(body);
    const key = validateKey(req.key, t.flavour);
    const meta = getMeta(req.options);
    const row = this.tables.get(t.space, key, now);
    if (row === undefined) throw keyNotFound();
    return ok(itemBody(row, meta, t.entity?.name));
  }

  private set(t: Target, body: unknown, now: number): KvsResponse {
    const req = requireRecord(body);
    const key = validateKey(req.key, t.flavour);
    const text = this.checkValue(t, req.value);
    const opts = parseSetOptions(req.options, true);
    this.tables.purgeExpired(now);
    const prev = this.tables.get(t.space, key, now);
    if (opts.keyPolicy === 'FAIL_IF_EXISTS' && prev !== undefined) {
      throw new KvsError(409, KvsErrorCode.KEY_CONFLICT, 'The provided key already exists', { key });
    }
    const row = this.writeRow(t, key, text, opts.ttlMs, now, prev);
    if (opts.returnValue === 'LATEST') return ok(itemBody(row, opts.returnMeta, t.entity?.name));
    if (opts.returnValue === 'PREVIOUS' && prev !== undefined) return ok(itemBody(prev, opts.returnMeta, t.entity?.name));
    return NO_CONTENT;
  }

  private delete(t: Target, body: unknown, now: number): KvsResponse {
    const req = requireRecord(body);
    const key = validateKey(req.key, t.flavour);
    const existed = this.tables.get(t.space, key, now) !== undefined;
    this.tables.delete(t.space, key);
    if (!existed) throw keyNotFound();
    return NO_CONTENT;
  }

  // ------------------------------------------------------------ queries

  private query(body: unknown, now: number): KvsResponse {
    const req = requireRecord(body);
    const limit = parseLimit(req.limit, MAX_QUERY_LIMIT);
    const after = optionalString(req.after, 'after');
    const afterKey = after === undefined ? '' : String(decodeCursor(after).k);
    let prefix = '';
    if (req.where !== undefined) {
      const where = requireArray(req.where, 'where');
      if (where.length > 1) throw badRequest('A query may only have a single where condition');
      const w = where[0];
      if (w !== undefined) {
        const c = requireRecord(w, 'where[0]');
        if (c.property !== 'key') throw badRequest('Queries can only target the key field');
        if (c.condition !== 'BEGINS_WITH') throw badRequest('The only condition supported by the Key-Value Store is BEGINS_WITH');
        const values = requireArray(c.values, 'where[0].values');
        const v = values[0];
        if (values.length !== 1 || (typeof v !== 'string' && typeof v !== 'number')) {
          throw badRequest('BEGINS_WITH takes a single string value');
        }
        prefix = String(v);
      }
    }
    const meta = getMeta(req.options);
    const rows = this.tables.scan(KEYS, prefix, afterKey, limit + 1, now);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const out: Record<string, unknown> = { data: page.map((r) => itemBody(r, meta)) };
    if (rows.length > limit && last !== undefined) out.cursor = encodeCursor({ k: last.key });
    return ok(out);
  }

  private queryEntity(body: unknown, now: number): KvsResponse {
    const req = requireRecord(body);
    const entity = this.entityDef(req.entityName);
    if (typeof req.indexName !== 'string') throw badRequest('indexName must be a string');
    const index = entity.indexes.get(req.indexName);
    if (index === undefined) {
      throw new KvsError(400, KvsErrorCode.INVALID_INDEX, `Index ${req.indexName} is not declared on entity ${entity.name}`, {
        entityName: entity.name,
        indexName: req.indexName,
      });
    }
    const partition = this.parsePartition(index, req.partition);
    const range = parseRange(req.range);
    const filters = parseFilterGroup(req.filters, 'filters');
    for (const c of filters?.clauses ?? []) {
      if (!entity.attributes.has(c.property)) {
        throw new KvsError(400, KvsErrorCode.INVALID_ATTRIBUTE, `Attribute ${c.property} is not declared on entity ${entity.name}`, {
          entityName: entity.name,
          attribute: c.property,
        });
      }
    }
    if (req.sort !== undefined && req.sort !== 'ASC' && req.sort !== 'DESC') throw badRequest('sort must be ASC or DESC');
    const direction = req.sort === 'DESC' ? -1 : 1;
    const limit = parseLimit(req.limit, MAX_ENTITY_QUERY_LIMIT);
    const rawCursor = optionalString(req.cursor, 'cursor');
    const meta = getMeta(req.options ?? (req.metadataFields === undefined ? undefined : { metadataFields: req.metadataFields }));

    const matches = this.indexScan(entity, index, partition, range, filters, now);
    matches.sort((a, b) => direction * compareIndexed(a, b));
    let start = 0;
    if (rawCursor !== undefined) {
      const c = decodeCursor(rawCursor);
      const r = c.r;
      if (c.i !== index.name || (typeof r !== 'string' && typeof r !== 'number')) {
        throw new KvsError(400, KvsErrorCode.INVALID_CURSOR, 'The provided cursor does not belong to this query');
      }
      const pos: Indexed = { row: { key: String(c.k), value: '', created_at: 0, updated_at: 0, expire_at: null }, rangeValue: r };
      start = matches.findIndex((m) => direction * compareIndexed(m, pos) > 0);
      if (start < 0) start = matches.length;
    }
    const page = matches.slice(start, start + limit);
    const out: Record<string, unknown> = { data: page.map((m) => itemBody(m.row, meta)) };
    const last = page[page.length - 1];
    if (start + limit < matches.length && last !== undefined) {
      out.cursor = encodeCursor({ i: index.name, k: last.row.key, r: last.rangeValue });
    }
    return ok(out);
  }

  private parsePartition(index: IndexDef, raw: unknown): unknown[] {
    if (index.partition.length === 0) {
      if (raw !== undefined && !(Array.isArray(raw) && raw.length === 0)) {
        throw badRequest(`Index ${index.name} has no partition`);
      }
      return [];
    }
    if (!Array.isArray(raw) || raw.length !== index.partition.length) {
      throw badRequest(`Index ${index.name} needs a partition of ${index.partition.length} value(s): [${index.partition.join(', ')}]`);
    }
    return raw;
  }

  private indexScan(
    entity: EntityDef,
    index: IndexDef,
    partition: unknown[],
    range: Clause<RangeCondition> | undefined,
    filters: FilterGroup | undefined,
    now: number,
  ): Indexed[] {
    const out: Indexed[] = [];
    for (const row of this.tables.all({ table: 'kvs_entities', space: entity.name }, now)) {
      const value: unknown = JSON.parse(row.value);
      if (!isRecord(value)) continue;
      const rangeValue = value[index.range];
      if (typeof rangeValue !== 'string' && typeof rangeValue !== 'number') continue; // not in the index
      if (!index.partition.every((attr, i) => value[attr] !== undefined && value[attr] === partition[i])) continue;
      if (range !== undefined && !evaluateClause(rangeValue, range)) continue;
      if (filters !== undefined && !evaluateFilterGroup(value, filters)) continue;
      out.push({ row, rangeValue });
    }
    return out;
  }

  // ------------------------------------------------------------ batches

  private batchItems(body: unknown): Array<{ item: Record<string, unknown>; key: string; entityName?: string }> {
    const items = requireArray(body);
    checkRequestSize(body);
    if (items.length === 0) throw badRequest('A batch operation must contain at least one key');
    if (items.length > MAX_BATCH_ITEMS) throw badRequest(`A batch operation can contain at most ${MAX_BATCH_ITEMS} keys`);
    const seen = new Set<string>();
    return items.map((raw, i) => {
      const item = requireRecord(raw, `item ${i}`);
      if (typeof item.key !== 'string') throw badRequest(`item ${i}: key must be a string`);
      const entityName = optionalString(item.entityName, `item ${i}: entityName`);
      const id = `${entityName ?? ''}\u0000${item.key}`;
      if (seen.has(id)) throw badRequest(`A batch operation cannot repeat the key ${item.key}${entityName ? ` of entity ${entityName}` : ''}`);
      seen.add(id);
      return entityName === undefined ? { item, key: item.key } : { item, key: item.key, entityName };
    });
  }

  private batchRun(
    body: unknown,
    each: (t: Target, item: Record<string, unknown>, key: string) => Record<string, unknown> | undefined,
  ): KvsResponse {
    const successfulKeys: unknown[] = [];
    const failedKeys: unknown[] = [];
    for (const { item, key, entityName } of this.batchItems(body)) {
      const id: Record<string, unknown> = entityName === undefined ? { key } : { key, entityName };
      try {
        const t = this.targetFor(entityName);
        const extra = each(t, item, validateKey(key, t.flavour));
        successfulKeys.push({ ...id, ...extra });
      } catch (e) {
        if (!(e instanceof KvsError)) throw e;
        failedKeys.push({ ...id, error: { code: e.code, message: e.message } });
      }
    }
    return ok({ successfulKeys, failedKeys });
  }

  private batchSet(body: unknown, now: number): KvsResponse {
    this.tables.purgeExpired(now);
    return this.batchRun(body, (t, item, key) => {
      const text = this.checkValue(t, item.value);
      const { ttlMs } = parseSetOptions(item.options, false);
      this.writeRow(t, key, text, ttlMs, now, this.tables.get(t.space, key, now));
      return undefined;
    });
  }

  private batchGet(body: unknown, now: number): KvsResponse {
    return this.batchRun(body, (t, item, key) => {
      const meta = getMeta(item.options);
      const row = this.tables.get(t.space, key, now);
      if (row === undefined) throw keyNotFound();
      const { key: _key, ...rest } = itemBody(row, meta);
      return rest;
    });
  }

  private batchDelete(body: unknown, now: number): KvsResponse {
    return this.batchRun(body, (t, _item, key) => {
      const existed = this.tables.get(t.space, key, now) !== undefined;
      this.tables.delete(t.space, key);
      if (!existed) throw keyNotFound();
      return undefined;
    });
  }

  // ------------------------------------------------------------ transactions

  private transact(body: unknown, now: number): KvsResponse {
    const req = requireRecord(body);
    checkRequestSize(body);
    const kinds = ['set', 'delete', 'check'] as const;
    interface Op {
      kind: (typeof kinds)[number];
      key: string;
      target: Target;
      conditions?: FilterGroup;
      text?: string;
      ttlMs?: number;
    }
    const ops: Op[] = [];
    const seen = new Set<string>();
    let count = 0;
    for (const kind of kinds) {
      const list = req[kind] === undefined || req[kind] === null ? [] : requireArray(req[kind], kind);
      count += list.length;
      if (count > MAX_TRANSACTION_OPERATIONS) {
        throw badRequest(`A transaction can contain at most ${MAX_TRANSACTION_OPERATIONS} operations`);
      }
      list.forEach((raw, i) => {
        const where = `${kind}[${i}]`;
        const o = requireRecord(raw, where);
        const target = this.targetFor(o.entityName);
        const key = validateKey(o.key, target.flavour);
        const id = `${target.entity?.name ?? ''}\u0000${key}`;
        if (seen.has(id)) throw badRequest(`A transaction cannot include the key ${key} more than once`);
        seen.add(id);
        const conditions = parseFilterGroup(o.conditions, `${where}.conditions`);
        if (conditions !== undefined && target.entity === undefined) {
          throw badRequest(`${where}: conditions are only supported on custom entities`);
        }
        if (kind === 'check' && conditions === undefined) throw badRequest(`${where}: a check needs an entity and conditions`);
        const op: Op = { kind, key, target };
        if (conditions !== undefined) op.conditions = conditions;
        if (kind === 'set') {
          op.text = this.checkValue(target, o.value);
          const { ttlMs } = parseSetOptions(o.options, false);
          if (ttlMs !== undefined) op.ttlMs = ttlMs;
        }
        ops.push(op);
      });
    }
    if (ops.length === 0) throw badRequest('A transaction must contain at least one operation');

    this.tables.purgeExpired(now);
    const current = ops.map((op) => this.tables.get(op.target.space, op.key, now));
    ops.forEach((op, i) => {
      if (op.conditions === undefined) return;
      const row = current[i];
      const value: unknown = row === undefined ? undefined : JSON.parse(row.value);
      if (!evaluateFilterGroup(isRecord(value) ? value : undefined, op.conditions)) {
        throw new KvsError(409, KvsErrorCode.CONDITIONAL_CHECK_FAILED, `Transaction cancelled: the condition of ${op.kind} on key ${op.key} failed`, {
          operation: op.kind,
          key: op.key,
          entityName: op.target.entity?.name,
        });
      }
    });
    ops.forEach((op, i) => {
      if (op.kind === 'set' && op.text !== undefined) this.writeRow(op.target, op.key, op.text, op.ttlMs, now, current[i]);
      else if (op.kind === 'delete') this.tables.delete(op.target.space, op.key);
    });
    return NO_CONTENT;
  }
}

interface Indexed {
  row: StoredRow;
  rangeValue: string | number;
}

/** Index order: by range value (numbers before strings), then by key. */
function compareIndexed(a: Indexed, b: Indexed): number {
  const c = compareScalars(a.rangeValue, b.rangeValue);
  const byRange = c ?? (typeof a.rangeValue === 'number' ? -1 : 1);
  if (byRange !== 0) return byRange;
  return a.row.key < b.row.key ? -1 : a.row.key > b.row.key ? 1 : 0;
}
