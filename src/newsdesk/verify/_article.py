"""An article through the verifier: check every sentence, revise the failures once, drop what still fails, drop
repeats, and say honestly when a section has nothing left.

Order matters and is fixed:

1. every sentence of the intro and the sections is checked, in one batch with everything else a reader sees: the
   title and the dek (when the caller gives ``Fallbacks`` to replace them with) and every subheading that states
   something. A title or dek that fails is replaced by the first fallback that passes; a subheading that fails
   is removed (what it heads stays); each is recorded in ``article.dropped``;
2. all failures go to the reviser in ONE batch, each with its best evidence passages; replacements are checked;
3. what still fails is dropped and recorded in ``article.dropped`` with its reason;
4. a sentence that repeats a point made in the dek or an earlier section is dropped ("repeats an earlier
   point", ``_repeats``); a summary section (Key Takeaways) may summarise, so there only near-copies go, and it
   may restate the dek;
5. a section left with no sentences gets one honest ``note``.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..models import NOTE_FAILED, Article, Block, Dropped, Passage, Section, Sentence
from ._facts._parse import parse
from ._outlets import Outlet, outlets_of
from ._repeats import drop_repeats
from ._score import carries_figures
from ._text import claim_kind
from ._verifier import Reviser, Verification, Verifier

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["NOTE_FAILED", "NOTE_MIXED", "NOTE_REPEATED", "TITLE_KIND", "Fallbacks", "verify_article"]

NOTE_REPEATED = "Everything drafted for this section repeated points made earlier, so it is left out."
NOTE_MIXED = (
    "Everything drafted for this section either failed the source check or repeated an earlier point, "
    "so it is left out."
)
#: A title is a question: it asserts nothing, but what it asks about must be the sources' (their facts, their
#: words), which is the bar of reasoning. The dek is checked as the summary it is.
TITLE_KIND = "analysis"
DEK_KIND = "summary"


@dataclass
class Fallbacks:
    """What replaces a title or dek that fails its check, best first: texts built from the story itself (the
    headline's question, the story's opening sentences, the headline). Each is checked too; the first that
    passes is published."""

    titles: list[str] = field(default_factory=list)
    deks: list[str] = field(default_factory=list)
    # the story's opening, for an intro every drafted sentence of which failed: an intro is never left as a note
    # while the story's own first sentences can say what happened
    intro: list[Block] = field(default_factory=list)


@dataclass
class _Item:
    section: Section
    block: Block
    sentence: Sentence
    check: Verification


def verify_article(
    verifier: Verifier,
    article: Article,
    passages: list[Passage],
    reviser: Reviser | None = None,
    fallbacks: Fallbacks | None = None,
) -> Article:
    """Check every sentence of ``article`` against ``passages`` with ``verifier``, revise the failures once with
    ``reviser``, drop what still fails and what repeats; the article is changed in place and returned. With
    ``fallbacks`` the title and dek are checked too, and replaced when they fail."""
    verifier.prepare([s.text for section in article.all_sections() for s in section.sentences()])
    started = time.perf_counter()
    judge_seconds = verifier.judge.seconds if verifier.judge is not None else 0.0
    placed = [
        (section, block, sentence)
        for section in article.all_sections()
        for block in section.blocks
        if block.type != "subheading"
        for sentence in block.sentences
    ]
    headings = [
        (section, block)
        for section in article.all_sections()
        for block in section.blocks
        if block.type == "subheading" and block.sentences and states_something(block.text)
    ]
    extra: list[tuple[str, str]] = [(block.text, claim_kind(block.text, section.kind)) for section, block in headings]
    if fallbacks is not None:
        extra += [(article.title, TITLE_KIND), (article.dek, claim_kind(article.dek, DEK_KIND))]
    outlets = outlets_of(article.sources)  # a figure the outlets dispute is told as one outlet's (``_disputed``)
    items, extra_checks = _check(verifier, placed, passages, extra, outlets)
    for (section, block), check in zip(headings, extra_checks, strict=False):
        _settle_heading(article, section, block, check)
    if fallbacks is not None:
        title_check, dek_check = extra_checks[len(headings) :]
        article.title = _settled(
            verifier, article, passages, "title", article.title, title_check, fallbacks.titles, TITLE_KIND
        )
        article.dek = _settled(verifier, article, passages, "dek", article.dek, dek_check, fallbacks.deks, DEK_KIND)

    failing = [item for item in items if not item.check.supported]
    if failing and reviser is not None:
        batch = [(item.sentence, verifier.evidence_passages(item.sentence.text, passages)) for item in failing]
        paused = time.perf_counter()
        replacements = list(reviser(batch))
        started += time.perf_counter() - paused  # the reviser's LLM time is not verification time
        revised: list[_Item] = []
        for item, new_text in zip(failing, replacements, strict=False):
            new_text = " ".join((new_text or "").split())
            if not new_text or new_text == item.sentence.text:
                continue
            item.sentence.revised_from = item.sentence.text
            item.sentence.text = new_text
            revised.append(item)
        rechecked, _ = _check(verifier, [(i.section, i.block, i.sentence) for i in revised], passages, None, outlets)
        for item, again in zip(revised, rechecked, strict=True):
            item.check = again.check

    had_sentences = {id(s): bool(s.sentences()) for s in article.all_sections()}
    reasons: dict[int, set[str]] = {id(s): set() for s in article.all_sections()}
    for item in items:
        if not item.check.supported:
            reason = item.check.details.get("reason", item.check.verdict)
            if item.sentence.revised_from is not None:
                reason = f"{reason} (after one revision)"
            _drop(article, item, reason)
            reasons[id(item.section)].add("failed")

    drop_repeats(article, verifier, reasons)
    if fallbacks is not None and fallbacks.intro and had_sentences[id(article.intro)] and not article.intro.sentences():
        _opening_for_intro(verifier, article, passages, fallbacks.intro, reasons)

    for section in article.all_sections():
        _prune_blocks(section)
        if had_sentences[id(section)] and not section.sentences():
            kinds = reasons[id(section)]
            section.note = NOTE_MIXED if len(kinds) > 1 else NOTE_REPEATED if kinds == {"repeated"} else NOTE_FAILED
    if verifier.judge is not None:  # the judge's model time, like the reviser's, is not verification time
        started += verifier.judge.seconds - judge_seconds
    article.stats.verify_seconds += time.perf_counter() - started
    return article


def _check(
    verifier: Verifier,
    placed: list[tuple[Section, Block, Sentence]],
    passages: list[Passage],
    extra: list[tuple[str, str]] | None = None,
    outlets: Mapping[int, Outlet] | None = None,
) -> tuple[list[_Item], list[Verification]]:
    """Check sentences together (the judge, when there is one, is asked about the uncertain ones in batches), and
    ``extra`` ``(text, kind)`` pairs in the same batch (the title, the dek, headings), whose results come second.
    ``outlets``: who published each of the article's sources (``outlets_of``)."""
    extra = extra or []
    kinds = [claim_kind(sentence.text, section.kind) for section, _, sentence in placed]
    # a pronoun opening a sentence points into the sentence before it in its section
    before = [""] * len(extra) + [
        placed[i - 1][2].text if i and placed[i - 1][0] is section else "" for i, (section, _, _) in enumerate(placed)
    ]
    # the dateline a block's sentences stand under says whose report they are ("On 3 November, Coastline Daily
    # reported:")
    under = [""] * len(extra) + [block.label for _, block, _ in placed]
    checks = verifier.check_many(
        [*extra, *((sentence.text, kind) for (_, _, sentence), kind in zip(placed, kinds, strict=True))],
        passages,
        before,
        outlets,
        under,
    )
    extra_checks, checks = checks[: len(extra)], checks[len(extra) :]
    items = []
    for (section, block, sentence), kind, check in zip(placed, kinds, checks, strict=True):
        sentence.claim_kind = kind
        _record(sentence, check)
        items.append(_Item(section, block, sentence, check))
    return items, extra_checks


