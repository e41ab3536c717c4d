#!/usr/bin/env bash
# Peak memory of `hemsim run` against the number of futures: kedjan small at
# 1 000 and at 100 000 replications (one thread), ROUNDS rounds alternating,
# /usr/bin/time -v's maximum resident set size; prints the medians, the ranges
# and the ratio (issue 14's goal: at most 2). Also checks that 2 threads write
# the same files as 1 at 100 000.
#
#   bench/memory.sh                 3 rounds (about 2 minutes on 2 cores)
#   ROUNDS=5 SMALL=1000 LARGE=100000 bench/memory.sh
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-3}
small=${SMALL:-1000}
large=${LARGE:-100000}
out=${BENCH_OUT:-output/bench/memory}
hemsim=${HEMSIM:-build/hemsim}
case_file=scenarios/bench/kedjan-small.toml
scripts/install-missing.sh memory time >/dev/null
[ -x "$hemsim" ] || scripts/bootstrap.sh >/dev/null
mkdir -p "$out"

peak_kb() {  # peak_kb REPS THREADS DIR: runs and prints the maximum RSS in kB
  /usr/bin/time -v -o "$out/time.txt" "$hemsim" run "$case_file" --replications "$1" --threads "$2" \
    --out "$3" -q >/dev/null 2>"$out/stderr.txt"
  awk -F': ' '/Maximum resident set size/ {print $2}' "$out/time.txt"
}

declare -a s_kb l_kb l_s
for ((i = 0; i < rounds; i++)); do
  s_kb+=("$(peak_kb "$small" 1 "$out/small")")
  start=$(date +%s%N)
  l_kb+=("$(peak_kb "$large" 1 "$out/large")")
  l_s+=("$(( ($(date +%s%N) - start) / 1000000 ))")
done
peak_kb "$large" 2 "$out/large-2" >/dev/null
same=yes
for f in yearly ledger economics monthly; do
  cmp -s "$out/large/$f.csv" "$out/large-2/$f.csv" || same=no
done

python3 - "$small" "$large" "$same" "${s_kb[*]}" "${l_kb[*]}" "${l_s[*]}" <<'PY'
import statistics, sys
small, large, same = sys.argv[1], sys.argv[2], sys.argv[3]
s = [int(x) / 1024 for x in sys.argv[4].split()]
l = [int(x) / 1024 for x in sys.argv[5].split()]
t = [int(x) / 1000 for x in sys.argv[6].split()]
ms, ml = statistics.median(s), statistics.median(l)
print(f"kedjan-small, 1 thread, {len(s)} rounds (median, range):")
print(f"  {int(small):>7} replications: peak RSS {ms:6.1f} MB ({min(s):.1f}-{max(s):.1f})")
print(f"  {int(large):>7} replications: peak RSS {ml:6.1f} MB ({min(l):.1f}-{max(l):.1f}), "
      f"{statistics.median(t):.1f} s ({min(t):.1f}-{max(t):.1f})")
print(f"  ratio {ml / ms:.2f} (goal: at most 2)")
print(f"  2 threads write the same files as 1 at {int(large)}: {same}")
sys.exit(0 if same == "yes" else 1)
PY
