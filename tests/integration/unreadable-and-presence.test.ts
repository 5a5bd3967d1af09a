import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol.ts';
import { connectProvider, destroyAll, openRaw, whenClosed, whenDoc, whenSynced } from '../helpers/clients.ts';
import { joinPresence, whenPresence } from '../helpers/presence.ts';
import { createSession, startServer, tempDir } from '../helpers/server.ts';
import { hostLine, hostLineText } from '../helpers/session-text.ts';

describe('an unreadable document (issue 10)', () => {
  it('gives a clear, final error for its session alone; other sessions go on', async () => {
    const dataDir = tempDir();
    const first = await startServer({ dataDir, sessionCreatePerMinute: 0 });
    const damaged = await createSession(first.http);
    const healthy = await createSession(first.http);
    await first.close();
    // A stored update Yjs cannot read.
    const db = new DatabaseSync(path.join(dataDir, 'entraide.sqlite'));
    db.prepare('INSERT INTO doc_updates (doc_id, data) VALUES (?, ?)').run(damaged.id, Buffer.from([1, 1, 200, 1, 0, 40, 1, 2, 3]));
    db.close();

    const server = await startServer({ dataDir });
    const opened = await openRaw(`${server.ws}/yjs/${damaged.id}?token=${damaged.tokens.member}`);
    if (opened.kind !== 'open') throw new Error(`refused with ${opened.status}`);
    const closed = await whenClosed(opened.ws);
    // 4400-4499: y-websocket's provider stops there instead of retrying for ever.
    expect(closed.code).toBe(CloseCode.DocumentUnreadable);
    expect(closed.reason).toMatch(/cannot be read/);
    const summary = await fetch(`${server.http}/api/sessions/${damaged.id}/summary?token=${damaged.tokens.member}`);
    expect(summary.status).toBe(503);
    expect(((await summary.json()) as { error: string }).error).toMatch(/cannot be read/);

    const a = connectProvider(server.ws, healthy.id, healthy.tokens.host);
    const b = connectProvider(server.ws, healthy.id, healthy.tokens.member);
    await Promise.all([whenSynced(a), whenSynced(b)]);
    hostLine(a.doc).insert(0, 'tout va bien ici');
    await whenDoc(b.doc, (d) => hostLineText(d) === 'tout va bien ici');
    expect((await fetch(`${server.http}/api/sessions/${healthy.id}/summary?token=${healthy.tokens.member}`)).status).toBe(200);
    destroyAll(a, b);
    await server.close();
  });
});

describe('presence broadcasts are coalesced (issue 10)', () => {
  it('thirty sockets renaming themselves non-stop get a few lists a second, the last one true', async () => {
    const server = await startServer({ presenceBroadcastsPerSecond: 4 });
    const session = await createSession(server.http);
    const sockets = Array.from({ length: 30 }, (_, i) => joinPresence(server.http, session.id, session.tokens.member, `Membre${i}`));
    await whenPresence(sockets[0]!, (e) => e.length === 30);
    let lists = 0;
    sockets[0]!.on('presence:list', () => lists++);
    const startedAt = Date.now();
    // 30 sockets x 20 events (their whole burst) in one go: 600 changes.
    for (let round = 0; round < 20; round++) sockets.forEach((s, i) => s.emit('presence:update', { name: `Membre${i} ${round}` }));
    // Everyone ends with the last round's name, which no earlier list held: the last list says so.
    await whenPresence(sockets[0]!, (e) => e.length === 30 && e.every((p) => p.name.endsWith(' 19')));
    const seconds = Math.max(1, (Date.now() - startedAt) / 1000);
    // Before: one list per change, 600 of them.
    expect(lists).toBeLessThanOrEqual(Math.ceil(seconds * 4) + 2);
    for (const s of sockets) s.close();
    await server.close();
  });
});
