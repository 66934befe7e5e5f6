#!/usr/bin/env bash
# Installs the Debian 12 packages measurec builds with, only those missing.
# Called by `make demo` and `make test`; safe to run again.
# Usage: install-deps.sh [fuzz]   (fuzz: also clang and libFuzzer, for `make fuzz`)
set -euo pipefail

packages=(cmake g++ make antlr4 libantlr4-runtime-dev llvm-dev libfmt-dev libsimdjson-dev catch2 clang-format
  chromium) # chromium: the headless browser the report.html test renders with
if [ "${1:-}" = "fuzz" ]; then
  # libclang-rt-14-dev holds libclang_rt.fuzzer and the sanitizer runtimes.
  packages+=(clang libclang-rt-14-dev)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "measurec: installing missing packages: ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "error: need root or sudo to install ${missing[*]}" >&2; exit 1; }
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
