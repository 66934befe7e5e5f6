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
# Result files of a run against hand-computed ones: each of FILES
# (member_results, provider_results, gaps, strata, ...) as EXPECTED/FILE.csv.
# With MEASURE names, only their rows (and the header) are compared (the
# measure is column 2, in gaps.csv column 3): a section of a program run
# checks its own measures, whatever else the program scores.
results_match() {  # NAME EXPECTED_DIR RUN_DIR "FILES" [MEASURE...]
  local name=$1 expected=$2 run=$3 files=$4 f col
  shift 4
  for f in $files; do
    col=2; [ "$f" = gaps ] && col=3
    if diff -u "$expected/$f.csv" \
         <(awk -F, -v c=$col -v keep=" $* " 'NR == 1 || keep == "  " || index(keep, " " $c " ")' \
             "$run/$f.csv"); then
      pass "$name $f.csv"
    else fail "$name $f.csv differs"; fi
  done
}

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
  results_match bcs-small tests/e2e/bcs-small/expected "$work/bcs" "member_results provider_results gaps"
  grep -q '"accepted": 5' "$work/bcs/run.json" && pass "run.json counts rows" || fail "run.json counts"
else fail "bcs-small run exited non-zero"; fi

# 2b. HPHD (WCV by ethnicity) on a small population: strata.csv exactly as
#     hand-computed (ALL first, (unknown) kept, a zero denominator, UNLINKED),
#     the one-line strata summary; HPHD's figures are WCV's. A run without a
#     stratified measure writes no strata.csv.
out=$("$bin" run --measure measures/2022/cbi/hphd.measure --measure measures/2022/cbi/wcv.measure \
  --data tests/e2e/strata-small/data --out "$work/strata" --threads 2)
if [ $? -eq 0 ]; then
  if diff -u tests/e2e/strata-small/expected/strata.csv "$work/strata/strata.csv"; then pass "strata-small strata.csv"
  else fail "strata-small strata.csv differs"; fi
  if grep -qx "strata (plan-wide; per provider in strata.csv): HPHD by ethnicity: 3 strata, best 0.6667 (hispanic), widest disparity 50.00% (not-hispanic)" <<<"$out"; then
    pass "run prints the strata summary"
  else fail "strata summary: $out"; fi
  if [ "$(grep ',HPHD,' "$work/strata/provider_results.csv" | cut -d, -f1,3-)" = \
       "$(grep ',WCV,' "$work/strata/provider_results.csv" | cut -d, -f1,3-)" ]; then pass "HPHD rates are WCV's"
  else fail "HPHD and WCV provider results differ"; fi
  # HPHD's gaps are WCV's: listed once, under WCV.
  if grep -q ',WCV,' "$work/strata/gaps.csv" && ! grep -q ',HPHD,' "$work/strata/gaps.csv"; then
    pass "HPHD's gaps are listed once, under WCV"
  else fail "gaps.csv repeats WCV's gaps under HPHD (or has none): $(cat "$work/strata/gaps.csv")"; fi
else fail "strata-small run exited non-zero"; fi
# explain names the member's stratum; an empty ethnicity cell is (unknown).
if "$bin" explain --member U1 --measure HPHD --data tests/e2e/strata-small/data \
     --program measures/2022/cbi 2>&1 | grep -qx "stratum by ethnicity: (unknown)"; then
  pass "explain names the member's stratum"
else fail "explain does not name U1's stratum"; fi
[ -e "$work/bcs/strata.csv" ] && fail "a run without stratifiers wrote strata.csv" || pass "no strata.csv without stratifiers"

# 3. Bad rows stop the run, all reported at once with file:line, column and value;
#    nothing is written.
out=$("$bin" run --measure measures/2022/cbi/bcs.measure --data tests/e2e/bad-rows/data \
  --out "$work/bad" 2>&1)
code=$?
if [ $code -eq 1 ] && grep -q "visits.csv:3: column 'date': value '2022-13-01'" <<<"$out" \
   && grep -q "visits.csv:4: column 'member_id': value 'M9'" <<<"$out" \
   && grep -q "visits.csv:5: column 'codes': value 'CTP:77065'" <<<"$out" \
   && grep -q "visits.csv:6: column 'setting': value 'clinic'" <<<"$out" \
   && grep -q "^measurec run: 4 bad row(s); nothing was written" <<<"$out" \
   && ! grep -q "more bad rows" <<<"$out" && [ ! -e "$work/bad" ]; then pass "bad rows stop the run, all 4 reported"
else fail "bad rows (exit $code): $out"; fi

# 3b. More than 20 bad rows: the first 20 in detail, then how many more.
mkdir -p "$work/many"
cp tests/e2e/bad-rows/data/members.csv tests/e2e/bad-rows/data/enrollment.csv "$work/many/"
{ echo "member_id,date,codes"; for i in $(seq 1 23); do echo "M1,2022-02-30,CPT:77067"; done
  echo "M1,2022-03-01,CPT:8749"; } >"$work/many/visits.csv"
out=$("$bin" run --measure measures/2022/cbi/bcs.measure --data "$work/many" --out "$work/many-out" 2>&1)
code=$?
if [ $code -eq 1 ] && [ "$(grep -c '^error: ' <<<"$out")" -eq 20 ] \
   && grep -q "^and 4 more bad rows$" <<<"$out" \
   && grep -q "^measurec run: 24 bad row(s); nothing was written" <<<"$out" \
   && [ ! -e "$work/many-out" ]; then pass "24 bad rows: 20 shown, 'and 4 more bad rows'"
else fail "many bad rows (exit $code): $out"; fi
# ... and the code with the wrong shape for its system is one of them.
out=$("$bin" run --measure measures/2022/cbi/bcs.measure --data "$work/many" --out "$work/many-out" \
  --reject-file "$work/many-rejects.csv" 2>&1)
if grep -q "visits.csv,25,codes,CPT:8749,'8749' is not a CPT code" "$work/many-rejects.csv"; then
  pass "a CPT code of 4 digits is a bad row"
else fail "code shape: $(cat "$work/many-rejects.csv")"; fi

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
  # report.html shows run.json's timings and thread count: all else the same.
  if diff -r -x run.json -x report.html "$work/t1" "$work/t2" >/dev/null \
     && diff <(grep -v '^<tr><th>\(timings\|engine\)</th>' "$work/t1/report.html") \
             <(grep -v '^<tr><th>\(timings\|engine\)</th>' "$work/t2/report.html") >/dev/null; then
    pass "threads 1 and 2 give identical results"
  else fail "threads 1 and 2 differ"; fi
fi
# The three programs on a generated population, every file they write
# (results, gaps, strata, rewards, scorecards, pharmacy files, report.html).
"$bin" gen --members 5000 --seed 15 --out "$work/t-gen" >/dev/null
for program in "measures/2022/cbi" "measures/2022/gq-p4p" "measures/2016/pharmacy-p4p --period 2022"; do
  name=$(basename "${program%% *}")
  for t in 1 2; do
    "$bin" run --program $program --data "$work/t-gen" --out "$work/t$t-$name" --threads $t >/dev/null
  done
  if [ -s "$work/t1-$name/member_results.csv" ] \
     && diff -r -x run.json -x report.html "$work/t1-$name" "$work/t2-$name" >/dev/null \
     && diff <(grep -v '^<tr><th>\(timings\|engine\)</th>' "$work/t1-$name/report.html") \
             <(grep -v '^<tr><th>\(timings\|engine\)</th>' "$work/t2-$name/report.html") >/dev/null; then
    pass "$name: threads 1 and 2 write the same files"
  else fail "$name: threads 1 and 2 differ"; fi
done

# 5b. The sample population and the e2e data load with zero bad rows.
for d in measures/2022/sample-data tests/e2e/bcs-small/data; do
  [ -d "$d" ] || continue
  "$bin" run --program measures/2022/cbi --data "$d" --out "$work/clean" \
    --reject-file "$work/clean-rejects.csv" >/dev/null 2>&1
  if [ $? -eq 0 ] && [ "$(wc -l <"$work/clean-rejects.csv")" -eq 1 ]; then pass "$d: zero bad rows"
  else fail "$d has bad rows: $(head -5 "$work/clean-rejects.csv")"; fi
  rm -rf "$work/clean"
done

# 5c. A stray quote stops the run at the line where it opens, even with a
#     reject file; nothing is written and an existing reject file is kept.
if [ -d measures/2022/sample-data ]; then
  cp -r measures/2022/sample-data "$work/quote"
  sed -i '100s/^/"/' "$work/quote/visits.csv"
  echo "old rejects" >"$work/quote-rejects.csv"
  for reject in "" "--reject-file $work/quote-rejects.csv"; do
    out=$("$bin" run --program measures/2022/cbi --data "$work/quote" --out "$work/quote-out" $reject 2>&1)
    code=$?
    if [ $code -eq 1 ] && grep -q "visits.csv:100: the quoted field opened on line 100 is never closed" <<<"$out" \
       && grep -q "^measurec run: a data file cannot be read as a table" <<<"$out" \
       && ! grep -q "bad row" <<<"$out" && [ ! -e "$work/quote-out" ] \
       && [ "$(cat "$work/quote-rejects.csv")" = "old rejects" ]; then pass "stray quote stops the run ${reject:+(with a reject file)}"
    else fail "stray quote ${reject} (exit $code): $out"; fi
  done
  [ -z "$(ls "$work" | grep 'quote-rejects.csv.tmp')" ] || fail "a staged reject file was left behind"
fi

# 5d. Paths the run must never destroy: refused before anything is read.
mkdir -p "$work/P"
cp -r tests/e2e/bad-rows/data "$work/P/data"
cp "$work/P/data/members.csv" "$work/members.orig"
expect_refusal() {  # NAME PATTERN ARGS...
  local name=$1 pattern=$2; shift 2
  local out code
  out=$("$bin" run --measure measures/2022/cbi/bcs.measure "$@" 2>&1)
  code=$?
  if [ $code -eq 2 ] && grep -q -- "$pattern" <<<"$out" && cmp -s "$work/members.orig" "$work/P/data/members.csv"; then
    pass "refused: $name"
  else fail "$name (exit $code): $out"; fi
}
expect_refusal "--reject-file DATA/members.csv" "would overwrite members.csv, an input of this run" \
  --data "$work/P/data" --out "$work/o1" --reject-file "$work/P/data/members.csv"
expect_refusal "--reject-file inside --out" "lies inside --out" \
  --data "$work/P/data" --out "$work/o1" --reject-file "$work/o1/rejects.csv"
expect_refusal "--out holding the data" "would replace the data directory" \
  --data "$work/P/data" --out "$work/P" --reject-file "$work/r.csv"
expect_refusal "--out equal to the data" "would replace the data directory" \
  --data "$work/P/data" --out "$work/P/data/" --reject-file "$work/r.csv"
[ -d "$work/P/data" ] && [ ! -e "$work/o1" ] || fail "a refused run touched its paths"
# The measure files are inputs too (a copy: a failing check must not clobber the repository).
cp measures/2022/cbi/bcs.measure "$work/own.measure"
out=$("$bin" run --measure "$work/own.measure" --data tests/e2e/bcs-small/data --out "$work/o1" \
  --reject-file "$work/own.measure" 2>&1)
if [ $? -eq 2 ] && grep -q "would overwrite $work/own.measure, a measure file of this run" <<<"$out" \
   && cmp -s measures/2022/cbi/bcs.measure "$work/own.measure" && [ ! -e "$work/o1" ]; then
  pass "refused: --reject-file a measure file of the run"
else fail "--reject-file a measure file: $out"; fi
mkdir -p "$work/home" && echo keep >"$work/home/thesis.tex"
out=$("$bin" run --measure measures/2022/cbi/bcs.measure --data tests/e2e/bcs-small/data --out "$work/home" 2>&1)
if [ $? -eq 1 ] && grep -q "holds 'thesis.tex', which is not a measurec result file" <<<"$out" \
   && [ "$(cat "$work/home/thesis.tex")" = keep ]; then pass "--out with a foreign file is refused"
else fail "foreign --out: $out"; fi
# A previous run's results are replaced; the reject file appears only on success.
"$bin" run --measure measures/2022/cbi/bcs.measure --data tests/e2e/bcs-small/data --out "$work/again" >/dev/null 2>&1
"$bin" run --measure measures/2022/cbi/bcs.measure --data tests/e2e/bad-rows/data --out "$work/again" \
  --reject-file "$work/again-rejects.csv" >/dev/null 2>&1
if [ $? -eq 0 ] && grep -q '"rejected": 4' "$work/again/run.json" && [ -f "$work/again-rejects.csv" ]; then
  pass "a previous results directory is replaced"
else fail "replacing a previous results directory"; fi

# 5e. Numbers on the command line are parsed strictly.
for bad in "--threads 2x" "--threads 0" "--threads 257" "--threads -1" "--period 2022x" "--period +2022" "--period 1899" \
           "--period-start 0001-01-01 --period-end 2022-12-31" "--period-start 2022-01-01 --period-end 2301-01-01"; do
  out=$("$bin" run --measure measures/2022/cbi/bcs.measure --data tests/e2e/bcs-small/data --out "$work/n" $bad 2>&1)
  code=$?
  if [ $code -eq 2 ] && [ ! -e "$work/n" ]; then pass "usage error: $bad"
  else fail "$bad (exit $code): $out"; fi
done

# 5e2. --set NAME=VALUE overrides a program parameter: an unknown name or a
#      value that is not a number is a usage error listing the parameters,
#      before anything is written; a known one runs.
for bad in "nope=1" "point_value=12x" "point_value" "point_value="; do
  out=$("$bin" run --program measures/2022/cbi --data tests/e2e/bcs-small/data --out "$work/set" --set "$bad" 2>&1)
  code=$?
  if [ $code -eq 2 ] && [ ! -e "$work/set" ]; then pass "--set usage error: $bad"
  else fail "--set $bad (exit $code): $out"; fi
done
out=$("$bin" run --program measures/2022/cbi --data tests/e2e/bcs-small/data --out "$work/set" --set nope=1 2>&1)
grep -qF "measurec run: --set: unknown parameter 'nope' (parameters: pcmh_fee, bhi_fee, point_value, fva_tier1, fva_tier2, fva_goal, " <<<"$out" \
  && pass "--set names the program's parameters" || fail "--set unknown name: $out"
out=$("$bin" run --measure measures/2022/cbi/bcs.measure --data tests/e2e/bcs-small/data --out "$work/set" --set x=1 2>&1)
grep -qF "(the program has no parameters)" <<<"$out" && pass "--set without program parameters" \
  || fail "--set on measure files: $out"
"$bin" run --program measures/2022/cbi --data tests/e2e/bcs-small/data --out "$work/set" \
  --set point_value=250 >/dev/null 2>&1 && pass "--set point_value=250 runs" || fail "--set point_value=250 did not run"
# run.json and report.html say which figures the run used: the value a --set
# gave, the assumptions still in force.
grep -qF '"point_value": {"value": 250, "unit": "dollars", "assumption": false, "set": true},' "$work/set/run.json" \
  && grep -qF '"pcmh_fee": {"value": 2500, "unit": "dollars", "assumption": false, "set": false},' "$work/set/run.json" \
  && grep -qF 'set on the command line: point_value = 250</span>' "$work/set/report.html" \
  && pass "--set: run.json lists the parameters as used, report.html names the override" \
  || fail "--set provenance: $(grep -A3 '"parameters"' "$work/set/run.json")"
# check lists each assumption still in force (a note; not a warning).
out=$("$bin" check measures/2022/cbi 2>&1)
grep -q "note N0501: parameter point_value = 100 dollars is an assumption" <<<"$out" \
  && pass "check lists the CBI assumptions" || fail "check does not list point_value: $out"

# 5f. Messages say what happened: a missing file or an uncreatable reject file
#     is not a bad row.
mkdir -p "$work/nomembers" && cp tests/e2e/bad-rows/data/enrollment.csv "$work/nomembers/"
out=$("$bin" run --measure measures/2022/cbi/bcs.measure --data "$work/nomembers" --out "$work/m" 2>&1)
if [ $? -eq 1 ] && grep -q "members.csv: required file is missing" <<<"$out" \
   && grep -q "^measurec run: the data directory is incomplete; nothing was written" <<<"$out" \
   && ! grep -q "bad row" <<<"$out"; then pass "a missing file says so"
else fail "missing file: $out"; fi
out=$("$bin" run --measure measures/2022/cbi/bcs.measure --data tests/e2e/bcs-small/data --out "$work/m" \
  --reject-file "$work/no/such/dir/r.csv" 2>&1)
if [ $? -eq 1 ] && grep -q "cannot create the reject file" <<<"$out" \
   && grep -q "^measurec run: the reject file cannot be written; nothing was written" <<<"$out" \
   && ! grep -q "bad row" <<<"$out" && [ ! -e "$work/m" ]; then pass "an uncreatable reject file says so"
else fail "uncreatable reject file: $out"; fi

