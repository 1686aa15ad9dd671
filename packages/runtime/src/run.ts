import type { Logger } from '@mpp/telemetry';
import type { RunningService, ServiceShell } from './shell.js';

export interface RunOptions {
  readonly log: Logger;
  /** Resolves when the process should stop; SIGTERM or SIGINT by default. */
  readonly until?: Promise<string>;
}

/** Resolves with the first SIGTERM or SIGINT. */
export function nextSignal(): Promise<string> {
  return new Promise((resolve) => {
    const on = (signal: string) => {
      process.off('SIGTERM', on);
      process.off('SIGINT', on);
      resolve(signal);
    };
    process.on('SIGTERM', on);
    process.on('SIGINT', on);
  });
}

/**
 * Starts the shells in order, runs until SIGTERM/SIGINT, then stops them in reverse order.
 * Returns the exit code: 0 after a clean stop, 1 when a service could not start.
 */
export async function runUntilSignal(shells: readonly ServiceShell[], options: RunOptions): Promise<number> {
  const { log } = options;
  const until = options.until ?? nextSignal();
  const running: RunningService[] = [];
  try {
    for (const shell of shells) running.push(await shell.start());
  } catch (error) {
    log.error({ err: error }, 'a service failed to start; stopping the others');
    await stopAll(running);
    return 1;
  }
  log.info({ services: running.map((r) => `${r.name}:${r.grpcPort}`) }, 'ready');
  const signal = await until;
  log.info({ signal }, 'stopping');
  await stopAll(running);
  return 0;
}

async function stopAll(running: readonly RunningService[]): Promise<void> {
  for (const service of [...running].reverse()) await service.stop();
}
