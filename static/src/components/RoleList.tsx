import Lozenge from '@atlaskit/lozenge';
import { token } from '@atlaskit/tokens';
import type { Role } from '../api';

export function RoleLozenge({ role, testId }: { role: Role; testId?: string }) {
  return (
    <Lozenge appearance="new" maxWidth="100%" testId={testId ?? `sd-role-${role.code}`}>
      {role.code} · {role.name}
    </Lozenge>
  );
}

/**
 * The viewer's roles, or the right empty state: no role list yet (WP.08 not
 * created) versus a role list that does not name the viewer.
 */
export function ViewerRoles({
  roles,
  rolesConfigured,
  headingId,
  heading = 'Your roles on this service',
  compact = false,
}: {
  roles: readonly Role[];
  rolesConfigured: boolean;
  headingId: string;
  heading?: string;
  /** Smaller heading for the narrow issue panel. */
  compact?: boolean;
}) {
  return (
    <section data-testid="sd-viewer-roles" aria-labelledby={headingId}>
      <h2
        id={headingId}
        style={{
          font: compact ? token('font.heading.xsmall') : token('font.heading.small'),
          margin: `0 0 ${token('space.100')}`,
        }}
      >
        {heading}
      </h2>
      {!rolesConfigured ? (
        <p data-testid="sd-roles-unconfigured" style={emptyStyle}>
          No role list exists yet for this service. The Service Manager creates it under Apps → Service delivery.
        </p>
      ) : roles.length === 0 ? (
        <p data-testid="sd-roles-empty" style={emptyStyle}>
          You hold no 29110 role. Ask the Service Manager to assign one on the admin page.
        </p>
      ) : (
        <ul className="sd-list" aria-labelledby={headingId}>
          {roles.map((role) => (
            <li key={role.code}>
              <RoleLozenge role={role} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const emptyStyle = {
  margin: 0,
  color: token('color.text.subtle'),
  font: token('font.body'),
} as const;
