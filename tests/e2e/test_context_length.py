"""The embedded model's context is held to what it was trained on: a larger one is refused before llama.cpp
allocates its KV cache (Smoke test 39b #7: --context-length 100000 took 2.7 GB, 1000000 would have taken 23)."""

from __future__ import annotations

import resource
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import run_newsdesk
from newsdesk import archive
from newsdesk.cli import cli
from newsdesk.errors import ModelError
from newsdesk.llm import check_context_length
from newsdesk.llm.embedded import EmbeddedModel, default_model_path, model_path, trained_context

REFUSAL = (
    "Error: a context of 100,000 tokens is more than SmolLM2-135M-Instruct (Q4_1) was trained on (8,192): "
    "give --context-length 8192 or less\n"
)


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


def test_serve_refuses_it_at_startup(tmp_path: Path) -> None:
    """serve started, said nothing, and each worker failed every job it took with this message."""
    db = tmp_path / "n.db"
    result = run_newsdesk("serve", "--port", "0", "--workers", "0", "--context-length", "100000", db=db, timeout=30)
    assert result.returncode == 2
    assert result.stderr.decode() == REFUSAL  # one line, no traceback
    assert not db.exists()  # refused before the app opened (and made) its database


def test_a_worker_refuses_it_at_startup(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    archive.open(db).close()
    result = run_newsdesk("worker", "--until-idle", "--context-length", "100000", db=db, timeout=60)
    assert result.returncode == 2
    assert result.stderr.decode() == REFUSAL


@pytest.mark.parametrize(
    "env",
    [{"OPENAI_BASE_URL": "http://127.0.0.1:9/v1"}, {"OPENAI_API_KEY": "sk-test"}],
    ids=["a server named", "OpenAI's own API"],
)
def test_a_worker_for_a_server_model_keeps_its_context(tmp_path: Path, env: dict[str, str]) -> None:
    """A server states its own context, which may be far larger than the embedded model's."""
    db = tmp_path / "n.db"
    archive.open(db).close()
    result = run_newsdesk("worker", "--until-idle", "--context-length", "100000", db=db, env=env, timeout=60)
    assert result.returncode == 0, result.stderr.decode()


def test_a_server_model_is_not_held_to_the_embedded_models_context() -> None:
    check_context_length("openai:big", base_url=None, context_length=100_000)
    check_context_length("big", base_url="http://127.0.0.1:9/v1", context_length=100_000)
    with pytest.raises(ModelError, match="give --context-length 8192 or less"):
        check_context_length("smollm2", base_url=None, context_length=100_000)


def test_a_model_file_is_looked_for_each_time(tmp_path: Path) -> None:
    """A long-running server or worker resolves its model again for each job: a file gone since is said so."""
    model = tmp_path / "model.gguf"
    model.write_bytes(b"GGUF")
    assert model_path(str(model)) == model
    model.unlink()
    with pytest.raises(ModelError, match="model file not found"):
        model_path(str(model))
