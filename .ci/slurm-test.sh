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

start=$SECONDS
while [ -n "$(squeue -h -j "$jid,$mid" 2>/dev/null)" ]; do
  [ $((SECONDS - start)) -lt "$TIMEOUT_S" ] || {
    scancel "$jid" "$mid" 2>/dev/null
    fail "jobs still queued or running after ${TIMEOUT_S}s: $(squeue -h -j "$jid,$mid" 2>/dev/null | tr '\n' ' ')"
  }
  sleep 1
done
echo "jobs done after $((SECONDS - start)) s"
for i in 0 1 2 3; do sed 's/^/  shard '"$i"': /' "$W/logs/shard-$i.out" 2>/dev/null; done
sed 's/^/  merge: /' "$W/logs/merge.out" 2>/dev/null | grep -v '^  merge: [a-z]* *[0-9]' | head -12

status=0
for f in runs.csv summary.csv compare.csv meta.json; do
  a=$(sha256sum <"$W/single/$f" 2>/dev/null | cut -c1-16)
  b=$(sha256sum <"$STUDY/results/$f" 2>/dev/null | cut -c1-16)
  if [ -n "$a" ] && [ "$a" = "$b" ]; then echo "  $f $a identical"; else
    echo "  $f single=${a:-missing} merged=${b:-missing}"
    status=1
  fi
done
[ "$status" = 0 ] || fail "the merged results differ from the single-machine run (logs in $W/logs)"
echo "slurm test: PASS (4 shards + merge on Slurm $(sinfo -V | cut -d' ' -f2), merged files byte-identical)"
stop
trap - EXIT
rm -rf "$W"
