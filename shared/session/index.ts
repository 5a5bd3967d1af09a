// Public API of the session document: import from 'shared/session/index.ts' only.
// Stable from its first commit: names are added, never renamed.

export type {
  Phase, Role, Person, Actor, CreateOptions, SessionMeta, NewSessionMeta, PhaseChange, Facilitator, Participant,
  PresentationSection, VisitStation, NoteKind, VisitNote, QuestionStatus, Question, StickyColor, Sticky, Group,
  Vote, BoardSettings, ActionStatus, ActionItem, Learning, SessionView,
} from './types.ts';
export {
  PHASES, ROLES, PRESENTATION_SECTIONS, NOTE_KINDS, QUESTION_STATUSES, STICKY_COLORS, ACTION_STATUSES,
} from './types.ts';

// Roots and schema version
export type { SessionRoots } from './schema.ts';
export { ROOT, CURRENT_SCHEMA_VERSION, roots, presentationRootName } from './schema.ts';
export type { Migration, MigrationResult } from './migrations.ts';
export { MIGRATIONS, migrateSessionDocument, checkMigrations, getSchemaVersion } from './migrations.ts';

// Meta, phase, facilitators, participants
export {
  DEFAULT_VOTE_BUDGET, initSessionDocument, getMeta, updateMeta, getPhase, setPhase, getPhaseHistory,
  grantFacilitator, revokeFacilitator, getFacilitators, isFacilitator, registerParticipant, getParticipants,
} from './meta.ts';

// Rules
export type { RuleActor, RuleState, ActionRequest, ActionKind, DenyReason, Decision } from './phases.ts';
export {
  can, canSetPhase, allowedPhaseMoves, ruleStateOf, isHostOrFacilitator, phaseIndex, nextPhase, phasesAllowing,
} from './phases.ts';

// Présentation
export type { TextBlock } from './presentation.ts';
export {
  getPresentationFragment, getShownSection, setShownSection, fragmentBlocks, fragmentPlainText, setSectionParagraphs,
} from './presentation.ts';

// Visite
export type { NewVisitNote } from './visit.ts';
export {
  addStation, updateStation, removeStation, getStations, addVisitNote, updateVisitNote, removeVisitNote, getVisitNotes,
} from './visit.ts';

// Questions
export { askQuestion, answerQuestion, setQuestionStatus, editQuestion, removeQuestion, getQuestions } from './questions.ts';

// Board
export type { NewSticky, StickyCopy } from './board.ts';
export {
  getBoardSettings, setPrivateWriting, reveal, setVoteBudget, addSticky, getStickyText, setStickyText, moveSticky,
  setStickyColor, setStickyGroup, deleteSticky, copySticky, restoreSticky, createGroup, renameGroup, deleteGroup, getGroups, getSticky,
  getStickies, isStickyVisibleTo,
} from './board.ts';

// Votes
export type { Tally, RankedSticky, RankedGroup, HiddenVoteProgress, ResultVotes } from './votes.ts';
export {
  getVotes, castVote, retractVote, tallyVotes, tally, roundTally, resultVotes, roundsWithPoints, votesUsedBy, rankStickies, rankGroups,
  rankedStickies, rankedGroups, voteHome, ownTally, countVotesBy, votesCountedFor, isVoteTarget, moveHiddenVotes, clearPrivateVotes,
  setHiddenVoteProgress, getHiddenVoteProgress, voterCount,
} from './votes.ts';

// Synthèse
export type { NewActionItem, LearningField } from './synthesis.ts';
export {
  addActionItem, updateActionItem, removeActionItem, getActionItems, getDecisionText, getDecision, setDecision,
  setLearning, getLearnings,
} from './synthesis.ts';

// Whole document, summary
export { getSession } from './view.ts';
export type {
  SessionSummary, SummaryNote, SummaryQuestion, SummaryIdea, SummaryGroup, SummaryAction, SummaryLearning, Contribution,
} from './summary.ts';
export { buildSummary, summaryFileName } from './summary.ts';
export type { Lang } from './markdown.ts';
export { renderSummaryMarkdown } from './markdown.ts';
export { replaceText } from './text.ts';
export { newId } from './ids.ts';

