// What the server undid of this person's own writing (a note taken offline that arrived
// after the session closed, an idea written after the brainstorm ended) is not lost
// silently: its text is kept on this device, in localStorage, until he copies or clears it.
// The server says "rule: ..." first and undoes right after; while such a refusal is fresh,
// an entry of his that a change from the server deletes is one it refused.
import * as Y from 'yjs';
import { readDeletedEntry, roots } from '../../shared/session/index.ts';
import type { DenyReason } from '../../shared/session/index.ts';
import type { SaveState, SaveStatus } from './save-tracker.ts';

export type KeptKind = 'visitNote' | 'sticky' | 'question';

export interface KeptWrite {
  readonly id: string;
  readonly kind: KeptKind;
  readonly text: string;
  readonly reason: DenyReason;
  readonly at: number;
}

/** How long after a refusal the server's undo is expected (it follows once stored). */
const ARMED_MS = 15_000;

/**
 * Also a part of the save badge: while a refused text waits on this device to be copied or
 * cleared, the badge says "Non enregistré : gardé sur cet appareil", not "Enregistré sur le
 * serveur" above the notice that says it was not.
 */
export class KeptWrites implements SaveStatus {
  readonly #doc: Y.Doc;
  readonly #key: string;
  readonly #meId: () => string;
  readonly #listeners = new Set<() => void>();
  readonly #unobserve: Array<() => void> = [];
  #armed: { reason: DenyReason; until: number } | null = null;
  #list: readonly KeptWrite[];

  constructor(doc: Y.Doc, sessionId: string, meId: () => string) {
    this.#doc = doc;
    this.#key = `entraide:kept:${sessionId}`;
    this.#meId = meId;
    this.#list = load(this.#key);
    const r = roots(doc);
    this.#watch(r.visitNotes, 'visitNote');
    this.#watch(r.stickies, 'sticky');
    this.#watch(r.questions, 'question');
  }

  get list(): readonly KeptWrite[] {
    return this.#list;
  }

  get state(): SaveState {
    return this.#list.length > 0 ? 'refused' : 'saved';
  }

  /** The server refused something of this device's: what it undoes next is kept. */
  arm(reason: DenyReason): void {
    this.#armed = { reason, until: Date.now() + ARMED_MS };
  }

  remove(id: string): void {
    this.#save(this.#list.filter((k) => k.id !== id));
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  destroy(): void {
    for (const off of this.#unobserve) off();
    this.#listeners.clear();
  }

  #watch(collection: Y.Map<unknown>, kind: KeptKind): void {
    const observer = (event: Y.YMapEvent<unknown>, tr: Y.Transaction) => {
      const armed = this.#armed;
      if (tr.local || !armed || Date.now() > armed.until) return;
      const kept: KeptWrite[] = [];
      for (const [id, change] of event.changes.keys) {
        if (change.action !== 'delete') continue;
        const entry = readDeletedEntry(change.oldValue);
        if (!entry || entry.authorId !== this.#meId() || typeof entry.text !== 'string' || !entry.text.trim()) continue;
        kept.push({ id, kind, text: entry.text, reason: armed.reason, at: Date.now() });
      }
      if (kept.length) this.#save([...this.#list.filter((k) => !kept.some((n) => n.id === k.id)), ...kept]);
    };
    collection.observe(observer);
    this.#unobserve.push(() => collection.unobserve(observer));
  }

  #save(list: readonly KeptWrite[]): void {
    this.#list = list;
    try {
      if (list.length) localStorage.setItem(this.#key, JSON.stringify(list));
      else localStorage.removeItem(this.#key);
    } catch {
      // Private browsing or a full quota: still shown for as long as the page is open.
    }
    for (const listener of this.#listeners) listener();
  }
}

function load(key: string): readonly KeptWrite[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((k): k is KeptWrite => typeof k?.id === 'string' && typeof k?.text === 'string') : [];
  } catch {
    return [];
  }
}
