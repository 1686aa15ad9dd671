#!/usr/bin/env bash
# The one test command (README, .ci/run): Chromium for the browser tests, contract checks, build,
# typecheck, lint, then one root vitest run against a real PostgreSQL and a real Kafka broker that
# the run starts itself.
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1 NEXT_TELEMETRY_DISABLED=1

echo "== browser for the web UI's tests"
bash scripts/ensure-chromium.sh
echo "== contracts: buf lint, generated code fresh, buf breaking"
node scripts/proto.mjs check
echo "== build, typecheck, lint (turbo)"
turbo run build typecheck typecheck:root lint lint:root --output-logs=errors-only
echo "== tests (vitest: unit + integration on real PostgreSQL and Kafka)"
mkdir -p .cache
status=0
vitest run --reporter=default --reporter=json --outputFile.json=.cache/vitest-report.json || status=$?
# A plain closing line that any CI can read: "Tests: N passed, N failed".
node -e '
  const r = JSON.parse(require("fs").readFileSync(".cache/vitest-report.json", "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
' || true
exit "$status"
