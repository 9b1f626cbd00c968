import Lozenge from '@atlaskit/lozenge';
import type { GovernancePanelProps } from '../governance';
import { ROLE_CODES, ROLES } from '../domain';
import { formatWhen, nameOf, type PeopleIndex } from '../format';
import { Empty, Section } from '../ui/controls';
import type { RoleListView } from './types';
import { splitRefs } from '../words';
import { RoleEditor } from './RoleEditor';
import { SodExceptions } from './SodExceptions';
import { TrainingRecords } from './TrainingRecords';

function currentStatus(roles: RoleListView, people: PeopleIndex): string {
  const c = roles.current;
  if (!c) return 'No approved role list yet.';
  const approval = c.approvedBy ? ` · approved by ${nameOf(people, c.approvedBy)} on ${formatWhen(c.approvedAt)}` : '';
  return `Version ${c.version} · ${c.status}${approval}`;
}

function draftStatus(roles: RoleListView, people: PeopleIndex): string {
  const d = roles.draft;
  if (!d) return 'No pending draft.';
  const base = d.baseVersion === null ? 'a first list' : `based on version ${d.baseVersion}`;
  const n = d.validation.refusals.length;
  const rules = d.validation.ok ? 'follows the rules' : `breaks ${n} ${n === 1 ? 'rule' : 'rules'}`;
  return `Draft revision ${d.revision} (${base}) · saved by ${nameOf(people, d.updatedBy)} on ${formatWhen(d.updatedAt)} · ${rules} · waiting for approval`;
}

/** WP.08 list of assigned roles (GO.1.2): the approved list, the pending draft and its editor, SoD exceptions, training. */
export function RolesPanel(props: GovernancePanelProps) {
  const { view, people } = props;
  const { roles } = view;
  const holders = roles.current?.content.assignments ?? [];
  return (
    <div className="sd-stack" data-testid="sd-roles">
      <dl className="sd-facts" data-testid="sd-admin-role-list">
        <dt>Approved list</dt>
        <dd data-testid="sd-roles-current-status">{currentStatus(roles, people)}</dd>
        <dt>Draft</dt>
        <dd data-testid="sd-roles-draft-status">
          {roles.draft ? <Lozenge appearance="inprogress">Draft</Lozenge> : null} {draftStatus(roles, people)}
        </dd>
      </dl>

      <Section id="sd-roles-current" title="Who holds each role (approved list)">
        {roles.current ? (
          <table className="sd-table sd-narrow">
            <thead>
              <tr>
                <th scope="col">Role</th>
                <th scope="col">Assigned to</th>
              </tr>
            </thead>
            <tbody>
              {ROLE_CODES.map((code) => {
                const ids = [...new Set(holders.filter((a) => a.roles.includes(code)).map((a) => a.accountId))];
                return (
                  <tr key={code} data-testid={`sd-admin-role-${code}`}>
                    <th scope="row">
                      <span className="sd-role-name">
                        <Lozenge appearance="new">{code}</Lozenge>
                        <span>{ROLES[code].name}</span>
                      </span>
                    </th>
                    <td>
                      {ids.length === 0 ? (
                        <span className="sd-subtlest">Unassigned</span>
                      ) : (
                        <ul className="sd-plain-list">
                          {ids.map((id) => (
                            <li key={id}>
                              {nameOf(people, id)}
                              {id === view.viewer.accountId ? <span className="sd-subtlest"> (you)</span> : null}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : (
          <Empty testId="sd-roles-no-current">
            No role list has been approved yet. Assign a Service Manager first, save the draft, then approve it.
          </Empty>
        )}
      </Section>

      {view.permissions['roles.edit'].allowed || view.permissions['roles.approve'].allowed ? (
        <Section
          id="sd-roles-edit"
          title={roles.draft ? 'Edit the draft' : 'Edit the role list'}
          description="Tick the roles of each person. Changes are saved as a draft and take effect when approved."
          why="GO.1.2"
        >
          <RoleEditor {...props} />
        </Section>
      ) : (
        // Read-only for this viewer: no editor of disabled boxes, one sentence saying who changes the list.
        <p className="sd-muted" data-testid="sd-roles-read-only">
          {splitRefs(view.permissions['roles.edit'].reason ?? 'You can read the list of assigned roles.').text}
        </p>
      )}

      <Section
        id="sd-roles-exceptions"
        title="Separation-of-duty exceptions"
        description="Accepted overrides of the approved list (Control Manager and Incident Manager in one person), as listed in the conformance report. An override its own subject granted is flagged as a finding."
        why="ROL-06, D4, D27"
      >
        <SodExceptions exceptions={roles.exceptions} people={people} />
      </Section>

      <Section
        id="sd-roles-training"
        title="Training and competence"
        description="Records of training and competence, part of the role list's evidence. Recording one does not change the approved list."
        why="IN.1.1, IN.1.2, GO.3.1"
      >
        <TrainingRecords {...props} />
      </Section>
    </div>
  );
}
