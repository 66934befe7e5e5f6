#!/usr/bin/env bash
# The whole-run benchmark (bench/README.md, "Whole run, every phase"): on
# `measurec gen` populations (default 100,000 and 1,000,000 members, seed 1)
# the 2022 CBI program is run from the CSV directory and from its binary
# cache, with both engines and 1 and 2 threads, RUNS times each in turn (a
# change in the machine's load reaches every case). Per case: the median of
# run.json's phase timings (load, compile, score, of it the engine, write)
# and of the wall time, the minimum wall time, the peak memory (max RSS) and
# the peak against the cache's size, the load's rate per core from CSV
# (the CSV's bytes / load / threads) and the share of the run's processor
# time the host took (steal, /proc/stat: on a shared VM the one reading that
# says a slow run was the host's); then the ratios the issue's targets name
# (scaling 100k -> 1M, interp/jit engine and whole run).
#
#   bench/whole/run.sh [MEASUREC] [WORK_DIR]
#
# Defaults: build/measurec, /tmp/measurec-bench-whole (populations, caches,
# results; never in git). MEMBERS, RUNS (3), THREAD_COUNTS ("1 2") and DATA
# (a data directory to use instead of generating one, for a single size)
# may be set. The JIT's object cache is warmed by a first run that is not
# counted. Run it on a quiet machine: the figures are wall times.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/common.sh
bin=$(realpath "${1:-build/measurec}")
work=${2:-/tmp/measurec-bench-whole}
members=${MEMBERS:-100000 1000000}
runs=${RUNS:-3}
thread_counts=${THREAD_COUNTS:-1 2}
mkdir -p "$work"
export MEASUREC_JIT_CACHE="$work/jit-cache"

machine_line

# The machine's processor time so far (/proc/stat's first line: user nice
# system idle iowait irq softirq steal, in ticks).
cpu_ticks() { head -1 /proc/stat | cut -d' ' -f3-10; }

# One run; appends "wall peak_kb load compile score engine write steal%"
# to FILE.
one_run() {  # DATA ENGINE THREADS FILE
  rm -rf "$work/out"
  local before
  before=$(cpu_ticks)
  /usr/bin/time -f '%e %M' -o "$work/time" "$bin" run --program measures/2022/cbi \
    --data "$1" --out "$work/out" --engine "$2" --threads "$3" >/dev/null
  python3 - "$work/out/run.json" "$work/time" "$before" "$(cpu_ticks)" >>"$4" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))["timings"]
wall, peak = open(sys.argv[2]).read().split()
ticks = [int(b) - int(a) for a, b in zip(sys.argv[3].split(), sys.argv[4].split())]
steal = 100 * ticks[7] / max(1, sum(ticks))
print(wall, peak, t["load"], t["compile"], t["score"], t["score_engine"], t["write"],
      f"{steal:.1f}")
PY
}

# The median of column N of FILE.
median() { cut -d' ' -f"$2" "$1" | spread | cut -d' ' -f1; }

for n in $members; do
  data=${DATA:-$work/gen$n}
  cache="$work/gen$n.mcache"
  if [ ! -s "$data/members.csv" ]; then
    "$bin" gen --members "$n" --seed 1 --out "$data" >/dev/null
  fi
  csv_bytes=$(cat "$data"/*.csv | wc -c)
  rm -f "$cache"
  /usr/bin/time -f '%e %M' -o "$work/time" "$bin" ingest "$data" --out "$cache" >/dev/null
  read -r ingest_wall ingest_kb <"$work/time"
  cache_bytes=$(stat -c %s "$cache")
  echo
  echo "== $n members: CSV $((csv_bytes / 1000000)) MB, cache $((cache_bytes / 1000000)) MB" \
    "(ingest ${ingest_wall} s, peak $((ingest_kb / 1024)) MiB); load $(cut -d' ' -f1-3 /proc/loadavg)"
  one_run "$cache" jit 2 /dev/null  # warms the JIT's object cache
  cases=()
  for from in csv cache; do
    for engine in interp jit; do
      for threads in $thread_counts; do
        cases+=("$from $engine $threads")
        : >"$work/$from-$engine-$threads.txt"
      done
    done
  done
  for _ in $(seq "$runs"); do
    for c in "${cases[@]}"; do
      read -r from engine threads <<<"$c"
      src=$data
      [ "$from" = cache ] && src=$cache
      one_run "$src" "$engine" "$threads" "$work/$from-$engine-$threads.txt"
    done
  done
  echo "| data | engine | threads | wall (median / min) | load | load per core | compile | score (engine) | write | peak | peak / cache | steal |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
  for c in "${cases[@]}"; do
    read -r from engine threads <<<"$c"
    f="$work/$from-$engine-$threads.txt"
    peak_kb=$(cut -d' ' -f2 "$f" | sort -g | tail -1)
    rate=""
    [ "$from" = csv ] && rate="$(python3 -c "print(round($csv_bytes / 1e6 / $(median "$f" 3) / $threads))") MB/s"
    printf '| %s | %s | %s | %.2f / %.2f s | %.2f s | %s | %.2f s | %.2f (%.2f) s | %.2f s | %.2f GB | %.2f | %.1f %% |\n' \
      "$from" "$engine" "$threads" "$(median "$f" 1)" "$(cut -d' ' -f1 "$f" | spread | cut -d' ' -f2)" \
      "$(median "$f" 3)" "$rate" "$(median "$f" 4)" "$(median "$f" 5)" "$(median "$f" 6)" "$(median "$f" 7)" \
      "$(python3 -c "print($peak_kb * 1024 / 1e9)")" "$(python3 -c "print($peak_kb * 1024 / $cache_bytes)")" \
      "$(median "$f" 8)"
  done
  # The engines' ratios over both stores: the cache's columns are views of
  # its mapping (4 KiB pages of the page cache), a CSV load's are in huge
  # pages (support/LargePages.h), and on a VM the engines read the two at
  # different speeds.
  for from in cache csv; do
    for threads in $thread_counts; do
      i="$work/$from-interp-$threads.txt"
      j="$work/$from-jit-$threads.txt"
      echo "   --threads $threads, from $([ "$from" = cache ] && echo the cache || echo CSV):" \
        "engine interp/jit $(python3 -c "print(f'{$(median "$i" 6) / $(median "$j" 6):.2f}')");" \
        "score phase interp/jit $(python3 -c "print(f'{$(median "$i" 5) / $(median "$j" 5):.2f}')");" \
        "whole run interp/jit $(python3 -c "print(f'{$(median "$i" 1) / $(median "$j" 1):.2f}')")"
    done
  done
  for f in "$work"/*-*-*.txt; do mv "$f" "${f%.txt}.$n"; done
  echo "   load $(cut -d' ' -f1-3 /proc/loadavg)"
done

# Scaling: 1M / 100k wall time of each case, when both sizes were run.
set -- $members
if [ $# -ge 2 ]; then
  echo
  echo "== scaling $1 -> $2 (median wall time)"
  for f in "$work"/*.$1; do
    base=${f%.$1}
    [ -s "$base.$2" ] || continue
    echo "   $(basename "$base"): $(python3 -c "print(f'{$(median "$base.$2" 1) / $(median "$f" 1):.1f}')")x"
  done
fi
