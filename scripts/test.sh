#!/usr/bin/env bash
# The one test command (README, .ci/run): contract checks, build, typecheck, lint, then one root
# vitest run against a real PostgreSQL and a real Kafka broker that the run starts itself.
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1 NEXT_TELEMETRY_DISABLED=1

echo "== contracts: buf lint, generated code fresh, buf breaking"
node scripts/proto.mjs check
echo "== build, typecheck, lint (turbo)"
turbo run build typecheck lint --output-logs=errors-only
echo "== tests (vitest: unit + integration on real PostgreSQL and Kafka)"
vitest run
