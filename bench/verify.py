#!/usr/bin/env python3
"""Sentences per second of the verifier alone (no LLM judge), on real news rows.

    python bench/verify.py                  # the FRANK validation rows from ../shared/data
    python bench/verify.py --rows ROWS.jsonl --repeat 3
    python bench/verify.py --db ~/.local/share/newsdesk/newsdesk.db   # also: verify share of articles' wall time

Prints three rates of claim sentences per second, each over the same rows (the target, >= 100 sentences/s on 2
cores, is for ``stored``):

- ``stored`` (how the product runs): the sources' sentence vectors are already in an archive, as the pipeline's
  ``Verifier(store=archive)`` leaves them once a story's passages were checked. Each document's claim sentences
  are then checked together with ``check_many``, as ``verify_article`` checks an article: its index built, the
  source vectors read from the archive (SQLite), the claim sentences encoded fresh (the memory cache cleared).
  Encoding the sources beforehand is timed apart: ``ingest_source_sentences_per_second``.
- ``cold``: nothing known. Every source sentence of every document is encoded, and each claim sentence is split
  and checked alone with ``check`` (one encoder run per sentence). A story met for the first time pays this.
- ``warm``: indexes built and every vector in memory: the checks alone.
With the dev articles (../shared/data/articles) it also times checking each whole article cold, its story's
embeddings included (target: under 2 s), and reports the memory the embedding model takes once used on the rows'
source sentences (target: 300 MB RSS).
``--no-semantic`` measures the lexical checks alone. Timings on a shared machine move with its load: CPU seconds
are printed beside wall seconds
(on 2 free cores, the encoder's runs side by side make the wall rate up to twice the per-CPU-second one).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))  # run from a checkout

from newsdesk.eval import devdata as dev
from newsdesk.eval import load_rows, row_passages
from newsdesk.verify import Verifier, split_sentences

ROOT = Path(__file__).resolve().parents[1]

DEFAULT_ROWS = dev.shared_data_dir() / "verify" / "frank_valid.jsonl"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Verifier throughput in sentences per second.")
    parser.add_argument("--rows", type=Path, default=DEFAULT_ROWS)
    parser.add_argument("--repeat", type=int, default=3, help="timed passes over the rows (best is reported)")
    parser.add_argument(
        "--db",
        type=Path,
        help="a newsdesk database: report the share of each written article's wall time spent in the verifier",
    )
    parser.add_argument("--limit", type=int, help="only the first N rows")
    parser.add_argument("--no-semantic", action="store_true", help="lexical checks only (no sentence embeddings)")
    args = parser.parse_args(argv)
    rows = load_rows(args.rows)[: args.limit]
    memory = encoder_memory(rows) if not args.no_semantic else {}
    stored = stored_rates(rows, args.repeat) if not args.no_semantic else {}

    started = time.perf_counter()
    cpu_started = time.process_time()
    verifier = Verifier(semantic=not args.no_semantic)
    if verifier.encoder is not None:
        verifier.encoder.clear_cache()  # cold: the stored run above left every vector in memory
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
    print(
        json.dumps(
            {
                "rows": len(rows),
                "sentences": count,
                "documents": len({row["document"] for row in rows}),
                "cores": cores,
                "semantic": not args.no_semantic,
                **stored,
                "cold_sentences_per_second": round(count / cold, 1),
                "cold_sentences_per_cpu_second": round(count / cold_cpu, 1),
                "warm_sentences_per_second": round(count / best, 1),
                "ms_per_sentence_warm": round(1000 * best / count, 3),
                **memory,
                **article_times(not args.no_semantic),
                **(article_shares(args.db) if args.db else {}),
            },
            indent=2,
        )
    )
    return 0


def stored_rates(rows: list[dict], repeat: int) -> dict:
    """Claim sentences per second with the sources' vectors in an archive (see the module docstring)."""
    import tempfile

    from newsdesk.archive import open_archive

    by_document: dict[str, list[str]] = {}
    for row in rows:
        by_document.setdefault(row["document"], []).extend(split_sentences(row["claim"]) or [row["claim"]])
    count = sum(len(s) for s in by_document.values())
    with tempfile.TemporaryDirectory() as folder:
        archive = open_archive(str(Path(folder) / "bench.db"))
        ingest = Verifier(store=archive)
        ingest.encoder.clear_cache()
        started = time.perf_counter()
        units = sum(len(ingest.index(row_passages(document)).units) for document in by_document)
        ingest_seconds = time.perf_counter() - started
        best = best_cpu = float("inf")
        for _ in range(max(1, repeat)):
            verifier = Verifier(store=archive)
            verifier.encoder.clear_cache()  # only the archive knows the source vectors; no claim vector is known
            started, cpu_started = time.perf_counter(), time.process_time()
            for document, sentences in by_document.items():
                verifier.check_many([(sentence, "fact") for sentence in sentences], row_passages(document))
            best = min(best, time.perf_counter() - started)
            best_cpu = min(best_cpu, time.process_time() - cpu_started)
        archive.close()
    return {
        "stored_sentences_per_second": round(count / best, 1),
        "stored_sentences_per_cpu_second": round(count / best_cpu, 1),
        "ingest_source_sentences_per_second": round(units / ingest_seconds, 1),
        "source_sentences": units,
    }


def encoder_memory(rows: list[dict]) -> dict:
    """Resident memory the embedding model adds once loaded and used as the verifier uses it: the rows' source
    sentences in calls of 20 (an article's worth), then a batch of long sentences."""
    from newsdesk.llm.embed import Encoder
    from newsdesk.verify._index import PassageIndex

    texts = [
        passage.text[unit.start : unit.end]
        for document in dict.fromkeys(row["document"] for row in rows)
        for index in [PassageIndex.build(row_passages(document))]
        for unit in index.units
        for passage in [index.passages[unit.passage]]
    ]
    before = _rss_mb()
    model = Encoder()
    for start in range(0, len(texts), 20):
        model.encode(texts[start : start + 20])
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
    return {
        "articles_checked": len(seconds),
        "article_seconds_max": round(max(seconds), 3),
        "article_seconds_mean": round(sum(seconds) / len(seconds), 3),
    }


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
    return {
        "articles": len(shares),
        "verify_share_of_wall_mean": round(sum(shares) / len(shares), 4),
        "verify_share_of_wall_max": round(max(shares), 4),
    }


if __name__ == "__main__":
    raise SystemExit(main())
