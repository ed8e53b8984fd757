"""A headline read as a sentence: its main clause, without the site's name, the kicker, the label of the piece or
the source of its claim, in sentence case (a Title Case headline keeps a capital only where a name has one).

``title.question_title`` asks the clause as a question; this module only reads it.
"""

from __future__ import annotations

import calendar
import re
from typing import TYPE_CHECKING

from ..language import UNVOUCHED_VERBS, forms, in_lexicon, nlp
from ..sentences import split_sentences
from .asking import ATTRIBUTION_VERBS
from .casing import MID_SENTENCE_CAPITAL, lower_words

if TYPE_CHECKING:  # spaCy's own types; the parse itself comes from language.nlp()
    from spacy.tokens import Span, Token

__all__ = [
    "bare_headline",
    "countable",
    "definite_modifier",
    "headline_clause",
    "headline_parts",
    "kicker",
    "read_headline",
    "sentence_case",
    "with_articles",
]

_SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{1,60}$")
_WH_START = re.compile(r"(?:what|why|how|who|when|where|which)\b", re.I)
_KICKER = re.compile(r"(?i)here'?s\b|what we know|analysis\b|opinion\b|live\b")


def bare_headline(headline: str) -> str:
    """The headline on one line, without a site name after it (``_site_suffix``)."""
    text = " ".join(headline.split())
    return text[: match.start()] if (match := _site_suffix(text)) else text


def _site_suffix(text: str) -> re.Match[str] | None:
    """The site's name after a bar or a spaced dash ("... | Reuters", "... - The Daily Post"), where it is one: a
    name, every word capitalised (joined perhaps by "of", "the", "and", "&") or a domain ("example.com"). What
    follows a dash in lower case is the headline's own content, not its publisher: the source of its claim ("...
    allegation - lawyers"), its balancing clause ("... - but challenges remain"), or its question ("... - can
    this help?"). A title that drops it drops part of the news (smoke44 #10)."""
    match = _SITE_SUFFIX.search(text)
    if match is None or match.group(0).lstrip()[0] == "|":
        return match
    words = match.group(0).split()[1:]
    named = all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in _NAME_JOINERS or re.fullmatch(r"[\w-]+(?:\.[a-z]{2,})+", w)
        for w in words
    )
    return match if named else None


_NAME_JOINERS = frozenset({"of", "the", "and", "&", "for", "on", "in"})


def headline_clause(headline: str, body: str = "") -> str:
    """The headline's main statement in sentence case: site names, kickers and quoted questions left out, and
    the words after its last comma where they name the piece or the claim's source (``_unlabelled``)."""
    return read_headline(headline, body)[0]


def read_headline(headline: str, body: str = "") -> tuple[str, bool]:
    """``headline_clause``, and whether the headline gives that statement to someone: after its last comma, to a
    source that only claims, alleges or supposes it ("OpenAI removed safeguards, amended lawsuit claims"), or as
    a quotation ("Jane Doe, writer: ‘Prices will fall’"). The headline then reports the words, it does not state
    them; a quotation is the statement only where the headline has no other."""
    parts = headline_parts(headline)
    statements = [
        _unstopped(p)
        for p, quoted in parts
        if not quoted and not p.endswith("?") and not _WH_START.match(p) and len(p.split()) >= 3
        if not kicker(p)
    ]
    quoted = any(q for _, q in parts)
    if quoted and not any(_has_verb(sentence_case(p, body)) for p in statements):
        statements = []  # "Jung Chang, writer: ‘...’": a speaker's name and role label the quotation, stating nothing
    # with no statement of its own, an unquoted "How an app shaped ..." is the headline's clause before a quotation
    told = [_unstopped(p) for p, q in parts if not q and not p.endswith("?") and _WH_START.match(p)]
    clause = (
        max(statements, key=lambda p: len(p.split()))
        if statements
        else told[0]
        if quoted and told
        else _unstopped(parts[0][0]).rstrip("?")
        if parts
        else " ".join(headline.split())
    )
    unlabelled, attributed = _unlabelled(clause)
    quotation = quoted and not statements and not (quoted and told)
    return sentence_case(unlabelled, body), attributed or quotation


