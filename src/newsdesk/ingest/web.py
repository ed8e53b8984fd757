"""Stories from web pages: fetched through the guard (``fetch.py``) and read with trafilatura.

Extraction is a fallback chain; each stage runs only when the one before it under-delivered:

1. trafilatura's default extraction (main text, paragraphs kept, comments dropped) with its metadata;
2. the same with ``favor_recall`` when the body is thin (under ``THIN_BODY_CHARS``);
3. the page's own description (``og:description`` / ``<meta name=description>``) put in front of a thin body;
4. nothing usable: an ``InputError`` saying so.

The page is read within the caps and the deadline of ``budget.py`` (in a child process): a page built to be slow
to parse is refused with a one-line error, never parsed for minutes.

The language is the page's declared one (``<html lang>``, ``og:locale``, ``Content-Language``), else a guess
from its function words (``newsdesk.langid``), so non-English pages are stored with their language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from html import unescape
from typing import Any

import lxml.etree
import lxml.html

from ..errors import FetchError, InputError
from ..langid import guess_language
from ..models import Story
from ..text import visible
from .budget import check_markup, repair_references, run_bounded
from .clean import clean_story
from .fetch import FEED_TYPES, HTML_TYPES, Fetcher
from .guard import shorten_url
from .hidden import drop_hidden, without_hidden
from .sniff import FeedNotStory, looks_like_feed
from .text import published_date

__all__ = ["guess_language", "html_to_text", "story_from_html", "story_from_url"]

THIN_BODY_CHARS = 400  # a body shorter than this is "thin": try harder, then lean on the page's description
MAX_HEADLINE_CHARS = 300

# Tags whose start and end break a paragraph when HTML is turned into text.
BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
        "body",
        "html",
    }
)
DROP_TAGS = frozenset({"script", "style", "noscript", "template", "iframe", "svg", "object", "embed", "head", "title"})


_DOCUMENT = re.compile(r"<(?:html|body)\b", re.IGNORECASE)


def story_from_url(url: str, allow_private: bool = False, fetcher: Fetcher | None = None) -> Story:
    """Fetch ``url`` through the SSRF guard and extract its story."""
    fetcher = fetcher or Fetcher(allow_private=allow_private)
    # a feed's types are let through, to say what the address is (a feed: watch it) rather than "is application/xml"
    result = fetcher.get(url, accept=HTML_TYPES + FEED_TYPES, what="web page")
    if looks_like_feed(result.content):
        raise FeedNotStory(url)
    if result.content_type in FEED_TYPES:  # XML that is no feed (a sitemap): no page either
        raise FetchError(f"{shorten_url(result.url)} is {result.content_type}, not a web page")
    if not result.content.strip():
        raise InputError(f"{url} is an empty page")
    story = story_from_html(result.text(), url=result.url, name=url)
    story.origin = "url"
    return story


def story_from_html(html: str, url: str | None = None, name: str = "page") -> Story:
    """The story in a page's HTML, as the archive keeps it: ``extract_page`` with page furniture taken out."""
    return clean_story(extract_page(html, url, name))


def extract_page(html: str, url: str | None = None, name: str = "page") -> Story:
    """What the extractor reads off a page: title, author, date, site, language and the main text (paragraphs
    kept), furniture and all. ``bench/extract.py`` scores this against hand-made extractions."""
    if not html.strip():
        raise InputError(f"{name} is empty")
    check_markup(html, name)
    html = repair_references(visible(html))  # a control character, as such or as &#1;, is no text: lxml refuses it
    page = run_bounded(_extract, html, url, name=name)
    if page is None:
        raise InputError(f"found no article text in {name}")
    return page.make_visible()


@dataclass
class _Meta:
    """What the page says about itself in its ``<head>``: the fallbacks for trafilatura's metadata."""

    title: str | None = None
    description: str | None = None
    language: str | None = None
    site: str | None = None
    published: str | None = None


