import Button from '@atlaskit/button/new';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { useRef, useState } from 'react';
import { COMMUNICATION_EVENT_LABELS, COMMUNICATION_EVENTS, renderCommunication, TEMPLATE_PLACEHOLDERS, type CommunicationEvent } from '../domain';
import { FieldIssues, Label, Section } from '../ui/controls';
import { splitRefs } from '../words';
import { issuesAt, issuesExactly, type PolicySectionProps } from './types';

/** Sample facts for the live preview (what a trigger would know when it sends the message). */
function sampleValues(agent: string): Record<string, string> {
  return {
    issueKey: 'OPS-42',
    summary: 'Email delivery delayed',
    priority: 'High',
    status: 'In progress',
    service: 'Email',
    agent,
    dueAt: 'Tuesday 14:00',
    resolution: 'Restarted the mail queue and cleared the backlog.',
    threshold: 'management escalation',
    changeKey: 'OPS-57',
    changeType: 'Normal',
    changeStatus: 'Approved',
    plannedStart: 'Saturday 06:00',
    plannedEnd: 'Saturday 08:00',
  };
}

type Part = 'subject' | 'body';

/** IN-10, IN.2.3–IN.2.5, D14: the standard messages, with their placeholders and a live preview. */
export function CommunicationEditor({ policy, change, issues, disabled, agent }: PolicySectionProps & { agent: string }) {
  const [event, setEvent] = useState<CommunicationEvent>('incident-investigating');
  const subjectRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const lastPart = useRef<Part>('body');
  const template = policy.communication[event] ?? { subject: '', body: '' };
  const names = TEMPLATE_PLACEHOLDERS[event];
  const values = sampleValues(agent);
  const preview = renderCommunication(template, Object.fromEntries(names.map((n) => [n, values[n] ?? `‹${n}›`])));
  const at = `communication.${event}`;

  function setPart(part: Part, text: string): void {
    change((d) => (d.communication = { ...d.communication, [event]: { ...(d.communication[event] ?? template), [part]: text } }));
  }

  function insert(name: string): void {
    const part = lastPart.current;
    const element = part === 'subject' ? subjectRef.current : bodyRef.current;
    const text = template[part];
    const start = element?.selectionStart ?? text.length;
    const end = element?.selectionEnd ?? text.length;
    const token = `{{${name}}}`;
    setPart(part, text.slice(0, start) + token + text.slice(end));
    requestAnimationFrame(() => {
      if (!element) return;
      element.focus();
      element.setSelectionRange(start + token.length, start + token.length);
    });
  }

  return (
    <Section id="sd-policy-communication" title="Messages to the customer" description="The messages sent to the affected parties. Placeholders in double braces are filled from the record when the message is sent." why="IN-10">
      <div className="sd-segmented" role="group" aria-label="Message">
        {COMMUNICATION_EVENTS.map((e) => {
          const count = issuesAt(issues, `communication.${e}`).length;
          return (
            <Button key={e} spacing="compact" isSelected={e === event} aria-pressed={e === event} testId={`sd-comm-event-${e}`} onClick={() => setEvent(e)}>
              {splitRefs(COMMUNICATION_EVENT_LABELS[e]).text}
              {count > 0 ? ` (${count})` : ''}
            </Button>
          );
        })}
      </div>

      <div className="sd-comm" data-testid={`sd-comm-${event}`}>
        <div className="sd-stack">
          <div className="sd-field">
            <Label htmlFor="sd-comm-subject">Subject</Label>
            <Textfield
              id="sd-comm-subject"
              testId="sd-comm-subject"
              ref={subjectRef}
              isDisabled={disabled}
              isInvalid={issuesExactly(issues, `${at}.subject`).length > 0}
              value={template.subject}
              onFocus={() => (lastPart.current = 'subject')}
              onChange={(e) => setPart('subject', e.currentTarget.value)}
            />
            <FieldIssues issues={issuesExactly(issues, `${at}.subject`)} />
          </div>
          <div className="sd-field">
            <Label htmlFor="sd-comm-body">Body</Label>
            <TextArea
              id="sd-comm-body"
              testId="sd-comm-body"
              ref={bodyRef}
              minimumRows={8}
              resize="smart"
              isDisabled={disabled}
              isInvalid={issuesExactly(issues, `${at}.body`).length > 0}
              value={template.body}
              onFocus={() => (lastPart.current = 'body')}
              onChange={(e) => setPart('body', e.target.value)}
            />
            <FieldIssues issues={issuesExactly(issues, `${at}.body`)} />
          </div>
          <div role="group" aria-label="Insert a placeholder" className="sd-chips" data-testid="sd-comm-placeholders">
            <span className="sd-hint">Insert:</span>
            {names.map((n) => (
              <Button key={n} spacing="compact" appearance="subtle" isDisabled={disabled} testId={`sd-comm-placeholder-${n}`} onClick={() => insert(n)}>
                {`{{${n}}}`}
              </Button>
            ))}
          </div>
        </div>
        <div className="sd-preview" data-testid="sd-comm-preview" aria-label="Preview with sample values" role="region">
          <p className="sd-hint">Preview with sample values</p>
          <p className="sd-strong sd-preview-subject">{preview.subject || <span className="sd-subtlest">(no subject)</span>}</p>
          <div className="sd-preview-body">{preview.body || <span className="sd-subtlest">(no body)</span>}</div>
          {preview.missing.length > 0 ? (
            <p className="sd-danger-text" data-testid="sd-comm-missing">
              Not a placeholder of this message: {preview.missing.map((m) => `{{${m}}}`).join(', ')}
            </p>
          ) : null}
        </div>
      </div>
    </Section>
  );
}
