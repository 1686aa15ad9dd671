import { SurveyService } from '@mpp/contracts';
import { createServiceShell, type ServiceShell } from '@mpp/runtime';
import type { SurveyConfig } from './config.js';

/** The survey service, ready to start. No business logic yet: health and reflection only. */
export function build(config: SurveyConfig): ServiceShell {
  return createServiceShell({
    name: 'survey',
    config,
    api: { service: SurveyService, impl: {} },
  });
}
