"""Sections built from the story map: what stands as a bullet."""

from __future__ import annotations

from newsdesk.models import Passage, Source
from newsdesk.storymap import build_map
from newsdesk.template import load_template
from newsdesk.write.from_map import map_section
from newsdesk.write.grounded import GroundedDrafter
from support.stories import one_source

HEADLINE = "Council opens new harbour ferry"


def _pros_cons_bullets(texts: list[str]) -> list[str]:
    """The Pros and Cons bullets built from a one-source story of ``texts``."""
    sources = one_source(texts, HEADLINE)
    spec = next(s for s in load_template("default").sections if s.format == "pros_cons")
    section = map_section(spec, build_map(sources, HEADLINE), GroundedDrafter(sources, HEADLINE))
    return [s.text for b in section.blocks if b.type == "bullet" for s in b.sentences]


def test_a_pros_or_cons_bullet_never_opens_on_a_pronoun_that_points_at_nothing() -> None:
    """Where no one takes a side, a benefit or risk the story names may stand in; a sentence that opens on "They"
    or "It" is passed over there: alone in a bullet it names no one."""
    texts = [
        "The council opened the new harbour ferry on Monday.",
        "They hope the ferry brings benefits to the islands' trade.",
        "The new timetable's main advantage is a crossing of twenty minutes.",
    ]
    bullets = _pros_cons_bullets(texts)
    assert bullets == ["The new timetable's main advantage is a crossing of twenty minutes."], bullets


def test_a_risk_or_benefit_under_a_negation_is_no_pro_or_con() -> None:
    texts = [
        "The council opened the new harbour ferry on Monday.",
        "The first crossing left on time and without problems.",
        "Islanders have no concerns about the new timetable or the fares.",
        "Winter storms are a risk to crossings in January.",
    ]
    bullets = _pros_cons_bullets(texts)
    assert texts[1] not in bullets and texts[2] not in bullets, bullets
    assert texts[3] in bullets, "a risk the story names, undenied, still stands in"


def test_where_no_one_takes_a_side_only_a_noun_of_evaluation_stands_in() -> None:
    """A benefit or a risk the story names in its own voice is a noun whose meaning is the judgement ("benefits",
    "concerns"); a verb or adjective that tells what something does or how it went ("allows", "improving",
    "progress", "failed") is good or bad only for someone, and a question or a line to the reader asserts
    nothing."""
    texts = [
        "The council opened the new harbour ferry on Monday.",
        "The ferry allows islanders to reach the mainland hospital within an hour.",
        "Each crossing is improving as the crews learn the new route.",
        "A reporter asked the captain whether the concerns about winter storms were justified.",
        "If you have concerns about the timetable, call the harbour office.",
        "Fishermen have raised concerns about the ferry's wake in the narrow channel.",
        "The route's main benefit is a crossing of twenty minutes instead of two hours.",
    ]
    bullets = _pros_cons_bullets(texts)
    assert sorted(bullets) == sorted(texts[5:]), bullets


def test_the_intro_never_opens_a_pronoun_whose_sentence_went_elsewhere() -> None:
    """The intro reads the story in order; a sentence that opens on "She" follows the intro's last sentence only
    when that is the sentence before it in the story, else its pronoun points at the wrong person."""
    texts = [
        "The council opened the new harbour ferry on Monday.",
        "Mayor Ann Lee praised the new route at the opening.",
        "She said that fares would fall by a third next year.",
        "The ferry runs every hour between the two harbours.",
    ]
    passages = [Passage(text=t, position=i, source_number=1, id=i + 1) for i, t in enumerate(texts)]
    drafter = GroundedDrafter([Source(number=1, title=HEADLINE, passages=passages)], HEADLINE)
    assert drafter.claim(texts[0], passages[0]) is not None  # the dek
    assert drafter.claim(texts[1], passages[1]) is not None  # taken by another part (the takeaways)
    intro = [c.original for c in drafter.take(200, lead=True)]
    assert texts[2] not in intro and texts[3] in intro


