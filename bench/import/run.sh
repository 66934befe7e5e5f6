#!/usr/bin/env bash
# The FHIR import benchmark (bench/README.md, "Import"): `measurec import
# fhir` on the 120 Synthea bundles, warm and cold page cache, each against
# `cat` of the same files to /dev/null (what the disk, or the page cache,
# gives); then a 10,000-patient import made from them (synthesize.py, under
# /tmp, not in git) with its time and peak memory.
#
#   bench/import/run.sh [MEASUREC] [SYNTHEA_FHIR_DIR] [WORK_DIR]
#
# Defaults: build/measurec, /work/shared/synthea/fhir, /tmp/measurec-bench-import.
# Needs /usr/bin/time. Run it on a quiet machine (load
# average below 2): the figures are wall times.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(realpath "${1:-build/measurec}")
fhir=$(realpath "${2:-/work/shared/synthea/fhir}")
work=${3:-/tmp/measurec-bench-import}
patients=${PATIENTS:-10000}
mkdir -p "$work"

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== input: $(ls "$fhir"/*.json | wc -l) bundles, $(du -sm "$fhir" | cut -f1) MB"

echo "== warm page cache: import vs cat, 5 runs of each in turn"
cat "$fhir"/*.json >/dev/null
rm -f "$work/warm-import" "$work/warm-cat"
for _ in 1 2 3 4 5; do
  /usr/bin/time -a -o "$work/warm-import" -f '%e %M' "$bin" import fhir "$fhir" --out "$work/warm" \
    >/dev/null 2>&1
  /usr/bin/time -a -o "$work/warm-cat" -f '%e %M' sh -c "cat $fhir/*.json >/dev/null"
done
# The median wall time of a file of "seconds peak-KB" lines.
median() { sort -n "$1" | sed -n 3p | cut -d' ' -f1; }
wi=$(median "$work/warm-import")
wc_=$(median "$work/warm-cat")
echo "import $wi s (min $(sort -n "$work/warm-import" | sed -n 1p | cut -d' ' -f1), max $(sort -n "$work/warm-import" | sed -n 5p | cut -d' ' -f1)), cat $wc_ s (medians): import/cat $(python3 -c "print(round($wi / $wc_, 2))")"

echo "== cold page cache: import vs cat, 5 runs each, the files evicted before each (not timed)"
# Wall seconds of `$@` with `$fhir` evicted first: the median of 5 runs.
cold() {
  for _ in 1 2 3 4 5; do
    python3 "$here/evict.py" "$fhir"
    /usr/bin/time -f '%e' -o "$work/t" "$@" >/dev/null 2>&1
    cat "$work/t"
  done | sort -n | sed -n 3p
}
a=$(cold "$bin" import fhir "$fhir" --out "$work/cold")
b=$(cold sh -c "cat $fhir/*.json")
echo "import $a s, cat $b s (medians): import/cat $(python3 -c "print(round($a / $b, 2))")"

echo "== $patients patients synthesised from the bundles"
if [ "$(ls "$work/patients" 2>/dev/null | wc -l)" -ne "$patients" ]; then
  rm -rf "$work/patients"
  python3 "$here/synthesize.py" "$fhir" "$patients" "$work/patients"
fi
echo "   $(du -smL "$work/patients" | cut -f1) MB"
python3 "$here/evict.py" "$work/patients"
/usr/bin/time -f 'cat, cold: %e s wall' sh -c "cat $work/patients/*.json >/dev/null"
python3 "$here/evict.py" "$work/patients"
/usr/bin/time -f 'import, cold: %e s wall, %U s user, %S s system, %M KB peak' \
  "$bin" import fhir "$work/patients" --out "$work/large" | sed -n '1p;$p'
/usr/bin/time -f 'import, warm: %e s wall, %U s user, %S s system, %M KB peak' \
  "$bin" import fhir "$work/patients" --out "$work/large" | sed -n '1p'
/usr/bin/time -f 'cat, warm: %e s wall' sh -c "cat $work/patients/*.json >/dev/null"
echo "   output: $(du -sm "$work/large" | cut -f1) MB"
