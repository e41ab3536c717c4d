#!/usr/bin/env bash
# A 10-point sweep of a price against one run of the same case, in one run of
# this script: `hemsim run` and `hemsim sweep --set-all` of the support-housing
# price (10 values), and the same sweep with --resimulate, alternating over
# rounds; prints medians, ranges and the ratios (issue 14's goal: a 10-point
# price sweep at most 3 times one run).
#
#   bench/sweep.sh                 5 rounds, the default case at 1 000 replications
#   BENCH_ROUNDS=7 BENCH_REPS=200 bench/sweep.sh
set -euo pipefail
cd "$(dirname "$0")/.."
exe=${BENCH_EXE:-build/hemsim}
rounds=${BENCH_ROUNDS:-5}
reps=${BENCH_REPS:-1000}
case_file=scenarios/enheten-for-hemlosa-2007.toml
grid=placement.stodboende.price_per_month=11500:20500:1000   # 10 values
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
[ -x "$exe" ] || { echo "bench: no $exe; run scripts/bootstrap.sh first" >&2; exit 1; }
r_opt=()
[ -n "$reps" ] && r_opt=(-r "$reps")

ms() {  # milliseconds for one command
  local t0
  t0=$(date +%s%N)
  "$@" >/dev/null
  echo $((($(date +%s%N) - t0) / 1000000))
}

declare -a one sweep resim
for ((i = 0; i < rounds; ++i)); do
  one+=("$(ms "$exe" run "$case_file" "${r_opt[@]}" --out "$out/run" -q)")
  sweep+=("$(ms "$exe" sweep "$case_file" "${r_opt[@]}" --set-all "$grid" --out "$out/sweep")")
  resim+=("$(ms "$exe" sweep "$case_file" "${r_opt[@]}" --set-all "$grid" --resimulate --out "$out/resim")")
done
cmp -s "$out/sweep/sweep.csv" "$out/resim/sweep.csv" || { echo "bench: the two sweeps differ" >&2; exit 1; }

python3 - "$rounds" "${one[*]}" "${sweep[*]}" "${resim[*]}" "$reps" <<'PY'
import statistics, sys
rounds = sys.argv[1]
one, sweep, resim = ([int(x) / 1000 for x in a.split()] for a in sys.argv[2:5])
def show(name, xs):
    print(f"  {name:<34} {statistics.median(xs):6.2f} s ({min(xs):.2f}-{max(xs):.2f})")
print(f"default case, {sys.argv[5]} replications, {rounds} rounds alternating (median, range):")
show("run", one)
show("sweep, 10 prices (recosted)", sweep)
show("sweep, 10 prices (--resimulate)", resim)
m = statistics.median
print(f"  sweep / run: {m(sweep) / m(one):.2f} (goal: at most 3); --resimulate / run: {m(resim) / m(one):.2f}")
PY