def kicker(part: str) -> bool:
    """Whether a headline's part is a kicker ("Analysis", "Live", "What we know"): what kind of piece it is, not
    what the story is about."""
    return bool(_KICKER.match(part))


def _has_verb(text: str) -> bool:
    return any(t.pos_ in ("VERB", "AUX") for t in nlp()(text))


def headline_parts(headline: str) -> list[tuple[str, bool]]:
    """The headline's parts between colons and sentence ends, without a site name, each with whether it is a
    quotation (its marks taken off): "Carlos Alcaraz: ‘I'm a sensitive person’" is a name and someone's words."""
    text = " ".join(headline.split())
    while (match := _site_suffix(text)) and len(text[: match.start()].split()) >= 3:
        text = text[: match.start()]
    # a break after a word's end ("Meeting. Here's"), never inside an abbreviation ("U.S. released"), nor before a
    # word in lower case, which goes on with the sentence ("Which? says recall overdue": ``sentences.ends._goes_on``)
    pieces = [p.strip() for p in re.split(r"(?<=[a-z0-9)]{2}[.?!])['’\"”]*:?\s+(?=[^\sa-z])|:\s+", text) if p.strip()]
    return [(_unquote(p), p[0] in "'\"‘“" and _unquote(p) != p) for p in pieces]


# "and", "but": not "so" or "yet", which open a headline as adverbs too ("Yet another storm ...", "So much for ...")
_OPENING_CONJUNCTION = re.compile(r"^(?:and|but)\b,?\s+(?=\S)", re.I)


def _unstopped(part: str) -> str:
    """The clause without its closing stop or colon, nor a conjunction that opens it ("And, U.S. and Iran set for
    talks"): a conjunction at the start of a sentence links it to the one before, and is no part of its clause. An
    abbreviation keeps its dot ("... to cover the U.S.")."""
    part = _OPENING_CONJUNCTION.sub("", part.rstrip(":"))
    return part if re.search(r"\b(?:[A-Za-z]\.){2,}$", part) else part.rstrip(".")


def _unquote(part: str) -> str:
    part = part.strip()
    if len(part) > 2 and part[0] in "'\"‘“" and part[-1] in "'\"’”" and part.count(part[0]) + part.count(part[-1]) <= 2:
        return part[1:-1].strip()
    return part


def _unlabelled(clause: str) -> tuple[str, bool]:
    """The clause without what a headline appends after its last comma about the piece rather than the event:
    a lone past participle is the piece's label, what the article does to its subject ("Grok's deepfake crisis,
    explained"), and a noun phrase with a verb of reporting, in either order, names the claim's source ("OpenAI
    removed safeguards, amended lawsuit claims"; "..., warns top researcher"): the source says the event, it is
    not part of it. The verb is read with a pronoun for its subject ("It explained", "They claim"), as the
    substitution test reads a subject, since out of context a tagger reads "claims" and "finds" as plural nouns.
    A free adjunct opened by a present participle goes too (``_participle``). Returns the clause and whether what
    was left out is a source that only claims it (``UNVOUCHED_VERBS``)."""
    found = list(re.finditer(r",(['’\"”]?)\s+", clause))
    if not found:
        return clause, False
    cut = found[-1]
    head, tail = clause[: cut.start()] + cut.group(1), clause[cut.end() :]
    words = tail.split()
    if len(head.split()) >= 3 and words and _participle(words[0]):
        return head, False  # "Greece repays IMF loan, easing default fears": a free adjunct on the event
    if len(head.split()) < 3 or not words or len(words) > 4 or not tail[:1].isalpha():
        return clause, False
    if len(words) == 1:
        labelled = nlp()(f"It was {words[0].lower()}.")
        return (head if labelled[2].tag_ == "VBN" and labelled[2].dep_ == "ROOT" else clause), False
    for verb, source in ((words[-1], words[:-1]), (words[0], words[1:])):
        if (lemma := _reporting_verb(verb)) is not None and _nominal(source):
            return head, lemma in UNVOUCHED_VERBS
    return clause, False


