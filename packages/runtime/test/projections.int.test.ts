import type { ProjectionDefinition } from '@mpp/eventstore';
import { createLogger } from '@mpp/telemetry';
import type { TestDatabase } from '@mpp/testing';
import { testDatabase } from '@mpp/testing/fixtures';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumerFactory, startProjections } from '../src/projections.js';

// Replicas of a service started together on an empty schema (a Deployment scaled to 2, a KEDA
// scale-out) each prepare the same projection tables: they must not race (PostgreSQL refuses two
// concurrent `create table if not exists` of one name with a duplicate key on pg_type).

let db: TestDatabase;
beforeAll(async () => {
  db = await testDatabase('mpp_runtime_proj');
});
afterAll(async () => {
  await db?.drop();
});

const definition = (name: string): ProjectionDefinition => ({
  name,
  tables: ['a', 'b', 'c'].map((t) => `${name}_${t}`),
  async setup(tx, tables) {
    for (const table of Object.values(tables)) await tx.query(`create table if not exists ${table} (id text primary key, n integer not null default 0)`);
  },
  async apply() {},
});

describe('startProjections', () => {
  it('prepares the same projections from several replicas starting at once', async () => {
    const schema = 'proj_race';
    const specs = ['one', 'two', 'three', 'four'].map((name) => ({ definition: definition(name), sources: [] as string[] }));
    const log = createLogger({ service: 'test', level: 'silent' });
    const replicas = Array.from({ length: 4 }, () => new pg.Pool({ connectionString: db.url, max: 3, options: `-c search_path=${schema}` }));
    await replicas[0]!.query(`create schema if not exists ${schema}`);
    try {
      const started = await Promise.allSettled(replicas.map((pool) => startProjections({ schema, db: pool, specs, consumers: consumerFactory({ schema, db: pool, kafkaBrokers: [] }), log })));
      expect(started.filter((s) => s.status === 'rejected').map((s) => String((s as PromiseRejectedResult).reason))).toEqual([]);
      for (const s of started) if (s.status === 'fulfilled') await s.value.stop();
      const { rows } = await replicas[0]!.query<{ projection: string; live: number }>(`select projection, live from ${schema}.projection_versions order by projection`);
      expect(rows).toEqual(['four', 'one', 'three', 'two'].map((projection) => ({ projection, live: 1 })));
    } finally {
      await Promise.all(replicas.map((p) => p.end()));
    }
  });
});
