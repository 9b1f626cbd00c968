import { missingForStep, scheduleFindings, stepForStatus } from '../domain/change/path';
import { NEW_SERVICE_LABEL } from '../domain/change/snapshot';
import { JIRA_PRIORITY_NAMES, profilePriorityOf } from '../domain/incident/priority-names';
import { classifyIncident } from '../domain/policy';
import { setPriorityByNames } from '../jira/issues';
import type { LoadedIssue } from '../incidents/load';
import { updateChangeRecord } from '../store/change-records';
import { removeChangeSlot, saveChangeSlot } from '../store/change-slots';
import type { IncidentRules } from '../store/rules';
import { writeConfigurationVersions } from './context';
import { publishCatalogueUpdatesFor } from '../relationship/catalogue';
import { changeOf, type LoadedChange } from './load';
import { jsmDecisions } from './jsm';
import { moveTo } from './move';

/**
 * What happens after the fact on a service change request (ADR 014), on every event and whenever the scan finds its
 * work mark: the derived priority (CHG-11, the incident matrix), a change raised from a designated template is
 * approved by that designation (D15), and a change that arrived in Deployed gets its deployment recorded with a new
 * version of every configuration record it touched, naming the change (CO.3.4, CO-11) — once, whatever the number of
 * deliveries. What a run could not finish is in `unfinished`; the scan finishes it.
 */
export interface ChangeOutcome { unfinished: string[]; done: string[] }

function deployedBy(issue: LoadedIssue): { accountId: string; displayName: string; at: string } | null {
  const entries = issue.snapshot.history.filter((h) => h.items.some((i) => i.field === 'status' && i.toString !== null && stepForStatus(i.toString, 'indeterminate') === 'deploy'));
  const last = entries.at(-1);
  if (!last) return null;
  return { accountId: last.author?.accountId ?? '', displayName: last.author?.displayName ?? 'someone', at: new Date(last.at).toISOString() };
}

export async function bringChangeUpToDate(issue: LoadedIssue, rules: IncidentRules, now: number): Promise<ChangeOutcome> {
  const out: ChangeOutcome = { unfinished: [], done: [] };
  const change: LoadedChange = await changeOf(issue, rules, now, 'app');
  const s = change.snapshot;

  // D17: the index of planned slots the panels read for changes planned at the same time.
  try {
    const planned = s.plannedStart !== null && s.plannedEnd !== null && s.plannedEnd > s.plannedStart;
    const over = s.status.category === 'done' || stepForStatus(s.status.name, s.status.category) === 'reject';
    if (planned && !over) await saveChangeSlot({ issueId: s.id, issueKey: s.key, projectKey: s.projectKey, start: s.plannedStart!, end: s.plannedEnd!, services: s.services, cis: s.cis, status: s.status.name });
    else await removeChangeSlot(s.id);
  } catch (e) {
    out.unfinished.push(`schedule index: ${e instanceof Error ? e.message : String(e)}`);
  }

  // CHG-11: the same matrix prioritises changes and incidents.
  const derived = classifyIncident(rules.policy.policy, rules.policy.version ?? 1, s.impact, s.urgency);
  if (derived.ok && s.status.category !== 'done' && profilePriorityOf(s.priority) !== derived.priority) {
    try {
      const set = await setPriorityByNames(s.key, JIRA_PRIORITY_NAMES[derived.priority]);
      if (set) out.done.push(`priority ${set}`);
    } catch (e) {
      out.unfinished.push(`priority ${derived.priority}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  // D15: raised from a designated template, it is approved by that designation at creation.
  if (change.type === 'Pre-approved' && change.evidence.template && s.status.category === 'new') {
    const gate = missingForStep({ snapshot: s, evidence: change.evidence, type: change.type, env: change.env }, 'evaluate');
    if (gate.length === 0) {
      const moved = await moveTo(s.key, 'evaluate', 'app');
      if (moved.moved) out.done.push(`approved by its template (${moved.to})`);
      else if (moved.reason && !moved.conflict) out.unfinished.push(`approval by template: ${moved.reason}`);
    }
  }

  // A decision given through JSM's own approval becomes evidence once the change moved on (the validator let it through).
  if (s.status.category !== 'new' && !change.evidence.decisions.some((d) => d.step === 'evaluate')) {
    try {
      const jsm = await jsmDecisions(s.key, rules);
      if (jsm.length) {
        const names = new Map(issue.snapshot.history.flatMap((h) => (h.author?.displayName ? [[h.author.accountId, h.author.displayName] as const] : [])));
        await updateChangeRecord({ issueId: s.id, issueKey: s.key, projectKey: s.projectKey }, (r) => {
          const fresh = jsm.filter((d) => !r.decisions.some((x) => x.id === d.id));
          if (!fresh.length) return undefined;
          return { ...r, decisions: [...r.decisions, ...fresh.map((d) => ({ ...d, by: { accountId: d.by.accountId, displayName: names.get(d.by.accountId) ?? d.by.displayName }, recordedBy: null, how: 'JSM approval' }))] };
        });
        out.done.push('JSM approval recorded');
      }
    } catch (e) {
      out.unfinished.push(`JSM approval: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  // CO.3.4, CO-11: arrived in Deployed (or beyond) without its deployment recorded.
  const step = stepForStatus(s.status.name, s.status.category);
  const deployedStatus = step === 'deploy' || step === 'review' || (step === 'close' && change.evidence.deployment === null && deployedBy(issue) !== null);
  if (deployedStatus && !change.record?.deployment?.complete) {
    const who = deployedBy(issue) ?? { accountId: '', displayName: 'someone', at: new Date(now).toISOString() };
    try {
      const cis = s.cis.filter((c) => c !== NEW_SERVICE_LABEL);
      const versions = await writeConfigurationVersions({ changeKey: s.key, ciIds: cis, by: who.accountId, at: who.at, summary: `Deployed by ${s.key}: ${s.summary}` });
      const warnings = change.type && change.type !== 'Normal' ? scheduleFindings(s, change.type, change.env).warnings : [];
      await updateChangeRecord({ issueId: s.id, issueKey: s.key, projectKey: s.projectKey }, (r) => (r.deployment?.complete ? undefined : {
        ...r,
        deployment: { by: { accountId: who.accountId, displayName: who.displayName }, at: who.at, configurationVersions: versions, complete: true },
        scheduleWarnings: [...r.scheduleWarnings, ...warnings.filter((w) => !r.scheduleWarnings.some((x) => x.key === `${w.kind}:${w.periodId ?? w.changeKey ?? ''}`)).map((w) => ({ at: who.at, message: w.message, key: `${w.kind}:${w.periodId ?? w.changeKey ?? ''}` }))],
      }));
      out.done.push(`deployment recorded (${versions.length} configuration record${versions.length === 1 ? '' : 's'} updated)`);
    } catch (e) {
      out.unfinished.push(`deployment record: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  // CO.3.4, RE.1.3 NOTE: a deployed change publishes the catalogue updates it carries (idempotent: once published, a draft is gone).
  if (deployedStatus) {
    try {
      const published = await publishCatalogueUpdatesFor({ issueKey: s.key }, now);
      if (published.length) out.done.push(`service catalogue update published (${published.join(', ')})`);
    } catch (e) {
      out.unfinished.push(`service catalogue update: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return out;
}
