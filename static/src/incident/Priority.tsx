import Lozenge from '@atlaskit/lozenge';
import { Block } from './Block';
import { missingText, priorityAppearance, priorityStory } from './format';
import { Notice } from './Notice';
import type { IncidentSection } from './types';
import { Why } from './Why';

/**
 * The incident's priority, stated once: the value, how impact and urgency give it, and — only where Jira's priority
 * field says something else — which one applies and why. Without impact or urgency there is no priority (never a guess).
 */
export function Priority({ priority, policyVersion }: { priority: IncidentSection['priority']; policyVersion: number | null }) {
  const missing = priority.missing.length > 0;
  const story = priorityStory(priority);
  return (
    <Block id="sd-inc-priority" title="Priority">
      {missing ? (
        <Notice appearance="warning" testId="sd-incident-missing" title="Impact and urgency are needed for a priority">
          <p style={{ margin: 0 }}>
            {missingText(priority.missing)} {priority.missing.length > 1 ? 'are' : 'is'} not set on this incident. Set{' '}
            {priority.missing.length > 1 ? 'them' : 'it'} and the priority follows from the priority matrix; until then the
            incident has no priority.
          </p>
        </Notice>
      ) : priority.value !== null ? (
        <p className="sd-inc-line sd-inc-priority-line">
          <Lozenge testId="sd-incident-priority" appearance={priorityAppearance(priority.value)}>
            {priority.value}
          </Lozenge>
          {story.derivation ? (
            <span data-testid="sd-incident-derivation" className="sd-inc-derivation">
              {story.derivation}
            </span>
          ) : null}
        </p>
      ) : null}
      {!missing && !story.derivation && priority.value === null ? (
        <p className="sd-inc-muted" data-testid="sd-incident-derivation">
          No priority could be derived. {priority.text.replace(/\s*\((?:D\d+)[^)]*\)\.?$/, '').replace(/\s*\(D\d+\)/g, '')}
        </p>
      ) : null}
      {story.note ? (
        <p className="sd-inc-muted" data-testid="sd-incident-priority-sync">
          {story.note}
        </p>
      ) : null}
      <Why>
        Priority matrix of the service delivery policy{policyVersion !== null ? ` v${policyVersion}` : ' (default, no policy approved yet)'} (D8,
        D25)
      </Why>
    </Block>
  );
}
