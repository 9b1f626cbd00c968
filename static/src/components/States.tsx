import Spinner from '@atlaskit/spinner';
import { token } from '@atlaskit/tokens';
import { Component, lazy, Suspense, type ReactNode } from 'react';

export function Loading({ label = 'Loading service delivery data' }: { label?: string }) {
  return (
    <div
      data-testid="sd-loading"
      role="status"
      style={{ display: 'flex', justifyContent: 'center', padding: token('space.200') }}
    >
      <Spinner size="medium" label={label} />
    </div>
  );
}

export interface ErrorStateProps {
  title?: string;
  message: string;
  onRetry?: () => void;
}

const DEFAULT_TITLE = 'Service delivery data is unavailable';

const ErrorMessage = lazy(() => import('./ErrorMessage'));

/**
 * Error state: an Atlaskit SectionMessage (loaded on demand) with the resolver's
 * message and a "Try again" button. While that chunk loads, or if it cannot be
 * loaded (offline), the same content is shown without Atlaskit styling.
 */
export function ErrorState({ title = DEFAULT_TITLE, message, onRetry }: ErrorStateProps) {
  const plain = <PlainError title={title} message={message} onRetry={onRetry} />;
  return (
    <div role="alert">
      <ChunkFallback fallback={plain}>
        <Suspense fallback={plain}>
          <ErrorMessage title={title} message={message} onRetry={onRetry} />
        </Suspense>
      </ChunkFallback>
    </div>
  );
}

/** Dependency-free error content with the same test ids; also the last-resort fallback. */
export function PlainError({ title = DEFAULT_TITLE, message, onRetry }: ErrorStateProps) {
  return (
    <div
      data-testid="sd-error"
      style={{
        display: 'grid',
        gap: token('space.100'),
        padding: token('space.200'),
        borderRadius: token('radius.medium'),
        background: token('color.background.danger'),
        color: token('color.text'),
      }}
    >
      <strong style={{ font: token('font.heading.xsmall') }}>{title}</strong>
      <p style={{ margin: 0 }}>{message}</p>
      {onRetry ? (
        <div>
          <button type="button" data-testid="sd-retry" className="sd-button" onClick={onRetry}>
            Try again
          </button>
        </div>
      ) : null}
    </div>
  );
}

class ChunkFallback extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
