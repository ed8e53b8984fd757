"""An article through the verifier: check every sentence, revise the failures once, drop what still fails, drop
repeats, and say honestly when a section has nothing left.

Order matters and is fixed:

1. every sentence of the intro and the sections is checked (subheadings are headings, never checked);
2. all failures go to the reviser in ONE batch, each with its best evidence passages; replacements are checked;
3. what still fails is dropped and recorded in ``article.dropped`` with its reason;
4. a sentence that repeats a point made in the dek or an earlier section is dropped ("repeats an earlier
   point"); a summary section (Key Takeaways) may summarise, so there only near-copies go;
5. a section left with no sentences gets one honest ``note``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from ..models import Article, Block, Dropped, Passage, Section, Sentence
from ..text import normalise, tokens
from ._index import bigrams
from ._text import claim_kind, content_stems, stem
from ._verifier import Reviser, Verification, Verifier

__all__ = ["NOTE_FAILED", "NOTE_MIXED", "NOTE_REPEATED", "REPEAT_REASON", "verify_article"]

REPEAT_REASON = "repeats an earlier point"
NOTE_FAILED = "Every sentence drafted for this section failed the source check, so it is left out."
NOTE_REPEATED = "Everything drafted for this section repeated points made earlier, so it is left out."
NOTE_MIXED = ("Everything drafted for this section either failed the source check or repeated an earlier point, "
              "so it is left out.")
MIN_SHARED_WORDS = 3  # a repeat shares at least this many content words with the earlier sentence


@dataclass
class _Item:
    section: Section
    block: Block
    sentence: Sentence
    check: Verification


def verify_article(verifier: Verifier, article: Article, passages: list[Passage],
                   reviser: Reviser | None = None) -> Article:
    """Check every sentence of ``article`` against ``passages`` with ``verifier``, revise the failures once with
    ``reviser``, drop what still fails and what repeats; the article is changed in place and returned."""
    verifier.prepare([s.text for section in article.all_sections() for s in section.sentences()])
    started = time.perf_counter()
    judge_seconds = verifier.judge.seconds if verifier.judge is not None else 0.0
    placed = [(section, block, sentence) for section in article.all_sections() for block in section.blocks
              if block.type != "subheading" for sentence in block.sentences]
    items = _check(verifier, placed, passages)

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
        rechecked = _check(verifier, [(i.section, i.block, i.sentence) for i in revised], passages)
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

    _drop_repeats(article, verifier, reasons)

    for section in article.all_sections():
        _prune_blocks(section)
        if had_sentences[id(section)] and not section.sentences():
            kinds = reasons[id(section)]
            section.note = NOTE_MIXED if len(kinds) > 1 else NOTE_REPEATED if kinds == {"repeated"} else NOTE_FAILED
    if verifier.judge is not None:  # the judge's model time, like the reviser's, is not verification time
        started += verifier.judge.seconds - judge_seconds
    article.stats.verify_seconds += time.perf_counter() - started
    return article


def _check(verifier: Verifier, placed: list[tuple[Section, Block, Sentence]],
           passages: list[Passage]) -> list[_Item]:
    """Check sentences together (the judge, when there is one, is asked about the uncertain ones in batches)."""
    kinds = [claim_kind(sentence.text, section.kind) for section, _, sentence in placed]
    checks = verifier.check_many([(sentence.text, kind) for (_, _, sentence), kind in zip(placed, kinds, strict=True)],
                                 passages)
    items = []
    for (section, block, sentence), kind, check in zip(placed, kinds, checks, strict=True):
        sentence.claim_kind = kind  # type: ignore[assignment]
        sentence.verdict = check.verdict  # type: ignore[assignment]
        sentence.score = check.score
        sentence.citations = check.citations
        sentence.checks = check.details
        sentence.signals = check.signals
        sentence.decided_by = check.decided_by
        items.append(_Item(section, block, sentence, check))
    return items


def _drop(article: Article, item: _Item, reason: str) -> None:
    sentence = item.sentence
    if sentence in item.block.sentences:
        item.block.sentences.remove(sentence)
    article.dropped.append(Dropped(section=item.section.id, text=sentence.text, reason=reason,
                                   verdict=sentence.verdict, score=sentence.score))


def _drop_repeats(article: Article, verifier: Verifier, reasons: dict[int, set[str]]) -> None:
    """Drop sentences that repeat the dek or a point of an earlier section (or say the same thing twice in one)."""
    threshold = verifier.calibration.redundancy
    copy_threshold = verifier.calibration.redundancy_takeaways
    earlier: list[tuple[set[str], set[tuple[str, str]]]] = [_fingerprint(article.dek)] if article.dek else []
    for section in article.all_sections():
        summarises = section.kind == "summary" and section is not article.intro
        current: list[tuple[set[str], set[tuple[str, str]]]] = []
        for block in section.blocks:
            if block.type == "subheading":
                continue
            for sentence in list(block.sentences):
                words, pairs = _fingerprint(sentence.text)
                if _repeats(summarises, words, pairs, earlier, current, threshold, copy_threshold):
                    block.sentences.remove(sentence)
                    article.dropped.append(Dropped(section=section.id, text=sentence.text, reason=REPEAT_REASON,
                                                   verdict=sentence.verdict, score=sentence.score))
                    reasons[id(section)].add("repeated")
                else:
                    current.append((words, pairs))
        earlier.extend(current)


def _fingerprint(text: str) -> tuple[set[str], set[tuple[str, str]]]:
    """A sentence's content stems and stem bigrams: what repeats are measured on."""
    toks = tokens(normalise(text))
    return set(content_stems(toks)), bigrams([stem(t) for t in toks])


def _repeats(summarises: bool, words: set[str], pairs: set[tuple[str, str]], earlier, current,
             threshold: float, copy_threshold: float) -> bool:
    if len(words) < MIN_SHARED_WORDS:
        return False
    for other_words, other_pairs in earlier:
        shared = len(words & other_words)
        if shared < MIN_SHARED_WORDS:
            continue
        if summarises:
            # a summary may restate a fact in fewer words; a copy says it in (nearly) the same words, all of them
            if pairs and len(pairs & other_pairs) / len(pairs | other_pairs) >= copy_threshold:
                return True
        elif shared / len(words) >= threshold:
            return True
    for other_words, _ in current:  # the same section saying the same thing twice
        shared = len(words & other_words)
        if shared >= MIN_SHARED_WORDS and shared / len(words) >= 0.9 and shared / max(1, len(other_words)) >= 0.9:
            return True
    return False


def _prune_blocks(section: Section) -> None:
    """Remove emptied blocks, and subheadings left with nothing under them."""
    blocks = [b for b in section.blocks if b.type == "subheading" or b.sentences]
    kept: list[Block] = []
    for i, block in enumerate(blocks):
        if block.type == "subheading":
            following = next((b for b in blocks[i + 1:]), None)
            if following is None or following.type == "subheading":
                continue
        kept.append(block)
    section.blocks = kept
