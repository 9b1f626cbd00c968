import Button from '@atlaskit/button/new';
import Select from '@atlaskit/select';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { useMemo, useState } from 'react';
import {
  blankCatalogue, blankService, checkCatalogue, CATALOGUE_FIELD_LABELS, PORTFOLIO_STATUSES, PORTFOLIO_STATUS_WORDS, SERVICE_FIELD_LABELS,
  type CatalogueContent, type CatalogueIssue, type CatalogueService, type ServiceField,
} from '@contract/catalogue';
import { newId } from '../../admin/format';
import { AdminError } from '../../admin/ui/AdminError';
import { ActionBar, ActionButton } from '../../admin/ui/ActionButton';
import { Check, Label, Select as NativeSelect } from '../../admin/ui/controls';
import { useAdminCall } from '../../admin/useAdminCall';
import { saveCatalogueDraft, type CatalogueTabView, type CatalogueView } from './api';

type Option = { value: string; label: string };

/** The problems of one field, next to it (the rule in a muted "Why?"). */
function Issues({ issues, id }: { issues: readonly CatalogueIssue[]; id: string }) {
  if (!issues.length) return null;
  return (
    <ul className="sd-cat-issues" id={id} data-testid={id}>
      {issues.map((i, n) => (
        <li key={n}>
          {i.message.replace(/^Service (“[^”]*”|\d+): /, '')} <span className="sd-hint">Why? {i.rules.join(', ')}{i.blocksDraft ? '' : ' · needed before approval'}</span>
        </li>
      ))}
    </ul>
  );
}

const split = (text: string): string[] => text.split(',').map((x) => x.trim()).filter(Boolean);

/**
 * Drafts a catalogue or a new version of one (RE.1.1): its services with the WP.10 content, checked as they are typed.
 * A draft may be saved with what approval still needs; what would make it ambiguous (a name used twice) is refused.
 * An update of an approved catalogue names its service change request (RE.1.3 NOTE).
 */
