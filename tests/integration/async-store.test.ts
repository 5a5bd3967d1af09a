import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import * as S from '../../shared/session/index.ts';
import { hostLine, hostLineText } from '../helpers/session-text.ts';
import * as decoding from 'lib0/decoding';
import { CloseCode } from '../../shared/protocol.ts';
import { SqliteStorage } from '../../server/storage/sqlite.ts';
import type { DocStore, Storage } from '../../server/storage/types.ts';
import { syncStep1Frame } from '../../server/sync/messages.ts';
import { collectFrames, connectProvider, destroyAll, openRaw, whenClosed, whenDoc, whenFrame, whenSynced } from '../helpers/clients.ts';
import { createSession, startServer, tempDir, type TestServer } from '../helpers/server.ts';

/**
 * The real SQLite store behind a store that behaves like a remote one (PostgreSQL): every
 * append waits until the test lets it through, or fails when told to.
 */
class SlowStore {
  readonly sqlite = new SqliteStorage(path.join(tempDir(), 'entraide.sqlite'));
  stored = 0;
  gated = false;
  failNext = false;
  failNextLoad = false;
  loadsFailed = 0;
  readonly #waiting: Array<() => void> = [];

  letOneThrough(): void {
    this.#waiting.shift()?.();
  }
  get queued(): number {
    return this.#waiting.length;
  }
  storage(): Storage {
    const inner = this.sqlite;
    const docs: DocStore = {
      appendUpdate: async (id, update) => {
        if (this.gated) await new Promise<void>((resolve) => this.#waiting.push(resolve));
        if (this.failNext) {
          this.failNext = false;
          throw new Error('disk full');
        }
        await inner.appendUpdate(id, update);
        this.stored += 1;
      },
      loadUpdates: async (id) => {
        if (this.failNextLoad) {
          this.failNextLoad = false;
          this.loadsFailed += 1;
          throw new Error('connection reset');
        }
        return inner.loadUpdates(id);
      },
      compact: (id) => inner.compact(id),
      shouldCompact: () => false,
      storedBytes: (id) => inner.storedBytes(id),
      listDocs: (prefix) => inner.listDocs(prefix),
    };
    return { sessions: inner, access: inner.access, docs, clubs: inner.clubs, search: inner.search, ping: () => inner.ping(), close: () => inner.close() };
  }
}

async function storedDoc(store: SlowStore, id: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const u of await store.sqlite.loadUpdates(id)) Y.applyUpdate(doc, u);
  return doc;
}

/** What the store holds of the host's first line. */
async function storedText(store: SlowStore, id: string): Promise<string> {
  return hostLineText(await storedDoc(store, id));
}

