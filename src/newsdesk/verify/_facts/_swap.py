"""Two entities of the source swapped: the same figures and names, exchanged in who they belong to.

"140 died on the Chatham Islands, 51 on Stewart Island" against a source with 140 on Stewart Island keeps every
word and every figure and exchanges who they belong to. Among the names the sentence and one source sentence
share, the name nearest a figure must be the same in both: nearest on the page (a comma or "while" between counts
as far) and in the grammar (the dependency tree, which moving a phrase leaves alone). An exchange is between two
things of one sort that can trade places: not a person and a place, not a place and the place it lies in, not a
name and its own apposition.
"""

from __future__ import annotations

import re
from typing import Any

from .. import _specifics as sp
from ._binding import Bound, binding, bound_specifics, clip, same_value, source_bounds, word_spans
from ._parse import SourceFacts, parse
from ._result import FactResult, fail, not_applicable, ok

__all__ = ["check_entity_swap"]

ENTITY_SWAP = "entity_swap"


def _name_positions(text: str, keys: set[tuple[str, ...]]) -> dict[tuple[str, ...], list[int]]:
    toks = [t.lower().removesuffix("'s") for t, _, _ in word_spans(text)]
    out: dict[tuple[str, ...], list[int]] = {}
    for key in keys:
        n = len(key)
        out[key] = [i for i in range(len(toks) - n + 1) if tuple(toks[i : i + n]) == key]
    return out


_CLAUSE_BREAK = re.compile(r"[,;:()]|\b(?:while|whereas|but|and|or|as)\b", re.IGNORECASE)
CLAUSE_PENALTY = 10  # a name across a comma or a "while" belongs to another clause, whatever its distance


def _nearest(bound: Bound, positions: dict[tuple[str, ...], list[int]], text: str) -> tuple[str, ...] | None:
    toks = word_spans(text)
    best, best_distance = None, 10**6
    for key, places in positions.items():
        for place in places:
            last = min(place + len(key) - 1, len(toks) - 1)
            if last < bound.start:
                gap = text[toks[last][2] : toks[bound.start][1]] if bound.start < len(toks) else ""
                distance = bound.start - last
            else:
                gap = text[toks[bound.end][2] : toks[place][1]] if bound.end < len(toks) and place < len(toks) else ""
                distance = abs(place - bound.end)
            distance += CLAUSE_PENALTY if _CLAUSE_BREAK.search(gap) else 0
            if distance < best_distance:
                best, best_distance = key, distance
            elif distance == best_distance:
                best = None  # a tie binds to neither
    return best


# Noun-phrase relations: a name attached to another by one of these describes or locates it ("Duncan, a city in
# Oklahoma", "Jackdaws Castle yard in Gloucestershire"); a clause relation between them makes two participants.
_PHRASE_RELATIONS = frozenset("appos prep pobj compound amod nmod poss npadvmod".split())
# Relations by which a name names its head noun ("the Jackdaws Castle yard": the yard is Jackdaws Castle).
_NAMING = frozenset(("compound", "appos", "flat"))
# Places, institutions and peoples stand for one another (a club by its city, a government by its capital); a
# person is never one of them.
_NOT_A_PERSON = frozenset(("GPE", "LOC", "FAC", "ORG", "NORP"))


def _token_at(doc: Any, text: str, key: tuple[str, ...]) -> Any | None:
    """The spaCy token where the name ``key`` first starts in ``text``."""
    places = _name_positions(text.lower(), {key}).get(key) or []
    tokens = _span_tokens(doc, text, places[0], places[0]) if places else []
    return tokens[0] if tokens else None


def _within(inner: Any, outer: Any) -> bool:
    """``inner`` stands in the noun phrase of what ``outer`` names: reached from ``inner`` through noun-phrase
    relations only (a description or a location of it)."""
    while outer.dep_ in _NAMING and outer.head.i != outer.i:
        outer = outer.head
    token = inner
    while token.dep_ in _PHRASE_RELATIONS and token.head.i != token.i:
        token = token.head
        if token.i == outer.i:
            return True
    return False


