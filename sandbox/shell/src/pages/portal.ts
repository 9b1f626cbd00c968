/**
 * The JSM customer portal, as small as the app needs: the help center (service desks), one portal's request types,
 * the form that raises a request, "My requests", and one request with its public activity and the app's
 * `jiraServiceManagement:portalRequestDetail` module below it. Everything goes through the emulated
 * `/rest/servicedeskapi` as the acting user, as JSM's portal does.
 */

import { appFrame, type AppFrame } from '../app-frame.js';
import { ApiError, describeError, isAbort, jira } from '../api.js';
import { errorBox, h, loading, lozenge, replaceChildren } from '../dom.js';
import { showFlag } from '../flags.js';
import { organizationNames, organizationsFieldId } from '../organizations.js';
import { navigate } from '../router.js';
import { breadcrumbs, setTitle, showPage, type PageContext } from './common.js';

export const PORTAL_PATHS = {
  helpCenter: '/servicedesk/customer/portals',
  myRequests: '/servicedesk/customer/user/requests',
  portal: (deskId: string): string => `/servicedesk/customer/portal/${encodeURIComponent(deskId)}`,
  create: (deskId: string, typeId: string): string => `/servicedesk/customer/portal/${encodeURIComponent(deskId)}/create/${encodeURIComponent(typeId)}`,
  request: (deskId: string, key: string): string => `/servicedesk/customer/portal/${encodeURIComponent(deskId)}/${encodeURIComponent(key)}`,
} as const;

const PORTAL_MODULE_TITLE = 'Service delivery';
const API = '/rest/servicedeskapi';

// ------------------------------------------------------------------ servicedeskapi shapes (the parts the portal reads)

interface Paged<T> { size: number; start: number; limit: number; isLastPage: boolean; values: T[] }
interface SdDate { iso8601: string; friendly: string; epochMillis: number }
interface SdUser { accountId: string; displayName: string }
interface ServiceDesk { id: string; projectId: string; projectName: string; projectKey: string }
interface RequestType { id: string; name: string; description: string; helpText: string; serviceDeskId: string }
interface FieldValue { value: string; label: string }
interface RequestTypeField { fieldId: string; name: string; description: string; required: boolean; validValues: FieldValue[]; jiraSchema: { type: string; items?: string } }
interface RequestStatus { status: string; statusCategory: string; statusDate: SdDate }
interface CustomerRequest {
  issueId: string; issueKey: string; requestTypeId: string | null; serviceDeskId: string; createdDate: SdDate; reporter: SdUser | null;
  requestFieldValues: { fieldId: string; label: string; value: unknown }[]; currentStatus: RequestStatus;
  requestType?: RequestType; serviceDesk?: ServiceDesk;
}
interface SdComment { id: string; body: string; public: boolean; author: SdUser | null; created: SdDate }

// ------------------------------------------------------------------ helpers

function when(date: SdDate | undefined): HTMLElement {
  if (!date) return h('span', null, '—');
  return h('time', { datetime: date.iso8601, title: date.iso8601 }, date.friendly);
}

function statusLozenge(status: RequestStatus, testId?: string): HTMLElement {
  return lozenge(status.status, status.statusCategory.toLowerCase(), testId);
}

function portalError(err: unknown, what: string): string {
  if (err instanceof ApiError && err.status === 404) return `${what} does not exist, or you do not have permission to see it.`;
  return describeError(err);
}

/** Words for a field value as the request shows it (options by their label, lists joined). */
function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length ? value.map(valueText).join(', ') : '—';
  if (typeof value === 'object' && 'value' in value) return valueText((value as { value: unknown }).value);
  return '—';
}

function helpCenterCrumbs(...rest: { label: string; href?: string }[]): HTMLElement {
  return breadcrumbs([{ label: 'Help center', href: PORTAL_PATHS.helpCenter }, ...rest]);
}

function portalNav(current: 'help' | 'requests'): HTMLElement {
  return h(
    'nav',
    { class: 'tabs', 'aria-label': 'Help center' },
    h(
      'ul',
      null,
      h('li', null, h('a', { href: PORTAL_PATHS.helpCenter, class: current === 'help' ? 'tab tab-current' : 'tab', 'aria-current': current === 'help' ? 'page' : null }, 'Help center')),
      h('li', null, h('a', { href: PORTAL_PATHS.myRequests, class: current === 'requests' ? 'tab tab-current' : 'tab', 'aria-current': current === 'requests' ? 'page' : null, 'data-testid': 'portal-my-requests' }, 'My requests')),
    ),
  );
}

