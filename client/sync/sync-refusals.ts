// What the server refused of this device, in words the UI can say: a write past the
// session's size limit, writes while the server's storage is failing, too much sent, too
// many connections, a session that cannot be read. The server says it with a y-protocols
// permission-denied reason or a close code (shared/protocol.ts); y-websocket only logs the
// first and retries on most of the second. Each notice is shown once, until dismissed.
import * as decoding from 'lib0/decoding';
import { messageAuth, type WebsocketProvider } from 'y-websocket';
import { CloseCode, writeRefusalKind } from '../../shared/protocol.ts';

/** A key under `syncNotice.` in client/i18n. */
export type SyncNoticeKind = 'documentFull' | 'storageUnavailable' | 'rateLimited' | 'tooManyConnections' | 'unreadable' | 'tooLarge';

const FINAL_CLOSES: Record<number, SyncNoticeKind> = {
  [CloseCode.RateLimited]: 'rateLimited',
  [CloseCode.TooManyConnections]: 'tooManyConnections',
  [CloseCode.DocumentUnreadable]: 'unreadable',
  // Past the largest sync message (the document cap): retrying would be refused again.
  [CloseCode.MessageTooBig]: 'tooLarge',
};

export class SyncRefusals {
  readonly #provider: WebsocketProvider;
  readonly #listeners = new Set<() => void>();
  readonly #dismissed = new Set<SyncNoticeKind>();
  #notice: SyncNoticeKind | null = null;

  constructor(provider: WebsocketProvider) {
    this.#provider = provider;
    const original = provider.messageHandlers[messageAuth];
    provider.messageHandlers[messageAuth] = (encoder, decoder, prov, emitSynced, type) => {
      this.#onDenied(readReason(decoder));
      original?.(encoder, decoder, prov, emitSynced, type);
    };
    provider.on('connection-close', this.#onClose);
  }

  get notice(): SyncNoticeKind | null {
    return this.#notice;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  dismiss(): void {
    if (this.#notice) this.#dismissed.add(this.#notice);
    this.#set(null);
  }

  destroy(): void {
    this.#provider.off('connection-close', this.#onClose);
    this.#listeners.clear();
  }

  readonly #onClose = (event: CloseEvent | null): void => {
    const kind = event ? FINAL_CLOSES[event.code] : undefined;
    if (!kind) return;
    // A 1009 is not final for y-websocket: stop here, the data stays on this device.
    if (event?.code === CloseCode.MessageTooBig) this.#provider.shouldConnect = false;
    this.#show(kind);
  };

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
      default:
        return;
    }
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

function readReason(decoder: decoding.Decoder): string {
  try {
    const d = decoding.clone(decoder);
    decoding.readVarUint(d); // permission denied
    return decoding.readVarString(d);
  } catch {
    return '';
  }
}
