"""How newsdesk scales out: articles per minute with 1, 2 and 4 worker processes, job claim latency with 10,000
jobs queued, and archive search latency over 100,000 passages, on SQLite and on PostgreSQL.

    python bench/scale.py                                   # everything, embedded model, both backends
    python bench/scale.py --base-url http://gpu:8000/v1 --model openai:qwen2.5 --concurrency 8
    python bench/scale.py --only claim,search --postgres postgresql://newsdesk@db/bench

PostgreSQL: --postgres DSN, else NEWSDESK_TEST_POSTGRES, else a throwaway server started from the installed
binaries (tests/support/pgserver.py). Each measurement gets a fresh SQLite file or PostgreSQL schema.

Articles per minute count from starting the worker processes (`newsdesk worker --until-idle`) to the last one
exiting: model loading is included, as a worker's first minute pays it. The embedded model gets the machine's
cores split between the workers (NEWSDESK_THREADS), as `serve --workers N` does.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from newsdesk.archive import open_archive  # noqa: E402 - after sys.path.insert
from newsdesk.jobs import queue_for  # noqa: E402 - after sys.path.insert
from newsdesk.llm.embedded import cpu_count  # noqa: E402 - after sys.path.insert
from newsdesk.models import Story  # noqa: E402 - after sys.path.insert

TEMPLATE = """name: scale-bench
headline:
  target_words: 20
  instructions: Write a short title, a one-sentence dek and a one-sentence intro.
sections:
  - id: facts
    heading: Facts
    kind: fact
    format: paragraphs
    target_words: 30
    instructions: State the key facts in two sentences.
