#!/usr/bin/env bash
# A real single-node Slurm on this machine runs a hasim study as a job array of 4 shards and a
# dependent merge job (the scripts of docs/cluster/slurm/); the merged CSVs and meta.json must
# be byte-identical to the same study run on one machine. Needs root (installs Debian's
# slurm-wlm and munge when missing). Starts its own munged, slurmctld and slurmd on private
# ports with a generated slurm.conf, and stops them by PID at the end. Prints PASS or FAIL.
set -uo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
TIMEOUT_S=${SLURM_TEST_TIMEOUT_S:-300}
fail() {
  echo "slurm test: FAIL: $*"
  exit 1
}

[ "$(id -u)" = 0 ] || fail "needs root to install and start Slurm (got uid $(id -u))"
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
  echo "== installing slurm-wlm and munge (apt-get)"
  command -v apt-get >/dev/null || fail "slurm-wlm and munge are not installed and there is no apt-get"
  (timeout 300 apt-get update -qq && DEBIAN_FRONTEND=noninteractive timeout 600 \
    apt-get install -y -qq --no-install-recommends slurm-wlm munge) >/dev/null 2>&1 ||
    fail "could not install slurm-wlm and munge with apt-get"
fi
[ -f dist/src/cli/main.js ] || fail "dist/src/cli/main.js missing: run npm run build first"

W=$(mktemp -d /tmp/hasim-slurm.XXXXXX)
chmod 755 "$W"
PIDS=()
stop() {
  # Cancel what is left in our (private) cluster and let slurmd end its job steps first, so no
  # slurmstepd outlives the daemons.
  if [ -n "${SLURM_CONF:-}" ] && [ -f "$SLURM_CONF" ]; then
    scancel --partition=ci 2>/dev/null
    for _ in $(seq 30); do [ -z "$(squeue -h 2>/dev/null)" ] && break; sleep 0.5; done
    sleep 1
  fi
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
  done
}
trap stop EXIT

# hasim on PATH for the batch scripts (sbatch passes the environment on: --export=ALL).
mkdir -p "$W/bin" "$W/state" "$W/spool" "$W/logs" "$W/munge"
printf '#!/bin/sh\nexec node %q "$@"\n' "$REPO/dist/src/cli/main.js" >"$W/bin/hasim"
chmod +x "$W/bin/hasim"
export PATH="$W/bin:$PATH"

echo "== starting munged, slurmctld, slurmd in $W"
chmod 700 "$W/munge"
dd if=/dev/urandom of="$W/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$W/munge/munge.key"
munged -F --force --key-file="$W/munge/munge.key" --socket="$W/munge/munge.sock" \
  --pid-file="$W/munge/munged.pid" --seed-file="$W/munge/seed" \
  --log-file="$W/munge/munged.log" >/dev/null 2>&1 &
PIDS+=($!)
for _ in $(seq 50); do [ -S "$W/munge/munge.sock" ] && break; sleep 0.1; done
[ -S "$W/munge/munge.sock" ] || fail "munged did not start ($(tail -3 "$W/munge/munged.log" 2>/dev/null))"

NODE=$(hostname -s)
export SLURM_CONF="$W/slurm.conf"
cat >"$SLURM_CONF" <<CONF
ClusterName=hasimci
SlurmctldHost=$NODE(127.0.0.1)
SlurmctldPort=16817
SlurmdPort=16818
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$W/munge/munge.sock
CredType=cred/munge
StateSaveLocation=$W/state
SlurmdSpoolDir=$W/spool
SlurmctldPidFile=$W/slurmctld.pid
SlurmdPidFile=$W/slurmd.pid
SlurmctldLogFile=$W/logs/slurmctld.log
SlurmdLogFile=$W/logs/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
NodeName=$NODE NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=ci Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
CONF
slurmctld -D -i -f "$SLURM_CONF" >"$W/logs/slurmctld.out" 2>&1 &
PIDS+=($!)
slurmd -D -N "$NODE" -f "$SLURM_CONF" >"$W/logs/slurmd.out" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do
  sinfo -h -o %T 2>/dev/null | grep -Eq '^(idle|mixed|allocated)' && break
  sleep 0.2
