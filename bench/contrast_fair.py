"""The fair edits of bench/contrast.py: paraphrases that keep what a source sentence asserts, built from its parse.

A checker must keep every one of them (see bench/contrast_edits.py for the document ``Context``). An edit that
does not apply to a sentence returns None.
"""

from __future__ import annotations

import re
from random import Random

from contrast_edits import (
    _OBJECT_CASE,
    _SUBJECT_CASE,
    FIGURE_LABELS,
    NUMBER_WORDS,
    SCALE_WORDS,
    Context,
    Doc,
    Edit,
    _body,
    _ending,
    _join,
    _lower_first,
    _match_case,
    _root,
    _splice,
    _subtree,
    _tidy,
    _upper_first,
    quoted,
    standalone,
)


def reorder(doc: Doc, ctx: Context, rng: Random) -> str | None:
    """Clauses reordered, meaning kept: a fronted adverbial moved to the end ("After X, Y." -> "Y after X."), a
    final adverbial clause moved to the front, or a trailing attribution put first ('"Q," X said.' ->
    'X said: "Q."')."""
    body, end = _body(doc), _ending(doc)
    root = _root(doc)
    if not body or any(c.dep_ in ("conj", "cc") for c in root.children):
        return None  # in a coordination a moved modifier could attach to the other conjunct
    # a leading modifier of the root, closed by a comma
    for child in root.children:
        lo, hi = _subtree(child)
        if (
            lo == 0
            and child.dep_ in ("advcl", "prep", "npadvmod", "advmod")
            and hi < len(body)
            and doc[hi].text == ","
            and hi - lo >= 2
        ):
            rest = body[hi + 1 :]
            if not rest or rest[0].is_punct:
                return None
            moved = _lower_first(_join(doc[lo:hi]), doc[lo])
            return _tidy(_upper_first(_join(rest)) + " " + moved + end)
    # a quotation first, the attribution after it
    ccomp = next((c for c in root.children if c.dep_ == "ccomp" and c.i < root.i), None)
    if ccomp is not None and body[0].is_quote:
        cut = max(t.i for t in doc[: root.i] if t.is_quote) + 1
        attribution = body[cut:]
        subject = [t for t in attribution if t.dep_ == "nsubj" and t.head == root]
        if subject and len(attribution) <= 8 and not any(t.is_quote for t in attribution):
            quote = re.sub(r"[,.]\s*([\"”’']+)$", r".\1", _join(doc[:cut]).strip())
            lead = _upper_first(_join(attribution))
            return _tidy(f"{lead}: {quote}")
    # a final adverbial clause with its own subordinating word, moved to the front
    for child in root.children:
        lo, hi = _subtree(child)
        if (
            child.dep_ == "advcl"
            and hi == len(body)
            and lo > root.i
            and doc[lo].dep_ == "mark"
            and not any(t.is_quote for t in doc)
        ):
            head = body[:lo]
            if head and head[-1].text == ",":
                head = head[:-1]
            front = _upper_first(_join(doc[lo:hi]))
            return _tidy(f"{front}, {_lower_first(_join(head), head[0])}{end}")
    return None