// ------------------------------------------------------------------ the app's portal subheader

/**
 * jiraServiceManagement:portalSubheader (`sd-portal-home`): JSM shows the app under the portal's header on the help
 * center and on a portal's page; its context names the portal when there is one.
 */
function portalSubheader(ctx: PageContext, portalId: string | null): HTMLElement {
  const frame = appFrame({
    moduleKey: 'sd-portal-home',
    extension: portalId === null ? {} : { portal: { id: portalId } },
    title: PORTAL_MODULE_TITLE,
    signal: ctx.signal,
    minHeight: 40,
  });
  return h('section', { class: 'portal-subheader', 'data-testid': 'portal-subheader' }, frame.element);
}

// ------------------------------------------------------------------ help center

export async function renderHelpCenter(ctx: PageContext): Promise<void> {
  setTitle('Help center');
  const list = h('div', { class: 'portal-list' }, loading('Loading service desks…'));
  showPage(ctx, portalNav('help'), h('h1', null, 'Help center'), portalSubheader(ctx, null), h('p', { class: 'muted' }, 'Choose the service desk you need help from.'), list);
  try {
    const desks = await jira.get<Paged<ServiceDesk>>(`${API}/servicedesk?limit=50`, ctx.signal);
    if (ctx.signal.aborted) return;
    if (desks.values.length === 0) {
      replaceChildren(list, h('p', { class: 'empty', 'data-testid': 'portal-empty' }, 'There is no service desk you can raise requests in. Ask your service provider to add you as a customer.'));
      return;
    }
    replaceChildren(
      list,
      h('ul', { class: 'portal-cards' }, desks.values.map((d) =>
        h('li', { class: 'portal-card' }, h('a', { href: PORTAL_PATHS.portal(d.id), 'data-testid': `portal-${d.projectKey}` }, h('strong', null, d.projectName)), h('p', { class: 'muted' }, `Raise a request with ${d.projectName}.`)))),
    );
  } catch (err) {
    if (isAbort(err) || ctx.signal.aborted) return;
    replaceChildren(list, errorBox(`The service desks could not be loaded: ${portalError(err, 'The help center')}`));
  }
}

// ------------------------------------------------------------------ one portal: its request types

export async function renderPortal(ctx: PageContext, deskId: string): Promise<void> {
  setTitle('Help center');
  showPage(ctx, helpCenterCrumbs({ label: 'Service desk' }), loading('Loading the service desk…'));
  let desk: ServiceDesk;
  let types: Paged<RequestType>;
  try {
    [desk, types] = await Promise.all([
      jira.get<ServiceDesk>(`${API}/servicedesk/${encodeURIComponent(deskId)}`, ctx.signal),
      jira.get<Paged<RequestType>>(`${API}/servicedesk/${encodeURIComponent(deskId)}/requesttype?limit=100`, ctx.signal),
    ]);
  } catch (err) {
    if (isAbort(err) || ctx.signal.aborted) return;
    showPage(ctx, helpCenterCrumbs({ label: 'Service desk' }), h('h1', null, 'Service desk not available'), errorBox(portalError(err, 'This service desk')));
    return;
  }
  if (ctx.signal.aborted) return;
  setTitle(desk.projectName);
  showPage(
    ctx,
    helpCenterCrumbs({ label: desk.projectName }),
    h('h1', null, desk.projectName),
    portalSubheader(ctx, desk.id),
    h('h2', null, 'What can we help you with?'),
    types.values.length === 0
      ? h('p', { class: 'empty' }, 'This service desk offers no request types yet.')
      : h('ul', { class: 'portal-cards' }, types.values.map((t) =>
        h('li', { class: 'portal-card' }, h('a', { href: PORTAL_PATHS.create(desk.id, t.id), 'data-testid': `request-type-${t.id}` }, h('strong', null, t.name)), t.description ? h('p', { class: 'muted' }, t.description) : null))),
  );
}

// ------------------------------------------------------------------ raise a request

interface FormField { def: RequestTypeField; control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | HTMLFieldSetElement; error: HTMLElement; read: () => unknown }

