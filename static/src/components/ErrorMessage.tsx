import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';

/**
 * The Atlaskit error message. Loaded only when an error is shown, so the
 * SectionMessage dependency tree (button, icon, heading, ...) stays out of the
 * panel's initial JS.
 */
export default function ErrorMessage({
  title,
  message,
  onRetry,
}: {
  title: string;
  message: string;
  onRetry?: (() => void) | undefined;
}) {
  return (
    <SectionMessage
      testId="sd-error"
      appearance="error"
      title={title}
      actions={
        onRetry ? (
          <SectionMessageAction testId="sd-retry" onClick={onRetry}>
            Try again
          </SectionMessageAction>
        ) : undefined
      }
    >
      <p style={{ margin: 0 }}>{message}</p>
    </SectionMessage>
  );
}
