"""With a model server the article keeps its shape (issue 17, item 9), against a scripted OpenAI-compatible server on
127.0.0.1 that writes what real models write and refuses what does not fit its context:

- a prompt longer than the server's context is refused with the stated limit; the run shrinks its sources to that
  limit and asks again, and the article is written to the end;
- a heading the model writes for another section ends that section's answer; one Pros/Cons pair; no takeaway
  that begins "Cons:"; an intro the model did not write is taken from the story;
- the README's call budget holds (at most 2 judge and 2 revision calls, 12 in all), with a progress line for
  every call.
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess

import pytest

from conftest import DATA, run_newsdesk
from newsdesk.write import from_model
from support.chatserver import ScriptedChatServer

STORY = DATA / "harbour-story.txt"
CONTEXT = 1536  # tokens, counted by the server at 3 characters a token: a 4,000-character story does not fit whole

# Sentences no source supports: the check fails them, so the revision step has work to do.
UNSUPPORTED = [
    "The mayor of Port Alder resigned on Friday after the vote.",
    "The bridge will cost each household £900 a year in extra tax.",
    "Engineers found cracks in the old harbour wall last winter.",
    "The national government has promised a second bridge by 2031.",
]
LOAN = "Finance officers told councillors the loan would cost the town about £310,000 a year in repayments."
LICENCE = "The bridge still needs a marine licence from the national coastal agency."
AFTER_OTHER_HEADINGS = "The lifting span will be painted bright green for the opening ceremony."


def _script(request: dict) -> str:
    user = str(request["messages"][-1]["content"])
    source = str(request["messages"][0]["content"])
    lead = next((line for line in source.splitlines() if line.startswith("The Port Alder town council")), "")
    if "TITLE:" in user:  # a small model that forgets the intro
        return "TITLE: Will Port Alder's harbour bridge pay off?\nDEK: The council voted 9 to 4 to build the bridge."
    if user.startswith("Each numbered sentence"):
        count = len(re.findall(r"^\d+\. Sentence:", user, re.MULTILINE))
        return "\n".join(f"{n}. DROP" for n in range(1, count + 1))
    if '"In-Depth Analysis"' in user:
        return (
            "### In-Depth Analysis\n### What is at stake\n- "
            + LOAN
            + "\n- "
            + UNSUPPORTED[1]
            + f"\n### Key Takeaways\n- {AFTER_OTHER_HEADINGS}\n### Future Outlook\n- {AFTER_OTHER_HEADINGS}"
        )
    if '"Pros and Cons"' in user:
        return (
            "Pros:\n- The Port Alder Cycling Club welcomed the vote.\nCons:\n- Opposition councillor Declan "
            "Reyes voted against the plan.\nPros:\n- The Alder Estuary Trust said it was satisfied with the "
            "bridge's piers.\nCons:\n- The harbour traders' association also criticised the decision."
        )
    if '"Key Takeaways"' in user:  # the lead again, which the intro holds: dropped as drafted (points once)
        return f"- {lead}\n- {LICENCE}\n- {UNSUPPORTED[3]}\n- Cons: {AFTER_OTHER_HEADINGS}"
    return " ".join([lead, *UNSUPPORTED])


@pytest.fixture(scope="module")
def server():
    server = ScriptedChatServer(delay=0.0, script=_script, context=CONTEXT)
    yield server
    server.close()


@pytest.fixture(scope="module")
def written(server, tmp_path_factory):
    db = tmp_path_factory.mktemp("server-article") / "newsdesk.db"
    result = _write(server, db, "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    with sqlite3.connect(db) as conn:
        purposes = [row[0] for row in conn.execute("SELECT purpose FROM llm_calls ORDER BY id")]
    return json.loads(result.stdout), result.stderr.decode(), purposes


def _sentences(section: dict) -> list[str]:
    return [s["text"] for b in section["blocks"] if b["type"] != "subheading" for s in b["sentences"]]


def _subheadings(section: dict) -> list[str]:
    return [b["sentences"][0]["text"] for b in section["blocks"] if b["type"] == "subheading"]


def test_a_story_longer_than_the_servers_context_is_written_to_the_end(server, written):
    article, _, _ = written
    assert server.refused, "the first prompt did not fit the server's context"
    assert all(server.prompt_tokens(r) + r["max_tokens"] <= CONTEXT for r in server.requests)
    assert article["model"]["context_length"] == CONTEXT, "the limit the server stated is the one used"
    assert any(f"context of {CONTEXT} tokens" in note for note in article["notes"])
    # every section was written; one whose every sentence the check dropped (this server's unsupported claims, the
    # lead again) is left out, and the notes name it
    present = [s["id"] for s in article["sections"]]
    assert {"analysis", "pros-cons", "takeaways"} <= set(present)
    headings = {
        "context": "Context & Background",
        "analysis": "In-Depth Analysis",
        "pros-cons": "Pros and Cons",
        "takeaways": "Key Takeaways",
        "outlook": "Future Outlook",
        "call-to-action": "Call to Action",
    }
    assert present == [sid for sid in headings if sid in present]
    for sid, heading in headings.items():
        assert sid in present or any(n.startswith(f"{heading} is left out: ") for n in article["notes"]), sid


def test_the_intro_comes_from_the_story_when_the_model_writes_none(written):
    article, _, _ = written
    assert article["intro"]["note"] is None and _sentences(article["intro"])
    story = " ".join(STORY.read_text(encoding="utf-8").split())
    assert all(sentence in story for sentence in _sentences(article["intro"])), "the intro is the story's own words"
    # the story's lead opens the article: in the intro, or in the dek (checked first), which the intro never repeats
    opening = [article["dek"], *_sentences(article["intro"])]
    assert any(s.startswith("The Port Alder town council voted 9 to 4") for s in opening[:2])
    failed = (from_model.EMPTY_NOTE, from_model.NO_SENTENCE_NOTE)
    assert not [s["id"] for s in article["sections"] if s["note"] in failed]


def test_no_heading_of_another_section_nests_in_a_section(written):
    article, _, _ = written
    sections = {s["id"]: s for s in article["sections"]}
    assert _subheadings(sections["analysis"]) == ["What is at stake"]
    assert [b["type"] for b in sections["pros-cons"]["blocks"]] == ["subheading", "bullet", "bullet"] * 2
    assert _subheadings(sections["pros-cons"]) == ["Pros", "Cons"], "one Pros/Cons pair, with all four points"
    assert not [t for t in _sentences(sections["takeaways"]) if t.lower().startswith("cons")]
    everything = json.dumps(article)
    assert "painted bright green" not in everything, "what followed another section's heading was never drafted"


def test_the_call_budget_holds_with_a_progress_line_for_every_call(written):
    article, stderr, purposes = written
    assert purposes.count("judge") <= 2 and purposes.count("revise") <= 2 and len(purposes) <= 12
    assert purposes.count("revise") >= 1, "sentences failed the check, so a revision was asked for"
    assert len(purposes) == article["stats"]["llm_calls"] + article["stats"]["cached_calls"]
    lines = stderr.splitlines()
    writes = [line for line in lines if re.search(r"\ds Writing ", line)]
    assert len(writes) == len(purposes) - purposes.count("judge") - purposes.count("revise") == 7
    assert len([line for line in lines if "asking the model to judge" in line]) == purposes.count("judge")
    rewriting = [line for line in lines if re.search(r"\ds Rewriting sentence", line)]
    assert len(rewriting) == purposes.count("revise")
    assert all(re.search(r"\(call \d of \d", line) for line in rewriting)
    assert not [line for line in lines if "0 of" in line and "done" in line], "no progress that counts nothing"


def test_the_refusals_of_known_servers_are_read_for_their_numbers():
    from newsdesk.llm.server import context_refusal

    openai_style = context_refusal(
        400,
        "This model's maximum context length is 2048 tokens. However, you requested "
        "2966 tokens (2566 in the messages, 400 in the completion).",
    )
    assert (openai_style.limit, openai_style.prompt_tokens) == (2048, 2566)
    llama_server = context_refusal(
        400,
        "request (4476 tokens) exceeds the available context size (4096 tokens) "
        '{"type": "exceed_context_size_error", "n_prompt_tokens": 4476, "n_ctx": 4096}',
    )
    assert (llama_server.limit, llama_server.prompt_tokens) == (4096, 4476)
    unstated = context_refusal(400, "the request exceeds the available context size, try increasing it")
    assert unstated is not None and (unstated.limit, unstated.prompt_tokens) == (None, None)
    assert context_refusal(400, "model 'x' not found") is None
    assert context_refusal(500, "maximum context length is 2048 tokens") is None, "a 500 is a server fault"


def test_context_length_is_honoured_before_any_request(server, tmp_path):
    """A user who gives the server's context (--context-length) gets prompts that fit it from the first call."""
    refused_before = len(server.refused)
    result = run_newsdesk(
        "write",
        str(STORY),
        "--model",
        "openai:scripted",
        "--base-url",
        server.base_url,
        "--context-length",
        str(CONTEXT),
        "--format",
        "json",
        "--no-rerank",
        "--no-judge",
        db=tmp_path / "n.db",
    )
    assert result.returncode == 0, result.stderr.decode()
    article = json.loads(result.stdout)
    assert article["model"]["context_length"] == CONTEXT
    assert any("trimmed" in note for note in article["notes"]), "the story was cut to fit from the start"
    assert len(server.refused) - refused_before <= 1, "at most one refusal, to learn the server's token count"


