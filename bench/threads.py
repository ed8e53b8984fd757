"""Story threading on a hand-labelled feed: pairwise precision and recall, and the time to ingest and thread it.

The TIME Tech feed (``../shared/data/feeds/time_tech.xml``, 96 full-text stories) is ingested into a fresh
SQLite archive and threaded (``newsdesk.threads.update_threads``). Its threads were labelled by hand
(``bench/data/time_tech_threads.json``: entries that report one event or its direct follow-ups; every entry not
listed is a thread of its own). Over all pairs of entries, a pair is *predicted* when threading put the two in
one thread and *true* when the labels do:

    precision = predicted and true / predicted        recall = predicted and true / true

Targets (issue 19): precision >= 0.90, recall >= 0.75, ingest + threading of a 100-entry feed under 60 s on 2 cores.
The shared encoder and spaCy load on first use; their loading counts in the time, as it would for a first feed.

**Held-out half.** Threading is tuned on half of the labelled TIME threads and reported on the other half too. An
entry belongs to the half given by the parity of the first byte of SHA-256 of its label (the thread's key in the
labels file, or ``alone:`` and its title for an entry of no labelled thread): even is **tune**, odd is **check**. A
pair is scored in *tune* when both its entries are; every other pair (one entry or both in the check half) is scored
in *check*. Only the tune half's wrong and missed pairs are printed; the check half's are not looked at.

``--tune-only`` leaves the check half out of what is printed (and the all-pairs figures, which contain it), so that
a session tuning the threading can run the bench as often as it likes without reading the held-out half.

``--labels world`` scores the six world feeds (``bench/data/world_threads.json``, cross-publisher threads from
summaries), labelled as tuning data, not held out.

Usage:
    python bench/threads.py                  # TIME Tech: all pairs, tune and check halves, the time, tune pairs
    python bench/threads.py --tune-only      # TIME Tech: the tune half only (the held-out half stays unread)
    python bench/threads.py --labels world   # the world feeds
    python bench/threads.py --json
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
LABELS = {
    "time": Path(__file__).with_name("data") / "time_tech_threads.json",
    "world": Path(__file__).with_name("data") / "world_threads.json",
}


def half(label: str) -> str:
    """ "tune" or "check": the parity of the first byte of the label's SHA-256 (see the module docstring)."""
    return "check" if hashlib.sha256(label.encode()).digest()[0] % 2 else "tune"


def in_half(which: str, a: str, b: str) -> bool:
    """Whether the pair of entries labelled ``a`` and ``b`` is scored in half ``which`` ("all", "tune", "check")."""
    if which == "all":
        return True
    both_tune = half(a) == "tune" and half(b) == "tune"
    return both_tune if which == "tune" else not both_tune


def score(threads: dict[int, int], labels: dict[int, str], which: str = "all") -> dict[str, float | int]:
    """Pairwise counts and precision/recall of ``threads`` (story -> thread) against ``labels`` (story -> label),
    over the pairs of half ``which``."""
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(labels), 2):
        if not in_half(which, labels[a], labels[b]):
            continue
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
    parser.add_argument("--labels", choices=sorted(LABELS), default="time")
    parser.add_argument("--tune-only", action="store_true", help="TIME: print the tune half only, not the check half")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from newsdesk.archive import open_archive
    from newsdesk.archive.intake import ingest_feed
    from newsdesk.ingest.feeds import read_feed
    from newsdesk.threads import list_threads, update_threads

    gold = json.loads(LABELS[args.labels].read_text(encoding="utf-8"))
    feeds = gold.get("feeds") or [gold["feed"]]
    label_of = {title: name for name, thread in gold["threads"].items() for title in thread["titles"]}
    with tempfile.TemporaryDirectory() as folder:
        archive = open_archive(Path(folder) / "bench.db")
        started = time.perf_counter()
        read = [read_feed(str(SHARED / name)) for name in feeds]
        for feed in read:
            ingest_feed(archive, feed)
        ingested = time.perf_counter() - started
        update_threads(archive)
        seconds = time.perf_counter() - started
        threads = list_threads(archive)
        thread_of = {e.story_id: t.id for t in threads for e in t.entries}
        headline = {e.story_id: e.headline for t in threads for e in t.entries}
        labels = {s: label_of.get(h, f"alone:{h}") for s, h in headline.items()}
        shown = "tune" if args.labels == "time" else "all"  # the check half's pairs stay unread
        result = {
            "entries": sum(len(feed.entries) for feed in read),
            "threads": len(threads),
            "threads_with_2_or_more": sum(len(t.entries) > 1 for t in threads),
            **score(thread_of, labels),
            **(
                {"tune": score(thread_of, labels, "tune"), "check": score(thread_of, labels, "check")}
                if args.labels == "time"
                else {}
            ),
            "ingest_seconds": round(ingested, 1),
            "ingest_and_thread_seconds": round(seconds, 1),
        }
        wrong = [
            (headline[a], headline[b])
            for a, b in itertools.combinations(sorted(labels), 2)
            if thread_of[a] == thread_of[b] and labels[a] != labels[b] and in_half(shown, labels[a], labels[b])
        ]
        missed = [
            (headline[a], headline[b])
            for a, b in itertools.combinations(sorted(labels), 2)
            if thread_of[a] != thread_of[b] and labels[a] == labels[b] and in_half(shown, labels[a], labels[b])
        ]
        archive.close()
    if args.tune_only and args.labels == "time":  # nothing that contains the held-out half
        for key in ("pairs_true", "pairs_predicted", "true_positive", "precision", "recall", "check"):
            result.pop(key)
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