# 5g. Rows naming providers absent from providers.csv are accepted, counted and named.
mkdir -p "$work/prov"
cp tests/e2e/bcs-small/data/*.csv "$work/prov/"
printf 'M1,2022-03-01,CPT:99213,P7,outpatient\nM1,2022-03-02,CPT:99213,P9,outpatient\nM1,2022-03-03,CPT:99213,P7,outpatient\n' \
  | awk -F, -v hdr="$(head -1 "$work/prov/visits.csv")" 'BEGIN{n=split(hdr,h,",")} {
      for(i=1;i<=n;i++){v="";
        if(h[i]=="member_id")v=$1; else if(h[i]=="date")v=$2; else if(h[i]=="codes")v=$3;
        else if(h[i]=="provider_id")v=$4; else if(h[i]=="setting")v=$5;
        printf "%s%s", v, (i<n?",":"\n")}}' >>"$work/prov/visits.csv"
out=$("$bin" run --measure measures/2022/cbi/bcs.measure --data "$work/prov" --out "$work/prov-out" 2>&1)
if [ $? -eq 0 ] && grep -q "^warning: visits.csv: 3 rows name providers absent from providers.csv (P7, P9)$" <<<"$out" \
   && grep -q '"unknown_providers": 3' "$work/prov-out/run.json"; then pass "unknown providers are counted and named"
else fail "unknown providers: $out"; fi
rm "$work/prov/providers.csv"
out=$("$bin" run --measure measures/2022/cbi/bcs.measure --data "$work/prov" --out "$work/prov-out" 2>&1)
if [ $? -eq 0 ] && [ "$(grep -c "^warning: no providers.csv in $work/prov" <<<"$out")" -eq 1 ]; then pass "no providers.csv is said once"
else fail "no providers.csv: $out"; fi

# 5h. run.json: statuses not counted, lines, provenance.
out=$("$bin" run --program measures/2022/cbi --data tests/e2e/bcs-small/data --out "$work/prov-json" \
  --period 2022 2>&1)
json="$work/prov-json/run.json"
hash=$(python3 -c 'import sys
h=0xcbf29ce484222325
for b in open(sys.argv[1],"rb").read(): h=((h^b)*0x100000001b3)&0xffffffffffffffff
print("fnv1a64:%016x"%h)' measures/2022/cbi/bcs.measure)
if grep -q "\"path\": \"measures/2022/cbi/bcs.measure\", \"hash\": \"$hash\", \"absolute\": \"$PWD/measures/2022/cbi/bcs.measure\"" "$json" \
   && grep -q '"path": "measures/2022/cbi/program.measure", "hash": "fnv1a64:' "$json" \
   && grep -q 'stdlib/exclusions.measure", "hash": "fnv1a64:' "$json" \
   && grep -q 'stdlib/codes/frailty-diagnosis.csv", "hash": "fnv1a64:' "$json" \
   && grep -q "\"absolute\": \"$PWD/tests/e2e/bcs-small/data\"" "$json" \
   && grep -q '"reject_file": null' "$json" && grep -q '"--period",' "$json" \
   && grep -q '"lines": 8,' "$json"; then pass "run.json provenance: sources (code files too) with hashes, data, command line"
else fail "run.json provenance: $(cat "$json")"; fi
if grep -q '"not_counted_by_status": 1,' "$json" && grep -q '"cancelled": 1' "$json" \
   && grep -q "^1 event(s) not counted by the run's measures because of their status (1 cancelled)" <<<"$out"; then
  pass "events not counted because of their status are counted and said"
else fail "status counts: $out"; fi

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

# 8. Every command has its own --help: usage, flags and an example.
for cmd in check test run explain ir gen diff version; do
  out=$("$bin" $cmd --help 2>&1); code=$?
  if [ $code -eq 0 ] && grep -q "^usage: measurec $cmd" <<<"$out"; then pass "$cmd --help"
  else fail "$cmd --help (exit $code): $out"; fi
done
for cmd in check test run explain ir gen diff; do
  "$bin" $cmd --help | grep -q '^example:' || fail "$cmd --help has no example"
done
# run --help names every results file a run may write.
for f in member_results.csv provider_results.csv gaps.csv run.json strata.csv pharmacy_eligibility.csv \
         scorecard.csv participation.csv interim.csv pharmacy_ranking.csv pharmacy_home.csv \
         'rewards/<REWARD>.csv' report.html; do
  "$bin" run --help | grep -qF "$f" || fail "run --help does not name $f"
done
# The overview names every flag of run, and diff --help every kind of
# change the workbook's summary of changes has.
for flag in --as-of --set --prior --reject-file --threads; do
  "$bin" --help | grep -A3 '^  measurec run' | grep -qF -- "$flag" || fail "measurec --help: run without $flag"
done
for kind in replace 'points moved' 'fee-for-service' 'plan goals' 'member rewards' define \
            'participation gates' point_value p4p_pool; do
  "$bin" diff --help | tr '\n' ' ' | grep -qF -- "$kind" || fail "diff --help does not name $kind"
done

# 9. A failing test shows the member's ages and the events that nearly matched.
out=$("$bin" test tests/e2e/near-miss/failing.measure 2>&1); code=$?
if [ $code -eq 1 ] && grep -q "member: age 60 at 2022-01-01, 61 at 2022-12-31" <<<"$out" \
   && grep -q "2020-09-30  CPT:77067 — outside the time window" <<<"$out" \
   && grep -q "status cancelled — its status does not count" <<<"$out"; then pass "test failure shows ages and near misses"
else fail "test failure details (exit $code): $out"; fi
json=$("$bin" test --format json tests/e2e/near-miss/failing.measure)
if python3 -c 'import json,sys; d=json.load(sys.stdin); t=d["tests"][0]
assert d["failed"]==1 and d["passed"]==0 and not t["passed"] and len(t["near_misses"])==2, d' <<<"$json"
then pass "test --format json"; else fail "test --format json: $json"; fi
json=$("$bin" test --format json measures)
if python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["failed"]==0 and d["passed"]==len(d["tests"])>100, d["failed"]' <<<"$json"
then pass "test --format json measures"; else fail "test --format json measures"; fi

# A spec with errors runs no test, and the JSON keeps its shape: the errors are
# its diagnostics (CI reads one format, not an array here and an object there).
printf 'measure BAD "b" {\n  period 2022\n  population nope\n  numerator true\n}\n' >"$work/bad.measure"
json=$("$bin" test --format json "$work/bad.measure" 2>/dev/null); code=$?
if [ $code -eq 1 ] && python3 -c 'import json,sys; d=json.load(sys.stdin)
assert d["passed"]==0 and d["failed"]==0 and d["tests"]==[] and d["diagnostics"][0]["code"]=="E0101", d' <<<"$json"
then pass "test --format json with errors"; else fail "test --format json with errors (exit $code): $json"; fi

# 10. explain shows the member's ages and the events a filter turned away.
out=$("$bin" explain --member M2 --measure BCS --data tests/e2e/bcs-small/data measures/2022/cbi/bcs.measure 2>&1)
if grep -q "^age .* at 2022-01-01, .* at 2022-12-31 (born " <<<"$out"; then pass "explain shows ages"
else fail "explain ages: $out"; fi
out=$("$bin" explain --member M7 --measure BCS --data tests/e2e/bcs-small/data measures/2022/cbi/bcs.measure 2>&1)
if grep -q "visits.csv:5  2022-05-01  CPT:77067 provider P1 setting outpatient status cancelled — its status does not count" <<<"$out"
then pass "explain shows an event its status turned away"; else fail "explain near miss: $out"; fi
# 8. explain and reasons tell an unknown term (a comparison with a missing lab) from a false one.
out=$("$bin" explain --member M1 --measure SEM_RULE_NUMERATOR --data tests/e2e/bcs-small/data \
  tests/semantics/rules.measure 2>&1)
if grep -q "^reason: not met: lab_low (unknown)$" <<<"$out" && grep -Eq "^  unknown +lab_low$" <<<"$out" \
   && grep -q "^  lab = missing$" <<<"$out"; then pass "explain prints unknown terms"
else fail "explain of an unknown term: $out"; fi
# 11. A principal diagnosis: the asthma visit with J45.40 first matches; with J45.40
#     after another diagnosis it is a near miss in explain.
mkdir -p "$work/principal/data"
cat > "$work/principal/pqi.measure" <<'MEASURE'
measure PQI "Asthma admissions" {
  period 2022
  codeset Asthma = ICD10CM{J45.40}
  population true
  numerator exists visit with principal Asthma during MP
}
MEASURE
printf 'member_id,birth_date,sex\nM1,1980-04-02,F\nM2,1975-09-30,M\n' > "$work/principal/data/members.csv"
printf 'member_id,start_date,end_date,pcp_id\nM1,2022-01-01,,\nM2,2022-01-01,,\n' > "$work/principal/data/enrollment.csv"
printf 'member_id,date,codes\nM1,2022-05-01,CPT:99213 ICD10CM:J45.40 ICD10CM:E11.9\nM2,2022-05-01,CPT:99213 ICD10CM:E11.9 ICD10CM:J45.40\n' \
  > "$work/principal/data/visits.csv"
out=$("$bin" explain --member M1 --measure PQI --data "$work/principal/data" "$work/principal/pqi.measure" 2>&1)
if grep -q "^reason: met" <<<"$out"; then pass "explain: a principal diagnosis matches"
else fail "explain principal M1: $out"; fi
out=$("$bin" explain --member M2 --measure PQI --data "$work/principal/data" "$work/principal/pqi.measure" 2>&1)
if grep -q "visits.csv:3  2022-05-01  .* — its principal diagnosis is another" <<<"$out" \
   && ! grep -q "^reason: met" <<<"$out"; then pass "explain shows a secondary diagnosis as a near miss"
else fail "explain principal near miss: $out"; fi

# 12. A rate measure (per 1,000 member years, an urgent visit 0.5): weighted
#     counts in member_results, member years and the rate per 1,000 in
#     provider_results, no gaps; explain shows the count and the exposure.
"$bin" run --measure tests/e2e/rate-small/rate.measure --data tests/e2e/rate-small/data \
  --out "$work/rate" >/dev/null
if [ $? -eq 0 ]; then
  results_match rate-small tests/e2e/rate-small/expected "$work/rate" "member_results provider_results gaps"
else fail "rate-small run exited non-zero"; fi
out=$("$bin" explain --member M1 --measure RATEX --data tests/e2e/rate-small/data \
  tests/e2e/rate-small/rate.measure 2>&1)
if grep -q "^numerator (weighted count): 1.5000, exposure: 1 member years$" <<<"$out"; then
  pass "explain shows a rate member's weighted count and exposure"
else fail "explain rate: $out"; fi

# 13. measurec gen: 2,000 members scored by the CBI program; every shipped CBI
#     measure has a denominator and a numerator strictly between 0 and it; the
#     same bytes with 1 or 2 threads; bad arguments exit 2 and write nothing.
if "$bin" gen --members 2000 --seed 1 --out "$work/gen" --threads 2 >/dev/null \
   && "$bin" run --program measures/2022/cbi --data "$work/gen" --out "$work/gen-out" >/dev/null; then
  pass "gen 2000 members, the CBI program runs on them"
  for id in $(sed -n 's/^measure \([A-Z0-9_]*\) .*/\1/p' measures/2022/cbi/*.measure); do
    read -r den num < <(awk -F, -v m="$id" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
      $c["measure"] == m { d += $c["denominator"]; n += $c["numerator"] } END { print d + 0, n + 0 }' \
      "$work/gen-out/provider_results.csv")
    if awk -v d="$den" -v n="$num" 'BEGIN { exit !(d > 0 && n > 0 && n < d) }'; then
      pass "gen population: $id denominator $den, numerator $num"
    else fail "gen population: $id is trivial (denominator $den, numerator $num)"; fi
  done
else fail "gen 2000 members or the CBI run on them failed"; fi
"$bin" gen --members 2000 --seed 1 --out "$work/gen1" --threads 1 >/dev/null
if diff -r "$work/gen" "$work/gen1" >/dev/null; then pass "gen: threads 1 and 2 write the same bytes"
else fail "gen: threads 1 and 2 differ"; fi
if "$bin" gen --members 50 --seed 2 --out "$work/gen" >/dev/null && ! diff -q "$work/gen/members.csv" "$work/gen1/members.csv" >/dev/null; then
  pass "gen replaces a previous data directory"
else fail "gen did not replace a previous data directory"; fi
"$bin" gen --members 1000 --seed 20220101 --out "$work/sample" >/dev/null
if diff -r "$work/sample" measures/2022/sample-data >/dev/null; then
  pass "measures/2022/sample-data is what measurec gen --members 1000 --seed 20220101 writes"
else fail "measures/2022/sample-data differs from measurec gen --members 1000 --seed 20220101: regenerate it"; fi
touch "$work/plainfile"
mkdir -p "$work/genhome" && echo keep > "$work/genhome/notes.txt"
for bad in "--members 0 --seed 1" "--members abc --seed 1" "--members -5 --seed 1" \
           "--members 10000000 --seed 1" "--members 10 --seed x" "--members 10 --seed 1 --threads 0" \
           "--members 10 --seed 1 --period 22" "--members 10 --seed 1 extra"; do
  # shellcheck disable=SC2086
  out=$("$bin" gen $bad --out "$work/gen-bad" 2>&1); code=$?
  if [ $code -eq 2 ] && [ ! -e "$work/gen-bad" ] && grep -q "^measurec gen: " <<<"$out"; then pass "gen usage error: $bad"
  else fail "gen $bad (exit $code): $out"; fi
done
out=$("$bin" gen --members 10 --seed 1 2>&1); code=$?
if [ $code -eq 2 ] && grep -q -- "--out is required" <<<"$out"; then pass "gen without --out"; else fail "gen without --out: $out"; fi
out=$("$bin" gen --members 10 --seed 1 --out "$work/plainfile/data" 2>&1); code=$?
if [ $code -eq 2 ] && [ -f "$work/plainfile" ] && [ -z "$(ls "$work" | grep '^plainfile.*tmp')" ]; then pass "gen: --out under a file is refused"
else fail "gen --out under a file (exit $code): $out"; fi
out=$("$bin" gen --members 10 --seed 1 --out "$work/genhome" 2>&1); code=$?
if [ $code -eq 2 ] && grep -q "notes.txt" <<<"$out" && [ "$(cat "$work/genhome/notes.txt")" = keep ] \
   && [ ! -e "$work/genhome/members.csv" ]; then pass "gen: --out with a foreign file is refused"
else fail "gen --out with a foreign file (exit $code): $out"; fi

# 14. Event pairing: explain on a PDV member shows which visit was paired with
# which discharge (a PDV member with one followed-up stay and one without).
mkdir -p "$work/pdv/data"
printf 'member_id,birth_date,sex\nM1,1970-02-01,F\n' > "$work/pdv/data/members.csv"
printf 'member_id,start_date,end_date,pcp_id\nM1,2021-01-01,,P1\n' > "$work/pdv/data/enrollment.csv"
printf 'provider_id,kind\nP1,pcp\nH1,hospital\n' > "$work/pdv/data/providers.csv"
printf 'member_id,date,end_date,codes,provider_id,setting\n%s\n%s\n%s\n%s\n' \
  'M1,2022-03-04,2022-03-06,CPT:99223,H1,inpatient' 'M1,2022-03-10,,CPT:99214,P1,outpatient' \
  'M1,2022-08-01,2022-08-03,CPT:99223,H1,inpatient' 'M1,2022-08-09,,CPT:99285,,ed' \
  > "$work/pdv/data/visits.csv"
out=$("$bin" explain --member M1 --measure PDV --data "$work/pdv/data" measures/2022/cbi/pdv.measure 2>&1)
if grep -q "visit 2022-03-04..2022-03-06 (line 2) \[stay\] -> paired with visit 2022-03-10 (line 3)" <<<"$out" \
   && grep -q "visit 2022-08-01..2022-08-03 (line 4) \[stay\] -> nothing paired from exists visit with PostDischargeVisit in setting outpatient or telehealth or home during \[stay.end + 1 day, stay.end + 14 days\]$" <<<"$out" \
   && grep -q "^outcome: population, eligible, not excluded, not numerator" <<<"$out"; then
  pass "explain shows the events paired with each discharge"
else fail "explain pairing: $out"; fi

# 15. NDCs in every published form are one 11-digit code (docs/data.md): the
# set is written 4-4-2 and 5-3-2, the fills 11 digits, 5-4-2, NDC:4-4-2 and
# 5-4-2 of the 5-3-2 code match; 5-4-1 is another code. explain prints the
# 11-digit form. A 10-digit NDC without hyphens stops the run or, with a
# reject file, is set aside with its reason and counted.
ndc=tests/e2e/ndc-small
out=$("$bin" test $ndc/ndc.measure 2>&1)
if [ $? -eq 0 ] && grep -q '^3 passed, 0 failed$' <<<"$out"; then pass "ndc test blocks: every form matches"
else fail "ndc test blocks: $out"; fi
if "$bin" run --measure $ndc/ndc.measure --data $ndc/data --out "$work/ndc" --threads 2 >/dev/null \
   && diff -u $ndc/expected/member_results.csv "$work/ndc/member_results.csv"; then
  pass "ndc-small member_results.csv"
else fail "ndc-small run or member_results.csv differs"; fi
out=$("$bin" explain --member A3 --measure NDCF --data $ndc/data $ndc/ndc.measure 2>&1)
if grep -q "pharmacy.csv:4  2022-02-01  NDC:00002322730" <<<"$out"; then pass "explain prints the 11-digit NDC"
else fail "explain of an NDC fill: $out"; fi
cp -r $ndc/data "$work/ndc-bad"
echo "A6,2022-03-01,30,0002322730," >>"$work/ndc-bad/pharmacy.csv"
out=$("$bin" run --measure $ndc/ndc.measure --data "$work/ndc-bad" --out "$work/ndc-bad-out" 2>&1)
code=$?
if [ $code -eq 1 ] && grep -q "pharmacy.csv:8: column 'ndc': value '0002322730': '0002322730' is a 10-digit NDC without hyphens, so it is ambiguous" <<<"$out" \
   && grep -q "0002-3227-30 is 00002322730, 00023-227-30 is 00023022730, 00023-2273-0 is 00023227300" <<<"$out" \
   && [ ! -e "$work/ndc-bad-out" ]; then pass "a 10-digit NDC without hyphens stops the run"
else fail "ambiguous NDC (exit $code): $out"; fi
"$bin" run --measure $ndc/ndc.measure --data "$work/ndc-bad" --out "$work/ndc-bad-out" \
  --reject-file "$work/ndc-rejects.csv" >/dev/null 2>&1
if [ $? -eq 0 ] && grep -q "^pharmacy.csv,8,ndc,0002322730,\"'0002322730' is a 10-digit NDC without hyphens, so it is ambiguous" "$work/ndc-rejects.csv" \
   && grep -q '"rejected": 1' "$work/ndc-bad-out/run.json"; then pass "an ambiguous NDC is set aside with its reason and counted"
else fail "ambiguous NDC with a reject file: $(cat "$work/ndc-rejects.csv")"; fi

# 16. Pharmacy attribution and an event-unit measure (issue 12), on a period
#     that is not a calendar year (the seed's 2016-07-04..2017-07-31): STATX
#     members go to the pharmacy of most of their statin fills (M2: a tie, to
#     the latest fill; M5: two on one day, to the smaller id; M4: a fill
#     without a pharmacy does not count); GDR counts fills per dispensing
#     pharmacy and writes no member rows or gaps. Expected files checked by
#     hand (tests/e2e/pharm-small/statx.measure and its data).
pharm=tests/e2e/pharm-small
if "$bin" run --measure $pharm/statx.measure --measure measures/2016/pharmacy-p4p/gdr.measure \
     --data $pharm/data --period-start 2016-07-04 --period-end 2017-07-31 --out "$work/pharm" >/dev/null; then
  results_match pharm-small "$pharm/expected" "$work/pharm" \
    "member_results provider_results gaps pharmacy_eligibility"
else fail "pharm-small run exited non-zero"; fi
# A run without pharmacy measures writes no pharmacy_eligibility.csv.
if [ -e "$work/rate/pharmacy_eligibility.csv" ]; then fail "a PCP-only run wrote pharmacy_eligibility.csv"
else pass "pharmacy_eligibility.csv only for runs with pharmacy measures"; fi
# The same data as calendar 2016 (--period 2016): M7 is 17 at the end and
# leaves, M3's 2016-07-01 fill counts, M2's only 2016 fill is PH1's and M4's
# is the one without a pharmacy (UNLINKED).
if "$bin" run --measure $pharm/statx.measure --data $pharm/data --period 2016 --out "$work/pharm16" >/dev/null \
   && [ "$(cut -d, -f1,3,7 "$work/pharm16/member_results.csv" | tr '\n' ' ')" = \
        "member_id,provider_id,numerator M1,PH1,1 M2,PH1,0 M5,PH1,0 M6,PH2,0 M3,PH3,0 M4,UNLINKED,0 " ]; then
  pass "pharm-small with --period 2016: ages, windows and pharmacies follow the period"
else fail "pharm-small --period 2016: $(cat "$work/pharm16/member_results.csv" 2>&1)"; fi
out=$("$bin" explain --member M2 --measure STATX --data $pharm/data --period-start 2016-07-04 \
  --period-end 2017-07-31 $pharm/statx.measure 2>&1)
if grep -q "^pharmacy: PH2: 1 fill(s), tied, the latest fill 2017-01-10 (PH1: 1, latest 2016-08-15)$" <<<"$out"; then
  pass "explain says which pharmacy and why"
else fail "explain pharmacy: $out"; fi
out=$("$bin" explain --member M1 --measure GDR --data $pharm/data --period-start 2016-07-04 \
  --period-end 2017-07-31 measures/2016/pharmacy-p4p/gdr.measure 2>&1)
if grep -q "^units at PH1: 2 event(s), 2 in the numerator$" <<<"$out" \
   && grep -q "^units at PH2: 1 event(s), 0 in the numerator$" <<<"$out" \
   && grep -A1 "^  pharmacy.csv:4  2016-10-01 .* provider PH2" <<<"$out" | grep -q "^    false    fill.generic$" \
   && ! grep -q "unknown" <<<"$out"; then
  pass "explain shows an event-unit member's units per pharmacy"
else fail "explain units: $out"; fi
# --period 2022 on a 2022 data directory: the 2016 pharmacy program's measures
# are annual and take the year given.
if "$bin" run --program measures/2016/pharmacy-p4p --data measures/2022/sample-data --period 2022 \
     --out "$work/pharm22" >/dev/null && grep -q '"start": "2022-01-01"' "$work/pharm22/run.json" \
   && grep -q ",GDR," "$work/pharm22/provider_results.csv"; then
  pass "the pharmacy program runs with --period 2022 on a 2022 data directory"
else fail "the pharmacy program with --period 2022"; fi

# 17. explain prints every query text on one line, however many source lines
#     it spans (the reproducer of the audit of issue 11).
cat > "$work/pdv/multiline.measure" <<'MEASURE'
measure R "repro" { kind proportion  period 2022  population true
  numerator (count visit as v in setting ed during MP
               where v.date > MP.start) >= 1 }
MEASURE
out=$("$bin" explain --member M1 --measure R --data "$work/pdv/data" "$work/pdv/multiline.measure" 2>&1)
if grep -qx "         count visit as v in setting ed during MP where v.date > MP.start: 1 matching event(s)" <<<"$out" \
   && ! grep -q "^ *where v.date" <<<"$out"; then pass "explain prints a query written over two lines on one line"
else fail "explain of a multi-line query: $out"; fi

# 18. explain of a pdc: index date, treatment period end, each fill's span;
# the fill before the period is read, not turned away.
out=$("$bin" explain --member M1 --measure PDCE --data tests/e2e/pdc-small/data tests/e2e/pdc-small/pdc.measure 2>&1)
if grep -q "index date 2022-01-15, treatment period ends 2022-06-30: 167 of 167 day(s) covered" <<<"$out" \
   && grep -q "days_supply 146 — covers 2022-03-01..2022-07-24 (shifted" <<<"$out" \
   && grep -q "2021-12-01 .* — covers 2021-12-01..2022-02-28" <<<"$out" \
   && grep -q "2022-09-01 .* — after the treatment period" <<<"$out" \
   && ! grep -q "pdc of.*turned away" <<<"$(grep -A3 'pdc of pharmacy with RXNORM{617310} during MP:' <<<"$out")"; then
  pass "explain shows a pdc's treatment period and fills"
else fail "explain pdc: $out"; fi

# 19. The pharmacy P4P member measures report per pharmacy (issue 12): SUPD
#     goes to the pharmacy of most diabetes fills (S1: 2 metformin fills at
#     PH1; its 3 statin fills at PH2 do not choose), ASM_SOC and ASM_ACT to
#     the pharmacy of most asthma medication fills (A1: 2 SABA fills at PH2,
#     one controller at PH1, outside the 90 days of the 4 canisters).
p4p=measures/2016/pharmacy-p4p
if "$bin" run --measure $p4p/supd.measure --measure $p4p/asm_soc.measure --measure $p4p/asm_act.measure \
     --data tests/e2e/p4p-attribution/data --period 2016 --out "$work/p4p" >/dev/null \
   && [ "$(cut -d, -f1-3,7 "$work/p4p/member_results.csv" | tr '\n' ' ')" = \
        "member_id,measure,provider_id,numerator S1,SUPD,PH1,1 A1,ASM_ACT,PH2,1 A1,ASM_SOC,PH2,1 " ]; then
  pass "SUPD, ASM_SOC and ASM_ACT are attributed to the pharmacy of their denominator fills"
else fail "p4p attribution: $(cat "$work/p4p/member_results.csv" 2>&1)"; fi

# 20. The pharmacy program on 10,000 gen members (issue 12, "Done when"):
#     every pharmacy has every measure, each rate strictly between 0 and 1,
#     and most pharmacies have a denominator above 10 for each measure.
if "$bin" gen --members 10000 --seed 1 --out "$work/p10k" >/dev/null \
   && "$bin" run --program measures/2016/pharmacy-p4p --period 2022 --data "$work/p10k" \
        --out "$work/p10k-out" >/dev/null 2>&1; then
  out=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    $c["provider_id"] == "UNLINKED" { next }
    { n[$c["measure"]]++; if ($c["denominator"] > 10) big[$c["measure"]]++
      if (!($c["rate"] > 0 && $c["rate"] < 1)) bad = bad " " $c["provider_id"] "/" $c["measure"] "=" $c["rate"] }
    END { for (m in n) { if (big[m] * 2 <= n[m]) bad = bad " " m ":few-above-10"; pharm[n[m]]++; k++ }
          if (k != 7) bad = bad " measures:" k; for (x in pharm) p++; if (p != 1) bad = bad " uneven"
          print bad }' "$work/p10k-out/provider_results.csv")
  if [ -z "$out" ]; then pass "pharmacy program on gen 10,000: every pharmacy, every measure non-trivial"
  else fail "pharmacy program on gen 10,000:$out"; fi
else fail "gen 10,000 or the pharmacy program run failed"; fi

# 21. A period that ends months after the data (the seed's July-July period
#     on data of 2016 and a few months of 2017): the run says so, because
#     the missing months read as uncovered days; data that reaches the
#     period's last month gets no such note.
out=$("$bin" run --measure $pharm/statx.measure --data $pharm/data --period 2017 --out "$work/span17" 2>&1)
if grep -q "^note: the data's latest event is on 2017-07-20, before the period ends on 2017-12-31: " <<<"$out" \
   && ! "$bin" run --measure $pharm/statx.measure --data $pharm/data --period-start 2016-07-04 \
        --period-end 2017-07-31 --out "$work/span16" 2>&1 | grep -q "latest event"; then
  pass "run notes a period that ends after the data"
else fail "data span note: $out"; fi

# 22. The 2021 CBI program (measures/2021/cbi) includes the unchanged
#     measures from measures/2022/cbi by a relative path and runs them in
#     its own period: the 2021 measures (AMM, the two maternity measures)
#     and BCS are in it, the measures new in 2022 (CDF, ACES, HPHD) are not.
out=$("$bin" run --program measures/2021/cbi --data measures/2022/sample-data --out "$work/cbi21" 2>&1)
if [ $? -eq 0 ] && grep -q '^CBI2021 2021-01-01..2021-12-31: .* 26 measures$' <<<"$out" \
   && grep -q '^PDV ' <<<"$out" && grep -q '^BCS ' <<<"$out" && grep -q '^AMM ' <<<"$out" \
   && grep -q '^PPC_PRE ' <<<"$out" && grep -q '^PPC_POST ' <<<"$out" \
   && ! grep -Eq '^(CDF|ACES|HPHD) ' <<<"$out"; then
  pass "the 2021 CBI program includes the 2022 files and runs in 2021"
else fail "2021 CBI program: $out"; fi

# 23. Program scoring (issue 13): a program run writes scorecard.csv, a run
#     of measure files does not. On the pharmacy program (gen 10,000, run in
#     20), PDC_DR's stars are recomputed here from its printed thresholds
#     80.4 / 85.4 / 90.3 / 94.3 and its payment from "> 90.2%" (rates within
#     0.01 point of a threshold are skipped: the file's rate is rounded);
#     ASM_ACT's stars decrease with the rate (54.3 / 45.3 / 38.1 / 31.9).
if [ -f "$work/p10k-out/scorecard.csv" ] && [ ! -e "$work/bcs/scorecard.csv" ] \
   && [ "$(head -1 "$work/p10k-out/scorecard.csv")" = \
        "provider_id,program,domain,measure,rate,points_earned,points_possible,stars,payment,why" ]; then
  out=$(awk -F, 'function near(p, t) { return p > t - 0.01 && p < t + 0.01 }
    NR == 1 { next }
    $1 == "UNLINKED" || $4 == "" || $5 == "" { next }
    $4 == "PDC_DR" { p = $5 * 100; if (near(p, 80.4) || near(p, 85.4) || near(p, 90.3) || near(p, 94.3)) next
      s = 1 + (p >= 80.4) + (p >= 85.4) + (p >= 90.3) + (p >= 94.3); n++
      if ($8 != s) bad = bad " " $1 ":stars=" $8 "/" s
      w = p >= 90.3 ? "meets payment threshold" : "below payment threshold"
      # An ineligible pharmacy (29) says why it is not paid instead.
      if ($10 != w && $10 != "below minimum denominator" && $10 !~ /^eligibility: /) bad = bad " " $1 ":" $10 }
    $4 == "ASM_ACT" { p = $5 * 100; if (near(p, 54.3) || near(p, 45.3) || near(p, 38.1) || near(p, 31.9)) next
      s = 1 + (p <= 54.3) + (p <= 45.3) + (p <= 38.1) + (p <= 31.9); a++
      if ($8 != s) bad = bad " " $1 ":act-stars=" $8 "/" s }
    END { if (n == 0 || a == 0) bad = bad " no PDC_DR or ASM_ACT lines"; print bad }' "$work/p10k-out/scorecard.csv")
  if [ -z "$out" ]; then pass "scorecard.csv: pharmacy stars and payment thresholds as printed"
  else fail "scorecard.csv stars:$out"; fi
else fail "scorecard.csv missing from a program run, or written for measure files"; fi
# The CBI program: a Quality of Care measure a provider qualifies for may
# earn 40 / (its qualifying Quality measures); totals close each provider.
out=$("$bin" run --program measures/2022/cbi --data measures/2022/sample-data --out "$work/cbi-card" 2>&1)
if [ $? -eq 0 ] && awk -F, '$1 == "UNLINKED" { next } $3 == "Quality of Care" && $4 != "" && $10 != "below minimum denominator" { q[$1]++; pp[$1] = $7 }
      $3 == "" && $4 == "" && $10 ~ /total/ { tot[$1]++ }
      END { for (p in q) if (pp[p] * q[p] < 39.999 || pp[p] * q[p] > 40.001) exit 1
            for (p in tot) if (tot[p] != 1) exit 1; exit (length(q) == 0) }' "$work/cbi-card/scorecard.csv"; then
  pass "scorecard.csv: Quality of Care's 40 points shared among qualifying measures"
else fail "CBI scorecard: $out $(head -5 "$work/cbi-card/scorecard.csv")"; fi

# 24. Points earned and dollars on bcs-small (P1: 1 of 3 = 0.3333; P2: no
#     eligible member; UNLINKED: 1 of 1): with tiers 0.30 -> 50%, 0.60 -> 100%
#     on 6 points, P1 reaches the first tier: 3 points; at the program's $100
#     a point, $300, and at --set point_value=250, $750. P2 is below the
#     minimum; UNLINKED earns nobody anything.
mkdir -p "$work/tiers"
cat > "$work/tiers/program.measure" <<MEASURE
program TIERS "tiers" {
  period 2022
  domain "Prevention" points 6 {
    include "$PWD/measures/2022/cbi/bcs.measure" points 6 tiers 0.30 -> 50%, 0.60 -> 100%
  }
  parameter point_value = 100 dollars assumption "test"
}
MEASURE
expected_p1="P1,TIERS,Prevention,BCS,0.3333,3,6,,300.00,benchmark tier 1 of 2: 50% of the points
P1,TIERS,Prevention,,,3,6,,300.00,domain total
P1,TIERS,,,,3,6,,300.00,program total
P2,TIERS,Prevention,BCS,,0,6,,0.00,below minimum denominator"
if "$bin" run --program "$work/tiers/program.measure" --data tests/e2e/bcs-small/data --out "$work/tiers-out" >/dev/null 2>&1 \
   && [ "$(sed -n 2,5p "$work/tiers-out/scorecard.csv")" = "$expected_p1" ] \
   && grep -qx "UNLINKED,TIERS,Prevention,BCS,1.0000,0,6,,0.00,unlinked: no provider to pay" "$work/tiers-out/scorecard.csv"; then
  pass "scorecard.csv: tiers, points earned and dollars as hand-computed"
else fail "tiers scorecard: $(cat "$work/tiers-out/scorecard.csv" 2>&1)"; fi
if "$bin" run --program "$work/tiers/program.measure" --data tests/e2e/bcs-small/data --out "$work/tiers-set" \
     --set point_value=250 >/dev/null 2>&1 \
   && grep -qx "P1,TIERS,,,,3,6,,750.00,program total" "$work/tiers-set/scorecard.csv"; then
  pass "--set point_value=250 pays 3 points \$750"
else fail "--set point_value: $(cat "$work/tiers-set/scorecard.csv" 2>&1)"; fi

# A tier figure that names a parameter: --set high=0.33 lets P1's 0.3333
# reach the second tier (6 points, $600); --set high=0.2 makes the tiers
# fall, which check reports where the figure is used (E0508), nothing written.
sed -e 's/tiers 0.30 -> 50%, 0.60 -> 100%/tiers low -> 50%, high -> 100%/' \
    -e 's/^}$/  parameter low = 0.30 source "test"\n  parameter high = 0.60 assumption "test"\n}/' \
  "$work/tiers/program.measure" > "$work/tiers/named.measure"
if "$bin" run --program "$work/tiers/named.measure" --data tests/e2e/bcs-small/data --out "$work/tiers-named" \
     --set high=0.33 >/dev/null 2>&1 \
   && grep -qx "P1,TIERS,,,,6,6,,600.00,program total" "$work/tiers-named/scorecard.csv"; then
  pass "--set high=0.33 moves a named tier: 6 points, \$600"
else fail "--set on a tier parameter: $(cat "$work/tiers-named/scorecard.csv" 2>&1)"; fi
out=$("$bin" run --program "$work/tiers/named.measure" --data tests/e2e/bcs-small/data --out "$work/tiers-fall" \
  --set high=0.2 2>&1)
code=$?
if [ $code -eq 1 ] && grep -q "error E0508: the tiers of BCS do not rise" <<<"$out" && [ ! -e "$work/tiers-fall" ]; then
  pass "--set high=0.2: falling tiers are E0508, nothing written"
else fail "--set high=0.2 (exit $code): $out"; fi

# 25. measurec diff: the 2021 -> 2022 CBI summary of changes names each of
#     the workbook's 10 changes ("2022 Summary of Changes", seed 003; the
#     2021 program's header lists them): 1 BCS exploratory -> programmatic;
#     2 CDF replaced AMM; 3 PCR points redistributed to PDV (the 2021
#     figures are assumptions, the 2022 ones printed); 4 ACS and PEV points
#     reallocated to Quality of Care; 5 TJC removed from the BHI
#     fee-for-service qualifications; 6, 7 new exploratory ACES and HPHD;
#     8, 9, 10 retired AMM, PPC_POST, PPC_PRE. Usage errors exit 2.
out=$("$bin" diff measures/2021/cbi measures/2022/cbi 2>&1)
rc=$?
missing=""
for line in \
  'moved: BCS exploratory -> programmatic, domain "Quality of Care"' \
  'new: CDF "Screening for Depression and Follow-Up Plan" (programmatic, domain "Quality of Care")' \
  'replaced: AMM "Antidepressant Medication Management (Effective Continuation Phase)" (programmatic, domain "Quality of Care") by CDF "Screening for Depression and Follow-Up Plan" (programmatic, domain "Quality of Care")' \
  'points moved: PCR 15 -> 10.5 to PDV 6 -> 10.5 (4.5 points)' \
  'points moved: ACS 10.5 -> 8, PEV 11.5 -> 9 to domain "Quality of Care" 35 -> 40 (5 points)' \
  'domain changed: "Quality of Care" points 35 varies -> 40 varies' \
  'fee for service changed: BHI qualification removed: tjc_certified (now bh_distinction)' \
  'new: ACES "Adverse Childhood Experiences (ACEs) Screening in Children and Adolescents" (exploratory)' \
  'new: HPHD "Health Plan Health Disparity (Well-Care Visits by ethnicity)" (exploratory)' \
  'retired: AMM "Antidepressant Medication Management (Effective Continuation Phase)" (programmatic, domain "Quality of Care")' \
  'retired: PPC_POST "Maternity Care: Postpartum (Postpartum Care)" (programmatic, domain "Quality of Care")' \
  'retired: PPC_PRE "Maternity Care: Prenatal (Timeliness of Prenatal Care)" (programmatic, domain "Quality of Care")' \
  'period: 2021 -> 2022' \
  'goal: BCS none -> 0.55' \
  'tiers: BCS none | now 0.52 -> 50%, 0.57 -> 100%'; do
  grep -qxF "$line" <<<"$out" || missing="$missing
  $line"
done
# Unchanged measures (the 2021 program includes the 2022 files, with the
# same tiers and goals) give no line, nor do the PCMH payment, the member
# rewards or Performance Improvement, which did not change; BCS's tiers and
# goal come with its move to programmatic (point 1).
if [ $rc -eq 0 ] && [ -z "$missing" ] && ! grep -q '^changed: ' <<<"$out" && ! grep -Eq 'PCMH|Improvement|member reward' <<<"$out" \
   && [ "$(grep -Ec '^(goal|tiers): ' <<<"$out")" -eq 2 ] \
   && [ "$("$bin" diff measures/2022/cbi measures/2022/cbi)" = "CBI2022 -> CBI2022: no changes" ]; then
  pass "diff 2021 -> 2022 CBI names each of the workbook's 10 changes"
else fail "diff 2021 -> 2022 (rc $rc), missing:$missing
$out"; fi
"$bin" diff measures/2022/cbi >/dev/null 2>&1
rc1=$?
"$bin" diff measures/2021/cbi measures/2022/cbi --bogus >/dev/null 2>&1
rc2=$?
"$bin" diff measures/2022/cbi/bcs.measure measures/2022/cbi >/dev/null 2>&1
rc3=$?
if [ $rc1 -eq 2 ] && [ $rc2 -eq 2 ] && [ $rc3 -eq 1 ] && "$bin" diff --help | grep -q '^usage: measurec diff OLD NEW'; then
  pass "diff: one path or an unknown flag is a usage error (2); a file without a program is 1"
else fail "diff exit codes: $rc1 $rc2 $rc3"; fi

# 26. The participation gate (GQ P4P, seed 000): bcs-small with
#     immunizations. P1 entered one into the registry on 2022-07-01 (on the
#     gate's date: passes); P2 only on 2022-07-02, plus a claim before and a
#     registry row entered in error before, neither of which counts: every
#     P2 line is paid 0 and says why; P1 is paid as in 24.
mkdir -p "$work/gate/data"
cp tests/e2e/bcs-small/data/*.csv "$work/gate/data/"
cat > "$work/gate/data/immunizations.csv" <<CSV
member_id,date,code,provider_id,source,status
M1,2022-07-01,CVX:141,P1,registry,
M1,2022-07-02,CVX:141,P2,registry,
M1,2022-03-01,CVX:141,P2,claim,
M1,2022-05-01,CVX:141,P2,registry,entered-in-error
CSV
cat > "$work/gate/program.measure" <<MEASURE
program GATED "gated" {
  period 2022
  domain "Prevention" points 6 {
    include "$PWD/measures/2022/cbi/bcs.measure" points 6 tiers 0.30 -> 50%, 0.60 -> 100%
  }
  parameter point_value = 100 dollars assumption "test"
  gate registry_participation: provider has immunization from registry on or before 2022-07-01
}
MEASURE
expected_gate="P1,GATED,Prevention,BCS,0.3333,3,6,,300.00,benchmark tier 1 of 2: 50% of the points
P1,GATED,Prevention,,,3,6,,300.00,domain total
P1,GATED,,,,3,6,,300.00,program total
P2,GATED,Prevention,BCS,,0,6,,0.00,gate: no registry submission by 2022-07-01
P2,GATED,Prevention,,,0,6,,0.00,gate: no registry submission by 2022-07-01
P2,GATED,,,,0,6,,0.00,gate: no registry submission by 2022-07-01"
if "$bin" run --program "$work/gate/program.measure" --data "$work/gate/data" --out "$work/gate-out" >/dev/null 2>&1 \
   && [ "$(sed -n 2,7p "$work/gate-out/scorecard.csv")" = "$expected_gate" ]; then
  pass "scorecard.csv: a PCP with no registry immunization by 2022-07-01 is paid 0 and told why"
else fail "gate scorecard: $(cat "$work/gate-out/scorecard.csv" 2>&1)"; fi
# The monthly participation indicator: 12 months for each PCP; P1 submitted
# and met the gate in July; P2's July submission is late, its March claim
# and May entered-in-error row are not submissions.
part="$work/gate-out/participation.csv"
if [ "$(head -1 "$part" 2>/dev/null)" = "provider_id,gate,month,submissions,submitted,gate_met" ] \
   && [ "$(wc -l < "$part")" -eq 25 ] \
   && grep -qx "P1,registry_participation,2022-06,0,0,0" "$part" \
   && grep -qx "P1,registry_participation,2022-07,1,1,1" "$part" \
   && grep -qx "P1,registry_participation,2022-12,0,0,1" "$part" \
   && grep -qx "P2,registry_participation,2022-03,0,0,0" "$part" \
   && grep -qx "P2,registry_participation,2022-05,0,0,0" "$part" \
   && grep -qx "P2,registry_participation,2022-07,1,1,0" "$part" \
   && [ ! -e "$work/tiers-out/participation.csv" ]; then
  pass "participation.csv: the monthly registry participation indicator per PCP"
else fail "participation.csv: $(cat "$part" 2>&1)"; fi
# The run says who has met the gate, for the year and so far on an interim run.
out=$("$bin" run --program "$work/gate/program.measure" --data "$work/gate/data" --out "$work/gate-line" 2>&1)
out_asof=$("$bin" run --program "$work/gate/program.measure" --data "$work/gate/data" --out "$work/gate-line" --as-of 2022-06-30 2>&1)
if grep -qxF "participation (registry_participation): 1 of 2 PCP(s) have met the gate by the end of 2022-12; not: P2 (participation.csv, a line per PCP and month)" <<<"$out" \
   && grep -qxF "participation (registry_participation): 0 of 2 PCP(s) have met the gate by the end of 2022-06; not: P1, P2 (participation.csv, a line per PCP and month)" <<<"$out_asof"; then
  pass "run prints who has met the participation gate, for the year and so far"
else fail "participation line: $out $out_asof"; fi
# ... and the scorecard in one line: P1's 3 points of 6 ($300), P2 gated.
grep -qxF 'scorecard: 2 provider(s), 1 earning points, 1 earning none; 3.00 of 12.00 points; $300.00 paid; 1 paid nothing by a gate or eligibility (scorecard.csv; UNLINKED apart)' <<<"$out" \
  && pass "run prints the scorecard's totals" || fail "scorecard line: $out"

# 27. Performance improvement (CBI 2022, Contract 3.3.3) with --prior: BCS
#     on bcs-small, 6 points of tiers and a 10-point improvement domain over
#     them, plan goal 0.50. P1's 2022 rate is 0.3333 (below the goal). Scored
#     for 2021 first (no eligible member then: every prior line is below the
#     minimum, so no baseline), then against hand-written prior rates: 0.3174
#     is improved on by 5.0% (0.3333 / 0.3174 = 1.0502: 10 points, $1,000),
#     0.3175 by 4.98% only. P2 does not qualify; UNLINKED is paid nobody.
mkdir -p "$work/impr"
cat > "$work/impr/program.measure" <<MEASURE
program IMPR "improvement" {
  period 2022
  domain "Prevention" points 6 {
    include "$PWD/measures/2022/cbi/bcs.measure" minimum 1 points 6 tiers 0.30 -> 50%, 0.60 -> 100% goal 0.50
  }
  improvement "Performance Improvement" points 10 over "Prevention" by 5%
  parameter point_value = 100 dollars assumption "test"
}
MEASURE
impr_run() {  # impr_run OUT [--prior DIR] [--period YYYY]
  local out=$1; shift
  "$bin" run --program "$work/impr/program.measure" --data tests/e2e/bcs-small/data --out "$out" "$@" >/dev/null 2>"$out.err"
}
impr_line() { grep "^$1,IMPR,Performance Improvement,$2," "$3/scorecard.csv"; }
if impr_run "$work/impr-none" \
   && [ "$(impr_line P1 BCS "$work/impr-none")" = "P1,IMPR,Performance Improvement,BCS,0.3333,0,10,,0.00,no --prior results: plan goal only; below plan goal 0.5000" ] \
   && [ "$(impr_line P2 BCS "$work/impr-none")" = "P2,IMPR,Performance Improvement,BCS,,0,0,,0.00,below minimum denominator" ] \
   && [ "$(impr_line UNLINKED BCS "$work/impr-none")" = "UNLINKED,IMPR,Performance Improvement,BCS,1.0000,0,10,,0.00,unlinked: no provider to pay" ] \
   && grep -q '"prior": null,' "$work/impr-none/run.json"; then
  pass "improvement without --prior: the plan goal only, one line per provider and measure"
else fail "improvement without --prior: $(cat "$work/impr-none/scorecard.csv" "$work/impr-none.err" 2>&1)"; fi
if impr_run "$work/impr-2021" --period 2021 && impr_run "$work/impr-vs2021" --prior "$work/impr-2021" \
   && [ "$(impr_line P1 BCS "$work/impr-vs2021")" = "P1,IMPR,Performance Improvement,BCS,0.3333,0,10,,0.00,prior-year line below minimum denominator; below plan goal 0.5000" ] \
   && grep -qF "\"prior\": \"$work/impr-2021\"," "$work/impr-vs2021/run.json"; then
  pass "improvement against a 2021 run: a prior line below the minimum is no baseline; run.json names the prior"
else fail "improvement against 2021: $(cat "$work/impr-vs2021/scorecard.csv" "$work/impr-vs2021.err" 2>&1)"; fi
mkdir -p "$work/prior-a" "$work/prior-b"
cp "$work/impr-2021/run.json" "$work/prior-a/" && cp "$work/impr-2021/run.json" "$work/prior-b/"
printf 'provider_id,measure,denominator,numerator,rate,qualifies\nP1,BCS,63,20,0.3174,1\n' > "$work/prior-a/provider_results.csv"
printf 'provider_id,measure,denominator,numerator,rate,qualifies\nP1,BCS,40,13,0.3175,1\n' > "$work/prior-b/provider_results.csv"
expected_impr="P1,IMPR,Prevention,BCS,0.3333,3,6,,300.00,benchmark tier 1 of 2: 50% of the points
P1,IMPR,Performance Improvement,BCS,0.3333,10,10,,1000.00,improved 5.0% over prior 0.3174
P1,IMPR,Prevention,,,3,6,,300.00,domain total
P1,IMPR,Performance Improvement,,,10,10,,1000.00,domain total
P1,IMPR,,,,13,16,,1300.00,program total"
if impr_run "$work/impr-a" --prior "$work/prior-a" && impr_run "$work/impr-b" --prior "$work/prior-b" \
   && [ "$(sed -n 2,6p "$work/impr-a/scorecard.csv")" = "$expected_impr" ] \
   && [ "$(impr_line P1 BCS "$work/impr-b")" = "P1,IMPR,Performance Improvement,BCS,0.3333,0,10,,0.00,improved 4.9% over prior 0.3175 (short of 5%); below plan goal 0.5000" ]; then
  pass "improvement: 5% better than the prior rate earns the share, 4.98% does not"
else fail "improvement against hand-written priors: $(cat "$work/impr-a/scorecard.csv" "$work/impr-b/scorecard.csv" "$work/impr-a.err" 2>&1)"; fi
# A prior of the same year, a bad row, a missing file: an error naming the
# file (and line), exit 1, nothing written.
printf 'provider_id,measure,denominator,numerator,rate,qualifies\nP1,BCS,63,20,0.3174,1\nP2,BCS,1,1,1.0000,yes\n' > "$work/prior-b/provider_results.csv"
impr_run "$work/impr-same" --prior "$work/impr-none"; rc1=$?
impr_run "$work/impr-bad" --prior "$work/prior-b"; rc2=$?
impr_run "$work/impr-missing" --prior "$work/no-such-dir"; rc3=$?
if [ $rc1 -eq 1 ] && grep -qF "$work/impr-none/run.json: the prior results are of 2022-01-01..2022-12-31, not before this run's period 2022-01-01..2022-12-31" "$work/impr-same.err" \
   && [ $rc2 -eq 1 ] && grep -qF "$work/prior-b/provider_results.csv:3: qualifies 'yes' is not 0 or 1" "$work/impr-bad.err" \
   && [ $rc3 -eq 1 ] && grep -qF "$work/no-such-dir/provider_results.csv: cannot read it" "$work/impr-missing.err" \
   && grep -q "no results were written" "$work/impr-bad.err" \
   && [ ! -e "$work/impr-same" ] && [ ! -e "$work/impr-bad" ] && [ ! -e "$work/impr-missing" ]; then
  pass "--prior: a period not before this run's, a bad row or a missing file stops the run, nothing written"
else fail "--prior errors ($rc1 $rc2 $rc3): $(cat "$work/impr-same.err" "$work/impr-bad.err" "$work/impr-missing.err" 2>&1)"; fi
# An interim run of last year (--as-of) is no prior year: its rates are year
# to date. Exit 1, nothing written; the same year's full run is accepted.
impr_run "$work/impr-2021-interim" --period 2021 --as-of 2021-06-30 \
  && { impr_run "$work/impr-vs-interim" --prior "$work/impr-2021-interim"; rc=$?; } || rc=x
if [ "$rc" = 1 ] && [ ! -e "$work/impr-vs-interim" ] \
   && grep -qF "$work/impr-2021-interim/run.json: the prior results are an interim run (as of 2021-06-30): their rates are year to date, not last year's" "$work/impr-vs-interim.err"; then
  pass "--prior: an interim run of last year (--as-of) is refused, nothing written"
else fail "--prior of an interim run ($rc): $(cat "$work/impr-vs-interim.err" "$work/impr-2021-interim.err" 2>&1)"; fi
# A prior directory without any line for a measure the improvement domain
# scores (another program's results, or a measure new this year): the run
# goes on, the measure earns by the goal alone, and stderr says so. A prior
# with the measure says nothing.
mkdir -p "$work/prior-other"
cp "$work/impr-2021/run.json" "$work/prior-other/"
printf 'provider_id,measure,denominator,numerator,rate,qualifies\nP1,PDC_STA,40,30,0.7500,1\n' > "$work/prior-other/provider_results.csv"
if impr_run "$work/impr-other" --prior "$work/prior-other" \
   && grep -qF "warning: $work/prior-other/provider_results.csv has no line for BCS (scored for performance improvement): it earns improvement points by the plan goal only; if it is not new this year, give --prior the previous year's results of the same program" "$work/impr-other.err" \
   && [ "$(impr_line P1 BCS "$work/impr-other")" = "P1,IMPR,Performance Improvement,BCS,0.3333,0,10,,0.00,no prior-year rate; below plan goal 0.5000" ] \
   && ! grep -q "warning" "$work/impr-a.err"; then
  pass "--prior without a line for an improvement measure: warned, the goal alone decides"
else fail "--prior of another program: $(cat "$work/impr-other.err" "$work/impr-other/scorecard.csv" 2>&1)"; fi

# 28. Fee-for-service one-time payments (CBI Contract 4.1, 4.2) from
#     providers.csv attributes: paid in the year whose period holds the
#     attribute's date. P1: PCMH recognized 2022-05-01 ($2,500), BH
#     distinction 2021-09-01 (paid in 2021, not now); P2: TJC certified
#     2023-01-15 (next year); P3: no members, BH distinction on the period's
#     last day ($1,000). P1's program total: BCS 3 points x $100 + $2,500 =
#     $2,800. In 2021, P1 is paid the BHI $1,000 instead. The BHI figure is
#     a parameter (--set overrides it). An attribute that is not a date is a
#     bad row.
mkdir -p "$work/ffs/data"
cp tests/e2e/bcs-small/data/*.csv "$work/ffs/data/"
cat > "$work/ffs/data/providers.csv" <<CSV
provider_id,kind,name,attributes
P1,pcp,"Clinic One, Salinas",pcmh_recognized=2022-05-01;bh_distinction=2021-09-01
P2,pcp,Clinic Two,tjc_certified=2023-01-15
P3,pcp,Clinic Three,bh_distinction=2022-12-31
CSV
cat > "$work/ffs/program.measure" <<MEASURE
program FFS "fee for service" {
  period 2022
  domain "Prevention" points 6 {
    include "$PWD/measures/2022/cbi/bcs.measure" points 6 tiers 0.30 -> 50%, 0.60 -> 100%
  }
  parameter point_value = 100 dollars assumption "test"
  fee for service PCMH "PCMH Recognition" pays 2500 dollars when provider has pcmh_recognized or tjc_certified
  fee for service BHI "Behavioral Health Integration" pays bhi_fee dollars when provider has bh_distinction
  parameter bhi_fee = 1000 dollars source "Contract 4.2"
}
MEASURE
expected_ffs="P1,FFS,Prevention,BCS,0.3333,3,6,,300.00,benchmark tier 1 of 2: 50% of the points
P1,FFS,Fee-For-Service,PCMH,,0,0,,2500.00,pcmh_recognized received 2022-05-01: paid once
P1,FFS,Fee-For-Service,BHI,,0,0,,0.00,\"bh_distinction received 2021-09-01, outside the period 2022-01-01..2022-12-31: one-time, it counts in the year of its date\"
P1,FFS,Prevention,,,3,6,,300.00,domain total
P1,FFS,Fee-For-Service,,,0,0,,2500.00,fee-for-service total
P1,FFS,,,,3,6,,2800.00,program total
P2,FFS,Prevention,BCS,,0,6,,0.00,below minimum denominator
P2,FFS,Fee-For-Service,PCMH,,0,0,,0.00,\"tjc_certified received 2023-01-15, outside the period 2022-01-01..2022-12-31: one-time, it counts in the year of its date\"
P2,FFS,Fee-For-Service,BHI,,0,0,,0.00,no bh_distinction attribute
P2,FFS,Prevention,,,0,6,,0.00,domain total
P2,FFS,Fee-For-Service,,,0,0,,0.00,fee-for-service total
P2,FFS,,,,0,6,,0.00,program total
P3,FFS,Fee-For-Service,PCMH,,0,0,,0.00,no pcmh_recognized or tjc_certified attribute
P3,FFS,Fee-For-Service,BHI,,0,0,,1000.00,bh_distinction received 2022-12-31: paid once
P3,FFS,Prevention,,,0,0,,,domain total
P3,FFS,Fee-For-Service,,,0,0,,1000.00,fee-for-service total
P3,FFS,,,,0,0,,1000.00,program total"
if "$bin" run --program "$work/ffs/program.measure" --data "$work/ffs/data" --out "$work/ffs-out" >/dev/null 2>&1 \
   && [ "$(sed -n 2,18p "$work/ffs-out/scorecard.csv")" = "$expected_ffs" ] \
   && ! grep -q "^UNLINKED,FFS,Fee-For-Service" "$work/ffs-out/scorecard.csv"; then
  pass "scorecard.csv: fee-for-service paid once, in the year of the attribute's date"
else fail "fee-for-service scorecard: $(cat "$work/ffs-out/scorecard.csv" 2>&1)"; fi
if "$bin" run --program "$work/ffs/program.measure" --data "$work/ffs/data" --period 2021 --out "$work/ffs-2021" >/dev/null 2>&1 \
   && grep -qx "P1,FFS,Fee-For-Service,BHI,,0,0,,1000.00,bh_distinction received 2021-09-01: paid once" "$work/ffs-2021/scorecard.csv" \
   && grep -q "^P1,FFS,Fee-For-Service,PCMH,,0,0,,0.00,\"pcmh_recognized received 2022-05-01, outside" "$work/ffs-2021/scorecard.csv"; then
  pass "fee-for-service in 2021: the 2021 attribute pays, the 2022 one does not"
else fail "fee-for-service 2021: $(grep Fee-For-Service "$work/ffs-2021/scorecard.csv" 2>&1)"; fi
# The BHI figure names a parameter: --set bhi_fee=1500 pays P3 $1,500.
if "$bin" run --program "$work/ffs/program.measure" --data "$work/ffs/data" --set bhi_fee=1500 --out "$work/ffs-set" >/dev/null 2>&1 \
   && grep -qx "P3,FFS,Fee-For-Service,BHI,,0,0,,1500.00,bh_distinction received 2022-12-31: paid once" "$work/ffs-set/scorecard.csv" \
   && grep -qx "P3,FFS,,,,0,0,,1500.00,program total" "$work/ffs-set/scorecard.csv"; then
  pass "--set bhi_fee=1500: a fee-for-service figure named by a parameter"
else fail "--set bhi_fee: $(grep P3 "$work/ffs-set/scorecard.csv" 2>&1)"; fi
cp -r "$work/ffs/data" "$work/ffs-bad"
printf 'P4,pcp,Clinic Four,pcmh_recognized=2022-13-01\n' >> "$work/ffs-bad/providers.csv"
out=$("$bin" run --program "$work/ffs/program.measure" --data "$work/ffs-bad" --out "$work/ffs-bad-out" 2>&1)
if [ $? -eq 1 ] && [ ! -e "$work/ffs-bad-out" ] \
   && grep -qF "providers.csv:5: column 'attributes': value 'pcmh_recognized=2022-13-01': attribute pcmh_recognized has '2022-13-01', which is not a date" <<<"$out"; then
  pass "an attribute that is not a date stops the run at its line"
else fail "bad attribute: $out"; fi

# 28b. The GQ P4P program (placeholder points, tiers and point value) on
#      gen --members 20000 --seed 1: some PCPs earn dollars; the PCPs that
#      miss the registry gate (participation.csv: gate not met by December)
#      are exactly those whose program total is paid 0 with the gate's why,
#      some of them with points their dollars would have paid.
if "$bin" gen --members 20000 --seed 1 --out "$work/g20k" >/dev/null \
   && "$bin" run --program measures/2022/gq-p4p --data "$work/g20k" --out "$work/gq20k" >/dev/null 2>&1; then
  out=$(awk -F, 'FNR == 1 { next }
    FILENAME ~ /participation/ { if ($3 == "2022-12" && $6 == 0) failed[$1] = 1; next }
    $3 == "" && $4 == "" && $1 != "UNLINKED" {
      if ($1 in failed) { gated++; if ($9 != "0.00" || $10 !~ /^gate: no registry submission by 2022-07-01/) bad = bad " " $1 ":" $9 "/" $10; if ($6 > 0) lost++ }
      else { if ($10 ~ /gate/) bad = bad " " $1 ":gated"; if ($9 > 0) paid++ } }
    END { if (gated == 0 || paid == 0 || lost == 0) bad = bad " gated=" gated " paid=" paid " lost=" lost
          print bad }' "$work/gq20k/participation.csv" "$work/gq20k/scorecard.csv")
  if [ -z "$out" ]; then pass "GQ P4P on gen 20,000: PCPs earn dollars, the gate takes the non-participating PCPs' dollars"
  else fail "GQ P4P on gen 20,000:$out"; fi
else fail "gen 20,000 or the GQ P4P run failed"; fi

# 29. The pharmacy program's payout, Provider of the Year and Pharmacy Home
#     (issue 13, seed 004) on a tiny generated population of 2022. Three
#     pharmacies, each with 10 members aged 62 on a statin, lisinopril and
#     metformin, and one member of 30 whose fills only make up the volume:
#     - PH1 (Riverside): every class filled every 30 days (PDC 100%), all
#       generic: PDC_STA, PDC_RASA, PDC_DR, SUPD and GDR at 1.0000, 5 stars
#       each; 2 + 2 + 2 + 1 + 1 = 8 of 10 points (no asthma members: no
#       ASM lines, no points); 1,500 fills;
#     - PH2 (San Bernardino): statins only on Jan 1 and Jan 31 (PDC_STA 0,
#       1 star), its volume member's 2,220 fills brand (GDR 280 / 2,500,
#       1 star): 2 + 2 + 1 = 5 points; stars 1, 5, 5, 5, 1: mean 3.4 -> 3;
#     - PH3 (Monterey): as PH1 with 1,200 fills, but out of county.
#     The $100,000 pool over the eligible 1,500 + 2,500 claims: $25 a claim;
#     PH1 80% x $25 x 1,500 = $30,000; PH2 50% x $25 x 2,500 = $31,250; PH3
#     0, told why. Ranking: PH1 and PH3 tie at 80% and 5 stars (provider_id
#     decides), PH2 third; Provider of the Year PH1 and PH2 (PH3 ineligible);
#     Pharmacy Home PH1 and PH3 (5 stars).
rx="$work/rx29"
mkdir -p "$rx"
printf 'provider_id,kind,name,county\nPH1,pharmacy,One,Riverside\nPH2,pharmacy,Two,San Bernardino\nPH3,pharmacy,Three,Monterey\n' > "$rx/providers.csv"
awk -v dir="$rx" 'BEGIN {
  print "member_id,birth_date,sex" > dir "/members.csv"
  print "member_id,start_date,end_date,pcp_id" > dir "/enrollment.csv"
  print "member_id,fill_date,days_supply,rxnorm,pharmacy_id,quantity,generic" > dir "/pharmacy.csv"
  split("1500 2500 1200", total, " ")
  for (p = 1; p <= 3; p++) {
    ph = "PH" p; fills = 0
    for (m = 1; m <= 10; m++) {
      id = sprintf("%s-M%02d", ph, m)
      print id ",1960-03-01,F" >> dir "/members.csv"
      print id ",2021-01-01,," >> dir "/enrollment.csv"
      for (k = 0; k <= 12; k++) {
        d = date(30 * k)
        # statin (PH2: only the first two), lisinopril, metformin
        if (p != 2 || k < 2) { print id "," d ",30,RXNORM:617310," ph ",30,Y" >> dir "/pharmacy.csv"; fills++ }
        print id "," d ",30,RXNORM:314076," ph ",30,Y" >> dir "/pharmacy.csv"
        print id "," d ",30,RXNORM:861007," ph ",60,Y" >> dir "/pharmacy.csv"
        fills += 2
      }
    }
    id = ph "-VOL"
    print id ",1992-05-01,M" >> dir "/members.csv"
    print id ",2021-01-01,," >> dir "/enrollment.csv"
    n = total[p] - fills
    for (i = 0; i < n; i++)
      print id "," date(int(i * 365 / n)) ",10,RXNORM:308182," ph ",20," (p == 2 ? "N" : "Y") >> dir "/pharmacy.csv"
  }
}
# Day `n` of 2022 (0: January 1) as YYYY-MM-DD.
function date(n,   mon, len) {
  split("31 28 31 30 31 30 31 31 30 31 30 31", len, " ")
  for (mon = 1; n >= len[mon]; mon++) n -= len[mon]
  return sprintf("2022-%02d-%02d", mon, n + 1)
}'
out=$("$bin" run --program measures/2016/pharmacy-p4p --data "$rx" --period 2022 --out "$work/rx29-out" 2>&1)
rc=$?
card="$work/rx29-out/scorecard.csv"
expected_card="PH1,PHARMP4P2016,,,,8,8,,30000.00,payout: 80% (8 of 10 points) x \$25.0000 a claim x 1500 claims
PH2,PHARMP4P2016,,,,5,8,,31250.00,payout: 50% (5 of 10 points) x \$25.0000 a claim x 2500 claims
PH3,PHARMP4P2016,,,,8,8,,0.00,eligibility: not in San Bernardino or Riverside county (Monterey)"
expected_ranking="rank,provider_id,composite,mean_stars,overall_stars,eligible,provider_of_the_year
1,PH1,80,5.0000,5,1,1
2,PH3,80,5.0000,5,0,0
3,PH2,50,3.4000,3,1,1"
expected_home="provider_id,overall_stars,rank,composite,eligible
PH1,5,1,80,1
PH3,5,2,80,0"
if [ $rc -eq 0 ] && [ "$(awk -F, '$3 == "" && $4 == ""' "$card" | grep -v '^UNLINKED')" = "$expected_card" ] \
   && grep -qx 'PH2,PHARMP4P2016,Pharmacy P4P,PDC_STA,0.0000,0,2,1,,below payment threshold' "$card" \
   && grep -qx 'PH2,PHARMP4P2016,Pharmacy P4P,GDR,0.1120,0,1,1,,below payment threshold' "$card" \
   && grep -qx 'PH3,PHARMP4P2016,Pharmacy P4P,PDC_DR,1.0000,2,2,5,0.00,eligibility: not in San Bernardino or Riverside county (Monterey)' "$card" \
   && [ "$(cat "$work/rx29-out/pharmacy_ranking.csv")" = "$expected_ranking" ] \
   && [ "$(cat "$work/rx29-out/pharmacy_home.csv")" = "$expected_home" ] \
   && grep -qxF 'pharmacies: 3 ranked, 2 eligible; $61250.00 of the $100000.00 pool ($25.0000 a claim) paid to 2; overall stars 1 at 3, 2 at 5; 2 Provider of the Year, 2 in Pharmacy Home (pharmacy_ranking.csv, pharmacy_home.csv)' <<<"$out"; then
  pass "pharmacy payout, ranking and Pharmacy Home as hand-computed"
else fail "pharmacy payout (rc $rc): $out
$(cat "$card" "$work/rx29-out/pharmacy_ranking.csv" "$work/rx29-out/pharmacy_home.csv" "$work/rx29-out/pharmacy_eligibility.csv" 2>&1)"; fi
# --set p4p_pool=40000: $10 a claim, PH1 $12,000, PH2 $12,500. The GDR
# target is an assumption parameter: at --set gdr_target=10, PH2's 11.2%
# meets it: 6 points, 60% x $10 x 2,500 = $15,000. A run of the measure
# files writes neither list. A run replaces a previous run's directory that
# holds both.
if "$bin" run --program measures/2016/pharmacy-p4p --data "$rx" --period 2022 --out "$work/rx29-set" \
     --set p4p_pool=40000 >/dev/null 2>&1 \
   && grep -q '^PH1,PHARMP4P2016,,,,8,8,,12000.00,' "$work/rx29-set/scorecard.csv" \
   && grep -q '^PH2,PHARMP4P2016,,,,5,8,,12500.00,' "$work/rx29-set/scorecard.csv" \
   && "$bin" run --program measures/2016/pharmacy-p4p --data "$rx" --period 2022 --out "$work/rx29-gdr" \
        --set p4p_pool=40000 --set gdr_target=10 >/dev/null 2>&1 \
   && grep -q '^PH2,PHARMP4P2016,,,,6,8,,15000.00,payout: 60% ' "$work/rx29-gdr/scorecard.csv" \
   && "$bin" run --measure measures/2016/pharmacy-p4p/gdr.measure --data "$rx" --period 2022 \
        --out "$work/rx29-measure" >/dev/null 2>&1 \
   && [ -e "$work/rx29-measure/pharmacy_eligibility.csv" ] \
   && [ ! -e "$work/rx29-measure/pharmacy_ranking.csv" ] && [ ! -e "$work/rx29-measure/pharmacy_home.csv" ] \
   && "$bin" run --program measures/2016/pharmacy-p4p --data "$rx" --period 2022 --out "$work/rx29-set" \
        >/dev/null 2>&1; then
  pass "--set p4p_pool=40000 pays \$10 a claim, --set gdr_target moves a target; measure runs write no ranking; reruns replace"
else fail "p4p_pool override or measure run: $(cat "$work/rx29-set/scorecard.csv" 2>&1 | grep ',,,,')"; fi

# The pharmacy program on gen 20,000 (issue 13, "Done when"): pharmacies
# spread over at least three overall star levels, some paid and some not.
if "$bin" gen --members 20000 --seed 1 --out "$work/p20k" >/dev/null \
   && "$bin" run --program measures/2016/pharmacy-p4p --period 2022 --data "$work/p20k" \
        --out "$work/p20k-out" >/dev/null 2>&1 \
   && [ "$(awk -F, 'NR > 1 { print $5 }' "$work/p20k-out/pharmacy_ranking.csv" | sort -u | grep -c .)" -ge 3 ] \
   && awk -F, '$1 != "UNLINKED" && $3 == "" && $4 == "" && $9 > 0 { paid++ }
        $1 != "UNLINKED" && $3 == "" && $4 == "" && $9 == "0.00" { unpaid++ }
        END { exit !(paid > 0 && unpaid > 0) }' "$work/p20k-out/scorecard.csv"; then
  pass "pharmacy program on gen 20,000: three star levels or more, some pharmacies paid, some not"
else fail "pharmacy program on gen 20,000: $(cat "$work/p20k-out/pharmacy_ranking.csv" 2>&1)"; fi

# 30. The monthly interim report (run --as-of DATE, issue 13): bcs-small
#     plus a mammogram for M2 on 2022-07-15 (after the date), M6's on
#     2022-12-31, a member M8 enrolled from 2022-08-01 and registry
#     immunizations by P1 on 2022-03-10 and P2 on 2022-07-01. As of
#     2022-06-30 those are not read and run.json counts them per file: P1
#     has 1 of 3 (M1) = 0.3333, tier 0.30 reached, 0.60 takes 2 of 3: 1
#     more, 2 open gaps (M2, M7); P2 has nobody eligible; UNLINKED has M6
#     without the December mammogram: 0 of 1. participation.csv stops at
#     June, P2 not met so far (the scorecard's gate why says "so far").
#     Without --as-of the same data gives P1 2 of 3.
#     A date outside the period or not strictly YYYY-MM-DD exits 2, writing
#     nothing.
mkdir -p "$work/asof/data"
cp tests/e2e/bcs-small/data/*.csv "$work/asof/data/"
printf 'M2,2022-07-15,CPT:77067,P1,outpatient,\n' >> "$work/asof/data/visits.csv"
printf 'M8,1960-05-05,F,\n' >> "$work/asof/data/members.csv"
printf 'M8,2022-08-01,,P2\n' >> "$work/asof/data/enrollment.csv"
cat > "$work/asof/data/immunizations.csv" <<CSV
member_id,date,code,provider_id,source,status
M1,2022-03-10,CVX:141,P1,registry,
M3,2022-07-01,CVX:141,P2,registry,
CSV
sed "s/GATED \"gated\"/INTERIM \"interim\"/" "$work/gate/program.measure" > "$work/asof/program.measure"
expected_interim="provider_id,measure,denominator,numerator,rate,next_level,members_needed,open_gaps,why
P1,BCS,3,1,0.3333,tier 0.6000 (100%),1,2,
P2,BCS,0,0,,,,0,no rate: no eligible members yet
UNLINKED,BCS,1,0,0.0000,,,1,unlinked: no provider to reach a level"
out=$("$bin" run --program "$work/asof/program.measure" --data "$work/asof/data" --out "$work/asof-out" \
      --as-of 2022-06-30 2>&1)
rc=$?
json="$work/asof-out/run.json"
part="$work/asof-out/participation.csv"
if [ $rc -eq 0 ] && [ "$(cat "$work/asof-out/interim.csv")" = "$expected_interim" ] \
   && grep -qx '  "as_of": "2022-06-30",' "$json" \
   && [ "$(grep -c '"after_as_of"' "$json")" -eq 11 ] \
   && grep -A6 '"enrollment.csv"' "$json" | grep -qx '      "after_as_of": 1,' \
   && grep -A6 '"visits.csv"' "$json" | grep -qx '      "after_as_of": 2,' \
   && grep -A6 '"immunizations.csv"' "$json" | grep -qx '      "after_as_of": 1,' \
   && grep -qx 'M2,BCS,P1,1,0,0,0,.*' "$work/asof-out/member_results.csv" \
   && grep -qx 'P2,INTERIM,,,,0,6,,0.00,gate: no registry submission by 2022-07-01 (so far: as of 2022-06-30)' \
        "$work/asof-out/scorecard.csv" \
   && grep -qx 'P1,BCS,3,1,0.3333,1' "$work/asof-out/provider_results.csv" \
   && grep -qx 'as of 2022-06-30: rates year to date over 2022-01-01..2022-12-31; rows after that date not read: 1 enrollment.csv, 2 visits.csv, 1 immunizations.csv (per file in run.json); enrollment spans open on it keep their recorded end (coverage is known ahead)' <<<"$out" \
   && grep -qx 'interim: 1 of 1 provider measure line(s) with a next level are within 3 member(s) of it (interim.csv)' <<<"$out" \
   && ! grep -q "latest event" <<<"$out"; then
  pass "run --as-of 2022-06-30: interim.csv, run.json as_of and after_as_of, later events not read"
else fail "run --as-of: $out
$(cat "$work/asof-out/interim.csv" "$json" 2>&1)"; fi
if [ "$(wc -l < "$part")" -eq 13 ] && [ "$(tail -1 "$part")" = "P2,registry_participation,2022-06,0,0,0" ] \
   && grep -qx "P1,registry_participation,2022-03,1,1,1" "$part" \
   && grep -qx "P1,registry_participation,2022-06,0,0,1" "$part"; then
  pass "participation.csv as of 2022-06-30: the months up to June, the gate met so far"
else fail "participation.csv as of: $(cat "$part" 2>&1)"; fi
# The same data without --as-of: M2's July mammogram counts, no interim.csv,
# no after_as_of.
if "$bin" run --program "$work/asof/program.measure" --data "$work/asof/data" --out "$work/asof-full" >/dev/null 2>&1 \
   && grep -qx 'P1,BCS,3,2,0.6667,1' "$work/asof-full/provider_results.csv" \
   && [ ! -e "$work/asof-full/interim.csv" ] && ! grep -q after_as_of "$work/asof-full/run.json" \
   && grep -qx '  "as_of": null,' "$work/asof-full/run.json" \
   && [ "$(wc -l < "$work/asof-full/participation.csv")" -eq 25 ]; then
  pass "the same data without --as-of reads every row"
else fail "run without --as-of: $(cat "$work/asof-full/provider_results.csv" 2>&1)"; fi
# A rerun into the same directory replaces it (interim.csv and
# participation.csv are a previous run's results).
if "$bin" run --program "$work/asof/program.measure" --data "$work/asof/data" --out "$work/asof-out" \
     --as-of 2022-05-31 >/dev/null 2>&1 && [ "$(wc -l < "$part")" -eq 11 ]; then
  pass "an --as-of run replaces a previous interim run's directory"
else fail "rerun --as-of into the same --out"; fi
# A run of measure files takes --as-of too: the data is filtered, but there
# are no program levels, so no interim.csv.
if "$bin" run --measure measures/2022/cbi/bcs.measure --data "$work/asof/data" --out "$work/asof-measure" \
     --as-of 2022-06-30 >/dev/null 2>&1 \
   && grep -qx 'P1,BCS,3,1,0.3333,1' "$work/asof-measure/provider_results.csv" \
   && grep -qx '  "as_of": "2022-06-30",' "$work/asof-measure/run.json" \
   && [ ! -e "$work/asof-measure/interim.csv" ]; then
  pass "run --measure --as-of: the data up to the date, no interim.csv"
else fail "run --measure --as-of: $(cat "$work/asof-measure/provider_results.csv" 2>&1)"; fi
for bad in 2021-12-31 2023-01-01 2022-6-30 2022-02-30 " 2022-06-30" 20220630; do
  out=$("$bin" run --program "$work/asof/program.measure" --data "$work/asof/data" --out "$work/asof-bad" \
        --as-of "$bad" 2>&1)
  rc=$?
  if [ $rc -eq 2 ] && [ ! -e "$work/asof-bad" ] && grep -q -- "--as-of" <<<"$out"; then
    pass "--as-of '$bad' is a usage error (exit 2), nothing written"
  else fail "--as-of '$bad' (exit $rc): $out"; fi
done

# 31. report.html in every results directory (issue 13; tests/report/run.sh
#     renders it in Chromium): a run of measure files writes it without the
#     program sections, a program run with them; a results directory holding
#     report.html and participation.csv is a previous run's, which a new run
#     replaces.
if [ -s "$work/bcs/report.html" ] && ! grep -q 'id="totals"' "$work/bcs/report.html" \
   && grep -q 'id="measure-BCS"' "$work/bcs/report.html" \
   && grep -q 'id="totals"' "$work/gate-out/report.html" \
   && grep -q 'id="total-payment">\$300.00<' "$work/gate-out/report.html"; then
  pass "report.html: measure runs without, program runs with the scorecard sections"
else fail "report.html missing or wrong sections in $work/bcs or $work/gate-out"; fi
if [ -e "$work/gate-out/participation.csv" ] \
   && "$bin" run --program "$work/gate/program.measure" --data "$work/gate/data" \
        --out "$work/gate-out" >/dev/null 2>&1; then
  pass "a new run replaces a results directory holding report.html and participation.csv"
else fail "a second run into $work/gate-out was refused"; fi

# 32. Member rewards (issue 13): a program's `rewards { }` writes
#     rewards/<REWARD>.csv (sorted by member_id, the linked PCP, the date of
#     the data on which each member earned it) and nothing else: no reward in
#     member_results, provider_results, gaps or the scorecard. NAL: M1 calls
#     on 2022-03-14 and 2022-08-01 (the first call), M3 on 2022-02-10 (linked
#     to P2), M2 only the year before. EVERY is earned by every enrolled
#     member on the first call: M2, M4, M5, M6 and M7 have none, so they are
#     counted, not written.
#     POSTPARTUM (nobody delivers) writes its header alone.
mkdir -p "$work/rewards/data"
cp tests/e2e/bcs-small/data/*.csv "$work/rewards/data/"
cat > "$work/rewards/data/supplemental.csv" <<CSV
member_id,date,codes,provider_id,value
M1,2022-08-01,PLAN:NURSE_ADVICE_CALL,,
M1,2022-03-14,PLAN:NURSE_ADVICE_CALL,,
M3,2022-02-10,PLAN:NURSE_ADVICE_CALL,,
M2,2021-12-31,PLAN:NURSE_ADVICE_CALL,,
CSV
cat > "$work/rewards/every.measure" <<MEASURE
measure EVERY "Everyone enrolled" {
  kind reward
  period 2022
  codeset Call = PLAN{NURSE_ADVICE_CALL}
  population enrolled days during MP >= 1
  earned when true
  earned on first date of supplemental with Call during MP
}
MEASURE
cat > "$work/rewards/program.measure" <<MEASURE
program REWARDED "rewarded" {
  period 2022
  domain "Prevention" points 6 {
    include "$PWD/measures/2022/cbi/bcs.measure" points 6
  }
  rewards {
    include "$PWD/measures/2022/cbi/rewards/nurse-advice-line.measure"
    include "$PWD/measures/2022/cbi/rewards/postpartum-visit.measure"
    include "every.measure"
  }
}
MEASURE
r="$work/rewards-out"
out=$("$bin" run --program "$work/rewards/program.measure" --data "$work/rewards/data" --out "$r" 2>&1)
rc=$?
if [ $rc -eq 0 ] \
   && [ "$(cat "$r/rewards/NAL.csv")" = "member_id,reward,earned_on,provider_id
M1,NAL,2022-03-14,P1
M3,NAL,2022-02-10,P2" ] \
   && [ "$(cat "$r/rewards/EVERY.csv")" = "member_id,reward,earned_on,provider_id
M1,EVERY,2022-03-14,P1
M3,EVERY,2022-02-10,P2" ] \
   && [ "$(cat "$r/rewards/POSTPARTUM.csv")" = "member_id,reward,earned_on,provider_id" ] \
   && [ "$(ls "$r/rewards" | tr '\n' ' ')" = "EVERY.csv NAL.csv POSTPARTUM.csv " ]; then
  pass "rewards/<REWARD>.csv: earners by member_id with their PCP and the date earned"
else fail "rewards (rc $rc): $out $(cat "$r"/rewards/*.csv 2>&1)"; fi
if ! grep -qE 'NAL|EVERY|POSTPARTUM' "$r/member_results.csv" "$r/provider_results.csv" \
       "$r/gaps.csv" "$r/scorecard.csv" \
   && [ "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["measures"])' "$r/run.json")" = "['BCS']" ] \
   && grep -qF '"NAL": {"members": 2, "earned_on_missing": 0}' "$r/run.json" \
   && grep -qF '"EVERY": {"members": 2, "earned_on_missing": 5}' "$r/run.json" \
   && grep -qF 'rewards (members, in rewards/): NAL 2, POSTPARTUM 0, EVERY 2 (+5 without a date)' <<<"$out"; then
  pass "rewards are never scored for providers; run.json and the summary count them"
else fail "rewards outside rewards/: $out $(cat "$r/run.json" 2>&1)"; fi
# A second run replaces the first (rewards/ is a result of a previous run).
if "$bin" run --program "$work/rewards/program.measure" --data "$work/rewards/data" --out "$r" >/dev/null 2>&1 \
   && [ -f "$r/rewards/NAL.csv" ]; then
  pass "a run replaces a previous run's rewards/"
else fail "rerun over rewards/"; fi
# explain names the date a member earned a reward on, and the rule for it.
out=$("$bin" explain --member M1 --measure NAL --data "$work/rewards/data" \
      measures/2022/cbi/rewards/nurse-advice-line.measure 2>&1)
if grep -qxF "reward: earned on 2022-03-14 (rewards/NAL.csv)" <<<"$out" \
   && grep -qxF "  earned on first_call = 2022-03-14" <<<"$out" \
   && grep -qxF "earned when (all of):" <<<"$out"; then
  pass "explain: the date a reward was earned on"
else fail "explain reward: $out"; fi
# Every reward of the CBI program has earners on `gen --members 10000 --seed
# 1`, and its rows are dated in the period.
"$bin" gen --members 10000 --seed 1 --out "$work/rewards-gen" >/dev/null 2>&1
if "$bin" run --program measures/2022/cbi --data "$work/rewards-gen" --out "$work/rewards-gen-out" \
     >/dev/null 2>&1; then
  empty=""
  for reward in PRENATAL HWL IMA_REWARD FLU_CHILD CIS10_REWARD NAL POSTPARTUM WCV_SCHEDULE W15_REWARD; do
    f="$work/rewards-gen-out/rewards/$reward.csv"
    rows=$(awk -F, 'NR > 1 && $3 ~ /^2022-/' "$f" 2>/dev/null | wc -l)
    [ "$rows" -gt 0 ] || empty="$empty $reward"
  done
  if [ -z "$empty" ] && [ "$(ls "$work/rewards-gen-out/rewards" | wc -l)" -eq 9 ]; then
    pass "gen --members 10000 --seed 1: every CBI reward has earners"
  else fail "rewards without earners on gen 10000:$empty"; fi
else fail "run of the CBI program on gen 10000"; fi

# 33. Issue 13, "Done when", on gen --members 20000 --seed 1 (28b's data):
#     in each of the three programs some linked providers earn points and
#     some earn none (gen's new PCP offices are below every minimum; its
#     store without pharmacist outreach misses every pharmacy target).
for prog in cbi:measures/2022/cbi gq:measures/2022/gq-p4p rx:measures/2016/pharmacy-p4p; do
  name=${prog%%:*}
  extra=()
  [ "$name" = rx ] && extra=(--period 2022)
  if "$bin" run --program "${prog#*:}" --data "$work/g20k" --out "$work/done-$name" "${extra[@]}" >"$work/done-$name.log" 2>&1; then
    # The run's scorecard line adds up what scorecard.csv holds (its
    # program total lines, UNLINKED apart), to the cent.
    line=$(awk -F, 'NR > 1 && $1 != "UNLINKED" && $3 == "" && $4 == "" {
                      n++; e += $6; p += $7; d += $9; if ($6 > 0) earn++; else none++ }
                    END { printf "scorecard: %d provider(s), %d earning points, %d earning none; %.2f of %.2f points; $%.2f paid", n, earn, none, e, p, d }' \
                  "$work/done-$name/scorecard.csv")
    grep -qF "$line" "$work/done-$name.log" && pass "$name on gen 20,000: the run's scorecard line matches scorecard.csv" \
      || fail "$name scorecard line: expected '$line', got: $(grep '^scorecard' "$work/done-$name.log")"
    counts=$(awk -F, 'NR > 1 && $1 != "UNLINKED" && $3 == "" && $4 == "" && !seen[$1]++ {
                        if ($6 > 0) earn++; else none++ }
                      END { printf "%d %d", earn, none }' "$work/done-$name/scorecard.csv")
    if [ "${counts% *}" -gt 0 ] && [ "${counts#* }" -gt 0 ]; then
      pass "$name on gen 20,000: ${counts% *} providers earn points, ${counts#* } earn none"
    else fail "$name on gen 20,000: earn/none = $counts"; fi
  else fail "$name run on gen 20,000"; fi
done

# 40. import fhir (issue 14): every case folder of the official eCQM test
#     decks (tests/ecqm/cases, a copy of shared/ecqm/tests: loose resources, one folder per patient) in
#     ONE call gives a data directory that a run loads with no rejected row;
#     the import report is printed. Bad FHIR: truncated JSON is an error
#     naming the file (nothing written); a resource without a subject is a
#     counted skip naming the file and the JSON path.
# The cases are in the repository (tests/ecqm/cases, CC0; tests/ecqm/README.md).
decks=tests/ecqm/cases
if [ ! -d "$decks" ]; then
  fail "import fhir: $decks is missing"
else
  cases=$(find "$decks" -mindepth 2 -maxdepth 2 -type d | wc -l)
  if "$bin" import fhir "$decks" --out "$work/ecqm-data" >"$work/ecqm-import.log" 2>&1; then
    sed 's/^/    /' "$work/ecqm-import.log"
    members=$(($(wc -l <"$work/ecqm-data/members.csv") - 1))
    [ "$members" -eq "$cases" ] && pass "import fhir: $cases case folders -> $members members" \
      || fail "import fhir: $members members for $cases case folders"
    grep -q '"Patient": {"read": '"$cases"', "mapped": '"$cases"', "skipped": 0' "$work/ecqm-data/import.json" \
      && grep -q '"MeasureReport": {"read": '"$cases"', "mapped": 0, "skipped": '"$cases" "$work/ecqm-data/import.json" \
      && pass "import.json counts Patients mapped and MeasureReports skipped" || fail "import.json counts"
    if "$bin" run --measure measures/2022/cbi/bcs.measure --data "$work/ecqm-data" --period 2025 \
         --out "$work/ecqm-bcs" >"$work/ecqm-bcs.log" 2>&1; then
      rejected=$(grep -o '"rejected": [0-9]*' "$work/ecqm-bcs/run.json" | grep -vc '"rejected": 0$')
      accepted=$(grep -o '"accepted": [1-9][0-9]*' "$work/ecqm-bcs/run.json" | wc -l)
      # Six files with rows: members, enrollment, visits, observations,
      # conditions and orders (the decks' MedicationRequests are orders since
      # section 50; they have no dispense, so pharmacy.csv is empty).
      [ "$rejected" -eq 0 ] && [ "$accepted" -ge 6 ] \
        && pass "bcs --period 2025 loads the imported eCQM cases: no rejected row" \
        || fail "imported eCQM data: $rejected file(s) with rejected rows, $accepted with rows"
    else fail "run on the imported eCQM data: $(cat "$work/ecqm-bcs.log")"; fi
  else fail "import fhir of the eCQM cases: $(cat "$work/ecqm-import.log")"; fi
fi
mkdir -p "$work/badfhir/case-12" "$work/nosubject/case-1"
printf '{"resourceType": "Observation", "id": "o' >"$work/badfhir/case-12/Observation-3.json"
out=$("$bin" import fhir "$work/badfhir" --out "$work/badfhir-out" 2>&1)
if [ $? -eq 1 ] && grep -q 'case-12/Observation-3.json: error E0802: \$: not valid JSON' <<<"$out" \
   && [ ! -e "$work/badfhir-out" ]; then pass "import fhir: truncated JSON is E0802 naming the file, nothing written"
else fail "import fhir of truncated JSON: $out"; fi
cat >"$work/nosubject/case-1/p.json" <<'JSON'
{"resourceType": "Patient", "id": "case-1", "gender": "female", "birthDate": "1960-01-01"}
JSON
cat >"$work/nosubject/case-1/o.json" <<'JSON'
{"resourceType": "Observation", "id": "o", "status": "final", "effectiveDateTime": "2025-01-01",
 "code": {"coding": [{"system": "http://loinc.org", "code": "4548-4"}]}}
JSON
out=$("$bin" import fhir "$work/nosubject" --out "$work/nosubject-out" 2>&1)
if [ $? -eq 0 ] && grep -q 'skipped: 1 Observation: no subject' <<<"$out" \
   && grep -q 'case-1/o.json: \$.subject: no subject' <<<"$out"; then
  pass "import fhir: a resource without a subject is a counted skip with its file and path"
else fail "import fhir without a subject: $out"; fi

# 41. measurec import synthea (issue 14): the shared Synthea CSV export
#     imports into a data directory that a BCS run loads with no rejected
#     row; counts agree with the source; import.json reports every file; bad
#     input (a bad date, a missing file) stops with file:line:column and
#     leaves nothing behind.
synthea=tests/synthea/csv
if [ -d "$synthea" ]; then
  if "$bin" import synthea "$synthea" --out "$work/sy" >"$work/sy.log" 2>&1; then
    pass "import synthea: the shared export imports"
    rows() { echo $(($(wc -l <"$1") - 1)); }
    [ "$(rows "$work/sy/members.csv")" = "$(rows "$synthea/patients.csv")" ] \
      && pass "import synthea: members = patients ($(rows "$synthea/patients.csv"))" \
      || fail "import synthea: members.csv $(rows "$work/sy/members.csv") rows, patients.csv $(rows "$synthea/patients.csv")"
    [ "$(rows "$work/sy/visits.csv")" = "$(($(rows "$synthea/encounters.csv") + $(rows "$synthea/procedures.csv")))" ] \
      && pass "import synthea: visits = encounters + procedures" \
      || fail "import synthea: visits.csv has $(rows "$work/sy/visits.csv") rows"
    for f in conditions immunizations; do
      [ "$(rows "$work/sy/$f.csv")" = "$(rows "$synthea/$f.csv")" ] && pass "import synthea: $f.csv = the source's" \
        || fail "import synthea: $f.csv $(rows "$work/sy/$f.csv") rows, source $(rows "$synthea/$f.csv")"
    done
    # Every Synthea row is mapped or skipped with a reason: read = mapped + skipped.
    if python3 - "$work/sy/import.json" "$synthea" <<'PY'
import json, sys, os
r = json.load(open(sys.argv[1]))
ok = True
for f in r["files"]:
    lines = sum(1 for _ in open(os.path.join(sys.argv[2], f["file"]))) - 1
    if f["read"] != lines or f["read"] != f["mapped"] + f["skipped"] or f["skipped"] != sum(f["skipped_why"].values()):
        print("bad counts:", f); ok = False
names = {f["file"] for f in r["files"]}
ok = ok and {"patients.csv", "encounters.csv", "medications.csv", "payer_transitions.csv"} <= names
ok = ok and r["source"] == sys.argv[2]
sys.exit(0 if ok else 1)
PY
    then pass "import synthea: import.json counts every row (read = mapped + skipped, with reasons)"
    else fail "import synthea: import.json counts"; fi
    grep -q 'skipped .*uninsured span (NO_INSURANCE)' "$work/sy.log" && pass "import synthea prints why rows were skipped" \
      || fail "import synthea summary: $(cat "$work/sy.log")"
    if "$bin" run --measure measures/2022/cbi/bcs.measure --data "$work/sy" --period 2023 \
         --out "$work/sy-bcs" >"$work/sy-bcs.log" 2>&1; then
      grep -q '"rejected": [1-9]' "$work/sy-bcs/run.json" && fail "BCS on the Synthea import rejected rows" \
        || pass "BCS runs on the Synthea import with no rejected row"
    else fail "BCS on the Synthea import: $(cat "$work/sy-bcs.log")"; fi
  else fail "import synthea: $(cat "$work/sy.log")"; fi
  # A bad date: file:line:column, exit 1, nothing written.
  mkdir -p "$work/sy-bad" && cp "$synthea"/*.csv "$work/sy-bad/"
  sed -i '3s/,2008-04-07,/,2008-04-31,/' "$work/sy-bad/patients.csv"
  out=$("$bin" import synthea "$work/sy-bad" --out "$work/sy-bad-out" 2>&1); rc=$?
  if [ $rc -eq 1 ] && grep -q 'patients.csv:3:38: error E0812' <<<"$out" && [ ! -e "$work/sy-bad-out" ] &&
     ! ls "$work" | grep -q '^sy-bad-out\.tmp'; then
    pass "import synthea: a bad date stops with file:line:column, nothing written"
  else fail "import synthea bad date (rc $rc): $out"; fi
  rm "$work/sy-bad/medications.csv"
  out=$("$bin" import synthea "$work/sy-bad" --out "$work/sy-bad-out" 2>&1); rc=$?
  if [ $rc -eq 1 ] && grep -q 'medications.csv: error E0810' <<<"$out" && [ ! -e "$work/sy-bad-out" ]; then
    pass "import synthea: a missing file stops, nothing written"
  else fail "import synthea missing file (rc $rc): $out"; fi
else fail "import synthea: $synthea (the shared Synthea export) is missing"; fi
"$bin" import >/dev/null 2>&1; [ $? -eq 2 ] && pass "import without a format is a usage error" || fail "import without a format"
"$bin" import synthea --help | grep -q 'measurec import synthea tests/synthea/csv' \
  && pass "import synthea --help shows an example" || fail "import synthea --help"

# 42. CMS125 (eCQM 2025, issue 14) through its program: `run --program
#     measures/ecqm/2025 --period 2025` on a hand-written data directory
#     (tests/e2e/cms125-small/data). C1 has a final mammogram on 2023-10-01,
#     the window's first day (numerator); C2 one on 2023-09-30, the day
#     before (a gap); C3 a right mastectomy procedure (2019) and a left one
#     on the problem list (excluded, its mammogram not counted); C7 a hospice
#     encounter overlapping January 1 (excluded); C8, 52 on December 31, a
#     telephone visit on January 1 and an amended mammogram on December 31
#     (numerator; its preliminary one would not count). Not in the
#     population: C4 (51), C5 (male), C6 (a cancelled visit and one that
#     starts before the period).
#     CMS124 and CMS130 rows too: no member has a cervical or colorectal
#     screening (all gaps) but C7, excluded from CMS130 by her hospice
#     encounter; C7 (70) is not in CMS124, C5 (male) only in CMS130, C6 in
#     neither.
out=$("$bin" run --program measures/ecqm/2025 --period 2025 --data tests/e2e/cms125-small/data \
      --out "$work/cms125" --threads 2 2>&1)
if [ $? -eq 0 ]; then
  # The CMS125, CMS124 and CMS130 rows (the measure is column 2, in gaps.csv
  # column 3): the program's other measures have their own sections.
  results_match cms125-small tests/e2e/cms125-small/expected "$work/cms125" \
    "member_results provider_results gaps" CMS125 CMS124 CMS130
  # The status line counts against the measures' own `count status`: their
  # finished encounters, active orders and preliminary readings are read by
  # some measure of the program; only C6's cancelled visit is left out.
  if grep -q "^1 event(s) not counted by the run's measures because of their status (1 cancelled);" <<<"$out"; then
    pass "the status line counts against the run's measures' statuses"
  else fail "status line of the eCQM run: $out"; fi
else fail "cms125-small program run exited non-zero: $out"; fi

# 43. Conformance with the official eCQM decks: moved to its own ctest entry,
#     ecqm_conformance (tests/ecqm/conformance.sh), which imports every deck.

# 48. Synthea scored (issue 14): the Synthea CSV export (tests/synthea/csv)
#     and two Synthea FHIR bundles (tests/synthea/fhir) import and score
#     with the eCQM program without an error, a rejected row or an unknown
#     provider; the bundles' Claims and ExplanationOfBenefits are counted
#     skips with their reason (what they bill is already mapped), but for
#     the pharmacy claims of their MedicationRequests, which are the fills
#     (pharmacy.csv; the requests are orders, orders.csv: section 50); their
#     Practitioners and Organizations are providers. The periods are the
#     last full year each covers: 2023 for the CSV export, 2020 for the
#     bundles (docs/conformance.md, "Synthea").
for sy in "csv synthea tests/synthea/csv 2023" "fhir fhir tests/synthea/fhir 2020"; do
  read -r name format src period <<<"$sy"
  if "$bin" import "$format" "$src" --out "$work/sy48-$name" >"$work/sy48-$name.log" 2>&1 &&
     "$bin" run --program measures/ecqm/2025 --data "$work/sy48-$name" --period "$period"        --out "$work/sy48-$name-run" >"$work/sy48-$name-run.log" 2>&1; then
    bad=$(grep -o '"\(rejected\|unknown_providers\)": [0-9]*' "$work/sy48-$name-run/run.json" | grep -vc ': 0$')
    rows=$(grep -o '"accepted": [1-9][0-9]*' "$work/sy48-$name-run/run.json" | wc -l)
    if [ "$bad" -eq 0 ] && [ "$rows" -ge 7 ] && ! grep -qi 'error' "$work/sy48-$name-run.log"; then
      pass "Synthea $name: imported and scored by the eCQM program for $period, no rejected row or unknown provider"
    else fail "Synthea $name: $bad file(s) with rejected rows or unknown providers, $rows with rows: $(cat "$work/sy48-$name-run.log")"; fi
  else fail "Synthea $name: import or run failed: $(cat "$work/sy48-$name.log" "$work/sy48-$name-run.log" 2>/dev/null)"; fi
done
if grep -q 'skipped: 12 Claim: billed encounter already mapped' "$work/sy48-fhir.log" &&
   grep -q 'note: 3 Claim: a pharmacy claim of a MedicationRequest: written as its fill' "$work/sy48-fhir.log" &&
   [ "$(($(wc -l <"$work/sy48-fhir/pharmacy.csv") - 1))" -eq 3 ] &&
   [ "$(grep -c ',MedicationRequest/' "$work/sy48-fhir/orders.csv")" -eq 3 ] &&
   grep -q 'skipped: 12 ExplanationOfBenefit: explains a Claim of its bundle' "$work/sy48-fhir.log" &&
   [ "$(($(wc -l <"$work/sy48-fhir/providers.csv") - 1))" -eq 6 ] &&
   [ "$(awk -F, 'NR > 1 && $6 == "" && $NF ~ /^Encounter\//' "$work/sy48-fhir/visits.csv" | wc -l)" -eq 0 ]; then
  pass "Synthea fhir: claims counted as billed resources already mapped, pharmacy claims as fills; 6 providers, every Encounter has one"
else fail "Synthea fhir import report: $(cat "$work/sy48-fhir.log")"; fi

# 46. CMS124 and CMS130 (eCQM 2025, issue 14) through the program: `run
#     --program measures/ecqm/2025 --period 2025` on a hand-written data
#     directory (tests/e2e/screening-small/data); the CMS124 and CMS130 rows
#     of member_results.csv, provider_results.csv and strata.csv exactly.
#     CMS124: S1 a Pap test on January 1 two years before (numerator); S2 an
#     HPV test at 26 (not counted); S3 an HPV test at 35 on January 1 four
#     years before (numerator); S4 an acquired absence of cervix and S5 a
#     hysterectomy years ago (excluded); S10 cytology the day before the
#     window (a gap); S11 (23) and S12 (a visit that starts before the
#     period) are not in the population. CMS130: S5 a colonoscopy on
#     January 1 nine years before and S10 a CT colonography on January 1
#     four years before (numerator); S6 (a man, an annual wellness visit) an
#     FOBT the day before the period but a stool DNA test on January 1 two
#     years before (numerator); S7 colorectal cancer on December 31, S13 a
#     total colectomy, S9 (70) frailty and advanced illness (excluded); S8
#     (46) a flexible sigmoidoscopy the day before its window and an FOBT
#     without a result in the period (a gap, the 46..49 stratum); S4 (45) is
#     not in the population. "value is not null" (`with any value`): S14's
#     HPV result is a code (CMS124) and her FOBT result a text (CMS130).
#     (The official CMS124 deck is checked by ctest ecqm_conformance.)
if "$bin" run --program measures/ecqm/2025 --period 2025 --data tests/e2e/screening-small/data \
     --out "$work/screening" --threads 2 >"$work/screening.log" 2>&1; then
  results_match screening-small tests/e2e/screening-small/expected "$work/screening" \
    "member_results provider_results strata" CMS124 CMS130
else fail "screening-small program run exited non-zero: $(cat "$work/screening.log")"; fi

# 45. Quantities with units, CMS122 and CMS165 (issue 14): the eCQM program on
#     a hand-written data directory with units (tests/e2e/quantity-small/data).
#     CMS122: Q1's HbA1c of 9.5 % is above 9 % (numerator: poor control); Q2's
#     75 mmol/mol and Q8's 9.8 without a unit do not compare with 9 % (unknown,
#     not elevated); Q5's most recent HbA1c (7.0 %) counts, not the earlier
#     10.1 %. CMS165: Q3's 138/88 in mmHg (the display spelling of mm[Hg]) is
#     controlled; Q4's readings in kPa are unknown, not a pass; Q5's most
#     recent day has two blood pressures, whose lowest systolic (135) and
#     diastolic (85) are below 140/90; Q6's most recent diastolic has no value
#     (not controlled, as CQL's null sorted first); Q7 has end stage renal
#     disease (excluded); Q9's most recent blood pressure (170/100) was taken
#     in the ED (observations.csv setting), so his office one (120/80) counts.
#     explain prints the units, ir the quantity literals.
qdata=tests/e2e/quantity-small/data
out=$("$bin" run --program measures/ecqm/2025 --period 2025 --data "$qdata" \
      --out "$work/quantity" --threads 2 2>&1)
if [ $? -eq 0 ]; then
  # The CMS122 and CMS165 rows (the program's other measures have their own
  # sections); the measure is column 2, in gaps.csv column 3.
  results_match quantity-small tests/e2e/quantity-small/expected "$work/quantity" \
    "member_results provider_results gaps" CMS122 CMS165
else fail "quantity-small program run exited non-zero: $out"; fi
out=$("$bin" explain --member Q1 --measure CMS122 --data "$qdata" --program measures/ecqm/2025 \
      --period 2025 2>&1)
if grep -q "lowest_glycemic_status_reading_on_most_recent_day = 9.5 '%'" <<<"$out" \
   && grep -q "LOINC:4548-4 value 9.5 '%' category OBSCAT:laboratory status final" <<<"$out"; then
  pass "explain prints a quantity with its unit"
else fail "explain does not print 9.5 '%': $out"; fi
out=$("$bin" ir measures/ecqm/2025/cms165.measure 2>&1)
if grep -q "quantity const.quantity 140 'mm\[Hg\]'" <<<"$out" && grep -q "lowest_value observation" <<<"$out"; then
  pass "ir prints quantity literals and lowest_value queries"
else fail "ir does not print the quantity literal of CMS165"; fi
# (The official CMS122 deck is checked by ctest ecqm_conformance.)

# 44. Coded fields and orders end to end (issue 14, docs/language.md "Coded
#     fields"): CMS125 through its program on a hand-written data directory
#     (tests/e2e/values-small/data). Excluded: V1 by the MDS hospice answer
#     Yes over a period ending on January 1 (observations.csv value and
#     end_date), V3 by a stay discharged to home hospice (discharge_status),
#     V4 by an unspecified mastectomy on each side (body_site), V5 by a
#     hospice order (orders.csv), V6 by a frailty device order with advanced
#     illness, V7 by a last housing status in a nursing home (after a text
#     value). Not excluded: V2 (the MDS answer No; a stay discharged home,
#     bare UB-04 01), V8 (the device ordered not to perform, not-done);
#     explain names their near misses.
vdata=tests/e2e/values-small/data
if "$bin" run --program measures/ecqm/2025 --period 2025 --data "$vdata" --out "$work/values" \
     >/dev/null 2>&1 \
   && diff -u tests/e2e/values-small/expected/member_results.csv \
        <(awk -F, 'NR == 1 || $2 == "CMS125"' "$work/values/member_results.csv"); then
  pass "values-small: coded values, discharge, body site and orders decide the exclusions"
else fail "values-small member_results.csv differs (or the run failed)"; fi
v2=$("$bin" explain --member V2 --measure CMS125 --data "$vdata" --program measures/ecqm/2025 2>&1)
v8=$("$bin" explain --member V8 --measure CMS125 --data "$vdata" --program measures/ecqm/2025 2>&1)
if grep -q 'LOINC:45755-6 value SNOMEDCT:373067005 category OBSCAT:survey status final — its value is another' <<<"$v2" \
   && grep -q 'discharge UBDISCH:01 status finished — its discharge disposition is another' <<<"$v2" \
   && grep -q 'orders.csv:4  2025-11-01  SNOMEDCT:183240000 provider P1 status not-done — its status does not count' <<<"$v8"; then
  pass "values-small: explain names a value, a disposition and an order status that turned events away"
else fail "values-small explain: $v2 $v8"; fi

# 47. CMS117 Childhood Immunization Status (eCQM 2025, issue 14) through the
#     eCQM program on a hand-written data directory
#     (tests/e2e/cms117-small/data), populations exactly. K1 has every vaccine
#     (immunizations and procedures mixed, a DTaP dose written both ways on
#     one day counting once); K2 the same but its fourth DTaP dose the day
#     after the 2nd birthday and no DTaP procedure (a gap); K3, born
#     2023-03-01, meets DTaP by an anaphylaxis, MMR by measles, mumps and
#     rubella, Hib by four doses with a 4-dose product, hepatitis B by the
#     newborn dose and two after it, influenza by an LAIV dose on the 2nd
#     birthday and one other (numerator, P2); K4 intussusception and K5 a
#     hospice stay (excluded); K8 K1's immunizations all not-done (a gap).
#     Not in the population: K6 (1 at the end of the period), K7 (a
#     cancelled visit).
out=$("$bin" run --program measures/ecqm/2025 --period 2025 --data tests/e2e/cms117-small/data \
      --out "$work/cms117" --threads 2 2>&1)
if [ $? -eq 0 ]; then
  results_match cms117-small tests/e2e/cms117-small/expected "$work/cms117" \
    "member_results provider_results gaps" CMS117
else fail "cms117-small program run exited non-zero: $out"; fi

# 47 (continued). CMS2 Screening for Depression and Follow-Up Plan (eCQM
#     2025) on tests/e2e/cms2-small/data, populations exactly: A1 a negative
#     adult screening 14 days before the visit, A2 positive with a medication
#     ordered 2 days after it (orders.csv), A7 positive 5 days before with a follow-up
#     procedure at the visit, T1 an adolescent's negative adolescent
#     screening (numerator); A3 positive without follow-up, T2 an adolescent
#     screened only with the adult tool (gaps); A4 bipolar since 2019, on the problem list
#     (excluded); A5 declined the screening (a denominator exception: out
#     of P1's denominator and the gaps). Not in the population: A6 (a visit in progress),
#     Y1 (11 at the start of the period).
out=$("$bin" run --program measures/ecqm/2025 --period 2025 --data tests/e2e/cms2-small/data \
      --out "$work/cms2" --threads 2 2>&1)
if [ $? -eq 0 ]; then
  results_match cms2-small tests/e2e/cms2-small/expected "$work/cms2" \
    "member_results provider_results gaps" CMS2
else fail "cms2-small program run exited non-zero: $out"; fi

# 47 (FHIR). The screening not done through the importer: a FHIR folder
#     (tests/e2e/cms2-fhir) with a finished office visit and an adult
#     depression screening cancelled with the QI-Core notDoneReason "declined",
#     issued during the visit: the reason reaches observations.csv `reason`
#     and CMS2 reports the denominator exception.
if "$bin" import fhir tests/e2e/cms2-fhir --out "$work/cms2-fhir" >/dev/null 2>&1 \
   && "$bin" run --program measures/ecqm/2025 --period 2025 --data "$work/cms2-fhir" \
        --out "$work/cms2-fhir-run" >/dev/null 2>&1; then
  if grep -q ',cancelled,,Observation/o1,,SNOMEDCT:720834000,[^,]*,[^,]*$' "$work/cms2-fhir/observations.csv" \
     && grep -qx 'p1,CMS2,UNLINKED,1,0,1,0,exception: denominator_exception' \
          "$work/cms2-fhir-run/member_results.csv"; then
    pass "cms2-fhir: a declined screening imported with its reason is a denominator exception"
  else fail "cms2-fhir: $(cat "$work/cms2-fhir/observations.csv" "$work/cms2-fhir-run/member_results.csv")"; fi
else fail "cms2-fhir: import or run failed"; fi

# 49. Observation end dates (issue 14): observations.csv end_date is the end
#     of an effective period, and `during` reads [date, end_date] as for
#     visits. tests/e2e/obsend-small/data: three women with a visit in 2025
#     and a FACIT-Pal assessment (LOINC 71007-9, palliative care): E1's runs
#     2024-12-31..2025-01-01 and overlaps the period (excluded from CMS124),
#     E2's is 2024-12-31 only (not excluded), E3's 2025-12-31..2026-01-02
#     (excluded).
out=$("$bin" run --program measures/ecqm/2025 --period 2025 --data tests/e2e/obsend-small/data \
      --out "$work/obsend" 2>&1)
if [ $? -eq 0 ]; then
  got=$(awk -F, '$2 == "CMS124" {print $1 "," $4 "," $5 "," $7}' "$work/obsend/member_results.csv" | sort)
  want=$'E1,1,1,0\nE2,1,0,0\nE3,1,1,0'
  if [ "$got" = "$want" ]; then
    pass "obsend-small: an observation spanning Dec 31..Jan 1 overlaps the period (CMS124 E1 excluded, E2 not)"
  else fail "obsend-small CMS124 rows: got $got, want $want"; fi
else fail "obsend-small program run exited non-zero: $out"; fi

# 50. Medication requests are orders (issue 14, docs/data.md "Importing
#     FHIR"): tests/e2e/medorders-fhir, one bundle a patient, imported and
#     scored by the eCQM program for 2025. CMS2: MA (44, a positive adult
#     screening at a visit on 2025-03-10) has an adult depression medication
#     ordered (intent order) 2 days later: numerator; its pharmacy Claim is
#     the fill (pharmacy.csv). MB's medication is dispensed and planned
#     (written with intent plan: CMS2 asks intent order), never ordered: not
#     numerator. CMS125 (women
#     of 70 with a frailty diagnosis): DC's dementia medication ordered
#     2023-12-03 with 30 days of supply (medicationRequestPeriod ends
#     2024-01-01, the window's first day) and DF's with 30 tablets, one a
#     day, are excluded; DD's, ordered a day earlier, ends 2023-12-31 (not
#     excluded); DE's has no supply (its period is null: end_date unknown)
#     and is not excluded though ordered in the period.
mo="$work/medorders"
if "$bin" import fhir tests/e2e/medorders-fhir --out "$mo" >"$mo.log" 2>&1 \
   && "$bin" run --program measures/ecqm/2025 --period 2025 --data "$mo" --out "$mo-run" \
        >"$mo-run.log" 2>&1; then
  got=$(awk -F, '($2 == "CMS2" && $1 ~ /^M/) || ($2 == "CMS125" && $1 ~ /^D/) {
          print $1 "," $2 "," $4 "," $5 "," $7}' "$mo-run/member_results.csv" | sort)
  want=$'DC,CMS125,1,1,0\nDD,CMS125,1,0,0\nDE,CMS125,1,0,0\nDF,CMS125,1,1,0\nMA,CMS2,1,0,1\nMB,CMS2,1,0,0'
  if [ "$got" = "$want" ]; then
    pass "medorders: a medication order counts for CMS2, a dispense or a plan does not; dementia orders by their period (CMS125)"
  else fail "medorders member rows: got $got, want $want"; fi
  if grep -qx 'DC,2023-12-03T10:00:00,RXNORM:1100184,,active,,MedicationRequest/DC-rq,2024-01-01,order' "$mo/orders.csv" \
     && grep -qx 'DE,2025-03-01T10:00:00,RXNORM:1100184,,active,,MedicationRequest/DE-rq,unknown,order' "$mo/orders.csv" \
     && grep -qx 'DF,2023-12-03T10:00:00,RXNORM:1100184,,active,,MedicationRequest/DF-rq,2024-01-01,order' "$mo/orders.csv" \
     && grep -qx 'MA,MA-claim,2025-03-13,,1000048,30,,,,,,,Claim/MA-claim' "$mo/pharmacy.csv" \
     && grep -qx 'MB,,2025-03-11T12:00:00,,1000048,30,,,,,completed,,MedicationDispense/MB-d' "$mo/pharmacy.csv" \
     && grep -qx 'MB,2025-03-11T10:00:00,RXNORM:1000048,,active,,MedicationRequest/MB-rq,unknown,plan' "$mo/orders.csv" \
     && ! grep -q 'skipped: .*MedicationRequest' "$mo.log"; then
    pass "medorders: requests to orders.csv with their period's end and intent, the pharmacy claim and the dispense to pharmacy.csv"
  else fail "medorders import: $(cat "$mo.log" "$mo/orders.csv" "$mo/pharmacy.csv")"; fi
  out=$("$bin" explain --member DE --measure CMS125 --data "$mo" --period 2025 \
        measures/ecqm/2025/cms125.measure 2>&1)
  if grep -q 'orders.csv:[0-9]*  2025-03-01T10:00:00..unknown  RXNORM:1100184 status active — it has no period (end_date unknown)' <<<"$out"; then
    pass "medorders: explain shows an order without a period as ..unknown, and why it does not overlap"
  else fail "medorders explain DE: $out"; fi
else fail "medorders: import or run failed: $(cat "$mo.log" "$mo-run.log" 2>/dev/null)"; fi

# 51. Denominator exceptions (issue 14, docs/language.md "Rules and
#     populations"): tests/e2e/exception-small, five members of a measure with
#     an `exception` rule. E1 declined but was screened (the numerator first:
#     not an exception), E2 declined (an exception: its own column, out of
#     the denominator and the gaps), E3 is a gap, E4 is excluded before its
#     exception is asked. explain shows the rule, ir the cascade, an exception
#     in a rate measure is E0160, and ecqm_compare.py compares
#     denominator-exception when a MeasureReport counts it.
exc=tests/e2e/exception-small
if out=$("$bin" run --measure $exc/exc.measure --data $exc/data --out "$work/exc" 2>&1); then
  for f in member_results provider_results gaps; do
    if diff -u "$exc/expected/$f.csv" "$work/exc/$f.csv"; then pass "exception-small $f.csv"
    else fail "exception-small $f.csv differs"; fi
  done
  # The run summary counts the exception apart: 5 eligible - 1 excluded - 1 exception.
  if grep -Eq '^EXC +5 +5 +1 +1 +3 +2 +0.6667 +2/2$' <<<"$out"; then
    pass "the run summary counts exceptions apart from the denominator"
  else fail "exception-small run summary: $out"; fi
else fail "exception-small run exited non-zero: $out"; fi
out=$("$bin" explain --member E2 --measure EXC --data $exc/data $exc/exc.measure 2>&1)
if grep -qx 'outcome: population, eligible, not excluded, not numerator, exception' <<<"$out" \
   && grep -qx 'reason: exception: exists visit with Declined during MP' <<<"$out" \
   && grep -qx 'exception (any of):' <<<"$out"; then pass "explain shows the exception rule and outcome"
else fail "explain E2: $out"; fi
out=$("$bin" ir $exc/exc.measure 2>&1)
if grep -q '^rule exception any$' <<<"$out" && grep -q ' else exception->exception$' <<<"$out"; then
  pass "measurec ir prints the exception rule and where the cascade asks it"
else fail "ir of exc.measure: $out"; fi
mkdir -p "$work/exc-rate"
sed 's/^  period 2022$/  kind rate per 1000 member years\n  period 2022/; s/^  numerator  exists/  numerator  count/' \
  $exc/exc.measure >"$work/exc-rate/rate.measure"
out=$("$bin" check "$work/exc-rate/rate.measure" 2>&1); code=$?
if [ $code -eq 1 ] && grep -q 'error E0160: measure EXC cannot have an .exception. rule: a rate measure' <<<"$out"; then
  pass "an exception in a rate measure is E0160"
else fail "exception in a rate measure (exit $code): $out"; fi
cases="$work/exc-cases"
mkdir -p "$cases/c1" "$cases/c2"
report() {  # denominator-exception count for a MeasureReport of patient E2
  printf '{"resourceType": "MeasureReport", "group": [{"population": [%s]}]}\n' \
    "$(for p in initial-population:1 denominator:1 denominator-exclusion:0 numerator:0 \
                denominator-exception:$1; do
         printf '{"code": {"coding": [{"code": "%s"}]}, "count": %s},' "${p%%:*}" "${p##*:}"
       done | sed 's/,$//')"
}
report 1 >"$cases/c1/MeasureReport-c1.json"; echo '{"resourceType": "Patient", "id": "E2"}' >"$cases/c1/Patient-c1.json"
report 0 >"$cases/c2/MeasureReport-c2.json"; echo '{"resourceType": "Patient", "id": "E2"}' >"$cases/c2/Patient-c2.json"
printf 'c1 = declined\nc2 = declined, miscounted\n' >"$cases/README.txt"
out=$(python3 tools/ecqm_compare.py "$cases" "$work/exc" EXC 2>&1)
if [ "$out" = "differs: declined, miscounted expected 1/1/0/0/0 got 1/1/0/0/1 (IP/DEN/DENEX/NUM/DENEXCEP)
EXC: 1 of 2 cases agree" ]; then pass "ecqm_compare.py compares denominator-exception"
else fail "ecqm_compare.py on exception cases: $out"; fi

# 52. Times of day (issue 14, docs/language.md "Times of day", docs/data.md):
#     tests/e2e/times-small, CMS2 on data with times where the day and the
#     time disagree. B1's bipolar diagnosis at 08:00 precedes its 09:00
#     encounter the same day (excluded); B2's follow-up procedure at 08:15
#     precedes its 09:00-10:00 encounter (not a follow-up: a gap); B3's at
#     09:30 is during it (numerator; the -05:00 offsets are kept as written);
#     B4 declined at 15:30, after its 14:00-14:45 encounter (no exception: a
#     gap); B5's diagnosis on the encounter's day has no time (unknown: not
#     excluded). The same rows with the times cut off give the day-precision
#     result: B1 not excluded, B2 met, B4 an exception. explain prints the
#     times; a time that is no time is a bad row naming the cell.
tod=tests/e2e/times-small
out=$("$bin" run --program measures/ecqm/2025 --period 2025 --data $tod/data --out "$work/tod" 2>&1)
if [ $? -eq 0 ]; then
  results_match times-small $tod/expected "$work/tod" "member_results provider_results gaps" CMS2
else fail "times-small program run exited non-zero: $out"; fi
mkdir -p "$work/tod-days"
for f in $tod/data/*.csv; do
  sed -E 's/(20[0-9][0-9]-[0-9][0-9]-[0-9][0-9])T[0-9:]+(Z|[+-][0-9][0-9]:[0-9][0-9])?/\1/g' "$f" \
    >"$work/tod-days/$(basename "$f")"
done
if ! grep -q 'T[0-9][0-9]:' "$work"/tod-days/*.csv \
   && "$bin" run --program measures/ecqm/2025 --period 2025 --data "$work/tod-days" \
        --out "$work/tod-days-run" >/dev/null 2>&1; then
  got=$(awk -F, '$2 == "CMS2" && ($1 == "B1" || $1 == "B2" || $1 == "B4") {print $1 "," $5 "," $6 "," $7}' \
          "$work/tod-days-run/member_results.csv")
  want=$'B1,0,0,0\nB2,0,0,1\nB4,0,1,0'
  if [ "$got" = "$want" ]; then pass "times-small at day precision: B1, B2 and B4 come out otherwise"
  else fail "times-small without times: got $got, want $want"; fi
else fail "times-small without times: run failed"; fi
out=$("$bin" explain --member B1 --measure CMS2 --data $tod/data --program measures/ecqm/2025 --period 2025 2>&1)
if grep -q 'conditions.csv:2  2025-03-10T08:00:00\.\.  ICD10CM:F310' <<<"$out" \
   && grep -q 'condition 2025-03-10T08:00:00\.\. (line 2) \[dx\] -> paired with visit 2025-03-10T09:00:00\.\.2025-03-10T10:00:00 (line 2)' <<<"$out"
then pass "explain prints events' times of day"
else fail "explain B1 shows no times: $out"; fi
out=$("$bin" ir tests/semantics/times.measure 2>&1)
if grep -Eq '^%[0-9]+ = datetime event_field q[0-9]+\(a\)\.start_time' <<<"$out" \
   && grep -Eq '^%[0-9]+ = datetime date_to_datetime %[0-9]+' <<<"$out"; then
  pass "measurec ir prints datetime fields and date_to_datetime"
else fail "ir of times.measure: $out"; fi
out=$("$bin" ir measures/ecqm/2025/cms2.measure 2>&1)
if grep -Eq '^query q[0-9]+ latest_time observation as s ' <<<"$out" \
   && grep -Eq '^%[0-9]+ = datetime query q[0-9]+$' <<<"$out"; then
  pass "CMS2's most recent screening is a latest_time query (its start with its time of day)"
else fail "ir of cms2.measure has no latest_time query: $out"; fi
mkdir -p "$work/tod-bad"
cp $tod/data/*.csv "$work/tod-bad/"
sed -i 's/2025-06-01T09:05/2025-06-01T09:65/' "$work/tod-bad/observations.csv"
out=$("$bin" run --program measures/ecqm/2025 --period 2025 --data "$work/tod-bad" \
      --out "$work/tod-bad-run" 2>&1); code=$?
if [ $code -ne 0 ] && grep -q "observations.csv:5: column 'date': value '2025-06-01T09:65'" <<<"$out" \
   && grep -q 'no such time of day' <<<"$out"; then pass "a time that is no time is a bad row naming the cell"
else fail "bad time (exit $code): $out"; fi

# 53. The FHIR category (issue 14, docs/data.md "Category"): observations.csv
#     and conditions.csv `category` through the eCQM program.
#     tests/e2e/category-small/data: a Pap test of category laboratory (L1),
#     of none (L2), of exam and laboratory (L3), of vital-signs (L4): only L1
#     and L3 are CMS124's numerator (Status.isLaboratoryTestPerformed); an
#     HbA1c of 7% in the laboratory category (D1) is CMS122's good control,
#     the same without a category (D2) no assessment (the inverse numerator);
#     a bipolar condition on the problem list (B1) or a health concern (B3)
#     excludes from CMS2, an encounter diagnosis (B2) or one without a
#     category (B4) does not; a palliative care assessment (FACIT-Pal) of
#     category survey excludes from CMS124 (P1), one without a category does
#     not (P2: Status.isAssessmentPerformed). explain names L2's near miss;
#     ir prints the filter.
cat_dir=tests/e2e/category-small/data
out=$("$bin" run --program measures/ecqm/2025 --period 2025 --data $cat_dir --out "$work/category" 2>&1)
if [ $? -eq 0 ]; then
  got=$(awk -F, '($2 == "CMS124" && $1 ~ /^[LP]/) || ($2 == "CMS122" && $1 ~ /^D/) ||
                 ($2 == "CMS2" && $1 ~ /^B/) {print $2 "," $1 "," $4 "," $5 "," $7}' \
          "$work/category/member_results.csv" | sort)
  want=$'CMS122,D1,1,0,0\nCMS122,D2,1,0,1\nCMS124,L1,1,0,1\nCMS124,L2,1,0,0\nCMS124,L3,1,0,1\nCMS124,L4,1,0,0\nCMS124,P1,1,1,0\nCMS124,P2,1,0,0\nCMS2,B1,1,1,0\nCMS2,B2,1,0,0\nCMS2,B3,1,1,0\nCMS2,B4,1,0,0'
  if [ "$got" = "$want" ]; then
    pass "category-small: only laboratory observations are lab tests, survey ones assessments; only problem-list or health-concern bipolar conditions exclude"
  else fail "category-small rows: got $got, want $want"; fi
else fail "category-small program run exited non-zero: $out"; fi
out=$("$bin" explain --member L2 --measure CMS124 --data $cat_dir --program measures/ecqm/2025 2>&1)
if grep -q 'it has no category' <<<"$out"; then pass "explain: a Pap test without a category is a near miss"
else fail "explain L2 CMS124: $out"; fi
out=$("$bin" ir measures/ecqm/2025/cms124.measure 2>&1)
if grep -q 'with_category c[0-9]' <<<"$out"; then pass "measurec ir prints with_category"
else fail "ir of cms124.measure: $out"; fi

# 54. A reading's encounter class and the latest end (issue 14):
#     tests/e2e/obssetting-fhir, three women with hypertension, an office
#     visit and two blood pressures: 128/82 on June 1 outside any encounter,
#     170/100 on October 1 taken in an Encounter that Observation.encounter
#     names. B1's is EMER and its file is read after the Observation's (set
#     aside to the end of the import), B2's is SS (short stay, read before),
#     B3's is AMB. import fhir writes the class's setting on each row of the
#     reading (ed, shortstay, outpatient); CMS165 leaves out the readings of
#     B1 and B2 (the June one decides: controlled) and counts B3's
#     (uncontrolled). `measurec ir` prints the most recent day of CMS165 and
#     CMS122 as a latest_end query.
osf=tests/e2e/obssetting-fhir
if "$bin" import fhir "$osf" --out "$work/obssetting-data" >"$work/obssetting-import.log" 2>&1; then
  got=$(awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) if ($i == "setting") s = i; next}
                 substr($2, 1, 10) == "2025-10-01" {print $1 "," $3 "," $s}' "$work/obssetting-data/observations.csv" \
        | LC_ALL=C sort)
  want=$'B1,LOINC:8462-4,ed\nB1,LOINC:8480-6,ed\nB1,LOINC:85354-9,ed
B2,LOINC:8462-4,shortstay\nB2,LOINC:8480-6,shortstay\nB2,LOINC:85354-9,shortstay
B3,LOINC:8462-4,outpatient\nB3,LOINC:8480-6,outpatient\nB3,LOINC:85354-9,outpatient'
  if [ "$got" = "$want" ]; then
    pass "import fhir writes each reading's encounter setting, whether the Encounter comes before or after"
  else fail "obssetting-fhir observations: got $got, want $want"; fi
  out=$("$bin" run --measure measures/ecqm/2025/cms165.measure --period 2025 \
        --data "$work/obssetting-data" --out "$work/obssetting" 2>&1)
  if [ $? -eq 0 ]; then
    got=$(awk -F, '$2 == "CMS165" {print $1 "," $4 "," $7}' "$work/obssetting/member_results.csv" | sort)
    want=$'B1,1,1\nB2,1,1\nB3,1,0'
      if [ "$got" = "$want" ]; then
      pass "CMS165 leaves out readings taken in an ED or short stay encounter, counts an office one"
    else fail "obssetting CMS165 rows: got $got, want $want"; fi
  else fail "obssetting CMS165 run exited non-zero: $out"; fi
else fail "import fhir $osf failed: $(cat "$work/obssetting-import.log")"; fi
out165=$("$bin" ir measures/ecqm/2025/cms165.measure 2>&1)
out122=$("$bin" ir measures/ecqm/2025/cms122.measure 2>&1)
if grep -q "latest_end observation as bp" <<<"$out165" && grep -q "latest_end observation as reading" <<<"$out122"; then
  pass "ir prints the most recent day of CMS165 and CMS122 as latest_end"
else fail "ir of CMS165/CMS122 has no latest_end query"; fi

# 55. --engine jit (issue 15): the BCS run of section 2 on the JIT gives the
# same result files; the summary says how many measures the JIT compiled and
# run.json says, per measure, compiled or the first op it cannot lower yet;
# an unknown engine is a usage error.
mkdir -p "$work/jit55"
"$bin" gen --members 300 --seed 55 --out "$work/jit55/data" >/dev/null
"$bin" run --measure measures/2022/cbi/bcs.measure --measure measures/2021/cbi/amm.measure \
  --data "$work/jit55/data" --out "$work/jit55/interp" --engine interp >/dev/null 2>&1
out=$("$bin" run --measure measures/2022/cbi/bcs.measure --measure measures/2021/cbi/amm.measure \
  --data "$work/jit55/data" --out "$work/jit55/jit" --engine jit 2>&1)
if grep -q '^engine jit: 2 of 2 measure(s) compiled$' <<<"$out"; then
  pass "--engine jit: the summary names the compiled count (AMM's pdc of compiled too)"
else fail "--engine jit summary: $out"; fi
if diff -r -x run.json -x report.html "$work/jit55/interp" "$work/jit55/jit" >/dev/null; then
  pass "--engine jit: the same result files as the interpreter"
else fail "--engine jit: result files differ from the interpreter's"; fi
out=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["engine"], json.dumps(r["engine_measures"], sort_keys=True), r["timings"]["compile"] > 0)' \
  "$work/jit55/jit/run.json" 2>&1)
if [ "$out" = 'jit {"AMM": {"compiled": true}, "BCS": {"compiled": true}} True' ]; then
  pass "run.json: engine jit, engine_measures per measure, compile time"
else fail "run.json of --engine jit: $out"; fi
if ! grep -q engine_measures "$work/jit55/interp/run.json"; then pass "run.json of --engine interp has no engine_measures"
else fail "run.json of --engine interp lists engine_measures"; fi
out=$("$bin" run --measure measures/2022/cbi/bcs.measure --data "$work/jit55/data" \
  --out "$work/jit55/x" --engine sql 2>&1); code=$?
if [ $code -eq 2 ] && grep -q -- "--engine is interp or jit, not 'sql'" <<<"$out"; then
  pass "an unknown --engine is a usage error"
else fail "--engine sql (exit $code): $out"; fi

# 56. CSV loading in chunks, in parallel (issue 15, runtime/store/CsvChunks.h):
# a data directory full of bad rows of every kind (bad dates, unknown members,
# bad codes, quotes: commas, line breaks and doubled quotes inside, text after
# a closing quote; blank lines, CRLF, no final line end, unknown providers),
# cut into chunks of a few bytes (MEASUREC_LOAD_CHUNK_BYTES, for tests only)
# and read on 1 and 2 threads, gives the same messages, reject file, counts
# and results, byte for byte, as the whole files read on one thread.
mkdir -p "$work/par56"
"$bin" gen --members 150 --seed 56 --out "$work/par56/data" >/dev/null
python3 - "$work/par56/data" <<'PY'
import sys
sys.path.insert(0, "tests/e2e")
from csv_rewrite import q, rewrite
d = sys.argv[1]
def visits(i, f, c):
    k = i % 13
    g = list(f)
    if k == 1: g[c["date"]] = "2022-02-30"                     # no such day
    elif k == 2: g[c["member_id"]] = "M9999999"                # unknown member
    elif k == 3: g[c["codes"]] = "CPT:8749"                    # a bad code
    elif k == 4: g[c["claim_id"]] = q(g[c["claim_id"]] + ", part 2")      # a quoted comma
    elif k == 5: g[c["claim_id"]] = q(g[c["claim_id"]] + "\nnote\n")     # quoted line breaks
    elif k == 6: g[c["claim_id"]] = q('said "hi"')                        # doubled quotes
    elif k == 7: g[c["claim_id"]] = '"C1"x'                    # text after the closing quote
    elif k == 8: g = g[:-1]                                    # a field short
    elif k == 9: g[c["provider_id"]] = f"PX{i % 9}"            # unknown providers
    elif k == 10: g[c["date"]] = "2022-03-04T25:00"            # a bad time of day
    line = ",".join(g)
    if k == 11: return [line + "\r", ""]                       # CRLF, then a blank line
    if k == 12: return [q("a\r\nb") + "," + line.split(",", 1)[1]]  # bad member with a CRLF in quotes
    return [line]
rewrite(d, "visits.csv", visits)
def plain(i, f, c):
    k = i % 11
    g = list(f)
    if k == 1: g[0] = "M0000000"
    elif k == 2: g[c.get("status", 0)] = "finished?"
    elif k == 3: return ["", ",".join(g) + "\r"]
    elif k == 4: g[1] = q(g[1] + ",\n,")
    return [",".join(g)]
for name in ("pharmacy.csv", "conditions.csv", "immunizations.csv", "referrals.csv"):
    rewrite(d, name, plain)
rewrite(d, "observations.csv", plain, final_newline=False)
PY
cp -r "$work/par56/data" "$work/par56/quote"
awk 'NR == 40 {sub(/^/, "\"")} {print}' "$work/par56/data/pharmacy.csv" >"$work/par56/quote/pharmacy.csv"
# One run of the CBI program with the load cut in CHUNK-byte chunks, and
# the comparison of two runs: sections 56 and 59.
chunk_run() {  # DIR NAME DATA CHUNK THREADS [ARGS...]: stderr and exit code in DIR/NAME.err, results in DIR/NAME/
  local dir=$1 name=$2 data=$3 chunk=$4 threads=$5
  shift 5
  MEASUREC_LOAD_CHUNK_BYTES=$chunk "$bin" run --program measures/2022/cbi --data "$data" \
    --out "$dir/$name" --threads "$threads" "$@" >/dev/null 2>"$dir/$name.err"
  echo "exit $?" >>"$dir/$name.err"
  sed -i "s#$dir/$name#OUT#g" "$dir/$name.err"
  # run.json less what says how it ran: timings, threads, command line, reject file.
  [ -f "$dir/$name/run.json" ] && python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))
for k in ("timings", "threads", "command_line", "reject_file"): r.pop(k, None)
print(json.dumps(r, sort_keys=True))' "$dir/$name/run.json" >"$dir/$name.json" \
    && rm "$dir/$name/run.json" "$dir/$name/report.html"
}
chunk_same() {  # DIR WHAT REF OTHER
  local dir=$1
  shift
  if cmp -s "$dir/$2.err" "$dir/$3.err" \
     && { [ ! -e "$dir/$2" ] || diff -r "$dir/$2" "$dir/$3" >/dev/null; } \
     && { [ ! -e "$dir/$2.json" ] || cmp -s "$dir/$2.json" "$dir/$3.json"; } \
     && { [ ! -e "$dir/$2.rej" ] || cmp -s "$dir/$2.rej" "$dir/$3.rej"; }; then
    pass "$1"
  else fail "$1: $3 differs from $2: $(diff "$dir/$2.err" "$dir/$3.err" | head -5)"; fi
}
run56() { chunk_run "$work/par56" "$@"; }
same56() { chunk_same "$work/par56" "$@"; }
run56 stop-ref "$work/par56/data" 1000000000 1
run56 reject-ref "$work/par56/data" 1000000000 1 --reject-file "$work/par56/reject-ref.rej"
run56 asof-ref "$work/par56/data" 1000000000 1 --reject-file "$work/par56/asof-ref.rej" --as-of 2022-06-30
run56 quote-ref "$work/par56/quote" 1000000000 1 --reject-file "$work/par56/quote-ref.rej"
stop_bad=$(grep -o '^measurec run: [0-9]* bad row' "$work/par56/stop-ref.err" | grep -o '[0-9][0-9]*')
reject_rows=$(($(wc -l <"$work/par56/reject-ref.rej") - 1))
if [ "${stop_bad:-0}" -gt 100 ] && grep -q "^and [0-9]* more bad rows$" "$work/par56/stop-ref.err" \
   && [ -s "$work/par56/reject-ref/member_results.csv" ] \
   && grep -q "name providers absent from providers.csv" "$work/par56/reject-ref.err" \
   && grep -q "the row runs over lines" "$work/par56/reject-ref.rej" \
   && grep -q "is never closed" "$work/par56/quote-ref.err" && [ ! -e "$work/par56/quote-ref" ]; then
  pass "the bad-row data: $stop_bad bad rows stop the run, the reject file sets them aside, a stray quote stops"
else fail "the bad-row data is not what section 56 needs: $stop_bad bad, $(head -3 "$work/par56/reject-ref.err")"; fi
for chunk in 1 7 64 1000; do
  for threads in 1 2; do
    run56 "stop-$chunk-$threads" "$work/par56/data" $chunk $threads
    run56 "reject-$chunk-$threads" "$work/par56/data" $chunk $threads --reject-file "$work/par56/reject-$chunk-$threads.rej"
    run56 "asof-$chunk-$threads" "$work/par56/data" $chunk $threads --reject-file "$work/par56/asof-$chunk-$threads.rej" --as-of 2022-06-30
    run56 "quote-$chunk-$threads" "$work/par56/quote" $chunk $threads --reject-file "$work/par56/quote-$chunk-$threads.rej"
  done
done
for kind in stop reject asof quote; do
  for chunk in 1 7 64 1000; do
    for threads in 1 2; do
      same56 "chunks of $chunk bytes, --threads $threads: $kind as one reader" "$kind-ref" "$kind-$chunk-$threads"
    done
  done
done
# 57. The binary cache (issue 15, docs/data.md "Binary cache"): `ingest`
# writes it; a run from it writes the same files as a run from the CSV
# directory (the CBI and pharmacy programs, one thread and two: every file,
# report.html and run.json but for timings and the data path given), prints
# the same summary and warnings; explain reads it; a stale, truncated or
# foreign file is refused naming the file and the command to rebuild it;
# ingest with bad rows and no reject file writes nothing, with one the run
# from the cache says where the bad rows went; --as-of is refused.
c57=$work/cache57
mkdir -p "$c57"
"$bin" gen --members 3000 --seed 57 --out "$c57/data" >/dev/null
out=$("$bin" ingest "$c57/data" --out "$c57/pop.mcache" 2>&1); code=$?
if [ $code -eq 0 ] && grep -Eq "^measurec ingest: $c57/data -> $c57/pop.mcache: 3000 members, [0-9]+ events, [0-9]+ bytes" <<<"$out"; then
  pass "ingest writes the cache and prints its one-line summary"
else fail "ingest (exit $code): $out"; fi
# The load's threads do not change the cache: the same bytes from 1 and 2.
"$bin" ingest "$c57/data" --out "$c57/pop1.mcache" --threads 1 >/dev/null 2>&1
"$bin" ingest "$c57/data" --out "$c57/pop2.mcache" --threads 2 >/dev/null 2>&1
if [ -s "$c57/pop1.mcache" ] && cmp -s "$c57/pop1.mcache" "$c57/pop2.mcache"; then
  pass "ingest --threads 1 and --threads 2 write the same cache"
else fail "ingest --threads 1 and 2 write different caches"; fi
if ! "$bin" ingest "$c57/data" --out "$c57/pop0.mcache" --threads 0 >/dev/null 2>&1 \
   && [ ! -e "$c57/pop0.mcache" ]; then
  pass "ingest --threads 0 is a usage error"
else fail "ingest --threads 0 was accepted"; fi
same_run() {  # A B: result directories equal but for timings and the data given
  diff -r -x run.json -x report.html "$1" "$2" >/dev/null \
    && diff <(grep -v '^<tr><th>timings</th>' "$1/report.html") \
            <(grep -v '^<tr><th>timings</th>' "$2/report.html") >/dev/null \
    && python3 -c 'import json,sys
def load(p):
    r = json.load(open(p))
    for k in ("timings", "data", "command_line", "reject_file"): r.pop(k)
    return r
sys.exit(load(sys.argv[1]) != load(sys.argv[2]))' "$1/run.json" "$2/run.json"
}
for program in "measures/2022/cbi" "measures/2016/pharmacy-p4p --period 2022"; do
  name=$(basename "${program%% *}")
  for t in 1 2; do
    "$bin" run --program $program --data "$c57/data" --out "$c57/csv-$name-$t" --threads $t \
      >"$c57/csv-$name-$t.out" 2>"$c57/csv-$name-$t.err"
    "$bin" run --program $program --data "$c57/pop.mcache" --out "$c57/mc-$name-$t" --threads $t \
      >"$c57/mc-$name-$t.out" 2>"$c57/mc-$name-$t.err"
    if [ -s "$c57/csv-$name-$t/member_results.csv" ] && same_run "$c57/csv-$name-$t" "$c57/mc-$name-$t" \
       && diff <(grep -v '^results in' "$c57/csv-$name-$t.out") <(grep -v '^results in' "$c57/mc-$name-$t.out") >/dev/null \
       && diff "$c57/csv-$name-$t.err" "$c57/mc-$name-$t.err" >/dev/null; then
      pass "$name --threads $t: the run from the cache writes and prints what the run from CSV does"
    else fail "$name --threads $t: the run from the cache differs from the run from CSV"; fi
  done
done
# The JIT reads the mapped columns as it reads owned ones.
"$bin" run --program measures/2022/cbi --data "$c57/data" --out "$c57/jit-csv" --engine jit >/dev/null 2>&1
"$bin" run --program measures/2022/cbi --data "$c57/pop.mcache" --out "$c57/jit-mc" --engine jit >/dev/null 2>&1
if [ -s "$c57/jit-mc/member_results.csv" ] && same_run "$c57/jit-csv" "$c57/jit-mc"; then
  pass "--engine jit: the run from the cache writes what the run from CSV does"
else fail "--engine jit from the cache differs from the run from CSV"; fi
member=$(awk -F, 'NR == 2 { print $1 }' "$c57/data/members.csv")
a=$("$bin" explain --member "$member" --measure BCS --program measures/2022/cbi --data "$c57/data" 2>&1)
b=$("$bin" explain --member "$member" --measure BCS --program measures/2022/cbi --data "$c57/pop.mcache" 2>&1)
if [ -n "$a" ] && [ "$a" = "$b" ]; then pass "explain reads the cache"
else fail "explain from the cache: $b"; fi
out=$("$bin" explain --member NOSUCH --measure BCS --program measures/2022/cbi --data "$c57/pop.mcache" 2>&1); code=$?
if [ $code -eq 1 ] && grep -q "^measurec explain: no member 'NOSUCH' in $c57/data/members.csv" <<<"$out"; then
  pass "explain from the cache names the members.csv a missing member is not in"
else fail "explain of a missing member from the cache (exit $code): $out"; fi
out=$("$bin" run --program measures/2022/cbi --data "$c57/pop.mcache" --out "$c57/x" --as-of 2022-06-30 2>&1); code=$?
if [ $code -eq 2 ] && grep -q "error E0819: --as-of cannot be used with a cache" <<<"$out" && [ ! -e "$c57/x" ]; then
  pass "--as-of with a cache is refused (E0819)"
else fail "--as-of with a cache (exit $code): $out"; fi
out=$("$bin" run --program measures/2022/cbi --data "$c57/pop.mcache" --out "$c57/x" --reject-file "$c57/r.csv" 2>&1); code=$?
if [ $code -eq 2 ] && grep -q "error E0819: --reject-file cannot be used with a cache" <<<"$out" && [ ! -e "$c57/x" ]; then
  pass "--reject-file with a cache is refused (E0819)"
else fail "--reject-file with a cache (exit $code): $out"; fi
if "$bin" check --explain E0817 | grep -q "stale cache"; then pass "check --explain E0817"
else fail "check --explain E0817: $("$bin" check --explain E0817 2>&1)"; fi
# The load's warnings come from the cache as they came from the CSV.
cp -r tests/e2e/bcs-small/data "$c57/noprov"
rm "$c57/noprov/providers.csv"
"$bin" ingest "$c57/noprov" --out "$c57/noprov.mcache" >/dev/null 2>&1
"$bin" run --measure measures/2022/cbi/bcs.measure --data "$c57/noprov" --out "$c57/np-csv" 2>"$c57/np-csv.err" >/dev/null
"$bin" run --measure measures/2022/cbi/bcs.measure --data "$c57/noprov.mcache" --out "$c57/np-mc" 2>"$c57/np-mc.err" >/dev/null
if grep -q "^warning: no providers.csv in $c57/noprov" "$c57/np-mc.err" && diff "$c57/np-csv.err" "$c57/np-mc.err" >/dev/null \
   && same_run "$c57/np-csv" "$c57/np-mc"; then
  pass "a run from the cache warns as the run from CSV does"
else fail "warnings from the cache: $(cat "$c57/np-mc.err")"; fi
# Stale: a file touched after the ingest.
touch -d '+1 minute' "$c57/data/visits.csv"
out=$("$bin" run --program measures/2022/cbi --data "$c57/pop.mcache" --out "$c57/x" 2>&1); code=$?
if [ $code -eq 1 ] && [ ! -e "$c57/x" ] \
   && grep -q "^$c57/pop.mcache: error E0817: stale: $c57/data/visits.csv was modified since the cache was built" <<<"$out" \
   && grep -q "note: rebuild it with \`measurec ingest $c57/data --out $c57/pop.mcache\`" <<<"$out"; then
  pass "a stale cache is refused, naming the file that changed and the command to rebuild it"
else fail "stale cache (exit $code): $out"; fi
"$bin" ingest "$c57/data" --out "$c57/pop.mcache" >/dev/null
head -c 100000 "$c57/pop.mcache" >"$c57/short.mcache"
out=$("$bin" run --program measures/2022/cbi --data "$c57/short.mcache" --out "$c57/x" 2>&1); code=$?
if [ $code -eq 1 ] && [ ! -e "$c57/x" ] && grep -q "^$c57/short.mcache: error E0816: .*truncated" <<<"$out"; then
  pass "a truncated cache is refused (E0816)"
else fail "truncated cache (exit $code): $out"; fi
head -c 8192 /dev/urandom >"$c57/random.mcache"
out=$("$bin" run --program measures/2022/cbi --data "$c57/random.mcache" --out "$c57/x" 2>&1); code=$?
if [ $code -eq 1 ] && [ ! -e "$c57/x" ] && grep -q "^$c57/random.mcache: error E0816: neither a data directory nor a measurec cache" <<<"$out"; then
  pass "a random file given as --data is refused (E0816)"
else fail "random file as --data (exit $code): $out"; fi
# Bad rows: without a reject file nothing is written; with one, the run
# from the cache counts and names them as the CSV run does.
out=$("$bin" ingest tests/e2e/bad-rows/data --out "$c57/bad.mcache" 2>&1); code=$?
if [ $code -eq 1 ] && grep -q "^measurec ingest: [0-9]* bad row(s); nothing was written" <<<"$out" \
   && [ -z "$(ls "$c57" | grep '^bad\.mcache')" ]; then
  pass "ingest with bad rows and no reject file writes nothing"
else fail "ingest with bad rows (exit $code): $out; $(ls "$c57")"; fi
"$bin" ingest tests/e2e/bad-rows/data --out "$c57/bad.mcache" --reject-file "$c57/ingest-rejects.csv" >/dev/null 2>&1
"$bin" run --measure measures/2022/cbi/bcs.measure --data tests/e2e/bad-rows/data --out "$c57/bad-csv" \
  --reject-file "$c57/run-rejects.csv" >"$c57/bad-csv.out" 2>&1
out=$("$bin" run --measure measures/2022/cbi/bcs.measure --data "$c57/bad.mcache" --out "$c57/bad-mc" 2>&1)
if same_run "$c57/bad-csv" "$c57/bad-mc" && diff "$c57/ingest-rejects.csv" "$c57/run-rejects.csv" >/dev/null \
   && grep -q "bad row(s) set aside in $c57/ingest-rejects.csv" <<<"$out" \
   && grep -q "\"reject_file\": \"$c57/ingest-rejects.csv\"" "$c57/bad-mc/run.json"; then
  pass "a cache ingested with a reject file: the same results and counts as the CSV run with one"
else fail "cache with a reject file: $out"; fi
# 58. gen writes the eCQM side (issue 15, docs/data.md "The data directory"):
#     the eCQM columns and orders.csv are in gen's output; every eCQM code gen
#     writes is one of the value set (or the measure) its list names in
#     runtime/gen/EcqmCodes.h; the eCQM program on gen 20,000 has exclusions
#     (CMS2: exceptions too) and a numerator strictly between 0 and the
#     denominator in every measure (the events it reads are there); the edge
#     profile (--edge) writes the same bytes with one thread or two, and the
#     eCQM results on it are the same with --threads 1 and 2.
mkdir -p "$work/gen58"
"$bin" gen --members 20000 --seed 58 --out "$work/gen58/data" --threads 2 >/dev/null
out=""
for want in "visits.csv:member_id,claim_id,date,end_date,setting,provider_id,codes,discharge_status,status,body_site,reason" \
            "observations.csv:member_id,date,code,value,unit,provider_id,status,end_date,reason,category,setting" \
            "conditions.csv:member_id,onset_date,abatement_date,codes,provider_id,status,body_site,category" \
            "orders.csv:member_id,date,codes,provider_id,status,end_date,intent"; do
  f=${want%%:*}; header=${want#*:}
  got=$(head -1 "$work/gen58/data/$f" 2>&1)
  [ "$got" = "$header" ] || out="$out $f header '$got';"
  [ "$(wc -l < "$work/gen58/data/$f" 2>/dev/null || echo 0)" -gt 100 ] || out="$out $f has few rows;"
done
if [ -z "$out" ]; then pass "gen writes the eCQM columns and orders.csv, with rows"
else fail "gen eCQM columns:$out"; fi
out=$(python3 - "$PWD" <<'PY' 2>&1
import json, re, sys
root = sys.argv[1]
text = open(root + "/runtime/gen/EcqmCodes.h").read()
base = root + "/measures/ecqm/2025/"
bad, n, entries = 0, 0, 0
for m in re.finditer(r'// (valueset|measure) (\S+)[^\n]*\n(?:\s*//[^\n]*\n)*\s*constexpr const char\* k\w+(?:\[\])? =\s*(\{[^}]*\}|"[^"]*")', text):
    kind, where, body = m.groups()
    entries += 1
    if kind == "valueset":
        vs = json.load(open(base + "valuesets/valueset-" + where + ".json"))
        members = {c["code"] for c in vs["expansion"]["contains"]}
        ok = lambda system, code: code in members
    else:
        src = open(base + where).read()
        ok = lambda system, code: re.search(system + r"\{[^}]*\b" + re.escape(code) + r"\b", src)
    for system, code in re.findall(r'"([A-Z]+):([^"]+)"', body):
        n += 1
        if not ok(system, code): bad += 1; print(f"{system}:{code} not in {where}")