// Added after the first commit
export type { RootName } from './observe.ts';
export { observeRoots, onDocumentChange } from './observe.ts';
export { parseSessionSummary } from './summary-schema.ts';
export { ruleStateFromView } from './phases.ts';
export { getFollowUpRound, setFollowUpRound } from './followup.ts';
export { getClosingRound, setClosingRound, showLearningsOf } from './closing.ts';
export type { ClosingRound } from './closing.ts';
export type { Point, Rect, PlacedSticky, Moves, TidyInput } from './layout.ts';
export {
  STICKY_W, STICKY_H, GAP, ROOM_SCREEN_BOARD, roomScreenBoard, FRAME_PAD, overlaps, stickyRect, frameAround, groupFrames, findFreeSpot,
  placeNewSticky, placeInGroup, settle, unstackInGroup, tidyLayout, misplacedStickies,
} from './layout.ts';
export { TIDY_ORIGIN, addStickyNear, groupSticky, dropSticky, tidyBoard, tidiedMoves } from './board-layout.ts';
export type { SummaryStrings } from './strings.ts';
export { STRINGS, longDate } from './strings.ts';
export { formatLongDate, formatLongDay, frenchPlace, ofName, queName, sharedRanks, topWithTies, tiedBeyond, rankLabel, tiedWord } from './wording.ts';

// Facilitation (issue 12): timer, focus, floor, join panel, voting rounds, question support
export type { PhaseTimer, Focus, FocusBox, FocusKind, FocusTarget, RaisedHand, Speaker } from './facilitation.ts';
export {
  activeFocus, getTimer, timerRemaining, startTimer, pauseTimer, addTime, getFocus, setFocus, getRaisedHands, raiseHand,
  lowerHand, getSpeaker, giveFloor, endFloor, isJoinPanelShown, setJoinPanel, joinPanelSetting, getOffScreenNotes, setNoteOnScreen,
} from './facilitation.ts';
export type { VoteTarget, VotingSettings } from './voting.ts';
export {
  getVotingSettings, roundNumber, setVotingOpen, setHideCounts, setVoteTarget, setAnonymousBoard, countsVisible,
} from './voting.ts';
export { supportQuestion, withdrawSupport, getQuestionSupport, questionQueue } from './questions.ts';
export { inRegion, isCalendarDate, onlyRemovals, readDeletedEntry, reviewPrivateTransaction, reviewTransaction, rootNameOf, type PrivateRules, type RefusedChange } from './changes.ts';
export { RULE_WORDS } from './refusals.ts';
export { STICKIES_PER_PERSON, TEXT_MAX } from './limits.ts';

// The host's notebook (issue 12): his verdicts and notes on the ideas, in a document of his own
export type { NotebookEntry, NotebookVerdict } from './notebook.ts';
export {
  NOTEBOOK_VERDICTS, notebookRoomName, setNotebookVerdict, setNotebookNote, getNotebookEntry, getNotebook, keptIdeas,
} from './notebook.ts';

// One group a title: a group created under another's title is that one; groups of one title
// created at once are merged by the server (group-merge.ts)
export { findGroupByTitle, groupTitled, liveGroupId, MERGED_GROUP_PREFIX } from './board.ts';
export { currentTarget } from './votes.ts';
export type { GroupMerge } from './group-merge.ts';
export { mergeGroupsOfOneTitle } from './group-merge.ts';

// Private writing (issue 9): each author's private document, the reveal, the progress count
export type { PrivateOwner, PrivateProgress } from './private.ts';
export {
  privateRoomName, getPrivateStickies, getPrivateSticky, countPrivateStickies, revealPrivateStickies,
  clearPrivateStickies, setPrivateProgress, getPrivateProgress,
} from './private.ts';
