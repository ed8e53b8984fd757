"""Which source sentences an article may give on their own: whole, finished sentences of the story's text, not a
caption, a byline, a run of list items or an exclamation, and not cut off mid-word or before the quotation a colon
introduces. Text that runs two sentences together where the page lost the stop between them is split into the
pieces that can stand alone (``run_on_pieces``)."""

from __future__ import annotations

import re

from ..language import nlp
from ..sentences import lost_starts
from ..storymap import first_person_unattributed, is_complete_sentence
from ..text import content_words

__all__ = ["caption_or_byline", "run_on_pieces", "run_together", "unfinished", "usable_alone", "whole_clause"]

_LIST_RUN = re.compile(r"(?:^|\s)- .+\s- ")
# An interjection opening a sentence is the writer exclaiming ("Ahh, if only ..."), not a fact of the story.
_EXCLAMATION = re.compile(r"^(?:a+h+|o+h+|wow|alas|ugh|hmm+|whoa|oops|phew|yikes|gosh)\b", re.I)
_BYLINE = re.compile(r"(?:^|\b)(?:advertisement|sign up|subscribe|read more|click here|follow us)\b", re.I)
# Text about a picture, not the story: a caption points at the photo ("Mr Boase, pictured, ...", "(left)",
# "Clockwise from top: ...") or credits it; a byline or a time stamp says who wrote the page and when.
_CAPTION = re.compile(
    r"\b(?:pictured|photographed|(?:photo|image|picture)s? (?:by|credit|courtesy)|credit:|"
    r"getty images|ap photo|afp via|file photo|shutterstock|(?:anti-?|counter-?)?clockwise from|"
    r"(?:from )?(?:left|right) to (?:right|left))\b|\((?:left|right|centre|center|"
    r"above|below|top|bottom|inset)\)|^(?:by|published|updated|last updated)\b[^.]{0,60}"
    r"(?:\||\d{1,2}:\d\d)",
    re.I,
)
# Text that points at a picture by its place on the page ("The images above show ...", "seen in the images A and
# B", "adult males are in image E") describes a picture the article does not have: a caption, however it reads.
_PICTURE_ON_THE_PAGE = re.compile(
    r"\b(?:[Ii]mage|[Pp]icture|[Pp]hoto(?:graph)?|[Vv]ideo|[Pp]anel)s?\s+(?:above|below|[A-Z](?![\w'’]))"
)
# A sentence ends on a full stop, a question or exclamation mark, or an ellipsis, perhaps inside a quotation or a
# bracket. Text that stops anywhere else was cut off ("Mr Boase claimed that he went to bed ar"); one that stops
# on a colon introduces what the page no longer holds ("..., Bengio argued:"). Either alone misleads.
_FINISHED = re.compile(r"(?:[.!?…]|\.\.\.)[\"'”’)\]]*$")


def unfinished(sentence: str) -> bool:
    """A sentence that stops before its end: cut off mid-word, or introducing a quotation that is not there."""
    return not _FINISHED.search(sentence.strip())


def caption_or_byline(sentence: str) -> bool:
    return bool(_CAPTION.search(sentence) or _PICTURE_ON_THE_PAGE.search(sentence))


def usable_alone(sentence: str) -> bool:
    """A sentence an article may give on its own: four content words or more, at most 400 characters, whole
    (``unfinished``), no caption, byline or run of list items."""
    return not (
        len(set(content_words(sentence))) < 4
        or len(sentence) > 400
        or _BYLINE.search(sentence)
        or _LIST_RUN.search(sentence)
        or unfinished(sentence)
        or caption_or_byline(sentence)
        or _EXCLAMATION.match(sentence)
    )


def run_on_pieces(text: str) -> list[str]:
    """The sentences a run of text holds that is no usable sentence as it stands (too long, a caption, cut off,
    two sentences run together):
    split where a sentence start shows (``sentences.lost_starts``), each piece kept only if it is usable alone.
    Only text already unusable whole is split, so a title inside a good sentence is never cut; a caption's own
    piece still reads as a caption, or stops without a full stop, and goes."""
    return [piece for piece in lost_starts(text) if usable_alone(piece)]


def run_together(text: str) -> bool:
    """Two sentences run together where the page lost the stop between them (``sentences.lost_starts``): a
    caption set apart by layout alone, run into the sentence after it ("... in south east Tibet, China The
    researchers say ..."). Only where each piece is a whole clause of four content words or more: a title inside
    a sentence ("he reads The Times daily") leaves a fragment, and the sentence stays whole."""
    pieces = lost_starts(text)
    return len(pieces) > 1 and all(len(set(content_words(p))) >= 4 and whole_clause(p) for p in pieces)


def whole_clause(piece: str) -> bool:
    """A piece of a run-on is drafted from only as a whole clause with its subject, in no unattributed first
    person: the story map, which reads the run-on whole, has not judged it alone."""
    return is_complete_sentence(nlp()(piece)) and not first_person_unattributed(piece, statement=False)
