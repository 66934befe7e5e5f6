#!/usr/bin/env python3
"""Compares a run of an eCQM with the official test cases' MeasureReports.

Usage: ecqm_compare.py CASES_DIR RESULTS_DIR MEASURE_ID

CASES_DIR holds one folder per case (the patient's FHIR resources and a
MeasureReport with the expected population counts) and README.txt naming
each case; RESULTS_DIR is a `measurec run` of the measure on `measurec
import fhir CASES_DIR`. For each case the four populations of the eCQM
(initial-population, denominator, denominator-exclusion, numerator; the
numerator counted only inside the denominator and outside the exclusions)
are read from member_results.csv: a row is the initial population,
eligible=1 the denominator, excluded=1 the exclusion, numerator=1 the
numerator. A MeasureReport that counts denominator-exception (CMS2) is
also compared on it: exception=1 (a member in the denominator, outside the
exclusions and the numerator). Prints a line per case that differs
(`differs: NAME expected ... got ...`) and a summary `MEASURE: A of N cases
agree`.
"""
import csv
import json
import os
import sys

POPULATIONS = ("initial-population", "denominator", "denominator-exclusion", "numerator")
# Compared only when the MeasureReport has it: a measure without exceptions
# reports none.
EXCEPTION = "denominator-exception"
SHORT = {"initial-population": "IP", "denominator": "DEN", "denominator-exclusion": "DENEX",
         "numerator": "NUM", EXCEPTION: "DENEXCEP"}


def case_names(cases):
    names = {}
    readme = os.path.join(cases, "README.txt")
    if os.path.exists(readme):
        for line in open(readme, encoding="utf-8"):
            if " = " in line:
                uuid, name = line.strip().split(" = ", 1)
                names[uuid] = name
    return names


def expected(case_dir):
    for f in sorted(os.listdir(case_dir)):
        if f.startswith("MeasureReport"):
            report = json.load(open(os.path.join(case_dir, f), encoding="utf-8"))
            counts = {}
            for group in report.get("group", []):
                for p in group.get("population", []):
                    counts[p["code"]["coding"][0]["code"]] = p.get("count", 0)
            want = {k: counts.get(k, 0) for k in POPULATIONS}
            if EXCEPTION in counts:
                want[EXCEPTION] = counts[EXCEPTION]
            return want
    return None


def patient_id(case_dir, fallback):
    for f in sorted(os.listdir(case_dir)):
        if f.startswith("Patient"):
            return json.load(open(os.path.join(case_dir, f), encoding="utf-8")).get("id", fallback)
    return fallback


def main():
    cases, results, measure = sys.argv[1:4]
    rows = {}
    with open(os.path.join(results, "member_results.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["measure"] == measure:
                rows[r["member_id"]] = r
    names = case_names(cases)
    agree = total = 0
    for case in sorted(os.listdir(cases)):
        case_dir = os.path.join(cases, case)
        if not os.path.isdir(case_dir):
            continue
        want = expected(case_dir)
        if want is None:
            continue
        total += 1
        r = rows.get(patient_id(case_dir, case))
        den = r is not None and r["eligible"] == "1"
        exc = den and r["excluded"] == "1"
        got = {"initial-population": int(r is not None), "denominator": int(den),
               "denominator-exclusion": int(exc),
               "numerator": int(den and not exc and r["numerator"] == "1")}
        if EXCEPTION in want:
            got[EXCEPTION] = int(den and not exc and r.get("exception", "0") == "1")
        if got == want:
            agree += 1
        else:
            keys = [k for k in list(POPULATIONS) + [EXCEPTION] if k in want]
            short = lambda d: "/".join(str(d[k]) for k in keys)
            print(f"differs: {names.get(case, case)} expected {short(want)} got {short(got)}"
                  f" ({'/'.join(SHORT[k] for k in keys)})")
    print(f"{measure}: {agree} of {total} cases agree")


if __name__ == "__main__":
    main()
