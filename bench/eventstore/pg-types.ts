import pg from 'pg';

// Emmett's driver (dumbo) replaces pg's parsers process-wide when its pool is made: int8 → BigInt,
// json/jsonb through JSON.parse with a reviver. Our pools must not pay for (or break on) that, so
// pg's own parsers are captured here, before any Emmett pool exists (run.ts imports this first),
// and given to our pools. Emmett's pool keeps the parsers it installs and expects.
const OIDS = [20, 114, 3802] as const;
const own = new Map<number, (value: string) => unknown>(OIDS.map((oid) => [oid, pg.types.getTypeParser(oid, 'text')]));
if (own.get(20)!('1') !== '1') throw new Error('pg type parsers were replaced before bench/eventstore/pg-types.ts was loaded');

export const pgOwnTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    (format !== 'binary' && own.get(oid)) || pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};
