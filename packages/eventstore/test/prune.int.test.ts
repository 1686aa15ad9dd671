import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '@mpp/testing';
import { testDatabase } from '@mpp/testing/fixtures';
import { createEventStore, pruneProcessed } from '../src/index.js';

describe('pruning applied event ids', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  beforeAll(async () => {
    db = await testDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 2 });
    await createEventStore({ pool, schema: 'reporting' }).migrate();
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('deletes the ids recorded before the cut-off and keeps the newer ones', async () => {
    await pool.query(
      `insert into reporting.consumer_processed (consumer, event_id, processed_at) values
         ('counts', '00000000-0000-4000-8000-000000000001', '2030-01-01T00:00:00Z'),
         ('counts', '00000000-0000-4000-8000-000000000002', '2030-01-08T00:00:00Z'),
         ('other',  '00000000-0000-4000-8000-000000000003', '2030-01-02T00:00:00Z')`,
    );
    expect(await pruneProcessed(pool, 'reporting', new Date('2030-01-05T00:00:00Z'))).toBe(2);
    const { rows } = await pool.query<{ event_id: string }>('select event_id from reporting.consumer_processed');
    expect(rows.map((r) => r.event_id)).toEqual(['00000000-0000-4000-8000-000000000002']);
  });
});
