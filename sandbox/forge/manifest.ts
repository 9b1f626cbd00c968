import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import type { JqlAlias } from '../jira/jql';
import type { EntityDeclaration } from './kvs';

/** The parts of manifest.yml the sandbox acts on. Validation proper is @forge/manifest's job (see test/integration/forge-offline.test.ts). */
const functionDecl = z.object({ key: z.string(), handler: z.string(), timeoutSeconds: z.number().optional() }).passthrough();
const uiModule = z.object({ key: z.string(), resource: z.string(), resolver: z.object({ function: z.string() }).optional(), title: z.string() }).passthrough();
/** A portal subheader has no title of its own (JSM shows it under the portal's header). */
const titlelessModule = uiModule.extend({ title: z.string().default('Service delivery') });
const manifestSchema = z.object({
  app: z.object({ id: z.string(), runtime: z.object({ name: z.string() }).passthrough(), storage: z.object({ entities: z.array(z.unknown()).optional() }).passthrough().optional() }).passthrough(),
  permissions: z.object({ scopes: z.array(z.string()).optional() }).passthrough().optional(),
  modules: z.object({
    function: z.array(functionDecl),
    trigger: z.array(z.object({ key: z.string(), function: z.string(), events: z.array(z.string()), filter: z.object({ ignoreSelf: z.boolean().optional() }).passthrough().optional() }).passthrough()).optional(),
    scheduledTrigger: z.array(z.object({ key: z.string(), function: z.string(), interval: z.enum(['fiveMinute', 'hour', 'day', 'week']) }).passthrough()).optional(),
    'jira:workflowValidator': z.array(z.object({ key: z.string(), function: z.string().optional(), name: z.string() }).passthrough()).optional(),
    'jira:entityProperty': z.array(z.object({ key: z.string(), entityType: z.string().optional(), propertyKey: z.string(), values: z.array(z.object({ path: z.string(), type: z.enum(['number', 'string', 'text', 'user', 'date']), searchAlias: z.string().optional() })) })).optional(),
    'jira:issuePanel': z.array(uiModule).optional(),
    'jira:adminPage': z.array(uiModule).optional(),
    'jira:projectPage': z.array(uiModule).optional(),
    'jiraServiceManagement:portalRequestDetail': z.array(uiModule).optional(),
    'jiraServiceManagement:portalSubheader': z.array(titlelessModule).optional(),
    'jira:globalPage': z.array(uiModule).optional(),
  }).passthrough(),
  resources: z.array(z.object({ key: z.string(), path: z.string() })).optional(),
});

export const UI_MODULE_TYPES = ['jira:issuePanel', 'jira:adminPage', 'jira:projectPage', 'jiraServiceManagement:portalRequestDetail', 'jiraServiceManagement:portalSubheader', 'jira:globalPage'] as const;
export interface UiModule { key: string; type: (typeof UI_MODULE_TYPES)[number]; resource: string; resolverFunction: string | undefined; title: string }
export interface AppManifest {
  appId: string;
  runtime: string;
  scopes: string[];
  functions: Map<string, { handler: string; timeoutSeconds: number | undefined }>;
  triggers: Array<{ key: string; function: string; events: string[]; ignoreSelf: boolean }>;
  scheduled: Array<{ key: string; function: string; interval: 'fiveMinute' | 'hour' | 'day' | 'week' }>;
  validators: Map<string, { function: string; name: string }>;
  aliases: Record<string, JqlAlias>;
  entities: EntityDeclaration[];
  ui: Map<string, UiModule>;
  resources: Map<string, string>;
}

export const INTERVAL_MS = { fiveMinute: 5 * 60_000, hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000 } as const;

export function loadManifest(path: string): AppManifest {
  const m = manifestSchema.parse(parse(readFileSync(path, 'utf8')));
  const aliases: Record<string, JqlAlias> = {};
  for (const ep of m.modules['jira:entityProperty'] ?? []) {
    if ((ep.entityType ?? 'issue') !== 'issue') continue;
    for (const v of ep.values) if (v.searchAlias) aliases[v.searchAlias] = { propertyKey: ep.propertyKey, path: v.path, type: v.type };
  }
  const ui = new Map<string, UiModule>();
  for (const type of UI_MODULE_TYPES) {
    for (const mod of m.modules[type] ?? []) ui.set(mod.key, { key: mod.key, type, resource: mod.resource, resolverFunction: mod.resolver?.function, title: mod.title });
  }
  return {
    appId: m.app.id,
    runtime: m.app.runtime.name,
    scopes: m.permissions?.scopes ?? [],
    functions: new Map(m.modules.function.map((f) => [f.key, { handler: f.handler, timeoutSeconds: f.timeoutSeconds }])),
    triggers: (m.modules.trigger ?? []).map((t) => ({ key: t.key, function: t.function, events: t.events, ignoreSelf: t.filter?.ignoreSelf ?? false })),
    scheduled: (m.modules.scheduledTrigger ?? []).map((s) => ({ key: s.key, function: s.function, interval: s.interval })),
    validators: new Map((m.modules['jira:workflowValidator'] ?? []).filter((v) => v.function).map((v) => [v.key, { function: v.function!, name: v.name }])),
    aliases,
    entities: (m.app.storage?.entities ?? []) as EntityDeclaration[],
    ui,
    resources: new Map((m.resources ?? []).map((r) => [r.key, r.path])),
  };
}
