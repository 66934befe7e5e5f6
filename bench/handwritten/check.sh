#!/usr/bin/env bash
# Checks the hand-written C++ baseline against `measurec run`, member for
# member (bench/README.md, "Baselines"): for each seed, a `gen` population,
# BCS, CIS10 and PDC_STA scored by `measurec run --measure ...` and by
# measurec_bench_handwritten, the flags of every population row compared
# (bench/handwritten/compare.py). Exits non-zero on any difference.
#
#   bench/handwritten/check.sh [MEASUREC] [MEMBERS] [WORK_DIR] [SEED...]
#
# Defaults: build/measurec, 20000, /tmp/measurec-bench-handwritten, seeds 1
# and 2. measurec_bench_handwritten is looked for beside MEASUREC.
set -euo pipefail
bin=$(realpath "${1:-build/measurec}")
members=${2:-20000}
work=${3:-/tmp/measurec-bench-handwritten}
shift $(($# < 3 ? $# : 3))
seeds=("${@:-1}")
[ $# -gt 0 ] || seeds=(1 2)
hand="$(dirname "$bin")/measurec_bench_handwritten"
cd "$(dirname "$0")/../.."
mkdir -p "$work"
period=2022
measures=(--measure measures/2022/cbi/bcs.measure --measure measures/2022/cbi/cis10.measure
          --measure measures/2016/pharmacy-p4p/pdc_sta.measure)

status=0
for seed in "${seeds[@]}"; do
  data="$work/gen-$members-$seed"
  [ -f "$data/members.csv" ] || "$bin" gen --members "$members" --seed "$seed" --out "$data" >/dev/null
  rm -rf "$work/out-$seed"
  "$bin" run "${measures[@]}" --data "$data" --period "$period" --out "$work/out-$seed" >/dev/null
  "$hand" --data "$data" --period "$period" --runs 1 --results "$work/hand-$seed.csv" >/dev/null
  echo "== gen --members $members --seed $seed, period $period: measurec run vs hand-written C++"
  python3 bench/handwritten/compare.py "$work/out-$seed/member_results.csv" \
    "$work/hand-$seed.csv" hand-written || status=1
done
exit $status
