"""Stories from plain text, Markdown and JSON.

Text/Markdown: the first non-empty line is the headline (a leading ``#`` is dropped), the rest the body (a file
whose only line holds several sentences is a story without a headline: its first sentence heads it);
``Source: URL`` and ``Date: YYYY-MM-DD`` lines anywhere before the body (or ``Publisher:``/``Author:``) are
metadata. Inline Markdown is read as what it shows (``plain_inline``): "**bold**" is "bold", a link its text, an
image nothing. JSON: ``{"headline", "body", "url", "published", "source"}``.
"""

from __future__ import annotations

import codecs
import json
import re
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from ..errors import InputError
from ..models import Story, web_url
from ..sentences import split_sentences

MAX_STORY_BYTES = 5_000_000  # a news story is kilobytes; anything this large is a mistake or an attack

_META = re.compile(r"^\s*(source|url|date|published|publisher|author|by)\s*:\s*(.+?)\s*$", re.IGNORECASE)
# a value meant as a link: a scheme and "//", or http(s) and a colon ("Source: Reuters" is a publisher's name)
_LOOKS_LIKE_URL = re.compile(r"\s*(?:[a-z][a-z0-9+.-]*://|https?:)", re.IGNORECASE)
_META_FIELD = {
    "source": "url",
    "url": "url",
    "date": "published",
    "published": "published",
    "publisher": "source",
    "author": "author",
    "by": "author",
}


def decode_bytes(data: bytes, name: str) -> str:
    """UTF-8 (or UTF-16 with a BOM) text, refusing binary files with a clear message; a terminal's escape sequences
    taken out whole (``_ESCAPE_SEQUENCE``)."""
    return _ESCAPE_SEQUENCE.sub("", _decoded(data, name))


# A control sequence of a terminal (ECMA-48 CSI: ESC "[", parameter bytes, intermediate bytes, a final byte, as in
# the colour code "\x1b[31m"), pasted with text from a terminal: one instruction to the terminal, no text, so it goes
# whole; ``text.visible`` would only blank its ESC and leave "[31m" in the story.
_ESCAPE_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")


