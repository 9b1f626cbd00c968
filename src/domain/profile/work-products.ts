import type { ProcessCode } from './processes';
import type { Status } from './statuses';

/**
 * WP-00: the 21 work products of 002 §11 Table 14 (REQUIREMENTS.md §3.1).
 *
 * - `statuses`: the allowed status set, normalised per WP-02 (see statuses.ts); `table14Statuses` keeps the
 *   codes as Table 14 prints them, for traceability.
 * - `fields`: Table 14 "should include" items; `required` is true for the items §3.1 prints in bold (WP-00).
 * - `storedAsCi`: WP-03 (WP.06, WP.16 stored/protected as CIs; WP.13 a securely stored master copy).
 * - `review`: WP-04 periodic review rule (WP.07, WP.14 at least annually; WP.03, WP.21 by their review date).
 * - `origin`: 'external' for WP.01, which comes from the organisation's governing body (GO-04, GO.2.1 NOTE 3)
 *   and is linked, not produced (GEN-12).
 */
export interface FieldDef {
  readonly name: string;
  readonly required: boolean;
  readonly note?: string;
}

export type ReviewRule =
  | { readonly kind: 'periodic'; readonly atLeastEveryMonths: number; readonly basis: string }
  | { readonly kind: 'review-date'; readonly field: string; readonly defaultIntervalMonths: number; readonly basis: string };

const f = (name: string, required: boolean, note?: string): FieldDef => (note === undefined ? { name, required } : { name, required, note });

/** WP.04 lists the feedback-log fields; WP.06 (the log itself) uses them. */
const FEEDBACK_LOG_FIELDS: readonly FieldDef[] = [
  f('unique identifier', true),
  f('contact details (full name, address, phone numbers, email)', true),
  f("client's company name and contact details", false),
  f('special needs (interpreter and language; TTY or other speech/hearing-impaired requirements)', false),
  f('description and detail of the comment', true),
  f('time and date of the interaction', true),
  f('investigation outcome', true),
  f('signature and date', false),
];

const AGREEMENT_REVIEW = (wp: string): ReviewRule => ({ kind: 'review-date', field: 'key dates (start, review, end)', defaultIntervalMonths: 3, basis: `WP-04 (${wp} key dates), D18 (quarterly reminders by default)` });

