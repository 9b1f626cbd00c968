/**
 * Error model of the sandboxed Forge KVS / Custom Entity Store protocol.
 *
 * Non-2xx answers carry `{ code, message, context? }`; `@forge/kvs`
 * (`utils/error-handling.js`) turns that body into a `ForgeKvsAPIError` whose
 * `code` is the one below and whose `context` merges `context` and any other
 * body fields.
 */

export const KvsErrorCode = {
  /** Generic malformed request (shape, types, options, limits of a request). */
  BAD_REQUEST: 'BAD_REQUEST',
  /** 404; the client maps it to `undefined` for get and swallows it for delete. */
  KEY_NOT_FOUND: 'KEY_NOT_FOUND',
  /** 409; `keyPolicy: 'FAIL_IF_EXISTS'` and the key is already stored. */
  KEY_CONFLICT: 'KEY_CONFLICT',
  /** Documented key errors (KVS: KEY_TOO_SHORT; Custom Entity Store: EMPTY_KEY). */
  KEY_TOO_SHORT: 'KEY_TOO_SHORT',
  EMPTY_KEY: 'EMPTY_KEY',
  KEY_TOO_LONG: 'KEY_TOO_LONG',
  INVALID_KEY: 'INVALID_KEY',
  /** Documented value errors. */
  MAX_SIZE: 'MAX_SIZE',
  MAX_DEPTH: 'MAX_DEPTH',
  /** Documented entity-name errors; INVALID_ENTITY_TYPE is also used for an undeclared entity. */
  ENTITY_TYPE_TOO_SHORT: 'ENTITY_TYPE_TOO_SHORT',
  ENTITY_TYPE_TOO_LARGE: 'ENTITY_TYPE_TOO_LARGE',
  INVALID_ENTITY_TYPE: 'INVALID_ENTITY_TYPE',
  /** Sandbox codes (Forge does not document these): attribute not declared / wrong type. */
  INVALID_ATTRIBUTE: 'INVALID_ATTRIBUTE',
  INVALID_ATTRIBUTE_TYPE: 'INVALID_ATTRIBUTE_TYPE',
  /** Sandbox code: query names an index the entity does not declare. */
  INVALID_INDEX: 'INVALID_INDEX',
  /** Sandbox code: a cursor that this store did not produce (or for another query). */
  INVALID_CURSOR: 'INVALID_CURSOR',
  /** 409; a transaction condition (set/delete/check) did not hold, nothing was written. */
  CONDITIONAL_CHECK_FAILED: 'CONDITIONAL_CHECK_FAILED',
  /** 404 for an unknown protocol path. */
  NOT_FOUND: 'NOT_FOUND',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type KvsErrorCodeValue = (typeof KvsErrorCode)[keyof typeof KvsErrorCode];

export class KvsError extends Error {
  constructor(
    readonly status: number,
    readonly code: KvsErrorCodeValue,
    message: string,
    readonly context?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'KvsError';
  }

  toBody(): Record<string, unknown> {
    return this.context === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, context: this.context };
  }
}

export function badRequest(message: string, context?: Record<string, unknown>): KvsError {
  return new KvsError(400, KvsErrorCode.BAD_REQUEST, message, context);
}

export function keyNotFound(): KvsError {
  return new KvsError(404, KvsErrorCode.KEY_NOT_FOUND, 'Provided key does not exist');
}
