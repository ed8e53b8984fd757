"""Opposites and antonyms (polarity across two words): the hand-written pairs of ``OPPOSITES`` and
``PARAPHRASE_OPPOSITES``, the affixes that make a word its own opposite, and WordNet's antonyms
(``data/antonyms.tsv``), read by ``antonyms``, ``listed_opposites`` and ``opposite``. The words that deny what
they govern ("not", "refuse") are word lists, in ``words``."""

from __future__ import annotations

from functools import lru_cache

from .stemming import forms, stem
from .words import DENIAL_VERBS, SPEECH_VERBS

#: Opposites: each entry is two sides, words of one side say the contrary of words of the other about the same
#: thing. Antonymy is a relation between words, not between meanings a parse can read, so the pairs are listed;
#: the list keeps to the closed core of English antonyms, by the dimension they oppose on. Verbs are given in their
#: base form (``forms`` inflects them), adjectives with their comparative and superlative.
OPPOSITES: tuple[tuple[str, str], ...] = (
    # permission and prohibition
    ("allow permit resume lift legalise legalize authorise authorize", "prohibit ban forbid forbade bar outlaw veto"),
    # assent and refusal
    ("agree accept welcome embrace endorse approve", "resist reject refuse oppose decline turn_down"),
    # validity: a court or a body keeps a decision, a law or a tax in force, or ends it. A verb with its particle is
    # one word ("struck down" is not "struck"), written with "_" and read as one by ``phrasal``.
    ("uphold sustain affirm", "overturn overrule quash annul invalidate strike_down"),
    ("acknowledge admit recognise recognize realise realize concede", "reject deny dismiss"),
    ("confirm", "deny"),
    ("support", "oppose"),
    ("win won victory beat beaten", "lose lost defeat"),
    ("succeed success successful", "fail failure unsuccessful"),
    ("fix resolve solve repair", "fail ignore neglect"),
    # a mark attained or not: to reach or pass a target, a forecast or a record, against falling short of it
    ("meet met hit top exceed surpass beat outperform", "miss"),
    # direction of change
    (
        "rise rose risen increase grow grew gain climb surge jump",
        "fall fell fallen decrease drop shrink shrank plunge slump cut reduce",
    ),
    ("raise", "lower"),
    ("gain", "loss"),
    ("improve enhance boost strengthen", "worsen hinder weaken impair harm"),
    ("expand", "shrink contract"),
    ("open", "close shut close_down shut_down"),
    ("start begin set_up", "end finish"),
    # possession and transfer, motion
    ("buy bought purchase", "sell sold"),
    ("include", "exclude"),
    ("add", "remove"),
    ("arrive", "leave depart"),
    ("enter", "exit"),
    ("remember", "forget forgot forgotten"),
    # attitude
    ("like love enjoy", "dislike hate"),
    ("praise", "criticise criticize"),
    # size, amount, degree
    ("large larger largest big bigger biggest", "small smaller smallest"),
    ("high higher highest", "low lower lowest"),
    ("more most", "less least fewer fewest"),
    ("majority", "minority"),
    ("maximum", "minimum"),
    ("many", "few"),
    ("long longer longest", "short shorter shortest"),
    ("wide wider widest broad", "narrow narrower narrowest"),
    ("full", "empty"),
    ("abundant plentiful", "scarce limited"),
    ("comparable similar equal same", "different"),
    # quality and value
    ("good better best", "bad worse worst poor"),
    ("positive", "negative"),
    ("strong stronger strongest", "weak weaker weakest"),
    ("simple easy easier", "complex difficult harder complicated"),
    ("cheap cheaper cheapest inexpensive", "expensive costly"),
    ("rich richer richest wealthy", "poor poorer poorest"),
    ("safe safer safest", "dangerous unsafe"),
    ("true", "false"),
    ("correct", "wrong incorrect"),
    ("guilty", "innocent"),
    ("healthy", "sick ill"),
    # time and order
    ("early earlier earliest", "late later latest"),
    ("before", "after afterwards"),  # converse relations: "A before B" is "B after A", never "A after B"
    ("precede", "follow"),
    ("first", "last"),
    ("old older oldest", "young younger youngest new"),
    ("past", "future"),
    ("fast faster fastest quick quicker", "slow slower slowest"),
    ("pre", "post"),
    # sphere
    ("public", "private"),
    ("domestic", "foreign international"),
    ("internal", "external"),
    ("male", "female"),
    ("north northern", "south southern"),
    ("east eastern", "west western"),
)
#: The opposites the polarity check compares across sentences in other words (not copies): a shorter list, since
#: scalar words ("first" / "last", "early" / "late", "more" / "less") contrast two facts in fair prose as often as
#: they flip one; with all of ``OPPOSITES`` there, the dev articles' tune half lost fair sentences and caught fewer
#: errors (fair kept 0.906 -> 0.902, errors caught 0.680 -> 0.670).
PARAPHRASE_OPPOSITES: tuple[tuple[str, str], ...] = (
    ("allow permit resume lift legalise legalize authorise authorize", "prohibit ban forbid bar outlaw veto"),
    ("agree accept welcome embrace endorse", "resist reject refuse oppose decline"),
    ("rise increase grow gain climb surge jump", "fall decrease drop shrink plunge slump cut reduce"),
    ("win won", "lose lost"),
    ("succeed", "fail"),
    ("fix resolve solve repair", "fail ignore neglect"),
    ("acknowledge admit recognise recognize realise realize concede", "reject deny dismiss"),
    ("confirm", "deny"),
    ("comparable similar equal", "lower higher"),
    ("higher larger greater", "lower smaller"),
    ("survive survived", "die died kill killed"),
    ("support", "oppose"),
    ("open", "close"),
    ("improve enhance boost strengthen", "worsen hinder weaken impair harm"),
    ("strong", "weak"),
    ("simple easy", "complex difficult complicated"),
    ("positive", "negative"),
    ("success", "failure"),
    ("cheap inexpensive", "expensive costly"),
    ("best", "worst"),
    ("maximum", "minimum"),
    ("buy purchase", "sell"),
    ("expand", "shrink"),
    ("include", "exclude"),
    ("add", "remove"),
    ("like love enjoy", "dislike hate"),
    ("large big", "small"),
    ("high", "low"),
    ("fast quick", "slow"),
    ("same", "different"),
    ("true", "false"),
    ("correct", "wrong"),
    ("abundant plentiful", "scarce limited"),
    ("pre", "post"),
)
#: Prefixes that make a word its own opposite ("legal" / "illegal", "agree" / "disagree"), with the shortest word
#: they may open: "in", "im", "dis" and "mis" also begin many plain words ("income", "display").
NEGATING_PREFIXES = {"un": 4, "non": 4, "non-": 4, "il": 5, "ir": 5, "in": 6, "im": 6, "dis": 6, "mis": 6}
#: Affixes in opposed pairs on one stem: "include" / "exclude", "overestimate" / "underestimate", "upgrade" /
#: "downgrade", "careful" / "careless". A prefix pair is (prefix, prefix, ""); a suffix pair ("", suffix, suffix).
OPPOSED_AFFIXES: tuple[tuple[str, str], ...] = (
    ("in", "ex"),
    ("im", "ex"),
    ("in", "de"),
    ("over", "under"),
    ("up", "down"),
    ("pre", "post"),
    ("en", "dis"),
    ("max", "min"),
    ("inter", "intra"),
)
OPPOSED_SUFFIXES: tuple[tuple[str, str], ...] = (("ful", "less"),)

