/**
 * The setup wizard's plan (issue #4; REQUIREMENTS §11 mapping hints; D1, D2): how the profile's records and fields
 * map onto a Jira project. Pure: it reads an inventory of what the site has and says what to reuse and what to
 * create. The plan is recomputed from the site before every step, which makes the wizard idempotent (a second run
 * finds nothing to do) and resumable (a failure part-way leaves the site in a state the next plan starts from).
 */

/** The records the profile needs as Jira issue types (WP.18, WP.11, WP.03, WP.21, and the optional modules'). */
export const RECORD_SLOTS = ['incident', 'service-change-request', 'customer-agreement', 'supplier-agreement', 'problem', 'service-request'] as const;
export type RecordSlot = (typeof RECORD_SLOTS)[number];

/** The fields the profile reads and writes. */
export const FIELD_SLOTS = [
  'impact', 'urgency', 'changeType', 'affectedServices', 'impactedCis', 'plannedStart', 'plannedEnd', 'rootCause', 'majorIncident', 'securityIncident',
  // A service change request's content (WP.11, issue #13): its plans, business impact, and who builds and deploys it (D7).
  'implementationPlan', 'testPlan', 'backoutPlan', 'businessImpact', 'builder', 'deployer',
] as const;
export type FieldSlot = (typeof FIELD_SLOTS)[number];
/** The Jira field id the setup wizard mapped to each slot of a project (a slot the site lacks is absent). */
export type FieldIds = Partial<Record<FieldSlot, string>>;

/** What the wizard reads from the site (GET project, issuetype, field, field options). */
export interface SiteInventory {
  project: { id: string; key: string; name: string; projectTypeKey: string; issueTypeIds: string[] };
  /** Every issue type of the site. */
  issueTypes: Array<{ id: string; name: string; subtask: boolean }>;
  /** Every field of the site; `type` is the custom field type key (schema.custom) or null for system fields. */
  fields: Array<{ id: string; name: string; custom: boolean; type: string | null }>;
  /** Option values of the select-type custom fields the plan may reuse, by field id. */
  options: Record<string, string[]>;
}

/** What the admin asked for: the optional modules' record types are only planned when the module is on (D2). */
export interface SetupWants { slots: RecordSlot[] }

export type SetupStep =
  | { id: string; kind: 'create-issue-type'; slot: RecordSlot; name: string; description: string; title: string }
  | { id: string; kind: 'add-issue-type-to-project'; slot: RecordSlot; issueTypeId: string | null; name: string; title: string }
  | { id: string; kind: 'create-field'; slot: FieldSlot; name: string; type: string; searcherKey: string; title: string }
  | { id: string; kind: 'add-field-options'; slot: FieldSlot; fieldId: string | null; values: string[]; title: string };

export type SlotAction = 'reuse' | 'add-to-project' | 'create';

export interface ProjectMapping {
  projectId: string;
  projectKey: string;
  projectName: string;
  projectTypeKey: string;
  issueTypes: Partial<Record<RecordSlot, { id: string; name: string }>>;
  fields: Partial<Record<FieldSlot, { id: string; name: string }>>;
  /** Site option value → the profile's value, e.g. JSM's change type "Standard" → "Pre-approved". */
  optionAliases: Partial<Record<FieldSlot, Record<string, string>>>;
}

export interface SetupPlan {
  issueTypes: Array<{ slot: RecordSlot; action: SlotAction; name: string; issueTypeId: string | null; reason: string }>;
  fields: Array<{ slot: FieldSlot; action: 'reuse' | 'create' | 'add-options'; name: string; fieldId: string | null; reason: string }>;
  /** Ordered; every id is stable across re-plans (e.g. `issuetype:create:customer-agreement`). */
  steps: SetupStep[];
  warnings: string[];
  nothingToDo: boolean;
  /** The mapping as it stands (complete when `nothingToDo`). */
  mapping: ProjectMapping;
}

// ---------------------------------------------------------------------------------------------------------------
// What the profile needs (REQUIREMENTS §11 mapping hints, non-normative)

const CF = 'com.atlassian.jira.plugin.system.customfieldtypes:';

/** The Jira custom field types the wizard creates, by the short names Jira's own docs use. */
export type FieldKind = 'select' | 'multiselect' | 'multicheckboxes' | 'labels' | 'datetime' | 'textarea' | 'userpicker';

