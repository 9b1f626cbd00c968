/**
 * Native form controls styled with design tokens (styles.css: .sd-select, .sd-check), used where Atlaskit has no
 * React 19 package (checkbox) or where a native element is the better control (a 3×3 matrix of small selects).
 */
import type { ChangeEvent, ReactNode, SelectHTMLAttributes } from 'react';
import type { PolicyIssue } from '../domain';

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

/** The live issues of one field or section, next to it (rule id + message). */
export function FieldIssues({ issues, id }: { issues: readonly PolicyIssue[]; id?: string }) {
  if (issues.length === 0) return null;
  return (
    <ul className="sd-field-issues" id={id}>
      {issues.map((issue, i) => (
        <li key={`${issue.path}:${issue.rule}:${i}`}>
          <span className="sd-rule">{issue.rule}</span> {issue.message}
        </li>
      ))}
    </ul>
  );
}

export function Section({ id, title, children, description }: { id: string; title: string; children: ReactNode; description?: ReactNode }) {
  return (
    <section className="sd-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="sd-section-title">
        {title}
      </h3>
      {description ? <p className="sd-muted">{description}</p> : null}
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
