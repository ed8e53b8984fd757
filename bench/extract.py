"""Main-text extraction benchmark on the shared annotated pages (``../shared/data/pages``).

For each page, newsdesk's extractor (``extract_page``, before ``ingest/clean.py`` takes furniture out) reads
``source.html`` and its text is scored against the text of ``expected.html`` the way the scrapinghub
article-extraction-benchmark scores article bodies:

* tokens are ``\\w+`` runs; the units compared are shingles of 4 consecutive tokens, counted with multiplicity;
* per page: TP = shingles in both (min of counts), FP = extra predicted, FN = missing expected, normalised by
  their sum so that long pages weigh no more than short ones;
* precision and recall are averaged over pages; F1 is the harmonic mean of the two averages.

Beside F1, page furniture: ``removed`` counts the paragraphs ``ingest/clean.py`` takes out of the extraction
(crossheads, related links, "Read more", comment counts, bylines, captions); ``left`` counts the sentences of the
stored passages (the cleaned body, cut as the archive cuts it) that still carry a furniture phrase ("Read the
full transcript", "941 comments", "From the section", "Continue reading", photo credits), glued to prose or not.
``left`` should be 0.

Usage:
    python bench/extract.py                   # per-page and mean precision/recall/F1, pages per second
    python bench/extract.py --json            # the same as JSON
    python bench/extract.py --update-baseline # record the current scores as the floor (a deliberate act)

``tests/e2e/test_ingest_extract.py`` fails when the mean F1 drops below the floor in ``bench/extract_baseline.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT.parent / "shared" / "data" / "pages"
BASELINE = Path(__file__).with_name("extract_baseline.json")
SHINGLE_SIZE = 4
FLOOR_MARGIN = 0.01  # the floor sits this far under the measured F1, so tiny library changes do not fail CI

_TOKEN = re.compile(r"\w+")
_FURNITURE_PHRASE = re.compile(
    r"\b(?:read (?:more|the full|next)|from the section|\d[\d,]* comments|continue reading|image (?:copyright|caption)|"
    r"(?:photograph|photo|picture) ?:|getty images|share this|sign up|subscribe)\b",
    re.IGNORECASE,
)


def furniture_counts(story_body: str) -> tuple[int, int]:
    """(paragraphs the cleaner takes out, sentences of the stored passages that still hold a furniture phrase).

    The body is scored against expected.html as extracted, crossheads and all; ingest cleans it before the archive
    stores it and cuts it into passages (archive.split_passages), so cleaning never lowers F1."""
    from newsdesk.archive import split_passages
    from newsdesk.ingest.clean import clean_body, furniture_lines
    from newsdesk.sentences import split_sentences

    left = sum(
        1
        for passage in split_passages(clean_body(story_body))
        for sentence in split_sentences(passage)
        if _FURNITURE_PHRASE.search(sentence)
    )
    return len(furniture_lines(story_body)), left


@dataclass
class PageScore:
    name: str
    precision: float
    recall: float
    f1: float
    title_ok: bool | None  # None where expected-metadata.json gives no title
    date_ok: bool | None  # None where it gives no date
    furniture_removed: int = 0
    furniture_left: int = 0


@dataclass
class Report:
    pages: list[PageScore]
    precision: float
    recall: float
    f1: float
    pages_per_second: float
    corpus_sha256: str


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + size]) for i in range(max(1, len(tokens) - size + 1)) if tokens[i : i + size])


def match_counts(expected: str, predicted: str) -> tuple[float, float, float]:
    """Normalised (TP, FP, FN) over shingles of the two texts."""
    truth, guess = shingles(expected), shingles(predicted)
    tp = sum((truth & guess).values())
    fp = sum(guess.values()) - tp
    fn = sum(truth.values()) - tp
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def precision_recall(tp: float, fp: float, fn: float) -> tuple[float, float]:
    """The benchmark's conventions: nothing expected and nothing predicted is a perfect page."""
    if fp == fn == 0:
        return 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall


