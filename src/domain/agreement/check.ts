/**
 * The rules of one agreement's content (WP.03, WP.21; RE.2.1, RE.2.2, RE-08, SLM-04..SLM-09; D8, D9, D10, D18), all
 * issues at once, each naming the field by the label the panel shows and the rule broken. A draft may be saved with
 * issues (RE.2.1 is drafting); approval (RE.2.2) needs none, with `forApproval` adding the approval-only rules (RE-08: a
 * service of an approved catalogue; SLM-09: the feasibility assessment; approvers and owners named).
 */
import { checkPolicy, type ServiceDeliveryPolicy } from '../policy';
import { AGREEMENT_KIND_LABELS, type AgreementContent, type AgreementKind } from './content';
import { policyUnderAgreement } from './in-force';

export interface AgreementIssue {
  /** The field, in the content's shape: `keyDates.end`, `targets.High.resolutionMinutes`, `services`. */
  path: string;
  /** The requirement or decision broken, e.g. `RE-08`, `D9`, `SLM-09`. */
  rule: string;
  /** Names the field in words, says what is wrong and how to fix it. */
  message: string;
}

export interface AgreementCheckOptions {
  /** The services of the approved catalogue(s) (names, compared without case): RE-08. */
  approvedServices: readonly string[];
  /** The approved policy: the agreement's terms are checked as the policy's would be (its matrix when it has none). */
  policy: ServiceDeliveryPolicy;
  /** YYYY-MM-DD. */
  today: string;
  /** RE.2.2: the approval-only rules. */
  forApproval: boolean;
}

