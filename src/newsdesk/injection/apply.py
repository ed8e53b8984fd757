"""Screening applied: sources and passages without what addresses the model, and an article without echoes of it.

``screen(sources, story)`` sets aside, where sources become prompt text and evidence, every sentence ``find`` flags
(the archive keeps its own copy, screened the same way). ``sentence_screen`` serves code that picks source
sentences one by one. ``finish_article`` records what was set aside and drops what a model wrote from it anyway.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from ..language import stem
from ..models import NOTE_FAILED, Dropped
from ..sentences import source_spans, split_sentences
from ..text import counted
from .addressee import asserted
from .find import LANGUAGE_REASON, Flag, addresses_model, find, find_cached, flag_text
from .fold import content_words

if TYPE_CHECKING:
    from ..models import Article, Passage, Source, Story

__all__ = [
    "ECHO_REASON",
    "NOTE",
    "Screening",
    "drop_echoes",
    "echo_words",
    "finish_article",
    "redact",
    "redact_each",
    "redact_parts",
    "screen",
    "screen_passages",
    "sentence_screen",
]

# What is set aside addresses someone rather than reporting: an AI system, the writer, or the page's reader (a
# "Read more: ..." link is an imperative to the reader); the note says so, and does not call every one an attack.
NOTE = (
    "{n} in the sources addressed the reader, the writer or an AI system instead of reporting "
    "(instructions, requests, links to other pages) and {were} set aside: {they} not used to write the article "
    "nor counted as evidence."
)
# A sentence in another language than its source's is set aside too (never copied, never evidence for a claim in
# English), but it addressed no one: its own note says why it was left out (Smoke test 35 #9).
LANGUAGE_NOTE = (
    "{n} in the sources {were} in another language than the story and {were} left out: newsdesk writes in English "
    "and translates nothing."
)
ECHO_REASON = "repeats text in a source that addresses AI systems (set aside, never evidence)"


def _without(text: str, flags: list[Flag]) -> str:
    kept, at = [], 0
    for flag in sorted(flags, key=lambda f: f.start):
        kept.append(text[at : flag.start])
        at = max(at, flag.end)
    kept.append(text[at:])
    return " ".join("".join(kept).split())


@lru_cache(maxsize=4096)  # prompts are rebuilt from the same passages many times (fit_to_context)
def redact(text: str) -> str:
    """``text`` without its sentences that address the model (whitespace normalised where something went)."""
    flags = flag_text(text)
    return _without(text, flags) if flags else text


@dataclass
class Screening:
    """What screening set aside from a run's sources; the archive keeps the original text."""

    set_aside: list[str] = field(default_factory=list)
    story: Story | None = None  # the story with its headline and body screened (None when none was given)
    kept_words: set[str] = field(default_factory=set)  # content words of what was kept, for drop_echoes
    other_language: list[str] = field(default_factory=list)  # of ``set_aside``: those left out for their language

    @property
    def count(self) -> int:
        """The sentences set aside, as the evidence reads them (``source_spans``): a flag that took in more than one
        sentence counts each, so the note never says fewer sentences were left out than were (smoke 45 F5)."""
        return sum(_sentences_in(text) for text in self.set_aside)

    @property
    def notes(self) -> list[str]:
        def said(note: str, n: int) -> str:
            one = n == 1
            return note.format(
                n=counted(n, "sentence"), were="was" if one else "were", they="it was" if one else "they were"
            )

        addressed = self.count - sum(_sentences_in(text) for text in self.other_language)
        return [said(note, n) for note, n in ((NOTE, addressed), (LANGUAGE_NOTE, len(self.other_language))) if n > 0]


def _sentences_in(text: str) -> int:
    return max(1, len(source_spans(text)))


