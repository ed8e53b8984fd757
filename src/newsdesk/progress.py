"""A run's progress in words: what the command line prints and what the web job page shows, from the same events.

The pipeline, the worker and the job queue report progress as events (stage, status, data). An editor following a
job wants a sentence ("Writing Context & Background: 2 of 6 sections"), not ``write start {"section": ...}``, and
the words belong in one place so that the terminal and the browser never tell the same run two ways. ``Progress``
reads events in order and keeps what a reader needs to know; ``Progress.apply`` returns the line for each event, or
None for events that change a number but say nothing new (token counts, the start of a write call that its
section's line already announced).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import asdict, dataclass
from typing import Any

from .text import counted

__all__ = ["HEARTBEAT_SECONDS", "Heartbeat", "Progress", "describe", "heartbeat", "tick"]

_PURPOSE_WORDS = {"judge": "asking the model to judge the sentences the checks left uncertain"}
_ASKING_WORDS = {"title": "Asking the model for the title"}


@dataclass
class Progress:
    stage: str | None = None  # the latest event's stage
    section: str | None = None  # the heading being written
    sections_done: int = 0  # parts written so far (the intro counts), for the progress bar
    tokens: int = 0  # prompt and completion tokens so far, where the worker reports them
    words: str = "Waiting for a worker"  # the latest line, what the page shows as the job's state

    def apply(self, stage: str, status: str, data: dict[str, Any]) -> str | None:
        """Take one event in; the line a reader sees for it, or None when it has nothing new to say."""
        self.stage = stage
        if stage == "write" and status == "start":
            self.section = data.get("heading") or data.get("section")
        elif stage == "write" and status == "done":
            self.sections_done += 1
        elif stage == "llm":
            self.tokens = int(data.get("total_tokens", self.tokens) or 0)
        elif stage == "job" and status == "running":
            self.sections_done = 0
        line = describe(stage, status, data)
        if line is not None:
            self.words = line
        return line

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def describe(stage: str, status: str, data: dict[str, Any]) -> str | None:
    """The words for one event, or None for an event that only updates a number."""
    if status == "progress":  # a heartbeat of work that runs long, in any stage (``tick``)
        done, total = int(data.get("done", 0)), int(data.get("total", 0))
        return f"{data.get('task') or 'Working'}: {done:,} of {total:,}" if total else data.get("task") or "Working"
    if stage == "job":
        if status == "queued":
            return f"Queued again: {data['reason']}" if data.get("reason") else "Queued: waiting for a worker"
        if status == "running":
            attempt = int(data.get("attempt") or 1)
            return f"Started again (attempt {attempt})" if attempt > 1 else "Started"
        if status == "done":
            return "Finished"
        if status == "failed" and data.get("cancelled"):
            return "Cancelled: the job was stopped on request"
        if status == "failed":
            return f"Failed: {data.get('error') or 'the job failed'}"
    if stage == "fetch":
        return "Fetching the page" if status == "start" else f"Fetched “{data.get('title', '')}”"
    if stage == "poll":
        if status == "start":
            return "Reading the feed"
        if data.get("skipped"):
            return f"Feed skipped: {data['skipped']}"
        return (
            f"Read the feed: {counted(data.get('entries', 0), 'entry', 'entries')}, {data.get('new', 0)} new, "
            f"{counted(data.get('queued', 0), 'article')} queued"
        )
    if stage == "store":
        return "Storing the story" if status == "start" else "Story stored"
    if stage == "retrieve":
        if status == "start":
            return "Looking for related stories in the archive"
        background = int(data.get("background", 0))
        thread = min(int(data.get("thread", 0)), background)
        parts = [counted(thread, "entry", "entries") + " of its thread"] if thread else []
        if background > thread:
            parts.append(counted(background - thread, "related story", "related stories"))
        return (
            "Sources: the story and " + " and ".join(parts)
            if parts
            else "Sources: the story alone (no related stories in the archive)"
        )
    if stage == "map":
        if status == "start":
            return "Reading the story: who said what, dates and figures"
        return (
            f"Read the story: {counted(data.get('actors', 0), 'person or organisation', 'people and organisations')}"
            f", {counted(data.get('statements', 0), 'statement')}, "
            f"{counted(data.get('forward', 0), 'thing to come', 'things to come')}"
        )
    if stage == "write":
        return _write_words(status, data)
    if stage == "call":
        if status == "start" and data.get("purpose") in _PURPOSE_WORDS:
            budget = f" of at most {data['budget']}" if data.get("budget") else ""
            return f"Checking: {_PURPOSE_WORDS[data['purpose']]} (call {data.get('number', '?')}{budget})"
        if status == "start" and data.get("purpose") in _ASKING_WORDS:
            # the grounded drafter's one call: on a loaded machine it can take minutes, and the line before it
            # ("Writing the title, dek and intro") does not say the model is what the run waits for
            return f"{_ASKING_WORDS[data['purpose']]} (call {data.get('number', '?')})"
        return None  # a write call has its section's line, a revision its own
    if stage == "verify":
        part = f" of {data['part']}" if data.get("part") else ""
        if status == "start":
            return f"Checking {counted(data.get('sentences', 0), 'sentence')}{part} against the sources"
        kept = f", {data['kept']} kept" if "kept" in data else ""
        return f"Checked every sentence{part}; {data.get('dropped', 0)} dropped{kept}"
    if stage == "revise":
        return _revise_words(status, data)
    if stage == "save":
        if data.get("draft"):  # an update's draft: its id is a temporary row, never an article a reader can open
            return "Saving the draft of the new version" if status == "start" else "Draft of the new version saved"
        if status == "start":
            return "Saving the article"
        if data.get("version"):
            return f"Saved as version {data['version']} of article {data.get('article_id')}"
        return f"Saved as article {data.get('article_id')}"
    if stage == "done":
        if data.get("draft"):
            return None
        if data.get("reused"):
            return f"Already written with the same options: article {data.get('article_id')}"
        if data.get("same"):
            return f"Written again, word for word article {data.get('article_id')}: no copy was saved"
        if data.get("unchanged") and data.get("version"):
            return f"Done: article {data.get('article_id')} stays at version {data['version']}"
        if data.get("version"):
            return f"Done: article {data.get('article_id')}, version {data['version']}"
        return f"Done: article {data.get('article_id')}" if data.get("article_id") else "Done"
    if stage == "warning":
        return f"Note: {data.get('message', '')}"
    return None


def _write_words(status: str, data: dict[str, Any]) -> str:
    heading = data.get("heading") or data.get("section") or "a section"
    if status == "start":
        if data.get("section") == "intro":
            return "Writing the title, dek and intro"
        number, total = data.get("number"), data.get("total")
        return f"Writing {heading}: {number} of {total} sections" if number and total else f"Writing {heading}"
    if status == "repeats":
        return (
            f"Dropped {counted(int(data.get('dropped', 0)), 'sentence')} that repeat a point made earlier; "
            f"{counted(int(data.get('left', 0)), 'sentence')} left to check"
        )
    if data.get("section") == "intro":
        heading = "Title, dek and intro"
    sentences = int(data.get("sentences", 0))
    line = f"Wrote {heading}: {sentences} {'sentence' if sentences == 1 else 'sentences'}"
    return f"{line} ({data['note']})" if data.get("note") else line


def _revise_words(status: str, data: dict[str, Any]) -> str:
    sentences, total = int(data.get("sentences", 0)), int(data.get("total", 0))
    call = f"call {data['call']} of {data['calls']}" if data.get("call") and data.get("calls") else ""
    if status == "start":
        first = int(data.get("done", 0)) + 1
        span = f"sentence {first}" if sentences == 1 else f"sentences {first}–{first + sentences - 1}"
        planned = int(data.get("revising", total))
        if planned < total and first == 1:
            call += f"; {planned} fit the call budget and the model's context, the other {total - planned} are dropped"
        return f"Rewriting {span} of the {total} that failed the check" + (f" ({call.lstrip('; ')})" if call else "")
    return f"Rewrote {data.get('done', 0)} of the {total} that failed the check; checking them again"


# ---------------------------------------------------------------------------------------------- heartbeats

#: Seconds of silence after which work that goes on reports how far it has got: a reader who sees nothing for
#: longer cannot tell a hang from work (smoke test 44 #8: three minutes without a line on a 640 KB story).
HEARTBEAT_SECONDS = 5.0

Emit = Callable[..., None]
# Events told beside a stage, not stages of their own: a heartbeat after them belongs to the stage under way.
_ASIDES = frozenset({"warning", "call", "llm"})


class Heartbeat:
    """A run's ``emit``, which also lets long work report its counts: every event passes through it, and ``tick``
    (called per unit of work, wherever the work is) emits a ``progress`` event of the stage under way only when
    ``every`` seconds have passed since the last event of any kind. A short run emits none; a long step emits one
    every ``every`` seconds, with how much of it is done. The work says what it counts; the run says nothing else:
    the pipeline emits, and only the faces (the command line, the job page) print."""

    def __init__(self, emit: Emit, every: float = HEARTBEAT_SECONDS, clock: Callable[[], float] = time.monotonic):
        self._emit, self.every, self._clock = emit, every, clock
        self.last = clock()
        self.stage = "store"

    def __call__(self, stage: str, status: str, **data: Any) -> None:
        self.last = self._clock()
        if stage not in _ASIDES:
            self.stage = stage
        self._emit(stage, status, **data)

    def beat(self, task: str, done: int, total: int) -> None:
        if self._clock() - self.last >= self.every:
            self(self.stage, "progress", task=task, done=done, total=total)


_CURRENT: ContextVar[Heartbeat | None] = ContextVar("newsdesk_heartbeat", default=None)


@contextmanager
def heartbeat(emit: Emit, every: float | None = None) -> Iterator[Heartbeat]:
    """``emit`` as a ``Heartbeat`` that the work under it ticks (in this thread and its context), every
    ``HEARTBEAT_SECONDS`` unless told otherwise."""
    beat = Heartbeat(emit, HEARTBEAT_SECONDS if every is None else every)
    token = _CURRENT.set(beat)
    try:
        yield beat
    finally:
        _CURRENT.reset(token)


def tick(task: str, done: int, total: int) -> None:
    """Report ``done`` of ``total`` units of ``task`` ("Reading the story's sentences") to the run under way, if
    any; a heartbeat event comes of it only after ``HEARTBEAT_SECONDS`` of silence. Cheap enough per sentence."""
    beat = _CURRENT.get()
    if beat is not None:
        beat.beat(task, done, total)
