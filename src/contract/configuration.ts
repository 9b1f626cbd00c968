/**
 * Service control on the service team's page (issue #13): the configuration records (WP.02; CO.1.4, CO-11, CO-14)
 * and the procedures (WP.17, WP.09; CO.1.2, CO.1.3, CO.1.5, CO-13), each tab loading its own data; and the issue
 * panel's picker of configuration items. The Custom UI imports this through `@contract/configuration`.
 */
import { z } from 'zod';
import { COMPONENT_KINDS, itemContentSchema, type ComponentKind, type ItemStatus, type RecordStatus } from '../domain/configuration/item';
import { PROCEDURE_IDS, type ProcedureId } from '../domain/configuration/procedures';
import type { RoleCode } from '../domain/roles';

export type { ComponentKind, ItemStatus, ProcedureId, RecordStatus };

/** The roles that approve a procedure (CO.1.3: SM, MGT; CO.1.5: CM, SM). */
export type ApproverRole = Extract<RoleCode, 'SM' | 'MGT' | 'CM'>;

export interface PersonRef { accountId: string; displayName: string }

/** One configuration item as the table shows it. */
export interface ConfigurationItemView {
  id: string;
  name: string;
  service: string;
  kind: ComponentKind;
  description: string;
  owner: PersonRef;
  location: string;
  inServiceSince: string;
  status: ItemStatus;
  version: number;
  /** WP.02: "stored" (version 1) or "updated". */
  recordStatus: RecordStatus;
  lastChange: { by: PersonRef; at: string; summary: string; changeKey: string | null };
}

export interface ConfigurationView {
  items: ConfigurationItemView[];
  /** The services an item can belong to (the "Affected services" options, and those items already name). */
  services: string[];
  /** The service team, for the owner picker. */
  people: PersonRef[];
  /** Whether the viewer may add and edit items (CO.1.4: Control Manager or Management), and why not. */
  edit: { allowed: boolean; reason: string | null };
}

export interface ItemVersionView {
  version: number;
  recordStatus: RecordStatus;
  content: Omit<ConfigurationItemView, 'version' | 'recordStatus' | 'lastChange'>;
  by: PersonRef;
  at: string;
  summary: string;
  changeKey: string | null;
}

export interface ConfigurationHistoryView { id: string; name: string; versions: ItemVersionView[] }

/** What the issue panel's picker offers (D26: staff only). */
export interface ConfigurationItemOption { id: string; name: string; service: string; kind: ComponentKind; version: number }

export interface SignOffView { role: RoleCode; by: PersonRef; at: string }

export interface ProcedureVersionView {
  version: number;
  status: string;
  sections: Record<string, string>;
  signOffs: SignOffView[];
  approvedAt: string | null;
  draftedBy: PersonRef;
}

export interface ProcedureView {
  id: ProcedureId;
  title: string;
  /** The clauses behind it, for the muted "Why?" line. */
  why: string;
  sections: Array<{ key: string; label: string; hint: string }>;
  approvers: RoleCode[];
  /** The version in force, or null before the first approval. */
  current: ProcedureVersionView | null;
  /** The pending draft with its sign-offs so far, or null. */
  draft: { revision: number; baseVersion: number | null; sections: Record<string, string>; updatedBy: PersonRef; updatedAt: string; signOffs: SignOffView[] } | null;
  /** The shipped starting text, edited into the first draft. */
  starter: Record<string, string>;
  /** "Needs the Service Manager’s and Management’s approval." */
  needed: string;
  /** Earlier versions, newest first (D23). */
  earlier: ProcedureVersionView[];
  /** The viewer's rights on this document. */
  edit: { allowed: boolean; reason: string | null };
  /** The roles the viewer may approve the pending draft as now; `signReason` says why none. */
  signAs: ApproverRole[];
  signReason: string | null;
}

export interface ProceduresView { procedures: ProcedureView[] }

const serviceName = z.string().trim().min(1, 'Service is required.').max(120, 'Service may be at most 120 characters long.');
const procedureId = z.enum(PROCEDURE_IDS);
const revision = z.number().int().positive();

export const configurationGlobalPayloads = {
  'globalPage.configuration.load': z.object({ service: serviceName.optional(), kind: z.enum(COMPONENT_KINDS).optional() }).strict(),
  'globalPage.configuration.history': z.object({ id: z.string().trim().min(1).max(64) }).strict(),
  'globalPage.configuration.save': z.object({ item: itemContentSchema, expectedVersion: z.number().int().positive().nullable() }).strict(),
  'globalPage.procedures.load': z.object({}).strict(),
  'globalPage.procedures.saveDraft': z.object({
    procedure: procedureId,
    sections: z.record(z.string(), z.string().max(8000, 'A section may be at most 8000 characters long.')),
    expectedRevision: revision.nullable(),
  }).strict(),
  'globalPage.procedures.signOff': z.object({ procedure: procedureId, revision, role: z.enum(['SM', 'MGT', 'CM']) }).strict(),
  'globalPage.procedures.discardDraft': z.object({ procedure: procedureId, revision }).strict(),
} as const;

export const configurationPanelPayloads = {
  'issuePanel.configurationItems': z.object({ query: z.string().trim().max(100).optional() }).strict(),
} as const;

export type ConfigurationFunctionKey = keyof typeof configurationGlobalPayloads | keyof typeof configurationPanelPayloads;

export interface ConfigurationAnswers {
  'globalPage.configuration.load': ConfigurationView;
  'globalPage.configuration.history': ConfigurationHistoryView;
  'globalPage.configuration.save': { item: ConfigurationItemView };
  'globalPage.procedures.load': ProceduresView;
  'globalPage.procedures.saveDraft': ProceduresView;
  'globalPage.procedures.signOff': ProceduresView;
  'globalPage.procedures.discardDraft': ProceduresView;
  'issuePanel.configurationItems': ConfigurationItemOption[];
}
