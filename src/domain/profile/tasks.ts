import type { RoleCode } from '../roles';
import type { ActivityId, ProcessCode } from './processes';
import type { Status } from './statuses';
import type { StatusOf, WorkProductId } from './work-products';

/**
 * The 40 tasks of 002 Tables 2–12 (REQUIREMENTS.md §2): GO 10, CO 14, RE 8, IN 8 (D1).
 *
 * `inputs` are the work products the task needs, each in the stated status (GEN-04, D3: enforced as
 * preconditions, task order is never imposed). `outputs` are the work products the task produces and the status
 * it puts them in. Statuses are normalised per WP-02; `asWritten` keeps 002's wording where it differs.
 * `condition` marks an alternative or optional output ("if a new service", "if a permanent fix is required").
 * `basis` marks an entry that is not in 002's task table but comes from a product decision or a task NOTE.
 */
export type WpRefOf<W extends WorkProductId> = {
  readonly wp: W;
  readonly status: StatusOf<W>;
  readonly asWritten?: string;
  readonly condition?: string;
  readonly basis?: string;
};
export type WpRef = { [W in WorkProductId]: WpRefOf<W> }[WorkProductId];

type RefExtra = { asWritten?: string; condition?: string; basis?: string };
const ref = <W extends WorkProductId>(wp: W, status: StatusOf<W>, extra: RefExtra = {}): WpRefOf<W> => ({ wp, status, ...extra });