/**
 * Jira's type key and default searcher per kind (the searchers Atlassian lists as valid for each type on
 * POST /rest/api/3/field: select, multiselect and multicheckboxes → multiselectsearcher, labels → labelsearcher,
 * datetime → datetimerange, textarea → textsearcher, userpicker → userpickergroupsearcher).
 */
export const FIELD_KINDS: Readonly<Record<FieldKind, { type: string; searcherKey: string; label: string }>> = {
  select: { type: `${CF}select`, searcherKey: `${CF}multiselectsearcher`, label: 'select list' },
  multiselect: { type: `${CF}multiselect`, searcherKey: `${CF}multiselectsearcher`, label: 'multi-select list' },
  multicheckboxes: { type: `${CF}multicheckboxes`, searcherKey: `${CF}multiselectsearcher`, label: 'checkboxes' },
  labels: { type: `${CF}labels`, searcherKey: `${CF}labelsearcher`, label: 'labels' },
  datetime: { type: `${CF}datetime`, searcherKey: `${CF}datetimerange`, label: 'date and time' },
  textarea: { type: `${CF}textarea`, searcherKey: `${CF}textsearcher`, label: 'paragraph' },
  userpicker: { type: `${CF}userpicker`, searcherKey: `${CF}userpickergroupsearcher`, label: 'user picker' },
};

/** Words for the other Jira field types, for the warnings an admin reads. */
const OTHER_TYPE_LABELS: Readonly<Record<string, string>> = {
  textfield: 'short text', float: 'number', datepicker: 'date', multiuserpicker: 'multi-user picker',
  url: 'URL', radiobuttons: 'radio buttons', cascadingselect: 'cascading select list', readonlyfield: 'read-only text',
};

function typeLabel(type: string | null): string {
  if (type === null) return 'system field';
  const kind = (Object.keys(FIELD_KINDS) as FieldKind[]).find((k) => FIELD_KINDS[k].type === type);
  if (kind) return FIELD_KINDS[kind].label;
  const short = type.startsWith(CF) ? type.slice(CF.length) : type;
  return OTHER_TYPE_LABELS[short] ?? short;
}

interface RecordSpec {
  /** The name the wizard creates. */
  name: string;
  /** Names that count as this record on an existing site, in order of preference (the profile's own name first). */
  synonyms: string[];
  description: string;
}

/** Issue types per record slot. JSM's ITSM template names (Incident, Change, Problem, Service request) are synonyms so a JSM project reuses them. */
export const RECORD_SPECS: Readonly<Record<RecordSlot, RecordSpec>> = {
  incident: { name: 'Incident', synonyms: ['Incident'], description: 'An unplanned interruption or reduction in quality of a service (29110-5-3 service incident record, WP.18).' },
  'service-change-request': {
    name: 'Service change request',
    // "Change" is JSM's ITSM issue type; "Change request" and "RFC" are the usual ITIL names for the same record.
    synonyms: ['Service change request', 'Change', 'Change request', 'RFC'],
    description: 'A request to add, modify or remove a service or service component (29110-5-3 service change request, WP.11).',
  },
  'customer-agreement': { name: 'Customer agreement', synonyms: ['Customer agreement'], description: 'An agreement with a customer on the services and service levels (29110-5-3 customer agreement, WP.03; D18).' },
  'supplier-agreement': { name: 'Supplier agreement', synonyms: ['Supplier agreement'], description: 'An agreement with a supplier that underpins the customer agreements (29110-5-3 supplier agreement, WP.21; D18, D19).' },
  problem: { name: 'Problem', synonyms: ['Problem'], description: 'The underlying cause of one or more incidents (optional Problem module, D1).' },
  'service-request': {
    name: 'Service request',
    // JSM ships "Service request" and "Service request with approvals"; both are requests for a standard service.
    synonyms: ['Service request', 'Service request with approvals'],
    description: 'A request for information, advice or a standard service (optional Service request module, D1, D2).',
  },
};

interface FieldSpec {
  name: string;
  kind: FieldKind;
  /** Site field types the app can read and write for this slot (see FIELD_SPECS for why). */
  compatible: string[];
  synonyms: string[];
  /** Option values the app's rules depend on; empty when the options are the admin's (the service catalogue). */
  options: string[];
  /** Site option value (compared trimmed, case-insensitive) → the profile's value. */
  aliases: Readonly<Record<string, string>>;
  description: string;
}

