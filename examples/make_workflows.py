#!/usr/bin/env python3
"""Writes the example KNIME workflow folders of examples/ from the node list below.

Every node setting of the examples lives in BRANCHES and NODES (one place): when a node's settings keys change,
edit them here and rerun `python3 examples/make_workflows.py`. The files follow KNIME 5.x's workflow
format (workflow.knime with nodes/connections, one "<Name> (#id)/settings.xml" per node, XMLConfig
2008/09 entries); node settings sit under "model", keyed by the NodeParameters field names without
the m_ prefix, nested parameter groups as child configs, enums by constant name.
"""
import math
import os
from xml.sax.saxutils import quoteattr

BUNDLE = {
    "node-bundle-name": "Generative Materials Nodes",
    "node-bundle-symbolic-name": "org.example.genmat.nodes",
    "node-bundle-vendor": "GenMat project",
    "node-bundle-version": "0.1.0.qualifier",
    "node-feature-name": "Generative Materials (GenMat)",
    "node-feature-symbolic-name": "org.example.genmat.feature.feature.group",
    "node-feature-vendor": "GenMat project",
    "node-feature-version": "0.1.0.qualifier",
}
PKG = "org.example.genmat.nodes."


def location(path, fs_type="RELATIVE", specifier="knime.workflow"):
    """A file selection: KNIME's FSLocation persisted as the child config "path"."""
    loc = {"location_present": True, "file_system_type": fs_type}
    if specifier:
        loc["file_system_specifier"] = specifier
    loc["path"] = path
    return {"path": loc}


EMPTY_LOCAL = location("", "LOCAL", None)

# The chemist's order: read the DFT compositions with their stability class, train a class-conditioned VAE
# (Türk et al.'s architecture on the elpasolite site code), sample class 1, keep the valid candidates, measure
# them against the training set.
# Filter Validity's parameters; Diversity Metrics nests the same class under "validity"
VALIDITY = {
    "checkComposition": True, "checkStructure": True, "prototype": "ELPASOLITE", "siteColumns": "",
    "oxidationTable": "SMACT14", "oxidationFile": EMPTY_LOCAL, "mixedValence": False, "alloyRule": True, "minDistance": 0.5, "minVolume": 0.1,
    "rejectDisorder": True,
}

CLASS_CONDITIONED = {"representation": "ELPASOLITE", "conditionMode": "CLASS", "conditionColumn": "stability_class",
                     "classBalanced": True}


def network(hidden, latent, layer_norm, lr, adam, batch):
    """The network group of a Train node: 4,000 steps, seed 1, as the demo trains (its other values per plan)."""
    return {"hiddenLayers": hidden, "latentSize": latent, "layerNorm": layer_norm, "learningRate": lr,
            "adamBeta1": adam[0], "adamBeta2": adam[1], "steps": 4000, "batchSize": batch, "seed": ("xlong", 1),
            "device": "AUTO", "threads": 0, "historyEvery": 100}


# the featurizer's defaults (Featurizers.Options.defaults), as the demo featurizes: the elpasolite site code with the
# A<->B swap
FEATURIZATION = {"maxSites": 0, "maxAtoms": 20, "oneHotSites": False, "swapAugment": True}


def train_vae(hidden, latent, beta):
    """Train VAE as the study trains: Türk et al.'s VAE, conditioned on the stability class (one-hot), class-balanced
    batches; the tuned plans (TurkStudy.tuned) change the width, the latent and the KL weight."""
    return {"data": CLASS_CONDITIONED, "featurization": FEATURIZATION,
            "network": network(hidden, latent, True, 0.001, (0.9, 0.999), 500),
            "kl": {"beta": beta, "betaWarmupSteps": 0}}


def sample_class_1(noise, guidance, site_guidance="", condition_guidance="", spread=0.0, temperature=1.0):
    """Sample Latent: 14,000 draws of class 1 (the most stable), seed 1, with a plan's decoding: temperature, output
    noise, class guidance, per-site guidance, guidance through the condition and a spread of strengths. 14,000 draws
    hold at least the 10,000 well-formed samples the study scores, for every plan."""
    return {
        "mode": "PRIOR", "samples": ("xlong", 14000), "condition": "1", "temperature": temperature,
        "seed": ("xlong", 1), "interpolationSteps": 10, "firstRow": 1, "secondRow": 2, "outputNoise": noise,
        "guidance": guidance, "siteGuidance": site_guidance, "conditionGuidance": condition_guidance,
        "guidanceSpread": spread, "shard": 0, "shards": 1,
    }


