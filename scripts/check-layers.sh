#!/usr/bin/env bash
# Lists each layer's includes of the project's own headers and fails on one
# that is not allowed: upward (the build refuses those too, see
# src/CMakeLists.txt), or skipping to a layer the layer must not read directly
# (economics and the analytic chain read results, never the engine).
#
#   scripts/check-layers.sh          the table, then OK or the offending lines (exit 1)
set -euo pipefail
cd "$(dirname "$0")/../src"

declare -A allowed=(
  [model]="model"
  [engine]="engine model"
  [results]="results engine model"
  [econ]="econ results model"
  [analytic]="analytic results model"
  [app]="app econ analytic results engine model"
  [report]="report app econ analytic results model"
  [web]="web report app econ analytic results model"
  [cli]="cli web report app econ analytic results model"
)
order="model engine results econ analytic app report web cli"

bad=0
printf '%-9s %s\n' layer "includes (layers)"
for layer in $order; do
  used=$(grep -ho '#include "[a-z_]*/' "$layer"/*.hpp "$layer"/*.cpp 2>/dev/null | sed 's/#include "//; s#/##' | sort -u | tr '\n' ' ')
  printf '%-9s %s\n' "$layer" "$used"
  for f in "$layer"/*.hpp "$layer"/*.cpp; do
    [ -e "$f" ] || continue
    while IFS= read -r line; do
      inc=$(sed -n 's/^#include "\([a-z_]*\)\/.*/\1/p' <<< "$line")
      [ -n "$inc" ] || continue
      [ "$inc" = "hemsim_version.hpp" ] && continue
      if ! grep -qw "$inc" <<< "${allowed[$layer]}"; then
        echo "  not allowed: src/$f includes $inc/ ($layer may include: ${allowed[$layer]})"
        bad=1
      fi
    done < <(grep '^#include "' "$f")
  done
done
# main.cpp is the command line's: it sees cli only.
if grep '^#include "' main.cpp | grep -qv '"cli/'; then
  echo "  not allowed: src/main.cpp includes more than cli/"
  bad=1
fi
if [ "$bad" -ne 0 ]; then
  echo "check-layers: includes against the layering above"
  exit 1
fi
echo "check-layers: OK"