lists = len(re.findall(r'^\s*constexpr const char\*', text, re.M))
if lists != entries: bad += 1; print(f"{lists - entries} code list(s) name no value set or measure")
print(f"{n} codes in {entries} lists, {bad} problem(s)")
PY
)
if grep -q "^[1-9][0-9] codes in [0-9]* lists, 0 problem(s)$\|^[1-9][0-9][0-9] codes in [0-9]* lists, 0 problem(s)$" <<<"$out"; then
  pass "gen's eCQM codes are in the value sets their lists name ($(tail -1 <<<"$out"))"
else fail "gen's eCQM codes: $out"; fi
"$bin" run --program measures/ecqm/2025 --data "$work/gen58/data" --period 2022 --threads 2 \
  --out "$work/gen58/out" >/dev/null 2>&1
out=$(python3 - "$work/gen58/out" <<'PY' 2>&1
import csv, sys
den, num, exc = {}, {}, {}
for r in csv.DictReader(open(sys.argv[1] + "/provider_results.csv")):
    den[r["measure"]] = den.get(r["measure"], 0) + int(r["denominator"])
    num[r["measure"]] = num.get(r["measure"], 0) + int(r["numerator"])
for r in csv.DictReader(open(sys.argv[1] + "/member_results.csv")):
    if r["excluded"] == "1": exc[r["measure"]] = exc.get(r["measure"], 0) + 1
for m in ["CMS2", "CMS117", "CMS122", "CMS124", "CMS125", "CMS130", "CMS165"]:
    d, n, e = den.get(m, 0), num.get(m, 0), exc.get(m, 0)
    if not (0 < n < d and e > 0): print(f" {m}: denominator {d}, numerator {n}, excluded {e}")
PY
)
if [ -z "$out" ]; then pass "eCQM program on gen 20,000: every measure has exclusions and a numerator strictly between 0 and its denominator"
else fail "eCQM program on gen 20,000:$out"; fi
if awk -F, '$2 == "CMS2" && $6 == 1' "$work/gen58/out/member_results.csv" | grep -q .; then
  pass "eCQM program on gen 20,000: CMS2 has denominator exceptions (screenings not done, with a reason)"
