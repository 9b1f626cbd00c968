/** Just enough Atlassian Document Format for plain-text comments and descriptions. */

import type { AdfDoc, AdfNode } from './types.js';
import { h } from './dom.js';

export function adfFromText(text: string): AdfDoc {
  const paragraphs = text.replace(/\r\n?/g, '\n').split(/\n{2,}/).filter((p) => p.trim() !== '');
  return {
    type: 'doc',
    version: 1,
    content: paragraphs.map((paragraph) => {
      const lines = paragraph.split('\n');
      const content: AdfNode[] = [];
      lines.forEach((line, index) => {
        if (index > 0) content.push({ type: 'hardBreak' });
        if (line !== '') content.push({ type: 'text', text: line });
      });
      return { type: 'paragraph', content };
    }),
  };
}

function inline(node: AdfNode, out: Node[]): void {
  switch (node.type) {
    case 'text':
      out.push(document.createTextNode(node.text ?? ''));
      return;
    case 'hardBreak':
      out.push(h('br'));
      return;
    case 'mention': {
      const text = node.attrs?.text;
      out.push(document.createTextNode(typeof text === 'string' ? text : '@someone'));
      return;
    }
    case 'emoji': {
      const text = node.attrs?.text ?? node.attrs?.shortName;
      out.push(document.createTextNode(typeof text === 'string' ? text : ''));
      return;
    }
    case 'inlineCard': {
      const url = node.attrs?.url;
      out.push(document.createTextNode(typeof url === 'string' ? url : ''));
      return;
    }
    default:
      for (const child of node.content ?? []) inline(child, out);
  }
}

function block(node: AdfNode): HTMLElement {
  const inlines: Node[] = [];
  switch (node.type) {
    case 'paragraph':
      for (const child of node.content ?? []) inline(child, inlines);
      return h('p', null, inlines);
    case 'heading': {
      for (const child of node.content ?? []) inline(child, inlines);
      return h('p', { class: 'adf-heading' }, h('strong', null, inlines));
    }
    case 'bulletList':
    case 'orderedList':
      return h(node.type === 'bulletList' ? 'ul' : 'ol', null, (node.content ?? []).map((item) => h('li', null, (item.content ?? []).map(block))));
    case 'codeBlock':
      for (const child of node.content ?? []) inline(child, inlines);
      return h('pre', null, h('code', null, inlines));
    case 'blockquote':
      return h('blockquote', null, (node.content ?? []).map(block));
    case 'rule':
      return h('hr');
    default:
      for (const child of node.content ?? []) inline(child, inlines);
      return h('p', null, inlines);
  }
}

/** Renders an ADF document (or a legacy plain string) into a container element. */
export function renderAdf(doc: AdfDoc | AdfNode | string | null | undefined, emptyText = 'None'): HTMLElement {
  if (typeof doc === 'string') return h('div', { class: 'adf' }, doc.split('\n').map((line) => h('p', null, line)));
  const blocks = doc?.content ?? [];
  if (blocks.length === 0) return h('div', { class: 'adf adf-empty' }, emptyText);
  return h('div', { class: 'adf' }, blocks.map(block));
}
