import * as catalog from '@mpp/catalog';
import * as gateway from '@mpp/gateway';
import * as queue from '@mpp/queue';
import * as reporting from '@mpp/reporting';
import * as survey from '@mpp/survey';
import type { Env, Spec } from '@mpp/config';
import type { ProjectionSpec, ServiceShell } from '@mpp/runtime';

export interface Target {
  readonly configSpec: Spec<unknown>;
  /** Reads and validates the target's settings; throws ConfigError naming every problem. */
  readonly load: (env: Env) => ServiceShell;
  /** The read models it keeps (for `mpp rebuild`). */
  readonly projections: readonly ProjectionSpec[];
}

function target<C>(mod: { configSpec: Spec<C>; loadConfig: (env?: Env) => C; build: (config: C) => ServiceShell; projections?: readonly ProjectionSpec[] }): Target {
  return { configSpec: mod.configSpec as Spec<unknown>, load: (env) => mod.build(mod.loadConfig(env)), projections: mod.projections ?? [] };
}

/** In start order: the services that own data first, the gateway (their client) last. */
export const TARGETS = {
  catalog: target(catalog),
  queue: target(queue),
  survey: target(survey),
  reporting: target(reporting),
  gateway: target(gateway),
} as const;

export type TargetName = keyof typeof TARGETS;

export function isTargetName(value: string): value is TargetName {
  return Object.hasOwn(TARGETS, value);
}
