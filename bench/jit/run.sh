#!/usr/bin/env bash
# The JIT benchmark (bench/README.md, "JIT"): scoring time (run.json
# timings.score) of --engine interp against --engine jit on a gen population,
# for the CBI 2022 measures the JIT compiles, and for the whole program (the
# rest interpreted); the JIT's compile time (timings.compile minus the
# interpreter run's, which is reading the measures). Medians of RUNS runs,
# --threads 1 and 2.
#
#   bench/jit/run.sh [MEASUREC] [MEMBERS] [WORK_DIR]
#
# Defaults: build/measurec, 100000, /tmp/measurec-bench-jit. The population
# is made once under WORK_DIR (never in git). The figures are wall times:
# run it on a quiet machine.
set -euo pipefail
bin=$(realpath "${1:-build/measurec}")
members=${2:-100000}
work=${3:-/tmp/measurec-bench-jit}
runs=${RUNS:-3}
program=measures/2022/cbi
cd "$(dirname "$0")/../.."
mkdir -p "$work"

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg)"
data="$work/gen-$members"
[ -f "$data/members.csv" ] || "$bin" gen --members "$members" --seed 1 --out "$data" >/dev/null
echo "== data: $members members, $(du -sm "$data" | cut -f1) MB"

# The measure files of the program whose measures the JIT compiles.
"$bin" run --program "$program" --data "$data" --out "$work/probe" --engine jit --threads 2 >/dev/null
compiled=$(python3 -c 'import json,sys
print(" ".join(k for k, v in json.load(open(sys.argv[1]))["engine_measures"].items() if v["compiled"]))' \
  "$work/probe/run.json")
files=()
for id in $compiled; do
  f=$(grep -l "^measure $id " "$program"/*.measure "$program"/rewards/*.measure 2>/dev/null | head -1)
  [ -n "$f" ] && files+=(--measure "$f")
done
echo "== compiled by the JIT: $compiled"

# Median of `key` (timings.score / timings.compile) over $runs runs of: ARGS.
median() {  # KEY ARGS...
  local key=$1
  shift
  for _ in $(seq "$runs"); do
    rm -rf "$work/out"
    "$bin" run "$@" --data "$data" --out "$work/out" >/dev/null
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["timings"][sys.argv[2]])' \
      "$work/out/run.json" "$key"
  done | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
ratio() { python3 -c "import sys; a, b = float(sys.argv[1]), float(sys.argv[2]); print(round(a / b, 2) if b > 0 else 'n/a')" "$1" "$2"; }

for set in compiled program; do
  if [ "$set" = compiled ]; then args=("${files[@]}"); else args=(--program "$program"); fi
  for t in 1 2; do
    i=$(median score "${args[@]}" --engine interp --threads "$t")
    j=$(median score "${args[@]}" --engine jit --threads "$t")
    ic=$(median compile "${args[@]}" --engine interp --threads "$t")
    jc=$(median compile "${args[@]}" --engine jit --threads "$t")
    echo "$set measures, --threads $t: score interp ${i}s, jit ${j}s (interp/jit $(ratio "$i" "$j")); jit compile $(python3 -c "print(round($jc - $ic, 3))")s"
  done
done
