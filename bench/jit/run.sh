#!/usr/bin/env bash
# The JIT benchmark (bench/README.md, "JIT"): scoring time (run.json
# timings.score, and of it timings.score_engine, the engine's member passes)
# of --engine interp against --engine jit on a gen population, for the CBI
# 2022 program (every measure compiled) and the 2016 pharmacy program (every
# measure compiled too since `pdc of` and `unit each` are lowered), --threads
# 1 and 2; and the JIT's compile time (its timings.compile minus the
# interpreter run's, which is reading the measures), cold (an empty object
# cache) and warm (every object cached).
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

# "min median" of timings.score, timings.score_engine and timings.compile
# (six numbers) over $runs runs of `measurec run ARGS`: each figure's own
# minimum and median, all read from the same runs.
timing() {  # ARGS...
  for _ in $(seq "${TIMING_RUNS:-$runs}"); do
    rm -rf "$work/out"
    "$bin" run "$@" --data "$data" --period 2022 --out "$work/out" >/dev/null
    python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))["timings"]
print(t["score"], t["score_engine"], t["compile"])' "$work/out/run.json"
  done | python3 -c 'import sys
rows=[list(map(float,l.split())) for l in sys.stdin]
out=[]
for c in range(3):
    v=sorted(r[c] for r in rows); out += [v[0], v[(len(v)-1)//2]]
print(" ".join("%.3f" % x for x in out))'
}

for program in measures/2022/cbi measures/2016/pharmacy-p4p; do
  rm -rf "$work/out"
  "$bin" run --program "$program" --data "$data" --period 2022 --out "$work/out" --engine jit >/dev/null
  echo "== $program: $(python3 -c 'import json,sys
m=json.load(open(sys.argv[1]))["engine_measures"]
print(sum(v["compiled"] for v in m.values()), "of", len(m), "measures compiled")' "$work/out/run.json")"
  # Cold: one run with an empty object cache (it fills the cache).
  rm -rf "$MEASUREC_JIT_CACHE"
  read -r _ _ _ _ jcold _ < <(TIMING_RUNS=1 timing --program "$program" --engine jit --threads 1)
  ratio() { python3 -c "print(round($1 / $2, 2))"; }
  for t in 1 2; do
    read -r imin imed iemin iemed _ icomp < <(timing --program "$program" --engine interp --threads "$t")
    read -r jmin jmed jemin jemed _ jcomp < <(timing --program "$program" --engine jit --threads "$t")
    echo "--threads $t: score interp min ${imin}s median ${imed}s; jit min ${jmin}s median ${jmed}s;" \
      "interp/jit (min) $(ratio "$imin" "$jmin");" \
      "engine interp min ${iemin}s median ${iemed}s; jit min ${jemin}s median ${jemed}s;" \
      "interp/jit (min) $(ratio "$iemin" "$jemin");" \
      "jit compile warm (median) $(python3 -c "print(round($jcomp - $icomp, 3))")s," \
      "cold $(python3 -c "print(round($jcold - $icomp, 3))")s"
  done
done
