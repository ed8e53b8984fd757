#!/usr/bin/env python3
"""Contrast sets: how well the checker's verdicts hold on source text nobody wrote rules from.

    python bench/contrast.py                         # seed 0, the default number of source sentences
    python bench/contrast.py --seed 3 --limit 300    # another sample, smaller
    python bench/contrast.py --json /tmp/contrast.json   # also every pair with its verdict and deciding check

From the documents of FRANK and SummEdits (../shared/data/verify), the dev pages (pages/*/expected.html) and the
feeds (feeds/*.xml), leaving out every document a dev article was written about (those were read while writing
rules), it picks source sentences and makes, from each sentence's spaCy parse:

- FAIR variants that keep its meaning: clauses reordered, active <-> passive, a person introduced earlier named
  by a pronoun, a number written another way ("12" <-> "twelve", "1.5 million" <-> "1,500,000"); and the sentence
  itself ("copy", a control);
- BROKEN variants, one per kind of error: the speaker swapped for another speaker of the source, a negation
  inserted or removed, an antonym, a figure / date / role changed, a hedge removed, the scope widened, a cause
  inserted, a figure moved to another entity or conflated with another figure of the source, before/after swapped.

Every variant is checked with the shipped ``Verifier`` (no judge) against the whole document as passages (built
as bench/verify.py and the gate build them). It prints, per edit, the share of broken variants caught (recall) and
of fair variants kept, and per deciding check (``Check.decided_by``) its precision: the broken variants it failed
over all it failed, fair ones included. The sample is fixed by the seed. It is a measurement, never training data.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from random import Random

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from contrast_breaks import BROKEN  # noqa: E402 - after sys.path.insert
from contrast_edits import Context, build_context  # noqa: E402 - after sys.path.insert
from contrast_fair import FAIR  # noqa: E402 - after sys.path.insert

from newsdesk.errors import InputError  # noqa: E402 - after sys.path.insert
from newsdesk.eval import devdata as dev  # noqa: E402 - after sys.path.insert
from newsdesk.eval import load_rows, row_passages  # noqa: E402 - after sys.path.insert
from newsdesk.models import Passage  # noqa: E402 - after sys.path.insert
from newsdesk.sentences import split_sentences  # noqa: E402 - after sys.path.insert
from newsdesk.verify import Verifier  # noqa: E402 - after sys.path.insert

DEFAULT_LIMIT = None  # source sentences; every document by default (about 10,000 pairs, under 10 minutes on one core)
PER_DOCUMENT = 6  # source sentences at most from one document, so that no long transcript dominates
MAX_SENTENCES = 80  # sentences of a document parsed (its context); the rest is passages only
MIN_WORDS, MAX_WORDS = 6, 45


@dataclass
class Document:
    corpus: str  # frank | summedits_DOMAIN | page | feed
    key: str  # stable: the corpus and a hash or a name
    text: str  # paragraphs, one a line


@dataclass
class Variant:
    text: str
    edit: str  # the edit that made it ("copy" for the sentence itself)
    fair: bool
    verdict: str = ""
    decided_by: str = ""


@dataclass
class Triple:
    """A source sentence, its fair variants and its broken variants, checked against its document."""

    corpus: str
    document: str
    sentence: str
    variants: list[Variant] = field(default_factory=list)


# ------------------------------------------------------------------------------------------------- sources


def documents(root: Path) -> list[Document]:
    """Every source document, in a fixed order, without those the dev articles were written about."""
    read = _article_names(root / "articles")
    docs: list[Document] = []
    frank = load_rows(root / "verify" / "frank_valid.jsonl")
    for text, ids in _by_document(frank).items():
        if not any(str(i).split(":")[0][:8] in read for i in ids):
            docs.append(Document("frank", "frank-" + _sha(text), text))
    for domain in dev.SUMMEDITS_DOMAINS:
        rows = load_rows(root / "verify" / f"summedits_{domain}.jsonl")
        docs += [Document(f"summedits_{domain}", f"{domain}-{_sha(t)}", t) for t in _by_document(rows)]
    from newsdesk.ingest.feeds import parse_feed
    from newsdesk.ingest.web import guess_language, html_to_text

    for page in sorted((root / "pages").glob("*/expected.html")):
        if page.parent.name in read:
            continue
        text = html_to_text(page.read_text(encoding="utf-8"))
        if guess_language(text) == "en":
            docs.append(Document("page", "page-" + page.parent.name, text))
    for path in sorted((root / "feeds").glob("*.xml")):
        try:
            feed = parse_feed(path.read_bytes(), str(path))
        except InputError:
            continue
        for entry in feed.entries:
            if entry.text.strip():
                docs.append(Document("feed", f"feed-{path.stem}-{_sha(entry.text)}", entry.text))
    return docs


def source_files(root: Path) -> list[Path]:
    """The files the contrast sets are made from (what the gate's hash covers)."""
    return [
        root / "verify" / "frank_valid.jsonl",
        *(root / "verify" / f"summedits_{d}.jsonl" for d in dev.SUMMEDITS_DOMAINS),
        *sorted((root / "pages").glob("*/expected.html")),
        *sorted((root / "feeds").glob("*.xml")),
        *sorted((root / "articles").glob("labels-*.jsonl")),
    ]


def _article_names(folder: Path) -> set[str]:
    """The documents the dev articles are about: page names, and the FRANK ids' first 8 hex digits."""
    names = {p.stem[len("labels-") :] for p in folder.glob("labels-*.jsonl")}
    return {n.removeprefix("cnndm-") for n in names}


def _by_document(rows: list[dict]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for row in rows:
        out.setdefault(str(row["document"]), []).append(str(row.get("id", "")))
    return out


def _sha(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:12]


def interleaved(docs: list[Document], seed: int) -> Iterator[Document]:
    """Documents of each kind in turn (feed, frank, page, summedits), each kind shuffled by the seed, so that any
    limit draws on every kind."""
    groups: dict[str, list[Document]] = defaultdict(list)
    for doc in sorted(docs, key=lambda d: d.key):
        groups[doc.corpus.split("_")[0]].append(doc)
    queues = []
    for corpus in sorted(groups):
        order = groups[corpus][:]
        Random(f"{seed}:{corpus}").shuffle(order)
        queues.append(order)
    while any(queues):
        for queue in queues:
            if queue:
                yield queue.pop(0)


# ---------------------------------------------------------------------------------------------- generation


def eligible(sentence: str) -> bool:
    """A sentence worth editing: a complete sentence of ordinary length, one line, mostly words."""
    words = sentence.split()
    if not MIN_WORDS <= len(words) <= MAX_WORDS or "\n" in sentence or "http" in sentence or "|" in sentence:
        return False
    if not (sentence[:1].isupper() or sentence[:1] in "\"“'‘") or sentence.rstrip()[-1:] not in ".\"”’'":
        return False  # statements only: a question asserts nothing
    if re.search(r"[a-z][.!?][A-Z]", sentence) or ":" in " ".join(words[:4]):
        return False  # two sentences glued together, or a transcript's speaker label
    letters = sum(ch.isalpha() for ch in sentence)
    return letters >= 0.6 * len(sentence) and sum(w.isupper() and len(w) > 1 for w in words) <= len(words) // 3


def triples(
    doc: Document, seed: int, nlp: object, counts: Counter | None = None, per_document: int = PER_DOCUMENT
) -> list[Triple]:
    """Up to ``per_document`` triples from one document. Every edit is tried on every eligible sentence; then
    sentences are taken one at a time, each time the one whose edits are rarest so far in ``counts`` (ties in
    the seed's order), so that the edits that apply seldom (passive, pronoun, speaker, role) are measured on
    enough pairs. A sentence with no broken variant is skipped."""
    counts = Counter() if counts is None else counts
    sentences = [s for p in row_passages(doc.text) for s in split_sentences(p.text)][:MAX_SENTENCES]
    parsed = list(nlp.pipe(sentences))  # type: ignore[attr-defined]  # nlp is spaCy's Language, typed object here
    for number, parsed_doc in enumerate(parsed):
        parsed_doc.user_data["index"] = number
    context = build_context(parsed)
    picks = [i for i, s in enumerate(sentences) if eligible(s)]
    Random(f"{seed}:{doc.key}").shuffle(picks)
    candidates = [t for t in (_triple(doc, i, sentences[i], parsed[i], context, seed) for i in picks) if t]
    out: list[Triple] = []
    while candidates and len(out) < per_document:
        best = max(candidates, key=lambda t: sum(1 / (1 + counts[v.edit]) for v in t.variants if v.edit != "copy"))
        candidates.remove(best)
        counts.update(v.edit for v in best.variants)
        out.append(best)
    return out


def _triple(doc: Document, i: int, sentence: str, parsed: object, context: Context, seed: int) -> Triple | None:
    triple = Triple(doc.corpus, doc.key, sentence, [Variant(sentence, "copy", True)])
    seen = {sentence}
    for fair, edits in ((True, FAIR), (False, BROKEN)):
        for name, edit in edits.items():
            try:
                text = edit(parsed, context, Random(f"{seed}:{doc.key}:{i}:{name}"))
            except (IndexError, ValueError, StopIteration):
                text = None  # a parse the edit did not foresee: the edit does not apply
            if text and text not in seen and len(text.split()) >= 3 and _balanced(text, sentence):
                seen.add(text)
                triple.variants.append(Variant(text, name, fair))
    return triple if any(not v.fair for v in triple.variants) else None


def _balanced(text: str, sentence: str) -> bool:
    """An edit that cut through brackets or a quotation made a broken string, not a broken claim."""
    return (
        all(
            text.count(a) - text.count(b) == sentence.count(a) - sentence.count(b)
            for a, b in (("(", ")"), ("[", "]"), ("“", "”"))
        )
        and text.count('"') % 2 == sentence.count('"') % 2
    )


def generate(
    root: Path, seed: int = 0, limit: int | None = DEFAULT_LIMIT, docs: list[Document] | None = None
) -> Iterator[tuple[Triple, list[Passage]]]:
    """Triples with their document's passages, in a fixed order for the seed, ``limit`` source sentences at most
    (``docs``: the documents, when already read)."""
    from newsdesk.language import nlp

    pipeline = nlp()
    made = 0
    counts: Counter = Counter()
    for doc in interleaved(documents(root) if docs is None else docs, seed):
        if limit is not None and made >= limit:
            return
        passages = row_passages(doc.text)
        for triple in triples(doc, seed, pipeline, counts)[: None if limit is None else limit - made]:
            made += 1
            yield triple, passages


# ---------------------------------------------------------------------------------------------- measuring


def measure(
    root: Path, seed: int = 0, limit: int | None = DEFAULT_LIMIT, verifier: Verifier | None = None
) -> tuple[list[Triple], dict]:
    """Check every variant; returns the triples (with verdicts) and the summary ``report`` prints."""
    verifier = verifier or Verifier()
    started, cpu = time.perf_counter(), time.process_time()
    done: list[Triple] = []
    for triple, passages in generate(root, seed, limit):
        checks = verifier.check_many([(v.text, "fact") for v in triple.variants], passages)
        for variant, check in zip(triple.variants, checks, strict=True):
            variant.verdict = check.verdict
            variant.decided_by = check.decided_by
        done.append(triple)
    summary = summarise(done)
    summary["seconds"] = round(time.perf_counter() - started, 1)
    summary["cpu_seconds"] = round(time.process_time() - cpu, 1)
    summary["seed"], summary["limit"] = seed, limit
    return done, summary


def summarise(done: list[Triple]) -> dict:
    """Per edit: count and share passed (fair: kept; broken: caught). Per deciding check: what it failed, how
    much of that was broken (precision), the share of all broken variants it caught (recall) and of all fair
    variants it failed (false alarms)."""
    variants = [v for t in done for v in t.variants]
    edits: dict[str, dict] = {}
    for name in ["copy", *FAIR, *BROKEN]:
        chosen = [v for v in variants if v.edit == name]
        if not chosen:
            continue
        is_fair = chosen[0].fair
        right = sum(1 for v in chosen if (v.verdict == "supported") == is_fair)
        deciders = Counter(v.decided_by for v in chosen if v.verdict != "supported")
        edits[name] = {
            "fair": is_fair,
            "n": len(chosen),
            "kept" if is_fair else "caught": round(right / len(chosen), 4),
            "failed_by": dict(deciders.most_common()),
        }
    broken = [v for v in variants if not v.fair]
    fair = [v for v in variants if v.fair and v.edit != "copy"]
    checks: dict[str, dict] = {}
    for decider in sorted({v.decided_by for v in variants if v.verdict != "supported"}):
        failed = [v for v in variants if v.verdict != "supported" and v.decided_by == decider]
        hits = sum(1 for v in failed if not v.fair)
        checks[decider] = {
            "failed": len(failed),
            "broken": hits,
            "precision": round(hits / len(failed), 4),
            "recall": round(hits / len(broken), 4) if broken else 0.0,
            "fair_failed": round(sum(1 for v in failed if v.fair and v.edit != "copy") / len(fair), 4) if fair else 0.0,
        }
    return {
        "source_sentences": len(done),
        "pairs": len(variants),
        "corpora": dict(Counter(t.corpus.split("_")[0] for t in done)),
        "fair_kept": _share(fair, True),
        "copy_kept": _share([v for v in variants if v.edit == "copy"], True),
        "caught": _share(broken, False),
        "edits": edits,
        "checks": checks,
    }


def _share(variants: list[Variant], fair: bool) -> float:
    if not variants:
        return 0.0
    return round(sum(1 for v in variants if (v.verdict == "supported") == fair) / len(variants), 4)


def report(summary: dict) -> str:
    lines = [
        f"{summary['source_sentences']} source sentences, {summary['pairs']} pairs "
        f"({', '.join(f'{k} {v}' for k, v in summary['corpora'].items())}), "
        f"{summary['seconds']} s ({summary['cpu_seconds']} CPU s)",
        "",
        f"{'edit':16s} {'n':>5s} {'kept/caught':>11s}  failed by",
        "-" * 72,
    ]
    for name, row in summary["edits"].items():
        share = row.get("kept", row.get("caught"))
        label = f"{name} ({'fair' if row['fair'] else 'broken'})"
        deciders = ", ".join(f"{k} {v}" for k, v in row["failed_by"].items())
        lines.append(f"{label:25s} {row['n']:>5d} {share:>8.3f}  {deciders}"[:160])
    lines += [
        "",
        f"{'check (decided_by)':20s} {'failed':>7s} {'broken':>7s} {'precision':>9s} {'recall':>7s} "
        f"{'fair failed':>11s}",
        "-" * 72,
    ]
    for name, row in summary["checks"].items():
        lines.append(
            f"{name:20s} {row['failed']:>7d} {row['broken']:>7d} {row['precision']:>9.3f} "
            f"{row['recall']:>7.3f} {row['fair_failed']:>11.3f}"
        )
    lines += [
        "",
        f"fair kept {summary['fair_kept']:.3f} (copies kept {summary['copy_kept']:.3f}), "
        f"broken caught {summary['caught']:.3f}",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Contrast sets: the checker's recall per kind of error and its "
        "precision per check, on source text no rule was written from.",
        epilog="example: python bench/contrast.py --seed 1 --limit 200 --json out.json",
    )
    parser.add_argument(
        "--data", type=Path, help="the shared data folder (default NEWSDESK_SHARED_DATA or ../shared/data)"
    )
    parser.add_argument("--seed", type=int, default=0, help="which sample (default 0)")
    parser.add_argument("--limit", type=int, default=0, help="source sentences at most (default 0: all of them)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write the summary and every pair here")
    args = parser.parse_args(argv)
    root = args.data or dev.shared_data_dir()
    if not (root / "verify").is_dir():
        print(f"error: no shared data at {root} (set NEWSDESK_SHARED_DATA or pass --data)", file=sys.stderr)
        return 2
    done, summary = measure(root, args.seed, args.limit or None)
    print(report(summary))
    if args.json:
        payload = {"summary": summary, "triples": [asdict(t) for t in done]}
        args.json.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
