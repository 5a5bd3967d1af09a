// The short join address (`/j/K7M2-Q9XD`): its code opens the session its member link
// opens, to enter with a name as a member; it follows the member link's renewal; it is
// refused clearly when mistyped; lookups are rate-limited per address. On SQLite and on
// PostgreSQL (the code is a range on the stored token hashes).
import { describe, expect, it } from 'vitest';
import { joinCodeOfToken } from '../../shared/join-code.ts';
import { JoinCodeSession, JoinedByCode, SessionInfo } from '../../shared/schemas.ts';
import { joinAs, reissueLink } from '../helpers/access.ts';
import { connectProvider, destroyAll, whenDoc, whenSynced } from '../helpers/clients.ts';
import { createSession, SAMPLE_SESSION, startServer, tempDir, type TestServer } from '../helpers/server.ts';
import { addNote, noteTexts } from '../helpers/session-text.ts';
import { getMeta, getPhase, setPhase } from '../../shared/session/index.ts';
import { DATABASE_URL, usePostgresSchemas } from '../helpers/postgres.ts';

const newSchema = usePostgresSchemas();

const lookUp = (server: TestServer, code: string) => fetch(`${server.http}/api/join/${encodeURIComponent(code)}`);
const enter = (server: TestServer, code: string, body: unknown) =>
  fetch(`${server.http}/api/join/${encodeURIComponent(code)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

const backends: Array<[string, () => Promise<TestServer>]> = [
  ['SQLite', () => startServer({ joinCodeMissesPerMinute: 0 })],
  [
    'PostgreSQL',
    () => {
      const schema = newSchema();
      return startServer({ databaseUrl: DATABASE_URL, databaseSchema: schema, dataDir: tempDir(), joinCodeMissesPerMinute: 0 });
    },
  ],
];

describe.each(backends)('join codes on %s', (_name, start) => {
  it('a code opens its session: greeted by title, then entered with a name as a member who writes in his own name', async () => {
    const server = await start();
    try {
      const session = await createSession(server.http);
      await createSession(server.http); // another session, whose code must not answer for this one
      const code = joinCodeOfToken(session.tokens.member);

      const found = await lookUp(server, code);
      expect(found.status).toBe(200);
      expect(JoinCodeSession.parse(await found.json())).toEqual({
        sessionId: session.id, title: SAMPLE_SESSION.title, hostCompany: SAMPLE_SESSION.hostCompany, date: SAMPLE_SESSION.date, closed: false,
      });

      // Typed on a phone: lower case, no dash, an O for a 0 would read the same.
      const typed = code.toLowerCase().replace('-', ' ');
      const res = await enter(server, typed, { name: 'Sophie Roux' });
      expect(res.status).toBe(201);
      const joined = JoinedByCode.parse(await res.json());
      expect(joined.sessionId).toBe(session.id);
      expect(joined.credential).toMatchObject({ role: 'member', name: 'Sophie Roux' });

      // The credential opens the session as that person, and sync writes in her name.
      const info = await fetch(`${server.http}/api/sessions/${session.id}?token=${joined.credential.credential}`);
      expect(SessionInfo.parse(await info.json())).toMatchObject({ role: 'member', participant: { id: joined.credential.participantId, name: 'Sophie Roux' } });
      const provider = connectProvider(server.ws, session.id, joined.credential.credential);
      try {
        await whenSynced(provider);
        expect(getMeta(provider.doc).title).toBe(SAMPLE_SESSION.title);
        addNote(provider.doc, { participantId: joined.credential.participantId, name: 'Sophie Roux' }, 'Atelier propre et bien rangé');
        const reader = connectProvider(server.ws, session.id, session.tokens.host);
        try {
          await whenSynced(reader);
          await expect.poll(() => noteTexts(reader.doc)).toEqual(['Atelier propre et bien rangé']);
        } finally {
          destroyAll(reader);
        }
      } finally {
        destroyAll(provider);
      }
    } finally {
      await server.close();
    }
  });

  it('renewing the member link renews the code: the old one opens nothing, the new one does', async () => {
    const server = await start();
    try {
      const session = await createSession(server.http);
      const old = joinCodeOfToken(session.tokens.member);
      const fresh = joinCodeOfToken(await reissueLink(server.http, session.id, session.tokens.host, 'member'));
      expect(fresh).not.toBe(old);
      const refused = await enter(server, old, { name: 'Marc Vidal' });
      expect(refused.status).toBe(404);
      expect(await refused.json()).toEqual({ error: 'no session opens with this code: check it on the screen' });
      expect((await enter(server, fresh, { name: 'Marc Vidal' })).status).toBe(201);
    } finally {
      await server.close();
    }
  });

  it('once the session is closed, its code lets nobody new in (410); the member link and the members’ credentials still open it', async () => {
    const server = await start();
    try {
      const session = await createSession(server.http);
      const code = joinCodeOfToken(session.tokens.member);
      // A room of thirty entered by the code while the session ran.
      const room = await Promise.all(Array.from({ length: 30 }, async (_, i) => JoinedByCode.parse(await (await enter(server, code, { name: `Membre ${i + 1}` })).json())));
      const marc = room[0]!;
      const host = await joinAs(server.http, session.id, session.tokens.host, 'Claire Mugnier');
      const provider = connectProvider(server.ws, session.id, host.credential);
      try {
        await whenSynced(provider);
        setPhase(provider.doc, { participantId: host.participantId, name: host.name, role: 'host' }, 'closed');
        const check = connectProvider(server.ws, session.id, marc.credential.credential);
        await whenDoc(check.doc, (d) => getPhase(d) === 'closed');
        destroyAll(check);
      } finally {
        destroyAll(provider);
      }

      const found = await lookUp(server, code);
      expect(found.status).toBe(200);
      expect(JoinCodeSession.parse(await found.json())).toMatchObject({ sessionId: session.id, closed: true });
      for (let i = 0; i < 3; i++) {
        const refused = await enter(server, code, { name: `Inconnu ${i}` });
        expect(refused.status).toBe(410);
        expect(await refused.json()).toEqual({ error: 'this session is closed: its join code lets nobody new in; ask the host for the member link' });
      }
      const people = await fetch(`${server.http}/api/sessions/${session.id}/participants`, { headers: { authorization: `Bearer ${host.credential}` } });
      expect(((await people.json()) as Array<{ name: string }>).map((p) => p.name).sort()).toEqual(
        ['Claire Mugnier', ...room.map((r) => r.credential.name)].sort(),
      );

      // Each of them reads the summary with his own credential; the member link still lets a member in.
      for (const member of room) {
        expect((await fetch(`${server.http}/api/sessions/${session.id}/summary?token=${member.credential.credential}`)).status).toBe(200);
      }
      await expect(joinAs(server.http, session.id, session.tokens.member, 'Sophie Roux')).resolves.toMatchObject({ role: 'member' });
    } finally {
      await server.close();
    }
  });

  it('only the member link has a code; what is not a code, or not a name, is told so', async () => {
    const server = await start();
    try {
      const session = await createSession(server.http);
      for (const role of ['host', 'screen'] as const) expect((await lookUp(server, joinCodeOfToken(session.tokens[role]))).status, role).toBe(404);
      const malformed = await lookUp(server, 'K7M2-Q9XU');
      expect(malformed.status).toBe(400);
      expect(await malformed.json()).toEqual({ error: 'code: eight letters and digits, as the screen shows them' });
      const code = joinCodeOfToken(session.tokens.member);
      for (const body of [{}, { name: '' }, { name: 'x'.repeat(81) }, { name: 'Ana', role: 'host' }]) {
        const res = await enter(server, code, body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(((await res.json()) as { error: string }).error).toMatch(/name|role/);
      }
    } finally {
      await server.close();
    }
  });
});

describe('join code lookups', () => {
  it('wrong codes are limited per address: past the budget, 429 with Retry-After; right codes cost nothing (a room behind one address all enter)', async () => {
    const server = await startServer({ joinCodeMissesPerMinute: 3 });
    try {
      const session = await createSession(server.http);
      const code = joinCodeOfToken(session.tokens.member);
      // Thirty people behind one company address enter by the code.
      for (let i = 0; i < 30; i++) {
        expect((await lookUp(server, code)).status).toBe(200);
        expect((await enter(server, code, { name: `Membre ${i + 1}` })).status).toBe(201);
      }
      // Three wrong codes (mistyped, or not a code at all), then the address waits.
      expect((await lookUp(server, 'AAAA-AAAA')).status).toBe(404);
      expect((await enter(server, 'AAAA-AAAB', { name: 'Jean Martin' })).status).toBe(404);
      expect((await lookUp(server, 'K7M2-Q9XU')).status).toBe(400);
      for (const res of [await lookUp(server, 'AAAA-AAAC'), await lookUp(server, code), await enter(server, code, { name: 'Jean Martin' })]) {
        expect(res.status).toBe(429);
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(((await res.json()) as { error: string }).error).toMatch(/^too many wrong join codes from this address: try again in \d+ s$/);
      }
      // Other endpoints keep answering that address.
      expect((await fetch(`${server.http}/api/sessions/${session.id}?token=${session.tokens.member}`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
