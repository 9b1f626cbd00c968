import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { useMemo, useState } from 'react';
import type { PolicyView } from '../adminApi';
import type { GovernancePanelProps } from '../governance';
import { checkPolicy, type PolicyIssue, type ServiceDeliveryPolicy } from '../domain';
import { formatDay, formatWhen, humanise, nameOf, type PeopleIndex } from '../format';
import { ActionBar, ActionButton, DraftActions } from '../ui/ActionButton';
import { AdminError, DoneNote } from '../ui/AdminError';
import { ChangeTypesEditor } from './ChangeTypesEditor';
import { CommunicationEditor } from './CommunicationEditor';
import { ObjectivesEditor, ReviewEditor, SecurityEditor } from './GovernanceEditor';
import { MatrixEditor } from './MatrixEditor';
import { PauseStatusesEditor, SignificantImpactEditor } from './RulesEditor';
import { ServiceHoursEditor } from './ServiceHoursEditor';
import { TargetsEditor } from './TargetsEditor';
import { TemplatesEditor } from './TemplatesEditor';
import type { PolicySectionProps } from './types';
import { useAdminCall } from '../useAdminCall';
import { countOf, splitRefs } from '../words';

const SECTION_OF: ReadonlyArray<[string, string]> = [
  ['priorityMatrix', 'Priority matrix'],
  ['targets', 'Targets'],
  ['serviceHours', 'Service hours'],
  ['pauseStatuses', 'Statuses that pause the clock'],
  ['significantImpact', 'Significant impact'],
  ['changeTypes', 'Change types'],
  ['preApprovedTemplates', 'Pre-approved templates'],
  ['communication', 'Messages to the customer'],
  ['informationSecurity', 'Information security'],
  ['objectives', 'Objectives'],
  ['reviewDueOn', 'Review date'],
];

function sectionOf(path: string): string {
  return SECTION_OF.find(([prefix]) => path === prefix || path.startsWith(`${prefix}.`))?.[1] ?? path;
}

function safeCheck(policy: ServiceDeliveryPolicy, options: Parameters<typeof checkPolicy>[1], names: PeopleIndex): PolicyIssue[] {
  try {
    return checkPolicy(policy, options).map((i) => ({ ...i, message: humanise(i.message, names) }));
  } catch (error: unknown) {
    return [{ path: '', rule: 'WP.14', message: `The policy could not be checked: ${error instanceof Error ? error.message : String(error)}` }];
  }
}

function statusText(policy: PolicyView, names: PeopleIndex): string {
  const c = policy.current;
  if (!c) return 'No policy approved yet: the first draft starts from the defaults.';
  const approved = c.approvedBy ? ` · approved by ${nameOf(names, c.approvedBy)} on ${formatWhen(c.approvedAt)}` : '';
  return `Version ${c.version} · ${c.status}${approved} · review due ${formatDay(c.content.reviewDueOn)}`;
}

