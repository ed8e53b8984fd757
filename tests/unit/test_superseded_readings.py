"""What a later report supersedes (``verify/_facts/_superseded``): a month named without a day, a sum that modifies
its noun, and one clause of a long lead that packs several facts (smoke test 42 #11). All text made up."""

from __future__ import annotations

from newsdesk.verify._facts._superseded import superseding


def test_a_month_named_without_a_day_dates_its_clauses_event() -> None:
    """A bare month is a date: "start in August" is moved by "start in November rather than August" (the August it
    gives again is the one it sets aside, no confirmation), and not by a hearing's month or the end's."""
    start = "Work on the ferry terminal will start in August."
    moved = superseding(start, ["Work on the ferry terminal will now start in November rather than August."])
    assert moved is not None and "November" in moved and "as August" in moved
    assert superseding(start, ["A hearing on the ferry terminal will be held in November."]) is None
    assert superseding(start, ["Work on the ferry terminal will now end in November."]) is None, "another event"
    assert superseding(start, ["Work on the ferry terminal will still start in August 2027."]) is None, "the same"
    both = "Dredging of the channel will start in August and end in March 2028."
    ended = superseding(both, ["Dredging of the channel will now end in June, the port said."])
    assert ended is not None and "as March 2028" in ended, "the end moved, not the start"


def test_a_sum_that_modifies_a_noun_is_that_nouns_price() -> None:
    """ "A $12 million gymnasium" and "the price of the gymnasium ... $15 million" give the gymnasium's price; the
    price of another building, the district's share of the cost and what a bond for it raised are other sums."""
    approved = "The school board approved a $12 million gymnasium."
    risen = superseding(approved, ["The price of the gymnasium has climbed to $15 million."])
    assert risen is not None and "$15 million" in risen
    assert superseding("The gymnasium will cost $12 million.", ["The price of the gymnasium climbed to $15 million."])
    assert superseding(approved, ["The price of the library has climbed to $15 million."]) is None
    assert superseding(approved, ["The price of the sports gymnasium has climbed to $15 million."]) is not None
    share = "The district will pay $3 million of the cost of the gymnasium."
    assert superseding(share, ["The cost of the gymnasium has climbed to $15 million."]) is None
    assert superseding(approved, ["The bond for the gymnasium has raised $9 million so far."]) is None


def test_one_clause_of_a_long_lead_is_read_against_a_short_later_sentence() -> None:
    """A lead that packs a vote, a price and an old storm's damage is three clauses: the price is said again in a
    later sentence about the price alone, which need not repeat the vote or the storm."""
    lead = (
        "The Eastfield school board voted 5-4 on Monday to approve a $12 million gymnasium for the Harper Street "
        "campus, ending a dispute that began when storms wrecked 40 classrooms in 2023."
    )
    later = (
        "The price of Eastfield's proposed gymnasium for the Harper Street campus has climbed to $15 million after "
        "bids came in high, the district's finance office said on Thursday."
    )
    moved = superseding(lead, [later])
    assert moved is not None and "as $12 million" in moved
    elsewhere = "The price of the Westfield gymnasium for the Canal Street campus has climbed to $15 million."
    assert superseding(lead, [elsewhere]) is None, "another town's gymnasium"