def test_the_map_sections_take_the_story_and_its_thread_not_a_related_story() -> None:
    """A related story is another event: its sides and plans are no Pros, Cons or outlook of this one. Narrowed to
    the story's own sources, the map keeps them out of the sections it builds, and the drafter still holds them
    for Context & Background; an entry of the story's own thread counts as the story."""
    story = [
        "The council opened the new harbour ferry on Monday.",
        "Mayor Ann Lee praised the new route, calling it a lifeline for the islands.",
    ]
    related = [
        "Port workers in another city welcomed a new crane last year.",
        "The crane operator said that the port will expand next spring.",
    ]
    thread_entry = ["Islanders criticised the ferry's fares, saying they were far too high."]

    def source(number: int, texts: list[str], role: str) -> Source:
        passages = [Passage(text=t, position=i, source_number=number, id=number * 10 + i) for i, t in enumerate(texts)]
        return Source(number=number, title=HEADLINE, passages=passages, role=role)  # type: ignore[arg-type]

    sources = [source(1, story, "story"), source(2, related, "background"), source(3, thread_entry, "background")]
    whole = build_map(sources, HEADLINE)
    assert {s.source_number for s in whole.statements} == {1, 2, 3}
    own = whole.narrowed([1, 3])
    assert {s.source_number for s in own.statements} == {1, 3}
    assert own.actors == whole.actors and own.unusable == whole.unusable
    drafter = GroundedDrafter(sources, HEADLINE)
    written = []
    for spec in load_template("default").sections:
        if spec.format == "pros_cons" or spec.kind in ("analysis", "outlook", "opinion"):
            section = map_section(spec, own, drafter)
            written += [s.text for b in section.blocks for s in b.sentences if s.claim_kind != "heading"]
    assert not any(text.startswith(("Port workers", "The crane")) for text in written), written
    assert any(text.startswith("Islanders criticised") for text in written), written
    assert drafter.unused(), "the related story's sentences are left for Context & Background"


def test_a_section_whose_material_another_section_gave_says_so_not_that_the_story_lacks_it() -> None:
    """A note says only what is true: the story's plan went into another part of the article (the takeaways), so
    Future Outlook, left with nothing new, says it is given elsewhere, not that the story says nothing of what
    comes next; a story with no plan at all still gets that note."""
    texts = [
        "The council opened the new harbour ferry on Monday.",
        "The council will add a second ferry next spring.",
    ]
    sources = one_source(texts, HEADLINE)
    story_map = build_map(sources, HEADLINE)
    assert [item.sentence for item in story_map.forward] == [texts[1]]
    spec = next(s for s in load_template("default").sections if s.kind == "outlook")
    drafter = GroundedDrafter(sources, HEADLINE)
    assert drafter.claim(texts[1], sources[0].passages[1]) is not None  # taken by another part (the takeaways)
    section = map_section(spec, story_map, drafter)
    assert not section.blocks and section.note == "What the story says comes next is given in other sections."
    no_plan = one_source(texts[:1], HEADLINE)
    section = map_section(spec, build_map(no_plan, HEADLINE), GroundedDrafter(no_plan, HEADLINE))
    assert not section.blocks and section.note == "The story says nothing about what comes next."


def test_a_map_section_never_opens_a_sentence_on_a_pronoun_whose_antecedent_it_does_not_give() -> None:
    """The map's sections pick sentences by kind, not in the story's order: "They will ..." there points at
    whatever the article said last. It stands only right after the story's sentence before it; "This week ..."
    (a time from the writing's present) and "It is unclear whether ..." (a dummy subject) point at nothing before,
    so they stand anywhere."""
    texts = [
        "The council opened the new harbour ferry on Monday.",
        "Islanders praised the crossing at the opening.",
        "They will pay half fares from next month.",
        "This week, the council will publish the winter timetable.",
        "It is unclear whether the ferry will run in storms.",
    ]
    sources = one_source(texts, HEADLINE)
    story_map = build_map(sources, HEADLINE)
    assert texts[2] in [item.sentence for item in story_map.forward]
    written: list[str] = []
    drafter = GroundedDrafter(sources, HEADLINE)
    for spec in load_template("default").sections:
        if spec.kind in ("outlook", "opinion"):
            section = map_section(spec, story_map, drafter)
            written += [s.text for b in section.blocks for s in b.sentences if s.claim_kind != "heading"]
    assert texts[2] not in written, written
    assert texts[3] in written and texts[4] in written, written


