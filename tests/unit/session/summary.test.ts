import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addActionItem, addSticky, askQuestion, buildSummary, castVote, createGroup, initSessionDocument, renderSummaryMarkdown, roots, setHideCounts,
  setPrivateWriting, setQuestionStatus, setStickyGroup, setVoteBudget, setVoteTarget, setVotingOpen,
} from '../../../shared/session/index.ts';
import { SESSION_ID, buildArveaSession, minutes } from '../../helpers/session-fixture.ts';

describe('buildSummary of the Arvéa Précision session', () => {
  const { doc } = buildArveaSession();
  const summary = buildSummary(doc);

  it('states the session, the problem and the request', () => {
    expect(summary).toMatchObject({
      sessionId: SESSION_ID,
      schemaVersion: 3,
      title: "Entrer sur le marché de l'hydrogène",
      hostCompany: 'Arvéa Précision',
      hostName: 'Laurent Pellet',
      date: '2026-03-12',
      phase: 'closed',
      closedAt: minutes(160),
    });
    expect(summary.presentation.problem).toContain('marché de l’hydrogène');
    expect(summary.presentation.context.split('\n\n')).toHaveLength(2);
    expect(summary.presentation.helpNotWanted).toBe('Un avis sur l’opportunité de quitter l’automobile : la décision est prise.');
  });

  it('groups visit observations by kind, with station and author', () => {
    expect(summary.visit.stations).toEqual([
      { name: 'Atelier de décolletage', notes: 3 },
      { name: "Bureau d'études", notes: 1 },
      { name: 'Métrologie et contrôle', notes: 2 },
    ]);
    expect(summary.visit.observations.strength.map((n) => n.author)).toEqual(['Marc Duret', 'Nadia Haddad', 'Nadia Haddad']);
    expect(summary.visit.observations.risk).toHaveLength(2);
    expect(summary.visit.observations.idea[0]).toEqual({
      text: 'Mutualiser un banc d’essai pression avec d’autres décolleteurs de la vallée.',
      author: 'Marc Duret',
      station: 'Métrologie et contrôle',
    });
    expect(summary.visit.observations.strength[2]?.station).toBeNull();
  });

  it('lists questions with their answers', () => {
    expect(summary.questions.answered.map((q) => q.askedBy)).toEqual(['Élodie Favre', 'Thomas Guillot', 'Marc Duret']);
    expect(summary.questions.answered[2]?.answer).toBe('Oui, le conseil de famille a validé le plan en janvier.');
    expect(summary.questions.open).toEqual([]);
    expect(summary.questions.deferred).toEqual([]);
  });

  it('ranks ideas and groups by counted votes, Marc’s fourth vote over budget ignored', () => {
    const b = summary.brainstorm;
    expect([b.ideas, b.voters, b.votesCounted, b.voteBudget]).toEqual([8, 5, 14, 3]);
    expect(b.topIdeas.map((i) => [i.id, i.votes, i.rank])).toEqual([
      ['s-integrateur', 5, 1], ['s-iso', 3, 2], ['s-cia', 2, 3],
      ['s-labo', 1, 4], ['s-cetim', 1, 4], ['s-pole', 1, 4], ['s-salon', 1, 4],
    ]);
    expect(b.topIdeas[0]).toMatchObject({ author: 'Claire Bouvier', group: 'Partenariats de filière' });
    expect(b.groups.map((g) => [g.title, g.votes, g.rank, g.ideas.length])).toEqual([
      ['Partenariats de filière', 6, 1, 2], ['Certification et essais', 5, 2, 3], ['Aller chercher les clients', 1, 3, 1],
    ]);
  });

  it('carries the action plan with the ideas it came from, the decision and the learnings', () => {
    expect(summary.actionPlan).toEqual([
      {
        text: 'Répondre au devis de l’intégrateur grenoblois en proposant un co-développement',
        id: expect.any(String), owner: 'Laurent Pellet', due: '2026-04-15', status: 'todo', note: '',
        fromIdeas: ['Co-développer les raccords 350 bar avec l’intégrateur grenoblois'],
      },
      {
        id: expect.any(String), text: 'Lancer le diagnostic ISO 19880-3 avec le CETIM', owner: 'Nadia Haddad', due: '2026-06-30', status: 'todo', note: '',
        fromIdeas: ['Viser la certification ISO 19880-3 pour les vannes', 'S’appuyer sur le CETIM et le Centre technique du décolletage'],
      },
      {
        id: expect.any(String), text: 'Présenter Laurent au pôle Tenerrdis', owner: 'Claire Bouvier', due: '2026-03-31', status: 'doing', note: '',
        fromIdeas: ['Adhérer au pôle Tenerrdis et au réseau Hydrogène Auvergne-Rhône-Alpes'],
      },
    ]);
    expect(summary.decision).toMatch(/^Je commence par le client que j’ai déjà/);
    expect(summary.learnings.map((l) => l.name)).toEqual(['Claire Bouvier', 'Élodie Favre', 'Marc Duret']);
    expect(summary.learnings[1]).toEqual({ name: 'Élodie Favre', brought: 'Les dispositifs de financement régionaux.', takeAway: '' });
  });

  it('says who contributed what', () => {
    expect(summary.contributions.map((c) => [c.name, c.visitNotes, c.questions, c.ideas, c.votes, c.actionsOwned, c.learning])).toEqual([
      ['Claire Bouvier', 1, 0, 2, 3, 1, true],
      ['Élodie Favre', 1, 1, 2, 2, 0, true],
      ['Laurent Pellet', 0, 0, 0, 0, 1, false],
      ['Marc Duret', 2, 1, 1, 3, 0, true],
      ['Nadia Haddad', 2, 0, 2, 3, 1, false],
      ['Thomas Guillot', 1, 1, 1, 3, 0, false],
    ]);
  });

  it('is plain JSON and the same on a replica rebuilt from the update', () => {
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
    const replica = new Y.Doc({ guid: SESSION_ID });
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    expect(buildSummary(replica)).toEqual(summary);
  });
});

