"""Noun kinds: which nouns name different things of one kind ("army" and "navy"), from WordNet
(``data/noun_kinds.tsv``), read by ``incompatible``. Kept apart from the opposites so that it stands or goes as
one piece."""

from __future__ import annotations

from functools import lru_cache

from .stemming import stem

NOUN_KINDS_FILE = "noun_kinds.tsv"


@lru_cache(maxsize=1)
def _noun_kinds() -> dict[str, list[tuple[frozenset[str], frozenset[str]]]]:
    """stem -> (the kinds of its usual sense, all its senses) for each noun of that stem (``data/noun_kinds.tsv``)."""
    from importlib import resources

    table: dict[str, list[tuple[frozenset[str], frozenset[str]]]] = {}
    text = (resources.files("newsdesk") / "data" / NOUN_KINDS_FILE).read_text("utf-8")
    for line in text.splitlines():
        if line.startswith("#") or not line:
            continue
        word, kinds, senses = line.split("\t")
        table.setdefault(stem(word), []).append((frozenset(kinds.split(",")), frozenset(senses.split(","))))
    return table


def incompatible(a: str, b: str) -> bool:
    """Whether two nouns name different things of one kind, so that one is not the other: co-hyponyms in their
    usual senses ("army" and "navy", kinds of military service; "husband" and "wife"; "Monday" and "Tuesday").
    Incompatibility (Lyons 1977, Cruse 1986) is what makes "the navy" a misstatement where the source says "the
    army", as an antonym would be; antonymy is its two-member case.

    The list (``data/noun_kinds.tsv``, built by ``scripts/build_kinds.py`` from Princeton WordNet 3.0) gives each
    noun the kinds its most frequent sense falls under, kinds specific enough to group like things (not
    "person" or "quality", under which words differ by role and overlap), and all its senses. Two words that share
    a sense (synonyms in some sense), or one of whose senses is the other's usual kind, are compatible. Any
    inflection counts (by the stem)."""
    first, second = stem(a.lower()), stem(b.lower())
    if first == second:
        return False
    table = _noun_kinds()
    mine, theirs = table.get(first, []), table.get(second, [])
    if not mine or not theirs:
        return False
    for kinds, senses in mine:
        for other_kinds, other_senses in theirs:
            if senses & other_senses or senses & other_kinds or other_senses & kinds:
                return False  # a synonym in some sense, or one a kind of the other
    return any(kinds & other_kinds for kinds, _ in mine for other_kinds, _ in theirs)