/** The labels the panel shows for the content's own fields. */
export const AGREEMENT_FIELD_LABELS: Readonly<Record<string, string>> = {
  kind: 'Kind of agreement',
  'party.name': 'Party',
  'party.organizationId': 'Customer organization',
  services: 'Services covered',
  contacts: 'Customer contacts',
  'owners.provider': 'Owner for the service provider',
  'owners.party': 'Owner for the other party',
  'keyDates.start': 'Start date',
  'keyDates.end': 'End date',
  'keyDates.reviewOn': 'First review date',
  'keyDates.reviewIntervalMonths': 'Review every (months)',
  approvers: 'Approving parties',
  feasibility: 'Feasibility assessment',
  terms: 'Terms',
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (d: string): boolean => DATE.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;
const blank = (s: string | null | undefined): boolean => (s ?? '').trim() === '';
const lower = (s: string): string => s.trim().toLowerCase();

/** The other party in words, for messages: "the customer", "the supplier", "the internal group". */
export function partyWord(kind: AgreementKind): string {
  return kind === 'customer' ? 'customer' : kind === 'supplier' ? 'supplier' : 'internal group';
}

/** The SLA part (targets, service hours, matrix): the policy's rules on the agreement's terms, its paths kept. */
function slaIssues(content: AgreementContent, opts: AgreementCheckOptions): AgreementIssue[] {
  const under = policyUnderAgreement(opts.policy, content);
  // The policy's own review date and texts are not the agreement's: only its SLA sections are checked here.
  const issues = checkPolicy({ ...under, reviewDueOn: '9999-12-31' }, { today: opts.today, forApproval: false });
  return issues
    .filter((i) => i.path.startsWith('targets') || i.path.startsWith('serviceHours') || (content.priorityMatrix !== null && i.path.startsWith('priorityMatrix')))
    .map((i) => ({ path: i.path, rule: i.rule, message: i.message }));
}

export function checkAgreement(content: AgreementContent, opts: AgreementCheckOptions): AgreementIssue[] {
  const issues: AgreementIssue[] = [];
  const add = (path: string, rule: string, message: string): void => { issues.push({ path, rule, message }); };
  const party = partyWord(content.kind);

  // WP.03/WP.21: the other party is named; a customer agreement names a JSM organization or is the master (D18).
  if (blank(content.party.name)) {
    add('party.name', 'WP.03', content.kind === 'customer' && content.party.organizationId === null
      ? 'Party is empty; a master agreement for every customer is named "All customers" (D18, SLM-05).'
      : `Party is empty; name the ${party} this agreement is with (WP.03, WP.21).`);
  }
  if (content.kind !== 'customer' && content.party.organizationId !== null) {
    add('party.organizationId', 'D18', `Customer organization: a ${AGREEMENT_KIND_LABELS[content.kind].toLowerCase()} is not with a customer organization; clear it (D18).`);
  }

  // RE.2.1: the scope of service(s).
  const seen = new Map<string, number>();
  content.services.forEach((s, i) => {
    if (blank(s)) { add(`services.${String(i)}`, 'WP.03', `Service ${String(i + 1)} is empty; choose a service of the catalogue or remove the line (WP.03).`); return; }
    const first = seen.get(lower(s));
    if (first !== undefined) add(`services.${String(i)}`, 'WP.03', `Service ${String(i + 1)} "${s.trim()}" repeats service ${String(first + 1)}; remove one of them (WP.03).`);
    else seen.set(lower(s), i);
  });
  if (content.services.length === 0) add('services', 'WP.03', 'Services covered: none is chosen; choose the catalogue services this agreement covers (WP.03, WP.21 "scope of services").');

  issues.push(...slaIssues(content, opts));

  // D12: contacts are distinct people.
  const contacts = new Set<string>();
  content.contacts.forEach((c, i) => {
    if (contacts.has(c)) add(`contacts.${String(i)}`, 'D12', `Customer contact ${String(i + 1)} is listed twice; remove one (D12).`);
    contacts.add(c);
  });
  if (content.kind !== 'customer' && content.contacts.length > 0) {
    add('contacts', 'D12', `Customer contacts: only a customer agreement names the contacts who may confirm a resolution; clear them for a ${party} (D12).`);
  }

  // WP.03/WP.21 key dates (start, review, end).
  const k = content.keyDates;
  const startOk = validDate(k.start);
  if (!startOk) add('keyDates.start', 'WP.03', `Start date "${k.start}" is not a calendar date YYYY-MM-DD (WP.03 key dates).`);
  if (k.end !== null && !validDate(k.end)) add('keyDates.end', 'WP.03', `End date "${k.end}" is not a calendar date YYYY-MM-DD; leave it empty for an open-ended agreement (WP.03).`);
  else if (k.end !== null && startOk && k.end < k.start) add('keyDates.end', 'WP.03', `End date ${k.end} is before the start date ${k.start}; the agreement must start before it ends (WP.03 key dates).`);
  if (!validDate(k.reviewOn)) add('keyDates.reviewOn', 'D18', `First review date "${k.reviewOn}" is not a calendar date YYYY-MM-DD (D18).`);
  else if (startOk && k.reviewOn < k.start) add('keyDates.reviewOn', 'D18', `First review date ${k.reviewOn} is before the start date ${k.start}; review the agreement after it starts (D18, RE.2.5).`);
  else if (k.end !== null && validDate(k.end) && k.reviewOn > k.end) add('keyDates.reviewOn', 'D18', `First review date ${k.reviewOn} is after the end date ${k.end}; review the agreement while it runs (D18).`);

  // RE.2.2, ROL-12: the approving parties; the other party signs its own agreement (SLM-04: both managements).
  const approverSeen = new Set<string>();
  content.approvers.forEach((a, i) => {
    if (approverSeen.has(a)) add(`approvers.${String(i)}`, 'ROL-12', `Approving party ${a} is listed twice; remove one (ROL-12).`);
    approverSeen.add(a);
  });
  if (content.kind === 'customer' && content.approvers.includes('SUP')) add('approvers', 'ROL-12', 'Approving parties: a customer agreement is not signed by a supplier (SUP); remove it and list the customer (CUS) (RE.2.2, ROL-12).');
  if (content.kind === 'supplier' && content.approvers.includes('CUS')) add('approvers', 'ROL-12', 'Approving parties: a supplier agreement is not signed by a customer (CUS); remove it and list the supplier (SUP) (RE.2.2, ROL-12).');

  if (opts.forApproval) {
    if (content.approvers.length === 0) add('approvers', 'ROL-12', 'Approving parties: none is listed; list who approves this agreement (MGT, SM, and the customer or supplier) (RE.2.2, ROL-12).');
    else if (!content.approvers.includes('SM') && !content.approvers.includes('MGT')) add('approvers', 'SLM-04', 'Approving parties: nobody approves for the service provider; list the Service Manager (SM) or Management (MGT) (SLM-04, RE.2.2).');
    if (blank(content.owners.provider)) add('owners.provider', 'WP.03', 'Owner for the service provider is empty; name the person who owns this agreement for the service provider (WP.03 "defined owner").');
    if (blank(content.owners.party)) add('owners.party', 'WP.03', `Owner for the other party is empty; name the person who owns this agreement for the ${party} (WP.03, WP.21 "defined owner").`);
    // SLM-09, RE-12: targets are committed only after a feasibility assessment.
    if (blank(content.feasibility)) add('feasibility', 'SLM-09', 'Feasibility assessment is empty; record how the current resources, capacity and past performance show the targets can be met before approving them (SLM-09, RE-12).');
    // RE-08: based on the published catalogue.
    const approved = new Set(opts.approvedServices.map(lower));
    const covered = content.services.filter((s) => approved.has(lower(s)));
    if (content.services.length > 0 && covered.length === 0) {
      add('services', 'RE-08', approved.size === 0
        ? 'Services covered: there is no approved service catalogue yet; an agreement is based on the published catalogue, so approve the catalogue first (RE-08, RE.1.2).'
        : `Services covered: none of ${content.services.map((s) => `"${s.trim()}"`).join(', ')} is a service of an approved catalogue; cover at least one catalogue service (RE-08).`);
    }
  }
  return issues;
}

/** The services of the agreement that are not in an approved catalogue (shown as a finding, RE-08). */
export function servicesOutsideCatalogue(content: Pick<AgreementContent, 'services'>, approvedServices: readonly string[]): string[] {
  const approved = new Set(approvedServices.map(lower));
  return content.services.filter((s) => !blank(s) && !approved.has(lower(s)));
}

// ---------------------------------------------------------------------------------------------------------------
// Review (D18: quarterly by default; RE.2.5)

function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = (m - 1) + months;
  const year = y + Math.floor(total / 12);
  const month = ((total % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, last))).toISOString().slice(0, 10);
}

