#!/usr/bin/env bash
# The JIT benchmark (bench/README.md, "JIT"): scoring time (run.json
# timings.score, and of it timings.score_engine, the engine's member passes)
# of --engine interp against --engine jit on a gen population, for the CBI
# 2022 program (every measure compiled) and the 2016 pharmacy program (its
# PDC measures interpreted), --threads 1 and 2; and the JIT's compile time
# (its timings.compile minus the interpreter run's, which is reading the
# measures), cold (an empty object cache) and warm (every object cached).
# RUNS runs of each: the minimum (the figure least disturbed by other work on
# a shared machine) and the median.
#
#   bench/jit/run.sh [MEASUREC] [MEMBERS] [WORK_DIR]
#
# Defaults: build/measurec, 100000, /tmp/measurec-bench-jit. The population
# is made once under WORK_DIR (never in git).
set -euo pipefail
bin=$(realpath "${1:-build/measurec}")
members=${2:-100000}
work=${3:-/tmp/measurec-bench-jit}
runs=${RUNS:-5}
cd "$(dirname "$0")/../.."
mkdir -p "$work"
# The JIT's object cache of this benchmark alone (runtime/jit/ObjectCache.h).
export MEASUREC_JIT_CACHE="$work/jit-cache"
rm -rf "$MEASUREC_JIT_CACHE"

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg)"
data="$work/gen-$members"
[ -f "$data/members.csv" ] || "$bin" gen --members "$members" --seed 1 --out "$data" >/dev/null
echo "== data: $members members (gen --seed 1), $(du -sm "$data" | cut -f1) MB"

# "min median" of timings.KEY over $runs runs of `measurec run ARGS`.
timing() {  # KEY ARGS...
  local key=$1
  shift
  for _ in $(seq "${TIMING_RUNS:-$runs}"); do
    rm -rf "$work/out"
    "$bin" run "$@" --data "$data" --period 2022 --out "$work/out" >/dev/null
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["timings"][sys.argv[2]])' \
      "$work/out/run.json" "$key"
  done | sort -g | awk '{a[NR]=$1} END {printf "%.3f %.3f\n", a[1], a[int((NR+1)/2)]}'
}

for program in measures/2022/cbi measures/2016/pharmacy-p4p; do
  rm -rf "$work/out"
  "$bin" run --program "$program" --data "$data" --period 2022 --out "$work/out" --engine jit >/dev/null
  echo "== $program: $(python3 -c 'import json,sys
m=json.load(open(sys.argv[1]))["engine_measures"]
print(sum(v["compiled"] for v in m.values()), "of", len(m), "measures compiled")' "$work/out/run.json")"
  # Cold: one run with an empty object cache (it fills the cache).
  rm -rf "$MEASUREC_JIT_CACHE"
  read -r jcold _ < <(TIMING_RUNS=1 timing compile --program "$program" --engine jit --threads 1)
  for t in 1 2; do
    read -r imin imed < <(timing score --program "$program" --engine interp --threads "$t")
    read -r jmin jmed < <(timing score --program "$program" --engine jit --threads "$t")
    read -r iemin iemed < <(timing score_engine --program "$program" --engine interp --threads "$t")
    read -r jemin jemed < <(timing score_engine --program "$program" --engine jit --threads "$t")
    read -r _ icomp < <(timing compile --program "$program" --engine interp --threads "$t")
    read -r _ jcomp < <(timing compile --program "$program" --engine jit --threads "$t")
    echo "--threads $t: score interp min ${imin}s median ${imed}s; jit min ${jmin}s median ${jmed}s;" \
      "interp/jit (min) $(python3 -c "print(round($imin / $jmin, 2))");" \
      "engine interp min ${iemin}s median ${iemed}s; jit min ${jemin}s median ${jemed}s;" \
      "interp/jit (min) $(python3 -c "print(round($iemin / $jemin, 2))");" \
      "jit compile warm (median) $(python3 -c "print(round($jcomp - $icomp, 3))")s," \
      "cold $(python3 -c "print(round($jcold - $icomp, 3))")s"
  done
done