def _one_thing_or_two_sorts(doc: Any, sentence: str, mine: tuple[str, ...], theirs: tuple[str, ...]) -> bool:
    """Whether the written sentence's two names cannot have been swapped: one describes or locates the other in one
    noun phrase (a place in a place, a name and its apposition), or one is a person and the other is not: an
    exchange of who a figure belongs to is between two things of one sort. ``doc``: the sentence's parse, with
    entities."""
    a, b = _token_at(doc, sentence, mine), _token_at(doc, sentence, theirs)
    if a is None or b is None:
        return False
    if _within(a, b) or _within(b, a):
        return True
    sorts = {t.ent_type_ == "PERSON" for t in (a, b) if t.ent_type_ == "PERSON" or t.ent_type_ in _NOT_A_PERSON}
    return len(sorts) == 2


def _span_tokens(doc: Any, text: str, first: int, last: int) -> list[Any]:
    """The spaCy tokens covering ``word_spans`` positions ``first``..``last`` of ``text``."""
    toks = word_spans(text)
    if not toks or first >= len(toks):
        return []
    start, end = toks[first][1], toks[min(last, len(toks) - 1)][2]
    return [t for t in doc if t.idx < end and t.idx + len(t.text) > start]


def _tree_distance(a: Any, b: Any) -> int:
    """Edges between two tokens of one parse (through their lowest common ancestor)."""
    up = {a.i: 0}
    for depth, ancestor in enumerate(a.ancestors, start=1):
        up[ancestor.i] = depth
    if b.i in up:
        return up[b.i]
    for depth, ancestor in enumerate(b.ancestors, start=1):
        if ancestor.i in up:
            return depth + up[ancestor.i]
    return 10**6  # another sentence of the parse


def _tree_nearest(doc: Any, text: str, bound: Bound, keys: tuple[tuple[str, ...], ...]) -> tuple[str, ...] | None:
    """Of ``keys``, the name whose words are closest to the figure in the dependency tree: what a figure belongs to
    is read from the grammar, which moving a phrase ("During 2025, X ..." / "X ... during 2025") leaves alone, while
    exchanging two names changes it. ``None`` for a tie."""
    figure = _span_tokens(doc, text, bound.start, bound.end)
    positions = _name_positions(text.lower(), set(keys))
    distances = {}
    for key in keys:
        tokens = [t for place in positions.get(key, []) for t in _span_tokens(doc, text, place, place + len(key) - 1)]
        if tokens and figure:
            distances[key] = min(_tree_distance(f, t) for f in figure for t in tokens)
    if len(distances) < len(keys):
        return None
    best = min(distances.values())
    nearest = [k for k, d in distances.items() if d == best]
    return nearest[0] if len(nearest) == 1 else None


def check_entity_swap(sentence: str, facts: SourceFacts, names: list[tuple[tuple[str, ...], str]]) -> FactResult:
    # a numeral opening a sentence is capitalised, and is a figure, not a name ("Eight weeks after ...")
    keys = {k for k, _ in names if k and not (len(k) == 1 and sp.extract_numbers(k[0]))}
    if len(keys) < 2:
        return not_applicable(ENTITY_SWAP)
    claims = bound_specifics(sentence)
    if not claims:
        return not_applicable(ENTITY_SWAP)
    claim_positions = _name_positions(sentence.lower(), keys)
    keys = {k for k, v in claim_positions.items() if v}
    checked = False
    written: Any = None  # the sentence's parse, made only when a swap is suspected
    for evidence in facts.sentences:
        lower = evidence.text.lower()
        source_positions = {k: v for k, v in _name_positions(lower, keys).items() if v}
        if len(source_positions) < 2:
            continue
        shared = {k: claim_positions[k] for k in source_positions}
        for claim in claims:
            mine = _nearest(claim, shared, sentence.lower())
            if mine is None:
                continue
            for bound in source_bounds(evidence):
                if bound.sort != claim.sort or not same_value(claim, bound) or binding(claim, bound) < 2:
                    continue
                theirs = _nearest(bound, source_positions, lower)
                checked = True
                if theirs is None or theirs == mine:
                    continue
                written = written if written is not None else parse(sentence, entities=True)
                if (
                    not _one_thing_or_two_sorts(written, sentence, mine, theirs)
                    and _tree_nearest(written, sentence, claim, (mine, theirs)) == mine
                    and _tree_nearest(evidence.doc, evidence.text, bound, (mine, theirs)) == theirs
                ):
                    return fail(
                        ENTITY_SWAP,
                        f"the source ties {claim.surface} to {' '.join(theirs).title()}, not "
                        f'{" ".join(mine).title()}: "{clip(evidence.text)}"',
                    )
    return ok(ENTITY_SWAP) if checked else not_applicable(ENTITY_SWAP)
