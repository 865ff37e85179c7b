#!/usr/bin/env bash
# Scaling of `statecraft sweep` on this machine: 1 thread, 2 threads, 2 MPI ranks x 1
# thread; wall and CPU time (/usr/bin/time), the load average before each run, and a
# byte comparison of the three tables. Usage: bench/sweep_scaling.sh SCENARIO SPEC
set -euo pipefail
scenario=$1
spec=$2
bin=${STATECRAFT:-./build/bin/statecraft}
out=${OUT:-/tmp/statecraft-scaling}
mkdir -p "$out"
export OMPI_MCA_plm_rsh_agent=sh OMPI_MCA_btl_vader_single_copy_mechanism=none
run() {
  local name=$1 threads=$2
  shift 2
  echo "== $name; load before: $(uptime | sed 's/.*load average: //')"
  /usr/bin/time -f "$name: wall %e s, user %U s, sys %S s" "$@" --no-record --quiet sweep "$scenario" --spec "$spec" \
    --format csv -o "$out/$name.csv" --threads "$threads" >"$out/$name.summary" </dev/null
  head -1 "$out/$name.summary"
}
run threads1 1 "$bin"
run threads2 2 "$bin"
# setsid: mpirun signals its process group on exit, which would take this script with it.
run ranks2 1 setsid mpirun --oversubscribe --allow-run-as-root -np 2 "$bin"
cmp "$out/threads1.csv" "$out/threads2.csv" && cmp "$out/threads1.csv" "$out/ranks2.csv" && echo "tables identical ($(wc -l <"$out/threads1.csv") lines)"
