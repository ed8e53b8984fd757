#!/usr/bin/env python3
"""Fit the verifier's calibration (src/newsdesk/verify/calibration.json) on labelled rows.

    python scripts/calibrate_verify.py                       # fit on the FRANK validation rows, write the file
    python scripts/calibrate_verify.py --check               # cross-validate and print, write nothing
    python scripts/calibrate_verify.py --rows other.jsonl -o /tmp/calibration.json

What it fits: a logistic regression over the verifier's few features (newsdesk.verify._measure.FEATURES), one row
per *sentence*, and one threshold on its probability for "fact" sentences, folded into the bias so that the
shipped threshold is 0.5.

Labels are per claim, features per sentence. A claim labelled supported makes all its sentences positives; a claim
whose factuality is 0 makes them all negatives; a partly wrong claim (0 < factuality < 1) says only how many of its
sentences are wrong, so those sentences are labelled by the current model (its lowest-scoring ones are the wrong
ones) and the fit is repeated (a few rounds of multiple-instance learning). The threshold is chosen for the
balanced accuracy of the *claim* decision: a claim is supported only if every sentence is.

The reported balanced accuracy is cross-validated with folds grouped by document (several summaries share a
document, so a random split would leak), and also given for the full fit (optimistic) and per source corpus.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsdesk.verify import Verifier, load_rows, row_passages, split_sentences
from newsdesk.verify._eval import metrics
from newsdesk.verify._measure import FEATURES, measure
from newsdesk.verify._score import CONTRADICTED_CAP, HARD_FAIL_CAP, Calibration

DEFAULT_ROWS = ROOT.parent / "shared" / "data" / "verify" / "frank_valid.jsonl"
DEFAULT_OUT = ROOT / "src" / "newsdesk" / "verify" / "calibration.json"
L2 = 1.0  # ridge penalty on the standardised weights: keeps a 7-feature model from chasing 671 rows
MIL_ROUNDS = 3
FOLDS = 5
XSUM_SYSTEMS = {"BERTS2S", "PtGen", "TConvS2S", "TranS2S"}  # FRANK's BBC (XSum) rows; the rest are CNN/DailyMail


class Rows:
    """Per-sentence features and hard-rule caps of every row, computed once."""

    def __init__(self, rows: list[dict]):
        verifier = Verifier()
        self.rows = rows
        self.x: list[np.ndarray] = []  # per row: sentences x features
        self.cap: list[np.ndarray] = []  # per row: the score ceiling the hard rules impose (1 = none)
        for row in rows:
            index = verifier.index(row_passages(row["document"]))
            parts = split_sentences(row["claim"]) or [row["claim"]]
            measures = [measure(s, index) for s in parts]
            self.x.append(np.array([m.vector() for m in measures], dtype=float))
            self.cap.append(np.array([_cap(m) for m in measures]))
        self.label = np.array([1 if int(r["label"]) == 1 else 0 for r in rows])
        self.factuality = np.array([float(r.get("factuality", r["label"])) for r in rows])
        documents: dict[str, int] = {}
        self.group = np.array([documents.setdefault(r["document"], len(documents)) for r in rows])
        self.corpus = np.array(["xsum" if str(r.get("id", "")).split(":")[-1] in XSUM_SYSTEMS else "cnndm"
                                for r in rows])


def _cap(m) -> float:
    if m.conflicts or (m.negation_mismatch and m.best_unit >= 0.8):
        return CONTRADICTED_CAP
    if m.missing or m.missing_quotes:
        return HARD_FAIL_CAP
    return 1.0


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = L2) -> tuple[np.ndarray, float]:
    """Class-balanced, L2-penalised logistic regression by Newton's method (x already standardised)."""
    n, d = x.shape
    weight = np.where(y == 1, 0.5 / max(1, y.sum()), 0.5 / max(1, (1 - y).sum())) * n
    a = np.hstack([x, np.ones((n, 1))])
    beta = np.zeros(d + 1)
    penalty = np.diag([l2] * d + [0.0])
    for _ in range(50):
        p = 1 / (1 + np.exp(-a @ beta))
        gradient = a.T @ (weight * (p - y)) + penalty @ beta
        hessian = (a * (weight * p * (1 - p))[:, None]).T @ a + penalty
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return beta[:d], float(beta[d])


def fit(data: Rows, idx: np.ndarray) -> Calibration:
    """Fit on the rows ``idx``: standardise, multiple-instance rounds, then the claim-level threshold."""
    stacked = np.vstack([data.x[i] for i in idx])
    mean, scale = stacked.mean(0), stacked.std(0) + 1e-9
    weights, bias = np.zeros(len(FEATURES)), 0.0
    for round_ in range(MIL_ROUNDS):
        xs, ys = [], []
        for i in idx:
            z = (data.x[i] - mean) / scale
            n = len(z)
            if data.label[i] == 1:
                labels = np.ones(n)
            elif data.factuality[i] <= 0:
                labels = np.zeros(n)
            elif round_ == 0:
                continue  # partly wrong claims wait until a first model can say which sentences are wrong
            else:
                wrong = max(1, min(n, round((1 - data.factuality[i]) * n)))
                order = np.argsort(z @ weights + bias)
                labels = np.ones(n)
                labels[order[:wrong]] = 0
            xs.append(z)
            ys.append(labels)
        weights, bias = fit_logistic(np.vstack(xs), np.concatenate(ys))
    calibration = Calibration(mean=mean.tolist(), scale=scale.tolist(), weights=weights.tolist(), bias=bias)
    threshold = best_threshold(claim_scores(data, idx, calibration), data.label[idx])
    # Fold the threshold into the bias, so that a score of 0.5 is the line between supported and not.
    calibration.bias = bias - math.log(threshold / (1 - threshold))
    calibration.threshold = 0.5
    calibration.source = {"probability_threshold": threshold}  # before folding, for the report
    return calibration


