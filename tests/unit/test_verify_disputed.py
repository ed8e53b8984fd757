"""Disputed figures (``verify/_facts/_disputed.py``): where two outlets among the sources give one event different
figures, a sentence may give one only as the account of the outlet that gives it, never as plain fact; a later
figure from the same outlet is an update, not a dispute. The texts are made up for these tests; they run the real
spaCy pipeline and the real verifier."""

from __future__ import annotations

import pytest

from newsdesk.models import Article, Block, Passage, Section, Sentence, Source
from newsdesk.verify import Verifier, verify_article
from newsdesk.verify._measure import measure
from newsdesk.verify._outlets import Outlet, outlets_of

HERALD = "A powerful storm swept through the coastal province of Marlow on Tuesday, killing 12 people, officials said."
COASTLINE = "The storm that hit Marlow province on Tuesday killed 15 people, local hospital officials said."
SHARED = "Emergency crews evacuated about 3,000 residents from low-lying districts of Marlow before the storm."

PASSAGES = [
    Passage(text=f"{HERALD} {SHARED}", source_number=1, position=0),
    Passage(text=COASTLINE, source_number=2, position=0),
]
TWO_OUTLETS = {1: Outlet("Harbour Herald", "2026-11-03"), 2: Outlet("Coastline Daily", "2026-11-03")}


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier()


def checked(verifier: Verifier, sentence: str, outlets: dict[int, Outlet], passages: list[Passage] = PASSAGES):
    [result] = verifier.check_many([(sentence, "fact")], passages, outlets=outlets)
    return result


def disputed(verifier: Verifier, sentence: str, outlets: dict[int, Outlet] = TWO_OUTLETS) -> str:
    result = checked(verifier, sentence, outlets)
    return {r["name"]: r["outcome"] for r in result.details["facts"]}.get("disputed", "n/a")


@pytest.mark.parametrize(
    "sentence",
    [
        "The storm in Marlow province killed 12 people on Tuesday.",
        "The storm in Marlow province killed 15 people on Tuesday.",
        # the other outlet is named, but for another clause's figure: 12 is still told as fact
        "The storm in Marlow province killed 12 people, while Coastline Daily reported that it killed 15 people.",
    ],
)
def test_a_figure_the_outlets_dispute_stated_as_fact_fails(verifier: Verifier, sentence: str) -> None:
    result = checked(verifier, sentence, TWO_OUTLETS)
    assert result.verdict != "supported"
    assert result.decided_by == "disputed"
    assert (
        "Harbour Herald gives 12" in result.details["reason"] and "Coastline Daily gives 15" in result.details["reason"]
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "The storm in Marlow province killed 12 people, according to Harbour Herald.",
        "Harbour Herald reported that the storm in Marlow province killed 12 people.",
        "Coastline Daily reported that the storm in Marlow province killed 15 people.",
    ],
)
def test_a_disputed_figure_told_as_its_outlets_account_passes(verifier: Verifier, sentence: str) -> None:
    """The outlet's name is who tells the figure, not a name the sentence invents: the Sources list names it."""
    result = checked(verifier, sentence, TWO_OUTLETS)
    assert {r["name"]: r["outcome"] for r in result.details["facts"]}["disputed"] == "ok"
    assert result.supported, result.details.get("reason")


def test_each_figure_is_held_to_the_outlet_named_in_its_own_clause(verifier: Verifier) -> None:
    both = (
        "Harbour Herald reported that the storm killed 12 people, while Coastline Daily reported that it killed "
        "15 people."
    )
    assert disputed(verifier, both) == "ok"
    swapped = (
        "Harbour Herald reported that the storm killed 15 people, while Coastline Daily reported that it killed "
        "12 people."
    )
    assert disputed(verifier, swapped) == "fail"


def test_a_disputed_figure_given_to_the_outlet_that_says_otherwise_fails(verifier: Verifier) -> None:
    result = checked(
        verifier, "The storm in Marlow province killed 12 people, according to Coastline Daily.", TWO_OUTLETS
    )
    assert (result.verdict, result.decided_by) == ("contradicted", "disputed")
    assert "Coastline Daily gives 15, not 12" in result.details["reason"]


def test_a_figure_the_outlets_agree_on_or_one_outlet_alone_is_no_dispute(verifier: Verifier) -> None:
    assert disputed(verifier, "Crews evacuated about 3,000 residents of Marlow before the storm.") == "n/a"
    # one outlet's two stories: nothing to dispute, whatever they say
    one = {1: Outlet("Harbour Herald", "2026-11-03"), 2: Outlet("Harbour Herald", "2026-11-03")}
    assert disputed(verifier, "The storm in Marlow province killed 12 people on Tuesday.", one) == "n/a"
    # sources that name no publisher (a pasted story, the benchmarks) are no outlets'
    assert disputed(verifier, "The storm in Marlow province killed 12 people on Tuesday.", {}) == "n/a"


def test_a_later_figure_from_the_same_outlet_is_an_update_not_a_dispute(verifier: Verifier) -> None:
    """The Herald's toll rose from 12 to 15 the next day, and the Daily gives 15: the outlets' accounts now agree."""
    passages = [
        *PASSAGES,
        Passage(
            text="The storm that hit Marlow province on Tuesday has now killed 15 people, officials said.",
            source_number=3,
            position=0,
        ),
    ]
    outlets = {**TWO_OUTLETS, 3: Outlet("Harbour Herald", "2026-11-04")}
    result = checked(verifier, "The storm in Marlow province killed 15 people on Tuesday.", outlets, passages)
    assert {r["name"]: r["outcome"] for r in result.details["facts"]}.get("disputed", "n/a") == "n/a"


