import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as S from '../../shared/session/index.ts';
import { connectProvider, destroyAll, whenDoc, whenSynced } from '../helpers/clients.ts';
import { seedSession } from '../helpers/seed.ts';
import { enter } from '../helpers/session-text.ts';
import { createSession, SAMPLE_SESSION, startServer, type CreatedSession, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let session: CreatedSession;

beforeAll(async () => {
  server = await startServer();
  session = await createSession(server.http);
  // A session run through the real protocol by two people, each in his own name, each step
  // once the other has seen the one before (the server judges a write on the phase it has).
  const h = await enter(server, session.id, session.tokens.host, 'Claire Mugnier');
  const m = await enter(server, session.id, session.tokens.member, 'Marc Duret');
  const host = h.me;
  const marc = m.me;
  await Promise.all([whenSynced(h.provider), whenSynced(m.provider)]);
  S.setSectionParagraphs(h.doc, 'problem', ['Comment entrer sur le marché de l’hydrogène sans y laisser notre trésorerie ?']);
  S.setPhase(h.doc, host, 'brainstorm');
  await whenDoc(m.doc, (d) => S.getPhase(d) === 'brainstorm');
  // A round that shows its counts, opened by the server as the host's command does.
  await seedSession(server.app, session.id, (doc) => {
    S.setVotingOpen(doc, true, Date.now());
    S.setHideCounts(doc, false);
  });
  await whenDoc(m.doc, (d) => S.getVotingSettings(d).open);
  const idea = S.addSticky(m.doc, marc, { text: 'Co-développer les raccords 350 bar avec un intégrateur', x: 10, y: 10 });
  S.castVote(m.doc, marc, idea);
  await whenDoc(h.doc, (d) => S.getVotes(d).length === 1);
  S.castVote(h.doc, host, idea);
  S.setPhase(h.doc, host, 'synthesis');
  S.addActionItem(h.doc, { text: 'Répondre au devis de l’intégrateur', owner: host, due: '2026-04-15', sourceStickyIds: [idea] });
  S.setDecision(h.doc, 'Je commence par le client que j’ai déjà.');
  await whenDoc(m.doc, (d) => S.getPhase(d) === 'synthesis');
  S.setLearning(m.doc, marc, 'brought', 'Mon expérience de la qualification aéronautique.');
  // A third client sees everything once synced.
  const check = connectProvider(server.ws, session.id, session.tokens.member);
  await whenSynced(check);
  await whenDoc(check.doc, (d) => S.getActionItems(d).length === 1 && S.getLearnings(d).length === 1 && S.getVotes(d).length === 2 && S.getDecision(d) !== '');
  destroyAll(h.provider, m.provider, check);
});
afterAll(async () => {
  await server.close();
});

describe('GET /api/sessions/:id/summary', () => {
  it('serves the summary of a real session as JSON', async () => {
    const res = await fetch(`${server.http}/api/sessions/${session.id}/summary?token=${session.tokens.member}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const summary = (await res.json()) as S.SessionSummary;
    expect(summary).toMatchObject({
      sessionId: session.id,
      title: SAMPLE_SESSION.title,
      hostCompany: SAMPLE_SESSION.hostCompany,
      phase: 'synthesis',
      decision: 'Je commence par le client que j’ai déjà.',
    });
    expect(summary.presentation.problem).toContain('hydrogène');
    expect(summary.brainstorm.topIdeas[0]).toMatchObject({ text: 'Co-développer les raccords 350 bar avec un intégrateur', votes: 2, rank: 1 });
    expect(summary.actionPlan).toEqual([
      expect.objectContaining({ text: 'Répondre au devis de l’intégrateur', owner: 'Claire Mugnier', due: '2026-04-15', fromIdeas: ['Co-développer les raccords 350 bar avec un intégrateur'] }),
    ]);
  });

  it('serves Markdown in French, or English on request', async () => {
    const fr = await fetch(`${server.http}/api/sessions/${session.id}/summary?token=${session.tokens.screen}`, { headers: { accept: 'text/markdown' } });
    expect(fr.headers.get('content-type')).toMatch(/text\/markdown/);
    const md = await fr.text();
    expect(md).toMatch(new RegExp(`^# ${SAMPLE_SESSION.title}`));
    expect(md).toContain('Répondre au devis de l’intégrateur');
    expect(md).toMatch(/Plan d.action/i);
    const en = await (await fetch(`${server.http}/api/sessions/${session.id}/summary?token=${session.tokens.host}&format=md&lang=en`)).text();
    expect(en).toMatch(/Action plan/i);
  });

  it('refuses without a valid token', async () => {
    expect((await fetch(`${server.http}/api/sessions/${session.id}/summary`)).status).toBe(401);
    expect((await fetch(`${server.http}/api/sessions/${session.id}/summary?token=${'x'.repeat(43)}`)).status).toBe(401);
  });
});
