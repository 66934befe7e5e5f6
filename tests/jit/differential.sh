#!/usr/bin/env bash
# The interpreter and the JIT agree exactly (issue 15): every shipped program
# is run with --engine interp and --engine jit on three gen populations (two
# seeds, and one of the edge-heavy profile, `gen --edge`: eCQM events on the
# period's boundaries, at midnight and 23:59:59, ends equal to starts, open
# and unknown ends, mixed statuses) and on the imported eCQM decks, and every
# result file is compared byte for byte (run.json says which engine ran and
# how long it took, so it differs by design; report.html is compared without
# its engine and timings rows). The JIT runs with --threads 1 and 2 (seed 1
# and the edge population; seed 2 with 2).
#
# Coverage cannot fall silently: the measures the JIT compiled (run.json
# engine_measures) over the runs of seed 1 must be at least FLOOR; raise it
# as the lowering grows.
#
#   tests/jit/differential.sh MEASUREC_BINARY      (from the source root)
set -u
bin=$1
cd "$(dirname "$0")/../.."
FLOOR=88
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The JIT's object cache (runtime/jit/ObjectCache.h) of this test alone: the
# first JIT run of a program compiles and stores, the later ones load.
export MEASUREC_JIT_CACHE="$work/jit-cache"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok:   $*"; }

# Every file of two results directories but run.json; report.html but its
# engine and timings rows.
same_results() {  # NAME REF_DIR JIT_DIR
  local out
  if out=$(diff -r -x run.json -x report.html "$2" "$3" 2>&1 &&
           diff <(grep -v '^<tr><th>\(timings\|engine\)</th>' "$2/report.html") \
                <(grep -v '^<tr><th>\(timings\|engine\)</th>' "$3/report.html") 2>&1); then
    pass "$1: identical results ($(find "$2" -type f | wc -l) files)"
  else
    fail "$1: results differ"
    head -20 <<<"$out" | sed 's/^/    /'
  fi
}
compiled_count() {  # RUN_DIR
  python3 -c 'import json,sys
m=json.load(open(sys.argv[1]))["engine_measures"]
print(sum(1 for v in m.values() if v["compiled"]))' "$1/run.json"
}

programs=(measures/2022/cbi measures/2021/cbi measures/2016/pharmacy-p4p measures/2022/gq-p4p
          measures/ecqm/2025)
compiled=0
for seed in 1 2 edge; do
  profile=(--seed "$seed"); label="seed $seed"
  [ "$seed" = edge ] && { profile=(--seed 3 --edge); label="seed 3 --edge"; }
  "$bin" gen --members 1500 "${profile[@]}" --out "$work/gen$seed" --threads 2 >/dev/null ||
    { fail "gen $label"; continue; }
  for p in "${programs[@]}"; do
    name="$(basename "$(dirname "$p")")/$(basename "$p") $label"
    ref="$work/ref"
    rm -rf "$ref"
    if ! "$bin" run --program "$p" --data "$work/gen$seed" --period 2022 --threads 1 \
         --engine interp --out "$ref" >"$work/log" 2>&1; then
      fail "$name: interp run failed"; sed 's/^/    /' "$work/log" | head -5; continue
    fi
    # Seed 1 and the edge population: the JIT on one thread and on two;
    # seed 2: on two.
    threads="2"; [ "$seed" != 2 ] && threads="1 2"
    for t in $threads; do
      rm -rf "$work/jit"
      if ! "$bin" run --program "$p" --data "$work/gen$seed" --period 2022 --threads "$t" \
           --engine jit --out "$work/jit" >"$work/log" 2>&1; then
        fail "$name: jit run failed"; sed 's/^/    /' "$work/log" | head -5; continue
      fi
      same_results "$name, jit --threads $t" "$ref" "$work/jit"
    done
    [ "$seed" = 1 ] && compiled=$((compiled + $(compiled_count "$work/jit")))
  done
done

# An interim run (--as-of): member years and PDC periods end at the as-of
# date, which the JIT reads from the plan at run time.
rm -rf "$work/ref" "$work/jit"
for e in interp jit; do
  [ "$e" = interp ] && out="$work/ref" || out="$work/jit"
  "$bin" run --program measures/2022/cbi --data "$work/gen1" --as-of 2022-06-30 --threads 2 \
    --engine "$e" --out "$out" >"$work/log" 2>&1 || { fail "as-of run, $e"; sed 's/^/    /' "$work/log" | head -5; }
done
same_results "2022/cbi seed 1 --as-of 2022-06-30, jit --threads 2" "$work/ref" "$work/jit"

