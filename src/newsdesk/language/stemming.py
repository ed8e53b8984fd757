"""Stemming and inflection: one crude key for every inflection of a word (``stem``), the forms of a verb for
patterns over raw text (``forms``, ``past_tense``) and the alternation that matches a word list in any of them
(``words_pattern``). Every word list of ``newsdesk.language`` is matched through these, so a word added to a list
is found in all its forms."""

from __future__ import annotations

import re
from functools import lru_cache

from .parser import nlp

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
