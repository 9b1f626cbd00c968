/**
 * Priority = impact × urgency (D8; INC-07..INC-11; GAP-01). The matrix lives in the service delivery policy (WP.14,
 * "a prioritization matrix for managing change and failure") and prioritises incidents and change requests alike
 * (CHG-11). An agreement may override it for its customer (D8; IN.2.2 "criteria agreed with customers").
 *
 * Default cells (common ITIL practice: P1..P5 from impact × urgency, folded into the D8 levels). With High = 0,
 * Medium = 1, Low = 2 and s = impact + urgency: s = 0 → Critical, s = 1 → High, s = 2 → Normal, s ≥ 3 → Normal
 * (3-level, INC-07) or Low (4-level, INC-08).
 *
 *   3-level (default)     urgency High   Medium   Low        4-level preset     urgency High   Medium   Low
 *   impact High                Critical High     Normal      impact High             Critical High     Normal
 *   impact Medium              High     Normal   Normal      impact Medium           High     Normal   Low
 *   impact Low                 Normal   Normal   Normal      impact Low              Normal   Low      Low
 */

/** Impact and urgency levels (D8). */
export const LEVELS = ['High', 'Medium', 'Low'] as const;
export type Level = (typeof LEVELS)[number];

export const PRIORITIES = ['Critical', 'High', 'Normal', 'Low'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** INC-10: the scheme is chosen once, in the policy (WP.14); 3-level is the default (D8, INC-07), 4-level the alternative (INC-08). */
export const PRIORITY_SCHEMES = {
  '3-level': ['Critical', 'High', 'Normal'],
  '4-level': ['Critical', 'High', 'Normal', 'Low'],
} as const satisfies Record<string, readonly Priority[]>;
export type PrioritySchemeId = keyof typeof PRIORITY_SCHEMES;
export const DEFAULT_PRIORITY_SCHEME: PrioritySchemeId = '3-level';

/** INC-11: default description of each priority (001 case study); Low has none in any source (GAP-01). */
export const PRIORITY_DESCRIPTIONS: Readonly<Record<Priority, string>> = {
  Critical: 'System down, data loss.',
  High: 'Feature impaired, performance degradation.',
  Normal: 'Handled during business hours.',
  Low: 'Minor impact; handled during business hours without escalation (admin-defined, GAP-01).',
};

export type MatrixCells = Readonly<Record<Level, Readonly<Record<Level, Priority>>>>;

/** A validated matrix: `cells[impact][urgency]`. */
export interface PriorityMatrix { scheme: PrioritySchemeId; version: number; cells: MatrixCells }

/** A matrix as stored or edited cell by cell, not yet validated. */
export interface PriorityMatrixInput {
  scheme: string;
  version: number;
  cells: Readonly<Record<string, Readonly<Record<string, string | undefined>> | undefined>>;
}

const THREE_LEVEL_CELLS: MatrixCells = {
  High: { High: 'Critical', Medium: 'High', Low: 'Normal' },
  Medium: { High: 'High', Medium: 'Normal', Low: 'Normal' },
  Low: { High: 'Normal', Medium: 'Normal', Low: 'Normal' },
};

const FOUR_LEVEL_CELLS: MatrixCells = {
  High: { High: 'Critical', Medium: 'High', Low: 'Normal' },
  Medium: { High: 'High', Medium: 'Normal', Low: 'Low' },
  Low: { High: 'Normal', Medium: 'Low', Low: 'Low' },
};

/** D8: the one-call presets. */
export function presetMatrix(scheme: PrioritySchemeId, version = 1): PriorityMatrix {
  const source = scheme === '3-level' ? THREE_LEVEL_CELLS : FOUR_LEVEL_CELLS;
  const cells = Object.fromEntries(LEVELS.map((i) => [i, { ...source[i] }])) as Record<Level, Record<Level, Priority>>;
  return { scheme, version, cells };
}

export const DEFAULT_PRIORITY_MATRIX: PriorityMatrix = presetMatrix('3-level');
export const FOUR_LEVEL_PRIORITY_MATRIX: PriorityMatrix = presetMatrix('4-level');

// ---------------------------------------------------------------------------------------------------------------
// Validation

export interface MatrixIssue {
  rule: 'D8' | 'INC-10';
  /** The cell concerned, when there is one. */
  cell: { impact: string; urgency: string } | null;
  message: string;
}

export type MatrixValidation = { ok: true; matrix: PriorityMatrix; issues: [] } | { ok: false; issues: MatrixIssue[] };

function isLevel(v: string): v is Level {
  return (LEVELS as readonly string[]).includes(v);
}

function isScheme(v: string): v is PrioritySchemeId {
  return Object.prototype.hasOwnProperty.call(PRIORITY_SCHEMES, v);
}

function cellName(impact: string, urgency: string): string {
  return `${impact} impact × ${urgency} urgency`;
}

/**
 * D8: a matrix is complete when every impact × urgency cell holds a priority of its scheme. Unknown impact or
 * urgency levels and unknown priorities are refused, each with the cell named.
 */
export function validatePriorityMatrix(input: PriorityMatrixInput): MatrixValidation {
  const issues: MatrixIssue[] = [];
  if (!isScheme(input.scheme)) {
    return { ok: false, issues: [{ rule: 'INC-10', cell: null, message: `"${input.scheme}" is not a priority scheme; use ${Object.keys(PRIORITY_SCHEMES).join(' or ')} (INC-10).` }] };
  }
  const allowed: readonly Priority[] = PRIORITY_SCHEMES[input.scheme];
  if (!Number.isInteger(input.version) || input.version < 1) {
    issues.push({ rule: 'D8', cell: null, message: `The matrix version must be a positive whole number, not ${String(input.version)} (D8).` });
  }
  const cells: Partial<Record<Level, Partial<Record<Level, Priority>>>> = {};
  for (const impact of Object.keys(input.cells).sort()) {
    const row = input.cells[impact] ?? {};
    for (const urgency of Object.keys(row).sort()) {
      const value = row[urgency];
      if (!isLevel(impact)) {
        issues.push({ rule: 'D8', cell: { impact, urgency }, message: `${cellName(impact, urgency)}: "${impact}" is not an impact level (${LEVELS.join(', ')}) (D8).` });
        continue;
      }
      if (!isLevel(urgency)) {
        issues.push({ rule: 'D8', cell: { impact, urgency }, message: `${cellName(impact, urgency)}: "${urgency}" is not an urgency level (${LEVELS.join(', ')}) (D8).` });
        continue;
      }
      if (value === undefined) continue;
      if (!(allowed as readonly string[]).includes(value)) {
        issues.push({ rule: 'D8', cell: { impact, urgency }, message: `${cellName(impact, urgency)}: "${value}" is not a priority of the ${input.scheme} scheme (${allowed.join(', ')}) (D8).` });
        continue;
      }
      (cells[impact] ??= {})[urgency] = value as Priority;
    }
  }
  for (const impact of LEVELS) {
    for (const urgency of LEVELS) {
      const raw = input.cells[impact]?.[urgency];
      if (raw === undefined) issues.push({ rule: 'D8', cell: { impact, urgency }, message: `${cellName(impact, urgency)} has no priority (D8).` });
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, matrix: { scheme: input.scheme, version: input.version, cells: cells as MatrixCells }, issues: [] };
}

// ---------------------------------------------------------------------------------------------------------------
// Lookup and explanation

export function lookupPriority(matrix: PriorityMatrix, impact: Level, urgency: Level): Priority {
  return matrix.cells[impact][urgency];
}

/** Accepts the canonical level names, case- and space-insensitively ("high", " High "). */
export function parseLevel(value: string): Level | null {
  const v = value.trim().toLowerCase();
  return LEVELS.find((l) => l.toLowerCase() === v) ?? null;
}

export interface PriorityQuery {
  impact: string | null | undefined;
  urgency: string | null | undefined;
  /** The policy's matrix (WP.14). */
  policy: PriorityMatrixInput;
  /** The agreement's matrix, if it overrides the policy for its customer (D8). */
  agreement?: { agreementId: string; matrix: PriorityMatrixInput } | null;
}

export interface PriorityNotice { rule: 'D8' | 'INC-10'; message: string }

export interface PriorityExplanation {
  ok: true;
  priority: Priority;
  source: 'policy' | 'agreement';
  agreementId?: string;
  impact: Level;
  urgency: Level;
  scheme: PrioritySchemeId;
  matrixVersion: number;
  /** e.g. "High impact × High urgency → Critical (policy matrix v3)". */
  text: string;
  /** e.g. why an agreement's matrix was not used. */
  notices: PriorityNotice[];
}

export type PriorityFailure =
  | { ok: false; reason: 'missing-input'; rule: 'D8'; missing: Array<'impact' | 'urgency'>; text: string }
  | { ok: false; reason: 'unknown-level'; rule: 'D8'; unknown: Array<{ field: 'impact' | 'urgency'; value: string }>; text: string }
  | { ok: false; reason: 'invalid-matrix'; rule: 'D8'; issues: MatrixIssue[]; text: string };

export type PriorityResult = PriorityExplanation | PriorityFailure;

/**
 * D8: derive the priority and explain how. An agreement's matrix wins when it is present, valid and of the policy's
 * scheme (INC-10: the scheme is policy-wide); otherwise the policy's matrix is used and the notice says why.
 * A missing impact or urgency is reported, never guessed.
 */
export function explainPriority(q: PriorityQuery): PriorityResult {
  const missing = (['impact', 'urgency'] as const).filter((f) => {
    const v = q[f];
    return v === null || v === undefined || v.trim() === '';
  });
  if (missing.length > 0) {
    return { ok: false, reason: 'missing-input', rule: 'D8', missing, text: `No priority yet: the ${missing.join(' and the ')} ${missing.length > 1 ? 'are' : 'is'} missing (D8).` };
  }
  const impact = parseLevel(q.impact ?? '');
  const urgency = parseLevel(q.urgency ?? '');
  if (!impact || !urgency) {
    const unknown: Array<{ field: 'impact' | 'urgency'; value: string }> = [];
    if (!impact) unknown.push({ field: 'impact', value: q.impact ?? '' });
    if (!urgency) unknown.push({ field: 'urgency', value: q.urgency ?? '' });
    return { ok: false, reason: 'unknown-level', rule: 'D8', unknown, text: `No priority: ${unknown.map((u) => `"${u.value}" is not an ${u.field} level`).join(' and ')} (${LEVELS.join(', ')}) (D8).` };
  }

  const notices: PriorityNotice[] = [];
  if (q.agreement) {
    const a = validatePriorityMatrix(q.agreement.matrix);
    if (a.ok && a.matrix.scheme === q.policy.scheme) {
      return explanation(a.matrix, 'agreement', impact, urgency, notices, q.agreement.agreementId);
    }
    if (a.ok) notices.push({ rule: 'INC-10', message: `The matrix of agreement ${q.agreement.agreementId} uses the ${a.matrix.scheme} scheme but the policy uses ${q.policy.scheme}; the policy matrix applies (INC-10).` });
    else notices.push({ rule: 'D8', message: `The matrix of agreement ${q.agreement.agreementId} is incomplete or invalid, so the policy matrix applies: ${a.issues.map((i) => i.message).join(' ')}` });
  }
  const p = validatePriorityMatrix(q.policy);
  if (!p.ok) {
    return { ok: false, reason: 'invalid-matrix', rule: 'D8', issues: p.issues, text: `No priority: the policy matrix is incomplete or invalid: ${p.issues.map((i) => i.message).join(' ')}` };
  }
  return explanation(p.matrix, 'policy', impact, urgency, notices);
}

function explanation(matrix: PriorityMatrix, source: 'policy' | 'agreement', impact: Level, urgency: Level, notices: PriorityNotice[], agreementId?: string): PriorityExplanation {
  const priority = lookupPriority(matrix, impact, urgency);
  const origin = source === 'policy' ? `policy matrix v${matrix.version}` : `agreement ${agreementId ?? ''} matrix v${matrix.version}`;
  const text = `${cellName(impact, urgency)} → ${priority} (${origin})`;
  return { ok: true, priority, source, ...(agreementId !== undefined ? { agreementId } : {}), impact, urgency, scheme: matrix.scheme, matrixVersion: matrix.version, text, notices };
}
