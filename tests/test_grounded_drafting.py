"""Grounded drafting: source sentences selected, compressed and cut for takeaways, each with its exact citation."""

from __future__ import annotations

from newsdesk.models import Passage, Source
from newsdesk.verify import Verifier
from newsdesk.write.grounded import GroundedDrafter, compress, shorten

STORY = [
    ("HOUSTON (Reuters) - Flash floods killed 17 people across southern Texas on Wednesday, officials said, after "
     "more than 12 inches of rain fell in less than a day."),
    ("Governor Greg Abbott declared a disaster in 23 counties on November 13, 2024, and said the state would ask "
     "for federal help."),
    "It was the worst flooding in the region since 2017.",
    "The National Weather Service said another three inches of rain could fall on Thursday, forecasters warned.",
]


def _drafter() -> GroundedDrafter:
    passages = [Passage(text=t, position=i, source_number=1, id=i + 1) for i, t in enumerate(STORY)]
    return GroundedDrafter([Source(number=1, title="Floods kill 17 in Texas", passages=passages)],
                           "Floods kill 17 in Texas")


def test_compress_drops_datelines_parentheticals_markers_and_connectives() -> None:
    assert compress("CAIRO — Gunmen opened fire on Wednesday.") == "Gunmen opened fire on Wednesday."
    assert compress("- But the council (in a rare move) voted again.") == "The council voted again."


def test_shorten_cuts_before_an_aside_but_never_inside_a_date_or_a_list() -> None:
    assert shorten(STORY[0]) == "Flash floods killed 17 people across southern Texas on Wednesday."
    assert shorten(STORY[1]).startswith("Governor Greg Abbott declared a disaster in 23 counties on November 13, 2024")
    listed = "The observatory is a partnership between NASA, the European Space Agency and the Canadian Space Agency."
    assert shorten(listed) == listed
    assert shorten("Prices rose, which hurt.") == "Prices rose, which hurt.", "too little would be left"
    quoted = 'He said: "We will rebuild, together."'
    assert shorten(quoted) == quoted


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
        assert citation.quote in STORY and citation.quote == STORY[citation.passage_id - 1][citation.start:citation.end]
        assert verifier.check(sentence.text, passages).verdict == "supported", sentence.text


def test_takeaways_skip_a_fact_already_used_word_for_word() -> None:
    drafter = _drafter()
    used = drafter.take(200, lead=True)
    assert used
    texts = [b.sentences[0].text for b in drafter.takeaways(4)]
    for candidate in used:
        assert candidate.text not in texts, "a used sentence comes back only when cut shorter"
