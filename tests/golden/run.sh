#!/usr/bin/env bash
# Golden diagnostics: `measurec check` on each tests/golden/*.measure must
# print exactly the .expected file beside it and exit 1.
# Usage: run.sh MEASUREC [--update]   (update rewrites the .expected files)
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
update=${2:-}
cd "$(dirname "$0")"
status=0
for spec in *.measure; do
  expected=${spec%.measure}.expected
  actual=$("$bin" check "$spec" 2>&1)
  code=$?
  actual+=$'\n'"exit $code"
  if [ "$update" = "--update" ]; then
    printf '%s\n' "$actual" > "$expected"
    continue
  fi
  if ! diff -u "$expected" <(printf '%s\n' "$actual"); then
    echo "golden: $spec differs from $expected (tests/golden/update.sh rewrites it after review)"
    status=1
  fi
done
# JSON output: one object per diagnostic.
json=$("$bin" check --format json five_mistakes.measure)
count=$(printf '%s' "$json" | grep -c '"code": "E0')
if [ "$count" -ne 5 ]; then
  echo "golden: --format json reported $count errors, expected 5"
  status=1
fi
[ $status -eq 0 ] && echo "golden: all diagnostics match"
exit $status
