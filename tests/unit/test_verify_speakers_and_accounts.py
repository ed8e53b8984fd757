"""Who said it, how sure they were, and which story says it (Smoke test 40b #3 and #4), on seeded variants.

Each test draws made-up people, offices and statements from a seeded generator, breaks one sentence the way an
editor finds it broken (another person's name under a shared title, a quotation given to its hearer, a speaker's
"probably" left out, a mark "missed" for "topped", a report by the press given to officials, support stitched
from two stories) and checks that the break fails while fair rewordings of the same source pass. They run the real
spaCy pipeline and the real verifier.
"""

from __future__ import annotations

import random

import pytest

from newsdesk.models import Passage
from newsdesk.verify import Verifier
from support.facts import outcome
from support.facts import passages as _passages

GIVEN = "Dimitris Johan Maria Elena Tomas Kofi Ingrid Rafael Anika Pieter".split()
FAMILY = "Mardas Vandermeer Okafor Lindqvist Castellano Brandt Nakamura Oyelaran Szabo Hallworth".split()
OFFICES = ("finance", "defence", "health", "transport")
# (what was said, how it is worded again by a fair writer): reported clauses of one story
SAID = (
    ("the country would repay the loan on time", "the country would repay the loan on schedule"),
    ("the bridge would reopen to traffic in the spring", "the bridge would reopen to cars in the spring"),
    ("the ministry would cut its staff by a fifth", "the ministry would reduce its staff by a fifth"),
    ("the new hospital wing would open next month", "the new hospital wing would open in a month"),
)
SEEDS = range(6)


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier()


def _people(rng: random.Random, n: int) -> list[tuple[str, str]]:
    return list(zip(rng.sample(GIVEN, n), rng.sample(FAMILY, n), strict=True))


@pytest.mark.parametrize("seed", SEEDS)
def test_a_name_under_a_shared_title_is_another_speaker(verifier: Verifier, seed: int) -> None:
    """Two officials whose titles share a word ("finance minister", "finance ministry secretary") are two people:
    the view of one given to the other fails, and the view given to its own speaker, by surname, passes."""
    rng = random.Random(seed)
    (g1, f1), (g2, f2) = _people(rng, 2)
    office = rng.choice(OFFICES)
    (said, reworded), (other, _) = rng.sample(SAID, 2)
    source = _passages(
        f"A {office} ministry general secretary, {g1} {f1}, said {said}.",
        f"Belgian {office.title()} Minister {g2} {f2} said {other}.",
    )
    swapped = f"Belgian {office.title()} Minister {g2} {f2} said {said}."
    assert outcome(verifier, "attribution", swapped, source, by_meaning=True) == "fail", swapped
    for fair in (f"{f1} said {said}.", f"{g1} {f1} said {reworded}.", f"{g2} {f2} said {other}."):
        assert outcome(verifier, "attribution", fair, source, by_meaning=True) != "fail", fair


@pytest.mark.parametrize("seed", SEEDS)
def test_one_family_name_with_two_given_names_is_two_people(verifier: Verifier, seed: int) -> None:
    """A father and a son share a family name, not a voice: "Frank Jordan" said what "Louis Jordan" did not."""
    rng = random.Random(seed)
    (g1, family), (g2, _) = _people(rng, 2)
    said, _ = rng.choice(SAID)
    source = _passages(f"{g1} {family} said {said}.", f"{g2} {family}, his son, was at home at the time.")
    assert outcome(verifier, "attribution", f"{g2} {family} said {said}.", source, by_meaning=True) == "fail"
    assert outcome(verifier, "attribution", f"{family} said {said}.", source, by_meaning=True) != "fail"


@pytest.mark.parametrize("relation", ["father", "mother", "coach", "captain"])
def test_a_quotation_given_to_its_hearer_fails(verifier: Verifier, relation: str) -> None:
    """The one a saying is told to is not the one who says it: the source's speaker made the sentence's hearer."""
    source = _passages(
        f'"I thought I had lost you," the relieved {relation} said.',
        "Louis Jordan, 37, had not been heard from in 66 days when a container ship found him.",
    )
    quote = '"I thought I had lost you,"'
    assert outcome(verifier, "attribution", f"{quote} Louis Jordan told his {relation}.", source) == "fail"
    assert outcome(verifier, "attribution", f"{quote} the {relation} told Louis Jordan.", source) != "fail"


@pytest.mark.parametrize("seed", SEEDS)
def test_a_speakers_probably_left_out_of_a_report_fails(verifier: Verifier, seed: int) -> None:
    """An adverb of probability inside the reported words is the speaker's own estimate: a report without it
    gives them a certainty they did not claim; a report that keeps it or words it as a modal passes."""
    rng = random.Random(seed)
    [(given, family)] = _people(rng, 1)
    said, _ = rng.choice(SAID)
    subject, rest = said.split(" would ")
    source = _passages(f"A German magazine quoted {given} {family} as saying {subject} would probably not {rest}.")
    plain = f"{family} said {subject} would not {rest}."
    assert outcome(verifier, "hedge_made_certain", plain, source) == "fail", plain
    for fair in (f"{family} said {subject} would probably not {rest}.", f"{family} said {subject} might not {rest}."):
        assert outcome(verifier, "hedge_made_certain", fair, source) != "fail", fair


