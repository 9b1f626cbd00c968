import Lozenge from '@atlaskit/lozenge';
import { token } from '@atlaskit/tokens';
import { loadIssuePanel, type IssuePanelView, type StatusCategoryKey } from '../api';
import { ErrorState, Loading } from '../components/States';
import { ViewerRoles } from '../components/RoleList';
import { recordKindLabel } from '../recordKind';
import { useResolver } from '../useResolver';
import type { SurfaceProps } from './types';

type LozengeAppearance = 'default' | 'inprogress' | 'moved' | 'new' | 'removed' | 'success';

const STATUS_APPEARANCE: Readonly<Record<StatusCategoryKey, LozengeAppearance>> = {
  new: 'default',
  indeterminate: 'inprogress',
  done: 'success',
};

function priorityAppearance(name: string): LozengeAppearance {
  const n = name.toLowerCase();
  if (n === 'highest' || n === 'high' || n === 'blocker' || n === 'critical' || n === 'urgent') return 'removed';
  if (n === 'medium' || n === 'major') return 'moved';
  return 'default';
}

export default function IssuePanel({ initial }: SurfaceProps<IssuePanelView>) {
  const [resource, retry] = useResolver(loadIssuePanel, initial);
  if (resource.status === 'loading') return <Loading />;
  if (resource.status === 'error') return <ErrorState message={resource.message} onRetry={retry} />;
  return <IssuePanelBody view={resource.data} />;
}

export function IssuePanelBody({ view }: { view: IssuePanelView }) {
  const { issue, kind, viewer, rolesConfigured } = view;
  const kindLabel = kind === 'unmapped' ? null : recordKindLabel(kind);
  return (
    <main data-testid="sd-panel" aria-labelledby="sd-panel-title" style={{ display: 'grid', gap: token('space.200') }}>
      <header>
        <h1 id="sd-panel-title" style={{ font: token('font.heading.small'), margin: 0 }}>
          <span data-testid="sd-issue-key">{issue.key}</span>
          <span aria-hidden="true" style={{ color: token('color.text.subtlest') }}>
            {' · '}
          </span>
          <span className="sd-visually-hidden">, </span>
          <span data-testid="sd-issue-type" style={{ color: token('color.text.subtle') }}>
            {issue.issueType.name}
          </span>
        </h1>
      </header>

      <dl className="sd-facts">
        <dt>Record</dt>
        <dd data-testid="sd-record-kind" data-kind={kind}>
          {kindLabel !== null ? (
            <span style={{ font: token('font.body'), fontWeight: token('font.weight.semibold') }}>{kindLabel}</span>
          ) : (
            <span style={{ color: token('color.text.subtle') }}>
              Not a 29110 record. This issue type is not mapped to the service delivery profile, so its rules do not
              apply here.
            </span>
          )}
        </dd>
        <dt>Status</dt>
        <dd>
          <Lozenge testId="sd-status" appearance={STATUS_APPEARANCE[issue.status.categoryKey] ?? 'default'}>
            {issue.status.name}
          </Lozenge>
        </dd>
        <dt>Priority</dt>
        <dd>
          {issue.priority ? (
            <Lozenge testId="sd-priority" appearance={priorityAppearance(issue.priority.name)}>
              {issue.priority.name}
            </Lozenge>
          ) : (
            <span data-testid="sd-priority" style={{ color: token('color.text.subtlest') }}>
              None
            </span>
          )}
        </dd>
      </dl>

      <ViewerRoles roles={viewer.roles} rolesConfigured={rolesConfigured} headingId="sd-roles-title" compact />
    </main>
  );
}
