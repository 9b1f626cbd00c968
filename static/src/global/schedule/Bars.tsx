import type { ScheduledChangeView, SchedulePeriodView } from './scheduleApi';

/** A change's colour class by type (Normal / Emergency / Pre-approved) and its state class (draft / in progress / done). */
export function changeClasses(c: ScheduledChangeView): string {
  const type = c.changeType === 'Emergency' ? 'emergency' : c.changeType === 'Pre-approved' ? 'preapproved' : c.changeType === 'Normal' ? 'normal' : 'untyped';
  const state = c.statusCategory === 'done' ? 'done' : c.statusCategory === 'new' ? 'draft' : 'active';
  return `sd-sch-bar sd-sch-change sd-sch-type-${type} sd-sch-state-${state}${c.conflicts.length || c.findings.some((f) => f.severity === 'refusal') ? ' sd-sch-flagged' : ''}`;
}

/** What a change's bar says when hovered or read by a screen reader. */
export function changeTitle(c: ScheduledChangeView, when: string): string {
  const flags = [
    ...c.conflicts.map((x) => `Conflict with ${x.otherKey} on ${[...x.cis, ...x.services].join(', ')}`),
    ...c.findings.map((f) => `${f.severity === 'refusal' ? 'Refused' : 'Warning'}: ${f.message}`),
  ];
  return `${c.key} ${c.summary} · ${c.changeType ?? 'No change type'} · ${c.status} · ${when}${flags.length ? ` · ${flags.join(' · ')}` : ''}`;
}

export function periodClasses(p: SchedulePeriodView): string {
  return `sd-sch-bar sd-sch-period sd-sch-kind-${p.kind}`;
}
