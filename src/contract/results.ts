/**
 * How every resolver answers (ADR 008, ADR 011): `{ ok: true, data }` or `{ ok: false, error: { code, message } }`, so a
 * refusal reaches the UI with the server's own words (the field named, the rule broken) instead of a generic
 * "invoke failed". The codes are those of the one refusal type (src/domain/refusal.ts).
 */
import type { RefusalCode } from '../domain/refusal';

export type ResultErrorCode = RefusalCode;
export type Result<T, C extends ResultErrorCode = ResultErrorCode> = { ok: true; data: T } | { ok: false; error: { code: C; message: string } };
