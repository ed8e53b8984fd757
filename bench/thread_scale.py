"""Threading at scale: the time and memory to ingest and thread a feed of many near-identical entries.

A feed of N one-paragraph entries that differ only in their number ("Story number 7. The city council of
Springfield voted ...", all on one day: Smoke test 39b #3) is the hardest case for threading's complete linkage:
every entry is within the window of every other, and most pairs are related, so the pairs compared grow as N²
and the links form one large component. Each N is ingested into a fresh SQLite archive and threaded
(``update_threads``) in a child process, which reports its seconds (the encoder's and spaCy's loading included)
and its peak memory.

Before the fix (one story's window scored pair by pair, every join checking every pair across two groups): 500
entries 8.5 s, 1,000 entries 55 s, 5,000 killed at 300 s with 6 GB. The grouping itself is compared with the plain
definition in ``tests/unit/test_thread_grouping.py``; this is only the speed.

Usage:
    python bench/thread_scale.py                   # N = 500, 1000, 5000
    python bench/thread_scale.py --sizes 200,2000 --json
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARAGRAPH = (
    "Story number {n}. The city council of Springfield voted on Tuesday to approve a new road budget. "
    "Mayor Jane Smith said work begins in March."
)


def feed(count: int) -> str:
    items = "".join(
        f"<item><title>Entry {n}</title><link>http://example.org/n{n}</link>"
        f"<pubDate>Tue, 01 Oct 2024 10:00:00 GMT</pubDate><description>{PARAGRAPH.format(n=n)}</description></item>"
        for n in range(count)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Many</title>'
        f"<link>http://example.org/</link>{items}</channel></rss>"
    )


def child(path: str, database: str) -> None:
    """Ingest and thread ``path`` into ``database``; print the seconds, threads and peak memory as JSON."""
    sys.path.insert(0, str(ROOT / "src"))
    from newsdesk.archive import open_archive
    from newsdesk.archive.intake import ingest_feed
    from newsdesk.ingest.feeds import read_feed
    from newsdesk.threads import update_threads

    started = time.perf_counter()
    archive = open_archive(Path(database))
    ingest_feed(archive, read_feed(path))
    ingested = time.perf_counter() - started
    update = update_threads(archive)
    archive.close()
    print(
        json.dumps(
            {
                "ingest_seconds": round(ingested, 1),
                "ingest_and_thread_seconds": round(time.perf_counter() - started, 1),
                "threads": update.threads,
                "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
            }
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,1000,5000", help="entries per feed, comma-separated")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return 0
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for count in (int(size) for size in args.sizes.split(",")):
            path = Path(folder) / f"many{count}.xml"
            path.write_text(feed(count), encoding="utf-8")
            run = subprocess.run(
                [sys.executable, __file__, "--child", str(path), str(Path(folder) / f"many{count}.db")],
                capture_output=True,
                text=True,
                check=True,
            )
            results.append({"entries": count, **json.loads(run.stdout.strip().splitlines()[-1])})
            if not args.json:
                print(json.dumps(results[-1]), flush=True)
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
