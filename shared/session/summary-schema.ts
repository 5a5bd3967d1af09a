// A zod schema of SessionSummary, for code that receives a summary over the network
// (the summary view fetching GET /api/sessions/<id>/summary): parse, then trust.
import { z } from 'zod';
import { ACTION_STATUSES, PHASES, QUESTION_STATUSES } from './types.ts';
import type { SessionSummary } from './summary.ts';

const note = z.object({ text: z.string(), author: z.string(), station: z.string().nullable() });
const question = z.object({
  question: z.string(), askedBy: z.string(), answer: z.string(), status: z.enum(QUESTION_STATUSES),
});

export const SessionSummarySchema = z.object({
  sessionId: z.string(),
  schemaVersion: z.number().int(),
  title: z.string(),
  hostCompany: z.string(),
  hostName: z.string(),
  date: z.string(),
  phase: z.enum(PHASES),
  closedAt: z.number().nullable(),
  clubName: z.string().nullable().optional(),
  presentation: z.object({
    context: z.string(), strategy: z.string(), problem: z.string(), helpWanted: z.string(), helpNotWanted: z.string(),
  }),
  visit: z.object({
    stations: z.array(z.object({ name: z.string(), notes: z.number().int() })),
    observations: z.object({ strength: z.array(note), question: z.array(note), risk: z.array(note), idea: z.array(note) }),
  }),
  questions: z.object({ answered: z.array(question), deferred: z.array(question), open: z.array(question) }),
  brainstorm: z.object({
    ideas: z.number().int(),
    voters: z.number().int(),
    votesCounted: z.number().int(),
    voteBudget: z.number().int(),
    // A summary of a server before rounds were numbered says nothing of them.
    voteRounds: z.number().int().default(0),
    topIdeas: z.array(z.object({
      id: z.string(), text: z.string(), author: z.string(), votes: z.number().int(), rank: z.number().int(), group: z.string().nullable(),
    })),
    groups: z.array(z.object({
      id: z.string(), title: z.string(), votes: z.number().int(), rank: z.number().int(), ideas: z.array(z.string()),
    })),
  }),
  actionPlan: z.array(z.object({
    id: z.string(), text: z.string(), owner: z.string(), due: z.string().nullable(), status: z.enum(ACTION_STATUSES), note: z.string(), fromIdeas: z.array(z.string()),
  })),
  decision: z.string(),
  learnings: z.array(z.object({ name: z.string(), brought: z.string(), takeAway: z.string() })),
  contributions: z.array(z.object({
    participantId: z.string(),
    name: z.string(),
    visitNotes: z.number().int(),
    questions: z.number().int(),
    ideas: z.number().int(),
    votes: z.number().int(),
    actionsOwned: z.number().int(),
    learning: z.boolean(),
  })),
});

/** Validate a summary that came from the network. Throws a ZodError naming the bad field. */
export function parseSessionSummary(data: unknown): SessionSummary {
  return SessionSummarySchema.parse(data);
}
