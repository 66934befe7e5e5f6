#!/usr/bin/env bash
# The hand-written C++ baseline still agrees with `measurec run` member for
# member (bench/handwritten/check.sh) on two small gen populations, so that
# it keeps up as the measures change; and on tests/bench/baselines-small,
# members written for the branches gen never takes (CIS10's hospice,
# contraindication and death exclusions, a child born on February 29, BCS's
# mastectomies, frailty with advanced illness, cancelled claims, PDC's early
# refills, duplicate fills, death and disenrollment ending the treatment
# period).
#
#   tests/bench/handwritten_agrees.sh MEASUREC WORK_DIR
set -euo pipefail
bin=$(realpath "$1")
work=$2
here=$(dirname "$0")
"$here/../../bench/handwritten/check.sh" "$bin" 3000 "$work" 1 2
cd "$here/../.."
data=tests/bench/baselines-small
rm -rf "$work/out-small"
"$bin" run --measure measures/2022/cbi/bcs.measure --measure measures/2022/cbi/cis10.measure \
  --measure measures/2016/pharmacy-p4p/pdc_sta.measure --data "$data" --period 2022 \
  --out "$work/out-small" >/dev/null 2>&1
"$(dirname "$bin")/measurec_bench_handwritten" --data "$data" --period 2022 --runs 1 \
  --results "$work/hand-small.csv" >/dev/null
echo "== $data, period 2022: measurec run vs hand-written C++"
python3 bench/handwritten/compare.py "$work/out-small/member_results.csv" "$work/hand-small.csv" \
  hand-written
