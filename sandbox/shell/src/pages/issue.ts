/** "/browse/:key" — the issue view with transitions, comments and the app's issue panel. */

import { adfFromText, renderAdf } from '../adf.js';
import { appFrame, type AppFrame } from '../app-frame.js';
import { ApiError, NOT_FOUND_ISSUE, describeError, isAbort, jira } from '../api.js';
import { errorBox, h, iconText, loading, lozenge, replaceChildren, timeEl } from '../dom.js';
import { organizationNames, organizationsFieldId } from '../organizations.js';
import { currentUser } from '../session.js';
import type {
  JiraChangelogEntry,
  JiraChangelogPage,
  JiraComment,
  JiraCommentPage,
  JiraIssue,
  JiraTransition,
  JsmApproval,
} from '../types.js';
import { breadcrumbs, setTitle, showPage, type PageContext } from './common.js';

export const ISSUE_PANEL_TITLE = 'Service delivery (29110)';
const ISSUE_FIELDS = 'summary,status,priority,issuetype,reporter,assignee,created,updated,description,labels,project';
const INTERNAL_PROPERTY = 'sd.public.comment';

function issueError(err: unknown): string {
  if (err instanceof ApiError && err.status === 404) return NOT_FOUND_ISSUE;
  return describeError(err, { notFound: NOT_FOUND_ISSUE });
}

function detailRow(label: string, value: Node | string): HTMLElement[] {
  return [h('dt', null, label), h('dd', null, value)];
}

function commentItem(comment: JiraComment): HTMLElement {
  const internal = comment.jsdPublic === false;
  return h(
    'li',
    { class: internal ? 'comment comment-internal' : 'comment', 'data-testid': `comment-${comment.id}`, 'data-internal': internal ? 'true' : 'false' },
    h(
      'div',
      { class: 'comment-meta' },
      h('strong', null, comment.author?.displayName ?? 'Someone'),
      ' ',
      timeEl(comment.created),
      internal ? h('span', { class: 'badge badge-internal', 'data-testid': 'internal-note-badge' }, 'Internal note') : null,
    ),
    renderAdf(comment.body ?? null, ''),
  );
}

function historyItem(entry: JiraChangelogEntry): HTMLElement {
  return h(
    'li',
    { class: 'history-entry' },
    h('div', { class: 'comment-meta' }, h('strong', null, entry.author?.displayName ?? 'Someone'), ' ', timeEl(entry.created)),
    h(
      'ul',
      null,
      entry.items.map((item) =>
        h('li', null, h('span', { class: 'history-field' }, item.field), ': ', item.fromString ?? '—', ' → ', item.toString ?? '—'),
      ),
    ),
  );
}

