# Shared by the bench scripts (sourced; the caller is at the repository root).

# The machine and its load, the first line of every benchmark's output.
machine_line() {
  echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')," \
    "$(free -g | awk '/Mem:/ {print $2}') GiB; load $(cut -d' ' -f1-3 /proc/loadavg)"
}

# "median min max" of the numbers on stdin, three decimals.
spread() {
  sort -g | awk '{v[NR] = $1} END {m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
    printf "%.3f %.3f %.3f\n", m, v[1], v[NR]}'
}
