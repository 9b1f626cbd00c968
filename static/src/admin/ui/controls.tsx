/**
 * Native form controls styled with design tokens (styles.css: .sd-select, .sd-check), used where Atlaskit has no
 * React 19 package (checkbox) or where a native element is the better control (a 3×3 matrix of small selects).
 */
import type { ChangeEvent, ReactNode, SelectHTMLAttributes } from 'react';
import type { PolicyIssue } from '../domain';
import { splitRefs } from '../words';

export function Label({ htmlFor, children, hint }: { htmlFor: string; children: ReactNode; hint?: ReactNode }) {
  return (
    <label className="sd-label" htmlFor={htmlFor}>
      {children}
      {hint ? <span className="sd-hint"> {hint}</span> : null}
    </label>
  );
}

export function Select({
  value,
  onValue,
  options,
  testId,
  ...rest
}: Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> & {
  value: string;
  onValue: (value: string) => void;
  options: ReadonlyArray<{ value: string; label: string; disabled?: boolean }>;
  testId?: string;
}) {
  return (
    <select
      {...rest}
      className="sd-select"
      data-testid={testId}
      value={value}
      onChange={(e: ChangeEvent<HTMLSelectElement>) => onValue(e.target.value)}
    >
      {options.map((o) => (
        <option key={o.value} value={o.value} disabled={o.disabled}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

export function Check({
  checked,
  onChecked,
  children,
  testId,
  disabled,
  describedBy,
}: {
  checked: boolean;
  onChecked: (checked: boolean) => void;
  children: ReactNode;
  testId?: string;
  disabled?: boolean;
  describedBy?: string;
}) {
  return (
    <label className="sd-check">
      <input
        type="checkbox"
        checked={checked}
        disabled={disabled}
        data-testid={testId}
        aria-describedby={describedBy}
        onChange={(e) => onChecked(e.target.checked)}
      />
      <span>{children}</span>
    </label>
  );
}

/** The live issues of one field or section, next to it, in words (the rule it applies in the muted line). */
export function FieldIssues({ issues, id }: { issues: readonly PolicyIssue[]; id?: string }) {
  if (issues.length === 0) return null;
  return (
    <ul className="sd-field-issues" id={id}>
      {issues.map((issue, i) => {
        const { text, refs } = splitRefs(issue.message);
        const why = [issue.rule, ...refs.filter((r) => r !== issue.rule)].join(', ');
        return (
          <li key={`${issue.path}:${issue.rule}:${i}`}>
            {text} <span className="sd-hint">Why? {why}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** A muted line naming the clauses and decisions behind what it follows, for the assessor. */
export function Why({ children }: { children: ReactNode }) {
  return <span className="sd-hint sd-why">Why? {children}</span>;
}

/**
 * A titled part of a page. The title and the description are plain words; `why` names the clauses and decisions
 * behind it in a muted line (never in the heading).
 */
export function Section({ id, title, children, description, why }: { id: string; title: string; children: ReactNode; description?: ReactNode; why?: string }) {
  return (
    <section className="sd-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="sd-section-title">
        {title}
      </h3>
      {description ? <p className="sd-muted">{description}</p> : null}
      {why ? <p className="sd-hint" data-testid={`${id}-why`}>Why? {why}</p> : null}
      {children}
    </section>
  );
}

export function Empty({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <p className="sd-empty" data-testid={testId}>
      {children}
    </p>
  );
}
