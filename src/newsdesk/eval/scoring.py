"""Evaluation on labelled (document, claim, label) rows: the one scorer that the CLI, the calibration script, the
benchmark and the tests share.

A row's claim may hold several sentences; it counts as supported only if every sentence is. Balanced accuracy is
the headline number because the classes are unbalanced (FRANK's validation rows are 64% unsupported).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..models import Passage
from ..reading import read_capped
from ..sentences import split_sentences
from ..verify import Verifier

__all__ = ["SWEEP", "evaluate", "load_rows", "metrics", "row_passages"]

SWEEP = [round(0.05 * i, 2) for i in range(1, 20)]


MAX_ROWS_BYTES = 2_000_000_000  # a large evaluation set fits; /dev/zero does not fill the memory


def load_rows(path: str | Path) -> list[dict[str, Any]]:
    """Rows of a JSON-lines file with "document", "claim" and "label" (1 = supported)."""
    path = Path(path)
    try:
        lines = read_capped(str(path), limit=MAX_ROWS_BYTES, what="rows").decode("utf-8-sig").splitlines()  # BOM or not
    except UnicodeDecodeError as error:
        raise InputError(f"cannot read {path}: {error}") from None
    rows = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"{path}:{number}: not JSON ({error.msg})") from None
        if not isinstance(row, dict) or not {"document", "claim", "label"} <= row.keys():
            raise InputError(f'{path}:{number}: a row needs "document", "claim" and "label"')
        if not all(isinstance(row[key], str) and row[key].strip() for key in ("document", "claim")):
            raise InputError(f'{path}:{number}: "document" and "claim" must be non-empty strings')
        if row["label"] not in (0, 1, "0", "1") or isinstance(row["label"], float):
            raise InputError(f'{path}:{number}: "label" must be 1 (supported) or 0, not {json.dumps(row["label"])}')
        rows.append({**row, "label": int(row["label"])})
    if not rows:
        raise InputError(f"{path} holds no rows")
    return rows


def row_passages(document: str, source_number: int = 1) -> list[Passage]:
    """A document as passages: its paragraphs (blank-line or line separated), or the whole text."""
    parts = [p.strip() for p in document.replace("\r\n", "\n").split("\n") if p.strip()]
    return [Passage(text=p, position=i, source_number=source_number) for i, p in enumerate(parts or [document])]


def metrics(labels: list[int], predicted: list[bool]) -> dict[str, Any]:
    tp = sum(1 for y, p in zip(labels, predicted, strict=True) if y == 1 and p)
    fn = sum(1 for y, p in zip(labels, predicted, strict=True) if y == 1 and not p)
    tn = sum(1 for y, p in zip(labels, predicted, strict=True) if y != 1 and not p)
    fp = sum(1 for y, p in zip(labels, predicted, strict=True) if y != 1 and p)

    def ratio(a: int, b: int) -> float:
        return round(a / b, 4) if b else 0.0

    recall_pos, recall_neg = ratio(tp, tp + fn), ratio(tn, tn + fp)
    return {
        "balanced_accuracy": round((recall_pos + recall_neg) / 2, 4),
        "accuracy": ratio(tp + tn, len(labels)),
        "supported": {"precision": ratio(tp, tp + fp), "recall": recall_pos, "count": tp + fn},
        "unsupported": {"precision": ratio(tn, tn + fn), "recall": recall_neg, "count": tn + fp},
        "confusion": {"tp": tp, "fn": fn, "tn": tn, "fp": fp},
    }


def evaluate(
    verifier: Verifier,
    rows: Iterable[dict[str, Any]],
    *,
    sweep: bool = False,
    progress: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Score every row; returns metrics, rows, sentences and throughput (and the threshold curve if asked)."""
    labels: list[int] = []
    predicted: list[bool] = []
    claim_scores: list[float] = []
    sentences = 0
    started = time.perf_counter()
    for number, row in enumerate(rows, 1):
        passages = row_passages(str(row["document"]))
        parts = split_sentences(str(row["claim"])) or [str(row["claim"])]
        checks = [verifier.check(s, passages, "fact") for s in parts]
        sentences += len(parts)
        labels.append(1 if int(row["label"]) == 1 else 0)
        predicted.append(all(c.supported for c in checks))
        claim_scores.append(min(c.score for c in checks))
        if progress is not None:
            progress(number)
    seconds = time.perf_counter() - started
    result: dict[str, Any] = {
        **metrics(labels, predicted),
        "rows": len(labels),
        "sentences": sentences,
        "threshold": round(verifier.calibration.threshold, 4),
        "judge": verifier.judge is not None,
        "seconds": round(seconds, 2),
        "claims_per_second": round(len(labels) / seconds, 1) if seconds else None,
        "sentences_per_second": round(sentences / seconds, 1) if seconds else None,
    }
    if sweep:
        curve = []
        for t in SWEEP:
            m = metrics(labels, [s >= t for s in claim_scores])
            curve.append(
                {
                    "threshold": t,
                    "balanced_accuracy": m["balanced_accuracy"],
                    "supported_recall": m["supported"]["recall"],
                    "unsupported_recall": m["unsupported"]["recall"],
                }
            )
        result["sweep"] = curve
    return result
