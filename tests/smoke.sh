#!/usr/bin/env bash
# Command-line smoke tests: the exit code exactly, what is printed and what is written.
#   tests/smoke.sh HEMSIM SOURCE_DIR SCRATCH
set -uo pipefail
exe=$1 src=$2 out=$3
fail() { echo "smoke: $*" >&2; exit 1; }
rm -rf "$out"
mkdir -p "$(dirname "$out")"

"$exe" --help > "$out.help" || fail "--help exited $?"
grep -q "hemsim run CASE.toml" "$out.help" || fail "--help does not list 'hemsim run CASE.toml'"

"$exe" frobnicate 2> "$out.err"
code=$?
[ "$code" -eq 2 ] || fail "an unknown command exited $code, not 2"
grep -q "unknown command 'frobnicate'" "$out.err" || fail "an unknown command is not named in the message"

"$exe" run "$src/scenarios/enheten-for-hemlosa-2007.toml" --replications 20 --out "$out" > "$out.run" \
  || fail "the default case exited $?"
for f in yearly.csv ledger.csv economics.csv manifest.json; do
  [ -s "$out/$f" ] || fail "the default case wrote no $f"
  grep -q "skrev $out/$f" "$out.run" || fail "the default case does not say it wrote $f"
done
grep -q "Nuvärde av skillnaden" "$out.run" || fail "the default case prints no NPV of the difference"
head -1 "$out/yearly.csv" | grep -q "^alternative,year,metric,mean,ci_low,ci_high,p05,p50,p95$" \
  || fail "yearly.csv has another header"
grep -q '"replications": 20' "$out/manifest.json" || fail "the manifest does not record 20 replications"

# hemsim new in the current folder (the default --out), then the case it wrote runs
# as it is, from any folder; a second new into it exits 2.
mkdir -p "$out.new" && (cd "$out.new" && "$exe" new fall > new.log) || fail "new exited $?"
[ -s "$out.new/fall/case.toml" ] && [ -s "$out.new/fall/model.toml" ] || fail "new wrote no case.toml and model.toml"
cmp -s "$out.new/fall/case.toml" "$src/templates/kedjan/case.toml" || fail "new's case.toml is not the kedjan template"
"$exe" run "$out.new/fall/case.toml" -r 5 --out "$out.new/run" > "$out.new/run.log" || fail "the new case exited $?"
(cd "$out.new" && "$exe" new fall 2> again.err)
code=$?
[ "$code" -eq 2 ] || fail "a second new exited $code, not 2"
grep -q "already there; nothing written" "$out.new/again.err" || fail "a second new does not say why"
rm -rf "$out" "$out.help" "$out.err" "$out.run" "$out.new"
echo "smoke: OK"
