"""Published articles as feeds: ``/feeds/articles.atom`` (Atom 1.0) and ``/feeds/articles.json`` (JSON Feed 1.1).

Each item is one article at its current version: its id, title, dek as the summary, link, first published time
and updated time, and its version number (Atom: a ``newsdesk:version`` element in newsdesk's own namespace;
JSON Feed: the ``_newsdesk`` extension object, as the spec names extensions). A reader that polls the feed sees an
updated article come back with a later ``updated`` time and a higher version.

The feeds are off unless the operator turns them on (``newsdesk serve --public-feeds`` or
``NEWSDESK_PUBLIC_FEEDS=1``); on, they need no token, so a feed reader or CMS can poll them. Only titles, deks and
links are in them: the article itself is still behind the token.
"""

from __future__ import annotations

import json
import re
from typing import Any
from xml.etree import ElementTree as ET

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ..errors import NotFoundError
from .api import get_desk

router = APIRouter(include_in_schema=False)

ITEMS = 50
ATOM = "http://www.w3.org/2005/Atom"
NEWSDESK_NS = "https://newsdesk.invalid/ns/1.0"  # a name for the extension element, never fetched


def _items(request: Request) -> list[dict[str, Any]]:
    desk = get_desk(request)
    if not desk.settings.public_feeds:
        raise NotFoundError("the article feeds are off: the operator turns them on with --public-feeds")
    archive = desk.archive
    items = []
    for row in archive.list_articles(limit=ITEMS):
        article = archive.get_article(int(row["id"]))
        data = article.to_dict()
        created = article.created or row["created"]
        items.append(
            {
                "id": int(row["id"]),
                "title": article.title,
                "summary": article.dek or "",
                "version": int(data.get("version") or 1),
                "published": created,
                "updated": data.get("updated") or created,
            }
        )
    return items


# What XML 1.0 cannot carry in text: C0 controls other than tab, LF and CR, surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids. Intake already strips them (``text.visible``); this is the
    second line, because one such character in one title makes the whole feed unreadable for every subscriber
    (Smoke test 35 #3), whatever route the title took into the archive."""
    return _NOT_XML.sub("", text)


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


# An Atom id (and a JSON Feed item's id) names the entry for good (RFC 4287, 4.2.6): it must not change with the
# name a reader reached the server by, so it is a tag URI (RFC 4151) made of the archive's own facts, the article's
# id and the time it was first saved, and never of the request. Links still use the request's address.
FEED_ID = "tag:newsdesk.invalid,2026:articles"


def _entry_id(item: dict[str, Any]) -> str:
    saved = str(item["published"])
    return f"tag:newsdesk.invalid,{saved[:10]}:article/{item['id']}/{re.sub(r'[^0-9]', '', saved[:19])}"


@router.get("/feeds/articles.atom")
def atom_feed(request: Request) -> Response:
    items = _items(request)
    base = _base(request)
    ET.register_namespace("", ATOM)
    ET.register_namespace("newsdesk", NEWSDESK_NS)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}id").text = FEED_ID
    ET.SubElement(feed, f"{{{ATOM}}}title").text = "newsdesk: published articles"
    latest = max((i["updated"] for i in items), default="1970-01-01T00:00:00+00:00")
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = latest
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=f"{base}/feeds/articles.atom")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=f"{base}/library")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "newsdesk"
    for item in items:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = _entry_id(item)
        ET.SubElement(entry, f"{{{ATOM}}}title").text = _xml_text(item["title"])
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=f"{base}/articles/{item['id']}")
        ET.SubElement(entry, f"{{{ATOM}}}published").text = item["published"]
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = item["updated"]
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = _xml_text(item["summary"])
        ET.SubElement(entry, f"{{{NEWSDESK_NS}}}version").text = str(item["version"])
    body = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return Response(body, media_type="application/atom+xml; charset=utf-8")


@router.get("/feeds/articles.json")
def json_feed(request: Request) -> Response:
    items = _items(request)
    base = _base(request)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "newsdesk: published articles",
        "home_page_url": f"{base}/library",
        "feed_url": f"{base}/feeds/articles.json",
        "items": [
            {
                "id": _entry_id(i),
                "url": f"{base}/articles/{i['id']}",
                "title": i["title"],
                "summary": i["summary"],
                "content_text": i["summary"] or i["title"],
                "date_published": i["published"],
                "date_modified": i["updated"],
                "_newsdesk": {"article_id": i["id"], "version": i["version"]},
            }
            for i in items
        ],
    }
    return Response(json.dumps(feed, ensure_ascii=False), media_type="application/feed+json; charset=utf-8")
