#!/usr/bin/env python3
"""Print docs/measures.md: one table row per shipped measure.

The table is generated from the measure files so that it cannot drift from
them: ID, title, kind, source, file and the number of test blocks of every
`measure` under measures/ (modules and programs are not measures). The
ctest `measures_doc` runs `--check` and fails when the committed page is
out of date; regenerate it with

    python3 tools/measures_table.py > docs/measures.md

Python 3 standard library only. It reads the language's tokens just far
enough to skip comments and strings; anything more is the compiler's job.
"""

import argparse
import os
import re
import sys

HEADER = """# Shipped measures

Every measure under `measures/`, generated from the measure files by
`tools/measures_table.py` (do not edit by hand: run
`python3 tools/measures_table.py > docs/measures.md`; the ctest
`measures_doc` fails when this page is out of date). `tests` counts the
measure's test blocks, run by `measurec test measures`.

| ID | title | kind | source | file | tests |
|---|---|---|---|---|---|
"""

TOKEN = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:[^"\\\n]|\\.)*"|[A-Za-z_][A-Za-z_0-9]*|[{}]|\S',
                   re.S)


def tokens(text):
    """Words, strings (with their quotes) and braces; comments dropped."""
    for m in TOKEN.finditer(text):
        t = m.group(0)
        if not (t.startswith('//') or t.startswith('/*')):
            yield t


def unquote(s):
    return s[1:-1].replace('\\"', '"').replace('\\\\', '\\')


def measures_in(path):
    """(id, title, kind, source, tests) of each `measure` of one file."""
    with open(path, encoding='utf-8') as f:
        toks = list(tokens(f.read()))
    found = []
    i = 0
    while i < len(toks):
        if toks[i] == 'measure' and i + 3 < len(toks) and toks[i + 2].startswith('"') \
                and toks[i + 3] == '{':
            m = {'id': toks[i + 1], 'title': unquote(toks[i + 2]), 'kind': 'proportion',
                 'source': '', 'tests': 0}
            depth, j = 1, i + 4
            while j < len(toks) and depth > 0:
                t = toks[j]
                if t == '{':
                    depth += 1
                elif t == '}':
                    depth -= 1
                elif depth == 1 and j + 1 < len(toks):
                    nxt = toks[j + 1]
                    if t == 'kind':
                        m['kind'] = nxt
                    elif t == 'source' and nxt.startswith('"'):
                        m['source'] = unquote(nxt)
                    elif t == 'test' and nxt.startswith('"'):
                        m['tests'] += 1
                j += 1
            found.append(m)
            i = j
        else:
            i += 1
    return found


def cell(s):
    return s.replace('|', '\\|')


def table(root):
    rows = []
    for folder, dirs, files in os.walk(os.path.join(root, 'measures')):
        dirs.sort()
        for name in sorted(files):
            if name.endswith('.measure'):
                path = os.path.join(folder, name)
                rel = os.path.relpath(path, root).replace(os.sep, '/')
                for m in measures_in(path):
                    rows.append('| `%s` | %s | %s | %s | [%s](../%s) | %d |\n' % (
                        m['id'], cell(m['title']), m['kind'], cell(m['source']), rel, rel,
                        m['tests']))
    return HEADER + ''.join(rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--root', default=os.path.join(os.path.dirname(__file__), '..'),
                    help='the source tree (default: the one this script is in)')
    ap.add_argument('--check', metavar='FILE',
                    help='exit 1 with a message when FILE differs from the table')
    args = ap.parse_args()
    text = table(args.root)
    if not args.check:
        sys.stdout.write(text)
        return 0
    try:
        with open(args.check, encoding='utf-8') as f:
            current = f.read()
    except OSError as e:
        print('%s: cannot read: %s' % (args.check, e.strerror), file=sys.stderr)
        return 1
    if current != text:
        print('%s is out of date with the measure files: run '
              '`python3 tools/measures_table.py > docs/measures.md`' % args.check,
              file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
