"""Who said what in the story map (smoke test 43 #8, #3): the speaker of a verb of saying is its subject, never a
noun inside a relative clause that describes the speaker; a claim the speaker rejects in the next sentence is not
drafted alone; a speaker introduced by their vote, or a reproach ("should have ..."), takes a side."""

from __future__ import annotations

from newsdesk.storymap import build_map
from newsdesk.template import load_template
from newsdesk.write.from_map import map_section
from newsdesk.write.grounded import GroundedDrafter
from support.stories import one_source

HEADLINE = "Regional clinics to merge under one board"


def _statements(texts: list[str]) -> dict[str, tuple[str, str]]:
    story_map = build_map(one_source(texts, HEADLINE), HEADLINE)
    return {s.sentence: (s.speaker, s.stance) for s in story_map.statements}


ADVOCATE = (
    "Family advocate Rosa Linden, whose father died waiting in a Northfield Clinic corridor in 2022, said: "
    '"Larger is not safer. Quicker is safer."'
)
CLINIC = 'Northfield Clinic rejected the report, saying every ward would stay open "for at least two years."'


def test_the_speaker_of_said_is_its_subject_not_a_name_inside_its_relative_clause() -> None:
    """The parser hangs "Rosa Linden" on the relative clause's verb and leaves "said" without a subject; the words
    were then taken for the clinic's quotation going on (the sentence before is the clinic's)."""
    said = _statements(["The two clinics will merge in May.", CLINIC, ADVOCATE])
    assert said[ADVOCATE][0] == "Rosa Linden", said[ADVOCATE]
    assert said[CLINIC][0] == "Northfield Clinic"


def test_no_sub_heading_gives_the_advocates_words_to_the_clinic_his_clause_names() -> None:
    texts = ["The two clinics will merge in May.", CLINIC, ADVOCATE]
    sources = one_source(texts, HEADLINE)
    story_map = build_map(sources, HEADLINE)
    spec = next(s for s in load_template("default").sections if s.kind == "analysis")
    section = map_section(spec, story_map, GroundedDrafter.reading(sources, HEADLINE, story_map))
    headed: dict[str, list[str]] = {}
    heading = ""
    for block in section.blocks:
        if block.type == "subheading":
            heading = block.sentences[0].text
        else:
            headed.setdefault(heading, []).extend(s.text for s in block.sentences)
    assert not any("Larger is not safer" in t for t in headed.get("What Northfield Clinic said", [])), headed


def test_a_relative_clause_describes_the_speaker_and_is_no_part_of_the_name() -> None:
    sentence = "A nurse who worked at Harwood Clinic for twenty years said the wards were short of staff."
    assert _statements([sentence])[sentence][0] == "A nurse"


REPORTED = 'Union steward Dana Price said her members had been told by clinic managers that "no wards will close."'


def test_a_claim_its_reporter_rejects_next_is_never_drafted_alone() -> None:
    texts = [
        "The two clinics will merge in May.",
        f"{REPORTED} She said she did not believe it. "
        '"We were promised the same in 2018, and two wards closed," Price said.',
    ]
    sources = one_source(texts, HEADLINE)
    story_map = build_map(sources, HEADLINE)
    assert REPORTED in story_map.unusable
    drafter = GroundedDrafter.reading(sources, HEADLINE, story_map)
    assert not any(c.original == REPORTED for c in drafter.pool)


def test_a_claim_the_speaker_accepts_or_someone_else_rejects_is_drafted() -> None:
    accepted = [f"{REPORTED} She said she believed it."]
    assert REPORTED not in build_map(one_source(accepted, HEADLINE), HEADLINE).unusable
    disputed = [f'{REPORTED} Clinic director Omar Haddad dismissed that, saying "jobs are safe."']
    assert REPORTED not in build_map(one_source(disputed, HEADLINE), HEADLINE).unusable


def test_a_speaker_introduced_by_a_vote_against_speaks_against() -> None:
    against = "Board member Ivo Brandt, who cast the only vote against, said the merger would lengthen drives."
    voted_no = "Council member Mira Sol, who voted no, said the clinics were far apart."
    voted_for = "Council member Ken Abe, who voted for the plan, said the clinics would share doctors."
    said = _statements([against, voted_no, voted_for])
    assert said[against] == ("Ivo Brandt", "criticism")
    assert said[voted_no] == ("Mira Sol", "criticism")
    assert said[voted_for] == ("Ken Abe", "support")


def test_should_have_done_is_a_reproach() -> None:
    sentence = "Board member Ana Ruiz said the board should have asked patients first."
    assert _statements([sentence])[sentence] == ("Ana Ruiz", "criticism")


def test_a_denial_of_that_is_no_pro_or_con_without_what_it_denies() -> None:
    """ "Northfield Clinic disputed that, saying ..." alone under Cons disputes nothing the reader has met: a
    verb's object that is a demonstrative alone takes up the claim told before it (``core.points_back``)."""
    texts = [
        "The two clinics will merge in May.",
        "According to a report commissioned by the union, the merger could close 3 of the 7 clinics in the region.",
        'Northfield Clinic disputed that, saying every clinic would stay open "for at least two years."',
    ]
    sources = one_source(texts, HEADLINE)
    story_map = build_map(sources, HEADLINE)
    spec = next(s for s in load_template("default").sections if s.format == "pros_cons")
    section = map_section(spec, story_map, GroundedDrafter.reading(sources, HEADLINE, story_map))
    bullets = [s.text for b in section.blocks if b.type == "bullet" for s in b.sentences]
    assert not any(b.startswith("Northfield Clinic disputed that") for b in bullets), bullets
