import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { MalformedMessageError } from '../../../server/sync/messages.ts';
import { RoomAwareness } from '../../../server/sync/RoomAwareness.ts';

type Entry = [id: number, clock: number, state: object | null];

function update(entries: Entry[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const [id, clock, state] of entries) {
    encoding.writeVarUint(e, id);
    encoding.writeVarUint(e, clock);
    encoding.writeVarString(e, JSON.stringify(state));
  }
  return encoding.toUint8Array(e);
}

function entries(u: Uint8Array): Entry[] {
  const d = decoding.createDecoder(u);
  const n = decoding.readVarUint(d);
  const out: Entry[] = [];
  for (let i = 0; i < n; i++) out.push([decoding.readVarUint(d), decoding.readVarUint(d), JSON.parse(decoding.readVarString(d)) as object | null]);
  return out;
}

const alice = { name: 'alice' };
const bob = { name: 'bob' };
const bus = Symbol('bus');

describe('RoomAwareness', () => {
  it('applies a new state and relays it as it came', () => {
    const room = new RoomAwareness();
    const a = {};
    const msg = update([[1, 1, { user: alice }]]);
    expect(room.receive(a, msg)?.update).toBe(msg);
    expect(room.stateOf(1)).toEqual({ user: alice });
    expect([...room.ownedBy(a)]).toEqual([1]);
  });

  it('absorbs echoes of states it holds, however many ids they carry', () => {
    const room = new RoomAwareness({ maxClientsPerConnection: 1 });
    const owners = Array.from({ length: 30 }, () => ({}));
    owners.forEach((o, i) => room.receive(o, update([[i + 1, 1, { user: { name: `m${i}` } }]])));
    // A newcomer's provider echoes everyone it was sent, then announces itself.
    const newcomer = {};
    const echo = update(owners.map((_, i) => [i + 1, 1, { user: { name: `m${i}` } }] as Entry));
    expect(room.receive(newcomer, echo)).toBeNull();
    expect(room.receive(newcomer, update([[99, 1, { user: bob }]]))).not.toBeNull();
    expect([...room.ownedBy(newcomer)]).toEqual([99]);
  });

  it('relays only the entries that changed, re-encoded', () => {
    const room = new RoomAwareness();
    const a = {};
    const b = {};
    room.receive(a, update([[1, 1, { user: alice }]]));
    const change = room.receive(b, update([[1, 1, { user: alice }], [2, 1, { user: bob }]]));
    expect(entries(change!.update)).toEqual([[2, 1, { user: bob }]]);
  });

  it('lets nobody speak for an id another connection owns: newer state, removal or rename', () => {
    const room = new RoomAwareness();
    const a = {};
    const mallory = {};
    room.receive(a, update([[1, 1, { user: alice }]]));
    expect(room.receive(mallory, update([[1, 5, { user: { name: 'Mallory' } }]]))).toBeNull();
    expect(room.receive(mallory, update([[1, 6, null]]))).toBeNull();
    expect(room.stateOf(1)).toEqual({ user: alice });
    expect(room.ownedBy(mallory).size).toBe(0);
  });

  it('counts only owned ids against the limit, and refuses a connection past it', () => {
    const room = new RoomAwareness({ maxClientsPerConnection: 2 });
    const c = {};
    room.receive(c, update([[1, 1, {}], [2, 1, {}]]));
    expect(() => room.receive(c, update([[3, 1, {}]]))).toThrow(MalformedMessageError);
    // Its own ids, renewed, are fine.
    expect(room.receive(c, update([[1, 2, {}], [2, 2, {}]]))).not.toBeNull();
  });

  it('removes what a connection owned when it leaves, and an echo of the removed state does not bring it back', () => {
    const room = new RoomAwareness();
    const a = {};
    const b = {};
    room.receive(a, update([[1, 3, { user: alice }]]));
    expect(entries(room.leave(a)!.update)).toEqual([[1, 3, null]]);
    expect(room.snapshot()).toBeNull();
    expect(room.receive(b, update([[1, 3, { user: alice }]]))).toBeNull();
    expect(room.receive(b, update([[1, 3, null]]))).toBeNull();
    // The same tab, back with a newer clock, is welcome.
    expect(room.receive(b, update([[1, 4, { user: alice }]]))).not.toBeNull();
  });

  it('a removal releases the id: its owner may announce it again', () => {
    const room = new RoomAwareness({ maxClientsPerConnection: 1 });
    const a = {};
    room.receive(a, update([[1, 1, {}]]));
    expect(room.receive(a, update([[1, 2, null]]))).not.toBeNull();
    expect(room.ownedBy(a).size).toBe(0);
    expect(room.receive(a, update([[2, 1, {}]]))).not.toBeNull();
  });

  it('takes entries from the bus, but never over an id a local connection owns', () => {
    const room = new RoomAwareness();
    const local = {};
    room.receive(local, update([[1, 1, { user: alice }]]));
    expect(room.receiveFromBus(bus, update([[1, 9, { user: { name: 'x' } }]]))).toBeNull();
    expect(room.receiveFromBus(bus, update([[2, 1, { user: bob }]]))).not.toBeNull();
    // ...and a local connection cannot speak for what another instance owns.
    expect(room.receive(local, update([[2, 2, null]]))).toBeNull();
    expect(room.stateOf(2)).toEqual({ user: bob });
  });

  it('sweeps states not renewed in time, and later forgets the removal', () => {
    const room = new RoomAwareness({ outdatedMs: 1000 });
    const a = {};
    room.receive(a, update([[1, 1, {}]]), 0);
    expect(room.sweep(500)).toBeNull();
    expect(entries(room.sweep(1000)!.update)).toEqual([[1, 1, null]]);
    expect(room.ownedBy(a).size).toBe(0);
  });

  it('lets the same person take over an id from a socket not yet known to be gone', () => {
    const room = new RoomAwareness({ mayTakeOver: (claimant, owner) => (claimant as { who: string }).who === (owner as { who: string }).who });
    const oldTab = { who: 'p1' };
    const sameTab = { who: 'p1' };
    const other = { who: 'p2' };
    room.receive(oldTab, update([[1, 1, { user: alice }]]));
    expect(room.receive(other, update([[1, 2, { user: bob }]]))).toBeNull();
    expect(room.receive(sameTab, update([[1, 2, { user: alice }]]))).not.toBeNull();
    expect(room.leave(oldTab)).toBeNull();
    expect(room.stateOf(1)).toEqual({ user: alice });
  });

  it('refuses malformed and oversized messages', () => {
    const room = new RoomAwareness({ maxMessageBytes: 100 });
    expect(() => room.receive({}, Uint8Array.from([1, 3, 1, 200, 1]))).toThrow(MalformedMessageError);
    expect(() => room.receive({}, update([[1, 1, { name: 'x'.repeat(200) }]]))).toThrow(MalformedMessageError);
    const notJson = encoding.createEncoder();
    encoding.writeVarUint(notJson, 1);
    encoding.writeVarUint(notJson, 1);
    encoding.writeVarUint(notJson, 1);
    encoding.writeVarString(notJson, '{nope');
    expect(() => room.receive({}, encoding.toUint8Array(notJson))).toThrow(MalformedMessageError);
  });
});
