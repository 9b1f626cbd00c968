/**
 * The sandbox clock: real time shifted by an offset. `SANDBOX_NOW` sets the start; tests and demos move it
 * forward at run time so SLA clocks and escalations can be shown. Everything in the sandbox that needs "now"
 * (timestamps, JQL now(), KVS TTL, scheduled triggers, the app's context) reads this clock.
 */
export class SandboxClock {
  private offsetMs: number;
  constructor(offsetMs = 0, private readonly realNow: () => number = Date.now) { this.offsetMs = offsetMs; }
  now(): number { return this.realNow() + this.offsetMs; }
  get offset(): number { return this.offsetMs; }
  set(instant: number): void { this.offsetMs = instant - this.realNow(); }
  advance(ms: number): void {
    if (ms < 0) throw new Error('The sandbox clock only moves forward.');
    this.offsetMs += ms;
  }
}
