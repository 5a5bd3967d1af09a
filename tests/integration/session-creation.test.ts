import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { getMeta } from '../../shared/session/index.ts';
import { connectProvider, destroyAll, whenSynced } from '../helpers/clients.ts';
import { createSession, SAMPLE_SESSION, startServer, tempDir, type TestServer } from '../helpers/server.ts';
import { DATABASE_URL, usePostgresSchemas } from '../helpers/postgres.ts';

const newSchema = usePostgresSchemas();

const post = (server: TestServer) =>
  fetch(`${server.http}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(SAMPLE_SESSION) });

/** A store that can write a session but not its document: the failure between the two. */
interface Breakable {
  breakDocuments(): Promise<void>;
  repair(): Promise<void>;
  /** Rows of sessions, their links and documents. */
  counts(): Promise<number[]>;
}

async function expectAtomic(server: TestServer, store: Breakable) {
  await store.breakDocuments();
  const failed = await post(server);
  expect(failed.status).toBe(500);
  expect(await failed.json()).toEqual({ error: 'server error' });
  expect(await store.counts()).toEqual([0, 0, 0]);

  await store.repair();
  const session = await createSession(server.http);
  expect(await store.counts()).toEqual([1, 3, 1]);
  const p = connectProvider(server.ws, session.id, session.tokens.member);
  await whenSynced(p);
  expect(getMeta(p.doc).title).toBe(SAMPLE_SESSION.title);
  destroyAll(p);
}

describe('creating a session is one transaction: the session row, its links and its document', () => {
  it('SQLite: a document that cannot be written leaves no session behind', async () => {
    const dataDir = tempDir();
    const server = await startServer({ dataDir });
    const db = new DatabaseSync(path.join(dataDir, 'entraide.sqlite'));
    const count = (table: string) => Number((db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n);
    await expectAtomic(server, {
      breakDocuments: async () => void db.exec("CREATE TRIGGER no_documents BEFORE INSERT ON doc_updates BEGIN SELECT RAISE(ABORT, 'disk full'); END"),
      repair: async () => void db.exec('DROP TRIGGER no_documents'),
      counts: async () => ['sessions', 'session_tokens', 'doc_updates'].map(count),
    });
    db.close();
    await server.close();
  });

  it('PostgreSQL: the same', async () => {
    const schema = newSchema();
    const server = await startServer({ databaseUrl: DATABASE_URL, databaseSchema: schema, dataDir: tempDir() });
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    const count = async (table: string) => Number((await client.query(`SELECT COUNT(*) AS n FROM ${schema}.${table}`)).rows[0].n);
    await expectAtomic(server, {
      breakDocuments: async () => {
        await client.query(`CREATE FUNCTION ${schema}.no_documents() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$`);
        await client.query(`CREATE TRIGGER no_documents BEFORE INSERT ON ${schema}.doc_updates FOR EACH ROW EXECUTE FUNCTION ${schema}.no_documents()`);
      },
      repair: async () => void (await client.query(`DROP TRIGGER no_documents ON ${schema}.doc_updates`)),
      counts: async () => [await count('sessions'), await count('session_tokens'), await count('doc_updates')],
    });
    await client.end();
    await server.close();
  });
});