def _record(sentence: Sentence, check: Verification) -> None:
    sentence.verdict = check.verdict
    sentence.score = check.score
    sentence.citations = check.citations
    sentence.checks = check.details
    sentence.signals = check.signals
    sentence.decided_by = check.decided_by


def states_something(heading: str) -> bool:
    """A heading labels what follows ("Pros", "The economic impact") or asks ("What happened", "Why it
    matters"); one that is a declarative clause about a particular thing ("Mayor resigns", "The council approved
    the bridge") or carries a figure, date or quotation states something a reader takes as fact, and is checked
    like any sentence. A bare plural subject ("Residents react", "Points raised") names a kind of thing, the way
    a label does, not a particular one."""
    text = heading.strip()
    if text.endswith("?"):
        return False
    if carries_figures(text):
        return True
    doc = parse(text)
    if any(token.tag_ in _WH for token in doc):
        return False
    return any(token.tag_ in _FINITE and any(_particular(child) for child in token.children) for token in doc)


def _particular(token: Token) -> bool:
    """A subject that names a particular thing: a name, a determined or possessed noun, a pronoun, or a
    headline's bare singular ("Mayor resigns"); not a bare plural."""
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    return token.tag_ != "NNS" or any(c.dep_ in ("det", "poss", "nummod") for c in token.children)


