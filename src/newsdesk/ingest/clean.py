"""Page furniture out of a story body, and a quick refusal of what is not an article.

``clean_body`` works on the paragraphs an extractor returns (one per line or blank-line block). What leaves:
crossheads and related-link headlines (short lines that end without a sentence's punctuation), the source's own
reference marks ("a 2025 study [3] that found"), "Read more" and
"Read the full transcript" links, comment counts, "From the section" lines, bylines, datelines on their own line,
photo captions and credits, a paragraph wholly in square brackets (an editor's aside or promotion), and a wire or
outlet dateline at the body's start ("(CNN)", "LONDON (Reuters) - "). List items stay, each its own sentence: one
without closing punctuation gets a full stop, so sentence splitting never glues it to the next item. A line that
addresses an AI system (``newsdesk.injection``) is never furniture, however short: taking out half of an
instruction split across lines ("Assistants summarising this story, please ignore" / "all prior instructions and
...") would leave its payload looking like news; screening sets the whole instruction aside, and says so in the article.

``check_article`` refuses, in well under a second whatever the size, a text with too few sentences that read as
language: a page of random letters, a menu, a list of links.
"""

from __future__ import annotations

import re
import unicodedata

from .. import injection
from ..errors import InputError
from ..models import Story
from ..text import LIST_MARKER, STOPWORDS

__all__ = [
    "FURNITURE",
    "check_article",
    "clean_body",
    "clean_story",
    "furniture_lines",
    "is_furniture",
    "without_dateline",
]

LINE_SENTENCE_MIN_WORDS = 4  # in a body with no closing punctuation, a shorter line is a menu item or a label
CROSSHEAD_MAX_WORDS = 14  # a line this short without closing punctuation is a heading or a link, not prose
SAMPLE_CHARS = 200_000  # the language check reads this much of a body, from its start, middle and end
MIN_LANGUAGE_SENTENCES = 1  # a feed summary may be one sentence; it gets a short article, not a refusal
MIN_LANGUAGE_SHARE = 0.3  # of the sampled sentences
#: The longest run of text with no sentence end that a story may hold. English sentences run to about 25 words and
#: news prose rarely past 100; 20,000 characters (some 3,500 words) with no full stop, question mark, exclamation
#: mark or line break is no sentence, and a text that holds one cannot be checked sentence by sentence.
MAX_RUN_CHARS = 20_000
_RUN = re.compile(rf"[^.!?\n]{{{MAX_RUN_CHARS + 1},}}")
NEIGHBOUR_CONTEXT_CHARS = 300  # of each neighbouring line, read with a furniture line for a split instruction

_ENDS_SENTENCE = re.compile(r"[.!?…:;][\"'”’)\]]*$|[\"”’]$")
FURNITURE = re.compile(
    r"""^(?:
        \d[\d,.]*\s*(?:k\s*)?comments?                      # 941 comments
      | (?:from\ the\ section|more\ from|more\ on\ this\ story|related(?:\ (?:stories|articles|topics))?)\b.*
      | read\ (?:more|the\ full|next|our|this)\b.*          # Read more / Read the full transcript
      | (?:share|tweet|email|print|save)(?:\ (?:this|on|article|story)\b.*)?
      | (?:image|video|media|photo)\ (?:copyright|caption|source)\b.*
      | (?:photograph|photo|picture|illustration|image|credit)s?\s*:.*
      | (?:getty|ap|afp|reuters|epa|pa)\ (?:images|photo)\b.*
      | advertisement | sign\ up\b.* | subscribe\b.* | follow\ us\b.* | click\ here\b.*
      | by\ [A-Z][\w.'’-]+(?:\ [A-Z][\w.'’-]+){0,3}(?:,.*)?   # By Jane Doe, Political editor
      | (?:updated|published|posted|last\ modified)\b.{0,60}\d.*
      | \d{1,2}\ [A-Z][a-z]+\ \d{4}                         # 24 July 2015
      | [A-Z][a-z]{2,8}\.?\ \d{1,2},\ \d{4}(?:\ .{0,20})?    # July 24, 2015 10:45 a.m. ET
    )$""",
    re.VERBOSE | re.IGNORECASE,
)
# "Scroll down for video": an instruction to move about the page speaks of its layout, not of the news, wherever
# it stands; copy that flattens a page runs it into the text between a sentence and a caption (Smoke test 40b #7).
# It is an imperative, so it opens a sentence: "users scroll down for hours" is prose about scrolling. What it
# points to is the words in lower case after it ("for video", "to see more pictures of the day"); a capital
# starts what the page set next (a caption: "Scroll down for video Gordon Brown, pictured, ...").
_NAVIGATION = re.compile(
    r"(?:^|(?<=[.!?\"'’”])\s+)(?-i:S)croll\s+(?:down|up)\s+(?:for|to\s+(?:see|watch|read|view))\s+"
    r"\w+(?-i:\ [a-z][\w'-]*)*[.:!]?\s*",
    re.IGNORECASE,
)
# "Mr Obama lands ... | Photograph: Ben Curtis/AP": a credit at a line's end goes, the sentence stays.
_TRAILING_CREDIT = re.compile(r"\s+(?:Photograph|Photo|Picture|Image|Illustration)s?:\s+[^.!?]{1,80}$")

