#!/bin/bash
# The shards at once on a workstation with GNU parallel (one per core), then the merge.
set -euo pipefail
parallel --will-cite --halt now,fail=1 \
  build/hemsim run scenarios/enheten-for-hemlosa-2007.toml --replications 40 --seed 2007 \
  --shard {}/4 --threads 1 --out parts/{} -q ::: 0 1 2 3
build/hemsim merge parts/* --out merged -q
