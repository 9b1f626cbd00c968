import Button from '@atlaskit/button/new';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { useEffect, useMemo, useState } from 'react';
import {
  checkAgreement, parseIcsHolidays, policyUnderAgreement, type AgreementApproverRole, type AgreementContent, type AgreementIssue, type AgreementKind, type AgreementPerson, type AgreementSection,
  type ServiceDeliveryPolicy,
} from '@contract/agreement';
import { messageOf } from '../api';
import { Check, FieldIssues, Label, Select } from '../admin/ui/controls';
import { PersonPicker } from '../admin/ui/PersonPicker';
import { MatrixEditor } from '../admin/policy/MatrixEditor';
import { ServiceHoursEditor } from '../admin/policy/ServiceHoursEditor';
import { TargetsEditor } from '../admin/policy/TargetsEditor';
import { listOrganizations, saveDraft, searchPeople } from './agreementApi';

const APPROVERS: ReadonlyArray<{ role: AgreementApproverRole; label: string }> = [
  { role: 'MGT', label: 'Management (MGT)' },
  { role: 'SM', label: 'Service Manager (SM)' },
  { role: 'CUS', label: 'Customer (CUS)' },
  { role: 'SUP', label: 'Supplier (SUP)' },
];

const at = (issues: readonly AgreementIssue[], prefix: string): AgreementIssue[] => issues.filter((i) => i.path === prefix || i.path.startsWith(`${prefix}.`));

const MASTER = '__all__';

/**
 * The agreement's content as a form (RE.2.1, RE.2.5): the party (a JSM organization, or every customer for a master
 * agreement), the catalogue services, the service hours, targets and an optional matrix (the policy editor's own
 * parts), the customer contacts (D12), the owners, key dates, the approving parties, the feasibility assessment and the
 * terms. Issues show live as the server's own rules find them; saving makes a draft, never an approval.
 */
