"""Background sources dated in the article: each earlier entry's or related story's sentences stand under a
dateline that says when and by whom they were reported, so a reader never takes an earlier state of the story for
its present. ``datelines`` words the labels, ``dated`` sets them over the drafted blocks, and ``keep_datelines``
keeps them true after the check has moved citations."""

from __future__ import annotations

from collections.abc import Callable

from ..models import Article, Block, Section, Sentence, Source
from ..text import date_phrase

__all__ = ["attribute_disputed", "dated", "dateline", "datelines", "keep_datelines"]


def datelines(sources: list[Source]) -> dict[int, str]:
    """When and by whom each background source was reported ("On 17 February, BBC News reported:"), by source
    number: background is an earlier state of the story or another event, and a reader must not take it for this
    story's present. A source without a date still gets a label that says it is another report and has no date
    ("An undated report said:"): in the present tense and unmarked, its "is due to pay" reads as today's news
    beside a story that says the payment was made."""
    return {source.number: dateline(source) for source in sources[1:]}


def dateline(source: Source) -> str:
    """When and by whom one source was reported ("On 17 February, BBC News reported:")."""
    when = date_phrase(source.published)
    if when:
        return f"{when}, {source.publisher} reported:" if source.publisher else f"{when}:"
    return f"{source.publisher} reported, in an undated story:" if source.publisher else "An undated report said:"


def attribute_disputed(sections: list[Section], sources: list[Source], disputed: Callable[[str], bool]) -> None:
    """The story's own sentences that give a figure another outlet gives otherwise (``disputed``) stand under the
    story's dateline ("On 3 November, Harbour Herald reported:"): two outlets that disagree settle nothing between
    them, so the story's figure is its outlet's account, told as such, as a background source's sentences are
    under theirs (``dated``). A block that is not all the story's keeps no dateline (it is not one outlet's)."""
    if not sources or not sources[0].publisher:
        return
    story, line = sources[0].number, dateline(sources[0])
    for section in sections:
        for block in section.blocks:
            if block.type == "subheading" or block.label or not block.sentences:
                continue
            if all(s.citations and s.citations[0].source == story for s in block.sentences) and any(
                disputed(s.text) for s in block.sentences
            ):
                block.label = line


def dated(blocks: list[Block], lines: dict[int, str]) -> list[Block]:
    """The blocks with each background source's sentences under its dateline (``datelines``): a paragraph is split
    where the source changes, and a bullet or paragraph of one dated source gets its label. The sentences are the
    sources' own, drafted with their citations, so each one's first citation says where it comes from."""
    out: list[Block] = []
    for block in blocks:
        if block.type == "subheading" or block.label or not block.sentences:
            out.append(block)
            continue
        runs: list[tuple[int | None, list[Sentence]]] = []
        for sentence in block.sentences:
            source = sentence.citations[0].source if sentence.citations else None
            if runs and runs[-1][0] == source:
                runs[-1][1].append(sentence)
            else:
                runs.append((source, [sentence]))
        if block.type == "bullet" and len(runs) > 1:
            out.append(block)  # one point from several sources: no one dateline is its own
            continue
        out += [Block(block.type, run, lines.get(source, "") if source else "") for source, run in runs]
    return out


def keep_datelines(article: Article, sources: list[Source]) -> None:
    """After the check, each dateline still names the source its sentences cite first. The checker cites where it
    finds a sentence, and a sentence two entries share may now cite the story [1] under the dateline of the earlier
    entry it was drafted from ("On 4 January, NASA reported: ... [1]", [1] of 8 January): a sentence that still
    cites the dated source cites it first; a block whose sentences all cite another source first takes that
    source's dateline (none for the story itself), and a block that mixes sources keeps none."""
    lines = datelines(sources)
    dated_source = {line: number for number, line in lines.items()}
    for section in article.all_sections():
        for block in section.blocks:
            number = dated_source.get(block.label)
            if number is None or not block.sentences:
                continue
            for sentence in block.sentences:
                sentence.citations.sort(key=lambda c: c.source != number)  # stable: the rest keep their order
            first = {s.citations[0].source if s.citations else None for s in block.sentences}
            if first != {number}:
                only = next(iter(first)) if len(first) == 1 else None
                block.label = lines.get(only, "") if only is not None else ""