def _participle(word: str) -> bool:
    """Whether ``word`` is a present participle opening a free adjunct after the clause's comma ("..., easing
    default fears", "..., leaving 12 dead"): the adjunct tells a consequence or a circumstance of the event the
    clause before it states, which is what a title asks about; left in, it also misleads the tagger, which read
    "Greece repays IMF loan on time, easing default fears" as a noun phrase ("Why is a Greece repays ...?"). Read
    with a pronoun subject, as the substitution test reads it."""
    if not word.lower().endswith("ing") or not word[:1].islower():
        return False
    read = nlp()(f"They were {word}.")
    return bool(read[2].tag_ == "VBG")


def _reporting_verb(word: str) -> str | None:
    """The lemma of the word if it is a finite verb of reporting ("claims", "warns", "found") after a pronoun
    subject."""
    for pronoun in ("It", "They"):
        said = nlp()(f"{pronoun} {word.lower()}.")[1]
        if said.dep_ == "ROOT" and said.tag_ in ("VBZ", "VBP", "VBD") and said.lemma_ in ATTRIBUTION_VERBS:
            return str(said.lemma_)
    return None


def _nominal(words: list[str]) -> bool:
    """Whether the words are a noun phrase: a noun and no verb after the first word ("amended lawsuit")."""
    phrase = nlp()(" ".join(words))
    return any(t.pos_ in ("NOUN", "PROPN") for t in phrase) and not any(t.pos_ in ("VERB", "AUX") for t in phrase[1:])


# two capitalised words side by side mid-sentence, perhaps joined by "of" or "the" ("Person of the Year"), perhaps
# in quotation marks ("“Moon City”")
_NAMED_PAIR = re.compile(
    r"(?:(?<=[\w,—–] )|(?<=[\w,—–] [“\"‘']))(?=([A-Z][\w’'-]*(?: of| the| and| for){0,2} [A-Z][\w’'-]*))"
)
_DASHES = re.compile(r"([-–—])")
_CALENDAR = {n for n in (*calendar.month_name, *calendar.day_name) if n}
_CLOSED_CLASS = {"IN", "CC", "DT", "PDT", "PRP", "PRP$", "WDT", "WP", "WP$", "WRB", "MD", "TO", "RP", "EX"}
_ENDS_SENTENCE = re.compile(r"[.!?:;,]['\"’”)]*$")


def _title_cased(words: list[str]) -> bool:
    """Most of the longer words capitalised, and none in lower case but a function word ("with", "from"): Title
    Case leaves only its function words in lower case, so they are no evidence either way, and a name capitalised
    in a sentence-case line ("Can India be an alternative to China?") is no Title Case."""
    long_words = [w.strip("'\"‘’“”,.:;?!()") for w in words]
    long_words = [w for w in long_words if w[:1].isalpha() and len(w) > 3] or words
    stop = nlp().Defaults.stop_words
    if any(w[:1].islower() and w.lower() not in stop and not any(c.isupper() for c in w) for w in long_words):
        return False
    return sum(w[:1].isupper() for w in long_words) >= 0.6 * len(long_words)


def _prose(body: str) -> str:
    """The body without its Title Case lines that end no sentence (a subheading, the title of a linked story or of
    an event: "What the New Law Protects"): they capitalise every word, so they are no evidence of a name."""
    return "\n".join(
        line
        for line in body.splitlines()
        if len(line.split()) < 3 or _ENDS_SENTENCE.search(line.strip()) or not _title_cased(line.split())
    )


def _names_in(prose: str, lower: set[str]) -> set[str]:
    """The words the prose writes capitalised mid-sentence more often than in lower case, but not a common word
    the prose capitalises only inside a longer name (``_only_in_names``)."""
    words = {re.sub(r"['’]s$", "", w) for w in MID_SENTENCE_CAPITAL.findall(prose)}  # "Russia's" is "Russia"
    return {w for w in words if (w.isupper() or w.lower() not in lower) and not _only_in_names(w, prose)}