#: WordNet's parts of speech for spaCy's coarse tags: an antonym pair counts only in the part of speech WordNet
#: gives it ("close" the adjective is the opposite of "far", the verb of "open").
WORDNET_POS = {"NOUN": "n", "PROPN": "n", "VERB": "v", "AUX": "v", "ADJ": "a", "ADV": "r"}
ANTONYMS_FILE = "antonyms.tsv"


@lru_cache(maxsize=1)
def _wordnet_antonyms() -> dict[str, dict[str, frozenset[str]]]:
    """stem -> {the stem of each antonym: the parts of speech ("n", "v", "a", "r") the pair holds in}."""
    from importlib import resources

    table: dict[str, dict[str, set[str]]] = {}
    text = (resources.files("newsdesk") / "data" / ANTONYMS_FILE).read_text("utf-8")
    for line in text.splitlines():
        if line.startswith("#") or not line:
            continue
        pos, a, b, _ = line.split("\t")
        first, second = stem(a), stem(b)
        if first != second:
            table.setdefault(first, {}).setdefault(second, set()).add(pos)
            table.setdefault(second, {}).setdefault(first, set()).add(pos)
    return {k: {o: frozenset(p) for o, p in v.items()} for k, v in table.items()}


def antonyms(word: str, pos: str | None = None) -> frozenset[str]:
    """The stems of the WordNet antonyms of ``word`` (any inflection; by its stem), in the spaCy part of speech
    ``pos`` when given (``WORDNET_POS``; a tag WordNet has no antonyms for gives none).

    The list (``data/antonyms.tsv``, built by ``scripts/build_antonyms.py`` from Princeton WordNet 3.0) holds
    direct antonyms and the indirect antonyms of adjectives (a satellite, "huge", against its head's antonym,
    "small"). WordNet's antonymy is a relation between word *senses*; a reader that sees words keeps false alarms
    down three ways: the list keeps only pairs whose relation holds in one of the first two senses of both words
    by corpus frequency (a satellite only in its first), so a word is read in its usual sense; ``pos`` keeps a pair
    to the part of speech WordNet gives it; and the callers compare only two words in the same slot (the word a
    near copy changes and the word it replaces, or words said of the same thing)."""
    found = _wordnet_antonyms().get(stem(word.lower()), {})
    if pos is None:
        return frozenset(found)
    wanted = WORDNET_POS.get(pos)
    return frozenset(other for other, kinds in found.items() if wanted in kinds)


