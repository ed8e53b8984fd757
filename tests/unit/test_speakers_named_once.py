"""Who speaks, where a story names them once (smoke test 40b #6): a quotation that goes on over paragraphs keeps
its speaker though photo captions ran into the sentence that named them, and a speaker's name is not cut to a
word of its description ("Department", "Mirreyes")."""

from __future__ import annotations

from newsdesk.models import Passage, Source
from newsdesk.storymap import build_map

CAPTIONS = " ".join(
    f"Caption {n}: Tenants queue outside the housing office in the old town on a cold morning in March"
    for n in range(1, 6)
)
STORY = [
    "Rents in the city rose by a third in five years, a report by the housing charity found.",
    "The author of a book about Westminster Estates said the tenants were the city's forgotten people.",
    f"{CAPTIONS} The author of the report, Maria Lopez, wrote in her summary: 'Rents rose faster than wages. "
    "'No matter who owns the flats, the tenants pay for every rise.'",
    "No U.S. personnel were hurt in the protest, according to the State Department in Washington, which said it "
    "was watching the situation closely and had spoken to the city's mayor.",
]


def _statements() -> dict[str, str]:
    passages = [Passage(text=t, position=i, source_number=1, id=i + 1) for i, t in enumerate(STORY)]
    story_map = build_map([Source(number=1, title="Rents rise", passages=passages)], "Rents rise")
    return {s.sentence: s.speaker for s in story_map.statements}


def test_a_quotation_going_on_after_a_run_of_captions_keeps_the_speaker_named_at_the_runs_end() -> None:
    said = _statements()
    assert len(STORY[2]) > 400, "the run is set aside as too long to read as one sentence"
    went_on = next(sentence for sentence in said if sentence.startswith("'No matter"))
    assert said[went_on] == "Maria Lopez"


def test_a_speaker_is_named_by_the_head_of_their_description_with_its_whole_name() -> None:
    said = _statements()
    assert said[STORY[1]] == "author of a book about Westminster Estates", "the book's subject is not the speaker"
    assert said[STORY[3]] == "State Department"