function fieldControl(def: RequestTypeField, index: number): FormField {
  const id = `rf-${index}`;
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const described = [def.description ? `${id}-help` : '', `${id}-error`].filter(Boolean).join(' ');
  const isOption = def.jiraSchema.type === 'option';
  const isMulti = def.jiraSchema.type === 'array' && def.jiraSchema.items === 'option';
  if (isMulti) {
    const boxes = def.validValues.map((v, i) => h('input', { type: 'checkbox', id: `${id}-${i}`, value: v.value, 'data-label': v.label }));
    const set = h('fieldset', { class: 'portal-checks', 'aria-describedby': described, 'data-field': def.fieldId },
      h('legend', null, def.name, def.required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null),
      def.description ? h('p', { class: 'muted field-help', id: `${id}-help` }, def.description) : null,
      boxes.map((b, i) => h('label', { class: 'check', for: `${id}-${i}` }, b, ` ${def.validValues[i]!.label}`)));
    return { def, control: set, error, read: () => boxes.filter((b) => b.checked).map((b) => ({ id: b.value })) };
  }
  let control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
  if (isOption) {
    control = h('select', { id, name: def.fieldId }, h('option', { value: '' }, def.required ? 'Choose…' : 'None'), def.validValues.map((v) => h('option', { value: v.value }, v.label)));
  } else if (def.fieldId === 'description') {
    control = h('textarea', { id, name: def.fieldId, rows: 5 });
  } else {
    control = h('input', { id, name: def.fieldId, type: 'text', maxlength: 255, autocomplete: 'off' });
  }
  control.setAttribute('aria-describedby', described);
  if (def.required) control.setAttribute('aria-required', 'true');
  control.dataset.field = def.fieldId;
  return { def, control, error, read: () => (isOption ? (control.value ? { id: control.value } : null) : control.value.trim()) };
}

function fieldBlock(f: FormField, index: number): HTMLElement {
  if (f.control instanceof HTMLFieldSetElement) return h('div', { class: 'portal-field' }, f.control, f.error);
  const id = `rf-${index}`;
  return h('div', { class: 'portal-field' },
    h('label', { for: id }, f.def.name, f.def.required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null, f.def.required ? h('span', { class: 'visually-hidden' }, ' (required)') : null),
    f.def.description ? h('p', { class: 'muted field-help', id: `${id}-help` }, f.def.description) : null,
    f.control, f.error);
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

export async function renderCreate(ctx: PageContext, deskId: string, typeId: string): Promise<void> {
  setTitle('Raise a request');
  showPage(ctx, helpCenterCrumbs({ label: 'Service desk', href: PORTAL_PATHS.portal(deskId) }, { label: 'Raise a request' }), loading('Loading the form…'));
  let desk: ServiceDesk;
  let type: RequestType;
  let fields: { requestTypeFields: RequestTypeField[] };
  try {
    const base = `${API}/servicedesk/${encodeURIComponent(deskId)}`;
    [desk, type, fields] = await Promise.all([
      jira.get<ServiceDesk>(base, ctx.signal),
      jira.get<RequestType>(`${base}/requesttype/${encodeURIComponent(typeId)}`, ctx.signal),
      jira.get<{ requestTypeFields: RequestTypeField[] }>(`${base}/requesttype/${encodeURIComponent(typeId)}/field`, ctx.signal),
    ]);
  } catch (err) {
    if (isAbort(err) || ctx.signal.aborted) return;
    showPage(ctx, helpCenterCrumbs({ label: 'Service desk', href: PORTAL_PATHS.portal(deskId) }, { label: 'Raise a request' }), h('h1', null, 'This request type is not available'), errorBox(portalError(err, 'This request type')));
    return;
  }
  if (ctx.signal.aborted) return;
  setTitle(type.name);
  const controls = fields.requestTypeFields.map((def, i) => fieldControl(def, i));
  const summaryBox = h('div', { class: 'message message-error', role: 'alert', tabindex: '-1', hidden: true, 'data-testid': 'portal-form-errors' });
  const submit = h('button', { type: 'submit', class: 'button button-primary', 'data-testid': 'portal-submit' }, 'Send');
  const form = h('form', { class: 'portal-form', 'aria-labelledby': 'portal-form-heading', novalidate: true }, summaryBox, controls.map(fieldBlock), h('div', { class: 'comment-buttons' }, submit, h('a', { href: PORTAL_PATHS.portal(desk.id), class: 'button' }, 'Cancel')));

  const showErrors = (messages: { field?: FormField; text: string }[]): void => {
    for (const f of controls) {
      f.error.hidden = true;
      f.error.textContent = '';
      (f.control instanceof HTMLFieldSetElement ? f.control : f.control).removeAttribute('aria-invalid');
    }
    if (!messages.length) { summaryBox.hidden = true; return; }
    replaceChildren(summaryBox, h('p', null, messages.length > 1 ? 'Fix these before sending:' : 'Fix this before sending:'), h('ul', null, messages.map((m) => h('li', null, m.text))));
    summaryBox.hidden = false;
    for (const m of messages) {
      if (!m.field) continue;
      m.field.error.textContent = m.text;
      m.field.error.hidden = false;
      m.field.control.setAttribute('aria-invalid', 'true');
    }
    summaryBox.focus();
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const values: Record<string, unknown> = {};
      const problems: { field?: FormField; text: string }[] = [];
      for (const f of controls) {
        const v = f.read();
        if (isEmpty(v)) { if (f.def.required) problems.push({ field: f, text: `${f.def.name}: this field is required.` }); continue; }
        values[f.def.fieldId] = v;
      }
      if (problems.length) { showErrors(problems); return; }
      showErrors([]);
      submit.disabled = true;
      submit.setAttribute('aria-busy', 'true');
      try {
        const created = await jira.post<CustomerRequest>(`${API}/request`, { serviceDeskId: desk.id, requestTypeId: type.id, requestFieldValues: values }, ctx.signal);
        showFlag({ id: 'portal-created', title: `Your request ${created.issueKey} was raised`, description: 'We will keep you updated here and by e-mail.', type: 'success' });
        navigate(PORTAL_PATHS.request(desk.id, created.issueKey));
      } catch (err) {
        if (isAbort(err) || ctx.signal.aborted) return;
        showErrors([{ text: `Your request was not sent: ${describeError(err)}` }]);
      } finally {
        submit.disabled = false;
        submit.removeAttribute('aria-busy');
      }
    })();
  });

  showPage(
    ctx,
    helpCenterCrumbs({ label: desk.projectName, href: PORTAL_PATHS.portal(desk.id) }, { label: type.name }),
    h('h1', { id: 'portal-form-heading' }, type.name),
    type.helpText ? h('p', { class: 'muted' }, type.helpText) : null,
    h('p', { class: 'muted' }, 'Fields marked with an asterisk (*) are required.'),
    form,
  );
}

