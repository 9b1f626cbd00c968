/**
 * WP.14 Service delivery policy, objectives and plan(s) (002 WP.14; GO-07, GO-08; REQUIREMENTS §11 "Admin
 * configuration: priority matrix, change-type definitions, communication templates, security measures, annual
 * review date"). The policy values the rules read: the impact × urgency matrix (D8), targets per priority (D9),
 * the service-hours calendar (D10), pause statuses (D10), the significant-impact rule (D13), change type
 * definitions and pre-approved templates (D15, CHG-05), the standard communications (IN.2.3, IN.2.4; IN-10), and
 * the information security measures (GO-08, SEC-01). Reviewed at least annually (MET-P02, NUM-47).
 *
 * Types first (shared by the resolvers and the admin UI), then the rules over them.
 */
import { z } from 'zod';
import { CHANGE_TYPE_DEFINITIONS, CHANGE_TYPES, type ChangeType } from './change-rules';
import {
  explainPriority, LEVELS, presetMatrix, PRIORITIES, PRIORITY_SCHEMES, validatePriorityMatrix,
  type MatrixCells, type Priority, type PriorityMatrixInput, type PriorityResult, type PrioritySchemeId,
} from './priority-matrix';
import { ROLES, type RoleCode } from './roles';
import { CalendarError, compileCalendar, MINUTE_MS, WEEKDAYS, type BusinessCalendarSpec, type Weekday } from './sla/calendar';
import { D9_PRIORITY_TARGETS, DEFAULT_PAUSE_STATUSES, MANAGEMENT_ESCALATION, type GoalSpec, type PriorityPolicy, type SlaPolicy } from './sla/policy';

/** IN.2.3 (investigating), IN.2.4 (restored), IN.2.5 (closed), D14 (escalated), CO (change status): the standard communications of WP.14. */
export const COMMUNICATION_EVENTS = ['incident-investigating', 'incident-restored', 'incident-closed', 'incident-escalated', 'change-status'] as const;
export type CommunicationEvent = (typeof COMMUNICATION_EVENTS)[number];

/** A standard message; `{{placeholder}}` names come from `TEMPLATE_PLACEHOLDERS` of its event. */
export interface CommunicationTemplate { subject: string; body: string }

/** D9 targets of one priority, in minutes of the priority's clock (business minutes for `serviceHours`). */
export interface PriorityTargets {
  firstResponseMinutes: number;
  resolutionMinutes: number;
  /** D14: escalate to management (IM and SM) after this much elapsed time; null = no escalation (Low, D9). */
  escalateAfterMinutes: number | null;
  clock: '24x7' | 'serviceHours';
}

/** D10 service hours: weekly working intervals (`HH:MM`–`HH:MM`, end may be `24:00`) in an IANA zone, and holidays. */
export interface ServiceHours {
  timeZone: string;
  week: Record<Weekday, Array<{ from: string; to: string }>>;
  holidays: Array<{ date: string; name: string }>;
}

/** D13: what makes an incident "significant" (root cause and a linked change request needed before closing). */
export interface SignificantImpactRule {
  priorities: Priority[];
  /** The incident's "Major incident" flag counts. */
  majorIncidentFlag: boolean;
  /** Services marked vital: an incident affecting one of them is significant. */
  vitalServices: string[];
}

/** D15, CHG-06: a pre-approved change template listed in the policy. The qualifying change is checked when changes land. */
export interface PreApprovedTemplate {
  id: string;
  name: string;
  /** The kind of change it stands for, e.g. "Add disk space to a database server". */
  kind: string;
  description: string;
  /** The normal change of the same kind that completed the full process (CO.2.1 NOTE 3). */
  qualifyingChangeKey: string;
  /** The CM who identified it as little or no risk (CHG-02). */
  controlManager: string;
  /** Who agreed for the business, and when (YYYY-MM-DD). */
  businessApprover: string;
  agreedOn: string;
}

export interface ServiceDeliveryPolicy {
  /** GO.2.1: business-based guidelines and objectives for service delivery, and the plans to implement them. */
  objectives: string;
  /** D8, INC-10: the scheme and the cells `cells[impact][urgency]`. */
  priorityMatrix: { scheme: PrioritySchemeId; cells: MatrixCells };
  /** D9: one entry for each priority of the scheme. */
  targets: Partial<Record<Priority, PriorityTargets>>;
  serviceHours: ServiceHours;
  /** D10: statuses in which SLA clocks do not run (Jira status names). */
  pauseStatuses: string[];
  significantImpact: SignificantImpactRule;
  /** CHG-05: definition and criteria of each change type, set by CM with MGT (CO.1.1). */
  changeTypes: Record<ChangeType, { definition: string; criteria: string }>;
  preApprovedTemplates: PreApprovedTemplate[];
  communication: Record<CommunicationEvent, CommunicationTemplate>;
  /** GO-08, SEC-01: measures based on risk tolerance (physical, technical, administrative). */
  informationSecurity: { confidentiality: string; integrity: string; availability: string };
  /** WP.14: reviewed at least annually; YYYY-MM-DD. */
  reviewDueOn: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Standard communications (IN-10): the placeholders each message may use, and rendering.

/** Short names of the standard messages, for the admin page and for issue messages. */
export const COMMUNICATION_EVENT_LABELS: Readonly<Record<CommunicationEvent, string>> = {
  'incident-investigating': 'Incident under investigation (IN.2.3)',
  'incident-restored': 'Service restored (IN.2.4)',
  'incident-closed': 'Incident closed (IN.2.5)',
  'incident-escalated': 'Incident escalated to management (D14)',
  'change-status': 'Change status (CO)',
};

/**
 * IN-10: the `{{name}}` placeholders each standard message may use. They are the facts the sender (trigger or
 * workflow) knows at that moment: `dueAt` is the resolution due time, `threshold` the D14 threshold crossed,
 * `agent` the person handling the record, `resolution` the text recorded at restoration (IN.2.4).
 */
export const TEMPLATE_PLACEHOLDERS: Readonly<Record<CommunicationEvent, readonly string[]>> = {
  'incident-investigating': ['issueKey', 'summary', 'priority', 'status', 'service', 'agent', 'dueAt'],
  'incident-restored': ['issueKey', 'summary', 'priority', 'status', 'service', 'agent', 'resolution'],
  'incident-closed': ['issueKey', 'summary', 'priority', 'status', 'service', 'agent', 'resolution'],
  'incident-escalated': ['issueKey', 'summary', 'priority', 'status', 'service', 'agent', 'threshold', 'dueAt'],
  'change-status': ['changeKey', 'summary', 'changeType', 'changeStatus', 'priority', 'service', 'plannedStart', 'plannedEnd'],
};

/** `{{ name }}`: spaces inside the braces are tolerated; anything between the braces is the name (checked against the list). */
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
}

