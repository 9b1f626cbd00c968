import type { Database as Db } from 'better-sqlite3';
import { z } from 'zod';
import { nextId } from '../store/db';

/**
 * Bulk seeding for benchmarks: thousands of open Incidents written straight into the store in one transaction,
 * as an import would (no REST calls, no product events, no changelog, no comments). Keys, ids and the project's
 * issue counter stay consistent with issues created over REST before and after.
 *
 * Used by `POST /sandbox/bulk/incidents` (server.ts) and usable on a data folder opened while the sandbox is not
 * running. Needs the demo seed's shape: an Incident issue type in the project and the Impact and Urgency fields.
 */

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const MAX_PROPERTY_CHARS = 32768;
const PROPERTY_KEY = 'sd-state';

export interface BulkIncidentOptions {
  projectKey: string;
  count: number;
  /** The first `dueCount` issues are created `now − 4 h − 1 min` (past a Critical 4 h target); the rest recently. */
  dueCount: number;
  /** Epoch ms: the sandbox clock. */
  now: number;
  /** The `sd-state` issue property of issue i (0-based); the caller decides which ones are due. */
  propertyFor: (i: number) => unknown;
  /** Called for each issue written, e.g. to seed the app's storage for it. */
  onIssue?: (i: number, issue: { id: number; key: string; projectKey: string; created: number }) => void;
}

export interface BulkIncidentResult { count: number; dueCount: number; firstKey: string | null; lastKey: string | null; firstId: number | null; lastId: number | null }

/** Why bulk seeding cannot run on this site (the caller turns it into its error shape). */
export class BulkSeedError extends Error {}

export const bulkIncidentOptionsSchema = z.object({
  projectKey: z.string().min(1),
  count: z.number().int().min(0).max(100_000),
  dueCount: z.number().int().min(0),
  now: z.number().int().nonnegative(),
}).refine((o) => o.dueCount <= o.count, { message: 'dueCount must not exceed count.', path: ['dueCount'] });

/** Created time of issue i: due ones just past the 4 h Critical target, the rest 1–30 min ago. */
export function bulkCreatedAt(i: number, dueCount: number, now: number): number {
  return i < dueCount ? now - 4 * HOUR - MIN : now - (1 + (i % 30)) * MIN;
}

/** When something is next due on issue i: the first `dueCount` a minute ago, the rest 1–48 h ahead. */
export function bulkNextDeadline(i: number, dueCount: number, now: number): number {
  return i < dueCount ? now - MIN : now + (1 + ((i - dueCount) % 48)) * HOUR;
}

/** When the app started tracking the bulk incidents (a day before the batch). */
export const bulkTrackedSince = (now: number): string => new Date(now - DAY).toISOString();

/**
 * The `sd-state` index property `POST /sandbox/bulk/incidents` writes (ADR 010: an index, which the app writes from
 * its own evaluation): `incident.trackedSince` (indexed as sdTracked) marks them as evaluated, so the scan does not
 * adopt them again. What the scan finds due is the app's own evaluation in app storage (see server.ts).
 */
export function bulkIncidentProperty(i: number, dueCount: number, now: number): Record<string, unknown> {
  return { schemaVersion: 2, kind: 'incident', nextDeadline: new Date(bulkNextDeadline(i, dueCount, now)).toISOString(), breached: 'no', paused: 'no', incident: { trackedSince: bulkTrackedSince(now) } };
}

