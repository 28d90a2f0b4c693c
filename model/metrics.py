"""Evaluation metrics for fraud scores: ROC AUC, average precision, Card Precision@k and the confusion
matrix at a threshold. Card Precision@k and the removal of known-compromised cards follow the
Reproducible Machine Learning for Credit Card Fraud Detection handbook, so our numbers are comparable
to the ones it publishes."""
import numpy as np
import pandas as pd
from sklearn.metrics import average_precision_score, roc_auc_score


def remove_known_compromised(test: pd.DataFrame, history: pd.DataFrame, delay_days: int) -> pd.DataFrame:
    """Drops test rows whose card was already known compromised on that test day.

    A card is known on day t when one of its frauds in `history` happened on or before t - delay - 1:
    its label has arrived and the card would be blocked, so scoring it again flatters the model.
    This is the handbook's rule (frauds of the training window, then one more day of labels per test
    day); `history` sets where knowledge starts.
    """
    frauds = history.loc[history["is_fraud"] == 1, ["card_id", "day"]]
    first = frauds.groupby("card_id")["day"].min()
    first_fraud = test["card_id"].map(first)
    cutoff = test["day"] - np.timedelta64(delay_days + 1, "D")
    known = first_fraud.notna() & (first_fraud.to_numpy(dtype="datetime64[ns]") <= cutoff.to_numpy())
    return test.loc[~known]


def card_precision_at_k(days: np.ndarray, cards: np.ndarray, y: np.ndarray, score: np.ndarray, k: int = 100) -> tuple[float, list[float]]:
    """Mean over days of the share of truly compromised cards among the k cards with the highest score.

    A card's daily score is the max over its transactions that day; cards caught in an earlier day's
    top k are removed from later days, as an investigator would have blocked them (handbook rule).
    """
    frame = pd.DataFrame({"day": days, "card": cards, "y": y, "score": score})
    detected: set[str] = set()
    per_day: list[float] = []
    for day in np.sort(frame["day"].unique()):
        today = frame[(frame["day"] == day) & ~frame["card"].isin(detected)]
        by_card = today.groupby("card", sort=True).agg(score=("score", "max"), y=("y", "max"))
        top = by_card.sort_values("score", ascending=False, kind="mergesort").head(k)
        hits = top.index[top["y"] == 1]
        per_day.append(len(hits) / k)
        detected.update(hits)
    return (float(np.mean(per_day)) if per_day else float("nan")), per_day


def confusion_at(y: np.ndarray, score: np.ndarray, threshold: float, n_days: int) -> dict:
    flagged = score >= threshold
    tp = int(np.sum(flagged & (y == 1)))
    fp = int(np.sum(flagged & (y == 0)))
    fn = int(np.sum(~flagged & (y == 1)))
    tn = int(np.sum(~flagged & (y == 0)))
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "alertsPerDay": (tp + fp) / n_days if n_days else 0.0,
    }


def evaluate(frame: pd.DataFrame, score: np.ndarray, threshold: float | None = None, k: int = 100) -> dict:
    """All test metrics for one model on an already-filtered evaluation frame."""
    y = frame["is_fraud"].to_numpy()
    both_classes = 0 < y.sum() < len(y)
    cp, cp_days = card_precision_at_k(frame["day"].to_numpy(), frame["card_id"].to_numpy(), y, score, k)
    out = {
        "rows": int(len(y)),
        "frauds": int(y.sum()),
        "rocAuc": float(roc_auc_score(y, score)) if both_classes else float("nan"),
        "averagePrecision": float(average_precision_score(y, score)) if both_classes else float("nan"),
        "cardPrecisionAtK": cp,
        "k": k,
        "cardPrecisionPerDay": cp_days,
    }
    if threshold is not None:
        out["confusion"] = confusion_at(y, score, threshold, frame["day"].nunique())
    return out
