// A full disk under a running server: a small tmpfs of our own (root only; skipped otherwise).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, onTestFailed, vi } from 'vitest';
import { writeRefusalKind } from '../../shared/protocol.ts';
import * as Y from 'yjs';
import { readMessage } from '../../server/sync/messages.ts';
import { collectFrames, connectProvider, destroyAll, openRaw, refusalReasons, whenDoc, whenFrame, whenSynced } from '../helpers/clients.ts';
import { createSession, startServer } from '../helpers/server.ts';
import { addNote, enter, noteTexts } from '../helpers/session-text.ts';
import { canMount, fill, useSmallDisk } from '../helpers/small-disk.ts';

const mountPoint = useSmallDisk('entraide-diskfull-');

async function health(base: string) {
  const res = await fetch(`${base}/healthz`);
  return { status: res.status, body: (await res.json()) as { status: string; checks: Record<string, string> } };
}

describe.skipIf(!canMount)('disk full (issue 10)', () => {
  it('the session turns read-only and says so, /healthz reports it, and nothing a client holds is lost once space is back', async () => {
    const dataDir = path.join(mountPoint, 'data');
    const server = await startServer({ dataDir, storageRetryMaxMs: 200, sessionCreatePerMinute: 0 });
    const session = await createSession(server.http);
    const other = await createSession(server.http);
    const marc = await enter(server, session.id, session.tokens.member, 'Marc');
    const a = marc.provider;
    const b = connectProvider(server.ws, session.id, session.tokens.member);
    const bystander = connectProvider(server.ws, other.id, other.tokens.member);
    await Promise.all([whenSynced(a), whenSynced(b), whenSynced(bystander)]);
    const closes: number[] = [];
    for (const p of [a, b, bystander]) p.on('connection-close', (e) => closes.push(e?.code ?? 0));
    const reasons = refusalReasons(a);

    const filler = path.join(mountPoint, 'filler');
    fill(filler);
    // Failing midway, the disk is given back: the server's close must not fail in turn.
    onTestFailed(() => fs.rmSync(filler, { force: true }));
    // Edits made while the disk is full, 120 KB each (60 notes in one change): the first is
    // held, the next refused, all kept by a.
    const batch = (i: number) =>
      a.doc.transact(() => {
        for (let k = 0; k < 60; k++) addNote(a.doc, marc.me, `note ${i}.${k} ${'plein '.repeat(330)}`);
      });
    const storedBefore = Y.getState(a.doc.store, a.doc.clientID);
    batch(0);
    await vi.waitFor(() => expect(reasons.map(writeRefusalKind)).toContain('storage-unavailable'), { timeout: 10_000 });
    // Marc's phone, reconnecting meanwhile, is not told the server has the batch it holds in
    // memory only: the server's step 1 stops before it, so the phone keeps it as not sent
    // (it said "sent" before, from the server's step 1 on its reconnection).
    const phone = await openRaw(`${server.ws}/yjs/${session.id}?token=${encodeURIComponent(marc.credential)}`);
    if (phone.kind !== 'open') throw new Error(`refused: ${phone.status}`);
    const step1 = readMessage(await whenFrame(phone.ws, collectFrames(phone.ws), (f) => readMessage(f).kind === 'sync-step1'));
    if (step1.kind !== 'sync-step1') throw new Error(`not a sync step 1: ${step1.kind}`);
    const told = Y.decodeStateVector(step1.stateVector);
    expect(Y.getState(a.doc.store, a.doc.clientID)).toBeGreaterThan(storedBefore);
    expect(told.get(a.doc.clientID) ?? 0).toBe(storedBefore);
    phone.ws.close();
    for (let i = 1; i < 6; i++) batch(i);
    await vi.waitFor(async () => {
      const h = await health(server.http);
      expect(h.status).toBe(200);
      expect(h.body.status).toBe('degraded');
      expect(h.body.checks.writes).toMatch(/cannot write/);
    });
    // Creating a session fails with a clear error (not "cannot rollback"), and the server goes on.
    const created = await fetch(`${server.http}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Pendant la panne', hostCompany: 'ACME', hostName: 'Claire', date: '2026-12-03' }),
    });
    expect(created.status).toBeGreaterThanOrEqual(500);
    // Reads go on: a newcomer syncs.
    const reader = connectProvider(server.ws, session.id, session.tokens.member);
    await whenSynced(reader);

    fs.rmSync(filler);
    // Everything a wrote reaches b and a newcomer, and is stored.
    const expected = noteTexts(a.doc);
    expect(expected).toHaveLength(360);
    await whenDoc(b.doc, (d) => noteTexts(d).join() === expected.join());
    await vi.waitFor(async () => expect((await health(server.http)).body.status).toBe('ok'), { timeout: 10_000 });
    expect(reasons.map(writeRefusalKind)).toContain('storage-restored');
    // Nobody was dropped in a loop, in this session or another.
    expect(closes).toEqual([]);
    destroyAll(a, b, bystander, reader);
    await server.close();
    const again = await startServer({ dataDir });
    const late = connectProvider(again.ws, session.id, session.tokens.member);
    await whenDoc(late.doc, (d) => noteTexts(d).join() === expected.join());
    destroyAll(late);
    await again.close();
  });
});
