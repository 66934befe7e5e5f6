#!/usr/bin/env bash
# The hand-written C++ baseline (bench/README.md, "Baselines"): scoring time
# of BCS, CIS10 and PDC_STA by `measurec run --engine interp`, `--engine jit`
# (run.json timings.score of a run of just those three measures) and by
# measurec_bench_handwritten: its scoring loops alone, and those plus the
# rest of the run's score phase done by the run's own code (linked PCPs,
# pharmacy attribution, provider rates, strata: ScorePhaseRest.h), the same
# phase as timings.score; on a gen population, --threads 1 and 2, with the
# ratios to the hand-written code.
#
#   bench/handwritten/run.sh [MEASUREC] [MEMBERS] [WORK_DIR]
#
# Defaults: build/measurec, 100000, /tmp/measurec-bench-handwritten; RUNS
# runs of each (default 5): median, min and max. The population is made once
# under WORK_DIR (never in git).
set -euo pipefail
bin=$(realpath "${1:-build/measurec}")
members=${2:-100000}
work=${3:-/tmp/measurec-bench-handwritten}
runs=${RUNS:-5}
hand="$(dirname "$bin")/measurec_bench_handwritten"
cd "$(dirname "$0")/../.."
mkdir -p "$work"

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
  "$(free -g | awk '/Mem:/ {print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg)"
data="$work/gen-$members"
[ -f "$data/members.csv" ] || "$bin" gen --members "$members" --seed 1 --out "$data" >/dev/null
echo "== data: $members members (gen --seed 1), $(du -smL "$data" | cut -f1) MB"
measures=(--measure measures/2022/cbi/bcs.measure --measure measures/2022/cbi/cis10.measure
          --measure measures/2016/pharmacy-p4p/pdc_sta.measure)

# "median min max" of the numbers on stdin.
spread() { sort -g | awk '{a[NR]=$1} END {printf "%.4f %.4f %.4f\n", a[int((NR+1)/2)], a[1], a[NR]}'; }
# timings.score of RUNS runs of `measurec run --engine E --threads T`.
score() {  # ENGINE THREADS
  for _ in $(seq "$runs"); do
    rm -rf "$work/out"
    "$bin" run "${measures[@]}" --data "$data" --period 2022 --out "$work/out" --engine "$1" \
      --threads "$2" >/dev/null
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["timings"]["score"])' "$work/out/run.json"
  done | spread
}

for t in 1 2; do
  read -r imed imin imax < <(score interp "$t")
  read -r jmed jmin jmax < <(score jit "$t")
  [ "$t" = 1 ] && python3 -c 'import json,sys
m=json.load(open(sys.argv[1]))["engine_measures"]
print("== --engine jit compiled:", ", ".join(k for k, v in m.items() if v["compiled"]) or "none",
      "; interpreted:", ", ".join(k for k, v in m.items() if not v["compiled"]) or "none")' "$work/out/run.json"
  "$hand" --data "$data" --period 2022 --runs "$runs" --threads "$t" >"$work/hand.txt"
  read -r hmed hmin hmax < <(awk '/^score all/ {print $4, $6, $8}' "$work/hand.txt")
  read -r pmed pmin pmax < <(awk '/^score phase/ {print $4, $6, $8}' "$work/hand.txt")
  echo "--threads $t (median min max, s): timings.score interp $imed $imin $imax; jit $jmed $jmin $jmax;" \
    "hand-written engine $hmed $hmin $hmax; hand-written engine + the run's rest of the phase $pmed $pmin $pmax"
  echo "  ratios of the medians to the hand-written phase: interp $(python3 -c "print(round($imed / $pmed, 2))")," \
    "jit $(python3 -c "print(round($jmed / $pmed, 2))"); to the hand-written engine alone: interp" \
    "$(python3 -c "print(round($imed / $hmed, 2))"), jit $(python3 -c "print(round($jmed / $hmed, 2))");" \
    "interp/jit $(python3 -c "print(round($imed / $jmed, 2))")"
  grep '^score [A-Z]' "$work/hand.txt" | sed 's/^/  hand-written /'
done
# The JIT against the hand-written code on the two measures it compiles.
measures=(--measure measures/2022/cbi/bcs.measure --measure measures/2022/cbi/cis10.measure)
read -r imed imin imax < <(score interp 1)
read -r jmed jmin jmax < <(score jit 1)
"$hand" --data "$data" --period 2022 --runs "$runs" --measures BCS,CIS10 >"$work/hand.txt"
read -r hmed hmin hmax < <(awk '/^score all/ {print $4, $6, $8}' "$work/hand.txt")
read -r pmed pmin pmax < <(awk '/^score phase/ {print $4, $6, $8}' "$work/hand.txt")
echo "BCS and CIS10 only, --threads 1 (median min max, s): timings.score interp $imed $imin $imax;" \
  "jit $jmed $jmin $jmax; hand-written engine $hmed $hmin $hmax; phase $pmed $pmin $pmax"
echo "  ratios of the medians: jit / hand phase $(python3 -c "print(round($jmed / $pmed, 2))")," \
  "jit / hand engine $(python3 -c "print(round($jmed / $hmed, 2))"), interp / hand phase" \
  "$(python3 -c "print(round($imed / $pmed, 2))")"
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