# the metrics of all candidates against the training table, and the study's figures against the surrogate-labelled
# space of class 1: the first 10,000 well-formed candidates beside the baselines of seed 1, as `genmat demo` scores
METRICS = {
    "classColumn": "stability_class", "targetClass": 1, "preset": "NONE", "structureCutoff": 0.4,
    "compositionCutoff": 10.0, "emdSampleSize": 1000, "seed": ("xlong", 1), "curveEvery": 100,
    "study": True, "energyColumn": "formation_energy_ev_per_atom", "studySamples": 10000, "cacheDir": "", "validity": VALIDITY,
}


def branch(first, train_name, train_factory, train, sample):
    """One plan of the demo as four nodes: train, sample class 1, filter, metrics (ids first ... first + 3); the metrics
    measure all candidates (validity included), the filter keeps the valid ones."""
    return [(first, train_name, train_factory, train),
            (first + 1, "Sample Latent", "sample.SampleLatentNodeFactory", sample),
            (first + 2, "Filter Validity", "validity.FilterValidityNodeFactory", VALIDITY),
            (first + 3, "Diversity Metrics", "metrics.DiversityMetricsNodeFactory", METRICS)]


# The demo's four plans (TurkStudy.tuned, docs/main-job.md), one branch each, in the demo's table order.
BRANCHES = [
    # VAE (towards precision): KL weight 0.2; output noise 0.2·√(β/2), guidance 0.1, on D 0.2
    branch(2, "Train VAE", "train.TrainVaeNodeFactory", train_vae("256, 256", 8, 0.2),
           sample_class_1(0.2 * math.sqrt(0.2 / 2), 0.1, "D=0.2")),
    # VAE-wide (towards coverage and JS): hidden 512×512, latent 16, KL weight 0.1; output noise 0.4·√(β/2),
    # guidance 0.1 on A and B only, D guided through the condition (0.8), spread 1
    branch(6, "Train VAE", "train.TrainVaeNodeFactory", train_vae("512, 512", 16, 0.1),
           sample_class_1(0.4 * math.sqrt(0.1 / 2), 0.1, "D=0, C=0", "D=0.8", 1.0)),
    # WGAN-GP: Türk et al.'s 1×512 networks with Adam 1e-4 (0.5, 0.9), latent 16, critic pack 2, batch 400;
    # temperature 0.8, guidance 0.15
    branch(10, "Train WGAN-GP", "train.TrainWganGpNodeFactory", {
        "data": CLASS_CONDITIONED, "featurization": FEATURIZATION, "network": network("512", 16, False, 0.0001, (0.5, 0.9), 400),
        "critic": {"criticLayers": "512", "gpLambda": 10.0, "nCritic": 5, "criticPack": 2},
    }, sample_class_1(0.0, 0.15, temperature=0.8)),
    # VAE-GAN (the project's defaults): output noise 0.3·√(β/2), guidance 0.1, on D 0.2
    branch(14, "Train VAE-GAN", "train.TrainVaeGanNodeFactory", {
        "data": CLASS_CONDITIONED, "featurization": FEATURIZATION,
        "network": network("256, 256", 8, True, 0.0001, (0.5, 0.9), 500),
        "kl": {"beta": 0.1, "betaWarmupSteps": 0},
        "critic": {"criticLayers": "512", "gpLambda": 10.0, "nCritic": 1, "criticPack": 1},
        "adversarialWeightDecoded": 0.05, "adversarialWeightPrior": 0.05,
    }, sample_class_1(0.3 * math.sqrt(0.1 / 2), 0.1, "D=0.2")),
]

NODES = [
    (1, "Read Crystals", "read.ReadCrystalsNodeFactory", {
        "locationType": "FILE",
        # written by `genmat demo` into its report folder; copy it into the data/ folder of the workflow (see README)
        "file": location("data/training-data.csv"),
        "folder": EMPTY_LOCAL,
        "format": "AUTO",
        "column": "",
        "csvColumn": "",
        "species": "",
        "failOnFirstError": False,
        "threads": 0,
    }),
] + [node for b in BRANCHES for node in b]
# (source id, source port, destination id, destination port); port 0 is the flow-variable port
CONNECTIONS = [c for b in BRANCHES for c in ((1, 1, b[0][0], 1), (b[0][0], 1, b[1][0], 1), (b[1][0], 1, b[2][0], 1),
                                             (b[1][0], 1, b[3][0], 1), (1, 1, b[3][0], 2))]
OUT_PORTS = {1: 1, **{b[k][0]: ports for b in BRANCHES for k, ports in enumerate((2, 1, 2, 6))}}
# the plans' branches, one below the other
ROWS = {node[0]: row for row, b in enumerate(BRANCHES) for node in b}

