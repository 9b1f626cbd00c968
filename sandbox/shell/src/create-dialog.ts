/**
 * The agent's Create dialog, as in Jira: project, issue type, then the fields of that project's create screen for
 * the type (GET /rest/api/3/issue/createmeta/{project}/issuetypes/{id}), sent with POST /rest/api/3/issue. Jira's
 * field errors are shown beside their fields; on success a flag links to the new issue. A modal dialog: focus stays
 * inside, Esc or Cancel closes it and focus returns to the Create button.
 */

import { ApiError, describeError, jira } from './api.js';
import { h, replaceChildren } from './dom.js';
import { currentUser } from './session.js';
import { wallTimeToIso } from './time.js';

interface MetaIssueType { id: string; name: string; iconUrl?: string; subtask?: boolean }
interface AllowedValue { id: string; value?: string; name?: string }
interface MetaField {
  fieldId: string; name: string; required: boolean;
  schema?: { type?: string; items?: string; system?: string; custom?: string };
  allowedValues?: AllowedValue[]; defaultValue?: AllowedValue; hasDefaultValue?: boolean;
}
interface ProjectBean { id: string; key: string; name: string; projectTypeKey?: string }

/** The create screen fields the dialog sets itself, or that Jira fills for the agent (reporter). */
const HANDLED = new Set(['project', 'issuetype', 'summary', 'description', 'reporter', 'assignee']);
const CF = 'com.atlassian.jira.plugin.system.customfieldtypes:';
const ORGANIZATIONS_TYPE = 'com.atlassian.servicedesk:sd-customer-organizations';

const adf = (text: string) => ({ type: 'doc', version: 1, content: text.split(/\n{2,}/).map((para) => ({ type: 'paragraph', content: para ? [{ type: 'text', text: para }] : [] })) });

let open: { close: () => void } | null = null;