const IMPACT_LEVELS = ['High', 'Medium', 'Low'];

/**
 * Fields per slot. Fields are site-wide (custom fields here have one global context), so there is no per-project
 * step. Compatibility is strict where the app's rules read the value:
 * - select slots reuse only single select lists: a multi-select would let an incident carry two impacts (D8 needs one);
 * - affected services reuse a multi-select list or checkboxes (both hold several options, same REST shape
 *   `[{value}]`), not a single select: an incident may affect several services and D13 checks each for "vital";
 * - planned start/end reuse date-time only: a date picker loses the hour the change window check needs (D17);
 * - root cause reuses a paragraph only: a single-line text field caps at 255 characters;
 * - the two flags reuse checkboxes only (D13 major incident; REQUIREMENTS §11 info-security flag);
 * - a change's plans and business impact reuse a paragraph only (WP.11 content; a plan outgrows 255 characters);
 *   JSM's change fields ("Implementation plan", "Backout plan", "Test plan") count as the same slots;
 * - builder and deployer reuse a single user picker only: D7 compares one person with the approver, and a
 *   multi-user picker would let a change name several builders the rule could not tell apart.
 */
export const FIELD_SPECS: Readonly<Record<FieldSlot, FieldSpec>> = {
  impact: { name: 'Impact', kind: 'select', compatible: [FIELD_KINDS.select.type], synonyms: ['Impact'], options: IMPACT_LEVELS, aliases: {}, description: 'How much of the business the incident affects; with urgency it gives the priority (D8).' },
  urgency: { name: 'Urgency', kind: 'select', compatible: [FIELD_KINDS.select.type], synonyms: ['Urgency'], options: IMPACT_LEVELS, aliases: {}, description: 'How fast the business needs the incident resolved; with impact it gives the priority (D8).' },
  changeType: {
    name: 'Change type', kind: 'select', compatible: [FIELD_KINDS.select.type], synonyms: ['Change type'],
    options: ['Pre-approved', 'Emergency', 'Normal'],
    // ITIL's (and JSM's) "Standard" change is what 29110-5-3 calls a pre-approved change (D15, CHG-02).
    aliases: { standard: 'Pre-approved' },
    description: 'Pre-approved, Emergency or Normal (29110-5-3 §7.1; D15).',
  },
  affectedServices: { name: 'Affected services', kind: 'multiselect', compatible: [FIELD_KINDS.multiselect.type, FIELD_KINDS.multicheckboxes.type], synonyms: ['Affected services', 'Affected service'], options: [], aliases: {}, description: 'The services of the service catalogue (WP.10) the record concerns.' },
  impactedCis: { name: 'Impacted CIs', kind: 'labels', compatible: [FIELD_KINDS.labels.type], synonyms: ['Impacted CIs', 'Configuration items', 'Affected CIs'], options: [], aliases: {}, description: 'Configuration items (WP.02) the change or incident touches.' },
  plannedStart: { name: 'Planned start', kind: 'datetime', compatible: [FIELD_KINDS.datetime.type], synonyms: ['Planned start', 'Change start date'], options: [], aliases: {}, description: 'When the change is planned to start; checked against the change schedule (D17).' },
  plannedEnd: { name: 'Planned end', kind: 'datetime', compatible: [FIELD_KINDS.datetime.type], synonyms: ['Planned end', 'Change completion date'], options: [], aliases: {}, description: 'When the change is planned to end; checked against the change schedule (D17).' },
  rootCause: { name: 'Root cause', kind: 'textarea', compatible: [FIELD_KINDS.textarea.type], synonyms: ['Root cause'], options: [], aliases: {}, description: 'Why the incident happened; required to close a significant incident (D13).' },
  majorIncident: { name: 'Major incident', kind: 'multicheckboxes', compatible: [FIELD_KINDS.multicheckboxes.type], synonyms: ['Major incident'], options: ['Major incident'], aliases: {}, description: 'Ticked for a major incident (D13).' },
  securityIncident: { name: 'Information security incident', kind: 'multicheckboxes', compatible: [FIELD_KINDS.multicheckboxes.type], synonyms: ['Information security incident', 'Security incident'], options: ['Information security incident'], aliases: {}, description: 'Ticked when the incident is an information security incident.' },
  implementationPlan: { name: 'Implementation plan', kind: 'textarea', compatible: [FIELD_KINDS.textarea.type], synonyms: ['Implementation plan', 'Implementation', 'Change plan'], options: [], aliases: {}, description: 'How the change will be built and deployed, step by step (service change request, WP.11).' },
  testPlan: { name: 'Test plan', kind: 'textarea', compatible: [FIELD_KINDS.textarea.type], synonyms: ['Test plan'], options: [], aliases: {}, description: 'How the change will be tested before it is deployed (WP.11; test report, WP.20).' },
  backoutPlan: { name: 'Back-out plan', kind: 'textarea', compatible: [FIELD_KINDS.textarea.type], synonyms: ['Back-out plan', 'Backout plan', 'Rollback plan'], options: [], aliases: {}, description: 'How the change is undone if it fails (WP.11).' },
  businessImpact: { name: 'Business impact', kind: 'textarea', compatible: [FIELD_KINDS.textarea.type], synonyms: ['Business impact'], options: [], aliases: {}, description: 'What the change means for the business and its customers (WP.11); impact and urgency give its priority (CHG-11).' },
  builder: { name: 'Builder', kind: 'userpicker', compatible: [FIELD_KINDS.userpicker.type], synonyms: ['Builder'], options: [], aliases: {}, description: 'Who builds the change; they may not approve it (D7).' },
  deployer: { name: 'Deployer', kind: 'userpicker', compatible: [FIELD_KINDS.userpicker.type], synonyms: ['Deployer'], options: [], aliases: {}, description: 'Who deploys the change; they may not approve it (D7).' },
};

