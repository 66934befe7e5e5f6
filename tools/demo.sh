#!/usr/bin/env bash
# The `make demo` run: write a 10,000-member synthetic population with
# `measurec gen` (once, into the build tree), score the 2022 Care-Based
# Incentive program on it and show where the results are; then score the
# other two programs on the same members and end with the scorecard
# summary of all three and the path of each report.html.
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
# Beside the binary, in the (git-ignored) build tree. Written afresh every
# time (a fraction of a second): the same seed gives the same files only for
# the same version of gen, and a stale population would show an older gen.
data=$(dirname "$bin")/demo-data
out=results

rm -rf "$data"
"$bin" gen --members 10000 --seed 1 --out "$data"
echo

# The run prints its own summary.
"$bin" run --program "$program" --data "$data" --out "$out"

echo
echo "Results are in $out/ (the population is in $data/):"
for f in member_results.csv provider_results.csv scorecard.csv gaps.csv run.json report.html; do
  if [[ $f == report.html && -e $out/$f ]]; then
    printf '  %-30s %s\n' "$out/$f" "the results as one page: open it in a browser"
  elif [[ -e $out/$f ]]; then
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

# The three programs side by side. CBI's results are the ones above; the two
# others go beside them (each results directory is replaced as a whole).
programs=(
  "2022 Care-Based Incentive (CBI)|$program|$out|"
  "2022 PCP Global Quality P4P|measures/2022/gq-p4p|results-gq-p4p|"
  "2016-17 Pharmacy P4P, scored on 2022|measures/2016/pharmacy-p4p|results-pharmacy-p4p|--period 2022"
)
for entry in "${programs[@]:1}"; do
  IFS='|' read -r title dir dest flags <<< "$entry"
  # shellcheck disable=SC2086  # flags: zero or more words
  if ! log=$("$bin" run --program "$dir" --data "$data" --out "$dest" $flags 2>&1); then
    echo "$log" >&2
    echo "demo: the $title run failed" >&2
    exit 1
  fi
done

# One paragraph per program from its scorecard.csv: the program total line
# of each provider (UNLINKED apart, it pays no one) and the stars of the
# measure lines.
summarize() {
  local gated=""
  # A program with a gate writes participation.csv; its failing providers'
  # program total line names the gate.
  [[ -e $1/participation.csv ]] && gated=1
  awk -F, -v gate="$gated" '
    NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    $c["provider_id"] == "UNLINKED" { next }
    $c["measure"] != "" {
      if ($c["stars"] != "") { stars[$c["measure"], $c["stars"]]++; starred[$c["measure"]] = 1 }
      next }
    $c["domain"] != "" { next }
    { n++; possible += $c["points_possible"]; paid += $c["payment"]; earned += $c["points_earned"]
      if ($c["points_earned"] == "") unscored++
      else if ($c["points_earned"] > 0) earning++
      else none++
      if ($c["why"] ~ /^gate:/) failing++ }
    END {
      printf "    providers scored     %d (UNLINKED apart: it pays no one)\n", n
      printf "    earning points       %d\n", earning
      printf "    earning no points    %d\n", none
      if (unscored) printf "    points not scored    %d   (lines with no tiers or payment threshold to score by)\n", unscored
      printf "    points               %.2f earned of %.2f possible\n", earned, possible
      printf "    dollars              $%.2f\n", paid
      if (gate) printf "    gate                 %d of %d fail it (paid $0 whatever their points)\n", failing, n
      k = 0; for (m in starred) list[++k] = m
      if (k == 0) { printf "    stars                none (the program has no star thresholds)\n"; exit }
      for (i = 2; i <= k; i++) for (j = i; j > 1 && list[j - 1] > list[j]; j--) { t = list[j]; list[j] = list[j - 1]; list[j - 1] = t }
      printf "    stars (providers)    %-9s %5s %5s %5s %5s %5s\n", "measure", "1", "2", "3", "4", "5"
      for (i = 1; i <= k; i++)
        printf "                         %-9s %5d %5d %5d %5d %5d\n", list[i], stars[list[i], 1], stars[list[i], 2], stars[list[i], 3], stars[list[i], 4], stars[list[i], 5]
    }' "$1/scorecard.csv"
}

echo
echo "Scorecard summary of the three programs ($(awk 'END { print NR - 1 }' "$data/members.csv") gen members, $data):"
for entry in "${programs[@]}"; do
  IFS='|' read -r title dir dest flags <<< "$entry"
  echo
  echo "  $title ($dir${flags:+, $flags})"
  summarize "$dest"
  echo "    report               $(pwd)/$dest/report.html"
done
