import type { SodException } from '../domain';
import { formatWhen, humanise, nameOf, type PeopleIndex } from '../format';

export function SodExceptions({ exceptions, people }: { exceptions: readonly SodException[]; people: PeopleIndex }) {
  return (
    <div data-testid="sd-sod-exceptions">
      {exceptions.length === 0 ? (
        <p className="sd-empty">No SoD exceptions: nobody in the approved list holds Control Manager and Incident Manager together.</p>
      ) : (
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
              <tr key={`${e.accountId}:${e.grantedAt}`} data-testid={`sd-sod-exception-${e.accountId}`}>
                <th scope="row">{nameOf(people, e.accountId)}</th>
                <td>{e.roles.join(' + ')}</td>
                <td>{humanise(e.justification, people)}</td>
                <td>{nameOf(people, e.grantedBy)}</td>
                <td>{formatWhen(e.grantedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
