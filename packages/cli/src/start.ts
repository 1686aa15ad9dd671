import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, type Env } from '@mpp/config';
import { BUILT_WEB_ROOT } from '@mpp/gateway';
import { EXIT_CONFIG, nextSignal, runUntilSignal, type ServiceShell } from '@mpp/runtime';
import { createLogger } from '@mpp/telemetry';
import { EXIT_USAGE, type Io } from './io.js';
import { isTargetName, TARGETS, type TargetName } from './targets.js';
import { demoPeople, startPlatform } from './platform.js';

export const START_HELP = `Usage: mpp start [--target=all|catalog|queue|survey|reporting|gateway]

Starts one service (per-service mode, as on Kubernetes) or all of them in one process
(--target=all, the default), each behind its own gRPC port and its own schema.

--target=all alone has demo defaults, each only where its variable is unset: an embedded
PostgreSQL with its data in MPP_DATA_DIR (default .data, kept across restarts), the demo token
issuer (tokens: mpp token), a generated queue holder key, and the demo MPP loaded on the first
start. The API and its description are then on http://localhost:8080 (/api/v1, /docs).
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
  if (target === 'all') return startAll(io, env);
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

/** `mpp start --target=all`: the whole platform with its demo defaults, until SIGTERM/SIGINT. */
async function startAll(io: Io, env: Env): Promise<number> {
  const log = createLogger({ service: 'mpp', level: (env.LOG_LEVEL as 'info' | undefined) ?? 'info' });
  const signal = nextSignal();
  let platform;
  try {
    platform = await startPlatform({ env, log });
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`mpp start: cannot start all: invalid configuration\n${error.problems.map((p) => `  - ${p}`).join('\n')}\n`);
      return EXIT_CONFIG;
    }
    log.error({ err: error }, 'the platform failed to start');
    return 1;
  }
  const url = platform.env.GATEWAY_PUBLIC_URL || platform.gateway.url;
  const lines = [
    '',
    `MPP Platform is running — ${platform.services.map((s) => `${s.name}:${s.grpcPort}`).join(' ')}`,
    `  API        ${url}/api/v1   (try ${url}/api/v1/malls)`,
    `  OpenAPI    ${url}/docs`,
    `  Board      ${url}/api/v1/malls/<mallId>/board/stream   (Server-Sent Events)`,
  ];
  // The web UI when its build is there (npm start builds it; `mpp start` alone serves what exists).
  if (existsSync(join(platform.env.WEB_ROOT || BUILT_WEB_ROOT, 'index.html'))) {
    lines.splice(2, 0, `  Web UI     ${url}/   (kiosk /m/<mallId>/kiosk, board /m/<mallId>/board, console /console, dashboard /dashboard, admin /admin)`);
  } else {
    lines.splice(2, 0, `  Web UI     not built: run npm run build (or set WEB_ROOT)`);
  }
  if (platform.demoIssuer) {
    const mall = await demoPeople(platform.env.CATALOG_ADDRESS!);
    lines.push(`  Sign-in    ${platform.demoIssuer.issuer}/authorize   (demo issuer; OpenID configuration at ${platform.demoIssuer.issuer}/.well-known/openid-configuration)`);
    if (mall) {
      lines.push('', `Demo tokens for mall "${mall.id}" (12 hours; more with: npm run mpp -- token --role <role> --mall ${mall.id} [--agency <code>]):`);
      for (const person of mall.people) lines.push(`  ${person.label.padEnd(36)} ${await platform.demoIssuer.mint(person)}`);
    }
  }
  lines.push('', 'Stop with Ctrl-C.', '');
  io.out(lines.join('\n'));
  const got = await signal;
  log.info({ signal: got }, 'stopping');
  await platform.stop();
  return 0;
}