export const WORK_PRODUCTS = [
  {
    id: 'WP.01',
    name: 'Business goals and objectives',
    process: 'GO',
    description: "Originates in the organisation's governing body; guides operation and decisions. A copy is readily available.",
    table14Statuses: ['approved'],
    statuses: ['Approved'],
    fields: [],
    storedAsCi: false,
    review: null,
    origin: 'external',
  },
  {
    id: 'WP.02',
    name: 'Configuration record',
    process: 'CO',
    description: 'Document, spreadsheet or database (CMDB allowed) of approved configurations / CIs.',
    table14Statuses: ['stored', 'updated'],
    statuses: ['Stored', 'Updated'],
    fields: [
      f('approved configuration(s) or CI(s)', false),
      f('item description', true),
      f('date of service', true),
      f('unique identifier', true),
      f('type (hardware, software, document)', true),
      f('status', true),
      f('owner', true),
      f('location', true),
      f('status of proposed changes to the configuration', false),
      f('implementation status of approved changes (pre-approved, emergency, normal)', true),
      f('status of incidents', false),
    ],
    storedAsCi: false,
    review: null,
    origin: 'profile',
  },
  {
    id: 'WP.03',
    name: 'Customer agreement',
    process: 'RE',
    description: 'Mutual acknowledgement of terms with a customer, based on the published service catalogue (RE-08).',
    table14Statuses: ['draft', 'approved', 'updated'],
    statuses: ['Draft', 'Approved', 'Updated'],
    fields: [
      f('unique identifier', true),
      f('documented form of approval (email, signature…)', true),
      f('scope of service(s)', true),
      f('key dates (start, review, end)', true),
      f('defined owner for the VSE and for the customer', true),
      f('customer requirements (performance, user interface, functionality, resources, constraints, regulatory/legal)', false),
      f('communication methods', false),
      f('performance measurement', true),
      f('hours of service', true),
      f('resources provided by each party', false),
      f('charging methods (if applicable)', false),
      f('warranty information', false),
      f('copyright and licensing information/limitations', false),
      f('acceptance criteria', false),
      f('delivery/installation instructions', false),
      f('change management and incident resolution procedures', true),
      f('role of the customer', false),
      f('evidence of review and approval by authorised signatories', true),
    ],
    storedAsCi: false,
    review: AGREEMENT_REVIEW('WP.03'),
    origin: 'profile',
  },
  {
    id: 'WP.04',
    name: 'Customer experience approach',
    process: 'GO',
    description: 'Guidance for handling compliments, complaints and general comments; a feedback log (WP.06) is kept for historical review.',
    table14Statuses: ['approved'],
    statuses: ['Approved'],
    fields: [
      f('receive', true),
      f('acknowledge receipt', true),
      f('record', true),
      f('investigate', true),
      f('provide response', true),
      f('escalate', true),
      f('close if necessary', true),
    ],
    storedAsCi: false,
    review: null,
    origin: 'profile',
  },
  {
    id: 'WP.05',
    name: 'Data and document management procedure',
    process: 'GO',
    description: 'How documents and data are version-controlled, stored, archived, updated, backed up; applies to all work products (GEN-08).',
    table14Statuses: ['draft', 'approved'],
    statuses: ['Draft', 'Approved'],
    fields: [
      f('unique identifier', true),
      f('version of the document or data', true),
      f('controls to prevent unauthorised changes', true),
      f('location of the document/data', true),
    ],
    storedAsCi: false,
    review: null,
    origin: 'profile',
  },
  {
    id: 'WP.06',
    name: 'Feedback log',
    process: 'GO',
    description: 'Outcome of the customer experience approach and other relevant communication with suppliers or stakeholders (see WP.04).',
    table14Statuses: ['maintained', 'updated'],
    statuses: ['Maintained', 'Updated'],
    fields: FEEDBACK_LOG_FIELDS,
    storedAsCi: true,
    review: null,
    origin: 'profile',
  },
  {
    id: 'WP.07',
    name: 'Improvement report',
    process: 'GO',
    description: 'Customer review of service performance, internal review of VSE processes (incl. governance) and recommended follow-on actions; at least annually.',
    table14Statuses: ['draft', 'approved'],
    // D20 (GAP-07): GO.4.2 may reject; "Rejected" keeps the reason.
    statuses: ['Draft', 'Approved', 'Rejected'],
    fields: [
      f('unique identifier', true),
      f("customers' perspective: assessment of performance and relevance of services", false),
      f("results of service goals' achievement", false),
      f('issues', false),
      f('provider perspective: assessment of usage and relevance of written policies and practices', false),
      f('defined improvement actions', true),
      f('rejection reason', false, 'D20: kept when GO.4.2 rejects the report'),
    ],
    storedAsCi: false,
    review: { kind: 'periodic', atLeastEveryMonths: 12, basis: 'WP-04, WP.07 "produced at least annually", GO-11, D20' },
    origin: 'profile',
  },
  {
    id: 'WP.08',
    name: 'List of assigned roles',
    process: 'GO',
    description: 'The approved roles of the VSE (content per 002 Table 13) with training and development requirements.',
    table14Statuses: ['approved', 'updated'],
    statuses: ['Approved', 'Updated'],
    fields: [
      f('approved roles and their holders (Table 13)', false),
      f('training and development requirements', true),
      f('Service Manager (Service Management training; competence in ISO/IEC 29110 general activities)', true, 'ROL-04'),
    ],
    storedAsCi: false,
    review: null,
    origin: 'profile',
  },
  {
    id: 'WP.09',
    name: 'Secure component procedure',
    process: 'CO',
    description: 'How authorised change components are securely stored and accessed.',
    table14Statuses: ['draft', 'approved'],
    statuses: ['Draft', 'Approved'],
    fields: [
      f('only successfully tested component(s) at the required performance level (per the design) are stored', true),
      f('steps to add, move, modify or remove a component', false),
      f('authorisation is required to add, move, modify or remove a component from the secured location', true),
    ],
    storedAsCi: false,
    review: null,
    origin: 'profile',
  },
  {
    id: 'WP.10',
    name: 'Service catalogue',
    process: 'RE',
    description: 'The services delivered to customers; also how compliments, complaints and disputes are handled (WP.04).',
    table14Statuses: ['draft', 'approved', 'updated'],
    statuses: ['Draft', 'Approved', 'Updated'],
    fields: [
      f('description of service', true),
      f('service hours', true),
      f('basic service quality measures', true),
      f('how to use the service', true),
      f('costs (if appropriate)', true),
      f('dependencies', true),
      f('applicable standards or policies', true),
      f('handling of compliments, complaints and disputes (WP.04)', false),
    ],
    storedAsCi: false,
    review: null,
    origin: 'profile',
  },
  {
    id: 'WP.11',
    name: 'Service change request',
    process: 'CO',
    description: 'A formal request for change; a verbal request is recorded by the CM (CO-15).',
    table14Statuses: ['draft', 'approved', 'rejected', 'updated'],
    // WP-02: "Approved & Updated" (CO.3.2) is its own status and stands for Table 14's "updated";
    // no task of 002 puts an SCR in a plain "Updated" status.
    statuses: ['Draft', 'Approved', 'Rejected', 'Approved & Updated'],
    fields: [
      f('unique identifier', true),
      f('purpose', true),
      f('priority', true),
      f('date needed', true),
      f('impacted CIs, problem to be corrected or required functionality', true),
      f('business impact and approvals', true),
      f('contact information', true),
      f('scope', true),
      f('status', true),
      f('benefits, assumptions and constraints', true),
      f('cost', true),
    ],
    storedAsCi: false,
    review: null,
    origin: 'profile',
  },
  {
    id: 'WP.12',
    name: 'Service change schedule',
    process: 'CO',
    description: 'All approved changes with their planned deployment date (D17: windows and freeze periods).',
    table14Statuses: ['draft', 'initial', 'approved', 'updated'],
    statuses: ['Draft', 'Initial', 'Approved', 'Updated'],
    fields: [
      f('approved changes', false),
      f('planned deployment date', true),
      f('change windows', true),
      f('maintenance windows', true),
      f('key business events', true),
    ],
    storedAsCi: false,
    review: null,
    origin: 'profile',
  },
  {
    id: 'WP.13',
    name: 'Service change, built',
    process: 'CO',
    description: 'The physical result of the design/build/test/deploy procedure.',
    table14Statuses: ['initial', 'final'],
    statuses: ['Initial', 'Final'],
    fields: [f('master copy of the service components and/or build procedures, securely stored', true)],
    storedAsCi: true,
    review: null,
    origin: 'profile',
  },
  {
    id: 'WP.14',
    name: 'Service delivery policy, objectives and plan(s)',
    process: 'GO',
    description: 'Business-based guidelines and objectives for service delivery, plans to implement them, and information security measures (GO-08).',
    table14Statuses: ['draft', 'approved', 'updated'],
    statuses: ['Draft', 'Approved', 'Updated'],
    fields: [
      f('creation of a service catalogue', true),
      f('prioritisation matrix for managing change and failure', true),
      f('change definitions (pre-approved, emergency, normal)', true, 'CHG-05'),
      f('communication practices (incl. standard communications on incident resolution, change status, service delivery status)', true),
      f('information security measures (confidentiality, integrity, availability)', true),
      f('review, at least annually, for continued feasibility', true),
    ],
    storedAsCi: false,
    review: { kind: 'periodic', atLeastEveryMonths: 12, basis: 'WP-04, WP.14 "review, at least annually"' },
    origin: 'profile',
  },
  {
    id: 'WP.15',
    name: 'Service delivery scope',
    process: 'GO',
    description: 'Which services are provided; may list exclusions; includes all present customers (GO-06).',
    table14Statuses: ['approved'],
    statuses: ['Approved'],
    fields: [
      f('services offered', true),
      f('boundaries of service delivery (by customer, location, legal boundaries…)', true),
      f('technology used', true),
      f('exclusions', false),
    ],
    storedAsCi: false,
    review: null,
    origin: 'profile',
  },
  {
    id: 'WP.16',
    name: 'Service design',
    process: 'CO',
    description: 'Design document produced by the WP.17 procedures (GAP-22: Table 14 wrongly says WP.16).',
    table14Statuses: ['approved'],
    statuses: ['Approved'],
    fields: [
      f('unique identifier', true),
      f('date of issue and status', true),
      f('scope', true),
      f('issuing organisation', true),
      f('approval authority', true),
      f('identification of tools, methods and techniques', false),
      f('schedules', false),
      f('budgets and cost estimates', false),
      f('resources and their allocation', false),
      f('senior responsible owner', true),
      f('responsibilities and authority (incl. immediate process or service owner)', false),
      f('risks and risk identification, assessment and mitigation', true),
      f('quality assurance and performance measures', false),
      f('training', false),
      f('change procedures and history', false),
    ],
    storedAsCi: true,
    review: null,
    origin: 'profile',
  },
  {
    id: 'WP.17',
    name: 'Service design, build, test & deployment procedure(s)',
    process: 'CO',
    description: 'The steps to design, build, test and deploy a service or part of one; specific to each organisation.',
    table14Statuses: ['draft', 'approved', 'updated'],
    statuses: ['Draft', 'Approved', 'Updated'],
    fields: [
      f('creating a service change request', true),
      f('updating the service change schedule', true),
      f('defining and managing emergency changes', true, 'CO-17'),
      f('removal of service(s) or service component(s)', true),
    ],
    storedAsCi: false,
    review: null,
    origin: 'profile',
  },
  {
    id: 'WP.18',
    name: 'Service incident record',
    process: 'IN',
    description: 'The details of a service incident; significant-impact incidents need root cause and mitigation (IN-09, D13).',
    table14Statuses: ['opened', 'updated', 'closed'],
    statuses: ['Opened', 'Updated', 'Closed'],
    fields: [
      f('unique identifier', true),
      f('contact details of the individual who reported the event', true),
      f('contact details of the individual or team who resolved the incident', true),
      f('details of the incident and its impact on the service(s)', true),
      f('the potential CI', true),
      f('priority', true),
      f('steps taken to restore performance, including the solution', true),
      f('start and end dates', true),
      f('time to resolve the incident', true),
    ],
    storedAsCi: false,
    review: null,
    origin: 'profile',
  },
  {
    id: 'WP.19',
    name: 'Service performance report',
    process: 'RE',
    description: "Report to defined stakeholders, with timing ('normal' vs major incident), content and delivery method as agreed.",
    table14Statuses: ['draft', 'approved'],
    statuses: ['Draft', 'Approved'],
    fields: [
      f('unique identifier', true),
      f('performance for the period', true),
      f('status of previous action items', true),
      f('proposed action items for the coming period', true),
    ],
    storedAsCi: false,
    review: null,
    origin: 'profile',
  },
  {
    id: 'WP.20',
    name: 'Service test report',
    process: 'CO',
    description: 'Test results reviewed against the defined performance criteria; outcomes recorded as pass or fail.',
    table14Statuses: ['published'],
    statuses: ['Published'],
    fields: [
      f('unique identifier', true),
      f('summary of test results', true),
      f('outcome: pass or fail', true, 'CO-09'),
      f('testing levels and types of tests', true),
      f('measurement system and interpretation of results', true),
      f('errors and their resolution', true),
      f('test information (who performed, when data was collected, who interpreted, who validated)', true),
    ],
    storedAsCi: false,
    review: null,
    origin: 'profile',
  },
  {
    id: 'WP.21',
    name: 'Supplier agreement',
    process: 'RE',
    description: 'Agreement between the VSE and a supplier, based on the published service catalogue (GAP-21: also "support agreement", "supplier contract").',
    table14Statuses: ['draft', 'approved', 'updated'],
    statuses: ['Draft', 'Approved', 'Updated'],
    fields: [
      f('unique identifier', true),
      f('documented form of approval', true),
      f('scope of services', true),
      f('key dates (start, review, end)', true),
      f('defined owner for the VSE and the supplier', true, 'ROL-19'),
      f('specification of delivered services/products', false),
      f('terms and conditions', false),
      f('pricing and charging methods', false),
      f('list of deliverables', false),
      f('schedule', false),
      f('acceptance criteria', false),
      f('competency requirements for the VSE and the supplier', false),
      f('communication methods', false),
      f('standards and procedures to be followed', false),
      f('types/frequency of reviews', true),
      f('warranty, ownership and rights of use for acquired products', false),
      f('proprietary rights', false),
      f('procedure for changing the agreement, exceptions, resolving disputes, and closeout', false),
    ],
    storedAsCi: false,
    review: AGREEMENT_REVIEW('WP.21'),
    origin: 'profile',
  },
] as const satisfies readonly {
  id: `WP.${number}${number}`;
  name: string;
  process: ProcessCode;
  description: string;
  table14Statuses: readonly string[];
  statuses: readonly Status[];
  fields: readonly FieldDef[];
  storedAsCi: boolean;
  review: ReviewRule | null;
  origin: 'profile' | 'external';
}[];

