#!/usr/bin/python3
"""Renders MODEL_CARD.md from manifest.json (and, when given, the multi-seed handbook-protocol summary
written by handbook_summary.py), so the card can never disagree with the artifacts it describes.

    /usr/bin/python3 model/model_card.py --manifest model/manifest.json [--handbook model/handbook.json] --out model/MODEL_CARD.md
"""
import argparse
import json


def _num(value, digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def _metrics_row(name: str, m: dict) -> str:
    return f"| {name} | {_num(m.get('rocAuc'))} | {_num(m.get('averagePrecision'))} | {_num(m.get('cardPrecisionAtK'))} |"


def _handbook_section(summary: dict) -> list[str]:
    published = summary["published"]
    k = summary.get("k", 100)
    lines = [
        "## Handbook protocol (reproduction)",
        "",
        f"Simulator profile `handbook`, simulator seeds {', '.join(str(r['seed']) for r in summary['seeds'])}, every model trained in the same run per seed; "
        f"train {summary['windows']['train']}, {summary['windows']['labelDelayDays']}-day label delay, "
        f"test {summary['windows']['test']}; test rows of cards already known compromised removed (frauds of the training "
        "window, then one more day of labels per test day); Card Precision@100 removes cards caught on earlier test days. "
        "Same definitions as the handbook's code.",
        "",
        f"| model | ROC AUC | AP | CP@{k} |",
        "|---|---|---|---|",
    ]
    for name, m in published.items():
        lines.append(_metrics_row(f"handbook, published: {name} (15 features)", m))
    for name, m in summary["means"].items():
        lines.append(_metrics_row(f"ours, mean of {len(summary['seeds'])} seeds: {name}", m))
    lines += ["", "Per seed:", "", f"| seed | model | ROC AUC | AP | CP@{k} |", "|---|---|---|---|---|"]
    for run in summary["seeds"]:
        for name, m in run["ours"].items():
            lines.append(f"| {run['seed']} | {name} | {_num(m['rocAuc'])} | {_num(m['averagePrecision'])} | {_num(m['cardPrecisionAtK'])} |")
    targets = summary.get("targets")
    if targets:
        lines += ["", f"Target for the derived-feature model (3-seed means): AP >= {targets['averagePrecision']}, CP@{k} >= {targets['cardPrecisionAtK']}: "
                  f"{'met' if targets.get('met') else 'not met'}."]
    lines.append("")
    return lines


def render_card(manifest: dict, handbook: dict | None) -> str:
    w = manifest["windows"]
    m = manifest["metrics"]["test"]
    b = manifest["baseline"]["metrics"]["test"]
    c = m.get("confusion", {})
    hp = manifest["hyperparameters"]
    k = m.get("k", 100)
    shap = sorted(manifest["meanAbsShap"].items(), key=lambda kv: -kv[1])
    lines = [
        "# Model card: card-fraud XGBoost",
        "",
        "Generated from `manifest.json` by `model/model_card.py`; do not edit by hand.",
        "",
        "## Summary",
        "",
        f"- Model version `{manifest['modelVersion']}` (first 16 hex digits of the SHA-256 of `{manifest['onnxFile']}`), trained {manifest['trainedAt']}.",
        f"- Gradient-boosted trees (XGBoost {manifest['software']['xgboost']}, `binary:logistic`), {len(manifest['trees'])} trees, max depth {hp['max_depth']}, learning rate {hp['learning_rate']}.",
        "- Served as an ONNX `TreeEnsembleRegressor` that outputs the raw margin; the probability is `1 / (1 + exp(-margin))`, applied in TypeScript. "
        "Explanations are exact path-dependent TreeSHAP over the same trees (bias + sum of attributions = margin).",
        f"- Intended use: ranking card transactions for human review in the console. Not for automatic declines.",
        "",
        "## Data",
        "",
        f"- Simulated transactions, profile `{manifest.get('profile')}`; feature set `{manifest['featureSet']}` ({len(manifest['features'])} features, computed by the TypeScript feature code, `lib/features`).",
        f"- Table: {manifest['data']['tableRows']:,} rows. Train: {manifest['data']['trainRows']:,} rows, {manifest['data']['trainFrauds']:,} frauds. "
        f"Test: {manifest['data']['testRows']:,} rows, {manifest['data']['testFrauds']:,} frauds.",
        "",
        "## Protocol",
        "",
        f"- `{manifest['protocol']}`: train {w['train']['from']}..{w['train']['to']}; {w['labelDelayDays']}-day label-delay gap {w['gap']['from']}..{w['gap']['to']} "
        f"(labels not yet known when the model is trained); test {w['test']['from']}..{w['test']['to']}.",
        f"- Test rows of cards already known compromised (a fraud label that had arrived, counting labels from {w['knownCompromisedFrom']}) are removed.",
        f"- Hyper-parameters: {manifest['selection']['criterion']}, over {len(w['validation'])} week(s): "
        + "; ".join(f"valid {v['valid']['from']}..{v['valid']['to']} (train {v['train']['from']}..{v['train']['to']})" for v in w["validation"])
        + ". The test week is not used for any choice.",
        "",
        "## Metrics (test window)",
        "",
        f"| model | ROC AUC | AP | CP@{k} |",
        "|---|---|---|---|",
        _metrics_row("XGBoost (this model)", m),
        _metrics_row(manifest["baseline"]["name"], b),
        "",
        f"Card Precision@{k}: per day, each card's highest score, the {k} highest cards, share truly compromised; cards caught on an earlier test day removed; mean over days.",
        "",
        "## Threshold",
        "",
        f"- Value {manifest['threshold']['value']:.6f} (probability). Rule: {manifest['threshold']['rule']}.",
        f"- On the test window: {c.get('tp', 0)} true positives, {c.get('fp', 0)} false positives, {c.get('fn', 0)} missed frauds, {c.get('tn', 0)} true negatives; "
        f"precision {_num(c.get('precision'))}, recall {_num(c.get('recall'))}, {_num(c.get('alertsPerDay'), 1)} alerts per day.",
        "",
        "## Mean |SHAP| per feature (test window, margin units)",
        "",
        "| feature | mean abs SHAP |",
        "|---|---|",
        *[f"| {name} | {value:.4f} |" for name, value in shap],
        "",
    ]
    if manifest.get("handbookComparison"):
        ours = manifest["handbookComparison"]["ours"]
        lines += ["## Handbook comparison (this run)", "", f"| model | ROC AUC | AP | CP@{k} |", "|---|---|---|---|"]
        lines += [_metrics_row(f"handbook, published: {n}", v) for n, v in manifest["handbookComparison"]["published"].items()]
        lines += [_metrics_row(f"ours: {n}", v) for n, v in ours.items()]
        lines.append("")
    if handbook:
        lines += _handbook_section(handbook)
    lines += [
        "## Limitations",
        "",
        "- Trained and evaluated on simulated data only. The simulator's fraud scenarios define what the model can learn; real fraud differs and drifts.",
        "- Labels arrive with a delay; frauds at terminals or on cards not yet known compromised are hard to tell apart from legitimate activity (on the handbook protocol, an oracle that knows every label visible behind the delay reaches only CP@100 ~0.294, per the project's prototype measurement in issue 3).",
        "- The threshold follows an alert budget, not a cost model; revisit it when review capacity or fraud rates change.",
        "- Scores are not calibrated probabilities for a real portfolio; use them to rank.",
        "- Retrain when features, the simulator or the traffic change; the manifest's feature order must match the serving feature code.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    p = argparse.ArgumentParser(description="Render MODEL_CARD.md from manifest.json")
    p.add_argument("--manifest", required=True)
    p.add_argument("--handbook", default=None)
    p.add_argument("--out", required=True)
    args = p.parse_args()
    with open(args.manifest) as f:
        manifest = json.load(f)
    handbook = None
    if args.handbook:
        with open(args.handbook) as f:
            handbook = json.load(f)
    with open(args.out, "w") as f:
        f.write(render_card(manifest, handbook))


if __name__ == "__main__":
    main()
