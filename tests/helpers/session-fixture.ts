// A realistic session of the Club Bourse, from creation to closing: Arvéa Précision, a
// precision machining (décolletage) company of the Arve valley, asks the club how to enter
// the hydrogen market. Fixed ids and times, so tests can assert exact values.
import * as Y from 'yjs';
import * as S from '../../shared/session/index.ts';
import type { Actor } from '../../shared/session/index.ts';

export const T0 = Date.UTC(2026, 2, 12, 8, 30); // 12 March 2026, 09:30 in Cluses
export const minutes = (n: number): number => T0 + n * 60_000;

export const people = {
  host: { participantId: 'p-laurent', name: 'Laurent Pellet', role: 'host' },
  claire: { participantId: 'p-claire', name: 'Claire Bouvier', role: 'member' },
  marc: { participantId: 'p-marc', name: 'Marc Duret', role: 'member' },
  nadia: { participantId: 'p-nadia', name: 'Nadia Haddad', role: 'member' },
  thomas: { participantId: 'p-thomas', name: 'Thomas Guillot', role: 'member' },
  elodie: { participantId: 'p-elodie', name: 'Élodie Favre', role: 'member' },
  screen: { participantId: 'p-screen', name: 'Écran salle', role: 'screen' },
} as const satisfies Record<string, Actor>;

export const SESSION_ID = 'sess-arvea-hydrogene';

export interface Fixture {
  readonly doc: Y.Doc;
  /** Sticky ids by a short name used in tests. */
  readonly stickies: Readonly<Record<StickyName, string>>;
  readonly groups: Readonly<Record<'normes' | 'partenariats' | 'commercial', string>>;
}

type StickyName =
  | 'iso' | 'labo' | 'cetim' | 'pole' | 'salon' | 'integrateur' | 'inox' | 'ciaPorte';

