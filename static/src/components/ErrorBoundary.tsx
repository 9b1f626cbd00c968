import { Component, type ErrorInfo, type ReactNode } from 'react';
import { messageOf } from '../api';
import { PlainError } from './States';

const CHUNK_FAILURE = /dynamically imported module|importing a module script failed|error loading dynamically|chunkloaderror/i;

/** Chunk download failures get a plain-language message; other render errors keep theirs. */
function renderErrorMessage(error: unknown): string {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return CHUNK_FAILURE.test(text)
    ? 'Part of the app could not be downloaded. Check your connection and try again.'
    : messageOf(error);
}

interface Props {
  children: ReactNode;
  onRetry: () => void;
}

interface State {
  error: unknown;
  failed: boolean;
}

/**
 * Catches render and chunk-load failures so the panel never goes blank. Uses the
 * dependency-free error view: if chunks cannot load, a lazy one would fail too.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, failed: false };

  static getDerivedStateFromError(error: unknown): State {
    return { error, failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Service delivery UI failed to render', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.failed) {
      return <PlainError message={renderErrorMessage(this.state.error)} onRetry={this.props.onRetry} />;
    }
    return this.props.children;
  }
}
