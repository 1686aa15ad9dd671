import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, loadConfig } from '@mpp/catalog';
import type { RunningService } from '@mpp/runtime';
import type { TestDatabase } from '@mpp/testing';
import { testDatabase } from '@mpp/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mppDone } from './run-cli.js';

// The built CLI against a running catalog service: the demo MPP in, again (nothing to change),
// and a broken file refused line by line.
let db: TestDatabase;
let catalog: RunningService;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  db = await testDatabase();
  catalog = await build(loadConfig({ DATABASE_URL: db.url, CATALOG_GRPC_PORT: '0', GRPC_HOST: '127.0.0.1', LOG_LEVEL: 'silent' })).start();
  env = { CATALOG_ADDRESS: `127.0.0.1:${catalog.grpcPort}` };
  dir = await mkdtemp(join(tmpdir(), 'mpp-import-'));
});

afterAll(async () => {
  await catalog?.stop();
  await db?.drop();
  await rm(dir, { recursive: true, force: true });
});

const serviceCount = async () => (await catalog.db!.query<{ n: number }>(`select count(*)::int as n from catalog.events where type = 'id.mpp.catalog.ServiceRegistered.v1'`)).rows[0]!.n;

describe('mpp import', () => {
  it('checks the demo MPP in a dry run, imports it, and finds nothing to change the second time', async () => {
    const dry = await mppDone(['import', '--demo', '--dry-run'], env);
    expect(dry.stderr).not.toMatch(/refused/);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('dry run: the file is valid; nothing was applied');
    expect(await serviceCount()).toBe(0);

    const first = await mppDone(['import', '--demo'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/applied: \d+ event\(s\) recorded \(demo data\)/);
    expect(first.stdout).toMatch(/services\s+\d{3} new/);
    const services = await serviceCount();
    expect(services).toBeGreaterThan(800);

    const again = await mppDone(['import', '--demo'], env);
    expect(again).toMatchObject({ code: 0 });
    expect(again.stdout).toContain('nothing to change');
    expect(await serviceCount()).toBe(services);
  }, 240_000);

  it('refuses a broken CSV file line by line and applies none of it', async () => {
    const file = join(dir, 'booths.csv');
    await writeFile(
      file,
      ['mall_id,number,name,agency_code,active,inactive_reason', 'kendari,21,Gerai Baru,disdukcapil-kendari,ya,', 'kendari,22,,nobody,maybe,', 'kendari,23,Gerai Tutup,disdukcapil-kendari,tidak,'].join('\n'),
    );
    const run = await mppDone(['import', file], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('line 3 booths.csv:3 active: must be true or false');
    expect(run.stderr).toContain('line 4 booths.csv:4 inactive_reason: is required');
    expect(run.stderr).toMatch(/refused: 2 problem\(s\); nothing was applied/);
    const { rows } = await catalog.db!.query(`select 1 from catalog.events where stream_id = 'booth-kendari:21'`);
    expect(rows).toEqual([]);
  });

  it('says what is wrong with the command line', async () => {
    expect((await mppDone(['import'], env)).code).toBe(2);
    expect((await mppDone(['import', 'a.json', '--mall', 'x'], env)).code).toBe(2);
    const missing = await mppDone(['import', join(dir, 'nope.json')], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('cannot read');
  });
});
