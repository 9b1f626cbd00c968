/**
 * Words, not codes (issue #12 §2): the rules' messages end with the clauses and decisions they apply ("… (D9, D14).");
 * people read the sentence, the assessor finds the references in a muted "Why?" line.
 */

/** One reference to the standard or to a decision: D9, GO.2.1, IN-10, WP.14, CO.2.1 NOTE 3, GAP-14, ROL-06, MET-P02. */
const REF = /^(?:GO|CO|IN|RE|D\d+|[A-Z]{2,4}-[A-Z]?\d+|[A-Z]{2}\.\d+(?:\.\d+)*(?: NOTE \d+)?|WP\.\d+|SEC-\d+)$/;
const GROUP = /\s*\(([^()]*)\)/g;

/** The message without its parenthesised reference lists, and the references it named (in order, once each). */
export function splitRefs(message: string): { text: string; refs: string[] } {
  const refs: string[] = [];
  const text = message.replace(GROUP, (whole, inner: string) => {
    const items = inner.split(',').map((s) => s.trim()).filter((s) => s !== '');
    if (items.length === 0 || !items.every((s) => REF.test(s))) return whole;
    for (const r of items) if (!refs.includes(r)) refs.push(r);
    return '';
  });
  return { text: text.replace(/\s+([.;,:])/g, '$1').trim(), refs };
}

/** "1 issue", "3 issues". */
export function countOf(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
