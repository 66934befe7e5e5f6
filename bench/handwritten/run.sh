#!/usr/bin/env bash
# The hand-written C++ baseline (bench/README.md, "Baselines"): scoring time
# of BCS, CIS10 and PDC_STA by `measurec run --engine interp`, `--engine jit`
# (run.json timings.score of a run of just those three measures) and by
# measurec_bench_handwritten (its scoring loops alone), on a gen population,
# --threads 1 and 2, with the ratios to the hand-written code.
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
echo "== data: $members members (gen --seed 1), $(du -sm "$data" | cut -f1) MB"
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
  line=$("$hand" --data "$data" --period 2022 --runs "$runs" --threads "$t" | grep '^score all')
  read -r hmed hmin hmax < <(echo "$line" | awk '{print $4, $6, $8}')
  echo "--threads $t (median min max, s): interp $imed $imin $imax; jit $jmed $jmin $jmax;" \
    "hand-written $hmed $hmin $hmax"
  echo "  ratios of the medians: interp/hand $(python3 -c "print(round($imed / $hmed, 1))")," \
    "jit/hand $(python3 -c "print(round($jmed / $hmed, 1))"), interp/jit $(python3 -c "print(round($imed / $jmed, 2))")"
  "$hand" --data "$data" --period 2022 --runs "$runs" --threads "$t" | grep '^score [A-Z]' | sed 's/^/  hand-written /'
done
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