else fail "eCQM program on gen 20,000: no CMS2 exception"; fi
"$bin" gen --members 20000 --seed 58 --edge --out "$work/gen58/edge1" --threads 1 >/dev/null
"$bin" gen --members 20000 --seed 58 --edge --out "$work/gen58/edge2" --threads 2 >/dev/null
if [ -s "$work/gen58/edge1/orders.csv" ] && diff -r "$work/gen58/edge1" "$work/gen58/edge2" >/dev/null; then
  pass "gen --edge: threads 1 and 2 write the same bytes"
else fail "gen --edge: threads 1 and 2 differ"; fi
if ! diff -q "$work/gen58/edge1/visits.csv" "$work/gen58/data/visits.csv" >/dev/null &&
   diff -q "$work/gen58/edge1/pharmacy.csv" "$work/gen58/data/pharmacy.csv" >/dev/null; then
  pass "gen --edge changes the eCQM side only (the same pharmacy claims)"
else fail "gen --edge: the eCQM side is the same, or the pharmacy claims moved"; fi
for t in 1 2; do
  "$bin" run --program measures/ecqm/2025 --data "$work/gen58/edge1" --period 2022 --threads $t \
    --out "$work/gen58/edge-out$t" >/dev/null 2>&1
done
if [ -s "$work/gen58/edge-out1/member_results.csv" ] &&
   diff -r -x run.json -x report.html "$work/gen58/edge-out1" "$work/gen58/edge-out2" >/dev/null; then
  pass "eCQM program on gen --edge: the same results with --threads 1 and 2"