describe('buildSummary of an unfinished session', () => {
  it('says a question without a written answer was answered orally, deferred or left open', () => {
    const doc = new Y.Doc({ guid: 'oral' });
    initSessionDocument(doc, { title: 'T', hostCompany: 'C', hostName: 'H', date: '2026-01-01' });
    const asker = { participantId: 'p1', name: 'Marc' };
    setQuestionStatus(doc, askQuestion(doc, asker, 'Combien ?'), 'answered');
    setQuestionStatus(doc, askQuestion(doc, asker, 'Quand ?'), 'deferred');
    askQuestion(doc, asker, 'Pourquoi ?');
    const md = renderSummaryMarkdown(buildSummary(doc));
    expect(md).toContain('- **Combien ?** (Marc)\n  Réponse : _répondue à l’oral_');
    expect(md).toContain('- **Quand ?** (Marc)\n  Réponse : _reportée_');
    expect(md).toContain('- **Pourquoi ?** (Marc)\n  Réponse : _pas de réponse_');
    expect(renderSummaryMarkdown(buildSummary(doc), 'en')).toContain('- **Combien ?** (Marc)\n  Answer: _answered orally_');
  });

  it('says an action nobody carries yet is "to be decided", as the action plan does', () => {
    const doc = new Y.Doc({ guid: 'owner' });
    initSessionDocument(doc, { title: 'T', hostCompany: 'C', hostName: 'H', date: '2026-01-01' });
    addActionItem(doc, { text: 'Appeler la région' });
    expect(renderSummaryMarkdown(buildSummary(doc))).toContain('| Appeler la région | À définir | - | À faire |');
    expect(renderSummaryMarkdown(buildSummary(doc), 'en')).toContain('| Appeler la région | To be decided | - |');
  });

  it('builds from a fresh document', () => {
    const doc = new Y.Doc({ guid: 'new' });
    initSessionDocument(doc, { title: 'T', hostCompany: 'C', hostName: 'H', date: '2026-01-01' });
    const s = buildSummary(doc);
    expect(s).toMatchObject({ phase: 'presentation', closedAt: null, decision: '', actionPlan: [], contributions: [] });
    expect(s.brainstorm.topIdeas).toEqual([]);
  });

  it('leaves out ideas of the old kind still hidden by private writing (hidden in the session document)', () => {
    const { doc } = buildArveaSession('brainstorm');
    setPrivateWriting(doc, true);
    const secret = addSticky(doc, { participantId: 'p-thomas', name: 'Thomas Guillot' }, { text: 'Racheter un concurrent certifié', x: 0, y: 0 });
    (roots(doc).stickies.get(secret) as Y.Map<unknown>).set('hidden', true);
    castVote(doc, { participantId: 'p-marc', name: 'Marc Duret' }, secret);
    const s = buildSummary(doc);
    expect(s.brainstorm.ideas).toBe(8);
    expect(s.brainstorm.topIdeas.map((i) => i.id)).not.toContain(secret);
    expect(JSON.stringify(s)).not.toContain('Racheter');
    expect(s.closedAt).toBeNull();
  });
});

