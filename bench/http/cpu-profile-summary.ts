interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

import { areaOf } from './profile-areas';

const IDLE = new Set(['(idle)', '(program)', '(garbage collector)']);

function where({ url, lineNumber }: CallFrame): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const own = /dist\/(.*)$/.exec(url);
  if (own) return `${own[1]}:${lineNumber + 1}`;
  return url.replace(/^node:/, '') || 'native';
}

const nameOf = (frame: CallFrame) => `${frame.functionName || '(anonymous)'} ${where(frame)}`;

/**
 * Prints, in µs per request: time by area of the ledger, self time by package and by function, and
 * inclusive time by function. Samples are wall-clock time while the thread runs, so on a busy machine they
 * add up to more than the thread's CPU time: compare areas by their share.
 */
export function summariseProfile(profile: CpuProfile, requests: number, top = 35): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });

  const self = new Map<string, number>();
  const pkg = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const areas = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)') {
      idle += us;
      continue;
    }
    // The profiler's own work (stopping it serialises the whole profile) is not the server's.
    if (frame.url.startsWith('node:inspector')) continue;
    busy += us;
    self.set(nameOf(frame), (self.get(nameOf(frame)) ?? 0) + us);
    const p = IDLE.has(frame.functionName) ? frame.functionName : where(frame).replace(/:\d+$/, '');
    pkg.set(p, (pkg.get(p) ?? 0) + us);
    const stack: CallFrame[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at))
      stack.unshift(byId.get(at)!.callFrame);
    const area = areaOf(stack);
    areas.set(area, (areas.get(area) ?? 0) + us);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = nameOf(byId.get(at)!.callFrame);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + us);
    }
  }
  const per = (us: number) => (us / requests).toFixed(1).padStart(8);
  const print = (title: string, table: Map<string, number>, n = top) => {
    console.log(`\n${title} (µs per request)`);
    for (const [name, us] of [...table].sort((a, b) => b[1] - a[1]).slice(0, n))
      console.log(`${per(us)}  ${name}`);
  };
  console.log(`main thread: busy ${per(busy)} µs/request, idle ${per(idle)} µs/request`);
  print('by area of the ledger', areas, 20);
  print('self time by package or file', pkg, 25);
  print('self time by function', self);
  print('inclusive time by function', inclusive, 60);
}
