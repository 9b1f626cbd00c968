/**
 * Storage limits named up front (issue #11): what the admin page sends is checked against them before anything is
 * stored, and a payload over a limit is answered as `invalid-input` naming the field and the limit, in words — never
 * with Forge storage's own error text. Pure: used by the payload schemas (src/contract/admin.ts) and the UI.
 */

/** Forge storage keeps at most 240 KiB (UTF-8 JSON) in one value (KVS key or custom-entity row). */
export const FORGE_VALUE_LIMIT_BYTES = 240 * 1024;

/**
 * What the content of one work-product version or draft may take: the value limit less room for what the store
 * wraps around it (version, status, who and when, and carried-over records).
 */
export const WORK_PRODUCT_CONTENT_LIMIT_BYTES = 232 * 1024;

/** Training records listed on the admin page, newest first; older ones stay stored (a bound on one answer's size). */
export const TRAINING_LIST_LIMIT = 1000;

const encoder = new TextEncoder();

/** The size of a value as Forge storage counts it: its JSON in UTF-8 bytes. */
export function storedSize(value: unknown): number {
  return encoder.encode(JSON.stringify(value) ?? '').length;
}

/** "238.4 KB" (1 KB = 1,024 bytes, as Forge states its limit in KiB). */
export function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} KB`;
}

/**
 * When `value` is over `limit` bytes: the part (a top-level field of `value`) that takes the most, and the words to
 * show for it; null when it fits. `what` names the whole ("the policy draft").
 */
export function oversize(value: Record<string, unknown>, what: string, limit = WORK_PRODUCT_CONTENT_LIMIT_BYTES): { field: string | null; message: string } | null {
  const total = storedSize(value);
  if (total <= limit) return null;
  const parts = Object.entries(value).map(([field, v]) => ({ field, size: storedSize(v) })).sort((a, b) => b.size - a.size);
  const largest = parts[0];
  const limitWords = `${formatBytes(limit)}, what one work product may take (Forge storage keeps at most ${formatBytes(FORGE_VALUE_LIMIT_BYTES)} in one value)`;
  return {
    field: largest ? largest.field : null,
    message: largest
      ? `${what} would take ${formatBytes(total)} when stored, more than ${limitWords}; this part takes ${formatBytes(largest.size)}: shorten it or remove entries, then save again.`
      : `${what} would take ${formatBytes(total)} when stored, more than ${limitWords}.`,
  };
}
