import { ROLE_CODES, type RoleCode } from '../roles';
import { isApprovalStatus, type Status } from './statuses';
import { taskById, type Task, type TaskId, type WpRef } from './tasks';
import { workProductById, type StatusOf, type WorkProductId } from './work-products';

/**
 * WP-01: the status machine of each work product (REQUIREMENTS.md §3.2), with the task that realises each
 * transition and the roles that may perform it.
 *
 * - `from: null` is the creation of the work product.
 * - `roles` are the roles of the realising task (002 Tables 2–12; all of them take part). `performers` are
 *   the roles that may perform the transition: the task's roles, except that a transition into an approval
 *   status (ROL-11: Approved, Rejected, Approved & Updated, Final, Closed, Published) of a task that names both
 *   the VSE side and the customer/supplier side is performed by the VSE side, and the CUS/SUP sign-off is
 *   recorded (`signOff`; ROL-11 "record both sign-offs", recommended default "CM approval plus a recorded
 *   customer acknowledgement"). Example: CO.2.1 (CM, CUS, SUP) → only CM approves an SCR (CO-05).
 * - `basis` is set when the transition is not read directly off 002's task tables (a decision, a NOTE, or a
 *   derivation); it names the requirement id.
 * - `scope: 'template'` marks the transitions of the service change request *form/method* (CO.1.2 drafts it,
 *   CO.1.3 approves it), kept apart from individual requests (CO-16, GAP-11).
 */
export interface TransitionOf<W extends WorkProductId> {
  readonly wp: W;
  readonly from: StatusOf<W> | null;
  readonly to: StatusOf<W>;
  readonly task: TaskId;
  readonly roles: readonly RoleCode[];
  readonly performers: readonly RoleCode[];
  readonly signOff: readonly RoleCode[];
  readonly scope: 'instance' | 'template';
  readonly basis?: string;
}
export type Transition = { [W in WorkProductId]: TransitionOf<W> }[WorkProductId];

const COUNTERPARTIES: readonly RoleCode[] = ['CUS', 'SUP'];

interface TransitionOptions {
  /** Requirement id(s) when the transition is not in 002's task tables. */
  basis?: string;
  /** Replaces the task's roles, when a decision names the roles (D21). */
  roles?: readonly RoleCode[];
  scope?: 'instance' | 'template';
}

const REPEAT = 'derived: an updated work product can be updated again by the same tasks (§3.2 "Updated → Updated", WP.02)';

/** One transition per realising task. */
function t<W extends WorkProductId>(wp: W, from: StatusOf<W> | null, to: StatusOf<W>, tasks: readonly TaskId[], options: TransitionOptions = {}): TransitionOf<W>[] {
  return tasks.map((task) => {
    const roles = options.roles ?? taskById(task).roles;
    const vseSide = roles.filter((r) => !COUNTERPARTIES.includes(r));
    const split = isApprovalStatus(to) && vseSide.length > 0 && vseSide.length < roles.length;
    return {
      wp, from, to, task, roles,
      performers: split ? vseSide : roles,
      signOff: split ? roles.filter((r) => COUNTERPARTIES.includes(r)) : [],
      scope: options.scope ?? 'instance',
      ...(options.basis === undefined ? {} : { basis: options.basis }),
    };
  });
}

