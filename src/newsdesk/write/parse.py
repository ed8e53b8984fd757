"""From raw model text to clean blocks: strip what small models add, cut loops, recognise the section's format."""

from __future__ import annotations

import re

from ..models import Block, Sentence
from ..text import split_sentences

BULLET = re.compile(r"^\s*(?:[-*•–]|\d{1,2}[.)])\s+")  # a list marker: "- ", "• ", "2. "
_SUBHEADING = re.compile(r"^\s*(?:#{2,4}\s*(.+?)|\*\*(.+?)\*\*:?)\s*$")
_PROS = re.compile(r"^\s*(?:#+\s*)?\**\s*(?:potential\s+)?(pros|advantages|benefits)\b[^:]*:?\**\s*:?\s*$", re.I)
_CONS = re.compile(r"^\s*(?:#+\s*)?\**\s*(?:potential\s+)?(cons|disadvantages|drawbacks|risks)\b[^:]*:?\**\s*:?\s*$", re.I)
_CITATION = re.compile(r"\s*\[(?:\d+(?:\s*[,–-]\s*\d+)*)\]")
_LABEL = re.compile(r"^\s*(title|dek|intro)\s*:\s*", re.I)


def clean_text(text: str, heading: str | None = None) -> str:
    """Remove Markdown emphasis, model-written citation marks (the verifier cites) and an echoed heading."""
    text = text.replace("\r\n", "\n")
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", text)
    text = re.sub(r"(?<!\w)__(.+?)__(?!\w)", r"\1", text)
    text = _CITATION.sub("", text)
    lines = text.split("\n")
    if heading and lines and _same_words(lines[0], heading):
        lines = lines[1:]
    return "\n".join(lines).strip()


def cut_repetition(text: str, finished: bool = True) -> tuple[str, bool]:
    """Cut a text where it starts looping; returns (text, was_cut).

    A loop is a line or sentence seen before, or an 8-word run that has already appeared twice. An unfinished
    generation (stopped by max tokens) also loses its trailing half sentence.
    """
    seen_units: set[str] = set()
    seen_grams: dict[tuple[str, ...], int] = {}
    kept: list[str] = []
    cut = False
    for unit in re.split(r"(?<=[.!?])\s+|\n", text):
        spans = list(re.finditer(r"\w+", unit))
        words = [m.group().lower() for m in spans]
        key = " ".join(words)
        if not key:
            kept.append(unit)
            continue
        if len(words) >= 4 and key in seen_units:
            cut = True
            break
        seen_units.add(key)
        for i in range(max(0, len(words) - 7)):
            gram = tuple(words[i:i + 8])
            seen_grams[gram] = seen_grams.get(gram, 0) + 1
            if seen_grams[gram] >= 3:  # the third time the same eight words come: a loop
                unit = unit[: spans[i].start()].rstrip(" ,;:-") + ("." if i else "")
                cut = True
                break
        kept.append(unit)
        if cut:
            break
    result = _rejoin(text, kept)
    if not finished and not cut:
        trimmed = re.sub(r"(?s)(.*[.!?][\"'”’)]?)\s+[^.!?]*$", r"\1", result)
        if trimmed != result:
            result, cut = trimmed, True
    return result.strip(), cut


def _rejoin(original: str, units: list[str]) -> str:
    """Rebuild text from kept units, keeping line breaks where the original had them."""
    out = ""
    position = 0
    for unit in units:
        index = original.find(unit, position)
        if index < 0:
            out += " " + unit
            continue
        out += original[position:index] + unit
        position = index + len(unit)
    return out


def parse_labelled(text: str) -> dict[str, str]:
    """TITLE:/DEK:/INTRO: answers, tolerant of Markdown and missing labels."""
    found: dict[str, str] = {}
    current = None
    for line in clean_text(text).split("\n"):
        match = _LABEL.match(line.replace("#", "").strip())
        if match:
            current = match.group(1).lower()
            found[current] = line.replace("#", "").strip()[match.end() - match.start():].strip()
        elif current and line.strip():
            found[current] = f"{found[current]} {line.strip()}".strip()
    return {k: v.strip(" \"'") for k, v in found.items() if v.strip()}


def to_blocks(text: str, fmt: str) -> list[Block]:
    """Blocks for a section's format, each paragraph and list item split into sentences."""
    blocks: list[Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            joined = " ".join(paragraph)
            sentences = [Sentence(text=s) for s in split_sentences(joined) if _is_content(s)]
            if sentences:
                kind = "bullet" if fmt == "bullets" else "paragraph"
                if kind == "bullet":
                    blocks.extend(Block(type="bullet", sentences=[s]) for s in sentences)
                else:
                    blocks.append(Block(type=kind, sentences=sentences))
            paragraph.clear()

    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if fmt == "pros_cons" and (_PROS.match(stripped) or _CONS.match(stripped)):
            flush()
            label = "Pros" if _PROS.match(stripped) else "Cons"
            blocks.append(Block(type="subheading", sentences=[Sentence(text=label, claim_kind="heading")]))
            continue
        heading = _SUBHEADING.match(stripped)
        if heading and fmt in ("subsections", "pros_cons") and len(stripped) < 90:
            flush()
            title = (heading.group(1) or heading.group(2)).strip(" :#*")
            if title:
                blocks.append(Block(type="subheading", sentences=[Sentence(text=title, claim_kind="heading")]))
            continue
        if BULLET.match(stripped):
            flush()
            item = BULLET.sub("", stripped)
            sentences = [Sentence(text=s) for s in split_sentences(item) if _is_content(s)]
            if sentences:
                blocks.append(Block(type="bullet", sentences=sentences))
            continue
        paragraph.append(stripped)
    flush()
    return blocks


def number_sentences(section_id: str, blocks: list[Block]) -> None:
    """Give every sentence its stable address: <section>.b<block>.s<sentence>."""
    for b, block in enumerate(blocks):
        for s, sentence in enumerate(block.sentences):
            sentence.id = f"{section_id}.b{b}.s{s}"


def _is_content(sentence: str) -> bool:
    return len(re.findall(r"[A-Za-z]{2,}", sentence)) >= 3


def _same_words(a: str, b: str) -> bool:
    norm = lambda s: re.sub(r"\W+", " ", s).strip().lower()  # noqa: E731
    return norm(a) == norm(b)
