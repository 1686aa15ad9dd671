import { ReportingService } from '@mpp/contracts';
import type { Clock } from '@mpp/eventstore';
import { createServiceShell, type ServiceShell } from '@mpp/runtime';
import { reportingApi } from './api/reporting-api.js';
import { projections } from './projections/index.js';
import type { ReportingConfig } from './config.js';

export interface BuildOptions {
  /** Tests: a manual clock. */
  readonly clock?: Clock;
}

/** The reporting service, ready to start: the live board (and the operational event counts). */
export function build(config: ReportingConfig, options: BuildOptions = {}): ServiceShell {
  return createServiceShell({
    name: 'reporting',
    config,
    ...(options.clock ? { clock: options.clock } : {}),
    api: { service: ReportingService, create: ({ db, clock }) => reportingApi({ db, schema: 'reporting', clock, boardPollMs: config.boardPollMs }) },
    projections,
  });
}
