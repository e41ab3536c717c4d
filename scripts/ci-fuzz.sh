#!/usr/bin/env bash
# CI (ctest's ci.fuzz): builds the fuzzers into build-fuzz with clang (the
# `fuzz` preset), seeds their corpora from the shipped files and runs each
# for HEMSIM_FUZZ_SECONDS (default 60) seconds. Fails on any crash, sanitizer
# report, input taking over 10 s or memory over 2 GB; the input is then in
# build-fuzz/ci/artifacts/ (make it tests/data/fuzz/model-*.toml or
# case-*.toml: see tests/fuzz/README.md). Prints the executions done.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${HEMSIM_CI_SANITIZE_RUNNING:-}" ]; then
  echo "ci.fuzz: not run inside ci.sanitize" >&2; exit 1
fi
command -v clang++ >/dev/null || { echo "ci.fuzz: clang++ is missing; run scripts/bootstrap.sh" >&2; exit 1; }
seconds="${HEMSIM_FUZZ_SECONDS:-60}"

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --parallel "$(nproc)"

work=build-fuzz/ci
scripts/fuzz-corpus.sh "$work/corpus"
rm -rf "$work/artifacts" "$work/tmp"
mkdir -p "$work/artifacts" "$work/tmp"

status=0
for kind in model scenario; do
  log="$work/$kind.log"
  rc=0
  # TMPDIR: the harness's per-process workdir, left behind only by a crash.
  TMPDIR="$PWD/$work/tmp" "build-fuzz/hemsim_fuzz_$kind" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -dict="$work/corpus/hemsim.dict" -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/$kind-" "$work/corpus/$kind" >"$log" 2>&1 || rc=$?
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")"
  took="$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log")"
  if [ "$rc" -eq 0 ]; then
    echo "ci.fuzz: $kind: ${execs:-?} executions in ${took:-?} s (${rate:-?}/s), no crash, hang or out-of-memory"
  else
    status=1
    echo "ci.fuzz: $kind: FAILED (exit $rc) after ${execs:-?} executions; the fuzzer's report:"
    grep -v -e '^#[0-9]' -e '# Uses:' "$log" | tail -60 || true
    echo "ci.fuzz: the input: $(ls "$work/artifacts/$kind-"* 2>/dev/null | tr '\n' ' ')"
  fi
done
exit "$status"
