import Lozenge from '@atlaskit/lozenge';
import { token } from '@atlaskit/tokens';
import { useEffect, useId, useRef } from 'react';
import { Block, Muted } from './Block';
import { CLOCK_STATE, dueText, formatDuration, formatInstant, METRIC_LABEL, progressOf, remainingText, targetText, ticks } from './format';
import type { ClockView, IncidentSection } from './types';
import { useSinceView } from './useSinceView';

interface TimeBase {
  /** The server's instant of the view. */
  serverNow: string;
  /** Browser time since the view arrived (ms). */
  sinceView: number;
  /** The viewer's zone (every instant), and the policy's service-hours zone (named only for business-hour targets). */
  timeZone: string | undefined;
  serviceZone: string;
  /** The incident's priority now: a clock judged by another priority (before a change) says so. */
  currentPriority: string | null;
  locale: string | undefined;
}

/** JSM's SLA colours as Atlaskit tokens: running in progress (blue), met success, breached danger, paused or stopped neutral. */
const BAR_COLOUR: Readonly<Record<ClockView['state'], string>> = {
  running: token('color.background.information.bold'),
  met: token('color.background.success.bold'),
  breached: token('color.background.danger.bold'),
  paused: token('color.background.neutral.bold'),
  stopped: token('color.background.neutral.bold'),
};

/** The share of the target used, coloured by the clock's state (Atlaskit's progress bar has no danger or information colour). */
function SlaBar({ value, state, label }: { value: number; state: ClockView['state']; label: string }) {
  const percent = Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      data-testid="sd-clock-bar"
      data-state={state}
      style={{ height: 6, borderRadius: 3, background: token('color.background.neutral'), overflow: 'hidden' }}
    >
      <div style={{ width: `${percent}%`, height: '100%', borderRadius: 3, background: BAR_COLOUR[state] }} />
    </div>
  );
}

/** One SLA clock (D9–D11): its state, what is left (live for a running 24×7 clock), the target and the due instant. */
function ClockBlock({ clock: c, base }: { clock: ClockView; base: TimeBase }) {
  const headingId = useId();
  const state = CLOCK_STATE[c.state];
  const value = progressOf(c, base.sinceView);
  const due = dueText(c, base.timeZone, base.locale);
  const title = `${METRIC_LABEL[c.metric]}${c.cycle > 1 ? ` (cycle ${c.cycle})` : ''}`;
  return (
    <div className="sd-inc-clock" role="group" aria-labelledby={headingId} data-testid={`sd-clock-${c.metric}`} data-state={c.state} data-clock={c.clock}>
      <div className="sd-inc-clock-head">
        <h3 id={headingId} className="sd-inc-subtitle">
          {title}
        </h3>
        <Lozenge testId={`sd-clock-${c.metric}-state`} appearance={state.appearance}>
          {state.label}
        </Lozenge>
      </div>
      <p className="sd-inc-remaining" data-testid="sd-clock-remaining">
        {remainingText(c, base.sinceView, base.serverNow)}
      </p>
      <SlaBar value={value} state={c.state} label={`${title}: ${Math.round(value * 100)}% of the target used`} />
      <p className="sd-inc-line">
        <span data-testid="sd-clock-target">{targetText(c, base.serviceZone)}</span>
        {base.currentPriority !== null && c.priority !== base.currentPriority ? (
          <span className="sd-inc-muted" data-testid="sd-clock-priority">
            {' '}
            · the target for {c.priority}, the priority when this clock {c.stop !== null ? 'ran' : 'started'}
          </span>
        ) : null}
      </p>
      {due !== null ? (
        <p className="sd-inc-muted" data-testid="sd-clock-due">
          {due}
        </p>
      ) : null}
    </div>
  );
}

