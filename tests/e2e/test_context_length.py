"""The embedded model's context is held to what it was trained on: a larger one is refused before llama.cpp
allocates its KV cache (Smoke test 39b #7: --context-length 100000 took 2.7 GB, 1000000 would have taken 23)."""

from __future__ import annotations

import resource
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsdesk.cli import cli
from newsdesk.errors import ModelError
from newsdesk.llm.embedded import EmbeddedModel, default_model_path, trained_context


def test_the_trained_context_is_read_without_a_context() -> None:
    assert trained_context(default_model_path()) == 8192


def test_a_context_past_the_trained_one_is_refused_before_it_is_allocated() -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(ModelError, match=r"16,384 tokens is more than .* was trained on \(8,192\)"):
        EmbeddedModel.from_spec("smollm2", context_length=16384)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200_000  # KB: no 16k-token KV cache


def test_the_cli_says_so_in_one_line(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Bridge closes\n\nThe bridge closed on Monday after an inspection found cracks in its deck.\n")
    result = CliRunner().invoke(
        cli, ["write", str(story), "--db", str(tmp_path / "n.db"), "-q", "--context-length", "100000"]
    )
    assert result.exit_code != 0 and "give --context-length 8192 or less" in result.output
    assert "Traceback" not in result.output
