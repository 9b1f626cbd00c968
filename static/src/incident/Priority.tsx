import Lozenge from '@atlaskit/lozenge';
import { Block } from './Block';
import { missingText, priorityAppearance } from './format';
import { Notice } from './Notice';
import type { IncidentSection } from './types';

/** D8: the derived priority and how it was derived; without impact or urgency, no priority at all (never a guess). */
export function Priority({ priority }: { priority: IncidentSection['priority'] }) {
  const missing = priority.missing.length > 0;
  const syncing = !missing && priority.syncPending;
  return (
    <Block id="sd-inc-priority" title="Priority (D8)">
      {missing ? (
        <Notice appearance="warning" testId="sd-incident-missing" title="Impact and urgency are needed to derive the priority (D8)">
          <p style={{ margin: 0 }}>
            {missingText(priority.missing)} {priority.missing.length > 1 ? 'are' : 'is'} not set on this incident. Set{' '}
            {priority.missing.length > 1 ? 'them' : 'it'} and the priority follows from the matrix; until then no priority
            is derived.
          </p>
        </Notice>
      ) : priority.value !== null ? (
        <p className="sd-inc-line">
          <Lozenge testId="sd-incident-priority" appearance={priorityAppearance(priority.value)}>
            {priority.value}
          </Lozenge>
        </p>
      ) : null}
      {priority.text ? (
        <p className="sd-inc-line" data-testid="sd-incident-derivation">
          {priority.text}
        </p>
      ) : null}
      {syncing ? (
        <p className="sd-inc-muted" data-testid="sd-incident-priority-sync">
          {priority.jiraPriority === null
            ? `Jira's priority field is empty; it is being set to ${priority.value ?? ''}.`
            : `Jira's priority is ${priority.jiraPriority}; it is being updated to ${priority.value ?? ''}.`}
        </p>
      ) : null}
    </Block>
  );
}
