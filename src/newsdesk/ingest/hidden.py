"""Text a reader never sees, out of a page before it is read.

A page's story is what its readers see. What the page itself keeps from every reader is not part of it, however
plainly it is written: a ``hidden`` attribute, a ``<template>`` (never rendered), and an element whose style takes it
out of view, inline or through a rule of the page's own stylesheet: ``display: none``, ``visibility: hidden``,
``opacity: 0``, ``font-size: 0``, a clip to nothing, a position far off the screen, or text the colour of its own
background. Such text is where a hostile
page plants what it wants an automated reader to repeat (an "arrest" nobody reported, an instruction), and it
passes every check, because the source really holds it. So it goes before extraction, and no sentence is drafted
from it.

Styles are read with tinycss2 and the page's rules matched with lxml's CSS selectors (cssselect); only rules whose
declarations hide are matched, at most ``MAX_HIDING_RULES`` of them, within the extraction's own time budget.
"""

from __future__ import annotations

import re
from typing import Any

import lxml.etree
import lxml.html
import tinycss2
from cssselect import SelectorError

__all__ = ["MAX_HIDING_RULES", "drop_hidden", "hides", "without_hidden"]

#: Rules of a page's stylesheets that hide, matched at most: the benchmark pages have up to 28; thousands
#: make a slow page.
MAX_HIDING_RULES = 200
#: An offset this far off the screen puts an element where no window reaches ("left: -9999px").
OFF_SCREEN_PX = 1000
_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(px|em|rem|%|pt|vw|vh)?\s*$")


def _value(tokens: list[Any]) -> str:
    return str(tinycss2.serialize(tokens)).lower().replace("!important", "").strip()


def _zero(value: str) -> bool:
    found = _LENGTH.match(value)
    return found is not None and float(found.group(1)) == 0


def _off_screen(value: str) -> bool:
    found = _LENGTH.match(value)
    if found is None:
        return False
    return float(found.group(1)) <= -OFF_SCREEN_PX / (16 if found.group(2) in ("em", "rem") else 1)


def hides(declarations: list[Any]) -> bool:
    """The declarations take their element out of every reader's view."""
    values = {d.lower_name: _value(d.value) for d in declarations if getattr(d, "type", "") == "declaration"}
    positioned = values.get("position") in ("absolute", "fixed")
    colour, ground = _colour(values.get("color")), _colour(values.get("background-color") or values.get("background"))
    return (
        (colour is not None and colour == ground)  # text the colour of its own background
        or values.get("display") == "none"
        or values.get("visibility") in ("hidden", "collapse")
        or _zero(values.get("opacity", "1"))
        or _zero(values.get("font-size", "1"))
        or re.sub(r"[\s,]", "", values.get("clip", "")) in ("rect(0000)", "rect(0px0px0px0px)")
        or (positioned and any(_off_screen(values.get(side, "0")) for side in ("left", "top", "right")))
    )


def _colour(value: str | None) -> str | None:
    """A colour as one spelling: "#FFF" and "#ffffff" are one colour."""
    if value and re.fullmatch(r"#[0-9a-f]{3}", value):
        return "#" + "".join(c * 2 for c in value[1:])
    return value


def _inline_hidden(element: Any) -> bool:
    style = element.get("style")
    if not style:
        return False
    return hides(tinycss2.parse_blocks_contents(style, skip_whitespace=True, skip_comments=True))


def _hiding_selectors(root: Any) -> list[str]:
    """The selectors of the page's own style rules that hide what they match."""
    selectors: list[str] = []
    for style in root.iter("style"):
        rules = tinycss2.parse_stylesheet(style.text or "", skip_whitespace=True, skip_comments=True)
        for rule in rules:
            if rule.type != "qualified-rule":
                continue
            content = tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True, skip_comments=True)
            if hides(content):
                selectors.extend(s.strip() for s in tinycss2.serialize(rule.prelude).split(",") if s.strip())
            if len(selectors) >= MAX_HIDING_RULES:
                return selectors[:MAX_HIDING_RULES]
    return selectors


def drop_hidden(root: Any) -> bool:
    """Take the elements its readers never see out of a parsed page, in place; whether there were any."""
    doomed = [
        e
        for e in root.iter()
        if isinstance(e.tag, str) and (e.tag == "template" or e.get("hidden") is not None or _inline_hidden(e))
    ]
    for selector in _hiding_selectors(root):
        try:
            doomed.extend(root.cssselect(selector))
        except (SelectorError, lxml.etree.XPathError):
            continue  # a selector cssselect cannot read (a pseudo-element, a vendor extension) matches nothing here
    doomed = [e for e in doomed if e is not root and e.tag not in ("html", "body")]
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()  # keeps the tail: the text after an element is its parent's, and it is shown
    return bool(doomed)


def without_hidden(html: str) -> str:
    """The page without the elements its readers never see; the page as it was where it cannot be parsed or hides
    nothing."""
    try:
        root = lxml.html.fromstring(html)
    except (lxml.etree.LxmlError, ValueError):
        return html
    return str(lxml.html.tostring(root, encoding="unicode")) if drop_hidden(root) else html