export const TRANSITIONS: readonly Transition[] = [
  // WP.01 Business goals and objectives: external input (GO-04, GO.2.1 NOTE 3), no transitions.

  // WP.02 Configuration record: Stored → Updated (CO.1.3, CO.1.4, CO.3.4, IN.2.2); Updated → Updated.
  ...t('WP.02', null, 'Stored', ['CO.1.4'], { basis: 'derived: no task of 002 produces "Stored"; the record is created when service components are identified (CO.1.4, CO-14)' }),
  ...t('WP.02', 'Stored', 'Updated', ['CO.1.3', 'CO.1.4', 'CO.3.4', 'IN.2.2']),
  ...t('WP.02', 'Updated', 'Updated', ['CO.1.3', 'CO.1.4', 'CO.3.4', 'IN.2.2']),

  // WP.03 Customer agreement: Draft (RE.2.1; CO.1.1 new service) → Approved (RE.2.2; CO.1.1) → Updated (RE.2.5) → re-draft (RE-09, D18).
  ...t('WP.03', null, 'Draft', ['RE.2.1', 'CO.1.1']),
  ...t('WP.03', 'Draft', 'Approved', ['RE.2.2', 'CO.1.1']),
  ...t('WP.03', 'Approved', 'Updated', ['RE.2.5']),
  ...t('WP.03', 'Updated', 'Draft', ['RE.2.1'], { basis: 'RE-09, D18: a modified agreement restarts at RE.2.1 and is approved again (RE.2.5 "following the task list beginning at RE.2.1")' }),

  // WP.04 Customer experience approach.
  ...t('WP.04', null, 'Approved', ['GO.2.3']),

  // WP.05 Data and document management procedure: Draft → Approved (GO.3.2).
  ...t('WP.05', null, 'Draft', ['GO.3.2'], { basis: 'D21 (GAP-09): created in Draft by the roles of the consuming task' }),
  ...t('WP.05', 'Draft', 'Approved', ['GO.3.2']),

  // WP.06 Feedback log (a CI, WP-03): Maintained → Updated (RE.2.3).
  ...t('WP.06', null, 'Maintained', ['RE.2.3'], { basis: 'derived: no task of 002 creates the log; RE.2.3 maintains it per the GO.2.3 approach' }),
  ...t('WP.06', 'Maintained', 'Updated', ['RE.2.3']),
  ...t('WP.06', 'Updated', 'Updated', ['RE.2.3'], { basis: REPEAT }),

  // WP.07 Improvement report: Draft (GO.4.1) → Approved | Rejected (GO.4.2, D20).
  ...t('WP.07', null, 'Draft', ['GO.4.1']),
  ...t('WP.07', 'Draft', 'Approved', ['GO.4.2']),
  ...t('WP.07', 'Draft', 'Rejected', ['GO.4.2'], { basis: 'D20 (GAP-07): GO.4.2 "approve, reject"' }),

  // WP.08 List of assigned roles: Approved (GO.1.2) → Updated (GO.3.1, IN.1.1, IN.1.2).
  ...t('WP.08', null, 'Approved', ['GO.1.2']),
  ...t('WP.08', 'Approved', 'Updated', ['GO.3.1', 'IN.1.1', 'IN.1.2']),
  ...t('WP.08', 'Updated', 'Updated', ['GO.3.1', 'IN.1.1', 'IN.1.2'], { basis: REPEAT }),

  // WP.09 Secure component procedure: Draft → Approved (CO.1.5).
  ...t('WP.09', null, 'Draft', ['CO.1.5']),
  ...t('WP.09', 'Draft', 'Approved', ['CO.1.5']),

  // WP.10 Service catalogue: Draft (RE.1.1) → Approved (RE.1.2) → Updated (RE.1.3 via SCR; CO.3.4 on deployment).
  ...t('WP.10', null, 'Draft', ['RE.1.1']),
  ...t('WP.10', 'Draft', 'Approved', ['RE.1.2']),
  ...t('WP.10', 'Approved', 'Updated', ['RE.1.3', 'CO.3.4']),
  ...t('WP.10', 'Updated', 'Updated', ['RE.1.3', 'CO.3.4'], { basis: REPEAT }),

  // WP.11 Service change request: Draft → Approved | Rejected (CO.2.1) → Approved & Updated (CO.3.2).
  ...t('WP.11', null, 'Draft', ['IN.1.3', 'IN.2.2', 'IN.2.5']),
  ...t('WP.11', null, 'Draft', ['RE.1.3'], { basis: 'RE.1.3 NOTE "use a service change request approach to modify"' }),
  ...t('WP.11', null, 'Draft', ['CO.2.1'], { roles: ROLE_CODES, basis: 'CO.2.1 NOTE 2: requests come from any source; WP.11: a verbal request is recorded by the CM (CO-15)' }),
  ...t('WP.11', 'Draft', 'Approved', ['CO.2.1']),
  ...t('WP.11', 'Draft', 'Rejected', ['CO.2.1']),
  ...t('WP.11', 'Approved', 'Approved & Updated', ['CO.3.2']),
  ...t('WP.11', null, 'Draft', ['CO.1.2'], { scope: 'template', basis: 'CO-16, GAP-11: CO.1.2 defines the request form/method' }),
  ...t('WP.11', 'Draft', 'Approved', ['CO.1.3'], { scope: 'template', basis: 'CO-16, GAP-11: CO.1.3 approves the request form/method, not individual requests' }),

  // WP.12 Service change schedule (D21, GAP-08): Draft (CO.1.2) → Initial (first saved version) → Approved (SM/CM)
  // and Updated (CO.1.3, CO.2.2, CO.3.3).
  ...t('WP.12', null, 'Draft', ['CO.1.2']),
  ...t('WP.12', 'Draft', 'Initial', ['CO.1.2'], { basis: 'D21, GAP-08: the first saved version of the schedule is "Initial"' }),
  ...t('WP.12', 'Initial', 'Updated', ['CO.1.3', 'CO.2.2']),
  ...t('WP.12', 'Initial', 'Approved', ['CO.1.3'], { roles: ['SM', 'CM'], basis: 'D21, GAP-08: SM/CM approval makes the schedule "Approved" (no task of 002 produces it; CO.1.3 is the schedule approval task of the ROL-11 matrix)' }),
  ...t('WP.12', 'Updated', 'Approved', ['CO.1.3'], { roles: ['SM', 'CM'], basis: 'D21, GAP-08: SM/CM approval makes the schedule "Approved"' }),
  ...t('WP.12', 'Approved', 'Updated', ['CO.3.3']),
  ...t('WP.12', 'Approved', 'Updated', ['CO.2.2'], { basis: 'D21: later edits make the schedule "Updated"' }),
  ...t('WP.12', 'Updated', 'Updated', ['CO.2.2', 'CO.3.3'], { basis: REPEAT }),

  // WP.13 Service change, built (secure master copy, WP-03): Initial (CO.2.4) → Final (CO.3.2).
  ...t('WP.13', null, 'Initial', ['CO.2.4']),
  ...t('WP.13', 'Initial', 'Final', ['CO.3.2']),

  // WP.14 Policy: Draft (GO.2.1) → Approved (GO.2.2) → Updated (GO.2.4). "Agreed" = Approved (WP-02).
  ...t('WP.14', null, 'Draft', ['GO.2.1']),
  ...t('WP.14', 'Draft', 'Approved', ['GO.2.2']),
  ...t('WP.14', 'Approved', 'Updated', ['GO.2.4']),
  ...t('WP.14', 'Updated', 'Updated', ['GO.2.4'], { basis: `${REPEAT}; WP-04 annual review` }),

  // WP.15 Service delivery scope.
  ...t('WP.15', null, 'Approved', ['GO.1.1']),

  // WP.16 Service design (a CI, WP-03).
  ...t('WP.16', null, 'Approved', ['CO.2.3']),

  // WP.17 Procedures: Draft (CO.1.2) → Approved (CO.1.3) → Updated (CO.3.5).
  ...t('WP.17', null, 'Draft', ['CO.1.2']),
  ...t('WP.17', 'Draft', 'Approved', ['CO.1.3']),
  ...t('WP.17', 'Approved', 'Updated', ['CO.3.5']),
  ...t('WP.17', 'Updated', 'Updated', ['CO.3.5'], { basis: REPEAT }),

  // WP.18 Service incident record: Opened (IN.2.1) → Updated (IN.1.3, IN.2.2, IN.2.3, IN.2.4) → Closed (IN.2.5).
  ...t('WP.18', null, 'Opened', ['IN.2.1']),
  ...t('WP.18', 'Opened', 'Updated', ['IN.1.3', 'IN.2.2', 'IN.2.3', 'IN.2.4']),
  ...t('WP.18', 'Updated', 'Updated', ['IN.1.3', 'IN.2.2', 'IN.2.3', 'IN.2.4']),
  ...t('WP.18', 'Updated', 'Closed', ['IN.2.5']),

  // WP.19 Service performance report: Draft → Approved (RE.2.4).
  ...t('WP.19', null, 'Draft', ['RE.2.4'], { basis: 'D21 (GAP-09): created in Draft by the roles of the consuming task' }),
  ...t('WP.19', 'Draft', 'Approved', ['RE.2.4']),

  // WP.20 Service test report: Published (CO.3.1); CO.3.2 reviews it without changing its status.
  ...t('WP.20', null, 'Published', ['CO.3.1']),

  // WP.21 Supplier agreement: Draft (RE.2.1) → Approved (RE.2.2) → Updated (RE.2.5) → re-draft (RE-09, D18).
  ...t('WP.21', null, 'Draft', ['RE.2.1']),
  ...t('WP.21', 'Draft', 'Approved', ['RE.2.2']),
  ...t('WP.21', 'Approved', 'Updated', ['RE.2.5']),
  ...t('WP.21', 'Updated', 'Draft', ['RE.2.1'], { basis: 'RE-09, D18: a modified agreement restarts at RE.2.1 and is approved again' }),
];

