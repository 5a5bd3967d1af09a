import type { z } from 'zod';

/**
 * `title: required; date: must be YYYY-MM-DD`: every bad field named, for the sender.
 * Used wherever input crosses a boundary (HTTP bodies, the environment, socket events),
 * so it lives with none of them.
 */
export function describeIssues(error: z.ZodError, whole = 'body'): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : whole}: ${i.message}`).join('; ');
}
