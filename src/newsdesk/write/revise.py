"""Revision of sentences that failed the source check: one prompt for a batch, one numbered line per answer.

The README promises at most ``MAX_REVISE_CALLS`` revision calls. The failing sentences are shared out over those
calls before the first is made, each batch as large as the model's context holds with its evidence and answers,
so that the progress says truthfully how many will be rewritten and in how many calls; the sentences that do not
fit are not revised (the verifier drops them, as it drops a failed revision).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from functools import partial

from ..errors import ContextTooSmall
from ..llm.session import BudgetExceeded, Session
from ..models import Passage, Sentence, Source
from ..sentences import split_sentences
from ..text import counted
from . import prompts
from .parse import clean_text

__all__ = ["MAX_REVISE_CALLS", "REVISE_BATCH", "reviser", "numbered_lines", "plan_batches"]

# Revision of failing sentences gets a small budget of its own, shared by batches of sentences.
MAX_REVISE_CALLS = 2
REVISE_BATCH = 6  # sentences per call at least, where the context holds them: fewer calls, same answers
ANSWER_TOKENS = 60  # room for one rewritten sentence
EVIDENCE_CHARS = 600  # of one sentence's evidence, best passage first: what a rewrite needs, not whole stories

Item = tuple[Sentence, list[Passage]]
Payload = list[tuple[str, list[str]]]
# failing sentences with their evidence in, one rewrite (or None: not rewritten) out; newsdesk.verify.Reviser
Revise = Callable[[list[Item]], list[str | None]]


def reviser(session: Session, sources: list[Source], emit: Callable[..., None] | None = None) -> Revise:
    """Rewrites failing sentences in batches, within the session's revision budget; each batch's call is a
    ``revise`` progress event that says which of the failing sentences it rewrites, so a minute of rewriting is
    never silent and never miscounted. A batch the model's context refuses is planned again, smaller, from what
    the refusal taught (the server's limit and token count)."""
    emit = emit or (lambda *a, **k: None)

    def revise(items: list[Item]) -> list[str | None]:
        results: list[str | None] = [None] * len(items)
        waiting = list(range(len(items)))  # the items not yet sent, in order
        refusals = 0
        resent: tuple[ContextTooSmall, int] | None = None  # a refused call's refusal and batch size, sent again
        while waiting:
            calls = session.calls_left_for("revise")
            calls = MAX_REVISE_CALLS if calls is None else calls
            batches = plan_batches([items[i] for i in waiting], sources, session, calls)
            if not batches:
                if calls > 0:  # calls are left, but the context holds not one sentence's prompt: no call is made
                    emit("warning", "info", message=f"{_not_rewritten(len(waiting))}: {_no_room(items[waiting[0]])}")
                break
            batch = waiting[: len(batches[0])]
            done = len(items) - len(waiting)
            made = session.by_purpose["revise"]
            progress = {
                "call": made + 1,
                "calls": made + len(batches),
                "total": len(items),
                "revising": done + sum(len(b) for b in batches),
            }
            if resent is None:
                emit("revise", "start", sentences=len(batch), done=done, **progress)
            else:  # the same call, smaller: its progress line is already out, the warning says what changed
                emit(
                    "warning",
                    "info",
                    message=f"{resent[0]}: the rewrite call is sent again with {len(batch)} of its "
                    f"{resent[1]} sentences",
                )
            try:
                completion = session.chat(
                    partial(prompts.revise_messages, sources, _payload(batch, items)),
                    purpose="revise",
                    max_tokens=_answer_tokens(len(batch)),
                    temperature=0.2,
                )
            except ContextTooSmall as error:
                refusals += 1
                if refusals <= MAX_REVISE_CALLS:
                    resent = (error, len(batch))
                    continue  # the context is known better now: plan again
                emit("warning", "info", message=f"{_not_rewritten(len(waiting))}: {error}")
                break
            except BudgetExceeded as error:
                emit("warning", "info", message=f"{_not_rewritten(len(waiting))}: {error}")
                break
            resent = None
            waiting = waiting[len(batch) :]
            emit("revise", "done", sentences=len(batch), done=done + len(batch), **progress)
            for n, text in numbered_lines(clean_text(completion.text)).items():
                sentences = split_sentences(text)
                if 1 <= n <= len(batch) and sentences and text.strip().upper() != "DROP":
                    results[batch[n - 1]] = sentences[0]  # one sentence replaces one sentence
        return results

    def _no_room(item: Item) -> str:
        room = session.room(prompts.revise_messages(sources, _payload([0], [item])))
        return (
            f"the prompt leaves {max(0, room)} of the model's {session.model.context_length:,} tokens for an "
            f"answer of {_answer_tokens(1)}"
        )

    return revise


def plan_batches(items: list[Item], sources: list[Source], session: Session, calls: int) -> list[list[int]]:
    """Indexes of ``items`` for each of at most ``calls`` calls: shared evenly, each batch only as large as the
    model's context holds (the sources, the sentences with their evidence, and the answers)."""
    if not items or calls <= 0:
        return []
    size = max(REVISE_BATCH, math.ceil(len(items) / calls))
    batches: list[list[int]] = []
    current: list[int] = []

    def fits(trial: list[int]) -> bool:
        return session.room(prompts.revise_messages(sources, _payload(trial, items))) >= _answer_tokens(len(trial))

    for index in range(len(items)):
        trial = [*current, index]
        if current and (len(current) >= size or not fits(trial)):
            batches.append(current)
            if len(batches) == calls:
                return batches
            current, trial = [], [index]
        if not current and not fits(trial):  # not even this sentence's prompt fits: its call would be refused
            break
        current = trial
    if current:
        batches.append(current)
    return batches[:calls]


def _payload(indexes: list[int], items: list[Item]) -> Payload:
    return [(items[i][0].text, _evidence([p.text for p in items[i][1][:2]])) for i in indexes]


def _evidence(passages: list[str]) -> list[str]:
    """The evidence passages, best first, within ``EVIDENCE_CHARS`` in all, each cut at a sentence end."""
    kept: list[str] = []
    left = EVIDENCE_CHARS
    for text in passages:
        if left < 80:
            break
        if len(text) > left:
            head = text[:left]
            end = max(head.rfind(". "), head.rfind("? "), head.rfind("! "))
            text = head[: end + 1] if end > 40 else head.rsplit(" ", 1)[0] + " …"
        kept.append(text)
        left -= len(text)
    return kept


def _not_rewritten(count: int) -> str:
    return f"{counted(count, 'failing sentence')} not rewritten"


def _answer_tokens(sentences: int) -> int:
    return ANSWER_TOKENS * sentences + 40


def numbered_lines(text: str) -> dict[int, str]:
    found: dict[int, str] = {}
    for line in text.split("\n"):
        match = re.match(r"^\s*(\d{1,2})[.)]\s*(?:Sentence:\s*)?(.+)$", line)
        if match and int(match.group(1)) not in found:
            found[int(match.group(1))] = match.group(2)
    return found
