import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { defaultConfig } from '../../server/config.ts';
import { CHECK_IN_WORKER_ABOVE_BYTES, STORE_MARKER } from '../../server/storage/sqlite-safety.ts';
import { createSession, startServer, tempDir } from '../helpers/server.ts';

describe('a lost database is not a fresh start (issue 10)', () => {
  it.each([
    ['deleted', (file: string) => fs.rmSync(file)],
    ['truncated to 0 bytes', (file: string) => fs.truncateSync(file, 0)],
  ])('refuses to start when the database was %s, saying what to do', async (_what, lose) => {
    const dataDir = tempDir();
    const first = await startServer({ dataDir });
    await createSession(first.http);
    await first.close();
    const file = path.join(dataDir, 'entraide.sqlite');
    expect(fs.existsSync(path.join(dataDir, STORE_MARKER))).toBe(true);
    lose(file);
    for (const extra of ['-wal', '-shm']) fs.rmSync(file + extra, { force: true });

    await expect(createApp(defaultConfig({ dataDir }))).rejects.toThrow(/held an Entraide database before.*restore the file from a backup/s);
    // Nothing was created in its place.
    expect(fs.existsSync(file) ? fs.statSync(file).size : 0).toBe(0);
  });

  it('starts afresh on a new data folder, and marks it', async () => {
    const dataDir = tempDir();
    const server = await startServer({ dataDir });
    expect(fs.existsSync(path.join(dataDir, STORE_MARKER))).toBe(true);
    expect((await fetch(`${server.http}/healthz`)).status).toBe(200);
    await server.close();
  });

  it('runs PRAGMA quick_check at start and reports a damaged database in /healthz', async () => {
    const dataDir = tempDir();
    const first = await startServer({ dataDir, sessionCreatePerMinute: 0 });
    for (let i = 0; i < 20; i++) await createSession(first.http);
    await first.close();
    const file = path.join(dataDir, 'entraide.sqlite');
    // Damage the header of an index page (its cell count): the table rows still read.
    const db = new DatabaseSync(file);
    const { rootpage } = db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'doc_updates_by_doc'").get() as { rootpage: number };
    const pageSize = Number((db.prepare('PRAGMA page_size').get() as { page_size: number }).page_size);
    db.close();
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.of(0x7f, 0xff), 0, 2, (rootpage - 1) * pageSize + 3);
    fs.closeSync(fd);

    const server = await startServer({ dataDir });
    const res = await fetch(`${server.http}/healthz`);
    const body = (await res.json()) as { status: string; checks: Record<string, string> };
    expect(body.status).toBe('degraded');
    expect(body.checks.integrity).toMatch(/quick_check/);
    await server.close();
  });

  it('checks a large database beside the start: ready at once, then /healthz says what the check found', async () => {
    const dataDir = tempDir();
    const first = await startServer({ dataDir });
    await createSession(first.http);
    await first.close();
    const file = path.join(dataDir, 'entraide.sqlite');
    // Well past what is checked before the start (40 MiB of stored updates), then damaged
    // as above.
    const db = new DatabaseSync(file);
    const insert = db.prepare('INSERT INTO doc_updates (doc_id, data) VALUES (?, ?)');
    const blob = new Uint8Array(16 * 1024).fill(7);
    db.exec('BEGIN');
    for (let i = 0; i * blob.byteLength < 40 * 1024 * 1024; i++) insert.run(`filler${i % 50}`, blob);
    db.exec('COMMIT');
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    const { rootpage } = db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'doc_updates_by_doc'").get() as { rootpage: number };
    const pageSize = Number((db.prepare('PRAGMA page_size').get() as { page_size: number }).page_size);
    db.close();
    expect(fs.statSync(file).size).toBeGreaterThan(2 * CHECK_IN_WORKER_ABOVE_BYTES);
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.of(0x7f, 0xff), 0, 2, (rootpage - 1) * pageSize + 3);
    fs.closeSync(fd);

    const server = await startServer({ dataDir });
    const health = async () => {
      const res = await fetch(`${server.http}/healthz`);
      return { code: res.status, ...((await res.json()) as { status: string; checks: Record<string, string> }) };
    };
    // The start did not wait for the check, which reads every page: it is still running.
    const early = await health();
    expect(early).toMatchObject({ code: 200, status: 'ok', checks: { integrity: 'checking' } });
    await expect.poll(async () => (await health()).checks.integrity, { timeout: 30_000 }).toMatch(/quick_check found/);
    expect(await health()).toMatchObject({ code: 200, status: 'degraded' });
    await server.close();
  });
});
