/**
 * A CPU profile of a running Node process over a span, through its inspector (the process runs
 * with `--inspect=127.0.0.1:<port>`), and a summary of the profile: self time by function and by
 * where the code lives (a service, a package, a dependency, Node itself, GC).
 */
import { writeFile } from 'node:fs/promises';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** A Chrome DevTools Protocol session with the inspector at 127.0.0.1:`port`. */
export async function connectInspector(port: number) {
  const list = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  const ws = new WebSocket(list[0]!.webSocketDebuggerUrl);
  await new Promise<void>((resolve, reject) => {
    ws.addEventListener('open', () => resolve(), { once: true });
    ws.addEventListener('error', () => reject(new Error('inspector connection failed')), { once: true });
  });
  let next = 1;
  const waiting = new Map<number, (result: unknown) => void>();
  ws.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) waiting.get(message.id)?.(message.result);
  });
  const send = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve) => {
      const id = next++;
      waiting.set(id, resolve);
      ws.send(JSON.stringify({ id, method, params }));
    });
  return { send, close: () => ws.close() };
}

type Inspector = Awaited<ReturnType<typeof connectInspector>>;

/** Starts sampling (1 ms); `stop()` ends it with the profile. */
export async function inspectorProfiler(inspector: Inspector) {
  await inspector.send('Profiler.enable');
  await inspector.send('Profiler.setSamplingInterval', { interval: 1000 });
  return {
    start: () => inspector.send('Profiler.start'),
    async stop(): Promise<CpuProfile> {
      const { profile } = (await inspector.send('Profiler.stop')) as { profile: CpuProfile };
      return profile;
    },
  };
}

export interface LoopDelay {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly meanMs: number;
}

/** Measures the process's event-loop delay (perf_hooks, 10 ms resolution) from now until `stop()`. */
export async function eventLoopDelay(inspector: Inspector) {
  const evaluate = async (expression: string) => ((await inspector.send('Runtime.evaluate', { expression, returnByValue: true })) as { result: { value: unknown } }).result.value;
  await evaluate("globalThis.__mppScaleLoop ??= process.getBuiltinModule('node:perf_hooks').monitorEventLoopDelay({ resolution: 10 }); globalThis.__mppScaleLoop.reset(); globalThis.__mppScaleLoop.enable(); 1");
  return {
    async stop(): Promise<LoopDelay> {
      const v = (await evaluate('(() => { const h = globalThis.__mppScaleLoop; h.disable(); return { p50: h.percentile(50), p99: h.percentile(99), max: h.max, mean: h.mean }; })()')) as { p50: number; p99: number; max: number; mean: number };
      const ms = (ns: number) => Math.round(ns / 1e5) / 10;
      return { p50Ms: ms(v.p50), p99Ms: ms(v.p99), maxMs: ms(v.max), meanMs: ms(v.mean) };
    },
  };
}

/** Where a frame's code lives: `services/queue`, `packages/eventstore`, `node_modules/pg`, `node:internal`, or a V8 pseudo-frame. */
export function placeOf(frame: CallFrame): string {
  const url = frame.url;
  if (!url) return frame.functionName.startsWith('(') ? frame.functionName : '(native or V8)';
  if (url.startsWith('node:')) return 'node: (Node internals)';
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dependency && !dependency[1]!.startsWith('@mpp/')) return `node_modules/${dependency[1]}`;
  const own = /\/(services|packages)\/([^/]+)\//.exec(url);
  if (own) return `${own[1]}/${own[2]}`;
  return url.replace(/^file:\/\//, '');
}

export interface ProfileSummary {
  readonly sampledMs: number;
  readonly byPlace: { place: string; selfMs: number; share: number }[];
  /** Self time charged to the nearest caller in our code or a dependency (Node internals and native frames go to who called them). */
  readonly byOwner: { place: string; selfMs: number; share: number }[];
  readonly byFunction: { fn: string; place: string; selfMs: number; share: number }[];
}

/** Self time by place and by function (top `top`), from the samples and their time deltas. */
export function summarize(profile: CpuProfile, top = 30): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    // A sample's time is the delta to the next one.
    const dt = (deltas[i + 1] ?? 0) / 1000;
    self.set(samples[i]!, (self.get(samples[i]!) ?? 0) + dt);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const borrowed = (place: string) => place === '(native or V8)' || place === 'node: (Node internals)';
  const ownerOf = (id: number): string => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const place = placeOf(byId.get(at)!.callFrame);
      if (!borrowed(place)) return place === '(root)' ? placeOf(byId.get(id)!.callFrame) : place;
    }
    return placeOf(byId.get(id)!.callFrame);
  };
  const owners = new Map<string, number>();
  const places = new Map<string, number>();
  const fns = new Map<string, { place: string; ms: number }>();
  for (const [id, ms] of self) {
    const node = byId.get(id)!;
    const place = placeOf(node.callFrame);
    places.set(place, (places.get(place) ?? 0) + ms);
    const owner = ownerOf(id);
    owners.set(owner, (owners.get(owner) ?? 0) + ms);
    const file = node.callFrame.url.split('/').slice(-2).join('/');
    const key = `${node.callFrame.functionName || '(anonymous)'} ${file ? `${file}:${node.callFrame.lineNumber + 1}` : ''}`.trim();
    const f = fns.get(key) ?? { place, ms: 0 };
    f.ms += ms;
    fns.set(key, f);
  }
  const share = (ms: number) => Math.round((ms / total) * 1000) / 10;
  return {
    sampledMs: Math.round(total),
    byPlace: [...places.entries()].sort((a, b) => b[1] - a[1]).map(([place, ms]) => ({ place, selfMs: Math.round(ms), share: share(ms) })),
    byOwner: [...owners.entries()].sort((a, b) => b[1] - a[1]).map(([place, ms]) => ({ place, selfMs: Math.round(ms), share: share(ms) })),
    byFunction: [...fns.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, top).map(([fn, f]) => ({ fn, place: f.place, selfMs: Math.round(f.ms), share: share(f.ms) })),
  };
}

export async function saveProfile(file: string, profile: CpuProfile): Promise<void> {
  await writeFile(file, JSON.stringify(profile));
}

// `tsx bench/scale-profile.ts <file.cpuprofile> [out.json]`: the summary of a saved profile.
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const { readFile } = await import('node:fs/promises');
  const file = process.argv[2];
  if (!file) throw new Error('usage: tsx bench/scale-profile.ts <file.cpuprofile> [out.json]');
  const summary = summarize(JSON.parse(await readFile(file, 'utf8')) as CpuProfile);
  const text = `${JSON.stringify({ profile: file, ...summary }, null, 2)}\n`;
  if (process.argv[3]) await writeFile(process.argv[3], text);
  else process.stdout.write(text);
}
