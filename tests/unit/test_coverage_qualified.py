"""How the coverage differs: one fact that one outlet vouches for and another only reports or hedges."""

from __future__ import annotations

from newsdesk.language import nlp
from newsdesk.models import Passage, Source
from newsdesk.threads.coverage import TOLD_AS_FACT, TOLD_WITH_A_HEDGE, outlet_points, vouches


def _source(number: int, publisher: str, text: str) -> Source:
    return Source(
        number=number,
        title=f"Report {number}",
        publisher=publisher,
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
    assert not reads("The mayor says the council approved the budget.")
    assert not reads("The alleged gunman was arrested in Leeds.")
    assert not reads("The man, believed to be the gunman, was arrested in Leeds.")
    assert not reads("The storm could reach the coast by Monday.")
