// Typed reads of values that came over the network: a wrong type reads as the fallback,
// never as a lie to the type checker.
import * as Y from 'yjs';

type Source = Y.Map<unknown> | Record<string, unknown>;

function get(source: Source, key: string): unknown {
  return source instanceof Y.Map ? source.get(key) : source[key];
}

export function str(source: Source, key: string, fallback = ''): string {
  const v = get(source, key);
  if (typeof v === 'string') return v;
  if (v instanceof Y.Text) return v.toString();
  return fallback;
}

export function strOrNull(source: Source, key: string): string | null {
  const v = get(source, key);
  return typeof v === 'string' ? v : null;
}

export function num(source: Source, key: string, fallback = 0): number {
  const v = get(source, key);
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

export function numOrNull(source: Source, key: string): number | null {
  const v = get(source, key);
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export function bool(source: Source, key: string, fallback = false): boolean {
  const v = get(source, key);
  return typeof v === 'boolean' ? v : fallback;
}

export function oneOf<T extends string>(source: Source, key: string, values: readonly T[], fallback: T): T {
  const v = get(source, key);
  return typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : fallback;
}

export function strArray(source: Source, key: string): string[] {
  const v = get(source, key);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** A plain JSON object stored as a map value, or undefined. */
export function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Y.AbstractType)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Stable order for entities: creation time, then id (ids are unique, so it is total). */
export function byTimeThenId<T extends { readonly id: string }>(time: (t: T) => number): (a: T, b: T) => number {
  return (a, b) => time(a) - time(b) || compareStrings(a.id, b.id);
}

/** Code-unit comparison: the same on every replica, unlike localeCompare. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Order for people's names: accents and case folded, then code units; no locale data, so every replica agrees. */
export function compareNames(a: string, b: string): number {
  return compareStrings(foldName(a), foldName(b)) || compareStrings(a, b);
}

function foldName(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}
