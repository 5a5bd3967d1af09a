// PostgreSQL for the tests that run a server on it (TEST_DATABASE_URL, default the machine's
// own server): each test takes a fresh schema, and the file drops them all at its end.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll } from 'vitest';

export const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Call at a file's top level: returns a maker of new schema names, dropped after the file's tests. */
export function usePostgresSchemas(): () => string {
  const schemas: string[] = [];
  afterAll(async () => {
    if (schemas.length === 0) return;
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });
  return () => {
    const schema = `entraide_test_${randomBytes(4).toString('hex')}`;
    schemas.push(schema);
    return schema;
  };
}
