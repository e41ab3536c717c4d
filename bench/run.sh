#!/usr/bin/env bash
# hemsim against the SimPy reference implementations on the reference models
# of ../shared/peers/MODEL.md: speed, memory and agreement. See bench/README.md.
#
#   bench/run.sh                      all six sets, default replications (< 10 min on 2 cores)
#   BENCH_SETS="kedjan-small mmc-1" bench/run.sh          some sets only
#   BENCH_REPS="mmc-3=40 kedjan-city=200" bench/run.sh    other replication counts
#   BENCH_SEED=7 BENCH_OUT=/tmp/b bench/run.sh            seed, output directory
#
# Exit status: 0 when the agreement check passes and hemsim's results do not
# depend on the thread count; 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
start_s=$SECONDS

peers=${BENCH_PEERS:-$root/../shared/peers}
out=${BENCH_OUT:-$root/output/bench}
seed=${BENCH_SEED:-2}
sets=${BENCH_SETS:-"kedjan-small kedjan-project kedjan-city mmc-1 mmc-2 mmc-3"}
threads=$(nproc)
py=/usr/bin/python3   # Debian's python3: the apt packages below install into it

# Replications per set, chosen so that the whole run takes < 10 minutes on a
# 2-core machine: SimPy's time dominates (per replication about 3 ms for
# small/project, 0.7 s city, 0.4 s mmc-1, 3 s mmc-2, 9 s mmc-3).
declare -A reps=([kedjan-small]=1000 [kedjan-project]=1000 [kedjan-city]=100
                 [mmc-1]=40 [mmc-2]=20 [mmc-3]=15)
for kv in ${BENCH_REPS:-}; do reps[${kv%%=*}]=${kv#*=}; done

# --- tools -----------------------------------------------------------------
scripts/install-missing.sh bench python3-simpy3 python3-scipy time >/dev/null

mkdir -p "$out"
echo "bench: building (scripts/bootstrap.sh, Release)"
if ! scripts/bootstrap.sh >"$out/build.log" 2>&1; then
  tail -30 "$out/build.log"; echo "bench: build failed (log: $out/build.log)"; exit 1
fi
hemsim=$root/build/hemsim
# The hold benchmark: from the main build once bench/ is added there
# (add_subdirectory(bench)), else built on its own into build-bench/.
hold=$root/build/bench/hemsim_hold
if [ ! -x "$hold" ]; then
  hold=$root/build-bench/hemsim_hold
  { cmake -S bench -B build-bench -DCMAKE_BUILD_TYPE=Release && cmake --build build-bench; } >>"$out/build.log" 2>&1 ||
    { tail -30 "$out/build.log"; echo "bench: building hemsim_hold failed"; exit 1; }
fi

timed() {  # timed REPORT COMMAND...: run under /usr/bin/time -v, the report to REPORT
  local report=$1; shift
  /usr/bin/time -v -o "$report" "$@"
}

# The baseline for memory per client: one replication of kedjan-small (few
# clients) in each tool.
mkdir -p "$out/base"
timed "$out/base/time-hemsim.txt" "$hemsim" run scenarios/bench/kedjan-small.toml --replications 1 \
  --seed "$seed" --threads 1 --out "$out/base/hemsim" -q >/dev/null
timed "$out/base/time-simpy.txt" "$py" "$peers/simpy_kedjan.py" small 1 "$seed" >"$out/base/simpy.json"

# --- runs ------------------------------------------------------------------
# One at a time, never overlapping, so that the timings are clean.
for s in $sets; do
  r=${reps[$s]:?"unknown set $s"}
  d=$out/$s
  rm -rf "$d"; mkdir -p "$d"
  scen=scenarios/bench/$s.toml
  echo "bench: $s: $r replications (hemsim 1 thread, hemsim $threads threads, SimPy)"
  timed "$d/time-hemsim-1.txt" "$hemsim" run "$scen" --replications "$r" --seed "$seed" --threads 1 \
    --out "$d/hemsim-1" -q >"$d/hemsim-1.log" 2>&1 || { cat "$d/hemsim-1.log"; exit 1; }
  timed "$d/time-hemsim-all.txt" "$hemsim" run "$scen" --replications "$r" --seed "$seed" --threads "$threads" \
    --out "$d/hemsim-all" -q >"$d/hemsim-all.log" 2>&1 || { cat "$d/hemsim-all.log"; exit 1; }
  case $s in
    kedjan-*) timed "$d/time-simpy.txt" "$py" "$peers/simpy_kedjan.py" "${s#kedjan-}" "$r" "$seed" >"$d/simpy.json" ;;
    mmc-*)    timed "$d/time-simpy.txt" "$py" "$peers/simpy_mmc.py" "$s" "$r" "$seed" >"$d/simpy.json" ;;
  esac
done
echo "bench: hold model"
"$hold" 10000 10000000 >"$out/hold.json"

# --- report ----------------------------------------------------------------
echo
"$py" bench/table.py "$out" "$threads" $sets
echo
status=0
echo "Results independent of the thread count (yearly.csv, 1 thread == $threads threads):"
for s in $sets; do
  if cmp -s "$out/$s/hemsim-1/yearly.csv" "$out/$s/hemsim-all/yearly.csv"; then
    echo "  $s: PASS"
  else
    echo "  $s: FAIL (yearly.csv differs)"; status=1
  fi
done
echo
args=()
for s in $sets; do args+=("$s" "$out/$s/hemsim-1" "$out/$s/simpy.json"); done
"$py" bench/compare.py "${args[@]}" | tee "$out/agreement.txt" || status=1
echo
echo "bench: done in $((SECONDS - start_s)) s; results in $out"
exit $status
