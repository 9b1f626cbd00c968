/**
 * SQLite tables of the sandboxed Forge storage. Plain keys, secrets and custom
 * entities live in separate tables (`kvs_keys`, `kvs_secrets`, `kvs_entities`)
 * with the same columns; `space` is '' for plain keys and secrets and the
 * entity name for entities. Values are JSON text; times are epoch ms of the
 * sandbox clock; `expire_at` is NULL for keys without TTL.
 */
import type { Database, Statement } from 'better-sqlite3';

export type TableName = 'kvs_keys' | 'kvs_secrets' | 'kvs_entities';
export const TABLES: readonly TableName[] = ['kvs_keys', 'kvs_secrets', 'kvs_entities'];

export interface Space {
  table: TableName;
  /** '' for plain keys and secrets, the entity name for custom entities. */
  space: string;
}

export interface StoredRow {
  key: string;
  value: string;
  created_at: number;
  updated_at: number;
  expire_at: number | null;
}

interface Statements {
  get: Statement<[string, string, number], unknown>;
  put: Statement<[string, string, string, number, number, number | null]>;
  del: Statement<[string, string]>;
  scan: Statement<[string, string, string, string, number, number], unknown>;
  all: Statement<[string, number], unknown>;
  purge: Statement<[number]>;
}

const COLUMNS = 'key, value, created_at, updated_at, expire_at';
const LIVE = '(expire_at IS NULL OR expire_at > ?)';

function isStoredRow(v: unknown): v is StoredRow {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return (
    typeof r.key === 'string' &&
    typeof r.value === 'string' &&
    typeof r.created_at === 'number' &&
    typeof r.updated_at === 'number' &&
    (r.expire_at === null || typeof r.expire_at === 'number')
  );
}

function asRow(v: unknown): StoredRow | undefined {
  if (v === undefined) return undefined;
  return requireRow(v);
}

function requireRow(v: unknown): StoredRow {
  if (!isStoredRow(v)) throw new Error('kvs: unexpected row shape in SQLite');
  return v;
}

export class KvsTables {
  private readonly stmts = new Map<TableName, Statements>();

  constructor(readonly db: Database) {
    for (const t of TABLES) {
      db.exec(`CREATE TABLE IF NOT EXISTS ${t} (
        space TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        expire_at INTEGER,
        PRIMARY KEY (space, key)
      ) WITHOUT ROWID`);
      db.exec(`CREATE INDEX IF NOT EXISTS ${t}_expire_at ON ${t}(expire_at) WHERE expire_at IS NOT NULL`);
    }
  }

  private statements(table: TableName): Statements {
    const cached = this.stmts.get(table);
    if (cached) return cached;
    const s: Statements = {
      get: this.db.prepare<[string, string, number], unknown>(`SELECT ${COLUMNS} FROM ${table} WHERE space = ? AND key = ? AND ${LIVE}`),
      put: this.db.prepare<[string, string, string, number, number, number | null]>(
        `INSERT INTO ${table} (space, key, value, created_at, updated_at, expire_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (space, key) DO UPDATE SET value = excluded.value, created_at = excluded.created_at,
           updated_at = excluded.updated_at, expire_at = excluded.expire_at`,
      ),
      del: this.db.prepare<[string, string]>(`DELETE FROM ${table} WHERE space = ? AND key = ?`),
      scan: this.db.prepare<[string, string, string, string, number, number], unknown>(
        `SELECT ${COLUMNS} FROM ${table}
         WHERE space = ? AND key > ? AND substr(key, 1, length(?)) = ? AND ${LIVE}
         ORDER BY key LIMIT ?`,
      ),
      all: this.db.prepare<[string, number], unknown>(`SELECT ${COLUMNS} FROM ${table} WHERE space = ? AND ${LIVE} ORDER BY key`),
      purge: this.db.prepare<[number]>(`DELETE FROM ${table} WHERE expire_at IS NOT NULL AND expire_at <= ?`),
    };
    this.stmts.set(table, s);
    return s;
  }

  /** The live (not expired) row of a key. */
  get(sp: Space, key: string, now: number): StoredRow | undefined {
    return asRow(this.statements(sp.table).get.get(sp.space, key, now));
  }

  put(sp: Space, row: StoredRow): void {
    this.statements(sp.table).put.run(sp.space, row.key, row.value, row.created_at, row.updated_at, row.expire_at);
  }

  delete(sp: Space, key: string): void {
    this.statements(sp.table).del.run(sp.space, key);
  }

  /** Live rows whose key starts with `prefix` and sorts after `after`, in key order. */
  scan(sp: Space, prefix: string, after: string, limit: number, now: number): StoredRow[] {
    return this.statements(sp.table)
      .scan.all(sp.space, after, prefix, prefix, now, limit)
      .map(requireRow);
  }

  /** All live rows of a space, in key order. */
  all(sp: Space, now: number): StoredRow[] {
    return this.statements(sp.table)
      .all.all(sp.space, now)
      .map(requireRow);
  }

  /** Drops rows whose TTL has passed. */
  purgeExpired(now: number): void {
    for (const t of TABLES) this.statements(t).purge.run(now);
  }
}
