import Lozenge from '@atlaskit/lozenge';
import type { SodFinding, SodValidation } from '../domain';
import { humanise, type PeopleIndex } from '../format';

function FindingList({ findings, names, appearance, kind }: { findings: readonly SodFinding[]; names: PeopleIndex; appearance: 'removed' | 'inprogress'; kind: string }) {
  return (
    <ul className="sd-findings">
      {findings.map((f, i) => (
        <li key={`${f.rule}:${f.accountId ?? ''}:${i}`} data-testid={`sd-roles-finding-${f.rule}`} data-kind={kind}>
          <Lozenge appearance={appearance}>{f.rule}</Lozenge> <span>{humanise(f.message, names)}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * The separation-of-duties findings of a role list (ROL-04, ROL-06, ROL-07, ROL-10): refusals block saving;
 * notices and accepted exceptions do not. The text is the domain's, with account ids replaced by names.
 */
export function SodFindings({ validation, names, live = false }: { validation: SodValidation; names: PeopleIndex; live?: boolean }) {
  const { refusals, notices, exceptions } = validation;
  const clean = refusals.length === 0 && notices.length === 0 && exceptions.length === 0;
  return (
    <section className="sd-findings-box" data-testid="sd-roles-findings" aria-labelledby="sd-roles-findings-title" aria-live="polite">
      <h4 id="sd-roles-findings-title" className="sd-subheading">
        Separation of duties{live ? ' (checked as you edit)' : ''}
      </h4>
      {clean ? <p className="sd-muted" data-testid="sd-roles-findings-ok">No findings: the list follows the separation-of-duty rules.</p> : null}
      {refusals.length > 0 ? (
        <div data-testid="sd-roles-refusals">
          <p className="sd-strong sd-danger-text">Refused ({refusals.length}): these must be resolved before the list can be saved.</p>
          <FindingList findings={refusals} names={names} appearance="removed" kind="refusal" />
        </div>
      ) : null}
      {notices.length > 0 ? (
        <div data-testid="sd-roles-notices">
          <p className="sd-strong">Notices ({notices.length})</p>
          <FindingList findings={notices} names={names} appearance="inprogress" kind="notice" />
        </div>
      ) : null}
      {exceptions.length > 0 ? (
        <div data-testid="sd-roles-live-exceptions">
          <p className="sd-strong">Accepted SoD exceptions ({exceptions.length})</p>
          <ul className="sd-findings">
            {exceptions.map((e) => (
              <li key={e.accountId}>
                <Lozenge appearance="moved">{e.rule}</Lozenge> {e.selfGranted ? <Lozenge appearance="removed">Self-granted</Lozenge> : null} <span>{humanise(e.message, names)}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
