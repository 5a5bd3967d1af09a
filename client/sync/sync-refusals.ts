// What the server refused of this device, in words the UI can say: a write past the
// session's size limit, writes while the server's storage is failing, too much sent, too
// many connections, a session that cannot be read. The server says it with a y-protocols
// permission-denied reason or a close code (shared/protocol.ts); y-websocket only logs the
// first and retries on most of the second. Each notice is shown once, until dismissed.
// The private document's refusals (private writing over, a point given after the close of
// a round that hid its counts) are said here too.
//
// A session rule the server enforced (`rule: <DenyReason>: ...`: the session is closed,
// only the host may do this...) is said the same way, under `rule.<reason>`; what the
// server undid of this person's own notes and ideas is kept on the device (KeptWrites).
import * as decoding from 'lib0/decoding';
import { messageAuth, type WebsocketProvider } from 'y-websocket';
import { CloseCode, WriteRefusal, writeRefusalKind, type WriteRefusalKind } from '../../shared/protocol.ts';
import { RULE_WORDS } from '../../shared/session/refusals.ts';
import type { DenyReason } from '../../shared/session/index.ts';
import type { PresenceClient } from './presence-client.ts';

/** A key under `syncNotice.` in client/i18n, or `rule` (then `rule` says which, under `rule.`). */
export type SyncNoticeKind =
  | 'documentFull'
  | 'storageUnavailable'
  | 'rateLimited'
  | 'tooManyConnections'
  | 'unreadable'
  | 'tooLarge'
  /** Something this device sent is not valid session content (such as nesting past the limit): final. */
  | 'rejected'
  | 'rule'
  /** A private idea reached the server after the reveal: refused whole, kept in the private document on this device. */
  | 'privateNotShared';

const FINAL_CLOSES: Record<number, SyncNoticeKind> = {
  [CloseCode.RateLimited]: 'rateLimited',
  [CloseCode.TooManyConnections]: 'tooManyConnections',
  [CloseCode.DocumentUnreadable]: 'unreadable',
  [CloseCode.MalformedMessage]: 'rejected',
  // Past the largest sync message (the document cap): retrying would be refused again.
  [CloseCode.MessageTooBig]: 'tooLarge',
};

export class SyncRefusals {
  readonly #provider: WebsocketProvider;
  /** Further documents of this device (the private one), and their close listeners. */
  readonly #others: Array<[WebsocketProvider, (event: CloseEvent | null) => void]> = [];
  #stopPresence: () => unknown = () => undefined;
  readonly #listeners = new Set<() => void>();
  readonly #dismissed = new Set<SyncNoticeKind>();
  #notice: SyncNoticeKind | null = null;
  #rule: DenyReason | null = null;
  #movesNotTaken = 0;
  readonly #onRule: (reason: DenyReason) => void;

