"""Revision of sentences that failed the source check: one prompt for a batch, one numbered line per answer."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..llm.session import BudgetExceeded, Session
from ..models import Passage, Sentence, Source
from ..text import split_sentences
from . import prompts
from .parse import clean_text

__all__ = ["MAX_REVISE_CALLS", "REVISE_BATCH", "reviser", "numbered_lines"]

# Revision of failing sentences gets a small budget of its own, shared by batches of sentences.
MAX_REVISE_CALLS = 2
REVISE_BATCH = 6


def reviser(session: Session, sources: list[Source], emit: Callable[..., None] | None = None):
    """Rewrites failing sentences in batches, within the session's remaining call budget; each batch's call is a
    ``revise`` progress event, so a minute of rewriting is never silent."""
    def revise(items: list[tuple[Sentence, list[Passage]]]) -> list[str | None]:
        results: list[str | None] = [None] * len(items)
        for start in range(0, len(items), REVISE_BATCH):
            batch = items[start:start + REVISE_BATCH]
            payload = [(s.text, [p.text for p in evidence[:2]]) for s, evidence in batch]
            if emit:
                emit("revise", "start", sentences=len(batch), done=start, total=len(items))
            try:
                completion = session.chat(prompts.revise_messages(sources, payload), purpose="revise",
                                          max_tokens=60 * len(batch) + 40, temperature=0.2)
            except BudgetExceeded:
                break
            if emit:
                emit("revise", "done", sentences=len(batch), done=start + len(batch), total=len(items))
            for number, text in numbered_lines(clean_text(completion.text)).items():
                sentences = split_sentences(text)
                if 1 <= number <= len(batch) and sentences and text.strip().upper() != "DROP":
                    results[start + number - 1] = sentences[0]  # one sentence replaces one sentence
        return results

    return revise


def numbered_lines(text: str) -> dict[int, str]:
    found: dict[int, str] = {}
    for line in text.split("\n"):
        match = re.match(r"^\s*(\d{1,2})[.)]\s*(?:Sentence:\s*)?(.+)$", line)
        if match and int(match.group(1)) not in found:
            found[int(match.group(1))] = match.group(2)
    return found
