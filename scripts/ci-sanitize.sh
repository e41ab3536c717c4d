#!/usr/bin/env bash
# CI (ctest's ci.sanitize): builds the `ci-sanitize` preset into build-sanitize
# (GCC, Debug, AddressSanitizer + UndefinedBehaviorSanitizer with
# float-cast-overflow; any report aborts) and runs the whole test suite under
# it. Its test preset leaves out the ci-long tests (this one and ci.fuzz), so it
# never recurses; the variable below stops it should that filter go.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${HEMSIM_CI_SANITIZE_RUNNING:-}" ]; then
  echo "ci.sanitize: not run inside itself" >&2; exit 1
fi
export HEMSIM_CI_SANITIZE_RUNNING=1

cmake --preset ci-sanitize >/dev/null
cmake --build --preset ci-sanitize --parallel "$(nproc)"

export ASAN_OPTIONS="detect_leaks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
ctest --preset ci-sanitize --parallel "$(nproc)"
