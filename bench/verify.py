#!/usr/bin/env python3
"""Sentences per second of the verifier alone (no LLM judge), on real news rows.

    python bench/verify.py                  # the FRANK validation rows from ../shared/data
    python bench/verify.py --rows ROWS.jsonl --repeat 3
    python bench/verify.py --db ~/.local/share/newsdesk/newsdesk.db   # also: verify share of articles' wall time

Prints two numbers: ``warm`` times ``Verifier.check`` with each document's passages already indexed (how an article
is verified: one index, many sentences); ``cold`` includes splitting claims into sentences and building every
document's index, embeddings of every source sentence included. Target: >= 100 sentences/s on 2 cores.
With the dev articles (../shared/data/articles) it also times checking each whole article cold, its story's
embeddings included (target: under 2 s), and reports the memory the embedding model takes (target: 300 MB RSS).
``--no-semantic`` measures the lexical checks alone. Timings on a shared machine move with its load: CPU seconds
are printed beside wall seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsdesk.verify import Verifier, load_rows, row_passages, split_sentences
from newsdesk.verify import _devdata as dev

DEFAULT_ROWS = dev.shared_data_dir() / "verify" / "frank_valid.jsonl"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Verifier throughput in sentences per second.")
    parser.add_argument("--rows", type=Path, default=DEFAULT_ROWS)
    parser.add_argument("--repeat", type=int, default=3, help="timed passes over the rows (best is reported)")
    parser.add_argument("--db", type=Path, help="a newsdesk database: report the share of each written article's "
                                                "wall time spent in the verifier")
    parser.add_argument("--limit", type=int, help="only the first N rows")
    parser.add_argument("--no-semantic", action="store_true", help="lexical checks only (no sentence embeddings)")
    args = parser.parse_args(argv)
    rows = load_rows(args.rows)[:args.limit]
    memory = encoder_memory() if not args.no_semantic else {}

    started = time.perf_counter()
    cpu_started = time.process_time()
    verifier = Verifier(semantic=not args.no_semantic)
    work = []
    for row in rows:
        passages = row_passages(row["document"])
        sentences = split_sentences(row["claim"]) or [row["claim"]]
        for sentence in sentences:
            verifier.check(sentence, passages)
        work.append((passages, sentences))
    cold = time.perf_counter() - started
    cold_cpu = time.process_time() - cpu_started
    count = sum(len(s) for _, s in work)

    best = float("inf")
    for _ in range(max(1, args.repeat)):
        started = time.perf_counter()
        for passages, sentences in work:
            index = verifier.index(passages)  # noqa: F841 - as the pipeline does: one index per passage set
            for sentence in sentences:
                verifier.check(sentence, passages)
        best = min(best, time.perf_counter() - started)

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(json.dumps({
        "rows": len(rows),
        "sentences": count,
        "documents": len({row["document"] for row in rows}),
        "cores": cores,
        "semantic": not args.no_semantic,
        "cold_sentences_per_second": round(count / cold, 1),
        "cold_sentences_per_cpu_second": round(count / cold_cpu, 1),
        "warm_sentences_per_second": round(count / best, 1),
        "ms_per_sentence_warm": round(1000 * best / count, 3),
        **memory,
        **article_times(not args.no_semantic),
        **(article_shares(args.db) if args.db else {}),
    }, indent=2))
    return 0


def encoder_memory() -> dict:
    """Resident memory the embedding model adds once loaded and used on a batch of long sentences."""
    from newsdesk.embed import Encoder

    before = _rss_mb()
    model = Encoder()
    model.encode(["The council met on Tuesday to discuss the plan for the harbour and its funding. " * 6] * 16)
    return {"encoder_rss_mb": round(_rss_mb() - before, 1), "process_rss_mb": round(_rss_mb(), 1)}


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def article_times(semantic: bool) -> dict:
    """Seconds to check each dev article cold (a new verifier: its story's index and embeddings built)."""
    try:
        claims = dev.load("articles")
    except Exception:  # the dev articles are optional here
        return {}
    by_article: dict[str, list[dev.Claim]] = {}
    for claim in claims:
        by_article.setdefault(claim.group, []).append(claim)
    seconds = []
    for group in by_article.values():
        verifier = Verifier(semantic=semantic)
        if verifier.encoder is not None:
            verifier.encoder.clear_cache()  # the model stays loaded, as in a running pipeline; no vector is known
        started = time.perf_counter()
        verifier.prepare([s for c in group for s, _ in c.sentences])
        for claim in group:
            for sentence, kind in claim.sentences:
                verifier.check(sentence, claim.passages, kind)
        seconds.append(time.perf_counter() - started)
    return {"articles_checked": len(seconds), "article_seconds_max": round(max(seconds), 3),
            "article_seconds_mean": round(sum(seconds) / len(seconds), 3)}


def article_shares(db: Path) -> dict:
    """verify_seconds / seconds of every article in a database (LLM revisions are not verification time)."""
    import sqlite3

    shares = []
    for (text,) in sqlite3.connect(db).execute("SELECT json FROM articles"):
        stats = json.loads(text)["stats"]
        if stats.get("seconds") and stats.get("llm_calls"):  # cached reruns say nothing about time
            shares.append(stats.get("verify_seconds", 0.0) / stats["seconds"])
    if not shares:
        return {"articles": 0}
    return {"articles": len(shares), "verify_share_of_wall_mean": round(sum(shares) / len(shares), 4),
            "verify_share_of_wall_max": round(max(shares), 4)}


if __name__ == "__main__":
    raise SystemExit(main())
