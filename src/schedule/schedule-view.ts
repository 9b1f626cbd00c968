import type { ScheduleDocumentView, ScheduleFindingView, ScheduleIcs, ScheduledChangeView, ScheduleView } from '../contract/schedule';
import { mayCall, type Caller } from '../domain/access';
import { checkSchedule } from '../domain/change-rules';
import { writeIcs, type IcsEvent } from '../domain/schedule/ics';
import { changeConflicts, changeScheduleFor, expandPeriods, PERIOD_KIND_LABELS, EMPTY_SCHEDULE, type Range, type ScheduleContent, type SchedulePeriodSpec } from '../domain/schedule/schedule';
import { searchScheduledChanges, type ScheduledChangeIssue } from '../jira/change-search';
import { getUsers } from '../jira/users';
import { approveChangeSchedule, loadChangeSchedule, saveChangeSchedule, type ChangeScheduleState } from '../store/change-schedule';

/**
 * The change schedule tab of the service team's page (WP.12; CO.2.2; D17, D21): the periods over the range shown,
 * the changes planned in it (read as the viewer) with their D17 findings and conflicts, and the document's versions.
 * Saving records a new version ("Initial", then "Updated"); approving records it "Approved" (D21).
 */

function documentView(state: ChangeScheduleState | null): ScheduleDocumentView | null {
  return state ? { version: state.version, status: state.status, content: state.content, savedBy: state.savedBy, savedAt: state.savedAt, approval: state.approval, approvals: state.approvals, history: state.history } : null;
}

/** D17: the findings of `checkSchedule` for one change's planned interval against the schedule's periods. */
export function findingsOf(change: Pick<ScheduledChangeIssue, 'key' | 'changeType' | 'services' | 'plannedStart' | 'plannedEnd'>, content: ScheduleContent | null): ScheduleFindingView[] {
  const range: Range = { from: change.plannedStart, to: Math.max(change.plannedEnd, change.plannedStart + 1) };
  const check = checkSchedule(
    { changeKey: change.key, type: change.changeType ?? 'Normal', serviceIds: change.services, start: change.plannedStart, end: change.plannedEnd },
    changeScheduleFor(content, range),
  );
  const periods = content ? expandPeriods(content, range) : [];
  const view = (severity: ScheduleFindingView['severity']) => (f: (typeof check.refusals)[number]): ScheduleFindingView[] =>
    (f.kind === 'overlap' ? [] : [{
      kind: f.kind, severity, message: f.message, interval: f.interval,
      periodName: f.periodId ? periods.find((x) => x.id === f.periodId)?.name ?? null : null, rules: [f.rule, ...f.refs],
    }]);
  return [...check.refusals.flatMap(view('refusal')), ...check.warnings.flatMap(view('warning'))];
}

export async function loadScheduleView(p: { from: number; to: number; view: 'month' | 'week' }, caller: Caller): Promise<ScheduleView> {
  const range = { from: p.from, to: p.to };
  const [state, search] = await Promise.all([
    loadChangeSchedule(),
    searchScheduledChanges(range, true).then((changes) => ({ changes, problem: null as string | null }), (e: unknown) => {
      console.error('globalPage.schedule.load: the change search failed', e);
      return { changes: [] as ScheduledChangeIssue[], problem: 'The changes planned in this period could not be read from Jira just now; the windows and freezes are shown. Try again in a moment.' };
    }),
  ]);
  const content = state?.content ?? null;
  const conflicts = changeConflicts(search.changes.map((c) => ({ key: c.key, start: c.plannedStart, end: c.plannedEnd, services: c.services, cis: c.cis })));
  const changes: ScheduledChangeView[] = search.changes.map((c) => ({
    id: c.id, key: c.key, summary: c.summary, changeType: c.changeType, status: c.status, statusCategory: c.statusCategory,
    plannedStart: c.plannedStart, plannedEnd: c.plannedEnd, plannedEndSet: c.plannedEndSet, services: c.services, cis: c.cis,
    conflicts: conflicts.get(c.key) ?? [], findings: findingsOf(c, content),
  }));
  const periods = expandPeriods(content ?? EMPTY_SCHEDULE, range).map((x) => ({ id: x.id, periodId: x.periodId, name: x.name, kind: x.kind, start: x.start, end: x.end, reason: x.reason, recurring: x.recurring, services: [...(x.serviceIds ?? [])] }));
  const named = state ? [state.savedBy, ...state.approvals.map((a) => a.by), ...state.history.map((h) => h.actor)] : [];
  const people = named.length ? await getUsers(new Set(named)).catch(() => []) : [];
  return {
    range, view: p.view, document: documentView(state), periods, changes, changesProblem: search.problem,
    permissions: { edit: mayCall('schedule.edit', caller), approve: mayCall('schedule.approve', caller) },
    people: people.map((u) => ({ accountId: u.accountId, displayName: u.displayName })),
  };
}

