// Seen in an exploratory run: a club's invite link is shown once, at the club's creation,
// and *Ouvrir* took the admin away from the page that showed it; no API read or renewed it,
// so once lost no new member could ever join. An admin now renews it: the old one lets
// nobody new in, those who joined stay, and only a hash of the new one is stored. On SQLite
// and on PostgreSQL, the stores a club lives in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClubView, RenewedClubLink, type ClubCredential } from '../../shared/club.ts';
import { joinCodeOfToken } from '../../shared/join-code.ts';
import { clubApi, createClub, joinClub, type TestClub } from '../helpers/clubs.ts';
import { DATABASE_URL, usePostgresSchemas } from '../helpers/postgres.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

const newSchema = usePostgresSchemas();

const stores: Array<[string, () => Promise<TestServer>]> = [
  ['SQLite', () => startServer()],
  ['PostgreSQL', () => startServer({ databaseUrl: DATABASE_URL, databaseSchema: newSchema() })],
];

describe.each(stores)('renewing a club’s invite link on %s', (_store, start) => {
  let server: TestServer;
  let club: TestClub;
  let admin: ClubCredential;
  let member: ClubCredential;

  beforeAll(async () => {
    server = await start();
    club = await createClub(server.http, 'Club Bourse');
    admin = await joinClub(server.http, club.id, club.adminToken, 'Claire Mugnier');
    member = await joinClub(server.http, club.id, club.inviteToken, 'Marc Duret');
  });
  afterAll(async () => {
    await server?.close();
  });

  const renew = (credential: string | null, kind = 'invite') =>
    credential === null
      ? fetch(`${server.http}/api/clubs/${club.id}/links/${kind}`, { method: 'POST' }).then(async (res) => ({ status: res.status, body: await res.json().catch(() => null) }))
      : clubApi(server.http, `/api/clubs/${club.id}/links/${kind}`, credential, { method: 'POST' });
  const join = (token: string, name: string) =>
    fetch(`${server.http}/api/clubs/${club.id}/members`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, name }) });
  const tokenOf = (link: string) => new URL(link, server.http).searchParams.get('token') ?? '';

  it('gives the admin a new invite link that works, and the old one lets nobody new in', async () => {
    const before = ClubView.parse((await clubApi(server.http, `/api/clubs/${club.id}`, admin.credential)).body);
    // The admin's page can tell whether a kept invite link is the current one; a member's has no such thing.
    expect(before.inviteCheck).toBe(joinCodeOfToken(club.inviteToken));
    expect(ClubView.parse((await clubApi(server.http, `/api/clubs/${club.id}`, member.credential)).body).inviteCheck).toBeUndefined();

    const res = await renew(admin.credential);
    expect(res.status).toBe(200);
    const renewed = RenewedClubLink.parse(res.body);
    expect(renewed.kind).toBe('invite');
    expect(renewed.link).toMatch(new RegExp(`^/c/${club.id}/join\\?token=[A-Za-z0-9_-]{43}$`));
    const fresh = tokenOf(renewed.link);
    expect(fresh).not.toBe(club.inviteToken);

    const old = await join(club.inviteToken, 'Intrus');
    expect(old.status).toBe(401);
    const joined = await join(fresh, 'Sophie Perrin');
    expect(joined.status).toBe(201);
    expect(await joined.json()).toMatchObject({ clubId: club.id, name: 'Sophie Perrin', role: 'member' });

    // Those who joined before keep their credentials; the admin link is untouched.
    expect((await clubApi(server.http, `/api/clubs/${club.id}`, member.credential)).status).toBe(200);
    expect((await join(club.adminToken, 'Claire sur sa tablette')).status).toBe(201);
    const after = ClubView.parse((await clubApi(server.http, `/api/clubs/${club.id}`, admin.credential)).body);
    expect(after.inviteCheck).toBe(joinCodeOfToken(fresh));
    expect(after.members.map((m) => [m.name, m.role])).toEqual([
      ['Claire Mugnier', 'admin'],
      ['Marc Duret', 'member'],
      ['Sophie Perrin', 'member'],
      ['Claire sur sa tablette', 'admin'],
    ]);

    // Renewed again, the link of a minute ago opens nothing either.
    const again = RenewedClubLink.parse((await renew(admin.credential)).body);
    expect((await join(fresh, 'Trop tard')).status).toBe(401);
    expect((await join(tokenOf(again.link), 'Luc Bozon')).status).toBe(201);
  });

  it('refuses a plain member (403), no credential or another club’s (401), and a link that is not renewable (400)', async () => {
    const other = await createClub(server.http, 'Club Arve');
    const otherAdmin = await joinClub(server.http, other.id, other.adminToken, 'Paul Girard');
    const current = ClubView.parse((await clubApi(server.http, `/api/clubs/${club.id}`, admin.credential)).body).inviteCheck;

    expect(await renew(member.credential)).toMatchObject({ status: 403, body: { error: 'only an admin of the club can renew its links' } });
    expect((await renew(null)).status).toBe(401);
    expect((await renew(otherAdmin.credential)).status).toBe(401);
    // A club link is no credential: the admin link itself renews nothing.
    expect((await renew(club.adminToken)).status).toBe(401);
    expect(await renew(admin.credential, 'admin')).toMatchObject({ status: 400, body: { error: 'kind: must be one of invite' } });
    expect((await clubApi(server.http, `/api/clubs/unknownclub/links/invite`, admin.credential, { method: 'POST' })).status).toBe(404);
    // None of these changed the invite link.
    expect(ClubView.parse((await clubApi(server.http, `/api/clubs/${club.id}`, admin.credential)).body).inviteCheck).toBe(current);
  });

  it('makes a member who opens the admin link on his device an admin, the same member (he was silently left a plain one)', async () => {
    const invite = new URL((await renew(admin.credential)).body.link, server.http).searchParams.get('token')!;
    const zoe = await joinClub(server.http, club.id, invite, 'Zoé Morel');
    expect(zoe.role).toBe('member');
    const count = async () => ClubView.parse((await clubApi(server.http, `/api/clubs/${club.id}`, admin.credential)).body).members.length;
    const before = await count();
    const again = (token: string, credential: string) =>
      clubApi(server.http, `/api/clubs/${club.id}/members`, credential, { method: 'POST', body: { token, name: 'Zoé Morel' } });
    // The admin link, with his credential: himself, now an admin; his credential unchanged.
    const upgraded = await again(club.adminToken, zoe.credential);
    expect(upgraded).toMatchObject({ status: 200, body: { memberId: zoe.memberId, role: 'admin', credential: zoe.credential } });
    expect(await count()).toBe(before);
    const view = ClubView.parse((await clubApi(server.http, `/api/clubs/${club.id}`, zoe.credential)).body);
    expect(view.members.find((m) => m.id === zoe.memberId)?.role).toBe('admin');
    // A member's credential with the invite link: the same member, nothing changed.
    expect(await again(invite, member.credential)).toMatchObject({ status: 200, body: { memberId: member.memberId, role: 'member' } });
    // Another club's member presenting his credential joins this club as someone new.
    const other = await createClub(server.http, 'Club Léman');
    const stranger = await joinClub(server.http, other.id, other.inviteToken, 'Yves Léger');
    const joined = await again(club.adminToken, stranger.credential);
    expect(joined.status).toBe(201);
    expect((joined.body as ClubCredential).memberId).not.toBe(stranger.memberId);
    expect(await count()).toBe(before + 1);
  });
});
