import Lozenge from '@atlaskit/lozenge';
import { token } from '@atlaskit/tokens';
import { lazy, Suspense, useCallback, useRef, useState } from 'react';
import { loadIssuePanel, messageOf, type AppContext, type IssuePanelView, type StatusCategoryKey } from '../api';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { ChangeSkeleton, IncidentSkeleton, PanelSkeleton } from '../components/PanelSkeleton';
import { ErrorState } from '../components/States';
import { ViewerRoles } from '../components/RoleList';
import { recordKindLabel, recordKindWhy } from '../recordKind';
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

// The incident part (issue #5) is its own chunk, downloaded only when the issue is an incident: the panel's
// initial JS stays what every issue needs (scripts/ui-size.mjs). Meanwhile a skeleton of its layout holds its place.
const IncidentPart = lazy(() => import('../incident/IncidentPart'));
// The change part (issue #13) likewise, only for service change requests.
const ChangePart = lazy(() => import('../change/ChangePart'));
// The agreement part (issue #14) likewise, only for customer and supplier agreements.
const AgreementPart = lazy(() => import('../agreement/AgreementPart'));

/** Silent reloads of the view: the panel keeps showing the last view meanwhile, and the latest call wins. */
function useReload(): { fresh: IssuePanelView | null; problem: string | null; reload: () => Promise<void>; refresh: () => void; forget: () => void } {
  const [fresh, setFresh] = useState<IssuePanelView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const latest = useRef(0);
  const reload = useCallback(async () => {
    const call = ++latest.current;
    try {
      const view = await loadIssuePanel();
      if (call !== latest.current) return;
      setFresh(view);
      setProblem(null);
    } catch (error: unknown) {
      if (call === latest.current) setProblem(messageOf(error));
    }
  }, []);
  const refresh = useCallback(() => void reload(), [reload]);
  const forget = useCallback(() => {
    latest.current += 1;
    setFresh(null);
    setProblem(null);
  }, []);
  return { fresh, problem, reload, refresh, forget };
}

export default function IssuePanel({ context, initial }: SurfaceProps<IssuePanelView>) {
  const [resource, retry] = useResolver(loadIssuePanel, initial);
  const { fresh, problem, reload, refresh, forget } = useReload();
  const retryAll = useCallback(() => {
    forget();
    retry();
  }, [forget, retry]);
  // A skeleton of the final layout, not a spinner: the content replaces it in place instead of pushing everything down.
  if (resource.status === 'loading') return <PanelSkeleton />;
  if (resource.status === 'error') return <ErrorState message={resource.message} onRetry={retryAll} />;
  return (
    <IssuePanelBody
      view={fresh ?? resource.data}
      context={context}
      reload={reload}
      refresh={refresh}
      refreshProblem={problem}
    />
  );
}

const reloadFrame = (): void => window.location.reload();

export function IssuePanelBody({
  view,
  context,
  reload,
  refresh,
  refreshProblem = null,
}: {
  view: IssuePanelView;
  context: Pick<AppContext, 'siteUrl' | 'locale'> & Partial<Pick<AppContext, 'timezone'>>;
  reload: () => Promise<void>;
  refresh: () => void;
  refreshProblem?: string | null;
}) {
  const { issue, kind, viewer, rolesConfigured } = view;
  const incident = view.incident ?? null;
  const change = view.change ?? null;
  const agreement = view.agreement ?? null;
  // D26: a customer sees no internals (neither the rule behind the record kind nor the team's roles).
  const customer = incident?.audience === 'customer' || change?.audience === 'customer' || agreement?.audience === 'customer';
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
            <>
              <span style={{ font: token('font.body'), fontWeight: token('font.weight.semibold') }}>{kindLabel}</span>
              {customer ? null : (
                <span data-testid="sd-record-why" style={{ display: 'block', font: token('font.body.small'), color: token('color.text.subtlest') }}>
                  Why? {recordKindWhy(kind)}
                </span>
              )}
            </>
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
        {/* An agreement has no priority of its own (issue #14): Jira's default one would mean nothing there. */}
        {incident === null && change === null && agreement === null ? (
          <>
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
          </>
        ) : null}
      </dl>

      {refreshProblem !== null ? (
        <ErrorState title="The panel could not be refreshed" message={refreshProblem} onRetry={refresh} />
      ) : null}

      {incident !== null ? (
        <ErrorBoundary onRetry={reloadFrame}>
          <Suspense fallback={<IncidentSkeleton audience={incident.audience} />}>
            <IncidentPart
              incident={incident}
              issueKey={issue.key}
              siteUrl={context.siteUrl}
              locale={context.locale}
              timeZone={context.timezone || undefined}
              reload={reload}
              refresh={refresh}
            />
          </Suspense>
        </ErrorBoundary>
      ) : null}

      {change !== null ? (
        <ErrorBoundary onRetry={reloadFrame}>
          <Suspense fallback={<ChangeSkeleton audience={change.audience} />}>
            <ChangePart
              change={change}
              issueKey={issue.key}
              summary={issue.summary}
              siteUrl={context.siteUrl}
              locale={context.locale}
              timeZone={context.timezone || undefined}
              refresh={refresh}
            />
          </Suspense>
        </ErrorBoundary>
      ) : null}

      {agreement !== null ? (
        <ErrorBoundary onRetry={reloadFrame}>
          <Suspense fallback={<PanelSkeleton />}>
            <AgreementPart
              agreement={agreement}
              issueKey={issue.key}
              siteUrl={context.siteUrl}
              locale={context.locale}
              timeZone={context.timezone || undefined}
              refresh={refresh}
            />
          </Suspense>
        </ErrorBoundary>
      ) : null}

      {customer ? null : (
        <ViewerRoles roles={viewer.roles} rolesConfigured={rolesConfigured} headingId="sd-roles-title" compact />
      )}
    </main>
  );
}
