#!/usr/bin/python3
"""Writes the `cif` cells of CSV tables (e.g. ../shared/data/perov_5/*.csv, carbon_24/*.csv) as one
.cif file each into OUT_DIR, for the read benchmark. OUT_DIR should be a temporary folder, never
inside the project.  Usage: extract_cifs.py OUT_DIR TABLE.csv [TABLE.csv ...]"""
import csv
import os
import sys

csv.field_size_limit(1 << 30)


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    out = argv[1]
    os.makedirs(out, exist_ok=True)
    n = 0
    for table in argv[2:]:
        stem = os.path.splitext(os.path.basename(table))[0]
        group = os.path.basename(os.path.dirname(os.path.abspath(table)))
        with open(table, newline="", encoding="utf-8") as f:
            for i, row in enumerate(csv.DictReader(f)):
                text = row.get("cif") or ""
                if not text.strip():
                    continue
                name = "%s_%s_%05d.cif" % (group, stem, i + 1)
                with open(os.path.join(out, name), "w", encoding="utf-8") as g:
                    g.write(text)
                n += 1
    print("wrote %d CIF files to %s" % (n, out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