def test_a_context_that_holds_no_prompt_is_an_error_not_a_title_over_notes(tmp_path) -> None:
    tiny = ScriptedChatServer(delay=0.0, script=_script, context=250)
    try:
        result = run_newsdesk(
            "write", str(STORY), "--model", "openai:scripted", "--base-url", tiny.base_url, db=tmp_path / "n.db"
        )
    finally:
        tiny.close()
    error = result.stderr.decode().strip().splitlines()[-1]
    assert result.returncode == 2 and error.startswith("Error: nothing could be written: no prompt fits"), error
    assert "context of 250 tokens" in error and "--context-length" in error
    with sqlite3.connect(tmp_path / "n.db") as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (0,), "nothing saved"


def _write_against(context: int, tmp_path, *extra: str) -> tuple[subprocess.CompletedProcess, ScriptedChatServer]:
    """A run against a server with ``context`` tokens (the model's context unknown to newsdesk until refused)."""
    server = ScriptedChatServer(delay=0.0, script=_script, context=context)
    try:
        result = _write(server, tmp_path / "n.db", *extra)
    finally:
        server.close()
    return result, server


def _write(server: ScriptedChatServer, db, *extra: str) -> subprocess.CompletedProcess:
    """``newsdesk write`` of the story against the scripted server."""
    return run_newsdesk(
        "write", str(STORY), "--model", "openai:scripted", "--base-url", server.base_url, "--no-rerank", *extra, db=db
    )


