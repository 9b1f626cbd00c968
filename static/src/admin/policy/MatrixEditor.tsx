import Button from '@atlaskit/button/new';
import { useState } from 'react';
import { classifyIncident, LEVELS, presetMatrix, PRIORITY_DESCRIPTIONS, PRIORITY_SCHEMES, switchPriorityScheme, type Level, type PrioritySchemeId } from '../domain';
import { FieldIssues, Label, Section, Select } from '../ui/controls';
import { issuesAt, issuesExactly, type PolicySectionProps } from './types';

const SCHEMES: ReadonlyArray<{ value: PrioritySchemeId; label: string }> = [
  { value: '3-level', label: '3 levels: Critical, High, Normal (default)' },
  { value: '4-level', label: '4 levels: Critical, High, Normal, Low' },
];

function isScheme(value: string): value is PrioritySchemeId {
  return value === '3-level' || value === '4-level';
}

function isLevel(value: string): value is Level {
  return (LEVELS as readonly string[]).includes(value);
}

/** D8, INC-07..INC-11: the impact × urgency matrix, its scheme, and a "try it" line from the domain's classifier. */
export function MatrixEditor({ policy, change, issues, disabled, version }: PolicySectionProps & { version: number }) {
  const { scheme, cells } = policy.priorityMatrix;
  const priorities = PRIORITY_SCHEMES[scheme] ?? [];
  const [impact, setImpact] = useState<Level>('High');
  const [urgency, setUrgency] = useState<Level>('Medium');
  const result = classifyIncident(policy, version, impact, urgency);
  const own = issuesAt(issues, 'priorityMatrix');

  return (
    <Section id="sd-policy-matrix" title="Priority matrix" description="Priority = impact × urgency, for incidents and change requests alike. Rows are impact, columns urgency." why="D8, CHG-11">
      <div className="sd-field">
        <Label htmlFor="sd-matrix-scheme" hint="Switching resets the matrix to the scheme's preset and adds missing targets.">
          Scheme
        </Label>
        <Select
          id="sd-matrix-scheme"
          testId="sd-matrix-scheme"
          value={scheme}
          disabled={disabled}
          onValue={(v) => {
            if (isScheme(v) && v !== scheme) change((d) => Object.assign(d, switchPriorityScheme(d, v)));
          }}
          options={SCHEMES}
        />
        <FieldIssues issues={issuesExactly(issues, 'priorityMatrix.scheme')} />
      </div>

      <table className="sd-matrix" aria-label="Priority by impact (rows) and urgency (columns)">
        <thead>
          <tr>
            <td className="sd-matrix-corner">
              <span className="sd-hint">Impact ↓ · Urgency →</span>
            </td>
            {LEVELS.map((u) => (
              <th key={u} scope="col">
                {u} urgency
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {LEVELS.map((i) => (
            <tr key={i}>
              <th scope="row">{i} impact</th>
              {LEVELS.map((u) => {
                const value: string = cells[i]?.[u] ?? '';
                const cellIssues = issuesExactly(issues, `priorityMatrix.cells.${i}.${u}`);
                return (
                  <td key={u} className={`sd-matrix-cell sd-priority-${value || 'none'}`}>
                    <Select
                      testId={`sd-matrix-cell-${i}-${u}`}
                      aria-label={`Priority for ${i} impact and ${u} urgency`}
                      aria-invalid={cellIssues.length > 0}
                      value={value}
                      disabled={disabled}
                      onValue={(v) => change((d) => {
                        d.priorityMatrix.cells = { ...d.priorityMatrix.cells, [i]: { ...d.priorityMatrix.cells[i], [u]: v } } as typeof d.priorityMatrix.cells;
                      })}
                      options={[...(value === '' || !(priorities as readonly string[]).includes(value) ? [{ value, label: value === '' ? '—' : `${value} (not in scheme)` }] : []), ...priorities.map((p) => ({ value: p, label: p }))]}
                    />
                    <FieldIssues issues={cellIssues} />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <div>
        <Button appearance="subtle" testId="sd-matrix-reset" isDisabled={disabled} onClick={() => change((d) => (d.priorityMatrix.cells = presetMatrix(scheme).cells))}>
          Reset to the {scheme} preset
        </Button>
      </div>
      {own.length > 0 ? <FieldIssues issues={own.filter((x) => x.path !== 'priorityMatrix.scheme' && !x.path.startsWith('priorityMatrix.cells.'))} /> : null}

      <dl className="sd-facts sd-priority-legend">
        {priorities.map((p) => (
          <div key={p} className="sd-contents">
            <dt>{p}</dt>
            <dd>{PRIORITY_DESCRIPTIONS[p]}</dd>
          </div>
        ))}
      </dl>

      <div className="sd-try" role="group" aria-label="Try the matrix">
        <span className="sd-strong">Try it:</span>
        <Select
          aria-label="Impact"
          testId="sd-matrix-try-impact"
          value={impact}
          onValue={(v) => isLevel(v) && setImpact(v)}
          options={LEVELS.map((l) => ({ value: l, label: `${l} impact` }))}
        />
        <span aria-hidden="true">×</span>
        <Select
          aria-label="Urgency"
          testId="sd-matrix-try-urgency"
          value={urgency}
          onValue={(v) => isLevel(v) && setUrgency(v)}
          options={LEVELS.map((l) => ({ value: l, label: `${l} urgency` }))}
        />
        <output data-testid="sd-matrix-try-result" aria-live="polite" className={result.ok ? 'sd-strong' : 'sd-danger-text'}>
          {result.text}
        </output>
      </div>
    </Section>
  );
}
