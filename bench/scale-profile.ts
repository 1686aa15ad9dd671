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
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** Connects to the inspector at 127.0.0.1:`port`; `start()` begins sampling, `stop()` ends it with the profile. */
export async function inspectorProfiler(port: number) {
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
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: 1000 });
  return {
    start: () => send('Profiler.start'),
    async stop(): Promise<CpuProfile> {
      const { profile } = (await send('Profiler.stop')) as { profile: CpuProfile };
      ws.close();
      return profile;
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
  const places = new Map<string, number>();
  const fns = new Map<string, { place: string; ms: number }>();
  for (const [id, ms] of self) {
    const node = byId.get(id)!;
    const place = placeOf(node.callFrame);
    places.set(place, (places.get(place) ?? 0) + ms);
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
    byFunction: [...fns.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, top).map(([fn, f]) => ({ fn, place: f.place, selfMs: Math.round(f.ms), share: share(f.ms) })),
  };
}

export async function saveProfile(file: string, profile: CpuProfile): Promise<void> {
  await writeFile(file, JSON.stringify(profile));
}
