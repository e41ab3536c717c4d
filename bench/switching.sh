#!/usr/bin/env bash
# The switching value of a placement price, side by side in one run: costed
# again from one simulation (the default), simulated anew at every value
# (--resimulate), and optionally an earlier hemsim binary (which reloaded the
# case and simulated anew at every value). Alternating rounds; medians and the
# range; the answers must agree.
#
#   bench/switching.sh                          5 rounds, the default case
#   BENCH_ROUNDS=9 bench/switching.sh
#   BENCH_BEFORE=/path/to/old/hemsim bench/switching.sh   also an earlier build
#   BENCH_BEFORE_CASE=/path/to/old/case.toml ...          its own version of the case (an earlier
#                                                          build may not read today's case file)
#
# Build an earlier binary, e.g. the commit before the costing pass:
#   git worktree add /tmp/hemsim-before <commit> && cmake -S /tmp/hemsim-before -B /tmp/hemsim-before/build \
#     -DCMAKE_BUILD_TYPE=Release && cmake --build /tmp/hemsim-before/build -j2
set -euo pipefail
cd "$(dirname "$0")/.."
exe=${BENCH_EXE:-build/hemsim}
before=${BENCH_BEFORE:-}
before_case=${BENCH_BEFORE_CASE:-}
rounds=${BENCH_ROUNDS:-5}
case=scenarios/enheten-for-hemlosa-2007.toml
switching=placement.stodboende.price_per_month=8000:20000
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

[ -x "$exe" ] || { echo "bench: no $exe; run scripts/bootstrap.sh first" >&2; exit 1; }

# Seconds for one command, by the shell's own clock.
seconds() {
  local t0 t1
  t0=$(date +%s.%N)
  "$@" > /dev/null
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}

declare -a recost resim old
for ((i = 0; i < rounds; ++i)); do
  recost+=("$(seconds "$exe" sensitivity "$case" --switching "$switching" --out "$out/recost")")
  resim+=("$(seconds "$exe" sensitivity "$case" --switching "$switching" --out "$out/resim" --resimulate)")
  if [ -n "$before" ]; then
    old+=("$(seconds "$before" sensitivity "${before_case:-$case}" --switching "$switching" --out "$out/old")")
  fi
done

# The answers: the switching value and its interval must be the same.
answer() { tail -1 "$1/switching.csv" | cut -d, -f5-7; }
if [ "$(answer "$out/recost")" != "$(answer "$out/resim")" ]; then
  echo "bench: the answers differ: $(answer "$out/recost") against $(answer "$out/resim")" >&2
  exit 1
fi

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
range() { printf '%s\n' "$@" | sort -g | awk 'NR == 1 {lo = $1} {hi = $1} END {printf "%.3f-%.3f", lo, hi}'; }
m_recost=$(median "${recost[@]}")
m_resim=$(median "${resim[@]}")
echo "switching value of $switching in $case, $rounds rounds, $(nproc) cores:"
echo "  answer (value, CI low, CI high): $(answer "$out/recost")"
printf '  costed again from one simulation: median %.3f s (%s)\n' "$m_recost" "$(range "${recost[@]}")"
printf '  simulated anew at every value:    median %.3f s (%s), %.1fx slower\n' "$m_resim" "$(range "${resim[@]}")" \
  "$(echo "$m_resim / $m_recost" | bc -l)"
if [ -n "$before" ]; then
  m_old=$(median "${old[@]}")
  printf '  %s on %s: median %.3f s (%s), %.1fx slower; its answer %s\n' "$before" "${before_case:-$case}" \
    "$m_old" "$(range "${old[@]}")" "$(echo "$m_old / $m_recost" | bc -l)" "$(answer "$out/old")"
fi
