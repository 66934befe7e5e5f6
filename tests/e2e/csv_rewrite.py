# Rewriting a generated data file row by row: the e2e sections that plant
# bad rows, quoted fields and odd line ends in a `gen` population (56, 59).


def rewrite(d, name, change, final_newline=True):
    """Replaces each row of d/name by the lines change(i, fields, columns)
    returns: i counts the rows from 0, fields is the row split at commas,
    columns maps a column name to its index."""
    with open(f"{d}/{name}", newline="") as f:
        lines = f.read().split("\n")
    header, rows = lines[0], [l for l in lines[1:] if l]
    columns = {n: k for k, n in enumerate(header.split(","))}
    out = [header]
    for i, line in enumerate(rows):
        out.extend(change(i, line.split(","), columns))
    with open(f"{d}/{name}", "w", newline="") as f:
        f.write("\n".join(out) + ("\n" if final_newline else ""))


def q(s):
    """One field, quoted as RFC 4180 does."""
    return '"' + s.replace('"', '""') + '"'