describe('buildSummary of a session with several rounds', () => {
  // Round 1 on the ideas (Marc and Thomas), a run-off on them (Nadia), then a round on the
  // groups where the room puts Recrutement first: Financement's idea had most points before.
  function session() {
    const doc = new Y.Doc();
    initSessionDocument(doc, { title: 'Tours', hostCompany: 'C', hostName: 'H', date: '2026-03-12' });
    setVoteBudget(doc, 2);
    setHideCounts(doc, false);
    const [marc, thomas, nadia, claire] = ['Marc', 'Thomas', 'Nadia', 'Claire'].map((name) => ({ participantId: `p-${name}`, name }));
    if (!marc || !thomas || !nadia || !claire) throw new Error('four members');
    const a = addSticky(doc, marc, { text: 'Une aide régionale', x: 0, y: 0 }, { id: 'a', at: 1 });
    const b = addSticky(doc, marc, { text: 'Former en interne', x: 0, y: 0 }, { id: 'b', at: 2 });
    addSticky(doc, marc, { text: 'Un stagiaire', x: 0, y: 0 }, { id: 'c', at: 3 });
    const money = createGroup(doc, marc, 'Financement', { id: 'g1', at: 1 });
    const skills = createGroup(doc, marc, 'Compétences', { id: 'g2', at: 2 });
    const hiring = createGroup(doc, marc, 'Recrutement', { id: 'g3', at: 3 });
    setStickyGroup(doc, a, money);
    setStickyGroup(doc, b, skills);
    let at = 10;
    const round = (target: 'stickies' | 'groups', votes: Array<[{ participantId: string; name: string }, string]>) => {
      setVoteTarget(doc, target);
      setVotingOpen(doc, true, at++);
      for (const [who, on] of votes) castVote(doc, who, on);
      setVotingOpen(doc, false, at++);
    };
    round('stickies', [[marc, a], [marc, a], [thomas, b], [thomas, b]]);
    round('stickies', [[nadia, a], [nadia, a]]);
    round('groups', [[claire, hiring], [claire, hiring], [nadia, money], [nadia, hiring]]);
    return doc;
  }

  it('ranks the groups by the round on groups alone, and counts every round’s points and voters', () => {
    const summary = buildSummary(session());
    const b = summary.brainstorm;
    expect(b.topIdeas.map((i) => [i.text, i.votes, i.rank])).toEqual([['Une aide régionale', 2, 1]]);
    expect(b.groups.map((g) => [g.title, g.votes, g.rank])).toEqual([['Recrutement', 3, 1], ['Financement', 1, 2], ['Compétences', 0, 3]]);
    expect([b.voters, b.votesCounted, b.voteRounds]).toEqual([4, 10, 3]);
    // Marc and Thomas gave their points in the first round: they brought them all the same.
    expect(summary.contributions.map((c) => [c.name, c.votes])).toEqual([['Claire', 2], ['Marc', 2], ['Nadia', 4], ['Thomas', 2]]);
    const md = renderSummaryMarkdown(summary);
    expect(md).toContain('3 idées, 4 votants, 10 points comptés sur 3 votes (2 par membre à chaque vote).');
    expect(md).toContain('### Regroupements\n\n- **1** — **Recrutement** (3 points)\n- **2** — **Financement** (1 point) : Une aide régionale\n');
    expect(renderSummaryMarkdown(summary, 'en')).toContain('3 ideas, 4 voters, 10 votes counted over 3 rounds of voting (2 per member in each).');
  });
});

