"""Trimming the shared prompt to the real embedded model's context: background first, then the story's end."""

from __future__ import annotations

import pytest

from newsdesk.llm import get_model
from newsdesk.models import Passage, Source
from newsdesk.retrieve import evidence_of
from newsdesk.template import load_template
from newsdesk.write import prompts
from newsdesk.write.context import fit_to_context


@pytest.fixture(scope="module")
def model():
    return get_model(None, context_length=2048)


def _budget(model, template) -> int:
    longest = max(
        [prompts.section_max_tokens(s.target_words) for s in template.sections]
        + [prompts.section_max_tokens(template.headline.target_words + 30)]
    )
    return model.context_length - longest - 300


def test_background_goes_first_then_the_story_end(model) -> None:
    template = load_template("default")
    story = Source(
        number=1,
        title="Council votes on the budget",
        passages=[
            Passage(text=f"Paragraph {i}: the council debated line {i} of the city budget for an hour.", id=i)
            for i in range(300)
        ],
    )
    background = Source(
        number=2,
        title="Earlier budget row",
        role="background",
        passages=[
            Passage(text=f"Background {i}: last year the council cut spending on parks.", id=1000 + i)
            for i in range(50)
        ],
    )
    sources = [story, background]
    notes = fit_to_context(sources, model, template)
    assert len(sources) == 1, "all background passages leave before any story passage"
    assert 1 < len(story.passages) < 300 and story.passages[0].id == 0, "the story keeps its opening"
    assert model.count_tokens(prompts.system_message(sources)["content"]) <= _budget(model, template)
    assert any("50 background passage(s)" in n for n in notes)
    assert any(f"first {len(story.passages)} of 300 passages" in n for n in notes)


def test_one_passage_longer_than_the_context_is_cut_but_checked_whole(model) -> None:
    template = load_template("default")
    words = " ".join(f"word{i}" for i in range(20_000))  # one paragraph, no sentence breaks
    story = Source(number=1, title="A wall of text", passages=[Passage(text=words, id=1)])
    evidence = evidence_of([story])
    notes = fit_to_context([story], model, template)
    assert model.count_tokens(prompts.system_message([story])["content"]) <= _budget(model, template)
    assert story.passages[0].text and words.startswith(story.passages[0].text)
    assert evidence[-1].text == words, "verification still reads the whole passage"
    assert any("opening passage cut to" in n for n in notes)
