/**
 * D19, SLM-08, SUP-05: an underpinning agreement (a supplier agreement, WP.21, or an internal agreement, an OLA, SLM-07)
 * must be at least as strict as every customer agreement (WP.03) it underpins. It underpins a customer agreement when
 * both cover the same service (names compared without case). For the same priority and the same measure it is weaker
 * when it allows more minutes for the first response or the resolution, or when its clock runs on service hours under a
 * customer clock that runs 24×7 (business minutes then last longer than the customer's minutes). Each weaker pair is a
 * conflict, reported on both agreements and in the reports.
 *
 * Used by the agreement panel, the agreements list, the approval rule (approving a customer agreement is refused while
 * it conflicts with an approved underpinning agreement) and the performance reports. Stable signature:
 *   agreementConflicts(agreements: readonly ConflictInput[]): AgreementConflict[]
 * Pure; the order of the answer is deterministic (customer key, underpinning key, service, priority, measure).
 */
import type { PriorityTargets } from '../policy';
import type { Priority } from '../priority-matrix';
import type { AgreementContent, AgreementKind } from './content';

/** One agreement as the rule reads it: who it is (the issue), and the terms of the version compared. */
export interface ConflictInput {
  issueKey: string;
  title: string;
  /** The version compared (approved version number), or null for a draft. */
  version: number | null;
  content: Pick<AgreementContent, 'kind' | 'services' | 'targets'>;
}

export type ConflictMeasure = 'firstResponse' | 'resolution' | 'clock';

export interface AgreementConflict {
  /** The customer agreement (WP.03). */
  customer: { issueKey: string; title: string; version: number | null };
  /** The weaker underpinning agreement (WP.21 or OLA). */
  underpinning: { issueKey: string; title: string; version: number | null; kind: Exclude<AgreementKind, 'customer'> };
  /** The shared service, as the customer agreement names it. */
  service: string;
  priority: Priority;
  measure: ConflictMeasure;
  /** The customer's target and the underpinning one (minutes), or the clocks for `clock`. */
  customerTarget: string;
  underpinningTarget: string;
  /** In words, for both panels and the reports. */
  message: string;
}

const MEASURE_WORDS: Readonly<Record<ConflictMeasure, string>> = { firstResponse: 'first response', resolution: 'resolution', clock: 'clock' };
const lower = (s: string): string => s.trim().toLowerCase();

/** "4 h", "2 h 30 min", "45 min" (a target in minutes, in words). */
export function minutesInWords(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${String(m)} min`;
  return m === 0 ? `${String(h)} h` : `${String(h)} h ${String(m)} min`;
}

const clockWords = (c: PriorityTargets['clock']): string => (c === '24x7' ? 'round the clock (24×7)' : 'on service hours');
const unitOf = (c: PriorityTargets['clock']): string => (c === '24x7' ? '' : ' of service hours');

function weaker(customer: PriorityTargets, under: PriorityTargets): Array<{ measure: ConflictMeasure; customerTarget: string; underpinningTarget: string }> {
  const out: Array<{ measure: ConflictMeasure; customerTarget: string; underpinningTarget: string }> = [];
  if (customer.clock === '24x7' && under.clock === 'serviceHours') out.push({ measure: 'clock', customerTarget: customer.clock, underpinningTarget: under.clock });
  if (under.firstResponseMinutes > customer.firstResponseMinutes) out.push({ measure: 'firstResponse', customerTarget: String(customer.firstResponseMinutes), underpinningTarget: String(under.firstResponseMinutes) });
  if (under.resolutionMinutes > customer.resolutionMinutes) out.push({ measure: 'resolution', customerTarget: String(customer.resolutionMinutes), underpinningTarget: String(under.resolutionMinutes) });
  return out;
}

export function agreementConflicts(agreements: readonly ConflictInput[]): AgreementConflict[] {
  const customers = agreements.filter((a) => a.content.kind === 'customer');
  const unders = agreements.filter((a) => a.content.kind !== 'customer');
  const out: AgreementConflict[] = [];
  for (const c of customers) {
    for (const u of unders) {
      const underServices = new Set(u.content.services.map(lower));
      for (const service of c.content.services) {
        if (!underServices.has(lower(service))) continue;
        for (const [priority, ct] of Object.entries(c.content.targets) as Array<[Priority, PriorityTargets | undefined]>) {
          const ut = u.content.targets[priority];
          if (!ct || !ut) continue;
          for (const w of weaker(ct, ut)) {
            const uKind = u.content.kind as Exclude<AgreementKind, 'customer'>;
            const who = uKind === 'supplier' ? 'supplier agreement' : 'internal agreement';
            const message = w.measure === 'clock'
              ? `${priority} priority on "${service.trim()}": the ${who} ${u.issueKey} runs its clock on service hours while the customer agreement ${c.issueKey} runs round the clock (24×7); the underpinning agreement is weaker, so one of them has to change (D19, SLM-08).`
              : `${priority} priority on "${service.trim()}": the ${who} ${u.issueKey} allows ${minutesInWords(Number(w.underpinningTarget))}${unitOf(ut.clock)} for the ${MEASURE_WORDS[w.measure]}, the customer agreement ${c.issueKey} promises ${minutesInWords(Number(w.customerTarget))}${unitOf(ct.clock)} (${clockWords(ct.clock)}); the underpinning agreement is weaker, so one of them has to change (D19, SLM-08).`;
            out.push({
              customer: { issueKey: c.issueKey, title: c.title, version: c.version },
              underpinning: { issueKey: u.issueKey, title: u.title, version: u.version, kind: uKind },
              service: service.trim(), priority, measure: w.measure, customerTarget: w.customerTarget, underpinningTarget: w.underpinningTarget, message,
            });
          }
        }
      }
    }
  }
  const order: Readonly<Record<ConflictMeasure, number>> = { clock: 0, firstResponse: 1, resolution: 2 };
  return out.sort((a, b) => a.customer.issueKey.localeCompare(b.customer.issueKey) || a.underpinning.issueKey.localeCompare(b.underpinning.issueKey)
    || a.service.localeCompare(b.service) || a.priority.localeCompare(b.priority) || order[a.measure] - order[b.measure]);
}

/** The conflicts that concern one agreement (as the customer or as the underpinning one). */
export function conflictsOf(issueKey: string, conflicts: readonly AgreementConflict[]): AgreementConflict[] {
  return conflicts.filter((c) => c.customer.issueKey === issueKey || c.underpinning.issueKey === issueKey);
}
