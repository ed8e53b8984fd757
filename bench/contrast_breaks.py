"""The meaning-breaking edits of bench/contrast.py: each changes what a source sentence asserts in one way.

Each edit follows one kind of error a writer makes against a source (issue 15, item 3) and is built from the parse
(see bench/contrast_edits.py for the word classes and the document ``Context``). An edit that does not apply to a
sentence returns None.
"""

from __future__ import annotations

import re
from random import Random

from contrast_edits import (
    BELIEF_VERBS,
    CAUSAL_WORDS,
    EVIDENTIAL_ADVERBS,
    EXPECTATION_PREDICATES,
    FIGURE_LABELS,
    HEARSAY_PREDICATES,
    INTENTION_VERBS,
    MONTHS,
    NUMBER_WORDS,
    PARTIAL_FREQUENCY,
    PARTIAL_QUANTIFIERS,
    POSSIBILITY_MODALS,
    QUALIFYING_ADJECTIVES,
    VERB_ANTONYMS,
    WEEKDAYS,
    WORD_ANTONYMS,
    Context,
    Doc,
    Edit,
    _body,
    _ending,
    _join,
    _match_case,
    _root,
    _splice,
    _subtree,
    _tidy,
    _upper_first,
    roles_of,
    speakers_of,
    standalone,
)


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 2}


def _other(names: set[str], doc: Doc, rng: Random) -> str | None:
    """A name of the source that shares no word with any name in the sentence (so not an alias of one)."""
    taken = set().union(*(_words(e.text) for e in doc.ents)) if doc.ents else set()
    options = sorted(n for n in names if _words(n) and not (_words(n) & taken))
    return rng.choice(options) if options else None


def speaker(doc: Doc, ctx: Context, rng: Random) -> str | None:
    """Words or a view given to another speaker of the same source."""
    said = speakers_of(doc)
    if not said:
        return None
    ent = rng.choice(said)
    other = _other(ctx.speakers.get(ent.label_, set()), doc, rng)
    return None if other is None else _splice(doc, ent.start, ent.end, other)


def negation(doc: Doc, ctx: Context, rng: Random) -> str | None:
    """A negation removed ("did not" -> "did") or inserted on the main predicate (the reported clause of a
    speech verb, else the root)."""
    negs = [t for t in doc if t.dep_ == "neg" and t.lower_ in ("not", "n't", "never")]
    if negs:
        neg = rng.choice(negs)
        aux = doc[neg.i - 1] if neg.i else None
        if neg.lower_ == "n't" and aux is not None:
            full = {"wo": "will", "ca": "can", "sha": "shall"}.get(aux.lower_, aux.text)
            return _splice(doc, aux.i, neg.i + 1, _match_case(full, aux.text))
        return _splice(doc, neg.i, neg.i + 1, "")
    root = _root(doc)
    verb = next((c for c in root.children if c.dep_ == "ccomp" and c.i > root.i), root)
    if verb.pos_ not in ("VERB", "AUX") or any(t.lower_ in ("no", "nobody", "nothing", "none") for t in doc):
        return None
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i and c.tag_ != "TO"]
    if aux:
        return _splice(doc, aux[0].i, aux[0].i + 1, f"{aux[0].text} not")
    if verb.lemma_ == "be" and verb.tag_ in ("VBD", "VBZ", "VBP"):
        return _splice(doc, verb.i, verb.i + 1, f"{verb.text} not")
    helper = {"VBD": "did", "VBZ": "does", "VBP": "do"}.get(verb.tag_)
    if helper is None or verb.lemma_ in ("have",) and verb.tag_ != "VBD":
        return None
    return _splice(doc, verb.i, verb.i + 1, f"{helper} not {verb.lemma_}")


def antonym(doc: Doc, ctx: Context, rng: Random) -> str | None:
    """A word swapped for its opposite (rise/fall, higher/lower, win/lose, approve/reject)."""
    options = []
    for t in doc:
        table = VERB_ANTONYMS if t.pos_ == "VERB" else WORD_ANTONYMS if t.pos_ in ("ADJ", "ADV", "NOUN") else {}
        if t.lower_ in table and not t.ent_type_ and not any(c.dep_ == "neg" for c in t.head.children):
            options.append((t, table[t.lower_]))
    if not options:
        return None
    token, new = rng.choice(options)
    return _splice(doc, token.i, token.i + 1, _match_case(new, token.text))


