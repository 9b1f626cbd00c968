import type { z } from 'zod';
import type { SetupFinishResult, SetupPlanView, SetupRunReport, SetupStepResult } from '../contract/admin';
import { DEFAULT_PROFILE_CONFIG } from '../domain/profile-config';
import { Refusal } from '../domain/refusal';
import { planSetup, profileSlots, stepCount, type SetupWants } from '../domain/setup-plan';
import { readInventory, runSetupStep, SetupStepError } from '../jira/setup';
import { PROFILE_CONFIG, SITE_MAPPING } from '../store/documents';
import { loadSetupRun, saveSetupRun } from '../store/runs';
import { loadDocument, recordVersion } from '../store/work-product-store';
import type { AdminCaller } from './caller';
import { setupView } from './view';

/** The setup wizard (issue #4, ADR 007): plan from the site, one step per call, re-planning each time; resumable. */

async function wantedSlots(): Promise<SetupWants> {
  const config = await loadDocument(PROFILE_CONFIG);
  const modules = (config.current?.content ?? DEFAULT_PROFILE_CONFIG).modules;
  return { slots: profileSlots({ problem: modules.problem, 'service-request': modules['service-request'] }) };
}

export async function planView(projectKey: string): Promise<SetupPlanView> {
  const [inventory, wants] = await Promise.all([readInventory(projectKey), wantedSlots()]);
  const lastRun = await loadSetupRun(inventory.project.key);
  const { id, key, name, projectTypeKey } = inventory.project;
  return { project: { id, key, name, projectTypeKey }, plan: planSetup(inventory, wants), lastRun };
}

export async function runStep(projectKey: string, stepId: string, caller: AdminCaller, clock: () => number): Promise<SetupStepResult> {
  const previous = await loadSetupRun(projectKey);
  const report: SetupRunReport = previous && previous.finishedAt === null
    ? previous
    : { projectKey, startedAt: new Date(clock()).toISOString(), startedBy: caller.actor.accountId, finishedAt: null, steps: [] };
  const wants = await wantedSlots();
  try {
    const outcome = await runSetupStep(projectKey, stepId, wants);
    report.steps.push({ id: stepId, title: outcome.title, status: 'done', message: outcome.message, at: new Date(clock()).toISOString() });
    await saveSetupRun(report);
    const inv = outcome.plan.mapping;
    return {
      step: { id: stepId, title: outcome.title, status: outcome.status, message: outcome.message },
      next: { project: { id: inv.projectId, key: inv.projectKey, name: inv.projectName, projectTypeKey: inv.projectTypeKey }, plan: outcome.plan, lastRun: report },
    };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    report.steps.push({ id: stepId, title: e instanceof SetupStepError ? e.title : stepId, status: 'failed', message, at: new Date(clock()).toISOString() });
    await saveSetupRun(report);
    throw new Refusal('failed', e instanceof SetupStepError ? message : `Step ${stepId} failed: ${message} Fix the cause and resume: the wizard re-reads the site and continues where it stopped.`);
  }
}

export async function finishSetup(projectKey: string, caller: AdminCaller, clock: () => number): Promise<SetupFinishResult> {
  const view = await planView(projectKey);
  if (!view.plan.nothingToDo) {
    throw new Refusal('refused', `Setup of ${view.project.key} is not complete: ${stepCount(view.plan.steps.length)} remain (${view.plan.steps.map((s) => s.title).join('; ')}). Run them first.`);
  }
  const mapping = view.plan.mapping;
  const state = await loadDocument(SITE_MAPPING);
  const others = (state.current?.content.projects ?? []).filter((p) => p.projectId !== mapping.projectId);
  await recordVersion(SITE_MAPPING, state.current?.version ?? null, 'Recorded', () => ({ projects: [...others, mapping as z.infer<typeof SITE_MAPPING.schema>['projects'][number]] }), {
    actor: caller.actor.accountId, now: clock(), action: 'mapped', summary: `Mapped project ${mapping.projectKey}: ${Object.entries(mapping.issueTypes).map(([slot, t]) => `${slot} → ${t.name}`).join(', ')}.`,
  });
  const report = await loadSetupRun(projectKey);
  if (report && report.finishedAt === null) await saveSetupRun({ ...report, finishedAt: new Date(clock()).toISOString() });
  return { mapping, setup: await setupView() };
}
