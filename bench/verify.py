#!/usr/bin/env python3
"""Sentences per second of the verifier alone (no LLM judge), on real news rows.

    python bench/verify.py                  # the FRANK validation rows from ../shared/data
    python bench/verify.py --rows ROWS.jsonl --repeat 3
    python bench/verify.py --db ~/.local/share/newsdesk/newsdesk.db   # also: verify share of articles' wall time

Prints two numbers: ``warm`` times ``Verifier.check`` with each document's passages already indexed (how an article
is verified: one index, many sentences); ``cold`` includes splitting claims into sentences and building every
document's index. Target: >= 100 sentences/s on 2 cores.
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

DEFAULT_ROWS = ROOT.parent / "shared" / "data" / "verify" / "frank_valid.jsonl"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Verifier throughput in sentences per second.")
    parser.add_argument("--rows", type=Path, default=DEFAULT_ROWS)
    parser.add_argument("--repeat", type=int, default=3, help="timed passes over the rows (best is reported)")
    parser.add_argument("--db", type=Path, help="a newsdesk database: report the share of each written article's "
                                                "wall time spent in the verifier")
    args = parser.parse_args(argv)
    rows = load_rows(args.rows)

    started = time.perf_counter()
    verifier = Verifier()
    work = []
    for row in rows:
        passages = row_passages(row["document"])
        sentences = split_sentences(row["claim"]) or [row["claim"]]
        for sentence in sentences:
            verifier.check(sentence, passages)
        work.append((passages, sentences))
    cold = time.perf_counter() - started
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
        "cold_sentences_per_second": round(count / cold, 1),
        "warm_sentences_per_second": round(count / best, 1),
        "ms_per_sentence_warm": round(1000 * best / count, 3),
        **(article_shares(args.db) if args.db else {}),
    }, indent=2))
    return 0


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