def figure(doc: Doc, ctx: Context, rng: Random) -> str | None:
    """A figure changed: the number of an amount, count, share or quantity, in the same format."""
    options = [
        t
        for t in doc
        if t.ent_type_ in FIGURE_LABELS
        and standalone(t)
        and (re.fullmatch(r"\d[\d,]*(?:\.\d+)?", t.text) or t.lower_ in NUMBER_WORDS[2:])
    ]
    if not options:
        return None
    token = rng.choice(options)
    if token.lower_ in NUMBER_WORDS:
        value = NUMBER_WORDS.index(token.lower_)
        new = rng.choice([w for w in NUMBER_WORDS[2:] if w != token.lower_ and abs(NUMBER_WORDS.index(w) - value) > 1])
        return _splice(doc, token.i, token.i + 1, _match_case(new, token.text))
    return _splice(doc, token.i, token.i + 1, _changed(token.text, rng))


def _changed(text: str, rng: Random) -> str:
    """Another number written the way ``text`` is (commas, decimals)."""
    decimals = len(text.split(".")[1]) if "." in text else 0
    value = float(text.replace(",", ""))
    factor = rng.choice([0.5, 2, 3, 1.5]) if value >= 4 else 1
    new = value * factor if factor != 1 else value + rng.choice([3, 5, 7])
    if round(new, decimals) == round(value, decimals):
        new = value + 10**-decimals * 3
    shown = f"{new:,.{decimals}f}" if "," in text else f"{new:.{decimals}f}"
    return shown


def date(doc: Doc, ctx: Context, rng: Random) -> str | None:
    """A date changed: another weekday, month, day of the month or year."""
    options = []
    for t in doc:
        if t.ent_type_ != "DATE" or not standalone(t):
            continue
        if t.text in WEEKDAYS:
            options.append((t, rng.choice([d for d in WEEKDAYS if d != t.text])))
        elif t.text in MONTHS:
            options.append((t, rng.choice([m for m in MONTHS if m != t.text])))
        elif re.fullmatch(r"(?:19|20)\d\d", t.text):
            options.append((t, str(int(t.text) + rng.choice([-3, -2, -1, 1, 2, 3]))))
        elif re.fullmatch(r"\d{1,2}", t.text) and 1 <= int(t.text) <= 31:
            options.append((t, str(rng.choice([d for d in range(1, 29) if abs(d - int(t.text)) > 1]))))
    if not options:
        return None
    token, new = rng.choice(options)
    return _splice(doc, token.i, token.i + 1, new)


def role(doc: Doc, ctx: Context, rng: Random) -> str | None:
    """A person's role, title or office replaced by another role the same source names."""
    spans = roles_of(doc)
    if not spans:
        return None
    span = rng.choice(spans)
    options = sorted(r for r in ctx.roles if not (_words(r) & _words(span.text)))
    if not options:
        return None
    return _splice(doc, span.start, span.end, _match_case(rng.choice(options), span.text))


