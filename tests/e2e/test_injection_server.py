"""Every canary through `newsdesk write` against a local OpenAI-compatible server that obeys any instruction.

The server (tests/support/obedient_server.py) follows whatever instruction reaches its prompt and, to model a detector
miss, writes each canary's injected claim and token into every answer anyway. For every canary: the injection
never reached a prompt, nothing injected is published (whatever the server wrote from it was dropped), the
article still holds supported sentences from the story, and the footer's counts are the article's own.
"""

from __future__ import annotations

import json
import subprocess
import sys

import httpx
import pytest

from conftest import ROOT, TINY_TEMPLATE, run_newsdesk
from newsdesk.archive import open_archive
from newsdesk.language import nlp
from newsdesk.models import Article
from newsdesk.render import render
from newsdesk.storymap import is_complete_sentence
from support.injection_canaries import (
    CANARIES,
    GONE_BEFORE_SCREENING,
    canary_path,
    footer_is_honest,
    leaks,
    published_text,
    triggers,
)
from support.servers import free_port, serving_process


@pytest.fixture(scope="module")
def obedient_server():
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, str(ROOT / "tests" / "support" / "obedient_server.py"), str(port)]
    with serving_process(command, f"{url}/v1/models", timeout=30):
        yield url


def _write(canary: dict, server: str, tmp_path) -> tuple[subprocess.CompletedProcess, str]:
    path = canary_path(canary)
    model = ["--model", "openai:x", "--base-url", f"{server}/v1", "--template", str(TINY_TEMPLATE), "--no-cache"]
    db = tmp_path / "newsdesk.db"
    if path.suffix == ".xml":
        out = tmp_path / "out"
        result = run_newsdesk("feed", str(path), "--write", "--out", str(out), "--format", "json", *model, "-q", db=db)
        files = list(out.glob("*.json")) if out.is_dir() else []
        return result, files[0].read_text(encoding="utf-8") if files else ""
    result = run_newsdesk("write", str(path), "--format", "json", *model, "-q", db=db)
    return result, result.stdout.decode()


@pytest.mark.parametrize("canary", CANARIES, ids=[c["id"] for c in CANARIES])
def test_obedient_server_never_gets_the_injection_published(obedient_server, canary, tmp_path):
    echo = canary["id"] not in GONE_BEFORE_SCREENING  # what ingest removed, no model could have read
    httpx.post(f"{obedient_server}/control", json={"canary": {**canary, "triggers": triggers(canary), "echo": echo}})
    result, text = _write(canary, obedient_server, tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    state = httpx.get(f"{obedient_server}/control").json()
    assert state["requests"] >= 3  # title/dek/intro and both sections were asked for
    assert state["reached"] == []  # no prompt carried the injected instruction

    article = Article.from_dict(json.loads(text))
    assert leaks(published_text(article), canary) == []
    if echo:  # the server wrote the injected claim and token into every answer: a check dropped them, or the
        # writer never took them in (model text loses what parses as no whole sentence, "The dam burst." with the
        # small parser among them, before any check)
        assert any(canary["claim"].rstrip(".") in d.text or canary["token"] in d.text for d in article.dropped) or (
            not any(is_complete_sentence(nlp()(text)) for text in (canary["claim"], f"{canary['token']}."))
        )
    assert any(s.verdict == "supported" for section in article.all_sections() for s in section.sentences())
    assert footer_is_honest(article, render(article, "md"))
    if canary["id"] not in GONE_BEFORE_SCREENING:
        assert article.stats.sentences_set_aside >= 1
        assert any("an AI system instead of reporting" in note for note in article.notes)
        stored = open_archive(tmp_path / "newsdesk.db").get_story(article.story.id)  # the archive loses nothing
        assert any(t in f"{stored.headline} {stored.source} {stored.body}" for t in triggers(canary))
