import { z } from 'zod';
import { loadDocument, recordVersion, type DocumentType, type StoredVersion } from './work-product-store';

/**
 * The register of pre-approved change templates (D15, CHG-05, CHG-06): part of the change definitions of CO.1.1.
 * Each designation writes a new version (D23): who designated it (the Control Manager), the business approver and the
 * day they agreed, and the normal change that completed the full process first (CO.2.1 NOTE 3).
 */

export const changeTemplateSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  qualifiedBy: z.object({ issueId: z.string(), key: z.string() }).strict(),
  controlManager: z.object({ accountId: z.string(), displayName: z.string() }).strict(),
  businessApprover: z.string(),
  agreedOn: z.string(),
  designatedAt: z.string(),
  projectKey: z.string(),
  /** What a change raised from it starts with. */
  defaults: z.object({ services: z.array(z.string()), cis: z.array(z.string()), summary: z.string() }).strict(),
}).strict();
export type ChangeTemplate = z.infer<typeof changeTemplateSchema>;

export const CHANGE_TEMPLATES: DocumentType<{ templates: ChangeTemplate[] }> = {
  docId: 'CHG.templates', workProduct: 'WP.14', schema: z.object({ templates: z.array(changeTemplateSchema) }).strict(), title: 'register of pre-approved change templates',
};

export async function loadChangeTemplates(): Promise<{ version: number | null; templates: ChangeTemplate[] }> {
  const state = await loadDocument(CHANGE_TEMPLATES);
  return { version: state.current?.version ?? null, templates: state.current?.content.templates ?? [] };
}

/** Adds a designation as a new version of the register (conditional on the version read). */
export async function designateTemplate(template: ChangeTemplate, expectedVersion: number | null, actor: string, now: number): Promise<StoredVersion<{ templates: ChangeTemplate[] }>> {
  return recordVersion(CHANGE_TEMPLATES, expectedVersion, 'Approved', (current) => ({ templates: [...(current?.content.templates ?? []), template] }), {
    actor, now, action: 'template-designated', summary: `Designated "${template.name}" as a pre-approved change, qualified by ${template.qualifiedBy.key}; agreed for the business by ${template.businessApprover} on ${template.agreedOn}.`,
    approval: { by: actor, at: new Date(now).toISOString() },
  });
}
