import Button from '@atlaskit/button/new';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import type { PolicyIssue } from '../domain';
import { FieldIssues, Label } from '../ui/controls';
import { issuesAt } from './types';

/** An editable list of short texts (vital services, extra pause statuses): add, rename, remove. */
export function StringList({
  id,
  label,
  items,
  onItems,
  issues,
  pathPrefix,
  disabled,
  placeholder,
}: {
  id: string;
  label: string;
  items: readonly string[];
  onItems: (items: string[]) => void;
  issues: readonly PolicyIssue[];
  pathPrefix: string;
  disabled: boolean;
  placeholder: string;
}) {
  const [draft, setDraft] = useState('');
  return (
    <div className="sd-stack-tight" data-testid={id}>
      <ul className="sd-plain-list sd-stack-tight">
        {items.map((item, i) => (
          <li key={i} className="sd-interval">
            <Textfield isCompact width={280} aria-label={`${label} ${i + 1}`} testId={`${id}-${i}`} isDisabled={disabled} value={item} isInvalid={issuesAt(issues, `${pathPrefix}.${i}`).length > 0} onChange={(e) => onItems(items.map((x, j) => (j === i ? e.currentTarget.value : x)))} />
            <Button appearance="subtle" spacing="compact" isDisabled={disabled} aria-label={`Remove ${item || `${label} ${i + 1}`}`} onClick={() => onItems(items.filter((_, j) => j !== i))}>
              Remove
            </Button>
            <FieldIssues issues={issuesAt(issues, `${pathPrefix}.${i}`)} />
          </li>
        ))}
      </ul>
      <form
        className="sd-inline-form"
        aria-label={`Add to ${label}`}
        onSubmit={(e) => {
          e.preventDefault();
          if (draft.trim() === '') return;
          onItems([...items, draft.trim()]);
          setDraft('');
        }}
      >
        <div className="sd-field">
          <Label htmlFor={`${id}-new`}>Add to {label.toLowerCase()}</Label>
          <Textfield id={`${id}-new`} testId={`${id}-new`} isCompact width={280} isDisabled={disabled} value={draft} placeholder={placeholder} onChange={(e) => setDraft(e.currentTarget.value)} />
        </div>
        <Button type="submit" testId={`${id}-add`} isDisabled={disabled || draft.trim() === ''}>
          Add
        </Button>
      </form>
    </div>
  );
}
