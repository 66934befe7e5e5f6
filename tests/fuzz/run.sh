#!/usr/bin/env bash
# Runs each fuzz target for FUZZ_SECONDS (default 60) with a seed corpus
# made from the shipped measures, the golden files and the sample data.
# Usage: run.sh BUILD_DIR   (BUILD_DIR holds tests/fuzz/fuzz_* built by `make fuzz`)
# Findings (crash-*, leak-*, timeout-*) land in BUILD_DIR/fuzz-artifacts/.
set -euo pipefail
build=$(cd "$1" && pwd)
seconds=${FUZZ_SECONDS:-60}
root=$(cd "$(dirname "$0")/../.." && pwd)
corpus=$build/fuzz-corpus
artifacts=$build/fuzz-artifacts
mkdir -p "$corpus/compile" "$corpus/csv" "$corpus/data_dir" "$corpus/cache" "$artifacts"

# Seeds: copied under content names so reruns keep the grown corpus.
seed() { cp "$2" "$corpus/$1/seed-$(sha1sum "$2" | cut -c1-16)"; }
while IFS= read -r f; do seed compile "$f"; done < <(find "$root/measures" "$root/stdlib" "$root/tests/golden" -name '*.measure')
while IFS= read -r f; do seed csv "$f"; done < <(find "$root/tests/e2e" -name '*.csv')
for dir in "$root"/tests/e2e/*/data; do
  tmp=$(mktemp)
  { cat "$dir/members.csv"; printf '\0'; cat "$dir/enrollment.csv"; printf '\0'
    [ -f "$dir/visits.csv" ] && cat "$dir/visits.csv"; } > "$tmp"
  seed data_dir "$tmp"
  rm -f "$tmp"
done
# fuzz_cache makes its own valid cache; a seed that overwrites its first
# section byte, and one that is a whole (tiny) file.
printf '\001\000\000\377' >"$corpus/cache/seed-overwrite"
printf '\002MCCACHE' >"$corpus/cache/seed-file"

status=0
for target in compile csv data_dir cache; do
  echo "fuzz: fuzz_$target for ${seconds}s"
  if ! "$build/tests/fuzz/fuzz_$target" "$corpus/$target" -max_total_time="$seconds" \
      -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
      -artifact_prefix="$artifacts/fuzz_$target-" 2> "$build/fuzz_$target.log"; then
    echo "fuzz: fuzz_$target found a problem; see $build/fuzz_$target.log and $artifacts"
    tail -30 "$build/fuzz_$target.log"
    status=1
  else
    grep -E 'stat::number_of_executed_units|cov:' "$build/fuzz_$target.log" | tail -2
  fi
done
exit $status
