"""Story threading on a hand-labelled feed: pairwise precision and recall, and the time to ingest and thread it.

The TIME Tech feed (``../shared/data/feeds/time_tech.xml``, 96 full-text stories) is ingested into a fresh
SQLite archive and threaded (``newsdesk.threads.update_threads``). Its threads were labelled by hand
(``bench/data/time_tech_threads.json``: entries that report one event or its direct follow-ups; every entry not
listed is a thread of its own). Over all pairs of entries, a pair is *predicted* when threading put the two in
one thread and *true* when the labels do:

    precision = predicted and true / predicted        recall = predicted and true / true

Targets (issue 19): precision >= 0.90, recall >= 0.75, ingest + threading of a 100-entry feed under 60 s on 2 cores.
The shared encoder and spaCy load on first use; their loading counts in the time, as it would for a first feed.

Usage:
    python bench/threads.py            # the scores, the time and every wrongly paired or missed pair
    python bench/threads.py --json
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
LABELS = Path(__file__).with_name("data") / "time_tech_threads.json"


def score(threads: dict[int, int], labels: dict[int, str]) -> dict[str, float | int]:
    """Pairwise counts and precision/recall of ``threads`` (story -> thread) against ``labels`` (story -> label)."""
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(labels), 2):
        predicted = threads.get(a) is not None and threads.get(a) == threads.get(b)
        true = labels[a] == labels[b]
        tp += predicted and true
        fp += predicted and not true
        fn += true and not predicted
    return {
        "pairs_true": tp + fn,
        "pairs_predicted": tp + fp,
        "true_positive": tp,
        "precision": round(tp / (tp + fp), 3) if tp + fp else 1.0,
        "recall": round(tp / (tp + fn), 3) if tp + fn else 1.0,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from newsdesk.archive import open_archive
    from newsdesk.archive.intake import ingest_feed
    from newsdesk.ingest.feeds import read_feed
    from newsdesk.threads import list_threads, update_threads

    gold = json.loads(LABELS.read_text(encoding="utf-8"))
    label_of = {title: name for name, thread in gold["threads"].items() for title in thread["titles"]}
    with tempfile.TemporaryDirectory() as folder:
        archive = open_archive(Path(folder) / "bench.db")
        started = time.perf_counter()
        feed = read_feed(str(SHARED / gold["feed"]))
        ingest_feed(archive, feed)
        ingested = time.perf_counter() - started
        update_threads(archive)
        seconds = time.perf_counter() - started
        threads = list_threads(archive)
        thread_of = {e.story_id: t.id for t in threads for e in t.entries}
        headline = {e.story_id: e.headline for t in threads for e in t.entries}
        labels = {s: label_of.get(h, f"alone-{s}") for s, h in headline.items()}
        result = {
            "entries": len(feed.entries),
            "threads": len(threads),
            "threads_with_2_or_more": sum(len(t.entries) > 1 for t in threads),
            **score(thread_of, labels),
            "ingest_seconds": round(ingested, 1),
            "ingest_and_thread_seconds": round(seconds, 1),
        }
        wrong = [
            (headline[a], headline[b])
            for a, b in itertools.combinations(sorted(labels), 2)
            if thread_of[a] == thread_of[b] and labels[a] != labels[b]
        ]
        missed = [
            (headline[a], headline[b])
            for a, b in itertools.combinations(sorted(labels), 2)
            if thread_of[a] != thread_of[b] and labels[a] == labels[b]
        ]
        archive.close()
    if args.json:
        print(json.dumps({**result, "wrong_pairs": wrong, "missed_pairs": missed}, indent=2, ensure_ascii=False))
        return 0
    for a, b in wrong:
        print(f"wrongly paired: {a[:60]}  |  {b[:60]}")
    for a, b in missed:
        print(f"missed:         {a[:60]}  |  {b[:60]}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
