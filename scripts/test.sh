#!/usr/bin/env bash
# The one test command (README, .ci/run): Chromium for the browser tests, contract checks, build,
# typecheck, lint, then one root vitest run against a real PostgreSQL and a real Kafka broker that
# the run starts itself, then the fault suite alone on its own private database and broker.
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
rm -f .cache/vitest-report.json .cache/vitest-chaos-report.json
vitest run --reporter=default --reporter=json --outputFile.json=.cache/vitest-report.json || status=$?
echo "== fault suite (kill -9 of each service, broker and PostgreSQL stopped, a frozen consumer, poison; its own database and broker)"
MPP_CHAOS=1 vitest run --project chaos --reporter=default --reporter=json --outputFile.json=.cache/vitest-chaos-report.json || status=$?
# A plain closing line that any CI can read: "Tests: N passed, N failed" (both runs together).
node -e '
  const fs = require("fs");
  const runs = [".cache/vitest-report.json", ".cache/vitest-chaos-report.json"].filter((f) => fs.existsSync(f)).map((f) => JSON.parse(fs.readFileSync(f, "utf8")));
  const sum = (k) => runs.reduce((n, r) => n + r[k], 0);
  const skipped = sum("numPendingTests") + sum("numTodoTests");
  console.log(`Tests: ${sum("numPassedTests")} passed, ${sum("numFailedTests")} failed` + (skipped ? `, ${skipped} skipped` : "") + (runs.length < 2 ? " (a run wrote no report)" : ""));
' || true
exit "$status"
