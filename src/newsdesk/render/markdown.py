"""Markdown: headings, paragraphs and bullets with numbered citations, then the Sources list."""

from __future__ import annotations

import re

from ..models import Article, Block, Section, Sentence, web_url
from ..text import counted

# Characters that would let text from a model or a source become markup in a Markdown viewer: raw HTML
# (``<script>``), links (``[..](javascript:..)``), and the backslash that would undo an escape.
_MARKUP = re.compile(r"([\\\[\]<>])")


def escape(text: str) -> str:
    """One line of literal text: markup characters backslash-escaped, line breaks (new blocks) collapsed."""
    return _MARKUP.sub(r"\\\1", " ".join((text or "").split()))


def _link_target(url: str) -> str:
    return url.replace("(", "%28").replace(")", "%29")


def cite(sentence: Sentence) -> str:
    numbers = sorted({c.source for c in sentence.citations})
    return "".join(f"[{n}]" for n in numbers)


def _sentence(sentence: Sentence) -> str:
    marks = cite(sentence)
    text = escape(sentence.text)
    return f"{text} {marks}".rstrip() if marks else text


def _dateline(block: Block) -> str:
    return f"*{escape(block.label)}* " if block.label else ""


def _section_lines(section: Section, heading_level: str = "##") -> list[str]:
    lines: list[str] = []
    if section.heading:
        lines += [f"{heading_level} {escape(section.heading)}", ""]
    previous = None
    for block in section.blocks:
        if block.type == "subheading":
            if previous == "bullet":
                lines.append("")
            lines += [f"### {escape(block.text)}", ""]
        elif block.type == "bullet":
            lines.append("- " + _dateline(block) + " ".join(_sentence(s) for s in block.sentences))
        else:
            if previous == "bullet":
                lines.append("")
            lines += [_dateline(block) + " ".join(_sentence(s) for s in block.sentences), ""]
        previous = block.type
    if previous == "bullet":
        lines.append("")
    if section.note:
        lines += [f"*{escape(section.note)}*", ""]
    return lines


_ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T")


def published_day(published: str | None) -> str:
    """A source's date as a reader wants it: a feed's timestamp ("2026-02-18T01:31:59+00:00") is its day."""
    published = published or ""
    return published[:10] if _ISO_TIME.match(published) else published


#: The parts after the article's body: the log of its updates, then its sources, the check's footer and notes.
#: None of it is a claim about the story (``newsdesk verify`` stops reading at either heading).
UPDATES_HEADING = "Updates"
SOURCES_HEADING = "Sources"


def summary_line(article: Article) -> str:
    """The footer: facts supported, reasoning and opinion counted apart (they are grounded, not supported facts),
    and what the check removed. The same numbers are ``counts`` in the article JSON."""
    counts = article.counts()
    checked = sum(counts[role]["checked"] for role in ("fact", "reasoning", "opinion"))
    removed = counts["removed"]
    if not checked and len(article.dropped) == removed.get("before_check", 0):  # the check removed nothing
        if article.stats.verify_seconds > 0:  # the check ran and found only the title and dek to read
            return "*Checked against the sources: the title and dek; the article has no other sentence to check.*"
        return "*Not checked against the sources.*"
    facts = counts["fact"]
    parts = [f"{facts['supported']} of {counted(facts['checked'], 'factual sentence')} supported"]
    grounded = [
        f"{counts[role]['supported']} of {counted(counts[role]['checked'], role + ' sentence')}"
        for role in ("reasoning", "opinion")
        if counts[role]["checked"]
    ]
    if grounded:
        parts.append(" and ".join(grounded) + " grounded in the sources (not counted as facts)")
    parts.append(f"{counted(removed['unsupported'], 'unsupported sentence')} removed")
    if removed["repeats"]:
        before = int(removed.get("before_check", 0))
        when = f" ({before} before the check)" if before else ""
        parts.append(f"{counted(removed['repeats'], 'repeat')} removed{when}")
    return "*Checked against the sources: " + "; ".join(parts) + ".*"


def source_meta(publisher: str | None, day: str) -> str:
    """What follows a source's title: " — Publisher, day" where the publisher is known; a day alone goes in
    brackets, "(2026-12-06)". A dash before a title's second part introduces who the source is, and a date alone
    after it reads as a dangling dash with the publisher missing (smoke45 F20)."""
    if publisher:
        return " — " + escape(", ".join(x for x in (publisher, day) if x))
    return f" ({escape(day)})" if day else ""


def render_markdown(article: Article) -> str:
    lines = [f"# {escape(article.title)}", "", f"*{escape(article.dek)}*", ""]
    lines += _section_lines(article.intro)
    for section in article.sections:
        lines += _section_lines(section)
    if article.updates:  # a correction is never silent: the log says what changed, when, on which source
        lines += [f"## {UPDATES_HEADING}", ""]
        lines += [
            # a source the summary cites already ("([2] gives it otherwise)") is not cited twice
            f"- {u.at[:16].replace('T', ' ')}: {escape(u.summary)} "
            + "".join(f"[{n}]" for n in u.sources if f"[{n}]" not in u.summary)
            for u in article.updates
        ]
        lines.append("")
    lines += [f"## {SOURCES_HEADING}", ""]
    uncited = article.uncited_sources()
    for source in article.sources:
        url = web_url(source.url)
        title = f"[{escape(source.label)}]({_link_target(url)})" if url else escape(source.label)
        consulted = " (consulted, not cited)" if source.number in uncited else ""
        meta = source_meta(source.publisher, published_day(source.published))
        lines.append(f"{source.number}. {title}{meta}{consulted}")
    lines += ["", summary_line(article), ""]
    for note in article.notes:  # what the run did to the input or left out of the article, said plainly
        lines += [f"*{escape(note)}*", ""]  # a paragraph each: lines in a row would run into one
    return "\n".join(lines)