def _decoded(data: bytes, name: str) -> str:
    refuse_binary(data, name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:  # cut short by a byte, or an unpaired surrogate
            raise InputError(f"{name} is damaged UTF-16 text ({error.reason} at byte {error.start:,})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # a byte that is no part of a UTF-8 sequence is one of a single-byte encoding, windows-1252 as browsers read
        # it: a Latin-1 file throughout, or a UTF-8 one with a Latin-1 line pasted in ("Caf\xe9" in a headline over
        # a UTF-8 body), which a decoding of the whole file either way would refuse or garble
        text = data.decode("utf-8-sig", errors=_BYTE_AS_WINDOWS_1252)
        if sum(ch.isprintable() or ch.isspace() for ch in text) < 0.95 * len(text):
            raise InputError(f"{name} looks like a binary file, not text") from None
        return text


# Control bytes that no text uses (C0 but tab, line feed, vertical tab, form feed and carriage return; DEL).
_CONTROL_BYTES = frozenset(range(0x00, 0x09)) | frozenset(range(0x0E, 0x20)) | {0x7F}
# The share of control bytes past which bytes are no text: a binary format is full of them (compressed data is
# random bytes, about 12% of them control bytes; executables and UTF-16 without a BOM are NUL every other byte or
# more); text has a few only as debris of copy and paste or terminal colours.
BINARY_CONTROL_SHARE = 0.01
_SAMPLE = 8192


def refuse_binary(data: bytes, name: str) -> None:
    """An InputError for bytes no story is: over MAX_STORY_BYTES, or more than ``BINARY_CONTROL_SHARE`` of control
    bytes in the first 8 KiB (outside UTF-16 with a BOM). One stray control byte (a NUL pasted with the text) does not
    make a text binary (smoke 45 F19): the text is read, and ``text.visible`` turns the control character into a
    space, as it does at every entry point."""
    if len(data) > MAX_STORY_BYTES:
        raise InputError(f"{name} is {len(data):,} bytes; a story may be at most {MAX_STORY_BYTES:,}")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return
    sample = data[:_SAMPLE]
    controls = sum(byte in _CONTROL_BYTES for byte in sample)
    if controls > 1 and controls > BINARY_CONTROL_SHARE * len(sample):
        raise InputError(
            f"{name} looks like a binary file, not text ({controls:,} control bytes in its first {len(sample):,})"
        )


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
# Labels that mean windows-1252 to a browser (WHATWG Encoding): a page "in ISO-8859-1" uses its 0x80-0x9F bytes
_WINDOWS_1252_LABELS = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "cp819", "us-ascii", "ascii"})
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def decode_html(data: bytes, charset: str | None = None) -> str:
    """A web page's bytes as text, as a browser reads them (WHATWG Encoding, simplified), for a fetched page
    (``charset`` from its Content-Type) and a saved one alike: a byte-order mark; else the declared charset, the
    HTTP header's then the ``<meta charset>``'s, the first that decodes; else UTF-8; else windows-1252.

    A label that names no codec, or a codec that fails (``undefined``, ``punycode``: plain UnicodeError), counts
    as no label. A page whose label is wrong and that is not UTF-8 is read as windows-1252, the browsers' fallback,
    never as a statistical guess: a guess read a Latin-1 page as cp1250 ("Ségolčne"), where the same bytes from
    a file read right (Smoke test 39b #4, #10)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                break  # a damaged BOM'd page: the labels and fallbacks below
    labels = [charset] if charset else []
    match = _META_CHARSET.search(data[:4096])
    if match:
        labels.append(match.group(1).decode("ascii", "ignore"))
    for number, label in enumerate(labels):
        label = label.strip().lower()
        if number == len(labels) - 1 and match and label.startswith("utf-16"):
            label = "utf-8"  # a <meta> found in ASCII bytes is in no UTF-16 page (WHATWG reads it as UTF-8)
        try:
            return _windows_1252(data) if label in _WINDOWS_1252_LABELS else data.decode(label)
        except (LookupError, UnicodeError):
            continue
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _windows_1252(data)


def _windows_1252(data: bytes) -> str:
    """windows-1252 as WHATWG defines it: the five bytes cp1252 leaves undefined are the C1 controls (as Latin-1),
    so it decodes any bytes."""
    return codecs.charmap_decode(data, "strict", _WINDOWS_1252_TABLE)[0]


def _byte_as_windows_1252(error: UnicodeError) -> tuple[str, int]:
    """The codec error handler of ``_BYTE_AS_WINDOWS_1252``: the bytes UTF-8 cannot read, read as windows-1252."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return _windows_1252(error.object[error.start : error.end]), error.end


_BYTE_AS_WINDOWS_1252 = "newsdesk-byte-as-windows-1252"
codecs.register_error(_BYTE_AS_WINDOWS_1252, _byte_as_windows_1252)

_WINDOWS_1252_TABLE = "".join(bytes([byte]).decode("cp1252", "ignore") or chr(byte) for byte in range(256))


MAX_ANCHOR_WORDS = 8
_INLINE_MARKUP = re.compile(r"[*_`\[\]<\\!]")  # a line without these has no inline Markdown to read