def claim_scores(data: Rows, idx: np.ndarray, calibration: Calibration) -> np.ndarray:
    mean, scale = np.array(calibration.mean), np.array(calibration.scale)
    weights = np.array(calibration.weights)
    out = []
    for i in idx:
        p = 1 / (1 + np.exp(-(((data.x[i] - mean) / scale) @ weights + calibration.bias)))
        out.append(float(np.min(np.minimum(p, data.cap[i]))))
    return np.array(out)


def best_threshold(scores: np.ndarray, labels: np.ndarray) -> float:
    """The threshold with the best balanced accuracy; the middle of the best plateau, for stability."""
    grid = np.round(np.arange(0.21, 0.90, 0.01), 2)
    values = np.array([metrics(labels.tolist(), (scores >= t).tolist())["balanced_accuracy"] for t in grid])
    best = np.flatnonzero(values >= values.max() - 0.002)
    return float(grid[best[len(best) // 2]])


def grouped_folds(groups: np.ndarray, k: int, seed: int = 13) -> list[np.ndarray]:
    unique = np.unique(groups)
    rng = np.random.default_rng(seed)
    rng.shuffle(unique)
    return [np.flatnonzero(np.isin(groups, part)) for part in np.array_split(unique, k)]


def report(labels: np.ndarray, predicted: np.ndarray, corpus: np.ndarray) -> dict:
    out = metrics(labels.tolist(), predicted.tolist())
    out = {"balanced_accuracy": out["balanced_accuracy"], "supported": out["supported"],
           "unsupported": out["unsupported"]}
    for name in ("cnndm", "xsum"):
        mask = corpus == name
        if mask.any() and len(set(labels[mask])) == 2:
            out[f"balanced_accuracy_{name}"] = metrics(labels[mask].tolist(), predicted[mask].tolist())[
                "balanced_accuracy"]
    return out


def cross_validate(data: Rows, k: int = FOLDS, seeds: tuple[int, ...] = (13, 29, 47)) -> dict:
    """Grouped k-fold, repeated over a few shuffles; pooled out-of-fold predictions per repeat."""
    results, thresholds = [], []
    for seed in seeds:
        predicted = np.zeros(len(data.rows), dtype=bool)
        for test in grouped_folds(data.group, k, seed):
            train = np.setdiff1d(np.arange(len(data.rows)), test)
            calibration = fit(data, train)
            thresholds.append(calibration.source["probability_threshold"])
            predicted[test] = claim_scores(data, test, calibration) >= calibration.threshold
        results.append(report(data.label, predicted, data.corpus))
    mean = {key: round(float(np.mean([r[key] for r in results])), 4) for key in results[0] if key.startswith("bal")}
    return {"folds": k, "repeats": len(seeds), **mean, "per_repeat": [r["balanced_accuracy"] for r in results],
            "thresholds": [round(t, 2) for t in thresholds]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=Path, default=DEFAULT_ROWS, help="labelled JSON-lines rows")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true", help="cross-validate only; write nothing")
    args = parser.parse_args(argv)

    rows = load_rows(args.rows)
    data = Rows(rows)
    cv = cross_validate(data)
    everything = np.arange(len(rows))
    calibration = fit(data, everything)
    full = report(data.label, claim_scores(data, everything, calibration) >= calibration.threshold, data.corpus)
    calibration.source = {
        "probability_threshold": calibration.source["probability_threshold"],
        "rows": args.rows.name,
        "rows_sha256": hashlib.sha256(args.rows.read_bytes()).hexdigest()[:16],
        "count": len(rows),
        "model": "class-balanced L2 logistic regression on standardised sentence features, "
                 f"{MIL_ROUNDS} multiple-instance rounds; threshold for claim-level balanced accuracy",
        "cross_validated": cv,
        "full_fit": full,
    }
    print(json.dumps({"cross_validated": cv, "full_fit": full,
                      "probability_threshold": calibration.source["probability_threshold"],
                      "weights": dict(zip(FEATURES, np.round(calibration.weights, 3).tolist(), strict=True))},
                     indent=2))
    if not args.check:
        data_out = calibration.to_dict()
        data_out["mean"] = [round(v, 6) for v in data_out["mean"]]
        data_out["scale"] = [round(v, 6) for v in data_out["scale"]]
        data_out["weights"] = [round(v, 6) for v in data_out["weights"]]
        data_out["bias"] = round(data_out["bias"], 6)
        args.output.write_text(json.dumps(data_out, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