done
sinfo -h -o %T 2>/dev/null | grep -Eq '^(idle|mixed|allocated)' ||
  fail "the Slurm node did not come up: $(tail -3 "$W/logs/slurmctld.log" "$W/logs/slurmd.log" 2>/dev/null | tr '\n' ' ')"

# The study: the CLI tests' small scenario, 8 replications × 3 policies = 24 units, 4 shards.
SCENARIO=test/cli/fixtures/tiny.yaml
HASIM_ARGS="--replications 8"
STUDY="$W/study"
export SCENARIO HASIM_ARGS STUDY
echo "== sbatch --array=0-3 docs/cluster/slurm/study.sbatch, then the merge job"
jid=$(sbatch --parsable --array=0-3 --chdir="$REPO" --output="$W/logs/shard-%a.out" \
  docs/cluster/slurm/study.sbatch) || fail "sbatch of the array failed"
jid=${jid%%;*}
mid=$(sbatch --parsable --dependency=afterok:"$jid" --chdir="$REPO" \
  --output="$W/logs/merge.out" docs/cluster/slurm/merge.sbatch) || fail "sbatch of the merge job failed"
mid=${mid%%;*}
echo "array job $jid, merge job $mid"

# The same study on one machine, while Slurm runs.
# shellcheck disable=SC2086
hasim run "$SCENARIO" $HASIM_ARGS -q --out "$W/single" >/dev/null 2>&1 || fail "single-machine run failed"

# Waits (bounded) until the given jobs have left the queue.
wait_jobs() {
  local start=$SECONDS
  while [ -n "$(squeue -h -j "$1" 2>/dev/null)" ]; do
    [ $((SECONDS - start)) -lt "$TIMEOUT_S" ] || {
      scancel "${1//,/ }" 2>/dev/null
      fail "jobs $1 still queued or running after ${TIMEOUT_S}s: $(squeue -h -j "$1" 2>/dev/null | tr '\n' ' ')"
    }
    sleep 1
  done
  echo "jobs $1 done after $((SECONDS - start)) s"
}

# Compares the merged files with the single-machine run's.
compare() {
  local status=0 a b f
  for f in runs.csv summary.csv compare.csv meta.json; do
    a=$(sha256sum <"$W/single/$f" 2>/dev/null | cut -c1-16)
    b=$(sha256sum <"$STUDY/results/$f" 2>/dev/null | cut -c1-16)
    if [ -n "$a" ] && [ "$a" = "$b" ]; then echo "  $f $a identical"; else
      echo "  $f single=${a:-missing} merged=${b:-missing}"
      status=1
    fi
  done
  [ "$status" = 0 ] || fail "$1: the merged results differ from the single-machine run (logs in $W/logs)"
}

wait_jobs "$jid,$mid"
for i in 0 1 2 3; do sed 's/^/  shard '"$i"': /' "$W/logs/shard-$i.out" 2>/dev/null; done
grep -E '^(complete|incomplete|hasim)' "$W/logs/merge.out" | sed 's/^/  merge: /'
compare "4 shards + merge"

echo "== a lost shard: delete shard 2, re-run it alone (--array=2, SHARDS=4), merge again"
rm -rf "$STUDY/shards/shard-2-of-4" "$STUDY/results"
hasim merge "$STUDY/shards" --status >/dev/null 2>&1 && fail "merge --status did not notice the missing shard"
jid=$(SHARDS=4 sbatch --parsable --array=2 --chdir="$REPO" --output="$W/logs/rerun-%a.out" \
  docs/cluster/slurm/study.sbatch) || fail "sbatch of the re-run failed"
jid=${jid%%;*}
mid=$(sbatch --parsable --dependency=afterok:"$jid" --chdir="$REPO" \
  --output="$W/logs/merge2.out" docs/cluster/slurm/merge.sbatch) || fail "sbatch of the second merge failed"
mid=${mid%%;*}
wait_jobs "$jid,$mid"
sed 's/^/  re-run: /' "$W/logs/rerun-2.out" 2>/dev/null
compare "re-run shard + merge"
echo "slurm test: PASS (Slurm $(sinfo -V | cut -d" " -f2): 4 shards + merge, then a lost shard re-run alone + merge; merged files byte-identical to one machine)"
stop
trap - EXIT
rm -rf "$W"