def test_a_speaker_heading_keeps_the_the_the_story_writes() -> None:
    texts = [
        "The harbour board opened the new ferry terminal on Monday.",
        "The Harbour Board said that the terminal would serve two million passengers a year.",
        "Mayor Ann Lee said that the city would add a bus line to the terminal.",
    ]
    sources = one_source(texts, HEADLINE)
    spec = next(s for s in load_template("default").sections if s.kind == "analysis")
    section = map_section(spec, build_map(sources, HEADLINE), GroundedDrafter(sources, HEADLINE))
    headings = [s.text for b in section.blocks if b.type == "subheading" for s in b.sentences]
    assert "What the Harbour Board said" in headings and "What Ann Lee said" in headings, headings


INTERVIEW = [
    "Harbour master Ada Okonkwo has run the port for a decade. She spoke about the new ferry.",
    "How do you see the ferry changing the islands?",
    "We will finally have a crossing that runs in every weather. The old boats were too small for winter seas.",
    "What worries you most about the first winter?",
    "I worry that the crews are still learning the channel. The timetable is tight for a new route.",
    "Do you expect the fares to change?",
    "Our fares will stay the same until the council reviews them in 2027.",
]


def test_an_interviews_answers_are_given_only_under_the_guests_name() -> None:
    """An interview's questions are put to the guest ("How do you see ...?") and the guest answers in the first
    person: an answer names no speaker, so alone it would read as the article's own claim. It stands only under
    the guest's name; the story's own narration stands anywhere."""
    sources = one_source(INTERVIEW, HEADLINE)
    story_map = build_map(sources, HEADLINE)
    answers = {
        "The old boats were too small for winter seas.",
        "The timetable is tight for a new route.",
        "Our fares will stay the same until the council reviews them in 2027.",
    }
    assert answers <= story_map.speaker_only
    assert {s.speaker for s in story_map.statements if s.sentence in answers} == {"Ada Okonkwo"}
    assert "Harbour master Ada Okonkwo has run the port for a decade." not in story_map.speaker_only
    drafter = GroundedDrafter(sources, HEADLINE, story_map.unusable, story_map.speaker_only)
    taken = {c.original for c in drafter.take(500)}
    assert not taken & story_map.speaker_only, "an answer drafted in the article's own voice"
    analysis = next(s for s in load_template("default").sections if s.id == "analysis")
    section = map_section(analysis, story_map, drafter)
    headings = [s.text for b in section.blocks if b.type == "subheading" for s in b.sentences]
    bullets = [s.text for b in section.blocks if b.type == "bullet" for s in b.sentences]
    assert any("Ada Okonkwo" in h for h in headings), headings
    assert set(bullets) & answers, bullets


def test_questions_that_address_no_one_make_no_interview() -> None:
    """An explainer's questions ("How does the ferry work?") and a line to the reader ("If you are reading this
    online, why not subscribe?") are put to no guest: the answers stay the story's own."""
    texts = [
        "If you are reading this online, why not subscribe to our newsletter?",
        "How does the new ferry work? It carries 200 passengers and 40 cars.",
        "Why did the council buy it? The old boats were too small for winter seas.",
        "What happens next? The council reviews the fares in 2027, and we will report on it.",
    ]
    story_map = build_map(one_source(texts, HEADLINE), HEADLINE)
    assert not story_map.speaker_only