/** All transitions of a work product (WP-01), in the order above. */
export function transitionsOf<W extends WorkProductId>(wp: W): readonly Extract<Transition, { wp: W }>[] {
  return TRANSITIONS.filter((x): x is Extract<Transition, { wp: W }> => x.wp === wp);
}

/** Tasks that put `wp` in `status` (via a transition), e.g. tasksProducing('WP.11', 'Draft'). */
export function tasksProducing(wp: WorkProductId, status: Status): readonly Task[] {
  const ids = [...new Set(TRANSITIONS.filter((x) => x.wp === wp && x.to === status).map((x) => x.task))];
  return ids.map((id) => taskById(id));
}

export type TransitionCheck =
  | { readonly allowed: true; readonly task: TaskId; readonly transition: Transition }
  | { readonly allowed: false; readonly reason: string };

export interface CanTransitionOptions {
  /** Only consider transitions realised by this task (e.g. 'CO.2.1' for an individual change request). */
  readonly task?: TaskId;
  /** 'template' for the SCR form/method (CO.1.2/CO.1.3, CO-16); default 'instance'. */
  readonly scope?: 'instance' | 'template';
}

const label = (s: Status | null): string => s ?? '(new)';
const list = (roles: readonly RoleCode[]): string => (roles.length === 0 ? 'none' : roles.join(', '));