def test_a_context_that_holds_the_title_but_no_section_is_an_error(tmp_path) -> None:
    """The title's call fits, no section's does: a title and dek over "not written" notes is no article (Smoke
    test 35 #5: llama.cpp at --n_ctx 512 saved one, exit 0)."""
    template = tmp_path / "big-section.yaml"
    template.write_text(
        "name: big-section\nheadline:\n  target_words: 20\n  instructions: Write a title, a dek and an intro.\n"
        "sections:\n  - id: analysis\n    heading: In-Depth Analysis\n    kind: analysis\n    format: paragraphs\n"
        "    target_words: 250\n    instructions: Explain what the story means.\n",
        encoding="utf-8",
    )
    result, server = _write_against(600, tmp_path, "--template", str(template))
    assert server.answered >= 1, "the title's call was made"
    error = result.stderr.decode().strip().splitlines()[-1]
    assert result.returncode == 2 and error.startswith("Error: nothing could be written: no section's prompt fits")
    assert "context of 600 tokens" in error
    with sqlite3.connect(tmp_path / "n.db") as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (0,), "nothing saved"


def test_a_story_trimmed_to_a_small_context_still_opens_with_its_own_intro(tmp_path) -> None:
    """The sources trimmed to a 600-token context are the story's first passage, the dek's sentence: the intro the
    model left out comes from the whole story (it costs no prompt), and a rewrite whose prompt cannot fit gets a
    warning, never a progress line for a call that is not made (Smoke test 35 #5)."""
    result, _ = _write_against(600, tmp_path, "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    article = json.loads(result.stdout)
    intro = _sentences(article["intro"])
    story = " ".join(STORY.read_text(encoding="utf-8").split())
    assert intro and article["intro"]["note"] is None and all(sentence in story for sentence in intro)
    lines = result.stderr.decode().splitlines()
    assert not [line for line in lines if re.search(r"\ds Rewriting sentence", line)], "no revise call was made"
    assert [line for line in lines if re.match(r"warning: \d+ failing sentences not rewritten: the prompt", line)]


def test_a_rewrite_refused_for_the_context_is_sent_again_with_a_warning_and_a_note(tmp_path) -> None:
    """The drafts fit a 2,500-token server, the first batch of rewrites does not: the batch is sent again smaller,
    under the progress line it already has, with a warning, and the notes say what the server's context did
    (Smoke test 35 #13). 2,500 tokens: each of this server's unsupported sentences is drafted once (the sections
    that repeat them lose them as drafted), so its batch of rewrites is smaller and a smaller context refuses it."""
    result, server = _write_against(2500, tmp_path, "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    assert server.refused, "a rewrite's prompt did not fit the server's context"
    lines = result.stderr.decode().splitlines()
    rewriting = [line for line in lines if re.search(r"\ds Rewriting sentence", line)]
    revisions = [r for r in server.requests if str(r["messages"][-1]["content"]).startswith("Each numbered sentence")]
    assert len(rewriting) == len(revisions) >= 1, "one progress line for each call"
    assert [line for line in lines if line.startswith("warning: ") and "rewrite call is sent again" in line]
    article = json.loads(result.stdout)
    assert any("context of 2,500 tokens" in note for note in article["notes"]), article["notes"]