@cache
def _inline_parser() -> Any:
    """The CommonMark parser, made on first use: most stories hold no inline Markdown, and every command imports
    this module."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def plain_inline(line: str) -> str:
    """A line with its inline Markdown read as the text it shows (CommonMark, markdown-it-py): emphasis marks
    and backslash escapes go, a link that is an anchor leaves its text and not its address, an image leaves nothing
    (an image's words are a caption, never the story's). Inline HTML is no Markdown of a story's and stays as
    written, as the screen reads it ("<developer>...</developer>"). Block markers ("## ", "- ", "1. ") are not
    inline and stay, for the story's paragraphs to be read from; an asterisk that opens no emphasis stays too."""
    if not _INLINE_MARKUP.search(line):
        return line
    shown: list[str] = []
    for token in _inline_parser().parseInline(line):
        children = token.children or []
        for at, child in enumerate(children):
            if child.type in ("text", "code_inline", "html_inline"):
                shown.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                shown.append(" ")
            elif child.type == "link_open" and not _an_anchor(children, at):
                return line  # a link whose text is a text of its own: kept as written (see ``_an_anchor``)
    return "".join(shown)


def _an_anchor(children: list[Any], at: int) -> bool:
    """Whether the link opening at ``children[at]`` is an anchor: a few words that name what it links to ("the
    [port office](...)"). A link text that is a sentence or more is a text of its own, which a reader, and the
    injection screen, read apart from the sentence around it; reading it into that sentence would hide it."""
    words: list[str] = []
    for child in children[at + 1 :]:
        if child.type == "link_close":
            break
        words += child.content.split()
    return len(words) <= MAX_ANCHOR_WORDS and not any(w.endswith((".", "!", "?", ":", ";")) for w in words)


