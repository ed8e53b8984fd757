"""Background retrieval: related stories come back, unrelated ones, the story itself and its copies do not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import SHARED, SHARED_MISSING
from newsdesk.archive import Archive, open_archive
from newsdesk.archive.intake import ingest_feed
from newsdesk.ingest.feeds import read_feed
from newsdesk.models import Story
from newsdesk.retrieve import MAX_PASSAGES_PER_STORY, background, query_terms, recency_factor

FEEDS = SHARED / "feeds"

BRIDGE = [
    Story(
        headline="Rostock council debates harbour bridge",
        body="The Rostock city council began debating the planned harbour bridge on Monday. Supporters say the "
        "bridge would relieve traffic in the old town, while opponents fear the cost.",
        url="https://a.example/1",
        published="2026-01-10",
        source="Wire A",
    ),
    Story(
        headline="Harbour bridge cost rises to 40 million euros",
        body="The estimated cost of Rostock's harbour bridge has risen to 40 million euros, the city's building "
        "office said. The council will vote on the bridge next week.",
        url="https://a.example/2",
        published="2026-01-12",
        source="Wire B",
    ),
    Story(
        headline="Old town residents protest against harbour bridge",
        body="Hundreds of residents of Rostock's old town protested against the harbour bridge on Saturday, "
        "saying the bridge would bring heavy traffic into narrow streets.",
        url="https://a.example/3",
        published="2026-01-13",
        source="Wire C",
    ),
]
UNRELATED = [
    Story(
        headline="Rail strike ends after six days",
        body="Rail unions ended their strike on Monday after six days of talks with the operator. Trains are "
        "running normally again across the country.",
        url="https://b.example/1",
        published="2026-01-12",
    ),
    Story(
        headline="Chess champion retires",
        body="The world chess champion announced her retirement on Sunday after twenty years at the top of the "
        "game, saying she wanted to spend time with her family.",
        url="https://b.example/2",
    ),
]
NEW = Story(
    headline="Rostock council approves harbour bridge",
    body="The Rostock city council approved the harbour bridge on Tuesday by 31 votes to 12. The bridge, "
    "which residents of the old town opposed, is expected to open in 2028.",
    url="https://a.example/new",
    published="2026-01-14",
    source="Wire A",
)


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    store = open_archive(tmp_path / "retrieve.db")
    for story in BRIDGE + UNRELATED:
        store.add_story(Story(**{**story.to_dict(), "id": None}))
    return store


def _story_ids(backgrounds) -> set[int]:
    return {b.story.id for b in backgrounds}


def test_background_comes_from_the_related_stories(archive: Archive) -> None:
    story = Story(**NEW.to_dict())
    archive.add_story(story)
    found = background(archive, story, limit=4)
    headlines = {b.story.headline for b in found}
    assert headlines and headlines <= {s.headline for s in BRIDGE}
    assert len(headlines) == 3  # all three, even though a small archive gives common words an IDF near 0
    assert story.id not in _story_ids(found)
    for item in found:
        assert item.passages and all(p.story_id == item.story.id and p.score > 0 for p in item.passages)


def test_unstored_story_works_too(archive: Archive) -> None:
    found = background(archive, Story(**{**NEW.to_dict(), "id": None}), limit=4)
    assert {b.story.headline for b in found} <= {s.headline for s in BRIDGE} and found


def test_unrelated_story_gets_no_background(archive: Archive) -> None:
    story = Story(
        headline="Volcano erupts in Iceland",
        body="A volcano on the Reykjanes peninsula erupted overnight, "
        "sending lava towards the evacuated town of Grindavik.",
    )
    assert background(archive, story, limit=4) == []


def test_copies_of_the_story_are_not_background(archive: Archive) -> None:
    story = Story(**NEW.to_dict())
    archive.add_story(story)
    copy = Story(
        headline="Bridge approved in Rostock", body=NEW.body, url="https://c.example/syndicated", source="Other paper"
    )
    archive.add_story(copy)
    found = background(archive, story, limit=4)
    assert copy.id not in _story_ids(found)
    assert background(archive, story, limit=0) == []


def test_other_languages_are_left_out(archive: Archive) -> None:
    french = Story(
        headline="Rostock : le conseil et le harbour bridge",
        language="fr",
        body="Le conseil de Rostock a débattu du harbour bridge, le pont du port, et de son coût de "
        "40 millions d'euros pour la vieille ville.",
    )
    archive.add_story(french)
    found = background(archive, Story(**{**NEW.to_dict(), "language": "en"}), limit=6)
    assert french.id not in _story_ids(found)


def test_at_most_two_passages_per_story(tmp_path: Path) -> None:
    store = open_archive(tmp_path / "long.db")
    paragraphs = [
        f"Paragraph {i}: the Rostock harbour bridge council vote drew comment from residents, engineers "
        f"and the mayor, who discussed traffic, cost and the old town in detail number {i}." * 2
        for i in range(6)
    ]
    long_story = Story(headline="Everything about the Rostock harbour bridge", body="\n\n".join(paragraphs))
    store.add_story(long_story)
    assert len(store.passages(long_story.id or 0)) >= 4
    found = background(store, Story(**{**NEW.to_dict(), "id": None}), limit=6)
    assert len(found) == 1 and len(found[0].passages) <= MAX_PASSAGES_PER_STORY


def test_recency_prefers_stories_close_in_time() -> None:
    assert recency_factor("2026-01-14", "2026-01-14") == 1.0
    assert recency_factor("2026-01-14", "2025-01-14") < recency_factor("2026-01-14", "2026-01-01") < 1.0
    assert recency_factor("2026-01-14", "2020-01-01") >= 0.5
    assert recency_factor("2026-01-14", None) == recency_factor(None, "not a date")


def test_recency_breaks_ties_between_equally_relevant_stories(tmp_path: Path) -> None:
    store = open_archive(tmp_path / "recency.db")
    old = Story(
        headline="Harbour bridge plan first shown",
        published="2019-05-01",
        body="Rostock first showed the harbour bridge plan to the council, residents and the old town.",
    )
    recent = Story(
        headline="Harbour bridge plan shown again",
        published="2026-01-13",
        body="Rostock showed the harbour bridge plan again to the council, residents and the old town.",
    )
    store.add_story(old)
    store.add_story(recent)
    found = background(store, Story(**{**NEW.to_dict(), "id": None}), limit=1)
    assert [b.story.id for b in found] == [recent.id]


def test_query_terms_lead_with_the_headline() -> None:
    terms = query_terms(NEW)
    assert terms[:4] == ["rostock", "council", "approves", "harbour"]
    assert "the" not in terms and "by" not in terms


@pytest.mark.skipif(not FEEDS.is_dir(), reason=SHARED_MISSING)
def test_real_feeds_give_jackson_background_for_a_jackson_story(tmp_path: Path) -> None:
    store = open_archive(tmp_path / "feeds.db")
    for name in ("bbc_world.xml", "npr_world.xml", "aljazeera.xml"):
        ingest_feed(store, read_feed(str(FEEDS / name)))
    story = Story(
        headline="Jesse Jackson remembered as civil rights pioneer",
        body="Civil rights leader Jesse Jackson, who died aged 84, was remembered by politicians and "
        "activists as a pioneer who ran twice for president.",
        published="2026-02-18",
    )
    found = background(store, story, limit=4)
    assert len(found) >= 3
    assert all("jackson" in (b.story.headline + b.story.body).lower() for b in found)


# -- the written article cites the background by number (runs the embedded model: about half a minute) --------
TINY_TEMPLATE = """name: tiny
headline:
  target_words: 20
  instructions: Write a short title, a one-sentence dek and a one-sentence intro.
