"""The ends of sentences that no mark shows, read alike by both splitters: a question or exclamation mark that a
sentence goes on after ("Which? said"), an initialism before a sentence opener, a sentence run into the next with
no full stop (a lower-case word before a capitalised function word, a capitalised word no name holds), and a photo
caption's label run into the story."""

from __future__ import annotations

import re
from collections import Counter

from ..language import (
    BELIEF_VERBS,
    KNOWING_VERBS,
    NUMBER_NOUNS,
    SPEECH_VERBS,
    forms,
    in_lexicon,
    is_adverb,
    is_noun,
    parse,
)
from ..text import STOPWORDS

# A question or exclamation mark (with any closing quotation mark or bracket after it) ending a piece of text,
# written against the word before it: a space before the mark is tokenised text (" ? "), which splits as ever.
_ASKED_OR_EXCLAIMED = re.compile(r"(?<=[^\s?!])[?!]+[\"'”’)\]]*$")
# The first word after a mark, quotation marks and brackets not skipped: they may open a sentence.
_NEXT_WORD = re.compile(r"\s*([^\W\d_][\w'’-]*)")


def _goes_on(following: str) -> bool:
    """Whether the text after a question or exclamation mark goes on with the sentence the mark stands in.

    In English a sentence opens on a capital letter, a digit or an opening quotation mark or bracket; a mark
    followed by a word in lower case is inside its sentence: part of a name ("Consumer group Which? said ...",
    "Yahoo! reported ..."), a quoted question ("he asked 'why?' and left"), an interjection ("oh! and then").
    A word with a capital inside it ("iPhone", "eBay") is a name, which may open a sentence, so it goes on
    with nothing."""
    word = _NEXT_WORD.match(following)
    return word is not None and word.group(1)[0].islower() and word.group(1) == word.group(1).lower()


def _continuations_joined(runs: list[str]) -> list[str]:
    """pysbd's sentences with each one cut after a question or exclamation mark joined again to the lower-case
    words that go on with it (``_goes_on``): pysbd ends "Consumer group Which?" before "said the recall ...",
    which publishes a subjectless fragment and loses the speaker (Smoke test 44 #1)."""
    joined: list[str] = []
    for run in runs:
        if joined and _ASKED_OR_EXCLAIMED.search(joined[-1].rstrip()) and _goes_on(run):
            joined[-1] = f"{joined[-1].rstrip()} {run.lstrip()}"
        else:
            joined.append(run)
    return joined


# An initialism ("U.S.", "D.C.") and the space after it, where a sentence may end (``_opens_sentence``).
_INITIALISM = re.compile(r"(?<![\w.])(?:[A-Za-z]\.){2,}\s+")
# A word in lower case, a space, and a capitalised word: where two sentences run together with no full stop.
_RUN_TOGETHER = re.compile(r"(?<![\w'’.-])([a-z][a-z'’]+) (?=[A-Z][a-z']*\s)")


def _unmarked_ends(sentence: str, speakers: frozenset[str] = frozenset(), opens_line: bool = False) -> list[str]:
    """``sentence`` cut where a sentence ends with no mark that pysbd reads: after an initialism before a sentence
    opener (pysbd ends "in the U.S. The next day" but not "in Washington, D.C. He died"), and where a sentence
    runs into the next with no full stop at all (``_runs_together``)."""
    ends = sorted(
        [m.end() for m in _INITIALISM.finditer(sentence) if _opens_sentence(sentence[m.end() : m.end() + 40])]
        + _run_together_ends(sentence, speakers, opens_line)
    )
    cuts, start = [], 0
    for end in ends:
        cuts.append(sentence[start:end].strip())
        start = end
    return [*cuts, sentence[start:]] if cuts else [sentence]


