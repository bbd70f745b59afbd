#!/usr/bin/python3
"""Writes GenMat's CrystalNN element table (org/example/genmat/core/fingerprint/crystalnn-elements.csv)
from the facts pymatgen's CrystalNN uses for an element without oxidation state: the covalent radius
(Cordero et al. 2008, pymatgen's CovalentRadius table; the atomic radius where it has none) and the
Pauling electronegativity (empty where pymatgen has none: He, Ne, Ar). Debian python3-pymatgen.
Usage: make-crystalnn-elements.py OUT.csv"""
import sys
import warnings

from pymatgen.analysis.molecule_structure_comparator import CovalentRadius
from pymatgen.core import Element


def main(out):
    warnings.simplefilter("ignore")
    with open(out, "w") as f:
        f.write("# element,radius_angstrom,pauling_electronegativity  (written by tools/make-crystalnn-elements.py)\n")
        for z in range(1, 104):
            el = Element.from_Z(z)
            r = CovalentRadius.radius.get(el.symbol, el.atomic_radius)
            if r is None:
                continue
            x = el.X
            f.write("%s,%r,%s\n" % (el.symbol, float(r), "" if x != x else repr(float(x))))


if __name__ == "__main__":
    main(sys.argv[1])
