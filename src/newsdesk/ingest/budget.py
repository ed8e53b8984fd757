"""Time and size budgets for parsing untrusted documents (web pages and feeds).

Two layers, because neither alone is enough:

* **Caps before parsing** (``check_markup``): a linear scan refuses a document with more elements or more
  attributes on one element than any real page or feed has. They stop the known blow-ups early and with a precise
  message: libxml2 checks attributes for duplicates pairwise (a ``<div>`` with 100,000 attributes: 75 s), and
  trafilatura walks a 300,000-element tree several times (over 200 s).
* **A deadline** (``run_bounded``): the parse itself runs in a child process that is killed when it overruns
  ``PARSE_SECONDS`` or grows past ``PARSE_MEMORY_BYTES``. The caps cannot foresee every slow path in three
  third-party parsers (feedparser's e-mail regex is quadratic in an ``<author>``'s length; fuzzing found more), and
  a Python thread cannot be stopped, so only a process gives a hard bound. The children fork from a
  ``forkserver`` that has the parsers imported already: a parse costs a fork (milliseconds), not an import, and
  forking from that single-threaded server is safe even inside the threaded web server.

``NEWSDESK_PARSE_INLINE=1`` parses in-process (no deadline) for debugging a parser with a debugger.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar, cast

from ..errors import InputError

__all__ = [
    "MAX_ATTRIBUTES",
    "MAX_ELEMENTS",
    "MAX_FIELD_BYTES",
    "PARSE_MEMORY_BYTES",
    "PARSE_SECONDS",
    "ParseBudgetError",
    "check_markup",
    "defuse_feed",
    "run_bounded",
]

MAX_ELEMENTS = 30_000  # a long news page has a few thousand elements
MAX_ATTRIBUTES = 1_000  # on any one element; real ones carry a handful
PARSE_SECONDS = 8.0  # under the promised 10 s, leaving time to fork, send the document and read the result
PARSE_MEMORY_BYTES = 3 * 1024**3  # address space of the parsing child: a 10 MB document never needs more

_TAG_START = re.compile(rb"<[A-Za-z]")
# One start tag that runs long (over 4,000 characters without a ">"): only such a tag can hold many attributes.
_LONG_TAG = re.compile(rb"<[A-Za-z][^<>]{4000,}")
_ATTRIBUTE = re.compile(rb"[\s\"'][^\s=<>\"'/]+\s*=")

# Feed fields that hold a name, a date, a link or a title: never more than a line in a real feed. feedparser runs
# regexes over some of them that are quadratic in their length (an <author> of 100 KB took 105 s).
MAX_FIELD_BYTES = 4096
_SHORT_FIELD = re.compile(
    rb"<((?:[\w.-]{1,40}:)?(?:author|name|email|creator|contributor|managingEditor|webMaster|title|category|guid|"
    rb"link|id|uri|pubDate|published|updated|date|language|copyright|generator))(?:\s[^<>]{0,2000})?>",
    re.IGNORECASE,
)
# Numeric character references that name no character (past U+10FFFF, a surrogate, NUL): feedparser raises on
# them (chr() out of range, a surrogate it cannot encode) and the whole feed was lost.
_CHAR_REFERENCE = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,64})|([0-9]{1,64}))(;?)")

T = TypeVar("T")


class ParseBudgetError(InputError):
    """A document over the element or attribute caps, or one whose parse overran its time or memory budget."""


def check_markup(data: bytes | str, name: str) -> None:
    """Refuse markup with more elements, or more attributes on one element, than the caps allow."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    elements = sum(1 for _ in _TAG_START.finditer(raw))
    if elements > MAX_ELEMENTS:
        raise ParseBudgetError(f"{name} has {elements:,} elements; at most {MAX_ELEMENTS:,} are read")
    for tag in _LONG_TAG.finditer(raw):
        attributes = len(_ATTRIBUTE.findall(tag.group()))
        if attributes > MAX_ATTRIBUTES:
            raise ParseBudgetError(
                f"{name} has an element with {attributes:,} attributes; at most {MAX_ATTRIBUTES:,} are read"
            )


def defuse_feed(data: bytes) -> bytes:
    """The feed with its short fields capped at ``MAX_FIELD_BYTES`` and impossible character references replaced.

    Linear in the document's size: each field's end is searched once, and the scan resumes after it.
    """
    data = _CHAR_REFERENCE.sub(_replace_bad_reference, data)
    if not data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00")):  # NUL bytes are text only in UTF-16
        data = data.replace(b"\x00", b"")
    parts: list[bytes] = []
    position = 0
    for opening in _SHORT_FIELD.finditer(data):
        start = opening.end()
        if start <= position or opening.group().endswith(b"/>"):
            continue  # inside a field already capped, or an empty element such as Atom's <link href=".."/>
        closing = data.find(b"</" + opening.group(1), start)
        if closing < 0:
            break  # never closed: the rest is malformed, feedparser reports it
        if closing - start > MAX_FIELD_BYTES:
            content = data[start : start + MAX_FIELD_BYTES]
            # Markup or CDATA cut in half would swallow the rest of the document: such a field is dropped.
            content = (
                b""
                if b"<" in data[start:closing]
                else content[: content.rfind(b"&")]
                if (content.rfind(b"&") > content.rfind(b";"))
                else content
            )
            parts += [data[position:start], content]
            position = closing
    parts.append(data[position:])
    return b"".join(parts)


