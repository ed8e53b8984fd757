"""Write one article per input and report the cost of each.

Per article: LLM calls, prompt and completion tokens, wall seconds, the model's own decode rate (tokens/s from
llama.cpp's counters), and the overhead ratio wall / (completion tokens / decode rate): how much longer the
article took than generating its tokens alone would. With ``--drafting grounded,free`` it writes every input both
ways and compares supported sentences per article (issue 3: keep the mode that gives more).

    python bench/write.py                                  # the bundled example and three real pages
    python bench/write.py story.txt page.html --drafting grounded,free
    python bench/write.py --model openai:llama3.2 --base-url http://127.0.0.1:11434/v1

Every run uses a fresh temporary database and no cache, so numbers are cold-cache numbers.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newsdesk.archive import open_archive  # noqa: E402 - after sys.path.insert
from newsdesk.ingest import load_story  # noqa: E402 - after sys.path.insert
from newsdesk.llm import get_model  # noqa: E402 - after sys.path.insert
from newsdesk.pipeline import WriteOptions, write_article  # noqa: E402 - after sys.path.insert

SHARED_PAGES = next(
    (p for p in (ROOT.parent / "shared" / "data" / "pages", Path("/work/shared/data/pages")) if p.is_dir()),
    ROOT.parent / "shared" / "data" / "pages",
)
DEFAULT_INPUTS = [
    ROOT / "examples" / "webb-launch.md",
    *(SHARED_PAGES / name / "source.html" for name in ("bbc-1", "guardian-1", "wapo-1")),
]


def count(article, verdict: str | None = None) -> int:
    return sum(
        1 for section in article.all_sections() for s in section.sentences() if verdict is None or s.verdict == verdict
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="*", type=Path, help="story files (text, Markdown, JSON, HTML)")
    parser.add_argument("--model", default=None)
    parser.add_argument("--base-url", default=None)
    parser.add_argument("--template", default=None)
    parser.add_argument("--drafting", default="auto", help="comma-separated: auto, grounded, free")
    parser.add_argument("--json", action="store_true", help="print one JSON object per article")
    args = parser.parse_args()

    inputs = [p for p in (args.inputs or DEFAULT_INPUTS) if p.exists()]
    model = get_model(args.model, base_url=args.base_url)
    modes = [m.strip() for m in args.drafting.split(",") if m.strip()]
    rows = []
    print(f"model: {model.name} ({model.backend}), context {model.context_length}", file=sys.stderr)
    header = (
        f"{'input':<22} {'drafting':<9} {'calls':>5} {'prompt':>7} {'compl':>6} {'reused':>7} {'wall s':>7} "
        f"{'dec tok/s':>9} {'overhead':>8} {'verify s':>8} {'verify%':>7} {'kept':>5} {'dropped':>7}"
    )
    if not args.json:
        print(header)
    for path in inputs:
        for mode in modes:
            with tempfile.TemporaryDirectory() as tmp:
                archive = open_archive(Path(tmp) / "bench.db")
                story = load_story(str(path))
                options = WriteOptions(
                    model=args.model, base_url=args.base_url, template=args.template, use_cache=False, drafting=mode
                )
                started = time.perf_counter()
                article = write_article(story, options, archive, model=model)
                wall = time.perf_counter() - started
                archive.close()
            s = article.stats
            rate = s.completion_tokens / s.decode_seconds if s.decode_seconds else None
            overhead = wall / (s.completion_tokens / rate) if rate and s.completion_tokens else None
            name = path.parent.name if path.name == "source.html" else path.stem
            row = {
                "input": name,
                "drafting": article.model.drafting or mode,
                "llm_calls": s.llm_calls,
                "prompt_tokens": s.prompt_tokens,
                "completion_tokens": s.completion_tokens,
                "prefix_cached_tokens": s.prefix_cached_tokens,
                "wall_seconds": round(wall, 2),
                "decode_tokens_per_second": round(rate, 1) if rate else None,
                "overhead_ratio": round(overhead, 2) if overhead else None,
                "verify_seconds": s.verify_seconds,
                "supported_sentences": count(article, "supported"),
                "dropped_sentences": len(article.dropped),
            }
            rows.append(row)
            if args.json:
                print(json.dumps(row))
            else:
                print(
                    f"{name[:22]:<22} {row['drafting']:<9} {s.llm_calls:>5} {s.prompt_tokens:>7} "
                    f"{s.completion_tokens:>6} {s.prefix_cached_tokens:>7} {wall:>7.1f} "
                    f"{(rate or 0):>9.1f} {(overhead or 0):>8.2f} {s.verify_seconds:>8.2f} "
                    f"{100 * s.verify_seconds / wall:>6.1f}% {row['supported_sentences']:>5} "
                    f"{row['dropped_sentences']:>7}",
                    flush=True,
                )
    if not args.json and rows:
        print()
        for mode in sorted({r["drafting"] for r in rows}):
            mine = [r for r in rows if r["drafting"] == mode]
            print(
                f"{mode}: {len(mine)} articles, mean supported sentences/article "
                f"{statistics.mean(r['supported_sentences'] for r in mine):.1f}, mean dropped "
                f"{statistics.mean(r['dropped_sentences'] for r in mine):.1f}, mean wall "
                f"{statistics.mean(r['wall_seconds'] for r in mine):.1f} s, mean calls "
                f"{statistics.mean(r['llm_calls'] for r in mine):.1f}"
            )


if __name__ == "__main__":
    main()
