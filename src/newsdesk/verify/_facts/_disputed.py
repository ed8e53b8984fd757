"""Disputed: the outlets among the sources give different values for the same figure, and the sentence states one.

Two outlets that report one event and give it different figures (one puts the toll at 12, another at 15) do not
settle the figure between them: each value is that outlet's account, and a sentence that states one as plain fact
("The storm killed 12 people") takes one outlet's side and hides the other's, however well the outlet it copies
supports it. A disputed figure may be told only as the account of an outlet that gives it: the outlet named in the
figure's own clause ("Harbour Herald puts the toll at 12", "12 people died, according to Harbour Herald") or in a
clause above it ("Harbour Herald reported that the storm killed 12 people"). An outlet named in another clause
beside it ("..., while Coastline Daily reports 15") is the account of that clause's figure, not of this one. A
sentence that names no outlet for its figure is the account of the outlet its dateline names ("On 3 November,
Coastline Daily reported:", ``write/draft.datelines``), as a reader reads it.

What is "the same figure" is read as an update reads it (``_superseded``: the same counted noun or unit of the same
thing, told of the same event). An outlet's account is its latest telling: a figure the same outlet gave earlier and
gave otherwise later (a toll rising through the day) is an update, no longer its account, and disputes nothing. An
outlet is a source's publisher as its feed or page names itself (``Source.publisher``); sources with no publisher
are no outlet's, and with fewer than two outlets among the sources there is nothing to dispute.

The check fails a figure that outlets dispute when its clause names no outlet (unsupported: which outlet's it is
the sentence does not say), or names one that gives another value (contradicted: that outlet says otherwise) or
none for it (unsupported).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .._outlets import Outlet, outlet_pattern
from ._binding import word_spans
from ._parse import SourceFacts, parse, stems_of
from ._quantities import Quantity, quantities
from ._result import FactResult, fail, not_applicable, ok
from ._superseded import distinct, measured_again

__all__ = ["DISPUTED", "Dispute", "check_disputed", "disputes"]

DISPUTED = "disputed"

#: The dependencies by which a verb heads a clause of its own: what an attribution in it is the account of.
_CLAUSE_HEADS = frozenset({"ROOT", "conj", "ccomp", "advcl", "relcl", "parataxis"})


@lru_cache(maxsize=8192)
def _quantities(text: str) -> tuple[Quantity, ...]:
    return tuple(quantities(text))


def _accounts(
    mine: Quantity, stems: frozenset[str], facts: SourceFacts, outlets: Mapping[int, Outlet]
) -> dict[str, list[Quantity]]:
    """Per outlet, the values of its latest telling of what ``mine`` measures: ``{outlet: [Quantity, ...]}``."""
    told: dict[str, tuple[str, list[Quantity]]] = {}
    for evidence in facts.sentences:
        if not evidence.stems & mine.core:
            continue  # what is measured shares nothing with it: no need to parse
        outlet = outlets.get(facts.passages[evidence.passage].source_number) if evidence.passage >= 0 else None
        if outlet is None:
            continue
        given = measured_again(mine, stems, list(_quantities(evidence.text)), stems_of(evidence.text), True)
        if not given:
            continue
        when, values = told.get(outlet.name, ("", []))
        if outlet.published > when:
            told[outlet.name] = (outlet.published, given)  # a later telling of the outlet's: an update
        elif outlet.published == when:
            told[outlet.name] = (when, [*values, *given])
    return {name: values for name, (_, values) in told.items()}


def _mentions(doc: Any, names: list[str]) -> list[tuple[str, list[Any]]]:
    """Each outlet named in the sentence, with the tokens that name it."""
    found = []
    for name in names:
        pattern = outlet_pattern(name)
        if pattern is None:
            continue
        for match in pattern.finditer(doc.text):
            tokens = [t for t in doc if match.start() <= t.idx < match.end()]
            if tokens:
                found.append((name, tokens))
    return found


def _is_clause_head(token: Any) -> bool:
    return token.dep_ == "ROOT" or (token.dep_ in _CLAUSE_HEADS and token.pos_ in ("VERB", "AUX"))


def _attributed(figure: Any, mentions: list[tuple[str, list[Any]]]) -> str | None:
    """The outlet a figure is told as the account of: the one named in the figure's own clause, else in the
    nearest clause above it; never one named in another clause beside it or below. Of two in one clause, the one
    named nearest the figure."""
    head: Any = figure
    while True:
        while not _is_clause_head(head) and head.head.i != head.i:
            head = head.head
        inside = {t.i for t in head.subtree}
        # the clauses below this one that do not hold the figure: an outlet named there is their account
        others = {
            t.i
            for c in head.subtree
            if c.i != head.i and _is_clause_head(c) and figure not in c.subtree
            for t in c.subtree
        }
        here = [(name, tokens) for name, tokens in mentions if all(t.i in inside and t.i not in others for t in tokens)]
        if here:
            return min(here, key=lambda m: min(abs(t.i - figure.i) for t in m[1]))[0]
        if head.head.i == head.i:
            return None
        head = head.head


def _figure_token(doc: Any, text: str, quantity: Quantity) -> Any | None:
    spans = word_spans(text)
    if quantity.bound.start >= len(spans):
        return None
    start = spans[quantity.bound.start][1]
    return next((t for t in doc if t.idx >= start), None)


def _listed(accounts: dict[str, list[Quantity]]) -> str:
    return "; ".join(f"{name} gives {values[0].bound.surface}" for name, values in sorted(accounts.items()))


@dataclass(frozen=True)
class Dispute:
    """A figure of a sentence that the outlets give differently: each outlet's latest value for it, and which
    outlets give the sentence's value and which another."""

    figure: Quantity
    accounts: dict[str, list[Quantity]]
    agree: frozenset[str]
    differ: frozenset[str]