def test_what_an_earlier_entry_said_was_ahead_is_no_outlook_of_the_later_story() -> None:
    """An entry published before the story told what comes next as of its own time; by the story's, the ferry
    trial it announced has been held. Its sentence stays for the background, never Future Outlook or Call to
    Action."""
    from newsdesk.pipeline.narrowing import published_before

    def source(number: int, texts: list[str], published: str) -> Source:
        passages = [Passage(text=t, position=i, source_number=number, id=number * 10 + i) for i, t in enumerate(texts)]
        return Source(number=number, title=HEADLINE, passages=passages, published=published)

    story = source(
        1,
        ["The new harbour ferry carried its first 300 passengers on Tuesday after a trial run.", "Fares start at $4."],
        "2026-03-03T18:00:00+00:00",
    )
    preview = source(
        2, ["The council will hold a trial run of the new harbour ferry on Tuesday morning."], "2026-03-03T07:00:00"
    )
    sources = [story, preview]
    earlier = published_before(sources, story.published)
    assert earlier == [2]
    story_map = build_map(sources, HEADLINE).narrowed([1, 2], earlier=earlier)
    assert not story_map.is_current(2) and story_map.is_own(2)
    drafter = GroundedDrafter(sources, HEADLINE)
    written = []
    for spec in load_template("default").sections:
        if spec.kind in ("outlook", "opinion"):
            section = map_section(spec, story_map, drafter)
            written += [s.text for b in section.blocks for s in b.sentences if s.claim_kind != "heading"]
    assert not any("trial run of the new harbour ferry on Tuesday morning" in text for text in written), written
    assert published_before(sources, None) == [] and published_before(sources, "not a date") == []
    same_day = [story, source(3, ["The ferry will run hourly."], "2026-03-03"), source(4, ["Old."], "2026-03-01")]
    assert published_before(same_day, story.published) == [4], "a date alone is not before the same day's story"


def test_a_fact_sourced_by_according_to_is_no_voice_to_follow() -> None:
    texts = [
        "The ferry carried 300 passengers on its first day, according to the harbour authority.",
        "Mayor Ann Lee praised the new route, calling it a lifeline for the islands.",
    ]
    sources = one_source(texts, HEADLINE)
    story_map = build_map(sources, HEADLINE)
    assert {s.verb for s in story_map.statements} >= {"according to"}
    spec = next(s for s in load_template("default").sections if s.id == "call-to-action")
    section = map_section(spec, story_map, GroundedDrafter(sources, HEADLINE))
    said = [s.text for b in section.blocks for s in b.sentences if s.claim_kind != "heading"]
    assert not any("according to the harbour authority" in text for text in said), said


def test_a_denial_that_points_back_is_given_with_the_claim_it_answers() -> None:
    """ "Lumo denied that claim" alone names nothing, but it is the other side of the sentence before it: the two are
    given in one bullet on the claim's side, so the section holds both views and is not left out as viewless
    (smoke 44 #12)."""
    texts = [
        "Lumo is recalling 8,000 heaters sold in Norway after reports that the casing can melt.",
        "Consumer group Fairhold said the recall was overdue and that Lumo had known about the fault since May. "
        "Lumo denied that claim.",
        "Customers are asked to return the heaters to any store for a refund.",
    ]
    sources = one_source(texts, HEADLINE)
    spec = next(s for s in load_template("default").sections if s.format == "pros_cons")
    section = map_section(spec, build_map(sources, HEADLINE), GroundedDrafter(sources, HEADLINE))
    bullets = [[s.text for s in b.sentences] for b in section.blocks if b.type == "bullet"]
    assert bullets == [
        [
            "Consumer group Fairhold said the recall was overdue and that Lumo had known about the fault since May.",
            "Lumo denied that claim.",
        ]
    ], (bullets, section.note)
    headings = [s.text for b in section.blocks if b.type == "subheading" for s in b.sentences]
    assert headings == ["Cons"]


def test_pros_and_cons_hold_the_prosecution_and_the_defence() -> None:
    texts = [
        "A former treasurer of the Alder rowing club went on trial on Tuesday over missing club funds.",
        "Prosecutor Irene Valdo told the court that Peter Lisk had moved the club's savings into his own account.",
        "Lisk's lawyer, Owen Brady, said the transfers had been approved by the club committee.",
    ]
    bullets = _pros_cons_bullets(texts)
    assert texts[1] in bullets and texts[2] in bullets, bullets


