"""Grounded drafting: source sentences selected, compressed and cut for takeaways, each with its exact citation."""

from __future__ import annotations

from newsdesk.models import Passage, Source
from newsdesk.verify import Verifier
from newsdesk.write.core import compress, points_back, shorten
from newsdesk.write.datelines import dated, datelines
from newsdesk.write.grounded import GroundedDrafter
from newsdesk.write.standalone import run_on_pieces

STORY = [
    (
        "HOUSTON (Reuters) - Flash floods killed 17 people across southern Texas on Wednesday, officials said, after "
        "more than 12 inches of rain fell in less than a day."
    ),
    (
        "Governor Greg Abbott declared a disaster in 23 counties on November 13, 2024, and said the state would ask "
        "for federal help."
    ),
    "It was the worst flooding in the region since 2017.",
    "The National Weather Service said another three inches of rain could fall on Thursday, forecasters warned.",
]


def _drafter() -> GroundedDrafter:
    passages = [Passage(text=t, position=i, source_number=1, id=i + 1) for i, t in enumerate(STORY)]
    return GroundedDrafter(
        [Source(number=1, title="Floods kill 17 in Texas", passages=passages)], "Floods kill 17 in Texas"
    )


def test_compress_drops_datelines_parentheticals_markers_and_connectives() -> None:
    assert compress("CAIRO — Gunmen opened fire on Wednesday.") == "Gunmen opened fire on Wednesday."
    assert compress("- But the council (in a rare move) voted again.") == "The council voted again."
    assert (
        compress("The mayor also said: - The tunnel opens in May.") == "The mayor also said: The tunnel opens in May."
    )
    assert compress("The vote was close: 51 - 49.") == "The vote was close: 51 - 49."


def test_a_sentence_bracketed_whole_loses_its_brackets_and_keeps_its_words() -> None:
    """An aside set apart in the story stands alone in a bullet: the brackets would enclose nothing around it."""
    aside = "(A ministry spokesperson said the talks would resume in May, and declined to say where.)"
    assert compress(aside) == aside[1:-1]
    two = "(Ana Lopes disputes that. “It is plainly wrong,” Lopes wrote in an email.)"
    assert compress(two) == two[1:-1]
    assert compress("The vote (9 to 4) passed (the mayor abstained).") == "The vote passed."


def test_a_conjunctive_adverb_with_its_comma_is_dropped_and_a_phrase_that_only_looks_like_one_is_kept() -> None:
    assert compress("Instead, the council sold the depot.") == "The council sold the depot."
    assert compress("Finally, the mayor signed the order.") == "The mayor signed the order."
    assert compress("First, the tunnel must be drained.") == "The tunnel must be drained."
    assert compress("Additionally, the ferry will run at night.") == "The ferry will run at night."
    assert compress("Again, in a sale of assets, there are no appraisal rights.") == (
        "In a sale of assets, there are no appraisal rights."
    )
    for kept in (
        "First Minister Ana Lopes opened the tunnel.",
        "So far, nine roads have reopened.",
        "Instead of a bridge, the council chose a ferry.",
        "Still more rain is forecast.",
    ):
        assert compress(kept) == kept


def test_shorten_cuts_before_an_aside_but_never_inside_a_date_or_a_list() -> None:
    # the comma after "officials said" goes on with the clause the attribution interrupted: no place to cut
    assert shorten(STORY[0]) == STORY[0].removeprefix("HOUSTON (Reuters) - ")
    assert shorten(STORY[1]).startswith("Governor Greg Abbott declared a disaster in 23 counties on November 13, 2024")
    listed = "The observatory is a partnership between NASA, the European Space Agency and the Canadian Space Agency."
    assert shorten(listed) == listed
    assert shorten("Prices rose, which hurt.") == "Prices rose, which hurt.", "too little would be left"
    quoted = 'He said: "We will rebuild, together."'
    assert shorten(quoted) == quoted


def test_shorten_keeps_a_concession_that_limits_the_claim() -> None:
    """Smoke test 43 #10: "though the survey covered only 300 drivers" was cut from the figure it qualifies."""
    conceded = (
        "Ferry crossings have grown about 30 minutes longer since the pier closed in June, according to a harbour "
        "survey, although the survey counted only 120 trips."
    )
    assert shorten(conceded) == conceded
    aside = "The council approved the pier repairs on Monday, which will cost about 2 million pounds in all."
    assert shorten(aside) == "The council approved the pier repairs on Monday.", "a relative aside still goes"


