// The session summary: a pure function of the document, what members read weeks later
// and what GET /api/sessions/<id>/summary returns. Every list is in a fixed order, so every
// replica holding the same document builds the same summary.
import type * as Y from 'yjs';
import { compareNames, compareStrings } from './fields.ts';
import { fragmentBlocks, getPresentationFragment } from './presentation.ts';
import type { TextBlock } from './presentation.ts';
import { rankGroups, rankStickies, resultVotes, tallyVotes } from './votes.ts';
import { getSession } from './view.ts';
import { NOTE_KINDS, PRESENTATION_SECTIONS } from './types.ts';
import type {
  ActionStatus, NoteKind, Phase, PresentationSection, QuestionStatus, SessionView,
} from './types.ts';

export const TOP_IDEAS = 10;

export interface SummaryNote {
  readonly text: string;
  readonly author: string;
  readonly station: string | null;
}

export interface SummaryQuestion {
  readonly question: string;
  readonly askedBy: string;
  readonly answer: string;
  readonly status: QuestionStatus;
}

export interface SummaryIdea {
  readonly id: string;
  readonly text: string;
  readonly author: string;
  readonly votes: number;
  readonly rank: number;
  readonly group: string | null;
}

export interface SummaryGroup {
  readonly id: string;
  readonly title: string;
  readonly votes: number;
  readonly rank: number;
  readonly ideas: readonly string[];
}

export interface SummaryAction {
  /** The plan item's id: what its owner's follow-up names. */
  readonly id: string;
  readonly text: string;
  readonly owner: string;
  readonly due: string | null;
  /** As the session left it, or as its owner has since followed it up (the club's record). */
  readonly status: ActionStatus;
  /** The owner's note with his latest follow-up, '' until he gives one. */
  readonly note: string;
  /** Texts of the stickies the action came from. */
  readonly fromIdeas: readonly string[];
}

export interface SummaryLearning {
  readonly name: string;
  readonly brought: string;
  readonly takeAway: string;
}

export interface Contribution {
  readonly participantId: string;
  readonly name: string;
  readonly visitNotes: number;
  readonly questions: number;
  readonly ideas: number;
  readonly votes: number;
  readonly actionsOwned: number;
  readonly learning: boolean;
}

export interface SessionSummary {
  readonly sessionId: string;
  readonly schemaVersion: number;
  readonly title: string;
  readonly hostCompany: string;
  readonly hostName: string;
  readonly date: string;
  readonly phase: Phase;
  /** When the session was closed (ms since epoch), null while open. */
  readonly closedAt: number | null;
  /** The club the session is one of, as the API answers it (its pages' footer names it); absent or null outside a club. */
  readonly clubName?: string | null;
  /** Each section as text: paragraphs separated by blank lines, list items as `- item`. */
  readonly presentation: Readonly<Record<PresentationSection, string>>;
  readonly visit: {
    readonly stations: ReadonlyArray<{ readonly name: string; readonly notes: number }>;
    readonly observations: Readonly<Record<NoteKind, readonly SummaryNote[]>>;
  };
  readonly questions: {
    readonly answered: readonly SummaryQuestion[];
    readonly deferred: readonly SummaryQuestion[];
    readonly open: readonly SummaryQuestion[];
  };
  readonly brainstorm: {
    /** Revealed stickies (ideas still hidden by private writing are not in the summary). */
    readonly ideas: number;
    /** Those who gave a counted point, in any round. */
    readonly voters: number;
    /** The points counted, every round's (each member has voteBudget per round). */
    readonly votesCounted: number;
    readonly voteBudget: number;
    /**
     * How many voting rounds have points. The ranking is the results: the latest round on
     * ideas and the latest on groups (resultVotes), so a run-off's ranking is the run-off's,
     * not its sum with the round before; once a round on groups has points, the groups rank
     * by its points alone (rankGroups).
     */
    readonly voteRounds: number;
    /** Up to TOP_IDEAS ideas with at least one vote, best first. */
    readonly topIdeas: readonly SummaryIdea[];
    readonly groups: readonly SummaryGroup[];
  };
  readonly actionPlan: readonly SummaryAction[];
  readonly decision: string;
  readonly learnings: readonly SummaryLearning[];
  /** Who contributed what: "each brings something and does not come only to take". */
  readonly contributions: readonly Contribution[];
}

export function buildSummary(doc: Y.Doc): SessionSummary {
  const presentation = Object.fromEntries(
    PRESENTATION_SECTIONS.map((s) => [s, sectionText(getPresentationFragment(doc, s))]),
  ) as Record<PresentationSection, string>;
  return summarize(getSession(doc), presentation);
}

