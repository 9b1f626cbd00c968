import type { SiteEvent } from '../jira/site';
import { INTERVAL_MS, type AppManifest } from './manifest';
import type { RuntimeHost } from './runtime-host';

export interface DeliveryMode { duplicate: boolean; reorder: boolean }

export interface DeliveryRecord {
  seq: number; eventId: string; eventType: string; triggerKey: string; issueKey: string | null;
  attempt: number; deliveredAt: number; ok: boolean; error?: string; payload: Record<string, unknown>;
}

interface Pending { eventId: string; event: SiteEvent; triggerKey: string; functionKey: string; copy: number }

/**
 * Delivers product events to the manifest's triggers, at least once, after the REST call that caused them
 * has answered (as Forge does). A test switch delivers every event twice and in reverse order within a batch,
 * so handlers are proven idempotent and order-independent.
 */
export class EventBus {
  private queue: Pending[] = [];
  private running = false;
  private inFlight: Promise<void> | null = null;
  private seq = 0;
  private eventSeq = 0;
  readonly log: DeliveryRecord[] = [];
  mode: DeliveryMode;

  constructor(private readonly manifest: AppManifest, private readonly runtime: RuntimeHost, private readonly ctx: { cloudId: string; now: () => number; appAccountId: string; log: (l: string) => void }, mode: DeliveryMode) {
    this.mode = mode;
  }

  emit(event: SiteEvent): void {
    const eventId = `evt-${++this.eventSeq}`;
    for (const trigger of this.manifest.triggers) {
      if (!trigger.events.includes(event.eventType)) continue;
      if (trigger.ignoreSelf && event.actorAccountId === this.ctx.appAccountId) continue;
      const copies = this.mode.duplicate ? 2 : 1;
      for (let copy = 0; copy < copies; copy++) this.queue.push({ eventId, event, triggerKey: trigger.key, functionKey: trigger.function, copy });
    }
    this.kick();
  }

  private kick(): void {
    if (this.running) return;
    this.running = true;
    this.inFlight = (async () => {
      // Let the REST response go out first, and let a burst of events gather when reordering.
      await new Promise((r) => setTimeout(r, this.mode.reorder ? 30 : 0));
      while (this.queue.length) {
        let batch = this.queue;
        this.queue = [];
        if (this.mode.reorder) batch = [...batch].reverse();
        for (const item of batch) await this.deliver(item);
      }
      this.running = false;
    })();
  }

  private async deliver(item: Pending): Promise<void> {
    const payload = {
      ...item.event.payload,
      eventType: item.event.eventType,
      atlassianId: item.event.actorAccountId,
      associatedUsers: [{ accountId: item.event.actorAccountId }],
    };
    const context = { installContext: `ari:cloud:jira::site/${this.ctx.cloudId}`, cloudId: this.ctx.cloudId, moduleKey: item.triggerKey };
    const record: DeliveryRecord = {
      seq: ++this.seq, eventId: item.eventId, eventType: item.event.eventType, triggerKey: item.triggerKey,
      issueKey: (item.event.payload.issue as { key?: string } | undefined)?.key ?? null, attempt: item.copy + 1, deliveredAt: this.ctx.now(), ok: true, payload,
    };
    try {
      await this.runtime.invoke(item.functionKey, item.triggerKey, null, [payload, context]);
    } catch (e) {
      record.ok = false;
      record.error = e instanceof Error ? e.message : String(e);
      this.ctx.log(`trigger ${item.triggerKey} failed on ${item.event.eventType}: ${record.error}`);
    }
    this.log.push(record);
    if (this.log.length > 1000) this.log.splice(0, this.log.length - 1000);
  }

  /** Resolves once every queued delivery has run (tests and the control API wait on this). */
  async settle(): Promise<void> {
    while (this.running || this.queue.length) {
      if (this.inFlight) await this.inFlight;
      else await new Promise((r) => setTimeout(r, 5));
    }
  }
}

/** One run of a scheduled trigger; `jiraCalls` counts the Jira REST calls the function made (benchmarks read it). */
export interface ScheduledRun { key: string; at: number; ok: boolean; error?: string; result?: unknown; jiraCalls?: number; durationMs?: number; trigger: 'interval' | 'on-demand' }

/** Runs scheduled triggers on their interval of the sandbox clock (once per elapsed interval, no catch-up storm) and on demand. */
export class Scheduler {
  private readonly lastRun = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private busy = false;
  readonly runs: ScheduledRun[] = [];

  constructor(private readonly manifest: AppManifest, private readonly runtime: RuntimeHost, private readonly ctx: { cloudId: string; now: () => number; log: (l: string) => void }) {}

  start(pollMs = 2000): void {
    const start = this.ctx.now();
    for (const s of this.manifest.scheduled) this.lastRun.set(s.key, start);
    this.timer = setInterval(() => { void this.tick(); }, pollMs);
    this.timer.unref();
  }

  stop(): void { if (this.timer) clearInterval(this.timer); this.timer = null; }

  async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      for (const s of this.manifest.scheduled) {
        const last = this.lastRun.get(s.key) ?? this.ctx.now();
        if (this.ctx.now() - last >= INTERVAL_MS[s.interval]) await this.run(s.key, 'interval');
      }
    } finally { this.busy = false; }
  }

  async run(key: string, trigger: ScheduledRun['trigger']): Promise<ScheduledRun> {
    const s = this.manifest.scheduled.find((x) => x.key === key);
    if (!s) throw new Error(`No scheduled trigger '${key}' in manifest.yml.`);
    const at = this.ctx.now();
    this.lastRun.set(key, at);
    const run: ScheduledRun = { key, at, ok: true, trigger };
    try {
      const started = Date.now();
      const out = await this.runtime.invoke(s.function, s.key, null, [{ context: { cloudId: this.ctx.cloudId, moduleKey: s.key } }, { installContext: `ari:cloud:jira::site/${this.ctx.cloudId}` }]);
      run.result = out.result;
      run.jiraCalls = out.jiraCalls;
      run.durationMs = Date.now() - started;
    } catch (e) {
      run.ok = false;
      run.error = e instanceof Error ? e.message : String(e);
      this.ctx.log(`scheduled trigger ${key} failed: ${run.error}`);
    }
    this.runs.push(run);
    if (this.runs.length > 200) this.runs.splice(0, this.runs.length - 200);
    return run;
  }
}