def test_shorten_takes_out_an_interpolation_between_dashes_and_keeps_the_predicate_after_it() -> None:
    interpolated = (
        "Winter — from the corrosive rock salt used on streets to “freeze-thaw” cycles that weaken pipes — makes "
        "infrastructure problems even worse."
    )
    assert shorten(interpolated) == "Winter makes infrastructure problems even worse."
    appended = "The council approved the harbour bridge on Tuesday — a decision critics called rushed."
    assert shorten(appended) == "The council approved the harbour bridge on Tuesday."


def test_takeaways_are_cut_cited_supported_and_never_open_on_a_pronoun() -> None:
    drafter = _drafter()
    blocks = drafter.takeaways(4)
    texts = [b.sentences[0].text for b in blocks]
    assert texts and all(not t.startswith("It ") for t in texts)
    passages = list({id(c.passage): c.passage for c in drafter.pool}.values())
    verifier = Verifier()
    for block in blocks:
        sentence = block.sentences[0]
        citation = sentence.citations[0]
        assert (
            citation.quote in STORY and citation.quote == STORY[citation.passage_id - 1][citation.start : citation.end]
        )
        assert verifier.check(sentence.text, passages).verdict == "supported", sentence.text


def test_takeaways_skip_a_fact_already_used_word_for_word() -> None:
    drafter = _drafter()
    used = drafter.take(200, lead=True)
    assert used
    texts = [b.sentences[0].text for b in drafter.takeaways(4)]
    for candidate in used:
        assert candidate.text not in texts, "a used sentence comes back only when cut shorter"


SALIENT = [
    "Flood waters forced 4,000 people in Valencia from their homes on Tuesday, when the river burst its banks, the "
    "regional government said.",
    "Flood waters drove some 4,000 Valencia residents out of their homes on Tuesday, officials said.",
    "Maria Lopez, 64, said she had lived on the street for forty years and had never seen anything like it.",
    "The regional government opened 12 shelters in schools and sports halls across the province.",
    "The weather was mild at the weekend, and many people went to the beach.",
]


def test_takeaways_choose_central_early_specific_sentences_and_never_the_same_point_twice() -> None:
    passages = [Passage(text=t, position=i, source_number=1, id=i + 1) for i, t in enumerate(SALIENT)]
    drafter = GroundedDrafter(
        [Source(number=1, title="Valencia floods", passages=passages)],
        "Thousands leave their homes as floods hit Valencia",
    )
    bullets = [b.sentences[0] for b in drafter.takeaways(2)]
    quotes = [s.citations[0].quote for s in bullets]
    assert SALIENT[0] in quotes, "the lead states the event"
    assert SALIENT[1] not in quotes, "a restatement of a point already taken is not a second takeaway"
    assert SALIENT[4] not in quotes, "colour far from the story's subject is no takeaway"
    assert all(drafter.claim(q, p) is None for q in quotes for p in passages), "the takeaways' sentences are used"


def test_no_section_states_again_what_a_takeaway_holds() -> None:
    """No point is made twice (smoke test 40b #11): a body section, before the summary or after it, never gives in
    full the sentence a takeaway restates in fewer words, nor one that repeats it."""
    passages = [Passage(text=t, position=i, source_number=1, id=i + 1) for i, t in enumerate(SALIENT)]
    drafter = GroundedDrafter(
        [Source(number=1, title="Valencia floods", passages=passages)],
        "Thousands leave their homes as floods hit Valencia",
    )
    bullets = [b.sentences[0] for b in drafter.takeaways(2)]
    cut = {s.citations[0].quote: s.text for s in bullets}
    assert cut[SALIENT[0]] == (
        "Flood waters forced 4,000 people in Valencia from their homes on Tuesday, the regional government said."
    )
    assert drafter.claim(SALIENT[0], passages[0]) is None
    body = [c.original for c in drafter.take(500)]
    assert body and not set(body) & {*cut, SALIENT[1]}, "neither the sentence nor its restatement comes back"


def test_a_caption_run_into_the_story_gives_up_the_sentence_after_it() -> None:
    """A determiner capitalised mid-text marks a sentence start whose stop was lost; only text unusable whole is
    split, and each piece must be a whole sentence on its own."""
    run_on = (
        "A huge concrete arrow, pictured, lies in perfect condition in Bloomington, Washington County, Utah "
        "The Bloomington arrow was one of 102 found by a retired couple who have travelled across the US to "
        "photograph them."
    )
    titled = "The editor of The Times said the paper would print the letter in full on Monday."
    passages = [Passage(text=t, position=i, source_number=1, id=i + 1) for i, t in enumerate([run_on, titled])]
    drafter = GroundedDrafter([Source(number=1, title="Arrows", passages=passages)], "Concrete arrows")
    assert [c.original for c in drafter.pool] == [
        "The Bloomington arrow was one of 102 found by a retired couple who have travelled across the US to "
        "photograph them.",
        titled,
    ]
    assert run_on_pieces("Pictured (left) with her mother in 2014 The family has asked for privacy") == []


