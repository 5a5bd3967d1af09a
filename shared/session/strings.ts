// Words of the Markdown summary, French first, English second.
import type { ActionStatus, NoteKind, Phase, PresentationSection, QuestionStatus } from './types.ts';

import { formatLongDate } from './wording.ts';

export type Lang = 'fr' | 'en';

export interface SummaryStrings {
  readonly session: string;
  readonly host: string;
  readonly date: string;
  readonly phase: string;
  readonly closedOn: string;
  readonly phases: Readonly<Record<Phase, string>>;
  readonly presentation: string;
  readonly sections: Readonly<Record<PresentationSection, string>>;
  readonly visit: string;
  readonly stations: string;
  readonly notesCount: (n: number) => string;
  readonly kinds: Readonly<Record<NoteKind, string>>;
  readonly questions: string;
  readonly questionStatus: Readonly<Record<QuestionStatus, string>>;
  readonly answer: string;
  /** What a question without a written answer reads, by its status ("answered orally"). */
  readonly noAnswer: Readonly<Record<QuestionStatus, string>>;
  readonly brainstorm: string;
  /** The ideas, who voted and the points counted, of every round (`rounds` of them, more than one said). */
  readonly brainstormStats: (ideas: number, voters: number, votes: number, budget: number, rounds?: number) => string;
  /** Said under the stats when more than one round had points: which ones the ranking is. */
  readonly latestRounds: (rounds: number) => string;
  readonly topIdeas: string;
  readonly groups: string;
  readonly votes: (n: number) => string;
  readonly actionPlan: string;
  readonly action: string;
  readonly owner: string;
  /** An action nobody carries yet, as the action plan says it during the session. */
  readonly noOwner: string;
  readonly due: string;
  readonly status: string;
  readonly actionStatus: Readonly<Record<ActionStatus, string>>;
  readonly from: string;
  readonly quoted: (text: string) => string;
  readonly decision: string;
  readonly learnings: string;
  readonly brought: string;
  readonly takeAway: string;
  readonly contributions: string;
  readonly contributionHeader: readonly string[];
  /** An empty section: "not yet" while the session runs, plainly empty once it is closed. */
  readonly none: (closed: boolean) => string;
  readonly by: string;
  /**
   * The footer of every export and summary page: who may read it, which session, and when it
   * was exported (a file) or read (a page, printed or not).
   */
  readonly confidential: (club: string | null, sessionDate: string, on: string, how?: 'exported' | 'read') => string;
}

/** A `YYYY-MM-DD` date in words ("3 décembre 2026", "1er mars 2027", "3 December 2026"): wording.ts. */
export function longDate(iso: string, lang: Lang): string {
  return formatLongDate(iso, lang);
}

