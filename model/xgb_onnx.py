"""Turns a trained XGBoost booster into (1) an ONNX TreeEnsembleRegressor that outputs the raw margin and
(2) the same trees as plain arrays, with node covers, for the TypeScript TreeSHAP.

Built by hand from XGBoost's own JSON model rather than by a converter package: none is packaged in
Debian, and doing it here keeps every detail that parity depends on visible: float32 thresholds,
`x < threshold` goes to the "yes" (left) child, missing values follow XGBoost's default direction,
the base score enters as a margin and no post-transform is applied (the sigmoid runs in TypeScript
because ORT's binary-classifier post-transform has known bugs)."""
import hashlib
import json
import math

import numpy as np
import onnx
from onnx import TensorProto, helper


def _f32(value: float) -> float:
    return float(np.float32(value))


def _compact(value: float) -> float | str:
    """The shortest decimal that still parses back to the same float32 via float64 (what JS does)."""
    f = np.float32(value)
    short = float(str(f))  # numpy prints a float32 as its shortest round-tripping decimal
    return short if np.float32(short) == f else float(f)


def booster_trees(booster) -> tuple[list[dict], float]:
    """The booster's trees as arrays (node i's children, split feature, float32 threshold, default
    direction, leaf value, cover) and the base score as a margin."""
    model = json.loads(booster.save_raw("json"))
    learner = model["learner"]
    objective = learner["objective"]["name"]
    if objective != "binary:logistic":
        raise ValueError(f"expected a binary:logistic model, got {objective}")
    base_score = float(learner["learner_model_param"]["base_score"])
    base_margin = math.log(base_score / (1.0 - base_score))
    trees = []
    for raw in learner["gradient_booster"]["model"]["trees"]:
        if any(raw.get("split_type", [])):
            raise ValueError("categorical splits are not supported by the exporter")
        left = raw["left_children"]
        leaf = [child == -1 for child in left]
        trees.append(
            {
                "left": left,
                "right": raw["right_children"],
                "feature": [0 if is_leaf else int(f) for f, is_leaf in zip(raw["split_indices"], leaf)],
                # XGBoost keeps a leaf's value (already scaled by the learning rate) in split_conditions.
                "threshold": [0.0 if is_leaf else _compact(t) for t, is_leaf in zip(raw["split_conditions"], leaf)],
                "value": [_compact(t) if is_leaf else 0.0 for t, is_leaf in zip(raw["split_conditions"], leaf)],
                "defaultLeft": [int(d) for d in raw["default_left"]],
                "cover": [_compact(h) for h in raw["sum_hessian"]],
            }
        )
    return trees, _f32(base_margin)


def trees_sha256(trees: list[dict], base_margin: float) -> str:
    canonical = json.dumps({"baseMargin": base_margin, "trees": trees}, separators=(",", ":"), sort_keys=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


def onnx_model(trees: list[dict], base_margin: float, feature_names: list[str], trees_hash: str) -> bytes:
    """Serialized ONNX model: input `features` float32 [N, F], output `margin` float32 [N, 1]."""
    a: dict[str, list] = {k: [] for k in ("treeids", "nodeids", "featureids", "values", "modes", "true", "false", "missing")}
    targets: dict[str, list] = {"treeids": [], "nodeids": [], "weights": []}
    for t, tree in enumerate(trees):
        for n, left in enumerate(tree["left"]):
            a["treeids"].append(t)
            a["nodeids"].append(n)
            if left == -1:
                a["featureids"].append(0)
                a["values"].append(0.0)
                a["modes"].append("LEAF")
                a["true"].append(0)
                a["false"].append(0)
                a["missing"].append(0)
                targets["treeids"].append(t)
                targets["nodeids"].append(n)
                targets["weights"].append(_f32(tree["value"][n]))
            else:
                a["featureids"].append(tree["feature"][n])
                a["values"].append(_f32(tree["threshold"][n]))
                a["modes"].append("BRANCH_LT")
                a["true"].append(left)
                a["false"].append(tree["right"][n])
                a["missing"].append(tree["defaultLeft"][n])
    node = helper.make_node(
        "TreeEnsembleRegressor",
        inputs=["features"],
        outputs=["margin"],
        domain="ai.onnx.ml",
        n_targets=1,
        aggregate_function="SUM",
        post_transform="NONE",
        base_values=[base_margin],
        nodes_treeids=a["treeids"],
        nodes_nodeids=a["nodeids"],
        nodes_featureids=a["featureids"],
        nodes_values=a["values"],
        nodes_modes=a["modes"],
        nodes_truenodeids=a["true"],
        nodes_falsenodeids=a["false"],
        nodes_missing_value_tracks_true=a["missing"],
        target_treeids=targets["treeids"],
        target_nodeids=targets["nodeids"],
        target_ids=[0] * len(targets["treeids"]),
        target_weights=targets["weights"],
    )
    graph = helper.make_graph(
        [node],
        "fraud_xgboost_margin",
        [helper.make_tensor_value_info("features", TensorProto.FLOAT, [None, len(feature_names)])],
        [helper.make_tensor_value_info("margin", TensorProto.FLOAT, [None, 1])],
    )
    model = helper.make_model(
        graph,
        producer_name="fraud-review-console model/train.py",
        opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("ai.onnx.ml", 3)],
    )
    model.ir_version = 8
    helper.set_model_props(model, {"feature_names": json.dumps(feature_names), "trees_sha256": trees_hash})
    onnx.checker.check_model(model)
    return model.SerializeToString()


def margins_from_trees(trees: list[dict], base_margin: float, x: np.ndarray) -> np.ndarray:
    """Margins by walking the exported arrays in float32, so export bugs show up before anything is
    written (compared with XGBoost's own output_margin by the caller)."""
    x32 = x.astype(np.float32)
    out = np.full(len(x32), np.float32(base_margin), dtype=np.float32)
    for tree in trees:
        thr = np.asarray(tree["threshold"], dtype=np.float32)
        val = np.asarray(tree["value"], dtype=np.float32)
        node = np.zeros(len(x32), dtype=np.int64)
        left = np.asarray(tree["left"])
        right = np.asarray(tree["right"])
        feat = np.asarray(tree["feature"])
        dleft = np.asarray(tree["defaultLeft"], dtype=bool)
        rows = np.arange(len(x32))
        while True:
            active = left[node] != -1
            if not active.any():
                break
            r = rows[active]
            n = node[active]
            v = x32[r, feat[n]]
            go_left = np.where(np.isnan(v), dleft[n], v < thr[n])
            node[active] = np.where(go_left, left[n], right[n])
        out += val[node]
    return out
