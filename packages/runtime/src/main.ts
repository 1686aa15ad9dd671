import { ConfigError } from '@mpp/config';
import { createLogger } from '@mpp/telemetry';
import { runUntilSignal } from './run.js';
import type { ServiceShell } from './shell.js';

/** Exit code when configuration is missing or invalid (sysexits EX_CONFIG). */
export const EXIT_CONFIG = 78;

export interface ServiceMain<C extends { logLevel: string }> {
  readonly name: string;
  readonly loadConfig: () => C;
  readonly build: (config: C) => ServiceShell;
}

/**
 * The whole `main.ts` of a service: validate configuration once (naming every missing variable),
 * start, stop cleanly on SIGTERM. Returns the process exit code.
 */
export async function serviceMain<C extends { logLevel: string }>(service: ServiceMain<C>): Promise<number> {
  let config: C;
  try {
    config = service.loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`${service.name}: ${error.message}`);
      return EXIT_CONFIG;
    }
    throw error;
  }
  const log = createLogger({ service: service.name, level: config.logLevel as 'info' });
  return runUntilSignal([service.build(config)], { log });
}
