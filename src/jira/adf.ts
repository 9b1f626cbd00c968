/** Plain text as an Atlassian Document: blank lines separate paragraphs, single newlines become hard breaks. */
export function adfFromText(text: string): { type: 'doc'; version: 1; content: unknown[] } {
  const paragraphs = text.split(/\n{2,}/).map((p) => p.trim()).filter(Boolean);
  return {
    type: 'doc', version: 1,
    content: paragraphs.map((p) => ({
      type: 'paragraph',
      content: p.split('\n').flatMap((line, i) => [...(i > 0 ? [{ type: 'hardBreak' }] : []), ...(line ? [{ type: 'text', text: line }] : [])]),
    })),
  };
}
