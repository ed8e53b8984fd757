"""The two splitters: ``split_sentences`` for written text (pysbd, after paragraphs, lines and overlong lines
are cut) and ``source_spans`` for source passages (rule-based, with exact character offsets), with the numbered
list items and lost sentence starts both read. The ends that no mark shows are read in ``ends``."""

from __future__ import annotations

import re

from .ends import (
    _CONTINUING_WORDS,
    _continuations_joined,
    _goes_on,
    _opens_sentence,
    _recurring_labels,
    _run_together_ends,
    _unmarked_ends,
)

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
    speakers = _recurring_labels(text)
    for paragraph in re.split(r"\n\s*\n|\n(?=\s*(?:[-*\u2022]|\d+[.)])\s)", text):
        for line in (cut for run in _line_runs(paragraph) for cut in _segmentable(" ".join(run.split()))):
            start = len(out)
            runs = _continuations_joined(_SEGMENTER.segment(line))
            for sentence in (cut for n, run in enumerate(runs) for cut in _unmarked_ends(run, speakers, n == 0)):
                # tokenised text (" . " between sentences) that pysbd leaves joined, e.g. after a ` quote
                for part in re.split(r"(?<=\s\.)\s+(?=\S)", sentence):
                    if not part.strip():
                        continue
                    if len(out) > start and not _ANY_WORD_CHARACTER.search(part):
                        out[-1] += part.rstrip()  # a closing quotation mark cut off alone: no sentence of its own
                    else:
                        out.append(part.strip())
    return out


_ANY_WORD_CHARACTER = re.compile(r"\w")


# A line that ends on one of these (or a sentence's end, which pysbd finds) goes on in the next line.
_OPEN_LINE_END = re.compile(r"[,;:(/&+=\-\u2013\u2014]$")


def _line_runs(paragraph: str) -> list[str]:
    """The runs of ``paragraph``'s lines that read as one sentence or more: a line break ends a sentence where the
    line ends with no sentence punctuation and the next line starts with a capital (Smoke test 35 #4: notes, wire
    flashes and transcripts put one sentence on each line, with no full stop). Hard-wrapped prose is not cut: it
    goes on in lower case, or after a comma, a dash, an article, a preposition or a title before a name."""
    lines = [line.strip() for line in paragraph.split("\n") if line.strip()]
    if _filled(lines):
        return [" ".join(lines)]
    runs: list[str] = []
    for line in lines:
        if runs and not _ends_at_break(runs[-1], line):
            runs[-1] += " " + line
        else:
            runs.append(line)
    return runs


WRAP_MIN_CHARS = 50  # a paragraph wrapped narrower than this is a list of short lines, not filled prose
WRAP_SPREAD = 0.2  # the lines of wrapped prose, its last aside, are within this share of its longest


def _filled(lines: list[str]) -> bool:
    """Hard-wrapped prose: three lines or more, every one but the last filled to about one width. A line break
    there falls wherever the width did, before a name as often as anywhere ("the United\nStates"), so it ends
    nothing; lines of one sentence each are as long as their sentences."""
    if len(lines) < 3:
        return False
    widths = [len(line) for line in lines[:-1]]
    widest = max(widths)
    return widest >= WRAP_MIN_CHARS and min(widths) >= (1 - WRAP_SPREAD) * widest


def _ends_at_break(before: str, after: str) -> bool:
    if not after[:1].isupper() or _OPEN_LINE_END.search(before):
        return False
    if re.search(r"[.!?\u2026][\"'\u201d\u2019)\]]*$", before):
        return False  # a sentence's end: pysbd reads it (and an abbreviation before a name) as ever
    last = re.findall(r"[^\W_]+", before[-40:].lower())
    return bool(last) and last[-1] not in _CONTINUING_WORDS and last[-1] not in _ABBREVIATIONS


# pysbd's time grows with the square of a line's length (a 190 KB paragraph took 40 s, a 10 KB one 0.08 s): a
# longer line is first cut at the cheap splitter's sentence ends (``source_spans``); news paragraphs are far shorter.
MAX_SEGMENTED_CHARS = 10_000


def _segmentable(line: str) -> list[str]:
    if len(line) <= MAX_SEGMENTED_CHARS:
        return [line] if line else []
    pieces: list[str] = []
    start = end = 0
    for span_start, span_end in source_spans(line):
        if span_end - start > MAX_SEGMENTED_CHARS and end > start:
            pieces.append(line[start:end].strip())
            start = span_start
        end = span_end
    pieces.append(line[start:].strip())
    return [cut for piece in pieces if piece for cut in _at_spaces(piece)]


def _at_spaces(piece: str) -> list[str]:
    """A piece still longer than ``MAX_SEGMENTED_CHARS`` has no sentence end in it at all (a run-on paste): it is
    cut at the last space before each limit, so that no line pysbd reads is longer."""
    cuts: list[str] = []
    while len(piece) > MAX_SEGMENTED_CHARS:
        at = piece.rfind(" ", 0, MAX_SEGMENTED_CHARS)
        at = at if at > 0 else MAX_SEGMENTED_CHARS
        cuts.append(piece[:at].strip())
        piece = piece[at:].strip()
    return [*cuts, piece] if piece else cuts


