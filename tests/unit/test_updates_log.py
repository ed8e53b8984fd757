"""What an article's later versions keep true of what they say about their sources: an Updates entry cites the
story it named, and a dateline names the source its sentences cite."""

from __future__ import annotations

from newsdesk.models import Article, Block, Citation, Section, Sentence, Source, Update
from newsdesk.pipeline.develop import renumbered
from newsdesk.write import keep_datelines

STORY = Source(number=1, title="Webb unfolds its mirror", story_id=30, published="2022-01-08", publisher="NASA")
EARLIER = Source(number=2, title="Webb completes its sunshield", story_id=10, published="2022-01-04", publisher="NASA")


def test_an_earlier_updates_entry_cites_the_story_it_named_in_the_new_numbering() -> None:
    before = [Source(number=1, title="Webb completes its sunshield", story_id=10), Source(2, "Launch", story_id=20)]
    after = [STORY, EARLIER, Source(number=3, title="Launch", story_id=20)]
    entry = Update(
        at="2022-01-05", summary="Updated. Corrected: “The date.” is superseded by [1] and [2].", sources=[1]
    )
    again = renumbered(entry, before, after)
    assert again.sources == [2] and again.summary == "Updated. Corrected: “The date.” is superseded by [2] and [3]."
    gone = renumbered(entry, before, [STORY])
    assert gone.sources == [] and "[1]" not in gone.summary, "a number that would name another story is dropped"


def _article(label: str, *cited: list[int]) -> Article:
    sentences = [
        Sentence(text=f"Fact {n}.", id=f"context.b0.s{n}", citations=[Citation(source=s, quote="q") for s in sources])
        for n, sources in enumerate(cited)
    ]
    context = Section(id="context", heading="Context", kind="fact", blocks=[Block("paragraph", sentences, label)])
    intro = Section(id="intro", heading="", kind="summary")
    return Article(title="T", dek="", intro=intro, sections=[context], sources=[STORY, EARLIER], model={"name": "m"})


def test_a_dateline_names_the_source_its_sentences_cite_first() -> None:
    dateline = "On 4 January 2022, NASA reported:"
    kept = _article(dateline, [1, 2])  # the check cited the story first, the dated entry too
    keep_datelines(kept, kept.sources)
    block = kept.sections[0].blocks[0]
    assert block.label == dateline and [c.source for c in block.sentences[0].citations] == [2, 1]
    moved = _article(dateline, [1], [1])  # only the story: its present, under no dateline
    keep_datelines(moved, moved.sources)
    assert moved.sections[0].blocks[0].label == ""


def test_a_later_source_supersedes_a_sentence_only_where_it_states_the_same_thing_otherwise() -> None:
    from newsdesk.models import Passage
    from newsdesk.verify import Verifier

    later = [
        Passage(
            text="The council published the minutes on March 9, after the budget was approved. "
            "Flooding in the valley has now killed 15 people, the regional emergency service said.",
            source_number=1,
        )
    ]
    verifier = Verifier()
    assert verifier.superseded("The council approved the budget on March 3.", later) is None, "another event's date"
    assert "March 9" in (verifier.superseded("The council published the minutes on March 3.", later) or "")
    assert "15" in (verifier.superseded("Flooding in the valley has killed 12 people.", later) or "")


def test_an_earlier_figure_is_no_longer_current_in_any_section() -> None:
    """A Call to Action's "voice to follow" that gives the same outlet's earlier cost is as stale as a Context
    sentence that does: what the latest entry states otherwise goes, whatever kind of sentence carries it."""
    from newsdesk.models import Passage, Story
    from newsdesk.pipeline.develop import _restated_from_earlier
    from newsdesk.verify import Verifier

    latest = Story(headline="Harbour reopens", body="", source="Harbour News", id=3)
    story = Source(number=1, title="Harbour reopens", story_id=3, publisher="Harbour News")
    story.passages = [
        Passage(
            text="The repairs will now cost about 1.5 million pounds, not 2 million, the council said.", source_number=1
        )
    ]
    earlier = Source(number=2, title="Repairs to cost 2 million", story_id=2, publisher="Harbour News")
    stale = Sentence(
        text="Repairs to the harbour wall will cost about 2 million pounds, the council said.",
        id="call-to-action.b0.s0",
        claim_kind="opinion",
        citations=[Citation(source=2, quote="q")],
    )
    action = Section(id="call-to-action", heading="Call to Action", kind="opinion", blocks=[Block("bullet", [stale])])
    intro = Section(id="intro", heading="", kind="summary")
    article = Article(title="T", dek="", intro=intro, sections=[action], sources=[story, earlier], model={"name": "m"})
    assert _restated_from_earlier(article, latest, Verifier()) == {stale.text}


