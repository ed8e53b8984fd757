"""Issue 10's targets, measured: whole articles from the embedded default on the bundled example and the dev pages.

Per article: whether every template section holds at least one supported sentence, the sentences (title and dek
included) that carry a number, name or quotation found in no source, whether the title is a question, the LLM
calls and the wall seconds. The summary gives the share of articles with every section filled (target: at least
90%), the total of unsupported specifics (target: 0), the titles that are questions (target: all) and the mean
wall time (about 20-35 s on 2 cores before the story map; note contention from other work on the machine).

    python bench/articles.py                       # examples/webb-launch.md and ../shared/data/pages/*/source.html
    python bench/articles.py page.html story.txt   # other inputs
    python bench/articles.py --json                # one JSON object per article, then the summary

Every run uses a fresh temporary database and no cache.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newsdesk.archive import Archive  # noqa: E402
from newsdesk.errors import NewsdeskError  # noqa: E402
from newsdesk.ingest import load_story  # noqa: E402
from newsdesk.llm import get_model  # noqa: E402
from newsdesk.pipeline import WriteOptions, write_article  # noqa: E402
from newsdesk.retrieve import evidence_of  # noqa: E402
from newsdesk.template import load_template  # noqa: E402
from newsdesk.verify import unsupported_specifics  # noqa: E402

PAGES = next((p for p in (ROOT.parent / "shared" / "data" / "pages", Path("/work/shared/data/pages")) if p.is_dir()),
             ROOT.parent / "shared" / "data" / "pages")
QUESTION = re.compile(r"^(?:what|why|how|who|when|where|which|will|can|could|should|is|are|does|do|did|has|have)\b"
                      r".*\?$", re.IGNORECASE)
SECTIONS_TARGET = 0.9


def default_inputs() -> list[Path]:
    return [ROOT / "examples" / "webb-launch.md", *sorted(PAGES.glob("*/source.html"))]


def measure(path: Path, model, template: str | None) -> dict:
    story = load_story(str(path))
    with tempfile.TemporaryDirectory() as tmp:
        archive = Archive(Path(tmp) / "bench.db")
        started = time.perf_counter()
        article = write_article(story, WriteOptions(template=template, use_cache=False), archive, model=model)
        wall = time.perf_counter() - started
        archive.close()
    evidence = evidence_of(article.sources)
    spec_ids = [s.id for s in load_template(template).sections]
    empty = [s.id for s in article.sections
             if s.id in spec_ids and not any(x.verdict == "supported" for x in s.sentences())]
    texts = [article.title, article.dek] + [s.text for sec in article.all_sections() for s in sec.sentences()]
    unsupported = {t: found for t in texts if t and (found := unsupported_specifics(t, evidence))}
    return {
        "input": path.parent.name if path.name == "source.html" else path.stem,
        "title": article.title,
        "title_is_question": bool(QUESTION.match(article.title.strip())),
        "empty_sections": empty,
        "supported": sum(1 for sec in article.all_sections() for s in sec.sentences() if s.verdict == "supported"),
        "unsupported_specifics": sum(len(v) for v in unsupported.values()),
        "unsupported_examples": [f"{k[:80]} -> {v[:3]}" for k, v in list(unsupported.items())[:3]],
        "llm_calls": article.stats.llm_calls,
        "wall_seconds": round(wall, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="*", type=Path)
    parser.add_argument("--model", default=None)
    parser.add_argument("--base-url", default=None)
    parser.add_argument("--template", default=None)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    model = get_model(args.model, base_url=args.base_url)
    rows = []
    if not args.json:
        print(f"{'input':<14} {'calls':>5} {'wall s':>7} {'kept':>5} {'specifics':>9} {'q?':>3}  "
              "empty sections / title")
    for path in args.inputs or default_inputs():
        try:
            row = measure(path, model, args.template)
        except NewsdeskError as error:  # a refused input is a result too
            row = {"input": path.stem, "refused": str(error)}
        rows.append(row)
        if args.json:
            print(json.dumps(row, ensure_ascii=False))
        elif "refused" in row:
            print(f"{row['input'][:14]:<14} refused: {row['refused']}")
        else:
            print(f"{row['input'][:14]:<14} {row['llm_calls']:>5} {row['wall_seconds']:>7.1f} {row['supported']:>5} "
                  f"{row['unsupported_specifics']:>9} {'yes' if row['title_is_question'] else 'NO':>3}  "
                  f"{','.join(row['empty_sections']) or '-'} / {row['title']}", flush=True)
            for example in row["unsupported_examples"]:
                print(f"{'':<16}unsupported: {example}")
    written = [r for r in rows if "refused" not in r]
    if not written:
        return
    full = sum(1 for r in written if not r["empty_sections"]) / len(written)
    summary = {
        "articles": len(written),
        "every_section_filled_share": round(full, 3),
        "every_section_filled_target_met": full >= SECTIONS_TARGET,
        "unsupported_specifics": sum(r["unsupported_specifics"] for r in written),
        "titles_questions": f"{sum(r['title_is_question'] for r in written)}/{len(written)}",
        "mean_wall_seconds": round(statistics.mean(r["wall_seconds"] for r in written), 1),
        "mean_llm_calls": round(statistics.mean(r["llm_calls"] for r in written), 1),
    }
    print(json.dumps(summary) if args.json else "\n" + "\n".join(f"{k}: {v}" for k, v in summary.items()))


if __name__ == "__main__":
    main()
