import pg from 'pg';

/**
 * A pool whose connections use the service's own schema. The schema is created when missing:
 * a service owns its schema and nothing else (no service reads another's tables).
 */
export async function openServiceDatabase(url: string, schema: string): Promise<pg.Pool> {
  if (!/^[a-z][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name "${schema}"`);
  const pool = new pg.Pool({ connectionString: url, max: 10, options: `-c search_path=${schema}` });
  try {
    await pool.query(`create schema if not exists "${schema}"`);
  } catch (error) {
    await pool.end();
    const where = new URL(url);
    throw new Error(`PostgreSQL at ${where.host}${where.pathname} did not accept the ${schema} schema: ${(error as Error).message}`, { cause: error });
  }
  return pool;
}
