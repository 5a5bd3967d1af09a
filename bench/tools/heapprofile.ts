/**
 * Summarizes a V8 sampling heap profile (`BENCH_ALLOC_PROF_DIR=DIR npm run bench -- --only
 * scenario1`): the functions that allocate the most bytes themselves, and the bytes allocated
 * under every frame whose name matches a filter. With the collected objects included, as the
 * bench samples them, it says what makes the garbage, not only what stays.
 *
 *   node bench/tools/heapprofile.ts FILE [--top 25] [--match Room,sqlite]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface AllocationNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: AllocationNode[];
}
interface AllocationProfile {
  head: AllocationNode;
}

function option(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

function frameName(node: AllocationNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url ? path.basename(url.replace(/^file:\/\//, '')) : '';
  return `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}` : ''}`;
}

/** Bytes by frame name: allocated by the frame itself, and under it (each frame counted once per path). */
export function summarize(profile: AllocationProfile): { self: Map<string, number>; total: Map<string, number>; all: number } {
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  const walk = (node: AllocationNode, onPath: Set<string>): number => {
    const name = frameName(node);
    let bytes = node.selfSize;
    self.set(name, (self.get(name) ?? 0) + node.selfSize);
    all += node.selfSize;
    const first = !onPath.has(name);
    if (first) onPath.add(name);
    for (const child of node.children) bytes += walk(child, onPath);
    if (first) {
      onPath.delete(name);
      total.set(name, (total.get(name) ?? 0) + bytes);
    }
    return bytes;
  };
  walk(profile.head, new Set());
  return { self, total, all };
}

if (import.meta.main || process.argv[1] === import.meta.filename) {
  const [file, ...rest] = process.argv.slice(2);
  if (file === undefined) throw new Error('usage: heapprofile.ts FILE [--top N] [--match a,b]');
  const top = Number(option(rest, '--top') ?? 25);
  const matches = (option(rest, '--match') ?? '').split(',').filter(Boolean);
  const { self, total, all } = summarize(JSON.parse(readFileSync(file, 'utf8')) as AllocationProfile);
  const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1).padStart(7)} MB ${((100 * n) / all).toFixed(1).padStart(5)} %`;
  console.log(`${mb(all)}  allocated in all (sampled)`);
  console.log('\nallocated by the function itself:');
  for (const [name, bytes] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${mb(bytes)}  ${name}`);
  if (matches.length > 0) {
    console.log('\nallocated under frames matching the filter:');
    const hits = [...total].filter(([name]) => matches.some((m) => name.includes(m)));
    for (const [name, bytes] of hits.sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${mb(bytes)}  ${name}`);
  }
}
