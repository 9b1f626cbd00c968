import { renderCommunication, type CommunicationEvent, type ServiceDeliveryPolicy } from '../policy';
import { HOUR_MS, MINUTE_MS, type Instant } from '../sla/calendar';
import type { EscalationDecision } from '../sla/replay';
import type { IncidentEvaluation } from './evaluate';
import type { IncidentSnapshot } from './snapshot';

/**
 * IN-10, D14: the standard messages of WP.14 filled in for one incident. Times are written in the policy's service
 * time zone (the zone the customer agreed the service hours in), so a customer reads the same clock as the SLA.
 */

/** "2026-12-01 14:05 Europe/Berlin". */
export function formatInstant(t: Instant | null, timeZone: string): string {
  if (t === null) return 'not set (the clock is paused or stopped)';
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(t));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')} ${timeZone}`;
}

/** "4 h", "30 min", "1 h 30 min", "3 business days"-free: business durations are shown in hours and minutes. */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '−' : '';
  const abs = Math.abs(ms);
  const h = Math.floor(abs / HOUR_MS);
  const m = Math.floor((abs % HOUR_MS) / MINUTE_MS);
  if (h === 0) return `${sign}${String(m)} min`;
  return m === 0 ? `${sign}${String(h)} h` : `${sign}${String(h)} h ${String(m)} min`;
}

const METRIC_WORDS = { firstResponse: 'first response', resolution: 'resolution' } as const;

/**
 * The `{{threshold}}` of the escalation message: "4 h resolution time" (the management threshold) or
 * "2 h first response time (warning)". The template says "passed the {{threshold}} escalation threshold" and
 * "Escalated to management ({{threshold}})", so the label names neither "escalation" nor "management" itself.
 */
export function thresholdLabel(d: Pick<EscalationDecision, 'thresholdId' | 'afterMs' | 'metric'>): string {
  return `${formatDuration(d.afterMs)} ${METRIC_WORDS[d.metric]} time${d.thresholdId === 'management' ? '' : ` (${d.thresholdId})`}`;
}

/** "Escalated to management after 4 h of resolution time": one escalation in words, for the panel and the report. */
export function escalationText(d: Pick<EscalationDecision, 'thresholdId' | 'afterMs' | 'metric'>): string {
  const who = d.thresholdId === 'management' ? 'Escalated to management' : `Escalated (${d.thresholdId})`;
  return `${who} after ${formatDuration(d.afterMs)} of ${METRIC_WORDS[d.metric]} time`;
}

/** Someone notified or named on an incident: their name where known, and the roles they hold. */
export interface NamedPerson { name: string | null; roles: readonly string[] }

/**
 * "Ines Kowalski (Incident Manager)", "Sofia Rossi (Service Manager)", "the Service Manager" when only the role is
 * known: each person with their own role, never a role beside someone else's name.
 */
export function personText(p: NamedPerson): string {
  const roles = p.roles.join(' and ');
  if (p.name === null) return roles ? `the ${roles}` : 'someone no longer in the role list';
  return roles ? `${p.name} (${roles})` : p.name;
}

/** "Ines Kowalski (Incident Manager) and Sofia Rossi (Service Manager)". */
export function peopleText(people: readonly NamedPerson[]): string {
  const t = people.map(personText);
  if (t.length <= 1) return t[0] ?? 'nobody';
  return `${t.slice(0, -1).join(', ')} and ${t[t.length - 1] ?? ''}`;
}

export function messageValues(s: IncidentSnapshot, ev: IncidentEvaluation, policy: ServiceDeliveryPolicy, extra: { threshold?: string } = {}): Record<string, string> {
  const current = ev.replay.resolution[ev.replay.resolution.length - 1];
  return {
    issueKey: s.key,
    summary: s.summary,
    priority: ev.state.priority.value ?? s.priority ?? 'not set',
    status: s.status.name,
    service: s.fields.services.length ? s.fields.services.join(', ') : 'no service named',
    agent: s.assignee?.displayName ?? 'the service desk',
    dueAt: formatInstant(current?.dueAt ?? null, policy.serviceHours.timeZone),
    resolution: s.resolution ?? 'not recorded',
    ...(extra.threshold !== undefined ? { threshold: extra.threshold } : {}),
  };
}

export function renderStandardMessage(event: CommunicationEvent, s: IncidentSnapshot, ev: IncidentEvaluation, policy: ServiceDeliveryPolicy, extra: { threshold?: string } = {}): { subject: string; body: string } {
  const { subject, body } = renderCommunication(policy.communication[event], messageValues(s, ev, policy, extra));
  return { subject, body };
}

/**
 * D13, INC-21, INC-22: the major-incident report, written from the record itself so it cannot disagree with it:
 * what happened, who managed it, the clocks, the escalations, the root cause and the changes that follow up.
 */
export function majorIncidentReport(s: IncidentSnapshot, ev: IncidentEvaluation, policy: ServiceDeliveryPolicy): string {
  const tz = policy.serviceHours.timeZone;
  const st = ev.state;
  const lines: string[] = [
    `Major-incident report for ${s.key}: ${s.summary}`,
    '',
    `Priority: ${st.priority.value ?? 'not set'} (${st.priority.text})`,
    `Services: ${st.classification.services.join(', ') || 'none named'}; configuration items: ${st.classification.cis.join(', ') || 'none named'}`,
    `Major incident manager: ${st.majorIncidentManager?.displayName ?? 'not named'}`,
    `Opened: ${formatInstant(s.createdAt, tz)}; status now: ${s.status.name}${s.resolution ? ` (resolution: ${s.resolution})` : ''}`,
    '',
    'Service level clocks:',
    ...ev.replay.firstResponse.concat(ev.replay.resolution).map((c) => `- ${c.metric === 'firstResponse' ? 'First response' : `Resolution cycle ${String(c.index)}`}: target ${formatDuration(c.targetMs)} (${c.priority}), ${c.stop === null ? 'still running' : `stopped ${formatInstant(c.stop, tz)}`}, used ${formatDuration(c.elapsedMs)}, ${c.breached ? 'BREACHED' : c.met === true ? 'met' : 'not breached yet'}`),
    '',
    `Escalations: ${st.escalations.length ? st.escalations.map((e) => `${escalationText(e)}, on ${formatInstant(Date.parse(e.escalatedAt), tz)}`).join('; ') : 'none'}`,
    `Root cause: ${(s.fields.rootCause ?? '').trim() || 'not recorded yet'}`,
    `Follow-up changes: ${s.links.filter((l) => l.other.kind === 'service-change-request').map((l) => `${l.other.key} (${l.other.status})`).join(', ') || 'none linked yet'}`,
  ];
  return lines.join('\n');
}