function EarlierCycles({ cycles, base }: { cycles: readonly ClockView[]; base: TimeBase }) {
  if (cycles.length === 0) return null;
  return (
    <details className="sd-inc-details" data-testid="sd-clock-earlier">
      <summary>
        Earlier resolution {cycles.length === 1 ? 'cycle' : 'cycles'} ({cycles.length}, before a reopen)
      </summary>
      <ul className="sd-inc-rows">
        {cycles.map((c) => (
          <li key={`${c.metric}#${c.cycle}`} data-testid="sd-clock-cycle" data-state={c.state}>
            <span className="sd-inc-strong">Cycle {c.cycle}</span>{' '}
            <Lozenge appearance={CLOCK_STATE[c.state].appearance}>{CLOCK_STATE[c.state].label}</Lozenge>{' '}
            {remainingText(c, 0, base.serverNow)} · target {formatDuration(c.targetMs)} for {c.priority} · started{' '}
            {formatInstant(c.start, base.timeZone, base.locale)}
            {c.stop !== null ? `, stopped ${formatInstant(c.stop, base.timeZone, base.locale)}` : ''}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** The state summary for assistive technology: it changes with a state, never with the seconds. */
function summaryOf(clocks: ReadonlyArray<ClockView | null>, sinceView: number): string {
  return clocks
    .filter((c): c is ClockView => c !== null)
    .map((c) => {
      const passed = ticks(c) && c.remainingMs - sinceView <= 0;
      return `${METRIC_LABEL[c.metric]}: ${passed ? 'due time passed' : CLOCK_STATE[c.state].label.toLowerCase()}.`;
    })
    .join(' ');
}

const MAX_DUE_RELOADS = 3;
const DUE_RELOAD_DELAY_MS = 2000;

/**
 * The SLA clocks. A running 24×7 clock counts down every second from the server's figures; a running
 * service-hours clock shows the server's remaining business time and does not tick (the browser cannot know the
 * service calendar). When a live countdown reaches zero the view is reloaded (a few times at most), so the server
 * judges the breach.
 */
export function Clocks({
  clocks,
  serverNow,
  receivedAt,
  timeZone,
  serviceZone,
  currentPriority,
  locale,
  onDue,
  title = 'SLA clocks',
  basis,
}: {
  clocks: IncidentSection['clocks'];
  serverNow: string;
  receivedAt: number;
  timeZone: string | undefined;
  serviceZone: string;
  currentPriority: string | null;
  locale: string | undefined;
  onDue: () => void;
  title?: string;
  /** D18: what the targets come from: the customer agreement covering the incident, or the policy (null). */
  basis?: { agreement: IncidentSection['agreement']; policyVersion: number | null };
}) {
  const current = [clocks.firstResponse, clocks.resolution];
  const live = current.some((c) => c !== null && (ticks(c) || (c.state === 'breached' && c.stop === null)));
  const sinceView = useSinceView(receivedAt, live);
  const base: TimeBase = { serverNow, sinceView, timeZone, serviceZone, currentPriority, locale };

  const dueNow = current.some((c) => c !== null && ticks(c) && c.remainingMs > 0 && c.remainingMs - sinceView <= 0);
  const reloads = useRef(0);
  useEffect(() => {
    if (!dueNow || reloads.current >= MAX_DUE_RELOADS) return undefined;
    const id = window.setTimeout(() => {
      reloads.current += 1;
      onDue();
    }, DUE_RELOAD_DELAY_MS);
    return () => window.clearTimeout(id);
  }, [dueNow, onDue]);

  return (
    <Block id="sd-inc-clocks" title={title}>
      {basis ? <TargetsBasis {...basis} /> : null}
      {clocks.firstResponse === null && clocks.resolution === null ? (
        <Muted testId="sd-clocks-empty">No SLA clock runs for this incident.</Muted>
      ) : (
        <div className="sd-inc-clocks">
          {clocks.firstResponse ? <ClockBlock clock={clocks.firstResponse} base={base} /> : null}
          {clocks.resolution ? <ClockBlock clock={clocks.resolution} base={base} /> : null}
        </div>
      )}
      <EarlierCycles cycles={clocks.earlierCycles} base={base} />
      <p className="sd-visually-hidden" role="status" aria-live="polite">
        {summaryOf(current, sinceView)}
      </p>
    </Block>
  );
}

/** D18: the targets' source in words: the agreement (its title and version) or the service delivery policy. */
function TargetsBasis({ agreement, policyVersion }: { agreement: IncidentSection['agreement']; policyVersion: number | null }) {
  return (
    <p className="sd-inc-muted" data-testid="sd-clocks-basis">
      {agreement
        ? <>Targets of <strong>{agreement.title}</strong> ({agreement.issueKey}, version {agreement.version})</>
        : policyVersion !== null ? <>Targets of the service delivery policy (version {policyVersion}); no agreement covers this incident</> : <>Default targets; no policy is approved and no agreement covers this incident</>}
    </p>
  );
}
