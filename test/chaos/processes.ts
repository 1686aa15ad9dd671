import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Health, HealthCheckResponse_ServingStatus as S } from '@mpp/contracts';
import { createClient } from '@mpp/grpc';
import { waitFor } from '@mpp/testing';

// One platform service as production runs it: the built CLI (`bin/mpp.mjs start --target=<name>`)
// in its own process, so a fault can be a real `kill -9` and a restart a real cold start.
const bin: string = fileURLToPath(new URL('../../bin/mpp.mjs', import.meta.url));

export type ServiceName = 'catalog' | 'queue' | 'survey' | 'reporting' | 'gateway';

export interface ServiceProcess {
  readonly name: ServiceName;
  readonly port: number;
  /** What the current and earlier runs printed (the last 20 kB), for a failure's message. */
  output(): string;
  /** SIGKILL: no shutdown hook runs, nothing is flushed (a crashed pod). */
  kill9(): Promise<void>;
  /** SIGSTOP: the process is frozen where it stands (its sockets stay open, nothing moves). */
  pause(): void;
  /** SIGCONT after `pause`. */
  resume(): void;
  /** The current process's id (undefined before the first start). */
  pid(): number | undefined;
  /** A fresh process with the same environment and port; resolves once it answers gRPC health. */
  restart(): Promise<void>;
  /** SIGTERM (SIGKILL after 10 s) and wait: the test's own clean-up. */
  stop(): Promise<void>;
}

/** Whether the service's gRPC health says SERVING (false while it is down or starting). */
async function serving(port: number): Promise<boolean> {
  const { client, close } = createClient(Health, { address: `127.0.0.1:${port}`, defaultTimeoutMs: 2_000 });
  try {
    return (await client.check({ service: '' })).status === S.SERVING;
  } catch {
    return false;
  } finally {
    close();
  }
}

/** Starts `mpp start --target=<name>` with `env` (which must set `<NAME>_GRPC_PORT` to `port`). */
export async function startService(name: ServiceName, port: number, env: Record<string, string>): Promise<ServiceProcess> {
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let log = '';
  const keep = (d: Buffer): void => {
    log = (log + d.toString()).slice(-20_000);
  };
  const launch = async (): Promise<void> => {
    const c = spawn(process.execPath, [bin, 'start', `--target=${name}`], {
      env: { PATH: process.env.PATH ?? '', OTEL_TRACES_EXPORTER: 'none', ...env, [`${name.toUpperCase()}_GRPC_PORT`]: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = c;
    exited = new Promise((resolve) => c.once('exit', () => resolve()));
    c.stdout.on('data', keep);
    c.stderr.on('data', keep);
    try {
      // An early exit (bad settings, a port taken) fails at once instead of at the deadline.
      const died = exited.then(() => Promise.reject(new Error(`exited with ${c.exitCode ?? c.signalCode}`)));
      await Promise.race([waitFor(() => serving(port), { timeoutMs: 120_000, intervalMs: 200, what: `${name} to answer gRPC health` }), died]);
    } catch (error) {
      c.kill('SIGKILL');
      throw new Error(`${(error as Error).message}\n--- ${name} output ---\n${log}`, { cause: error });
    }
  };
  const signal = async (sig: NodeJS.Signals): Promise<void> => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill(sig);
    await exited;
  };
  await launch();
  return {
    name,
    port,
    output: () => log,
    kill9: () => signal('SIGKILL'),
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
    pid: () => child?.pid,
    restart: launch,
    // SIGTERM, and SIGKILL after 10 s: a service still draining a Kafka consumer must not hold up the test's clean-up.
    stop: async () => {
      child?.kill('SIGCONT'); // a paused process cannot act on SIGTERM
      const late = setTimeout(() => child?.kill('SIGKILL'), 10_000);
      await signal('SIGTERM');
      clearTimeout(late);
    },
  };
}