def _run_together_ends(text: str, speakers: frozenset[str] = frozenset(), opens_line: bool = False) -> list[int]:
    """Offsets in ``text`` where one sentence runs into the next with no full stop: a content word in lower case,
    then a sentence opener (``_opens_sentence``: "He was", "The family have"). News pages set photo captions
    without a full stop in their own element, and copy that flattens the page runs each caption into the story's
    next sentence ("... after its collapse He was one of Saddam's most trusted henchmen", Smoke test 40b #7).
    A sentence does not end on a function word ("the", "of", "his"), so none before one is a break, nor is a
    capitalised word followed by another (a name or a title: "the film The Theory of Everything")."""
    return sorted(
        [
            m.end(1) + 1
            for m in _RUN_TOGETHER.finditer(text)
            if m.group(1).rstrip("'’") not in STOPWORDS
            and m.group(1) not in _CONTINUING_WORDS
            and _opens_sentence(text[m.end() : m.end() + 40], declarative=True)
        ]
        + _nameless_capital_ends(text)
        + _caption_label_ends(text, speakers, opens_line)
        + _new_subject_ends(text)
    )


# A word or number, a space, capitalised words and a word in lower case: a name that may be a new subject, before
# its verb. Only text with one is parsed (``_new_subject_ends``).
_NAME_BEFORE_LOWER = re.compile(r"[\w)’'] (?:[A-Z][\w'’-]* )+[a-z]")
# A clause's own verbs (``_FINITE_TAGS``) and what opens a clause that depends on another: a subordinating
# conjunction ("as", "when", "because") or a relative or interrogative word.
_DEPENDENT_OPENERS = frozenset({"WDT", "WP", "WP$", "WRB"})
# The verbs that take a clause as their object with "that" left out ("said Tuesday Smith was ..."): a name and a
# verb after one are its object, not a new sentence.
_CLAUSE_TAKING_VERBS = frozenset(
    form for verb in frozenset(SPEECH_VERBS) | BELIEF_VERBS | KNOWING_VERBS for form in forms(verb)
)
# The Penn tags of the words before a name that end a sentence there: a name, a number, an adverb, a pronoun, a
# particle. Not a determiner, a preposition, a conjunction or an adjective, which go on into the noun after them,
# nor a common noun: one right before a name is as often the name's title ("security expert Manny Gomez told",
# "midfielder Vitolo became") or the noun that a relative clause with its "that" left out describes ("the biggest
# pot Monbeg Dude has collected"), which a verb after the name does not tell apart from a new sentence.
_ENDING_TAGS = frozenset({"NNP", "NNPS", "CD", "RB", "RBR", "RP", "PRP"})
_NOMINAL = frozenset({"PROPN", "NOUN"})
# A quotation closed after a comma or a mark: what follows it names its speaker, in the same sentence.
_QUOTATION_CLOSED = re.compile(r"[,!?][\"'”’]")
# How a parse hangs a clause on a word before it: a relative clause with its "that" left out ("the cap Lane
# wore", whose verb lacks the object the noun before is), an object clause, a clause on a noun.
_EMBEDDED = frozenset({"relcl", "ccomp", "acl"})
MAX_RUN_ON_PARSED = 2_000  # a longer run of text is cut by the cheaper rules alone