_NAME_LINK = re.compile(r"(?:of|the|of the)")


def _only_in_names(word: str, prose: str) -> bool:
    """Whether an English word is capitalised in the prose only as part of a longer name whose other words are
    an English word too ("Party" in "Republican Party", "Minister" in "Prime Minister" and "Minister of State"): a
    name made of common words capitalises each of them, and the capital is the whole name's; the word alone is
    the common noun ("his own party", "an AI minister"). A person's name keeps its capital whatever the story
    writes next to it: its given name is no English word ("Elon Musk"), so such a run is no evidence."""
    if word.isupper() or not in_lexicon(word) or any(e.label_ in _PLACES_AND_PEOPLE for e in nlp()(word).ents):
        return False  # a place or a people is a name by itself ("Bangladesh" in "Bangladesh Nationalist Party")
    seen = False
    for match in re.finditer(rf"(?<![\w’'-]){re.escape(word)}(?![\w-])", prose):
        before = prose[: match.start()].split()[-1:]
        after = prose[match.end() :].split()[:3]
        while after and _NAME_LINK.fullmatch(after[0]):
            after = after[1:]
        partners = [w.strip("“”\"‘’'(),.;:") for w in (*before[-1:], *after[:1])]
        partners = [w for w in partners if w[:1].isupper()]
        if not partners or not any(in_lexicon(re.sub(r"['’]s$", "", w)) for w in partners):
            return False
        seen = True
    return seen


def sentence_case(text: str, body: str) -> str:
    """Title Case Headlines Parse Badly: a capitalised word is lowered unless it is a name.

    The story's prose (``_prose``: not its Title Case subheadings) is the evidence. A name is a word the prose
    writes capitalised mid-sentence on its own more often than in lower case (``_names_in``); a word of a run of
    capitalised words, perhaps joined by "of" or "the", that the prose writes so more often than in lower case (a
    name of several words: "Energy Secretary", "Person of the Year"); a word with a capital inside it ("OpenAI";
    no English word is written so); a word English does not have ("Staniszewski"); or part of a person or place the
    tagger finds in the headline (``_tagged_names``). A word the prose writes in lower case is never kept by the
    tagger alone: in Title Case every word looks like a name to it. Each part of a hyphenated or dashed word is its
    own word ("AI-Powered" -> "AI-powered", "AI—Without" -> "AI—without")."""
    words = text.split()
    if not _title_cased(words):
        return text
    prose = _prose(body)
    # "anti-Muslim": the body's lower-case prefixes are its lower-case words too
    lower_in_body = lower_words(prose) | set(re.findall(r"(?<![\w-])([a-z]+)-(?=\w)", prose))
    # the lower-cased headline's function words ("amid", "him"): a tagger reads them in lower case without fail
    closed = {t.lower_ for t in nlp()(text.lower()) if t.is_stop or t.tag_ in _CLOSED_CLASS}
    written = set(re.findall(r"\b[A-Z][a-z]+\b", prose))  # capitalised anywhere, at a sentence's start too
    named = _names_in(prose, lower_in_body) | _tagged_names(text, lower_in_body)
    unsure = {w for w in re.findall(r"\b[A-Z][a-z]+\b", text) if w in written and w.lower() not in lower_in_body}
    unsure -= named
    named |= _named_in_story(prose, unsure)
    in_runs: set[int] = set()  # indexes of the headline's words inside a run the prose writes capitalised
    for run in {run for run in _NAMED_PAIR.findall(prose) if run in text}:
        if len(re.findall(re.escape(run), prose)) * 2 <= len(re.findall(re.escape(run), prose, re.I)):
            continue  # written in lower case as often: "AI chatbots", "the future of fashion"
        for match in re.finditer(rf"(?<![\w’'-]){re.escape(run)}(?=['’]s\b|[^\w’'-]|$)", text):
            in_runs.update(range(len(text[: match.start()].split()), len(text[: match.end()].split())))
    out = []
    for i, word in enumerate(words):
        core = word.strip("'\"‘’“”,.:;")
        numbered = word.endswith(".") and i + 1 < len(words) and words[i + 1][:1].isdigit()  # "No. 1", "Vol. 2"
        if not i and _DASHES.search(core) and not {core, re.sub(r"['’]s$", "", core)} & named:
            # only the headline's first letter owes its capital to its place: "18-Year-Old" -> "18-year-old"
            first, *rest = _DASHES.split(core)
            parts = [first, *(_lowered(p, named, lower_in_body | closed, written) for p in rest)]
            out.append(word.replace(core, "".join(parts), 1))
            continue
        if not i or numbered or i in in_runs or {core, re.sub(r"['’]s$", "", core)} & named:
            out.append(word)
            continue
        parts = [_lowered(p, named, lower_in_body | closed, written) for p in _DASHES.split(core)]
        out.append(word.replace(core, "".join(parts), 1))
    return " ".join(out)


