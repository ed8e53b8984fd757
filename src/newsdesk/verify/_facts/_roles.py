"""What people are: the roles and titles a sentence gives the people it names, against what the sources call them.

A title word beside a name ("Foreign Minister Lavrov", "Smith, the company's former director") says what that
person is; the sources must give that person that role. A near copy that puts another role word the sources give
someone else in the place of the source's is read as that swap (``_copy.swapped_role``).
"""

from __future__ import annotations

import re
from typing import Any

from ...language import stem
from ._copy import NearCopy, swapped_role
from ._parse import SourceFacts, parse
from ._result import FactResult, fail, not_applicable, ok
from ._speech import ROLE_NOUNS

__all__ = ["check_roles"]

ROLES = "roles_and_titles"


def _titled_names(doc: Any) -> list[tuple[str, tuple[frozenset[str], ...], bool, str]]:
    """(surname, role stems of each title, former?, title text) for each proper name the sentence gives a title.

    Each title is its own predication: "Judge Maria Okonkwo, president of the Growers Association" says she is a
    judge *and* the association's president, so the role nouns are grouped by title (the words before the name,
    each apposition) and every group must be one the sources give the person, not just one of them."""
    out = []
    for token in doc:
        if (
            token.pos_ != "PROPN"
            or token.dep_ == "compound"
            and token.head.pos_ == "PROPN"
            or token.ent_type_
            in ("GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "DATE", "PRODUCT", "WORK_OF_ART", "LANGUAGE")
        ):
            continue
        title_tokens: list[Any] = []
        heads: list[Any] = []  # the nouns that are the title ("spokesman", "adviser"), not every word near them
        groups: list[list[Any]] = []  # the heads of each title: the name's premodifiers, each apposition
        for child in token.children:
            if (
                child.dep_ == "compound"
                and child.i < token.i
                and (child.pos_ == "NOUN" or stem(child.lower_) in ROLE_NOUNS)
            ):  # "Prime Minister" is PROPN
                title_tokens.extend(child.subtree)
                heads.append(child)
                if not groups or groups[0][0].i > token.i:
                    groups.insert(0, [])
                groups[0].append(child)
            elif child.dep_ == "appos" and child.pos_ == "NOUN":
                title_tokens.extend(t for t in child.subtree if t.dep_ not in ("relcl",) and t.i > token.i)
                heads.append(child)
                groups.append([child])
            elif child.dep_ == "amod" and child.lower_ == "former":
                title_tokens.append(child)
        if token.dep_ == "appos" and token.head.pos_ == "NOUN":  # "the press secretary, Josh Earnest"
            title_tokens.extend(t for t in token.head.subtree if t.i < token.i)
            heads.append(token.head)
            groups.append([token.head])
        if not title_tokens:
            continue
        words = [t.lower_ for t in title_tokens]
        roles = tuple(
            group
            for group in (frozenset(stem(h.lower_) for h in g if stem(h.lower_) in ROLE_NOUNS) for g in groups)
            if group
        )
        if roles or "former" in words:
            out.append(
                (
                    token.lower_.removesuffix("'s"),
                    roles,
                    "former" in words or "ex" in words,
                    " ".join(t.text for t in sorted(set(title_tokens), key=lambda t: t.i)),
                )
            )
    return out


_ROLE_WORD = r"(?i:former|ex-|" + "|".join(sorted(ROLE_NOUNS)) + r")\w*"
# A title beside a name: "press secretary Josh Earnest", "Hori Parata, the ... adviser", "Linda Frost, president of
# ..." (cased text only).
_TITLE_CUE = re.compile(
    r"\b" + _ROLE_WORD + r"\s+(?:[A-Z][\w'-]*\s+)*[A-Z]|[A-Z][\w'-]+,\s+(?:the|a|an|its|his|her)\s"
    r"[^,.;]{0,60}?\b" + _ROLE_WORD + r"|[A-Z][\w'-]+,\s+" + _ROLE_WORD + r"\s+(?:of|at|for)\b"
)
# The last: an apposition without an article is a title only with its office's complement ("Patel, president of
# the Growers Association"); a bare "Patel, chair," is as often a list.


def _titles_told(sentence: str, facts: SourceFacts) -> bool:
    """Whether each title word of the sentence (and any "former") shares a source sentence with a capitalised word
    beside it (within ``TITLE_REACH`` words: the name it titles, or its organisation): then no title can be wrong,
    and the parse is not needed."""
    words = [(m.group(), m.start()) for m in re.finditer(r"[A-Za-z][\w'-]*", sentence)]
    if not words:
        return False
    found = False
    for i, (word, _) in enumerate(words):
        title = stem(word.lower())
        if title not in ROLE_NOUNS and title != "former":
            continue
        near = {
            w.lower()
            for w, at in words[max(0, i - TITLE_REACH) : i + TITLE_REACH + 1]
            if w[:1].isupper() and at > 0 and w.lower() != word.lower()
        }
        if not near:
            return False
        # The names in the title's own complement ("president of the Growers Association") say which office it
        # is, not who holds it: an office is shared by whoever holds it, so a source sentence giving the title
        # with its organisation tells it of the sentence's person only when it also holds that person's name.
        office = _office_words(words, i)
        holder = near - office or near
        found = True
        if not any(
            title in e.stems | {w.lower() for w in re.findall(r"[a-z]+", e.text.lower())}
            and any(n in e.text.lower() for n in holder)
            for e in facts.sentences
        ):
            return False
    return found


TITLE_REACH = 4


def _office_words(words: list[tuple[str, int]], i: int) -> set[str]:
    """The capitalised words of the title's complement: "of", "at" or "for" after the title word, then the
    organisation's name ("president of the Harlow Growers Association")."""
    out: set[str] = set()
    if i + 1 >= len(words) or words[i + 1][0].lower() not in ("of", "at", "for"):
        return out
    for w, _ in words[i + 2 : i + 2 + TITLE_REACH + 2]:
        if w.lower() in ("the", "a", "an", "of", "and", "for") or w[:1].isupper():
            if w[:1].isupper():
                out.add(w.lower())
            continue
        break
    return out


def check_roles(sentence: str, facts: SourceFacts, copy: NearCopy | None = None) -> FactResult:
    """``copy``: the source sentence the sentence copies but for a few words, if any (``_copy``): a word that
    says what a named person is, replaced by another the sources use, gives the person another role."""
    if copy is not None:
        swapped = swapped_role(copy, facts)
        if swapped is not None:
            return fail(ROLES, f'the source calls them {swapped[1]}, not {swapped[0]}: "{copy.evidence.text}"')
    if not _TITLE_CUE.search(sentence):
        return not_applicable(ROLES)
    if _titles_told(sentence, facts):
        return ok(ROLES)  # every title word sits in a source sentence with one of the sentence's names: no parse
    titled = _titled_names(parse(sentence, entities=True))
    judged = False
    for surname, roles, former, title in titled:
        mentions = [e for e in facts.sentences if re.search(r"\b" + re.escape(surname) + r"\b", e.text.lower())]
        if not mentions:
            continue
        told = set().union(*(e.stems for e in mentions))
        source_roles = told & ROLE_NOUNS
        if roles and source_roles:
            judged = True
            if any(not group & told for group in roles):
                # the source's own words for the roles, not their stems ("judge", not "judg")
                used = sorted(
                    {w for e in mentions for w in re.findall(r"[a-z]+", e.text.lower()) if stem(w) in source_roles}
                )
                return fail(ROLES, f"the source does not call {surname.title()} {title}; it uses {', '.join(used)}")
        if former and roles:
            text = " ".join(e.text.lower() for e in mentions)
            judged = True
            if not re.search(r"\b(former|ex-|then-|once|previous|retired|ousted|until)\b", text):
                return fail(ROLES, f"the source does not say {surname.title()} is a former {title}")
    return ok(ROLES) if judged else not_applicable(ROLES)
