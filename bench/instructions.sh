#!/usr/bin/env bash
# Instructions per event of the simulation, counted by callgrind: a yardstick
# that a shared machine's load does not move (the same binary, input and
# environment give the same count), for changes too small to tell apart in
# the time of alternating rounds on a noisy host. It counts work, not time:
# cache misses and the length of dependency chains are not in it.
#
#   bench/instructions.sh                          build/hemsim
#   bench/instructions.sh /tmp/hemsim-before build/hemsim
#   SET=kedjan-project REPS=20 bench/instructions.sh
#
# Per binary: the instructions executed inside the simulators' run (both
# alternatives of REPS replications of SET, one thread) per event, and the
# process's largest functions by their own instructions, per event (the
# writing of the files, e.g. std::to_chars, is among them: it is not in the
# simulation's figure).
set -euo pipefail
cd "$(dirname "$0")/.."
set_name=${SET:-kedjan-city}
reps=${REPS:-1}
top=${TOP:-12}
scripts/install-missing.sh instructions valgrind >/dev/null
[ $# -gt 0 ] || set -- build/hemsim
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for bin in "$@"; do
  [ -x "$bin" ] || { echo "instructions: $bin is not an executable (build first: cmake --build build)" >&2; exit 1; }
  valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$bin" run "scenarios/bench/$set_name.toml" \
    --replications "$reps" --seed 2 --threads 1 --out "$tmp/out" -q >"$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
  events=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["events"])' "$tmp/out/manifest.json")
  callgrind_annotate --inclusive=yes "$tmp/cg.out" >"$tmp/incl.txt"
  callgrind_annotate "$tmp/cg.out" >"$tmp/self.txt"
  /usr/bin/python3 - "$bin" "$set_name" "$reps" "$events" "$tmp/incl.txt" "$tmp/self.txt" "$top" <<'EOF'
import re, sys
bin_, set_name, reps, events, incl, self_, top = sys.argv[1:8]
events, top = int(events), int(top)
row = re.compile(r"^\s*([\d,]+) \(\s*[\d.]+%\)\s+(\S.*)$")
def rows(path):
    for line in open(path):
        m = row.match(line)
        if m and "PROGRAM TOTALS" not in line:
            yield int(m.group(1).replace(",", "")), m.group(2)
def name(fn):  # 'file:function(args) [object]' -> function
    return re.sub(r"\(.*$", "", fn.split(":", 1)[1])
run = [ir for ir, fn in rows(incl) if re.search(r"simulator::impl::run\(\)", fn)]
if not run:
    sys.exit("instructions: no simulator::impl::run in the profile (a build without symbols?)")
print(f"{bin_}: {set_name}, {reps} replication(s), {events} events: "
      f"{run[0] / events:.1f} instructions per event in the simulation")
for ir, fn in list(rows(self_))[:top]:
    print(f"  {ir / events:8.1f}  {name(fn)}")
EOF
done
