// The host's presentation: one root XmlFragment per section (bound by Tiptap's
// Collaboration extension) and which section the shared screen shows.
import * as Y from 'yjs';
import { getPresentationFragment, roots } from './schema.ts';
import { PRESENTATION_SECTIONS } from './types.ts';
import type { PresentationSection } from './types.ts';

export { getPresentationFragment };

export function getShownSection(doc: Y.Doc): PresentationSection | null {
  const v = roots(doc).presentation.get('shownSection');
  return typeof v === 'string' && (PRESENTATION_SECTIONS as readonly string[]).includes(v)
    ? (v as PresentationSection)
    : null;
}

/** Show a section on the shared screen, or nothing with null. */
export function setShownSection(doc: Y.Doc, section: PresentationSection | null): void {
  roots(doc).presentation.set('shownSection', section);
}

/** A block of text read from ProseMirror content: a paragraph, heading or list item. */
export interface TextBlock {
  readonly type: 'paragraph' | 'heading' | 'listItem';
  readonly text: string;
  /** 1-6 for headings, list depth (1 = top) for list items, 0 for paragraphs. */
  readonly level: number;
}

const LIST_NODES = new Set(['bulletList', 'orderedList', 'bullet_list', 'ordered_list']);
const ITEM_NODES = new Set(['listItem', 'list_item']);

/**
 * How deep the reader follows nested elements. Tiptap's schema nests a few levels (lists in
 * lists); a document written by a script may nest thousands, and a reader that recursed
 * without a bound would overflow the stack (issue 10: a presentation nested 6,000 levels
 * deep made GET /summary answer 500 for good). Below this depth, text is still read, flat.
 */
export const MAX_READ_DEPTH = 64;

/** Plain text blocks of a ProseMirror fragment (Tiptap's node names), marks dropped. */
export function fragmentBlocks(fragment: Y.XmlFragment): TextBlock[] {
  const blocks: TextBlock[] = [];
  const visit = (node: Y.XmlElement | Y.XmlFragment, depth: number, inItem: boolean, nesting: number): void => {
    let inline = '';
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) {
        inline += textOf(child);
      } else if (child instanceof Y.XmlElement) {
        const name = child.nodeName;
        if (name === 'hardBreak' || name === 'hard_break') inline += '\n';
        else if (nesting >= MAX_READ_DEPTH) pushText(blocks, inItem ? 'listItem' : 'paragraph', collectText(child), inItem ? depth : 0);
        else if (LIST_NODES.has(name)) visit(child, depth + 1, false, nesting + 1);
        else if (ITEM_NODES.has(name)) visit(child, depth, true, nesting + 1);
        else if (name === 'heading') pushBlock(blocks, 'heading', child, headingLevel(child));
        else if (name === 'paragraph' && inItem) pushText(blocks, 'listItem', collectText(child), depth);
        else visit(child, depth, inItem, nesting + 1);
      }
    }
    if (inline.trim()) blocks.push({ type: inItem ? 'listItem' : 'paragraph', text: inline.trim(), level: inItem ? depth : 0 });
  };
  visit(fragment, 0, false, 0);
  return blocks;
}

/** Section text as paragraphs separated by blank lines. */
export function fragmentPlainText(fragment: Y.XmlFragment): string {
  return fragmentBlocks(fragment).map((b) => b.text).join('\n\n');
}

function textOf(text: Y.XmlText): string {
  let s = '';
  for (const op of text.toDelta() as Array<{ insert?: unknown }>) {
    if (typeof op.insert === 'string') s += op.insert;
  }
  return s;
}

/** All the text under an element, in document order, however deep (no recursion). */
function collectText(node: Y.XmlElement): string {
  let s = '';
  const stack: Array<Y.XmlElement | Y.XmlText | Y.XmlHook> = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current instanceof Y.XmlText) s += textOf(current);
    else if (current instanceof Y.XmlElement) {
      if (current !== node && current.nodeName.startsWith('hard')) {
        s += '\n';
        continue;
      }
      const children = current.toArray();
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  return s;
}

function headingLevel(el: Y.XmlElement): number {
  const level = Number(el.getAttribute('level'));
  return Number.isInteger(level) && level >= 1 && level <= 6 ? level : 2;
}

function pushBlock(blocks: TextBlock[], type: TextBlock['type'], el: Y.XmlElement, level: number): void {
  pushText(blocks, type, collectText(el), level);
}

function pushText(blocks: TextBlock[], type: TextBlock['type'], text: string, level: number): void {
  const t = text.trim();
  if (t) blocks.push({ type, text: t, level });
}

/**
 * Write plain paragraphs into a section, replacing what it held, as Tiptap's schema would
 * (paragraph elements holding text). For fixtures, imports and tests; editors bind directly.
 */
export function setSectionParagraphs(doc: Y.Doc, section: PresentationSection, paragraphs: readonly string[]): void {
  const fragment = getPresentationFragment(doc, section);
  doc.transact(() => {
    fragment.delete(0, fragment.length);
    fragment.insert(
      0,
      paragraphs.map((p) => {
        const el = new Y.XmlElement('paragraph');
        el.insert(0, [new Y.XmlText(p)]);
        return el;
      }),
    );
  });
}