sections:
  - id: context
    heading: Context
    kind: fact
    format: paragraphs
    target_words: 40
    instructions: State the key facts and the background in two or three sentences.
"""


@pytest.mark.slow
def test_written_article_cites_background_sources_by_number(archive: Archive, tmp_path: Path) -> None:
    pipeline = pytest.importorskip("newsdesk.pipeline")
    from newsdesk.render import render

    template = tmp_path / "tiny.yaml"
    template.write_text(TINY_TEMPLATE)
    story = Story(**NEW.to_dict())
    article = pipeline.write_article(story, pipeline.WriteOptions(template=str(template)), archive)
    background_numbers = {s.number for s in article.sources if s.role == "background"}
    assert background_numbers, "no background source was retrieved"
    assert {s.title for s in article.sources if s.role == "background"} <= {s.headline for s in BRIDGE}
    cited = {c.source for section in article.all_sections() for s in section.sentences() for c in s.citations}
    markdown = render(article, "md")
    cited |= {int(n) for n in re.findall(r"\[(\d+)\]", markdown)}
    assert cited & background_numbers, markdown


def test_a_sources_headline_is_evidence_too() -> None:
    from newsdesk.models import Passage, Source
    from newsdesk.retrieve import evidence_of
    from newsdesk.verify import Verifier

    body = Passage(text="The telescope lifted off aboard an Ariane 5 rocket from Kourou.", id=7, source_number=1)
    source = Source(number=1, title="Webb telescope launches on Christmas Day", passages=[body])
    evidence = evidence_of([source])
    assert [p.text for p in evidence] == ["Webb telescope launches on Christmas Day", body.text]
    check = Verifier().check("The Webb telescope launched on Christmas Day.", evidence)
    assert check.verdict == "supported" and check.citations[0].quote == "Webb telescope launches on Christmas Day"


def test_a_story_that_shares_words_but_no_one_and_nothing_named_is_no_background(tmp_path: Path) -> None:
    """The Devon pub landlord and a Pennsylvania murder share court words, not a subject."""
    pub = Story(
        headline="Devon pub landlord convicted of drink driving after court hearing",
        body="A Devon pub landlord was convicted of drink driving by Exeter magistrates on Tuesday. The "
        "court heard that police stopped his car at night near the pub.",
        url="https://c.example/1",
    )
    murder = Story(
        headline="Pennsylvania man convicted of murder after court hearing",
        body="A Pittsburgh man was convicted of murder by a jury on Monday. The court heard that police "
        "found the victim at night near his car.",
        url="https://c.example/2",
    )
    archive = open_archive(tmp_path / "a.db")
    for story in (pub, murder):
        story.id = archive.add_story(story)[0]
    assert background(archive, pub, rerank=None) == []
    archive.close()


def test_a_related_story_outside_the_time_window_is_no_background(tmp_path: Path) -> None:
    old = Story(
        headline="Rostock council debates harbour bridge",
        body=BRIDGE[0].body,
        url="https://d.example/1",
        published="2019-01-10",
    )
    archive = open_archive(tmp_path / "a.db")
    old.id = archive.add_story(old)[0]
    story = Story(**{**NEW.to_dict(), "id": None})
    story.id = archive.add_story(story)[0]
    assert background(archive, story, rerank=None) == []
    recent = Story(
        **{
            **old.to_dict(),
            "id": None,
            "published": "2026-01-10",
            "url": "https://d.example/2",
            "headline": "Rostock council debates the harbour bridge again",
        }
    )
    recent.id = archive.add_story(recent)[0]
    assert [b.story.id for b in background(archive, story, rerank=None)] == [recent.id], "the same story, in time"
    archive.close()


def test_a_story_reported_after_this_one_is_no_background(tmp_path: Path) -> None:
    """Background is what was known before the story: a later report tells what came next."""
    archive = open_archive(tmp_path / "later.db")
    story = Story(**{**BRIDGE[1].to_dict(), "id": None})  # 12 January
    story.id = archive.add_story(story)[0]
    for other in (BRIDGE[0], BRIDGE[2], NEW):  # 10, 13 and 14 January
        archive.add_story(Story(**{**other.to_dict(), "id": None}))
    found = {b.story.headline for b in background(archive, story, limit=4, rerank=None)}
    assert found == {BRIDGE[0].headline}
    archive.close()
