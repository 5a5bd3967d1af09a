/** The ways one hostile member floods a session (bench/soak/flooder.ts), as issue 10 tried them. */
export const FLOOD_MODES = ['updates', 'large', 'replay', 'awareness', 'sockets', 'hands'] as const;
export type FloodMode = (typeof FLOOD_MODES)[number];

export const FLOOD_WORDS: Record<FloodMode, string> = {
  updates: 'small distinct updates at full speed',
  large: 'distinct ~900 KB updates',
  replay: 'one ~900 KB update replayed',
  awareness: '60 KB awareness states non-stop',
  sockets: '2,000 websockets on one credential',
  hands: '300 Socket.IO sockets raising hands',
};

export interface FloodTarget {
  http: string;
  ws: string;
  sessionId: string;
  /** The flooder's personal credential (a member of the session). */
  credential: string;
  participantId: string;
}

/** Notes the other session writes for each second of a flood, 100 ms apart (run.ts). */
export const NOTES_PER_SECOND = 10;