def passive(doc: Doc, ctx: Context, rng: Random) -> str | None:
    """Active <-> passive in the simple past of a regular verb (whose past and participle are one form):
    "The council approved the plan." <-> "The plan was approved by the council." """
    root = _root(doc)
    kids = {c.dep_: c for c in root.children}
    if (
        root.tag_ == "VBD"
        and root.text.endswith("ed")
        and {"nsubj", "dobj"} <= kids.keys()
        and not ({"aux", "auxpass", "neg", "prt", "dative", "ccomp", "xcomp"} & kids.keys())
    ):
        subj, obj = kids["nsubj"], kids["dobj"]
        s_lo, s_hi = _subtree(subj)
        o_lo, o_hi = _subtree(obj)
        if (
            s_hi != root.i
            or o_lo != root.i + 1
            or any(t.is_quote for t in doc)
            or (subj.pos_ == "PRON" and subj.lower_ not in _OBJECT_CASE)
            or subj.pos_ == "DET"
            or (obj.pos_ == "PRON" and obj.lower_ not in _SUBJECT_CASE)
            or any(c.dep_ in ("conj", "cc") for c in root.children)
            or (s_lo and doc[s_lo - 1].text != ",")
        ):
            return None
        plural = (
            obj.tag_ in ("NNS", "NNPS")
            or any(c.dep_ == "conj" for c in obj.children)
            or obj.lower_ in ("we", "they", "us", "them")
        )
        obj_text = _join(doc[o_lo:o_hi])
        if obj.pos_ == "PRON":
            obj_text = _SUBJECT_CASE.get(obj.lower_, obj.lower_) if o_hi - o_lo == 1 else obj_text
            if obj_text == "i":
                obj_text = "I"
        agent = _join(doc[s_lo:s_hi])
        if subj.pos_ == "PRON" and s_hi - s_lo == 1:
            agent = _OBJECT_CASE.get(subj.lower_, subj.lower_)
        elif s_lo == 0:
            agent = _lower_first(agent, doc[s_lo])
        pre = _join(doc[:s_lo])
        rest = _join(doc[o_hi:])
        built = f"{pre} {obj_text} {'were' if plural else 'was'} {root.text} by {agent} {rest}"
        return _tidy(built if pre else _upper_first(built.strip()))
    if (
        root.tag_ == "VBN"
        and root.text.endswith("ed")
        and {"nsubjpass", "auxpass", "agent"} <= kids.keys()
        and kids["auxpass"].lower_ in ("was", "were")
        and not ({"aux", "neg", "prt"} & kids.keys())
    ):
        subj, agent = kids["nsubjpass"], kids["agent"]
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
        s_lo, s_hi = _subtree(subj)
        a_lo, a_hi = _subtree(agent)
        if (
            pobj is None
            or s_hi != kids["auxpass"].i
            or kids["auxpass"].i + 1 != root.i
            or a_lo != root.i + 1
            or any(t.is_quote for t in doc)
        ):
            return None
        doer = _join(doc[a_lo + 1 : a_hi])
        if pobj.pos_ == "PRON" and a_hi - a_lo == 2:
            doer = _SUBJECT_CASE.get(pobj.lower_, pobj.lower_)
        patient = _join(doc[s_lo:s_hi])
        if subj.pos_ == "PRON" and s_hi - s_lo == 1:
            patient = _OBJECT_CASE.get(subj.lower_, subj.lower_)
        elif s_lo == 0:
            patient = _lower_first(patient, doc[s_lo])
        pre = _join(doc[:s_lo])
        built = f"{pre} {doer} {root.text} {patient} {_join(doc[a_hi:])}"
        return _tidy(built if pre else _upper_first(built.strip()))
    return None


def pronoun(doc: Doc, ctx: Context, rng: Random) -> str | None:
    """A person named as the subject, introduced in an earlier sentence of the source, referred to by the
    pronoun the source itself uses for them ("Smith said..." -> "He said...")."""
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    if len(people) != 1:
        return None
    person = people[0]
    surname = person[-1].text
    subject = person[-1]
    if subject.dep_ not in ("nsubj", "nsubjpass") or surname not in ctx.pronouns:
        return None
    finite = subject.head.tag_ in ("VBD", "VBZ", "VBP") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("MD", "VBD", "VBZ", "VBP") for c in subject.head.children
    )
    if not finite or any(t.lower_ in ("he", "him", "his", "she", "her", "hers") for t in doc):
        return None  # a pronoun must be a subject, and the only one that could refer to a person
    if ctx.mentioned.get(surname, 1 << 30) >= doc.user_data.get("index", 0):
        return None  # not introduced before this sentence: a pronoun would have nothing to refer to
    lo, hi = _subtree(subject)
    if any(t.dep_ in ("appos", "poss", "case") or t.is_punct for t in doc[lo:hi]):
        return None
    if quoted(subject):
        return None
    word = ctx.pronouns[surname]
    return _splice(doc, lo, hi, word.capitalize() if lo == 0 else word)


def number(doc: Doc, ctx: Context, rng: Random) -> str | None:
    """A number written another way: digits <-> words up to twenty ("12" <-> "twelve"), a scaled figure in
    full ("1.5 million" <-> "1,500,000")."""
    choices = []
    for i, token in enumerate(doc):
        if token.ent_type_ not in FIGURE_LABELS or not standalone(token) or quoted(token):
            continue
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        if token.text.isdigit() and 2 <= int(token.text) <= 20 and (nxt is None or nxt.text != "%"):
            choices.append((i, i + 1, NUMBER_WORDS[int(token.text)]))
        elif token.lower_ in NUMBER_WORDS[2:]:
            choices.append((i, i + 1, str(NUMBER_WORDS.index(token.lower_))))
        elif nxt is not None and nxt.lower_ in ("million", "billion") and re.fullmatch(r"\d+(?:\.\d+)?", token.text):
            value = round(float(token.text) * SCALE_WORDS[nxt.lower_])
            choices.append((i, i + 2, f"{value:,}"))
        elif re.fullmatch(r"\d{1,3}(?:,\d{3}){2,3}", token.text):
            value = int(token.text.replace(",", ""))
            for word, scale in (("billion", 10**9), ("million", 10**6)):
                if value >= scale and value % (scale // 10) == 0:
                    shown = f"{value / scale:.1f}".removesuffix(".0")
                    choices.append((i, i + 1, f"{shown} {word}"))
                    break
    if not choices:
        return None
    lo, hi, new = rng.choice(choices)
    return _splice(doc, lo, hi, _match_case(new, doc[lo].text))


FAIR: dict[str, Edit] = {"reorder": reorder, "passive": passive, "pronoun": pronoun, "number": number}
