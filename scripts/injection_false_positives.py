"""False positives of the injection detector on the dev data: every sentence of real pages (as extracted by hand
and as newsdesk ingests them), stories, articles and feeds, and the documents of the verify data (FRANK news,
SummEdits meetings, calls and mails).

None of these texts addresses an AI system, so every flagged sentence is a false positive. Prints JSON: sentences
read and flagged per collection, and the flagged sentences themselves.

    python scripts/injection_false_positives.py [../shared/data]
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

import feedparser
import lxml.html

from newsdesk.injection import find, sentence_spans


def _page_paragraphs(path: Path) -> list[str]:
    tree = lxml.html.fromstring(path.read_bytes())
    blocks = tree.xpath("//p|//li|//h1|//h2|//h3|//h4|//blockquote|//figcaption|//td")
    texts = [" ".join(b.text_content().split()) for b in blocks]
    return [t for t in texts if t] or [" ".join(tree.text_content().split())]


def _markdown_paragraphs(path: Path) -> list[str]:
    return [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]


def _feed_items(path: Path) -> list[list[str]]:
    parsed = feedparser.parse(path.read_bytes())
    items = []
    for entry in parsed.entries:
        summary = lxml.html.fromstring(entry.get("summary") or "<p></p>").text_content()
        items.append([x for x in (entry.get("title"), " ".join(summary.split()), entry.get("author")) if x])
    return items


def _ingested(path: Path) -> list[str]:
    """What newsdesk's own ingest makes of the raw page: headline, then the passages screening reads."""
    from newsdesk.archive import split_passages
    from newsdesk.ingest import story_from_bytes

    story = story_from_bytes(path.read_bytes(), path.name)
    return [story.headline, *split_passages(story.body)]


def _documents(path: Path) -> list[list[str]]:
    """The distinct documents of a verify data file (news for FRANK; meetings, calls, mails for SummEdits)."""
    docs = dict.fromkeys(json.loads(line)["document"] for line in path.read_text(encoding="utf-8").splitlines())
    return [[p for p in d.split("\n") if p.strip()] for d in docs]


def measure(data: Path) -> dict:
    collections = {
        "pages": [_page_paragraphs(p) for p in sorted(data.glob("pages/*/expected.html"))],
        "ingested_pages": [_ingested(p) for p in sorted(data.glob("pages/*/source.html"))],
        "stories": [_markdown_paragraphs(p) for p in sorted(data.glob("articles/story-*.md"))],
        "articles": [_markdown_paragraphs(p) for p in sorted(data.glob("articles/article-*.md"))],
        "feeds": [item for p in sorted(data.glob("feeds/*.xml")) for item in _feed_items(p)],
        "frank_documents": [d for p in sorted(data.glob("verify/frank_*.jsonl")) for d in _documents(p)],
        "summedits_documents": [d for p in sorted(data.glob("verify/summedits_*.jsonl")) for d in _documents(p)],
    }
    result: dict = {"collections": {}, "flagged": []}
    for name, documents in collections.items():
        sentences = sum(len(sentence_spans("\n\n".join(parts))) for parts in documents)
        flags = [flag for parts in documents for flag in find(parts)]
        result["collections"][name] = {"documents": len(documents), "sentences": sentences, "flagged": len(flags)}
        result["flagged"] += [{"collection": name, "reason": f.reason, "text": f.text} for f in flags]
    result["total_sentences"] = sum(c["sentences"] for c in result["collections"].values())
    result["total_flagged"] = len(result["flagged"])
    return result


def main() -> None:
    default = os.environ.get("NEWSDESK_SHARED_DATA") or Path(__file__).resolve().parents[1].parent / "shared" / "data"
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", nargs="?", type=Path, default=Path(default), help="the shared data folder")
    data = parser.parse_args().data
    if not (data / "verify").is_dir():  # a wrong folder would otherwise read as "nothing flagged"
        parser.error(f"{data} is not the shared data folder (it has no verify/ folder)")
    print(json.dumps(measure(data), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