def hedge(doc: Doc, ctx: Context, rng: Random) -> str | None:
    """A hedge removed, so that a possibility, a report, a charge, a plan or a belief is stated as fact: "may" ->
    "will", "reportedly" and "alleged" dropped, "plans to build" -> "will build", "X believes that Y" -> "Y"."""
    options: list[str] = []
    for t in doc:
        after = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if (
            t.tag_ == "MD"
            and t.lower_ in POSSIBILITY_MODALS
            and not any(c.dep_ == "neg" for c in t.head.children)
            and (t.lower_ != "could" or after is not None and after.lower_ in ("be", "have"))
        ):
            # "could" + a verb is as often past ability ("could not swim") as possibility: only "could be/have"
            perfect = (
                after is not None
                and after.lower_ == "have"
                and after.i + 1 < len(doc)
                and doc[after.i + 1].tag_ == "VBN"
            )
            if perfect:
                subject = next((c for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                plural = subject is not None and (
                    subject.tag_ in ("NNS", "NNPS") or subject.lower_ in ("we", "they", "i", "you")
                )
                options.append(_splice(doc, t.i, t.i + 2, "have" if plural else "has"))
            else:
                options.append(_splice(doc, t.i, t.i + 1, _match_case("will", t.text)))
        elif t.lower_ in EVIDENTIAL_ADVERBS and t.dep_ == "advmod":
            lo, hi = t.i, t.i + 1
            if hi < len(doc) and doc[hi].text == "," and (lo == 0 or doc[lo - 1].text == ","):
                hi += 1
            text = _splice(doc, lo, hi, "")
            options.append(_upper_first(text) if lo == 0 else text)
        elif t.lower_ in QUALIFYING_ADJECTIVES and t.dep_ == "amod":
            options.append(_splice(doc, t.i, t.i + 1, ""))
        elif t.lemma_ in INTENTION_VERBS and t.tag_ in ("VBZ", "VBP"):
            xcomp = next((c for c in t.children if c.dep_ == "xcomp" and c.tag_ == "VB"), None)
            if xcomp is not None and doc[xcomp.i - 1].tag_ == "TO" and xcomp.i - 1 == t.i + 1:
                options.append(_splice(doc, t.i, xcomp.i, "will"))
        elif (
            t.lower_ in EXPECTATION_PREDICATES
            and t.i >= 1
            and doc[t.i - 1].lower_ in ("is", "are")
            and t.i + 2 < len(doc)
            and doc[t.i + 1].tag_ == "TO"
            and doc[t.i + 2].tag_ == "VB"
        ):
            options.append(_splice(doc, t.i - 1, t.i + 2, "will"))
        elif (
            t.lower_ in HEARSAY_PREDICATES
            and t.i >= 1
            and doc[t.i - 1].lower_ in ("is", "are", "was", "were")
            and t.i + 2 < len(doc)
            and doc[t.i + 1].tag_ == "TO"
            and doc[t.i + 2].lower_ == "be"
        ):
            options.append(_splice(doc, t.i, t.i + 3, ""))  # "is said to be rich" -> "is rich"
    root = _root(doc)
    clause = next((c for c in root.children if c.dep_ == "ccomp" and c.i > root.i), None)
    finite = (
        clause is not None
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
        and (
            clause.tag_ in ("VBD", "VBZ", "VBP") or any(c.tag_ in ("MD", "VBD", "VBZ", "VBP") for c in clause.children)
        )
    )
    if root.lemma_ in BELIEF_VERBS and finite and not any(t.is_quote for t in doc):
        lo, hi = _subtree(clause)
        tokens = [
            t for t in doc[lo:hi] if not (t.dep_ == "mark" and t.head == clause and t.lower_ in ("that", "whether"))
        ]
        if tokens:
            options.append(_upper_first(_join(tokens)) + _ending(doc))
    options = [o for o in options if o and o != doc.text]
    return rng.choice(options) if options else None


def scope(doc: Doc, ctx: Context, rng: Random) -> str | None:
    """The scope widened: "some" / "several" / "many" / "most" -> "all", "one of the" -> "the only" (or "the"
    before a superlative), "often" -> "always"."""
    options: list[str] = []
    for t in doc:
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if (
            t.lower_ in PARTIAL_QUANTIFIERS
            and t.dep_ in ("det", "amod", "nsubj", "dobj", "pobj")
            and (nxt is None or not nxt.like_num)
            and not {t.ent_type_, t.head.ent_type_} & {"DATE", "TIME"}
        ):
            lo = t.i - 1 if t.lower_ == "few" and t.i and doc[t.i - 1].lower_ == "a" else t.i
            if t.lower_ == "few" and lo == t.i:
                continue  # "few" alone already says almost none
            options.append(_splice(doc, lo, t.i + 1, _match_case("all", doc[lo].text)))
        elif t.lower_ in PARTIAL_FREQUENCY and t.dep_ == "advmod":
            new = "entirely" if t.lower_ in ("partly", "partially", "largely", "mainly", "mostly") else "always"
            options.append(_splice(doc, t.i, t.i + 1, _match_case(new, t.text)))
        elif (
            t.lower_ == "one"
            and nxt is not None
            and nxt.lower_ == "of"
            and t.i + 2 < len(doc)
            and doc[t.i + 2].lower_ == "the"
        ):
            noun = next((c for c in nxt.children if c.dep_ == "pobj" and c.tag_ == "NNS"), None)
            if noun is None:
                continue
            between = doc[t.i + 3 : noun.i]
            superlative = any(b.tag_ == "JJS" or b.lower_ == "most" for b in between)
            head = "the" if superlative else "the only"
            new = _tidy(f"{head} {_join(between)} {noun.lemma_}")
            options.append(_splice(doc, t.i, noun.i + 1, _match_case(new, t.text)))
    return rng.choice(options) if options else None


def cause(doc: Doc, ctx: Context, rng: Random) -> str | None:
    """A causal link the source does not make: "..., which led to X" or "... because of X", with X a noun phrase
    from elsewhere in the same source."""
    if any(t.lower_ in CAUSAL_WORDS for t in doc) or doc[-1].is_quote or any(t.is_quote for t in doc):
        return None
    own = _words(doc.text)
    phrases = sorted({p for p in ctx.phrases if not (_words(p) & own)})
    if not phrases:
        return None
    phrase = rng.choice(phrases)
    phrase = phrase[:1].lower() + phrase[1:] if not phrase.split()[0].isupper() else phrase
    body = _join(_body(doc))
    link = rng.choice([" because of ", ", which led to "])
    return _tidy(body + link + phrase + _ending(doc))


def figure_moved(doc: Doc, ctx: Context, rng: Random) -> str | None:
    """A figure moved to another entity: the named person, organisation or place a figure of the sentence is
    about is replaced by another one of the same kind from the source."""
    if not any(e.label_ in FIGURE_LABELS for e in doc.ents):
        return None
    figures = [e for e in doc.ents if e.label_ in FIGURE_LABELS]
    actors = [e for e in doc.ents if e.label_ in ("PERSON", "ORG", "GPE")]
    if not actors:
        return None
    figure = rng.choice(figures)
    ent = min(actors, key=lambda e: (min(abs(e.start - figure.start), abs(e.end - figure.end)), e.start))
    other = _other(ctx.actors.get(ent.label_, set()), doc, rng)
    return None if other is None else _splice(doc, ent.start, ent.end, other)


def figure_swapped(doc: Doc, ctx: Context, rng: Random) -> str | None:
    """Two figures conflated: a figure of the sentence replaced by another figure of the same kind that the
    source gives for something else."""
    ents = [e for e in doc.ents if e.label_ in FIGURE_LABELS and any(t.like_num for t in e)]
    if not ents:
        return None
    ent = rng.choice(ents)
    here = {e.text for e in doc.ents}
    options = sorted(
        f
        for f in ctx.figures.get(ent.label_, set())
        if f not in here and _unit(f) == _unit(ent.text) and _digits(f) != _digits(ent.text)
    )
    if not options:
        return None
    return _splice(doc, ent.start, ent.end, rng.choice(options))


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _unit(text: str) -> str:
    """What a figure counts, without its number: "$", "% ", "miles", "million people"."""
    return re.sub(r"[\d.,]+", "#", text.lower())


def order(doc: Doc, ctx: Context, rng: Random) -> str | None:
    """Before and after reversed: the order of two events swapped."""
    options = [
        t
        for t in doc
        if t.lower_ in ("before", "after")
        and (
            t.dep_ == "mark" or t.dep_ == "prep" and any(c.dep_ == "pcomp" or c.ent_type_ == "DATE" for c in t.children)
        )
    ]
    if not options:
        return None
    t = rng.choice(options)
    return _splice(doc, t.i, t.i + 1, _match_case("after" if t.lower_ == "before" else "before", t.text))


BROKEN: dict[str, Edit] = {
    "speaker": speaker,
    "negation": negation,
    "antonym": antonym,
    "figure": figure,
    "date": date,
    "role": role,
    "hedge": hedge,
    "scope": scope,
    "cause": cause,
    "figure_moved": figure_moved,
    "figure_swapped": figure_swapped,
    "order": order,
}