def _extract(html: str, url: str | None) -> Story | None:
    html = _strip_xml_declaration(html)
    if not _DOCUMENT.search(html[:20_000]):
        html = f"<html><body>{html}</body></html>"  # a fragment ("<div><p>..."): trafilatura reads only documents
    html = without_hidden(html)
    doc = _trafilatura(html, url, favor_recall=False)
    text = _paragraphs(doc.text if doc else "")
    if len(text) < THIN_BODY_CHARS:  # stage 2
        recall = _trafilatura(html, url, favor_recall=True)
        recall_text = _paragraphs(recall.text if recall else "")
        if len(recall_text) > len(text):
            doc, text = recall or doc, recall_text
    meta = _head_meta(html)
    description = _clean(getattr(doc, "description", None) or meta.description)
    if len(text) < THIN_BODY_CHARS and description and description not in text:  # stage 3
        text = f"{description}\n\n{text}".strip()
    if not text.strip():
        return None
    author = _clean_author(getattr(doc, "author", None))
    site = _clean(getattr(doc, "sitename", None)) or meta.site
    title = _clean(getattr(doc, "title", None) or meta.title)
    # the names the page's metadata gives, not trafilatura's sitename: that may be guessed from the title's last part
    title = _without_masthead(title, [author, meta.site]) if title else _first_words(text)
    text = _without_leading_title(text, title)
    return Story(
        headline=title[:MAX_HEADLINE_CHARS],
        body=text,
        url=url or _clean(getattr(doc, "url", None)) or None,
        published=_clean(getattr(doc, "date", None)) or meta.published,
        source=site,
        author=author,
        language=_language_tag(getattr(doc, "language", None)) or meta.language or guess_language(text),
        origin="html",
    )


def _trafilatura(html: str, url: str | None, favor_recall: bool) -> Any:
    import trafilatura

    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            favor_recall=favor_recall,
            date_extraction_params=_date_params(),
        )
    except (ValueError, TypeError, lxml.etree.LxmlError):  # trafilatura rarely raises; a broken page is "no text"
        return None


def _date_params() -> dict[str, Any]:
    """htmldate reads the page's date from its markup only (meta tags, ``<time>``, JSON-LD, the URL): its
    ``extensive_search`` would otherwise take a year in the running text ("approved in 2023") as the publication
    date (2023-01-01). A page that does not state its date has none; a guessed date is worse than no date."""
    return {"original_date": True, "extensive_search": False, "max_date": date.today().isoformat()}


def _head_meta(html: str) -> _Meta:
    meta = _Meta()
    try:
        root = lxml.html.fromstring(html)
    except (lxml.etree.LxmlError, ValueError):
        return meta
    values: dict[str, str] = {}
    for element in root.iter("meta"):
        key = (element.get("property") or element.get("name") or element.get("http-equiv") or "").strip().lower()
        content = (element.get("content") or "").strip()
        if key and content and key not in values:
            values[key] = content
    title_element = root.find(".//title")
    meta.title = values.get("og:title") or (title_element.text_content().strip() if title_element is not None else None)
    meta.description = values.get("og:description") or values.get("description") or values.get("twitter:description")
    meta.site = values.get("og:site_name")
    meta.published = published_date(values.get("article:published_time") or values.get("date") or "")
    html_element = root if root.tag == "html" else root.getroottree().getroot()
    declared = (
        html_element.get("lang")
        or html_element.get("{http://www.w3.org/XML/1998/namespace}lang")
        or values.get("content-language")
        or values.get("og:locale")
        or values.get("language")
    )
    meta.language = _language_tag(declared)
    return meta


def html_to_text(html: str) -> str:
    """Readable text from an HTML fragment or page: one paragraph per block element, blank lines between."""
    html = repair_references(_CONTROL_CHARS.sub(" ", html or ""))
    if not html.strip():
        return ""
    if "<" not in html:
        return _paragraphs(unescape(html))
    try:
        root = lxml.html.fromstring(_strip_xml_declaration(html))
    except (lxml.etree.LxmlError, ValueError):
        return _paragraphs(re.sub(r"<[^>]*>", " ", html))
    drop_hidden(root)
    parts: list[str] = []
    skip_depth = 0
    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.rsplit("}", 1)[-1].lower()
        if event == "start":
            if tag in DROP_TAGS or not tag:
                skip_depth += 1
                continue
            if skip_depth:
                continue
            if tag in BLOCK_TAGS:
                parts.append("\n\n")
            elif tag == "br":
                parts.append("\n")
            if element.text:
                label_dash = _OWN_DASH.search(element.text) if _bold_paragraph_opening(element, tag) else None
                parts.append(element.text[: label_dash.start()] if label_dash else element.text)
        else:
            if tag in DROP_TAGS or not tag:
                skip_depth -= 1
            elif not skip_depth and tag in BLOCK_TAGS:
                parts.append("\n\n")
            if not skip_depth and element.tail and element is not root:
                tail = str(element.tail)
                if dash := _run_in_head_dash(element, tag):  # the rest of the paragraph is one of its own
                    parts.append("\n\n")
                    tail = tail[dash.end() :]
                parts.append(tail)
    return _paragraphs("".join(parts))


