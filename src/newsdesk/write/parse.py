"""From raw model text to clean blocks: strip what small models add, cut loops, recognise the section's format.

Each section is asked for in its own call, so the answer to one call is one section. A model that runs on into the
next section writes that section's heading ("### Key Takeaways" at the end of In-Depth Analysis, a takeaway bullet
that begins "Cons:"): ``cut_at_other_parts`` ends the answer there, so one section's heading never nests inside
another, and what follows it, the other section's call writes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..models import Block, Sentence
from ..sentences import source_spans, split_sentences
from ..text import LIST_MARKER, content_words

BULLET = LIST_MARKER  # the name the writer's parsers use

_SUBHEADING = re.compile(r"^\s*(?:#{2,4}\s*(.+?)|\*\*(.+?)\*\*:?)\s*$")
# A list's label is a short noun phrase, with its colon or at most two more words ("Pros of the plan:", "The
# risks"): a line that goes on, or ends as a sentence ends ("Risks remain high for the town."), is a point
_LIST_LABEL = (
    r"^\s*(?:#+\s*)?\**\s*(?:the\s+)?(?:potential\s+)?({})\b"
    r"(?:[^:.!?\n]{{0,40}}\**\s*:|(?:\s+[^\s:.!?*]+){{0,2}})\s*\**\s*:?\s*$"
)
_PROS = re.compile(_LIST_LABEL.format("pros|advantages|benefits"), re.I)
_CONS = re.compile(_LIST_LABEL.format("cons|disadvantages|drawbacks|risks"), re.I)
# A point headed by its list's label on the same line ("Cons: * She may…", "**Pros:** cheaper", "- cons: noise"): the
# label is the list's marker, not the point's words
_LABELLED_POINT = re.compile(
    r"^\s*(?:[-*•–]\s+)?(?:#+\s*)?\**\s*(?:the\s+)?(?:potential\s+)?"
    r"(pros|advantages|benefits|cons|disadvantages|drawbacks|risks)\s*\**\s*:\s*\**\s*(\S.*)$",
    re.I,
)
_CITATION = re.compile(r"\s*\[(?:\d+(?:\s*[,–-]\s*\d+)*)\]")
_LABEL = re.compile(r"^\s*(title|dek|intro)\s*:\s*", re.I)
# Parts of an article that no section writes: the headline call's own, and the ending a template does not have.
ARTICLE_PARTS = ("Title", "Dek", "Intro", "Introduction", "Conclusion")
_MARKUP = " \t#*_<>[]()=:|"
_LEAD_LABEL = re.compile(r"^([A-Za-z][A-Za-z &'/-]{1,40}?)\s*:\s*\S")  # "Cons: the plan costs more"
_NAME_FILLER = {"and", "the", "of", "to", "a", "an", "in", "for", "on", "this", "these", "our", "key"}


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


def cut_at_other_parts(text: str, others: Iterable[str], own: str = "") -> str:
    """``text`` up to the first line that heads another part of the article, without lines that repeat ``own``.

    A line heads a part when, stripped of Markdown and list markers, it is a short heading-like line or a
    ``Label:`` lead whose words name one of ``others`` (a template's other section headings, Pros and Cons
    included): the same words, fewer ("### Outlook" for Future Outlook), or more ("Key takeaways for readers").
    """
    names = [_name_words(name) for name in others]
    own_words = _name_words(own) if own else set()
    kept: list[str] = []
    for line in text.split("\n"):
        label = _heading_words(line)
        if label and any(_names_match(label, name) for name in names if name and name != own_words):
            break
        if label and own_words and label == own_words:
            continue  # the section's own heading again: the article prints it once
        kept.append(line)
    return "\n".join(kept).strip()


def _heading_words(line: str) -> set[str]:
    """The name words of a heading or a ``Label:`` lead on ``line``; empty for a line of prose."""
    bare = BULLET.sub("", line).strip(_MARKUP + " ")
    if not bare:
        return set()
    if len(bare.split()) <= 6 and not re.search(r"[.!?,;]", bare):
        return _name_words(bare)
    lead = _LEAD_LABEL.match(bare)
    return _name_words(lead.group(1)) if lead else set()


def _name_words(name: str) -> set[str]:
    """A part name's words, lower case and singular, without filler: 'In-Depth Analysis' -> {depth, analysis}."""
    words = (w.lower() for w in re.findall(r"[A-Za-z]+", name))
    return {
        w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
        for w in words
        if w not in _NAME_FILLER and len(w) > 1
    }


def _names_match(label: set[str], name: set[str]) -> bool:
    return bool(label) and (label <= name or name <= label)


