"""verify_article: one revision batch, drops with reasons, honest notes, repeats across sections."""

from __future__ import annotations

from conftest import FLOOD_STORY, flood_passages
from newsdesk.models import Article, Block, Passage, Section, Sentence
from newsdesk.verify import Verifier, verify_article
from newsdesk.verify._article import NOTE_FAILED
from newsdesk.verify._repeats import REPEAT_REASON, new_predicate

PASSAGES = flood_passages()


def section(sid: str, kind: str, *paragraphs: list[str], heading: str | None = None) -> Section:
    blocks = [Block("subheading", [Sentence(heading, id=f"{sid}.h")])] if heading else []
    for b, texts in enumerate(paragraphs):
        blocks.append(Block("paragraph", [Sentence(t, id=f"{sid}.b{b}.s{i}") for i, t in enumerate(texts)]))
    return Section(id=sid, heading=sid.title(), kind=kind, blocks=blocks)


def article(*sections: Section) -> Article:
    intro = section("intro", "fact", ["Flash floods killed 17 people across southern Texas on Wednesday."])
    return Article(title="Floods kill 17 in Texas", dek="", intro=intro, sections=list(sections), sources=[], model={})


def test_every_sentence_gets_a_verdict_and_headings_none() -> None:
    a = article(
        section("context", "fact", ["Governor Greg Abbott declared a disaster in 23 counties."], heading="The response")
    )
    verify_article(Verifier(), a, PASSAGES)
    heading, paragraph = a.sections[0].blocks
    assert heading.sentences[0].verdict is None
    s = paragraph.sentences[0]
    assert (s.verdict, s.claim_kind) == ("supported", "fact")
    assert s.score is not None and s.citations and s.checks["kind"] == "fact"
    assert a.intro.sentences()[0].verdict == "supported"
    assert a.stats.verify_seconds > 0


def test_reviser_called_once_with_all_failures_and_evidence() -> None:
    calls = []

    def reviser(batch):
        calls.append([(s.text, [p.id for p in ps]) for s, ps in batch])
        return [
            "Governor Greg Abbott declared a disaster in 23 counties." if "27" in s.text else None for s, _ in batch
        ]

    a = article(
        section(
            "context",
            "fact",
            [
                "The state said the floods killed 27 people in 30 counties.",
                "Mayor John Whitmire ordered an evacuation.",
            ],
        )
    )
    verify_article(Verifier(), a, PASSAGES, reviser)
    assert len(calls) == 1 and len(calls[0]) == 2
    assert calls[0][0][1], "the reviser sees the best evidence passages"
    kept = a.sections[0].sentences()
    assert [s.text for s in kept] == ["Governor Greg Abbott declared a disaster in 23 counties."]
    assert kept[0].revised_from == "The state said the floods killed 27 people in 30 counties."
    assert kept[0].verdict == "supported"
    assert [(d.section, d.text, d.verdict) for d in a.dropped] == [
        ("context", "Mayor John Whitmire ordered an evacuation.", "unsupported")
    ]
    assert "Mayor John Whitmire" in a.dropped[0].reason


def test_failed_revision_is_dropped_and_section_says_so() -> None:
    a = article(
        section(
            "analysis",
            "analysis",
            ["Mayor John Whitmire blamed the levees."],
            ["- The floods killed 40 people."],
            heading="Why",
        )
    )
    verify_article(Verifier(), a, PASSAGES, lambda batch: ["Mayor John Whitmire still blamed the levees."] * len(batch))
    gone = a.sections[0]
    assert gone.blocks == [] and gone.sentences() == []
    assert gone.note == NOTE_FAILED
    assert len(a.dropped) == 2
    assert all("after one revision" in d.reason for d in a.dropped)
    assert {d.text for d in a.dropped} == {"Mayor John Whitmire still blamed the levees."}


def test_no_reviser_drops_failures() -> None:
    a = article(
        section(
            "context",
            "fact",
            ["Governor Greg Abbott declared a disaster in 23 counties.", "Abbott said 99 homes were lost."],
        )
    )
    verify_article(Verifier(), a, PASSAGES)
    assert [s.text for s in a.sections[0].sentences()] == ["Governor Greg Abbott declared a disaster in 23 counties."]
    assert a.sections[0].note is None
    assert a.dropped[0].reason.startswith("not in any source")