def test_a_view_that_cannot_stand_alone_is_not_reported_as_no_view() -> None:
    """The note says what is true: the story has a view, but it answers a sentence that itself points back, so no
    section can give it (smoke 44 #12: "reports no views" was false)."""
    texts = [
        "The council opened the new harbour ferry on Monday.",
        "That crossing had been promised to islanders for years. Boatmen denied it.",
    ]
    sources = one_source(texts, HEADLINE)
    spec = next(s for s in load_template("default").sections if s.format == "pros_cons")
    section = map_section(spec, build_map(sources, HEADLINE), GroundedDrafter(sources, HEADLINE))
    assert not section.blocks, section.blocks
    assert section.note is not None and "reports views for and against" in section.note, section.note


def test_a_denial_is_never_paired_with_the_subjectless_piece_of_a_broken_sentence() -> None:
    """A claim the splitter broke off its subject ("said the recall was overdue") gives nothing to answer: the pair
    would publish a fragment."""
    texts = [
        "Lumo is recalling 8,000 heaters sold in Norway after reports that the casing can melt.",
        "said the recall was overdue and that Lumo had known about the fault since May. Lumo denied that claim.",
    ]
    bullets = _pros_cons_bullets(texts)
    assert not any(b.lower().startswith("said") for b in bullets), bullets


class _NoCalls:
    """A model that takes no call: the title is built from the headline, everything else from the sources."""

    context_length = 4096

    def describe(self) -> dict[str, str]:
        return {}

    def chat(self, *args: object, **kwargs: object) -> None:
        from newsdesk.llm.session import BudgetExceeded

        raise BudgetExceeded("no calls")


def test_pros_and_cons_take_the_views_before_the_takeaways() -> None:
    """A view for or against has its one place in the section that weighs the views: taken by the takeaways first,
    the prosecution and the defence were plain takeaways and Pros and Cons had none (smoke 44 #12)."""
    from newsdesk.llm.session import Session
    from newsdesk.write.draft import write_draft

    headline = "Rowing club treasurer goes on trial over missing funds"
    texts = [
        "A former treasurer of the Alder rowing club went on trial on Tuesday over missing club funds.",
        "Prosecutor Irene Valdo told the court that Peter Lisk had moved the club's savings into his own account.",
        "Lisk's lawyer, Owen Brady, said the transfers had been approved by the club committee.",
        "The club's new boathouse opened in May after two years of building work.",
        "Judge Mark Hale said the trial would last three weeks.",
    ]
    sources = one_source(texts, headline, "2026-03-10")
    draft = write_draft(
        Session(_NoCalls(), max_calls=0),  # type: ignore[arg-type]
        load_template("default"),
        sources,
        headline,
        grounded=True,
        story_map=build_map(sources, headline),
        body=" ".join(texts),
        map_analysis=True,
    )
    pros_cons = next(s for s in draft.sections if s.heading == "Pros and Cons")
    said = [s.text for s in pros_cons.sentences()]
    assert texts[1] in said and texts[2] in said, said


def test_where_things_stand_never_opens_on_words_that_point_at_a_sentence_given_elsewhere() -> None:
    """The last resort of "what to watch" is the story's last sentence not yet used; a bullet stands alone, so not
    "... did not confirm that figure." once the figure went to another section (smoke 44 storm)."""
    from newsdesk.write.from_map import role

    texts = [
        "The council opened the new harbour ferry on Monday.",
        "The Island Post put the number of passengers at 900. The harbour office did not confirm that figure.",
    ]
    sources = one_source(texts, HEADLINE)
    story_map = build_map(sources, HEADLINE)
    drafter = GroundedDrafter.reading(sources, HEADLINE, story_map)
    drafter.claim(texts[0], sources[0].passages[0])  # given in sections before this one
    drafter.claim("The Island Post put the number of passengers at 900.", sources[0].passages[1])
    watch = next(s for s in load_template("default").sections if role(s) == "watch")
    said = [s.text for s in map_section(watch, story_map, drafter).sentences()]
    assert "The harbour office did not confirm that figure." not in said, said


