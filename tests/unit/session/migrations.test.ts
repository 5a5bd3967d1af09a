import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  CURRENT_SCHEMA_VERSION, MIGRATIONS, checkMigrations, getBoardSettings, getMeta, getSchemaVersion, initSessionDocument,
  migrateSessionDocument, roots,
} from '../../../shared/session/index.ts';
import type { Migration } from '../../../shared/session/index.ts';

/** A document as written before versioning: a title and some stickies, no schemaVersion. */
function unversioned(): Y.Doc {
  const doc = new Y.Doc();
  roots(doc).meta.set('title', 'Ancienne séance');
  roots(doc).meta.set('phase', 'brainstorm');
  roots(doc).board.set('voteBudget', 'five');
  return doc;
}

describe('migrations', () => {
  it('are numbered 1..CURRENT_SCHEMA_VERSION with no gap', () => {
    expect(() => checkMigrations(MIGRATIONS, CURRENT_SCHEMA_VERSION)).not.toThrow();
    expect(MIGRATIONS.map((m) => m.version)).toEqual(Array.from({ length: CURRENT_SCHEMA_VERSION }, (_, i) => i + 1));
  });

  it('detect a gap, a duplicate or a missing last migration', () => {
    const m = (version: number): Migration => ({ version, description: '', up: () => {} });
    expect(() => checkMigrations([m(1), m(3)], 3)).toThrow(/index 1 has version 3/);
    expect(() => checkMigrations([m(1), m(1)], 2)).toThrow(/index 1 has version 1/);
    expect(() => checkMigrations([m(1), m(2)], 3)).toThrow(/current schema version is 3/);
  });

  it('bring an unversioned document to the current version, keeping its data', () => {
    const doc = unversioned();
    expect(migrateSessionDocument(doc)).toEqual({ status: 'migrated', from: 0, to: CURRENT_SCHEMA_VERSION });
    expect(getSchemaVersion(doc)).toBe(CURRENT_SCHEMA_VERSION);
    expect(getMeta(doc)).toMatchObject({ title: 'Ancienne séance', phase: 'brainstorm', hostCompany: '' });
    expect(getBoardSettings(doc)).toEqual({ privateWriting: false, voteBudget: 5 });
  });

  it('leave a current document alone, writing nothing', () => {
    const doc = new Y.Doc();
    initSessionDocument(doc, { title: 't', hostCompany: 'c', hostName: 'h', date: 'd' });
    let updates = 0;
    doc.on('update', () => updates++);
    expect(migrateSessionDocument(doc)).toEqual({ status: 'current', version: CURRENT_SCHEMA_VERSION });
    expect(updates).toBe(0);
  });

  it('are idempotent', () => {
    const doc = unversioned();
    migrateSessionDocument(doc);
    const once = Y.encodeStateAsUpdate(doc);
    expect(migrateSessionDocument(doc).status).toBe('current');
    expect(Y.encodeStateAsUpdate(doc)).toEqual(once);
  });

  it('leave a document from a newer release untouched', () => {
    const doc = new Y.Doc();
    roots(doc).meta.set('schemaVersion', CURRENT_SCHEMA_VERSION + 1);
    const before = Y.encodeStateAsUpdate(doc);
    expect(migrateSessionDocument(doc)).toEqual({ status: 'newer', version: CURRENT_SCHEMA_VERSION + 1 });
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('converge when two replicas migrate the same old document concurrently', () => {
    const a = unversioned();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    migrateSessionDocument(a);
    migrateSessionDocument(b);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(roots(a).meta.toJSON()).toEqual(roots(b).meta.toJSON());
    expect(roots(a).board.toJSON()).toEqual({ privateWriting: false, voteBudget: 5, votingOpen: true, hideCounts: false });
    expect(roots(b).board.toJSON()).toEqual(roots(a).board.toJSON());
  });

  it('keep voting open, counts shown, for a version-1 session in the middle of its brainstorm (migration 2)', () => {
    const doc = unversioned();
    migrateSessionDocument(doc, MIGRATIONS.slice(0, 1));
    expect(migrateSessionDocument(doc)).toEqual({ status: 'migrated', from: 1, to: CURRENT_SCHEMA_VERSION });
    expect(roots(doc).board.get('votingOpen')).toBe(true);
    expect(roots(doc).board.get('hideCounts')).toBe(false);
    const early = new Y.Doc();
    initSessionDocument(early, { title: 't', hostCompany: 'c', hostName: 'h', date: '2026-01-01' });
    expect(roots(early).board.get('votingOpen')).toBeUndefined();
  });

  it('leave an empty document (a replica not synced yet) untouched', () => {
    const doc = new Y.Doc();
    expect(migrateSessionDocument(doc)).toEqual({ status: 'empty' });
    expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(new Y.Doc()));
  });

  it('run in order from the stored version, in one transaction', () => {
    const ran: number[] = [];
    const chain: Migration[] = [1, 2, 3].map((version) => ({
      version, description: `v${version}`, up: () => { ran.push(version); },
    }));
    const doc = new Y.Doc();
    roots(doc).meta.set('schemaVersion', 1);
    let updates = 0;
    doc.on('update', () => updates++);
    expect(migrateSessionDocument(doc, chain)).toEqual({ status: 'migrated', from: 1, to: 3 });
    expect(ran).toEqual([2, 3]);
    expect(updates).toBe(1);
    expect(getSchemaVersion(doc)).toBe(3);
  });
});