/** WP.14 service delivery policy (GO.2.1 drafting, GO.2.2 approval), with live checks from the domain. */
export function PolicyEditor({ view, onView, reload, people, calls }: GovernancePanelProps) {
  const { policy: pv, permissions, today } = view;
  const base = pv.draft?.content ?? pv.current?.content ?? pv.defaults;
  const [local, setLocal] = useState<ServiceDeliveryPolicy | null>(null);
  const call = useAdminCall();
  const ics = useAdminCall();
  const edited = local ?? base;
  const dirty = local !== null && JSON.stringify(local) !== JSON.stringify(base);
  const roleHolders = view.roles.current?.content.assignments ?? [];
  const controlManagers = [...new Set(roleHolders.filter((a) => a.roles.includes('CM')).map((a) => a.accountId))];

  // One list, one count: every issue that stands between what is on screen and approval (GO.2.2). A draft saves with
  // them (GO.2.1); approval is what they block.
  const issues = useMemo(() => safeCheck(edited, { today, forApproval: true, roleHolders }, people), [edited, today, roleHolders, people]);

  const editDenied = permissions['policy.edit'].allowed ? null : (permissions['policy.edit'].reason ?? 'You may not edit the policy.');
  const approveDenied = permissions['policy.approve'].allowed ? null : (permissions['policy.approve'].reason ?? 'You may not approve the policy.');
  const disabled = editDenied !== null || call.busy !== null;

  function change(mutate: (draft: ServiceDeliveryPolicy) => void): void {
    setLocal((prev) => {
      const next = structuredClone(prev ?? base);
      mutate(next);
      return next;
    });
  }

  async function save(): Promise<void> {
    const answer = await call.run('Saving…', () => calls.savePolicyDraft({ policy: edited, expectedRevision: pv.draft?.revision ?? null }), (v) => `Draft saved (revision ${v.policy.draft?.revision ?? '?'}). It takes effect when the Service Manager approves it.`);
    if (answer) {
      onView(answer);
      setLocal(null);
    }
  }

  async function approve(): Promise<void> {
    const draft = pv.draft;
    if (!draft) return;
    const answer = await call.run('Approving…', () => calls.approvePolicy({ revision: draft.revision }), (v) => `Approved: version ${v.policy.current?.version ?? '?'} of the policy applies now.`);
    if (answer) {
      onView(answer);
      setLocal(null);
    }
  }

  async function discard(): Promise<void> {
    const draft = pv.draft;
    if (!draft) return;
    const answer = await call.run('Discarding…', () => calls.discardPolicyDraft({ revision: draft.revision }), 'Draft discarded.');
    if (answer) {
      onView(answer);
      setLocal(null);
    }
  }

  const importIcs = (text: string) => ics.run('Importing…', () => calls.importIcs({ text }));

  const saveReason = editDenied ?? (!dirty ? (pv.draft ? 'No unsaved changes.' : 'Change something to start a draft.') : null);
  const approveReason =
    approveDenied ??
    (!pv.draft
      ? 'There is no saved draft to approve.'
      : dirty
        ? 'Save your changes first: approval applies to the saved draft.'
        : issues.length > 0
          ? `${countOf(issues.length, 'issue', 'issues')} must be fixed before approval (listed above).`
          : null);

  const section: PolicySectionProps = { policy: edited, change, issues, disabled, names: people };
  const version = pv.draft || local ? (pv.current?.version ?? 0) + 1 : (pv.current?.version ?? 1);

  return (
    <div className="sd-stack" data-testid="sd-policy">
      <div className="sd-stack-tight">
        <p data-testid="sd-policy-status" className="sd-status-line">
          {statusText(pv, people)}{' '}
          {pv.reviewOverdue ? (
            <span data-testid="sd-policy-review-overdue">
              <Lozenge appearance="removed">Review overdue</Lozenge>
            </span>
          ) : null}
        </p>
        <p data-testid="sd-policy-draft-status" className="sd-muted">
          {pv.draft ? (
            <>
              <Lozenge appearance="inprogress">Draft</Lozenge> Revision {pv.draft.revision}
              {pv.draft.baseVersion !== null ? ` (based on version ${pv.draft.baseVersion})` : ''} · saved by {nameOf(people, pv.draft.updatedBy)} on {formatWhen(pv.draft.updatedAt)} · waiting for approval by the Service Manager
            </>
          ) : (
            'No pending draft.'
          )}
          {dirty ? (
            <span data-testid="sd-policy-unsaved">
              {' '}
              <Lozenge appearance="moved">Unsaved changes</Lozenge>
            </span>
          ) : null}
        </p>
      </div>

      {editDenied ? (
        <SectionMessage appearance="information" title="Read-only for you" testId="sd-policy-denied">
          <p style={{ margin: 0 }}>{editDenied}</p>
        </SectionMessage>
      ) : null}

      <IssueSummary issues={issues} />

      {call.problem ? <AdminError problem={call.problem} onDismiss={call.dismiss} onReload={reload} /> : null}
      <DoneNote text={call.done} testId="sd-policy-done" />

      <DraftActions
        prefix="sd-policy"
        label="Policy"
        busy={call.busy}
        saveReason={saveReason}
        approveReason={approveReason}
        discardReason={editDenied}
        hasDraft={pv.draft !== null}
        dirty={dirty}
        onSave={() => void save()}
        onApprove={() => void approve()}
        onDiscard={() => void discard()}
        onUndo={() => setLocal(null)}
      />

      <MatrixEditor {...section} version={version} />
      <TargetsEditor {...section} />
      <ServiceHoursEditor {...section} onImportIcs={importIcs} importBusy={ics.busy !== null} />
      {ics.problem ? <AdminError problem={ics.problem} onDismiss={ics.dismiss} /> : null}
      <PauseStatusesEditor {...section} jiraStatuses={pv.jiraStatuses} />
      <SignificantImpactEditor {...section} />
      <ChangeTypesEditor {...section} />
      <TemplatesEditor {...section} controlManagers={controlManagers} today={today} />
      <CommunicationEditor {...section} agent={view.viewer.displayName} />
      <SecurityEditor {...section} />
      <ObjectivesEditor {...section} />
      <ReviewEditor {...section} today={today} />

      <ActionBar label="Policy (end of form)">
        <ActionButton testId="sd-policy-save-bottom" appearance="primary" label="Save draft" busyLabel="Saving…" busy={call.busy} reason={saveReason} onClick={() => void save()} />
      </ActionBar>
    </div>
  );
}

function IssueSummary({ issues }: { issues: readonly PolicyIssue[] }) {
  return (
    <section className="sd-findings-box" data-testid="sd-policy-issues" aria-labelledby="sd-policy-issues-title" aria-live="polite">
      <h4 id="sd-policy-issues-title" className="sd-subheading" data-testid="sd-policy-issues-title">
        {issues.length === 0 ? 'Ready for approval: no open issues' : `${countOf(issues.length, 'open issue', 'open issues')} to fix before approval`}
      </h4>
      {issues.length > 0 ? (
        <ul className="sd-findings" data-testid="sd-policy-issue-list">
          {issues.map((i, n) => {
            const { text, refs } = splitRefs(i.message);
            return (
              <li key={`${i.path}:${n}`} data-path={i.path}>
                <span className="sd-strong">{sectionOf(i.path)}:</span> {text}{' '}
                <span className="sd-hint">Why? {[i.rule, ...refs.filter((r) => r !== i.rule)].join(', ')}</span>
              </li>
            );
          })}
        </ul>
      ) : null}
      <p className="sd-muted">You can save a draft with open issues; only approval needs none.</p>
    </section>
  );
}