# A cache of its own for the CBI program, then every object in it damaged
# (a byte flipped near its end, or cut short): each is a miss, compiled
# again and rewritten intact, and the results do not change.
intact() {  # DIR: every object's header matches its bytes (ObjectCache.cpp)
  python3 - "$1" <<'PY'
import glob, sys
def fnv(b):
    h = 0xcbf29ce484222325
    for x in b: h = ((h ^ x) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h
files = glob.glob(sys.argv[1] + "/*.o")
ok = 0
for f in files:
    data = open(f, "rb").read()
    head, _, obj = data.partition(b"\n")
    if head == b"mcjit-object 1 %d %016x" % (len(obj), fnv(obj)): ok += 1
print(ok, len(files))
PY
}
cbi_cache="$work/cbi-cache"
for round in fresh damaged; do
  if [ "$round" = damaged ]; then
    i=0
    for f in "$cbi_cache"/*.o; do
      if [ $((i % 2)) = 0 ]; then
        printf 'Z' | dd of="$f" bs=1 seek=$(($(stat -c %s "$f") - 3)) conv=notrunc status=none
      else
        truncate -s -1 "$f"
      fi
      i=$((i + 1))
    done
    read -r ok all < <(intact "$cbi_cache")
    [ "$ok" = 0 ] || fail "damaging the cache left $ok of $all objects intact"
  fi
  rm -rf "$work/jit"
  MEASUREC_JIT_CACHE="$cbi_cache" "$bin" run --program measures/2022/cbi --data "$work/gen1" \
    --as-of 2022-06-30 --threads 2 --engine jit --out "$work/jit" >"$work/log" 2>&1 ||
    { fail "jit run, $round cache"; sed 's/^/    /' "$work/log" | head -5; }
  same_results "2022/cbi seed 1 --as-of, jit on a $round object cache" "$work/ref" "$work/jit"
  read -r ok all < <(intact "$cbi_cache")
  if [ "$all" -ge 35 ] && [ "$ok" = "$all" ] && [ "$(compiled_count "$work/jit")" -ge 35 ]; then
    pass "$round cache: $ok objects intact after the run, $(compiled_count "$work/jit") compiled"
  else
    fail "$round cache: $ok of $all objects intact, $(compiled_count "$work/jit") compiled"
  fi
done
# Warm: the same measures find their objects under the same keys (the key
# is the module's bitcode: it must not change from run to run), so the run
# neither adds nor rewrites a file.
listing() { find "$cbi_cache" -type f -printf '%f %s %T@\n' | sort; }
before=$(listing)
rm -rf "$work/jit"
MEASUREC_JIT_CACHE="$cbi_cache" "$bin" run --program measures/2022/cbi --data "$work/gen1" \
  --as-of 2022-06-30 --threads 2 --engine jit --out "$work/jit" >"$work/log" 2>&1 ||
  { fail "jit run, warm cache"; sed 's/^/    /' "$work/log" | head -5; }
if [ "$(listing)" = "$before" ] && [ "$(compiled_count "$work/jit")" -ge 35 ]; then
  pass "warm cache: every object found under its key, none added or rewritten"
else
  fail "warm cache: the run changed the cache ($(wc -l <<<"$before") files before, $(listing | wc -l) after)"
fi

# The official eCQM decks, imported as tests/ecqm/conformance.sh does.
decks=(tests/ecqm/cases/*/)
if "$bin" import fhir "${decks[@]}" --out "$work/ecqm" >"$work/log" 2>&1; then
  rm -rf "$work/ref" "$work/jit"
  "$bin" run --program measures/ecqm/2025 --data "$work/ecqm" --period 2025 --threads 1 \
    --engine interp --out "$work/ref" >/dev/null 2>&1 || fail "ecqm decks: interp run failed"
  for t in 1 2; do
    rm -rf "$work/jit"
    "$bin" run --program measures/ecqm/2025 --data "$work/ecqm" --period 2025 --threads "$t" \
      --engine jit --out "$work/jit" >/dev/null 2>&1 || fail "ecqm decks: jit run failed"
    same_results "ecqm decks, jit --threads $t" "$work/ref" "$work/jit"
  done
else
  fail "import fhir of the eCQM decks"; sed 's/^/    /' "$work/log" | head -5
fi

if [ "$compiled" -ge "$FLOOR" ]; then pass "the JIT compiled $compiled measure(s) (floor $FLOOR)"
else fail "the JIT compiled $compiled measure(s), below the floor of $FLOOR"; fi

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
