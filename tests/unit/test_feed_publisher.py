"""A feed's outlet is named as the feed or its site names itself, not as its title names a section of it."""

from __future__ import annotations

from newsdesk.ingest.feeds import parse_feed


def _channel(title: str, link: str, item_link: str = "https://www.harbortimes.example/news/a") -> bytes:
    return (
        f"""<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>{link}<description>x</description>
<item><title>Ferry capsizes</title><link>{item_link}</link><description>A ferry capsized on Monday.</description>
</item></channel></rss>"""
    ).encode()


def test_a_colon_sets_the_section_apart_and_the_site_or_its_entries_name_the_outlet() -> None:
    # Smoke test 39a #4: "The Harbor Times: World" was the outlet's name in published articles
    site = "<link>https://www.harbortimes.example/world</link>"
    assert parse_feed(_channel("The Harbor Times: World", site), "t").publisher == "The Harbor Times"
    assert parse_feed(_channel("World: The Harbor Times", site), "t").publisher == "The Harbor Times"
    # no channel link: the entries' links name the site
    assert parse_feed(_channel("Harbor Times World News", ""), "t").publisher == "Harbor Times"
    # nothing names the site: the title's first part, as before
    assert parse_feed(_channel("Top Stories | Coast News", "", "https://other.example/a"), "t").publisher == (
        "Top Stories"
    )