def test_a_view_reported_as_said_keeps_its_verb_of_supposing(verifier: Verifier) -> None:
    """ "Scientists think" told as "scientists say" changes the report, not what was said: still fair."""
    source = _passages("Scientists think the reef will recover within a decade if the water cools.")
    fair = "Scientists say the reef will recover within a decade if the water cools."
    assert outcome(verifier, "hedge_made_certain", fair, source) != "fail"


@pytest.mark.parametrize(
    ("passed", "fair"), [("topped", "exceeded"), ("exceeded", "beat"), ("met", "hit"), ("beat", "topped")]
)
def test_a_mark_missed_where_the_source_has_it_reached_fails(verifier: Verifier, passed: str, fair: str) -> None:
    source = _passages(f"Mardas said in a statement that state revenue in March had {passed} its targets.")
    missed = "Mardas said that state revenue in March had missed its targets."
    assert outcome(verifier, "polarity", missed, source) == "fail"
    reached = f"Mardas said that state revenue in March had {fair} its targets."
    assert outcome(verifier, "polarity", reached, source) != "fail"


def test_an_opposite_modifier_read_in_lower_case_makes_another_body(verifier: Verifier) -> None:
    """The small tagger reads "national" in "his national federation" as a proper noun; in lower case it is none,
    and "International" against it is the other federation."""
    source = _passages(
        "In July 2013, a Bulgarian player was suspended for four months by his national federation.",
        "Tournaments sanctioned by the International Chess Federation ban mobile phones.",
    )
    swapped = "In July 2013, a Bulgarian player was suspended for four months by the International Chess Federation."
    assert outcome(verifier, "polarity", swapped, source) == "fail"
    fair = "In July 2013, a Bulgarian player was suspended for four months by his country's national federation."
    assert outcome(verifier, "polarity", fair, source) != "fail"


def test_a_press_report_is_not_an_official_confirmation(verifier: Verifier) -> None:
    source = _passages(
        "Two gunmen died, and three others may have escaped, officials said.",
        "About 50 other people were wounded, according to local news reports.",
    )
    assert outcome(verifier, "attribution", "About 50 other people were wounded, officials confirmed.", source) == (
        "fail"
    )
    assert outcome(verifier, "attribution", "About 50 people were wounded, local media reported.", source) != "fail"
    assert outcome(verifier, "attribution", "Two gunmen died, officials said.", source) != "fail"


# ---------------------------------------------------------------------------------------------- one account

TUNIS = (
    "Gunmen opened fire on visitors at the Bardo museum in Tunis on Wednesday, killing at least 19 people.",
    "Although no group claimed responsibility, the bloodshed raised fears that militants linked to the Islamic State"
    " were expanding their operations.",
)
ERBIL = (
    "A car bomb killed three people outside the consulate in Erbil on Friday.",
    "Islamic State, which claimed the attack, also claimed two car bombings in Baghdad.",
)


def _two_stories() -> list[Passage]:
    return [Passage(text=t, source_number=1, position=i) for i, t in enumerate(TUNIS)] + [
        Passage(text=t, source_number=2, position=i) for i, t in enumerate(ERBIL)
    ]


def test_support_is_not_stitched_from_two_stories(verifier: Verifier) -> None:
    """Half of a claim from each of two stories is no support: the claim's evidence pair comes from one account,
    and a story unrelated to the claim's event does not outvote the story that tells it. (Where the unrelated story
    alone holds more of the claim's words than the story of its event, it is still the claim's account: the
    measure reads words, not events; see the notes of Smoke test 40b #4.)"""
    sources = _two_stories()
    stitched = verifier.check("Islamic State claimed the attack on the Bardo museum.", sources)
    alone = verifier.check("Islamic State claimed the attack on the Bardo museum.", sources[:2])
    assert stitched.verdict == alone.verdict
    assert stitched.score == pytest.approx(alone.score, abs=0.05)
    assert {c.source for c in stitched.citations} <= {1}
    denied = "Islamic State claimed responsibility for the attack on the Bardo museum."
    assert verifier.check(denied, sources).verdict == "contradicted"


def test_a_claim_each_story_carries_is_still_supported_from_its_own(verifier: Verifier) -> None:
    sources = _two_stories()
    for sentence, story in (
        ("Gunmen killed at least 19 people at the Bardo museum in Tunis on Wednesday.", 1),
        ("A car bomb killed three people outside the consulate in Erbil on Friday.", 2),
    ):
        result = verifier.check(sentence, sources)
        assert result.supported, sentence
        assert {c.source for c in result.citations} == {story}, sentence
