"""How the coverage differs: one fact that one outlet vouches for and another only reports or hedges."""

from __future__ import annotations

from newsdesk.language import nlp
from newsdesk.models import Passage, Source
from newsdesk.threads.coverage import TOLD_AS_FACT, TOLD_WITH_A_HEDGE, outlet_points, vouches


def _source(number: int, publisher: str, text: str, published: str | None = None) -> Source:
    return Source(
        number=number,
        title=f"Report {number}",
        publisher=publisher,
        published=published,
        passages=[Passage(text=text, position=0, source_number=number)],
    )


def test_a_fact_one_outlet_states_and_another_hedges_stands_under_both_outlets() -> None:
    plain = "The warehouse fire in Tilbury was started by two teenagers on Friday night."
    hedged = (
        "Firefighters said the warehouse blaze in Tilbury on Friday was believed to have been started by teenagers."
    )
    told: dict[str, str] = {}
    points = outlet_points(
        [
            _source(1, "Essex Courier", plain + " The building had stood empty since 2019."),
            _source(2, "Thames Radio", hedged + " Residents were told to keep their windows shut."),
        ],
        told,
    )
    assert plain in [sentence for sentence, _ in points["Essex Courier"]]
    assert hedged in [sentence for sentence, _ in points["Thames Radio"]]
    assert told == {plain: TOLD_AS_FACT, hedged: TOLD_WITH_A_HEDGE}, "the section says which tells it how"


def test_what_a_sentence_vouches_for() -> None:
    def reads(text: str) -> bool:
        return vouches(next(nlp()(text).sents))

    assert reads("The council approved the budget on Tuesday.")
    assert not reads("The council reportedly approved the budget on Tuesday.")
    assert not reads("The lawsuit claims the council approved the budget.")
    assert not reads("Police believe the council approved the budget.")
    assert not reads("The alleged gunman was arrested in Leeds.")
    assert not reads("The man, believed to be the gunman, was arrested in Leeds.")
    assert not reads("The storm could reach the coast by Monday.")
    # the content of a noun of claim is the claimant's, not the outlet's
    assert not reads("The union repeated its charge that the board had hidden the losses.")
    assert not reads("Allegations that the board had hidden the losses surfaced on Friday.")


def test_attribution_to_a_named_source_is_reporting_not_a_hedge() -> None:
    """Smoke test 39a #3: "X, the coast guard said" was labelled a hedge and "X, according to local officials" a
    fact; both name who says so, and neither marks the outlet's reserve."""

    def reads(text: str) -> bool:
        return vouches(next(nlp()(text).sents))

    assert reads("A passenger ferry capsized off Port Elm on Monday morning, killing 12 people, the coast guard said.")
    assert reads("A passenger ferry capsized off Port Elm on Monday, killing 14 people, according to local officials.")
    assert reads("The mayor says the council approved the budget.")
    assert reads("Coast guard commander Lena Ortiz said 61 passengers had been rescued.")


FERRY_COAST = (
    "A passenger ferry capsized off Port Elm on Monday morning, killing 12 people, the coast guard said. "
    "The ferry Marisol was carrying 85 passengers when it overturned in high winds near the harbour mouth."
)
FERRY_HARBOR = (
    "A passenger ferry capsized off Port Elm on Monday, killing 14 people, according to local officials. "
    "The ferry Marisol was reportedly carrying 85 passengers when it overturned in high winds near the harbour mouth. "
    "Coast guard commander Lena Ortiz said 61 passengers had been rescued."
)


def test_a_name_the_other_outlet_also_gives_sets_neither_apart() -> None:
    """The other outlet's entry names Lena Ortiz too, in a passage the article's sources left out (a background
    entry is trimmed) or one its tagger missed: her sentence is no outlet's own."""
    sources = [
        _source(1, "The Harbor Times", FERRY_HARBOR, "2026-02-16T15:00:00+00:00"),
        _source(2, "Coast News", FERRY_COAST, "2026-02-16T10:00:00+00:00"),
    ]
    whole = {"Coast News": [FERRY_COAST, "Coast guard commander Lena Ortiz said 61 passengers had been rescued."]}
    points = outlet_points(sources, {}, whole)
    assert not any("Lena Ortiz" in sentence for found in points.values() for sentence, _ in found), points


def test_an_outlets_later_figure_replaces_the_one_it_gave_first() -> None:
    """Smoke test 39a #3: after Coast News reported the toll rose to 16, its block still showed its "killing 12"."""
    later = (
        "The death toll from the capsizing of the ferry Marisol off Port Elm rose to 16 on Tuesday, "
        "the coast guard said."
    )
    sources = [
        _source(1, "Coast News", later, "2026-02-17T09:00:00+00:00"),
        _source(2, "The Harbor Times", FERRY_HARBOR, "2026-02-16T15:00:00+00:00"),
        _source(3, "Coast News", FERRY_COAST, "2026-02-16T10:00:00+00:00"),
    ]
    coast = [sentence for sentence, _ in outlet_points(sources, {})["Coast News"]]
    assert later in coast, coast
    assert not any("killing 12" in sentence for sentence in coast), coast
