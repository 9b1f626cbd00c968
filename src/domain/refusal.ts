/**
 * The one refusal type of the app (ADR 011). Whoever decides that a request cannot be done — a surface's checks, a
 * use case, a rule — throws a Refusal with a code and the words the person reads; every resolver answers it as
 * `{ ok: false, error: { code, message } }`.
 * - `invalid-input`: the payload (or the surface's context) breaks its schema or a stated limit; nothing changed;
 * - `forbidden`: the caller may not do this (29110 role, Jira permission, or the wrong surface);
 * - `conflict`: someone else changed the record meanwhile (reload and apply again);
 * - `refused`: the request is well formed and allowed, but the record's state or a rule refuses it;
 * - `failed`: something broke (Jira or storage unavailable); nothing the caller did wrong.
 */
export type RefusalCode = 'invalid-input' | 'forbidden' | 'conflict' | 'refused' | 'failed';

export class Refusal extends Error {
  constructor(readonly code: RefusalCode, message: string) { super(message); this.name = 'Refusal'; }
}
