#!/bin/bash
# Submits the shards as a job array and the merge as a job that runs only once
# every shard has exited 0, waits for the merge and fails unless it COMPLETED.
set -euo pipefail
mkdir -p logs parts
jid=$(sbatch --parsable tests/cluster/shards.sbatch)
mid=$(sbatch --parsable --dependency=afterok:"${jid}" --job-name=hemsim-merge \
  --output=logs/%x-%j.out --wrap 'build/hemsim merge parts/* --out merged -q')
echo "shards: job ${jid}, merge: job ${mid}"
# `sbatch --wait` is no check: it returns 0 when the dependency is never met.
while :; do
  job=$(scontrol -o show job "${mid}") || { echo "merge job ${mid} is no longer known" >&2; exit 1; }
  state=$(grep -o 'JobState=[A-Z_]*' <<< "${job}")
  case ${state#JobState=} in
    COMPLETED) break ;;
    PENDING | CONFIGURING | RUNNING | COMPLETING)
      if [[ ${job} == *Reason=DependencyNeverSatisfied* ]]; then
        scancel "${mid}"
        echo "merge job ${mid} cancelled: a shard of job ${jid} failed (see logs/)" >&2
        exit 1
      fi
      sleep "${POLL_SECONDS:-30}" ;;
    *)
      echo "merge job ${mid} ended ${state#JobState=} (see logs/)" >&2
      exit 1 ;;
  esac
done
test -s merged/yearly.csv || { echo "merge job ${mid} completed but wrote no merged/yearly.csv" >&2; exit 1; }
echo "merged: job ${mid} COMPLETED"