/** Build the session up to `until` (default: closed). */
export function buildArveaSession(until: S.Phase = 'closed'): Fixture {
  const doc = new Y.Doc({ guid: SESSION_ID });
  const { host, claire, marc, nadia, thomas, elodie } = people;
  const done = (p: S.Phase): boolean => S.phaseIndex(until) < S.phaseIndex(p);

  S.initSessionDocument(
    doc,
    { title: "Entrer sur le marché de l'hydrogène", hostCompany: 'Arvéa Précision', hostName: 'Laurent Pellet', date: '2026-03-12' },
    { at: minutes(-10_000) },
  );
  for (const [i, p] of [host, claire, marc, nadia, thomas, elodie].entries()) S.registerParticipant(doc, p, { at: minutes(i) });
  S.setVoteBudget(doc, 3);
  S.grantFacilitator(doc, claire, { at: minutes(1) });

  S.setSectionParagraphs(doc, 'context', [
    'Arvéa Précision, décolleteur à Scionzier depuis 1972 : 85 salariés, 14 M€ de chiffre d’affaires.',
    '62 % du chiffre d’affaires vient encore de l’automobile thermique (injection, freinage).',
  ]);
  S.setSectionParagraphs(doc, 'strategy', [
    'Réduire la dépendance à l’automobile sous 40 % d’ici 2030 en visant des marchés exigeants : médical, énergie.',
  ]);
  S.setSectionParagraphs(doc, 'problem', [
    'Comment entrer sur le marché de l’hydrogène (raccords et vannes haute pression, 350 à 700 bar) sans y laisser notre trésorerie ?',
  ]);
  S.setSectionParagraphs(doc, 'helpWanted', [
    'Des retours d’expérience sur la qualification chez un nouveau donneur d’ordres, et des contacts dans la filière.',
  ]);
  S.setSectionParagraphs(doc, 'helpNotWanted', ['Un avis sur l’opportunité de quitter l’automobile : la décision est prise.']);
  S.setShownSection(doc, 'problem');
  if (done('visit')) return partial(doc);

  S.setPhase(doc, host, 'visit', { at: minutes(30) });
  const atelier = S.addStation(doc, 'Atelier de décolletage', { id: 'st-atelier', at: minutes(30) });
  const be = S.addStation(doc, "Bureau d'études", { id: 'st-be', at: minutes(30) });
  const qualite = S.addStation(doc, 'Métrologie et contrôle', { id: 'st-qualite', at: minutes(30) });
  S.addVisitNote(doc, marc, { stationId: atelier, kind: 'strength', text: 'Parc de 40 tours multibroches dont 12 à commande numérique, bien entretenu.' }, { id: 'n1', at: minutes(35) });
  S.addVisitNote(doc, nadia, { stationId: atelier, kind: 'strength', text: 'Savoir-faire reconnu sur l’inox 316L, matière clé des raccords hydrogène.' }, { id: 'n2', at: minutes(36) });
  S.addVisitNote(doc, thomas, { stationId: atelier, kind: 'risk', text: 'Pas de salle propre : la contamination particulaire est un sujet pour les vannes H2.' }, { id: 'n3', at: minutes(40) });
  S.addVisitNote(doc, claire, { stationId: be, kind: 'question', text: 'Le bureau d’études sait-il dimensionner à 700 bar ou seulement usiner au plan ?' }, { id: 'n4', at: minutes(48) });
  S.addVisitNote(doc, elodie, { stationId: qualite, kind: 'risk', text: 'Essais d’étanchéité hélium sous-traités : délai et coût à chaque lot.' }, { id: 'n5', at: minutes(55) });
  S.addVisitNote(doc, marc, { stationId: qualite, kind: 'idea', text: 'Mutualiser un banc d’essai pression avec d’autres décolleteurs de la vallée.' }, { id: 'n6', at: minutes(57) });
  S.addVisitNote(doc, nadia, { stationId: null, kind: 'strength', text: 'Équipe jeune et motivée, peu de turnover.' }, { id: 'n7', at: minutes(60) });
  if (done('questions')) return partial(doc);

  S.setPhase(doc, claire, 'questions', { at: minutes(70) });
  const q1 = S.askQuestion(doc, elodie, 'Quel budget d’investissement êtes-vous prêt à engager sur trois ans ?', { id: 'q1', at: minutes(72) });
  const q2 = S.askQuestion(doc, thomas, 'Avez-vous déjà un premier client potentiel dans l’hydrogène ?', { id: 'q2', at: minutes(74) });
  S.askQuestion(doc, marc, 'Vos actionnaires familiaux soutiennent-ils la diversification ?', { id: 'q3', at: minutes(76) });
  S.answerQuestion(doc, q1, 'Environ 1,2 M€, dont la moitié pourrait être financée par la région.', { at: minutes(73) });
  S.answerQuestion(doc, q2, 'Un intégrateur grenoblois nous a demandé un devis pour des raccords 350 bar.', { at: minutes(75) });
  S.answerQuestion(doc, 'q3', 'J’y reviendrai à la fin.', { at: minutes(77), status: 'deferred' });
  if (done('brainstorm')) return partial(doc);

  S.setPhase(doc, host, 'brainstorm', { at: minutes(90) });
  S.setPrivateWriting(doc, true);
  const add = (who: Actor, id: string, text: string, x: number, y: number, at: number): string =>
    S.addSticky(doc, who, { text, x, y }, { id, at: minutes(at) });
  const stickies = {
    iso: add(marc, 's-iso', 'Viser la certification ISO 19880-3 pour les vannes', 100, 100, 91),
    labo: add(nadia, 's-labo', 'Monter un petit laboratoire d’essais pression interne', 220, 100, 92),
    cetim: add(elodie, 's-cetim', 'S’appuyer sur le CETIM et le Centre technique du décolletage', 340, 100, 93),
    pole: add(claire, 's-pole', 'Adhérer au pôle Tenerrdis et au réseau Hydrogène Auvergne-Rhône-Alpes', 100, 220, 94),
    salon: add(thomas, 's-salon', 'Exposer au salon Hyvolution à Paris', 220, 220, 95),
    integrateur: add(claire, 's-integrateur', 'Co-développer les raccords 350 bar avec l’intégrateur grenoblois', 340, 220, 96),
    inox: add(nadia, 's-inox', 'Sécuriser l’approvisionnement en inox 316L à bas taux de ferrite', 100, 340, 97),
    ciaPorte: add(elodie, 's-cia', 'Financer par le crédit d’impôt innovation et l’appel à projets régional', 220, 340, 98),
  };
  S.reveal(doc);
  const groups = {
    normes: S.createGroup(doc, claire, 'Certification et essais', { id: 'g-normes', at: minutes(100) }),
    partenariats: S.createGroup(doc, claire, 'Partenariats de filière', { id: 'g-partenariats', at: minutes(101) }),
    commercial: S.createGroup(doc, claire, 'Aller chercher les clients', { id: 'g-commercial', at: minutes(102) }),
  };
  for (const id of [stickies.iso, stickies.labo, stickies.cetim]) S.setStickyGroup(doc, id, groups.normes);
  for (const id of [stickies.pole, stickies.integrateur]) S.setStickyGroup(doc, id, groups.partenariats);
  S.setStickyGroup(doc, stickies.salon, groups.commercial);

  // Budget 3. Marc votes 4 times from two devices: only his first 3 (by seq, id) count.
  let seq = 0;
  const vote = (who: Actor, sticky: string): void => {
    seq++;
    S.castVote(doc, who, sticky, { id: `v${String(seq).padStart(2, '0')}`, at: minutes(110 + seq) });
  };
  vote(marc, stickies.integrateur); vote(marc, stickies.iso); vote(marc, stickies.integrateur); vote(marc, stickies.salon);
  vote(claire, stickies.integrateur); vote(claire, stickies.pole); vote(claire, stickies.ciaPorte);
  vote(nadia, stickies.iso); vote(nadia, stickies.integrateur); vote(nadia, stickies.labo);
  vote(thomas, stickies.integrateur); vote(thomas, stickies.iso); vote(thomas, stickies.salon);
  vote(elodie, stickies.ciaPorte); vote(elodie, stickies.cetim);
  if (done('synthesis')) return { doc, stickies, groups };

  S.setPhase(doc, host, 'synthesis', { at: minutes(140) });
  S.addActionItem(doc, { text: 'Répondre au devis de l’intégrateur grenoblois en proposant un co-développement', owner: host, due: '2026-04-15', sourceStickyIds: [stickies.integrateur] }, { id: 'a1', at: minutes(141) });
  S.addActionItem(doc, { text: 'Lancer le diagnostic ISO 19880-3 avec le CETIM', owner: nadia, due: '2026-06-30', sourceStickyIds: [stickies.iso, stickies.cetim] }, { id: 'a2', at: minutes(142) });
  S.addActionItem(doc, { text: 'Présenter Laurent au pôle Tenerrdis', owner: claire, due: '2026-03-31', status: 'doing', sourceStickyIds: [stickies.pole] }, { id: 'a3', at: minutes(143) });
  S.setDecision(doc, 'Je commence par le client que j’ai déjà : co-développement avec l’intégrateur, et la certification en parallèle. Pas de salon cette année.');
  S.setLearning(doc, marc, 'brought', 'Mon expérience de la qualification aéronautique.', { at: minutes(150) });
  S.setLearning(doc, marc, 'takeAway', 'L’idée du banc d’essai mutualisé, à creuser pour nous aussi.', { at: minutes(151) });
  S.setLearning(doc, claire, 'brought', 'Le contact du pôle Tenerrdis.', { at: minutes(152) });
  S.setLearning(doc, claire, 'takeAway', 'Notre propre dépendance à un secteur mérite le même exercice.', { at: minutes(153) });
  S.setLearning(doc, elodie, 'brought', 'Les dispositifs de financement régionaux.', { at: minutes(154) });
  S.answerQuestion(doc, 'q3', 'Oui, le conseil de famille a validé le plan en janvier.', { at: minutes(155) });
  if (done('closed')) return { doc, stickies, groups };

  S.setPhase(doc, host, 'closed', { at: minutes(160) });
  return { doc, stickies, groups };
}

function partial(doc: Y.Doc): Fixture {
  const none = '';
  return {
    doc,
    stickies: { iso: none, labo: none, cetim: none, pole: none, salon: none, integrateur: none, inox: none, ciaPorte: none },
    groups: { normes: none, partenariats: none, commercial: none },
  };
}
