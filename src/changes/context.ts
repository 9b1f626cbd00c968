import type { ChangeSnapshot } from '../domain/change/snapshot';
import type { ChangeSchedule } from '../domain/change-rules';
import type { Actor as JiraActor } from '../jira/client';

/**
 * What a change's rules read around it: the procedures in force (WP.17, WP.09) and the change schedule (WP.12) with the
 * other changes planned near it (D17). Integration point for the schedule and configuration stores.
 */
export interface ChangeContext {
  procedures: { designBuildTestDeploy: number | null; secureComponent: number | null };
  schedule: ChangeSchedule | null;
  scheduleLabel: string | null;
}

export async function loadChangeContext(_snapshot: ChangeSnapshot, _now: number, _who: JiraActor): Promise<ChangeContext> {
  return { procedures: { designBuildTestDeploy: null, secureComponent: null }, schedule: null, scheduleLabel: null };
}

/** CO-06: the ids among `ids` that name no configuration record (WP.02). */
export async function checkConfigurationItems(_ids: readonly string[]): Promise<string[]> {
  return [];
}

/** CO.3.4, CO-11: a new version of each configuration record, naming the change; once per change and record. */
export async function writeConfigurationVersions(_input: { changeKey: string; ciIds: readonly string[]; by: string; at: string; summary: string }): Promise<Array<{ id: string; version: number }>> {
  return [];
}
