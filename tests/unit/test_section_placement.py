"""What a section built from the story map may hold: its meaning, read from each sentence's grammar (smoke test 42
#8, #9, #19)."""

from __future__ import annotations

from newsdesk.models import Section
from newsdesk.storymap import build_map
from newsdesk.template import load_template
from newsdesk.write.from_map import map_section, role
from newsdesk.write.grounded import GroundedDrafter
from newsdesk.write.repeats import repeats_one_of
from support.stories import one_source

HEADLINE = "Council opens new harbour ferry"
PUBLISHED = "2026-03-12"


def _section(kind: str, texts: list[str], published: str = PUBLISHED) -> Section:
    """The map-built section of ``kind`` (``from_map.role``) for a one-source story of ``texts``."""
    sources = one_source(texts, HEADLINE, published)
    spec = next(s for s in load_template("default").sections if role(s) == kind)
    return map_section(spec, build_map(sources, HEADLINE), GroundedDrafter(sources, HEADLINE))


def _under(section: Section) -> dict[str, list[str]]:
    """Each sub-heading's sentences ("" for those before any)."""
    found: dict[str, list[str]] = {"": []}
    heading = ""
    for block in section.blocks:
        if block.type == "subheading":
            heading = block.sentences[0].text
            found[heading] = []
        else:
            found[heading] += [s.text for s in block.sentences]
    return found


def test_the_outlook_holds_no_past_event_whatever_a_clause_within_it_foresees() -> None:
    """ "previously opened an investigation on March 2 following complaints that its boats may be unsafe": the
    main clause tells what was; the modal is the complaint's assessment, not what comes next."""
    texts = [
        "The council opened the new harbour ferry on Monday.",
        "The regulator previously opened an inquiry into the operator on March 2 following complaints that its "
        "boats may be unsafe.",
        "The ferry carried 400 passengers on its first day.",
    ]
    outlook = _section("outlook", texts)
    assert not outlook.sentences(), _under(outlook)


def test_a_dated_present_event_after_the_story_is_ahead_not_part_of_how_events_unfolded() -> None:
    """ "is set for April 2" in a story of 12 March: the present tense with a date after the story's day tells a
    coming event; the timeline tells what came before."""
    texts = [
        "The council voted 7-2 on Wednesday to approve the new harbour ferry route.",
        "The route was first proposed by the harbour board in January 2024.",
        "A public meeting on the timetable is set for April 2.",
    ]
    analysis = _under(_section("analysis", texts))
    assert texts[2] not in analysis.get("How events unfolded", []), analysis
    assert texts[2] in _section("outlook", texts).sentences()[0].text


def test_a_speakers_account_of_its_own_conduct_is_no_con() -> None:
    """ "X says it removes illegal content": what a speaker says it does about a harm is its defence, not a view
    against the development; a critic's judgement stays a Con."""
    texts = [
        "The council opened the new harbour ferry on Monday.",
        "The operator's safety team says it removes illegal cargo within an hour of any report.",
        'Fishermen condemned the route as "reckless" for the narrow channel.',
    ]
    cons = _under(_section("pros_cons", texts)).get("Cons", [])
    assert not any("safety team" in c for c in cons), cons
    assert any("Fishermen" in c for c in cons), cons


def test_a_voice_to_follow_is_someone_speaking_not_a_dated_announcement() -> None:
    """ "The operator announced in January that it had added two boats" is an event of the timeline; a voice to
    follow is a statement attributed to a person or organisation."""
    texts = [
        "The council opened the new harbour ferry on Monday.",
        "The operator announced in January that it had added two boats to the route.",
        'Mayor Ann Lee said the ferry "changes everything for the islands".',
    ]
    voices = _under(_section("watch", texts)).get("Voices to follow", [])
    assert not any("January" in v for v in voices), voices
    assert any("Ann Lee" in v for v in voices), voices


def test_a_takeaway_never_gives_words_to_a_speaker_named_only_by_a_pronoun() -> None:
    texts = [
        "The harbour ferry opened on Monday after two years of delays.",
        '"This ferry changes everything for the islands and their trade," she said.',
        "The ferry runs every hour between the two harbours.",
        "Tickets cost four pounds for adults and two pounds for children.",
        "The crossing takes twenty minutes instead of two hours.",
        "The operator runs three boats on the route.",
        "The council paid for the new quay with a grant.",
    ]
    sources = one_source(texts, HEADLINE, PUBLISHED)
    story_map = build_map(sources, HEADLINE)
    drafter = GroundedDrafter.reading(sources, HEADLINE, story_map)
    bullets = [s.text for block in drafter.takeaways(3) for s in block.sentences]
    assert bullets and not any("she said" in b for b in bullets), bullets


def test_two_sentences_that_state_the_same_count_make_the_same_point() -> None:
    """ "We have located 102 arrows" and "they have found 102 arrows so far": one fact, worded twice."""
    said = "The Smiths told the paper: 'We have located 102 arrows or portions of arrows, some badly worn.'"
    again = "The couple say they have found 102 arrows so far and have set up a website for fellow fans."
    assert repeats_one_of(again, [said])
    assert not repeats_one_of("The couple have photographed 40 arrows since August.", [said])
    assert not repeats_one_of("The $4.2 million wall will be built on the east bank.", ["A $4.2 million wall."])


def test_a_caption_run_into_a_sentence_or_pointing_at_a_picture_is_never_drafted() -> None:
    """Smoke test 42 #13: a caption the page set apart by layout alone runs into the next sentence with no stop
    between them ("... Tibet, China The researchers say ..."), or points at a picture by its place ("The images
    above show ..."); the article has no pictures, so neither is published, and the sentence it ran into is."""
    texts = [
        "Scientists have found a new species of macaque in the mountain forests of southern Tibet.",
        "The new macaque was photographed in the remote forests of Medog County, China The researchers say the "
        "whiskers on the side of its face grow paler and more prominent with age.",
        "The images above show the arrow-shaped genitalia that other macaques in the area have.",
    ]
    sources = one_source(texts, HEADLINE, PUBLISHED)
    pool = [c.text for c in GroundedDrafter(sources, HEADLINE).pool]
    assert not any("photographed" in t or "images above" in t for t in pool), pool
    assert any(t.startswith("The researchers say the whiskers") for t in pool), pool
