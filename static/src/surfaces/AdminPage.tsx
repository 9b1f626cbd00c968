import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { loadAdminPage, type AdminPageView } from '../api';
import { ErrorState, Loading } from '../components/States';
import { useResolver } from '../useResolver';
import type { SurfaceProps } from './types';

export default function AdminPage({ initial }: SurfaceProps<AdminPageView>) {
  const [resource, retry] = useResolver(loadAdminPage, initial);
  if (resource.status === 'loading') return <Loading label="Loading the service delivery profile" />;
  if (resource.status === 'error') return <ErrorState message={resource.message} onRetry={retry} />;
  return <AdminPageBody view={resource.data} />;
}

function roleListSummary(version: number | null, status: string | null): string {
  if (version === null) return 'No role list yet';
  return status ? `Version ${version} · ${status}` : `Version ${version}`;
}

export function AdminPageBody({ view }: { view: AdminPageView }) {
  const { roles, roleListVersion, roleListStatus, viewer } = view;
  return (
    <main data-testid="sd-admin" aria-labelledby="sd-admin-title" style={{ display: 'grid', gap: token('space.300') }}>
      <header style={{ display: 'grid', gap: token('space.050') }}>
        <h1 id="sd-admin-title" style={{ font: token('font.heading.large'), margin: 0 }}>
          Service delivery profile
        </h1>
        <p style={{ margin: 0, color: token('color.text.subtle') }}>
          ISO/IEC TR 29110-5-3 service delivery for very small teams.
        </p>
      </header>

      <section aria-labelledby="sd-admin-roles-title" style={{ display: 'grid', gap: token('space.100') }}>
        <h2 id="sd-admin-roles-title" style={{ font: token('font.heading.small'), margin: 0 }}>
          Roles (WP.08 list of assigned roles)
        </h2>
        <dl className="sd-facts" data-testid="sd-admin-role-list">
          <dt>Role list</dt>
          <dd data-testid="sd-admin-role-list-version">{roleListSummary(roleListVersion, roleListStatus)}</dd>
        </dl>
        <table className="sd-table" style={{ maxWidth: '48rem' }}>
          <thead>
            <tr>
              <th scope="col">Role</th>
              <th scope="col">Assigned to</th>
            </tr>
          </thead>
          <tbody>
            {roles.map((role) => (
              <tr key={role.code} data-testid={`sd-admin-role-${role.code}`}>
                <th scope="row">
                  <span style={{ display: 'inline-flex', gap: token('space.100'), alignItems: 'baseline' }}>
                    <Lozenge appearance="new">{role.code}</Lozenge>
                    <span>{role.name}</span>
                  </span>
                </th>
                <td>
                  {role.holders.length === 0 ? (
                    <span style={{ color: token('color.text.subtlest') }}>Unassigned</span>
                  ) : (
                    <ul className="sd-list" style={{ flexDirection: 'column', gap: token('space.025') }}>
                      {role.holders.map((holder) => (
                        <li key={holder.accountId}>
                          {holder.displayName}
                          {holder.accountId === viewer.accountId ? (
                            <span style={{ color: token('color.text.subtlest') }}> (you)</span>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <SectionMessage appearance="information" title="Read-only for now" testId="sd-admin-note">
        <p style={{ margin: 0 }}>
          Setting up the profile and editing role assignments arrive with the admin issue. Until then this page shows
          the current role list.
          {viewer.isJiraAdmin ? null : ' Changes will need a Jira administrator.'}
        </p>
      </SectionMessage>
    </main>
  );
}