def test_a_later_day_s_figure_for_the_same_quantity_supersedes_the_earlier_one() -> None:
    """Smoke test 39a #1: the toll that rose from 19 (told on Tuesday) to 23 (on Wednesday), a date that moved twice
    and a count of people pulled from homes are the same quantities measured again, read from the parse, though
    Tuesday's statement is not contradicted by Wednesday's; a different count in the same sentence is not."""
    from newsdesk.models import Passage
    from newsdesk.verify import Verifier

    def later(*texts: str) -> list[Passage]:
        return [Passage(text=" ".join(texts), source_number=1)]

    third = later(
        "The death toll from the collapse of the Kessler Dam on the Silver River reached 23 on Wednesday as rescue "
        "crews ended their search, the Riverton fire department said.",
        "Officials said the Route 9 bridge would now reopen on April 2.",
    )
    second = later(
        "Fire chief Maria Alvarez said rescue crews had now pulled 65 people from flooded homes in the Lower Mill "
        "district, and 8 people were still missing.",
        "Officials said the reopening of the Route 9 bridge had been pushed back to March 20.",
    )
    verifier = Verifier()
    toll = (
        "The death toll from the collapse of the Kessler Dam on the Silver River has risen to 19, the Riverton fire "
        "department said on Tuesday."
    )
    assert "23" in (verifier.superseded(toll, third) or "")
    assert "April 2" in (
        verifier.superseded(
            "Officials said the reopening of the Route 9 bridge had been pushed back to March 20.", third
        )
        or ""
    )
    assert "March 20" in (
        verifier.superseded("Officials said the reopening of the Route 9 bridge was scheduled for March 3.", second)
        or ""
    )
    pulled = (
        "Fire chief Maria Alvarez said rescue crews had pulled 40 people from flooded homes in the Lower Mill district."
    )
    assert "65" in (verifier.superseded(pulled, second) or "")
    killed = (
        "The Kessler Dam on the Silver River collapsed early on Monday, killing 12 people and leaving dozens missing, "
        "the Riverton fire department said."
    )
    assert verifier.superseded(killed, second) is None, "8 people missing are not the 12 killed"


def test_another_owner_speaker_event_or_span_of_time_is_another_quantity() -> None:
    from newsdesk.models import Passage
    from newsdesk.verify import Verifier

    verifier = Verifier()
    cases = [
        ("Apple shares rose 5% on Monday.", "Microsoft shares rose 3% on Monday."),
        ("Ukraine said 40 soldiers were killed in the attack.", "Russia said 60 soldiers were killed in the attack."),
        (
            "Two people were killed at a shooting at a hockey game in Pawtucket.",
            "At least three people were killed when a police building in Sertolovo collapsed.",
        ),
        ("Her 15-year-old son died in February.", "His 13-year-old son was able to pass the face scan."),
        ("Five months later, OpenAI released new models.", "Two months later, OpenAI changed its instructions."),
        (
            "Ticket prices will stay at 2 dollars for adults and 1 dollar for children, officials said.",
            "Ticket prices will stay at 2 dollars for adults, officials said.",
        ),
    ]
    for sentence, other in cases:
        assert verifier.superseded(sentence, [Passage(text=other, source_number=1)]) is None, sentence
    same = [Passage(text="Apple shares rose 7% by Tuesday.", source_number=1)]
    assert "7%" in (verifier.superseded("Apple shares rose 5% on Monday.", same) or "")


def test_the_markdown_updates_log_cites_each_source_once() -> None:
    """Smoke test 39a #10: an entry whose summary cites its source ("([2] gives it otherwise)") had the same source
    appended after it again ("... otherwise). [2]"); a source the summary does not name is still cited."""
    from newsdesk.render import render

    article = _article("", [1])
    article.updates = [
        Update(
            at="2022-01-08T10:00:00",
            summary="Updated with “Webb unfolds its mirror” (NASA). No longer current: “Fact.” ([1] gives it "
            "otherwise).",
            sources=[1, 2],
        )
    ]
    line = next(x for x in render(article, "markdown").splitlines() if x.startswith("- 2022-01-08"))
    assert line.endswith("otherwise). [2]"), line
