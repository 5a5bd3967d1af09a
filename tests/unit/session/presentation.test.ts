import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  fragmentBlocks, fragmentPlainText, getPresentationFragment, getShownSection, presentationRootName,
  setSectionParagraphs, setShownSection,
} from '../../../shared/session/index.ts';

function el(name: string, children: Array<Y.XmlElement | Y.XmlText>, attrs: Record<string, string> = {}): Y.XmlElement {
  const e = new Y.XmlElement(name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.insert(0, children);
  return e;
}

describe('presentation sections', () => {
  it('gives each section its own root XmlFragment for Tiptap to bind', () => {
    const doc = new Y.Doc();
    const problem = getPresentationFragment(doc, 'problem');
    expect(problem).toBeInstanceOf(Y.XmlFragment);
    expect(problem).toBe(doc.getXmlFragment(presentationRootName('problem')));
    expect(problem).not.toBe(getPresentationFragment(doc, 'context'));
  });

  it('reads ProseMirror content as text blocks: headings, paragraphs, nested lists, marks dropped', () => {
    const doc = new Y.Doc();
    const frag = getPresentationFragment(doc, 'strategy');
    const bold = new Y.XmlText();
    frag.insert(0, [
      el('heading', [new Y.XmlText('Axes')], { level: '3' }),
      el('paragraph', [bold]),
      el('bulletList', [
        el('listItem', [el('paragraph', [new Y.XmlText('Médical')])]),
        el('listItem', [
          el('paragraph', [new Y.XmlText('Énergie')]),
          el('bulletList', [el('listItem', [el('paragraph', [new Y.XmlText('Hydrogène')])])]),
        ]),
      ]),
      el('paragraph', []),
    ]);
    bold.insert(0, 'Sortir de ');
    bold.insert(10, 'l’automobile', { bold: true });
    expect(fragmentBlocks(frag)).toEqual([
      { type: 'heading', text: 'Axes', level: 3 },
      { type: 'paragraph', text: 'Sortir de l’automobile', level: 0 },
      { type: 'listItem', text: 'Médical', level: 1 },
      { type: 'listItem', text: 'Énergie', level: 1 },
      { type: 'listItem', text: 'Hydrogène', level: 2 },
    ]);
  });

  it('writes and reads plain paragraphs', () => {
    const doc = new Y.Doc();
    setSectionParagraphs(doc, 'problem', ['Un', 'Deux']);
    setSectionParagraphs(doc, 'problem', ['Comment entrer sur le marché ?', 'Sans trésorerie.']);
    expect(fragmentPlainText(getPresentationFragment(doc, 'problem'))).toBe('Comment entrer sur le marché ?\n\nSans trésorerie.');
  });

  it('tracks the section shown on the shared screen', () => {
    const doc = new Y.Doc();
    expect(getShownSection(doc)).toBeNull();
    setShownSection(doc, 'helpWanted');
    expect(getShownSection(doc)).toBe('helpWanted');
    setShownSection(doc, null);
    expect(getShownSection(doc)).toBeNull();
  });
});