/**
 * IN-10: fill a standard message. A placeholder without a value stays visible as written (so a reader sees that
 * something is missing rather than a silent gap) and is listed in `missing`, once, in order of appearance.
 * Values are inserted as given; a value that itself contains `{{…}}` is not expanded again.
 */
export function renderCommunication(template: CommunicationTemplate, values: Readonly<Record<string, string>>): { subject: string; body: string; missing: string[] } {
  const missing: string[] = [];
  const fill = (text: string): string => text.replace(PLACEHOLDER, (whole, raw: string) => {
    const name = raw.trim();
    if (Object.prototype.hasOwnProperty.call(values, name)) return values[name] ?? '';
    if (!missing.includes(name)) missing.push(name);
    return whole;
  });
  const subject = fill(template.subject);
  const body = fill(template.body);
  return { subject, body, missing };
}

// ---------------------------------------------------------------------------------------------------------------
// Calendar dates (YYYY-MM-DD). The policy's dates are local calendar dates, not instants.

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a valid YYYY-MM-DD date (years 1000–9999), else null. */
function dayNumber(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  if (y < 1000) return null;
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / DAY_MS;
}

function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function requireDate(date: string, field: string): number {
  const n = dayNumber(date);
  if (n === null) throw new RangeError(`${field}: "${date}" is not a calendar date YYYY-MM-DD`);
  return n;
}

/** WP.14 "reviewed at least annually": the same date one year later; 29 February gives 28 February. */
export function annualReviewDate(approvedOn: string): string {
  requireDate(approvedOn, 'approvedOn');
  const y = Number(approvedOn.slice(0, 4)) + 1;
  if (y > 9999) throw new RangeError(`approvedOn: "${approvedOn}" is too far in the future for an annual review date`);
  const md = approvedOn.slice(5) === '02-29' ? '02-28' : approvedOn.slice(5);
  return `${String(y)}-${md}`;
}

/**
 * WP.14, MET-P02: the review is overdue once `today` is past the review date (on the date itself it is due, not
 * overdue). An unreadable review date counts as overdue: nothing shows the policy was scheduled for review.
 */
export function isReviewOverdue(policy: ServiceDeliveryPolicy, today: string): boolean {
  const t = requireDate(today, 'today');
  const due = dayNumber(policy.reviewDueOn);
  return due === null || t > due;
}

// ---------------------------------------------------------------------------------------------------------------
// Schema (shapes only; the rules are in `checkPolicy`, so a draft with rule issues can still be saved and shown)

const MAX_TEXT = 4000;
const MAX_NAME = 200;
const MAX_SUBJECT = 300;
const MAX_LIST = 500;
/** A decade of holidays for several regions; the ICS importer reads up to 5,000 so an admin can pick from a larger file. */
const MAX_HOLIDAYS = 1000;
const MAX_INTERVALS_PER_DAY = 48;
/** Ten years of minutes: far beyond any sensible target, small enough to stay exact in every calculation. */
const MAX_MINUTES = 10 * 366 * 24 * 60;

const SCHEME_IDS = ['3-level', '4-level'] as const satisfies readonly PrioritySchemeId[];