const when = (p: SchedulePeriodSpec) => JSON.stringify(p);

/** "Added the freeze “Black Friday”; removed …": what a save changed, for the audit trail (D23). */
export function describeEdit(before: ScheduleContent | null, after: ScheduleContent): string {
  const old = new Map((before?.periods ?? []).map((p) => [p.id, p]));
  const parts: string[] = [];
  for (const p of after.periods) {
    const was = old.get(p.id);
    const label = `${PERIOD_KIND_LABELS[p.kind].toLowerCase()} “${p.name}”`;
    if (!was) parts.push(`added the ${label}`);
    else if (when(was) !== when(p)) parts.push(`changed the ${label}`);
    old.delete(p.id);
  }
  for (const p of old.values()) parts.push(`removed the ${PERIOD_KIND_LABELS[p.kind].toLowerCase()} “${p.name}”`);
  const text = parts.length ? parts.join('; ') : 'reordered the periods';
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

export async function saveSchedule(p: { content: ScheduleContent; expectedVersion: number | null }, caller: Caller, now: number): Promise<ScheduleDocumentView> {
  const before = await loadChangeSchedule();
  const state = await saveChangeSchedule(p.content, p.expectedVersion, { actor: caller.accountId, now, summary: `${before ? 'Updated' : 'Initial'} (D21): ${describeEdit(before?.content ?? null, p.content)}` });
  return documentView(state)!;
}

export async function approveSchedule(p: { expectedVersion: number }, caller: Caller, now: number): Promise<ScheduleDocumentView> {
  const state = await approveChangeSchedule(p.expectedVersion, { actor: caller.accountId, now, summary: `Approved version ${p.expectedVersion} of the change schedule (D21).` });
  return documentView(state)!;
}

/** The schedule over the range as an iCalendar file: every period occurrence and every change planned in it. */
export async function exportScheduleIcs(range: Range, now: number): Promise<ScheduleIcs> {
  const [state, changes] = await Promise.all([loadChangeSchedule(), searchScheduledChanges(range, true)]);
  const events: IcsEvent[] = [
    ...expandPeriods(state?.content ?? EMPTY_SCHEDULE, range).map((x): IcsEvent => ({
      uid: `wp12-${x.id.replace(/[^A-Za-z0-9-]/g, '-')}@service-delivery`, start: x.start, end: x.end,
      summary: `${PERIOD_KIND_LABELS[x.kind]}: ${x.name}`,
      description: [x.reason ? `Reason: ${x.reason}` : null, `Services: ${x.serviceIds?.length ? x.serviceIds.join(', ') : 'all'}`, state ? `Change schedule (WP.12) version ${state.version}, ${state.status}.` : null].filter(Boolean).join('\n'),
      categories: [PERIOD_KIND_LABELS[x.kind]],
    })),
    ...changes.map((c): IcsEvent => ({
      uid: `change-${c.id}@service-delivery`, start: c.plannedStart, end: c.plannedEnd,
      summary: `${c.key}: ${c.summary}`,
      description: [`${c.changeType ?? 'Change'} change, ${c.status}.`, c.services.length ? `Services: ${c.services.join(', ')}` : null, c.cis.length ? `Configuration items: ${c.cis.join(', ')}` : null].filter(Boolean).join('\n'),
      categories: ['Change', ...(c.changeType ? [c.changeType] : [])],
    })),
  ].sort((a, b) => a.start - b.start);
  const day = new Date(range.from).toISOString().slice(0, 10);
  return { filename: `change-schedule-${day}.ics`, text: writeIcs({ name: 'Change schedule', events, now }), events: events.length };
}