def test_repeats_of_earlier_sections_are_dropped_takeaways_may_summarise() -> None:
    a = article(
        section("context", "fact", ["Governor Greg Abbott declared a disaster in 23 counties."]),
        section(
            "impact",
            "fact",
            [
                "Abbott declared a disaster in 23 counties, the governor said.",
                "Forecasters expect another three inches of rain on Thursday.",
            ],
        ),
        section(
            "takeaways",
            "summary",
            ["Floods killed 17 people in southern Texas.", "Governor Greg Abbott declared a disaster in 23 counties."],
        ),
    )
    verify_article(Verifier(), a, PASSAGES)
    assert [s.text for s in a.sections[1].sentences()] == [
        "Forecasters expect another three inches of rain on Thursday."
    ]
    assert [s.text for s in a.sections[2].sentences()] == ["Floods killed 17 people in southern Texas."]
    repeats = [d for d in a.dropped if d.reason == REPEAT_REASON]
    assert [(d.section, d.verdict) for d in repeats] == [("impact", "supported"), ("takeaways", "supported")]


def test_a_sentence_repeating_the_dek_is_dropped() -> None:
    a = article(
        section(
            "pros",
            "opinion",
            [
                "Governor Greg Abbott declares a disaster in 23 Texas counties.",
                "The National Weather Service said the storm could bring more rain.",
            ],
        )
    )
    a.dek = "Governor Greg Abbott declared a disaster in 23 counties after the floods."
    verify_article(Verifier(), a, PASSAGES)
    assert [s.text for s in a.sections[0].sentences()] == [
        "The National Weather Service said the storm could bring more rain."
    ]
    assert [(d.section, d.reason) for d in a.dropped] == [("pros", REPEAT_REASON)]


def test_key_takeaways_may_restate_the_dek() -> None:
    """The dek stands above the article; a list of the story's points keeps its main fact (issue 17)."""
    lead = "Governor Greg Abbott declared a disaster in 23 counties."
    a = article(section("context", "fact", [lead]), section("takeaways", "summary", [lead]))
    a.dek = lead
    verify_article(Verifier(), a, PASSAGES)
    assert [s.text for s in a.sections[1].sentences()] == [lead], "the takeaway restating the dek is kept"
    assert not a.sections[0].sentences(), "a fact section repeating the dek is not"
    assert [(d.section, d.reason) for d in a.dropped] == [("context", REPEAT_REASON)]


def test_article_json_round_trip_keeps_verdicts() -> None:
    a = article(
        section(
            "context",
            "fact",
            ["Governor Greg Abbott declared a disaster in 23 counties.", "Abbott said 99 homes were lost."],
        )
    )
    verify_article(Verifier(), a, PASSAGES)
    again = Article.from_dict(a.to_dict())
    s = again.sections[0].sentences()[0]
    assert s.verdict == "supported" and s.citations[0].quote in FLOOD_STORY[1]
    assert again.dropped[0].text == "Abbott said 99 homes were lost."


def test_an_intro_whose_every_sentence_failed_gives_way_to_the_storys_opening() -> None:
    """An intro is never left as a note while the story's own first sentences can say what happened: the opening
    stands in for an intro every drafted sentence of which failed, and is checked as any sentence is."""
    from newsdesk.verify import Fallbacks

    a = article(section("context", "fact", ["Governor Greg Abbott declared a disaster in 23 counties."]))
    a.intro = section("intro", "fact", ["Flash floods killed 40 people across northern Ohio on Friday."])
    opening = [Block("paragraph", [Sentence(FLOOD_STORY[0], id="intro.b0.s0")])]
    verify_article(Verifier(), a, PASSAGES, fallbacks=Fallbacks([], [], opening))
    assert [s.text for s in a.intro.sentences()] == [FLOOD_STORY[0]]
    assert a.intro.sentences()[0].verdict == "supported" and a.intro.sentences()[0].citations
    assert any(d.section == "intro" and "Ohio" in d.text for d in a.dropped), "the failed sentence is listed"
    assert a.intro.note is None


def test_a_sentence_that_tells_new_events_of_the_same_things_is_no_repeat() -> None:
    """Smoke test 43 #5: the bank's response shared the bank, the chatbot and the 12 customers with the dek, and was
    dropped as a repeat. A point is what is said of things; the same things doing something else is another point,
    and the same event in other words is still a repeat."""
    dek = "Researchers tricked the chatbot of Halden Bank into revealing the balances of 12 customers on Wednesday."
    response = "Halden Bank said it had disabled the chatbot on Thursday and notified the 12 customers."
    assert new_predicate(response, dek)
    assert not new_predicate("On Wednesday researchers tricked Halden Bank's chatbot into revealing balances.", dek)
    passages = [Passage(text=t, position=i, source_number=1, id=i + 1) for i, t in enumerate([dek, response])]
    a = Article(
        title="Chatbot leak",
        dek=dek,
        intro=section("intro", "fact", [response]),
        sections=[section("context", "fact", [dek.replace("on Wednesday", "this week")])],
        sources=[],
        model={},
    )
    verify_article(Verifier(), a, passages)
    assert [s.text for s in a.intro.sentences()] == [response]
    assert [(d.section, d.reason) for d in a.dropped] == [("context", REPEAT_REASON)]