else fail "eCQM program on gen --edge: results differ between --threads 1 and 2 (or the run failed)"; fi

# 58 (cont.). The eCQM rows are invisible to the other programs: the CBI
#     (2022, 2021), pharmacy and GQ programs give the same results on a gen
#     population and on the same population with every eCQM row taken out
#     (its E... visits, orders.csv, its SNOMED CT conditions, the observations
#     of EcqmCodes.h's codes). A code of the eCQM side that another program
#     reads would make them differ.
"$bin" gen --members 4000 --seed 58 --out "$work/gen58/small" --threads 2 >/dev/null
cp -r "$work/gen58/small" "$work/gen58/stripped"
out=$(python3 - "$PWD" "$work/gen58/small" "$work/gen58/stripped" <<'PY' 2>&1
import csv, re, sys
root, src, dst = sys.argv[1:4]
codes = set(re.findall(r'"((?:LOINC|SNOMEDCT):[^"]+)"', open(root + "/runtime/gen/EcqmCodes.h").read()))
def strip(name, keep):
    rows = list(csv.reader(open(f"{src}/{name}")))
    kept = [rows[0]] + [r for r in rows[1:] if keep(dict(zip(rows[0], r)))]
    csv.writer(open(f"{dst}/{name}", "w", newline=""), lineterminator="\n").writerows(kept)
    return len(rows) - len(kept)
n = strip("visits.csv", lambda r: not r["claim_id"].startswith("E"))
n += strip("conditions.csv", lambda r: not r["codes"].startswith("SNOMEDCT:"))
n += strip("observations.csv", lambda r: r["code"] not in codes)
n += strip("orders.csv", lambda r: False)
print(n)
PY
)
same=""
for p in measures/2022/cbi measures/2021/cbi measures/2016/pharmacy-p4p measures/2022/gq-p4p; do
  for d in small stripped; do
    "$bin" run --program $p --data "$work/gen58/$d" --period 2022 --threads 2 \
      --out "$work/gen58/$d-$(basename "$(dirname "$p")")-$(basename "$p")" >/dev/null 2>&1
  done
  r="$(basename "$(dirname "$p")")-$(basename "$p")"
  if [ -s "$work/gen58/small-$r/member_results.csv" ] &&
     diff -r -x run.json -x report.html "$work/gen58/small-$r" "$work/gen58/stripped-$r" >/dev/null; then
    same="$same ok"
  else same="$same $p differs;"; fi
