// An in-memory network of Yjs replicas, after Yjs's own tests/testHelper.js: each peer has
// an inbox, messages are delivered in random order, peers disconnect and reconnect at random.
// A disconnected peer keeps editing; what is sent to it meanwhile is lost, as with a dropped
// websocket, and a reconnect runs the sync handshake (state vector -> missing updates).
import * as prng from 'lib0/prng';
import * as Y from 'yjs';

const REMOTE = Symbol('remote');

export interface Peer {
  readonly index: number;
  readonly doc: Y.Doc;
  online: boolean;
  readonly inbox: Uint8Array[];
}

export class Network {
  readonly peers: Peer[];
  readonly gen: prng.PRNG;
  delivered = 0;

  constructor(gen: prng.PRNG, count: number, seedDoc?: Y.Doc) {
    this.gen = gen;
    this.peers = Array.from({ length: count }, (_, index) => {
      const doc = new Y.Doc({ guid: 'fuzz-session' });
      // Fixed client ids make a seed replay exactly.
      doc.clientID = index + 1;
      if (seedDoc) Y.applyUpdate(doc, Y.encodeStateAsUpdate(seedDoc), REMOTE);
      const peer: Peer = { index, doc, online: true, inbox: [] };
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin !== REMOTE) this.broadcast(peer, update);
      });
      return peer;
    });
  }

  private broadcast(from: Peer, update: Uint8Array): void {
    if (!from.online) return;
    for (const p of this.peers) if (p !== from && p.online) p.inbox.push(update);
  }

  disconnect(peer: Peer): void {
    peer.online = false;
  }

  /** Come back online: exchange what each side misses with every peer online. */
  reconnect(peer: Peer): void {
    if (peer.online) return;
    peer.online = true;
    for (const other of this.peers) {
      if (other === peer || !other.online) continue;
      other.inbox.push(Y.encodeStateAsUpdate(peer.doc, Y.encodeStateVector(other.doc)));
      peer.inbox.push(Y.encodeStateAsUpdate(other.doc, Y.encodeStateVector(peer.doc)));
    }
  }

  /** Deliver one message, picked at random among all inboxes and within the inbox. */
  deliverOne(): boolean {
    const waiting = this.peers.filter((p) => p.online && p.inbox.length > 0);
    if (waiting.length === 0) return false;
    const peer = prng.oneOf(this.gen, waiting);
    const [update] = peer.inbox.splice(prng.int32(this.gen, 0, peer.inbox.length - 1), 1);
    if (update) Y.applyUpdate(peer.doc, update, REMOTE);
    this.delivered++;
    return true;
  }

  /** Everyone online, every message delivered. */
  flush(): void {
    for (const p of this.peers) this.reconnect(p);
    while (this.deliverOne()) {
      // deliver until quiet
    }
  }
}
