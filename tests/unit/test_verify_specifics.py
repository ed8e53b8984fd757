"""Specifics, quotes, sentences and claim kinds on hand-made cases."""

from __future__ import annotations

import pytest

from newsdesk.verify import claim_kind, split_sentences
from newsdesk.verify._specifics import extract, extract_numbers, number_found, numbers_conflict, quote_key


def values(text: str) -> list[float]:
    return [n.value for n in extract_numbers(text)]


@pytest.mark.parametrize(
    ("written", "source"),
    [
        ("27 people", "twenty-seven people"),
        ("twenty-seven people", "27 people"),
        ("$1.2bn", "1.2 billion dollars"),
        ("$1.2bn", "$1,200,000,000"),
        ("£12,000", "£12,400"),  # a round figure may round the source
        ("12%", "12 per cent"),
        ("the 27th", "27 cases"),
        ("3.5 million", "3,500,000"),
    ],
)
def test_numbers_normalise(written: str, source: str) -> None:
    number = extract_numbers(written)[0]
    assert number_found(number, extract_numbers(source)), (written, source)


@pytest.mark.parametrize(
    ("written", "source"),
    [
        ("27 people", "17 people"),
        ("$1.3bn", "$1.2 billion"),
        ("20 people", "24 people"),  # small counts are exact
    ],
)
def test_numbers_differ(written: str, source: str) -> None:
    assert not number_found(extract_numbers(written)[0], extract_numbers(source))


def test_units_and_times() -> None:
    units = {n.text: n.unit for n in extract_numbers("In 2014 he paid $5m, 12% more, at 9pm on the 3rd")}
    assert units == {"2014": "year", "$5m": "money", "12%": "percent", "9pm": "time", "3rd": "ordinal"}
    assert [key for key, _ in extract("The vote is at 9 p.m.").times] == ["21:00"]
    assert [key for key, _ in extract("The vote is at 21:00.").times] == ["21:00"]


def test_dates() -> None:
    found = extract("The talks ended on Nov. 13 and resume on Thursday.")
    assert found.months == [(11, "Nov")]
    assert [d for d, _ in found.weekdays] == ["thu"]
    assert 13.0 in [n.value for n in found.numbers]
    assert extract("Prices may rise.").months == []  # "may" the verb is no date
    assert extract("The vote is on May 5.").months == [(5, "May")]


@pytest.mark.parametrize(
    ("written", "source", "conflict"),
    [
        # the day of a date counts nothing: it never meets a count that happens to follow it
        ("He was reported missing January 29, a few days after the call.", "He had been adrift for 66 days.", False),
        ("It sank on 29 January, days after it left.", "It drifted for 66 days.", False),
        # but it meets another day of the same month
        ("The vote was held on March 3.", "The vote was held on March 5.", True),
        # a plural of a generic unit is as generic as the singular: "three games" and "five games" may be two facts
        ("He scored in three games.", "He played five games.", False),
        ("Flash floods killed 27 people.", "Flash floods killed 17 people.", True),
    ],
)
def test_which_figures_state_the_same_thing(written: str, source: str, conflict: bool) -> None:
    pool = extract_numbers(source, source=True)
    assert any(numbers_conflict(n, pool) for n in extract_numbers(written)) is conflict


def test_not_figures() -> None:
    assert values("It is one of the largest, the G20 and COVID-19") == []


def test_names_need_capitals() -> None:
    names = [surface for _, surface in extract("Natalia Moon met the ECB chief in Darwin on Monday.").names]
    assert names == ["Natalia Moon", "ECB", "Darwin"]
    assert extract("Analysts expect a rebound.").names == []  # a sentence opener is not a name
    assert extract("natalia moon met the ecb chief").names == []  # lower-case text has no name evidence
    # a clause-opening word that runs into a name is not part of it
    assert [s for _, s in extract("Follow NASA's updates. Meanwhile Greg Abbott spoke.").names] == [
        "NASA's",
        "Greg Abbott",
    ]


def test_quote_drift() -> None:
    assert quote_key("“We will  rebuild—together,” he said") == quote_key('"We will rebuild - together" he said')
    assert quote_key("I really do n't know , we 're sure") == quote_key("I really don't know, we're sure")
    assert extract('He said: "We are going to rebuild, and fast."').quotes == ["We are going to rebuild, and fast."]
    assert extract("the driver's 'two words' and it's fine").quotes == []  # apostrophes and scare quotes


def test_split_sentences() -> None:
    assert split_sentences("The U.S. lost $1.2bn on Nov. 13, Mr. Smith said. Critics argue it could fall.") == [
        "The U.S. lost $1.2bn on Nov. 13, Mr. Smith said.",
        "Critics argue it could fall.",
    ]
    assert split_sentences("- first point.\n- second point.") == ["- first point.", "- second point."]
    assert split_sentences("  ") == []


@pytest.mark.parametrize(
    ("sentence", "section", "kind"),
    [
        ("The storm killed 17 people.", "fact", "fact"),
        ("The storm could return on Thursday.", "fact", "outlook"),
        ("Prices may rise further.", "analysis", "outlook"),
        ("Critics argue the response was slow.", "fact", "opinion"),
        ("The toll suggests defences were weak.", "fact", "analysis"),
        ("The minister said the toll means defences failed.", "fact", "fact"),
        ("The toll is high.", "analysis", "analysis"),
        ("The toll is high.", "summary", "fact"),
        ("The launch is a milestone for the agency.", "analysis", "analysis"),
        ("The agency launched the telescope in 2021.", "analysis", "fact"),
        ("The telescope will be the first to observe in infrared light.", "outlook", "fact"),
        ("The telescope is expected to send its first images in June.", "outlook", "outlook"),
        ("Follow the agency's updates for the first images.", "opinion", "opinion"),
        ("The council approved the plan.", "opinion", "fact"),
        ("Over the next six months, engineers will test it.", "outlook", "fact"),  # no hedge: a plan stated as certain
        ("The vote is due in May.", "outlook", "fact"),
        ("Much will depend on whether the factions close ranks.", "outlook", "outlook"),
        ("The stalemate appears unlikely to shift without a change in Congress.", "opinion", "opinion"),
        ("Further incidents seem likely in the months ahead.", "outlook", "outlook"),
        ("The full transcript is worth reading to judge the arguments.", "opinion", "opinion"),
        ("Readers can look at the report itself to see how the US compares.", "opinion", "opinion"),
        ("The report ranks the US last among 10 countries.", "opinion", "fact"),
        ("He acknowledged that no gun bill is likely to pass before he leaves office.", "outlook", "fact"),
        ("The minister said prices could rise further.", "analysis", "fact"),
        ("He also said Britain should stay in the European Union.", "opinion", "fact"),
        ("Critics said the response should have been faster.", "analysis", "opinion"),
    ],
)
def test_claim_kind(sentence: str, section: str, kind: str) -> None:
    assert claim_kind(sentence, section) == kind
