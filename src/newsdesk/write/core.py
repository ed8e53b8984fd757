"""The core of a source sentence: lightly compressed for any section (``compress``), cut to its core for a summary
(``shorten``), and whether it presupposes the sentence before it (``points_back``).

Both are extractive: every word comes from the source sentence, in its order, so what is left carries no fact its
citation lacks. ``shorten`` finds where an aside may start by its punctuation and opening word, and makes a cut only
where the parse says that what is left is still a whole clause (``_Cut``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..ingest.clean import without_dateline
from ..language import PAGE_NOUNS, SPEECH_VERBS, TIME_UNITS, parse, words_pattern
from ..text import quotation_spans, within
from .casing import upper_first
from .parse import BULLET

__all__ = ["compress", "points_back", "shorten"]

# The auxiliaries that move before their subject in an inverted clause ("So are the parks", "Neither has he").
_AUXILIARY = "(?:is|are|was|were|has|have|had|do|does|did|will|would|can|could|should|must)"
# "In addition, ..." loses its opener; "In addition to the violence, ..." keeps it (the phrase is the sentence's).
# A conjunction or conjunctive adverb opening a sentence relates it to the sentence before ("Instead, it is ...",
# "Then, ...", "First, ..."): given anywhere else, the relation points at the wrong sentence, while
# the clause after it says the same on its own. An adverb is one only with its comma ("First Minister", "Then
# Secretary"), and "So far", "Still more", "Instead of" are no connectives; nor is the additive "So are the RV
# parks" (an auxiliary before its subject), which points back as "Neither has ..." does (``points_back``).
_CONNECTIVE = re.compile(
    rf"^(?:(?:but|and|so(?!\s+{_AUXILIARY}\b)|however|"
    r"meanwhile|still|yet|also|moreover),?|(?:instead|then|finally|again|nevertheless|"
    r"nonetheless|furthermore|besides|indeed|thus|therefore|consequently|likewise|similarly|in addition|first|"
    r"additionally|accordingly|hence|in fact|even so|on the other hand|at the same time|"
    r"second|third|lastly|next|in turn|as a result|by contrast|in contrast),)\s+(?!(?:far|much|many|few|long|of|"
    r"than|more|less)\b)",
    re.I,
)
# A clause-final additive particle ("Snow is lagging, too, officials said", "... to blame as well.") adds only a
# presupposition that something before is so too: alone, the clause says the same without it. A degree "too"
# comes before its adjective ("too old") and is kept, and so is one inside a quotation, which is the speaker's.
_ADDITIVE_FINAL = re.compile(r"(?:,\s*|\s+)\b(?:too|as well|either)\b(?=\s*(?:[,;.!?…]|$))", re.I)
# The same conjunctive adverbs set off by commas inside the clause or at its end ("Current techniques, meanwhile,
# are ...", "The rules changed, however."): the adverb relates the clause to the sentence before wherever it stands
# (its position is a matter of focus, not of meaning), and the clause says the same without it
# (``_without_medial_connectives``).
_MEDIAL_CONNECTIVE = re.compile(
    r",\s+(?:however|meanwhile|moreover|furthermore|nevertheless|nonetheless|likewise|similarly|though|also|"
    r"instead|therefore|consequently|accordingly|besides|in addition|in turn|as a result|by contrast|in contrast|"
    r"on the other hand|at the same time)(?:\s*,(?=\s)|(?=[.!?]$))",
    re.I,
)
_PARENTHETICAL = re.compile(r"\s*\((?![^)]*\d{4})[^()]{1,80}\)")
_RUN_IN_MARKER = re.compile(r":\s+[-*•–]\s+")


_DANGLING = re.compile(r"^(?:it|he|she|they|this|these|those|that|his|her|their|its)\b", re.I)
# "This week", "these days": a near demonstrative on a unit of time points at the writing's present, not at an
# earlier sentence (deixis, not anaphora)
_DEICTIC_TIME = re.compile(rf"^(?:this|these)\s+(?:{'|'.join(sorted(TIME_UNITS))})\b", re.I)
# "It is unclear whether ...", "It's not yet clear if ...": the dummy subject of an extraposed clause stands for
# that clause, which follows; it points at nothing before
_EXTRAPOSED = re.compile(
    r"^it(?:['’]s|\s+(?:is|was|remains|seems|appears))(?:\s+not)?(?:\s+(?:yet|still|now|also))?\s+[a-z]+\s+"
    r"(?:whether|if|that|to|how|why|what|when|who|which)\b",
    re.I,
)
# "Neither has X" / "Nor did X" / "So are X": an addition, its auxiliary before the subject, presupposes an earlier
# statement of the same; "Neither side has commented" is a determiner and adds to nothing.
_ADDITIVE_OPENING = re.compile(rf"^(?:neither|nor|so)\s+{_AUXILIARY}\b", re.I)


# "The latter", "the duo": as a subject, a noun phrase that only stands for people named before it ("the former
# prime minister" is an adjective's, "the pair of shoes" names its own).
_ANAPHORIC_NOUNS = frozenset({"latter", "former", "duo", "pair", "trio"})
# General nouns (Halliday and Hasan's cohesive class): bare after "the", as a subject, they stand for a thing named
# before ("The company said ...", "The move came ..."); "the company's board", "the move to ban ..." name their own.
_GENERAL_NOUNS = frozenset("company firm move group agency organisation organization decision deal measure".split())
_OWN_WORDS = frozenset({"prep", "relcl", "acl", "appos", "compound", "amod", "poss"})
# Demonstratives: "that"/"those" are distal, "this"/"these" proximal; both are anaphoric in written narrative.
_DEMONSTRATIVES = frozenset({"that", "those", "this", "these"})
_PROXIMAL = frozenset({"this", "these"})
# A reply presupposes what it replies to: "'I know, buddy,' Prado responded." without the words it answers.
_REPLY = re.compile(r"\b(?:responded|replied|retorted|answered)\s*(?:[.,;!?]|$)", re.I)


def points_back(sentence: str, opening: bool = False) -> bool:
    """A sentence that presupposes the one before it, so that alone it points at nothing: it opens on a pronoun or
    a demonstrative ("They said ...", "It was ...", "Both noted ...", "The duo ..."), is an addition ("Neither has
    ...", "Nor did ...", "So are ..."), or reports a reply without what it answers ("..., Prado responded.").
    "This week ..." (deixis) and "It is unclear whether ..." (a dummy subject) point at nothing before them. A
    clause-final additive ("... is to blame too") is dropped by ``compress`` instead: the clause says the same
    without it. A demonstrative inside it points back too (``_demonstrative_reference``), except in an
    ``opening`` sentence, which has nothing before it."""
    text = sentence.lstrip()
    if _ADDITIVE_OPENING.match(text) or _REPLY.search(text):
        return True
    doc = parse(text) if text else []
    if len(doc) and doc[0].lower_ in ("both", "each") and doc[0].dep_ in ("nsubj", "nsubjpass"):
        return True  # "Both noted that ...": a pronoun, unlike the determiner of "Both companies noted ..."
    if len(doc) > 1 and doc[0].lower_ == "the" and doc[1].lower_ in (*_ANAPHORIC_NOUNS, *_GENERAL_NOUNS):
        noun = doc[1]
        if noun.dep_ in ("nsubj", "nsubjpass") and not any(c.dep_ in _OWN_WORDS for c in noun.children):
            return True
    if _DANGLING.match(text):
        return not _DEICTIC_TIME.match(text) and not _EXTRAPOSED.match(text)
    # ``opening``: a text's first sentence, with nothing before it; its demonstratives point within it
    return not opening and _demonstrative_reference(doc, quotation_spans(text))


def _demonstrative_reference(doc: Any, quoted: list[tuple[int, int]]) -> bool:
    """A demonstrative inside the sentence that points at something told before it: "that study", "these
    criticisms", "despite that foresight", a verb's object standing alone ("Eastgate disputed that", "denied
    this": what was claimed before), or a quotation that opens on one ("“That hurt me.”"). In written
    narrative a demonstrative is anaphoric, unless it is deictic: a unit of time ("this week"), the page itself
    ("this report"), or, inside a quotation, a proximal "this" of the speaker's own situation. One whose noun a
    clause of its own defines ("those who stayed", "that of a child") points forward, within the sentence."""
    for token in doc:
        if token.lower_ not in _DEMONSTRATIVES:
            continue
        inside = within(quoted, token.idx)
        if token.dep_ == "dobj" and not inside and _stands_alone_after_verb(token):
            return True  # a verb's object alone, "Eastgate disputed that": the claim told before (tagged IN too)
        if token.tag_ != "DT":
            continue
        if token.lower_ in _PROXIMAL and inside:
            continue
        if token.dep_ == "det":
            noun = token.head
            if noun.lower_ in TIME_UNITS or noun.lemma_ in TIME_UNITS:
                continue
            if token.lower_ in _PROXIMAL and noun.lower_ in PAGE_NOUNS:
                continue
        elif token.dep_ in ("nsubj", "nsubjpass") and inside and token.i > 0 and _opens_quotation(token):
            noun = token  # "“That was something which ...”": the quotation's own first word
        else:
            continue
        if any(c.dep_ in ("relcl", "acl") or (noun is token and c.lower_ == "of") for c in noun.children):
            continue
        return True
    return False


def _stands_alone_after_verb(token: Any) -> bool:
    """A demonstrative that is a whole object after its verb ("disputed that,", "denied this on Friday"): not a
    relative pronoun, which stands before its verb ("the steps that she took"), nor a conjunction the parse took
    for an object, which a clause follows ("makes me sick that people ..."), nor one a clause or an "of" defines
    ("that of her character")."""
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return (
        token.i > token.head.i
        and not any(c.dep_ in ("relcl", "acl") for c in token.children)
        and (following is None or (following.pos_ in ("PUNCT", "ADP", "ADV") and following.lower_ != "of"))
    )


def _opens_quotation(token: Any) -> bool:
    return bool(re.fullmatch(r"[\"'“‘]", token.doc[token.i - 1].text))


def compress(sentence: str) -> str:
    """Light, meaning-preserving edits: drop short parentheticals, a dateline, a list marker (also one run into its
    introduction: "Obama also said: - The UK must ..."), a connective that relates the clause to the sentence
    before, leading or set off by commas inside it ("Current techniques, meanwhile, are ...": Smoke test 44 #7)."""
    # a story stored before ingest took datelines off keeps one in its first sentence ("CAIRO — ")
    text = without_dateline(_outside_quotations(_PARENTHETICAL, _unbracketed(sentence.strip())).strip())
    text = _RUN_IN_MARKER.sub(": ", text)
    text = _CONNECTIVE.sub("", BULLET.sub("", text))
    text = _outside_quotations(_ADDITIVE_FINAL, text)
    text = _without_medial_connectives(text)
    return " ".join(upper_first(text).split())


def _without_medial_connectives(text: str) -> str:
    """``text`` without a conjunctive adverb set off by commas inside it or at its end (``_MEDIAL_CONNECTIVE``),
    outside its quotations. Between a subject and its verb both commas go ("Current techniques, meanwhile, are
    ..." -> "Current techniques are ..."); after a fronted phrase or before a clause of saying one stays, which
    still sets them off ("In 2020, however, the firm grew" -> "In 2020, the firm grew"); at the end, with its
    comma."""
    quoted = quotation_spans(text)
    found = [m for m in _MEDIAL_CONNECTIVE.finditer(text) if not within(quoted, m.start())]
    if not found:
        return text
    doc = parse(text)
    for match in reversed(found):
        rest = text[match.end() :]
        following = next((t for t in doc if t.idx >= match.end() and not t.is_space), None)
        verb = following is not None and following.pos_ in ("VERB", "AUX")
        text = text[: match.start()] + ("" if verb or rest.lstrip()[:1] in ("", ".", "!", "?") else ",") + rest
    return text


def _unbracketed(sentence: str) -> str:
    """A sentence enclosed whole in round brackets is a writer's aside, set apart from the running text around it;
    given alone, the brackets set it apart from nothing and only read as a stray mark, so they go."""
    if sentence.startswith("(") and sentence.endswith(")") and "(" not in sentence[1:] and ")" not in sentence[:-1]:
        return sentence[1:-1].strip()
    return sentence


def _outside_quotations(pattern: re.Pattern[str], text: str) -> str:
    """``text`` without what ``pattern`` finds outside its quotations: a quotation is the speaker's words, and an
    edit inside it misquotes them (an acronym in brackets, an additive "too")."""
    quoted = quotation_spans(text)
    kept = [m for m in pattern.finditer(text) if not within(quoted, m.start())]
    for match in reversed(kept):
        text = text[: match.start()] + text[match.end() :]
    return text


# A comma before one of these words ends the sentence's core: what follows is an aside, a place or a time
# ("..., aboard an Ariane 5 rocket", "..., which ..."). A comma before other words may sit inside a list ("NASA,
# the European Space Agency and ...") and is kept. Not "but": it opens the conjunct that carries the weight ("It
# is pricey, but it is the best of them"), and the core is not the concession. Not a source ("..., officials
# said", "..., according to police"): who said it is part of what the source asserts (``shorten``).
# Not "although" or "though": a concessive clause limits what the main clause claims ("25 minutes more, according
# to a survey, though the survey covered only 300 drivers"), and a core without it states the claim more strongly
# than its source, as a core without its hedge would (smoke test 43 #10).
_ASIDE_OPENERS = frozenset(
    "which who whose where when while as after before because including aboard "
    "amid despite during following from in on at near under with without to for by killing "
    "leaving saying adding prompting sparking raising forcing causing citing".split()
)
# A participle of saying after a verb that takes a side ("opposed the plan, saying it would drive shoppers away",
# "criticised the response, citing late warnings") gives the grounds the side rests on: the view cut to its verb is
# a position without its reason, which tells the reader only that someone disagreed, not why. It stays; after a
# neutral verb ("recalled the heaters, saying ...", "said ..., adding ...") it is an aside like any other.
_GROUNDS_OPENERS = frozenset({"saying", "citing", "adding"})
_TAKES_A_SIDE = re.compile(
    words_pattern(frozenset(v for v, stance in SPEECH_VERBS.items() if stance != "neutral"), inflect=True), re.I
)
_ASIDE_COMMA = re.compile(r",\s+(?=(\w+))")
MIN_CORE_WORDS = 6
_ENDED = re.compile(r"[.!?][\"'”’)]*$")


# A fronted phrase before the subject sets the scene ("On Thursday, ", "Speaking to the BBC, "): the core is the
# clause after it. Only a phrase opening on a preposition or a participle, so a fronted subject stays.
_FRONTED = re.compile(
    r"^(?:(?:on|in|at|after|before|during|since|earlier|later|last|this|speaking|writing|"
    r"talking)\b[^,]{2,90}|\w+ly),\s+(?=[\w'‘“])",
    re.I,
)
# Time words that point at the writing's own present, not at a date: "On Tuesday", "This week", "Today".
_PRESENT_DEIXIS = re.compile(
    r"^(?:on\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|tonight|yesterday|this\s+\w+)$", re.I
)


def _dates_the_event(fronted: str) -> bool:
    """Whether a fronted phrase places the event in time ("In 2016,", "Last December,", "Two years ago,"): cut
    from a takeaway, a past event would read as the present (a 2016 forecast as today's news). A weekday or
    "this week" is the writing's own present, and goes like any scene-setting phrase."""
    dates = [e.text for e in parse(fronted.rstrip(", "), entities=True).ents if e.label_ == "DATE"]
    return any(not _PRESENT_DEIXIS.match(d.strip()) for d in dates)


# A dash opens an aside (" - exactly eight weeks after ..."), as a comma before "which" does.
_DASH_ASIDE = re.compile(r"\s+[-–—]{1,2}\s+")
_BETWEEN_FIGURES = re.compile(r"\d\s+[-–—]{1,2}\s+\d")
_DASH_PAIR = re.compile(r"\s+[-–—]{1,2}\s+(?:(?!\s[-–—]{1,2}\s).)+?\s+[-–—]{1,2}\s+")
# An attribution set in mid-sentence (", he said,"): the comma after it goes on with the clause it interrupted.
_INTERPOSED = re.compile(r",\s+(?:[\w'’.-]+\s+){1,5}(?:said|says|added|told \w+|reported|claimed|explained)$")


@lru_cache(maxsize=4096)
def shorten(sentence: str, keep_dates: bool = True) -> str:
    """The core of a sentence for a takeaway: compressed, then cut before its first aside if enough remains.

    Extractive on purpose: every word comes from the source sentence, in its order, so the takeaway carries no
    fact its citation lacks. A comma between digits ("December 25, 2021") never cuts. What is cut: a fronted
    scene-setting phrase, and what follows a dash or an aside comma. Never who said it ("..., officials said",
    "According to police, ..."): the source asserts only that they said it, so a takeaway without them states
    their claim in the article's own voice, a view made fact. Each cut is made only where it leaves a whole clause
    (``_Cut``): the patterns find where an aside may start, the parse says whether it is one. A fronted phrase
    that dates the event stays (``_dates_the_event``) unless ``keep_dates`` is off: a title asks about the
    story's event, whose date the article's header gives. Each cut is parsed, so the result is kept: the takeaways
    and the title read the same lead sentences, and only the sentences whose cut is read are cut.
    """
    cut = _Cut(compress(sentence))
    for match in _FRONTED.finditer(cut.text):
        if not (keep_dates and _dates_the_event(match.group())):
            cut.try_removing(match.start(), match.end(), "")
    # a pair of dashes encloses an interpolation, as brackets do: the sentence goes on after the second one ("Winter
    # — from rock salt to freeze-thaw cycles — makes problems worse"), so the pair goes, not all after the first
    for match in reversed(list(_DASH_PAIR.finditer(cut.text))):
        cut.try_removing(match.start(), match.end(), " ")
    while cut.cut_first_aside():
        pass
    text = cut.text
    return text if _ENDED.search(text) else text.rstrip(" ,;:—–-") + "."


def _pairs_open(text: str) -> bool:
    """Whether a pair of enclosing marks is left open in the text: a quotation (a straight double mark counts in
    pairs; a closing curly single mark is also an apostrophe, so single marks count only where an opening one is
    left) or a bracket. Dashes pair too, but one also stands alone (``_dashes``)."""
    return (
        text.count("“") != text.count("”")
        or text.count('"') % 2 == 1
        or text.count("‘") > text.count("’")
        or text.count("(") != text.count(")")
    )


def _dashes(text: str) -> int:
    return len(_DASH_MARK.findall(text))


_DASH_MARK = re.compile(r"—|\s[-–]{1,2}\s")


class _Cut:
    """A sentence being cut to its core: its current text, and where each character of it stood in the whole.

    A cut is kept only when what is left is still a whole clause: every word left depends on a word left (the
    kept words are closed under the parse's head relation), so no phrase loses its head ("Despite its product
    ChatGPT." without "the company spends"), and what was said never loses who said it. No word left loses an
    argument (``_ARGUMENTS``), no finite verb left is without a subject (``_every_verb_keeps_its_subject``), and
    no cut falls inside a quotation or parts a pair of dashes or brackets: a quotation is its speaker's words as
    spoken, and a cut in it misquotes them.
    """

    def __init__(self, text: str) -> None:
        self.whole_text = text
        self.text = text
        self.positions = list(range(len(text)))
        self._doc: Any = None

    def cut_first_aside(self) -> bool:
        """Take out the first aside that may go; True when one closed by a second comma went and the sentence
        goes on, so that the next one can be looked for ("The rules made rival apps, which drew millions, less
        popular": the aside goes, not everything after its comma)."""
        for match in [*_DASH_ASIDE.finditer(self.text), *_ASIDE_COMMA.finditer(self.text)]:
            if match.re is _ASIDE_COMMA:
                if match.group(1).isdigit() or match.group(1).lower() not in _ASIDE_OPENERS:
                    continue
                if match.group(1).lower() in _GROUNDS_OPENERS and _TAKES_A_SIDE.search(self.text, 0, match.start()):
                    continue  # the grounds of a side taken: "opposed the plan, saying it would drive shoppers away"
                if _INTERPOSED.search(self.text, 0, match.start()):
                    continue  # the comma closes an attribution set in mid-sentence ("published Thursday, 21
                    # months, he said, after reporting the bug"): the clause it interrupted goes on after it
                closing = self._closing_comma(match.end())
                if closing is not None and self.try_removing(match.start(), closing + 1, self._comma_kept(closing)):
                    return True
            elif _BETWEEN_FIGURES.match(self.text, max(match.start() - 1, 0)):
                continue  # a minus or a range ("2^15 - 1", "51 - 49"), not an aside
            if self.try_removing(match.start(), len(self.text), ""):
                return False
        return False

    def _closing_comma(self, opener_at: int) -> int | None:
        """Where the comma closing the aside that opens at ``opener_at`` stands, when the sentence goes on after it
        (a pair of commas encloses an aside as a pair of dashes does); None when the aside runs to the end, or
        when the comma goes on with a list the aside's noun is part of ("France, which joined in 2019, Spain and
        Italy")."""
        doc = self._parsed()
        start = self.positions[opener_at] if opener_at < len(self.positions) else -1
        opener = next((t for t in doc if t.idx == start), None)
        if opener is None:
            return None
        end = _phrase_top(opener).right_edge.i
        if end + 1 >= len(doc) or doc[end + 1].text != ",":
            return None
        rest = [t for t in doc[end + 2 :] if not t.is_punct]
        if not rest or any(t.dep_ in ("conj", "appos") and t.head.i < opener.i for t in rest):
            return None
        if opener.i <= _phrase_top(rest[0]).head.i <= end:
            return None  # what follows the comma still belongs to the aside ("traces the slow—and inevitable, he
            # argues—decay of platforms"): the parse found no end to it
        comma = doc[end + 1].idx
        if comma not in self.positions:
            return None
        closing = self.positions.index(comma)
        # American style closes a quotation after the comma (‘as an “urgent threat,” the court ...’): the mark goes
        # with the aside it closes
        return closing + 1 if self.text[closing + 1 : closing + 2] in ('"', "”") else closing

    def _comma_kept(self, closing: int) -> str:
        """What stands where an aside closed by a comma went: the comma, when what follows opens an aside of its own
        ("hijacked by malicious links, according to new research") or the subject after a fronted phrase; nothing,
        when it goes on with the clause the aside interrupted ("made rival apps, which ..., far less popular")."""
        following = self.text[closing + 1 :].split()
        if following and following[0].lower() in _ASIDE_OPENERS:
            return ","
        after = next((t for t in self._parsed() if t.idx > self.positions[closing] and not t.is_punct), None)
        if after is None:
            return ""
        top = _phrase_top(after)
        # a participle is set off; so is a phrase fronted before the subject, whose comma the aside's closed too
        # ("In its ruling in July, which called ..., the court told ...")
        return "," if top.tag_ == "VBG" or top.dep_ in _SUBJECTS else ""

    def _parsed(self) -> Any:
        if self._doc is None:
            self._doc = parse(self.whole_text)
        return self._doc

    def try_removing(self, start: int, end: int, replacement: str) -> bool:
        text = self.text[:start] + replacement + self.text[end:]
        positions = self.positions[:start] + [-1] * len(replacement) + self.positions[end:]
        if start == 0 and text:
            text = upper_first(text)
        if len(text.split()) < MIN_CORE_WORDS or not self._whole(text, positions):
            return False
        if not self._every_verb_keeps_its_subject(text):
            return False
        self.text, self.positions = text, positions
        return True

    def _every_verb_keeps_its_subject(self, text: str) -> bool:
        """A finite verb of English has a subject (a coordinated one shares its first conjunct's): what is left with
        one that has none lost its subject to the cut. Read from a parse of what is left, since a parse of the
        whole can put the subject inside the aside ("when, at an event hosted by the Journal, its finance chief,
        Sarah Friar, appeared to suggest", read as a list of three); where the parser finds none in a whole
        sentence either, the sentence is left whole."""
        return not _subjectless_verbs(parse(text))

    def _whole(self, text: str, positions: list[int]) -> bool:
        if _pairs_open(text) and not _pairs_open(self.whole_text):
            return False
        if _dashes(self.whole_text) % 2 == 0 and _dashes(text) % 2 == 1:
            return False  # one dash of a pair went with the cut, its partner stayed ("the slow—and inevitable, he
            # argues—decay")
        doc = self._parsed()
        kept_chars = set(positions)
        kept = {
            token.i
            for token in doc
            if not token.is_space and all(i in kept_chars for i in range(token.idx, token.idx + len(token.text)))
        }
        for token in doc:
            if token.is_punct or token.is_space or token.head.i == token.i:
                continue
            if token.i not in kept and token.head.i in kept and token.dep_ in _ARGUMENTS:
                # a word has one argument of each kind: a second one kept beside it is a supplement the parser
                # misread ("approved the bridge on Tuesday — a decision critics called rushed": one object)
                if not any(c.dep_ == token.dep_ and c.i in kept for c in token.head.children):
                    return False  # "has made platforms like Reddit" without "less human"
            if token.i in kept and token.head.i not in kept:
                return False
        return True


def _phrase_top(first: Any) -> Any:
    """The head of the phrase that opens on ``first``: its highest ancestor whose words all stand from it on."""
    top = first
    while top.head.i != top.i and top.head.left_edge.i >= first.i:
        top = top.head
    return top


_FINITE = frozenset({"VBD", "VBZ", "VBP"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})


def _subjectless_verbs(doc: Any) -> list[Any]:
    return [
        token
        for token in doc
        if token.tag_ in _FINITE
        and token.dep_ not in ("conj", "aux", "auxpass")
        and not any(c.dep_ in _SUBJECTS for c in token.children)
    ]


# A word's arguments, without which its clause says something else or nothing: subject, object, complement, the
# noun of a preposition; what a cut may take are modifiers (adverbials, appositions, relative clauses, conjuncts).
_ARGUMENTS = frozenset(
    "nsubj nsubjpass csubj csubjpass dobj iobj dative attr acomp oprd ccomp xcomp pobj pcomp agent expl aux "
    "auxpass neg case prt".split()
)
