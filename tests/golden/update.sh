#!/usr/bin/env bash
# Rewrites the golden .expected files from the current measurec; review the diff.
exec "$(dirname "$0")/run.sh" "${1:-build/measurec}" --update