HEADER = ('<?xml version="1.0" encoding="UTF-8"?>\n<config xmlns="http://www.knime.org/2008/09/XMLConfig" '
          'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.knime.org/2008/09/XMLConfig '
          'http://www.knime.org/XMLConfig_2008_09.xsd" key=%s>\n')


def entry(key, value, indent):
    pad = "    " * indent
    if isinstance(value, tuple):
        kind, v = value
        return f'{pad}<entry key={quoteattr(key)} type="{kind}" value={quoteattr(str(v))}/>\n'
    if value is None:
        return f'{pad}<entry key={quoteattr(key)} type="xstring" isnull="true" value=""/>\n'
    if isinstance(value, bool):
        return f'{pad}<entry key={quoteattr(key)} type="xboolean" value="{str(value).lower()}"/>\n'
    if isinstance(value, int):
        return f'{pad}<entry key={quoteattr(key)} type="xint" value="{value}"/>\n'
    if isinstance(value, float):
        return f'{pad}<entry key={quoteattr(key)} type="xdouble" value="{value!r}"/>\n'
    if isinstance(value, dict):
        return config(key, value, indent)
    return f'{pad}<entry key={quoteattr(key)} type="xstring" value={quoteattr(str(value))}/>\n'


def config(key, values, indent):
    pad = "    " * indent
    if not values:
        return f'{pad}<config key={quoteattr(key)}/>\n'
    body = "".join(entry(k, v, indent + 1) for k, v in values.items())
    return f'{pad}<config key={quoteattr(key)}>\n{body}{pad}</config>\n'


def document(key, values):
    return HEADER % quoteattr(key) + "".join(entry(k, v, 1) for k, v in values.items()) + "</config>\n"


def folder_name(node_id, name):
    return f"{name} (#{node_id})"


def node_settings(node_id, name, factory, model):
    values = {
        "node_file": "settings.xml",
        "flow_stack": {},
        "internal_node_subsettings": {"memory_policy": "CacheSmallInMemory"},
        "model": model,
        "customDescription": None,
        "state": "CONFIGURED",
        "factory": PKG + factory,
        "node-name": name,
    }
    values.update(BUNDLE)
    values.update({
        "factory_settings": {},
        "name": name,
        "hasContent": False,
        "isInactive": False,
        "ports": {f"port_{p}": {"index": p, "port_dir_location": None} for p in range(1, OUT_PORTS[node_id] + 1)},
        "filestores": {"file_store_location": None, "file_store_id": None},
    })
    return document("settings.xml", values)


def workflow(name):
    nodes = {}
    for node_id, node_name, _, _ in NODES:
        column = 0 if node_id == 1 else (node_id - 2) % 4 + 1
        bounds = {"array-size": 4, "0": 60 + 160 * column, "1": 120 + 200 * ROWS.get(node_id, 0), "2": 90, "3": 80}
        nodes[f"node_{node_id}"] = {
            "id": node_id,
            "node_settings_file": folder_name(node_id, node_name) + "/settings.xml",
            "node_is_meta": False,
            "node_type": "NativeNode",
            "ui_classname": "org.knime.core.node.workflow.NodeUIInformation",
            "ui_settings": {"extrainfo.node.bounds": bounds},
        }
    connections = {f"connection_{i}": {"sourceID": s, "destID": d, "sourcePort": sp, "destPort": dp}
                   for i, (s, sp, d, dp) in enumerate(CONNECTIONS)}
    return document("workflow.knime", {
        "created_by": "5.8.0.v202511000000",
        "created_by_nightly": False,
        "version": "5.8.0",
        "name": None,
        "customDescription": None,
        "state": "CONFIGURED",
        "workflow_credentials": {},
        "nodes": nodes,
        "connections": connections,
        "workflow_editor_settings": {"workflow.editor.snapToGrid": True, "workflow.editor.ShowGrid": False,
                                     "workflow.editor.gridX": 20, "workflow.editor.gridY": 20,
                                     "workflow.editor.zoomLevel": 1.0, "workflow.editor.curvedConnections": False,
                                     "workflow.editor.connectionWidth": 1},
    })


def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "elpasolite-pipeline")
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, "workflow.knime"), "w", encoding="utf-8") as f:
        f.write(workflow("elpasolite-pipeline"))
    for node_id, name, factory, model in NODES:
        d = os.path.join(root, folder_name(node_id, name))
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "settings.xml"), "w", encoding="utf-8") as f:
            f.write(node_settings(node_id, name, factory, model))
    print("wrote", root)


if __name__ == "__main__":
    main()
