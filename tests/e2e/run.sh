#!/usr/bin/env bash
# End-to-end tests of the measurec command line: the shipped measures are
# clean and their test blocks pass; whole runs on small data directories give
# the expected result files; bad rows stop a run or are set aside; no input
# makes measurec crash.
set -u
bin=$1
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok:   $*"; }

# 1. The shipped measures and stdlib are clean, their tests pass.
out=$("$bin" check measures stdlib 2>&1)
if [ $? -eq 0 ] && grep -q '^0 error(s), 0 warning(s)' <<<"$out"; then pass "check measures stdlib is clean"
else fail "check measures stdlib: $out"; fi
out=$("$bin" test measures 2>&1)
if [ $? -eq 0 ] && grep -Eq '^[1-9][0-9]* passed, 0 failed$' <<<"$out"; then pass "measure tests: $(tail -1 <<<"$out")"
else fail "measure tests: $out"; fi

# 2. A small BCS run gives exactly the hand-checked results.
"$bin" run --measure measures/2022/cbi/bcs.measure --data tests/e2e/bcs-small/data \
  --out "$work/bcs" --threads 2 >/dev/null
if [ $? -eq 0 ]; then
  for f in member_results provider_results gaps; do
    if diff -u "tests/e2e/bcs-small/expected/$f.csv" "$work/bcs/$f.csv"; then pass "bcs-small $f.csv"
    else fail "bcs-small $f.csv differs"; fi
  done
  grep -q '"accepted": 5' "$work/bcs/run.json" && pass "run.json counts rows" || fail "run.json counts"
else fail "bcs-small run exited non-zero"; fi

# 3. A bad row stops the run with file:line, column and value; nothing is written.
out=$("$bin" run --measure measures/2022/cbi/bcs.measure --data tests/e2e/bad-rows/data \
  --out "$work/bad" 2>&1)
code=$?
if [ $code -eq 1 ] && grep -q "visits.csv:3: column 'date': value '2022-13-01'" <<<"$out" \
   && [ ! -e "$work/bad" ]; then pass "bad row stops the run: $(head -1 <<<"$out")"
else fail "bad row (exit $code): $out"; fi

# 4. With --reject-file every bad row is set aside and counted.
"$bin" run --measure measures/2022/cbi/bcs.measure --data tests/e2e/bad-rows/data \
  --out "$work/bad" --reject-file "$work/rejects.csv" >/dev/null 2>&1
code=$?
rejected=$(($(wc -l <"$work/rejects.csv") - 1))
if [ $code -eq 0 ] && [ "$rejected" -eq 4 ] && grep -q '"rejected": 4' "$work/bad/run.json" \
   && grep -q '"accepted": 2' "$work/bad/run.json"; then pass "reject file holds the 4 bad rows"
else fail "reject mode: exit $code, $rejected rejected"; cat "$work/rejects.csv"; fi
for reason in "M9" "CTP" "clinic" "2022-13-01"; do
  grep -q "$reason" "$work/rejects.csv" || fail "reject file lacks the row with $reason"
done

# 5. Same results whatever the thread count.
if [ -d measures/2022/sample-data ]; then
  "$bin" run --program measures/2022/cbi --data measures/2022/sample-data --out "$work/t1" --threads 1 >/dev/null \
    && "$bin" run --program measures/2022/cbi --data measures/2022/sample-data --out "$work/t2" --threads 2 >/dev/null
  if diff -r -x run.json "$work/t1" "$work/t2" >/dev/null; then pass "threads 1 and 2 give identical results"
  else fail "threads 1 and 2 differ"; fi
fi

# 6. Nothing crashes: broken specs and broken CSV give errors (exit 1 or 2), never a signal.
mkdir -p "$work/junk"
printf 'member_id,birth_date,sex\n"M1,1960-01-01,F\n' >"$work/junk/members.csv"
printf 'member_id,start_date,end_date,pcp_id\n' >"$work/junk/enrollment.csv"
head -c 3000 /dev/urandom >"$work/junk.measure"
printf 'measure X "x" { population exists visit with CPT{' >"$work/cut.measure"
for cmd in "run --measure measures/2022/cbi/bcs.measure --data $work/junk --out $work/o" \
           "check $work/junk.measure" "check $work/cut.measure" "test $work/cut.measure" \
           "run --measure $work/cut.measure --data tests/e2e/bcs-small/data --out $work/o" \
           "check /nonexistent" "run --program /nonexistent --data x --out y" "bogus"; do
  "$bin" $cmd >/dev/null 2>&1
  code=$?
  if [ $code -ge 1 ] && [ $code -le 2 ]; then pass "measurec $cmd -> exit $code"
  else fail "measurec $cmd -> exit $code"; fi
done

# 7. explain shows each rule term and the events behind it.
out=$("$bin" explain --member M1 --measure BCS --data tests/e2e/bcs-small/data measures/2022/cbi/bcs.measure 2>&1)
if grep -q "visits.csv:2  2021-03-01  CPT:77067" <<<"$out" && grep -q "^reason: met" <<<"$out"; then pass "explain M1"
else fail "explain: $out"; fi

# 8. explain and reasons tell an unknown term (a comparison with a missing lab) from a false one.
out=$("$bin" explain --member M1 --measure SEM_RULE_NUMERATOR --data tests/e2e/bcs-small/data \
  tests/semantics/rules.measure 2>&1)
if grep -q "^reason: not met: lab_low (unknown)$" <<<"$out" && grep -Eq "^  unknown +lab_low$" <<<"$out" \
   && grep -q "^  lab = missing$" <<<"$out"; then pass "explain prints unknown terms"
else fail "explain of an unknown term: $out"; fi

echo "e2e: $failures failure(s)"
[ $failures -eq 0 ]