done
if [ "$out" -gt 1000 ] 2>/dev/null && [ "$same" = " ok ok ok ok" ]; then
  pass "the CBI, pharmacy and GQ programs give the same results without the $out eCQM rows of gen"
else fail "eCQM rows seen by the other programs: removed '$out';$same"; fi

# 59. members.csv and enrollment.csv in a chunked, parallel load (issue 15,
# loadfast): enrollment is read while the first event chunks parse, and the
# member ids live in the store's own index. A data directory whose
# members.csv and enrollment.csv have bad rows of every kind (bad dates and
# sexes, duplicate ids, a second row for a bad member, quoted fields with
# commas, line breaks and doubled quotes, CRLF, blank lines, no final line
# end; spans of unknown and rejected members, spans that end before they
# start), beside bad visits, read in chunks of 1, 7, 64 and 1000 bytes on 1
# and 2 threads gives the messages, reject file, counts and results, byte
# for byte, of the whole files read on one thread; so does a stray quote in
# enrollment.csv, which stops the load while the visits parse.
p59=$work/load59
mkdir -p "$p59"
"$bin" gen --members 150 --seed 59 --out "$p59/data" >/dev/null
python3 - "$p59/data" <<'PY'
import sys
sys.path.insert(0, "tests/e2e")
from csv_rewrite import q, rewrite
d = sys.argv[1]
def members(i, g, c):
    k = i % 9
    if k == 1: g[c["birth_date"]] = "1970-13-01"                  # no such month
    elif k == 2: g[c["sex"]] = "X?"                               # a bad sex
    elif k == 3: g[c["county"]] = q(g[c["county"]] + ", north")   # a quoted comma
    elif k == 4: g[c["race"]] = q("white\nand \"other\"")         # line break, doubled quotes
    elif k == 5: g[c["death_date"]] = "1900-01-01"                # death before birth
    line = ",".join(g)
    if k == 6: return [line + "\r", ""]                           # CRLF, a blank line
    if k == 7: return [line, line]                                # a duplicate id
    if k == 1 and i % 2: return [line, line.replace("1970-13-01", "1970-12-01")]  # a bad row again
    return [line]
