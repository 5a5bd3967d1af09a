// The rule check between reading a client's update and relaying it (as Hocuspocus's
// beforeHandleMessage and tldraw's filterPush are). The update is applied to the room's
// document, then every change it made is judged with the same can() the UI uses
// (shared/session/changes.ts), for the connection's own participant and role, on the rule
// state before it. What is refused is undone at once by a change of the server's own, made
// from exactly the refused items (Y.UndoManager, given a stack item of those alone): the
// update and its undo are stored and relayed as one, so the other replicas never see the
// refused part, the sender gets the undo and converges, and what was allowed in the same
// update goes through.
import * as Y from 'yjs';
import { inRegion, reviewPrivateTransaction, reviewTransaction, type PrivateRules, type RefusedChange } from '../../shared/session/changes.ts';
import { ruleStateOf, type RuleActor, type RuleState } from '../../shared/session/phases.ts';
import { getPresentationFragment, roots } from '../../shared/session/schema.ts';
import { voteTargetKind, votesCountedFor } from '../../shared/session/votes.ts';
import { getVotingSettings } from '../../shared/session/voting.ts';
import { PRESENTATION_SECTIONS } from '../../shared/session/types.ts';

export interface GateVerdict {
  /** The server's undo of the refused parts, or null when nothing was refused. */
  readonly undo: Uint8Array | null;
  readonly refused: readonly RefusedChange[];
}

type DeleteSet = ReturnType<typeof Y.createDeleteSet>;

interface Pending {
  readonly origin: unknown;
  readonly actor: RuleActor;
  readonly before: RuleState;
  /** A private document's: the session's rules as they stood when the update arrived. */
  readonly privateRules: PrivateRules | null;
  refused: RefusedChange[];
  /** Items kept from garbage collection for the undo, released after it. */
  readonly kept: Y.Item[];
  stackItem: { insertions: DeleteSet; deletions: DeleteSet; meta: Map<unknown, unknown> } | null;
}

/**
 * Which rules judge a document's changes: a session document's (the rule table, on the
 * document's own rule state), or a private document's (its owner's stickies while private
 * writing is on, his points while a round hides its counts), read on its session's
 * document as this instance holds it (`session`; null when not held here: nothing goes).
 */
export type GateRules = 'session' | { readonly kind: 'private'; readonly session: () => Y.Doc | null };

export class UpdateGate {
  readonly #doc: Y.Doc;
  readonly #rules: GateRules;
  readonly #undo: Y.UndoManager;
  #pending: Pending | null = null;
  /** The roots the rule state is read from (ruleStateOf): a change under one of them drops it. */
  readonly #ruleRoots: ReadonlySet<unknown>;
  /**
   * The rule state as of the last transaction, read again only after one that changed its
   * roots: the phase, the board's settings and the facilitators change a few times a
   * session, and reading them for each of thousands of moves cost about 5 µs a move.
   */
  #ruleState: RuleState | null = null;