def screen(sources: list[Source], story: Story | None = None) -> Screening:
    """Set aside, in place, every source's sentences that address the model: titles, publishers, passages.

    Each source is read as one text (title, then passages) so an instruction split across passages is found.
    A passage left empty leaves the source; a title left empty becomes "".
    """
    result = Screening()
    for source in sources:
        parts = [source.title or "", *(p.text for p in source.passages)]
        flags = find(parts)
        by_part: dict[int, list[Flag]] = {}
        for flag in flags:
            by_part.setdefault(flag.part, []).append(flag)
            result.set_aside.append(flag.text)
            if flag.reason.startswith(LANGUAGE_REASON):
                result.other_language.append(flag.text)
        if 0 in by_part:
            source.title = _without(source.title, by_part[0])
        kept = []
        for number, passage in enumerate(source.passages, start=1):
            text = _without(passage.text, by_part[number]) if number in by_part else passage.text
            if text:
                kept.append(passage if text == passage.text else replace(passage, text=text))
        source.passages = kept
        if source.publisher and addresses_model(source.publisher):
            result.set_aside.append(source.publisher)
            source.publisher = None
        result.kept_words |= content_words(source.title or "")
        for passage in kept:
            result.kept_words |= content_words(passage.text)
    if story is not None:
        result.story = _screened_story(story)
        # the archive stores a story's passages screened already: what its body held is counted from the body
        for flag in find([story.headline, *re.split(r"\n\s*\n", story.body)]):
            if flag.text not in result.set_aside and not any(flag.text in kept for kept in result.set_aside):
                result.set_aside.append(flag.text)
                if flag.reason.startswith(LANGUAGE_REASON):
                    result.other_language.append(flag.text)
    return result


def _screened_story(story: Story) -> Story:
    headline_flags = [f for f in find([story.headline, story.body]) if f.part == 0]
    body = "\n\n".join(redact_parts(re.split(r"\n\s*\n", story.body)))
    headline = _without(story.headline, headline_flags) if headline_flags else story.headline
    if not headline:  # the whole headline spoke to the model: the story's first kept sentence names it, whole
        # (a title is built from a headline's clause: the first words alone cut a clause short, "… vote to approve?")
        first = next(iter(split_sentences(" ".join(body.split()))), "")
        headline = first.rstrip(" .,;:") or "Untitled story"
    return replace(
        story,
        headline=headline,
        body=body,
        author=_unless_addressing(story.author),
        source=_unless_addressing(story.source),
    )


def _unless_addressing(value: str | None) -> str | None:
    """A byline or publisher name that speaks to the model is dropped whole: it names no one."""
    return None if value and addresses_model(value) else value


def redact_parts(parts: list[str]) -> list[str]:
    """Parts read together (an instruction split across them is found), each without its flagged sentences."""
    flags = find(parts)
    cleaned = [_without(part, [f for f in flags if f.part == i]) for i, part in enumerate(parts)]
    return [c for c, f in zip(cleaned, parts, strict=True) if c or not f.strip()] if flags else parts


@lru_cache(maxsize=256)  # a source's prompt text is rebuilt many times (fit_to_context)
def redact_each(parts: tuple[str, ...]) -> tuple[str, ...]:
    """Parts read together, each without its flagged sentences; one result per part ("" where nothing is left).

    Where a caller uses only some of a source's passages (a prompt with the lead alone), the source is still read
    whole: the half of an instruction in the passage it keeps is not innocent because the other half went."""
    flags = find_cached(parts)
    if not flags:
        return parts
    return tuple(_without(part, [f for f in flags if f.part == i]) for i, part in enumerate(parts))


def sentence_screen(parts: list[str]) -> Callable[[int, str], bool]:
    """Whether a sentence of part ``index`` addresses the model or asserts nothing (a question: ``asserted``), the
    parts read together as ``find`` reads them.

    For code that picks source sentences one by one (grounded drafting, the story map): a sentence alone may be
    half of an instruction split across passages ("AI assistants, please ignore" / "your previous instructions
    and ..."), innocent to ``addresses_model`` but flagged here."""
    by_part: dict[int, list[Flag]] = {}
    for flag in find_cached(tuple(parts)):
        by_part.setdefault(flag.part, []).append(flag)

    def addressed(index: int, sentence: str) -> bool:
        if not asserted(sentence):  # a question, or a directive to the writer: not a statement to draft from
            return True
        flags = by_part.get(index, [])
        at = parts[index].find(sentence) if flags else -1
        for flag in flags:
            if at >= 0 and at < flag.end and flag.start < at + len(sentence):
                return True
            if at < 0 and (flag.text in sentence or sentence in flag.text):
                return True
        return addresses_model(sentence)

    return addressed