def parse_text_story(text: str, name: str = "input") -> Story:
    lines = [plain_inline(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    headline = ""
    meta: dict[str, str] = {}
    body_lines: list[str] = []
    in_body = False
    for line in lines:
        if not headline:
            if line.strip():
                headline = re.sub(r"^\s*#+\s*", "", line).strip()
            continue
        match = _META.match(line) if not in_body else None
        if match and _META_FIELD[match.group(1).lower()] not in meta:
            meta[_META_FIELD[match.group(1).lower()]] = match.group(2)
            continue
        if line.strip():
            in_body = True
        body_lines.append(line)
    body = "\n".join(body_lines).strip()
    if not headline:
        raise InputError(f"{name} is empty: give a headline on the first line and the story below it")
    if not body and len(sentences := split_sentences(headline)) > 1:
        # a headline is one line of at most one sentence: a first line of several is the story, given without
        # one (a wire story pasted as a paragraph), and its lead, which news writes to say what happened, heads it
        headline, body = sentences[0], headline
    if not body:
        raise InputError(f"{name} has a headline but no body: write the story below the first line")
    url = meta.get("url")
    if url and not web_url(url):
        if _LOOKS_LIKE_URL.match(url):
            # a link that leads nowhere is refused, as a JSON story's "url" is (Smoke test 39b #9: "http://[::1"
            # was stored, and cited as the article's source)
            raise InputError(f"{name}: a Source: line must give an http:// or https:// address, not {url[:60]!r}")
        # "Source: Reuters" names a publisher, not a link.
        meta["source"], url = meta.get("source", url), None
    return Story(
        headline=headline,
        body=body,
        url=url,
        published=_iso_date(meta.get("published")),
        source=meta.get("source"),
        author=meta.get("author"),
        origin="text",
    )


_STORY_KEYS = {"headline", "body", "url", "published", "source", "author", "language", "title", "text"}


def parse_json_story(text: str, name: str = "input") -> Story:
    try:
        data = json.loads(text, object_hook=_without_surrogates)
    except json.JSONDecodeError as error:
        # json's message for a raw control character ends on its own "at": said once
        where = f"at line {error.lineno}, column {error.colno}"
        raise InputError(f"{name} is not valid JSON: {error.msg.removesuffix(' at')} {where}") from error
    except RecursionError:
        raise InputError(f"{name} nests too deeply to be a story") from None
    if not isinstance(data, dict):
        raise InputError(f'{name} must hold a JSON object with "headline" and "body"')
    # "id", "origin" and "passages" are what `archive show --format json` adds: its output is a story to write.
    unknown = set(data) - _STORY_KEYS - {"id", "origin", "passages"}
    if unknown:
        raise InputError(
            f"{name} has unknown keys: {', '.join(sorted(unknown))} (a story's keys are headline, body, url, "
            "published, source, author and language)"
        )
    headline = data.get("headline") or data.get("title")
    body = data.get("body") or data.get("text")
    if not isinstance(headline, str) or not headline.strip():
        raise InputError(f'{name} needs a non-empty "headline" string')
    if not isinstance(body, str) or not body.strip():
        raise InputError(f'{name} needs a non-empty "body" string')
    for key in ("url", "published", "source", "author", "language"):
        if data.get(key) is not None and not isinstance(data[key], str):
            raise InputError(f'{name}: "{key}" must be a string')
    if (data.get("url") or "").strip() and web_url(data["url"]) is None:
        raise InputError(f'{name}: "url" must be an http:// or https:// address, not {data["url"][:60]!r}')
    return Story(
        headline=headline.strip(),
        body=body.strip(),
        url=data.get("url"),
        published=_iso_date(data.get("published")),
        source=data.get("source"),
        author=data.get("author"),
        language=data.get("language"),
        origin="json",
    )


_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(data: dict[str, Any]) -> dict[str, Any]:
    """JSON's ``\\ud800`` escapes decode to lone surrogates, which no UTF-8 file or database can store: U+FFFD."""
    return {key: _SURROGATE.sub("\ufffd", value) if isinstance(value, str) else value for key, value in data.items()}


def parse_story_text(text: str, name: str = "input") -> Story:
    """JSON when it looks like a JSON object, else text/Markdown."""
    if text.lstrip().startswith("{") or (name.lower().endswith(".json") and text.lstrip().startswith("[")):
        return parse_json_story(text, name)  # a .json file holding a list is a JSON mistake, not a headline
    return parse_text_story(text, name)


def _iso_date(value: str | None) -> str | None:
    """The story's publication date as an ISO date (``published_date``), or None when none is given; a date
    that cannot be read is an error, never stored as it was written (a "published" of "yesterday" is no date a
    thread's window or a feed out can use)."""
    if not value or not value.strip():
        return None
    value = value.strip()
    read = published_date(value)
    if read is None and published_date(value, today=date.max - timedelta(days=1)) is not None:
        raise InputError(f"the published date {value[:40]!r} is after tomorrow: a story is published by now")
    if read is None:
        raise InputError(
            f"the published date {value[:40]!r} is not a date newsdesk can read: give it as YYYY-MM-DD "
            "(a year from 1000 on, and not after tomorrow)"
        )
    return read


#: Written dates read besides ISO ones: "17 February 2026", "February 17, 2026", "Feb 17 2026".
_WRITTEN_DATES = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y")


def published_date(value: str, today: date | None = None) -> str | None:
    """``value`` read as a publication date (YYYY-MM-DD): an ISO date or date-time, an RFC 2822
    date (a feed's or an e-mail's), or a date written out in English; None when it is none of these, or names a
    day no story can have been published on: before the year 1000 or after tomorrow (a clock a day ahead of the
    reader's is a time zone; a year 9999 is a typo, and would keep its thread first in every list for ever)."""
    from email.utils import parsedate_to_datetime

    text = " ".join(value.split())
    day: date | None = None
    if re.match(r"[1-9]\d{3}-\d{2}-\d{2}(?!\d)", text):
        try:
            day = date.fromisoformat(text[:10])
        except ValueError:
            return None
    else:
        try:
            day = parsedate_to_datetime(text).date()
        except (TypeError, ValueError, IndexError):
            for form in _WRITTEN_DATES:
                try:
                    day = datetime.strptime(text.rstrip("."), form).date()
                    break
                except ValueError:
                    continue
        if day is None:
            return None
    if day.year < 1000 or day > (today or date.today()) + timedelta(days=1):
        return None
    return day.isoformat()
