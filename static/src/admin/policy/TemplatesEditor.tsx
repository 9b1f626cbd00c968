import Button from '@atlaskit/button/new';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import type { PreApprovedTemplate } from '../domain';
import { newId, type PeopleIndex } from '../format';
import { Empty, FieldIssues, Label, Section, Select } from '../ui/controls';
import { issuesExactly, type PolicySectionProps } from './types';

function personOptions(ids: readonly string[], current: string, names: PeopleIndex): Array<{ value: string; label: string }> {
  const all = [...new Set([...ids, ...(current ? [current] : [])])];
  return [
    { value: '', label: '— choose —' },
    ...all.map((id) => ({ value: id, label: names.get(id) ?? id })).sort((a, b) => a.label.localeCompare(b.label)),
  ];
}

/** D15, CHG-06: the pre-approved change templates, each backed by a qualifying normal change, a CM and a business approver. */
export function TemplatesEditor({ policy, change, issues, disabled, names, controlManagers, today }: PolicySectionProps & { controlManagers: readonly string[]; today: string }) {
  const templates = policy.preApprovedTemplates;
  const everyone = [...names.keys()];

  function set(index: number, patch: Partial<PreApprovedTemplate>): void {
    change((d) => {
      d.preApprovedTemplates = d.preApprovedTemplates.map((t, i) => (i === index ? { ...t, ...patch } : t));
    });
  }

  function add(): void {
    change((d) => {
      d.preApprovedTemplates = [
        ...d.preApprovedTemplates,
        { id: newId('tpl'), name: '', kind: '', description: '', qualifyingChangeKey: '', controlManager: '', businessApprover: '', agreedOn: today },
      ];
    });
  }

  return (
    <Section id="sd-policy-templates" title="Pre-approved change templates" description="A pre-approved change must follow one of these. Each stands for a kind of change that completed the full normal process, identified as little or no risk by a Control Manager, with the business's agreement." why="D15">
      {templates.length === 0 ? <Empty testId="sd-templates-empty">No pre-approved templates: every change is normal or emergency.</Empty> : null}
      {templates.map((t, i) => {
        const at = `preApprovedTemplates.${i}`;
        const id = `sd-template-${i}`;
        const field = (key: keyof PreApprovedTemplate) => issuesExactly(issues, `${at}.${key}`);
        return (
          <fieldset key={t.id || i} className="sd-fieldset" data-testid={id}>
            <legend>{t.name.trim() || `Template ${i + 1}`}</legend>
            <div className="sd-form-grid">
              <div className="sd-field">
                <Label htmlFor={`${id}-name`}>Name</Label>
                <Textfield id={`${id}-name`} testId={`${id}-name`} isCompact isDisabled={disabled} isInvalid={field('name').length > 0} value={t.name} onChange={(e) => set(i, { name: e.currentTarget.value })} />
                <FieldIssues issues={field('name')} />
              </div>
              <div className="sd-field">
                <Label htmlFor={`${id}-kind`}>Kind of change</Label>
                <Textfield id={`${id}-kind`} testId={`${id}-kind`} isCompact isDisabled={disabled} isInvalid={field('kind').length > 0} value={t.kind} placeholder="e.g. Add disk space to a database server" onChange={(e) => set(i, { kind: e.currentTarget.value })} />
                <FieldIssues issues={field('kind')} />
              </div>
              <div className="sd-field sd-span-2">
                <Label htmlFor={`${id}-description`}>Description</Label>
                <TextArea id={`${id}-description`} testId={`${id}-description`} minimumRows={2} resize="vertical" isDisabled={disabled} value={t.description} onChange={(e) => set(i, { description: e.target.value })} />
                <FieldIssues issues={field('description')} />
              </div>
              <div className="sd-field">
                <Label htmlFor={`${id}-qualifying`} hint="(the normal change, e.g. OPS-42)">Qualifying change</Label>
                <Textfield id={`${id}-qualifying`} testId={`${id}-qualifying`} isCompact isDisabled={disabled} isInvalid={field('qualifyingChangeKey').length > 0} value={t.qualifyingChangeKey} onChange={(e) => set(i, { qualifyingChangeKey: e.currentTarget.value.toUpperCase() })} />
                <FieldIssues issues={field('qualifyingChangeKey')} />
              </div>
              <div className="sd-field">
                <Label htmlFor={`${id}-agreed`}>Agreed on</Label>
                <Textfield id={`${id}-agreed`} testId={`${id}-agreed`} type="date" max={today} isCompact isDisabled={disabled} isInvalid={field('agreedOn').length > 0} value={t.agreedOn} onChange={(e) => set(i, { agreedOn: e.currentTarget.value })} />
                <FieldIssues issues={field('agreedOn')} />
              </div>
              <div className="sd-field">
                <Label htmlFor={`${id}-cm`} hint="(holds CM in the approved role list)">Control Manager</Label>
                <Select id={`${id}-cm`} testId={`${id}-cm`} disabled={disabled} aria-invalid={field('controlManager').length > 0} value={t.controlManager} onValue={(v) => set(i, { controlManager: v })} options={personOptions(controlManagers, t.controlManager, names)} />
                <FieldIssues issues={field('controlManager')} />
              </div>
              <div className="sd-field">
                <Label htmlFor={`${id}-business`}>Business approver</Label>
                <Select id={`${id}-business`} testId={`${id}-business`} disabled={disabled} aria-invalid={field('businessApprover').length > 0} value={t.businessApprover} onValue={(v) => set(i, { businessApprover: v })} options={personOptions(everyone, t.businessApprover, names)} />
                <FieldIssues issues={field('businessApprover')} />
              </div>
            </div>
            <FieldIssues issues={field('id')} />
            <div>
              <Button appearance="subtle" spacing="compact" testId={`${id}-remove`} isDisabled={disabled} onClick={() => change((d) => (d.preApprovedTemplates = d.preApprovedTemplates.filter((_, j) => j !== i)))}>
                Remove this template
              </Button>
            </div>
          </fieldset>
        );
      })}
      <FieldIssues issues={issuesExactly(issues, 'preApprovedTemplates')} />
      <div>
        <Button testId="sd-template-add" isDisabled={disabled} onClick={add}>
          Add a template
        </Button>
      </div>
    </Section>
  );
}
