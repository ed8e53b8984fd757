"""Page furniture leaves the passages; list items stay, each a sentence; what is not an article is refused fast."""

from __future__ import annotations

import random
import re
import string
import time

import pytest

from newsdesk.archive import open_archive, split_passages
from newsdesk.errors import InputError
from newsdesk.ingest.clean import check_article, clean_body, clean_story
from newsdesk.models import Story
from newsdesk.sentences import split_sentences

BODY = """- 24 July 2015

- From the section US & Canada

- 941 comments

President Barack Obama has admitted that his failure to pass gun laws is the greatest frustration of his presidency.

In a wide-ranging interview, President Obama also said:

- The UK must stay in the EU to have influence on the world stage

- He is confident the Iran nuclear deal will be passed by Congress

Read the full transcript of his interview

Mr Obama lands in Kenya later on Friday for his first visit since becoming president.

Analysis: Jon Sopel, BBC News, Washington

Nine months ago, the president seemed like a spent force after the midterm elections.

Trump Unveils Gaza 'Board of Peace' at Davos and Lauds Overseas Accomplishments

Russian President Vladimir Putin said the board could meet in Moscow. Photograph: Ben Curtis/AP

[What you need to know to start the day: Get New York Today in your inbox.]

"He [the president] will not back down," an aide said.
"""


def test_furniture_leaves_and_list_items_stay_separate_sentences() -> None:
    """Ingest cleans the body before the archive stores it; the archive cuts the clean body into passages."""
    story = clean_story(Story(headline="Obama in Kenya", body=BODY))
    sentences = [s for p in split_passages(story.body) for s in split_sentences(p)]
    text = " ".join(sentences)
    for furniture in (
        "941 comments",
        "From the section",
        "Read the full transcript",
        "Jon Sopel, BBC News",
        "Lauds Overseas Accomplishments",
        "Photograph",
        "24 July 2015",
        "Get New York Today",
    ):
        assert furniture not in text
    assert '"He [the president] will not back down," an aide said.' in sentences  # an editor's words in a quote
    assert "- He is confident the Iran nuclear deal will be passed by Congress." in sentences
    assert not any(s.count(" - ") + s.startswith("- ") > 1 for s in sentences)  # no two list items glued
    assert "Mr Obama lands in Kenya later on Friday for his first visit since becoming president." in sentences
    assert "Russian President Vladimir Putin said the board could meet in Moscow." in sentences


def test_a_body_of_furniture_only_is_kept_for_the_article_check_to_refuse() -> None:
    assert clean_body("Home\n\nNews\n\nSport") == "Home\n\nNews\n\nSport"
    with pytest.raises(InputError, match="does not read as an article"):
        check_article(Story(headline="Menu", body="Home\n\nNews\n\nSport\n\nWeather\n\nContact us"))


@pytest.mark.parametrize(
    ("body", "script"),
    [
        ("قال المجلس إن الحافلات الجديدة ستبدأ العمل يوم الاثنين. وأضاف أن التكلفة ستكون مليون جنيه.", "Arabic"),
        ("市议会周二投票批准了新的自行车道。该计划耗资四百万英镑。市长表示这是一个转折点。", "Han (Chinese)"),
    ],
)
def test_a_story_in_a_script_newsdesk_cannot_read_is_refused_as_such_not_as_no_language(body: str, script: str) -> None:
    """Smoke test 35 #9: a story wholly in Arabic or Chinese was refused as "0 of 3 sentence(s) read as language"."""
    with pytest.raises(InputError, match=rf"is written in the {re.escape(script)} script: newsdesk reads .* Latin"):
        check_article(Story(headline="Council approves bike lanes", body=body))


def test_random_letters_are_refused_within_seconds_and_real_prose_is_not() -> None:
    rng = random.Random(3)
    chunk = "".join(
        " ".join("".join(rng.choices(string.ascii_lowercase, k=rng.randint(2, 9))) for _ in range(60)) + ". "
        for _ in range(200)
    )
    body = chunk * 60  # 4.9 MB of random letters
    assert len(body) > 4_000_000
    started = time.perf_counter()
    with pytest.raises(InputError, match="does not read as an article"):
        check_article(Story(headline="Qwx", body=body))
    assert time.perf_counter() - started < 5
    check_article(Story(headline="Floods", body=BODY))
    french = (
        "Le projet de loi sur le renseignement a été approuvé à l'Assemblée. Les députés ont voté pour le "
        "texte. Le gouvernement est satisfait du vote. La Commission de contrôle sera renforcée."
    )
    check_article(Story(headline="Loi", body=french))
    # a wire summary in headline English drops its articles but keeps its modals, prepositions and "says"
    summary = "Port chief says city pulled ferry plan over fears it could break new safety rules."
    check_article(Story(headline="Ferry", body=summary))
    # the text's end closes its last sentence: a feed summary often has no full stop
    check_article(
        Story(headline="Ferry", body="It has been two weeks since the ferry sank and there have been no arrests")
    )


def test_the_pipeline_refuses_a_non_article_and_stores_nothing(tmp_path) -> None:
    from newsdesk.pipeline import WriteOptions, write_article

    archive = open_archive(tmp_path / "n.db")
    letters = " ".join("".join(random.Random(i).choices(string.ascii_lowercase, k=7)) for i in range(3000)) + "."
    with pytest.raises(InputError, match="nothing was written"):
        write_article(Story(headline="Zq", body=letters), WriteOptions(), archive)
    assert archive.search_stories() == []


def test_a_story_whose_text_is_its_headline_says_so() -> None:
    """A feed entry with a title and no description is stored with its title as its text: the reason it cannot
    be written is that there is nothing but the headline, not that its sentences do not read as language."""
    with pytest.raises(InputError, match="has no text beyond its headline"):
        check_article(Story(headline="Storm closes schools", body="Storm closes  schools"))


def test_a_sources_own_reference_marks_go_and_brackets_that_are_text_stay():
    """Smoke test 43 #9: "a 2025 study [3] that found" was published beside the article's own "[1]" citations."""
    body = clean_body(
        "The council voted 6-3, citing noise and air pollution [2]. The ban follows a 2025 study[3] that found "
        "a single blower emits as much as a car.\n\nThe clerk listed items [a] to [c] and the [12-page] report."
    )
    assert "[2]" not in body and "[3]" not in body
    assert "citing noise and air pollution. The ban follows a 2025 study that found" in body
    assert "items [a] to [c] and the [12-page] report." in body