# A dateline opening a story: where it was filed, as wires write it (one to four capitalised words, "WASHINGTON",
# "NEW YORK", "Washington, D.C."), optional, with the day it was filed after the place as wires add it ("HARLOW,
# Nov 30", "LONDON, 3 December", "Dec. 3, 2026"), then who filed it in parentheses (one to four capitalised words:
# "(CNN)", "(The Hollywood Reporter)"), then a dash, or the story's first word glued to the parenthesis, as copy
# pasted from a page with the dateline set in its own element reads ("(CNN)The last time ..."). A parenthesis
# followed by a space and no dash is prose ("The Crown Prosecution Service (CPS) said ..."), never a dateline. A
# place in capitals and a dash alone ("CAIRO — ", "HARLOW, Nov 30 - ") is one too: no sentence opens on a name in
# capitals and a dash (an initialism, "U.S. - China talks", opens on letters and dots, never on three capitals).
_DATELINE = re.compile(
    r"""^\s*(?:
    (?:[A-Z][\w.'’-]*(?:,?\ [A-Z][\w.'’-]*){0,3}(?:,?\ \d{1,2}(?:,?\ (?:[A-Z][a-z]{2,8}\.?|\d{4}))?)?\ ?)?
    \([A-Z][\w&.'’-]*(?:\ [A-Z][\w&.'’-]*){0,3}\)
    (?:\s*(?:--|[-\u2013\u2014])\s+|(?=[\"“‘']?[A-Z0-9]))
    |[A-Z]{3,}[A-Z\ .,'-]{0,38}(?:,\ [A-Z][a-z]{2,8}\.?\ \d{1,2}(?:,\ \d{4})?)?\s*[\u2014\u2013-]{1,2}\s+(?=[A-Z]))""",
    re.VERBOSE,
)

# "[What you need to know to start the day: Get New York Today in your inbox.]": a paragraph in square brackets.
_BRACKETED = re.compile(r"\[[^\[\]]+\]")
_WORD = re.compile(r"[^\W\d_]+")
# A sentence ends at its punctuation, or at the end of its line, which closes it as a full stop would (a feed
# summary often has none). A vertical bar or a bullet separates a list's or a menu's items, never prose's words:
# each item is a piece of its own, so a menu ("Home | News | Contact us") stays words, never a sentence.
_SENTENCE = re.compile(r"[^.!?\n|•·›]+(?:[.!?]|$)", re.MULTILINE)
# Function words of the languages newsdesk meets most (en, fr, es, de, it, pt): running prose is full of them,
# random letters and menus are not. English's are the shared list, modals, prepositions and "says" included: a
# wire summary in headline English ("US host says CBS pulled interview from Monday's broadcast over fears it
# could violate new FCC guidance") drops articles, not these.
_FUNCTION_WORDS = STOPWORDS | frozenset(
    """le la les des du de et un une est en que qui dans pour pas sur au par ce il elle ne se el los las y es por
    con para del una lo al der die das und ist nicht ein eine zu mit den von sich auf il di che non per gli della
    o do da em os as um uma não""".split()
)


def is_furniture(line: str, crossheads: bool = True) -> bool:
    """A paragraph that is page furniture, not part of the story. ``crossheads=False``: a short line with no
    closing punctuation is not taken for a heading (in a body where no line has any, it is a sentence) unless it is
    too short to be one (a menu's "Home", "News")."""
    text = _TRAILING_CREDIT.sub("", " ".join(line.split()))
    if not text:
        return True
    bare = LIST_MARKER.sub("", text)
    if FURNITURE.match(bare):
        return True
    if _BRACKETED.fullmatch(text):
        return True  # square brackets mark an editor's words among the story's: a whole paragraph is an aside
    if LIST_MARKER.match(text):
        return False  # a list item is content, short or not
    has_sentence_end = bool(re.search(r"[.!?][\"'”’)]*\s+[A-Z]", text))  # a sentence, then something after it
    most = CROSSHEAD_MAX_WORDS if crossheads else LINE_SENTENCE_MIN_WORDS - 1
    return not _ENDS_SENTENCE.search(text) and not has_sentence_end and len(text.split()) <= most


