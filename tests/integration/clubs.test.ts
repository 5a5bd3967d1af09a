import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinAs } from '../helpers/access.ts';
import { FollowUpRound, MemberLearnings, ClubView, type FollowedAction } from '../../shared/club.ts';
import { SessionInfo } from '../../shared/schemas.ts';
import * as S from '../../shared/session/index.ts';
import { connectProvider, destroyAll, openRaw, watchRefusals, whenDoc, whenSynced } from '../helpers/clients.ts';
import { clubApi, connectClubPage, createClub, createClubSession, joinClub, type ClubSocket } from '../helpers/clubs.ts';
import { joinPresence, whenPresence } from '../helpers/presence.ts';
import { runClubScenario, type ClubScenario } from '../helpers/club-scenario.ts';
import { createSession, startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let club: ClubScenario;

beforeAll(async () => {
  server = await startServer();
  club = await runClubScenario(server.http, server.ws, () => server.app.indexer.flush());
});
afterAll(async () => {
  await server?.close();
});

const clubView = async (who = club.claire) => ClubView.parse((await clubApi(server.http, `/api/clubs/${club.bourse.id}`, who.credential)).body);

describe('a club, its links and its members', () => {
  it('creates a club with an admin link and an invite link, and refuses a bad body for its sender', async () => {
    const res = await fetch(`${server.http}/api/clubs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: '' }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/name: must not be empty; network: required/);
    const created = await createClub(server.http, 'Club Test');
    expect(created.adminToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.inviteToken).not.toBe(created.adminToken);
  });

  it('makes a member of whoever opens a link with a name, with a personal credential', async () => {
    const view = await clubView(club.marc);
    expect(view).toMatchObject({ name: 'Club Bourse', network: 'Mont-Blanc Industrie', me: { id: club.marc.memberId, name: 'Marc Duret', role: 'member' } });
    expect(view.members.map((m) => [m.name, m.role])).toEqual([
      ['Claire Mugnier', 'admin'],
      ['Marc Duret', 'member'],
      ['Sophie Perrin', 'member'],
    ]);
  });

  it('refuses a wrong link, a missing or wrong credential, and another club’s credential', async () => {
    const wrongLink = await fetch(`${server.http}/api/clubs/${club.bourse.id}/members`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: club.arve.inviteToken, name: 'Intrus' }),
    });
    expect(wrongLink.status).toBe(401);
    expect((await fetch(`${server.http}/api/clubs/${club.bourse.id}`)).status).toBe(401);
    expect((await clubApi(server.http, `/api/clubs/${club.bourse.id}`, 'x'.repeat(43))).status).toBe(401);
    expect((await clubApi(server.http, `/api/clubs/${club.bourse.id}`, club.paul.credential)).status).toBe(401);
    expect((await clubApi(server.http, `/api/clubs/unknownclub`, club.paul.credential)).status).toBe(404);
  });
});

describe('sessions inside a club', () => {
  it('lists them upcoming first, then closed, newest first', async () => {
    const view = await clubView();
    expect(view.sessions.map((s) => [s.title, s.stage])).toEqual([
      ['Exporter en Allemagne', 'upcoming'],
      ['Recruter des régleurs', 'closed'],
      ['Financer la croissance', 'closed'],
    ]);
  });

  it('opens a session to every club member with his own credential: its creator as host, the others as members', async () => {
    const info = async (token: string) => {
      const res = await fetch(`${server.http}/api/sessions/${club.sessions.third}?token=${token}`);
      return res.status === 200 ? SessionInfo.parse(await res.json()) : res.status;
    };
    expect(await info(club.sophie.credential)).toMatchObject({ role: 'host', participant: { id: club.sophie.memberId, name: 'Sophie Perrin' }, clubId: club.bourse.id });
    expect(await info(club.marc.credential)).toMatchObject({ role: 'member', participant: { id: club.marc.memberId } });
    expect(await info(club.paul.credential)).toBe(401);
    // Sync and presence take the credential like a link token; another club's is refused at the upgrade.
    const refused = await openRaw(`${server.ws}/yjs/${club.sessions.third}?token=${club.paul.credential}`);
    expect(refused).toMatchObject({ kind: 'refused', status: 401 });
    const p = connectProvider(server.ws, club.sessions.third, club.marc.credential);
    await whenSynced(p);
    destroyAll(p);
  });

  // A club's first session opened with an empty *Tour de suivi*, which its host had to dismiss.
  it('opens a club session with the follow-up round only when the club has sessions before it', async () => {
    const club2 = await createClub(server.http, 'Club Léman');
    const anne = await joinClub(server.http, club2.id, club2.adminToken, 'Anne Perrin');
    const roundOf = async (sessionId: string) => {
      const p = connectProvider(server.ws, sessionId, anne.credential);
      await whenSynced(p);
      const round = S.getFollowUpRound(p.doc);
      destroyAll(p);
      return round;
    };
    const first = await createClubSession(server.http, anne, { title: 'Première séance', hostCompany: 'Perrin SA', date: '2027-02-10' });
    expect(await roundOf(first.id)).toBe(false);
    const second = await createClubSession(server.http, anne, { title: 'Deuxième séance', hostCompany: 'Perrin SA', date: '2027-04-10' });
    expect(await roundOf(second.id)).toBe(true);
    // Created later but held before every other: nothing before it to follow up.
    const earliest = await createClubSession(server.http, anne, { title: 'Séance avancée', hostCompany: 'Perrin SA', date: '2027-01-05' });
    expect(await roundOf(earliest.id)).toBe(false);
  });

  it('leaves sessions without a club as they were', async () => {
    const session = await createSession(server.http);
    const res = await fetch(`${server.http}/api/sessions/${session.id}?token=${session.tokens.member}`);
    const info = SessionInfo.parse(await res.json());
    expect(info.role).toBe('member');
    expect(info.clubId).toBeUndefined();
    expect((await fetch(`${server.http}/api/sessions/${session.id}?token=${club.claire.credential}`)).status).toBe(401);
    expect((await fetch(`${server.http}/api/sessions/${session.id}/followup?token=${session.tokens.member}`)).status).toBe(404);
  });

  it('refuses to create a session without a member credential', async () => {
    const res = await clubApi(server.http, `/api/clubs/${club.bourse.id}/sessions`, club.paul.credential, {
      method: 'POST',
      body: { title: 'X', hostCompany: 'Y', date: '2026-12-01' },
    });
    expect(res.status).toBe(401);
    const bad = await clubApi(server.http, `/api/clubs/${club.bourse.id}/sessions`, club.marc.credential, { method: 'POST', body: { title: 'X' } });
    expect(bad).toMatchObject({ status: 400, body: { error: expect.stringMatching(/hostCompany: required/) } });
  });
});

describe('follow-up', () => {
  it('shows the open actions of all the club’s sessions on its page, and the follow-up round of the third lists exactly those of the first two', async () => {
    // Oldest session first; within a session, the plan's order (these were added at once).
    const expected = [
      ['Financer la croissance', 'Appeler la banque pour l’affacturage', 'Marc Duret', 'todo'],
      ['Financer la croissance', 'Tableau de trésorerie à 13 semaines', 'Claire Mugnier', 'doing'],
      ['Recruter des régleurs', 'Contacter l’école de production de Cluses', 'Claire Mugnier', 'todo'],
    ];
    const rows = (actions: FollowedAction[]) => actions.map((a) => [a.sessionTitle, a.text, a.ownerName, a.status]).sort((x, y) => x.join().localeCompare(y.join()));
    const view = await clubView();
    expect(rows(view.openActions)).toEqual(expected);
    // The screen of the third session reads the round with its own link.
    const round = await fetch(`${server.http}/api/sessions/${club.sessions.third}/followup?token=${club.marc.credential}`);
    expect(rows(FollowUpRound.parse(await round.json()).actions)).toEqual(expected);
    const screenToken = new URL(club.thirdLinks.screen, server.http).searchParams.get('token')!;
    expect((await fetch(`${server.http}/api/sessions/${club.sessions.third}/followup?token=${screenToken}`)).status).toBe(200);
    // Whoever came in by the session's member link (the screen's code reaches anyone in the
    // room) without being a member of the club reads no other session's actions, during the
    // meeting nor after it: neither with the link nor with the credential it gave him.
    const memberToken = new URL(club.thirdLinks.member, server.http).searchParams.get('token')!;
    const byLink = await fetch(`${server.http}/api/sessions/${club.sessions.third}/followup?token=${memberToken}`);
    expect(byLink.status).toBe(403);
    expect(await byLink.json()).toEqual({ error: "the follow-up round is for the club's members: it is on the room's screen" });
    const guest = await joinAs(server.http, club.sessions.third, memberToken, 'Invité Externe');
    expect((await fetch(`${server.http}/api/sessions/${club.sessions.third}/followup?token=${guest.credential}`)).status).toBe(403);
  });

  it('lets the owner alone update his action after the session, live for the club page and the session in progress', async () => {
    const page = connectClubPage(server.http, club.claire);
    const sessionSocket = connectClubPage(server.http, club.sophie);
    await Promise.all([page, sessionSocket].map(({ socket }) => new Promise<void>((resolve) => socket.once('connect', () => resolve()))));
    const path = `/api/clubs/${club.bourse.id}/actions/${club.sessions.first}/${club.actions.affacturage}`;
    const notOwner = await clubApi(server.http, path, club.claire.credential, { method: 'PUT', body: { status: 'done' } });
    expect(notOwner).toMatchObject({ status: 403, body: { error: 'only the owner of this action can update it' } });
    expect((await clubApi(server.http, path, club.marc.credential, { method: 'PUT', body: { status: 'finished' } })).status).toBe(400);
    const done = await clubApi(server.http, path, club.marc.credential, { method: 'PUT', body: { status: 'doing', note: 'Rendez-vous pris le 12' } });
    expect(done.status).toBe(200);
    await expect.poll(() => page.changes.map((a: FollowedAction) => [a.text, a.status, a.note]), { timeout: 5000 }).toEqual([
      ['Appeler la banque pour l’affacturage', 'doing', 'Rendez-vous pris le 12'],
    ]);
    const round = FollowUpRound.parse(await (await fetch(`${server.http}/api/sessions/${club.sessions.third}/followup?token=${club.sophie.credential}`)).json());
    expect(round.actions.find((a) => a.actionId === club.actions.affacturage)).toMatchObject({ status: 'doing', note: 'Rendez-vous pris le 12' });
    // The first session's summary, read weeks later by another member, says where the plan
    // stands (it read *À faire* for every action its owners had moved on): as JSON, and in
    // the Markdown export; its other actions as the session left them.
    const summaryPath = `${server.http}/api/sessions/${club.sessions.first}/summary?token=${club.claire.credential}`;
    const summary = S.parseSessionSummary(await (await fetch(summaryPath)).json());
    expect(summary.actionPlan.find((a) => a.id === club.actions.affacturage)).toMatchObject({ text: 'Appeler la banque pour l’affacturage', status: 'doing', note: 'Rendez-vous pris le 12' });
    // It names its club, for the footer of the page that shows it.
    expect(summary.clubName).toBe('Club Bourse');
    const others = summary.actionPlan.filter((a) => a.id !== club.actions.affacturage);
    expect(Object.fromEntries(others.map((a) => [a.id, [a.status, a.note]]))).toEqual({ [club.actions.achats!]: ['done', ''], [club.actions.tableau!]: ['doing', ''] });
    const md = await (await fetch(`${summaryPath}&format=md`)).text();
    expect(md).toMatch(/\| Appeler la banque pour l’affacturage .*\| En cours « Rendez-vous pris le 12 » \|/);
    page.socket.disconnect();
    sessionSocket.socket.disconnect();
  });

  it('reaches a whole room at once: thirty people in the next session and five club pages see the change, and no guest', async () => {
    // Three members of the club, come in as such, the room's screen, and twenty-six who came
    // in by the session's member link (the screen's code): guests, to whom the earlier
    // sessions' actions are not open (their follow-up round answers 403), live changes neither.
    const memberToken = new URL(club.thirdLinks.member, server.http).searchParams.get('token')!;
    const screenToken = new URL(club.thirdLinks.screen, server.http).searchParams.get('token')!;
    const followers = [
      ...[club.claire, club.marc, club.sophie].map((m) => joinPresence(server.http, club.sessions.third, m.credential, m.name)),
      joinPresence(server.http, club.sessions.third, screenToken, 'Écran'),
    ];
    const guests = Array.from({ length: 26 }, (_, i) => joinPresence(server.http, club.sessions.third, memberToken, `Invité ${i + 1}`));
    const room = [...followers, ...guests];
    const pages = Array.from({ length: 5 }, () => connectClubPage(server.http, club.sophie).socket);
    await whenPresence(room[0]!, (entries) => entries.length === 30);
    await Promise.all(pages.map((socket) => (socket.connected ? undefined : new Promise<void>((resolve) => socket.once('connect', () => resolve())))));
    const heard = [...followers, ...pages].map(
      (socket) => new Promise<FollowedAction>((resolve) => (socket as ClubSocket).once('followup:changed', (a) => resolve(a))),
    );
    let guestsHeard = 0;
    for (const socket of guests) (socket as unknown as ClubSocket).on('followup:changed', () => (guestsHeard += 1));
    const path = `/api/clubs/${club.bourse.id}/actions/${club.sessions.first}/${club.actions.tableau}`;
    expect((await clubApi(server.http, path, club.claire.credential, { method: 'PUT', body: { status: 'done', note: 'En place depuis octobre' } })).status).toBe(200);
    const all = await Promise.all(heard);
    expect(new Set(all.map((a) => `${a.text}|${a.status}|${a.note}`))).toEqual(new Set(['Tableau de trésorerie à 13 semaines|done|En place depuis octobre']));
    // Sent after the change, a rename reaches every guest: a change sent to a guest would have come before it.
    guests[0]!.emit('presence:update', { name: 'Invité renommé' });
    await Promise.all(guests.map((socket) => whenPresence(socket, (entries) => entries.some((e) => e.name === 'Invité renommé'))));
    expect(guestsHeard).toBe(0);
    for (const socket of [...room, ...pages]) socket.disconnect();
  });

  it('refuses a follow-up while the session still runs', async () => {
    const running = await createClubSession(server.http, club.marc, { title: 'Encore ouverte', hostCompany: 'Duret', date: '2026-12-10' });
    const p = connectProvider(server.ws, running.id, club.marc.credential);
    await whenSynced(p);
    S.setPhase(p.doc, { participantId: club.marc.memberId, name: 'Marc Duret', role: 'host' }, 'synthesis');
    const action = S.addActionItem(p.doc, { text: 'Relancer le fournisseur', owner: { participantId: club.marc.memberId, name: 'Marc Duret' } });
    const check = connectProvider(server.ws, running.id, club.marc.credential);
    await whenSynced(check);
    await whenDoc(check.doc, (d) => S.getActionItems(d).length === 1);
    const path = `/api/clubs/${club.bourse.id}/actions/${running.id}`;
    expect((await clubApi(server.http, `${path}/${action}`, club.marc.credential, { method: 'PUT', body: { status: 'done' } })).status).toBe(409);
    expect((await clubApi(server.http, `${path}/nope`, club.marc.credential, { method: 'PUT', body: { status: 'done' } })).status).toBe(404);
    destroyAll(p, check);
  });
});

describe('the owners of a club session’s actions', () => {
  // Owning an action lets its owner follow it up for the club after the session: a host's
  // raw client could give one to anybody, under any name.
  it('go to club members, absent or joined since, and to nobody outside the session and the club', async () => {
    const running = await createClubSession(server.http, club.marc, { title: 'Les propriétaires', hostCompany: 'Duret', date: '2026-12-12' });
    const p = connectProvider(server.ws, running.id, club.marc.credential);
    const refusals = watchRefusals(p);
    await whenSynced(p);
    const marc = { participantId: club.marc.memberId, name: 'Marc Duret', role: 'host' as const };
    S.setPhase(p.doc, marc, 'synthesis');
    // Sophie is of the club and never came: hers. A stranger's id: refused, for Marc alone.
    S.addActionItem(p.doc, { text: 'Réunir les acheteurs', owner: { participantId: club.sophie.memberId, name: 'Sophie Perrin' } }, { id: 'club-absent' });
    S.addActionItem(p.doc, { text: 'Payer la note', owner: { participantId: club.paul.memberId, name: 'Sophie Perrin' } }, { id: 'other-club' });
    expect(await refusals.when(1)).toEqual([expect.stringMatching(/^rule: unknown-person: /)]);
    // A member who joins the club while the session runs may carry one at once.
    const luc = await joinClub(server.http, club.bourse.id, club.bourse.inviteToken, 'Luc Bozon');
    S.addActionItem(p.doc, { text: 'Présenter son banquier', owner: { participantId: luc.memberId, name: 'Luc Bozon' } }, { id: 'new-member' });
    const check = connectProvider(server.ws, running.id, club.marc.credential);
    await whenSynced(check);
    await whenDoc(check.doc, (d) => S.getActionItems(d).some((a) => a.id === 'new-member'));
    expect(S.getActionItems(check.doc).map((a) => a.id).sort()).toEqual(['club-absent', 'new-member']);
    expect(refusals.reasons).toHaveLength(1);
    destroyAll(p, check);
  });
});

describe('learnings over time', () => {
  it('lists what a member brought and took away, session by session, for himself', async () => {
    const mine = MemberLearnings.parse((await clubApi(server.http, `/api/clubs/${club.bourse.id}/learnings`, club.marc.credential)).body);
    expect(mine.learnings.map((l) => [l.sessionTitle, l.brought, l.takeAway])).toEqual([
      ['Recruter des régleurs', '', 'Parler du métier dans les collèges.'],
      ['Financer la croissance', 'Mon expérience de l’affacturage.', 'Regarder mon propre besoin en fonds de roulement.'],
    ]);
  });
});
