"""The OpenAI-compatible backend against a real local server: llama-cpp-python's own, serving SmolLM2."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time

import httpx
import pytest

from conftest import SHORT_BRIEF, TINY_TEMPLATE, run_newsdesk
from newsdesk.llm import get_model
from newsdesk.llm.embedded import default_model_path


@pytest.fixture(scope="module")
def server_url():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(default_model_path()), "--host", "127.0.0.1",
         "--port", str(port), "--n_ctx", "4096", "--model_alias", "smollm2"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/models", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.5)
        else:
            raise RuntimeError("llama_cpp.server did not start")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_chat_reports_tokens(server_url):
    model = get_model("openai:smollm2", base_url=server_url)
    completion = model.chat([{"role": "user", "content": "Name one colour."}], max_tokens=12)
    assert completion.text.strip()
    assert completion.prompt_tokens > 0 and 0 < completion.completion_tokens <= 12


def test_choice_probabilities_come_from_logprobs(server_url):
    model = get_model("openai:smollm2", base_url=server_url)
    probabilities = model.choice_probabilities(
        [{"role": "user", "content": "Is Paris in France? Answer Yes or No."}], ["Yes", "No"])
    assert set(probabilities) == {"Yes", "No"}
    assert abs(sum(probabilities.values()) - 1) < 1e-6
    assert probabilities["Yes"] != probabilities["No"]


def test_write_through_server(server_url, db_path):
    result = run_newsdesk("write", str(SHORT_BRIEF), "--model", "openai:smollm2", "--base-url", server_url,
                          "--template", str(TINY_TEMPLATE), "--format", "json", "-q", db=db_path)
    assert result.returncode == 0, result.stderr.decode()
    article = json.loads(result.stdout)
    assert article["model"]["backend"] == "openai" and article["model"]["drafting"] == "free"
    assert article["stats"]["llm_calls"] >= 3  # title/dek/intro + two sections (+ revisions)
    assert article["stats"]["prompt_tokens"] > 0


def test_unknown_model_on_server(server_url, db_path):
    # llama_cpp.server answers any model name; a wrong base path is the error users actually hit.
    result = run_newsdesk("write", str(SHORT_BRIEF), "--model", "openai:smollm2", "--base-url",
                          server_url.removesuffix("/v1") + "/nope", db=db_path)
    assert result.returncode == 2
    err = result.stderr.decode()
    assert err.strip().splitlines()[-1].startswith("Error: ") and "Traceback" not in err


def test_verifier_judge_reads_a_real_server(server_url):
    from newsdesk.models import Passage
    from newsdesk.verify import Verifier

    passages = [Passage(text="The Springfield city council voted 7 to 2 on Tuesday to build protected bike lanes "
                             "along Main Street.", source_number=1)]
    model = get_model("openai:smollm2", base_url=server_url)
    check = Verifier(judge=model).check("The city council voted 7 to 2 to build bike lanes.", passages)
    assert 0.0 <= check.details["judge"] <= 1.0
    assert "judge_error" not in check.details
