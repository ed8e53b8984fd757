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