rewrite(d, "members.csv", members)
def enrollment(i, g, c):
    k = i % 8
    if k == 1: g[c["member_id"]] = "M9999999"                     # unknown member
    elif k == 2: g[c["start_date"]] = "2022-02-30"                # no such day
    elif k == 3: g[c["end_date"]] = "2001-01-01"                  # ends before it starts
    elif k == 4: g[c["plan"]] = q(g[c["plan"]] + ",\n" + g[c["plan"]])  # quoted comma, break
    elif k == 5: g[c["pcp_id"]] = "UNLINKED"                      # a reserved id
    line = ",".join(g)
    if k == 6: return ["", line + "\r"]
    return [line]
rewrite(d, "enrollment.csv", enrollment, final_newline=False)
def visits(i, g, c):
    k = i % 7
    if k == 1: g[c["date"]] = "2022-02-30"
    elif k == 2: g[c["codes"]] = "CPT:8749"
    elif k == 3: g[c["claim_id"]] = q(g[c["claim_id"]] + ", part 2\n")
    return [",".join(g)]
rewrite(d, "visits.csv", visits)
PY
cp -r "$p59/data" "$p59/quote"
# A last span opened by a stray quote (the file has no final line end).
printf '\n"M0000001,2020-01-01,,,,' >>"$p59/quote/enrollment.csv"
run59() { chunk_run "$p59" "$@"; }
same59() { chunk_same "$p59" "$@"; }
run59 stop-ref "$p59/data" 1000000000 1
run59 reject-ref "$p59/data" 1000000000 1 --reject-file "$p59/reject-ref.rej"
run59 quote-ref "$p59/quote" 1000000000 1 --reject-file "$p59/quote-ref.rej"
# The reference itself: bad rows of members.csv, then of enrollment.csv,
# then of the event files (visits.csv first), in that order, and the stray
# quote named in enrollment.
files59=$(tail -n +2 "$p59/reject-ref.rej" | grep -o '^[a-z]*\.csv' | uniq | head -3 | tr '\n' ' ')
if [ "$files59" = "members.csv enrollment.csv visits.csv " ] \
   && grep -q "^members.csv,[0-9]*,member_id,.*duplicate member_id" "$p59/reject-ref.rej" \
   && grep -q "was rejected (members.csv:" "$p59/reject-ref.rej" \
   && grep -q "^measurec run: [0-9]* bad row(s); nothing was written" "$p59/stop-ref.err" \
   && grep -q "enrollment.csv:[0-9]*: .*is never closed" "$p59/quote-ref.err" && [ ! -e "$p59/quote-ref" ]; then
  pass "the members and enrollment bad-row data: rejects in file order, a stray quote in enrollment stops"
