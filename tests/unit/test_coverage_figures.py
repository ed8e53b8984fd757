"""How the coverage differs: two outlets' figures for one count, where one gives it as the value of a noun of
count ("the toll rose to 9", "a lower toll of 9") and the other as a number of things ("12 miners were killed");
and no pairing of figures that count two things (the injured and the dead, one count on two days)."""

from __future__ import annotations

from newsdesk.language import nlp
from newsdesk.models import Passage, Source
from newsdesk.threads.coverage import _figures, outlet_points


def _source(number: int, publisher: str, text: str, published: str) -> Source:
    return Source(
        number=number,
        title=f"Report {number}",
        publisher=publisher,
        published=published,
        passages=[Passage(text=text, position=0, source_number=number)],
    )


def _shown(first: str, second: str) -> dict[str, list[str]]:
    sources = [
        _source(1, "Valley Gazette", first, "2026-03-03T09:00:00+00:00"),
        _source(2, "Ridge Courier", second, "2026-03-04T09:00:00+00:00"),
    ]
    return {outlet: [sentence for sentence, _ in found] for outlet, found in outlet_points(sources, {}).items()}


AUTHORITY = "The death toll from the Kessel mine collapse rose to 9 on Tuesday, according to the mining authority."
UNION = "At least 12 miners were killed in the Kessel mine collapse, union officials said on Wednesday."
LOWER = "The mining authority has given a lower toll of 9 and said it could not confirm the union's figure."


def test_a_figure_can_be_the_value_of_a_noun_of_count() -> None:
    def counts(text: str) -> dict[str, str]:
        return {f.value: f.what for f in _figures(nlp()(text), _source(1, "X", text, "2026-03-03"))}

    assert counts("The death toll from the collapse rose to 9 on Tuesday.") == {"9": "toll"}
    assert counts("The union put the toll at 12.") == {"12": "toll"}
    assert counts("The authority has given a lower toll of 9.") == {"9": "toll"}
    assert counts("The number of dead is 14.") == {"14": "number"}
    assert counts("At least 12 miners were killed.") == {"At least 12": "kill miner"}


def test_two_outlets_giving_different_tolls_are_set_side_by_side_with_who_gives_which() -> None:
    """Smoke test 44 #9: one outlet's "the toll rose to 14, according to the emergency office" and another's "at
    least 21 people have died, hospital officials said ... the emergency office has given a lower toll of 14" were
    not paired, and the section was left out as if the accounts differed in no figure."""
    shown = _shown(
        AUTHORITY + " Rescuers reached the lower galleries on Tuesday night.",
        UNION + " " + LOWER + " Families gathered at the pit head overnight.",
    )
    assert AUTHORITY in shown.get("Valley Gazette", []), shown
    # the outlet that gives both accounts shows both, each with the party that gives it
    assert UNION in shown.get("Ridge Courier", []), shown
    assert LOWER in shown.get("Ridge Courier", []), shown


def test_the_injured_and_the_dead_are_two_counts() -> None:
    """Each pair tells of one disaster, and each gives a figure the other does not: no difference of figures."""
    assert not _shown(
        "At least 30 people were injured when the storm hit Arnesby on Monday.",
        "At least 21 people died when the storm hit Arnesby on Monday.",
    )
    assert not _shown(
        "The death toll from the earthquake in Varna rose to 14.",
        "At least 40 people were injured in the earthquake in Varna.",
    )
    assert not _shown(
        "The number of dead rose to 14, officials in Varna said.",
        "The number of injured rose to 40, officials in Varna said.",
    )


def test_one_count_on_two_days_is_no_difference_between_outlets() -> None:
    assert not _shown(
        "The toll from the Varna earthquake stood at 9 on Monday.",
        "The toll from the Varna earthquake rose to 14 on Friday.",
    )


def test_the_tolls_of_two_storms_are_two_counts() -> None:
    """Both outlets tell of both storms; each gives one storm's toll: no figure of one storm is set against the
    other's ("from" says which toll it is)."""
    assert not _shown(
        "The death toll from Storm Ada rose to 9, the weather office said. Storm Brin flooded the coast road.",
        "The death toll from Storm Brin rose to 14, the weather office said. Storm Ada flooded the coast road.",
    )
