"""The calibration the verifier falls back on when none is fitted: one weight per feature, usable as it is."""

from __future__ import annotations

from newsdesk.models import Passage
from newsdesk.verify import Calibration, Verifier
from newsdesk.verify._measure import FEATURES


def test_the_default_calibration_has_one_weight_per_feature_and_scores_a_sentence() -> None:
    calibration = Calibration()
    assert len(calibration.weights) == len(calibration.mean) == len(calibration.scale) == len(FEATURES)
    # scripts/calibrate_verify.py measures with it before anything is fitted
    passages = [Passage(text="The council approved the harbour bridge on Tuesday.", source_number=1)]
    _, measure, _ = Verifier(calibration).assess("The council approved the harbour bridge on Tuesday.", passages)
    assert 0.0 < calibration.probability(measure) < 1.0