"""
PLACES = ["harbour", "bridge", "library", "rail", "port", "school", "hospital", "airport", "park", "tunnel"]
ACTIONS = ["approved", "delayed", "reopened", "closed", "funded", "rejected", "expanded", "inspected"]


class Locations:
    """Fresh databases: a SQLite file in a temporary folder, or a new schema on the PostgreSQL server."""

    def __init__(self, postgres: str | None):
        self.tmp = Path(tempfile.mkdtemp(prefix="newsdesk-scale-"))
        self._own_server: Path | None = None
        self._dsn = postgres or os.environ.get("NEWSDESK_TEST_POSTGRES")
        self._count = 0

    def new(self, backend: str) -> str:
        self._count += 1
        if backend == "sqlite":
            return str(self.tmp / f"bench-{self._count}.db")
        from support import pgserver

        if self._dsn is None:
            self._own_server = Path(tempfile.mkdtemp(prefix="newsdesk-scale-pg-"))  # the server's user enters it
            self._dsn = pgserver.start(self._own_server)
        return pgserver.fresh_schema(self._dsn)

    def close(self) -> None:
        if self._own_server is not None:
            from support import pgserver

            pgserver.stop(self._own_server)
            shutil.rmtree(self._own_server, ignore_errors=True)
        shutil.rmtree(self.tmp, ignore_errors=True)


def story(n: int, rng: random.Random) -> Story:
    place, action = rng.choice(PLACES), rng.choice(ACTIONS)
    return Story(
        headline=f"Council {action} the {place} plan ({n})",
        body=f"The city council {action} the {place} plan on Tuesday after a long debate. "
        f"The work will cost {rng.randint(5, 90)} million euros and take {rng.randint(2, 6)} years. "
        f"Residents near the {place} said they were told about the plan in {rng.randint(2, 11)} "
        "meetings.",
    )


def articles_per_minute(location: str, workers: int, articles: int, args: argparse.Namespace) -> float:
    archive = open_archive(location)
    template = Path(location).parent / "scale-template.yaml" if not location.startswith("postgres") else None
    template = template or Path(tempfile.mkdtemp()) / "scale-template.yaml"
    template.write_text(TEMPLATE)
    queue = queue_for(archive)
    rng = random.Random(7)
    for n in range(articles):
        story_id, _ = archive.add_story(story(n, rng))
        queue.enqueue("write", {"story_id": story_id, "template": str(template), "model": args.model})
    env = {
        **os.environ,
        "NEWSDESK_THREADS": str(max(1, cpu_count() // workers)),
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
    }
    command = [sys.executable, "-m", "newsdesk", "worker", "--db", location, "--until-idle"]
    if args.base_url:
        command += ["--base-url", args.base_url, "--concurrency", str(args.concurrency)]
    started = time.monotonic()
    processes = [
        subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(workers)
    ]
    for process in processes:
        process.wait()
    elapsed = time.monotonic() - started
    counts = queue.counts()
    if counts["done"] != articles:
        raise SystemExit(f"{counts['done']} of {articles} jobs done ({counts}): see `newsdesk worker` on {location}")
    return articles / elapsed * 60


def claim_latency(location: str, queued: int, claims: int) -> tuple[float, float, float]:
    """Seconds to enqueue ``queued`` jobs, then the median and 95th percentile milliseconds of one claim."""
    archive = open_archive(location)
    queue = queue_for(archive)
    started = time.monotonic()
    with archive.transaction() as db:  # one transaction: the fill is set-up, not what is measured
        db.executemany(
            "INSERT INTO jobs (kind, payload, priority, created, updated) VALUES ('write', '{}', ?, ?, ?)",
            [(n % 3, "2026-01-01", "2026-01-01") for n in range(queued)],
        )
    fill = time.monotonic() - started
    timings = []
    for _ in range(claims):
        started = time.perf_counter()
        job = queue.claim("bench")
        timings.append((time.perf_counter() - started) * 1000)
        assert job is not None
    return fill, statistics.median(timings), _p95(timings)


def search_latency(location: str, passages: int, queries: int) -> tuple[float, float, float]:
    """Seconds to store ``passages`` passages (ten per story), then median and p95 ms of a 20-passage search."""
    archive = open_archive(location)
    rng = random.Random(11)
    vocabulary = _words(rng, 6000)
    cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(vocabulary))))  # Zipf
    started = time.monotonic()
    for first in range(0, passages // 10, 500):  # stories in batches of 500, one transaction each
        with archive.transaction() as db:
            for s in range(first, min(first + 500, passages // 10)):
                row = db.execute(
                    "INSERT INTO stories (fingerprint, headline, body, created) VALUES (?, ?, '', ?) RETURNING id",
                    (f"bench-{s}", f"Story {s}", "2026-01-01"),
                ).fetchone()
                db.executemany(
                    "INSERT INTO passages (story_id, position, text) VALUES (?, ?, ?)",
                    [
                        (row["id"], p, " ".join(rng.choices(vocabulary, cum_weights=cumulative, k=45)))
                        for p in range(10)
                    ],
                )
    fill = time.monotonic() - started
    stored = archive.count("passages")
    assert stored == passages // 10 * 10, stored
    timings = []
    for _ in range(queries):
        query = " ".join(rng.choices(vocabulary[50:2000], k=rng.randint(3, 8)))
        started = time.perf_counter()
        archive.search_passages(query, limit=20)
        timings.append((time.perf_counter() - started) * 1000)
    return fill, statistics.median(timings), _p95(timings)


def _words(rng: random.Random, count: int) -> list[str]:
    letters = "etaoinshrdlucmfwypvbgk"
    seen: dict[str, None] = {}
    while len(seen) < count:
        seen.setdefault("".join(rng.choices(letters, k=rng.randint(3, 10))), None)
    return list(seen)


def _p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(len(values) * 0.95) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--only", default="write,claim,search", help="comma-separated: write, claim, search")
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--articles", type=int, default=8, help="articles per throughput run")
    parser.add_argument("--model", default="smollm2")
    parser.add_argument("--base-url", default=None, help="an OpenAI-compatible server (with --model openai:NAME)")
    parser.add_argument("--concurrency", type=int, default=1, help="jobs per worker against --base-url")
    parser.add_argument("--queued", type=int, default=10_000)
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--postgres", default=None, help="a PostgreSQL DSN to create schemas in")
    args = parser.parse_args()
    backends = [b for b in args.backends.split(",") if b]
    only = set(args.only.split(","))
    locations = Locations(args.postgres)
    rows: list[tuple[str, str, str]] = []
    try:
        for backend in backends:
            if "write" in only:
                for workers in (int(w) for w in args.workers.split(",")):
                    rate = articles_per_minute(locations.new(backend), workers, args.articles, args)
                    what = f"articles/min, {workers} worker{'s' * (workers > 1)}"
                    if args.base_url:
                        what += f" x {args.concurrency} in flight"
                    rows.append((backend, what, f"{rate:.1f}"))
                    print(f"{backend}: {what}: {rate:.1f}", file=sys.stderr)
            if "claim" in only:
                fill, median, p95 = claim_latency(locations.new(backend), args.queued, 200)
                rows.append(
                    (backend, f"claim with {args.queued:,} queued, ms (median / p95)", f"{median:.2f} / {p95:.2f}")
                )
                print(f"{backend}: claim {median:.2f} / {p95:.2f} ms (fill {fill:.1f} s)", file=sys.stderr)
            if "search" in only:
                fill, median, p95 = search_latency(locations.new(backend), args.passages, 100)
                rows.append(
                    (backend, f"search over {args.passages:,} passages, ms (median / p95)", f"{median:.1f} / {p95:.1f}")
                )
                print(f"{backend}: search {median:.1f} / {p95:.1f} ms (fill {fill:.0f} s)", file=sys.stderr)
    finally:
        locations.close()
    model = f"{args.model} at {args.base_url}" if args.base_url else f"{args.model} (embedded)"
    print(f"\nmodel: {model}; {cpu_count()} CPUs\n")
    print("| backend | measure | value |\n|---|---|---|")
    for backend, what, value in rows:
        print(f"| {backend} | {what} | {value} |")


if __name__ == "__main__":
    main()