def test_where_things_stand_never_gives_a_last_sentence_that_takes_up_the_one_before() -> None:
    """Smoke test 44 #7: where nothing else fills "what to watch", the story's last sentence not yet given stands
    for where things stand; one that takes up the sentence before it ("did not confirm that figure") points, there,
    at nothing, so the last one that stands alone is given."""
    texts = [
        "The new harbour ferry carried 300 passengers on its first crossing.",
        "The ferry's owners, a family firm, bought the boat from a Norwegian yard.",
        "A rival paper put the number of passengers at 450.",
        "The harbour office did not confirm that figure.",
    ]
    sources = one_source(texts, HEADLINE)
    spec = next(s for s in load_template("default").sections if s.kind == "opinion" and s.format != "pros_cons")
    section = map_section(spec, build_map(sources, HEADLINE), GroundedDrafter(sources, HEADLINE))
    bullets = [s.text for b in section.blocks if b.type == "bullet" for s in b.sentences]
    headings = [s.text for b in section.blocks if b.type == "subheading" for s in b.sentences]
    assert texts[3] not in bullets, (headings, bullets)


def test_a_map_section_parses_only_the_sentences_it_reaches() -> None:
    """A section filled from the sentences matching its words takes the most relevant few: the parse that tells
    whether one points back is asked in order of relevance until enough pass, not of a long story's every sentence
    (smoke test 44 #8: minutes for two bullets of Pros and Cons on 6,000 sentences). The same sentences come."""
    import re

    from newsdesk.storymap import StoryMap
    from newsdesk.write.from_map import _claim_matching

    texts = ["It would cost the harbour 9,000 pounds, officials said."] + [
        f"Councillor Ames said item {n} of the harbour budget would cost {n + 2},000 pounds." for n in range(40)
    ]
    sources = one_source(texts, "Harbour budget items cost more")
    drafter = GroundedDrafter(sources, "Harbour budget items cost more")
    asked: list[str] = []
    real = drafter.points_back
    drafter.points_back = lambda c: asked.append(c.original) or real(c)  # type: ignore[method-assign]
    chosen = [s.text for s in _claim_matching(drafter, StoryMap(), re.compile(r"\bcost\b"), 2)]
    assert chosen and not any(t.startswith("It ") for t in chosen)  # a near-duplicate of a claimed one is not given
    assert len(asked) <= 3


def test_looking_through_the_statements_for_a_map_section_says_how_far_it_got() -> None:
    """Pros and Cons read 600 statements of a long story, each parsed, 74 s without a line (smoke test 44 #8)."""
    from newsdesk.progress import heartbeat

    texts = [
        "Mayor Ellen Okafor welcomed the harbour expansion, calling it a historic day.",
        "Greenwatch director Tom Reyes condemned the harbour expansion as reckless.",
    ]
    sources = one_source(texts, "Harbour expansion approved")
    story_map = build_map(sources, "Harbour expansion approved")
    drafter = GroundedDrafter.reading(sources, "Harbour expansion approved", story_map)
    spec = next(s for s in load_template(None).sections if s.id == "pros-cons")
    events: list[dict[str, object]] = []
    with heartbeat(lambda stage, status, **data: events.append(data), every=0.0):
        map_section(spec, story_map, drafter)
    assert any(e.get("task") == "Looking through the story's statements" for e in events)


def test_a_denial_is_no_pro_but_the_reply_given_after_the_charge_it_answers() -> None:
    """A denial is the accused side's answer to a charge, no pro of the matter: it is given in the charge's bullet,
    after it (smoke 45 F8: "The ministry denied that any warning had been received" stood as a Pro)."""
    texts = [
        "A landslide closed the coastal road near Perrin on Sunday.",
        "Residents' leader Hana Ruiz accused the roads agency of ignoring cracks in the cliff for two years.",
        "The agency denied receiving any report about the cliff.",
    ]
    sources = one_source(texts, HEADLINE)
    spec = next(s for s in load_template("default").sections if s.format == "pros_cons")
    section = map_section(spec, build_map(sources, HEADLINE), GroundedDrafter(sources, HEADLINE))
    headings = [s.text for b in section.blocks if b.type == "subheading" for s in b.sentences]
    bullets = [[s.text for s in b.sentences] for b in section.blocks if b.type == "bullet"]
    assert headings == ["Cons"], (headings, bullets)
    assert bullets == [[texts[1], texts[2]]], bullets


