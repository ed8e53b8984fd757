"""The verifier's evaluation gate: the shipped verifier must reach every floor in bench/verify_baseline.json.

The dev data is found at NEWSDESK_SHARED_DATA or ../shared/data. Without it the gate is skipped, except where
NEWSDESK_REQUIRE_SHARED=1 (CI), where a missing folder fails. Lowering a floor is a deliberate act:
``python bench/verify_gate.py --write --lower-floor --reason "..."`` (the reason is recorded in the baseline).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from conftest import need_shared
from newsdesk.eval import devdata as dev
from newsdesk.eval.devdata import shared_data_dir

ROOT = Path(__file__).resolve().parents[2]
SPEC = importlib.util.spec_from_file_location("verify_gate", ROOT / "bench" / "verify_gate.py")
gate = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(gate)

DATA = shared_data_dir()


def test_every_floor_is_reached() -> None:
    need_shared(DATA / "verify", DATA / "articles")
    baseline = json.loads(gate.BASELINE.read_text(encoding="utf-8"))
    assert set(baseline["datasets"]) == set(gate.GATED)
    measured = gate.measure(DATA)
    assert gate.misses(baseline, measured) == []


MEASURED = {"datasets": {"frank": {"rows": 10, "sha256": "a", "figures": {"balanced_accuracy": 0.80}}}}


def test_a_floor_only_rises_by_accident() -> None:
    first = gate.updated(None, MEASURED)
    assert first["datasets"]["frank"]["floors"]["balanced_accuracy"] == pytest.approx(0.78)
    worse = {"datasets": {"frank": {**MEASURED["datasets"]["frank"], "figures": {"balanced_accuracy": 0.70}}}}
    kept = gate.updated(first, worse)
    assert kept["datasets"]["frank"]["floors"]["balanced_accuracy"] == pytest.approx(0.78)
    assert gate.misses(kept, worse) == ["frank balanced_accuracy: 0.7 < floor 0.78"]


def test_lowering_needs_a_reason_and_is_recorded() -> None:
    first = gate.updated(None, MEASURED)
    worse = {"datasets": {"frank": {**MEASURED["datasets"]["frank"], "figures": {"balanced_accuracy": 0.70}}}}
    with pytest.raises(ValueError, match="reason"):
        gate.updated(first, worse, lower=True)
    lowered = gate.updated(first, worse, lower=True, reason="trade-off for fair paraphrase")
    assert lowered["datasets"]["frank"]["floors"]["balanced_accuracy"] == pytest.approx(0.68)
    assert lowered["lowered"][-1]["reason"] == "trade-off for fair paraphrase"
    assert gate.misses(lowered, worse) == []


def test_a_figure_no_longer_measured_is_removed_only_with_a_reason() -> None:
    """A gated figure that drops out of the measurement (an edit's pairs fell under the minimum) takes its floor
    with it: that is a floor removed, as deliberate as a floor lowered."""
    frank = MEASURED["datasets"]["frank"]
    first = gate.updated(None, {"datasets": {"frank": {**frank, "figures": {"a": 0.9, "b": 0.9}}}})
    only_a = {"datasets": {"frank": {**frank, "figures": {"a": 0.9}}}}
    with pytest.raises(ValueError, match="no longer measured"):
        gate.updated(first, only_a)
    removed = gate.updated(first, only_a, lower=True, reason="the subsample changed")
    assert set(removed["datasets"]["frank"]["floors"]) == {"a"}
    record = removed["lowered"][-1]
    assert (record["figure"], record["from"], record["to"], record["reason"]) == (
        "b",
        0.88,
        None,
        "the subsample changed",
    )


def test_the_article_halves_follow_the_readme_split() -> None:
    names = {"bbc-1", "cnn", *(f"cnndm-{i:02d}" for i in range(6))}
    check = {n for n in names if dev.in_half(n, names, "check")}
    tune = {n for n in names if dev.in_half(n, names, "tune")}
    assert check == {"cnndm-03", "cnndm-04", "cnndm-05"}
    assert tune == names - check


def test_the_articles_load_by_half_and_the_halves_partition_them() -> None:
    need_shared(DATA / "articles")
    every = {c.group for c in dev.load("articles", DATA)}
    tune = {c.group for c in dev.load("articles", DATA, half="tune")}
    check = {c.group for c in dev.load("articles", DATA, half="check")}
    assert tune and check and not tune & check
    assert tune | check == every
    assert check == {n for n in every if dev.in_half(n, every, "check")}


def test_contrast_figures_gate_each_edit_with_enough_pairs() -> None:
    summary = {
        "fair_kept": 0.9,
        "caught": 0.5,
        "edits": {
            "copy": {"fair": True, "n": 60, "kept": 1.0},
            "passive": {"fair": True, "n": 12, "kept": 0.75},
            "negation": {"fair": False, "n": 40, "caught": 0.8},
            "role": {"fair": False, "n": gate.CONTRAST_MIN_PAIRS - 1, "caught": 0.0},
        },
    }
    assert gate.contrast_figures(summary) == {
        "fair_kept": 0.9,
        "caught": 0.5,
        "kept_passive": 0.75,
        "caught_negation": 0.8,
    }


def test_changed_data_fails_the_gate() -> None:
    first = gate.updated(None, MEASURED)
    changed = {"datasets": {"frank": {**MEASURED["datasets"]["frank"], "sha256": "b"}}}
    assert any("data changed" in line for line in gate.misses(first, changed))
