import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import './provided.js';
import { createDatabase, type TestDatabase } from './postgres.js';

/** A fresh database on the run's shared PostgreSQL; drop it in afterAll. */
export function testDatabase(prefix?: string): Promise<TestDatabase> {
  return createDatabase(inject('databaseUrl'), prefix);
}

/** The run's shared broker. */
export function kafkaBrokers(): string[] {
  return inject('kafkaBrokers');
}

/** A topic name no other test file uses. */
export function uniqueTopic(prefix = 'test'): string {
  return `${prefix}.${randomBytes(5).toString('hex')}`;
}
