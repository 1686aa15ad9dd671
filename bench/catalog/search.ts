import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { create, fromJson, type JsonObject } from '@bufbuild/protobuf';
import { AgencySchema, EventMetadataSchema, MembershipSchema, ServiceSchema, ServiceStandardSchema } from '@mpp/contracts';
import { catalogEvents, catalogView, createCatalogQueries, demoMall, events, trigramSchema } from '@mpp/catalog';
import { prepareVersion, switchTo, tableNames, type ConsumedEvent } from '@mpp/eventstore';
import type pg from 'pg';

export interface LatencySample {
  readonly queries: number;
  readonly p50: number;
  readonly p99: number;
}

const SCHEMA = 'catalog';

function consumed(type: Parameters<typeof catalogEvents.encode>[0], data: unknown): ConsumedEvent {
  const encoded = catalogEvents.encode(type, data as never);
  return {
    id: randomUUID(),
    type: encoded.type,
    streamId: 'bench',
    version: 1,
    data: encoded.data,
    metadata: create(EventMetadataSchema),
    recordedAt: new Date(),
    origin: { transport: 'log', source: SCHEMA, position: { transactionId: '0', globalPosition: '0' } },
  };
}

/** The catalog view of `malls` demo malls (about 900 services each), filled through the projection's own apply. */
export async function fill(pool: pg.Pool, malls: number): Promise<{ mallIds: string[]; names: string[]; codes: Map<string, string[]> }> {
  await pool.query(`create schema if not exists "${SCHEMA}"`);
  await prepareVersion(pool, SCHEMA, catalogView, 1);
  await switchTo(pool, SCHEMA, catalogView, 1);
  const tables = tableNames(SCHEMA, catalogView, 1);
  const names: string[] = [];
  const codes = new Map<string, string[]>();
  const mallIds: string[] = [];
  const tx = await pool.connect();
  try {
    await tx.query('begin');
    for (let m = 0; m < malls; m++) {
      const doc = demoMall({ mallId: `bench-${m}` });
      const mallId = `bench-${m}`;
      mallIds.push(mallId);
      for (const a of doc.agencies ?? []) {
        const { membership, ...agency } = a as JsonObject;
        const record = create(AgencySchema, { ...fromJson(AgencySchema, agency), memberships: [fromJson(MembershipSchema, membership as JsonObject)] });
        await catalogView.apply(consumed(events.AgencyRegistered, { agency: record }), tx, tables);
      }
      for (const s of doc.services ?? []) {
        const service = fromJson(ServiceSchema, s);
        service.id ||= `${mallId}:${service.code}`;
        await catalogView.apply(consumed(events.ServiceRegistered, { service }), tx, tables);
        if (m === 0) names.push(service.nameId);
        codes.set(mallId, [...(codes.get(mallId) ?? []), service.code]);
      }
      for (const s of doc.standards ?? []) await catalogView.apply(consumed(events.StandardAdopted, { standard: fromJson(ServiceStandardSchema, s) }), tx, tables);
    }
    await tx.query('commit');
  } finally {
    tx.release();
  }
  await pool.query(`analyze ${tables.services}`);
  return { mallIds, names, codes };
}

/** A few words a citizen types: from real names, a third of them misspelt, plus the classics. */
function queriesFrom(names: readonly string[]): string[] {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const typo = (w: string) => (w.length < 5 ? w : `${w.slice(0, 2)}${w[3]}${w[2]}${w.slice(4)}`);
  const out = ['ktp', 'kartu keluarag', 'paspor', 'izin usaha', 'bpjs', 'sim', 'akta kelahiran', 'npwp', 'birth certificate', 'sertifikat tanah'];
  for (let i = 0; i < 40; i++) {
    const words = names[Math.floor(next() * names.length)]!.toLowerCase().split(/\s+/).filter((w) => w.length > 2);
    const picked = words.slice(0, 1 + Math.floor(next() * 2));
    out.push(picked.map((w) => (next() < 0.33 ? typo(w) : w)).join(' '));
  }
  return out;
}

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/**
 * Search latency over ~10,000 services (11 demo malls in one table) against an indexed lookup
 * by code on the same table: one query at a time, sides alternating, after a warm-up.
 */
export async function searchBench(pool: pg.Pool, rounds: number, malls = 11): Promise<{ ours: LatencySample; baseline: LatencySample; services: number }> {
  const { mallIds, names, codes } = await fill(pool, malls);
  const queries = createCatalogQueries(pool, SCHEMA, await trigramSchema(pool));
  const terms = queriesFrom(names);
  const lookup = (mallId: string, code: string) => pool.query(`select data from "${SCHEMA}"."services" where mall_id = $1 and code = $2`, [mallId, code]);
  const ours: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < rounds + 200; i++) {
    const mallId = mallIds[i % mallIds.length]!;
    const mallCodes = codes.get(mallId)!;
    let t = performance.now();
    await queries.search(mallId, terms[i % terms.length]!, 20);
    if (i >= 200) ours.push(performance.now() - t);
    t = performance.now();
    await lookup(mallId, mallCodes[(i * 31) % mallCodes.length]!);
    if (i >= 200) baseline.push(performance.now() - t);
  }
  const sample = (xs: number[]): LatencySample => {
    const sorted = [...xs].sort((a, b) => a - b);
    return { queries: xs.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
  };
  const services = [...codes.values()].reduce((n, c) => n + c.length, 0);
  return { ours: sample(ours), baseline: sample(baseline), services };
}
