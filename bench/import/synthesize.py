#!/usr/bin/env python3
"""Writes N Synthea patients for an import benchmark, made from the 120
bundles of shared/synthea/fhir: copy k of bundle b is bundle b with every
resource id (and the urn:uuid references to it) replaced by a new one, except
the Practitioners and Organizations, which the copies share as real patients
share their doctors and hospitals. Output: DIR/<copy>-<bundle>.json.

    synthesize.py SOURCE_DIR N DIR

The files are not kept in git (10,000 patients are about 10 GB): write them
under /tmp. The same SOURCE_DIR and N give the same bytes.
"""
import json
import os
import re
import sys

UUID = re.compile(rb"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def template(path):
    """The bundle's bytes cut around each id to renew: (pieces, ids)."""
    data = open(path, "rb").read()
    shared = set()
    for entry in json.loads(data).get("entry", []):
        resource = entry.get("resource", {})
        if resource.get("resourceType") in ("Practitioner", "Organization"):
            shared.add(resource.get("id", "").encode())
    pieces, ids, last = [], [], 0
    for m in UUID.finditer(data):
        if m.group(0) in shared:
            continue
        pieces.append(data[last:m.start()])
        ids.append(m.group(0))
        last = m.end()
    pieces.append(data[last:])
    return pieces, ids


def main():
    source, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    os.makedirs(out, exist_ok=True)
    bundles = sorted(f for f in os.listdir(source) if f.endswith(".json"))
    templates = [template(os.path.join(source, f)) for f in bundles]
    written = 0
    copy = 0
    while written < count:
        # A new id keeps the old one's last 28 characters: the first 8 hex
        # digits become the copy number (copy 0 is the bundle as it is).
        prefix = b"%08x" % copy
        for name, (pieces, ids) in zip(bundles, templates):
            if written == count:
                break
            parts = [pieces[0]]
            for piece, old in zip(pieces[1:], ids):
                parts.append(old if copy == 0 else prefix + old[8:])
                parts.append(piece)
            with open(os.path.join(out, "%05d-%s" % (copy, name)), "wb") as f:
                f.write(b"".join(parts))
            written += 1
        copy += 1
    print(f"{written} patients in {out}")


if __name__ == "__main__":
    main()