describe('renderSummaryMarkdown', () => {
  const summary = buildSummary(buildArveaSession().doc);

  it('says an empty section is empty "for now" only while the session runs', () => {
    const { doc } = buildArveaSession('brainstorm');
    const running = renderSummaryMarkdown(buildSummary(doc));
    expect(running).toContain('## Plan d’action\n\nRien pour le moment.');
    expect(running).not.toContain('Aucun contenu.');
    const closed = renderSummaryMarkdown({ ...buildSummary(doc), phase: 'closed' });
    expect(closed).toContain('## Plan d’action\n\nAucun contenu.');
    expect(closed).not.toContain('pour le moment');
    expect(renderSummaryMarkdown({ ...buildSummary(doc), phase: 'closed' }, 'en')).toContain('## Action plan\n\nNone.');
  });

  it('writes the summary in French by default', () => {
    const md = renderSummaryMarkdown(summary);
    expect(md.startsWith("# Entrer sur le marché de l'hydrogène\n")).toBe(true);
    expect(md).toContain('- **Entreprise hôte** : Arvéa Précision (Laurent Pellet)');
    expect(md).toContain('### Le problème\n\nComment entrer sur le marché de l’hydrogène');
    expect(md).toContain('8 idées, 5 votants, 14 points comptés (3 par membre).');
    expect(md).toContain('- **Date** : 12 mars 2026');
    expect(md).toContain('- **1** — Co-développer les raccords 350 bar avec l’intégrateur grenoblois (5 points, par Claire Bouvier, Partenariats de filière)');
    expect(md).toContain('| Présenter Laurent au pôle Tenerrdis (issue de « Adhérer au pôle Tenerrdis et au réseau Hydrogène Auvergne-Rhône-Alpes ») | Claire Bouvier | 31 mars 2026 | En cours |');
    expect(md).toContain('> Je commence par le client que j’ai déjà');
    expect(md).toContain('- **Ce que j’emporte** : Notre propre dépendance à un secteur mérite le même exercice.');
    expect(md).toContain('| Élodie Favre | 1 | 1 | 2 | 2 | 0 | ✓ |');
    // The summary's own words read as the screens do: typographic apostrophes, dots counted
    // as "points", an action's state as the action plan writes it.
    expect(md).toContain('## Plan d’action');
    expect(md).toContain('| Membre | Notes de visite | Questions | Idées | Points donnés | Actions portées | Apports |');
    const ownWords = md.replaceAll("l'hydrogène", '').replaceAll("Bureau d'études", ''); // the host's own words
    expect(ownWords).not.toContain("'");
    expect(md.endsWith('\n')).toBe(true);
    expect(md).not.toMatch(/\n{3}/);
  });

  it('writes it in English on request', () => {
    const md = renderSummaryMarkdown(summary, 'en');
    expect(md).toContain('- **Host company**: Arvéa Précision (Laurent Pellet)');
    expect(md).toContain('## Action plan');
    expect(md).toContain('8 ideas, 5 voters, 14 votes counted (3 per member).');
    expect(md).toContain('(from “Co-développer les raccords 350 bar avec l’intégrateur grenoblois”)');
  });

  it('escapes Markdown in what members typed', () => {
    const doc = new Y.Doc();
    initSessionDocument(doc, { title: '# *pas* un titre | x', hostCompany: 'C', hostName: 'H', date: 'd' });
    const md = renderSummaryMarkdown(buildSummary(doc));
    expect(md.split('\n')[0]).toBe('# \\# \\*pas\\* un titre \\| x');
  });
});
