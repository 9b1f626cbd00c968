/**
 * Agreements through Jira's REST API (docs/admin-guide.md "Agreements through Jira's REST API"): an admin who creates
 * or edits an agreement issue with any Jira client may put the agreement's content, as JSON in the shape of
 * `agreementContentSchema`, in a fenced code block of the issue's description. The app makes it a Draft of the
 * agreement (never an approval: RE.2.2 needs the listed parties' sign-offs). The same content delivered again (a
 * replayed event, a later edit of another field) creates nothing new: the content's fingerprint is remembered.
 */
import { z } from 'zod';
import { policyFieldLabel } from '../policy';
import { agreementContentSchema, type AgreementContent } from './content';
import { AGREEMENT_FIELD_LABELS } from './check';

export type DescriptionContent =
  | { found: false }
  | { found: true; ok: true; content: AgreementContent; fingerprint: string }
  | { found: true; ok: false; problems: string[]; fingerprint: string };

/** A field path of the content by its label: `keyDates.end` → "End date", `targets.High.resolutionMinutes` → "Resolution target for High priority". */
export function agreementFieldLabel(path: ReadonlyArray<PropertyKey>): string {
  const parts = path.map((p) => String(p));
  const joined = parts.join('.');
  if (AGREEMENT_FIELD_LABELS[joined]) return AGREEMENT_FIELD_LABELS[joined];
  const [first] = parts;
  if (first === 'targets' || first === 'serviceHours' || first === 'priorityMatrix') return policyFieldLabel(parts);
  if (first === 'services' && parts.length > 1) return `Service ${String(Number(parts[1]) + 1)}`;
  if (first === 'contacts' && parts.length > 1) return `Customer contact ${String(Number(parts[1]) + 1)}`;
  if (first === 'approvers' && parts.length > 1) return `Approving party ${String(Number(parts[1]) + 1)}`;
  const two = parts.slice(0, 2).join('.');
  return AGREEMENT_FIELD_LABELS[two] ?? AGREEMENT_FIELD_LABELS[first ?? ''] ?? (joined || 'The content');
}

/** The schema's complaints, each naming the field by its label and the rule broken. */
export function contentProblems(error: z.ZodError): string[] {
  return error.issues.map((i) => {
    if (i.code === 'unrecognized_keys') return `${i.path.length ? agreementFieldLabel(i.path) : 'The content'} has fields the agreement does not know: ${i.keys.join(', ')}.`;
    return `${agreementFieldLabel(i.path)}: ${i.message}.`;
  });
}

/** Keys sorted, so the same content has the same text whatever order a client wrote it in. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** FNV-1a (64-bit, as two 32-bit halves) of the stable JSON: the content's fingerprint. */
export function fingerprintOf(value: unknown): string {
  const text = stableJson(value);
  let h1 = 0x811c9dc5, h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return `${h1.toString(16).padStart(8, '0')}${h2.toString(16).padStart(8, '0')}`;
}

/** Fenced blocks (```…```) written as plain text, for descriptions sent as text paragraphs rather than code blocks. */
export function fencedBlocksInText(text: string): string[] {
  const out: string[] = [];
  const re = /```[a-zA-Z]*\s*\n?([\s\S]*?)```/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1] ?? '');
  return out;
}

/**
 * The agreement content in the description's code blocks: the first block that holds a JSON object. A description
 * without such a block holds none (`found: false`: the issue is left as it is).
 */
export function agreementContentIn(blocks: readonly string[]): DescriptionContent {
  for (const block of blocks) {
    const text = block.trim();
    if (!text.startsWith('{')) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      return { found: true, ok: false, problems: [`The content in the description is not valid JSON: ${e instanceof Error ? e.message : String(e)}.`], fingerprint: fingerprintOf(text) };
    }
    const parsed = agreementContentSchema.safeParse(raw);
    if (!parsed.success) return { found: true, ok: false, problems: contentProblems(parsed.error), fingerprint: fingerprintOf(raw) };
    return { found: true, ok: true, content: parsed.data, fingerprint: fingerprintOf(parsed.data) };
  }
  return { found: false };
}