_RUN_IN_DASH = re.compile(r"^\s*[\u2014\u2013]\s*")
_OWN_DASH = re.compile(r"\s*[\u2014\u2013]\s*$")  # the head's dash inside the bold: "<b>The risks — </b>The ..."


def _bold_paragraph_opening(element: Any, tag: str) -> bool:
    parent = element.getparent()
    return (
        tag in ("strong", "b")
        and parent is not None
        and parent[0] is element
        and not (parent.text or "").strip()
        and bool((element.text or "").strip())
        and len(element) == 0
    )


def _run_in_head_dash(element: Any, tag: str) -> re.Match[str] | None:
    """The dash after ``element`` when it is a run-in head: a bold label that opens a paragraph, parted from the
    text by a dash, after the bold or inside it ("**World models** — When Google hired ...", "**The risks —** The
    report ..."). That is typography, like a heading, not the first words of the sentence; left inline, it becomes
    the subject of that sentence for every reader after ingest."""
    if not _bold_paragraph_opening(element, tag):
        return None
    if _OWN_DASH.search(element.text) and element.tail and element.tail.strip():
        return re.match(r"\s*", str(element.tail))  # the dash went with the label; the text starts here
    return _RUN_IN_DASH.match(str(element.tail or ""))


_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _paragraphs(text: str) -> str:
    """Paragraphs separated by one blank line, whitespace inside each collapsed."""
    lines = (" ".join(line.split()) for line in re.split(r"\n\s*\n|\n", text or ""))
    return "\n\n".join(line for line in lines if line)


def _without_leading_title(text: str, title: str) -> str:
    """The body without a first paragraph that only repeats the headline (the page's <h1> inside the article)."""
    first, _, rest = text.partition("\n\n")
    if rest.strip() and _comparable(first) == _comparable(title):
        return rest
    return text


def _comparable(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _strip_xml_declaration(html: str) -> str:
    # lxml refuses str input that carries an encoding declaration.
    return re.sub(r"^\s*<\?xml[^>]*\?>", "", html, count=1)


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


# A title's last part after a bar or a spaced dash: where it names who made the page, it is no part of the headline.
_LAST_PART = re.compile(r"\s+(?:\||[-\u2013\u2014])\s+([^|\u2013\u2014]+)$")


def _without_masthead(title: str, names: list[str | None]) -> str:
    """``title`` without a last part after a bar or a spaced dash that names the page's author or site ("... |
    Eleanor Ainge Roy", "... - The Daily Post"). A page's ``<title>`` appends its byline or masthead to the
    headline, and the page says elsewhere (its author and site metadata) who those are; the headline is what
    comes before. A last part that is not one of the page's own names is the headline's ("... - but challenges
    remain") and stays."""
    own = {" ".join(name.lower().split()) for value in names if value for name in value.split(";") if name.strip()}
    while (match := _LAST_PART.search(title)) and match.start() > 0:
        part = " ".join(match.group(1).lower().split())
        if part not in own and part.removeprefix("the ") not in {n.removeprefix("the ") for n in own}:
            break
        title = title[: match.start()].rstrip()
    return title


def _clean_author(value: Any) -> str | None:
    """trafilatura joins bylines with ``;`` and sometimes repeats one in capitals; keep each name once."""
    value = _clean(value)
    if not value:
        return None
    names: list[str] = []
    for name in value.split(";"):
        name = name.strip()
        if name and name.lower() not in {n.lower() for n in names} and name.lower() not in {"username", "admin"}:
            names.append(name)
    return "; ".join(names) or None


def _language_tag(value: Any) -> str | None:
    """``en-US``, ``fr_FR`` -> ``en``, ``fr``: the primary subtag, lower case."""
    value = _clean(value)
    if not value:
        return None
    primary = re.split(r"[-_,\s]", value.strip().lower(), maxsplit=1)[0]
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


def _first_words(text: str, limit: int = 12) -> str:
    words = text.split()
    return " ".join(words[:limit]) + ("…" if len(words) > limit else "")
