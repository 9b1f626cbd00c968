import { route } from '@forge/api';
import { z } from 'zod';
import { jiraGetOrNull, type Actor } from './client';

/**
 * An agreement issue as the agreement part reads it (WP.03, WP.21): its summary and type, and the code blocks of its
 * description, where an admin may put the agreement's content as JSON (docs/admin-guide.md "Agreements through Jira's
 * REST API"). Jira's REST API v3 keeps the description as an Atlassian Document: a fenced block is a `codeBlock` node;
 * a client that wrote the fences as plain text leaves them in the paragraphs' text, which is answered too.
 */
export interface AgreementIssue {
  id: string;
  key: string;
  summary: string;
  issueType: string;
  projectKey: string;
  /** The text of each `codeBlock` node, in document order. */
  codeBlocks: string[];
  /** The description's plain text (paragraphs joined by new lines), for fences typed as text. */
  text: string;
}

const bean = z.object({
  id: z.string(),
  key: z.string(),
  fields: z.object({
    summary: z.string().nullable().optional(),
    issuetype: z.object({ name: z.string() }).passthrough(),
    project: z.object({ key: z.string() }).passthrough(),
    description: z.unknown().optional(),
  }).passthrough(),
}).passthrough();

interface Node { type?: unknown; text?: unknown; content?: unknown }

function walk(node: unknown, blocks: string[], lines: string[]): void {
  if (typeof node !== 'object' || node === null) return;
  const n = node as Node;
  const children = Array.isArray(n.content) ? (n.content as unknown[]) : [];
  const textOf = (xs: unknown[]): string => xs.map((c) => {
    const cn = c as Node;
    if (cn.type === 'hardBreak') return '\n';
    return typeof cn.text === 'string' ? cn.text : Array.isArray(cn.content) ? textOf(cn.content as unknown[]) : '';
  }).join('');
  if (n.type === 'codeBlock') { blocks.push(textOf(children)); return; }
  if (n.type === 'paragraph' || n.type === 'heading') { lines.push(textOf(children)); return; }
  for (const c of children) walk(c, blocks, lines);
}

export async function getAgreementIssue(key: string, who: Actor): Promise<AgreementIssue | null> {
  const b = await jiraGetOrNull(who, route`/rest/api/3/issue/${key}?fields=summary,issuetype,project,description`, bean);
  if (!b) return null;
  const blocks: string[] = [];
  const lines: string[] = [];
  const description = b.fields.description;
  if (typeof description === 'string') lines.push(description);
  else walk(description, blocks, lines);
  return { id: b.id, key: b.key, summary: b.fields.summary ?? '', issueType: b.fields.issuetype.name, projectKey: b.fields.project.key, codeBlocks: blocks, text: lines.join('\n') };
}
