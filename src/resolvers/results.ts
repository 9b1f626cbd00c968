import type { z } from 'zod';
import { ResolverInputError } from './context';

/**
 * How resolvers that act answer (ADR 008): `{ ok: true, data }` or `{ ok: false, error: { code, message } }`, so a
 * refusal reaches the UI with the server's own words (the field named, the rule broken) instead of a generic
 * "invoke failed". One place for the codes, the refusal error and the wrapper; the admin page, the incident panel
 * and the reports use it.
 */
export type ResultErrorCode = 'invalid-input' | 'forbidden' | 'conflict' | 'refused' | 'failed';
export type Result<T, C extends ResultErrorCode = ResultErrorCode> = { ok: true; data: T } | { ok: false; error: { code: C; message: string } };

/** A refusal with its code: the caller may not, or the request does not fit the rules. */
export class RefusedError<C extends ResultErrorCode = ResultErrorCode> extends Error {
  constructor(readonly code: C, message: string) { super(message); this.name = 'RefusedError'; }
}

/** Runs the work and answers its result; `codeOf` maps a surface's own errors (e.g. a storage conflict). */
export async function answer<T>(what: string, work: () => Promise<T>, codeOf: (e: unknown) => ResultErrorCode | null = () => null): Promise<Result<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (e) {
    const code = e instanceof RefusedError ? e.code : e instanceof ResolverInputError ? 'invalid-input' : codeOf(e) ?? 'failed';
    if (code === 'failed') console.error(`${what} failed`, e);
    return { ok: false, error: { code, message: e instanceof Error ? e.message : String(e) } };
  }
}

/** A payload checked against its schema; an invalid one is refused naming each field and the rule it breaks. */
export function parsePayload<S extends z.ZodType>(schema: S, payload: unknown): z.infer<S> {
  const parsed = schema.safeParse(payload ?? {});
  if (!parsed.success) throw new ResolverInputError(`The request is invalid: ${parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'payload'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}
