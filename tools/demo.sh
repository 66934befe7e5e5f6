#!/usr/bin/env bash
# The `make demo` run: write a 10,000-member synthetic population with
# `measurec gen` (once, into the build tree), score the 2022 Care-Based
# Incentive program on it and show where the results are.
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
# Beside the binary, in the (git-ignored) build tree; the same members and
# seed always give the same files, so it is written only once.
data=$(dirname "$bin")/demo-data
out=results

if [[ ! -f $data/members.csv ]]; then
  "$bin" gen --members 10000 --seed 1 --out "$data"
  echo
fi

# The run prints its own summary.
"$bin" run --program "$program" --data "$data" --out "$out"

echo
echo "Results are in $out/ (the population is in $data/):"
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
