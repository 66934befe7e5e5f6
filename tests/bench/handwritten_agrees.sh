#!/usr/bin/env bash
# The hand-written C++ baseline still agrees with `measurec run` member for
# member (bench/handwritten/check.sh) on two small gen populations, so that
# it keeps up as the measures change.
#
#   tests/bench/handwritten_agrees.sh MEASUREC WORK_DIR
set -euo pipefail
exec "$(dirname "$0")/../../bench/handwritten/check.sh" "$1" 3000 "$2" 1 2
