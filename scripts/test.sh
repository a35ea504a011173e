#!/usr/bin/env bash
# Every test: type check, unit tests, build, Firefox lint, Chromium end-to-end
# tests with the extension, and the Firefox end-to-end test. Runs all suites,
# then prints one summary line and fails if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1
mkdir -p test-results
failed_steps=()
step() {
  local name="$1"; shift
  echo "== ${name}"
  if ! "$@"; then failed_steps+=("${name}"); fi
}

step "type check" npx tsc --noEmit -p tsconfig.json
step "unit tests" npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/unit.json
step "build" node scripts/build.mjs
step "firefox lint" node e2e/firefox/lint.mjs
step "chromium e2e" npx playwright test
step "firefox e2e" bash -c 'node --test --test-reporter=tap e2e/firefox/ | tee test-results/firefox.tap'

node scripts/test-summary.mjs
if [ ${#failed_steps[@]} -gt 0 ]; then
  echo "failed steps: ${failed_steps[*]}" >&2
  exit 1
fi
