#!/usr/bin/env bash
# ctest's cluster.slurm: the README's Slurm recipe on a single-node Slurm of
# this host. Starts munged, slurmctld and slurmd from Debian's packages in the
# background (no systemd), their key, socket, state, spool, logs and pids in a
# scratch folder, with a slurm.conf generated for this host (hostname -s,
# nproc, memory); runs tests/cluster/submit.sh (the shards of
# tests/cluster/shards.sbatch as a 4-task job array, the merge as a job
# dependent on it, the merge job's state checked); then checks that the merged
# files are the single run's, byte for byte. Stops the daemons and removes the
# folder however it ends.
#   tests/cluster/slurm.sh HEMSIM SOURCE_DIR
set -euo pipefail
name=cluster-slurm
hemsim=$(realpath "$1") source=$(realpath "$2")
# shellcheck source=tests/cluster/common.sh
. "${source}/tests/cluster/common.sh"

for tool in munged mungekey slurmctld slurmd sbatch scontrol sinfo python3; do
  command -v "${tool}" > /dev/null || fail "${tool} is not installed (scripts/bootstrap.sh installs it)"
done
[[ $(id -u) -eq 0 ]] || fail "runs as root (the daemons run as root: SlurmUser=root)"
check_readme_shows shards.sbatch submit.sh

make_work
run=${work}/slurm
mkdir -p "${run}"/{state,spool,log,pid,munge-key,munge-socket}
chmod 700 "${run}/munge-key"
chmod 755 "${run}/munge-socket"
pids=()

# On a failure: the jobs' output, then each daemon's log (its stderr when it
# wrote no log file, e.g. when it could not start).
dump_logs() {
  local f
  for f in "${work}"/logs/* "${run}"/log/*; do
    [[ -f ${f} ]] || continue
    [[ ${f} == *.stderr && -s ${f%.stderr}.log ]] && continue
    echo "----- ${f#"${work}"/} (last 30 lines)" >&2
    tail -n 30 "${f}" >&2
  done
}
cleanup() {
  local code=$? pid
  [[ ${code} -eq 0 ]] || dump_logs
  # Jobs still there (a failure) end first: their processes are not the daemons' children.
  if [[ -f ${SLURM_CONF:-} ]]; then
    timeout 10 scancel --quiet --user="$(id -un)" 2> /dev/null || true
    sleep 1
  fi
  for pid in "${pids[@]}"; do kill "${pid}" 2> /dev/null || true; done
  for pid in "${pids[@]}"; do timeout 20 tail --pid="${pid}" -f /dev/null || kill -9 "${pid}" 2> /dev/null || true; done
  rm -rf "${work}"
  exit "${code}"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# munge: a key of its own and a socket that nothing else uses; in the
# foreground it logs to stderr.
socket=${run}/munge-socket/munge.socket
mungekey --create --keyfile "${run}/munge-key/munge.key" || fail "mungekey exited $?"
munged --foreground --key-file "${run}/munge-key/munge.key" --socket "${socket}" \
  --pid-file "${run}/pid/munged.pid" --seed-file "${run}/munge-key/munged.seed" \
  2> "${run}/log/munged.stderr" &
pids+=($!)
timeout 20 bash -c "until [[ -S '${socket}' ]]; do sleep 0.2; done" || fail "munged made no socket within 20 s"

# slurm.conf for this host: one node with all its CPUs and 90 % of its memory,
# one partition; ports other than the default ones so that a Slurm already
# on the machine is not disturbed; no cgroups, no accounting database (jobs
# stay known to scontrol for an hour instead).
host=$(hostname -s)
cpus=$(nproc)
memory=$(($(awk '/^MemTotal:/ { print $2 }' /proc/meminfo) * 9 / 10240))
export SLURM_CONF=${run}/slurm.conf
cat > "${SLURM_CONF}" << CONF
ClusterName=hemsim-test
SlurmctldHost=${host}(127.0.0.1)
SlurmctldPort=16817
SlurmdPort=16818
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=${socket}
StateSaveLocation=${run}/state
SlurmdSpoolDir=${run}/spool
SlurmctldPidFile=${run}/pid/slurmctld.pid
SlurmdPidFile=${run}/pid/slurmd.pid
SlurmctldLogFile=${run}/log/slurmctld.log
SlurmdLogFile=${run}/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
MailProg=/bin/true
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SlurmdParameters=config_overrides
ReturnToService=2
MinJobAge=3600
NodeName=${host} NodeAddr=127.0.0.1 CPUs=${cpus} RealMemory=${memory} State=UNKNOWN
PartitionName=test Nodes=${host} Default=YES MaxTime=INFINITE State=UP
CONF

slurmctld -D -f "${SLURM_CONF}" 2> "${run}/log/slurmctld.stderr" &
pids+=($!)
timeout 30 bash -c 'until scontrol ping 2> /dev/null | grep -q "is UP"; do sleep 0.5; done' \
  || fail "slurmctld did not answer within 30 s"
slurmd -D -f "${SLURM_CONF}" 2> "${run}/log/slurmd.stderr" &
pids+=($!)
timeout 60 bash -c "until sinfo -h -n '${host}' -o %t 2> /dev/null | grep -qx idle; do sleep 0.5; done" \
  || fail "node ${host} was not idle within 60 s: $(sinfo -h -n "${host}" -o '%t %E' 2>&1)"
echo "${name}: Slurm $(sinfo -V | cut -d' ' -f2) up, node ${host} with ${cpus} CPUs and ${memory} MB"

(cd "${work}" && POLL_SECONDS=1 timeout 180 tests/cluster/submit.sh) || fail "tests/cluster/submit.sh exited $?"
for k in 0 1 2 3; do
  [[ -s ${work}/parts/${k}/partial-${k}-of-4.bin ]] || fail "array task ${k} wrote no parts/${k}/partial-${k}-of-4.bin"
done
single_run
compare_with_single
echo "${name}: OK"
