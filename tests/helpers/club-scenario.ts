// Two clubs and three sessions of the first, run through the real protocol: what the club
// tests (integration and browser) start from.
import * as authProtocol from 'y-protocols/auth';
import * as S from '../../shared/session/index.ts';
import type { ClubCredential } from '../../shared/club.ts';
import type { FacilitationCommand } from '../../shared/schemas.ts';
import { connectProvider, destroyAll, whenDoc, whenSynced } from './clients.ts';
import { joinPresence } from './presence.ts';
import { createClub, createClubSession, joinClub, type TestClub } from './clubs.ts';

export interface ClubScenario {
  bourse: TestClub;
  arve: TestClub;
  claire: ClubCredential;
  marc: ClubCredential;
  sophie: ClubCredential;
  paul: ClubCredential;
  sessions: { first: string; second: string; third: string; arve: string };
  /** The third session's links (its screen link for the room's screen). */
  thirdLinks: { host: string; member: string; screen: string };
  /** Action ids by what they say. */
  actions: Record<string, string>;
}

const person = (c: ClubCredential) => ({ participantId: c.memberId, name: c.name });

/** Writes with the credential's own identity in a session, then waits until the server has it. */
async function inSession(ws: string, sessionId: string, who: ClubCredential, write: (doc: import('yjs').Doc) => void): Promise<void> {
  const p = connectProvider(ws, sessionId, who.credential);
  // A write the server refuses fails the scenario at once, with its reason.
  const refused = new Promise<never>((_, reject) => {
    p.messageHandlers[2] = (_encoder, decoder) => authProtocol.readAuthMessage(decoder, p.doc, (_doc, reason) => reject(new Error(`${who.name}: ${reason}`)));
  });
  refused.catch(() => undefined);
  await whenSynced(p);
  write(p.doc);
  // The whole content, but not the guid (each provider's Y.Doc has its own).
  const content = (d: import('yjs').Doc) => JSON.stringify({ ...S.getSession(d), id: '' });
  const expected = content(p.doc);
  const check = connectProvider(ws, sessionId, who.credential);
  await whenSynced(check);
  await Promise.race([whenDoc(check.doc, (d) => content(d) === expected), refused]);
  destroyAll(p, check);
}

/**
 * A facilitation command of `who`'s, sent as his device sends it (Socket.IO); resolves once
 * the session document shows `done`, fails with the server's refusal.
 */
async function facilitate(http: string, ws: string, sessionId: string, who: ClubCredential, command: FacilitationCommand, done: (doc: import('yjs').Doc) => boolean): Promise<void> {
  const socket = joinPresence(http, sessionId, who.credential, who.name);
  const check = connectProvider(ws, sessionId, who.credential);
  try {
    const refused = new Promise<never>((_, reject) => socket.once('event:error', (e) => reject(new Error(`${who.name}: ${JSON.stringify(e)}`))));
    refused.catch(() => undefined);
    socket.emit('facilitate', command);
    await whenSynced(check);
    await Promise.race([whenDoc(check.doc, done), refused]);
  } finally {
    socket.disconnect();
    destroyAll(check);
  }
}

/**
 * `settle` waits until the server has derived the club's index and digests from what it
 * received (the app's `indexer.flush`).
 */
