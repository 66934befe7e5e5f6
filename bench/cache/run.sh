#!/usr/bin/env bash
# The binary cache benchmark (bench/README.md, "Cache"): on `measurec gen`
# populations of 100,000 and 1,000,000 members, `measurec ingest` (wall time,
# peak memory, cache size against the CSV's), then RUNS runs each of the
# 2022 CBI program from the CSV directory and from the cache, in turn (CSV,
# cache, CSV, cache, ...: a change in the machine's load reaches both):
# timings.load from run.json, the whole run's wall time and peak memory from
# /usr/bin/time, and the peak against the cache's size.
#
#   bench/cache/run.sh [MEASUREC] [WORK_DIR]
#
# Defaults: build/measurec, /tmp/measurec-bench-cache (the populations, 107
# MB and 1.1 GB, their caches and the results; never in git).
# MEMBERS="100000 1000000", RUNS=3, THREADS=2 and ENGINE=interp may be set.
# Run it on a quiet machine: the figures are wall times.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/common.sh
bin=$(realpath "${1:-build/measurec}")
work=${2:-/tmp/measurec-bench-cache}
members=${MEMBERS:-100000 1000000}
runs=${RUNS:-3}
threads=${THREADS:-2}
engine=${ENGINE:-interp}
mkdir -p "$work"

machine_line

# One run: "load_seconds wall_seconds peak_kb" on one line.
one_run() {  # DATA OUT
  rm -rf "$2"
  /usr/bin/time -f '%e %M' -o "$work/time" \
    "$bin" run --program measures/2022/cbi --data "$1" --out "$2" --threads "$threads" \
    --engine "$engine" >/dev/null
  python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['timings']['load'], end=' ')" \
    "$2/run.json"
  cat "$work/time"
}

for n in $members; do
  data="$work/gen$n"
  cache="$work/gen$n.mcache"
  if [ ! -s "$data/members.csv" ]; then
    "$bin" gen --members "$n" --seed 1 --out "$data" --threads "$threads" >/dev/null
  fi
  csv_bytes=$(cat "$data"/*.csv | wc -c)
  echo "== $n members, CSV $((csv_bytes / 1048576)) MB, load $(cut -d' ' -f1-3 /proc/loadavg)"
  rm -f "$cache"
  /usr/bin/time -f '%e %M' -o "$work/time" "$bin" ingest "$data" --out "$cache" >/dev/null
  read -r ingest_wall ingest_kb <"$work/time"
  cache_bytes=$(stat -c %s "$cache")
  echo "   ingest: ${ingest_wall} s, peak $((ingest_kb / 1024)) MB; cache $((cache_bytes / 1048576)) MB" \
    "($(python3 -c "print(f'{$cache_bytes / $csv_bytes:.2f}')") x the CSV)"
  : >"$work/csv.txt"
  : >"$work/cache.txt"
  for _ in $(seq "$runs"); do
    one_run "$data" "$work/out" >>"$work/csv.txt"
    one_run "$cache" "$work/out" >>"$work/cache.txt"
  done
  for from in csv cache; do
    peak_kb=$(cut -d' ' -f3 "$work/$from.txt" | sort -g | tail -1)
    echo "   run from $from ($runs runs, --threads $threads, --engine $engine):" \
      "timings.load (median min max) $(cut -d' ' -f1 "$work/$from.txt" | spread) s;" \
      "wall $(cut -d' ' -f2 "$work/$from.txt" | spread) s; peak $((peak_kb / 1024)) MB" \
      "($(python3 -c "print(f'{$peak_kb * 1024 / $cache_bytes:.2f}')") x the cache)"
  done
  echo "   load $(cut -d' ' -f1-3 /proc/loadavg)"
done