def _lowered(word: str, named: set[str], lower_in_body: set[str], written: set[str]) -> str:
    """One word (or one part of a hyphenated word) in lower case unless it is a name (``sentence_case``)."""
    if not word[:1].isupper() or any(c.isupper() for c in word[1:]) or re.sub(r"['’]s$", "", word) in named:
        return word
    if any(c.isdigit() for c in word):  # no English word has a digit: "G7", "F1" are codes, written so
        return word
    bare = re.sub(r"['’]s$", "", word)
    if word.lower() not in lower_in_body and bare.isalpha() and not in_lexicon(bare):
        # no English word, and the story never writes it in lower case: a name ("Staniszewski", "Grokipedia"),
        # written capitalised in the story or not there at all (a summary that names no one: "Tarique"); a
        # lower-case form would be a word neither English nor the story has. But a coinage is made of English
        # words ("chatbot", "usership": ``_compounded``), a name is not; and a short piece of a hyphenated word
        # ("Un-" in "Un-Suspended") is a prefix, no word of its own
        if bare in written or (len(bare) > 3 and not _compounded(bare)):
            return word
    return word.lower()


def _compounded(word: str) -> bool:
    """Whether the word is two English words run together ("chatbot", "usership", "deepfakes"), each of three
    letters or more: English coins its new common nouns so, from its own words, and a name is no such pair."""
    lower = word.lower()
    return any(in_lexicon(lower[:i]) and in_lexicon(lower[i:]) for i in range(3, len(lower) - 2))


def _tagged_names(text: str, lower_in_body: set[str]) -> set[str]:
    """The words of people, places and peoples the tagger finds in the headline, where nothing says otherwise: a
    word the prose writes in lower case, in any of its forms, is no name; a name ends at a possessive, a comma or a
    conjunction (the tagger runs "Trump's Bid" or "Darth Vader, Competition and ..." into one), and at a word the
    tagger, reading the headline in lower case, takes for a verb (in Title Case it runs "Trump Exerting Undue
    Pressure" or "Macron Invites" into one name: a name is nouns); a date's only capitalised words are its month
    and day names."""
    kept = set()
    verbs = {t.idx for t in nlp()(text.lower()) if t.pos_ in ("VERB", "AUX")}
    for entity in nlp()(text).ents:
        if entity.label_ not in _PLACES_AND_PEOPLE + ("DATE", "EVENT"):
            continue
        for token in entity:
            if token.tag_ == "POS" or token.lower_ in ("'s", "’s", ",", ";") or token.pos_ == "CCONJ":
                break
            if token.i > entity.start and token.idx in verbs:
                break
            in_lower_case = any(form in lower_in_body for form in forms(token.lower_))  # "summoned" for "Summon"
            if not in_lower_case and (entity.label_ != "DATE" or token.text in _CALENDAR):
                kept.add(token.text)
    return kept


