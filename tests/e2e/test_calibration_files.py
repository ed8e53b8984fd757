"""A calibration file (``verify --calibration``, ``eval verify --calibration``) of the wrong shape or out of range is
refused where it is read, with the field named: never a traceback at the first sentence checked, never a threshold
of 1.5 taken as given."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsdesk.cli import cli

STORY = "Bridge reopens\n\nThe harbour bridge reopened on Monday after a year of repairs, the council said.\n"
DRAFT = "The harbour bridge reopened on Monday.\n"

BAD_FILES = [
    ('{"kind_offsets": "x"}', 'kind_offsets must be an object of numbers by kind, e.g. {"analysis": -3.0}'),
    ('{"kind_offsets": {"analysis": "low"}}', "kind_offsets must be an object of numbers by kind"),
    ('{"kind_offsets": {"anlysis": -3.0}}', "kind_offsets names an unknown kind 'anlysis'"),
    ('{"features": 5}', "features must be a list of feature names, 7 of them"),
    ('{"scale": [0, 0, 0, 0, 0, 0, 0]}', "scale must be 7 numbers above 0 (standard deviations)"),
    ('{"scale": [1, 1, 1, 1, 1, 1, -1]}', "scale must be 7 numbers above 0"),
    ('{"weights": [1, 1, 1, 1, 1, 1, NaN]}', "weights must be 7 numbers, one per feature"),
    ('{"threshold": 1.5}', "threshold must be more than 0 and less than 1, not 1.5"),
    ('{"threshold": 0}', "threshold must be more than 0 and less than 1, not 0"),
    ('{"judge_weight": -0.5}', "judge_weight must be from 0 to 1, not -0.5"),
    ('{"bias": Infinity}', "bias must be a number"),
    ('{"source": ["fit on FRANK"]}', "source must be an object"),
    # silently the hand-set prior, in place of the shipped fit, before these were refused
    ("{}", "holds no calibration field"),
    ('{"treshold": 0.4}', "unknown keys: treshold"),
]


@pytest.fixture()
def files(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "draft.md").write_text(DRAFT, encoding="utf-8")
    rows = [{"document": STORY, "claim": "The bridge reopened on Monday.", "label": 1}]
    (tmp_path / "rows.jsonl").write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    return {name: str(tmp_path / name) for name in ("story.txt", "draft.md", "rows.jsonl")}


@pytest.mark.parametrize(("content", "message"), BAD_FILES, ids=[content for content, _ in BAD_FILES])
@pytest.mark.parametrize("command", ["verify", "eval verify"])
def test_a_calibration_file_of_the_wrong_shape_names_the_field(
    files: dict[str, str], tmp_path: Path, command: str, content: str, message: str
) -> None:
    calibration = tmp_path / "calibration.json"
    calibration.write_text(content, encoding="utf-8")
    args = (
        ["verify", "-s", files["story.txt"], "--text", files["draft.md"]]
        if command == "verify"
        else ["eval", "verify", files["rows.jsonl"]]
    )
    result = CliRunner().invoke(cli, [*args, "--calibration", str(calibration)])
    assert result.exit_code == 2, result.output
    assert f"Error: calibration file {calibration}: {message}" in result.output


def test_the_shipped_calibration_passes_its_own_checks(files: dict[str, str], tmp_path: Path) -> None:
    from importlib import resources

    shipped = tmp_path / "shipped.json"
    shipped.write_text((resources.files("newsdesk.verify") / "calibration.json").read_text("utf-8"), encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["verify", "-s", files["story.txt"], "--text", files["draft.md"], "--calibration", str(shipped)]
    )
    assert result.exit_code == 0, result.output
