"""Test helper: reads CIF files with pymatgen's CifParser (full conventional cells) and prints one
JSON line per file: {"file", "ok", "structures": [{"composition": {El: amount}, "abc": [...],
"angles": [...]}]} or {"file", "ok": false, "error"}. Exits with status 3 when pymatgen is absent."""
import json
import sys
import warnings

try:
    from pymatgen.io.cif import CifParser
except ImportError:
    sys.exit(3)

warnings.simplefilter("ignore")
for path in sys.argv[1:]:
    out = {"file": path}
    try:
        structures = CifParser(path).get_structures(primitive=False)
        out["ok"] = len(structures) > 0
        out["structures"] = [{
            "composition": {str(el): float(amt) for el, amt in s.composition.element_composition.items()},
            "abc": list(s.lattice.abc),
            "angles": list(s.lattice.angles),
        } for s in structures]
    except Exception as e:  # noqa: BLE001 - a file pymatgen cannot read is simply not compared
        out["ok"] = False
        out["error"] = str(e)[:200]
    print(json.dumps(out), flush=True)