def _named_in_story(prose: str, words: set[str]) -> set[str]:
    """Those of the words that the tagger reads as part of a name in the story's own sentences, where case is
    evidence (a first name the story writes only to open a sentence: "Ana Ruiz opened ...")."""
    if not words:
        return set()
    pattern = re.compile(rf"\b(?:{'|'.join(map(re.escape, sorted(words)))})\b")
    sentences = [sentence for sentence in split_sentences(prose) if pattern.search(sentence)][:6]
    return {
        token.text
        for sentence in sentences
        for entity in nlp()(sentence).ents
        if entity.label_ in _PLACES_AND_PEOPLE
        for token in entity
        if token.text in words
    }


_PLACES_AND_PEOPLE = ("PERSON", "GPE", "LOC", "NORP")  # an organisation's name is made of common words too


_ARGUMENTS = ("nsubj", "nsubjpass", "dobj")
_DETERMINING = ("det", "poss", "nummod", "predet", "case")
_FINITE = ("VBD", "VBZ", "VBP", "MD")


def with_articles(question: str, body: str) -> str:
    """The question asked of a headline with the articles headline style leaves out ("Why did Anthropic study
    find ...?" -> "Why did an Anthropic study find ...?"): read in the question, whose parse is surer than the
    headline's. English gives a singular count noun a determiner: a subject or object headed by one with none (no
    article, possessor or number) takes "a"/"an", the headline introducing it, or "the" where the story writes the
    same words after "the" ("the U.S.", "the E.U.", a name the story gives "the" to takes it as an object of a
    preposition too). A noun is countable where the story writes it after "a"/"an" or in the plural; a mass noun
    ("growth", "power") takes none. A bare noun with no modifier of its own takes only a subject's "the" ("the
    mayor"): after a verb it is often an idiom with it ("take place", "make sense"), and after a preposition more
    so ("on trial"). An ordinal or a superlative singles out one member of a set, so a phrase it opens is definite
    and takes "the" whatever the story writes ("the first day of the talks", "the largest dam")."""
    doc = nlp()(question)
    articles: dict[int, str] = {}  # the index of a phrase's first word -> the article it takes
    for head in doc:
        if _determined(head):
            continue
        start = head.left_edge.i
        if start and doc[start - 1].lower_ in (
            "'s",
            "’s",
            "'",
            "’",
        ):  # a possessor's noun: "Week's most important model"
            continue
        if any(t.tag_ == "POS" or t.lower_ in ("'s", "’s") or t.is_punct for t in doc[start : head.i + 1]):
            continue
        words = doc[start : head.i + 1].text
        if head.tag_ in ("NN", "NNS") and head.dep_ in _ARGUMENTS and start < head.i and definite_modifier(doc[start]):
            articles[start] = "the"
        elif head.tag_ in ("NNP", "NNPS") and head.dep_ in (*_ARGUMENTS, "pobj", "attr"):
            if _story_says_the(words, body) or _modified_name_takes_the(doc[start : head.i + 1], body):
                articles[start] = "the"
        elif head.tag_ == "NN" and head.dep_ in _ARGUMENTS and head.text.islower():
            # a capitalised noun is part of a name ("Manchester City"); a person's name takes no "a"
            phrase = doc[start : head.i + 1]
            if (start < head.i or head.dep_ != "dobj") and _story_says_the(words, body):
                articles[start] = "the"
            elif start == head.i:
                continue
            elif countable(head.lower_, body) and not any(t.tag_ in _FINITE or t.ent_type_ == "PERSON" for t in phrase):
                articles[start] = _indefinite(doc[start].text)
    lowered = lower_words(body) if any(a != "the" for a in articles.values()) else set()
    return "".join(f"{articles[t.i]} {_after_article(t, lowered)}" if t.i in articles else t.text_with_ws for t in doc)


_ORDINAL = re.compile(r"first|second|third|\w+th")  # "fourth" ... "hundredth"; the tagger gives them JJ


def definite_modifier(token: Token) -> bool:
    """An ordinal or superlative adjective, which makes the phrase it opens definite."""
    return token.tag_ in ("JJS", "RBS") or (token.tag_ == "JJ" and bool(_ORDINAL.fullmatch(token.lower_)))


