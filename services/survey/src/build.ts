import { SurveyService } from '@mpp/contracts';
import type { Clock } from '@mpp/eventstore';
import { createLogger } from '@mpp/telemetry';
import { createServiceShell, type ProjectionSpec, type ServiceShell } from '@mpp/runtime';
import { surveyApi } from './api/survey-api.js';
import { migrateContacts } from './app/complaints.js';
import { createSurveyApp, type SurveyApp } from './app/survey-app.js';
import type { SurveyConfig } from './config.js';
import { createHttpLapor, type Lapor } from './infra/lapor.js';
import { ticketsProjection, type CompletedTicket } from './infra/tickets.js';
import { catalogProjection } from './infra/catalog-events.js';
import { surveyView } from './infra/views.js';

/** The read models the survey keeps from its own log (for `mpp rebuild`). */
export const projections: readonly ProjectionSpec[] = [
  { definition: surveyView, sources: ['survey'] },
  { definition: catalogProjection, sources: ['catalog'] },
];

export interface BuildOptions {
  /** Tests: a manual clock for the handlers and the timers. */
  readonly clock?: Clock;
  /** Tests: the application, once built. */
  readonly onApp?: (app: SurveyApp) => void;
  readonly timerPollMs?: number;
  /** Tests: where complaints go instead of SURVEY_LAPOR_URL. */
  readonly lapor?: Lapor;
}

/**
 * The survey service: SKM surveys of completed tickets (PermenPANRB 14/2017), the IKM per unit
 * and period, complaints with SP4N-LAPOR! deadlines. Reads `mpp.queue.v1` for completions.
 */
export function build(config: SurveyConfig, options: BuildOptions = {}): ServiceShell {
  const log = createLogger({ service: 'survey', level: config.logLevel });
  // The shell builds the API before any consumer starts, so the reaction always finds the app.
  let app: SurveyApp | undefined;
  const opened = async (ticket: CompletedTicket) => {
    if (!app) throw new Error('the survey application is not built yet');
    await app.surveys.open(ticket);
  };
  return createServiceShell({
    name: 'survey',
    config,
    log,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.timerPollMs ? { timerPollMs: options.timerPollMs } : {}),
    // In this order: the catalog's counters exist before the tickets projection reads them.
    projections: [...projections, { definition: ticketsProjection('survey', opened), sources: ['queue'] }],
    api: {
      service: SurveyService,
      async create({ db, eventStore, clock, timers }) {
        await migrateContacts(db, 'survey');
        const lapor = options.lapor ?? (config.laporUrl ? createHttpLapor({ url: config.laporUrl, ...(config.laporToken ? { token: config.laporToken } : {}) }) : undefined);
        app = createSurveyApp({ store: eventStore, db, clock, timers, invitationDays: config.invitationDays, ...(lapor ? { lapor } : {}) });
        options.onApp?.(app);
        return surveyApi(app);
      },
    },
  });
}
