import { parseArgs } from 'node:util';
import { ConfigError, type Env } from '@mpp/config';
import { EXIT_CONFIG, runUntilSignal, type ServiceShell } from '@mpp/runtime';
import { createLogger } from '@mpp/telemetry';
import { EXIT_USAGE, type Io } from './io.js';
import { isTargetName, TARGETS, type TargetName } from './targets.js';

export const START_HELP = `Usage: mpp start [--target=all|catalog|queue|survey|reporting|gateway]

Starts one service (per-service mode, as on Kubernetes) or all of them in one process
(--target=all, the default), each behind its own gRPC port and its own schema.
Configuration comes only from environment variables (see the README); a missing or invalid
one stops the start with exit code ${EXIT_CONFIG} and names it. SIGTERM or SIGINT stops cleanly.

Options:
  --target <name>  all (default), catalog, queue, survey, reporting or gateway
  -h, --help       show this help
`;

export async function start(args: string[], io: Io, env: Env = process.env): Promise<number> {
  let values: { target?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({ args, options: { target: { type: 'string', default: 'all' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    io.err(`mpp start: ${(error as Error).message}\n\n${START_HELP}`);
    return EXIT_USAGE;
  }
  if (values.help) {
    io.out(START_HELP);
    return 0;
  }
  const target = values.target ?? 'all';
  const names: TargetName[] = target === 'all' ? (Object.keys(TARGETS) as TargetName[]) : isTargetName(target) ? [target] : [];
  if (names.length === 0) {
    io.err(`mpp start: unknown target "${target}": use all, ${Object.keys(TARGETS).join(', ')}\n`);
    return EXIT_USAGE;
  }
  const shells: ServiceShell[] = [];
  const problems: string[] = [];
  for (const name of names) {
    try {
      shells.push(TARGETS[name].load(env));
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      for (const p of error.problems) if (!problems.includes(p)) problems.push(p);
    }
  }
  if (problems.length > 0) {
    io.err(`mpp start: cannot start ${target}: invalid configuration\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
    return EXIT_CONFIG;
  }
  const log = createLogger({ service: target === 'all' ? 'mpp' : target, level: (env.LOG_LEVEL as 'info' | undefined) ?? 'info' });
  return runUntilSignal(shells, { log });
}
