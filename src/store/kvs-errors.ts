/** How Forge storage says "the condition did not hold" (transactions) or "the key exists" (FAIL_IF_EXISTS). */
const codeOf = (e: unknown): string => (typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : '');

export function isConditionFailure(e: unknown): boolean {
  return codeOf(e) === 'CONDITIONAL_CHECK_FAILED' || /condition/i.test(e instanceof Error ? e.message : '');
}

export function isKeyConflict(e: unknown): boolean {
  return codeOf(e) === 'KEY_CONFLICT' || /already exists/i.test(e instanceof Error ? e.message : '');
}

/** Forge storage refused a value over its size limit (240 KiB). */
export function isValueTooLarge(e: unknown): boolean {
  return codeOf(e) === 'MAX_SIZE' || /maximum size/i.test(e instanceof Error ? e.message : '');
}
