/**
 * The y-websocket wire format: each binary frame is one message, a varuint type followed
 * by its payload. The constants mirror y-websocket's own so its provider connects as is.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

export const MessageType = { Sync: 0, Awareness: 1, Auth: 2, QueryAwareness: 3 } as const;
export const SyncType = { Step1: 0, Step2: 1, Update: 2 } as const;
/** y-protocols/auth: a permission-denied message carries a human-readable reason. */
const AuthPermissionDenied = 0;

/** A frame as read off the wire: only the parts the server acts on. */
export type IncomingMessage =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  | { kind: 'sync-step2'; update: Uint8Array }
  | { kind: 'sync-update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' }
  | { kind: 'auth' };

export class MalformedMessageError extends Error {
  override name = 'MalformedMessageError';
}

/** Reads one frame; throws MalformedMessageError on anything that is not a known message. */
export function readMessage(frame: Uint8Array): IncomingMessage {
  try {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.Sync: {
        const syncType = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (syncType === SyncType.Step1) return { kind: 'sync-step1', stateVector: payload };
        if (syncType === SyncType.Step2) return { kind: 'sync-step2', update: payload };
        if (syncType === SyncType.Update) return { kind: 'sync-update', update: payload };
        throw new MalformedMessageError(`unknown sync message type ${syncType}`);
      }
      case MessageType.Awareness:
        return { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
      case MessageType.QueryAwareness:
        return { kind: 'query-awareness' };
      case MessageType.Auth:
        return { kind: 'auth' };
      default:
        throw new MalformedMessageError(`unknown message type ${type}`);
    }
  } catch (err) {
    if (err instanceof MalformedMessageError) throw err;
    // lib0 throws plain errors ("Unexpected end of array", "Integer out of Range").
    throw new MalformedMessageError(`truncated or invalid frame: ${(err as Error).message}`);
  }
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export function syncStep1Frame(stateVector: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, SyncType.Step1);
    encoding.writeVarUint8Array(e, stateVector);
  });
}

export function syncStep2Frame(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, SyncType.Step2);
    encoding.writeVarUint8Array(e, update);
  });
}

export function updateFrame(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, SyncType.Update);
    encoding.writeVarUint8Array(e, update);
  });
}

/** Asks for the awareness states the receiver holds (sent on the bus by an instance that just loaded a room). */
export function queryAwarenessFrame(): Uint8Array {
  return frame((e) => encoding.writeVarUint(e, MessageType.QueryAwareness));
}

export function awarenessFrame(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.Awareness);
    encoding.writeVarUint8Array(e, update);
  });
}

export function permissionDeniedFrame(reason: string): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.Auth);
    encoding.writeVarUint(e, AuthPermissionDenied);
    encoding.writeVarString(e, reason);
  });
}

/**
 * The encoded state vector of a client that has both `encoded` (what it said it has) and
 * `known` (what we sent it since): each client's clock, the larger of the two. Throws
 * MalformedMessageError when `encoded` is not a state vector.
 */
export function mergeStateVectors(encoded: Uint8Array, known: ReadonlyMap<number, number>): Uint8Array {
  let said: Map<number, number>;
  try {
    said = Y.decodeStateVector(encoded);
  } catch (err) {
    throw new MalformedMessageError(`invalid state vector: ${(err as Error).message}`);
  }
  for (const [client, clock] of known) if (clock > (said.get(client) ?? 0)) said.set(client, clock);
  return Y.encodeStateVector(said);
}

/** The encoding of an empty state vector: a client that has nothing yet. */
export function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.byteLength === 1 && stateVector[0] === 0;
}
