#!/usr/bin/env bash
# The time to write the report of the default case (200 simulated futures, with
# the tornado), PDF and Word included, against the run alone and the report
# without its external programs, side by side in alternating rounds. The
# issue's target: the whole report under 10 s on a 2-core machine.
#
#   bench/report.sh                 5 rounds
#   BENCH_ROUNDS=9 bench/report.sh
set -euo pipefail
cd "$(dirname "$0")/.."
exe=${BENCH_EXE:-build/hemsim}
rounds=${BENCH_ROUNDS:-5}
case=scenarios/enheten-for-hemlosa-2007.toml
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
[ -x "$exe" ] || { echo "bench: no $exe; run scripts/bootstrap.sh first" >&2; exit 1; }

seconds() {  # seconds for one command, by the shell's own clock
  local t0 t1
  t0=$(date +%s.%N)
  "$@" > /dev/null
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }'
}
median() { sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m}'; }
range() { sort -g | awk 'NR==1{lo=$1} {hi=$1} END {printf "%.2f–%.2f", lo, hi}'; }

# One cold run first: Chromium and fontconfig fill their caches.
"$exe" report "$case" -r 200 --out "$out/warm" > /dev/null

declare -A times
for ((i = 0; i < rounds; i++)); do
  times[run]+="$(seconds "$exe" run "$case" -r 200 --out "$out/run" -q)"$'\n'
  times[html_xlsx]+="$(seconds "$exe" report "$case" -r 200 --formats html,xlsx --out "$out/hx")"$'\n'
  times[all]+="$(seconds "$exe" report "$case" -r 200 --out "$out/all")"$'\n'
done
printf '%-44s %8s %14s\n' "what (default case, 200 futures)" "median" "range (s)"
for k in run html_xlsx all; do
  case $k in
    run) label="hemsim run (the CSVs only)" ;;
    html_xlsx) label="hemsim report --formats html,xlsx" ;;
    all) label="hemsim report (html, pdf, docx, xlsx)" ;;
  esac
  printf '%-44s %8s %14s\n' "$label" "$(printf '%s' "${times[$k]}" | median)" "$(printf '%s' "${times[$k]}" | range)"
done
all=$(printf '%s' "${times[all]}" | median)
awk -v t="$all" 'BEGIN { print "target: the whole report under 10 s: " (t < 10 ? "met" : "NOT met") " (" t " s)" }'
