#!/usr/bin/env bash
# The result-writing benchmark (bench/README.md, "Write"): `measurec run` of
# the 2022 CBI program on `measurec gen` populations of 100,000 and 1,000,000
# members, RUNS runs each, reading `timings.write` from run.json (the time
# from the end of scoring to the last result file) and the whole run's wall
# time and peak memory from /usr/bin/time. With a second binary (BEFORE, say
# main at 9f6f3a7), the two run in turn, A B A B ..., so that a change in the
# machine's load reaches both, and the ratio of the medians is printed.
#
#   bench/write/run.sh [MEASUREC] [BEFORE] [WORK_DIR]
#
# Defaults: build/measurec, no BEFORE, /tmp/measurec-bench-write (the
# populations, 107 MB and 1.1 GB, and the results, ~0.9 GB for 1M; never in
# git). MEMBERS="100000 1000000", RUNS=5 and THREADS=2 may be set. Run it on
# a quiet machine: the figures are wall times.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/common.sh
bin=$(realpath "${1:-build/measurec}")
before=${2:+$(realpath "$2")}
work=${3:-/tmp/measurec-bench-write}
members=${MEMBERS:-100000 1000000}
runs=${RUNS:-5}
threads=${THREADS:-2}
mkdir -p "$work"

machine_line

# One run: "write_seconds wall_seconds peak_kb" on one line.
one_run() {  # BIN DATA OUT
  rm -rf "$3"
  /usr/bin/time -f '%e %M' -o "$work/time" \
    "$1" run --program measures/2022/cbi --data "$2" --out "$3" --threads "$threads" >/dev/null
  python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['timings']['write'], end=' ')" \
    "$3/run.json"
  cat "$work/time"
}

for n in $members; do
  data="$work/gen$n"
  if [ ! -s "$data/members.csv" ]; then
    "$bin" gen --members "$n" --seed 1 --out "$data" --threads "$threads" >/dev/null
  fi
  echo "== $n members ($(du -smL "$data" | cut -f1) MB), $runs runs, --threads $threads, load $(cut -d' ' -f1-3 /proc/loadavg)"
  : >"$work/after.txt"
  : >"$work/before.txt"
  for _ in $(seq "$runs"); do
    one_run "$bin" "$data" "$work/out" >>"$work/after.txt"
    [ -z "$before" ] || one_run "$before" "$data" "$work/out" >>"$work/before.txt"
  done
  echo "   output: $(du -sm "$work/out" | cut -f1) MB"
  for who in after before; do
    [ -s "$work/$who.txt" ] || continue
    echo "   $who: timings.write (median min max) $(cut -d' ' -f1 "$work/$who.txt" | spread) s;" \
      "whole run wall $(cut -d' ' -f2 "$work/$who.txt" | spread) s;" \
      "peak $(cut -d' ' -f3 "$work/$who.txt" | spread | awk '{printf "%d %d %d", $1 / 1024, $2 / 1024, $3 / 1024}') MB"
  done
  if [ -s "$work/before.txt" ]; then
    a=$(cut -d' ' -f1 "$work/after.txt" | spread | cut -d' ' -f1)
    b=$(cut -d' ' -f1 "$work/before.txt" | spread | cut -d' ' -f1)
    echo "   timings.write before / after: $(python3 -c "print(round($b / $a, 1))")x"
  fi
  rm -rf "$work/out"
done
echo "== load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
