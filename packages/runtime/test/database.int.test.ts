import { testDatabase } from '@mpp/testing/fixtures';
import type { TestDatabase } from '@mpp/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDLE_IN_TRANSACTION_TIMEOUT_MS, openServiceDatabase } from '../src/database.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await testDatabase('mpp_runtime_db');
});
afterAll(async () => {
  await db?.drop();
});

describe('openServiceDatabase', () => {
  it('gives every connection its schema and a bound on transactions left open', async () => {
    const pool = await openServiceDatabase(db.url, 'svc_db_test');
    try {
      const client = await pool.connect();
      try {
        expect((await client.query<{ search_path: string }>('show search_path')).rows[0]!.search_path).toBe('svc_db_test');
        // A process frozen inside a transaction would otherwise hold back the event log's gap-safe horizon for every service (the fault suite's frozen consumer).
        const { rows } = await client.query<{ ms: string }>(`select setting as ms from pg_settings where name = 'idle_in_transaction_session_timeout'`);
        expect(Number(rows[0]!.ms)).toBe(IDLE_IN_TRANSACTION_TIMEOUT_MS);
        expect(IDLE_IN_TRANSACTION_TIMEOUT_MS).toBeGreaterThan(0);
      } finally {
        client.release();
      }
    } finally {
      await pool.end();
    }
  });
});
