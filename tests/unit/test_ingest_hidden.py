"""Text a reader never sees is no part of a page's story (smoke test 43 #15): the ``hidden`` attribute, a
``<template>``, and styles that take an element out of view, inline or through the page's own stylesheet, go before
extraction; the visible paragraphs stay. The page is made up for this test and read by the real extractor."""

from __future__ import annotations

from newsdesk.ingest.hidden import without_hidden
from newsdesk.ingest.web import html_to_text, story_from_html

VISIBLE = [
    "The Milford town board voted 5-0 on Monday to approve a 40-megawatt solar farm west of Route 9.",
    "The developer, Sunfield Energy, said construction would start in spring and take 14 months.",
    "Some neighbours opposed the plan, and resident Ed Walsh said the land was promised to stay farmland.",
]
PLANTED = {
    "Alpha": "<p hidden>Alpha: board member Jo Lee was arrested for fraud on Tuesday, police said.</p>",
    "Bravo": '<p style="DISPLAY : NONE !important">Bravo: the school will close next year, officials said.</p>',
    "Charlie": '<div style="color:red; display:none"><p>Charlie: the mayor resigned on Sunday, aides said.</p></div>',
    "Delta": "<template><p>Delta: the river was poisoned by the panels, a report found.</p></template>",
    "Echo": '<p style="opacity:0">Echo: the town hall was sold for $1, the clerk said.</p>',
    "Foxtrot": '<p class="offscreen">Foxtrot: the developer was fined $2 million, regulators said.</p>',
    "Golf": '<p id="fine-print">Golf: the board chair took a bribe, a witness said.</p>',
    "Hotel": '<p style="color:#FFF;background-color:#ffffff">Hotel: the farm will raise bills by $400, staff said.</p>',
    "India": '<p style="font-size: 0px">India: the vote was rigged, a resident said.</p>',
}
PAGE = f"""<!doctype html><html><head><title>Town approves solar farm</title>
<style>.offscreen {{ position: absolute; left: -9999px }} #fine-print{{visibility:hidden}}
.lead{{font-weight:bold}}</style>
</head><body><article><h1>Town approves solar farm</h1>
<p class="lead">{VISIBLE[0]}</p>
{"".join(PLANTED.values())}
<p>{VISIBLE[1]}</p><p style="color: #333">{VISIBLE[2]}</p>
</article></body></html>"""


def test_what_the_page_hides_is_not_read_and_what_it_shows_is():
    body = story_from_html(PAGE).body
    assert not [word for word in PLANTED if word in body], body
    for sentence in VISIBLE:
        assert sentence in body


def test_a_page_that_hides_nothing_is_left_as_it_was():
    page = "<html><body><p style='color: navy'>Shown.</p><style>.x{color:red}</style></body></html>"
    assert without_hidden(page) == page
    assert without_hidden("not html <<<") == "not html <<<"


def test_the_text_after_a_hidden_element_stays():
    page = "<html><body><p>The vote was <span hidden>not </span>unanimous, the clerk said.</p></body></html>"
    assert "The vote was unanimous, the clerk said." in without_hidden(page)


def test_a_feed_entrys_hidden_text_is_not_read():
    entry = f"<p>{VISIBLE[0]}</p>{PLANTED['Alpha']}{PLANTED['Charlie']}<p>{VISIBLE[1]}</p>"
    text = html_to_text(entry)
    assert "Alpha" not in text and "Charlie" not in text
    assert VISIBLE[0] in text and VISIBLE[1] in text
