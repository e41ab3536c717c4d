#!/usr/bin/env bash
# What issue 14's goal of 60 x SimPy on kedjan city asks of the engine on this
# machine: this tree built as it is and three builds of it with a part made
# (nearly) free, alternating with SimPy over rounds:
#   rng       a stream's Philox4x64-10 block replaced by one multiply-and-mix of
#             its counter and key words (a few cycles instead of ten rounds);
#   recorder  the recorder's per-event calls (entered, left, moved,
#             queue_joined, queue_left) returning at once;
#   both      the two together.
# The flows stay those of a real run (the same kinds and about the same number
# of events), but the draws and the records are wrong: builds for measuring
# only. Prints per build the ns per event and x SimPy (median, min-max) and the
# ns per event that 60 x SimPy needs in the same rounds.
#
#   bench/ablation.sh                 7 rounds (builds first: about 5 minutes on 2 cores)
#   ROUNDS=11 bench/ablation.sh
#
# It builds HEAD's files (`git archive`: uncommitted changes are not in it) in a
# temporary directory.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
peers=${BENCH_PEERS:-$root/../shared/peers}
rounds=${ROUNDS:-7}
city_reps=${CITY_REPS:-20}
simpy_reps=${SIMPY_REPS:-10}
seed=${BENCH_SEED:-2}
py=/usr/bin/python3
scripts/install-missing.sh ablation python3-simpy3 python3-scipy >/dev/null

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/src" "$tmp/bin"
git archive HEAD | tar -x -C "$tmp/src"

build() {  # build NAME: the tree in $tmp/src as it is now, to $tmp/bin/NAME
  cmake -S "$tmp/src" -B "$tmp/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  nice cmake --build "$tmp/build" --parallel "$(nproc)" --target hemsim >"$tmp/build-$1.log" 2>&1 ||
    { tail -20 "$tmp/build-$1.log"; exit 1; }
  cp "$tmp/build/hemsim" "$tmp/bin/$1"
  if [ "$1" != base ] && cmp -s "$tmp/bin/base" "$tmp/bin/$1"; then
    echo "ablation: the build '$1' is the same as base: its edit did nothing" >&2
    exit 1
  fi
}

# edit FILE: replaces in FILE each pair of lines OLD<TAB>NEW read from stdin
# (`\n` in them a newline); fails, naming the file, when OLD is not there once.
edit() {
  cat >"$tmp/edit.txt"
  "$py" - "$tmp/src/$1" "$1" "$tmp/edit.txt" <<'EOF'
import sys
path, name, edits = sys.argv[1:4]
text = open(path).read()
for line in open(edits).read().splitlines():
    old, new = (part.replace("\\n", "\n") for part in line.split("\t"))
    if text.count(old) != 1:
        sys.exit(f"ablation: {name} changed: '{old.splitlines()[0]}' is not there once; update bench/ablation.sh")
    text = text.replace(old, new)
open(path, "w").write(text)
EOF
}

echo "ablation: building 4 variants of HEAD ($(git rev-parse --short HEAD))"
build base
cp "$tmp/src/src/engine/random.cpp" "$tmp/random.cpp"
edit src/engine/random.cpp <<'EOF'
        r123::Philox4x64 rng;\n        r123::Philox4x64::ctr_type c = {{ctr_[0], ctr_[1], ctr_[2], ctr_[3]}};\n        r123::Philox4x64::key_type k = {{key_[0], key_[1]}};\n        auto r = rng(c, k);\n        for (unsigned i = 0; i < 4; ++i) out_[i] = r.v[i];	        std::uint64_t z = ctr_[0] * 0x9e3779b97f4a7c15ull + ctr_[1] * 0xbf58476d1ce4e5b9ull + ctr_[2] * 0x94d049bb133111ebull + ctr_[3] * 0xd6e8feb86659fd93ull + key_[0] * 0xa0761d6478bd642full + key_[1];\n        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;\n        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;\n        z ^= z >> 31;\n        for (unsigned i = 0; i < 4; ++i) out_[i] = z * (2 * i + 0xe7037ed1a0b428dbull);