export function seedBulkIncidents(db: Db, options: BulkIncidentOptions): BulkIncidentResult {
  const o = bulkIncidentOptionsSchema.safeParse(options);
  if (!o.success) throw new BulkSeedError(o.error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`).join('; '));
  const { projectKey, count, dueCount, now } = o.data;
  return db.transaction((): BulkIncidentResult => {
    const site = lookUp(db, projectKey);
    if (count === 0) return { count: 0, dueCount: 0, firstKey: null, lastKey: null, firstId: null, lastId: null };

    // Reserve the whole id range and key range at once, exactly as count calls of nextId / createIssue would.
    const firstId = nextId(db, 'issue');
    db.prepare('UPDATE id_sequences SET next = ? WHERE name = ?').run(firstId + count, 'issue');
    const firstNumber = site.project.next_issue_number;
    db.prepare('UPDATE projects SET next_issue_number = ? WHERE id = ?').run(firstNumber + count, site.project.id);

    const insIssue = db.prepare(`INSERT INTO issues (id, key, project_id, issue_type_id, status_id, priority_id, resolution_id, summary, description, reporter_id, assignee_id, creator_id, labels, custom, created, updated, resolution_date, status_category_changed)
      VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, '[]', ?, ?, ?, NULL, ?)`);
    const insProp = db.prepare('INSERT INTO issue_properties(issue_id, key, value) VALUES (?, ?, ?)');
    for (let i = 0; i < count; i++) {
      const id = firstId + i;
      const key = `${site.project.key}-${firstNumber + i}`;
      const service = site.services.length ? site.services[i % site.services.length] : undefined;
      const created = bulkCreatedAt(i, dueCount, now);
      const reporter = site.reporters[i % site.reporters.length] ?? null;
      const assignee = site.assignees.length ? site.assignees[i % site.assignees.length]! : null;
      const summary = `Bulk incident ${i + 1}: ${service?.value ?? 'service'} degraded`;
      const description = JSON.stringify({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: `Seeded for a benchmark (${i < dueCount ? 'due' : 'not due'}).` }] }] });
      const custom = JSON.stringify({ [site.impact.fieldId]: site.impact.high, [site.urgency.fieldId]: site.urgency.high, ...(site.servicesFieldId && service ? { [site.servicesFieldId]: [service.id] } : {}) });
      insIssue.run(id, key, site.project.id, site.incidentTypeId, site.initialStatusId, site.priorityId, summary, description, reporter, assignee, reporter, custom, created, created, created);
      const value = options.propertyFor(i);
      const json = value === undefined ? undefined : JSON.stringify(value);
      if (json === undefined) throw new BulkSeedError(`propertyFor(${i}) returned no JSON value.`);
      if (json.length > MAX_PROPERTY_CHARS) throw new BulkSeedError(`propertyFor(${i}) is longer than ${MAX_PROPERTY_CHARS} characters.`);
      insProp.run(id, PROPERTY_KEY, json);
      options.onIssue?.(i, { id, key, projectKey: site.project.key, created });
    }
    return { count, dueCount, firstKey: `${site.project.key}-${firstNumber}`, lastKey: `${site.project.key}-${firstNumber + count - 1}`, firstId, lastId: firstId + count - 1 };
  })();
}

interface ProjectRowLite { id: string; key: string; next_issue_number: number }

/** Everything the inserts need, read once; a site without the demo seed's shape fails here, before any write. */
function lookUp(db: Db, projectKey: string) {
  const project = db.prepare('SELECT id, key, next_issue_number FROM projects WHERE upper(key) = upper(?)').get(projectKey) as ProjectRowLite | undefined;
  if (!project) throw new BulkSeedError(`No project with key '${projectKey}'.`);
  const incident = db.prepare(`SELECT t.id, w.initial_status_id FROM project_issue_types p JOIN issue_types t ON t.id = p.issue_type_id JOIN workflows w ON w.name = p.workflow
    WHERE p.project_id = ? AND t.name = 'Incident'`).get(project.id) as { id: string; initial_status_id: string } | undefined;
  if (!incident) throw new BulkSeedError(`Project ${project.key} has no Incident issue type (bulk incidents need the demo seed).`);
  // Critical as in the demo seed; a site that names its top priority otherwise gets its highest one.
  const priority = (db.prepare("SELECT id FROM priorities WHERE name = 'Critical'").get() ?? db.prepare('SELECT id FROM priorities ORDER BY position LIMIT 1').get()) as { id: string } | undefined;
  const selectHigh = (name: string): { fieldId: string; high: string } => {
    const row = db.prepare(`SELECT f.id AS fieldId, o.id AS high FROM custom_fields f JOIN field_options o ON o.field_id = f.id WHERE f.name = ? AND o.value = 'High' AND o.disabled = 0`).get(name) as { fieldId: string; high: string } | undefined;
    if (!row) throw new BulkSeedError(`The site has no '${name}' field with the option 'High' (bulk incidents need the demo seed).`);
    return row;
  };
  const servicesField = db.prepare("SELECT id FROM custom_fields WHERE name = 'Affected services'").get() as { id: string } | undefined;
  const services = servicesField ? db.prepare('SELECT id, value FROM field_options WHERE field_id = ? AND disabled = 0 ORDER BY position').all(servicesField.id) as { id: string; value: string }[] : [];
  const members = (role: string): string[] => (db.prepare("SELECT r.account_id FROM project_roles r JOIN users u ON u.account_id = r.account_id WHERE r.project_id = ? AND r.role = ? AND u.active = 1 AND u.account_type != 'app' ORDER BY u.rowid").all(project.id, role) as { account_id: string }[]).map((r) => r.account_id);
  // Customers report (as on a JSM portal); the service team is assigned round-robin, so reporter and assignee
  // notifications both have someone to reach.
  const reporters = members('Service Desk Customers');
  return {
    project, incidentTypeId: incident.id, initialStatusId: incident.initial_status_id, priorityId: priority?.id ?? null,
    impact: selectHigh('Impact'), urgency: selectHigh('Urgency'),
    servicesFieldId: servicesField?.id ?? null, services,
    reporters: reporters.length ? reporters : members('Service Desk Team'), assignees: members('Service Desk Team'),
  };
}
