import type { ChangeSnapshot } from '../domain/change/snapshot';
import type { ChangeSchedule } from '../domain/change-rules';
import { changeConflicts, changeScheduleFor, type ChangeConflict } from '../domain/schedule/schedule';
import type { Actor as JiraActor } from '../jira/client';
import { loadChangeSchedule } from '../store/change-schedule';
import { changeSlotsOverlapping } from '../store/change-slots';
import { loadConfigurationItems, recordChangeVersions, type ConfigurationItemState } from '../store/configuration-items';
import { loadProceduresInForce } from '../store/procedures';

/**
 * What a change's rules read around it: the procedures in force (WP.17, WP.09), the change schedule (WP.12) with the
 * other changes planned at the same time (D17; from the app's index of planned slots, so the panel stays within two Jira calls), and the
 * configuration records it names (WP.02, CO-06). Read once per use case.
 */
export interface ChangeContext {
  procedures: { designBuildTestDeploy: number | null; secureComponent: number | null };
  /** Null while the team keeps no schedule yet: then nothing is checked against windows and freezes. */
  schedule: ChangeSchedule | null;
  scheduleLabel: string | null;
  /** CO-17, D17: other changes overlapping this one on a configuration item or a service. */
  conflicts: ChangeConflict[];
  configurationItems: Map<string, ConfigurationItemState>;
}

export async function loadChangeContext(snapshot: ChangeSnapshot, _now: number, _who: JiraActor): Promise<ChangeContext> {
  const planned = snapshot.plannedStart !== null && snapshot.plannedEnd !== null && snapshot.plannedEnd > snapshot.plannedStart
    ? { from: snapshot.plannedStart, to: snapshot.plannedEnd } : null;
  const [procedures, schedule, others, items] = await Promise.all([
    loadProceduresInForce(),
    loadChangeSchedule(),
    planned ? changeSlotsOverlapping(planned) : Promise.resolve([]),
    snapshot.cis.length ? loadConfigurationItems(snapshot.cis) : Promise.resolve(new Map<string, ConfigurationItemState>()),
  ]);
  const active = others.filter((o) => o.issueKey !== snapshot.key && !/^(rejected|declined|cancell?ed)$/i.test(o.status));
  const scheduled = active.map((o) => ({ changeKey: o.issueKey, serviceIds: o.services, start: o.start, end: o.end }));
  const conflicts = planned
    ? changeConflicts([{ key: snapshot.key, start: planned.from, end: planned.to, services: snapshot.services, cis: snapshot.cis }, ...active.map((o) => ({ key: o.issueKey, start: o.start, end: o.end, services: o.services, cis: o.cis }))]).get(snapshot.key) ?? []
    : [];
  return {
    procedures: { designBuildTestDeploy: procedures.designBuildTestDeploy?.version ?? null, secureComponent: procedures.secureComponent?.version ?? null },
    schedule: schedule ? changeScheduleFor(schedule.content, planned ?? { from: 0, to: 0 }, scheduled) : null,
    scheduleLabel: schedule ? `Version ${schedule.version}, ${schedule.status}` : null,
    conflicts,
    configurationItems: items,
  };
}

/** CO-06: the ids among `ids` that name no configuration record (WP.02). */
export async function checkConfigurationItems(ids: readonly string[]): Promise<string[]> {
  if (!ids.length) return [];
  const found = await loadConfigurationItems(ids);
  return ids.filter((id) => !found.has(id));
}

/** CO.3.4, CO-11: a new version of each configuration record, naming the change; once per change and record. */
export async function writeConfigurationVersions(input: { changeKey: string; ciIds: readonly string[]; by: string; at: string; summary: string }): Promise<Array<{ id: string; version: number }>> {
  if (!input.ciIds.length) return [];
  const out = await recordChangeVersions({ changeKey: input.changeKey, ciIds: [...input.ciIds], by: input.by, at: Date.parse(input.at), summary: input.summary });
  return [...out.written, ...out.already];
}
