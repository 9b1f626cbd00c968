/** The History tab's rows (D23 audit trails and setup wizard runs), as plain data: no React here. */
import type { AuditEntry, SetupRunReport } from './adminApi';

export type Kind = 'roles' | 'policy' | 'setup';
export type Row = Omit<AuditEntry, 'version'> & { kind: Kind; version: number | null; key: string };

export const KIND_LABEL: Record<Kind, string> = { roles: 'Role list', policy: 'Policy', setup: 'Project setup' };
export const KIND_APPEARANCE = { roles: 'new', policy: 'moved', setup: 'default' } as const;
/** The work product each kind is, for the assessor (muted, beside the words). */
export const KIND_REF: Record<Kind, string> = { roles: 'WP.08', policy: 'WP.14', setup: 'D1' };

/** "draft-saved" → "Draft saved". */
export function actionLabel(action: string): string {
  const text = action.replace(/[-_]+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** A setup wizard run as one line of the history (issue #12 §7): what it did, on which project, and how it ended. */
export function setupRunRow(run: SetupRunReport): Row {
  const done = run.steps.filter((s) => s.status === 'done').length;
  const failed = run.steps.filter((s) => s.status === 'failed');
  const outcome = failed.length > 0
    ? `${count(failed.length, 'step', 'steps')} failed: ${failed.map((s) => `${s.title} (${s.message})`).join('; ')}`
    : run.finishedAt ? 'finished' : 'not finished yet';
  return {
    key: `setup:${run.projectKey}:${run.startedAt}`,
    kind: 'setup',
    at: run.startedAt,
    actor: run.startedBy,
    action: run.finishedAt && failed.length === 0 ? 'Setup wizard run' : 'Setup wizard run (incomplete)',
    summary: `Project ${run.projectKey}: ${count(done, 'step', 'steps')} done; ${outcome}.`,
    version: null,
  };
}

