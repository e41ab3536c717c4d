#!/usr/bin/env bash
# hemsim serve in a real browser: Playwright's library (playwright-core, from
# tests/browser/package-lock.json through npm ci) driving Debian's Chromium.
#   scripts/browser-test.sh HEMSIM SCRATCH     screenshots in SCRATCH/artefacts/
set -euo pipefail
exe=$(realpath "$1") scratch=$2
mkdir -p "$scratch" && scratch=$(realpath "$scratch")
cd "$(dirname "$0")/../tests/browser"
if [ ! -d node_modules/playwright-core ]; then
  npm ci --no-audit --no-fund > /dev/null
fi
exec node page.test.mjs "$exe" "$scratch"
