import SectionMessage from '@atlaskit/section-message';
import type { NoticeProps } from './Notice';

/** The Atlaskit message behind `Notice`, in its own chunk (SectionMessage is the largest dependency here). */
export default function Message({ appearance, title, testId, children }: NoticeProps) {
  return (
    <SectionMessage appearance={appearance} title={title} testId={testId}>
      {children}
    </SectionMessage>
  );
}