/** Opens the dialog (once); `opener` gets the focus back when it closes. */
export function openCreateDialog(opener: HTMLElement | null, preset: { projectKey?: string } = {}): void {
  if (open) return;
  const titleId = 'create-dialog-title';
  const errorsBox = h('div', { 'data-testid': 'create-errors' });
  const projectSelect = h('select', { id: 'create-project', 'data-testid': 'create-project', required: true });
  const typeSelect = h('select', { id: 'create-issuetype', 'data-testid': 'create-issuetype', required: true });
  const fieldsBox = h('div', { class: 'create-fields', 'data-testid': 'create-fields' });
  const submit = h('button', { type: 'submit', class: 'button button-primary', 'data-testid': 'create-submit' }, 'Create');
  const cancel = h('button', { type: 'button', class: 'button', 'data-testid': 'create-cancel' }, 'Cancel');
  const form = h('form', { class: 'create-form', novalidate: true },
    h('p', { class: 'muted' }, 'Required fields are marked with an asterisk ', h('span', { class: 'required', 'aria-hidden': 'true' }, '*'), '.'),
    errorsBox,
    field('create-project', 'Project', true, projectSelect),
    field('create-issuetype', 'Issue type', true, typeSelect),
    fieldsBox,
    h('div', { class: 'dialog-actions' }, cancel, submit),
  );
  const dialog = h('div', { class: 'dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': titleId, 'data-testid': 'create-dialog' },
    h('h2', { id: titleId, class: 'dialog-title' }, 'Create'),
    form,
  );
  const backdrop = h('div', { class: 'dialog-backdrop' }, dialog);

  let controls = new Map<string, { meta: MetaField; read: () => unknown; error: HTMLElement }>();
  let loadSeq = 0;

  const close = (): void => {
    backdrop.remove();
    document.removeEventListener('keydown', onKey, true);
    open = null;
    opener?.focus();
  };
  const focusables = (): HTMLElement[] =>
    Array.from(dialog.querySelectorAll<HTMLElement>('a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'));
  function onKey(event: KeyboardEvent): void {
    if (event.key === 'Escape') { event.preventDefault(); event.stopPropagation(); close(); return; }
    if (event.key !== 'Tab') return;
    const items = focusables();
    if (!items.length) return;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    const active = document.activeElement;
    if (event.shiftKey && (active === first || !dialog.contains(active))) { event.preventDefault(); last.focus(); }
    else if (!event.shiftKey && (active === last || !dialog.contains(active))) { event.preventDefault(); first.focus(); }
  }
  cancel.addEventListener('click', close);
  backdrop.addEventListener('mousedown', (e) => { if (e.target === backdrop) close(); });
  document.addEventListener('keydown', onKey, true);
  document.body.appendChild(backdrop);
  open = { close };

  const showErrors = (messages: string[]): void => {
    replaceChildren(errorsBox, messages.length ? h('div', { class: 'message message-error', role: 'alert' }, messages.length === 1 ? messages[0] : h('ul', null, messages.map((m) => h('li', null, m)))) : null);
  };

  const loadFields = async (): Promise<void> => {
    const seq = ++loadSeq;
    controls = new Map();
    showErrors([]);
    replaceChildren(fieldsBox, h('p', { class: 'loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Loading the fields…'));
    try {
      const meta = await jira.get<{ fields: MetaField[] }>(`/rest/api/3/issue/createmeta/${encodeURIComponent(projectSelect.value)}/issuetypes/${encodeURIComponent(typeSelect.value)}?maxResults=200`);
      if (seq !== loadSeq) return;
      const rows: HTMLElement[] = [];
      const byId = new Map(meta.fields.map((f) => [f.fieldId, f]));
      for (const id of ['summary', 'description']) {
        const f = byId.get(id);
        if (f) rows.push(renderField(f, controls));
      }
      for (const f of meta.fields) if (!HANDLED.has(f.fieldId)) rows.push(renderField(f, controls));
      replaceChildren(fieldsBox, rows);
    } catch (err) {
      if (seq === loadSeq) replaceChildren(fieldsBox, h('div', { class: 'message message-error', role: 'alert' }, `The fields could not be loaded: ${describeError(err)}`));
    }
  };

  const loadTypes = async (): Promise<void> => {
    replaceChildren(typeSelect);
    const page = await jira.get<{ issueTypes: MetaIssueType[] }>(`/rest/api/3/issue/createmeta/${encodeURIComponent(projectSelect.value)}/issuetypes`);
    replaceChildren(typeSelect, page.issueTypes.map((t) => h('option', { value: t.id }, t.name)));
    const incident = page.issueTypes.find((t) => t.name === 'Incident');
    if (incident) typeSelect.value = incident.id;
    await loadFields();
  };

  projectSelect.addEventListener('change', () => void loadTypes().catch((err: unknown) => showErrors([describeError(err)])));
  typeSelect.addEventListener('change', () => void loadFields());

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const fields: Record<string, unknown> = { project: { key: projectSelect.value }, issuetype: { id: typeSelect.value } };
      // Jira checks the values (required fields too) and answers each problem under its field id.
      for (const [id, c] of controls) {
        c.error.textContent = '';
        const value = c.read();
        if (value !== undefined) fields[id] = value;
      }
      showErrors([]);
      submit.disabled = true;
      submit.setAttribute('aria-busy', 'true');
      try {
        const created = await jira.post<{ id: string; key: string }>('/rest/api/3/issue', { fields });
        const summary = typeof fields.summary === 'string' ? fields.summary : '';
        close();
        createdFlag(created.key, summary);
      } catch (err) {
        if (err instanceof ApiError && err.status === 400) {
          const general = [...err.errorMessages];
          for (const [id, message] of Object.entries(err.fieldErrors)) {
            const c = controls.get(id);
            if (c) c.error.textContent = message;
            else general.push(id === 'project' || id === 'issuetype' ? message : `${labelOf(id)}: ${message}`);
          }
          showErrors(general);
          focusFirstError();
        } else showErrors([describeError(err)]);
      } finally {
        submit.disabled = false;
        submit.removeAttribute('aria-busy');
      }
    })();
  });

  const labelOf = (id: string): string => controls.get(id)?.meta.name ?? id;
  const focusFirstError = (): void => {
    for (const c of controls.values()) {
      if (c.error.textContent) {
        c.error.parentElement?.querySelector<HTMLElement>('input, select, textarea')?.focus();
        return;
      }
    }
    errorsBox.focus();
  };

  void (async () => {
    try {
      const projects = await jira.get<ProjectBean[]>('/rest/api/3/project');
      // Only the projects the agent may create in (createmeta answers no issue types elsewhere).
      const creatable: ProjectBean[] = [];
      for (const p of projects) {
        const types = await jira.get<{ issueTypes: MetaIssueType[] }>(`/rest/api/3/issue/createmeta/${encodeURIComponent(p.key)}/issuetypes`);
        if (types.issueTypes.length) creatable.push(p);
      }
      if (!creatable.length) { showErrors(['You cannot create issues in any project.']); return; }
      replaceChildren(projectSelect, creatable.map((p) => h('option', { value: p.key }, `${p.name} (${p.key})`)));
      // The project the agent is in, else the first service project (where incidents are raised), else the first.
      projectSelect.value = (creatable.find((p) => p.key === preset.projectKey) ?? creatable.find((p) => p.projectTypeKey === 'service_desk') ?? creatable[0]!).key;
      projectSelect.focus();
      await loadTypes();
    } catch (err) {
      showErrors([describeError(err)]);
    }
  })();
}

