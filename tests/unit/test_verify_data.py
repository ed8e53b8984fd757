"""The verifier on real labelled rows (FRANK validation split in ../shared/data), and the shipped calibration."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from newsdesk.eval import evaluate, load_rows, row_passages
from newsdesk.eval.devdata import shared_data_dir
from newsdesk.verify import Calibration, Verifier, split_sentences
from newsdesk.verify._measure import FEATURES

ROWS = shared_data_dir() / "verify" / "frank_valid.jsonl"
# The quality floors on this data live in the evaluation gate (bench/verify_baseline.json, test_verify_gate.py).

pytestmark = pytest.mark.skipif(
    not ROWS.is_file() and os.environ.get("NEWSDESK_REQUIRE_SHARED") != "1",
    reason=f"dev data not found at {ROWS} (set NEWSDESK_SHARED_DATA)",
)


@pytest.fixture(scope="module")
def rows() -> dict[str, dict]:
    return {row["id"]: row for row in load_rows(ROWS)}


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier()


def claim_supported(verifier: Verifier, row: dict) -> bool:
    passages = row_passages(row["document"])
    return all(verifier.check(s, passages).supported for s in split_sentences(row["claim"]))


# Rows whose verdict is clear: extractive summaries the annotators passed, and summaries that carry a figure,
# age or date found nowhere in the story (the hallucinations that matter most in news).
CLEAR_SUPPORTED = [
    "c7ed46b2ff217b502514ba71d63ddcbb652e44a9:bart",
    "9fa944ff682d06dbca7c66e4badea3697cd9dbdd:bart",
    "72e150dabe78aa9876a4f07e8d27c3130b6d252c:bart",
    "b93353a4ea2c5e16d06107c42ad4b2ef152a5ff9:pgn",
]
INVENTED_SPECIFIC = {
    "37565125:TranS2S": "number: 90",  # "singer ... has died at the age of 90"
    "36258221:TranS2S": "number: 15",  # "jailed for sexually abusing a 15-year-old girl"
    "35130953:BERTS2S": "date: saturday",  # "the downing of a russian warplane by turkey on saturday"
    "36128472:TranS2S": "number: 70th",  # "to mark the 70th anniversary of the gallipoli landings"
    "29347895:PtGen": "number: 88",  # "christopher hogwood has died at the age of 88 ... of 72"
}


def test_clear_supported_rows(verifier: Verifier, rows: dict[str, dict]) -> None:
    for row_id in CLEAR_SUPPORTED:
        assert rows[row_id]["label"] == 1
        assert claim_supported(verifier, rows[row_id]), row_id


def test_invented_specifics_in_real_rows(verifier: Verifier, rows: dict[str, dict]) -> None:
    for row_id, missing in INVENTED_SPECIFIC.items():
        row = rows[row_id]
        assert row["label"] == 0
        passages = row_passages(row["document"])
        checks = [verifier.check(s, passages) for s in split_sentences(row["claim"])]
        assert not all(c.supported for c in checks), row_id
        assert missing in [m for c in checks for m in c.details["missing_specifics"]], row_id


def test_dev_set_evaluation_reports_every_row(verifier: Verifier, rows: dict[str, dict]) -> None:
    result = evaluate(verifier, list(rows.values())[:60], sweep=True)
    assert result["rows"] == 60 and result["sentences"] >= 60
    assert 0.5 < result["balanced_accuracy"] <= 1.0, result
    assert [point["threshold"] for point in result["sweep"]] == sorted(p["threshold"] for p in result["sweep"])


def test_shipped_calibration_matches_the_code() -> None:
    calibration = Calibration.load()
    assert calibration.features == FEATURES
    assert len(calibration.weights) == len(calibration.mean) == len(calibration.scale) == len(FEATURES)
    data = calibration.source["data"]
    assert data["frank"]["rows"] == 671 and data["articles"]["rows"] == 226
    assert all(len(entry["sha256"]) == 64 for entry in data.values())
    assert calibration.source["cross_validated"]["frank"] >= 0.70


def test_calibration_path_argument(tmp_path: Path, verifier: Verifier) -> None:
    strict = Calibration.load().to_dict()
    strict["threshold"] = 0.999
    path = tmp_path / "strict.json"
    path.write_text(json.dumps(strict))
    passages = row_passages("Flash floods killed 17 people across southern Texas on Wednesday.")
    assert verifier.check("Flash floods killed 17 people in southern Texas.", passages).supported
    assert not Verifier(path).check("Flash floods killed 17 people in southern Texas.", passages).supported
