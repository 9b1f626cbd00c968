import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import type { AdminProblem } from '../adminApi';

const TITLES: Record<AdminProblem['code'], string> = {
  'invalid-input': 'Check the input',
  forbidden: 'You may not do this',
  conflict: 'Someone else saved first',
  refused: 'Refused by a rule of the standard',
  failed: 'The change could not be made',
  network: 'The app could not be reached',
};

/**
 * A failed admin call: the server's message verbatim (ADR 008). A conflict offers to reload the latest data; what
 * the admin typed stays in the editor either way.
 */
export function AdminError({
  problem,
  onDismiss,
  onReload,
}: {
  problem: AdminProblem;
  onDismiss?: () => void;
  onReload?: () => void;
}) {
  const actions = [
    ...(problem.code === 'conflict' && onReload
      ? [<SectionMessageAction key="reload" onClick={onReload}>Reload the latest version</SectionMessageAction>]
      : []),
    ...(onDismiss ? [<SectionMessageAction key="dismiss" onClick={onDismiss}>Dismiss</SectionMessageAction>] : []),
  ];
  return (
    <div role="alert">
      <SectionMessage appearance="error" title={TITLES[problem.code]} testId="sd-admin-error" actions={actions}>
        <p className="sd-admin-error-text" style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
          {problem.message}
        </p>
        {problem.code === 'conflict' ? (
          <p style={{ margin: 0 }}>Your changes are still here. Reload, check theirs, then save again.</p>
        ) : null}
      </SectionMessage>
    </div>
  );
}

/** What the last successful call did, announced politely. */
export function DoneNote({ text, testId }: { text: string | null; testId: string }) {
  return (
    <p className="sd-done" role="status" data-testid={testId} hidden={text === null}>
      {text}
    </p>
  );
}