export async function renderIssue(ctx: PageContext, issueKey: string): Promise<void> {
  const keyPath = encodeURIComponent(issueKey);
  setTitle(issueKey);
  const heading = h('h1', { class: 'issue-summary' }, issueKey);
  const region = h('div', { class: 'page-body' }, loading('Loading issue…'));
  showPage(ctx, breadcrumbs([{ label: 'Projects', href: '/' }, { label: issueKey }]), heading, region);

  const orgField = await organizationsFieldId();
  const fieldList = orgField ? `${ISSUE_FIELDS},${orgField}` : ISSUE_FIELDS;
  let issue: JiraIssue;
  try {
    issue = await jira.get<JiraIssue>(`/rest/api/3/issue/${keyPath}?fields=${fieldList}`, ctx.signal);
  } catch (err) {
    if (isAbort(err) || ctx.signal.aborted) return;
    heading.textContent = err instanceof ApiError && err.status === 404 ? 'Issue not found' : issueKey;
    replaceChildren(region, errorBox(issueError(err), 'issue-error'), h('p', null, h('a', { href: '/' }, 'Back to projects')));
    return;
  }
  if (ctx.signal.aborted) return;

  const user = currentUser();
  const isCustomer = user?.accountType === 'customer';

  // --- Static skeleton, filled by update() -------------------------------------------------
  const typeEl = h('span', { class: 'issue-type', 'data-testid': 'issue-type' });
  const keyLink = h('a', { href: `/browse/${keyPath}`, 'data-testid': 'issue-key', class: 'issue-key' }, issue.key);
  const statusHolder = h('span', { class: 'status-holder' });
  const transitionsEl = h('div', { class: 'transitions', role: 'group', 'aria-label': 'Transitions' });
  const transitionError = h('div', { class: 'inline-error', 'data-testid': 'transition-error', role: 'alert', hidden: true });
  const announcer = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  // JSM's approval panel: the request's pending approval with Approve / Decline for its approvers.
  const approvalsEl = h('div', { class: 'approvals', 'data-testid': 'approvals', hidden: true });
  const approvalError = h('div', { class: 'inline-error', 'data-testid': 'approval-error', role: 'alert', hidden: true });
  const descriptionEl = h('div', { class: 'description' });
  const detailsEl = h('dl', { class: 'details' });
  const commentsEl = h('ol', { class: 'comments', 'aria-label': 'Comments' });
  const historyEl = h('ol', { class: 'history' });

  const commentInput = h('textarea', {
    id: 'comment-input',
    'data-testid': 'comment-input',
    rows: 4,
    placeholder: isCustomer ? 'Add a comment…' : 'Reply to the customer or add an internal note…',
  });
  const commentError = h('div', { class: 'inline-error', 'data-testid': 'comment-error', role: 'alert', hidden: true });
  const replyButton = h('button', { type: 'button', class: 'button button-primary', 'data-testid': 'reply-customer' }, isCustomer ? 'Comment' : 'Reply to customer');
  const noteButton = isCustomer
    ? null
    : h('button', { type: 'button', class: 'button button-note', 'data-testid': 'add-internal-note' }, 'Add internal note');

  let panel: AppFrame | null = null;

  const showError = (el: HTMLElement, message: string | null): void => {
    el.textContent = message ?? '';
    el.hidden = !message;
  };

  function fill(current: JiraIssue): void {
    const f = current.fields;
    issue = current;
    setTitle(`[${current.key}] ${f.summary ?? ''}`);
    heading.textContent = f.summary ?? current.key;
    replaceChildren(typeEl, iconText(f.issuetype?.name, f.issuetype?.iconUrl));
    replaceChildren(statusHolder, lozenge(f.status?.name ?? 'Unknown', f.status?.statusCategory?.key, 'issue-status'));
    replaceChildren(descriptionEl, renderAdf(f.description ?? null, 'No description'));
    replaceChildren(
      detailsEl,
      detailRow('Status', f.status?.name ?? '—'),
      detailRow('Priority', f.priority ? iconText(f.priority.name, f.priority.iconUrl) : '—'),
      detailRow('Assignee', f.assignee?.displayName ?? 'Unassigned'),
      detailRow('Reporter', f.reporter?.displayName ?? '—'),
      detailRow('Labels', f.labels && f.labels.length > 0 ? h('span', null, f.labels.map((l) => h('span', { class: 'label' }, l))) : 'None'),
      ...(orgField ? detailRow('Organizations', h('span', { 'data-testid': 'issue-organizations' }, organizationNames(f[orgField]) || 'None')) : []),
      detailRow('Created', timeEl(f.created, 'issue-created')),
      detailRow('Updated', timeEl(f.updated, 'issue-updated')),
    );
    const project = f.project;
    if (project) {
      ctx.main.querySelector('.breadcrumbs')?.replaceWith(
        breadcrumbs([
          { label: 'Projects', href: '/' },
          { label: project.name, href: `/projects/${encodeURIComponent(project.key)}` },
          { label: current.key },
        ]),
      );
    }
  }

  function fillTransitions(list: JiraTransition[] | Error): void {
    if (list instanceof Error) {
      replaceChildren(transitionsEl, h('span', { class: 'muted' }, `Transitions unavailable: ${list.message}`));
      return;
    }
    if (list.length === 0) {
      replaceChildren(transitionsEl, h('span', { class: 'muted' }, 'No transitions available'));
      return;
    }
    replaceChildren(
      transitionsEl,
      list.map((t) => {
        const button = h(
          'button',
          { type: 'button', class: 'button', 'data-testid': `transition-${t.name}`, title: t.to ? `Move to ${t.to.name}` : null },
          t.name,
        );
        button.addEventListener('click', () => void runTransition(t, button));
        return button;
      }),
    );
  }

  function fillApprovals(list: JsmApproval[] | Error): void {
    // A project without JSM approvals (or none on this request) shows nothing, as Jira's issue view.
    const shown = list instanceof Error ? [] : list.filter((a) => a.finalDecision === 'pending').slice(-1);
    approvalsEl.hidden = shown.length === 0;
    replaceChildren(approvalsEl, shown.map((a) => {
      const names = a.approvers.map((x) => `${x.approver.displayName} (${x.approverDecision})`).join(', ') || 'nobody yet';
      const answer = (decision: 'approve' | 'decline') => {
        const button = h('button', { type: 'button', class: decision === 'approve' ? 'button button-primary' : 'button', 'data-testid': `approval-${decision}` }, decision === 'approve' ? 'Approve' : 'Decline');
        button.addEventListener('click', () => void answerApproval(a, decision, button));
        return button;
      };
      return h('div', { class: 'approval', 'data-testid': `approval-${a.id}` },
        h('strong', null, `${a.name}: waiting for approval`), h('span', { class: 'muted' }, ` Approvers: ${names}`),
        a.canAnswerApproval ? h('div', { class: 'approval-buttons' }, answer('approve'), answer('decline')) : null);
    }));
  }

  async function answerApproval(approval: JsmApproval, decision: 'approve' | 'decline', button: HTMLButtonElement): Promise<void> {
    const buttons = Array.from(approvalsEl.querySelectorAll('button'));
    for (const b of buttons) b.disabled = true;
    button.setAttribute('aria-busy', 'true');
    showError(approvalError, null);
    try {
      await jira.post<JsmApproval>(`/rest/servicedeskapi/request/${keyPath}/approval/${encodeURIComponent(approval.id)}`, { decision }, ctx.signal);
      if (ctx.signal.aborted) return;
      announcer.textContent = decision === 'approve' ? `${issue.key} approved.` : `${issue.key} declined.`;
      await refresh({ panel: true });
    } catch (err) {
      if (isAbort(err) || ctx.signal.aborted) return;
      showError(approvalError, `The ${decision === 'approve' ? 'approval' : 'decline'} was refused: ${describeError(err)}`);
      for (const b of buttons) b.disabled = false;
      button.removeAttribute('aria-busy');
    }
  }

  function fillComments(list: JiraComment[] | Error): void {
    if (list instanceof Error) {
      replaceChildren(commentsEl, h('li', null, errorBox(`Comments could not be loaded: ${list.message}`)));
      return;
    }
    if (list.length === 0) {
      replaceChildren(commentsEl, h('li', { class: 'empty' }, 'No comments yet.'));
      return;
    }
    // Newest first, as in Jira's default activity order.
    replaceChildren(commentsEl, [...list].reverse().map(commentItem));
  }

  function fillHistory(list: JiraChangelogEntry[] | Error): void {
    if (list instanceof Error) {
      replaceChildren(historyEl, h('li', null, `History could not be loaded: ${list.message}`));
      return;
    }
    replaceChildren(historyEl, list.length === 0 ? h('li', { class: 'empty' }, 'No changes yet.') : [...list].reverse().map(historyItem));
  }

  const settle = async <T>(promise: Promise<T>): Promise<T | Error> => {
    try {
      return await promise;
    } catch (err) {
      if (isAbort(err)) throw err;
      return new Error(describeError(err));
    }
  };

  async function loadSecondary(): Promise<void> {
    const [transitions, comments, changelog, approvals] = await Promise.all([
      settle(jira.get<{ transitions: JiraTransition[] }>(`/rest/api/3/issue/${keyPath}/transitions`, ctx.signal)),
      settle(jira.get<JiraCommentPage>(`/rest/api/3/issue/${keyPath}/comment?maxResults=100`, ctx.signal)),
      settle(jira.get<JiraChangelogPage>(`/rest/api/3/issue/${keyPath}/changelog?maxResults=100`, ctx.signal)),
      settle(jira.get<{ values?: JsmApproval[] }>(`/rest/servicedeskapi/request/${keyPath}/approval`, ctx.signal)),
    ]);
    if (ctx.signal.aborted) return;
    fillTransitions(transitions instanceof Error ? transitions : transitions.transitions ?? []);
    fillComments(comments instanceof Error ? comments : comments.comments ?? []);
    fillHistory(changelog instanceof Error ? changelog : changelog.values ?? changelog.histories ?? []);
    fillApprovals(approvals instanceof Error ? approvals : approvals.values ?? []);
  }

  /** Re-reads the issue and everything around it; optionally reloads the app panel. */
  async function refresh(options: { panel: boolean }): Promise<void> {
    try {
      const current = await jira.get<JiraIssue>(`/rest/api/3/issue/${keyPath}?fields=${fieldList}`, ctx.signal);
      if (ctx.signal.aborted) return;
      fill(current);
      await loadSecondary();
    } catch (err) {
      if (isAbort(err) || ctx.signal.aborted) return;
      showError(transitionError, issueError(err));
    }
    if (options.panel && panel) await panel.reload();
  }

  async function runTransition(transition: JiraTransition, button: HTMLButtonElement): Promise<void> {
    const buttons = Array.from(transitionsEl.querySelectorAll('button'));
    for (const b of buttons) b.disabled = true;
    button.setAttribute('aria-busy', 'true');
    showError(transitionError, null);
    try {
      await jira.post<undefined>(`/rest/api/3/issue/${keyPath}/transitions`, { transition: { id: transition.id } }, ctx.signal);
      if (ctx.signal.aborted) return;
      announcer.textContent = `${issue.key} moved with “${transition.name}”.`;
      await refresh({ panel: true });
    } catch (err) {
      if (isAbort(err) || ctx.signal.aborted) return;
      showError(transitionError, `“${transition.name}” was refused: ${describeError(err)}`);
      for (const b of buttons) b.disabled = false;
      button.removeAttribute('aria-busy');
      button.focus();
    }
  }

  async function addComment(internal: boolean, button: HTMLButtonElement): Promise<void> {
    const text = commentInput.value.trim();
    if (!text) {
      showError(commentError, 'Write something first.');
      commentInput.focus();
      return;
    }
    showError(commentError, null);
    const formButtons = [replyButton, noteButton].filter((b): b is HTMLButtonElement => b !== null);
    for (const b of formButtons) b.disabled = true;
    button.setAttribute('aria-busy', 'true');
    const body: Record<string, unknown> = { body: adfFromText(text) };
    if (internal) body.properties = [{ key: INTERNAL_PROPERTY, value: { internal: true } }];
    try {
      await jira.post<JiraComment>(`/rest/api/3/issue/${keyPath}/comment`, body, ctx.signal);
      if (ctx.signal.aborted) return;
      commentInput.value = '';
      announcer.textContent = internal ? 'Internal note added.' : 'Comment added.';
      await refresh({ panel: true });
    } catch (err) {
      if (isAbort(err) || ctx.signal.aborted) return;
      showError(commentError, `The ${internal ? 'internal note' : 'comment'} was not saved: ${describeError(err)}`);
    } finally {
      for (const b of formButtons) b.disabled = false;
      button.removeAttribute('aria-busy');
    }
  }

  replyButton.addEventListener('click', () => void addComment(false, replyButton));
  noteButton?.addEventListener('click', () => void addComment(true, noteButton));

  // --- The app's issue panel -----------------------------------------------------------------
  const f = issue.fields;
  panel = appFrame({
    moduleKey: 'sd-issue-panel',
    extension: {
      type: 'jira:issuePanel',
      issue: { id: issue.id, key: issue.key, type: f.issuetype?.name ?? '', typeId: f.issuetype?.id ?? '' },
      project: { id: f.project?.id ?? '', key: f.project?.key ?? issue.key.split('-')[0] ?? '', type: f.project?.projectTypeKey ?? 'service_desk' },
    },
    title: ISSUE_PANEL_TITLE,
    signal: ctx.signal,
    minHeight: 80,
    onRefresh: () => void refresh({ panel: false }),
  });

  fill(issue);
  replaceChildren(
    region,
    h('div', { class: 'issue-header' }, typeEl, keyLink),
    h('div', { class: 'issue-actions' }, statusHolder, transitionsEl),
    transitionError,
    approvalsEl,
    approvalError,
    announcer,
    h(
      'div',
      { class: 'issue-layout' },
      h(
        'div',
        { class: 'issue-main' },
        h('section', { 'aria-labelledby': 'description-heading' }, h('h2', { id: 'description-heading' }, 'Description'), descriptionEl),
        h(
          'section',
          { class: 'issue-panel', 'aria-labelledby': 'panel-heading' },
          h('h2', { id: 'panel-heading', class: 'panel-heading' }, h('img', { src: '/shell/app-icon.svg', alt: '', width: 16, height: 16 }), ISSUE_PANEL_TITLE),
          panel.element,
        ),
        h(
          'section',
          { class: 'activity', 'aria-labelledby': 'activity-heading' },
          h('h2', { id: 'activity-heading' }, 'Activity'),
          h(
            'form',
            { class: 'comment-form', 'aria-label': 'Add a comment', onsubmit: (e: Event) => e.preventDefault() },
            h('label', { for: 'comment-input' }, isCustomer ? 'Add a comment' : 'Add a comment or internal note'),
            commentInput,
            commentError,
            h('div', { class: 'comment-buttons' }, replyButton, noteButton),
          ),
          h('h3', null, 'Comments'),
          commentsEl,
          h('details', { class: 'history-details' }, h('summary', null, 'History'), historyEl),
        ),
      ),
      h('aside', { class: 'issue-side', 'aria-labelledby': 'details-heading' }, h('h2', { id: 'details-heading' }, 'Details'), detailsEl),
    ),
  );
  replaceChildren(transitionsEl, h('span', { class: 'muted' }, 'Loading transitions…'));
  replaceChildren(commentsEl, h('li', null, loading('Loading comments…')));
  try {
    await loadSecondary();
  } catch (err) {
    if (!isAbort(err)) throw err;
  }
}