// ------------------------------------------------------------------ my requests

export async function renderMyRequests(ctx: PageContext): Promise<void> {
  setTitle('My requests');
  const params = new URLSearchParams(location.search);
  const status = ['OPEN_REQUESTS', 'CLOSED_REQUESTS', 'ALL_REQUESTS'].includes(params.get('status') ?? '') ? params.get('status')! : 'ALL_REQUESTS';
  const filter = h('select', { id: 'request-status-filter', 'data-testid': 'request-status-filter' },
    h('option', { value: 'ALL_REQUESTS' }, 'All requests'), h('option', { value: 'OPEN_REQUESTS' }, 'Open requests'), h('option', { value: 'CLOSED_REQUESTS' }, 'Closed requests'));
  filter.value = status;
  filter.addEventListener('change', () => navigate(`${PORTAL_PATHS.myRequests}?status=${filter.value}`));
  const list = h('div', null, loading('Loading your requests…'));
  showPage(ctx, portalNav('requests'), h('h1', null, 'My requests'), h('div', { class: 'portal-filter' }, h('label', { for: 'request-status-filter' }, 'Show'), filter), list);
  try {
    const page = await jira.get<Paged<CustomerRequest>>(`${API}/request?requestStatus=${status}&limit=100&expand=requestType,serviceDesk`, ctx.signal);
    if (ctx.signal.aborted) return;
    if (page.values.length === 0) {
      replaceChildren(list, h('p', { class: 'empty', 'data-testid': 'my-requests-empty' }, status === 'ALL_REQUESTS' ? 'You have not raised any requests yet. ' : 'No requests match. ', h('a', { href: PORTAL_PATHS.helpCenter }, 'Raise a request'), '.'));
      return;
    }
    const summaryOf = (r: CustomerRequest): string => valueText(r.requestFieldValues.find((f) => f.fieldId === 'summary')?.value);
    replaceChildren(list, h('table', { class: 'table', 'data-testid': 'my-requests' },
      h('caption', { class: 'visually-hidden' }, 'Your requests, newest first'),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Reference'), h('th', { scope: 'col' }, 'Summary'), h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col' }, 'Service desk'), h('th', { scope: 'col' }, 'Raised'))),
      h('tbody', null, page.values.map((r) => h('tr', { 'data-testid': `my-request-${r.issueKey}` },
        h('td', { class: 'nowrap' }, h('a', { href: PORTAL_PATHS.request(r.serviceDeskId, r.issueKey) }, r.issueKey)),
        h('td', null, h('a', { href: PORTAL_PATHS.request(r.serviceDeskId, r.issueKey), class: 'summary-link' }, summaryOf(r))),
        h('td', null, statusLozenge(r.currentStatus)),
        h('td', null, r.serviceDesk?.projectName ?? '—'),
        h('td', { class: 'nowrap' }, when(r.createdDate)))))));
  } catch (err) {
    if (isAbort(err) || ctx.signal.aborted) return;
    replaceChildren(list, errorBox(`Your requests could not be loaded: ${portalError(err, 'The list')}`));
  }
}