export const TASKS = [
  // ── GO.1 Define the scope of activity and required roles (Table 2) ──
  {
    id: 'GO.1.1', activity: 'GO.1', process: 'GO', roles: ['MGT', 'CUS'],
    name: 'Define the scope of the service delivery activities.',
    notes: ['The scope includes all present customers at a minimum (GO-06).'],
    inputs: [ref('WP.01', 'Approved')],
    outputs: [ref('WP.15', 'Approved')],
  },
  {
    id: 'GO.1.2', activity: 'GO.1', process: 'GO', roles: ['SM', 'MGT'],
    name: 'Assign roles and responsibilities: Service Manager (at minimum) and supporting roles (Control Manager, Incident Manager) as needed by the VSE.',
    notes: ['Ensure separation of duties, if possible, to prevent conflict of interest (ROL-05).'],
    inputs: [ref('WP.15', 'Approved')],
    outputs: [ref('WP.08', 'Approved')],
  },
  // ── GO.2 Define and implement governance structures (Table 3) ──
  {
    id: 'GO.2.1', activity: 'GO.2', process: 'GO', roles: ['SM', 'MGT'],
    name: 'Draft a business-based service delivery and information security policy, objectives and plan(s).',
    notes: ['Customer feedback already received or requested can be valuable.', 'The Service Manager was appointed in GO.1.2.', 'Business goals and objectives come from business leadership, outside the service delivery group.'],
    inputs: [ref('WP.01', 'Approved'), ref('WP.15', 'Approved')],
    outputs: [ref('WP.14', 'Draft')],
  },
  {
    id: 'GO.2.2', activity: 'GO.2', process: 'GO', roles: ['SM'],
    name: 'Approve and deploy the policies and plan(s).',
    notes: [],
    inputs: [ref('WP.14', 'Draft')],
    outputs: [ref('WP.14', 'Approved')],
  },
  {
    id: 'GO.2.3', activity: 'GO.2', process: 'GO', roles: ['MGT', 'CUS', 'SUP'],
    name: 'Define and approve an approach to measure customer experience, manage comments (compliments and complaints) and maintain a feedback log.',
    notes: ['Legal guidance can be advisable.', 'See ISO 10001, ISO 10002, ISO 10003 and ISO 10004.', 'RE.2.3 applies the approach.'],
    inputs: [ref('WP.14', 'Approved')],
    outputs: [ref('WP.04', 'Approved')],
  },
  {
    id: 'GO.2.4', activity: 'GO.2', process: 'GO', roles: ['SM', 'CUS'],
    name: 'Update the service delivery policy, objectives and plan(s) based on customer feedback and management decisions.',
    notes: [],
    inputs: [ref('WP.06', 'Maintained'), ref('WP.14', 'Approved')],
    outputs: [ref('WP.14', 'Updated')],
  },
  // ── GO.3 Manage resources including documentation (Table 4) ──
  {
    id: 'GO.3.1', activity: 'GO.3', process: 'GO', roles: ['SM', 'SUP'],
    name: 'Obtain, monitor and manage human resources to meet the requirements of the service delivery scope and policy.',
    notes: [],
    inputs: [ref('WP.14', 'Updated'), ref('WP.08', 'Approved')],
    outputs: [ref('WP.08', 'Updated')],
  },
  {
    id: 'GO.3.2', activity: 'GO.3', process: 'GO', roles: ['SM', 'SUP'],
    name: 'Based on the service delivery policy, objectives and plan(s), define the management and secure storage of data and minimal documentation (create a repository).',
    notes: ['May also cover other data and documentation (financial material, personnel files).'],
    inputs: [ref('WP.14', 'Updated'), ref('WP.05', 'Draft')],
    outputs: [ref('WP.05', 'Approved')],
  },
  // ── GO.4 Complete reporting and improvement activities (Table 5) ──
  {
    id: 'GO.4.1', activity: 'GO.4', process: 'GO', roles: ['SM', 'CUS', 'SUP', 'MGT'],
    name: 'Prepare and deliver an improvement report.',
    notes: ['Information security improvements are included.'],
    inputs: [ref('WP.01', 'Approved'), ref('WP.15', 'Approved'), ref('WP.14', 'Approved'), ref('WP.06', 'Updated')],
    outputs: [ref('WP.07', 'Draft')],
  },
  {
    id: 'GO.4.2', activity: 'GO.4', process: 'GO', roles: ['MGT', 'CUS', 'SUP'],
    name: 'Review and take action (approve, reject) based on the improvement report.',
    notes: [],
    inputs: [ref('WP.07', 'Draft')],
    outputs: [ref('WP.07', 'Approved'), ref('WP.07', 'Rejected', { condition: 'when the report is rejected (the reason is kept)', basis: 'D20 (GAP-07)' })],
  },

  // ── CO.1 Manage change to services (Table 6) ──
  {
    id: 'CO.1.1', activity: 'CO.1', process: 'CO', roles: ['CM', 'MGT'],
    name: 'Define what constitutes a pre-approved, emergency and normal change to service(s) and the method to request a change.',
    notes: [],
    inputs: [ref('WP.14', 'Approved')],
    outputs: [ref('WP.03', 'Approved', { condition: 'for an existing service' }), ref('WP.03', 'Draft', { condition: 'if a new service' })],
  },
  {
    id: 'CO.1.2', activity: 'CO.1', process: 'CO', roles: ['CM'],
    name: 'Define the service design, build, test & deployment procedure(s), including the service change request, service change schedule and emergency change procedures, and the update of the configuration record.',
    notes: ['Service components can be created following the Basic Profile procedures of ISO/IEC TR 29110-5-1-2 (software) and 29110-5-6-2 (systems).'],
    inputs: [ref('WP.14', 'Approved')],
    outputs: [ref('WP.17', 'Draft'), ref('WP.12', 'Draft'), ref('WP.11', 'Draft')],
  },
  {
    id: 'CO.1.3', activity: 'CO.1', process: 'CO', roles: ['SM', 'MGT'],
    name: 'Approve the service design, build, test & deployment procedure(s).',
    notes: ['The service change request approved here is the request form/method; individual requests are approved in CO.2.1 (CO-16, GAP-11).'],
    inputs: [ref('WP.17', 'Draft'), ref('WP.12', 'Initial'), ref('WP.11', 'Draft'), ref('WP.02', 'Stored')],
    outputs: [ref('WP.17', 'Approved'), ref('WP.12', 'Updated'), ref('WP.11', 'Approved'), ref('WP.02', 'Updated')],
  },
  {
    id: 'CO.1.4', activity: 'CO.1', process: 'CO', roles: ['MGT', 'CM'],
    name: 'Identify service components associated with each service (hardware, software, human competencies, information).',
    notes: [],
    inputs: [ref('WP.17', 'Approved')],
    outputs: [ref('WP.02', 'Updated')],
  },
  {
    id: 'CO.1.5', activity: 'CO.1', process: 'CO', roles: ['CM', 'SM'],
    name: 'Define and approve appropriate procedures to store and protect service components (entry to or exit from secure storage areas).',
    notes: [],
    inputs: [ref('WP.14', 'Approved')],
    outputs: [ref('WP.09', 'Draft'), ref('WP.09', 'Approved')],
  },
  // ── CO.2 Evaluate and build the service change (Table 7) ──
  {
    id: 'CO.2.1', activity: 'CO.2', process: 'CO', roles: ['CM', 'CUS', 'SUP'],
    name: 'Evaluate the service change request, including the current version of the service component(s).',
    notes: ['The service change request includes the request for a new service.', 'Requests can come from any source (processes, customers, the organisation, suppliers).', 'Pre-approved changes complete the full process before designation as pre-approved (CHG-06, D15).'],
    inputs: [ref('WP.11', 'Draft'), ref('WP.02', 'Stored')],
    outputs: [ref('WP.11', 'Approved', { condition: 'when the request is approved' }), ref('WP.11', 'Rejected', { condition: 'when the request is rejected' })],
  },
  {
    id: 'CO.2.2', activity: 'CO.2', process: 'CO', roles: ['CM'],
    name: 'Update the service change schedule to reflect the proposed deployment date.',
    notes: [],
    inputs: [ref('WP.12', 'Initial')],
    outputs: [ref('WP.12', 'Updated')],
  },
  {
    id: 'CO.2.3', activity: 'CO.2', process: 'CO', roles: ['CM', 'CUS'],
    name: 'Use appropriate design activities to fulfil the change requirements.',
    notes: [],
    inputs: [ref('WP.17', 'Approved')],
    outputs: [ref('WP.16', 'Approved')],
  },
  {
    id: 'CO.2.4', activity: 'CO.2', process: 'CO', roles: ['PT'],
    name: 'Build the change.',
    notes: [],
    inputs: [ref('WP.16', 'Approved')],
    outputs: [ref('WP.13', 'Initial')],
  },
  // ── CO.3 Test and deploy approved service change (Table 8) ──
  {
    id: 'CO.3.1', activity: 'CO.3', process: 'CO', roles: ['CM', 'CUS', 'SUP'],
    name: 'Perform documented tests.',
    notes: [],
    inputs: [ref('WP.16', 'Approved'), ref('WP.13', 'Initial'), ref('WP.17', 'Approved')],
    outputs: [ref('WP.20', 'Published')],
  },
  {
    id: 'CO.3.2', activity: 'CO.3', process: 'CO', roles: ['CM', 'CUS'],
    name: 'Review the test report based on agreed customer functionality and obtain approval to deploy the service change.',
    notes: [],
    inputs: [ref('WP.11', 'Approved'), ref('WP.03', 'Approved'), ref('WP.20', 'Published')],
    // WP.20 stays Published: CO.3.2 reviews the report, it does not change its status.
    outputs: [ref('WP.11', 'Approved & Updated'), ref('WP.20', 'Published'), ref('WP.13', 'Final')],
  },
  {
    id: 'CO.3.3', activity: 'CO.3', process: 'CO', roles: ['CM'],
    name: 'Review the service change schedule ensuring the availability of resources to deploy the change.',
    notes: [],
    inputs: [ref('WP.12', 'Approved')],
    outputs: [ref('WP.12', 'Updated')],
  },
  {
    id: 'CO.3.4', activity: 'CO.3', process: 'CO', roles: ['PT', 'CUS', 'SUP'],
    name: 'Deploy the approved service change, as planned and documented.',
    notes: ['The outcome is the new or changed service, available for use.'],
    inputs: [ref('WP.17', 'Approved'), ref('WP.09', 'Approved'), ref('WP.13', 'Final')],
    outputs: [ref('WP.02', 'Updated'), ref('WP.10', 'Updated')],
  },
  {
    id: 'CO.3.5', activity: 'CO.3', process: 'CO', roles: ['CM', 'PT', 'CUS', 'SUP'],
    name: 'Review the results of the deployment and manage improvement, if necessary, to the service design, build, test & deployment procedures.',
    notes: [],
    inputs: [ref('WP.17', 'Approved'), ref('WP.03', 'Approved'), ref('WP.21', 'Approved')],
    outputs: [ref('WP.17', 'Updated')],
  },

  // ── RE.1 Create and/or maintain a suitable service catalogue (Table 9) ──
  {
    id: 'RE.1.1', activity: 'RE.1', process: 'RE', roles: ['RM', 'SM', 'CUS', 'SUP'],
    name: 'Draft a service catalogue for the VSE, including service performance measurements, and consult interested parties to ensure capacity to deliver and measure performance.',
    notes: [],
    inputs: [ref('WP.14', 'Approved')],
    outputs: [ref('WP.10', 'Draft')],
  },
  {
    id: 'RE.1.2', activity: 'RE.1', process: 'RE', roles: ['SM', 'RM'],
    name: 'Approve and publish the service catalogue.',
    notes: [],
    inputs: [ref('WP.10', 'Draft')],
    outputs: [ref('WP.10', 'Approved')],
  },
  {
    // 002 writes "RMs" (ROL-24): read as RM.
    id: 'RE.1.3', activity: 'RE.1', process: 'RE', roles: ['SM', 'RM', 'CUS'],
    name: 'Review the service catalogue, as needed, to ensure defined services continue to meet customer requirements.',
    notes: ['Use a service change request approach to modify (RE-07).'],
    inputs: [ref('WP.10', 'Approved')],
    outputs: [ref('WP.10', 'Updated'), ref('WP.11', 'Draft', { condition: 'to modify the catalogue', basis: 'RE.1.3 NOTE; §2.2 SCR lifecycle' })],
  },
  // ── RE.2 Establish and manage agreements with customers and suppliers (Table 10) ──
  {
    id: 'RE.2.1', activity: 'RE.2', process: 'RE', roles: ['RM', 'SM', 'CUS', 'SUP'],
    name: 'Draft agreements with customers and/or suppliers to ensure understanding of delivery parameters and performance measures.',
    notes: ['If needed, discuss agreement feasibility with stakeholders (PT, SUP and others) (RE-12).'],
    inputs: [ref('WP.01', 'Approved'), ref('WP.14', 'Approved'), ref('WP.10', 'Approved')],
    outputs: [ref('WP.03', 'Draft'), ref('WP.21', 'Draft')],
  },
  {
    id: 'RE.2.2', activity: 'RE.2', process: 'RE', roles: ['MGT', 'SM', 'CUS', 'SUP'],
    name: 'Approve agreement(s).',
    notes: ['Approving parties are based on the content of the agreement (ROL-12).'],
    inputs: [ref('WP.03', 'Draft'), ref('WP.21', 'Draft')],
    outputs: [ref('WP.03', 'Approved'), ref('WP.21', 'Approved')],
  },
  {
    id: 'RE.2.3', activity: 'RE.2', process: 'RE', roles: ['RM', 'SM', 'CUS', 'SUP'],
    name: 'Manage the relationship with customer and supplier feedback and maintain the feedback log.',
    notes: ['GO.2.3 defines the approach.'],
    inputs: [ref('WP.04', 'Approved'), ref('WP.06', 'Maintained')],
    outputs: [ref('WP.06', 'Updated')],
  },
  {
    id: 'RE.2.4', activity: 'RE.2', process: 'RE', roles: ['RM', 'SM'],
    name: 'Report on service or supplier performance based on measurements described in the agreement(s).',
    notes: [],
    inputs: [ref('WP.03', 'Approved'), ref('WP.21', 'Approved'), ref('WP.19', 'Draft')],
    outputs: [ref('WP.19', 'Approved')],
  },
  {
    id: 'RE.2.5', activity: 'RE.2', process: 'RE', roles: ['SM'],
    name: 'Modify agreement(s), based on feedback, following the task list beginning at RE.2.1.',
    notes: ['An updated agreement goes back through RE.2.1/RE.2.2 (RE-09, D18).'],
    inputs: [ref('WP.03', 'Approved'), ref('WP.21', 'Approved')],
    outputs: [ref('WP.03', 'Updated'), ref('WP.21', 'Updated')],
  },

  // ── IN.1 Prevent incidents (Table 11) ──
  {
    id: 'IN.1.1', activity: 'IN.1', process: 'IN', roles: ['SM', 'CUS', 'SUP'],
    name: 'Train all parties (staff, suppliers, other stakeholders) to perform their assigned tasks.',
    notes: [],
    inputs: [ref('WP.08', 'Approved')],
    outputs: [ref('WP.08', 'Updated')],
  },
  {
    id: 'IN.1.2', activity: 'IN.1', process: 'IN', roles: ['SM', 'CUS', 'SUP'],
    name: 'Provide training or perform other actions so all affected parties remain competent for the accepted responsibilities.',
    notes: [],
    inputs: [ref('WP.08', 'Approved')],
    outputs: [ref('WP.08', 'Updated')],
  },
  {
    id: 'IN.1.3', activity: 'IN.1', process: 'IN', roles: ['SM', 'CUS', 'SUP'],
    name: 'Identify, prioritise and resolve potential issues that may lead to incidents, to maintain defined and agreed service levels.',
    notes: ['Simple root cause analysis and capture of mitigating actions is appropriate here; develop and deploy the mitigation through Service control (service change request) (IN-13).'],
    inputs: [ref('WP.18', 'Opened'), ref('WP.03', 'Approved')],
    outputs: [ref('WP.18', 'Updated'), ref('WP.11', 'Draft')],
  },
  // ── IN.2 Manage incidents (Table 12) ──
  {
    id: 'IN.2.1', activity: 'IN.2', process: 'IN', roles: ['PT', 'CUS', 'SUP'],
    name: 'Record all reported or identified incidents.',
    notes: ['Include information security incidents (IN-05).'],
    inputs: [ref('WP.03', 'Approved'), ref('WP.21', 'Approved'), ref('WP.10', 'Approved'), ref('WP.02', 'Updated')],
    outputs: [ref('WP.18', 'Opened', { asWritten: 'Open' })],
  },
  {
    id: 'IN.2.2', activity: 'IN.2', process: 'IN', roles: ['PT', 'CUS', 'SUP'],
    name: 'Classify incidents (actual or perceived failed component) using criteria agreed with customers, and link the service incident record to other necessary records (change, configuration, other incidents).',
    notes: ['Classification supports trend analysis and managing component performance.', 'Incidents with significant impact require root cause investigation and a mitigating solution, through Service control (IN-09, D13).'],
    inputs: [ref('WP.18', 'Updated')],
    outputs: [ref('WP.18', 'Updated'), ref('WP.02', 'Updated', { asWritten: 'Configuration records' }), ref('WP.11', 'Draft', { condition: 'if a mitigating solution is required' })],
  },
  {
    id: 'IN.2.3', activity: 'IN.2', process: 'IN', roles: ['PT'],
    name: 'Investigate, and notify affected parties as agreed.',
    notes: ['Notification uses the standard communication defined in the service delivery policy (IN-10).'],
    inputs: [ref('WP.18', 'Updated'), ref('WP.14', 'Approved', { asWritten: 'Agreed' })],
    outputs: [ref('WP.18', 'Updated')],
    otherOutputs: ['Standard communication as defined by the service delivery policy'],
  },
  {
    id: 'IN.2.4', activity: 'IN.2', process: 'IN', roles: ['PT'],
    name: 'Restore the service, and notify affected parties as agreed.',
    notes: ['Notification uses the standard communication defined in the service delivery policy (IN-10).'],
    inputs: [ref('WP.18', 'Updated'), ref('WP.14', 'Approved', { asWritten: 'Agreed' })],
    outputs: [ref('WP.18', 'Updated')],
    otherOutputs: ['Standard communication as defined by the service delivery policy'],
  },
  {
    id: 'IN.2.5', activity: 'IN.2', process: 'IN', roles: ['PT', 'CUS', 'SUP'],
    name: 'Close the service incident record with the resolution and confirmation from affected parties.',
    notes: ['All other documents associated with the incident are updated to reflect its outcome.', 'After a temporary solution, a service change request can be submitted for a permanent fix (IN-12).', 'A service change request is not required to restore a service (IN-12).'],
    inputs: [ref('WP.18', 'Updated')],
    outputs: [ref('WP.18', 'Closed'), ref('WP.11', 'Draft', { condition: 'if a permanent fix is required' })],
  },
] as const satisfies readonly {
  id: `${ActivityId}.${number}`;
  activity: ActivityId;
  process: ProcessCode;
  roles: readonly RoleCode[];
  name: string;
  notes: readonly string[];
  inputs: readonly WpRef[];
  outputs: readonly WpRef[];
  otherOutputs?: readonly string[];
}[];