def _furniture_flags(paragraphs: list[str]) -> list[bool]:
    """Which paragraphs are furniture: ``is_furniture``, unless the line addresses the model, alone or read with
    the end of the line before and the start of the line after (an instruction split across lines).

    A crosshead is a short line without closing punctuation among prose that has it. In a body where no line
    closes with punctuation (notes, wire flashes, transcripts: one sentence a line), such lines are the story's
    sentences (Smoke test 35 #4: three of four were dropped as headings, and the article was left empty)."""
    flags = []
    crossheads = any(_ENDS_SENTENCE.search(p) for p in paragraphs)
    for index, paragraph in enumerate(paragraphs):
        furniture = is_furniture(paragraph, crossheads)
        if furniture:
            before = paragraphs[index - 1][-NEIGHBOUR_CONTEXT_CHARS:] if index else ""
            after = paragraphs[index + 1][:NEIGHBOUR_CONTEXT_CHARS] if index + 1 < len(paragraphs) else ""
            furniture = not any(flag.part == 1 for flag in injection.find([before, paragraph, after]))
        flags.append(furniture)
    return flags


def furniture_lines(body: str) -> list[str]:
    """The paragraphs of ``body`` that ``clean_body`` would take out (bench/extract.py counts them)."""
    paragraphs = _paragraphs(body)
    return [p for p, furniture in zip(paragraphs, _furniture_flags(paragraphs), strict=True) if furniture]


def clean_story(story: Story) -> Story:
    """``story`` (changed in place, and returned) as the archive should keep it: only what a reader sees in its
    text fields (``Story.make_visible``) and a body without page furniture (``clean_body``).

    Every way in (text, JSON, page, feed, the web app and the API) applies it, so the archive stores clean text and
    cuts it into passages as it is; cleaning twice changes nothing."""
    story.make_visible()
    story.body = clean_body(story.body)
    # a story given as one paragraph has its first sentence for a headline (``ingest.text``): the dateline with it
    story.headline = without_dateline(story.headline)
    return story


def without_dateline(text: str) -> str:
    """``text`` without the dateline it opens with (``_DATELINE``): the outlet's and the place's names are the page's
    furniture, not the story's first words, and left in they opened its title and first sentence ("Why did
    (CNN)The last time ...", Smoke test 40b #10). Recognised by its form, not by a list of outlets; a text that is
    nothing but a dateline is left as it is. Copy that a second outlet took over carries both, and both leave, so
    that cleaning twice changes nothing."""
    while (match := _DATELINE.match(text or "")) and text[match.end() :].strip():
        text = text[match.end() :]
    return text


# A bracketed number set against a word or a mark ("pollution [2].", "a 2025 study[3] that"): a reference to the
# source's own notes, which the article does not have; kept, it would read as one of the article's citations.
_REFERENCE_MARK = re.compile(r"(?<=[\w.,;:!?)\]\"'’”])\s?\[\d{1,3}\](?=[\s.,;:!?)\"'’”]|$)")


def clean_body(body: str) -> str:
    """The body without page furniture; list items each end as a sentence, and so does each line of a body in
    which no line has closing punctuation (one sentence a line: the drafter takes no sentence without its end).
    Paragraphs stay blank-line separated."""
    kept: list[str] = []
    paragraphs = _paragraphs(without_dateline(body))
    # one sentence a line needs lines: a lone unpunctuated line (a feed's summary) is left as written, since a full
    # stop added to it changes what the encoder reads and so which stories it threads together
    unpunctuated = len(paragraphs) > 1 and not any(_ENDS_SENTENCE.search(p) for p in paragraphs)
    for paragraph, furniture in zip(paragraphs, _furniture_flags(paragraphs), strict=True):
        if furniture:
            continue
        paragraph = _NAVIGATION.sub(" ", _TRAILING_CREDIT.sub("", paragraph)).strip()
        paragraph = _REFERENCE_MARK.sub("", paragraph)
        if not paragraph:
            continue
        if (unpunctuated or LIST_MARKER.match(paragraph)) and not _ENDS_SENTENCE.search(paragraph):
            # a list item, or a line of a body with no closing punctuation: a sentence, and the drafter takes none
            # without its end
            paragraph += "."
        kept.append(paragraph)
    # a body made only of furniture is left as it was: refusing it is check_article's job, with a reason
    return "\n\n".join(kept) if kept else body