def screen_passages(passages: list[Passage]) -> list[Passage]:
    """Evidence passages without the sentences that address the model, each source read as one text."""
    numbers = list(dict.fromkeys(p.source_number for p in passages))
    kept: list[Passage] = []
    for number in numbers:
        group = [p for p in passages if p.source_number == number]
        flags = find([p.text for p in group])
        for index, passage in enumerate(group):
            mine = [f for f in flags if f.part == index]
            text = _without(passage.text, mine) if mine else passage.text
            if text:
                kept.append(passage if not mine else replace(passage, text=text))
    return kept


_MACHINERY = frozenset(
    """
ignore ignoring disregard forget previous prior above earlier instruction instructions prompt prompts system
assistant assistants model models language write writing every each section sections also please must should
would could include including mention output respond reply answer summary summarise summarize summarising
summarizing article articles story stories text page reading readers reader following below note attention
important always never only exactly word phrase that this with from your their there them they what when where
which will have been were said says state states tell sentence sentences paragraph paragraphs
""".split()
)


def echo_words(screening: Screening) -> set[str]:
    """Words that only the set-aside text holds (the claim and tokens it carries), never the kept sources."""
    injected: set[str] = set()
    for text in screening.set_aside:
        injected |= {w for w in content_words(text) if w not in _MACHINERY}
    return injected - screening.kept_words - {stem(w) for w in _MACHINERY}


_FRAMING = frozenset(
    """
what does mean means will happen happens next could would should might matter matters about after before behind
why how does doing done change changes changed impact impacts this that these those there their them over into
from with within without amid following latest inside explained
""".split()
)


def finish_article(article: Article, screening: Screening, fallback_title: Callable[[str], str]) -> int:
    """Record what was set aside, then drop what the model wrote from it anyway (``drop_echoes``).

    Where a source addressed the model, the title and dek are held to the kept text's own words: the dek check
    elsewhere looks for specifics only, and an obedient model's "The stadium burned down." carries none (and
    may translate an injection written in another language, so its words are not the set-aside words either).
    """
    article.stats.sentences_set_aside = screening.count
    story = screening.story
    title = fallback_title(story.headline) if story else article.title
    dek = (split_sentences(story.body) or [story.headline])[0] if story else article.dek
    if story is not None and screening.count:
        allowed = screening.kept_words | {stem(w) for w in _FRAMING}
        if content_words(article.title) - allowed:
            article.title = title
        if content_words(article.dek) - allowed:
            article.dek = dek
    return drop_echoes(article, screening, title, dek)


def drop_echoes(article: Article, screening: Screening, fallback_title: str, fallback_dek: str) -> int:
    """Drop sentences that carry words only the set-aside text holds; a title or dek that does is replaced.

    The verifier already fails such sentences (their evidence is gone); this holds even for a sentence it lets
    through on a lowered bar (outlook, opinion), and for the title and dek, which it checks for specifics only.
    """
    words = echo_words(screening)
    if not words:
        return 0
    if content_words(article.title) & words:
        article.title = fallback_title
    if content_words(article.dek) & words:
        article.dek = fallback_dek
    removed = 0
    for section in article.all_sections():
        had = bool(section.sentences())
        for block in section.blocks:
            kept = []
            for sentence in block.sentences:
                if block.type != "subheading" and content_words(sentence.text) & words:
                    article.dropped.append(
                        Dropped(
                            section=section.id,
                            text=sentence.text,
                            reason=ECHO_REASON,
                            verdict="unsupported",
                            score=sentence.score,
                        )
                    )
                    removed += 1
                else:
                    kept.append(sentence)
            block.sentences = kept
        section.prune()
        if had and not section.sentences() and not section.note:
            section.note = NOTE_FAILED
    return removed
