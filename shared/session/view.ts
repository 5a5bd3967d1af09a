// The whole session as one plain, typed snapshot.
import type * as Y from 'yjs';
import { getFacilitators, getMeta, getParticipants, getPhaseHistory } from './meta.ts';
import { getShownSection } from './presentation.ts';
import { getStations, getVisitNotes } from './visit.ts';
import { getQuestions } from './questions.ts';
import { getBoardSettings, getGroups, getStickies } from './board.ts';
import { getVotes } from './votes.ts';
import { getVotingSettings } from './voting.ts';
import { getActionItems, getDecision, getLearnings } from './synthesis.ts';
import type { SessionView } from './types.ts';

/**
 * Read the document into plain data. O(size of the document): a view of a large board
 * should read getStickies() alone, or observe the roots it shows.
 */
export function getSession(doc: Y.Doc): SessionView {
  return {
    id: doc.guid,
    meta: getMeta(doc),
    phaseHistory: getPhaseHistory(doc),
    facilitators: getFacilitators(doc),
    participants: getParticipants(doc),
    shownSection: getShownSection(doc),
    stations: getStations(doc),
    visitNotes: getVisitNotes(doc),
    questions: getQuestions(doc),
    board: getBoardSettings(doc),
    voting: getVotingSettings(doc),
    stickies: getStickies(doc),
    groups: getGroups(doc),
    votes: getVotes(doc),
    actionItems: getActionItems(doc),
    decision: getDecision(doc),
    learnings: getLearnings(doc),
  };
}