def test_captions_bylines_cut_off_sentences_and_bare_quotation_openers_are_never_drafted_from() -> None:
    story = [
        "James Boase, pictured, failed to stop at the junction near Exeter in March last year.",
        "Mr Boase told the court that he had drunk two pints of cider before driving home.",
        "Mr Boase claimed that he went to bed ar",
        "The risk of losing control of the technology is real, Bengio argued:",
        "Photo by Jane Smith for the Exeter Gazette, used with permission of the family.",
        "Clockwise from top: the Red Lion's bar, its landlord in the garden, and the lane outside the pub.",
        "Ahh, if only the landlord had called a taxi home from the pub that night.",
    ]
    passages = [Passage(text=t, position=i, source_number=1, id=i + 1) for i, t in enumerate(story)]
    drafter = GroundedDrafter([Source(number=1, title="Landlord convicted", passages=passages)], "Landlord convicted")
    assert [c.original for c in drafter.pool] == [story[1]]


HARBOUR = [
    "The Port Alder town council voted 9 to 4 on Tuesday night to build a new bridge across the old harbour.",
    "The bridge will carry buses, cyclists and people on foot, but not private cars.",
    "Construction is due to start in September and the council expects the bridge to open in 2029.",
    "Council leader Miriam Okafor called the vote the most important decision the council had taken in years.",
    "Shop owners on Quay Street warned that two years of building work would drive customers away.",
    "The ferry operator said the bridge would cut the walk from the terminal to the station to eight minutes.",
]


def _harbour() -> GroundedDrafter:
    passages = [Passage(text=t, position=i, source_number=1, id=i + 1) for i, t in enumerate(HARBOUR)]
    return GroundedDrafter([Source(number=1, title="Council approves bridge", passages=passages)], "Bridge approved")


def test_the_dek_intro_and_takeaways_share_the_main_points_out_and_none_is_made_twice() -> None:
    """The opening (dek and intro) and the takeaways are two summaries at the head of one article (smoke test 40b
    #11): the dek takes the lead, the takeaways the next most salient points, and the intro the opening sentences
    they left, so no point of the dek or the intro comes back as a takeaway."""
    drafter = _harbour()
    dek = drafter.take(1, lead=True)
    assert [c.original for c in dek] == [HARBOUR[0]]
    bullets = [b.sentences[0].citations[0].quote for b in drafter.takeaways(3)]
    assert HARBOUR[0] not in bullets and len(bullets) == 3
    intro = [c.original for c in drafter.take(500, lead=True)]
    assert intro and not set(intro) & set(bullets) and HARBOUR[0] not in intro
    assert set(intro) | set(bullets) | {HARBOUR[0]} <= set(HARBOUR)


def test_a_takeaway_does_not_make_the_deks_point_in_other_words() -> None:
    """A sentence that repeats the dek's sentence (most of its content words) is no takeaway either."""
    story = [
        "Flood waters forced 4,000 people in Valencia from their homes on Tuesday, the regional government said.",
        "Flood waters forced some 4,000 people in Valencia from their homes, the regional government said on Tuesday.",
        "The regional government opened 12 shelters in schools and sports halls across the province.",
        "Rail services between Valencia and Madrid were suspended until Thursday.",
    ]
    passages = [Passage(text=t, position=i, source_number=1, id=i + 1) for i, t in enumerate(story)]
    drafter = GroundedDrafter([Source(number=1, title="Valencia floods", passages=passages)], "Floods hit Valencia")
    assert [c.original for c in drafter.take(1, lead=True)] == [story[0]]
    bullets = [b.sentences[0].citations[0].quote for b in drafter.takeaways(3)]
    assert bullets and story[0] not in bullets and story[1] not in bullets


def test_a_sentence_opening_on_a_pronoun_is_given_only_after_the_sentence_it_points_at() -> None:
    drafter = _drafter()
    for index in range(len(drafter.pool)):  # the sentence before "It was the worst flooding ..." is said elsewhere
        if drafter.pool[index].original == STORY[1]:
            drafter._claimed(index)
    texts = [c.text for c in drafter.take(200)]
    assert texts and not any(t.startswith("It ") for t in texts)
    again = _drafter()
    assert any(c.text.startswith("It was the worst") for c in again.take(200)), "with its antecedent, it may stay"


