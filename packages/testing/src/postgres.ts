import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startEmbeddedPostgres } from '@mpp/embedded-postgres';

export interface Postgres {
  /** Connection string of a database the caller may use as admin (create databases). */
  readonly url: string;
  /** Where the URL came from, for logs: env, machine, or embedded. */
  readonly source: 'env' | 'machine' | 'embedded';
  stop(): Promise<void>;
}

const MACHINE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

async function answers(url: string, timeoutMs = 2_000): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The shared PostgreSQL of a test run: `DATABASE_URL` if set; else the machine's 127.0.0.1:5432
 * if it answers (trust auth, user postgres); else an embedded PostgreSQL started here.
 */
export async function sharedPostgres(env = process.env): Promise<Postgres> {
  if (env.DATABASE_URL) {
    if (!(await answers(env.DATABASE_URL, 10_000))) {
      throw new Error(`DATABASE_URL is set but PostgreSQL does not answer there. Fix the URL or unset it to use 127.0.0.1:5432 or an embedded PostgreSQL.`);
    }
    return { url: env.DATABASE_URL, source: 'env', stop: async () => undefined };
  }
  if (await answers(MACHINE_URL)) return { url: MACHINE_URL, source: 'machine', stop: async () => undefined };
  return startEmbeddedPostgres();
}

/** Replaces the database name of a connection string. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export interface TestDatabase {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

/** A fresh database for one test file, so files never share state. */
export async function createDatabase(adminUrl: string, prefix = 'mpp_test'): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: withDatabase(adminUrl, name),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        // Wait for the test's own pools to finish closing; force only what is left after that,
        // so no client of the test sees its session killed (57P01) as an unhandled error.
        const deadline = Date.now() + 10_000;
        for (;;) {
          const { rows } = await c.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
          if (rows[0]?.n === 0 || Date.now() > deadline) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await c.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}
