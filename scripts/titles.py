#!/usr/bin/env python3
"""Titles without a model, for reading many at once: each feed entry's (or JSON line's) headline, the question
built from it (``question_from_headline``) and the title published (``fallback_title``: the question where it is
safe, else the headline as written).

usage: PYTHONPATH=src python scripts/titles.py FEED.xml|STORIES.jsonl [--changed]
A JSON line holds "headline" and "body". --changed: only the rows whose question was not published.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def _stories(path: str) -> list[tuple[str, str]]:
    if path.endswith(".jsonl"):
        rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
        return [(row["headline"], row["body"]) for row in rows]
    from newsdesk.ingest.feeds import read_feed

    feed = read_feed(path)
    return [(story.headline, story.body) for story in (entry.to_story(feed) for entry in feed.entries)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--changed", action="store_true")
    args = parser.parse_args()
    from newsdesk.write import fallback_title
    from newsdesk.write.title import question_from_headline

    for headline, body in _stories(args.path):
        asked, title = question_from_headline(headline, body), fallback_title(headline, body)
        if args.changed and asked == title:
            continue
        print(json.dumps({"headline": headline, "question": asked, "title": title}, ensure_ascii=False))


if __name__ == "__main__":  # the feed reader parses in a child process, which imports this module again
    main()