export type WorkProduct = (typeof WORK_PRODUCTS)[number];
export type WorkProductId = WorkProduct['id'];
/** The statuses of one work product, e.g. `StatusOf<'WP.18'>` = 'Opened' | 'Updated' | 'Closed'. */
export type StatusOf<W extends WorkProductId> = Extract<WorkProduct, { id: W }>['statuses'][number];

export const WORK_PRODUCT_IDS: readonly WorkProductId[] = WORK_PRODUCTS.map((wp) => wp.id);

const BY_ID: ReadonlyMap<string, WorkProduct> = new Map(WORK_PRODUCTS.map((wp) => [wp.id, wp]));

export function isWorkProductId(id: string): id is WorkProductId {
  return BY_ID.has(id);
}

export function workProductById<W extends WorkProductId>(id: W): Extract<WorkProduct, { id: W }>;
export function workProductById(id: string): WorkProduct | undefined;
export function workProductById(id: string): WorkProduct | undefined {
  return BY_ID.get(id);
}

export function workProductsOf(process: ProcessCode): readonly WorkProduct[] {
  return WORK_PRODUCTS.filter((wp) => wp.process === process);
}

/** True when `status` belongs to the WP's status set (WP-01). */
export function hasStatus(wp: WorkProductId, status: string): boolean {
  return (workProductById(wp).statuses as readonly string[]).includes(status);
}

/**
 * WP-02: maps a status as written in 002 (Table 14 codes, task-table variants, Jira status names, any case)
 * to the normalised status of `wp`, or undefined when it is not one of the WP's statuses.
 * "Open" → "Opened" (GAP-10), "Agreed" → "Approved", "Approved and Updated" → "Approved & Updated",
 * and for WP.11 Table 14's "updated" → "Approved & Updated" (the only update 002 gives an SCR, CO.3.2).
 */
export function normaliseStatus(wp: WorkProductId, raw: string): Status | undefined {
  const key = raw.trim().replace(/\s+/g, ' ').toLowerCase();
  const aliased = key === 'open' ? 'opened' : key === 'agreed' ? 'approved' : key === 'approved and updated' ? 'approved & updated' : wp === 'WP.11' && key === 'updated' ? 'approved & updated' : key;
  return (workProductById(wp).statuses as readonly Status[]).find((s) => s.toLowerCase() === aliased);
}
