"""Fitting the prompts' copy of the sources into a model's context: trim passages until the shared prompt fits,
and say what was cut. The sources themselves stay whole: only what is sent to the model is trimmed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..llm import Model
from ..models import Source
from ..progress import tick
from ..template import Template
from . import prompts

__all__ = ["PROMPT_OVERHEAD_TOKENS", "Fitting", "fit_to_context"]

# Room the prompt leaves for instructions and the longest answer, in tokens.
PROMPT_OVERHEAD_TOKENS = 300
# Only the prompts are trimmed: what costs no prompt reads the sources whole (the run keeps them uncut).
READ_WHOLE = "the story map, the sentences taken from the sources and the check read all of it"


def fit_to_context(sources: list[Source], model: Model, template: Template) -> list[str]:
    """Trim passages until the shared prompt fits the model's context; returns what was trimmed, in words.
    ``sources`` is the prompts' own copy: the caller keeps the whole sources for everything else.

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
    cost: dict[int, int] = {}
    passages = [p for s in sources for p in s.passages]
    for done, p in enumerate(passages, 1):  # each screened and counted: half a minute for thousands
        tick("Measuring the sources against the model's context", done, len(passages))
        cost[id(p)] = model.count_tokens(prompts.neutralise(p.text)) + 1
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
        notes.append(
            f"The prompts leave out {dropped_background} background passage(s) to fit the model's context of "
            f"{model.context_length} tokens; {READ_WHOLE}."
        )
    if excess > 0:  # one passage longer than the whole context: keep the share of it that fits
        whole = main.passages[0]
        text = whole.text
        while excess > 0 and len(text) > 200:
            text = text[: int(len(text) * budget / (budget + excess) * 0.95)]
            main.passages[0] = replace(whole, text=text)  # a copy: verification still reads the whole passage
            excess = size() - budget
        rest = f", and none of the {total - 1} passage(s) after it" if total > 1 else ""
        notes.append(
            f"The prompts give the story's opening passage cut to {len(text):,} of its {len(whole.text):,} "
            f"characters{rest}, to fit the model's context of {model.context_length} tokens; {READ_WHOLE}."
        )
    elif len(main.passages) < total:
        notes.append(
            f"The prompts give the story trimmed to its first {len(main.passages)} of {total} passages, to fit "
            f"the model's context of {model.context_length} tokens; {READ_WHOLE}."
        )
    return notes


class Fitting:
    """The prompts' copy of the sources (``prompts``), fitted to the model's context, and fitted again when the
    model says its context is smaller than the run thought (``Session.refit``). The sources themselves are never
    cut: the story map, the sections drafted from the sources' own sentences and the check cost no prompt, and
    read the whole story (Smoke test 40b #13: a 512-token context left the map 2 actors and no statements, and
    six sections "left out" for what the story did say)."""

    def __init__(
        self,
        sources: list[Source],
        model: Model,
        template: Template,
        notes: list[str],
        emit: Callable[..., None] | None = None,
    ):
        self.whole, self.model, self.template, self.notes = sources, model, template, notes
        self.emit = emit or (lambda *a, **k: None)
        self.prompts: list[Source] = []  # refitted in place: the prompts' builders hold this list
        self.own: list[str] = []  # the notes of the last fit, replaced by the next one's

    def fit(self) -> list[str]:
        """Fit the prompts' copy again from the whole sources, so that the notes say what was left out of the
        whole; returns those notes."""
        self.prompts[:] = [replace(source, passages=list(source.passages)) for source in self.whole]
        for note in self.own:
            self.notes.remove(note)
        self.own = fit_to_context(self.prompts, self.model, self.template)
        self.notes.extend(self.own)
        return self.own

    def refit(self) -> bool:
        """Fit again to the model's context as it now stands; True when less of the sources is left. A fit that
        leaves no less (the context is the same, and a corrected token estimate may even keep more) is undone:
        the prompt is then no shorter, and the note and the warning already given keep saying what was cut."""
        before, notes, size = list(self.prompts), self.own, self._size()
        fitted = self.fit()
        if self._size() < size:
            for note in fitted:  # the progress gives the figures the article's note gives
                self.emit("warning", "info", message=note)
            return True
        self.prompts[:] = before
        for note in fitted:
            self.notes.remove(note)
        self.own = notes
        self.notes.extend(notes)
        return False

    def _size(self) -> int:
        return sum(len(p.text) for source in self.prompts for p in source.passages)
