/**
 * Every resolver function of the app, once (ADR 011): its key, the surface (module) that calls it, its payload
 * schema and what it answers. The server implements each one in src/resolvers (who may call it, and the handler);
 * the Custom UI calls them through `@contract/functions` types. A function answers `Result<Answer>` (results.ts).
 */
import { z } from 'zod';
import { agreementGlobalPayloads, agreementPanelPayloads, type AgreementAnswers } from './agreement';
import { globalPagePayloads, payloads as adminPayloads, type Answers as AdminAnswers, type GlobalPageAnswers } from './admin';
import { changePayloads, changeTemplatePayloads, type ChangeAnswers, type ChangeTemplateAnswers } from './change';
import { cataloguePayloads, portalCataloguePayloads, type CatalogueAnswers } from './catalogue';
import { changeReportsPayload, type ChangeReportsView } from './change-reports';
import { configurationGlobalPayloads, configurationPanelPayloads, type ConfigurationAnswers } from './configuration';
import { feedbackGlobalPayloads, feedbackPortalPayloads, satisfactionPanelPayloads, type FeedbackAnswers } from './feedback';
import { incidentPayloads, type IncidentAnswers } from './incident';
import { MODULE_KEYS, type UiModuleKey } from './modules';
import { performancePayloads, portalPerformancePayloads, type PerformanceAnswers } from './performance';
import { incidentReportsPayload, type IncidentReportsView } from './reports';
import { schedulePayloads, type ScheduleAnswers } from './schedule';
import type { IssuePanelView, ProjectPageView } from './views';

const noPayload = z.object({}).strict();

type Declared = { readonly module: UiModuleKey; readonly payload: z.ZodType };

const panel = <P extends Record<string, z.ZodType>>(schemas: P) =>
  Object.fromEntries(Object.entries(schemas).map(([k, payload]) => [k, { module: MODULE_KEYS.issuePanel, payload }])) as { [K in keyof P]: { module: typeof MODULE_KEYS.issuePanel; payload: P[K] } };
const admin = <P extends Record<string, z.ZodType>>(schemas: P) =>
  Object.fromEntries(Object.entries(schemas).map(([k, payload]) => [k, { module: MODULE_KEYS.adminPage, payload }])) as { [K in keyof P]: { module: typeof MODULE_KEYS.adminPage; payload: P[K] } };

const globalPage = <P extends Record<string, z.ZodType>>(schemas: P) =>
  Object.fromEntries(Object.entries(schemas).map(([k, payload]) => [k, { module: MODULE_KEYS.globalPage, payload }])) as { [K in keyof P]: { module: typeof MODULE_KEYS.globalPage; payload: P[K] } };

/** The customer's part of the portal (sd-portal-home): functions answer what concerns the caller as a customer (D26). */
const portalHome = <P extends Record<string, z.ZodType>>(schemas: P) =>
  Object.fromEntries(Object.entries(schemas).map(([k, payload]) => [k, { module: MODULE_KEYS.portalHome, payload }])) as { [K in keyof P]: { module: typeof MODULE_KEYS.portalHome; payload: P[K] } };

export const FUNCTIONS = {
  'issuePanel.load': { module: MODULE_KEYS.issuePanel, payload: noPayload },
  ...panel(incidentPayloads),
  ...panel(changePayloads),
  ...admin(adminPayloads),
  ...globalPage(globalPagePayloads),
  ...globalPage(schedulePayloads),
  ...globalPage(configurationGlobalPayloads),
  ...panel(configurationPanelPayloads),
  ...globalPage(cataloguePayloads),
  ...portalHome(portalCataloguePayloads),
  ...panel(agreementPanelPayloads),
  ...globalPage(agreementGlobalPayloads),
  ...globalPage(feedbackGlobalPayloads),
  ...portalHome(feedbackPortalPayloads),
  ...panel(satisfactionPanelPayloads),
  ...globalPage(performancePayloads),
  ...portalHome(portalPerformancePayloads),
  'projectPage.load': { module: MODULE_KEYS.projectPage, payload: noPayload },
  'reports.incidents': { module: MODULE_KEYS.projectPage, payload: incidentReportsPayload },
  'reports.changes': { module: MODULE_KEYS.projectPage, payload: changeReportsPayload },
  'changeTemplates.list': { module: MODULE_KEYS.projectPage, payload: changeTemplatePayloads['changeTemplates.list'] },
  'changeTemplates.raise': { module: MODULE_KEYS.projectPage, payload: changeTemplatePayloads['changeTemplates.raise'] },
} as const satisfies Record<string, Declared>;

export type FunctionKey = keyof typeof FUNCTIONS;
/** What the caller sends (before the schema's defaults and trimming). */
export type PayloadIn<K extends FunctionKey> = z.input<(typeof FUNCTIONS)[K]['payload']>;
/** What the handler receives (after the schema). */
export type PayloadOf<K extends FunctionKey> = z.infer<(typeof FUNCTIONS)[K]['payload']>;

export type Answers = AdminAnswers & GlobalPageAnswers & ScheduleAnswers & IncidentAnswers & ChangeAnswers & ChangeTemplateAnswers & ConfigurationAnswers & CatalogueAnswers & AgreementAnswers & FeedbackAnswers & PerformanceAnswers & {
  'issuePanel.load': IssuePanelView;
  'projectPage.load': ProjectPageView;
  'reports.incidents': IncidentReportsView;
  'reports.changes': ChangeReportsView;
};
export type AnswerOf<K extends FunctionKey> = K extends keyof Answers ? Answers[K] : never;
