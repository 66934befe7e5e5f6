#!/usr/bin/env bash
# The CSV loading benchmark (bench/README.md, "Load"): `measurec run` of the
# 2022 CBI program on `measurec gen` populations (100,000 and 1,000,000
# members by default), at --threads 1 and 2, RUNS runs each. It reads
# `timings.load` from run.json (reading the data directory into the store,
# bad-row checks included) and the whole run's wall time, CPU time (user +
# system: a busy machine does not inflate it) and peak memory from
# /usr/bin/time, and prints MB/s per core = CSV bytes / (load wall time x
# threads) at the median and at the best run. The JIT scores (the score
# phase is not measured here, and the JIT's is the shortest: more runs in
# the same minutes of a VM whose speed drifts).
#
#   bench/load/run.sh [MEASUREC] [WORK_DIR]
#
# Defaults: build/measurec, /tmp/measurec-bench-load (the populations, about
# 0.2 and 2 GB; never in git). MEMBERS="100000 1000000", THREADS="1 2" and
# RUNS=3 may be set. Run it on a quiet machine: the load figures are wall
# times (the load average is printed with each population).
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/common.sh
bin=$(realpath "${1:-build/measurec}")
work=${2:-/tmp/measurec-bench-load}
members=${MEMBERS:-100000 1000000}
threads_list=${THREADS:-1 2}
runs=${RUNS:-3}
mkdir -p "$work"

machine_line

# One run: "load_seconds wall_seconds cpu_seconds peak_kb" on one line.
one_run() {  # DATA OUT THREADS
  rm -rf "$2"
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" \
    "$bin" run --program measures/2022/cbi --data "$1" --out "$2" --threads "$3" \
    --engine jit >/dev/null
  python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['timings']['load'], end=' ')" \
    "$2/run.json"
  awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' "$work/time"
}

for n in $members; do
  data="$work/gen$n"
  if [ ! -s "$data/members.csv" ]; then
    "$bin" gen --members "$n" --seed 1 --out "$data" >/dev/null
  fi
  bytes=$(cat "$data"/*.csv | wc -c)
  echo "== $n members: $bytes bytes of CSV ($((bytes / 1000000)) MB)"
  # Warm the page cache so that every run reads from memory.
  cat "$data"/*.csv >/dev/null
  for t in $threads_list; do
    : >"$work/runs.txt"
    for _ in $(seq "$runs"); do one_run "$data" "$work/out" "$t" >>"$work/runs.txt"; done
    load=$(cut -d' ' -f1 "$work/runs.txt" | spread)
    mid=$(echo "$load" | cut -d' ' -f1)
    best=$(echo "$load" | cut -d' ' -f2)
    echo "   --threads $t (load avg $(cut -d' ' -f1-3 /proc/loadavg)):" \
      "timings.load (median min max) $load s;" \
      "MB/s per core at the median $(python3 -c "print(round($bytes / 1e6 / ($mid * $t)))")," \
      "at the min $(python3 -c "print(round($bytes / 1e6 / ($best * $t)))");" \
      "whole run wall $(cut -d' ' -f2 "$work/runs.txt" | spread) s;" \
      "CPU $(cut -d' ' -f3 "$work/runs.txt" | spread) s;" \
      "peak $(cut -d' ' -f4 "$work/runs.txt" | spread | awk '{printf "%d %d %d", $1 / 1024, $2 / 1024, $3 / 1024}') MB"
  done
  rm -rf "$work/out"
done
echo "== load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