def _new_subject_ends(text: str) -> list[int]:
    """Offsets where a clause with its own subject and tensed verb runs on after a complete clause with no stop,
    comma or conjunction between: two sentences whose stop was lost (DailyMail captions, set without a full stop
    and present-tense descriptions of the pictured scene, run into each other and into the story when the page
    is flattened: "... beaten 2-1 at Wembley Frank Lampard finds the target ... in 2010 Villa are three points
    above the drop zone").

    English joins two finite clauses with punctuation, a conjunction, or a subordinating or relative word; with
    none, the second is a new sentence. The cut falls before a name (capitalised words) that is the subject of a
    tensed verb in lower case right after it, where: the word before the name is one a sentence ends on and no
    title of the name (a name, a number, an adverb: ``_ENDING_TAGS``; not "the", "at", "his first", "expert");
    the text before, since the last cut, holds a main clause (more tensed verbs than subordinating words opening
    clauses that hang on one) and no quotation closed before a speaker; no verb in it takes a clause with "that"
    left out ("said on Tuesday Smith was ..." is one sentence); the parse does not hang the verb on a word before
    as a relative or object clause ("the cap Lane wore": a relative clause without its "that", whose verb lacks
    the object the noun before it is); and no word before modifies the name (its title: "security expert Manny
    Gomez told"). Where capitalised words run together ("at Wembley Frank Lampard finds"), the name is the entity
    the tagger reads as ending before the verb, and only one that starts after the word before (not inside one
    name: "New York Times reports")."""
    if len(text) > MAX_RUN_ON_PARSED or not _NAME_BEFORE_LOWER.search(text):
        return []
    doc = parse(text, entities=True)
    entity_start = {ent.end: ent.start for ent in doc.ents}
    inside = {i for ent in doc.ents for i in range(ent.start + 1, ent.end)}
    ends: list[int] = []
    clause_start = 0
    for verb in doc:
        if verb.tag_ not in _FINITE_TAGS or not verb.text.islower() or verb.i < 2:
            continue
        start = verb.i
        while start > clause_start and doc[start - 1].text[:1].isupper() and doc[start - 1].pos_ in _NOMINAL:
            start -= 1
        if start == verb.i:
            continue
        # the name's start: the entity that ends at the verb, or what follows the last entity ending before it
        bounds = [start, *(end for end in entity_start if start < end < verb.i)]
        subject = max([*bounds, entity_start.get(verb.i, start)])
        if subject in inside or subject <= clause_start + 2:
            continue
        if verb.dep_ in _EMBEDDED and verb.head.i < subject:
            continue  # read as a clause on a word before: "the cap Lane wore", "hopes jockey McCoy rides"
        name = range(subject, verb.i)
        before = doc[clause_start:subject]
        if any(t.head.i in name for t in before if t.dep_ not in ("punct", "nummod")):
            continue  # the word before is the name's own title or modifier: "security expert Manny Gomez told"
        if _QUOTATION_CLOSED.search(before.text):
            continue  # "'We are ready,' forward Pedro told reporters": a quotation, then who said it
        if (
            before[-1].tag_ not in _ENDING_TAGS
            or before[-1].lower_ in STOPWORDS | _CONTINUING_WORDS
            or any(t.lower_ in _CLAUSE_TAKING_VERBS for t in before)
        ):
            continue
        finite = sum(t.tag_ in _FINITE_TAGS for t in before)
        dependent = sum(t.tag_ in _DEPENDENT_OPENERS or t.dep_ == "mark" for t in before)
        if finite > dependent:
            ends.append(doc[subject].idx)
            clause_start = subject
    return ends


# A word, a space, a capitalised word and a word in lower case after it: where a capital may open a sentence.
_CAPITAL_BEFORE_LOWER = re.compile(r"(?<![\w'’.-])([A-Za-z][\w'’-]*) ([A-Z][a-z]+) (?=([a-z][\w'’-]*))")


def _nameless_capital_ends(text: str) -> list[int]:
    """Offsets where a sentence starts on a capitalised content word with its stop lost (Smoke test 40b #7: "...
    at the Court of Appeal Millions of motorists face ...", a photo caption run into the story).

    English writes a word mid-sentence with a capital only in a name or a title, and some words are never part of
    a name: an adverb in -ly ("Heavily armed teams", "Officially named ...") and a noun of number opening a
    quantity ("Millions of motorists"). Such a word, capitalised right after a word with no stop between and
    followed by a word in lower case, opens a sentence. A title can hold adverbs ("OAPs Behaving Badly is on"),
    so an adverb after a capitalised word is not read as a start; nor is anything after a word a sentence does
    not end on ("the", "of": ``_CONTINUING_WORDS``)."""
    ends = []
    for match in _CAPITAL_BEFORE_LOWER.finditer(text):
        before, word, after = match.group(1), match.group(2).lower(), match.group(3)
        if before.lower() in _CONTINUING_WORDS or before.lower() in STOPWORDS:
            continue
        quantity = word in NUMBER_NOUNS and after == "of"  # "Millions of motorists"
        if quantity or (word.endswith("ly") and before[0].islower() and is_adverb(word)):
            ends.append(match.end(1) + 1)
    return ends


