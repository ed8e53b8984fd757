"""A model that reads its request back (smoke test 42 #17: "The story in two or three short sub-sections about
...", published as a cited fact): against a scripted OpenAI-compatible server on 127.0.0.1, since a small local
model does this only now and then. The article never holds a sentence that restates what a call asked for, and
keeps the model's sentences about the story."""

from __future__ import annotations

import pytest

from conftest import DATA
from support.chatserver import scripted_article

STORY = DATA / "harbour-story.txt"
DEK = "The Port Alder town council voted 9 to 4 to build a £48 million bridge across the old harbour."
INTRO_ECHO = "This intro says what happened and why it matters for Port Alder."
INTRO = "The bridge will carry buses, cyclists and people on foot, but not private cars."
ANALYSIS_ECHO = "The story in two or three short sub-sections about the harbour is an account of the council's vote."
NEW_POINT = "Opposition councillor Declan Reyes voted against the plan."
ACTION_ECHO = "Readers should judge new claims about this story with care."
ACTION = "The council said it would publish a construction plan in June and consult traders on working hours."
ECHOES = (INTRO_ECHO, ANALYSIS_ECHO, ACTION_ECHO)


def _script(request: dict) -> str:
    user = str(request["messages"][-1]["content"])
    if "TITLE:" in user:
        return f"TITLE: Will Port Alder's harbour bridge pay off?\nDEK: {DEK}\nINTRO: {INTRO_ECHO} {INTRO}"
    if user.startswith("Each numbered sentence"):
        return "\n".join(f"{n}. DROP" for n in range(1, user.count("Sentence:") + 1))
    if '"In-Depth Analysis"' in user:
        return f"### The vote\n- {ANALYSIS_ECHO}\n- {NEW_POINT}"
    if '"Call to Action"' in user:
        return f"{ACTION_ECHO} {ACTION}"
    if '"Key Takeaways"' in user:
        return "- Finance officers told councillors the loan would cost the town about £310,000 a year."
    return "The council expects the bridge to open in the summer of 2029."


@pytest.fixture(scope="module")
def article(tmp_path_factory):
    return scripted_article(_script, str(STORY), tmp_path_factory.mktemp("request-echo") / "newsdesk.db")


def _texts(article: dict) -> list[str]:
    parts = [article["intro"], *article["sections"]]
    return [s["text"] for part in parts for b in part["blocks"] if b["type"] != "subheading" for s in b["sentences"]]


def test_no_sentence_reads_the_request_back(article):
    published = _texts(article) + [article["dek"]]
    assert not [s for s in published if any(echo in s for echo in ECHOES)], published
    assert not [d for d in article.get("dropped", []) if any(echo in d["text"] for echo in ECHOES)], (
        "an echo of the prompt is no claim that failed its check: it never reaches the check"
    )


def test_the_models_sentences_about_the_story_stay(article):
    published = _texts(article)
    assert NEW_POINT in published
    assert INTRO in published
    assert ACTION in published
