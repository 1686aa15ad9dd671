/**
 * Configuration is read from the environment once, validated, and frozen. Every problem is
 * reported together, each naming its variable, so an operator fixes them in one go.
 *
 * @example
 * const config = readConfig({
 *   databaseUrl: { env: 'DATABASE_URL', parse: url, doc: 'PostgreSQL connection string' },
 *   grpcPort: { env: 'CATALOG_GRPC_PORT', parse: port, default: 50051, doc: 'gRPC listen port' },
 * });
 */
export type Env = Readonly<Record<string, string | undefined>>;

export interface Setting<T> {
  /** The environment variable. */
  readonly env: string;
  /** Turns the raw text into a value or throws an Error saying what is expected. */
  readonly parse: (raw: string) => T;
  /** Used when the variable is unset or empty; without it the variable is required. */
  readonly default?: T;
  /** One line for the README's configuration table and error messages. */
  readonly doc: string;
}

export type Spec<T> = { readonly [K in keyof T]: Setting<T[K]> };

export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export function readConfig<T>(spec: Spec<T>, env: Env = process.env): Readonly<T> {
  const out: Partial<T> = {};
  const problems: string[] = [];
  for (const key of Object.keys(spec) as (keyof T & string)[]) {
    const setting = spec[key];
    const raw = env[setting.env];
    if (raw === undefined || raw.trim() === '') {
      if ('default' in setting && setting.default !== undefined) out[key] = setting.default;
      else problems.push(`${setting.env} is required: ${setting.doc}`);
      continue;
    }
    try {
      out[key] = setting.parse(raw.trim());
    } catch (error) {
      problems.push(`${setting.env}=${JSON.stringify(raw)} is invalid: ${(error as Error).message}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(out as T);
}

export const str = (raw: string): string => raw;

export function int(raw: string): number {
  if (!/^-?\d+$/.test(raw)) throw new Error('expected a whole number');
  return Number(raw);
}

export function port(raw: string): number {
  const n = int(raw);
  if (n < 0 || n > 65535) throw new Error('expected a port from 0 to 65535 (0 picks a free one)');
  return n;
}

export function url(raw: string): string {
  try {
    new URL(raw);
  } catch {
    throw new Error('expected a URL');
  }
  return raw;
}

/** A comma-separated list of host:port pairs, e.g. `kafka-0:9092,kafka-1:9092`. */
export function hostPorts(raw: string): string[] {
  const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const item of list) {
    if (!/^[^\s:]+:\d{1,5}$/.test(item)) throw new Error(`expected host:port, got "${item}"`);
  }
  if (list.length === 0) throw new Error('expected at least one host:port');
  return list;
}

export function oneOf<const V extends string>(...values: V[]): (raw: string) => V {
  return (raw) => {
    if (!(values as string[]).includes(raw)) throw new Error(`expected one of ${values.join(', ')}`);
    return raw as V;
  };
}

/** `true` or `false`, nothing else (a typo must not silently mean false). */
export function bool(raw: string): boolean {
  return oneOf('true', 'false')(raw) === 'true';
}

/** Rows for documentation: variable, default, description. */
export function describeSpec<T>(spec: Spec<T>): { env: string; default: string; doc: string }[] {
  return Object.values<Setting<unknown>>(spec as Record<string, Setting<unknown>>).map((s) => ({
    env: s.env,
    default: s.default === undefined ? '(required)' : s.default === '' || (Array.isArray(s.default) && s.default.length === 0) || (s.default instanceof Map && s.default.size === 0) ? '(none)' : String(s.default),
    doc: s.doc,
  }));
}
