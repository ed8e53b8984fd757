"""How the coverage differs, on the two-outlet ferry story of Smoke test 39a: each outlet's sentences are checked
against what that outlet says, attribution is no hedge, and an outlet's block gives its latest figure. The real
embedded model, real SQLite, the real command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import TINY_TEMPLATE, run_newsdesk
from newsdesk.threads.coverage import TOLD_WITH_A_HEDGE

COAST = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Top Stories | Coast News</title><link>https://www.coastnews.example/</link><description>x</description>
<item>
<title>Ferry capsizes off Port Elm, killing 12</title>
<link>https://www.coastnews.example/2026/02/16/ferry-capsizes</link>
<guid>https://www.coastnews.example/2026/02/16/ferry-capsizes</guid>
<pubDate>Mon, 16 Feb 2026 10:00:00 GMT</pubDate>
<description><![CDATA[
<p>A passenger ferry capsized off Port Elm on Monday morning, killing 12 people, the coast guard said.</p>
<p>The ferry Marisol was carrying 85 passengers when it overturned in high winds near the harbour mouth.</p>
<p>Coast guard commander Lena Ortiz said 61 passengers had been rescued and divers were searching for the rest.</p>
<p>The ferry operator, Blue Line Shipping, said the vessel had passed a safety inspection in January.</p>
]]></description>
</item></channel></rss>
"""
HARBOR = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>The Harbor Times: World</title><link>https://www.harbortimes.example/world</link><description>x</description>
<item>
<title>Port Elm ferry disaster: at least 14 dead</title>
<link>https://www.harbortimes.example/news/port-elm-ferry</link>
<guid>https://www.harbortimes.example/news/port-elm-ferry</guid>
<pubDate>Mon, 16 Feb 2026 15:00:00 GMT</pubDate>
<description><![CDATA[
<p>A passenger ferry capsized off Port Elm on Monday, killing 14 people, according to local officials.</p>
<p>The ferry Marisol was reportedly carrying 85 passengers when it overturned in high winds near the harbour mouth.</p>
<p>Coast guard commander Lena Ortiz said 61 passengers had been rescued.</p>
<p>Mayor Daniel Brooks of Port Elm said the harbour would stay closed until Friday.</p>
]]></description>
</item></channel></rss>
"""
FOLLOW_UP = """Port Elm ferry toll rises to 16 as divers recover more bodies
Source: https://www.coastnews.example/2026/02/17/ferry-toll-rises
Date: 2026-02-17
Publisher: Coast News

The death toll from the capsizing of the ferry Marisol off Port Elm rose to 16 on Tuesday, the coast guard said.

Coast guard commander Lena Ortiz said divers had recovered four more bodies and 8 passengers were still missing.

Mayor Daniel Brooks of Port Elm said the harbour would now stay closed until next Wednesday.

