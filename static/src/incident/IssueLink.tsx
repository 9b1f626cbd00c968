import { router } from '@forge/bridge';
import type { MouseEvent } from 'react';

/**
 * A link to another Jira issue. Inside the Forge iframe a plain link would navigate the iframe, so the host
 * navigates (a modified click opens a new tab); the href keeps "copy link" and the status bar honest.
 */
export function IssueLink({ issueKey, siteUrl, testId }: { issueKey: string; siteUrl: string; testId?: string }) {
  const path = `/browse/${encodeURIComponent(issueKey)}`;
  const follow = (event: MouseEvent<HTMLAnchorElement>): void => {
    event.preventDefault();
    const newTab = event.metaKey || event.ctrlKey || event.shiftKey || event.button === 1;
    (newTab ? router.open(path) : router.navigate(path)).catch(() => undefined);
  };
  return (
    <a className="sd-link sd-inc-key" href={`${siteUrl.replace(/\/+$/, '')}${path}`} onClick={follow} data-testid={testId}>
      {issueKey}
    </a>
  );
}