def _replace_bad_reference(match: re.Match[bytes]) -> bytes:
    hex_digits, decimal_digits, semicolon = match.groups()
    repaired = _repaired_reference(
        hex_digits.decode() if hex_digits else None, decimal_digits.decode() if decimal_digits else None
    )
    return match.group() if repaired is None else repaired.encode("ascii")


_STR_CHAR_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,64})|([0-9]{1,64}))(;?)")


def repair_references(html: str) -> str:
    """``html`` with its numeric character references to what is no text repaired or dropped, as HTML5 reads them.

    One in U+0080-U+009F is the Windows-1252 character the page meant (HTML5's own repair: ``&#x93;`` is a left
    quote); a reference to no character (NUL, a surrogate, past U+10FFFF), a control character or a noncharacter
    (U+FDD0-U+FDEF, U+xFFFE, U+xFFFF) is dropped: none is text, and an XML parser refuses the whole document over
    one (a page with ``&#1;`` was "no article text"). HTML5 reads the first kind as U+FFFD, a mark a reader sees as
    "�" and that stands for nothing the page said. Tab, line feed and carriage return stay.
    """
    if "&#" not in html:
        return html

    def replace(match: re.Match[str]) -> str:
        repaired = _repaired_reference(match.group(1), match.group(2))
        return match.group() if repaired is None else repaired

    return _STR_CHAR_REFERENCE.sub(replace, html)


def _repaired_reference(hex_digits: str | None, decimal_digits: str | None) -> str | None:
    """The text for a numeric reference (a reference, a character or ""), or None to keep it as written."""
    digits = hex_digits or decimal_digits or ""
    value = int(digits, 16 if hex_digits else 10) if len(digits) <= 8 else -1
    if value <= 0 or value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
        return ""
    if value in (0x09, 0x0A, 0x0D):
        return None
    if 0x80 <= value <= 0x9F:
        try:
            return f"&#x{ord(bytes([value]).decode('cp1252')):X};"
        except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: undefined in Windows-1252 too
            return ""
    if value < 0x20 or value == 0x7F or 0xFDD0 <= value <= 0xFDEF or (value & 0xFFFE) == 0xFFFE:
        return " " if value in (0x0B, 0x0C) else ""
    return None


def run_bounded(fn: Callable[..., T], *args: Any, name: str, seconds: float = PARSE_SECONDS) -> T:
    """``fn(*args)`` in a child process, killed after ``seconds``; its exceptions are re-raised here.

    ``fn`` must be a module-level function and its arguments and result picklable.
    """
    if os.environ.get("NEWSDESK_PARSE_INLINE"):
        return fn(*args)
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, fn, args), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            raise ParseBudgetError(
                f"reading {name} took over {seconds:g} s: gave up (the document is built "
                "to be slow to parse, or far larger than a news page)"
            )
        try:
            ok, value, peak = receiver.recv()
            last_parse["peak_rss_kb"] = peak
        except EOFError:  # the child died without an answer: killed for memory, or a crash in C code
            raise ParseBudgetError(f"reading {name} ran out of memory or crashed the parser: gave up") from None
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join(5)
        child.close()
    if ok:
        return cast(T, value)  # what fn returned, through the pipe (Connection.recv gives Any)
    raise value


def _child(sender: Connection, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (PARSE_MEMORY_BYTES, PARSE_MEMORY_BYTES))
    except (ImportError, ValueError, OSError):  # no resource module, or a lower hard limit already set
        pass
    try:
        result: tuple[bool, Any] = (True, fn(*args))
    except InputError as error:
        result = (False, error)
    except MemoryError:
        result = (False, ParseBudgetError("the document needs more memory to parse than a news page ever does"))
    except Exception as error:  # a parser bug must read as a refusal of this document, never as a traceback
        result = (
            False,
            InputError(
                f"the parser failed on this document ({type(error).__name__}: {' '.join(str(error).split())[:200]})"
            ),
        )
    peak = _peak_rss_kb()
    try:
        sender.send((*result, peak))
    except Exception as error:  # an unpicklable result: say so rather than leave the parent waiting
        sender.send((False, InputError(f"the parse result could not be returned: {error}"), peak))
    sender.close()


def _peak_rss_kb() -> int:
    try:
        import resource

        return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    except ImportError:
        return 0


# The peak resident memory of the last parsing child, in KiB (bench/fuzz.py reports it).
last_parse: dict[str, int] = {"peak_rss_kb": 0}

_context_lock = threading.Lock()
_context_cache: list[Any] = []


def _context() -> Any:
    with _context_lock:
        if not _context_cache:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(
                ["newsdesk.ingest.web", "newsdesk.ingest.feeds", "feedparser", "trafilatura"]
            )
            _context_cache.append(context)
        return _context_cache[0]