def test_a_denial_with_no_charge_before_it_is_no_pro() -> None:
    texts = [
        "The roads agency denied that it had been told about any cracks in the cliff.",
        "A landslide closed the coastal road near Perrin on Sunday.",
    ]
    assert _pros_cons_bullets(texts) == []


def test_a_view_told_with_a_neutral_verb_of_saying_is_read_from_what_is_said() -> None:
    """ "Said the tram would save time" is a view for, "said it would ruin the square" a warning: the stance of a
    statement is read from its verb and its content together (issue 17 item 6; smoke 45 F8)."""
    texts = [
        "The council voted on Tuesday to extend the tram line to Westgate.",
        "Transport chair Olga Brenner said the extension would save commuters twenty minutes a day.",
        "Market trader Femi Lowe said the works would ruin trade on the square for a year.",
    ]
    bullets = _pros_cons_bullets(texts)
    assert bullets == [texts[1], texts[2]], bullets


def test_a_judgement_in_plain_saying_is_a_view_and_an_effect_told_as_done_is_none() -> None:
    texts = [
        "The storm damaged forty homes in Carran on Friday, the fire service said.",
        'Mayor Joan Fitch said the delay in repairs was "a disgrace."',
        'Housing officer Lee Tan said the repairs were "slow but essential."',
    ]
    bullets = _pros_cons_bullets(texts)
    assert texts[0] not in bullets, bullets
    assert texts[1] in bullets and texts[2] in bullets, bullets


def _no_call_draft(texts: list[str], headline: str, published: str = "2026-03-10"):  # type: ignore[no-untyped-def]
    from newsdesk.llm.session import Session
    from newsdesk.write.draft import write_draft

    sources = one_source(texts, headline, published)
    return write_draft(
        Session(_NoCalls(), max_calls=0),  # type: ignore[arg-type]
        load_template("default"),
        sources,
        headline,
        grounded=True,
        story_map=build_map(sources, headline),
        body=" ".join(texts),
        map_analysis=True,
    )


def test_what_comes_next_goes_to_the_outlook_not_the_intro() -> None:
    """A story tells its next steps last; the intro, taken from the sentences the other parts left, opened on them
    and Future Outlook was left out as "given in other sections" (smoke 45 F11). The outlook claims them first."""
    headline = "Appeals court strikes down Brenley port fee"
    texts = [
        "A state appeals court on Tuesday struck down a port fee imposed by Brenley County in 2025.",
        "The three-judge panel ruled that the county had no power to charge the fee without a public vote.",
        "The fee raised about $6 million from 2,400 shipping firms last year.",
        "County attorney Rosa Lind said the county was studying the ruling.",
        "The county will decide within 30 days whether to appeal to the supreme court.",
        "A hearing on refunds is set for April 14.",
    ]
    draft = _no_call_draft(texts, headline)
    intro = [s.text for s in draft.intro.sentences()]
    outlook = next(s for s in draft.sections if s.kind == "outlook")
    said = [s.text for s in outlook.sentences()]
    assert texts[4] not in intro and texts[5] not in intro, intro
    assert texts[4] in said or texts[5] in said, (said, outlook.note)


def test_an_answer_never_opens_the_intro_before_what_it_answers() -> None:
    """ "X added" or "X disagreed" presupposes an earlier saying: in the intro, read before the claim it answers,
    the story is told backwards (smoke 45 F11). It stands only right after the story's sentence before it."""
    from newsdesk.write.grounded import GroundedDrafter as Drafter

    headline = "Clinic closes night ward"
    texts = [
        "The Farrow community clinic closed its night ward on Monday.",
        "Union steward Amal Reyes said the clinic had cut 12 nursing posts.",
        "Ward nurses have worked extra shifts since October, the union said.",
        '"The posts were never filled," clinic director Tom Ashe added.',
    ]
    sources = one_source(texts, headline)
    story_map = build_map(sources, headline)
    drafter = Drafter.reading(sources, headline, story_map)
    drafter.take(1, lead=True)  # the dek
    drafter.claim(texts[1], sources[0].passages[1])  # the claim, given in another section
    intro = [c.original for c in drafter.take(200, lead=True)]
    assert texts[3] not in intro, intro


