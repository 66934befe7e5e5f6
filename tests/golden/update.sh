#!/usr/bin/env bash
# Rewrites the golden .expected files from the current measurec; review the diff.
# Usage: tests/golden/update.sh [MEASUREC]   (default: build/measurec)
set -eu
bin=${1:-build/measurec}
# run.sh changes to its own directory: hand it an absolute path.
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
[ -x "$bin" ] || { echo "update.sh: no measurec at $bin; build first" >&2; exit 2; }
exec "$(dirname "$0")/run.sh" "$bin" --update