export type TaskId = (typeof TASKS)[number]['id'];

/** A task, typed loosely enough to be handled generically (ids and references stay literal unions). */
export interface Task {
  readonly id: TaskId;
  readonly activity: ActivityId;
  readonly process: ProcessCode;
  readonly roles: readonly RoleCode[];
  readonly name: string;
  readonly notes: readonly string[];
  readonly inputs: readonly WpRef[];
  readonly outputs: readonly WpRef[];
  readonly otherOutputs?: readonly string[];
}

const ALL_TASKS: readonly Task[] = TASKS;
export const TASK_IDS: readonly TaskId[] = ALL_TASKS.map((t) => t.id);
const BY_ID: ReadonlyMap<string, Task> = new Map(ALL_TASKS.map((t) => [t.id, t]));

export function isTaskId(id: string): id is TaskId {
  return BY_ID.has(id);
}

export function taskById(id: TaskId): Task;
export function taskById(id: string): Task | undefined;
export function taskById(id: string): Task | undefined {
  return BY_ID.get(id);
}

export function tasksOf(process: ProcessCode): readonly Task[] {
  return ALL_TASKS.filter((t) => t.process === process);
}

/** Tasks that take `wp` as an input (GEN-04), optionally only those that need it in `status`. */
export function tasksConsuming(wp: WorkProductId, status?: Status): readonly Task[] {
  return ALL_TASKS.filter((t) => t.inputs.some((i) => i.wp === wp && (status === undefined || i.status === status)));
}
