/**
 * Summarizes a V8 .cpuprofile (from `npm run bench -- --cpu-prof DIR`): the functions with
 * the most self time, and the inclusive time of every frame whose name matches a filter.
 *
 *   node bench/tools/cpuprofile.ts FILE [--top 25] [--match Room,sqlite]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const [file, ...rest] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: cpuprofile.ts FILE [--top N] [--match a,b]');
const topIndex = rest.indexOf('--top');
const top = topIndex >= 0 ? Number(rest[topIndex + 1]) : 25;
const matchIndex = rest.indexOf('--match');
const matches = matchIndex >= 0 ? (rest[matchIndex + 1] ?? '').split(',') : [];

const callersIndex = rest.indexOf('--callers');
const callersOf = callersIndex >= 0 ? rest[callersIndex + 1] : undefined;

const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const totalUs = profile.endTime - profile.startTime;

const label = (n: Node): string => {
  const where = n.callFrame.url ? `${path.basename(n.callFrame.url)}:${n.callFrame.lineNumber + 1}` : '';
  return `${n.callFrame.functionName || '(anonymous)'} ${where}`.trim();
};

const self = new Map<string, number>();
for (const [id, us] of selfUs) {
  const node = byId.get(id);
  if (node) self.set(label(node), (self.get(label(node)) ?? 0) + us);
}
const idle = [...self].filter(([k]) => k.startsWith('(idle)')).reduce((s, [, v]) => s + v, 0);
const busyUs = totalUs - idle;
console.log(`profile ${(totalUs / 1e6).toFixed(1)} s, busy ${(busyUs / 1e6).toFixed(1)} s (percentages below are of busy time)`);
console.log('\nself time:');
for (const [name, us] of [...self].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / busyUs).toFixed(1).padStart(5)}%  ${name}`);
}

if (matches.length > 0) {
  // Inclusive time: each sample counts once for every distinct matching frame on its stack.
  const inclusive = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const node = byId.get(cur);
      if (!node) break;
      const name = label(node);
      if (!seen.has(name) && matches.some((m) => name.includes(m))) {
        seen.add(name);
        inclusive.set(name, (inclusive.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0));
      }
    }
  });
  console.log('\ninclusive time of matching frames:');
  for (const [name, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / busyUs).toFixed(1).padStart(5)}%  ${name}`);
  }
}

if (matches.length > 0) {
  // Longest uninterrupted stretches inside each matching frame: how long it held the event loop.
  const stretches = new Map<string, number[]>();
  const open = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const onStack = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const node = byId.get(cur);
      if (!node) break;
      const name = label(node);
      if (matches.some((m) => name.includes(m))) onStack.add(name);
    }
    const dt = profile.timeDeltas[i + 1] ?? 0;
    for (const name of onStack) open.set(name, (open.get(name) ?? 0) + dt);
    for (const [name, us] of open) {
      if (!onStack.has(name)) {
        const list = stretches.get(name) ?? [];
        list.push(us);
        stretches.set(name, list);
        open.delete(name);
      }
    }
  });
  console.log('\nlongest single stretches (ms) inside matching frames, and how many exceeded 20 ms:');
  const rows = [...stretches].map(([name, list]) => [name, list.sort((a, b) => b - a)] as const).sort((a, b) => (b[1][0] ?? 0) - (a[1][0] ?? 0));
  for (const [name, list] of rows.slice(0, top)) {
    const longest = list.slice(0, 5).map((us) => (us / 1000).toFixed(0)).join(', ');
    console.log(`${name}: ${longest}; ${list.filter((us) => us > 20_000).length} over 20 ms`);
  }
}

if (callersOf !== undefined) {
  // Self time of a frame, split by the chain of its three nearest callers.
  const chains = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node || !label(node).startsWith(callersOf)) return;
    const chain: string[] = [];
    for (let cur = parent.get(id); cur !== undefined && chain.length < Number(process.env.DEPTH ?? 3); cur = parent.get(cur)) {
      const p = byId.get(cur);
      if (p) chain.push(label(p));
    }
    const key = chain.join(' < ');
    chains.set(key, (chains.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  console.log(`\ncallers of ${callersOf}:`);
  for (const [chain, us] of [...chains].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${(us / 1000).toFixed(0).padStart(8)} ms  ${chain}`);
}

const treeIndex = rest.indexOf('--tree');
const treeOf = treeIndex >= 0 ? rest[treeIndex + 1] : undefined;
if (treeOf !== undefined) {
  // Inclusive time below every frame whose name starts with `treeOf`, as a call tree merged
  // by name (the outermost such frame on a stack counts), to DEPTH levels.
  interface TreeNode {
    us: number;
    children: Map<string, TreeNode>;
  }
  const root: TreeNode = { us: 0, children: new Map() };
  const maxDepth = Number(process.env.DEPTH ?? 4);
  profile.samples.forEach((id, i) => {
    const stack: string[] = [];
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const node = byId.get(cur);
      if (node) stack.push(label(node));
    }
    stack.reverse();
    const start = stack.findIndex((name) => name.startsWith(treeOf));
    if (start < 0) return;
    const dt = profile.timeDeltas[i] ?? 0;
    let at = root;
    at.us += dt;
    for (const name of stack.slice(start + 1, start + 1 + maxDepth)) {
      let next = at.children.get(name);
      if (!next) at.children.set(name, (next = { us: 0, children: new Map() }));
      next.us += dt;
      at = next;
    }
  });
  console.log(`\ncall tree below ${treeOf} (${(root.us / 1000).toFixed(0)} ms):`);
  const print = (node: TreeNode, depth: number): void => {
    for (const [name, child] of [...node.children].sort((a, b) => b[1].us - a[1].us)) {
      if (child.us < 1000) continue;
      console.log(`${'  '.repeat(depth)}${(child.us / 1000).toFixed(0).padStart(6)} ms  ${name}`);
      print(child, depth + 1);
    }
  };
  print(root, 0);
}
