import Button from '@atlaskit/button/new';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { annualReviewDate } from '../domain';
import { FieldIssues, Label, Section } from '../ui/controls';
import { issuesExactly, type PolicySectionProps } from './types';

const SECURITY = [
  { key: 'confidentiality', label: 'Confidentiality', hint: 'Who may see what, and how access is controlled.' },
  { key: 'integrity', label: 'Integrity', hint: 'How data is protected against unwanted change.' },
  { key: 'availability', label: 'Availability', hint: 'Backups, redundancy and recovery of the services.' },
] as const;

/** GO.2.1 objectives and plans. */
export function ObjectivesEditor({ policy, change, issues, disabled }: PolicySectionProps) {
  return (
    <Section id="sd-policy-objectives" title="Objectives and plans" why="GO.2.1">
      <div className="sd-field">
        <Label htmlFor="sd-policy-objectives-text" hint="Needed for approval.">Business-based service delivery objectives and the plans to reach them</Label>
        <TextArea id="sd-policy-objectives-text" testId="sd-policy-objectives" minimumRows={4} resize="vertical" isDisabled={disabled} isInvalid={issuesExactly(issues, 'objectives').length > 0} value={policy.objectives} onChange={(e) => { const text = e.target.value; change((d) => (d.objectives = text)); }} />
        <FieldIssues issues={issuesExactly(issues, 'objectives')} />
      </div>
    </Section>
  );
}

/** GO-08, SEC-01: information security measures based on the VSE's risk tolerance. */
export function SecurityEditor({ policy, change, issues, disabled }: PolicySectionProps) {
  return (
    <Section id="sd-policy-security" title="Information security" description="Physical, technical and administrative measures chosen for the VSE's risk tolerance. Needed for approval." why="GO-08">
      {SECURITY.map(({ key, label, hint }) => {
        const path = `informationSecurity.${key}`;
        return (
          <div className="sd-field" key={key}>
            <Label htmlFor={`sd-security-${key}`} hint={hint}>{label}</Label>
            <TextArea id={`sd-security-${key}`} testId={`sd-security-${key}`} minimumRows={2} resize="vertical" isDisabled={disabled} isInvalid={issuesExactly(issues, path).length > 0} value={policy.informationSecurity[key]} onChange={(e) => { const text = e.target.value; change((d) => (d.informationSecurity = { ...d.informationSecurity, [key]: text })); }} />
            <FieldIssues issues={issuesExactly(issues, path)} />
          </div>
        );
      })}
    </Section>
  );
}

/** WP.14: the policy is reviewed at least annually (MET-P02). */
export function ReviewEditor({ policy, change, issues, disabled, today }: PolicySectionProps & { today: string }) {
  return (
    <Section id="sd-policy-review" title="Next review" why="WP.14">
      <div className="sd-inline-form">
        <div className="sd-field">
          <Label htmlFor="sd-policy-review-date" hint="Within the coming year.">Review due on</Label>
          <Textfield id="sd-policy-review-date" testId="sd-policy-review-date" type="date" min={today} isCompact width={180} isDisabled={disabled} isInvalid={issuesExactly(issues, 'reviewDueOn').length > 0} value={policy.reviewDueOn} onChange={(e) => { const value = e.currentTarget.value; change((d) => (d.reviewDueOn = value)); }} />
        </div>
        <Button testId="sd-policy-review-year" isDisabled={disabled} onClick={() => change((d) => (d.reviewDueOn = annualReviewDate(today)))}>
          One year from today
        </Button>
      </div>
      <FieldIssues issues={issuesExactly(issues, 'reviewDueOn')} />
    </Section>
  );
}