  /**
   * `onRule` hears every rule refusal (to keep what the server is about to undo); `save`, every
   * write of this document the server refused whole (the size limit, storage down).
   */
  constructor(provider: WebsocketProvider, onRule: (reason: DenyReason) => void = () => {}, save?: RefusedWrites) {
    this.#provider = provider;
    this.#onRule = onRule;
    // Ours alone: y-websocket's own handler logs the provider's whole URL, token included.
    provider.messageHandlers[messageAuth] = (_encoder, decoder) => {
      const reason = readReason(decoder);
      if (refusedWhole(writeRefusalKind(reason))) save?.writeRefused();
      this.#onDenied(reason);
    };
    provider.on('connection-close', this.#onClose);
  }

  /**
   * Refusals about one of this person's own documents (client/sync/own-document.ts): his
   * private stickies and points, or the host's notebook. An idea written after the reveal is
   * refused whole and stays on this device, which says so. Another rule's refusal (a point
   * given after the close, say) is taken and undone by the server, as in the session
   * document: nothing is left unsaved here, and the badge does not say otherwise.
   */
  watchOwn(provider: WebsocketProvider, save: RefusedWrites): void {
    provider.messageHandlers[messageAuth] = (_encoder, decoder) => {
      const reason = readReason(decoder);
      const kind = writeRefusalKind(reason);
      const notShared = reason.startsWith(`${WriteRefusal.Rule}: not-private-writing:`);
      if (notShared || refusedWhole(kind)) save.writeRefused();
      if (notShared) this.#show('privateNotShared');
      else if (kind !== WriteRefusal.Rule) this.#onDenied(reason);
      else this.#sayRule(reason);
    };
    const onClose = (event: CloseEvent | null) => this.#closed(provider, event);
    provider.on('connection-close', onClose);
    this.#others.push([provider, onClose]);
  }

  /** Presence and facilitation (Socket.IO): a refused connection is said like a refused sync. */
  watchPresence(presence: PresenceClient): void {
    this.#stopPresence = presence.onConnectRefused((kind) => this.#show(kind));
  }

  get notice(): SyncNoticeKind | null {
    return this.#notice;
  }

  /**
   * How many phase moves of this device the server did not take because another leader had
   * moved the session a moment before (`moved-meanwhile`): not an error, the stepper says who
   * moved it (client/room/PhaseStepper.tsx).
   */
  get movesNotTaken(): number {
    return this.#movesNotTaken;
  }

  /** The rule the last `rule` notice is about. */
  get rule(): DenyReason | null {
    return this.#rule;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  dismiss(): void {
    if (this.#notice) this.#dismissed.add(this.#notice);
    this.#set(null);
  }

  /**
   * What a `kind` notice said is over (the ideas kept as not shared were thrown away): the
   * notice goes, and a new refusal of that kind says it again.
   */
  resolved(kind: SyncNoticeKind): void {
    this.#dismissed.delete(kind);
    if (this.#notice === kind) this.#set(null);
  }

  destroy(): void {
    this.#provider.off('connection-close', this.#onClose);
    for (const [provider, onClose] of this.#others) provider.off('connection-close', onClose);
    this.#stopPresence();
    this.#listeners.clear();
  }

  readonly #onClose = (event: CloseEvent | null): void => this.#closed(this.#provider, event);

  #closed(provider: WebsocketProvider, event: CloseEvent | null): void {
    const kind = event ? FINAL_CLOSES[event.code] : undefined;
    if (!kind) return;
    // A 1009 is not final for y-websocket: stop here, the data stays on this device.
    if (event?.code === CloseCode.MessageTooBig) provider.shouldConnect = false;
    this.#show(kind);
  }

  #onDenied(reason: string): void {
    switch (writeRefusalKind(reason)) {
      case 'document-full':
        return this.#show('documentFull');
      case 'storage-unavailable':
        return this.#show('storageUnavailable');
      case 'storage-restored':
        this.#dismissed.delete('storageUnavailable');
        if (this.#notice === 'storageUnavailable') this.#set(null);
        return;
      case 'rule': {
        const code = ruleOf(reason);
        if (code) this.#onRule(code);
        return this.#sayRule(reason);
      }
      default:
        return;
    }
  }

  /** A rule refusal, said under `rule.<reason>` (a point given as the round closed, say). */
  #sayRule(reason: string): void {
    const code = ruleOf(reason);
    if (!code) return;
    if (code === 'moved-meanwhile') {
      // Two leaders pressed together: the room moved, as one of them wanted. No alarm.
      this.#movesNotTaken += 1;
      for (const listener of this.#listeners) listener();
      return;
    }
    // Each refusal is news: said again even after an earlier one was dismissed.
    this.#rule = code;
    this.#set('rule');
  }

  #show(kind: SyncNoticeKind): void {
    if (this.#dismissed.has(kind) || this.#notice === kind) return;
    this.#set(kind);
  }

  #set(notice: SyncNoticeKind | null): void {
    this.#notice = notice;
    for (const listener of this.#listeners) listener();
  }
}

/** What is told of writes the server refused whole: the document's SaveTracker. */
export interface RefusedWrites {
  writeRefused(): void;
}

/**
 * Refusals of a write that never reached the document, which the device still holds. A rule
 * refusal of the session document is not one: the server undid the refused part with a
 * change of its own, which the device gets like any other (and KeptWrites keeps the text).
 */
function refusedWhole(kind: WriteRefusalKind | null): boolean {
  return kind === WriteRefusal.DocumentFull || kind === WriteRefusal.StorageUnavailable;
}

function readReason(decoder: decoding.Decoder): string {
  try {
    const d = decoder;
    decoding.readVarUint(d); // permission denied
    return decoding.readVarString(d);
  } catch {
    return '';
  }
}

function ruleOf(reason: string): DenyReason | null {
  const code = reason.split(':')[1]?.trim() ?? '';
  return code in RULE_WORDS ? (code as DenyReason) : null;
}
