#!/usr/bin/env bash
# ctest's cluster.parallel: the README's workstation recipe,
# tests/cluster/shards-parallel.sh (the four shards with GNU parallel, then the
# merge), in a scratch folder; the merged files against a single run, byte for
# byte.
#   tests/cluster/parallel.sh HEMSIM SOURCE_DIR
set -euo pipefail
name=cluster-parallel
hemsim=$(realpath "$1") source=$(realpath "$2")
# shellcheck source=tests/cluster/common.sh
. "${source}/tests/cluster/common.sh"

command -v parallel > /dev/null || fail "GNU parallel is not installed (scripts/bootstrap.sh installs it)"
parallel --version 2> /dev/null | grep -q "GNU parallel" || fail "parallel is not GNU parallel (moreutils has one too)"
check_readme_shows shards-parallel.sh

make_work
trap 'rm -rf "${work}"' EXIT
(cd "${work}" && timeout 180 tests/cluster/shards-parallel.sh) || fail "tests/cluster/shards-parallel.sh exited $?"
single_run
compare_with_single
echo "${name}: OK"
