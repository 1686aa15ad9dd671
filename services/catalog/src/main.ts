// Runs the catalog service alone (per-service mode): node --import @mpp/telemetry/register dist/main.js
import { serviceMain } from '@mpp/runtime';
import { build } from './build.js';
import { loadConfig } from './config.js';

process.exitCode = await serviceMain({ name: 'catalog', loadConfig: () => loadConfig(), build });