export interface ReviewState {
  /** The review date reached (the latest of the review dates up to today), or the first one when none is reached. */
  dueOn: string;
  /** A review date was reached and the agreement has not been reviewed (nor re-approved) since. */
  due: boolean;
  /** The next review date after today. */
  nextOn: string;
}

/**
 * D18: an agreement is reviewed on `keyDates.reviewOn` and then every `reviewIntervalMonths` (quarterly by default).
 * The review of a date is done when the agreement was reviewed or approved on or after it (`lastReviewedOn`).
 */
export function reviewState(keyDates: AgreementContent['keyDates'], today: string, lastReviewedOn: string | null): ReviewState {
  const every = Math.max(1, keyDates.reviewIntervalMonths);
  if (!validDate(keyDates.reviewOn) || keyDates.reviewOn > today) return { dueOn: keyDates.reviewOn, due: false, nextOn: keyDates.reviewOn };
  // An agreement that has ended is not reviewed any more (a review date after its end is never due).
  const due = (reached: string): boolean => (lastReviewedOn === null || lastReviewedOn < reached) && (keyDates.end === null || reached <= keyDates.end);
  let reached = keyDates.reviewOn;
  for (let i = 1; i < 2000; i++) {
    const next = addMonths(keyDates.reviewOn, i * every);
    if (next > today) return { dueOn: reached, due: due(reached), nextOn: next };
    reached = next;
  }
  return { dueOn: reached, due: due(reached), nextOn: addMonths(reached, every) };
}