def test_a_cut_never_falls_inside_a_quotation() -> None:
    """A quotation is its speaker's words as spoken: cut inside, it misquotes them and leaves its mark open."""
    quoted = (
        "The ministry said it is “deeply concerned by the ruling of the district court, which lets every officer "
        "issue orders to remove posts.”"
    )
    assert shorten(quoted) == quoted
    american = (
        "In its landmark ruling in July, which called the drought an “urgent and existential threat,” the court "
        "told the state to act within a year."
    )
    core = shorten(american)
    assert core.count("“") == core.count("”") and core.startswith("In its landmark ruling")
    spoken = "“We will rebuild the bridge, which the flood destroyed in a single night,” the mayor of the town said."
    assert shorten(spoken) == spoken, "a quotation keeps its speaker"


def test_a_cut_leaves_no_word_without_its_head_and_no_verb_without_its_arguments() -> None:
    fronted = (
        "Despite its popular delivery app, which brings in more than $40 million a month, the company posted a loss "
        "of $120 million in the first half of the year."
    )
    assert shorten(fronted) == (
        "Despite its popular delivery app, the company posted a loss of $120 million in the first half of the year."
    )
    # an aside closed by a second comma goes alone: the sentence goes on after it
    assert (
        shorten("The new rules have made rival apps, which once drew millions of users every week, far less popular.")
        == "The new rules have made rival apps far less popular."
    )
    assert (
        shorten(
            "The strike has kept the port, which handles a third of the country's grain exports, closed since Monday."
        )
        == "The strike has kept the port closed since Monday."
    )
    assert (
        shorten("The library, which opened in 1904, will close for repairs in May, the council said.")
        == "The library will close for repairs in May, the council said."
    )


def test_a_cut_never_takes_who_said_it() -> None:
    """The source asserts only that someone said it: a takeaway without the speaker states their claim in the
    article's own voice, a view made fact. The attribution stays, wherever it stands; the aside beside it may go."""
    for sentence in (
        "Artificial general intelligence has already been achieved, the company's chief executive says.",
        "The driver was speeding when the bus left the road, according to police.",
        "According to police, the driver was speeding when the bus left the road near the border.",
        "The new vaccine is safe for children, officials said.",
    ):
        assert shorten(sentence) == sentence
    assert shorten("The dam, which was built in 1962, is unsafe, the engineers said on Friday.") == (
        "The dam is unsafe, the engineers said on Friday."
    )


def test_an_attribution_set_in_mid_sentence_is_no_place_to_cut() -> None:
    """The comma after "he said" closes the attribution; the clause it interrupted goes on after it."""
    interposed = "The bridge will reopen 21 months, the minister said, after the floods of last spring closed it."
    assert shorten(interposed) == interposed


def test_a_cut_takes_no_subject_and_parts_no_pair_of_dashes() -> None:
    subject_in_the_aside = (
        "Confusion grew on Friday when, at a hearing held by the county board, the city’s finance director, Ana "
        "Ruiz, appeared to suggest that the city would default—meaning that the state would have to step in."
    )
    assert "director, Ana Ruiz, appeared" in shorten(subject_in_the_aside)
    paired = (
        "This week the historian Ana Ruiz published the book Harbour Lights, which traces the slow—and, she argues, "
        "avoidable—decline of the city’s fishing fleet over a century."
    )
    assert shorten(paired) == "This week the historian Ana Ruiz published the book Harbour Lights."


def test_a_cut_keeps_the_weighted_conjunct_and_a_figure_after_a_minus() -> None:
    """ "But" opens the conjunct that carries the weight: the concession before it is not the core. A dash between
    figures is a minus or a score, not an aside."""
    contrast = "The ferry across the bay is slow and often late, but it is the only way to reach the island."
    assert shorten(contrast) == contrast
    score = "The vote in the regional council ended 31 - 19 after a debate of four hours."
    assert shorten(score) == score


def test_a_conjunctive_adverb_set_off_inside_the_clause_is_dropped_as_a_leading_one_is() -> None:
    """Smoke test 44 #7: "Current techniques, meanwhile, are ..." relates the clause to a sentence the takeaway
    does not give, as "Meanwhile, current techniques are ..." does; its place in the clause changes nothing. Between
    subject and verb both commas go, after a fronted phrase or before a clause of saying one stays; inside a
    quotation, and "however much", it stays."""
    assert (
        compress("The ferry's old engines, meanwhile, are being replaced.")
        == "The ferry's old engines are being replaced."
    )
    assert compress("In March, however, the council sold the depot.") == "In March, the council sold the depot."
    assert compress("The fares rose, though.") == "The fares rose."
    assert compress("Crossings are slower, meanwhile, islanders said.") == "Crossings are slower, islanders said."
    for kept in ('"We, however, disagree," the mayor said.', "However much it costs, the council will pay."):
        assert compress(kept) == kept


