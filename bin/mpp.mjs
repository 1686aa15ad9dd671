#!/usr/bin/env node
// The `mpp` command. OpenTelemetry must be installed before the app's modules load (ESM), so
// the register module comes first: from `node --import @mpp/telemetry/register` when the process
// was started that way (npm start, the container image), else imported here before the CLI.
if (!globalThis[Symbol.for('mpp.telemetry.tracing')] && process.env.OTEL_SDK_DISABLED !== 'true') {
  await import('@mpp/telemetry/register');
}
const { main } = await import('@mpp/cli');
process.exitCode = await main(process.argv.slice(2));
