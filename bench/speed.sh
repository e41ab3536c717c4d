#!/usr/bin/env bash
# The engine's speed in one run, as alternating rounds (see bench/README.md,
# "Speed over rounds"): per round SimPy on kedjan city, then for each hemsim
# binary (this build's, and HEMSIM_BEFORE's when given, in alternating order)
# kedjan city on one thread, kedjan city x64 on one thread and its hold
# model (on its event set and on a binary heap, the event set of the issue's
# figures). Prints medians with ranges (min-max) over the rounds.
#
#   bench/speed.sh                                    this build, 7 rounds
#   HEMSIM_BEFORE=/tmp/hemsim-before HOLD_BEFORE=/tmp/hold-before bench/speed.sh
#   SPEED_ROUNDS=5 SPEED_CITY_REPS=10 bench/speed.sh
#
# It does not build: run `cmake --build build` first (hemsim and bench/hemsim_hold).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

peers=${BENCH_PEERS:-$root/../shared/peers}
out=${SPEED_OUT:-$root/output/speed}
seed=${BENCH_SEED:-2}
rounds=${SPEED_ROUNDS:-7}
city_reps=${SPEED_CITY_REPS:-20}    # hemsim, kedjan city: ~0.6 s per binary
simpy_reps=${SPEED_SIMPY_REPS:-10}  # SimPy, kedjan city: ~0.7 s per replication
# hemsim, kedjan city x64: ~2 s per replication. Three, not one: a process's first
# replication also pays the kernel for its fresh memory (at x64, ~90 MB of client
# records: page faults and zeroing, 9-11 % of a one-replication run in perf), which later
# replications reuse (the thread's workspace); city's 20 replications share that cost.
x64_reps=${SPEED_X64_REPS:-3}
hold_ops=${SPEED_HOLD_OPS:-10000000}
py=/usr/bin/python3  # Debian's python3: the apt packages install into it

hemsim=${HEMSIM:-$root/build/hemsim}
hold=${HOLD:-$root/build/bench/hemsim_hold}
names=(after)
bins=("$hemsim")
holds=("$hold")
if [ -n "${HEMSIM_BEFORE:-}" ]; then
  names+=(before)
  bins+=("$HEMSIM_BEFORE")
  holds+=("${HOLD_BEFORE:-$hold}")
fi
for b in "${bins[@]}" "${holds[@]}"; do
  [ -x "$b" ] || { echo "speed: $b is missing: build first (cmake --build build)"; exit 1; }
done

scripts/install-missing.sh speed python3-simpy3 python3-scipy >/dev/null  # what simpy_kedjan.py imports

rm -rf "$out"
mkdir -p "$out"
rows=$out/rounds.jsonl
: >"$rows"

# run NAME BIN SET REPS: one hemsim run on one thread; appends its manifest's figures.
run() {
  local name=$1 bin=$2 set=$3 reps=$4 round=$5 d=$out/$5/$1-$3
  "$bin" run "scenarios/bench/$set.toml" --replications "$reps" --seed "$seed" --threads 1 --out "$d" -q \
    >"$d.log" 2>&1 || { cat "$d.log"; exit 1; }
  "$py" - "$d/manifest.json" "$name" "$set" "$reps" "$round" >>"$rows" <<'EOF'
import json, sys
m = json.load(open(sys.argv[1]))
print(json.dumps({"round": int(sys.argv[5]), "bin": sys.argv[2], "what": sys.argv[3], "reps": int(sys.argv[4]),
                  "events": m["events"], "wall_s": m["simulation_wall_seconds"]}))
EOF
}

echo "speed: $rounds rounds of SimPy city ($simpy_reps reps), then per binary (${names[*]}):" \
  "city ($city_reps reps), city x64 ($x64_reps), hold ($hold_ops operations)"
for ((k = 0; k < rounds; k++)); do
  mkdir -p "$out/$k"
  "$py" "$peers/simpy_kedjan.py" city "$simpy_reps" "$seed" >"$out/$k/simpy.json"
  "$py" -c 'import json,sys; s=json.load(open(sys.argv[1])); print(json.dumps({"round": int(sys.argv[2]), "bin": "simpy", "what": "kedjan-city", "wall_s_per_rep": s["wall_s_per_rep"]}))' \
    "$out/$k/simpy.json" "$k" >>"$rows"
  order=("${!bins[@]}")
  if ((k % 2 == 1)) && ((${#bins[@]} > 1)); then order=(1 0); fi  # alternate which binary goes first
  for i in "${order[@]}"; do
    run "${names[$i]}" "${bins[$i]}" kedjan-city "$city_reps" "$k"
    run "${names[$i]}" "${bins[$i]}" kedjan-city-x64 "$x64_reps" "$k"
    "${holds[$i]}" 10000 "$hold_ops" |
      "$py" -c 'import json,sys; h=json.load(sys.stdin); print(json.dumps({"round": int(sys.argv[1]), "bin": sys.argv[2], "what": "hold", "events_per_s": h["events_per_s"], "binary_heap_events_per_s": h.get("binary_heap_events_per_s")}))' \
        "$k" "${names[$i]}" >>"$rows"
  done
  echo "speed: round $((k + 1))/$rounds done"
done
echo
"$py" bench/speed.py "$rows" | tee "$out/summary.txt"