/**
 * May someone holding `roles` move `wp` from `from` (null = create) to `to`? Returns the realising task, or a
 * reason that names the rule (WP-01, ROL-11, GEN-06) and the task(s).
 */
export function canTransition(wp: WorkProductId, from: Status | null, to: Status, roles: readonly RoleCode[], options: CanTransitionOptions = {}): TransitionCheck {
  const product = workProductById(wp);
  if (product.origin === 'external') {
    return { allowed: false, reason: `${wp} ${product.name} is an external input (GO-04, GO.2.1 NOTE 3): no task of the profile sets its status; link the organisation's approved copy (GEN-12).` };
  }
  const statuses: readonly Status[] = product.statuses;
  for (const s of [from, to]) {
    if (s !== null && !statuses.includes(s)) {
      return { allowed: false, reason: `WP-01: "${s}" is not a status of ${wp} ${product.name} (allowed: ${statuses.join(', ')}).` };
    }
  }
  const scope = options.scope ?? 'instance';
  const own: readonly Transition[] = transitionsOf(wp).filter((x) => x.scope === scope);
  const matching = own.filter((x) => x.from === from && x.to === to);
  const candidates = options.task === undefined ? matching : matching.filter((x) => x.task === options.task);
  if (candidates.length === 0) {
    const onward = own.filter((x) => x.from === from);
    const next = onward.length === 0 ? 'none' : [...new Set(onward.map((x) => x.to))].map((s) => `${s} (${onward.filter((x) => x.to === s).map((x) => x.task).join(', ')})`).join('; ');
    const byOther = matching.length > 0 ? ` ${options.task} does not realise it; ${matching.map((x) => x.task).join(', ')} does.` : '';
    return { allowed: false, reason: `WP-01: ${wp} ${product.name} has no ${scope === 'template' ? 'template ' : ''}transition ${label(from)} → ${to}.${byOther} From ${label(from)} it may go to: ${next}.` };
  }
  const ok = candidates.find((x) => x.performers.some((r) => roles.includes(r)));
  if (ok) return { allowed: true, task: ok.task, transition: ok };
  const rule = isApprovalStatus(to) ? 'ROL-11' : 'GEN-06';
  const who = candidates
    .map((x) => `${x.task} "${taskById(x.task).name}" by ${list(x.performers)}${x.signOff.length > 0 ? ` (${list(x.signOff)} sign off)` : ''}${x.basis?.startsWith('D') ? ` [${x.basis.split(':')[0]}]` : ''}`)
    .join('; or ');
  return { allowed: false, reason: `${rule}: ${wp} ${label(from)} → ${to} may be performed only through ${who}; roles held: ${list(roles)}.` };
}

/**
 * Derived (for GEN-04 / D3 input checks): statuses that a later status still satisfies. 002 names an input
 * status ("Approved") that a work product leaves once it is updated; an update by the tasks of 002 keeps it in
 * force, except for agreements (WP.03, WP.21), whose update must be approved again (RE-09, D18).
 */
const ALSO_SATISFIES: { readonly [W in WorkProductId]?: Partial<Record<StatusOf<W>, readonly StatusOf<W>[]>> } = {
  'WP.02': { Updated: ['Stored'] },
  'WP.06': { Updated: ['Maintained'] },
  'WP.08': { Updated: ['Approved'] },
  'WP.10': { Updated: ['Approved'] },
  'WP.11': { 'Approved & Updated': ['Approved'] },
  'WP.12': { Approved: ['Initial'], Updated: ['Initial'] },
  'WP.14': { Updated: ['Approved'] },
  'WP.17': { Updated: ['Approved'] },
  'WP.18': { Updated: ['Opened'] },
};

/** True when a work product in status `actual` meets a task input that asks for `required` (see ALSO_SATISFIES). */
export function statusSatisfies(wp: WorkProductId, actual: Status, required: Status): boolean {
  if (actual === required) return true;
  const extra = (ALSO_SATISFIES[wp] ?? {}) as Partial<Record<Status, readonly Status[]>>;
  return extra[actual]?.includes(required) ?? false;
}

/** GEN-04 / D3: the inputs of `task` that the current statuses do not meet (missing or in another status). */
export function unmetInputs(task: TaskId, current: Partial<Record<WorkProductId, Status>>): readonly WpRef[] {
  return taskById(task).inputs.filter((i) => {
    const actual = current[i.wp];
    return actual === undefined || !statusSatisfies(i.wp, actual, i.status);
  });
}

