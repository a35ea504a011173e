#!/usr/bin/env bash
# The main job: builds Waymark and runs it in Chromium (headless; --headed to watch)
# on local practice pages: the agent does tasks given as text (offline policy by default).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
node scripts/build.mjs
if [[ " $* " == *" --headed "* ]] && [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null; then
  exec xvfb-run -a npx tsx e2e/demo.ts "$@"
fi
exec npx tsx e2e/demo.ts "$@"
