#!/usr/bin/env bash
# Conformance with the official eCQM test decks (issue 14; ctest
# ecqm_conformance; docs/conformance.md). Every case folder of every deck in
# tests/ecqm/cases is imported in ONE `measurec import fhir` call, the eCQM
# program (measures/ecqm/2025) is run once on the result, and for each deck
# tools/ecqm_compare.py compares every case's four populations with the
# case's MeasureReport.
#
# docs/conformance.md is the expectation, so the page cannot drift from the
# code: for a measure the program scores, its table row must give the case
# count and the agreement measured here, and the cases that differ must be
# exactly the ones its section "## CMSnnn: the cases that differ, and why"
# names (a fix removes its line there; a regression shows at once). A deck
# whose measure the program does not score yet must say "not translated
# yet" in the table.
#
#   tests/ecqm/conformance.sh MEASUREC_BINARY      (from the source root)
set -u
bin=$1
cd "$(dirname "$0")/../.."
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok:   $*"; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
doc=docs/conformance.md
decks=tests/ecqm/cases

# The deck of each measure (the folder names of the MADiE export).
declare -A deck_of=(
  [CMS125]=BreastCancerScreeningFHIR
  [CMS124]=CervicalCancerScreeningFHIR
  [CMS122]=DiabetesGlycemicStatusAssessmentGreaterThan9PercentFHIR
)

paths=()
for m in "${!deck_of[@]}"; do paths+=("$decks/${deck_of[$m]}"); done
if ! "$bin" import fhir "${paths[@]}" --out "$work/data" >"$work/import.log" 2>&1; then
  sed 's/^/    /' "$work/import.log"
  echo "FAIL: import fhir of the ${#paths[@]} decks failed"
  exit 1
fi
cases=$(find "${paths[@]}" -mindepth 1 -maxdepth 1 -type d | wc -l)
members=$(($(wc -l <"$work/data/members.csv") - 1))
[ "$members" -eq "$cases" ] && pass "one import fhir call: ${#paths[@]} decks, $cases case folders -> $members members" \
  || fail "import fhir: $members members for $cases case folders"

if ! "$bin" run --program measures/ecqm/2025 --data "$work/data" --period 2025 \
     --out "$work/run" >"$work/run.log" 2>&1; then
  sed 's/^/    /' "$work/run.log"
  echo "FAIL: measurec run --program measures/ecqm/2025 failed"
  exit 1
fi
scored=$(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))["measures"]))' \
  "$work/run/run.json" 2>/dev/null || cut -d, -f2 "$work/run/provider_results.csv" | sort -u | tr '\n' ' ')

for m in $(printf '%s\n' "${!deck_of[@]}" | sort); do
  deck="$decks/${deck_of[$m]}"
  row=$(grep "^| $m " "$doc" || true)
  if [ -z "$row" ]; then fail "$m: $doc has no table row for it"; continue; fi
  if ! grep -qw "$m" <<<"$scored"; then
    grep -q "not translated yet" <<<"$row" && pass "$m: not in the program; the table says so" \
      || fail "$m: the program does not score it but the table row is: $row"
    continue
  fi
  report=$(python3 tools/ecqm_compare.py "$deck" "$work/run" "$m")
  summary=$(tail -1 <<<"$report")
  differing=$(sed -n 's/^differs: \(.*\) expected .*/\1/p' <<<"$report" | sort)
  listed=$(sed -n "/^## $m: the cases that differ/,/^## /p" "$doc" \
    | grep -o '`[A-Z][A-Za-z]*\(Pass\|Fail\) [^`]*`' | tr -d '`' | sort)
  counted=$(sed -n "s/^$m: \([0-9]*\) of \([0-9]*\) cases agree\$/\2 \1/p" <<<"$summary")
  table=$(sed -n "s/^| $m [^|]* | \([0-9]*\) | \([0-9]*\) |.*/\1 \2/p" "$doc")
  if [ -z "$counted" ]; then fail "$m: no summary from ecqm_compare.py: $summary"; continue; fi
  # The section must be there, even when it lists no case (all agree).
  if ! grep -q "^## $m: the cases that differ" "$doc"; then
    fail "$m: $doc has no section \"## $m: the cases that differ, and why\""; continue
  fi
  if [ "$counted" != "$table" ]; then
    fail "$m: $summary, but the table of $doc says cases/agree = ${table:-nothing}"
  elif [ "$differing" != "$listed" ]; then
    fail "$m: the differing cases are not those $doc lists:"
    diff <(echo "$differing") <(echo "$listed") | sed 's/^/    /'
  else
    pass "$m: $summary; the differing cases are exactly those $doc lists"
  fi
  grep '^differs:' <<<"$report" | sed 's/^/    /'
done

echo "ecqm conformance: $failures failure(s)"
[ $failures -eq 0 ]
