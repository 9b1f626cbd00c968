import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The sandbox's store: one SQLite file (WAL) under the data folder. Schema version 1.
 * Jira's model is kept close to its REST shapes; JSON columns hold what Jira treats as documents
 * (ADF bodies, custom field values, entity property values, changelog items). `notifications` is the sandbox's
 * outbox: what POST /issue/{key}/notify would have mailed (Jira keeps no readable record; tests and demos need one).
 * `sd_organizations` and its two link tables are JSM's customer organizations (sandbox/jira/organizations.ts): kept
 * here because the site's permissions read them too (a customer sees requests shared with their organizations).
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users (
  account_id TEXT PRIMARY KEY, display_name TEXT NOT NULL, email TEXT UNIQUE, api_token TEXT UNIQUE,
  account_type TEXT NOT NULL, time_zone TEXT NOT NULL, locale TEXT NOT NULL DEFAULT 'en_US',
  active INTEGER NOT NULL DEFAULT 1, is_site_admin INTEGER NOT NULL DEFAULT 0,
  title TEXT NOT NULL DEFAULT '', organization TEXT
);
CREATE TABLE IF NOT EXISTS projects (
  id TEXT PRIMARY KEY, key TEXT UNIQUE NOT NULL, name TEXT NOT NULL, project_type_key TEXT NOT NULL,
  lead_account_id TEXT, description TEXT NOT NULL DEFAULT '', next_issue_number INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS project_roles (
  project_id TEXT NOT NULL, account_id TEXT NOT NULL, role TEXT NOT NULL,
  PRIMARY KEY (project_id, account_id, role)
);
CREATE TABLE IF NOT EXISTS statuses (id TEXT PRIMARY KEY, name TEXT UNIQUE NOT NULL, category_key TEXT NOT NULL, description TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS workflows (name TEXT PRIMARY KEY, initial_status_id TEXT NOT NULL, definition TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS issue_types (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL DEFAULT '', subtask INTEGER NOT NULL DEFAULT 0,
  hierarchy_level INTEGER NOT NULL DEFAULT 0, avatar_id INTEGER NOT NULL DEFAULT 10300
);
CREATE TABLE IF NOT EXISTS project_issue_types (
  project_id TEXT NOT NULL, issue_type_id TEXT NOT NULL, workflow TEXT NOT NULL, position INTEGER NOT NULL,
  PRIMARY KEY (project_id, issue_type_id)
);
CREATE TABLE IF NOT EXISTS priorities (id TEXT PRIMARY KEY, name TEXT UNIQUE NOT NULL, description TEXT NOT NULL DEFAULT '', status_color TEXT NOT NULL, position INTEGER NOT NULL, is_default INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS resolutions (id TEXT PRIMARY KEY, name TEXT UNIQUE NOT NULL, description TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS custom_fields (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL DEFAULT '', type TEXT NOT NULL, searcher_key TEXT
);
CREATE TABLE IF NOT EXISTS field_options (
  id TEXT PRIMARY KEY, field_id TEXT NOT NULL, value TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0, position INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS issues (
  id INTEGER PRIMARY KEY, key TEXT UNIQUE NOT NULL, project_id TEXT NOT NULL, issue_type_id TEXT NOT NULL,
  status_id TEXT NOT NULL, priority_id TEXT, resolution_id TEXT, summary TEXT NOT NULL, description TEXT,
  reporter_id TEXT, assignee_id TEXT, creator_id TEXT, labels TEXT NOT NULL DEFAULT '[]', custom TEXT NOT NULL DEFAULT '{}',
  created INTEGER NOT NULL, updated INTEGER NOT NULL, resolution_date INTEGER, status_category_changed INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS issues_project ON issues(project_id);
CREATE TABLE IF NOT EXISTS comments (
  id INTEGER PRIMARY KEY, issue_id INTEGER NOT NULL, author_id TEXT NOT NULL, body TEXT NOT NULL,
  is_public INTEGER NOT NULL, created INTEGER NOT NULL, updated INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS comments_issue ON comments(issue_id);
CREATE TABLE IF NOT EXISTS changelog (
  id INTEGER PRIMARY KEY, issue_id INTEGER NOT NULL, author_id TEXT, created INTEGER NOT NULL, items TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS changelog_issue ON changelog(issue_id);
CREATE TABLE IF NOT EXISTS issue_properties (
  issue_id INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (issue_id, key)
);
CREATE TABLE IF NOT EXISTS link_types (id TEXT PRIMARY KEY, name TEXT UNIQUE NOT NULL, inward TEXT NOT NULL, outward TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS issue_links (
  id INTEGER PRIMARY KEY, type_id TEXT NOT NULL, inward_issue_id INTEGER NOT NULL, outward_issue_id INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS id_sequences (name TEXT PRIMARY KEY, next INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS notifications (
  id INTEGER PRIMARY KEY, issue_id INTEGER NOT NULL, issue_key TEXT NOT NULL, from_account_id TEXT NOT NULL,
  to_account_ids TEXT NOT NULL, subject TEXT NOT NULL, text_body TEXT, html_body TEXT, created INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS notifications_issue_key ON notifications(issue_key);
CREATE TABLE IF NOT EXISTS sd_organizations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, created INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS sd_organization_members (organization_id INTEGER NOT NULL, account_id TEXT NOT NULL, PRIMARY KEY (organization_id, account_id));
CREATE TABLE IF NOT EXISTS sd_service_desk_organizations (service_desk_id TEXT NOT NULL, organization_id INTEGER NOT NULL, PRIMARY KEY (service_desk_id, organization_id));
`;

export function openDatabase(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'sandbox.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA);
  return db;
}

export function getMeta(db: Db, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** Jira ids are numeric strings that start at 10000 per kind. */
export function nextId(db: Db, sequence: string, start = 10000): number {
  const row = db.prepare('SELECT next FROM id_sequences WHERE name = ?').get(sequence) as { next: number } | undefined;
  const value = row?.next ?? start;
  db.prepare('INSERT INTO id_sequences(name, next) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET next = excluded.next').run(sequence, value + 1);
  return value;
}

/** Drops every table: used by `--reset` and `POST /sandbox/reset` before reseeding. */
export function wipe(db: Db): void {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
  db.transaction(() => { for (const t of tables) db.exec(`DROP TABLE IF EXISTS "${t.name}"`); })();
  db.exec(SCHEMA);
}
