# shellcheck shell=bash
# Shared by the cluster tests (slurm.sh, parallel.sh); sourced, not run.
# Expects: name (the test's name for its messages), hemsim (the executable)
# and source (the source tree).
# shellcheck disable=SC2154

fail() {
  echo "${name}: FAILED: $*" >&2
  exit 1
}

# A scratch folder laid out like the repository's root, as the recipes expect
# (build/hemsim, scenarios/, models/, tests/cluster/), with the outputs
# (logs/, parts/, merged/, single/) inside it and nothing written to the
# source tree. Sets work.
make_work() {
  work=$(mktemp -d "${TMPDIR:-/tmp}/hemsim-${name}.XXXXXX")
  chmod 755 "${work}"
  mkdir -p "${work}/build" "${work}/tests"
  ln -s "${hemsim}" "${work}/build/hemsim"
  ln -s "${source}/scenarios" "${work}/scenarios"
  ln -s "${source}/models" "${work}/models"
  ln -s "${source}/tests/cluster" "${work}/tests/cluster"
}

# The recipe files are shown verbatim in the README's section on clusters.
check_readme_shows() {
  local readme recipe content
  readme=$(< "${source}/README.md")
  for recipe in "$@"; do
    content=$(< "${source}/tests/cluster/${recipe}")
    [[ ${readme} == *"${content}"* ]] || fail "README.md does not show tests/cluster/${recipe} verbatim"
  done
}

# The same case, seed and replications as the recipes, in one run. The case is
# named by its absolute path, as a shard records it for the merge, so that the
# manifests name the same input files the same way.
single_run() {
  (cd "${work}" && timeout 120 build/hemsim run "${work}/scenarios/enheten-for-hemlosa-2007.toml" \
    --replications 40 --seed 2007 --threads 1 --out single -q) || fail "the single run exited $?"
}

# The names of the files in a folder, on one line.
names() {
  local f list=()
  for f in "$1"/*; do list+=("${f##*/}"); done
  echo "${list[*]}"
}

# merged/ holds the same files as single/, byte for byte (the CSVs, as
# tests/test_cli.cpp checks for shards merged in-process), and the same
# manifest.json except for the three fields that record how the files were
# made rather than what they hold: the command line (merge against run), the
# thread count and the simulation's wall time (a merge records 0 for both).
compare_with_single() {
  local merged=${work}/merged single=${work}/single f
  [[ -s ${single}/yearly.csv ]] || fail "the single run wrote no yearly.csv"
  [[ "$(names "${merged}")" == "$(names "${single}")" ]] \
    || fail "merged/ has other files than single/: $(names "${merged}") against $(names "${single}")"
  for f in "${single}"/*; do
    f=$(basename "${f}")
    if [[ ${f} == manifest.json ]]; then
      python3 - "${merged}/${f}" "${single}/${f}" << 'PY' || fail "manifest.json differs beyond command, threads and simulation_wall_seconds"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for j in (a, b):
    for key in ("command", "threads", "simulation_wall_seconds"):
        j.pop(key)
sys.exit(0 if a == b else 1)
PY
    else
      cmp "${merged}/${f}" "${single}/${f}" || fail "${f} of the merge differs from the single run's"
    fi
  done
  echo "${name}: $(names "${merged}") identical to the single run's"
}