function field(id: string, label: string, required: boolean, control: HTMLElement, error?: HTMLElement): HTMLElement {
  return h('div', { class: 'form-field' },
    h('label', { for: id }, label, required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null),
    control,
    error ?? null,
  );
}

/** One create-screen field as a control; `controls` learns how to read its REST value (undefined = not set). */
function renderField(meta: MetaField, controls: Map<string, { meta: MetaField; read: () => unknown; error: HTMLElement }>): HTMLElement {
  const id = `create-field-${meta.fieldId}`;
  const errorId = `${id}-error`;
  const error = h('p', { id: errorId, class: 'field-error', 'data-testid': `create-error-${meta.fieldId}`, 'aria-live': 'polite' });
  const described = { 'aria-describedby': errorId, 'data-testid': `create-field-${meta.fieldId}`, 'aria-required': meta.required ? 'true' : null };
  const custom = meta.schema?.custom ?? '';
  const text = (value: string): string | undefined => (value.trim() === '' ? undefined : value);
  let control: HTMLElement;
  let read: () => unknown;
  if (meta.fieldId === 'summary') {
    const input = h('input', { id, type: 'text', maxlength: 255, ...described });
    control = input; read = () => text(input.value);
  } else if (meta.fieldId === 'description' || custom === `${CF}textarea`) {
    const area = h('textarea', { id, rows: 4, ...described });
    control = area; read = () => (text(area.value) === undefined ? undefined : adf(area.value.trim()));
  } else if (custom === ORGANIZATIONS_TYPE) {
    // JSM's Organizations field: createmeta gives no allowed values (Jira's editor autocompletes), so the dialog lists
    // the site's organizations (GET /rest/servicedeskapi/organization) as checkboxes; the value is their ids.
    let boxes: HTMLInputElement[] = [];
    const group = h('fieldset', { class: 'checkbox-group', ...described },
      h('legend', { class: 'form-label' }, meta.name, meta.required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null),
      h('span', { class: 'muted' }, 'Loading organizations…'));
    void jira.get<{ values: Array<{ id: string; name: string }> }>('/rest/servicedeskapi/organization?limit=100').then((page) => {
      boxes = page.values.map((o) => h('input', { type: 'checkbox', value: o.id, id: `${id}-${o.id}` }));
      replaceChildren(group, group.querySelector('legend'),
        page.values.length ? page.values.map((o, i) => h('label', { class: 'checkbox', for: `${id}-${o.id}` }, boxes[i]!, ` ${o.name}`)) : h('span', { class: 'muted' }, 'No organizations'));
    }, () => { replaceChildren(group, group.querySelector('legend'), h('span', { class: 'muted' }, 'Organizations could not be loaded')); });
    controls.set(meta.fieldId, { meta, error, read: () => { const ids = boxes.filter((b) => b.checked).map((b) => Number(b.value)); return ids.length ? ids : undefined; } });
    return h('div', { class: 'form-field' }, group, error);
  } else if (meta.schema?.type === 'array' && meta.allowedValues) {
    // Several options (multi-select list, checkboxes): a group of checkboxes named by the field.
    const boxes = meta.allowedValues.map((o) => h('input', { type: 'checkbox', value: o.id, id: `${id}-${o.id}` }));
    const group = h('fieldset', { class: 'checkbox-group', ...described },
      h('legend', { class: 'form-label' }, meta.name, meta.required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null),
      meta.allowedValues.map((o, i) => h('label', { class: 'checkbox', for: `${id}-${o.id}` }, boxes[i]!, ` ${o.value ?? o.name ?? o.id}`)));
    controls.set(meta.fieldId, { meta, error, read: () => { const ids = boxes.filter((b) => b.checked).map((b) => ({ id: b.value })); return ids.length ? ids : undefined; } });
    return h('div', { class: 'form-field' }, group, error);
  } else if (meta.allowedValues) {
    const select = h('select', { id, ...described },
      h('option', { value: '' }, meta.hasDefaultValue && meta.defaultValue ? `Default (${meta.defaultValue.name ?? meta.defaultValue.value ?? ''})` : 'None'),
      meta.allowedValues.map((o) => h('option', { value: o.id }, o.value ?? o.name ?? o.id)));
    control = select; read = () => (select.value === '' ? undefined : { id: select.value });
  } else if (meta.schema?.type === 'datetime') {
    const input = h('input', { id, type: 'datetime-local', ...described });
    const zone = currentUser()?.timeZone ?? 'UTC';
    control = h('span', { class: 'inline' }, input, h('span', { class: 'muted' }, ` ${zone}`));
    read = () => (input.value ? wallTimeToIso(input.value, zone) ?? input.value : undefined);
  } else if (meta.schema?.type === 'array' && meta.schema.items === 'string') {
    const input = h('input', { id, type: 'text', placeholder: 'Separate with spaces', ...described });
    control = input; read = () => { const list = input.value.split(/\s+/).filter(Boolean); return list.length ? list : undefined; };
  } else if (meta.schema?.type === 'number') {
    const input = h('input', { id, type: 'number', ...described });
    control = input; read = () => (input.value === '' ? undefined : Number(input.value));
  } else {
    const input = h('input', { id, type: 'text', ...described });
    control = input; read = () => text(input.value);
  }
  controls.set(meta.fieldId, { meta, read, error });
  return field(id, meta.name, meta.required, control, error);
}

/** Jira's "You've created" flag, with a link to the new issue. */
function createdFlag(key: string, summary: string): void {
  const box = document.getElementById('flags');
  if (!box) return;
  const flag = h('div', { class: 'flag flag-success', role: 'status', 'data-flag-id': `created-${key}`, 'data-testid': 'create-flag' },
    h('div', { class: 'flag-body' },
      h('strong', { class: 'flag-title' }, `You've created "${key}" issue`),
      summary ? h('p', null, summary) : null,
      h('p', null, h('a', { href: `/browse/${encodeURIComponent(key)}`, 'data-testid': 'create-flag-link' }, `View ${key}`))),
    h('button', { type: 'button', class: 'flag-close', 'aria-label': `Dismiss “${key}”`, onclick: () => flag.remove() }, '×'));
  box.appendChild(flag);
  window.setTimeout(() => flag.remove(), 15_000);
}