def test_compress_never_edits_inside_a_quotation() -> None:
    """A quotation is the speaker's words: a short parenthetical inside it ("the Harbour Workers' Union (HWU)")
    stays, or the checker would find the quotation in no source; outside a quotation it goes."""
    quoted = "“The Harbour Workers' Union (HWU) and the council (LCC) will sign on Monday,” the mayor said."
    assert compress(quoted) == quoted
    assert compress("The Harbour Workers' Union (HWU) will sign on Monday.") == (
        "The Harbour Workers' Union will sign on Monday."
    )


def test_a_negative_addition_points_back_and_a_clause_final_additive_is_dropped() -> None:
    """ "Neither has X" adds to an earlier negative statement, so alone it points at nothing, as a pronoun does. A
    clause-final "too", "either" or "as well" only presupposes that something before is so too: the clause says the
    same without it, so it is dropped, except inside a quotation, which is the speaker's. A degree "too" before
    its adjective and "as well as" are no additives."""
    for back in ("Neither has the ferry's timetable changed since March.", "Nor did the council say when."):
        assert points_back(back), back
    for alone in ("Neither side has commented on the fares.", "This week, the council will publish the timetable."):
        assert not points_back(alone), alone
    assert compress("Winter storms are lagging, too, engineers said.") == "Winter storms are lagging, engineers said."
    assert compress("The harbour master did not comment either.") == "The harbour master did not comment."
    assert compress("Fares rose on the night crossing as well.") == "Fares rose on the night crossing."
    for kept in (
        "The old ferry is too small for winter seas.",
        "The ferry carries cars as well as lorries.",
        "“The islands need it too,” the mayor said.",
    ):
        assert compress(kept) == kept


def test_background_about_another_item_of_a_bundle_is_never_drafted_from() -> None:
    """A morning newsletter bundles two items; only its sentence on the story's event is background for it (one
    that says no more than the story, that Holt died, would only repeat it: see the next test)."""
    story = Source(
        number=1,
        title="Veteran jazz pianist Marian Holt dies at 91",
        passages=[
            Passage(
                text=(
                    "Marian Holt, the jazz pianist who recorded more than forty albums, died at her home in New "
                    "Orleans on Sunday. Musicians across the city held an impromptu concert in her honour."
                ),
                position=0,
                source_number=1,
            )
        ],
    )
    newsletter = Source(
        number=2,
        title="Morning briefing: Marian Holt, and a dockworkers' strike",
        role="background",
        passages=[
            Passage(
                text=(
                    "Holt, 91, played with Duke Ellington's orchestra in the 1950s before leading her own trio. "
                    "Dockworkers at three Baltic ports walked out on Monday over a pay dispute with the shipping "
                    "lines."
                ),
                position=0,
                source_number=2,
            )
        ],
    )
    offered = [c.original for c in GroundedDrafter([story, newsletter], story.title).unused()]
    assert any("Holt" in text and "91" in text for text in offered), offered
    assert not any("Dockworkers" in text for text in offered), offered


def test_background_stands_under_the_dateline_of_its_source_and_the_story_under_none() -> None:
    """Background is an earlier state of the story or another event: each dated source's sentences get a
    paragraph of their own under when and by whom they were reported; the story's own sentences get no label."""
    story_passages = [Passage(text=t, position=i, source_number=1, id=i + 1) for i, t in enumerate(STORY)]
    earlier = Source(
        number=2,
        title="Texas braces for heavy rain",
        published="2024-11-11T08:00:00+00:00",
        publisher="Houston Ledger",
        role="background",
        passages=[
            Passage(
                text="Forecasters warned that up to 12 inches of rain could fall across southern Texas this week.",
                position=0,
                source_number=2,
            )
        ],
    )
    sources = [Source(number=1, title="Floods kill 17 in Texas", passages=story_passages), earlier]
    labels = datelines(sources)
    assert labels == {2: "On 11 November 2024, Houston Ledger reported:"}
    drafter = GroundedDrafter(sources, "Floods kill 17 in Texas")
    chosen = drafter.take(400, prefer="background")
    for fmt in ("paragraphs", "bullets"):
        blocks = dated(drafter.blocks(chosen, fmt), labels)
        by_source = {(b.label, s.citations[0].source) for b in blocks for s in b.sentences}
        assert ("On 11 November 2024, Houston Ledger reported:", 2) in by_source
        assert all(label == "" for label, source in by_source if source == 1)
        assert all(len({s.citations[0].source for s in b.sentences}) == 1 for b in blocks), "one source a block"


