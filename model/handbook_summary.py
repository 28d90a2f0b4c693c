#!/usr/bin/python3
"""Collects handbook-protocol runs (one manifest.json per simulator seed, from
`npm run model:train -- --protocol handbook`) into model/handbook.json: per-seed numbers, 3-seed means
and the handbook's published figures, which model_card.py renders into MODEL_CARD.md.

    /usr/bin/python3 model/handbook_summary.py --run 1=/tmp/hb1/manifest.json --run 2=... --out model/handbook.json
"""
import argparse
import json

import numpy as np

# Issue 3's target for the derived-feature model, as means over simulator seeds.
TARGETS = {"averagePrecision": 0.72, "cardPrecisionAtK": 0.29}
KEYS = ("rocAuc", "averagePrecision", "cardPrecisionAtK")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--run", action="append", required=True, help="SEED=path/to/manifest.json (handbook protocol)")
    p.add_argument("--out", required=True)
    args = p.parse_args()

    seeds = []
    first = None
    for spec in args.run:
        seed, path = spec.split("=", 1)
        with open(path) as f:
            manifest = json.load(f)
        if manifest["protocol"] != "handbook" or not manifest.get("handbookComparison"):
            raise SystemExit(f"{path} is not a handbook-protocol run")
        first = first or manifest
        ours = {name: {k: m[k] for k in KEYS} for name, m in manifest["handbookComparison"]["ours"].items()}
        seeds.append({"seed": int(seed), "modelVersion": manifest["modelVersion"], "hyperparameters": manifest["hyperparameters"], "ours": ours})

    names = list(seeds[0]["ours"])
    means = {name: {k: float(np.mean([s["ours"][name][k] for s in seeds])) for k in KEYS} for name in names}
    derived = next((n for n in names if n.startswith("xgboost selected (") and "15 features" not in n), None)
    met = derived is not None and all(means[derived][k] >= v for k, v in TARGETS.items())
    w = first["windows"]
    summary = {
        "protocol": "handbook",
        "windows": {
            "train": f"{w['train']['from']}..{w['train']['to']}",
            "labelDelayDays": w["labelDelayDays"],
            "test": f"{w['test']['from']}..{w['test']['to']}",
        },
        "k": first["metrics"]["test"]["k"],
        "published": first["handbookComparison"]["published"],
        "seeds": seeds,
        "means": means,
        "targets": {**TARGETS, "model": derived, "met": met},
    }
    with open(args.out, "w") as f:
        json.dump(summary, f, indent=1)
    for name in names:
        m = means[name]
        print(f"{name}: AUC {m['rocAuc']:.3f} AP {m['averagePrecision']:.3f} CP@100 {m['cardPrecisionAtK']:.3f}")
    print(f"target AP >= {TARGETS['averagePrecision']} and CP@100 >= {TARGETS['cardPrecisionAtK']} ({derived}): {'met' if met else 'not met'}")


if __name__ == "__main__":
    main()
