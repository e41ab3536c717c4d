#!/usr/bin/env bash
# Regenerates the approved outputs under tests/golden/ from the current build.
# Run it only when a change moves a number on purpose, and commit the result on
# its own with the reason (see tests/test_golden.cpp).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --build build --parallel "$(nproc)" >/dev/null
HEMSIM_UPDATE_GOLDEN=1 build/tests/hemsim_tests "[golden]" >/dev/null
build/tests/hemsim_tests "[golden]"
git status --short tests/golden