def cut_repetition(text: str, finished: bool = True) -> tuple[str, bool]:
    """Cut a text where it starts looping; returns (text, was_cut).

    A loop is a line or sentence seen before, or an 8-word run that has already appeared twice. An unfinished
    generation (stopped by max tokens) also loses its trailing half sentence.
    """
    seen_units: set[str] = set()
    seen_grams: dict[tuple[str, ...], int] = {}
    kept: list[str] = []
    cut = False
    # the sentences as the one splitter cuts them, each an exact span of the text (``_rejoin`` finds it again)
    for unit in [text[start:end] for start, end in source_spans(text)]:
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
            gram = tuple(words[i : i + 8])
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
            found[current] = line.replace("#", "").strip()[match.end() - match.start() :].strip()
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
                if fmt == "bullets":
                    blocks.extend(Block(type="bullet", sentences=[s]) for s in sentences)
                else:
                    blocks.append(Block(type="paragraph", sentences=sentences))
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
        labelled = _LABELLED_POINT.match(stripped) if fmt == "pros_cons" else None
        if labelled:
            flush()
            label = "Cons" if _CONS.match(labelled.group(1)) else "Pros"
            blocks.append(Block(type="subheading", sentences=[Sentence(text=label, claim_kind="heading")]))
            stripped = "- " + BULLET.sub("", labelled.group(2))  # the point the label heads is an item of its list
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
    return _one_pair(blocks) if fmt == "pros_cons" else blocks


def _one_pair(blocks: list[Block]) -> list[Block]:
    """A Pros and Cons section has one list of each: a model that starts a second pair (or heads a point with a
    sub-heading of its own) has its points gathered under the one Pros and the one Cons label, in order."""
    lead: list[Block] = []
    lists: dict[str, list[Block]] = {}
    current: str | None = None
    for block in blocks:
        if block.type == "subheading":
            label = block.text if block.text in ("Pros", "Cons") else None
            if label is not None:
                current = label
                lists.setdefault(label, [])
            continue  # any other sub-heading would nest inside a list
        if current and block.type == "paragraph":  # prose under a label is that list's points, one a sentence
            lists[current].extend(Block(type="bullet", sentences=[s]) for s in block.sentences)
            continue
        (lists[current] if current else lead).append(block)
    merged = list(lead)
    for label in ("Pros", "Cons"):
        if label in lists:
            merged.append(Block(type="subheading", sentences=[Sentence(text=label, claim_kind="heading")]))
            merged.extend(lists[label])
    return merged


def number_sentences(section_id: str, blocks: list[Block]) -> None:
    """Give every sentence its stable address: <section>.b<block>.s<sentence>."""
    for b, block in enumerate(blocks):
        for s, sentence in enumerate(block.sentences):
            sentence.id = f"{section_id}.b{b}.s{s}"


def _is_content(sentence: str) -> bool:
    return len(re.findall(r"[A-Za-z]{2,}", sentence)) >= 3


def _same_words(a: str, b: str) -> bool:
    def norm(text: str) -> str:
        return re.sub(r"\W+", " ", text).strip().lower()

    return norm(a) == norm(b)


#: Content words in a row that make an echo: two can be any common pairing ("key facts"), three in the order the
#: request gave them are the request read back.
ECHO_RUN = 3


def _runs(text: str) -> set[tuple[str, ...]]:
    found = content_words(text)
    return {tuple(found[i : i + ECHO_RUN]) for i in range(len(found) - ECHO_RUN + 1)}


def echoes_request(sentence: str, request: set[tuple[str, ...]], sources: set[tuple[str, ...]]) -> bool:
    """The sentence reads back the request the model was given, not the story: it holds ``ECHO_RUN`` content words
    in a row as the request's own words stand (``request``: the runs of the prompt's text that are not source
    text), and the sources hold none of those runs (``sources``), so no source is what the words come from."""
    return any(run in request and run not in sources for run in _runs(sentence))


def reads_back(text: str, request_text: str, source_text: str) -> bool:
    """``echoes_request`` for one text against the prompt's text and the sources' text."""
    return echoes_request(text, _runs(request_text), _runs(source_text))


def drop_request_echoes(blocks: list[Block], request_text: str, source_text: str) -> tuple[list[Block], int]:
    """A model's answer without its sentences that read the prompt's instructions back ("The story in two or three
    short sub-sections about ..." for "Analyse the story in two or three short sub-sections"): a small model often
    opens by restating what it was asked, and such a sentence, given a citation, would pass as the story's fact.
    The prompt is the one text besides the sources that the model saw, so an echo of it is told apart by its
    words, not by a list of phrasings. Returns the blocks left and how many sentences went."""
    request, sources = _runs(request_text), _runs(source_text)
    dropped = 0
    for block in blocks:
        if block.type == "subheading":
            continue
        kept = [s for s in block.sentences if not echoes_request(s.text, request, sources)]
        dropped += len(block.sentences) - len(kept)
        block.sentences = kept
    return [b for b in blocks if b.sentences], dropped
