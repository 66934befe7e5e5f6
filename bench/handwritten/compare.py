#!/usr/bin/env python3
"""Compares a baseline's member results with measurec's member_results.csv.

  compare.py MEMBER_RESULTS_CSV BASELINE_CSV [NAME]

Both files are read as (member_id, measure) -> (eligible, excluded,
numerator), for the measures the baseline scores (BCS, CIS10, PDC_STA).
Prints per measure the rows that agree and lists every difference (a
member in one population and not the other, or another flag); exits 1 on
any difference and when a measure has no row at all (an empty comparison
proves nothing).
"""
import csv
import sys

MEASURES = ("BCS", "CIS10", "PDC_STA")


def read(path):
    rows = {}
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            if r["measure"] in MEASURES:
                rows[(r["member_id"], r["measure"])] = (r["eligible"], r["excluded"], r["numerator"])
    return rows


def main():
    ours, theirs = read(sys.argv[1]), read(sys.argv[2])
    name = sys.argv[3] if len(sys.argv) > 3 else "baseline"
    bad = 0
    for measure in MEASURES:
        keys = {k for k in ours.keys() | theirs.keys() if k[1] == measure}
        differ = sorted(k for k in keys if ours.get(k) != theirs.get(k))
        agree = len(keys) - len(differ)
        flags = [ours[k] for k in keys if k in ours]
        print(f"{measure}: {agree} of {len(keys)} population rows agree "
              f"(eligible {sum(f[0] == '1' for f in flags)}, excluded {sum(f[1] == '1' for f in flags)}, "
              f"numerator {sum(f[2] == '1' for f in flags)})")
        for k in differ[:20]:
            print(f"  {k[0]}: measurec {ours.get(k, 'not in population')}, {name} {theirs.get(k, 'not in population')}")
        bad += len(differ)
        if not keys:
            print(f"  no {measure} row: nothing compared")
            bad += 1
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