def test_another_story_is_labelled_even_undated_and_its_repeat_of_the_story_is_left_out() -> None:
    """Smoke test 40b #17: an undated related story's "is due to repay" read as today's news beside a story that
    says the loan was paid, and it made the story's own points a second time. Its sentences now stand under a
    label saying they are another, undated report, and one that says what a story sentence says is not drafted."""
    story = [
        "Greece paid a loan installment of about 450 million euros to the International Monetary Fund on Thursday, "
        "the finance ministry said.",
        "Deputy finance minister Dimitris Mardas said the country had enough money to meet its obligations this month.",
        "Eurozone finance ministers meet on April 24 to discuss the reforms Greece has proposed.",
    ]
    earlier = [
        "Deputy finance minister Dimitris Mardas said the country had enough money to meet its obligations.",
        "Athens has not received any bailout funds since August and has borrowed from state companies to pay wages.",
    ]
    background = Source(
        number=2,
        title="Greece denies it will miss IMF payment",
        publisher="Daily Mail",
        role="background",
        passages=[Passage(text=" ".join(earlier), position=0, source_number=2, id=9)],
    )
    own = [Passage(text=t, position=i, source_number=1, id=i + 1) for i, t in enumerate(story)]
    sources = [Source(number=1, title="Greece repays IMF loan on time", passages=own), background]
    drafter = GroundedDrafter(sources, "Greece repays IMF loan on time")
    drafted = {c.original for c in drafter.pool if c.passage.source_number == 2}
    assert drafted == {earlier[1]}, "the repeat of the story's sentence goes, the rest of the background stays"
    assert datelines(sources) == {2: "Daily Mail reported, in an undated story:"}
    background.publisher = None
    assert datelines(sources) == {2: "An undated report said:"}
    blocks = dated(drafter.blocks(drafter.take(400, prefer="background"), "paragraphs"), datelines(sources))
    labels = {b.label for b in blocks for s in b.sentences if s.citations[0].source == 2}
    assert labels == {"An undated report said:"}


def test_the_outlet_gathering_the_news_is_no_fact_of_the_story_and_what_it_found_is() -> None:
    """How the page was made (the outlet contacting or interviewing someone) is not an event of the story."""
    text = (
        "The county closed the Mill Road bridge after inspectors found cracks in two of its piers. "
        "The Valley Ledger has reached out to the county engineer for comment. "
        "The Valley Ledger found that the bridge had failed two earlier inspections."
    )
    source = Source(
        number=1,
        title="County closes Mill Road bridge",
        publisher="Valley Ledger",
        passages=[Passage(text=text, position=0, source_number=1)],
    )
    offered = [c.original for c in GroundedDrafter([source], source.title).unused()]
    assert not any("reached out" in t for t in offered), offered
    assert any("failed two earlier inspections" in t for t in offered), offered


def test_a_cut_keeps_a_fronted_date_and_drops_the_writing_s_own_present() -> None:
    """Without its date a past event reads as the present: a 2016 plan is no current takeaway."""
    assert shorten("In 2016, the utility unveiled plans to bury its power lines, which had failed in storms.") == (
        "In 2016, the utility unveiled plans to bury its power lines."
    )
    assert shorten("Last December, the council approved the budget, which had been delayed twice.").startswith(
        "Last December, the council approved the budget"
    )
    assert shorten("On Tuesday, the company said it would cut 200 jobs.") == "The company said it would cut 200 jobs."


def test_an_outlet_is_named_by_its_name_not_by_its_article() -> None:
    from newsdesk.language import newsgathering

    assert newsgathering("The Guardian has contacted the ministry for comment.", "The Guardian")
    assert not newsgathering("The police asked residents to stay indoors.", "The Guardian")
    assert newsgathering("TIME has reached out to the company for comment.", "TIME")


def test_a_pronoun_use_an_anaphoric_noun_an_inverted_addition_or_a_bare_reply_points_back() -> None:
    assert points_back("Both noted that the plant brought jobs to the valley.")
    assert not points_back("Both companies noted that the plant brought jobs to the valley.")
    assert points_back("Each said the plan was fair.") and not points_back("Each company said the plan was fair.")
    assert points_back("The duo were flying to New York for the summit.")
    assert points_back("The latter said the fares were too high.")
    assert points_back("“I know, buddy,” Prado responded.")
    assert not points_back("Meta responded to the lawsuit on Monday.")
    so = compress("So are the RV parks, to the point that the council scrambled to act.")
    assert so.startswith("So are the RV parks") and points_back(so)
    assert compress("So the council voted again on Monday.") == "The council voted again on Monday."


