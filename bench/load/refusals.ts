/**
 * Every permission-denied message the server sent to a load client of this process, whoever
 * the client was and whenever it came (clients closed since included). The load writes only
 * what the session rules allow, so Entraide must refuse none of it: its `rule: ...` refusals
 * would come with a server-made undo, and the figures would time refused writes plus that
 * undo. The other servers never refuse (Hocuspocus would only on a bad token). Each scenario
 * reports the count and fails when it is not zero (scenarios/context.ts `checkRefusals`).
 */

export interface RefusalTally {
  /** Permission-denied messages received, of any kind. */
  total: number;
  /** Of those, the session rules' (`rule: <reason>: ...`, shared/protocol.ts WriteRefusal.Rule). */
  rule: number;
  /** The first few reasons, with the client that got each. */
  samples: string[];
}

const tally: RefusalTally = { total: 0, rule: 0, samples: [] };

export function noteRefusal(clientId: number, reason: string): void {
  tally.total++;
  if (reason.startsWith('rule:')) tally.rule++;
  if (tally.samples.length < 5) tally.samples.push(`client ${clientId}: ${reason}`);
}

export function refusals(): RefusalTally {
  return { total: tally.total, rule: tally.rule, samples: [...tally.samples] };
}