def _unarticled(token: Token) -> bool:
    """A word that keeps its phrase from taking "a": a finite verb (a misread phrase) or a person's name."""
    return token.tag_ in _FINITE or token.ent_type_ == "PERSON"


def _after_article(token: Token, lowered: set[str]) -> str:
    """The word after a new "a"/"an", with its whitespace; it loses the capital it had only as the headline's
    first word ("Giant robot tribute ..." -> "a giant robot tribute") where the story writes it in lower case."""
    if token.is_title and token.lower_ in lowered and not token.ent_type_:
        return token.lower_ + token.whitespace_
    return token.text_with_ws


def _modified_name_takes_the(phrase: Span, body: str) -> bool:
    """Whether a name that a lower-case modifier opens ("major International AI Safety Report") takes "the":
    headline style drops the article before the modifier, and the name's own article goes before the whole
    phrase ("the major International AI Safety Report"), since a modifier that describes a definite name leaves
    it definite. The name is the phrase's capitalised words up to its head; it takes "the" where the story's own
    sentences (parsed, as many as hold it) give it "the" as its determiner more often than not, whatever stands
    between them ("the second International AI Safety Report")."""
    first = next((t for t in phrase if t.text[:1].isupper()), None)
    if first is None or first.i == phrase.start or not phrase[0].text.islower() or phrase[0].pos_ != "ADJ":
        return False
    name = phrase.doc[first.i : phrase.end].text
    if any(not t.text[:1].isupper() for t in phrase.doc[first.i : phrase.end]):
        return False
    held = [s for s in split_sentences(body) if name in s][:6]
    with_the = 0
    for sentence in held:
        doc = nlp()(sentence)
        at = sentence.find(name)
        head = next(
            (t for t in doc if at <= t.idx < at + len(name) and t.head.idx not in range(at, at + len(name))), None
        )
        if head is not None and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            with_the += 1
    return bool(held) and with_the * 2 > len(held)


def _story_says_the(words: str, body: str) -> bool:
    """Whether the story writes these words, as a whole name (not the start of a longer one: "the Warner Bros
    board"), after "the" more often than not; a name between them keeps the phrase definite ("the Riverton
    council": the council, Smoke test 39a #9)."""
    found = re.findall(
        rf"(\b\w+[’']?\w*\s+)?(?:[A-Z][\w’'-]*\s+){{0,2}}(?<![\w-]){re.escape(words)}(?![\w-]|\s+[A-Z])", body
    )
    the = sum(1 for before in found if before.strip().lower() == "the")
    return the > 0 and the * 2 > len(found)


def countable(noun: str, body: str) -> bool:
    """Whether the story counts the noun: writes it after "a"/"an", or in the plural. A mass noun ("growth",
    "research") takes no article; where the story gives no evidence either way the noun is left as it is."""
    return bool(
        re.search(rf"(?i)\b(?:a|an)\s+(?:[\w’'-]+\s+){{0,3}}{re.escape(noun)}\b", body)
        or re.search(rf"(?i)\b{re.escape(noun)}(?:s|es)\b|\b{re.escape(noun[:-1])}ies\b", body)
    )


def _determined(head: Token) -> bool:
    return any(c.dep_ in _DETERMINING for c in head.children) or head.left_edge.tag_ in ("DT", "PRP$", "CD", "WDT")


def _indefinite(word: str) -> str:
    """ "an" before a vowel sound: a vowel letter ("an Anthropic study", not "a unique", "a one-off"), or an
    abbreviation read letter by letter whose first letter's name starts with a vowel ("an AI model", "an FBI")."""
    if word.isupper() and len(word) > 1:
        return "an" if word[0] in "AEFHILMNORSX" else "a"
    lower = word.lower()
    if lower.startswith(("uni", "use", "usu", "one", "eu")):
        return "a"
    return "an" if lower[:1] in "aeiou" or lower.startswith("hour") else "a"