_ABBREVIATIONS = frozenset(
    re.findall(
        r"\S+",
        """
mr mrs ms dr prof sr jr st mt gen col lt sgt capt cmdr gov sen rep rev hon no vs etc inc ltd co corp dept est
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun fig al approx
""",
    )
)
# A sentence's end: a stop before a space, a CJK full stop (no space follows it: "…转折点。 The plan …" is two
# sentences, Smoke test 35 #9), a line's end.
_BOUNDARY = re.compile(r"[.!?]+[\"')\]]*(?=\s)|[\u3002\uff01\uff1f]+[\u300d\u300f\u201d\u2019)\]]*|\n\s*\n|\n")


def source_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of a source passage; cheap, and exact offsets for citations."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if match.group().startswith("."):
            before = re.search(r"([A-Za-z.]+)\.+[\"')\]]*$", text[start:end])
            word = before.group(1).lower() if before else ""
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
            if re.fullmatch(r"(?:[a-z]\.)+[a-z]?", word) and not _opens_sentence(text[end : end + 40]):
                continue  # "the U.S. Consulate": an initialism goes on into the name it stands in
            following = text[end : end + 3].lstrip()
            if following[:1].islower() and " . " not in text[start : end + 2]:
                continue  # "e.g. the" or a lower-case continuation; tokenised all-lower text splits on " . "
        elif match.group()[:1] in "?!" and match.start() > 0 and not text[match.start() - 1 : match.start()].isspace():
            if _goes_on(text[end : end + 40]):
                continue  # "Which? said", "asked 'why?' and left": a lower-case word goes on (``_goes_on``)
        _append_span(text, start, end, spans)
        start = end
    _append_span(text, start, len(text), spans)
    speakers = _recurring_labels(text)
    return _items_with_their_numbers(
        text, [piece for span in spans for piece in _run_together_pieces(text, span, speakers)]
    )


# A number closing a span ("... very seriously 7.", or "7." alone): a numbered list's item marker, where it counts.
_CLOSING_NUMBER = re.compile(r"(?:^|(?<=\s))(\d{1,2})\.$")
LIST_RUN = 3  # a numbered list counts at least this many items: "1. 2. 3."


def _items_with_their_numbers(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` with each numbered list item's marker moved to the item it numbers.

    A numbered list counts its items, 1, 2, 3: a run of ``LIST_RUN`` or more consecutive numbers each followed by
    a full stop is that count, not quantities of the text. A page that loses its line breaks runs every item into
    the one before ("... his favourite snacks 2. Ramen noodle soup is ..."), and the full stop after the number
    then reads as the end of the item before, which publishes the number as a word of it ("... very seriously
    7.") and leaves the next item without its marker. The marker opens its item, as pysbd reads it in
    ``split_sentences``: the span before ends before it, and the next one starts on it."""
    numbers = [(i, _CLOSING_NUMBER.search(text[start:end])) for i, (start, end) in enumerate(spans)]
    closing = [(i, int(match.group(1)), spans[i][0] + match.start(1)) for i, match in numbers if match is not None]
    markers: dict[int, int] = {}  # by span: where its closing marker starts
    run: list[tuple[int, int, int]] = []
    for item in [*closing, (-1, -1, -1)]:
        if run and item[1] == run[-1][1] + 1:
            run.append(item)
            continue
        if len(run) >= LIST_RUN:
            markers.update((i, at) for i, _, at in run)
        run = [item]
    out: list[tuple[int, int]] = []
    carried: int | None = None  # where the marker moved from the span before starts
    for i, (start, end) in enumerate(spans):
        start = carried if carried is not None else start
        carried = markers.get(i)
        if carried is not None and i + 1 < len(spans):
            _append_span(text, start, carried, out)
        else:
            carried = None
            _append_span(text, start, end, out)
    return out


def _run_together_pieces(
    text: str, span: tuple[int, int], speakers: frozenset[str] = frozenset()
) -> list[tuple[int, int]]:
    """``span`` cut where one sentence runs into the next with no full stop (``_run_together_ends``)."""
    start, end = span
    pieces: list[tuple[int, int]] = []
    opens_line = not text[:start].strip(" \t") or text[:start].rstrip(" \t").endswith("\n")
    for cut in _run_together_ends(text[start:end], speakers, opens_line):
        _append_span(text, start, span[0] + cut, pieces)
        start = span[0] + cut
    _append_span(text, start, end, pieces)
    return pieces


def _append_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


# In English a determiner or a personal pronoun is capitalised only where it opens a sentence (or a title, "The
# Times"). Met mid-text right after a word, with no stop between, it marks a sentence start whose stop was lost:
# a photo caption run into the story on a page that set it apart by layout alone ("... in Washington County, Utah
# The Bloomington arrow was one of 102 found by ..."). So is a subordinating conjunction that opens a clause
# ("... an Elvis impersonator in Menorca While Pat likes to hit the town"): mid-sentence English writes it in lower
# case, and a capital on it marks where a caption ended and the story went on.
_LOST_START = re.compile(
    r"(?<=[a-z0-9)\]’'\"”])\s+(?=(?:The|A|An|He|She|It|They|We|His|Her|Its|Their|This|These|Those|There|"
    r"While|Whilst|Although|Though|Because|Unless|Whereas)\s)"
)


def lost_starts(text: str) -> list[str]:
    """The pieces of a run of text split where a sentence starts with its stop lost (``_LOST_START``)."""
    return _LOST_START.split(text)