@lru_cache(maxsize=1)
def _listed_sides() -> dict[str, set[tuple[int, int]]]:
    """Each surface form of ``OPPOSITES`` -> the (entry, side) pairs it belongs to."""
    out: dict[str, set[tuple[int, int]]] = {}
    for entry, sides in enumerate(OPPOSITES):
        for side, words in enumerate(sides):
            for form in {f for w in words.split() for f in (w, *forms(w))}:
                out.setdefault(form, set()).add((entry, side))
    return out


def phrasal(verb: str, particle: str) -> str:
    """The word a verb and its particle make ("strike" + "down" -> "strike_down"), where ``OPPOSITES`` lists it;
    else the verb alone. A particle verb is one lexeme with a meaning of its own: "struck down" a tax is not
    "struck" it, and its opposite is "uphold"."""
    joined = f"{verb.lower()}_{particle.lower()}"
    return joined if particle and joined in _listed_sides() else verb


def listed_opposites(a: str, b: str) -> bool:
    """Whether two words stand on opposite sides of one ``OPPOSITES`` entry (any listed inflection)."""
    sides = _listed_sides()
    a, b = a.lower(), b.lower()
    return a != b and any(entry == e and side != s for entry, side in sides.get(a, ()) for e, s in sides.get(b, ()))


def opposite(a: str, b: str, pos: str | None = None) -> bool:
    """Whether two words say the contrary of each other: a pair of the hand-written ``OPPOSITES`` (the closed
    core of news antonyms, by dimension, some of them not WordNet antonyms: "rise" / "plunge", "ban" / "allow"), or
    a WordNet antonym pair (``antonyms``: its docstring says how word senses are kept apart), in the spaCy part of
    speech ``pos`` of the word in the source when known."""
    if listed_opposites(a, b):
        return True
    return stem(b.lower()) in antonyms(a, pos) and stem(a.lower()) != stem(b.lower())


@lru_cache(maxsize=1)
def _evaluative_stances() -> dict[str, str]:
    """Each written form of a verb of approving or of criticising -> its stance (``words.SPEECH_VERBS``); a verb of
    denial is left out: its "support" is the accused side's case, not approval of anything."""
    return {
        form: stance
        for verb, stance in SPEECH_VERBS.items()
        if stance in ("support", "criticism") and verb not in DENIAL_VERBS
        for form in (verb, *forms(verb))
    }


def opposed_stances(a: str, b: str) -> bool:
    """Whether two verbs of evaluation take opposite stances: one approves ("welcomed", "praised", "backed"), the
    other criticises ("criticised", "condemned", "rejected"). Evaluative verbs are contraries on one scale of
    attitude: one agent's reaction to one thing is favourable or unfavourable, so where the agent and the thing
    are the same (a near copy that changes only the verb) the one says the contrary of the other."""
    stances = _evaluative_stances()
    first, second = stances.get(a.lower()), stances.get(b.lower())
    return first is not None and second is not None and first != second
