import Lozenge from '@atlaskit/lozenge';
import { Block, Muted } from './Block';
import { IssueLink } from './IssueLink';
import type { IncidentSection, LinkView, LozengeAppearance } from './types';

const STATUS_APPEARANCE: Readonly<Record<LinkView['statusCategory'], LozengeAppearance>> = {
  new: 'default',
  indeterminate: 'inprogress',
  done: 'success',
};

const GROUPS = [
  { id: 'changes', title: 'Changes' },
  { id: 'problems', title: 'Problems' },
  { id: 'incidents', title: 'Other incidents' },
] as const;

/** One linked issue: how it is linked, its key (opens it in Jira), summary and status. Shared by the change panel. */
export function LinkRow({ link: l, siteUrl, testId }: { link: LinkView; siteUrl: string; testId: string }) {
  return (
    <li data-testid={testId} data-key={l.key}>
      <span className="sd-inc-muted">{l.label} </span>
      <IssueLink issueKey={l.key} siteUrl={siteUrl} /> <span>{l.summary}</span>{' '}
      <Lozenge appearance={STATUS_APPEARANCE[l.statusCategory] ?? 'default'} maxWidth="100%">
        {l.status}
      </Lozenge>
    </li>
  );
}

/** Linked service change requests, problems and incidents; each key opens the issue in Jira. */
export function Links({ links, siteUrl }: { links: NonNullable<IncidentSection['links']>; siteUrl: string }) {
  const groups = GROUPS.map((g) => ({ ...g, items: links[g.id] })).filter((g) => g.items.length > 0);
  return (
    <Block id="sd-inc-links" title="Linked issues" testId="sd-incident-links">
      {groups.length === 0 ? (
        <Muted testId="sd-incident-links-empty">No linked changes, problems or incidents</Muted>
      ) : (
        groups.map((g) => (
          <div key={g.id} data-testid={`sd-links-${g.id}`}>
            <h3 className="sd-inc-subtitle">{g.title}</h3>
            <ul className="sd-inc-rows">
              {g.items.map((l) => (
                <LinkRow key={`${l.label}:${l.key}`} link={l} siteUrl={siteUrl} testId="sd-incident-link" />
              ))}
            </ul>
          </div>
        ))
      )}
    </Block>
  );
}