# A capitalised word, at most four words in lower case, a colon, and a capital after it: a caption's label
# ("Parking trap: Many motorists ...") where its words are a phrase with no verb of their own (``_caption_label``).
_LABEL = re.compile(r"(?<![\w'’-])([A-Z][\w'’-]*(?: [a-z][\w'’-]*){0,4}):\s+(?=[A-Z][\w'’-]*[\s,])")
_ANY_LABEL = re.compile(r"(?<![\w'’-])([A-Z][\w'’-]*(?: [a-z][\w'’-]*){0,4}):\s")
# The Penn tags of a verb with a tense (or a modal): a clause's own verb, which a caption's label lacks.
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# The first and second person: who speaks and to whom, in a transcript's turn or a letter; never in a caption.
_SPEAKING_PERSONS = frozenset("i me my mine we us our ours you your yours i'm i've i'll i'd we're we've we'll".split())
_SENTENCE_END = re.compile(r"(?:[.!?\u2026][\"'”’)\]]*|^)$")


def _recurring_labels(text: str) -> frozenset[str]:
    """The labels before a colon that ``text`` uses more than once ("Client:", "Marketing:", "Harry:"): a
    transcript names its speakers, and a form its fields, on every turn or line, while a caption's label is its
    own. What follows a recurring label is a speaker's words or a field's value, never a caption's."""
    seen = Counter(match.group(1) for match in _ANY_LABEL.finditer(text))
    return frozenset(label for label, times in seen.items() if times > 1)


def _caption_label_ends(text: str, speakers: frozenset[str] = frozenset(), opens_line: bool = False) -> list[int]:
    """Offsets around a photo caption's label that a page runs into the story ("... to the Supreme Court Parking
    trap: Many motorists face ...", "Scroll down for video Critical: A guard at ..."): before the label and after
    its colon, so that the label stands alone (it stops on a colon: never drafted, ``standalone.unfinished``) and
    neither the sentence before nor the caption's own sentence carries it.

    A colon ends a caption's label when the label is a phrase with no verb of its own ("Parking trap", "Happy
    couple", "Charged", "Obsessed with her style") and what follows is a whole clause, with a tensed verb, opening
    on a capitalised word and not on a quotation mark. A clause before a colon that has a verb introduces what
    follows ("He said: 'We ...'", "Who was worse: ..."), and a name before it is a speaker's tag in a transcript
    ("Joy Smith: He's turning blue") or a title ("Going Clear: Scientology and ..."); a lower-case word after it
    goes on with the sentence ("Update: the council voted"). A caption tells what its picture shows, so a clause in
    the first or second person, or an answer, is a speaker's turn, and a label the text uses again names a speaker
    or a field (``_recurring_labels``), as does one that opens a line: a transcript or a form sets one turn or field
    on each line, while a caption run into a page's text stands after the words before it. The label's first word is
    capitalised and the rest are in lower case, as captions set them; run in after a word with no stop, that word
    must be one a sentence ends on (not "the", "of": ``_CONTINUING_WORDS``), and a label that is one capitalised
    word after another is part of a name ("Don McLean:"), not a start, nor is one that a determiner's phrase before
    it still needs as its noun ("With the new Avengers: Age of Ultron ...")."""
    ends: list[int] = []
    for match in _LABEL.finditer(text):
        label = match.group(1)
        if label in speakers or (opens_line and not text[: match.start()].strip()):
            continue  # a transcript's speaker or a form's field: named again, or set at a line's start
        before = text[: match.start()].rstrip()
        if before and not _SENTENCE_END.search(before):  # run in after a word
            words = re.search(r"(?:([\w'’-]+) )?([\w'’-]+)$", before)
            if words is None or words.group(2).lower() in _CONTINUING_WORDS | STOPWORDS:
                continue  # a bracket, a quotation or a comma before it: inside a sentence
            word, opener = words.group(2), (words.group(1) or "").lower()
            if word[0].isupper() and " " not in label:
                continue  # capitalised words in a row: one name or title
            if opener in _CONTINUING_WORDS and word[0].islower() and not _noun_form(word):
                continue  # "the new Avengers:": a determiner's phrase ends on its noun, and the label holds it
        if _caption_label(label, text[match.end() : match.end() + 160]):
            ends += [match.start(), match.end()] if before else [match.end()]
    return ends