const text = (max: number) => z.string({ error: 'must be text' }).max(max, `must be at most ${String(max)} characters`);
const list = <T extends z.ZodType>(item: T, max: number = MAX_LIST) => z.array(item, { error: 'must be a list' }).max(max, `must have at most ${String(max)} entries`);
const isoDate = z.string({ error: 'must be a date YYYY-MM-DD' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const clockTime = z.string({ error: 'must be a time HH:MM' }).regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be a time HH:MM between 00:00 and 24:00');
/**
 * A number, whatever its value: a draft may be saved with a negative, fractional, zero or huge target (GO.2.1 is
 * drafting); checkPolicy says what is wrong with it, and approval (GO.2.2) needs none of that.
 */
const minutes = z.number({ error: 'must be a number of minutes' });
const priority = z.enum(PRIORITIES, { error: `must be one of ${PRIORITIES.join(', ')}` });
const level = z.enum(LEVELS, { error: `must be one of ${LEVELS.join(', ')}` });

const priorityTargetsSchema = z.strictObject({
  firstResponseMinutes: minutes,
  resolutionMinutes: minutes,
  escalateAfterMinutes: minutes.nullable(),
  clock: z.enum(['24x7', 'serviceHours'], { error: 'must be 24x7 or serviceHours' }),
});

/** WP.14 as stored and as sent by the admin page: every field, no unknown ones (strict), bounded sizes. */
export const policySchema = z.strictObject({
  objectives: text(MAX_TEXT),
  priorityMatrix: z.strictObject({
    scheme: z.enum(SCHEME_IDS, { error: `must be ${SCHEME_IDS.join(' or ')}` }),
    cells: z.record(level, z.record(level, priority)),
  }),
  targets: z.partialRecord(priority, priorityTargetsSchema),
  serviceHours: z.strictObject({
    timeZone: z.string({ error: 'must be an IANA time zone name' }).min(1, 'must name an IANA time zone, e.g. Europe/Berlin').max(64, 'must be at most 64 characters'),
    week: z.record(z.enum(WEEKDAYS, { error: `must be one of ${WEEKDAYS.join(', ')}` }), list(z.strictObject({ from: clockTime, to: clockTime }), MAX_INTERVALS_PER_DAY)),
    holidays: list(z.strictObject({ date: isoDate, name: text(MAX_NAME) }), MAX_HOLIDAYS),
  }),
  pauseStatuses: list(text(MAX_NAME)),
  significantImpact: z.strictObject({
    priorities: list(priority, PRIORITIES.length),
    majorIncidentFlag: z.boolean({ error: 'must be true or false' }),
    vitalServices: list(text(MAX_NAME)),
  }),
  changeTypes: z.record(z.enum(CHANGE_TYPES, { error: `must be one of ${CHANGE_TYPES.join(', ')}` }), z.strictObject({ definition: text(MAX_TEXT), criteria: text(MAX_TEXT) })),
  preApprovedTemplates: list(z.strictObject({
    id: text(MAX_NAME),
    name: text(MAX_NAME),
    kind: text(MAX_NAME),
    description: text(MAX_TEXT),
    qualifyingChangeKey: text(MAX_NAME),
    controlManager: text(MAX_NAME),
    businessApprover: text(MAX_NAME),
    agreedOn: isoDate,
  })),
  communication: z.record(z.enum(COMMUNICATION_EVENTS, { error: `must be one of ${COMMUNICATION_EVENTS.join(', ')}` }), z.strictObject({ subject: text(MAX_SUBJECT), body: text(MAX_TEXT) })),
  informationSecurity: z.strictObject({ confidentiality: text(MAX_TEXT), integrity: text(MAX_TEXT), availability: text(MAX_TEXT) }),
  reviewDueOn: isoDate,
});

/** The schema and the interface describe the same data: this line stops compiling if they drift apart. */
type MutuallyAssignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _policySchemaIsServiceDeliveryPolicy: MutuallyAssignable<z.infer<typeof policySchema>, ServiceDeliveryPolicy> = true;
void _policySchemaIsServiceDeliveryPolicy;

// ---------------------------------------------------------------------------------------------------------------
// Defaults

/** D9 targets of one priority in minutes, read from the SLA engine's defaults so there is one source of truth. */
function d9Targets(p: Priority): PriorityTargets {
  const d = D9_PRIORITY_TARGETS[p];
  const escalation = d.resolution.thresholds.find((t) => t.id === MANAGEMENT_ESCALATION);
  return {
    firstResponseMinutes: d.firstResponse.targetMs / MINUTE_MS,
    resolutionMinutes: d.resolution.targetMs / MINUTE_MS,
    escalateAfterMinutes: escalation ? escalation.afterMs / MINUTE_MS : null,
    clock: d.clock,
  };
}

/** CHG-05: default criteria per change type, written for a VSE; CM with MGT adapt them (CO.1.1). */
const DEFAULT_CHANGE_CRITERIA: Readonly<Record<ChangeType, string>> = {
  'Pre-approved': 'Only a change made from a pre-approved template listed in this policy: a change of the same kind has completed the full normal process, the Control Manager identified it as little or no risk, and the business agreed. Any departure from the template makes it a normal change.',
  Emergency: 'A potential or actual high-impact event (for example a Critical incident or a security vulnerability being exploited) needs immediate remedial action that cannot wait for the normal assessment. One Control Manager or the Service Manager approves it; the documentation is completed afterwards and a post-implementation review is mandatory before closing.',
  Normal: 'Every other change. It is assessed for business impact, risk and resources, approved by the Control Manager, built and tested, approved again for deployment after the test report, and deployed in an agreed change window.',
};

const DEFAULT_COMMUNICATION: Readonly<Record<CommunicationEvent, CommunicationTemplate>> = {
  'incident-investigating': {
    subject: '[{{issueKey}}] We are working on your incident: {{summary}}',
    body: 'Hello,\n\nWe are investigating your incident {{issueKey}} "{{summary}}", which affects {{service}}.\n\nPriority: {{priority}}\nCurrent status: {{status}}\nHandled by: {{agent}}\nTarget resolution: {{dueAt}}\n\nWe will let you know as soon as the service is restored. If the situation changes or you have more information, please reply to this message.\n\nKind regards,\nThe service desk',
  },
  'incident-restored': {
    subject: '[{{issueKey}}] Service restored: {{summary}}',
    body: 'Hello,\n\nThe service affected by incident {{issueKey}} "{{summary}}" ({{service}}) has been restored.\n\nWhat we did: {{resolution}}\n\nPlease check that everything works as expected and confirm, or reply if the problem persists. We close the incident once an affected party has confirmed the resolution.\n\nKind regards,\n{{agent}}, the service desk',
  },
  'incident-closed': {
    subject: '[{{issueKey}}] Incident closed: {{summary}}',
    body: 'Hello,\n\nIncident {{issueKey}} "{{summary}}" ({{service}}) is now closed.\n\nResolution: {{resolution}}\n\nThank you for confirming. If the problem comes back, please reply to this message or report a new incident and mention {{issueKey}}.\n\nKind regards,\nThe service desk',
  },
  'incident-escalated': {
    subject: '[{{issueKey}}] Escalated to management ({{threshold}}): {{summary}}',
    body: 'Incident {{issueKey}} "{{summary}}" ({{priority}}, {{service}}) has passed the {{threshold}} escalation threshold without being resolved.\n\nCurrent status: {{status}}\nHandled by: {{agent}}\nResolution due: {{dueAt}}\n\nPlease review the incident and decide on further action, for example more people, involving a supplier, or informing the customer.',
  },
  'change-status': {
    subject: '[{{changeKey}}] Change {{changeStatus}}: {{summary}}',
    body: 'Hello,\n\nThe {{changeType}} change {{changeKey}} "{{summary}}" affecting {{service}} is now {{changeStatus}}.\n\nPriority: {{priority}}\nPlanned start: {{plannedStart}}\nPlanned end: {{plannedEnd}}\n\nWe will tell you when its status changes again. Please reply if the planned time does not suit your business.\n\nKind regards,\nThe service desk',
  },
};

/**
 * The shipped policy a first draft starts from (D8, D9, D10, D13, CHG-05, IN-10). It passes `checkPolicy` as a
 * draft but not for approval: the objectives (GO.2.1) and the information security measures (GO-08) are left
 * empty on purpose, because only the VSE can write them and a placeholder text would be approved unread.
 */
export function defaultPolicy(today: string): ServiceDeliveryPolicy {
  requireDate(today, 'today');
  const scheme: PrioritySchemeId = '3-level';
  const week = Object.fromEntries(WEEKDAYS.map((d) => [d, d === 'sat' || d === 'sun' ? [] : [{ from: '09:00', to: '17:00' }]])) as Record<Weekday, Array<{ from: string; to: string }>>;
  return {
    objectives: '',
    priorityMatrix: { scheme, cells: presetMatrix(scheme).cells },
    targets: Object.fromEntries(PRIORITY_SCHEMES[scheme].map((p) => [p, d9Targets(p)])),
    serviceHours: {
      // A neutral zone: the admin sets the VSE's own zone (D10: the calendar runs in its IANA time zone).
      timeZone: 'UTC',
      week,
      holidays: [],
    },
    pauseStatuses: [...DEFAULT_PAUSE_STATUSES],
    significantImpact: { priorities: ['Critical'], majorIncidentFlag: true, vitalServices: [] },
    changeTypes: Object.fromEntries(CHANGE_TYPES.map((t) => [t, { definition: CHANGE_TYPE_DEFINITIONS[t].text, criteria: DEFAULT_CHANGE_CRITERIA[t] }])) as Record<ChangeType, { definition: string; criteria: string }>,
    preApprovedTemplates: [],
    communication: Object.fromEntries(COMMUNICATION_EVENTS.map((e) => [e, { ...DEFAULT_COMMUNICATION[e] }])) as Record<CommunicationEvent, CommunicationTemplate>,
    informationSecurity: { confidentiality: '', integrity: '', availability: '' },
    reviewDueOn: annualReviewDate(today),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Priority scheme and classification (D8, INC-10)

function isSchemeId(s: string): s is PrioritySchemeId {
  return (SCHEME_IDS as readonly string[]).includes(s);
}

/**
 * INC-10: change the policy's scheme in one step. The matrix becomes the scheme's preset (D8; also the way to
 * reset an edited matrix), every priority of the scheme gets its D9 targets unless it has some already, and
 * priorities the scheme does not have (Low when going 3-level) leave the targets and the significant-impact rule.
 */
export function switchPriorityScheme(policy: ServiceDeliveryPolicy, scheme: PrioritySchemeId): ServiceDeliveryPolicy {
  const allowed: readonly Priority[] = PRIORITY_SCHEMES[scheme];
  const targets: Partial<Record<Priority, PriorityTargets>> = {};
  for (const p of allowed) {
    const t = policy.targets[p];
    targets[p] = t ? { ...t } : d9Targets(p);
  }
  return {
    ...policy,
    priorityMatrix: { scheme, cells: presetMatrix(scheme).cells },
    targets,
    significantImpact: { ...policy.significantImpact, priorities: policy.significantImpact.priorities.filter((p) => allowed.includes(p)) },
  };
}

/** The policy's matrix as the priority rules read it; `version` is the WP.14 version, shown in explanations (D8). */
export function policyMatrix(policy: ServiceDeliveryPolicy, version: number): PriorityMatrixInput {
  const cells = Object.fromEntries(Object.entries(policy.priorityMatrix.cells).map(([impact, row]) => [impact, { ...row }]));
  return { scheme: policy.priorityMatrix.scheme, version, cells };
}

/**
 * D8: the priority of an incident from its impact and urgency under this policy, with the explanation shown on
 * the issue ("High impact × High urgency → Critical (policy matrix v3)"). The trigger calls this; a missing or
 * unknown level is reported, never guessed.
 */
export function classifyIncident(policy: ServiceDeliveryPolicy, version: number, impact: string | null | undefined, urgency: string | null | undefined): PriorityResult {
  return explainPriority({ impact, urgency, policy: policyMatrix(policy, version) });
}

// ---------------------------------------------------------------------------------------------------------------
// SLA policy (D9, D10, D14)

/** D9: incidents whose priority the policy does not know run on Normal's targets (Normal exists in both schemes). */
const FALLBACK_PRIORITY: Priority = 'Normal';

function goal(targetMinutes: number, escalateAfterMinutes: number | null): GoalSpec {
  return {
    targetMs: targetMinutes * MINUTE_MS,
    thresholds: escalateAfterMinutes === null ? [] : [{ id: MANAGEMENT_ESCALATION, afterMs: escalateAfterMinutes * MINUTE_MS }],
  };
}

/**
 * The SLA engine's policy from WP.14: the targets of the scheme's priorities in milliseconds, the D14 management
 * escalation on the resolution goal, the compiled service-hours calendar (holidays as whole local dates, D10) and
 * the pause statuses. Call `checkPolicy` first: an invalid calendar throws `CalendarError`, and a policy without a
 * Normal target throws a RangeError, since the engine needs a fallback priority.
 */
export function slaPolicyFrom(policy: ServiceDeliveryPolicy): SlaPolicy {
  const priorities: Record<string, PriorityPolicy> = {};
  for (const p of PRIORITY_SCHEMES[policy.priorityMatrix.scheme]) {
    const t = policy.targets[p];
    if (!t) continue;
    priorities[p] = {
      clock: t.clock,
      firstResponse: goal(t.firstResponseMinutes, null),
      resolution: goal(t.resolutionMinutes, t.escalateAfterMinutes),
    };
  }
  if (!priorities[FALLBACK_PRIORITY]) throw new RangeError(`targets.${FALLBACK_PRIORITY}: the policy has no ${FALLBACK_PRIORITY} targets; the SLA clocks need them for unmapped priorities (D9)`);
  const spec: BusinessCalendarSpec = {
    kind: 'business',
    timeZone: policy.serviceHours.timeZone,
    week: policy.serviceHours.week,
    holidays: policy.serviceHours.holidays.map((h) => h.date),
  };
  return { priorities, fallbackPriority: FALLBACK_PRIORITY, pauseStatuses: [...policy.pauseStatuses], serviceHours: compileCalendar(spec) };
}

// ---------------------------------------------------------------------------------------------------------------
// checkPolicy: every rule issue at once

export interface PolicyIssue {
  /** The field, e.g. `targets.Critical.resolutionMinutes`, `serviceHours.week.mon.0`, `communication.incident-restored.body`. */
  path: string;
  /** The requirement or decision broken, e.g. `D9`, `GO-08`, `IN-10`. */
  rule: string;
  /** Names the field in words, says what is wrong and how to fix it. */
  message: string;
}

export interface PolicyCheckOptions {
  /** YYYY-MM-DD: the review date is checked against it (WP.14). */
  today: string;
  /** GO.2.2: approval also needs the objectives (GO.2.1) and the information security measures (GO-08). */
  forApproval: boolean;
  /** The approved list of assigned roles (WP.08); when given, each template's Control Manager must hold CM. */
  roleHolders?: ReadonlyArray<{ accountId: string; roles: readonly RoleCode[] }>;
}

const DAY_NAMES: Readonly<Record<Weekday, string>> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };

const blank = (s: string | undefined | null): boolean => (s ?? '').trim() === '';

/** What is wrong with a target in minutes, as the end of a sentence that starts with the field's label, or null. */
function minutesProblem(n: number, unit: string): string | null {
  if (typeof n !== 'number' || Number.isNaN(n)) return `must be a number of ${unit}`;
  if (n < 0) return `must not be negative (it is ${String(n)})`;
  if (n === 0) return 'must be greater than 0';
  if (!Number.isInteger(n)) return `must be a whole number of ${unit}, not ${String(n)}`;
  if (n > MAX_MINUTES) return `must be at most ${String(MAX_MINUTES)} ${unit} (ten years)`;
  return null;
}

const TARGET_FIELD_LABELS: Readonly<Record<string, string>> = {
  firstResponseMinutes: 'First response target',
  resolutionMinutes: 'Resolution target',
  escalateAfterMinutes: 'Escalation time',
  clock: 'Clock',
};

const SECTION_LABELS: Readonly<Record<string, string>> = {
  objectives: 'Objectives and plans',
  priorityMatrix: 'Priority matrix',
  targets: 'Targets',
  serviceHours: 'Service hours',
  pauseStatuses: 'Statuses that pause the clock',
  significantImpact: 'Significant impact',
  changeTypes: 'Change types',
  preApprovedTemplates: 'Pre-approved change templates',
  communication: 'Messages to the customer',
  informationSecurity: 'Information security',
  reviewDueOn: 'Review date',
};

const WEEKDAY_WORDS: Readonly<Record<string, string>> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };

/**
 * A field of the policy by the label the policy editor shows, for messages: `targets.High.firstResponseMinutes` →
 * "First response target for High priority"; `serviceHours.week.mon.0.from` → "Service hours, Monday, interval 1,
 * from". Unknown paths fall back to their section's label.
 */
export function policyFieldLabel(path: string | ReadonlyArray<string | number | symbol>): string {
  const parts = (typeof path === 'string' ? path.split('.') : path.map((p) => String(p))).filter((p) => p !== '');
  const [section, second, third, fourth, fifth] = parts;
  if (!section) return 'The policy';
  const sectionLabel = SECTION_LABELS[section] ?? section;
  if (section === 'targets' && second) {
    if (!third) return `Targets for ${second} priority`;
    return `${TARGET_FIELD_LABELS[third] ?? third} for ${second} priority`;
  }
  if (section === 'serviceHours') {
    if (second === 'timeZone') return 'Service hours time zone';
    if (second === 'holidays') return third === undefined ? 'Holidays' : `Holiday ${String(Number(third) + 1)}${fourth === 'date' ? ', date' : fourth === 'name' ? ', name' : ''}`;
    if (second === 'week' && third) return `Service hours on ${WEEKDAY_WORDS[third] ?? third}${fourth !== undefined ? `, interval ${String(Number(fourth) + 1)}` : ''}${fifth === 'from' ? ', from' : fifth === 'to' ? ', to' : ''}`;
    return 'Service hours';
  }
  if (section === 'pauseStatuses' && second !== undefined) return `Pause status ${String(Number(second) + 1)}`;
  if (section === 'priorityMatrix' && second === 'cells' && third && fourth) return `Priority for ${third} impact and ${fourth} urgency`;
  if (section === 'changeTypes' && second) return `${third === 'criteria' ? 'Criteria' : 'Definition'} of the ${second} change type`;
  if (section === 'preApprovedTemplates' && second !== undefined) return `Pre-approved change template ${String(Number(second) + 1)}${third ? `, ${third}` : ''}`;
  if (section === 'communication' && second) {
    const label = ((COMMUNICATION_EVENT_LABELS as Readonly<Record<string, string>>)[second] ?? second).replace(/\s*\([^()]*\)$/, '');
    return `${third === 'subject' ? 'Subject' : third === 'body' ? 'Text' : 'Message'} of the "${label}" message`;
  }
  if (section === 'informationSecurity' && second) return `Information security, ${second}`;
  if (section === 'significantImpact' && second) return `Significant impact, ${second === 'vitalServices' ? 'vital services' : second === 'majorIncidentFlag' ? 'Major incident flag' : 'priorities'}`;
  return sectionLabel;
}

/** `HH:MM` (00:00–24:00) → minutes since local midnight, else null. Same grammar as the SLA calendar. */
function clockMinutes(hhmm: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) return null;
  const h = Number(m[1]), mi = Number(m[2]);
  if (mi > 59 || h > 24 || (h === 24 && mi !== 0)) return null;
  return h * 60 + mi;
}

/** Jira issue key of the qualifying change, e.g. `OPS-42`. */
const ISSUE_KEY = /^[A-Z][A-Z0-9_]*-[1-9]\d*$/;

const listNames = (xs: readonly string[]): string => xs.map((x) => `{{${x}}}`).join(', ');

/**
 * The WP.14 rules, all issues at once, sorted by field in the order of the form. A draft may be saved with issues
 * (GO.2.1 is drafting); approval (GO.2.2) needs none, with `forApproval` adding the approval-only rules.
 */
export function checkPolicy(policy: ServiceDeliveryPolicy, opts: PolicyCheckOptions): PolicyIssue[] {
  const today = requireDate(opts.today, 'today');
  const issues: PolicyIssue[] = [];
  const add = (path: string, rule: string, message: string): void => { issues.push({ path, rule, message }); };

  const scheme = policy.priorityMatrix.scheme;
  const schemeKnown = isSchemeId(scheme);
  const schemePriorities: readonly Priority[] = schemeKnown ? PRIORITY_SCHEMES[scheme] : [];

  // D8, INC-10: a complete matrix of the scheme's priorities.
  const matrix = validatePriorityMatrix(policyMatrix(policy, 1));
  if (!matrix.ok) {
    for (const i of matrix.issues) {
      add(i.cell ? `priorityMatrix.cells.${i.cell.impact}.${i.cell.urgency}` : 'priorityMatrix.scheme', i.rule, `Priority matrix: ${i.message}`);
    }
  }

  // D9: one targets entry per priority of the scheme, none for others (D8: Low only in 4-level).
  if (schemeKnown) {
    for (const [p, t] of Object.entries(policy.targets)) {
      if (t === undefined || (schemePriorities as readonly string[]).includes(p)) continue;
      const fix = p === 'Low' ? 'remove the Low targets or switch to the 4-level scheme' : 'remove these targets';
      add(`targets.${p}`, 'D8', `Targets for ${p}: the ${scheme} scheme has no ${p} priority (${schemePriorities.join(', ')}); ${fix} (D8, INC-10).`);
    }
  }
  for (const p of schemePriorities) {
    const t = policy.targets[p];
    const at = `targets.${p}`;
    if (!t) {
      add(at, 'D9', `Targets for ${p}: none are set; give ${p} a first response target, a resolution target and an escalation time (D9).`);
      continue;
    }
    const unit = t.clock === 'serviceHours' ? 'business minutes' : 'minutes';
    if (t.clock !== '24x7' && t.clock !== 'serviceHours') {
      add(`${at}.clock`, 'D9', `Clock of ${p}: "${String(t.clock)}" is not a clock; choose 24x7 or serviceHours (D9).`);
    }
    const frProblem = minutesProblem(t.firstResponseMinutes, unit);
    const rsProblem = minutesProblem(t.resolutionMinutes, unit);
    if (frProblem) add(`${at}.firstResponseMinutes`, 'D9', `${policyFieldLabel(`${at}.firstResponseMinutes`)} ${frProblem}.`);
    if (rsProblem) add(`${at}.resolutionMinutes`, 'D9', `${policyFieldLabel(`${at}.resolutionMinutes`)} ${rsProblem}.`);
    if (!frProblem && !rsProblem && t.firstResponseMinutes > t.resolutionMinutes) {
      add(`${at}.firstResponseMinutes`, 'D9', `${policyFieldLabel(`${at}.firstResponseMinutes`)} (${String(t.firstResponseMinutes)} ${unit}) is longer than the resolution target (${String(t.resolutionMinutes)} ${unit}); the first response cannot come after the resolution, so shorten it or lengthen the resolution target.`);
    }
    const escProblem = t.escalateAfterMinutes === null ? null : minutesProblem(t.escalateAfterMinutes, unit);
    if (escProblem) add(`${at}.escalateAfterMinutes`, 'D9', `${policyFieldLabel(`${at}.escalateAfterMinutes`)} ${escProblem}; leave it empty for no escalation to management.`);
  }

  checkServiceHours(policy, schemePriorities, add);

  // D10: pause statuses name Jira statuses; the SLA engine compares them trimmed and without case.
  const pauseSeen = new Map<string, number>();
  policy.pauseStatuses.forEach((s, i) => {
    const at = `pauseStatuses.${String(i)}`;
    if (blank(s)) { add(at, 'D10', `Pause status ${String(i + 1)} is empty; name a Jira status or remove the line (D10).`); return; }
    const key = s.trim().toLowerCase();
    const first = pauseSeen.get(key);
    if (first !== undefined) add(at, 'D10', `Pause status ${String(i + 1)} "${s.trim()}" repeats pause status ${String(first + 1)} (names are compared without case); remove one of them (D10).`);
    else pauseSeen.set(key, i);
  });

  // D13: what makes an incident significant; at least one rule must say so.
  const si = policy.significantImpact;
  const siSeen = new Set<string>();
  si.priorities.forEach((p, i) => {
    const at = `significantImpact.priorities.${String(i)}`;
    if (schemeKnown && !(schemePriorities as readonly string[]).includes(p)) add(at, 'D13', `Significant impact priorities: ${p} is not a priority of the ${scheme} scheme (${schemePriorities.join(', ')}); remove it (D13, INC-10).`);
    else if (siSeen.has(p)) add(at, 'D13', `Significant impact priorities: ${p} is listed twice; remove one (D13).`);
    siSeen.add(p);
  });
  const vitalSeen = new Map<string, number>();
  si.vitalServices.forEach((s, i) => {
    const at = `significantImpact.vitalServices.${String(i)}`;
    if (blank(s)) { add(at, 'D13', `Vital service ${String(i + 1)} is empty; name the service or remove the line (D13).`); return; }
    const key = s.trim().toLowerCase();
    const first = vitalSeen.get(key);
    if (first !== undefined) add(at, 'D13', `Vital service ${String(i + 1)} "${s.trim()}" repeats vital service ${String(first + 1)}; remove one of them (D13).`);
    else vitalSeen.set(key, i);
  });
  if (si.priorities.length === 0 && !si.majorIncidentFlag && vitalSeen.size === 0) {
    add('significantImpact', 'D13', 'Significant impact: no rule makes an incident significant, so no incident would need a root cause and a linked change request before closing; choose at least one priority, the Major incident flag or a vital service (D13, IN.2.2).');
  }

  // CHG-05 (CO.1.1): each change type is defined in the policy.
  for (const ct of CHANGE_TYPES) {
    if (blank(policy.changeTypes[ct]?.definition)) {
      add(`changeTypes.${ct}.definition`, 'CHG-05', `Definition of the ${ct} change type is empty; the Control Manager with Management (MGT) define each change type in the policy (CHG-05, CO.1.1).`);
    }
  }

  checkTemplates(policy.preApprovedTemplates, today, opts.roleHolders, add);

  // IN-10: the standard communications are complete and use only the placeholders their sender fills in.
  for (const ev of COMMUNICATION_EVENTS) {
    const tpl = policy.communication[ev] as CommunicationTemplate | undefined;
    const label = `"${COMMUNICATION_EVENT_LABELS[ev]}" message`;
    const allowed = TEMPLATE_PLACEHOLDERS[ev];
    for (const part of ['subject', 'body'] as const) {
      const at = `communication.${ev}.${part}`;
      const value = tpl?.[part] ?? '';
      if (blank(value)) { add(at, 'IN-10', `The ${part} of the ${label} is empty; write the standard text the affected parties receive (IN-10, WP.14).`); continue; }
      const unknown = [...new Set(placeholdersIn(value).filter((n) => !allowed.includes(n)))];
      if (unknown.length > 0) {
        add(at, 'IN-10', `The ${part} of the ${label} uses ${listNames(unknown)}, which ${unknown.length > 1 ? 'are not placeholders' : 'is not a placeholder'} of this message; use only ${listNames(allowed)} (IN-10).`);
      }
    }
  }

  // WP.14, MET-P02: the next review is in the future and at most a year away ("at least annually").
  const due = dayNumber(policy.reviewDueOn);
  if (due === null) {
    add('reviewDueOn', 'WP.14', `Review date: "${policy.reviewDueOn}" is not a calendar date YYYY-MM-DD; set the date of the next policy review (WP.14, MET-P02).`);
  } else {
    const latest = (dayNumber(annualReviewDate(opts.today)) ?? today) + 1;
    if (due <= today) add('reviewDueOn', 'WP.14', `Review date ${policy.reviewDueOn} is not after today (${opts.today}); set the next review within the coming year (WP.14, MET-P02).`);
    else if (due > latest) add('reviewDueOn', 'WP.14', `Review date ${policy.reviewDueOn} is more than a year away; the policy is reviewed at least annually, so set a date no later than ${dateOf(latest)} (WP.14, MET-P02).`);
  }

  if (opts.forApproval) {
    // GO.2.1: the policy is business-based guidelines, objectives and plans; GO.2.2 approves them, so they must exist.
    if (blank(policy.objectives)) add('objectives', 'GO.2.1', 'Objectives and plans are empty; write the business-based service delivery objectives and the plans to reach them before approval (GO.2.1, WP.14).');
    // GO-08, SEC-01: the policy covers information security (confidentiality, integrity, availability).
    const sec = policy.informationSecurity;
    const measures = [['confidentiality', sec.confidentiality], ['integrity', sec.integrity], ['availability', sec.availability]] as const;
    for (const [field, value] of measures) {
      if (blank(value)) add(`informationSecurity.${field}`, 'GO-08', `Information security, ${field}: describe the ${field} measures (physical, technical and administrative) chosen for the VSE's risk tolerance before approval (GO-08, SEC-01).`);
    }
  }

  return issues.sort((a, b) => comparePaths(a.path, b.path) || cmp(a.rule, b.rule) || cmp(a.message, b.message));
}

type AddIssue = (path: string, rule: string, message: string) => void;

/** D10: the service-hours calendar: zone, weekly intervals (from < to, no overlap within a day) and holidays. */
function checkServiceHours(policy: ServiceDeliveryPolicy, schemePriorities: readonly Priority[], add: AddIssue): void {
  const sh = policy.serviceHours;
  let found = false;
  const flag: AddIssue = (p, r, m) => { found = true; add(p, r, m); };

  let zoneOk = true;
  try {
    compileCalendar({ kind: 'business', timeZone: sh.timeZone, week: {} });
  } catch (e) {
    if (!(e instanceof CalendarError)) throw e;
    zoneOk = false;
    flag('serviceHours.timeZone', 'D10', `Time zone: "${sh.timeZone}" is not an IANA time zone; use a name such as Europe/Berlin or America/New_York (D10).`);
  }

  let working = 0;
  for (const wd of WEEKDAYS) {
    const day = DAY_NAMES[wd];
    const valid: Array<{ i: number; a: number; b: number; text: string }> = [];
    (sh.week[wd] ?? []).forEach((iv, i) => {
      const at = `serviceHours.week.${wd}.${String(i)}`;
      const text = `${iv.from}–${iv.to}`;
      const a = clockMinutes(iv.from), b = clockMinutes(iv.to);
      if (a === null || b === null) flag(at, 'D10', `${day}, interval ${String(i + 1)} (${text}): both ends must be times HH:MM between 00:00 and 24:00 (D10).`);
      else if (b <= a) flag(at, 'D10', `${day}, interval ${String(i + 1)} (${text}) ends at or before its start; the start must be earlier than the end (D10).`);
      else valid.push({ i, a, b, text });
    });
    valid.sort((x, y) => x.a - y.a || x.i - y.i);
    let prev: (typeof valid)[number] | undefined;
    for (const cur of valid) {
      if (prev && cur.a < prev.b) {
        flag(`serviceHours.week.${wd}.${String(cur.i)}`, 'D10', `${day}, interval ${String(cur.i + 1)} (${cur.text}) overlaps interval ${String(prev.i + 1)} (${prev.text}); merge them or make them follow each other (D10).`);
      }
      if (!prev || cur.b > prev.b) prev = cur;
    }
    working += valid.length;
  }
  const onServiceHours = schemePriorities.filter((p) => policy.targets[p]?.clock === 'serviceHours');
  if (onServiceHours.length > 0 && working === 0) {
    flag('serviceHours.week', 'D10', `Service hours: no working interval is set, but ${onServiceHours.join(', ')} ${onServiceHours.length > 1 ? 'run' : 'runs'} on service hours, so ${onServiceHours.length > 1 ? 'their' : 'its'} clock would never run; add working hours (e.g. Monday 09:00–17:00) or use the 24x7 clock (D10, D9).`);
  }

  const seen = new Map<string, { i: number; name: string }>();
  sh.holidays.forEach((h, i) => {
    const at = `serviceHours.holidays.${String(i)}.date`;
    const what = `Holiday ${String(i + 1)}${blank(h.name) ? '' : ` ("${h.name.trim()}")`}`;
    if (dayNumber(h.date) === null) { flag(at, 'D10', `${what}: "${h.date}" is not a calendar date YYYY-MM-DD (D10).`); return; }
    const first = seen.get(h.date);
    if (first) flag(at, 'D10', `${what}: ${h.date} is already holiday ${String(first.i + 1)}${blank(first.name) ? '' : ` ("${first.name.trim()}")`}; remove one of them (D10).`);
    else seen.set(h.date, { i, name: h.name });
  });

  // Safety net: whatever the checks above missed, the SLA engine must be able to compile the calendar.
  if (!found && zoneOk) {
    try {
      compileCalendar({ kind: 'business', timeZone: sh.timeZone, week: sh.week, holidays: sh.holidays.map((h) => h.date) });
    } catch (e) {
      if (!(e instanceof CalendarError)) throw e;
      add('serviceHours', 'D10', `Service hours: ${e.message} (D10).`);
    }
  }
}

/** D15, CHG-02, CHG-06: a pre-approved template names its qualifying change, the CM who identified it and the business approver. */
function checkTemplates(templates: readonly PreApprovedTemplate[], today: number, roleHolders: PolicyCheckOptions['roleHolders'], add: AddIssue): void {
  const ids = new Map<string, number>();
  const names = new Map<string, number>();
  templates.forEach((t, i) => {
    const at = `preApprovedTemplates.${String(i)}`;
    const what = blank(t.name) ? `Pre-approved template ${String(i + 1)}` : `Pre-approved template "${t.name.trim()}"`;
    if (blank(t.id)) add(`${at}.id`, 'D15', `${what} has no id; give it a unique id (D15).`);
    else {
      const first = ids.get(t.id.trim());
      if (first !== undefined) add(`${at}.id`, 'D15', `${what}: the id "${t.id.trim()}" is already used by template ${String(first + 1)}; ids must be unique (D15).`);
      else ids.set(t.id.trim(), i);
    }
    if (blank(t.name)) add(`${at}.name`, 'D15', `${what} has no name; name the change it stands for (D15).`);
    else {
      const key = t.name.trim().toLowerCase();
      const first = names.get(key);
      if (first !== undefined) add(`${at}.name`, 'D15', `${what}: template ${String(first + 1)} has the same name; names must be unique (compared without case) (D15).`);
      else names.set(key, i);
    }
    if (blank(t.kind)) add(`${at}.kind`, 'D15', `${what} has no kind of change; say what kind of change it covers, the same kind as its qualifying change (D15, CHG-06).`);
    if (blank(t.qualifyingChangeKey)) add(`${at}.qualifyingChangeKey`, 'D15', `${what} has no qualifying change; name the normal change of the same kind that completed the full process (D15, CO.2.1 NOTE 3).`);
    else if (!ISSUE_KEY.test(t.qualifyingChangeKey.trim())) add(`${at}.qualifyingChangeKey`, 'D15', `${what}: "${t.qualifyingChangeKey}" is not an issue key such as OPS-42; name the qualifying normal change by its key (D15, CHG-06).`);
    const cm = t.controlManager.trim();
    const ba = t.businessApprover.trim();
    if (cm === '') add(`${at}.controlManager`, 'D15', `${what} names no Control Manager; name the CM who identified the change as little or no risk (D15, CHG-02).`);
    else if (roleHolders && !roleHolders.some((h) => h.accountId === cm && h.roles.includes('CM'))) {
      add(`${at}.controlManager`, 'ROL-11', `${what}: ${cm} does not hold the ${ROLES.CM.name} (CM) role in the list of assigned roles (WP.08); only a CM identifies a pre-approved change (ROL-11, D15, CHG-02).`);
    }
    if (ba === '') add(`${at}.businessApprover`, 'D15', `${what} names no business approver; name who agreed to it for the business (D15, CHG-02).`);
    else if (cm !== '' && ba === cm) add(`${at}.businessApprover`, 'CHG-02', `${what}: the business approver is the Control Manager; the CM identifies the change and the business agrees, so name someone else for the business (CHG-02, D15).`);
    const agreed = dayNumber(t.agreedOn);
    if (agreed === null) add(`${at}.agreedOn`, 'D15', `${what}: the agreement date "${t.agreedOn}" is not a calendar date YYYY-MM-DD (D15).`);
    else if (agreed > today) add(`${at}.agreedOn`, 'D15', `${what}: the agreement date ${t.agreedOn} is in the future; record the date the business agreed (D15).`);
  });
}

// Issue order: the form's order of sections, priorities, weekdays, events and change types; list indexes numerically.

const POLICY_FIELDS = ['objectives', 'priorityMatrix', 'targets', 'serviceHours', 'pauseStatuses', 'significantImpact', 'changeTypes', 'preApprovedTemplates', 'communication', 'informationSecurity', 'reviewDueOn'] as const satisfies readonly (keyof ServiceDeliveryPolicy)[];

/** The order of the children of a path, `*` standing for any one segment (a priority, an event, a list index). */
const FIELD_ORDER: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['', POLICY_FIELDS],
  ['priorityMatrix', ['scheme', 'cells']],
  ['priorityMatrix.cells', LEVELS],
  ['priorityMatrix.cells.*', LEVELS],
  ['targets', PRIORITIES],
  ['targets.*', ['firstResponseMinutes', 'resolutionMinutes', 'escalateAfterMinutes', 'clock']],
  ['serviceHours', ['timeZone', 'week', 'holidays']],
  ['serviceHours.week', WEEKDAYS],
  ['serviceHours.holidays.*', ['date', 'name']],
  ['significantImpact', ['priorities', 'majorIncidentFlag', 'vitalServices']],
  ['changeTypes', CHANGE_TYPES],
  ['changeTypes.*', ['definition', 'criteria']],
  ['preApprovedTemplates.*', ['id', 'name', 'kind', 'description', 'qualifyingChangeKey', 'controlManager', 'businessApprover', 'agreedOn']],
  ['communication', COMMUNICATION_EVENTS],
  ['communication.*', ['subject', 'body']],
  ['informationSecurity', ['confidentiality', 'integrity', 'availability']],
];

function knownOrder(parent: readonly string[]): readonly string[] | null {
  for (const [pattern, order] of FIELD_ORDER) {
    const segs = pattern === '' ? [] : pattern.split('.');
    if (segs.length === parent.length && segs.every((s, i) => s === '*' || s === parent[i])) return order;
  }
  return null;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Total order on segments: known names (by their order) < list indexes (numerically) < other names (by code unit). */
function segmentKey(parent: readonly string[], seg: string): [number, number, string] {
  const known = knownOrder(parent)?.indexOf(seg) ?? -1;
  if (known >= 0) return [0, known, ''];
  if (/^\d+$/.test(seg)) return [1, Number(seg), ''];
  return [2, 0, seg];
}

function comparePaths(a: string, b: string): number {
  const as = a.split('.'), bs = b.split('.');
  for (let k = 0; k < Math.min(as.length, bs.length); k++) {
    const x = as[k] ?? '', y = bs[k] ?? '';
    if (x === y) continue;
    const parent = as.slice(0, k);
    const [kx, nx, sx] = segmentKey(parent, x);
    const [ky, ny, sy] = segmentKey(parent, y);
    return kx - ky || nx - ny || cmp(sx, sy);
  }
  return as.length - bs.length;
}