def test_a_refusal_that_also_tells_is_not_an_open_question() -> None:
    """ "Declined to comment ... but told the paper that ..." states what was told: no "Not yet known" item
    (smoke 45 F13). A refusal alone still is."""
    from newsdesk.write.from_map import role

    texts = [
        "The new harbour ferry was withdrawn on Friday after an engine fault.",
        "Ferry operator Baylink declined to comment on the fault but told the Island Post that repairs were underway.",
        "The harbour office declined to say when the ferry would return.",
    ]
    sources = one_source(texts, HEADLINE)
    watch = next(s for s in load_template("default").sections if role(s) == "watch")
    section = map_section(watch, build_map(sources, HEADLINE), GroundedDrafter(sources, HEADLINE))
    groups: dict[str, list[str]] = {}
    heading = ""
    for block in section.blocks:
        for s in block.sentences:
            if block.type == "subheading":
                heading = s.text
            else:
                groups.setdefault(heading, []).append(s.text)
    assert texts[1] not in groups.get("Not yet known", []), groups
    assert texts[2] in groups.get("Not yet known", []), groups


def test_a_survey_is_no_voice_to_follow() -> None:
    """What a survey or a study reveals is a finding it sources, no one's voice (smoke 45 F13)."""
    from newsdesk.write.placement import a_voice

    sentence = "The survey also revealed that the number of ferry passengers had fallen by 12 per cent."
    assert not a_voice(sentence, "The survey", "reveal")
    assert a_voice("Harbour master Ian Cole said the fall was temporary.", "Ian Cole", "say")


def test_an_empty_outlook_says_what_comes_next_is_given_where_a_given_sentence_tells_it() -> None:
    """A note says only what is true: where a sentence the article gives tells what comes next, the story does say
    it (smoke 45 F17: "says nothing about what comes next" beside "will reopen in February"), dated or in a modal."""
    from newsdesk.write.from_map import role

    texts = [
        "The Alder library closed its reading room on Friday after a roof leak.",
        "The reading room reopens on December 19.",
    ]
    sources = one_source(texts, HEADLINE, "2026-12-05")
    story_map = build_map(sources, HEADLINE)
    drafter = GroundedDrafter.reading(sources, HEADLINE, story_map)
    for text, passage in zip(texts, sources[0].passages, strict=True):
        drafter.claim(text, passage)  # both given in the intro
    outlook = next(s for s in load_template("default").sections if role(s) == "outlook")
    section = map_section(outlook, story_map, drafter)
    assert not section.blocks
    assert section.note is not None and "given in other sections" in section.note, section.note


def test_a_wordless_piece_is_no_drafted_sentence() -> None:
    """A bare "." states nothing: it is dropped before the check, not counted as a sentence removed (smoke 45 F20)."""
    from newsdesk.models import Block, Sentence
    from newsdesk.write.draft import worded

    blocks = [Block(type="bullet", sentences=[Sentence(text=".")]), Block(type="bullet", sentences=[Sentence("A.")])]
    assert [[s.text for s in b.sentences] for b in worded(blocks)] == [["A."]]


def test_the_stand_in_intro_takes_no_sentence_another_part_gives() -> None:
    """Each usable sentence is used once: the intro built from the story's opening, where the drafted one came out
    empty, took the very sentences the takeaways held, and the check then dropped the takeaways as repeats (smoke 45
    F17: "Key Takeaways is left out: everything drafted ... repeated points made earlier")."""
    from newsdesk.write.from_sources import opening_intro

    headline = "Alder library closes reading room"
    texts = [
        "The Alder library closed its reading room on Friday after a roof leak.",
        "About 3,000 books were moved to the town hall.",
        "Repairs will cost about $25,000, the council said.",
    ]
    sources = one_source(texts, headline, "2026-12-05")
    story_map = build_map(sources, headline)
    intro = opening_intro(sources, headline, story_map, texts[0], 200, {texts[1]})
    said = [s.text for b in intro for s in b.sentences]
    assert texts[1] not in said and texts[2] in said, said
