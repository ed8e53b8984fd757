"""How often an update would call a sentence superseded by a sentence of an unrelated story: false corrections.

``Verifier.superseded`` (``verify/_facts/_superseded.py``) decides which facts of an article a later entry of its
thread makes no longer current. Here it is run over every pair of sentences from two different stories of a feed
(the TIME Tech feed by default: 96 full-text stories, some of them in one developing thread, none read while
writing the relation). A pair it fires on is an earlier sentence whose figure or date the other sentence would
replace: between different stories that is almost always wrong, so the count is an upper bound on false
corrections. It prints the sentences, the pairs that fire and a sample of them.

    python bench/superseded.py [--feeds time_tech,bbc_world] [--sample 10]
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newsdesk.eval.devdata import shared_data_dir  # noqa: E402 - after sys.path.insert
from newsdesk.ingest.feeds import read_feed  # noqa: E402 - after sys.path.insert
from newsdesk.sentences import split_sentences  # noqa: E402 - after sys.path.insert
from newsdesk.verify._facts._quantities import quantities  # noqa: E402 - after sys.path.insert
from newsdesk.verify._facts._superseded import superseding  # noqa: E402 - after sys.path.insert

MAX_CHARS = 400  # longer "sentences" are captions run together: the parse of one is no reading of a clause


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--feeds", default="time_tech")
    parser.add_argument("--sample", type=int, default=10)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    sentences: list[tuple[str, str]] = []  # (story, sentence)
    for name in args.feeds.split(","):
        feed = read_feed(str(shared_data_dir() / "feeds" / f"{name}.xml"))
        for number, entry in enumerate(feed.entries):
            body = entry.to_story(feed).body
            sentences += [(f"{name}:{number}", s) for s in split_sentences(body) if len(s) <= MAX_CHARS]
    measured = [(story, s) for story, s in sentences if quantities(s)]
    fired = [
        (a, b, reason)
        for (story_a, a), (story_b, b) in itertools.permutations(measured, 2)
        if story_a != story_b and (reason := superseding(a, [b]))
    ]
    print(f"sentences {len(sentences)}, with a quantity {len(measured)}")
    print(f"ordered pairs from different stories that fire: {len(fired)} of {len(measured) * (len(measured) - 1)}")
    for a, _, reason in fired[: args.sample]:
        print(f"- {a[:140]}\n    {reason[:200]}")
    print(f"seconds {time.perf_counter() - started:.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