/** The name the wizard gives its own field or issue type when the profile's name is taken by something it cannot use. */
export const ownName = (name: string): string => `${name} (29110)`;

// ---------------------------------------------------------------------------------------------------------------
// Helpers

const norm = (s: string): string => s.trim().toLowerCase();

/** Jira ids are numeric strings; order them as numbers so "the first" is stable whatever order the REST call gave. */
function byId(a: { id: string }, b: { id: string }): number {
  const x = Number(a.id.replace(/^customfield_/, ''));
  const y = Number(b.id.replace(/^customfield_/, ''));
  return Number.isFinite(x) && Number.isFinite(y) && x !== y ? x - y : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The candidates among `items` named like one of `names`, in the order of `names`, then by id. */
function named<T extends { id: string; name: string }>(items: readonly T[], names: readonly string[]): T[] {
  const sorted = [...items].sort(byId);
  const out: T[] = [];
  for (const n of names) for (const item of sorted) if (norm(item.name) === norm(n) && !out.includes(item)) out.push(item);
  return out;
}

/** D2: the four core records always; Problem and Service request when their optional module is on. */
export function profileSlots(modules: { problem: boolean; 'service-request': boolean }): RecordSlot[] {
  return RECORD_SLOTS.filter((s) => (s === 'problem' || s === 'service-request' ? modules[s] : true));
}

/**
 * The custom fields whose options the plan reads: option-type fields (select, multi-select, checkboxes, radio
 * buttons) named like an option slot. `readInventory` fetches options for these only, to keep the REST calls few.
 */
export function fieldsNeedingOptions(fields: SiteInventory['fields']): string[] {
  const optionTypes = new Set([FIELD_KINDS.select.type, FIELD_KINDS.multiselect.type, FIELD_KINDS.multicheckboxes.type, `${CF}radiobuttons`]);
  const names = new Set<string>();
  for (const spec of Object.values(FIELD_SPECS)) if (spec.options.length) for (const n of [...spec.synonyms, ownName(spec.name)]) names.add(norm(n));
  return fields.filter((f) => f.custom && f.type !== null && optionTypes.has(f.type) && names.has(norm(f.name))).sort(byId).map((f) => f.id);
}

/** Which required values a site field already has (after aliases), and the aliases it uses. */
function optionCoverage(spec: FieldSpec, siteValues: readonly string[]): { missing: string[]; aliases: Record<string, string> } {
  const aliases: Record<string, string> = {};
  const covered = new Set<string>();
  for (const v of siteValues) {
    const target = spec.options.find((o) => norm(o) === norm(v)) ?? spec.aliases[norm(v)];
    if (target === undefined) continue;
    covered.add(target);
    if (v !== target) aliases[v] = target;
  }
  return { missing: spec.options.filter((o) => !covered.has(o)), aliases };
}

// ---------------------------------------------------------------------------------------------------------------
// Step titles

/** A step before it has its title (Omit over each member of the union). */
export type UntitledStep = SetupStep extends infer S ? (S extends SetupStep ? Omit<S, 'title'> : never) : never;

/** "Pre-approved" · "Pre-approved" and "Normal" · "Pre-approved", "Emergency" and "Normal". */
export function quotedList(values: readonly string[]): string {
  const q = values.map((v) => `"${v}"`);
  return q.length <= 1 ? (q[0] ?? '') : `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]!}`;
}

/** "1 step", "10 steps". */
export function stepCount(n: number): string {
  return `${n} ${n === 1 ? 'step' : 'steps'}`;
}

/** The line the wizard shows for a step, e.g. 'Add the option "Pre-approved" to "Change type"'. */
export function stepTitle(step: UntitledStep, projectKey = ''): string {
  switch (step.kind) {
    case 'create-issue-type': return `Create the issue type "${step.name}"`;
    case 'add-issue-type-to-project': return `Add "${step.name}" to project ${projectKey}`.trimEnd();
    case 'create-field': return `Create the field "${step.name}" (${typeLabel(step.type)})`;
    case 'add-field-options': return `Add the option${step.values.length === 1 ? '' : 's'} ${quotedList(step.values)} to "${FIELD_SPECS[step.slot].name}"`;
  }
}

const STEP_ID = /^(issuetype:create|issuetype:add|field:create|field:options):(.+)$/;

/** A title for a step id alone (a step no longer in the plan, e.g. when the wizard reports it as already done). */
export function describeStepId(stepId: string): string | null {
  const m = STEP_ID.exec(stepId);
  if (!m) return null;
  const [, kind, slot] = m as unknown as [string, string, string];
  if (kind.startsWith('issuetype') && (RECORD_SLOTS as readonly string[]).includes(slot)) {
    const spec = RECORD_SPECS[slot as RecordSlot];
    return kind === 'issuetype:create' ? `Create the issue type "${spec.name}"` : `Add the ${spec.name.toLowerCase()} issue type to the project`;
  }
  if (kind.startsWith('field') && (FIELD_SLOTS as readonly string[]).includes(slot)) {
    const spec = FIELD_SPECS[slot as FieldSlot];
    return kind === 'field:create' ? `Create the field "${spec.name}" (${FIELD_KINDS[spec.kind].label})` : `Add the options of "${spec.name}"`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// The planner

/**
 * What to reuse and what to create so that `inventory.project` carries the profile (issue #4). Pure and
 * deterministic: the same inventory and wants give the same plan, whatever order Jira listed things in.
 *
 * Issue types, per wanted slot: a type of the project named like the slot → reuse; else a non-subtask type of the
 * site → add it to the project; else create it and add it. Slots not wanted are left out (D2).
 * Fields: a compatible custom field named like the slot → reuse (adding required options it lacks); none → create
 * it (and its options). A same-named field of another type is left alone and "<Name> (29110)" is used instead.
 * Every field is planned whatever the wanted slots: they belong to the incident and change records, which every
 * profile has (D2). `mapping` holds only what is usable now: reused issue types of the project and existing fields
 * (an issue type still to be added to the project is not in it yet).
 */
export function planSetup(inventory: SiteInventory, wants: SetupWants): SetupPlan {
  const { project } = inventory;
  const steps: SetupStep[] = [];
  const warnings: string[] = [];
  const mapping: ProjectMapping = {
    projectId: project.id, projectKey: project.key, projectName: project.name, projectTypeKey: project.projectTypeKey,
    issueTypes: {}, fields: {}, optionAliases: {},
  };
  const push = (s: UntitledStep): void => { steps.push({ ...s, title: stepTitle(s, project.key) }); };

  const issueTypes: SetupPlan['issueTypes'] = [];
  const inProject = new Set(project.issueTypeIds);
  const wanted = RECORD_SLOTS.filter((s) => wants.slots.includes(s));
  const taken = new Set<string>();
  for (const slot of wanted) {
    const spec = RECORD_SPECS[slot];
    const names = [...spec.synonyms, ownName(spec.name)];
    const usable = inventory.issueTypes.filter((t) => !t.subtask && !taken.has(t.id));
    const own = named(usable.filter((t) => inProject.has(t.id)), names)[0];
    if (own) {
      taken.add(own.id);
      mapping.issueTypes[slot] = { id: own.id, name: own.name };
      issueTypes.push({ slot, action: 'reuse', name: own.name, issueTypeId: own.id, reason: `Project ${project.key} already has the issue type "${own.name}".` });
      continue;
    }
    const site = named(usable, names)[0];
    if (site) {
      taken.add(site.id);
      issueTypes.push({ slot, action: 'add-to-project', name: site.name, issueTypeId: site.id, reason: `The site has the issue type "${site.name}"; project ${project.key} does not use it yet.` });
      push({ id: `issuetype:add:${slot}`, kind: 'add-issue-type-to-project', slot, issueTypeId: site.id, name: site.name });
      continue;
    }
    // Jira refuses a second issue type with a name already in use (409), so a same-named sub-task forces our own name.
    const clash = named(inventory.issueTypes.filter((t) => t.subtask), [spec.name])[0];
    const name = clash ? ownName(spec.name) : spec.name;
    if (clash) warnings.push(`The issue type "${clash.name}" (${clash.id}) is a sub-task and cannot hold ${spec.name.toLowerCase()} records; the wizard creates "${name}" instead.`);
    issueTypes.push({ slot, action: 'create', name, issueTypeId: null, reason: `The site has no issue type for ${spec.name.toLowerCase()} records.` });
    push({ id: `issuetype:create:${slot}`, kind: 'create-issue-type', slot, name, description: spec.description });
    push({ id: `issuetype:add:${slot}`, kind: 'add-issue-type-to-project', slot, issueTypeId: null, name });
  }

  const fields: SetupPlan['fields'] = [];
  const customFields = inventory.fields.filter((f) => f.custom);
  const usedFields = new Set<string>();
  for (const slot of FIELD_SLOTS) {
    const spec = FIELD_SPECS[slot];
    const kind = FIELD_KINDS[spec.kind];
    const candidates = named(customFields.filter((f) => !usedFields.has(f.id)), [...spec.synonyms, ownName(spec.name)]);
    const match = candidates.find((f) => f.type !== null && spec.compatible.includes(f.type));
    if (match) {
      usedFields.add(match.id);
      mapping.fields[slot] = { id: match.id, name: match.name };
      const { missing, aliases } = optionCoverage(spec, inventory.options[match.id] ?? []);
      if (Object.keys(aliases).length) mapping.optionAliases[slot] = aliases;
      if (missing.length) {
        fields.push({ slot, action: 'add-options', name: match.name, fieldId: match.id, reason: `The site has the field "${match.name}" (${typeLabel(match.type)}) without the option${missing.length > 1 ? 's' : ''} ${quotedList(missing)}.` });
        push({ id: `field:options:${slot}`, kind: 'add-field-options', slot, fieldId: match.id, values: missing });
      } else {
        const aliasNote = Object.keys(aliases).length ? `; ${Object.entries(aliases).map(([from, to]) => `"${from}" counts as ${to}`).join(', ')}` : '';
        fields.push({ slot, action: 'reuse', name: match.name, fieldId: match.id, reason: `The site has the field "${match.name}" (${typeLabel(match.type)})${aliasNote}.` });
      }
      continue;
    }
    const incompatible = candidates.filter((f) => norm(f.name) === norm(spec.name));
    const name = incompatible.length ? ownName(spec.name) : spec.name;
    for (const f of incompatible) warnings.push(`The field "${f.name}" (${f.id}) has the type "${typeLabel(f.type)}" but the app needs "${kind.label}"; the wizard leaves it alone and creates "${name}" instead.`);
    fields.push({ slot, action: 'create', name, fieldId: null, reason: incompatible.length ? `"${spec.name}" exists with another type.` : `The site has no field "${spec.name}" (${kind.label}) yet.` });
    push({ id: `field:create:${slot}`, kind: 'create-field', slot, name, type: kind.type, searcherKey: kind.searcherKey });
    if (spec.options.length) push({ id: `field:options:${slot}`, kind: 'add-field-options', slot, fieldId: null, values: [...spec.options] });
  }

  return { issueTypes, fields, steps, warnings, nothingToDo: steps.length === 0, mapping };
}