def test_the_article_check_reads_each_sources_outlet() -> None:
    sources = [
        Source(1, "Storm kills 12 in Marlow", published="2026-11-03", publisher="Harbour Herald"),
        Source(
            2, "Marlow storm leaves 15 dead", published="2026-11-03", publisher="Coastline Daily", role="background"
        ),
        Source(3, "A pasted note", role="background"),
    ]
    assert outlets_of(sources) == TWO_OUTLETS
    plain = "The storm in Marlow province killed 12 people on Tuesday."
    told = "The storm in Marlow province killed 12 people, according to Harbour Herald."
    blocks = [Block("paragraph", [Sentence(plain, id="f.0"), Sentence(told, id="f.1")])]
    article = Article(
        title="",
        dek="",
        intro=Section("intro", "", "summary"),
        sections=[Section("facts", "Facts", "fact", blocks)],
        sources=sources,
        model={},
    )
    verify_article(Verifier(), article, PASSAGES)
    assert [s.text for s in article.sections[0].sentences()] == [told]
    assert [d.text for d in article.dropped] == [plain]


def test_a_dateline_names_whose_report_its_sentences_are() -> None:
    """A background source's sentences stand under its dateline ("On 3 November, Coastline Daily reported:"): a
    reader takes each figure there as that outlet's, so the dateline attributes it; without one, it is plain fact."""
    sources = [
        Source(1, "Storm kills 12 in Marlow", published="2026-11-03", publisher="Harbour Herald"),
        Source(
            2, "Marlow storm leaves 15 dead", published="2026-11-03", publisher="Coastline Daily", role="background"
        ),
    ]
    daily = "The storm that hit Marlow province on Tuesday killed 15 people."
    dated = Block("paragraph", [Sentence(daily, id="f.0")], label="On 3 November, Coastline Daily reported:")
    plain = Block("paragraph", [Sentence(daily, id="g.0")])
    wrong = Block("paragraph", [Sentence(daily, id="h.0")], label="On 3 November, Harbour Herald reported:")
    article = Article(
        title="",
        dek="",
        intro=Section("intro", "", "summary"),
        sections=[
            Section("f", "F", "fact", [dated]),
            Section("g", "G", "fact", [plain]),
            Section("h", "H", "fact", [wrong]),
        ],
        sources=sources,
        model={},
    )
    verify_article(Verifier(), article, PASSAGES)
    assert [len(s.sentences()) for s in article.sections] == [1, 0, 0]
    reasons = {d.section: d.reason for d in article.dropped}
    assert "stated as fact" in reasons["g"] and "Harbour Herald gives 12, not 15" in reasons["h"]


def test_the_storys_own_disputed_figure_is_drafted_under_its_dateline() -> None:
    """Drafting: the story's own sentence that gives a figure another outlet gives otherwise stands under the
    story's dateline, and then passes the check as its outlet's account; a figure the outlets agree on does not."""
    from newsdesk.models import Citation
    from newsdesk.write import attribute_disputed

    sources = [
        Source(
            1, "Storm kills 12 in Marlow", published="2026-11-03", publisher="Harbour Herald", passages=PASSAGES[:1]
        ),
        Source(
            2, "Marlow storm leaves 15 dead", published="2026-11-03", publisher="Coastline Daily", passages=PASSAGES[1:]
        ),
    ]
    toll = Sentence(HERALD, id="f.0", citations=[Citation(source=1, quote=HERALD)])
    crews = Sentence(SHARED, id="f.1", citations=[Citation(source=1, quote=SHARED)])
    blocks = [Block("bullet", [toll]), Block("bullet", [crews])]
    checker = Verifier(semantic=False)
    attribute_disputed(
        [Section("facts", "Facts", "fact", blocks)], sources, lambda text: checker.disputed(text, PASSAGES, sources)
    )
    assert [b.label for b in blocks] == ["On 3 November, Harbour Herald reported:", ""]
    article = Article(
        title="",
        dek="",
        intro=Section("intro", "", "summary"),
        sections=[Section("facts", "Facts", "fact", blocks)],
        sources=sources,
        model={},
    )
    verify_article(Verifier(), article, PASSAGES)
    assert [s.text for s in article.sections[0].sentences()] == [HERALD, SHARED]


def test_a_sentence_naming_two_outlets_reads_its_evidence_across_both(verifier: Verifier) -> None:
    """Two outlets set side by side are one account of each: the evidence is read across the sources of the
    outlets the sentence names, not from one of them with the other's clause counted as unsupported."""
    both = (
        "Harbour Herald reported that the storm killed 12 people, while Coastline Daily reported that it killed "
        "15 people."
    )
    index = verifier.index(PASSAGES)
    m = measure(both, index, None, {n: o.name for n, o in TWO_OUTLETS.items()})
    assert {index.passages[index.units[u].passage].source_number for u in m.evidence[:2]} == {1, 2}
    assert m.coverage >= 0.8
