/**
 * The latency floor, measured without load: one client, one command at a time — issue, call next,
 * start, complete — against a running all-in-one demo platform (`npm start`), with the platform
 * process's CPU time over the run. If CPU seconds per command approach the latency, the floor is
 * work done per command (the command and every consumer that reacts to its events), not waiting.
 *
 *   npm run build && npm start &            # the demo platform (MPP_DATA_DIR holds its issuer key)
 *   npx tsx --conditions=@mpp/source bench/probe.ts --cycles 400 --pid "$(pgrep -f 'mpp.mjs start' | head -1)"
 *
 * Writes bench/results/probe-<time>.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadDemoIssuer } from '@mpp/gateway';
import { processCpuMs } from '../packages/cli/src/load/cpu.js';
import { ROOT, stamp } from './scale-platform.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://localhost:8080' },
    mall: { type: 'string', default: 'kendari' },
    counter: { type: 'string', default: 'kendari:1' },
    cycles: { type: 'string', default: '200' },
    pid: { type: 'string', default: '' },
  },
});
const url = values.url!;
const mall = values.mall!;
const counter = values.counter!;
const cycles = Number(values.cycles);
const pid = values.pid ? Number(values.pid) : undefined;

// The demo issuer the gateway trusts (its URL from the discovery document, its key from the data folder, as `mpp load` finds it).
const discovery = (await (await fetch(`${url}/oidc/.well-known/openid-configuration`)).json()) as { issuer: string };
const issuer = await loadDemoIssuer(join(process.env.MPP_DATA_DIR ?? join(ROOT, '.data'), 'demo-issuer.json'), discovery.issuer);
const admin = await issuer.mint({ role: 'mall-admin', mall, subject: 'probe-admin' });
const kiosk = await issuer.mint({ role: 'kiosk', mall, subject: 'probe-kiosk' });

async function call(method: string, path: string, token: string, body?: unknown): Promise<{ ms: number; status: number; json: Record<string, unknown> }> {
  const start = performance.now();
  const res = await fetch(`${url}/api/v1${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
  const text = await res.text();
  return { ms: performance.now() - start, status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
function must(r: { status: number; json: unknown }, what: string): void {
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.json).slice(0, 300)}`);
}

// The counter's officer, the mall open all day (any hour works), a service of the counter's booth without a quota.
const officers = (await call('GET', `/malls/${mall}/officers`, admin)).json.officers as { subject: string; agencyCode: string; counterIds: string[]; active: boolean }[];
const person = officers.find((o) => o.active && o.counterIds.includes(counter));
if (!person) throw new Error(`no active officer of ${counter} on the roster of ${mall}`);
const officer = await issuer.mint({ role: 'officer', mall, agency: person.agencyCode, subject: person.subject });
must(await call('PUT', `/malls/${mall}/hours`, admin, { weeklyHours: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((weekday) => ({ weekday, intervals: [{ open: '00:00', close: '23:59' }] })), specialDays: [] }), 'open all day');
const services = (await call('GET', `/malls/${mall}/services?pageSize=500`, kiosk)).json.services as { id: string; agencyCode: string; dailyQuota?: number }[];
const service = services.find((s) => s.agencyCode === person.agencyCode && !s.dailyQuota);
if (!service) throw new Error(`no unlimited service of ${person.agencyCode}`);
must(await call('POST', `/counters/${counter}/open`, officer, { serviceIds: [service.id] }), 'open the counter');
const current = async (): Promise<string> => ((await call('GET', `/counters/${counter}`, officer)).json.counter as { ticketId: string }).ticketId;
const leftover = await current();
if (leftover) {
  await call('POST', `/tickets/${leftover}/start`, officer, {});
  must(await call('POST', `/tickets/${leftover}/complete`, officer, { outcome: 'done' }), 'complete the ticket left at the counter');
}

const routes = { issue: [] as number[], callNext: [] as number[], start: [] as number[], complete: [] as number[] };
const cpuBefore = pid ? processCpuMs(pid) : undefined;
const t0 = performance.now();
for (let i = 0; i < cycles; i++) {
  const issued = await call('POST', `/malls/${mall}/tickets`, kiosk, { serviceId: service.id, source: 'kiosk' });
  must(issued, 'issue');
  routes.issue.push(issued.ms);
  const called = await call('POST', `/counters/${counter}/call-next`, officer, {});
  must(called, 'call next');
  routes.callNext.push(called.ms);
  const ticketId = await current(); // not timed: a read between commands
  const started = await call('POST', `/tickets/${ticketId}/start`, officer, {});
  must(started, 'start');
  routes.start.push(started.ms);
  const completed = await call('POST', `/tickets/${ticketId}/complete`, officer, { outcome: 'done' });
  must(completed, 'complete');
  routes.complete.push(completed.ms);
}
const wallMs = performance.now() - t0;
const cpuMs = pid && cpuBefore !== undefined ? (processCpuMs(pid) ?? 0) - (cpuBefore ?? 0) : undefined;

const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const summary = Object.fromEntries(Object.entries(routes).map(([k, v]) => [k, { p50: +pct(v, 50).toFixed(1), p90: +pct(v, 90).toFixed(1), p99: +pct(v, 99).toFixed(1), max: +Math.max(...v).toFixed(1) }]));
const requests = cycles * 5; // 4 commands and the counter read
const result = {
  at: new Date().toISOString(),
  url,
  mall,
  counter,
  service: service.id,
  cycles,
  commands: cycles * 4,
  requests,
  wallMs: Math.round(wallMs),
  routesMs: summary,
  ...(cpuMs !== undefined ? { platformCpuMs: Math.round(cpuMs), platformCpuMsPerCommand: +(cpuMs / (cycles * 4)).toFixed(2), platformBusyShare: +(cpuMs / wallMs).toFixed(2) } : {}),
};
await mkdir(join(ROOT, 'bench/results'), { recursive: true });
const out = join(ROOT, `bench/results/probe-${stamp()}.json`);
await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(result, null, 2)}\nwritten ${out}\n`);