def f1_score(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def corpus_hash(pages: Path = PAGES) -> str:
    digest = hashlib.sha256()
    for page in sorted(p for p in pages.iterdir() if p.is_dir()):
        for name in ("source.html", "expected.html", "expected-metadata.json"):
            digest.update(f"{page.name}/{name}\n".encode())
            digest.update((page / name).read_bytes())
    return digest.hexdigest()


def evaluate(pages: Path = PAGES) -> Report:
    from newsdesk.ingest.web import extract_page, html_to_text

    scores: list[PageScore] = []
    elapsed = 0.0
    for page in sorted(p for p in pages.iterdir() if p.is_dir()):
        source = (page / "source.html").read_text(encoding="utf-8")
        expected = html_to_text((page / "expected.html").read_text(encoding="utf-8"))
        meta = json.loads((page / "expected-metadata.json").read_text(encoding="utf-8"))
        started = time.perf_counter()
        story = extract_page(source, name=page.name)
        elapsed += time.perf_counter() - started
        precision, recall = precision_recall(*match_counts(expected, story.body))
        removed, left = furniture_counts(story.body)
        scores.append(
            PageScore(
                name=page.name,
                precision=precision,
                recall=recall,
                f1=f1_score(precision, recall),
                title_ok=title_matches(meta.get("title"), story.headline) if meta.get("title") else None,
                date_ok=(story.published or "")[:10] == meta["publishedTime"][:10]
                if meta.get("publishedTime")
                else None,
                furniture_removed=removed,
                furniture_left=left,
            )
        )
    precision = statistics.mean(s.precision for s in scores)
    recall = statistics.mean(s.recall for s in scores)
    return Report(
        pages=scores,
        precision=precision,
        recall=recall,
        f1=f1_score(precision, recall),
        pages_per_second=len(scores) / elapsed if elapsed else 0.0,
        corpus_sha256=corpus_hash(pages),
    )


def title_matches(expected: str, got: str) -> bool:
    """Same title, ignoring case, spacing and a trailing " | Site" or " - Author" part on either side."""

    def norm(text: str) -> str:
        return " ".join(_TOKEN.findall(text.lower()))

    if norm(expected) == norm(got):
        return True
    head = re.split(r"\s+[|–—-]\s+", expected, maxsplit=1)[0]
    return norm(head) == norm(got) or norm(expected) == norm(re.split(r"\s+[|–—-]\s+", got, maxsplit=1)[0])


def write_baseline(report: Report) -> dict:
    baseline = {
        "corpus_sha256": report.corpus_sha256,
        "pages": len(report.pages),
        "f1_floor": round(report.f1 - FLOOR_MARGIN, 3),
        "measured": {
            "precision": round(report.precision, 4),
            "recall": round(report.recall, 4),
            "f1": round(report.f1, 4),
        },
        "note": "Raise the floor deliberately: python bench/extract.py --update-baseline",
    }
    BASELINE.write_text(json.dumps(baseline, indent=2) + "\n", encoding="utf-8")
    return baseline


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, default=PAGES, help="folder of NAME/source.html, expected.html")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--update-baseline", action="store_true", help="record the scores as the new floor")
    args = parser.parse_args(argv)
    report = evaluate(args.pages)
    if args.json:
        print(json.dumps(asdict(report), indent=2))
    else:
        print(f"{'page':<14} {'precision':>9} {'recall':>7} {'F1':>6}  title  date  furniture removed/left")
        for s in report.pages:
            marks = ["-" if ok is None else ("ok" if ok else "MISS") for ok in (s.title_ok, s.date_ok)]
            print(
                f"{s.name:<14} {s.precision:9.3f} {s.recall:7.3f} {s.f1:6.3f}  {marks[0]:<5}  {marks[1]:<5} "
                f"{s.furniture_removed:>8}/{s.furniture_left}"
            )
        print(
            f"{'mean':<14} {report.precision:9.3f} {report.recall:7.3f} {report.f1:6.3f}  "
            f"furniture removed {sum(s.furniture_removed for s in report.pages)}, "
            f"left {sum(s.furniture_left for s in report.pages)}"
        )
        print(f"{len(report.pages)} pages, {report.pages_per_second:.1f} pages/s (extraction only)")
    if args.update_baseline:
        baseline = write_baseline(report)
        print(f"baseline written to {BASELINE}: F1 floor {baseline['f1_floor']}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