def disputes(text: str, facts: SourceFacts, outlets: Mapping[int, Outlet]) -> list[Dispute]:
    """The figures of ``text`` that one outlet among the sources gives as the sentence does and another otherwise,
    whoever the sentence says gives them. Fewer than two outlets dispute nothing."""
    present = {outlets[p.source_number].name for p in facts.passages if p.source_number in outlets}
    if len(present) < 2:
        return []
    own = [q for q in quantities(text) if not q.denied]
    stems = stems_of(text) if own else frozenset()
    found = []
    for mine in own:
        accounts = _accounts(mine, stems, facts, outlets)
        agree = {n for n, values in accounts.items() if any(not distinct(mine.bound, v.bound) for v in values)}
        differ = {n for n in accounts if n not in agree}
        if agree and differ:  # given alike by every outlet that gives it, or by none: the other checks' to judge
            found.append(Dispute(mine, accounts, frozenset(agree), frozenset(differ)))
    return found


def check_disputed(text: str, facts: SourceFacts, outlets: Mapping[int, Outlet], under: str = "") -> FactResult:
    """Fail a figure of ``text`` that the outlets among the sources give differently, unless it is told as the
    account of an outlet that gives it (see the module's docstring). ``under``: the dateline the sentence stands
    under ("On 3 November, Coastline Daily reported:"), which makes every sentence under it that outlet's account
    where the sentence names none for the figure."""
    found = disputes(text, facts, outlets)
    if not found:
        return not_applicable(DISPUTED)
    present = sorted({outlets[p.source_number].name for p in facts.passages if p.source_number in outlets})
    doc = parse(text)
    mentions = _mentions(doc, present)
    for dispute in found:
        mine, accounts = dispute.figure, dispute.accounts
        figure = _figure_token(doc, text, mine)
        named = _attributed(figure, mentions) if figure is not None else None
        if named is None and under:
            named = next((o for o in present if (p := outlet_pattern(o)) and p.search(under)), None)
        if named is None:
            return fail(
                DISPUTED,
                f"the outlets give different figures for this ({_listed(accounts)}): "
                f"{mine.bound.surface} is stated as fact, not as the account of the outlet that gives it",
                "unsupported",
            )
        if named in dispute.differ:
            return fail(
                DISPUTED,
                f"{named} gives {accounts[named][0].bound.surface}, not {mine.bound.surface} ({_listed(accounts)})",
            )
        if named not in dispute.agree:
            return fail(
                DISPUTED,
                f"{named} gives no figure for this; the outlets that do differ ({_listed(accounts)})",
                "unsupported",
            )
    return ok(DISPUTED, "each disputed figure is told as its outlet's")
