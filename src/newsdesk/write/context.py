"""Fitting the sources into a model's context: trim passages until the shared prompt fits, and say what was cut."""

from __future__ import annotations

from dataclasses import replace

from ..llm import Model
from ..models import Source
from ..template import Template
from . import prompts

__all__ = ["PROMPT_OVERHEAD_TOKENS", "fit_to_context"]

# Room the prompt leaves for instructions and the longest answer, in tokens.
PROMPT_OVERHEAD_TOKENS = 300


def fit_to_context(sources: list[Source], model: Model, template: Template) -> list[str]:
    """Trim passages until the shared prompt fits the model's context; returns what was trimmed, in words.

    Background goes first, from its least relevant end, then the story from its end. Each passage is counted once
    and the cut estimated from those counts, then confirmed on the real prompt: a story of thousands of passages
    costs thousands of small counts, not thousands of whole-prompt counts.
    """
    longest = max(
        [prompts.section_max_tokens(s.target_words) for s in template.sections]
        + [prompts.section_max_tokens(template.headline.target_words + 30)]
    )
    budget = model.context_length - longest - PROMPT_OVERHEAD_TOKENS
    notes: list[str] = []

    def size() -> int:
        return model.count_tokens(prompts.system_message(sources)["content"])

    excess = size() - budget
    if excess <= 0:
        return notes
    cost = {id(p): model.count_tokens(prompts.neutralise(p.text)) + 1 for s in sources for p in s.passages}
    dropped_background = 0
    while len(sources) > 1 and excess > 0:
        last = sources[-1]
        excess -= cost[id(last.passages.pop())]
        dropped_background += 1
        if not last.passages:
            sources.pop()
        if excess <= 0:
            excess = size() - budget  # the estimate said it fits: confirm on the real prompt
    main = sources[0]
    total = len(main.passages)
    while len(main.passages) > 1 and excess > 0:
        excess -= cost[id(main.passages.pop())]
        if excess <= 0:
            excess = size() - budget
    if dropped_background:
        notes.append(f"{dropped_background} background passage(s) left out to fit the model's context.")
    if excess > 0:  # one passage longer than the whole context: keep the share of it that fits
        whole = main.passages[0]
        text = whole.text
        while excess > 0 and len(text) > 200:
            text = text[: int(len(text) * budget / (budget + excess) * 0.95)]
            main.passages[0] = replace(whole, text=text)  # a copy: verification still reads the whole passage
            excess = size() - budget
        notes.append(
            f"The story's opening passage was cut to {len(text):,} of {len(whole.text):,} characters to "
            f"fit the model's context of {model.context_length} tokens; all of it was still used to check "
            "the article."
        )
    elif len(main.passages) < total:
        notes.append(
            f"The story was trimmed to its first {len(main.passages)} of {total} passages to fit the model's "
            f"context of {model.context_length} tokens; the rest was still used to check the article."
        )
    return notes
