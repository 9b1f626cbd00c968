import { Component, lazy, Suspense, type ReactNode } from 'react';

export interface NoticeProps {
  appearance: 'warning' | 'error' | 'success';
  title: string;
  testId: string;
  children: ReactNode;
}

const Message = lazy(() => import('./Message'));

/** The same content without Atlaskit: shown while the message chunk loads, or if it cannot be loaded. */
function PlainNotice({ appearance, title, testId, children }: NoticeProps) {
  return (
    <div className={`sd-inc-notice sd-inc-notice-${appearance}`} data-testid={testId}>
      <strong className="sd-inc-notice-title">{title}</strong>
      {children}
    </div>
  );
}

class Fallback extends Component<{ plain: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.plain : this.props.children;
  }
}

/**
 * A section message (warning, refusal, success). Only shown now and then, so the Atlaskit SectionMessage loads on
 * demand (shared with the panel's error message) and the incident chunk stays small.
 */
export function Notice(props: NoticeProps) {
  const plain = <PlainNotice {...props} />;
  return (
    <Fallback plain={plain}>
      <Suspense fallback={plain}>
        <Message {...props} />
      </Suspense>
    </Fallback>
  );
}
