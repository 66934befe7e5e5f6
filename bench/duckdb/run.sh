#!/usr/bin/env bash
# The DuckDB baseline (bench/README.md, "Baselines"): BCS, CIS10 and PDC_STA
# written by hand in DuckDB SQL (bench/duckdb/*.sql) over a gen population's
# CSVs, against `measurec run` of the same three measures: agreement member
# for member, the queries' time on loaded tables, and whole runs (load +
# queries; `measurec run` load + score + write) under /usr/bin/time.
#
#   bench/duckdb/run.sh [MEASUREC] [MEMBERS] [WORK_DIR]
#
# Defaults: build/measurec, 100000, /tmp/measurec-bench-duckdb; RUNS runs
# of each (default 5). @duckdb/node-api is installed with npm under
# $MEASUREC_DUCKDB_MODULES (default /tmp/measurec-duckdb), never in git;
# Debian's nodejs and npm are installed when node is missing. The code sets
# come from measurec_bench_handwritten --codes (beside MEASUREC): the
# measures' sets bound to the data directory's codes as the run binds them.
set -euo pipefail
bin=$(realpath "${1:-build/measurec}")
members=${2:-100000}
work=${3:-/tmp/measurec-bench-duckdb}
runs=${RUNS:-5}
modules=${MEASUREC_DUCKDB_MODULES:-/tmp/measurec-duckdb}
duckdb_version=1.5.6-r.1
hand="$(dirname "$bin")/measurec_bench_handwritten"
cd "$(dirname "$0")/../.."
mkdir -p "$work" "$modules"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "== node or npm is missing: installing Debian's nodejs and npm (apt-get)"
  apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
fi
if [ ! -d "$modules/node_modules/@duckdb/node-api" ]; then
  echo "== installing @duckdb/node-api@$duckdb_version under $modules"
  [ -f "$modules/package.json" ] || echo '{"private": true}' >"$modules/package.json"
  (cd "$modules" && npm install --no-audit --no-fund --silent "@duckdb/node-api@$duckdb_version")
fi
export MEASUREC_DUCKDB_MODULES=$modules

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
  "$(free -g | awk '/Mem:/ {print $2}') GiB, node $(node --version), load $(cut -d' ' -f1-3 /proc/loadavg)"
data="$work/gen-$members"
[ -f "$data/members.csv" ] || "$bin" gen --members "$members" --seed 1 --out "$data" >/dev/null
echo "== data: $members members (gen --seed 1), $(du -smL "$data" | cut -f1) MB"
"$hand" --data "$data" --period 2022 --runs 1 --codes "$work/codesets.csv" >/dev/null

measures=(--measure measures/2022/cbi/bcs.measure --measure measures/2022/cbi/cis10.measure
          --measure measures/2016/pharmacy-p4p/pdc_sta.measure)
# "median min max" of the numbers on stdin.
spread() { sort -g | awk '{a[NR]=$1} END {printf "median %.3f min %.3f max %.3f\n", a[int((NR+1)/2)], a[1], a[NR]}'; }

rm -rf "$work/out"
"$bin" run "${measures[@]}" --data "$data" --period 2022 --out "$work/out" >/dev/null
node bench/duckdb/baseline.mjs --data "$data" --codes "$work/codesets.csv" --runs 1 \
  --results "$work/duckdb.csv" >/dev/null
echo "== agreement, measurec run vs DuckDB SQL"
python3 bench/handwritten/compare.py "$work/out/member_results.csv" "$work/duckdb.csv" duckdb
# The branches gen never takes (tests/bench/handwritten_agrees.sh says which).
small=tests/bench/baselines-small
rm -rf "$work/out-small"
"$bin" run "${measures[@]}" --data "$small" --period 2022 --out "$work/out-small" >/dev/null 2>&1
"$hand" --data "$small" --period 2022 --runs 1 --codes "$work/codesets-small.csv" >/dev/null
node bench/duckdb/baseline.mjs --data "$small" --codes "$work/codesets-small.csv" --runs 1 \
  --results "$work/duckdb-small.csv" >/dev/null
echo "== agreement on $small, measurec run vs DuckDB SQL"
python3 bench/handwritten/compare.py "$work/out-small/member_results.csv" "$work/duckdb-small.csv" duckdb

echo "== DuckDB, queries alone on loaded tables ($runs runs in one process)"
node bench/duckdb/baseline.mjs --data "$data" --codes "$work/codesets.csv" --runs "$runs"

echo "== whole runs (/usr/bin/time wall seconds, $runs runs each; load average $(cut -d' ' -f1 /proc/loadavg))"
for _ in $(seq "$runs"); do
  /usr/bin/time -f %e -o "$work/time" node bench/duckdb/baseline.mjs --data "$data" \
    --codes "$work/codesets.csv" --runs 1 >/dev/null
  cat "$work/time"
done | spread | sed 's/^/DuckDB load + queries: /'
for engine in interp jit; do
  for _ in $(seq "$runs"); do
    rm -rf "$work/out"
    /usr/bin/time -f %e -o "$work/time" "$bin" run "${measures[@]}" --data "$data" --period 2022 \
      --out "$work/out" --engine "$engine" >/dev/null
    cat "$work/time"
  done | spread | sed "s/^/measurec run --engine $engine: /"
done
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