export function CatalogueEditor({ catalogue, view, onSaved, onCancel }: {
  catalogue: CatalogueView | null;
  view: CatalogueTabView;
  onSaved: (view: CatalogueTabView, name: string) => void;
  onCancel: () => void;
}) {
  const approvedBefore = catalogue?.current != null;
  const [content, setContent] = useState<CatalogueContent>(() => structuredClone(catalogue?.draft?.content ?? (catalogue?.current ? { ...catalogue.current.content, changeRequest: null } : { ...blankCatalogue(), name: catalogue?.name ?? '' })));
  const [suppliersText, setSuppliersText] = useState<Record<string, string>>(() => Object.fromEntries(content.services.map((s) => [s.id, s.dependencies.suppliers.join(', ')])));
  const call = useAdminCall();
  const others = useMemo(() => view.catalogues.filter((c) => c.id !== catalogue?.id).flatMap((c) => {
    const label = c.name;
    return [...(c.current?.content.services ?? []), ...(c.draft?.content.services ?? [])].filter((s) => s.status !== 'Retired').map((s) => ({ name: s.name, catalogue: label }));
  }), [view, catalogue]);
  const issues = checkCatalogue(content, { forApproval: true, approvedBefore, otherServiceNames: others });
  const blocking = issues.filter((i) => i.blocksDraft);
  const of = (serviceId: string | null, field: CatalogueIssue['field']) => issues.filter((i) => i.serviceId === serviceId && i.field === field);

  const orgOptions: Option[] = view.organizations.map((o) => ({ value: o.id, label: o.name }));
  const ciOptions: Option[] = view.configurationItems.map((c) => ({ value: c.id, label: `${c.name} (${c.id})` }));
  const statusOptions: Option[] = PORTFOLIO_STATUSES.map((s) => ({ value: s, label: PORTFOLIO_STATUS_WORDS[s] }));

  const setService = (id: string, change: Partial<CatalogueService>) => setContent((c) => ({ ...c, services: c.services.map((s) => (s.id === id ? { ...s, ...change } : s)) }));
  const addService = () => {
    const s = blankService(newId('s').toLowerCase().replace(/[^a-z0-9-]/g, '').slice(0, 24) || `s-${Date.now().toString(36)}`);
    setContent((c) => ({ ...c, services: [...c.services, s] }));
  };
  const save = async () => {
    const payload = { ...content, services: content.services.map((s) => ({ ...s, dependencies: { ...s.dependencies, suppliers: split(suppliersText[s.id] ?? s.dependencies.suppliers.join(', ')) } })) };
    const saved = await call.run('Saving…', () => saveCatalogueDraft({ catalogueId: catalogue?.id ?? null, content: payload, expectedRevision: catalogue?.draft?.revision ?? null }));
    if (saved) onSaved(saved, content.name);
  };

  const title = catalogue ? (catalogue.draft ? `Edit the draft of “${catalogue.name}”` : `Draft an update of “${catalogue.name}”`) : 'Draft a new catalogue';
  return (
    <form className="sd-section" aria-label={title} data-testid="sd-cat-editor" onSubmit={(e) => { e.preventDefault(); if (!blocking.length) void save(); }}>
      <h3 className="sd-subheading">{title}</h3>
      {call.problem ? <AdminError problem={call.problem} onDismiss={call.dismiss} /> : null}
      <div className="sd-form-grid">
        <div className="sd-field">
          <Label htmlFor="sd-cat-name">{CATALOGUE_FIELD_LABELS.name}</Label>
          <Textfield id="sd-cat-name" testId="sd-cat-name" value={content.name} placeholder="e.g. Hosting services" aria-describedby="sd-cat-name-issues" onChange={(e) => { const name = e.currentTarget.value; setContent((c) => ({ ...c, name })); }} />
          <Issues issues={of(null, 'name')} id="sd-cat-name-issues" />
        </div>
        <div className="sd-field">
          <Label htmlFor="sd-cat-description">{CATALOGUE_FIELD_LABELS.description}</Label>
          <TextArea id="sd-cat-description" testId="sd-cat-description" value={content.description} minimumRows={2} onChange={(e) => { const description = e.currentTarget.value; setContent((c) => ({ ...c, description })); }} />
        </div>
        {approvedBefore || content.changeRequest !== null ? (
          <div className="sd-field">
            <Label htmlFor="sd-cat-change" hint="the issue key of the change that carries this update; its deployment publishes it">{CATALOGUE_FIELD_LABELS.changeRequest}</Label>
            <Textfield id="sd-cat-change" testId="sd-cat-change" value={content.changeRequest ?? ''} placeholder="e.g. SD-42" aria-describedby="sd-cat-change-issues" onChange={(e) => { const v = e.currentTarget.value; setContent((c) => ({ ...c, changeRequest: v })); }} />
            <Issues issues={of(null, 'changeRequest')} id="sd-cat-change-issues" />
            <p className="sd-hint">Why? An approved catalogue changes only through a service change request; a deployed change updates it (RE.1.3, RE-07, CO.3.4).</p>
          </div>
        ) : null}
      </div>
      <Issues issues={of(null, 'services')} id="sd-cat-services-issues" />

      {content.services.map((s, i) => {
        const f = (field: ServiceField) => `sd-cat-${s.id}-${field}`;
        const text = (field: 'description' | 'hours' | 'howToRequest' | 'costs' | 'contacts' | 'standards' | 'complaints', opts: { area?: boolean; hint?: string; placeholder?: string } = {}) => (
          <div className="sd-field">
            <Label htmlFor={f(field)} {...(opts.hint ? { hint: opts.hint } : {})}>{SERVICE_FIELD_LABELS[field]}</Label>
            {opts.area ? (
              <TextArea id={f(field)} testId={f(field)} value={s[field]} minimumRows={2} aria-describedby={`${f(field)}-issues`} onChange={(e) => setService(s.id, { [field]: e.currentTarget.value })} />
            ) : (
              <Textfield id={f(field)} testId={f(field)} value={s[field]} placeholder={opts.placeholder} aria-describedby={`${f(field)}-issues`} onChange={(e) => setService(s.id, { [field]: e.currentTarget.value })} />
            )}
            <Issues issues={of(s.id, field)} id={`${f(field)}-issues`} />
          </div>
        );
        return (
          <fieldset key={s.id} className="sd-cat-service-form" data-testid={`sd-cat-edit-service-${i}`}>
            <legend>{s.name.trim() || `Service ${i + 1}`}</legend>
            <div className="sd-form-grid">
              <div className="sd-field">
                <Label htmlFor={f('name')} hint="also the value of the Jira field “Affected services”">{SERVICE_FIELD_LABELS.name}</Label>
                <Textfield id={f('name')} testId={`sd-cat-service-name-${i}`} value={s.name} aria-describedby={`${f('name')}-issues`} onChange={(e) => setService(s.id, { name: e.currentTarget.value })} />
                <Issues issues={of(s.id, 'name')} id={`${f('name')}-issues`} />
              </div>
              <div className="sd-field">
                <Label htmlFor={f('status')}>{SERVICE_FIELD_LABELS.status}</Label>
                <NativeSelect id={f('status')} testId={`sd-cat-service-status-${i}`} options={statusOptions} value={s.status} onValue={(v) => setService(s.id, { status: v as CatalogueService['status'] })} />
                {s.status !== 'Live' ? <p className="sd-hint">Customers see only offered services.</p> : null}
              </div>
              {text('description', { area: true })}
              {text('hours', { placeholder: 'e.g. Mon–Fri 08:00–18:00 Europe/Lisbon' })}
              <div className="sd-field">
                <span className="sd-label" id={`${f('quality')}-label`}>{SERVICE_FIELD_LABELS.quality}</span>
                {s.quality.map((q, j) => (
                  <div key={j} className="sd-cat-quality" role="group" aria-labelledby={`${f('quality')}-label`}>
                    <Textfield aria-label={`Measure ${j + 1}`} testId={`sd-cat-service-measure-${i}-${j}`} value={q.measure} placeholder="Measure, e.g. Availability" onChange={(e) => { const measure = e.currentTarget.value; setService(s.id, { quality: s.quality.map((x, k) => (k === j ? { ...x, measure } : x)) }); }} />
                    <Textfield aria-label={`Target ${j + 1}`} testId={`sd-cat-service-target-${i}-${j}`} value={q.target} placeholder="Target, e.g. 99.9 % a month" onChange={(e) => { const target = e.currentTarget.value; setService(s.id, { quality: s.quality.map((x, k) => (k === j ? { ...x, target } : x)) }); }} />
                    <Button appearance="subtle" spacing="compact" onClick={() => setService(s.id, { quality: s.quality.filter((_, k) => k !== j) })}>Remove</Button>
                  </div>
                ))}
                <Button appearance="subtle" spacing="compact" testId={`sd-cat-service-add-quality-${i}`} onClick={() => setService(s.id, { quality: [...s.quality, { measure: '', target: '' }] })}>Add a quality measure</Button>
                <Issues issues={of(s.id, 'quality')} id={`${f('quality')}-issues`} />
              </div>
              {text('howToRequest', { area: true })}
              {text('costs', { hint: 'optional; customers see it' })}
              {text('contacts')}
              {text('complaints', { area: true })}
              {text('standards', { area: true })}
              <div className="sd-field">
                <Label htmlFor={f('suppliers')} hint="comma-separated">{SERVICE_FIELD_LABELS.suppliers}</Label>
                <Textfield id={f('suppliers')} testId={`sd-cat-service-suppliers-${i}`} value={suppliersText[s.id] ?? ''} onChange={(e) => { const v = e.currentTarget.value; setSuppliersText((t) => ({ ...t, [s.id]: v })); }} />
              </div>
              <div className="sd-field">
                <Label htmlFor={f('configurationItems')}>{SERVICE_FIELD_LABELS.configurationItems}</Label>
                <Select inputId={f('configurationItems')} isMulti options={ciOptions}
                  value={s.dependencies.configurationItems.map((id) => ciOptions.find((o) => o.value === id) ?? { value: id, label: id })}
                  onChange={(os) => setService(s.id, { dependencies: { ...s.dependencies, configurationItems: (os ?? []).map((o) => o.value) } })} />
              </div>
              <div className="sd-field">
                <Label htmlFor={f('offeredTo')} hint={orgOptions.length ? 'empty = every customer' : 'no customer organizations on this site: offered to every customer'}>{SERVICE_FIELD_LABELS.offeredTo}</Label>
                <Select inputId={f('offeredTo')} isMulti options={orgOptions} isDisabled={!orgOptions.length && !s.offeredTo.length}
                  value={s.offeredTo.map((id) => orgOptions.find((o) => o.value === id) ?? { value: id, label: id })}
                  onChange={(os) => setService(s.id, { offeredTo: (os ?? []).map((o) => o.value) })} />
              </div>
              <div className="sd-field">
                <Check checked={s.vital} onChecked={(vital) => setService(s.id, { vital })} testId={`sd-cat-service-vital-${i}`}>Vital service: every incident affecting it is significant</Check>
                <p className="sd-hint">Why? D13.</p>
              </div>
            </div>
            <Button appearance="subtle" testId={`sd-cat-service-remove-${i}`} onClick={() => setContent((c) => ({ ...c, services: c.services.filter((x) => x.id !== s.id) }))}>Remove this service</Button>
          </fieldset>
        );
      })}
      <p>
        <Button testId="sd-cat-add-service" onClick={addService}>Add a service</Button>
      </p>
      <p className="sd-muted" data-testid="sd-cat-editor-summary" role="status">
        {issues.length === 0 ? 'Complete: this draft can be approved once saved.' : `${issues.length} point${issues.length === 1 ? '' : 's'} to settle before approval${blocking.length ? `, ${blocking.length} before saving` : ''}.`}
      </p>
      <ActionBar label="Save or cancel">
        <ActionButton testId="sd-cat-save" appearance="primary" label="Save the draft" busyLabel="Saving…" busy={call.busy} reason={blocking.length ? 'Settle the points marked above first.' : null} onClick={() => void save()} />
        <Button appearance="subtle" testId="sd-cat-cancel" onClick={onCancel}>Cancel</Button>
      </ActionBar>
    </form>
  );
}
