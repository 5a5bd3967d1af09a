/**
 * One hostile member, in a process of its own so that its work does not slow the
 * measuring side (bench/soak/run.ts): it floods one session in one way until killed.
 *
 *   node bench/soak/flooder.ts <mode> <json of FloodTarget>
 *
 * Every mode reconnects as soon as it is closed, as a script would. It prints `flooding` once
 * its first socket is open, and one JSON line of counts when it receives SIGTERM.
 */
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { addVisitNote } from '../../shared/session/visit.ts';

import { FLOOD_MODES, type FloodMode, type FloodTarget } from './modes.ts';

const counts = { sent: 0, opened: 0, closes: {} as Record<string, number>, connectErrors: 0 };

let flooding = false;
/** Says once, on stdout, that the flood has begun: its first socket is open. */
function floodBegins(): void {
  if (flooding) return;
  flooding = true;
  process.stdout.write('flooding\n');
}

function updateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
}

/** A raw socket that reopens when closed and calls `flood` while open. */
function persistent(url: string, flood: (ws: WebSocket) => void): void {
  const open = (): void => {
    const ws = new WebSocket(url);
    ws.on('open', () => {
      counts.opened++;
      floodBegins();
      flood(ws);
    });
    ws.on('message', () => {});
    ws.on('error', () => {});
    ws.on('close', (code) => {
      counts.closes[code] = (counts.closes[code] ?? 0) + 1;
      setTimeout(open, 5);
    });
  };
  open();
}

/** Sends `next()` as fast as the socket drains, without queueing more than `highWater` bytes. */
function pump(ws: WebSocket, next: () => Uint8Array, highWater = 4 << 20): void {
  const loop = (): void => {
    while (ws.readyState === WebSocket.OPEN && ws.bufferedAmount < highWater) {
      ws.send(next());
      counts.sent++;
    }
    if (ws.readyState === WebSocket.OPEN) setImmediate(loop);
  };
  loop();
}

/** Visit notes in the flooder's own name: what the rules allow, so the server stores them. */
function notesUpdate(target: FloodTarget, count: number, chars: number, salt: number): Uint8Array {
  const doc = new Y.Doc();
  const me = { participantId: target.participantId, name: 'Flooder' };
  doc.transact(() => {
    for (let i = 0; i < count; i++) addVisitNote(doc, me, { stationId: null, kind: 'idea', text: `${salt}-${i} ${'x'.repeat(chars)}` });
  });
  return Y.encodeStateAsUpdate(doc);
}

function run(mode: FloodMode, target: FloodTarget): void {
  const url = `${target.ws}/yjs/${target.sessionId}?token=${encodeURIComponent(target.credential)}`;
  switch (mode) {
    case 'updates': {
      // Tiny distinct updates from one replica, as fast as possible.
      persistent(url, (ws) => {
        const doc = new Y.Doc();
        const me = { participantId: target.participantId, name: 'Flooder' };
        let frame: Uint8Array | null = null;
        doc.on('update', (u: Uint8Array) => (frame = updateFrame(u)));
        pump(ws, () => {
          addVisitNote(doc, me, { stationId: null, kind: 'idea', text: 'x' });
          return frame!;
        });
      });
      return;
    }
    case 'large': {
      // Distinct ~900 KB updates (450 notes of 2,000 characters each).
      let salt = 0;
      persistent(url, (ws) => pump(ws, () => updateFrame(notesUpdate(target, 450, 1990, salt++)), 8 << 20));
      return;
    }
    case 'replay': {
      // The same ~900 KB update again and again.
      const frame = updateFrame(notesUpdate(target, 450, 1990, 0));
      persistent(url, (ws) => pump(ws, () => frame, 8 << 20));
      return;
    }
    case 'awareness': {
      // 60 KB awareness states, non-stop, each with a new clock.
      persistent(url, (ws) => {
        const doc = new Y.Doc();
        const awareness = new awarenessProtocol.Awareness(doc);
        clearInterval(awareness._checkInterval);
        const padding = 'y'.repeat(60_000);
        let n = 0;
        pump(ws, () => {
          awareness.setLocalState({ user: { name: 'Flooder' }, padding, n: n++ });
          const e = encoding.createEncoder();
          encoding.writeVarUint(e, 1);
          encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
          return encoding.toUint8Array(e);
        });
      });
      return;
    }
    case 'sockets': {
      // 2,000 websockets on one credential, each reopened when refused.
      for (let i = 0; i < 2000; i++) persistent(url, () => {});
      return;
    }
    case 'hands': {
      // 300 Socket.IO sockets, raising and lowering hands without pause.
      for (let i = 0; i < 300; i++) {
        const socket = io(target.http, {
          path: '/socket.io/',
          transports: ['websocket'],
          query: { sessionId: target.sessionId, token: target.credential, name: 'Host', view: 'lobby' },
          reconnectionDelay: 5,
          reconnectionDelayMax: 5,
        });
        socket.on('connect_error', () => counts.connectErrors++);
        socket.on('connect', floodBegins);
        let raised = false;
        const timer = setInterval(() => {
          if (!socket.connected) return;
          for (let k = 0; k < 20; k++) {
            raised = !raised;
            socket.emit('facilitate', { kind: 'hand', raised });
            counts.sent++;
          }
        }, 10);
        timer.unref();
      }
      return;
    }
  }
}

const [mode, json] = process.argv.slice(2);
if (!FLOOD_MODES.includes(mode as FloodMode) || !json) {
  console.error(`usage: flooder.ts <${FLOOD_MODES.join('|')}> <target json>`);
  process.exit(2);
}
// Alive until told to stop, even once the server has closed everything it opened.
const alive = setInterval(() => {}, 60_000);
process.on('SIGTERM', () => {
  clearInterval(alive);
  process.stdout.write(`${JSON.stringify(counts)}\n`, () => process.exit(0));
});
run(mode as FloodMode, JSON.parse(json) as FloodTarget);
