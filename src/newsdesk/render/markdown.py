"""Markdown: headings, paragraphs and bullets with numbered citations, then the Sources list."""

from __future__ import annotations

from ..models import Article, Section, Sentence


def cite(sentence: Sentence) -> str:
    numbers = sorted({c.source for c in sentence.citations})
    return "".join(f"[{n}]" for n in numbers)


def _sentence(sentence: Sentence) -> str:
    marks = cite(sentence)
    return f"{sentence.text} {marks}".rstrip() if marks else sentence.text


def _section_lines(section: Section, heading_level: str = "##") -> list[str]:
    lines: list[str] = []
    if section.heading:
        lines += [f"{heading_level} {section.heading}", ""]
    previous = None
    for block in section.blocks:
        if block.type == "subheading":
            if previous == "bullet":
                lines.append("")
            lines += [f"### {block.text}", ""]
        elif block.type == "bullet":
            lines.append("- " + " ".join(_sentence(s) for s in block.sentences))
        else:
            if previous == "bullet":
                lines.append("")
            lines += [" ".join(_sentence(s) for s in block.sentences), ""]
        previous = block.type
    if previous == "bullet":
        lines.append("")
    if section.note:
        lines += [f"*{section.note}*", ""]
    return lines


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def summary_line(article: Article) -> str:
    """The footer: facts supported, reasoning and opinion counted apart (they are grounded, not supported facts),
    and what the check removed. The same numbers are ``counts`` in the article JSON."""
    counts = article.counts()
    checked = sum(counts[role]["checked"] for role in ("fact", "reasoning", "opinion"))
    removed = counts["removed"]
    if not checked and not article.dropped:
        return "*Not checked against the sources.*"
    facts = counts["fact"]
    parts = [f"{facts['supported']} of {_count(facts['checked'], 'factual sentence')} supported"]
    grounded = [f"{counts[role]['supported']} of {_count(counts[role]['checked'], role + ' sentence')}"
                for role in ("reasoning", "opinion") if counts[role]["checked"]]
    if grounded:
        parts.append(" and ".join(grounded) + " grounded in the sources (not counted as facts)")
    parts.append(f"{_count(removed['unsupported'], 'unsupported sentence')} removed")
    if removed["repeats"]:
        parts.append(f"{_count(removed['repeats'], 'repeat')} removed")
    return "*Checked against the sources: " + "; ".join(parts) + ".*"


def render_markdown(article: Article) -> str:
    lines = [f"# {article.title}", "", f"*{article.dek}*", ""]
    lines += _section_lines(article.intro)
    for section in article.sections:
        lines += _section_lines(section)
    lines += ["## Sources", ""]
    for source in article.sources:
        title = f"[{source.title}]({source.url})" if source.url else source.title
        meta = ", ".join(x for x in (source.publisher, source.published) if x)
        lines.append(f"{source.number}. {title}" + (f" — {meta}" if meta else ""))
    lines += ["", summary_line(article), ""]
    return "\n".join(lines)