export function AgreementEditor({ section, onSaved, onCancel }: { section: AgreementSection; onSaved: (fresh: AgreementSection) => void; onCancel: () => void }) {
  const start = section.draft?.content ?? section.starter;
  const policyInForce = section.policy?.policy ?? null;
  const [content, setContent] = useState<AgreementContent | null>(start);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [orgs, setOrgs] = useState<Array<{ id: string; name: string }> | null>(null);
  const [names, setNames] = useState<Map<string, string>>(() => new Map(section.people.map((p) => [p.accountId, p.displayName])));

  useEffect(() => {
    if (content?.kind !== 'customer') return;
    listOrganizations().then(setOrgs, () => setOrgs([]));
    // Organizations are read once, when the editor of a customer agreement opens.
  }, [content?.kind]);

  const issues = useMemo(() => (content && policyInForce ? checkAgreement(content, { approvedServices: section.catalogue, policy: policyInForce, today: section.today, forApproval: false }) : []), [content, policyInForce, section]);

  if (!content || !policyInForce) return <p className="sd-inc-muted">This agreement cannot be edited here.</p>;
  const c = content;
  const set = (patch: Partial<AgreementContent>): void => setContent({ ...c, ...patch });
  const under = policyUnderAgreement(policyInForce, c);
  const change = (mutate: (d: ServiceDeliveryPolicy) => void): void => {
    setContent((prev) => {
      if (!prev) return prev;
      const d = structuredClone(policyUnderAgreement(policyInForce, prev));
      mutate(d);
      return { ...prev, serviceHours: d.serviceHours, targets: d.targets, priorityMatrix: prev.priorityMatrix === null ? null : d.priorityMatrix };
    });
  };
  const policyIssues = issues.filter((i) => i.path.startsWith('targets') || i.path.startsWith('serviceHours') || i.path.startsWith('priorityMatrix'));
  const sectionProps = { policy: under, change, issues: policyIssues, disabled: busy, names };
  const services = [...new Set([...section.catalogue, ...c.services])];
  const remember = (p: AgreementPerson) => setNames((m) => new Map(m).set(p.accountId, p.displayName));
  const nameOf = (id: string): string => names.get(id) ?? id;

  const save = async (): Promise<void> => {
    setBusy(true);
    setProblem(null);
    try {
      onSaved(await saveDraft(c, section.draft?.revision ?? null));
    } catch (e) {
      setProblem(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const kindOptions: Array<{ value: AgreementKind; label: string }> = section.kind === 'customer'
    ? [{ value: 'customer', label: 'Customer agreement' }]
    : [{ value: 'supplier', label: 'Supplier agreement' }, { value: 'internal', label: 'Internal agreement (with a team of ours)' }];

  return (
    <form className="sd-agr-editor sd-stack" data-testid="sd-agreement-editor" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      {kindOptions.length > 1 ? (
        <div className="sd-field">
          <Label htmlFor="sd-agr-kind">Kind of agreement</Label>
          <Select id="sd-agr-kind" testId="sd-agr-kind" value={c.kind} options={kindOptions} onValue={(v) => set({ kind: v as AgreementKind, contacts: [] })} />
        </div>
      ) : null}

      <div className="sd-field">
        {c.kind === 'customer' ? (
          <>
            <Label htmlFor="sd-agr-party">Customer</Label>
            <Select
              id="sd-agr-party"
              testId="sd-agr-party"
              value={c.party.organizationId ?? MASTER}
              options={[
                { value: MASTER, label: 'All customers (master agreement)' },
                ...(orgs ?? []).map((o) => ({ value: o.id, label: o.name })),
                ...(c.party.organizationId !== null && !(orgs ?? []).some((o) => o.id === c.party.organizationId) ? [{ value: c.party.organizationId, label: c.party.name || c.party.organizationId }] : []),
              ]}
              onValue={(v) => set({ party: v === MASTER ? { organizationId: null, name: 'All customers' } : { organizationId: v, name: orgs?.find((o) => o.id === v)?.name ?? v } })}
            />
          </>
        ) : (
          <>
            <Label htmlFor="sd-agr-party-name">{c.kind === 'supplier' ? 'Supplier' : 'Internal group'}</Label>
            <Textfield id="sd-agr-party-name" testId="sd-agr-party-name" value={c.party.name} isDisabled={busy} onChange={(e) => set({ party: { organizationId: null, name: e.currentTarget.value } })} />
          </>
        )}
        <FieldIssues issues={at(issues, 'party')} />
      </div>

      <fieldset className="sd-field">
        <legend className="sd-label">Services covered</legend>
        {services.length === 0 ? <p className="sd-inc-muted">The catalogue has no services yet.</p> : null}
        {services.map((s) => (
          <Check key={s} testId={`sd-agr-service-${s}`} checked={c.services.some((x) => x.toLowerCase() === s.toLowerCase())} disabled={busy}
            onChecked={(on) => set({ services: on ? [...c.services, s] : c.services.filter((x) => x.toLowerCase() !== s.toLowerCase()) })}>
            {s}
            {section.catalogue.includes(s) ? null : <span className="sd-hint"> (not in an approved catalogue)</span>}
          </Check>
        ))}
        <FieldIssues issues={at(issues, 'services')} />
      </fieldset>

      <ServiceHoursEditor
        {...sectionProps}
        onImportIcs={(text) => {
          const r = parseIcsHolidays(text);
          return Promise.resolve({ holidays: r.holidays.map((h) => ({ date: h.date, name: h.name })), skipped: r.skipped.map((x) => ({ line: x.line, reason: x.reason })) });
        }}
        importBusy={false}
      />
      <TargetsEditor {...sectionProps} />
      <Check testId="sd-agr-own-matrix" checked={c.priorityMatrix !== null} disabled={busy}
        onChecked={(on) => set({ priorityMatrix: on ? structuredClone(policyInForce.priorityMatrix) : null })}>
        This agreement has its own impact × urgency matrix (otherwise the policy’s applies)
      </Check>
      {c.priorityMatrix !== null ? <MatrixEditor {...sectionProps} version={section.policy?.version ?? 1} /> : null}

      {c.kind === 'customer' ? (
        <div className="sd-field">
          <span className="sd-label">Customer contacts who may confirm a resolution</span>
          <ul className="sd-inc-rows" data-testid="sd-agr-contacts">
            {c.contacts.map((id) => (
              <li key={id}>
                {nameOf(id)}{' '}
                <Button appearance="subtle" spacing="compact" onClick={() => set({ contacts: c.contacts.filter((x) => x !== id) })}>Remove</Button>
              </li>
            ))}
          </ul>
          <PersonPicker label="Add a contact" testId="sd-agr-contact-picker" exclude={c.contacts} disabled={busy} search={searchPeople}
            onPick={(p) => { remember(p); set({ contacts: [...c.contacts, p.accountId] }); }} />
          <FieldIssues issues={at(issues, 'contacts')} />
        </div>
      ) : null}

      <div className="sd-field">
        <span className="sd-label">Owner for the service provider</span>
        <p className="sd-inc-line" data-testid="sd-agr-owner">{c.owners.provider ? nameOf(c.owners.provider) : 'Nobody yet'}</p>
        <PersonPicker label="Choose the owner" testId="sd-agr-owner-picker" disabled={busy} search={searchPeople}
          onPick={(p) => { remember(p); set({ owners: { ...c.owners, provider: p.accountId } }); }} />
        <Label htmlFor="sd-agr-owner-party">Owner for the other party</Label>
        <Textfield id="sd-agr-owner-party" testId="sd-agr-owner-party" value={c.owners.party} isDisabled={busy} onChange={(e) => set({ owners: { ...c.owners, party: e.currentTarget.value } })} />
        <FieldIssues issues={at(issues, 'owners')} />
      </div>

      <div className="sd-field sd-agr-dates">
        <Label htmlFor="sd-agr-start">Start date</Label>
        <input id="sd-agr-start" data-testid="sd-agr-start" className="sd-select" type="date" value={c.keyDates.start} disabled={busy} onChange={(e) => set({ keyDates: { ...c.keyDates, start: e.target.value } })} />
        <Label htmlFor="sd-agr-end" hint="(empty: open-ended)">End date</Label>
        <input id="sd-agr-end" data-testid="sd-agr-end" className="sd-select" type="date" value={c.keyDates.end ?? ''} disabled={busy} onChange={(e) => set({ keyDates: { ...c.keyDates, end: e.target.value || null } })} />
        <Label htmlFor="sd-agr-review">First review date</Label>
        <input id="sd-agr-review" data-testid="sd-agr-review" className="sd-select" type="date" value={c.keyDates.reviewOn} disabled={busy} onChange={(e) => set({ keyDates: { ...c.keyDates, reviewOn: e.target.value } })} />
        <Label htmlFor="sd-agr-interval">Review every (months)</Label>
        <input id="sd-agr-interval" data-testid="sd-agr-interval" className="sd-select" type="number" min={1} max={36} value={c.keyDates.reviewIntervalMonths} disabled={busy}
          onChange={(e) => set({ keyDates: { ...c.keyDates, reviewIntervalMonths: Number(e.target.value) || 3 } })} />
        <FieldIssues issues={at(issues, 'keyDates')} />
      </div>

      <fieldset className="sd-field">
        <legend className="sd-label">Approving parties</legend>
        {APPROVERS.map((a) => (
          <Check key={a.role} testId={`sd-agr-approver-${a.role}`} checked={c.approvers.includes(a.role)} disabled={busy}
            onChecked={(on) => set({ approvers: on ? APPROVERS.map((x) => x.role).filter((r) => r === a.role || c.approvers.includes(r)) : c.approvers.filter((r) => r !== a.role) })}>
            {a.label}
          </Check>
        ))}
        <FieldIssues issues={at(issues, 'approvers')} />
      </fieldset>

      <div className="sd-field">
        <Label htmlFor="sd-agr-feasibility" hint="(resources, capacity, past performance)">Feasibility assessment</Label>
        <TextArea id="sd-agr-feasibility" testId="sd-agr-feasibility" minimumRows={3} resize="vertical" value={c.feasibility} isDisabled={busy} onChange={(e) => set({ feasibility: e.target.value })} />
        <FieldIssues issues={at(issues, 'feasibility')} />
      </div>
      <div className="sd-field">
        <Label htmlFor="sd-agr-terms" hint="(requirements, communication, charging, procedures, acceptance, warranty…)">Terms</Label>
        <TextArea id="sd-agr-terms" testId="sd-agr-terms" minimumRows={4} resize="vertical" value={c.terms} isDisabled={busy} onChange={(e) => set({ terms: e.target.value })} />
      </div>

      {problem ? <p className="sd-inc-error" role="alert" data-testid="sd-agr-save-problem">{problem}</p> : null}
      <div className="sd-inc-actions">
        <Button type="submit" appearance="primary" testId="sd-agr-save" isDisabled={busy}>{busy ? 'Saving…' : 'Save draft'}</Button>
        <Button appearance="subtle" testId="sd-agr-cancel" isDisabled={busy} onClick={onCancel}>Cancel</Button>
      </div>
      <p className="sd-inc-muted">Saving makes a draft. The parties listed sign it; until then the version in force stays in force.</p>
    </form>
  );
}
