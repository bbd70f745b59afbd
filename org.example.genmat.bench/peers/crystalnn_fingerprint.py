#!/usr/bin/python3
"""Reference values for GenMat's structure fingerprint (org.example.genmat.core.fingerprint).

CDVAE (Xie et al. 2022, scripts/compute_metrics.py) fingerprints a crystal with matminer's
CrystalNNFingerprint.from_preset("ops") per site, averaged over the sites. matminer is not
installable on the project's machines (no PyPI), so this script follows matminer's published
definition with pymatgen's own CrystalNN (default settings, as matminer creates it) and
LocalStructOrderParams (Debian python3-pymatgen):

  for each coordination number cn = 1..24: the CrystalNN weight w(cn), then, for each motif of
  that cn in matminer's "cn_target_motif_op" list, w(cn) * OP(centre, the cn neighbours), where
  OP uses the motif's parameters from pymatgen's cn_opt_params.yaml (None and w = 0 give 0).

Oxidation states in a CIF are dropped first (CDVAE's crystals are built from atom types; with
oxidation states CrystalNN would use ionic radii). 61 values per site. Usage:
  crystalnn_fingerprint.py INPUT ...   INPUT: a CIF file, or a CSV with a `cif` column (Perov-5,
                                       Carbon-24 splits) as FILE.csv or FILE.csv:ROW,ROW,... (0-based)
Prints one line per crystal: its name, then the 61 averaged values (repr, full precision).
"""
import csv
import os
import sys
import warnings

import numpy as np
import yaml
from pymatgen.analysis import local_env
from pymatgen.analysis.local_env import CrystalNN, LocalStructOrderParams
from pymatgen.core import Structure

# matminer's cn_target_motif_op.yaml (the "ops" preset's motifs per coordination number)
MOTIFS = {
    1: ["sgl_bd"],
    2: ["L-shaped", "water-like", "bent 120 degrees", "bent 150 degrees", "linear"],
    3: ["trigonal planar", "trigonal non-coplanar", "T-shaped"],
    4: ["square co-planar", "tetrahedral", "rectangular see-saw-like", "see-saw-like", "trigonal pyramidal"],
    5: ["pentagonal planar", "square pyramidal", "trigonal bipyramidal"],
    6: ["hexagonal planar", "octahedral", "pentagonal pyramidal"],
    7: ["hexagonal pyramidal", "pentagonal bipyramidal"],
    8: ["body-centered cubic", "hexagonal bipyramidal"],
    9: ["q2", "q4", "q6"],
    10: ["q2", "q4", "q6"],
    11: ["q2", "q4", "q6"],
    12: ["cuboctahedral", "q2", "q4", "q6"],
}
MAX_CN = 24


def order_parameters():
    with open(os.path.join(os.path.dirname(local_env.__file__), "cn_opt_params.yaml")) as f:
        params = yaml.safe_load(f)
    ops = {}
    for cn, motifs in MOTIFS.items():
        ops[cn] = []
        for motif in motifs:
            entry = params.get(cn, {}).get(motif)
            op_type = entry[0] if entry else motif
            p = entry[1] if entry and len(entry) > 1 else None
            ops[cn].append(LocalStructOrderParams([op_type], parameters=[p]))
    return ops


def site_fingerprint(cnn, ops, structure, i):
    nn = cnn.get_nn_data(structure, i)
    out = []
    for cn in range(1, MAX_CN + 1):
        w = nn.cn_weights.get(cn, 0)
        out.append(w)
        for op in ops.get(cn, []):
            if w == 0:
                out.append(0)
                continue
            neigh = [d["site"] for d in nn.cn_nninfo[cn]]
            v = op.get_order_parameters([structure[i]] + neigh, 0, indices_neighs=list(range(1, len(neigh) + 1)))[0]
            out.append(w * (v or 0))
    return out


def structures(argv):
    for arg in argv:
        path, _, picked = arg.partition(":")
        if not path.endswith(".csv"):
            yield os.path.basename(path), Structure.from_str(open(path).read(), fmt="cif")
            continue
        rows = {int(x) for x in picked.split(",")} if picked else None
        with open(path, newline="") as f:
            for k, row in enumerate(csv.DictReader(f)):
                if rows is None or k in rows:
                    yield "%s#%d" % (os.path.basename(path), k), Structure.from_str(row["cif"], fmt="cif")


def main(argv):
    warnings.simplefilter("ignore")
    cnn = CrystalNN()
    ops = order_parameters()
    for name, s in structures(argv[1:]):
        s.remove_oxidation_states()  # CDVAE builds its structures from atom types: plain elements
        fp = np.array([site_fingerprint(cnn, ops, s, i) for i in range(len(s))]).mean(axis=0)
        print(name, " ".join(repr(float(x)) for x in fp))


if __name__ == "__main__":
    main(sys.argv)
