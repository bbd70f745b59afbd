#!/usr/bin/python3
"""Builds a real-world CIF set for the read benchmark: copies every .cif under SOURCE (e.g.
../shared/data/cif/cod-tests: COD files with symmetry operators, long loops, hundreds of sites)
COPIES times into OUT_DIR/rN/ (38 copies of the 124 COD test files give 4,712 files). OUT_DIR
should be a temporary folder, never inside the project.  Usage: replicate_cifs.py OUT_DIR COPIES SOURCE"""
import os
import shutil
import sys


def main(argv):
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    out, copies, source = argv[1], int(argv[2]), argv[3]
    files = []
    for root, dirs, names in os.walk(source):
        dirs.sort()
        files += [os.path.join(root, n) for n in sorted(names) if n.lower().endswith(".cif")]
    n = 0
    for i in range(1, copies + 1):
        d = os.path.join(out, "r%d" % i)
        os.makedirs(d, exist_ok=True)
        for f in files:
            shutil.copyfile(f, os.path.join(d, os.path.basename(f)))
            n += 1
    print("wrote %d CIF files to %s" % (n, out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
