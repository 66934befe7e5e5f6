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

# The tests column adds up to the test blocks that `measurec test` runs.
listed=$(python3 tools/measures_table.py | awk -F'|' '/^\| `/ {gsub(/ /, "", $7); n += $7} END {print n + 0}')
ran=$("$bin" test measures | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' | awk '{print $1 + $2}')
if [ "$listed" != "$ran" ]; then
  echo "FAIL: docs/measures.md lists $listed test blocks, measurec test measures ran ${ran:-none}"
  fail=1
fi

[ $fail -eq 0 ] && echo "docs/measures.md: up to date, $listed test blocks"
exit $fail