// ------------------------------------------------------------------ one request

export async function renderRequest(ctx: PageContext, deskId: string, key: string): Promise<void> {
  setTitle(key);
  showPage(ctx, helpCenterCrumbs({ label: 'My requests', href: PORTAL_PATHS.myRequests }, { label: key }), loading('Loading the request…'));
  const path = `${API}/request/${encodeURIComponent(key)}`;
  let request: CustomerRequest;
  try {
    request = await jira.get<CustomerRequest>(`${path}?expand=requestType,serviceDesk`, ctx.signal);
  } catch (err) {
    if (isAbort(err) || ctx.signal.aborted) return;
    showPage(ctx, helpCenterCrumbs({ label: 'My requests', href: PORTAL_PATHS.myRequests }, { label: key }), h('h1', null, 'Request not available'), errorBox(portalError(err, `The request ${key}`)));
    return;
  }
  if (ctx.signal.aborted) return;
  if (request.serviceDeskId !== deskId) { navigate(PORTAL_PATHS.request(request.serviceDeskId, request.issueKey), { replace: true }); return; }
  const summary = valueText(request.requestFieldValues.find((f) => f.fieldId === 'summary')?.value);
  setTitle(`${request.issueKey}: ${summary}`);

  const statusHolder = h('span', { class: 'status-holder' }, statusLozenge(request.currentStatus, 'portal-status'));
  const commentsEl = h('ol', { class: 'comments', 'aria-label': 'Comments', 'data-testid': 'portal-comments' }, h('li', null, loading('Loading the activity…')));
  const announcer = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  const input = h('textarea', { id: 'portal-comment', rows: 3, 'data-testid': 'portal-comment-input', 'aria-describedby': 'portal-comment-error' });
  const commentError = h('p', { class: 'inline-error', id: 'portal-comment-error', role: 'alert', hidden: true });
  const send = h('button', { type: 'submit', class: 'button button-primary', 'data-testid': 'portal-comment-submit' }, 'Add comment');
  let frame: AppFrame | null = null;

  const loadComments = async (): Promise<void> => {
    try {
      const page = await jira.get<Paged<SdComment>>(`${path}/comment?limit=100`, ctx.signal);
      if (ctx.signal.aborted) return;
      replaceChildren(commentsEl, page.values.length === 0
        ? h('li', { class: 'empty' }, 'No activity yet.')
        : page.values.map((c) => h('li', { class: 'comment', 'data-testid': `portal-comment-${c.id}` },
          h('div', { class: 'comment-meta' }, h('strong', null, c.author?.displayName ?? 'Someone'), ' ', when(c.created)),
          h('div', { class: 'adf' }, c.body.split(/\n{2,}/).map((p) => h('p', null, p.split('\n').flatMap((line, i) => (i ? [h('br'), line] : [line]))))))));
    } catch (err) {
      if (isAbort(err) || ctx.signal.aborted) return;
      replaceChildren(commentsEl, h('li', null, errorBox(`The activity could not be loaded: ${describeError(err)}`)));
    }
  };
  const refreshStatus = async (): Promise<void> => {
    try {
      const fresh = await jira.get<CustomerRequest>(path, ctx.signal);
      if (!ctx.signal.aborted) replaceChildren(statusHolder, statusLozenge(fresh.currentStatus, 'portal-status'));
    } catch { /* the status stays as shown; the next load retries */ }
  };

  const form = h('form', { class: 'comment-form', 'aria-label': 'Add a comment' },
    h('label', { for: 'portal-comment' }, 'Add a comment'), input, commentError, h('div', { class: 'comment-buttons' }, send));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const text = input.value.trim();
      if (!text) { commentError.textContent = 'Write your comment first: it is empty.'; commentError.hidden = false; input.setAttribute('aria-invalid', 'true'); input.focus(); return; }
      commentError.hidden = true;
      input.removeAttribute('aria-invalid');
      send.disabled = true;
      send.setAttribute('aria-busy', 'true');
      try {
        await jira.post(`${path}/comment`, { body: text, public: true }, ctx.signal);
        if (ctx.signal.aborted) return;
        input.value = '';
        announcer.textContent = 'Comment added.';
        await loadComments();
        void frame?.reload();
      } catch (err) {
        if (isAbort(err) || ctx.signal.aborted) return;
        commentError.textContent = `Your comment was not added: ${describeError(err)}`;
        commentError.hidden = false;
      } finally {
        send.disabled = false;
        send.removeAttribute('aria-busy');
      }
    })();
  });

  frame = appFrame({
    moduleKey: 'sd-portal-request',
    // The host (JSM) fills in the request type and portal; the portal names the request.
    extension: { request: { key: request.issueKey }, portal: { id: request.serviceDeskId } },
    title: PORTAL_MODULE_TITLE,
    signal: ctx.signal,
    minHeight: 80,
    onRefresh: () => { void refreshStatus(); void loadComments(); void frame?.reload(); },
  });

  const details = request.requestFieldValues.filter((f) => f.fieldId !== 'summary');
  // JSM's portal names the organizations a request is shared with (its "Organizations" field, read through Jira's REST API).
  const sharedWith = await (async (): Promise<string> => {
    const field = await organizationsFieldId();
    if (!field) return '';
    try {
      const issue = await jira.get<{ fields: Record<string, unknown> }>(`/rest/api/3/issue/${encodeURIComponent(request.issueKey)}?fields=${field}`, ctx.signal);
      return organizationNames(issue.fields[field]);
    } catch { return ''; }
  })();
  if (ctx.signal.aborted) return;
  showPage(
    ctx,
    helpCenterCrumbs({ label: request.serviceDesk?.projectName ?? 'Service desk', href: PORTAL_PATHS.portal(request.serviceDeskId) }, { label: 'My requests', href: PORTAL_PATHS.myRequests }, { label: request.issueKey }),
    h('div', { class: 'issue-header' }, h('span', { class: 'issue-key', 'data-testid': 'portal-request-key' }, request.issueKey), request.requestType ? h('span', null, '· ', request.requestType.name) : null),
    h('h1', { class: 'issue-summary' }, summary),
    h('div', { class: 'issue-actions' }, statusHolder),
    announcer,
    h('div', { class: 'issue-layout' },
      h('div', { class: 'issue-main' },
        h('section', { class: 'activity', 'aria-labelledby': 'portal-activity-heading' },
          h('h2', { id: 'portal-activity-heading' }, 'Activity'),
          commentsEl,
          form),
        h('section', { class: 'issue-panel', 'aria-labelledby': 'portal-module-heading', 'data-testid': 'portal-module' },
          h('h2', { id: 'portal-module-heading', class: 'panel-heading' }, h('img', { src: '/shell/app-icon.svg', alt: '', width: 16, height: 16 }), PORTAL_MODULE_TITLE),
          frame.element)),
      h('aside', { class: 'issue-side', 'aria-labelledby': 'portal-details-heading' },
        h('h2', { id: 'portal-details-heading' }, 'Details'),
        h('dl', { class: 'details', 'data-testid': 'portal-details' },
          h('dt', null, 'Raised by'), h('dd', null, request.reporter?.displayName ?? '—'),
          h('dt', null, 'Raised'), h('dd', null, when(request.createdDate)),
          h('dt', null, 'Request type'), h('dd', null, request.requestType?.name ?? '—'),
          sharedWith ? [h('dt', null, 'Shared with'), h('dd', { 'data-testid': 'portal-shared-with' }, sharedWith)] : [],
          details.flatMap((f) => [h('dt', null, f.label), h('dd', null, valueText(f.value))])))),
  );
  await loadComments();
}