Blue Line Shipping said it had suspended all ferry services while the inquiry continued.
"""
PLAIN = "The ferry Marisol was carrying 85 passengers when it overturned in high winds near the harbour mouth."


def _blocks(article: dict[str, Any]) -> dict[str, list[tuple[str | None, str]]]:
    """Outlet -> (label, sentence) of the coverage section, each sentence checked to cite its outlet."""
    coverage = next(sec for sec in article["sections"] if sec["id"] == "coverage")
    publisher = {s["number"]: s["publisher"] for s in article["sources"]}
    outlet = ""
    shown: dict[str, list[tuple[str | None, str]]] = {}
    for block in coverage["blocks"]:
        if block["type"] == "subheading":
            outlet = block["sentences"][0]["text"]
            continue
        for sentence in block["sentences"]:
            assert outlet in {publisher[c["source"]] for c in sentence["citations"]}, "cited to the outlet named"
            shown.setdefault(outlet, []).append((block.get("label"), sentence["text"]))
    return shown


def test_each_outlet_is_checked_against_its_own_words_and_attribution_is_no_hedge(tmp_path: Path) -> None:
    db = tmp_path / "ferry.db"
    (tmp_path / "coast.xml").write_text(COAST, encoding="utf-8")
    (tmp_path / "harbor.xml").write_text(HARBOR, encoding="utf-8")
    assert run_newsdesk("ingest", str(tmp_path / "coast.xml"), str(tmp_path / "harbor.xml"), db=db).returncode == 0
    written = run_newsdesk("write", "2", "--template", str(TINY_TEMPLATE), "--format", "json", db=db)
    assert written.returncode == 0, written.stderr.decode()
    article = json.loads(written.stdout)
    shown = _blocks(article)
    assert set(shown) == {"Coast News", "The Harbor Times"}

    # 39a #2: Coast News states it plainly, word for word; The Harbor Times's "reportedly" is not Coast News's hedge
    assert PLAIN in [text for _, text in shown["Coast News"]], shown
    assert not [d for d in article["dropped"] if d["section"] == "coverage" and d["text"] == PLAIN]

    # 39a #3: "the coast guard said" and "according to local officials" are both attribution, neither a hedge
    for outlet, figure in (("Coast News", "killing 12 people"), ("The Harbor Times", "killing 14 people")):
        told = [label for label, text in shown[outlet] if figure in text]
        assert told and told[0] != TOLD_WITH_A_HEDGE, (outlet, shown[outlet])
    # both outlets name Lena Ortiz and give 61 rescued: it sets neither apart
    assert not any("Lena Ortiz" in text for texts in shown.values() for _, text in texts), shown

    # 39a #3: after Coast News's follow-up, its block gives its latest toll, not the one it replaced
    (tmp_path / "follow-up.md").write_text(FOLLOW_UP, encoding="utf-8")
    assert run_newsdesk("ingest", str(tmp_path / "follow-up.md"), db=db).returncode == 0
    updated = run_newsdesk("update", str(article["id"]), "--template", str(TINY_TEMPLATE), "--format", "json", db=db)
    assert updated.returncode == 0, updated.stderr.decode()
    coast = [text for _, text in _blocks(json.loads(updated.stdout)).get("Coast News", [])]
    assert any("rose to 16" in text for text in coast), coast
    assert not any("killing 12" in text for text in coast), coast


GAZETTE = """Kessel mine collapse: death toll rises as rescuers reach lower galleries
Date: 2026-03-03
Publisher: Valley Gazette

The death toll from the Kessel mine collapse rose to 9 on Tuesday, according to the mining authority.

The Ridge Courier, citing union officials, put the toll at 12. The mining authority did not confirm that figure.

Mayor Ilse Varga said every family of the missing miners would be housed near the pit head.

The regional government said it would release 2 million euros to the families, but the money has not been approved.
"""
COURIER = """Kessel mine: 12 miners dead as families wait at the pit head
Date: 2026-03-04
Publisher: Ridge Courier

At least 12 miners were killed in the Kessel mine collapse, union officials said, and 5 are still missing.

The mining authority has given a lower toll of 9 and said it could not confirm the union's figure.

Union leader Pavel Dorn said the mine's ventilation had not been inspected since the spring.

Mayor Ilse Varga said the families of the missing would be housed near the pit head.
"""


def test_an_update_sets_two_outlets_tolls_side_by_side(tmp_path: Path) -> None:
    """Smoke test 44 #9: after a second outlet's report joined the thread, the update said the accounts "differ in
    no figure", though one gave the authority's toll (rose to 9) and the other the union's (12 killed) and the
    authority's lower one. The section names the outlet and, in its words, the party giving each figure."""
    db = tmp_path / "mine.db"
    (tmp_path / "gazette.txt").write_text(GAZETTE, encoding="utf-8")
    (tmp_path / "courier.txt").write_text(COURIER, encoding="utf-8")
    first = run_newsdesk("write", str(tmp_path / "gazette.txt"), "--template", str(TINY_TEMPLATE), db=db)
    assert first.returncode == 0, first.stderr.decode()
    assert run_newsdesk("ingest", str(tmp_path / "courier.txt"), db=db).returncode == 0
    updated = run_newsdesk("update", "1", "--template", str(TINY_TEMPLATE), "--format", "json", db=db)
    assert updated.returncode == 0, updated.stderr.decode()
    article = json.loads(updated.stdout)
    assert not any("differ in no figure" in note for note in article.get("notes", [])), article.get("notes")
    shown = {outlet: [text for _, text in found] for outlet, found in _blocks(article).items()}
    assert any("rose to 9" in text and "mining authority" in text for text in shown.get("Valley Gazette", [])), shown
    courier = shown.get("Ridge Courier", [])
    assert any("12 miners were killed" in text and "union officials" in text for text in courier), shown