_FINITE = ("VBD", "VBZ", "VBP", "MD")
_WH = ("WP", "WDT", "WRB", "WP$")


def _settle_heading(article: Article, section: Section, block: Block, check: Verification) -> None:
    """A heading that states something the sources do not support is removed; what it heads stays."""
    if check.supported:
        for sentence in block.sentences:
            _record(sentence, check)
        return
    section.blocks.remove(block)
    article.dropped.append(
        Dropped(section=section.id, text=block.text, reason=_reason(check), verdict=check.verdict, score=check.score)
    )


def _settled(
    verifier: Verifier,
    article: Article,
    passages: list[Passage],
    part: str,
    text: str,
    check: Verification,
    fallbacks: list[str],
    kind: str,
) -> str:
    """The title or dek a reader gets: ``text`` when it passed, else the first fallback that passes (all of them
    checked in one batch); the failed one is recorded in ``article.dropped``. With no fallback passing, the last
    one (the story's own headline) stands."""
    if check.supported or not text.strip():
        return text
    article.dropped.append(
        Dropped(section=part, text=text, reason=_reason(check), verdict=check.verdict, score=check.score)
    )
    candidates = [c for c in dict.fromkeys(fallbacks) if c and c.strip() and c != text]
    if not candidates:
        return text
    kinds = [kind if part == "title" else claim_kind(c, kind) for c in candidates]
    checks = verifier.check_many(
        list(zip(candidates, kinds, strict=True)), passages, outlets=outlets_of(article.sources)
    )
    return next((c for c, again in zip(candidates, checks, strict=True) if again.supported), candidates[-1])


def _opening_for_intro(
    verifier: Verifier, article: Article, passages: list[Passage], opening: list[Block], reasons: dict[int, set[str]]
) -> None:
    """The story's opening stands in for an intro whose every sentence failed, checked as any sentence is; what
    fails or repeats of it goes too, and an intro left with nothing gets its note as before."""
    intro = article.intro
    intro.blocks = [Block(b.type, list(b.sentences), b.label) for b in opening]
    placed = [(intro, block, sentence) for block in intro.blocks for sentence in block.sentences]
    items, _ = _check(verifier, placed, passages, None, outlets_of(article.sources))
    for item in items:
        if not item.check.supported:
            _drop(article, item, _reason(item.check))
    drop_repeats(article, verifier, reasons)


def _reason(check: Verification) -> str:
    reason: str = check.details.get("reason", check.verdict)  # details are JSON-able: a reason is a string
    return reason


def _drop(article: Article, item: _Item, reason: str) -> None:
    sentence = item.sentence
    if sentence in item.block.sentences:
        item.block.sentences.remove(sentence)
    article.dropped.append(
        Dropped(
            section=item.section.id, text=sentence.text, reason=reason, verdict=sentence.verdict, score=sentence.score
        )
    )


def _prune_blocks(section: Section) -> None:
    """Remove emptied blocks, and subheadings left with nothing under them."""
    blocks = [b for b in section.blocks if b.type == "subheading" or b.sentences]
    kept: list[Block] = []
    for i, block in enumerate(blocks):
        if block.type == "subheading":
            following = next((b for b in blocks[i + 1 :]), None)
            if following is None or following.type == "subheading":
                continue
        kept.append(block)
    section.blocks = kept