// French puts 0 and 1 in the singular ("0 idée"); English only 1 ("0 ideas").
const plural = (n: number, one: string, many: string): string => `${n} ${n <= 1 ? one : many}`;
const pluralEn = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export const STRINGS: Readonly<Record<Lang, SummaryStrings>> = {
  fr: {
    session: 'Séance',
    host: 'Entreprise hôte',
    date: 'Date',
    phase: 'Étape',
    closedOn: 'Clôturée le',
    phases: {
      presentation: 'Présentation', visit: 'Visite', questions: 'Questions',
      brainstorm: 'Brainstorm', synthesis: 'Synthèse', closed: 'Clôturée',
    },
    presentation: 'Présentation',
    sections: {
      context: 'Contexte de l’entreprise', strategy: 'Stratégie', problem: 'Le problème',
      helpWanted: 'L’aide demandée au groupe', helpNotWanted: 'Ce que l’hôte ne demande pas',
    },
    visit: 'Visite',
    stations: 'Étapes de la visite',
    notesCount: (n) => plural(n, 'note', 'notes'),
    kinds: { strength: 'Points forts', question: 'Interrogations', risk: 'Risques', idea: 'Idées' },
    questions: 'Questions de clarification',
    questionStatus: { answered: 'Répondues', deferred: 'Reportées', open: 'Sans réponse' },
    answer: 'Réponse',
    noAnswer: { answered: 'répondue à l’oral', deferred: 'reportée', open: 'pas de réponse' },
    brainstorm: 'Brainstorm',
    brainstormStats: (ideas, voters, votes, budget, rounds = 1) =>
      rounds > 1
        ? `${plural(ideas, 'idée', 'idées')}, ${plural(voters, 'votant', 'votants')}, ${plural(votes, 'point compté', 'points comptés')} sur ${rounds} votes (${budget} par membre à chaque vote).`
        : `${plural(ideas, 'idée', 'idées')}, ${plural(voters, 'votant', 'votants')}, ${plural(votes, 'point compté', 'points comptés')} (${budget} par membre).`,
    latestRounds: (rounds) => `${rounds} votes ont eu lieu : le classement est celui du dernier sur les idées (et du dernier sur les groupes).`,
    topIdeas: 'Idées les plus votées',
    groups: 'Regroupements',
    votes: (n) => plural(n, 'point', 'points'),
    actionPlan: 'Plan d’action',
    action: 'Action',
    owner: 'Porteur',
    noOwner: 'À définir',
    due: 'Échéance',
    status: 'État',
    actionStatus: { todo: 'À faire', doing: 'En cours', done: 'Faite', dropped: 'Abandonnée' },
    from: 'issue de',
    quoted: (t) => `« ${t} »`,
    decision: 'La décision de l’hôte',
    learnings: 'Apports et enseignements',
    brought: 'Ce que j’ai apporté',
    takeAway: 'Ce que j’emporte',
    contributions: 'Contributions',
    contributionHeader: ['Membre', 'Notes de visite', 'Questions', 'Idées', 'Points donnés', 'Actions portées', 'Apports'],
    none: (closed) => (closed ? 'Aucun contenu.' : 'Rien pour le moment.'),
    by: 'par',
    confidential: (club, sessionDate, on, how = 'exported') =>
      `Confidentiel — réservé ${club ? `aux membres du club « ${club} »` : 'aux participants de la séance'} — séance du ${sessionDate} — ${how === 'read' ? 'consulté' : 'exporté'} le ${on}`,
  },
  en: {
    session: 'Session',
    host: 'Host company',
    date: 'Date',
    phase: 'Phase',
    closedOn: 'Closed on',
    phases: {
      presentation: 'Presentation', visit: 'Visit', questions: 'Questions',
      brainstorm: 'Brainstorm', synthesis: 'Synthesis', closed: 'Closed',
    },
    presentation: 'Presentation',
    sections: {
      context: 'Company context', strategy: 'Strategy', problem: 'The problem',
      helpWanted: 'Help asked of the group', helpNotWanted: 'What the host does not ask for',
    },
    visit: 'Visit',
    stations: 'Visit stations',
    notesCount: (n) => pluralEn(n, 'note', 'notes'),
    kinds: { strength: 'Strengths', question: 'Questions raised', risk: 'Risks', idea: 'Ideas' },
    questions: 'Clarifying questions',
    questionStatus: { answered: 'Answered', deferred: 'Deferred', open: 'Unanswered' },
    answer: 'Answer',
    noAnswer: { answered: 'answered orally', deferred: 'deferred', open: 'no answer' },
    brainstorm: 'Brainstorm',
    brainstormStats: (ideas, voters, votes, budget, rounds = 1) =>
      rounds > 1
        ? `${pluralEn(ideas, 'idea', 'ideas')}, ${pluralEn(voters, 'voter', 'voters')}, ${pluralEn(votes, 'vote counted', 'votes counted')} over ${rounds} rounds of voting (${budget} per member in each).`
        : `${pluralEn(ideas, 'idea', 'ideas')}, ${pluralEn(voters, 'voter', 'voters')}, ${pluralEn(votes, 'vote counted', 'votes counted')} (${budget} per member).`,
    latestRounds: (rounds) => `${rounds} votes were held: the ranking is the latest on the ideas (and the latest on the groups).`,
    topIdeas: 'Top ideas',
    groups: 'Groups',
    votes: (n) => pluralEn(n, 'vote', 'votes'),
    actionPlan: 'Action plan',
    action: 'Action',
    owner: 'Owner',
    noOwner: 'To be decided',
    due: 'Due',
    status: 'Status',
    actionStatus: { todo: 'to do', doing: 'in progress', done: 'done', dropped: 'dropped' },
    from: 'from',
    quoted: (t) => `“${t}”`,
    decision: "The host's decision",
    learnings: 'Learnings',
    brought: 'What I brought',
    takeAway: 'What I take away',
    contributions: 'Contributions',
    contributionHeader: ['Member', 'Visit notes', 'Questions', 'Ideas', 'Points given', 'Actions owned', 'Learnings'],
    none: (closed) => (closed ? 'None.' : 'Nothing yet.'),
    by: 'by',
    confidential: (club, sessionDate, on, how = 'exported') =>
      `Confidential — for ${club ? `the members of the club “${club}”` : 'the participants of the session'} only — session of ${sessionDate} — ${how === 'read' ? 'read' : 'exported'} on ${on}`,
  },
};
