#!/usr/bin/python3
"""Peer of `genmat bench read`: pymatgen's CifParser reads every .cif under the inputs into full
unit cells (conventional cell, primitive=False) and prints files/s and MB/s.
Usage: read_pymatgen.py INPUT [INPUT ...]   (files or folders)"""
import os
import sys
import time
import warnings

from pymatgen.io.cif import CifParser

from read_gemmi import files


def main(argv):
    warnings.simplefilter("ignore")
    start = time.perf_counter()
    n = nbytes = crystals = sites = errors = 0
    for path in files(argv[1:]):
        n += 1
        nbytes += os.path.getsize(path)
        try:
            for s in CifParser(path).get_structures(primitive=False):
                crystals += 1
                sites += len(s)
        except Exception:  # a bad file counts as an error, like genmat's error rows
            errors += 1
    secs = time.perf_counter() - start
    print("pymatgen read: %d files, %.2f MB, %d crystals (%d sites), %d errors in %.3f s: %.0f files/s, %.2f MB/s"
          % (n, nbytes / 1e6, crystals, sites, errors, secs, n / secs, nbytes / 1e6 / secs))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