EOF
build rng
edit src/results/recorder.cpp <<'EOF'
void recorder::entered(double t, index_t placement, std::uint64_t attrs, std::uint64_t client) {	void recorder::entered(double t, index_t placement, std::uint64_t attrs, std::uint64_t client) {\n    if (t >= 0) return;
void recorder::left(double t, index_t placement, std::uint64_t attrs, std::uint64_t client) {	void recorder::left(double t, index_t placement, std::uint64_t attrs, std::uint64_t client) {\n    if (t >= 0) return;
void recorder::moved(double t, index_t transition, std::uint64_t attrs) {	void recorder::moved(double t, index_t transition, std::uint64_t attrs) {\n    if (t >= 0) return;
void recorder::queue_joined(double t, index_t queue) {	void recorder::queue_joined(double t, index_t queue) {\n    if (t >= 0) return;
void recorder::queue_left(double t, index_t queue, double wait_days) {	void recorder::queue_left(double t, index_t queue, double wait_days) {\n    if (t >= 0) return;
EOF
build both
cp "$tmp/random.cpp" "$tmp/src/src/engine/random.cpp"
build recorder

names=(base rng recorder both)
rows=$tmp/rows.jsonl
: >"$rows"
echo "ablation: $rounds rounds of SimPy city ($simpy_reps reps), then each build (city, $city_reps reps, 1 thread)"
for ((k = 0; k < rounds; k++)); do
  "$py" "$peers/simpy_kedjan.py" city "$simpy_reps" "$seed" >"$tmp/simpy.json"
  "$py" -c 'import json,sys; print(json.dumps({"round": int(sys.argv[2]), "bin": "simpy", "per_rep": json.load(open(sys.argv[1]))["wall_s_per_rep"]}))' \
    "$tmp/simpy.json" "$k" >>"$rows"
  for ((j = 0; j < ${#names[@]}; j++)); do
    name=${names[$(((j + k) % ${#names[@]}))]}  # each build goes first in turn
    "$tmp/bin/$name" run scenarios/bench/kedjan-city.toml --replications "$city_reps" --seed "$seed" --threads 1 \
      --out "$tmp/out" -q >"$tmp/run.log" 2>&1 || { cat "$tmp/run.log"; exit 1; }
    "$py" -c 'import json,sys; m=json.load(open(sys.argv[1])); print(json.dumps({"round": int(sys.argv[2]), "bin": sys.argv[3], "reps": int(sys.argv[4]), "events": m["events"], "wall_s": m["simulation_wall_seconds"]}))' \
      "$tmp/out/manifest.json" "$k" "$name" "$city_reps" >>"$rows"
  done
  echo "ablation: round $((k + 1))/$rounds done"
done

"$py" - "$rows" "${names[@]}" <<'EOF'
import json, statistics, sys
from collections import defaultdict
rows = [json.loads(line) for line in open(sys.argv[1])]
names = sys.argv[2:]
simpy = {r["round"]: r["per_rep"] for r in rows if r["bin"] == "simpy"}
ns, times, need = defaultdict(list), defaultdict(list), []
for r in rows:
    if r["bin"] == "simpy":
        continue
    per_rep = r["wall_s"] / (r["reps"] * 2)  # a replication simulates both alternatives
    ns[r["bin"]].append(1e9 * r["wall_s"] / r["events"])
    times[r["bin"]].append(simpy[r["round"]] / per_rep)
    if r["bin"] == "base":  # 60 x SimPy: a replication in simpy / 60, over its events
        need.append(1e9 * simpy[r["round"]] / 60 / (r["events"] / (r["reps"] * 2)))
fmt = lambda v, p: f"{statistics.median(v):.{p}f} ({min(v):.{p}f}-{max(v):.{p}f})"
print(f"{len(simpy)} rounds; SimPy kedjan city {fmt(list(simpy.values()), 3)} s per replication")
print(f"{'build':10} {'ns/event (city)':>22} {'x SimPy':>22}")
for n in names:
    print(f"{n:10} {fmt(ns[n], 1):>22} {fmt(times[n], 1):>22}")
print(f"60 x SimPy needs {fmt(need, 1)} ns/event on this machine")
EOF