def _noun_form(word: str) -> bool:
    word = word.lower()
    return any(is_noun(word[: len(word) - len(end)]) for end in ("", "s", "es") if word.endswith(end))


def _caption_label(label: str, following: str) -> bool:
    """A phrase of common words with no tensed verb, before a declarative clause that has one
    (``_caption_label_ends``)."""
    first = label.split()[0].lower()
    if first not in STOPWORDS and not all(in_lexicon(part) for part in first.split("-") if part):
        return False  # a capitalised word English lacks is a name (the label's other words are in lower case)
    doc = parse(f"{label}: {following}")
    colon = next((t.i for t in doc if t.text == ":"), None)
    if colon is None or any(t.tag_ in _FINITE_TAGS for t in doc[:colon]):
        return False
    clause = next((s for s in doc.sents if s.end > colon + 1), None)
    words = [t for t in doc[colon + 1 : clause.end if clause is not None else len(doc)]]
    if not words or words[0].tag_ in {"WDT", "WP", "WRB", "UH"} or words[0].lower_ in _AUXILIARIES:
        return False  # a question or an answer follows: a turn of speech
    if any(t.lower_ in _SPEAKING_PERSONS for t in words):
        return False  # a speaker's turn ("Client: I am interested ..."): a caption tells what its picture shows
    return any(t.tag_ in _FINITE_TAGS for t in words)


# Words a sentence does not end on: hard-wrapped prose cut after one goes on ("the", "of", "Mr" before a name).
_CONTINUING_WORDS = frozenset(
    re.findall(
        r"\S+",
        """
a an the of to in on at by for with from into onto upon about over under after before between than as and or but
nor that which who whom whose whether if because while since until per via its their his her our your my this these
those such both either neither each every no not very more most
""",
    )
)

# Function words that open a question, not a statement, or stand for a name as often ("Will", "May"): a glued
# sentence is read only from the words that open statements (``_run_together_ends``).
_AUXILIARIES = frozenset(
    re.findall(
        r"\S+",
        """
am is are was were be been being have has had having do does did doing can could will would shall should must
ought said say says saying told tell according let's
""",
    )
)


def _opens_sentence(following: str, declarative: bool = False) -> bool:
    """Whether the words after an initialism ("U.S.", "D.C.") open a new sentence: the next word is a function word
    (``STOPWORDS``: "The", "He", "In", "But") written with a capital. English capitalises a function word only at a
    sentence's start or in a name or title, while the words that go on with an initialism into a name ("U.S.
    Consulate", "U.S. Chamber of Commerce") are content words; so "in the U.S. The next day ..." ends there, and
    "outside the U.S. Consulate complex" does not. In a name or title the function word is followed by another
    capitalised word (J.P. "The Big Bopper" Richardson), in a sentence by a word in lower case or a number; and
    it stands as a word of its own ("a U.S. A-18F jet" has a letter of a type designation, not the article).

    ``declarative``: only the words that open a statement count, and no quotation mark before them, where nothing
    else marks the end (a question opens with an auxiliary, and a name can be one: "his son Will was"; a
    quotation inside a sentence opens with a capital: "he said 'We will win'"). Not "I" nor "A", which English
    writes with a capital in the middle of sentences too ("the friends I've made", "grade A")."""
    if declarative:
        word = re.match(r"([A-Z][a-z']+)\s+(?![A-Z])\w", following)
        return (
            word is not None
            and not word.group(1).startswith(("I'", "A'"))
            and word.group(1).lower() in STOPWORDS - _AUXILIARIES
        )
    word = re.match(r"\s*[\"'“‘(]?([A-Z][a-z']*)\s+[\"'“‘(]?(?![A-Z])\w", following)
    return word is not None and word.group(1).lower() in STOPWORDS
