import Button from '@atlaskit/button/new';
import { DatePicker } from '@atlaskit/datetime-picker';
import Select from '@atlaskit/select';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import { COMPONENT_KIND_WORDS, COMPONENT_KINDS, ITEM_STATUS_WORDS, suggestItemId } from '@contract/configuration-words';
import { viewerLocale } from '../../admin/format';
import { AdminError } from '../../admin/ui/AdminError';
import { ActionBar, ActionButton } from '../../admin/ui/ActionButton';
import { Label } from '../../admin/ui/controls';
import { useAdminCall } from '../../admin/useAdminCall';
import { saveItem, type ComponentKind, type ConfigurationItemView, type ItemStatus, type PersonRef } from './api';

type Option = { value: string; label: string };
const KIND_OPTIONS: Option[] = COMPONENT_KINDS.map((k) => ({ value: k, label: COMPONENT_KIND_WORDS[k] }));
const STATUS_OPTIONS: Option[] = (['active', 'retired'] as const).map((s) => ({ value: s, label: ITEM_STATUS_WORDS[s] }));

interface Form { id: string; idTouched: boolean; name: string; service: string; kind: string; description: string; owner: string; location: string; inServiceSince: string; status: string }

/**
 * Adds an item or edits one (CO.1.4). The identifier is suggested from the name while adding and fixed once stored
 * (it is how changes and incidents name the item, also as a Jira label). The server checks every field and answers
 * in words; what was typed stays here when it refuses.
 */
export function ItemForm({ item, services, people, defaultService, onSaved, onCancel }: {
  item: ConfigurationItemView | null;
  services: readonly string[];
  people: readonly PersonRef[];
  defaultService: string;
  onSaved: (item: ConfigurationItemView) => void;
  onCancel: () => void;
}) {
  const [form, setForm] = useState<Form>(() => item
    ? { id: item.id, idTouched: true, name: item.name, service: item.service, kind: item.kind, description: item.description, owner: item.owner.accountId, location: item.location, inServiceSince: item.inServiceSince, status: item.status }
    : { id: '', idTouched: false, name: '', service: defaultService, kind: 'software', description: '', owner: '', location: '', inServiceSince: '', status: 'active' });
  const call = useAdminCall();
  const serviceOptions: Option[] = services.map((s) => ({ value: s, label: s }));
  const ownerOptions: Option[] = people.map((p) => ({ value: p.accountId, label: p.displayName }));
  if (item && !ownerOptions.some((o) => o.value === item.owner.accountId)) ownerOptions.push({ value: item.owner.accountId, label: item.owner.displayName });

  const missing = [!form.name.trim() && 'a name', !form.id.trim() && 'an identifier', !form.service && 'a service', !form.owner && 'an owner'].filter(Boolean) as string[];
  const save = async () => {
    const saved = await call.run('Saving…', () => saveItem({
      item: { id: form.id.trim(), name: form.name, service: form.service, kind: form.kind as ComponentKind, description: form.description, owner: form.owner, location: form.location, inServiceSince: form.inServiceSince, status: form.status as ItemStatus },
      expectedVersion: item ? item.version : null,
    }));
    if (saved) onSaved(saved.item);
  };

  const title = item ? `Edit “${item.name}” (version ${item.version})` : 'Add a configuration item';
  return (
    <form
      className="sd-section sd-config-form"
      aria-label={title}
      data-testid="sd-config-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (missing.length === 0) void save();
      }}
    >
      <h3 className="sd-subheading">{title}</h3>
      {call.problem ? <AdminError problem={call.problem} onDismiss={call.dismiss} /> : null}
      <div className="sd-form-grid">
        <div className="sd-field">
          <Label htmlFor="sd-config-name">Name</Label>
          <Textfield id="sd-config-name" testId="sd-config-name" value={form.name} placeholder="e.g. Mail relay MX1" onChange={(e) => {
            const name = e.currentTarget.value;
            setForm((f) => ({ ...f, name, id: f.idTouched || item ? f.id : suggestItemId(name) }));
          }} />
        </div>
        <div className="sd-field">
          <Label htmlFor="sd-config-id" hint={item ? 'fixed once stored' : 'lower-case, no spaces; also usable as a Jira label'}>Identifier</Label>
          <Textfield id="sd-config-id" testId="sd-config-id" value={form.id} isReadOnly={item !== null} onChange={(e) => {
            const id = e.currentTarget.value;
            setForm((f) => ({ ...f, id, idTouched: true }));
          }} />
        </div>
        <div className="sd-field">
          <Label htmlFor="sd-config-service">Service</Label>
          <Select inputId="sd-config-service" testId="sd-config-service" spacing="compact" options={serviceOptions} value={serviceOptions.find((o) => o.value === form.service) ?? null} placeholder="Choose a service" onChange={(o) => setForm((f) => ({ ...f, service: o?.value ?? '' }))} />
        </div>
        <div className="sd-field">
          <Label htmlFor="sd-config-kind">Kind</Label>
          <Select inputId="sd-config-kind" testId="sd-config-kind" spacing="compact" options={KIND_OPTIONS} value={KIND_OPTIONS.find((o) => o.value === form.kind) ?? null} onChange={(o) => setForm((f) => ({ ...f, kind: o?.value ?? 'software' }))} />
        </div>
        <div className="sd-field">
          <Label htmlFor="sd-config-owner">Owner</Label>
          <Select inputId="sd-config-owner" testId="sd-config-owner" spacing="compact" options={ownerOptions} value={ownerOptions.find((o) => o.value === form.owner) ?? null} placeholder="Choose a person" onChange={(o) => setForm((f) => ({ ...f, owner: o?.value ?? '' }))} />
        </div>
        <div className="sd-field">
          <Label htmlFor="sd-config-location">Location</Label>
          <Textfield id="sd-config-location" testId="sd-config-location" value={form.location} placeholder="e.g. Rack 4, Lisbon data centre" onChange={(e) => {
            const location = e.currentTarget.value;
            setForm((f) => ({ ...f, location }));
          }} />
        </div>
        <div className="sd-field">
          <Label htmlFor="sd-config-since">In service since</Label>
          <DatePicker id="sd-config-since" testId="sd-config-since" spacing="compact" locale={viewerLocale()} value={form.inServiceSince} onChange={(day) => setForm((f) => ({ ...f, inServiceSince: day }))} />
        </div>
        <div className="sd-field">
          <Label htmlFor="sd-config-status">Status</Label>
          <Select inputId="sd-config-status" testId="sd-config-status" spacing="compact" options={STATUS_OPTIONS} value={STATUS_OPTIONS.find((o) => o.value === form.status) ?? null} onChange={(o) => setForm((f) => ({ ...f, status: o?.value ?? 'active' }))} />
        </div>
        <div className="sd-field sd-span-2">
          <Label htmlFor="sd-config-description">Description</Label>
          <TextArea id="sd-config-description" testId="sd-config-description" minimumRows={2} value={form.description} onChange={(e) => {
            const description = e.currentTarget.value;
            setForm((f) => ({ ...f, description }));
          }} />
        </div>
      </div>
      <ActionBar label="Save or cancel">
        <ActionButton testId="sd-config-save" appearance="primary" label={item ? 'Save a new version' : 'Store the item'} busyLabel="Saving…" busy={call.busy} reason={missing.length ? `Give ${missing.join(', ')}.` : null} onClick={() => void save()} />
        <Button appearance="subtle" testId="sd-config-cancel" isDisabled={call.busy !== null} onClick={onCancel}>
          Cancel
        </Button>
      </ActionBar>
    </form>
  );
}