def test_an_adjective_former_or_a_pair_of_things_points_nowhere() -> None:
    assert not points_back("The former prime minister said the answers were evasive.")
    assert not points_back("The pair of shoes sold for $400 at auction.")
    assert points_back("The pair met in 2019 at a conference in Oslo.")


def test_context_prefers_what_the_story_tells_of_before_its_news() -> None:
    """With no related story, Context & Background takes the story's own account of what came before its news
    (a past perfect, "two years ago", an earlier year) before its later news."""
    from newsdesk.write.salience import tells_the_past

    text = (
        "The council voted on Monday to close the Mill Road bridge to lorries. "
        "Engineers found new cracks in two piers during an inspection last week. "
        "Residents said the closure would add an hour to deliveries across the valley. "
        "The bridge had failed two inspections in 2019 and was patched with steel plates by the county."
    )
    source = Source(
        number=1,
        title="Council closes Mill Road bridge to lorries",
        published="2026-03-02",
        passages=[Passage(text=text, position=0, source_number=1)],
    )
    assert tells_the_past("The bridge had failed two inspections in 2019.", 2026)
    assert tells_the_past("Two years ago, the county patched the bridge.", 2026)
    assert not tells_the_past("Residents said the closure would add an hour to deliveries.", 2026)
    drafter = GroundedDrafter([source], source.title)
    drafter.take(12, lead=True)  # the intro takes the lead
    context = [c.original for c in drafter.take(10, prefer="background")]  # room for one sentence
    assert context and context[0].startswith("The bridge had failed"), context


def test_a_general_noun_after_the_stands_for_a_thing_named_before() -> None:
    """ "The company has become bullish ..." alone reads as whichever company the article named last."""
    assert points_back("The company has become increasingly bullish on world models.")
    assert points_back("The move came just hours after the regulator opened an investigation.")
    assert not points_back("The company's board met on Monday to approve the sale.")
    assert not points_back("The move to ban phones in schools passed by 40 votes.")


def test_a_demonstrative_inside_a_sentence_points_back_unless_deictic_or_defined_there() -> None:
    """A demonstrative is anaphoric in written narrative: "that survey" alone points at nothing. A unit of time,
    the page itself, a speaker's own "this" and a noun a clause of its own defines point at nothing before."""
    assert points_back("But despite that warning, the council approved the tower on Tuesday.")
    assert points_back("The engineers who wrote those reports were later dismissed by the board.")
    assert points_back("Residents say the council ignored these concerns for a decade.")
    assert points_back("“That was the worst winter we had seen,” the farmer said.")
    assert not points_back("The council approved the tower on Tuesday this week.")
    assert not points_back("The mayor said “this town deserves better” at the hearing.")
    assert not points_back("Grants went to those farmers who lost their herds in the floods.")
    assert not points_back("The new plant’s output was twice that of the old one.")
    assert not points_back("The council approved the tower on Tuesday.")


def test_the_first_sentence_of_a_source_points_within_itself() -> None:
    """Nothing comes before a story's first sentence, so a demonstrative in it points within it: it may still be
    the dek and a takeaway."""
    text = (
        "When the river flooded the valley in March, the new levee was meant to stop exactly this kind of disaster. "
        "Engineers say the levee held for six hours before water crossed it. "
        "The county had spent $40 million on the levee since 2019."
    )
    source = Source(number=1, title="Levee", passages=[Passage(text=text, position=0, source_number=1, id=1)])
    drafter = GroundedDrafter([source], "Levee failed in the valley flood")
    assert points_back(drafter.pool[0].text) and not drafter.points_back(drafter.pool[0])
    assert drafter.take(60, lead=True)[0].order == drafter.pool[0].order


def test_the_takeaways_leave_the_intro_a_sentence_of_a_short_story() -> None:
    """A three-sentence story: the dek takes the lead, and the takeaways leave one sentence for the intro, which
    would otherwise be taken again from the story's opening and repeat them (smoke test 40b #11)."""
    story = [
        "Flash floods in the Spanish region of Valencia killed 12 people on Saturday, the regional emergency service "
        "said.",
        "Torrential rain overwhelmed the Turia river basin and cut the A-3 motorway between Valencia and Madrid.",
        "The Spanish army's emergency unit sent 500 soldiers to help with the rescue.",
    ]
    passages = [Passage(text=t, position=i, source_number=1, id=i + 1) for i, t in enumerate(story)]
    drafter = GroundedDrafter([Source(number=1, title="Valencia floods", passages=passages)], "Valencia floods")
    assert [c.original for c in drafter.take(1, lead=True)] == [story[0]]
    bullets = [b.sentences[0].citations[0].quote for b in drafter.takeaways(2)]
    intro = [c.original for c in drafter.take(90, lead=True)]
    assert len(bullets) == 1 and len(intro) == 1 and set(bullets) | set(intro) == set(story[1:])


