#!/usr/bin/python3
"""Peer of `genmat bench read`: gemmi (C++) reads every .cif under the inputs into full unit cells
(make_small_structure_from_block + get_all_unit_cell_sites) and prints files/s and MB/s.
Usage: read_gemmi.py INPUT [INPUT ...]   (files or folders)"""
import os
import sys
import time

import gemmi


def files(inputs):
    for p in inputs:
        if os.path.isdir(p):
            for root, dirs, names in os.walk(p):
                dirs.sort()
                for n in sorted(names):
                    if n.lower().endswith(".cif"):
                        yield os.path.join(root, n)
        else:
            yield p


def main(argv):
    start = time.perf_counter()
    n = nbytes = crystals = sites = errors = 0
    for path in files(argv[1:]):
        n += 1
        nbytes += os.path.getsize(path)
        try:
            doc = gemmi.cif.read(path)
            for block in doc:
                st = gemmi.make_small_structure_from_block(block)
                if len(st.sites) == 0:
                    continue
                sites += len(st.get_all_unit_cell_sites())
                crystals += 1
        except Exception:  # a bad file counts as an error, like genmat's error rows
            errors += 1
    secs = time.perf_counter() - start
    print("gemmi read: %d files, %.2f MB, %d crystals (%d sites), %d errors in %.3f s: %.0f files/s, %.2f MB/s"
          % (n, nbytes / 1e6, crystals, sites, errors, secs, n / secs, nbytes / 1e6 / secs))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
