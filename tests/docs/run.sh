#!/usr/bin/env bash
# docs/measures.md is generated (tools/measures_table.py): fail when it is out
# of date with the measure files, when the check would not notice a stale
# page, or when the generator's test counts disagree with `measurec test`.
# Usage: tests/docs/run.sh path/to/measurec   (from the source tree)
set -u
bin=$1
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! python3 tools/measures_table.py --check docs/measures.md; then
  echo "FAIL: docs/measures.md is out of date"
  fail=1
fi

# A stale page (a wrong test count for one measure) must be refused.
sed '0,/| \([0-9]*\) |$/s//| 999 |/' docs/measures.md > "$work/stale.md"
if cmp -s docs/measures.md "$work/stale.md"; then
  echo "FAIL: could not make a stale copy of docs/measures.md"
  fail=1
elif python3 tools/measures_table.py --check "$work/stale.md" 2>/dev/null; then
  echo "FAIL: --check accepted a stale docs/measures.md"
  fail=1
fi

# A rate measure's kind is listed whole (`inverse rate per 1000 member years`,
# not `inverse`): the rate and its N are what a reader of the page needs.
rates=0
table=$(python3 tools/measures_table.py)
for f in $(grep -rlE --include='*.measure' '^[[:space:]]*kind[[:space:]]+(inverse[[:space:]]+)?rate[[:space:]]' measures | sort); do
  kind=$(sed -nE 's/^[[:space:]]*kind[[:space:]]+((inverse[[:space:]]+)?rate[[:space:]]+per[[:space:]]+[0-9]+[[:space:]]+member[[:space:]]+years).*/\1/p' "$f" |
         tr -s ' \t' '  ' | head -1)
  rates=$((rates + 1))
  if ! printf '%s\n' "$table" | grep -F "(../$f)" | grep -qF "| $kind |"; then
    echo "FAIL: docs/measures.md does not list $f with its kind '$kind'"
    fail=1
  fi
done
if [ $rates -eq 0 ]; then
  echo "FAIL: no rate measure under measures/ to check the kind column with"
  fail=1
fi

# The tests column adds up to the test blocks that `measurec test` runs.
listed=$(python3 tools/measures_table.py | awk -F'|' '/^\| `/ {gsub(/ /, "", $7); n += $7} END {print n + 0}')
ran=$("$bin" test measures | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' | awk '{print $1 + $2}')
if [ "$listed" != "$ran" ]; then
  echo "FAIL: docs/measures.md lists $listed test blocks, measurec test measures ran ${ran:-none}"
  fail=1
fi

# The README's "Shipped measures" paragraph names every shipped program's
# directory and every measure its program file includes.
shipped=$(sed -n '/^- Shipped measures:/,/^- \|^$/p' README.md)
shippedIds=$(tr -c 'A-Z0-9_' ' ' <<<"$shipped")
programs=0
for program in $(find measures -name program.measure | sort); do
  dir=$(dirname "$program")
  programs=$((programs + 1))
  if ! grep -qF -- "\`$dir/\`" <<<"$shipped"; then
    echo "FAIL: README.md's Shipped measures does not name the program \`$dir/\`"
    fail=1
  fi
  ids=0
  for f in $(sed -n 's/^[[:space:]]*include "\([^"]*\)".*/\1/p' "$program"); do
    id=$(sed -n 's/^measure \([A-Z0-9_]*\) .*/\1/p' "$dir/$f" | head -1)
    ids=$((ids + 1))
    if ! grep -qw -- "$id" <<<"$shippedIds"; then
      echo "FAIL: README.md's Shipped measures does not name $id ($dir/$f)"
      fail=1
    fi
  done
  if [ $ids -eq 0 ]; then
    echo "FAIL: found no included measure in $program"
    fail=1
  fi
done
if [ $programs -lt 2 ]; then
  echo "FAIL: found $programs program(s) under measures/, expected the CBI and pharmacy programs"
  fail=1
fi

[ $fail -eq 0 ] && echo "docs/measures.md: up to date, $listed test blocks"
exit $fail