def test_a_takeaway_keeps_the_grounds_of_a_side_taken() -> None:
    """ "opposed the plan, saying it would ..." gives the reason the side rests on: cut to its verb, the view tells
    only that someone disagreed (smoke 44 #12). After a verb that takes no side the participle is an aside."""
    sided = "Baker Ivo Strand opposed the ferry fare rise, saying it would keep day visitors off the island."
    assert shorten(sided) == sided
    cited = "Councillor Mia Torp criticised the timetable, citing two cancelled crossings in a week."
    assert shorten(cited) == cited
    neutral = "The ferry company raised the fares on Monday, saying fuel had become dearer."
    assert shorten(neutral) == "The ferry company raised the fares on Monday."


def test_each_point_once_returns_the_sentences_it_drops() -> None:
    """The repeats dropped before the check are handed back, so the progress lines and footer can count them."""
    from newsdesk.models import REPEATED_BEFORE_CHECK, Block, Section, Sentence
    from newsdesk.write.draft import each_point_once

    intro = Section(id="intro", heading="", kind="summary")
    intro.blocks = [
        Block(type="paragraph", sentences=[Sentence(text="The island ferry fares rose by a third on Monday.")])
    ]
    body = Section(id="body", heading="Body", kind="fact")
    body.blocks = [
        Block(type="paragraph", sentences=[Sentence(text="The island ferry fares rose by a third on Monday.")])
    ]
    dropped = each_point_once("", intro, [body], {"body"})
    assert [(d.section, d.reason) for d in dropped] == [("body", REPEATED_BEFORE_CHECK)]


def test_a_caption_run_into_a_clause_opened_by_a_capitalised_conjunction_is_never_drafted() -> None:
    """Mid-sentence English writes a subordinating conjunction in lower case: "... in Lisbon While Ana likes ..."
    marks where a photo caption ended and the story went on (smoke 44 #11); the caption is not drafted."""
    fused = (
        "Ana in one of her sequinned gowns dances with a sailor in Lisbon While Ana likes to dance at night, "
        "during the day she swims in the harbour."
    )
    assert run_on_pieces(fused) == ["While Ana likes to dance at night, during the day she swims in the harbour."]


def test_selection_asks_its_mask_only_of_what_would_be_chosen() -> None:
    """The takeaways' mask parses a sentence to answer: asked of all 6,000 sentences of a long story it took
    minutes (smoke test 44 #8). It is asked only of a sentence that would be the best so far, and the choice is
    the same as with every answer known first."""
    import numpy as np

    from newsdesk.write.salience import Lazy, Scored, select

    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(2000, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    scores = np.linspace(1.0, 0.0, 2000)
    mask = [i % 7 != 0 for i in range(2000)]
    asked: list[int] = []
    lazy = Lazy(lambda i: asked.append(i) or mask[i])
    scored = Scored(scores, vectors)
    assert select(scored, 5, lazy) == select(scored, 5, mask)
    assert len(set(asked)) < 50


def test_choosing_a_section_s_sentences_says_how_far_it_got() -> None:
    """A long story of near-duplicate sentences is read to its end when a section's sentences are chosen (smoke
    test 44 #8: a minute and a half without a line); the run hears how far it got."""
    from newsdesk.progress import heartbeat

    events: list[dict[str, object]] = []
    with heartbeat(lambda stage, status, **data: events.append(data), every=0.0):
        _drafter().take(200, lead=True)
    assert {"task": "Choosing the section's sentences", "done": 1, "total": len(STORY)} in events


def test_finding_what_the_story_tells_of_before_its_news_says_how_far_it_got() -> None:
    """Context & Background parses every sentence of the story to find its background: 31 s without a line on a
    640 KB story (smoke test 44 #8)."""
    from newsdesk.progress import heartbeat

    events: list[dict[str, object]] = []
    with heartbeat(lambda stage, status, **data: events.append(data), every=0.0):
        _drafter().earlier()
    assert {"task": "Finding what the story tells of before its news", "done": 1, "total": len(STORY)} in events