/** The summary of a snapshot, given the presentation sections as text. */
export function summarize(view: SessionView, presentation: Readonly<Record<PresentationSection, string>>): SessionSummary {
  const stationName = new Map(view.stations.map((s) => [s.id, s.name]));
  const observations = Object.fromEntries(NOTE_KINDS.map((k) => [k, [] as SummaryNote[]])) as Record<NoteKind, SummaryNote[]>;
  for (const n of view.visitNotes) {
    if (!n.text.trim()) continue;
    observations[n.kind].push({
      text: n.text,
      author: n.authorName,
      station: n.stationId === null ? null : (stationName.get(n.stationId) ?? null),
    });
  }
  const question = (q: SessionView['questions'][number]): SummaryQuestion => ({
    question: q.text,
    askedBy: q.authorName,
    answer: q.answer,
    status: q.status,
  });

  const targets = new Set([...view.stickies.map((s) => s.id), ...view.groups.map((g) => g.id)]);
  const groupIds = new Set(view.groups.map((g) => g.id));
  const everyRound = tallyVotes(view.votes, targets, view.board.voteBudget, groupIds);
  const countedIds = new Set(everyRound.countedVoteIds);
  const voteRounds = new Set(view.votes.filter((v) => countedIds.has(v.id)).map((v) => v.round)).size;
  const t = tallyVotes(resultVotes(view.votes, targets, view.board.voteBudget, groupIds).votes, targets, view.board.voteBudget, groupIds);
  const visible = view.stickies.filter((s) => !s.hidden);
  const groupTitle = new Map(view.groups.map((g) => [g.id, g.title]));
  const stickyText = new Map(view.stickies.map((s) => [s.id, s.text]));
  const closing = view.phaseHistory.filter((c) => c.to === 'closed').at(-1);

  return {
    sessionId: view.id,
    schemaVersion: view.meta.schemaVersion,
    title: view.meta.title,
    hostCompany: view.meta.hostCompany,
    hostName: view.meta.hostName,
    date: view.meta.date,
    phase: view.meta.phase,
    closedAt: view.meta.phase === 'closed' && closing ? closing.at : null,
    presentation,
    visit: {
      stations: view.stations.map((s) => ({ name: s.name, notes: view.visitNotes.filter((n) => n.stationId === s.id).length })),
      observations,
    },
    questions: {
      answered: view.questions.filter((q) => q.status === 'answered').map(question),
      deferred: view.questions.filter((q) => q.status === 'deferred').map(question),
      open: view.questions.filter((q) => q.status === 'open').map(question),
    },
    brainstorm: {
      ideas: visible.length,
      // What the room gave, every round: a member who voted only in the first is a voter.
      voters: Object.keys(everyRound.byVoter).length,
      votesCounted: everyRound.countedVoteIds.length,
      voteBudget: t.budget,
      voteRounds,
      topIdeas: rankStickies(visible, t)
        .filter((r) => r.votes > 0)
        .slice(0, TOP_IDEAS)
        .map((r) => ({
          id: r.sticky.id,
          text: r.sticky.text,
          // An anonymous board keeps its authors in the document, not in the summary.
          author: view.voting.anonymous ? '' : r.sticky.authorName,
          votes: r.votes,
          rank: r.rank,
          group: r.sticky.groupId === null ? null : (groupTitle.get(r.sticky.groupId) ?? null),
        })),
      groups: rankGroups(view.groups, visible, t).map((g) => ({
        id: g.group.id,
        title: g.group.title,
        votes: g.votes,
        rank: g.rank,
        ideas: g.stickyIds.map((id) => stickyText.get(id) ?? ''),
      })),
    },
    actionPlan: view.actionItems.map((a) => ({
      id: a.id,
      text: a.text,
      owner: a.ownerName,
      due: a.due,
      status: a.status,
      note: '',
      fromIdeas: a.sourceStickyIds.flatMap((id) => {
        const text = stickyText.get(id);
        return text === undefined ? [] : [text];
      }),
    })),
    decision: view.decision,
    learnings: view.learnings
      .filter((l) => l.brought.trim() || l.takeAway.trim())
      .map((l) => ({ name: l.name, brought: l.brought, takeAway: l.takeAway })),
    // The points each brought, every round: those of a round before the results' count too.
    contributions: contributions(view, everyRound.byVoter),
  };
}

function contributions(view: SessionView, countedByVoter: Readonly<Record<string, number>>): Contribution[] {
  const rows = new Map<string, { -readonly [K in keyof Contribution]: Contribution[K] }>();
  const row = (participantId: string, name: string) => {
    let r = rows.get(participantId);
    if (!r) {
      r = { participantId, name, visitNotes: 0, questions: 0, ideas: 0, votes: 0, actionsOwned: 0, learning: false };
      rows.set(participantId, r);
    }
    if (!r.name && name) r.name = name;
    return r;
  };
  for (const p of view.participants) row(p.participantId, p.name);
  for (const n of view.visitNotes) row(n.authorId, n.authorName).visitNotes++;
  for (const q of view.questions) row(q.authorId, q.authorName).questions++;
  for (const s of view.stickies) if (!s.hidden) row(s.authorId, s.authorName).ideas++;
  for (const v of view.votes) row(v.voterId, v.voterName).votes = countedByVoter[v.voterId] ?? 0;
  for (const a of view.actionItems) if (a.ownerId !== null) row(a.ownerId, a.ownerName).actionsOwned++;
  for (const l of view.learnings) if (l.brought.trim() || l.takeAway.trim()) row(l.participantId, l.name).learning = true;
  return [...rows.values()]
    .filter((r) => r.participantId !== '')
    .sort((a, b) => compareNames(a.name, b.name) || compareStrings(a.participantId, b.participantId));
}

function sectionText(fragment: Y.XmlFragment): string {
  let out = '';
  let previous: TextBlock['type'] | null = null;
  for (const b of fragmentBlocks(fragment)) {
    if (previous !== null) out += previous === 'listItem' && b.type === 'listItem' ? '\n' : '\n\n';
    out += b.type === 'listItem' ? `${'  '.repeat(Math.max(0, b.level - 1))}- ${b.text}` : b.text;
    previous = b.type;
  }
  return out;
}

/** The file name of a summary's export, without extension: its date and title, in plain ASCII. */
export function summaryFileName(summary: Pick<SessionSummary, 'date' | 'title'>): string {
  return `${summary.date}-${summary.title}`.normalize('NFD').replace(/\p{M}/gu, '').replace(/[^A-Za-z0-9-]+/g, '-').slice(0, 80);
}