  constructor(doc: Y.Doc, rules: GateRules = 'session') {
    this.#doc = doc;
    this.#rules = rules;
    // Every documented root typed before anything arrives: a root nobody here has opened
    // would integrate as a bare type, whose changes raise no events to judge them by.
    const r = roots(doc);
    this.#ruleRoots = new Set<unknown>([r.meta, r.board, r.facilitators]);
    for (const section of PRESENTATION_SECTIONS) getPresentationFragment(doc, section);
    // It records nothing by itself: the gate hands it the one stack item to undo.
    this.#undo = new Y.UndoManager(doc, { captureTransaction: () => false, trackedOrigins: new Set() });
    this.#undo.trackedOrigins.clear();
    doc.on('afterTransaction', this.#afterTransaction);
  }

  /** People beside those in the document's `participants` who may carry an action. */
  #alsoKnown: ((participantId: string) => boolean) | null = null;

  /** Who else than the document's participants the session knows, for its actions' owners. */
  knowPeople(known: (participantId: string) => boolean): void {
    this.#alsoKnown = known;
  }

  /**
   * Applies `update` from `origin` (who is `actor`) and undoes what the rules refuse.
   * `apply` applies the update to the document with `origin`.
   */
  apply(origin: unknown, actor: RuleActor, apply: () => void): GateVerdict {
    const rules = this.#rules;
    const privateRules = rules === 'session' ? null : privateRulesOf(rules.session(), actor);
    this.#pending = { origin, actor, before: this.#currentRuleState(), privateRules, refused: [], kept: [], stackItem: null };
    let pending: Pending;
    try {
      apply();
    } finally {
      pending = this.#pending;
      this.#pending = null;
    }
    if (!pending.stackItem) return { undo: null, refused: pending.refused };
    let undo: Uint8Array | null = null;
    const capture = (update: Uint8Array, origin: unknown) => {
      if (origin === this.#undo) undo = undo ? Y.mergeUpdates([undo, update]) : update;
    };
    this.#doc.on('update', capture);
    try {
      this.#undo.undoStack.push(pending.stackItem as never);
      this.#undo.undo();
    } finally {
      this.#doc.off('update', capture);
      this.#undo.clear();
      for (const item of pending.kept) item.keep = false;
    }
    return { undo, refused: pending.refused };
  }

  /** The rule state now (read again only after its roots changed). */
  #currentRuleState(): RuleState {
    return (this.#ruleState ??= ruleStateOf(this.#doc));
  }

  destroy(): void {
    this.#doc.off('afterTransaction', this.#afterTransaction);
    this.#undo.destroy();
  }

  readonly #afterTransaction = (tr: Y.Transaction): void => {
    // Whoever made it (a client, the server, another instance, storage).
    if (this.#ruleState) for (const type of tr.changedParentTypes.keys()) if (this.#ruleRoots.has(type)) this.#ruleState = null;
    if (tr.origin === this.#undo) {
      // The undo manager marks what it restores (and its parents) as never to be collected:
      // nothing here needs that once the undo is made.
      forNewItems(tr, (item) => {
        for (let it: Y.Item | null = item; it?.keep; it = (it.parent as Y.AbstractType<unknown>)._item) it.keep = false;
      });
      return;
    }
    const pending = this.#pending;
    if (!pending || tr.origin !== pending.origin) return;
    const refused = this.#rules === 'session' ? reviewTransaction(tr, pending.actor, pending.before, this.#alsoKnown) : reviewPrivateTransaction(tr, pending.actor, pending.privateRules);
    if (refused.length === 0) return;
    pending.refused.push(...refused);
    const inRefused = (item: Y.Item) => refused.some((change) => inRegion(item, change));
    const insertions = Y.createDeleteSet();
    forNewItems(tr, (item) => {
      if (inRefused(item)) addItem(insertions, item);
    });
    const deletions = Y.createDeleteSet();
    Y.iterateDeletedStructs(tr, tr.deleteSet, (struct) => {
      if (!(struct instanceof Y.Item) || !inRefused(struct)) return;
      addItem(deletions, struct);
      // Restored from its content: keep it from this transaction's garbage collection.
      for (let it: Y.Item | null = struct; it && !it.keep; it = (it.parent as Y.AbstractType<unknown>)._item) {
        it.keep = true;
        pending.kept.push(it);
      }
    });
    const previous = pending.stackItem;
    pending.stackItem = previous
      ? { insertions: Y.mergeDeleteSets([previous.insertions, insertions]), deletions: Y.mergeDeleteSets([previous.deletions, deletions]), meta: new Map() }
      : { insertions: sorted(insertions), deletions: sorted(deletions), meta: new Map() };
  };
}

/** The items a transaction created. */
function forNewItems(tr: Y.Transaction, fn: (item: Y.Item) => void): void {
  const made = Y.createDeleteSet();
  tr.afterState.forEach((clock, client) => {
    const start = tr.beforeState.get(client) ?? 0;
    if (clock > start) (made.clients as Map<number, DeleteItemLike[]>).set(client, [{ clock: start, len: clock - start }]);
  });
  Y.iterateDeletedStructs(tr, made, (struct) => {
    if (struct instanceof Y.Item) fn(struct);
  });
}

interface DeleteItemLike {
  clock: number;
  len: number;
}

function addItem(ds: DeleteSet, item: Y.Item): void {
  const clients = ds.clients as Map<number, DeleteItemLike[]>;
  let ranges = clients.get(item.id.client);
  if (!ranges) clients.set(item.id.client, (ranges = []));
  ranges.push({ clock: item.id.clock, len: item.length });
}

/** Ranges in clock order, as the undo manager's lookups expect. */
function sorted(ds: DeleteSet): DeleteSet {
  for (const ranges of (ds.clients as Map<number, DeleteItemLike[]>).values()) ranges.sort((a, b) => a.clock - b.clock);
  return ds;
}

function privateRulesOf(sessionDoc: Y.Doc | null, owner: RuleActor): PrivateRules | null {
  if (!sessionDoc) return null;
  return {
    state: ruleStateOf(sessionDoc),
    boardVotes: (kind) => votesCountedFor(sessionDoc, owner.participantId, kind),
    targetKind: (id) => voteTargetKind(sessionDoc, id),
    roundTarget: getVotingSettings(sessionDoc).target,
    round: getVotingSettings(sessionDoc).round,
  };
}
