import Lozenge from '@atlaskit/lozenge';
import type { SodException } from '../domain';
import { formatWhen, humanise, nameOf, type PeopleIndex } from '../format';

/**
 * The accepted ROL-06 overrides of the approved list (D4), as the conformance report lists them. A self-granted one
 * (D27: the person it concerns granted it, being the only Jira administrator) is flagged and said to be a finding.
 */
export function SodExceptions({ exceptions, people }: { exceptions: readonly SodException[]; people: PeopleIndex }) {
  const selfGranted = exceptions.filter((e) => e.selfGranted).length;
  return (
    <div data-testid="sd-sod-exceptions">
      {exceptions.length === 0 ? (
        <p className="sd-empty">No SoD exceptions: nobody in the approved list holds Control Manager and Incident Manager together.</p>
      ) : (
        <>
          {selfGranted > 0 ? (
            <p className="sd-reason" data-testid="sd-sod-self-granted-finding">
              {selfGranted === 1 ? 'One override was' : `${selfGranted} overrides were`} granted by the person {selfGranted === 1 ? 'it concerns' : 'they concern'}, as the only Jira administrator. A self-granted override is a finding for the conformance review: add a second Jira administrator to review it.
            </p>
          ) : null}
          <table className="sd-table">
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Roles</th>
                <th scope="col">Justification</th>
                <th scope="col">Accepted by</th>
                <th scope="col">On</th>
              </tr>
            </thead>
            <tbody>
              {exceptions.map((e) => (
                <tr key={`${e.accountId}:${e.grantedAt}`} data-testid={`sd-sod-exception-${e.accountId}`} data-self-granted={e.selfGranted ? 'true' : 'false'}>
                  <th scope="row">{nameOf(people, e.accountId)}</th>
                  <td>{e.roles.join(' + ')}</td>
                  <td>{humanise(e.justification, people)}</td>
                  <td>
                    {nameOf(people, e.grantedBy)}
                    {e.selfGranted ? (
                      <span className="sd-block">
                        <Lozenge appearance="moved">Self-granted</Lozenge> <span className="sd-hint">their own override, as the only Jira administrator</span>
                      </span>
                    ) : null}
                  </td>
                  <td>{formatWhen(e.grantedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
