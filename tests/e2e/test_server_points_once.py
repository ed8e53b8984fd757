"""Each point is made once with a model server too (smoke test 40b #11, the server path): against a scripted
OpenAI-compatible server on 127.0.0.1 whose takeaways restate its dek and whose analysis restates its intro and a
takeaway, which a small local model cannot be made to do on demand. The article keeps the first statement of each
point (dek, intro, takeaways, then the body) and the model's new points."""

from __future__ import annotations

import pytest

from conftest import DATA
from newsdesk.text import content_words
from support.chatserver import scripted_article

STORY = DATA / "harbour-story.txt"
DEK = "The Port Alder town council voted 9 to 4 to build a £48 million bridge across the old harbour."
INTRO = "The bridge will carry buses, cyclists and people on foot, but not private cars."
# the dek's point again, in other words: the verifier lets a summary restate the dek, so only drafting catches it
TAKEAWAY_AS_DEK = "Port Alder's council voted 9 to 4 to build the £48 million harbour bridge."
LOAN = "Finance officers told councillors the loan would cost the town about £310,000 a year in repayments."
NEW_POINT = "Opposition councillor Declan Reyes voted against the plan."


def _script(request: dict) -> str:
    user = str(request["messages"][-1]["content"])
    if "TITLE:" in user:
        return f"TITLE: Will Port Alder's harbour bridge pay off?\nDEK: {DEK}\nINTRO: {INTRO}"
    if user.startswith("Each numbered sentence"):
        return "\n".join(f"{n}. DROP" for n in range(1, user.count("Sentence:") + 1))
    if '"Key Takeaways"' in user:
        return f"- {TAKEAWAY_AS_DEK}\n- {LOAN}"
    if '"In-Depth Analysis"' in user:  # the intro's point, a takeaway's, then one of its own
        return f"{INTRO} The loan would cost the town about £310,000 a year in repayments, officers said. {NEW_POINT}"
    return "The council expects the bridge to open in the summer of 2029."


@pytest.fixture(scope="module")
def article(tmp_path_factory):
    return scripted_article(_script, str(STORY), tmp_path_factory.mktemp("points-once") / "newsdesk.db")


def _sentences(section: dict) -> list[str]:
    return [s["text"] for b in section["blocks"] if b["type"] != "subheading" for s in b["sentences"]]


def _repeats(sentence: str, earlier: list[str]) -> bool:
    """The verifier's redundancy bar: 60% of the sentence's content words are those of one earlier sentence."""
    words = set(content_words(sentence))
    return any(len(words & set(content_words(e))) >= 0.6 * len(words) for e in earlier)


def test_no_takeaway_makes_the_deks_point_again(article):
    sections = {s["id"]: s for s in article["sections"]}
    takeaways = _sentences(sections["takeaways"])
    assert _repeats(TAKEAWAY_AS_DEK, [article["dek"]]), "the dek (the model's, or the lead that replaced it)"
    assert not [t for t in takeaways if _repeats(t, [article["dek"]])], takeaways
    assert LOAN in takeaways, "a takeaway the dek does not make is kept"


def test_no_body_section_makes_a_point_of_the_dek_intro_or_takeaways_again(article):
    sections = {s["id"]: s for s in article["sections"]}
    head = [article["dek"], *_sentences(article["intro"]), *_sentences(sections["takeaways"])]
    assert INTRO in head
    analysis = _sentences(sections["analysis"])
    assert not [s for s in analysis if _repeats(s, head)], analysis
    assert NEW_POINT in analysis, "the model's new point is kept"
    # and the once-only rule runs through the whole body: the same sentence in several sections is given once
    body = [s for section in article["sections"] if section["id"] != "takeaways" for s in _sentences(section)]
    assert len(body) == len(set(body)), body
