import TextArea from '@atlaskit/textarea';
import { CHANGE_TYPES } from '../domain';
import { FieldIssues, Label, Section } from '../ui/controls';
import { issuesAt, issuesExactly, type PolicySectionProps } from './types';

/** CHG-05, CO.1.1: definition and criteria of each change type, set by the Control Manager with Management. */
export function ChangeTypesEditor({ policy, change, issues, disabled }: PolicySectionProps) {
  return (
    <Section id="sd-policy-change-types" title="Change types" description="What each change type means and when a change qualifies for it." why="CHG-05">
      {CHANGE_TYPES.map((type) => {
        const value = policy.changeTypes[type] ?? { definition: '', criteria: '' };
        const at = `changeTypes.${type}`;
        const id = `sd-change-type-${type}`;
        return (
          <fieldset key={type} className="sd-fieldset" data-testid={id}>
            <legend>{type}</legend>
            <div className="sd-field">
              <Label htmlFor={`${id}-definition`}>Definition</Label>
              <TextArea
                id={`${id}-definition`}
                testId={`${id}-definition`}
                minimumRows={2}
                resize="vertical"
                isDisabled={disabled}
                isInvalid={issuesExactly(issues, `${at}.definition`).length > 0}
                value={value.definition}
                onChange={(e) => {
                  const text = e.target.value;
                  change((d) => (d.changeTypes = { ...d.changeTypes, [type]: { ...(d.changeTypes[type] ?? value), definition: text } }));
                }}
              />
              <FieldIssues issues={issuesExactly(issues, `${at}.definition`)} />
            </div>
            <div className="sd-field">
              <Label htmlFor={`${id}-criteria`}>Criteria</Label>
              <TextArea
                id={`${id}-criteria`}
                testId={`${id}-criteria`}
                minimumRows={3}
                resize="vertical"
                isDisabled={disabled}
                isInvalid={issuesExactly(issues, `${at}.criteria`).length > 0}
                value={value.criteria}
                onChange={(e) => {
                  const text = e.target.value;
                  change((d) => (d.changeTypes = { ...d.changeTypes, [type]: { ...(d.changeTypes[type] ?? value), criteria: text } }));
                }}
              />
              <FieldIssues issues={issuesAt(issues, at).filter((i) => i.path !== `${at}.definition`)} />
            </div>
          </fieldset>
        );
      })}
    </Section>
  );
}