describe('with a store that answers later', () => {
  it('after a document failed to load, the next connection loads it again at once', async () => {
    const store = new SlowStore();
    // The failed copy must not wait out the unload delay before anyone can try again.
    const server: TestServer = await startServer({ unloadDelayMs: 60_000 }, { storage: store.storage() });
    const session = await createSession(server.http);
    store.failNextLoad = true;
    const host = connectProvider(server.ws, session.id, session.tokens.host);
    await whenSynced(host);
    expect(store.loadsFailed).toBe(1);
    hostLine(host.doc).insert(0, 'rechargé');
    const other = connectProvider(server.ws, session.id, session.tokens.member);
    await whenDoc(other.doc, (d) => hostLineText(d) === 'rechargé');
    destroyAll(host, other);
    await server.close();
  });

  it('answers a joiner once what it was sent is stored, without waiting for writes made after it asked', async () => {
    const store = new SlowStore();
    const server: TestServer = await startServer({}, { storage: store.storage() });
    const session = await createSession(server.http);
    // The host types his presentation; its first line is there, and stored, before the gate.
    const writer = connectProvider(server.ws, session.id, session.tokens.host);
    await whenSynced(writer);
    const lease = await server.app.registry.acquire(session.id);
    const line = hostLine(writer.doc);
    await vi.waitFor(async () => expect(S.getPresentationFragment(await storedDoc(store, session.id), 'problem').length).toBe(1));

    store.gated = true;
    line.insert(0, 'FIRST');
    await vi.waitFor(() => expect(store.queued).toBe(1));

    // A joiner asks for the document while FIRST is being written...
    const raw = await openRaw(`${server.ws}/yjs/${session.id}?token=${session.tokens.member}`);
    if (raw.kind !== 'open') throw new Error('refused');
    const frames = collectFrames(raw.ws);
    raw.ws.send(syncStep1Frame(Y.encodeStateVector(new Y.Doc())));
    raw.ws.send(Uint8Array.from([3])); // query awareness: answered once the step 1 is being handled
    await whenFrame(raw.ws, frames, (f) => f[0] === 1);
    // ...and SECOND is applied in memory before FIRST is stored.
    line.insert(5, 'SECOND');
    await vi.waitFor(() => expect(hostLineText(lease.room.doc)).toBe('FIRSTSECOND'));

    // Nothing before FIRST is stored: the answer holds FIRST, not yet durable.
    expect(frames.some((f) => f[0] === 0 && f[1] === 1)).toBe(false);
    store.letOneThrough();
    // FIRST is stored: the joiner gets its answer now, without waiting for SECOND, which
    // came after it asked (under steady writes it would otherwise wait for ever).
    const step2 = await whenFrame(raw.ws, frames, (f) => f[0] === 0 && f[1] === 1);
    expect(await storedText(store, session.id)).toBe('FIRST');
    expect(store.queued).toBe(1);
    const decoder = decoding.createDecoder(step2);
    decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
    const received = new Y.Doc();
    Y.applyUpdate(received, decoding.readVarUint8Array(decoder));
    expect(hostLineText(received)).toBe('FIRST');
    // SECOND reaches the joiner as an update once it is stored, never before.
    // (The joiner is in the room: FIRST was relayed to it too, once stored.)
    const isUpdate = (f: Uint8Array) => f[0] === 0 && f[1] === 2;
    expect(frames.filter(isUpdate)).toHaveLength(1);
    const seen = frames.length;
    store.letOneThrough();
    const update = await whenFrame(raw.ws, frames.slice(seen), isUpdate);
    expect(await storedText(store, session.id)).toBe('FIRSTSECOND');
    const updateDecoder = decoding.createDecoder(update);
    decoding.readVarUint(updateDecoder);
    decoding.readVarUint(updateDecoder);
    Y.applyUpdate(received, decoding.readVarUint8Array(updateDecoder));
    expect(hostLineText(received)).toBe('FIRSTSECOND');
    lease.release();
    raw.ws.close();
    destroyAll(writer);
    await server.close();
  });

  it('after a failed write, nobody is dropped: the room holds the update, writes it again, then relays it (issue 10)', async () => {
    const store = new SlowStore();
    const server = await startServer({ unloadDelayMs: 0 }, { storage: store.storage() });
    const session = await createSession(server.http);
    const a = connectProvider(server.ws, session.id, session.tokens.host);
    const b = connectProvider(server.ws, session.id, session.tokens.member);
    await Promise.all([whenSynced(a), whenSynced(b)]);
    const line = hostLine(a.doc);
    await whenDoc(b.doc, (d) => S.getPresentationFragment(d, 'problem').length === 1);
    const closes: number[] = [];
    for (const p of [a, b]) p.on('connection-close', (e) => closes.push(e?.code ?? 0));

    store.failNext = true;
    line.insert(0, 'perdu ? non');
    // Held, tried again, stored: then, and only then, the other member sees it.
    await whenDoc(b.doc, (d) => hostLineText(d) === 'perdu ? non');
    expect(await storedText(store, session.id)).toBe('perdu ? non');
    line.insert(0, '» ');
    await whenDoc(b.doc, (d) => hostLineText(d) === '» perdu ? non');
    expect(closes).toEqual([]);
    destroyAll(a, b);
    await server.close();
  });
});