else fail "the bad-row data is not what section 59 needs: files '$files59', $(head -3 "$p59/quote-ref.err")"; fi
for chunk in 1 7 64 1000; do
  for threads in 1 2; do
    run59 "stop-$chunk-$threads" "$p59/data" $chunk $threads
    run59 "reject-$chunk-$threads" "$p59/data" $chunk $threads --reject-file "$p59/reject-$chunk-$threads.rej"
    run59 "quote-$chunk-$threads" "$p59/quote" $chunk $threads --reject-file "$p59/quote-$chunk-$threads.rej"
  done
done
for kind in stop reject quote; do
  for chunk in 1 7 64 1000; do
    for threads in 1 2; do
      same59 "members and enrollment, chunks of $chunk bytes, --threads $threads: $kind as one reader" "$kind-ref" "$kind-$chunk-$threads"
    done
  done
done

# 60. Rows out of member order (issue 15, loadpath, runtime/store/PendingRows.h):
# a file grouped by member in members.csv order becomes its table by moving
# its columns, each member's rows sorted in place; any other order is sorted
# as before. A population whose visits.csv turns back mid-file (its second
# half reversed), whose pharmacy.csv runs backwards, whose observations.csv
# meets its first member again in its last row (order broken between
# chunks) and whose conditions.csv has each member's rows reversed (grouped:
# the in-place sort) gives the results of the same population in gen's
# order, on 1 and 2 threads; and its cache, read whole on one thread, is
# the one read in chunks of 1, 64, 1000 and 100,000 bytes on 1 and 2.
p60=$work/load60
mkdir -p "$p60"
"$bin" gen --members 300 --seed 60 --out "$p60/data" >/dev/null
cp -r "$p60/data" "$p60/mixed"
python3 - "$p60/mixed" <<'PY'
import itertools, sys
d = sys.argv[1]
def reorder(name, change):
    with open(f"{d}/{name}", newline="") as f:
        lines = f.read().split("\n")
    header, rows = lines[0], [l for l in lines[1:] if l]
    out = change(rows)
    assert sorted(out) == sorted(rows) and out != rows, name
    with open(f"{d}/{name}", "w", newline="") as f:
        f.write("\n".join([header] + out) + "\n")
reorder("visits.csv", lambda r: r[: len(r) // 2] + r[len(r) // 2 :][::-1])
reorder("pharmacy.csv", lambda r: r[::-1])
reorder("observations.csv", lambda r: r[1:] + r[:1])
reorder("conditions.csv", lambda r: [l for _, g in itertools.groupby(r, lambda l: l.split(",")[0])
                                     for l in list(g)[::-1]])
PY
for threads in 1 2; do
  for data in data mixed; do
    "$bin" run --program measures/2022/cbi --data "$p60/$data" --out "$p60/$data-$threads" \
      --threads "$threads" >/dev/null 2>"$p60/$data-$threads.err"
  done
  if [ -s "$p60/data-$threads/member_results.csv" ] \
     && diff -r -x run.json -x report.html "$p60/data-$threads" "$p60/mixed-$threads" >/dev/null; then
    pass "rows out of member order, --threads $threads: the results of gen's order"
  else fail "rows out of member order, --threads $threads: $(diff -r -x run.json -x report.html "$p60/data-$threads" "$p60/mixed-$threads" | head -5)"; fi
done
"$bin" ingest "$p60/mixed" --out "$p60/ref.mcache" --threads 1 >/dev/null 2>&1
for chunk in 1 64 1000 100000; do
  for threads in 1 2; do
    MEASUREC_LOAD_CHUNK_BYTES=$chunk "$bin" ingest "$p60/mixed" --out "$p60/c$chunk-$threads.mcache" \
      --threads "$threads" >/dev/null 2>&1
    if [ -s "$p60/ref.mcache" ] && cmp -s "$p60/ref.mcache" "$p60/c$chunk-$threads.mcache"; then
      pass "rows out of member order, chunks of $chunk bytes, --threads $threads: the cache of one reader"
    else fail "rows out of member order, chunks of $chunk bytes, --threads $threads: another cache"; fi
  done
done

# 62. members.csv read in chunks on every thread (issue 15, loadpar,
# store/CsvChunks.h parseAndCommitInOrder): a chunk's cells are read on any
# thread, its ids checked against the earlier rows' and added in file order.
# Beside section 59's bad member rows, rows whose cells live in the reader's
# scratch (a quoted id with doubled quotes, then the same id again), rows
# with too few fields whose id comes back later, an empty id, deaths after
# the as-of date and no final line end; and a stray quote that stops the
# load in members.csv. Chunks of 1, 7, 64 and 1000 bytes on 1 and 2 threads
# give the messages, reject file, counts and results of the whole file read
# on one thread, byte for byte.
p62=$work/load62
mkdir -p "$p62"
"$bin" gen --members 160 --seed 62 --out "$p62/data" >/dev/null
python3 - "$p62/data" <<'PY'
import sys
sys.path.insert(0, "tests/e2e")
from csv_rewrite import q, rewrite
d = sys.argv[1]
def members(i, g, c):
    k = i % 7
    if k == 1: g[c["death_date"]] = "2022-09-01"                   # dead after the as-of date
    elif k == 2: g[c["member_id"]] = q(g[c["member_id"]] + '"x')   # an id in the scratch
    elif k == 4: g[c["member_id"]] = ""                           # no id
    line = ",".join(g)
    if k == 2: return [line, line]                                # ... twice
    if k == 3: return [",".join(g[:3]), line]                     # too few fields, then whole
    return [line]
rewrite(d, "members.csv", members, final_newline=False)
PY
cp -r "$p62/data" "$p62/quote"
python3 - "$p62/quote/members.csv" <<'PY'
import sys
lines = open(sys.argv[1], newline="").read().split("\n")
# A quote never closed, on the line after the last quoted id (a later quote
# would close it).
at = min(max(i for i, l in enumerate(lines) if '"' in l) + 1, len(lines) - 1)
lines[at] = lines[at] + ',"'
open(sys.argv[1], "w", newline="").write("\n".join(lines))
PY
run62() { chunk_run "$p62" "$@"; }
same62() { chunk_same "$p62" "$@"; }
run62 stop-ref "$p62/data" 1000000000 1 --as-of 2022-06-30
run62 reject-ref "$p62/data" 1000000000 1 --as-of 2022-06-30 --reject-file "$p62/reject-ref.rej"
run62 quote-ref "$p62/quote" 1000000000 1 --reject-file "$p62/quote-ref.rej"
if grep -q '^members.csv,[0-9]*,member_id,"M[0-9]*""x",duplicate member_id' "$p62/reject-ref.rej" \
   && grep -q 'the first, on line [0-9]*, is bad too' "$p62/stop-ref.err" \
   && grep -q '^members.csv,[0-9]*,member_id,,' "$p62/reject-ref.rej" \
   && grep -q 'was rejected (members.csv:' "$p62/reject-ref.rej" \
   && python3 -c 'import json,sys; m=json.load(open(sys.argv[1]))["inputs"]["members.csv"]; sys.exit(0 if m["after_as_of"] > 0 else 1)' "$p62/reject-ref.json" \
   && grep -q "members.csv:[0-9]*: .*is never closed" "$p62/quote-ref.err" && [ ! -e "$p62/quote-ref" ]; then
  pass "the members.csv data: scratch ids twice, ids back after a bad row, deaths after as-of, a stray quote"
else fail "the members.csv data is not what section 62 needs: $(head -3 "$p62/reject-ref.rej") $(head -3 "$p62/quote-ref.err")"; fi
for chunk in 1 7 64 1000; do
  for threads in 1 2; do
    run62 "stop-$chunk-$threads" "$p62/data" $chunk $threads --as-of 2022-06-30
    run62 "reject-$chunk-$threads" "$p62/data" $chunk $threads --as-of 2022-06-30 --reject-file "$p62/reject-$chunk-$threads.rej"
    run62 "quote-$chunk-$threads" "$p62/quote" $chunk $threads --reject-file "$p62/quote-$chunk-$threads.rej"
  done
done
for kind in stop reject quote; do
  for chunk in 1 7 64 1000; do
    for threads in 1 2; do
      same62 "members.csv in chunks of $chunk bytes, --threads $threads: $kind as one reader" "$kind-ref" "$kind-$chunk-$threads"
    done
  done
done

# 63. The score phase outside the member passes on the run's threads (issue
#     15, scorerest: linked PCPs in chunks of 16,384 members, outcome tables,
#     provider rates and strata per measure): 20,000 members, more than one
#     chunk, give the same files with --threads 1 and 2, both engines.
p63=$work/score63
mkdir -p "$p63"
export MEASUREC_JIT_CACHE="$p63/jit-cache"
"$bin" gen --members 20000 --seed 3 --out "$p63/data" >/dev/null 2>&1
"$bin" ingest "$p63/data" --out "$p63/data.mcache" >/dev/null 2>&1
for engine in jit interp; do
  for threads in 1 2; do
    "$bin" run --program measures/2022/cbi --data "$p63/data.mcache" --engine $engine \
      --threads $threads --out "$p63/$engine-$threads" >/dev/null 2>&1
  done
done
for other in jit-2 interp-1 interp-2; do
  if [ -s "$p63/jit-1/provider_results.csv" ] && [ -s "$p63/jit-1/strata.csv" ] \
     && diff -r -x run.json -x report.html "$p63/jit-1" "$p63/$other" >/dev/null; then
    pass "score phase, 20,000 members: $other writes the files of jit at 1 thread"
  else fail "score phase, 20,000 members: $other differs from jit at 1 thread"; fi
done
unset MEASUREC_JIT_CACHE

# 68. The cache read beside the program (issue 15, wholerun,
#     tools/measurec/CacheReadAhead.h): from a cache on two threads, the
#     cache is mapped and checked while the measure files are read, yet the
#     messages are those of one thread: a bad measure file is the only
#     error reported, even beside a stale or truncated cache; a stale or
#     truncated cache with good measures gives one thread's message; and a
#     good cache gives one thread's standard output (its summary table
#     from the provider rates' pass) and results.
p68=$work/ahead68
mkdir -p "$p68"
export MEASUREC_JIT_CACHE="$p68/jit-cache"
"$bin" gen --members 3000 --seed 5 --out "$p68/data" >/dev/null 2>&1
"$bin" ingest "$p68/data" --out "$p68/good.mcache" >/dev/null 2>&1
head -c 100000 "$p68/good.mcache" >"$p68/short.mcache"
cp -r "$p68/data" "$p68/later"
"$bin" ingest "$p68/later" --out "$p68/stale.mcache" >/dev/null 2>&1
touch -d '+1 minute' "$p68/later/visits.csv"
printf 'measure BAD "Broken" {\n  population: age at MP.end >=\n}\n' >"$p68/bad.measure"
for threads in 1 2; do
  for cache in stale short good; do
    "$bin" run --measure "$p68/bad.measure" --data "$p68/$cache.mcache" --threads $threads \
      --out "$p68/bad-$cache-$threads" >"$p68/bad-$cache-$threads.out" 2>"$p68/bad-$cache-$threads.err"
    echo $? >>"$p68/bad-$cache-$threads.err"
  done
  for cache in stale short; do
    "$bin" run --program measures/2022/cbi --data "$p68/$cache.mcache" --threads $threads \
      --out "$p68/$cache-$threads" >"$p68/$cache-$threads.out" 2>"$p68/$cache-$threads.err"
    echo $? >>"$p68/$cache-$threads.err"
  done
  "$bin" run --program measures/2022/cbi --data "$p68/good.mcache" --engine jit --threads $threads \
    --out "$p68/good-$threads" 2>"$p68/good-$threads.err" | grep -v '^results in ' >"$p68/good-$threads.out"
done
for cache in stale short good; do
  if grep -q "bad.measure:.*error E" "$p68/bad-$cache-2.err" && ! grep -q "E081[67]" "$p68/bad-$cache-2.err" \
     && [ "$(tail -1 "$p68/bad-$cache-2.err")" != 0 ] && [ ! -e "$p68/bad-$cache-2" ] \
     && diff "$p68/bad-$cache-1.err" "$p68/bad-$cache-2.err" >/dev/null; then
    pass "a bad measure file beside a $cache cache: its error alone, as on one thread"
  else fail "a bad measure file beside a $cache cache, two threads: $(cat "$p68/bad-$cache-2.err")"; fi
done
for cache in stale short; do
  if grep -q "$cache.mcache: error E081[67]" "$p68/$cache-2.err" && [ ! -e "$p68/$cache-2" ] \
     && diff "$p68/$cache-1.err" "$p68/$cache-2.err" >/dev/null \
     && diff "$p68/$cache-1.out" "$p68/$cache-2.out" >/dev/null; then
    pass "a $cache cache read beside the program: the message of one thread"
  else fail "a $cache cache read beside the program: $(cat "$p68/$cache-2.err")"; fi
done
if grep -q '^BCS ' "$p68/good-2.out" && diff "$p68/good-1.out" "$p68/good-2.out" >/dev/null \
   && diff "$p68/good-1.err" "$p68/good-2.err" >/dev/null \
   && diff -r -x run.json -x report.html "$p68/good-1" "$p68/good-2" >/dev/null; then
  pass "a good cache read beside the program: one thread's summary and results"
else fail "a good cache read beside the program: $(diff "$p68/good-1.out" "$p68/good-2.out" | head -5)"; fi
# 66. The member passes hand blocks of members to whichever thread is free
#     (issue 15, scorefive), and compiled code packs its outcomes into the
#     tables itself: section 63's 20,000 members on 3 threads (more workers
#     than this machine may have cores, so the takes interleave) give the
#     files of one thread, both engines.
export MEASUREC_JIT_CACHE="$p63/jit-cache"
for engine in jit interp; do
  "$bin" run --program measures/2022/cbi --data "$p63/data.mcache" --engine $engine \
    --threads 3 --out "$p63/$engine-3" >/dev/null 2>&1
  if [ -s "$p63/$engine-3/member_results.csv" ] \
     && diff -r -x run.json -x report.html "$p63/jit-1" "$p63/$engine-3" >/dev/null; then
    pass "member passes on 3 threads, 20,000 members: $engine writes the files of jit at 1 thread"
  else fail "member passes on 3 threads, 20,000 members: $engine differs from jit at 1 thread"; fi
done
unset MEASUREC_JIT_CACHE

echo "e2e: $failures failure(s)"
[ $failures -eq 0 ]
