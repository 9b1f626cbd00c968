import type { ProjectMapping } from '../domain';
import { FIELD_SLOT_LABEL, RECORD_SLOT_LABEL } from './labels';

/** The projects the wizard has set up and what each record and field maps to. */
export function MappingsTable({ mappings }: { mappings: readonly ProjectMapping[] }) {
  return (
    <table className="sd-table" data-testid="sd-setup-mappings-table">
      <thead>
        <tr>
          <th scope="col">Project</th>
          <th scope="col">Records</th>
          <th scope="col">Fields</th>
        </tr>
      </thead>
      <tbody>
        {mappings.map((m) => (
          <tr key={m.projectId} data-testid={`sd-setup-mapping-${m.projectKey}`}>
            <th scope="row">
              {m.projectName} ({m.projectKey})
            </th>
            <td>
              <ul className="sd-plain-list">
                {Object.entries(m.issueTypes).map(([slot, t]) => (
                  <li key={slot}>
                    {RECORD_SLOT_LABEL[slot as keyof typeof RECORD_SLOT_LABEL] ?? slot} → {t.name}
                  </li>
                ))}
              </ul>
            </td>
            <td>
              <ul className="sd-plain-list">
                {Object.entries(m.fields).map(([slot, f]) => (
                  <li key={slot}>
                    {FIELD_SLOT_LABEL[slot as keyof typeof FIELD_SLOT_LABEL] ?? slot} → {f.name}
                  </li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