export async function runClubScenario(http: string, ws: string, settle: () => Promise<void>): Promise<ClubScenario> {
  const bourse = await createClub(http, 'Club Bourse');
  const arve = await createClub(http, 'Club Arve Industrie', 'Vallée de l’Arve');
  const claire = await joinClub(http, bourse.id, bourse.adminToken, 'Claire Mugnier');
  const marc = await joinClub(http, bourse.id, bourse.inviteToken, 'Marc Duret');
  const sophie = await joinClub(http, bourse.id, bourse.inviteToken, 'Sophie Perrin');
  const paul = await joinClub(http, arve.id, arve.inviteToken, 'Paul Vuarnet');
  const actions: Record<string, string> = {};

  // Each person writes in his own name through his own credential, as the server requires.
  const first = (await createClubSession(http, claire, { title: 'Financer la croissance', hostCompany: 'Décolletage Arve Précision', date: '2026-09-10' })).id;
  const claireHost = { ...person(claire), role: 'host' as const };
  const ids: Record<string, string> = {};
  await inSession(ws, first, claire, (doc) => {
    S.setFollowUpRound(doc, false);
    S.setSectionParagraphs(doc, 'problem', ['Notre trésorerie ne suit pas la croissance des commandes.']);
    S.setPhase(doc, claireHost, 'brainstorm');
    ids.group = S.createGroup(doc, person(claire), 'Financement');
  });
  // A round that shows its counts: each point goes on the board as it is given.
  await facilitate(http, ws, first, claire, { kind: 'voting', open: true, hideCounts: false }, (d) => S.getVotingSettings(d).open);
  await inSession(ws, first, marc, (doc) => {
    ids.idea = S.addSticky(doc, person(marc), { text: 'Mutualiser la trésorerie des achats entre membres', x: 0, y: 0 });
    S.setStickyGroup(doc, ids.idea, ids.group!);
    S.castVote(doc, person(marc), ids.idea);
  });
  await inSession(ws, first, sophie, (doc) => {
    ids.other = S.addSticky(doc, person(sophie), { text: 'Négocier un affacturage inversé', x: 300, y: 0 });
    S.castVote(doc, person(sophie), ids.idea!);
  });
  await inSession(ws, first, claire, (doc) => {
    S.castVote(doc, person(claire), ids.other!);
    S.setPhase(doc, claireHost, 'synthesis');
    actions.affacturage = S.addActionItem(doc, { text: 'Appeler la banque pour l’affacturage', owner: person(marc), due: '2026-10-15', sourceStickyIds: [ids.other!] });
    actions.achats = S.addActionItem(doc, { text: 'Réunir les acheteurs du club', owner: person(sophie), due: '2026-11-01', status: 'done' });
    actions.tableau = S.addActionItem(doc, { text: 'Tableau de trésorerie à 13 semaines', owner: person(claire), due: '2026-10-01', status: 'doing' });
    S.setDecision(doc, 'Je lance l’affacturage inversé avant la fin de l’année.');
  });
  await inSession(ws, first, marc, (doc) => {
    S.setLearning(doc, person(marc), 'brought', 'Mon expérience de l’affacturage.');
    S.setLearning(doc, person(marc), 'takeAway', 'Regarder mon propre besoin en fonds de roulement.');
  });
  await inSession(ws, first, claire, (doc) => S.setPhase(doc, claireHost, 'closed'));

  const second = (await createClubSession(http, marc, { title: 'Recruter des régleurs', hostCompany: 'Duret Mécanique', date: '2026-10-20' })).id;
  const marcHost = { ...person(marc), role: 'host' as const };
  await inSession(ws, second, marc, (doc) => {
    S.setFollowUpRound(doc, false);
    S.setPhase(doc, marcHost, 'visit');
  });
  await inSession(ws, second, sophie, (doc) => {
    S.addVisitNote(doc, person(sophie), { stationId: null, kind: 'risk', text: 'Les régleurs partent en Suisse pour le salaire' });
  });
  await inSession(ws, second, marc, (doc) => {
    S.setPhase(doc, marcHost, 'synthesis');
    actions.ecole = S.addActionItem(doc, { text: 'Contacter l’école de production de Cluses', owner: person(claire), due: '2026-12-01' });
    actions.salon = S.addActionItem(doc, { text: 'Tenir un stand au salon de l’emploi', owner: person(sophie), status: 'dropped' });
    S.setLearning(doc, person(marc), 'takeAway', 'Parler du métier dans les collèges.');
  });
  await inSession(ws, second, marc, (doc) => S.setPhase(doc, marcHost, 'closed'));

  const thirdCreated = await createClubSession(http, sophie, { title: 'Exporter en Allemagne', hostCompany: 'Perrin Outillage', date: '2026-12-03' });
  const third = thirdCreated.id;

  const arveSession = (await createClubSession(http, paul, { title: 'Trésorerie partagée', hostCompany: 'Vuarnet SA', date: '2026-11-05' })).id;
  await inSession(ws, arveSession, paul, (doc) => {
    S.setPhase(doc, { ...person(paul), role: 'host' }, 'brainstorm');
    S.addSticky(doc, person(paul), { text: 'Une trésorerie commune aux sous-traitants', x: 0, y: 0 });
  });

  // The club's page reads the digests the server derives from the documents.
  await settle();
  return { bourse, arve, claire, marc, sophie, paul, sessions: { first, second, third, arve: arveSession }, thirdLinks: thirdCreated.links, actions };
}