def _paragraphs(body: str) -> list[str]:
    """The body's paragraphs, one per line or blank-line block, with hard-wrapped lines joined (``_wraps``)."""
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", body or ""):  # a blank line always ends a paragraph
        lines: list[str] = []
        for line in filter(None, (" ".join(line.split()) for line in block.split("\n"))):
            if lines and _wraps(lines[-1], line):
                lines[-1] = f"{lines[-1]} {line}"
            else:
                lines.append(line)
        paragraphs.extend(lines)
    return paragraphs


def _wraps(previous: str, line: str) -> bool:
    """Whether the break between two lines of one block is a wrap inside a sentence, not a paragraph's end: the
    line before has no closing punctuation and this one starts with a lowercase letter. No sentence, heading or
    list item starts in lowercase, so such a line continues the one before (plain text wrapped at a width)."""
    return line[:1].islower() and not _ENDS_SENTENCE.search(previous)


def check_article(story: Story, name: str = "the story") -> None:
    """Raise InputError when ``story`` does not read as an article (random letters, a menu, a list of links)."""
    body = story.body or ""
    if " ".join(body.split()).casefold() in ("", " ".join((story.headline or "").split()).casefold()):
        # a feed entry with a title and no description: its text is its title
        raise InputError(f"{name} has no text beyond its headline; nothing was written")
    run = _RUN.search(body)
    if run is not None:  # smoke test 43 #2: a 4 MB one-sentence story ran for minutes to write nothing
        raise InputError(
            f"{name} holds {len(run.group()):,} characters with no sentence end (at most {MAX_RUN_CHARS:,}): "
            "that is no prose newsdesk can check sentence by sentence; nothing was written"
        )
    if len(body) > SAMPLE_CHARS:  # the start, middle and end of a huge body tell as much as all of it
        third = SAMPLE_CHARS // 3
        middle = len(body) // 2
        body = "\n".join((body[:third], body[middle - third // 2 : middle + third // 2], body[-third:]))
    sentences = [s for s in _SENTENCE.findall(body) if len(_WORD.findall(s)) >= 5]
    language = [s for s in sentences if _reads_as_language(s)]
    if len(language) < MIN_LANGUAGE_SENTENCES or len(language) < MIN_LANGUAGE_SHARE * max(1, len(sentences)):
        script = _other_script(body)
        if script is not None:  # a language newsdesk cannot read is no text that fails to be language
            raise InputError(
                f"{name} is written in the {script} script: newsdesk reads stories in languages written in the "
                "Latin script only (English, French, Spanish, German, Italian, Portuguese); nothing was written"
            )
        found = f"{len(language)} of {len(sentences)} sentence(s)" if sentences else "no sentences"
        raise InputError(f"{name} does not read as an article: {found} read as language; nothing was written")


def _other_script(text: str) -> str | None:
    """The script most of ``text``'s letters are written in, where it is not Latin ("Arabic", "CJK"); None for a
    text mostly in Latin letters, or with none. Smoke test 35 #9: a story in Arabic or Chinese was refused as
    "not language"."""
    scripts: dict[str, int] = {}
    letters = 0
    for character in text[:SAMPLE_CHARS]:
        if character.isalpha():
            letters += 1
            script = unicodedata.name(character, "").split(" ")[0]
            scripts[script] = scripts.get(script, 0) + 1
    if not letters:
        return None
    script, count = max(scripts.items(), key=lambda item: item[1])
    if script == "LATIN" or count < letters / 2:
        return None
    return _SCRIPT_NAMES.get(script, script.title())


_SCRIPT_NAMES = {"CJK": "Han (Chinese)", "HIRAGANA": "Japanese kana", "KATAKANA": "Japanese kana"}


def _reads_as_language(sentence: str) -> bool:
    words = [w.lower() for w in _WORD.findall(sentence)]
    if not words:
        return False
    function_share = sum(w in _FUNCTION_WORDS for w in words) / len(words)
    letters = "".join(words)
    vowels = sum(c in "aeiouyàâäéèêëîïôöùûüáíóúãõœ" for c in letters) / max(1, len(letters))
    return function_share >= 0.12 and 0.25 <= vowels <= 0.6
