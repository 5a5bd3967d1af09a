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

/** Plain text blocks of a ProseMirror fragment (Tiptap's node names), marks dropped. */
export function fragmentBlocks(fragment: Y.XmlFragment): TextBlock[] {
  const blocks: TextBlock[] = [];
  const visit = (node: Y.XmlElement | Y.XmlFragment, depth: number, inItem: boolean): void => {
    let inline = '';
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) {
        inline += textOf(child);
      } else if (child instanceof Y.XmlElement) {
        const name = child.nodeName;
        if (name === 'hardBreak' || name === 'hard_break') inline += '\n';
        else if (LIST_NODES.has(name)) visit(child, depth + 1, false);
        else if (ITEM_NODES.has(name)) visit(child, depth, true);
        else if (name === 'heading') pushBlock(blocks, 'heading', child, headingLevel(child));
        else if (name === 'paragraph' && inItem) pushText(blocks, 'listItem', collectText(child), depth);
        else visit(child, depth, inItem);
      }
    }
    if (inline.trim()) blocks.push({ type: inItem ? 'listItem' : 'paragraph', text: inline.trim(), level: inItem ? depth : 0 });
  };
  visit(fragment, 0, false);
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

function collectText(node: Y.XmlElement): string {
  let s = '';
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) s += textOf(child);
    else if (child instanceof Y.XmlElement) s += child.nodeName.startsWith('hard') ? '\n' : collectText(child);
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
