#!/usr/bin/env bash
# The `make demo` run: score the 2022 Care-Based Incentive program on the
# sample population (tools/gen_sample_population.py) and show where the
# results are.
#
#   tools/demo.sh BINARY        e.g. tools/demo.sh build/measurec
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 MEASUREC_BINARY" >&2
  exit 2
fi
bin=$1
if [[ ! -x $bin ]]; then
  echo "demo: $bin is not an executable; build it first (make build)" >&2
  exit 2
fi
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")

cd "$(dirname "${BASH_SOURCE[0]}")/.."

program=measures/2022/cbi
data=measures/2022/sample-data
out=results

if [[ ! -f $data/members.csv ]]; then
  echo "demo: $data is missing; writing it with tools/gen_sample_population.py"
  python3 tools/gen_sample_population.py --out "$data"
fi

# The run prints its own summary.
"$bin" run --program "$program" --data "$data" --out "$out"

echo
echo "Results are in $out/:"
for f in member_results.csv provider_results.csv scorecard.csv gaps.csv run.json; do
  if [[ -e $out/$f ]]; then
    printf '  %-30s %s\n' "$out/$f" "$(wc -l < "$out/$f" | tr -d ' ') lines"
  fi
done

echo
echo "First lines of $out/provider_results.csv:"
if command -v column > /dev/null 2>&1; then
  head -n 15 "$out/provider_results.csv" | column -t -s,
else
  head -n 15 "$out/provider_results.csv"
fi
