"""Text plumbing shared by every check: normalisation, tokens, light stemming, sentence splitting, claim kinds.

Written sentences are split with pysbd (it knows "Mr.", "U.S." and "Nov. 13"). Source passages are split with a
cheaper rule-based splitter that keeps character offsets, because citations quote exact spans of a passage and
a story is split once per verification run, not once per sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = [
    "ADVICE_VERBS",
    "CLAIM_KINDS",
    "STOPWORDS",
    "claim_kind",
    "content_stems",
    "normalise",
    "source_spans",
    "split_sentences",
    "stem",
    "strip_hedges",
    "tokens",
]

CLAIM_KINDS = ("fact", "analysis", "outlook", "opinion")

# Typographic variants and the escape debris of scraped corpora, mapped to plain ASCII.
_TRANSLATE = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\u2013": "-", "\u2014": " - ", "\u2212": "-", "\u00a0": " ", "\u2009": " ", "\u202f": " ",
})


def normalise(text: str) -> str:
    """Plain ASCII quotes and dashes, no backslash escapes; offsets are *not* preserved."""
    return text.replace("\\'", "'").replace('\\"', '"').translate(_TRANSLATE).replace("''", '"')


STOPWORDS = frozenset(re.findall(r"\S+", """
a about above after again against all also although am among an and any are aren't as at be because been before
being below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during
each either else ever every few for from further had hadn't has hasn't have haven't having he he'd he'll he's her
here here's hers herself him himself his how how's however i i'd i'll i'm i've if in into is isn't it it's its
itself just let's me more most mr mrs ms much must mustn't my myself neither no nor not now of off on once only or
other ought our ours ourselves out over own per rather same shan't she she'd she'll she's should shouldn't since so
some such than that that's the their theirs them themselves then there there's these they they'd they'll they're
they've this those though through thus to too under until up upon us very was wasn't we we'd we'll we're we've were
weren't what what's when when's where where's whether which while who who's whom whose why why's will with won't
would wouldn't yet you you'd you'll you're you've your yours yourself yourselves
said say says saying told tell according also yet still even already s t
"""))

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[a-z]+(?:'[a-z]+)?")

# Irregular forms that the suffix rules below cannot reach, folded onto one stem.
_IRREGULAR = {
    "said": "say", "says": "say", "told": "tell", "won": "win", "ran": "run", "came": "come", "went": "go",
    "gone": "go", "took": "take", "taken": "take", "made": "make", "found": "find", "left": "leave",
    "held": "hold", "began": "begin", "begun": "begin", "became": "become", "brought": "bring", "bought": "buy",
    "thought": "think", "got": "get", "gave": "give", "given": "give", "knew": "know", "known": "know",
    "saw": "see", "seen": "see", "met": "meet", "paid": "pay", "sold": "sell", "sent": "send", "spent": "spend",
    "built": "build", "lost": "lose", "led": "lead", "fell": "fall", "fallen": "fall", "stood": "stand",
    "wrote": "write", "written": "write", "chose": "choose", "chosen": "choose", "men": "man", "women": "woman",
    "children": "child", "people": "person", "died": "die", "dying": "die", "dead": "die", "death": "die",
    "deaths": "die", "killed": "kill", "better": "good", "best": "good", "worse": "bad", "worst": "bad",
    "rose": "rise", "risen": "rise", "grew": "grow", "grown": "grow", "struck": "strike", "shot": "shoot",
    "fought": "fight", "caught": "catch", "taught": "teach", "sought": "seek", "kept": "keep", "felt": "feel",
    "meant": "mean", "heard": "hear", "hid": "hide", "drove": "drive", "driven": "drive", "flew": "fly",
    "flown": "fly", "spoke": "speak", "spoken": "speak", "broke": "break", "broken": "break", "ate": "eat",
}


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A deliberately crude stem: the same word in any inflection gets the same key (not a linguistic root)."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
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


_NUMBER_WORDS = {
    "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
    "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14", "fifteen": "15",
    "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19", "twenty": "20", "thirty": "30",
    "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80", "ninety": "90",
    "bn": "billion", "mn": "million", "mln": "million", "tn": "trillion", "cent": "percent",
}
_COMPOUND = re.compile(r"\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-](one|two|three|four|five|six|"
                       r"seven|eight|nine)\b")


def _compound(match: re.Match) -> str:
    return str(int(_NUMBER_WORDS[match.group(1)]) + (int(_NUMBER_WORDS.get(match.group(2), "0")) or 1))


# One name for each country that sources call several ways: "the United Kingdom", "the UK", "Britain" are one
# word for the lexical checks. Case-sensitive, so the pronoun "us" stays a pronoun.
_COUNTRY_NAMES = [
    (re.compile(r"\b(?:United Kingdom|Great Britain|U\.K\.|UK)(?![\w.])|\bU\.K\.(?=\s|$)"), "Britain"),
    (re.compile(r"\b(?:United States(?: of America)?|U\.S\.A\.?|USA|US)(?![\w.])|\bU\.S\.(?=\W|$)"), "America"),
]


def fold_country_names(text: str) -> str:
    """"the United Kingdom" -> "the Britain", "U.S." -> "America": one key per country for word overlap."""
    for pattern, name in _COUNTRY_NAMES:
        text = pattern.sub(name, text)
    return text


def tokens(text: str) -> list[str]:
    """Lower-cased word and number tokens of already-normalised text; number words become digits; a country's
    several names become one."""
    text = _COMPOUND.sub(_compound, fold_country_names(text).lower().replace("%", " percent "))
    return [_NUMBER_WORDS.get(t, t) for t in _TOKEN.findall(text)]


def content_stems(toks: list[str]) -> list[str]:
    """Stems of the tokens that carry content (no stopwords, no one-letter debris)."""
    return [stem(t) for t in toks if t not in STOPWORDS and (len(t) > 1 or t.isdigit())]


# ---------------------------------------------------------------------------------------------- sentences

_SEGMENTER = None


def split_sentences(text: str) -> list[str]:
    """Sentences of written text, in order, stripped; pysbd does the work."""
    global _SEGMENTER
    text = text.strip()
    if not text:
        return []
    if _SEGMENTER is None:
        import pysbd

        _SEGMENTER = pysbd.Segmenter(language="en", clean=False)
    out: list[str] = []
    for line in re.split(r"\n\s*\n|\n(?=\s*(?:[-*\u2022]|\d+[.)])\s)", text):
        line = " ".join(line.split())
        if line:
            for sentence in _SEGMENTER.segment(line):
                # tokenised text (" . " between sentences) that pysbd leaves joined, e.g. after a ` quote
                out.extend(part.strip() for part in re.split(r"(?<=\s\.)\s+(?=\S)", sentence) if part.strip())
    return out


_ABBREVIATIONS = frozenset(re.findall(r"\S+", """
mr mrs ms dr prof sr jr st mt gen col lt sgt capt cmdr gov sen rep rev hon no vs etc inc ltd co corp dept est
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun fig al approx
"""))
_BOUNDARY = re.compile(r"[.!?]+[\"')\]]*(?=\s)|\n\s*\n|\n")


def source_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of a source passage; cheap, and exact offsets for citations."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if match.group().startswith("."):
            before = re.search(r"([A-Za-z.]+)\.+[\"')\]]*$", text[start:end])
            word = before.group(1).lower() if before else ""
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or re.fullmatch(r"(?:[a-z]\.)+[a-z]?", word):
                continue
            following = text[end:end + 3].lstrip()
            if following[:1].islower() and " . " not in text[start:end + 2]:
                continue  # "e.g. the" or a lower-case continuation; tokenised all-lower text splits on " . "
        _append_span(text, start, end, spans)
        start = end
    _append_span(text, start, len(text), spans)
    return spans


def _append_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


# ---------------------------------------------------------------------------------------------- claim kinds

_OPINION = re.compile(
    r"\b(critics?|opponents?|supporters?|proponents?|skeptics?|sceptics?|some|many|others)\s+(argue|say|believe|contend|"
    r"warn|claim|fear|suggest|insist|maintain)|\b(in (my|our) view|arguably|should|ought to|must be|it is (clear|vital|"
    r"essential|important) that|unfortunately|fortunately|deserves?|(?:well )?worth (?:reading|watching|a look|following|noting|keeping an eye on)|readers (?:can|could|may|might|should|will want to)|whatever (?:your|one's) view)\b",
    re.IGNORECASE)
_OUTLOOK = re.compile(
    r"\b(could|(?-i:may)|might|would|will likely|is likely|are likely|likely to|(is|are) expected|expected to|set to|"
    r"poised to|on track to|in the coming|next( \w+)? (days?|weeks?|months?|years?|decades?)|in the future|"
    r"going forward|remains to be seen|if\b.*\bwill|unlikely|(?:seems?|appears?) likely|(?:will|may|could|might) "
    r"(?:well )?depend on|(?:much|a lot|everything|it all|a great deal) (?:now )?depends on)\b",
    re.IGNORECASE)
_ANALYSIS = re.compile(
    r"\b(suggests?|indicates?|signals?|reflects?|means|underscores?|highlights?|illustrates?|implies|implying|"
    r"because|as a result|therefore|which means|this is|points to|raises questions|a sign)\b", re.IGNORECASE)
# Evaluation that a source cannot state for the writer: a judgement of weight, risk or merit.
_JUDGEMENT = re.compile(
    r"\b(important|significant(ly)?|crucial|critical|key|major|notable|serious|risky|costly|controversial|"
    r"ambitious|welcome|worrying|troubling|encouraging|promising|remarkable|striking|modest|high|low|"
    r"risks?|benefits?|advantages?|drawbacks?|downsides?|upsides?|concerns?|challenges?|stakes|trade-?offs?|"
    r"milestone|test|questions?|debate|tension|uncertain(ty)?|unclear|matters?|depends? on|help(s|ed)?|hurt(s)?)\b",
    re.IGNORECASE)
# Verbs that open advice to the reader (a call to action): "Follow the agency's updates."
ADVICE_VERBS = frozenset("""
follow watch read check look keep consider ask compare subscribe visit track stay be judge remember treat question
seek verify share support contact join learn sign monitor listen expect beware note see
""".split())
_ADVICE = re.compile(r"^\W*(" + "|".join(sorted(ADVICE_VERBS)) + r")\b", re.IGNORECASE)
_ATTRIBUTED = re.compile(r"\b(said|says|told|according to|announced|reported|stated|confirmed)\b", re.IGNORECASE)


# A forecast that only schedules ("is set to", "is expected to", "will") a dated event states a fact about the plan.
_SCHEDULED = re.compile(r"\b(?:(?:is|are|was|were) (?:expected|set|scheduled|due|slated|poised) to|(?:expected|set|"
                        r"scheduled|due) to|will)\b", re.IGNORECASE)
_DATED = re.compile(r"\b(?:(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}\b|\d{1,2}(?:st|nd|"
                    r"rd|th)? (?:of )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|(?:on|next|this) "
                    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b", re.IGNORECASE)
_SPECULATIVE = re.compile(r"\b(?:could|might|(?-i:may)|would|likely|possibly|perhaps|probably|if|whether)\b",
                          re.IGNORECASE)


def claim_kind(sentence: str, section_kind: str) -> str:
    """What a sentence claims: ``fact``, ``analysis``, ``outlook`` or ``opinion``.

    The sentence's own words decide: hedged futures ("could", "is expected to") are outlook, attributed or
    normative stances ("critics argue", "should") and advice to the reader ("Follow ...") are opinion, inference
    and judgement words ("suggests", "because", "a key test") are analysis unless the sentence reports who drew
    the inference ("the minister said this means ...", a reported fact). The section says which of these a
    sentence may be: in a fact or summary section everything else is fact; in a reasoning section a sentence
    that neither hedges, judges nor advises states a fact ("The telescope will be the first to see infrared
    light") and is checked as one, so reasoning cannot carry a new fact past the check.
    """
    base = section_kind if section_kind in CLAIM_KINDS else "fact"
    if _OPINION.search(sentence) or (base == "opinion" and _ADVICE.match(sentence)):
        return "opinion"
    if _OUTLOOK.search(sentence):
        if _SCHEDULED.search(sentence) and _DATED.search(sentence) and not _SPECULATIVE.search(sentence):
            return "fact"  # "X is expected to attend on Feb 18": a scheduled, dated event is a fact to check
        return "outlook" if base in ("fact", "analysis", "outlook") else base
    if _ANALYSIS.search(sentence) and not _ATTRIBUTED.search(sentence):
        return "analysis" if base == "fact" else base
    if base in ("analysis", "opinion") and _JUDGEMENT.search(sentence):
        return base
    return "fact"


# Words that make a claim a hedge, a forecast or an inference. Taking them out leaves the facts the sentence
# carries, which must pass as facts do: "Netanyahu is expected to attend on Feb 18" -> "Netanyahu attend on Feb 18".
_HEDGES = re.compile(
    r"\b(?:(?:is|are|was|were|be) (?:widely |also )?(?:expected|likely|set|poised|due|scheduled) to|(?:expected|likely|"
    r"set|poised) to|will likely|could well|could|(?-i:may)|might|would|will|possibly|perhaps|probably|likely|"
    r"potentially|apparently|appears? to|seems? to|(?:this|which|that|it) (?:suggests?|signals?|indicates?|means?|"
    r"implies|shows?) (?:that )?|suggests? that|signals? that|indicates? that)\b\s*", re.IGNORECASE)


def strip_hedges(sentence: str) -> str:
    """The sentence without its hedges and inference frames; unchanged when it has none."""
    stripped = " ".join(_HEDGES.sub(" ", sentence).split())
    return stripped if stripped != " ".join(sentence.split()) else sentence
