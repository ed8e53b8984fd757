"""Issue 10's targets, measured: whole articles from the embedded default on the bundled example and the dev pages.

Per article: whether every template section holds at least one supported sentence, the sentences (title and dek
included) that carry a number, name or quotation found in no source, whether the title is a question, the LLM
calls and the wall seconds. The summary gives the share of articles with every section filled (target: at least
90%), the total of unsupported specifics (target: 0), the titles that are questions (target: all) and the mean
wall time (about 20-35 s on 2 cores before the story map; note contention from other work on the machine).

    python bench/articles.py                       # examples/webb-launch.md and ../shared/data/pages/*/source.html
    python bench/articles.py page.html story.txt   # other inputs
    python bench/articles.py --json                # one JSON object per article, then the summary
    python bench/articles.py --dev-stories 40      # issue 17's targets on CNN/DailyMail stories with highlights
    python bench/articles.py --dev-stories 24 --skip 38 --out DIR   # and each article as Markdown in DIR, to read

``--dev-stories N`` writes the first N stories of ``../shared/data/summaries/cnndm_valid.jsonl`` one after another
into one archive (``--skip K`` starts at story K: the first 38 were used to set the salience weights, so
``--skip 38`` reads unseen ones) and reports, against each story's published highlights, with the rouge-score
package (stemming on; the ``test`` extra): ROUGE-1/2 F1 of Key Takeaways beside the story's first three sentences
(lead-3), the highlight bigram recall of the whole article (beside that of the story itself, every word of it:
about the most an article made of its sentences can reach), sections per article with a note and no sentence
(and those left out for want of material, which the article's notes name),
background stories cited per article (the stories are unrelated, so every one is a wrong citation; targets: at or
above lead-3, at least 60%, at most 0.1, at most 0.05), the titles that glue the headline into a template
("What is at stake as ..."), the articles whose Key Takeaways copy the dek (a near-copy: 85% of the word
pairs shared; "no point is made twice"), the takeaways that make a point of the dek or the intro again (60% of
their content words, the verifier's redundancy bar), and ROUGE-1/2 F1 of the dek and the takeaways together
(what a reader meets first: the dek may state the main point the takeaways then leave to it).

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

from newsdesk.archive import open_archive  # noqa: E402 - after sys.path.insert
from newsdesk.errors import NewsdeskError  # noqa: E402 - after sys.path.insert
from newsdesk.ingest import load_story  # noqa: E402 - after sys.path.insert
from newsdesk.llm import get_model  # noqa: E402 - after sys.path.insert
from newsdesk.models import Story  # noqa: E402 - after sys.path.insert
from newsdesk.pipeline import WriteOptions, write_article  # noqa: E402 - after sys.path.insert
from newsdesk.render.markdown import render_markdown  # noqa: E402 - after sys.path.insert
from newsdesk.retrieve import evidence_of  # noqa: E402 - after sys.path.insert
from newsdesk.sentences import split_sentences  # noqa: E402 - after sys.path.insert
from newsdesk.template import load_template  # noqa: E402 - after sys.path.insert
from newsdesk.text import content_words  # noqa: E402 - after sys.path.insert
from newsdesk.verify import unsupported_specifics  # noqa: E402 - after sys.path.insert

PAGES = next(
    (p for p in (ROOT.parent / "shared" / "data" / "pages", Path("/work/shared/data/pages")) if p.is_dir()),
    ROOT.parent / "shared" / "data" / "pages",
)
QUESTION = re.compile(
    r"^(?:what|why|how|who|when|where|which|will|can|could|should|is|are|does|do|did|has|have)\b"
    r".*\?$",
    re.IGNORECASE,
)
SECTIONS_TARGET = 0.9


def default_inputs() -> list[Path]:
    return [ROOT / "examples" / "webb-launch.md", *sorted(PAGES.glob("*/source.html"))]


def measure(path: Path, model, template: str | None) -> dict:
    story = load_story(str(path))
    with tempfile.TemporaryDirectory() as tmp:
        archive = open_archive(Path(tmp) / "bench.db")
        started = time.perf_counter()
        article = write_article(story, WriteOptions(template=template, use_cache=False), archive, model=model)
        wall = time.perf_counter() - started
        archive.close()
    evidence = evidence_of(article.sources)
    spec_ids = [s.id for s in load_template(template).sections]
    empty = [
        s.id for s in article.sections if s.id in spec_ids and not any(x.verdict == "supported" for x in s.sentences())
    ]
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


SUMMARIES = PAGES.parent / "summaries" / "cnndm_valid.jsonl"
# The openings of the title templates a headline used to be glued into (issue 17 counted 88 of 96 TIME titles).
TEMPLATE_TITLE = re.compile(
    r"^(?:what is at stake as|what comes next after|what lies behind|what (?:do|does) .+ "
    r"mean for)\b",
    re.I,
)


def copies(sentence: str, other: str) -> bool:
    """A near-copy: the two share at least 85% of their word pairs (the verifier's bar for a summary's copies)."""

    def pairs(text: str) -> set[tuple[str, str]]:
        words = re.findall(r"\w+", text.lower())
        return set(zip(words, words[1:], strict=False))

    a, b = pairs(sentence), pairs(other)
    return bool(a and b) and len(a & b) / len(a | b) >= 0.85


def repeats(sentence: str, other: str) -> bool:
    """The same point: most (60%, the verifier's redundancy bar) of the sentence's content words are the other's."""
    words = set(content_words(sentence))
    return len(words) >= 3 and len(words & set(content_words(other))) >= 0.6 * len(words)


def dev_story(row: dict) -> Story:
    """A CNN/DailyMail row as a story: its headline is the one the URL keeps (the set has no other)."""
    parts = [p for p in row["url"].rstrip("/").split("/") if p and p != "index.html"]
    slug = re.sub(r"\.html?$", "", parts[-1]).removeprefix("feat-")
    return Story(headline=" ".join(slug.split("-")), body=row["article"], url=row["url"], origin="json")


def dev_stories(model, template: str | None, count: int, skip: int, as_json: bool, out: Path | None = None) -> None:
    """``out``: a folder where each article is also written as Markdown (``<row id>.md``), to read them."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    rows = [json.loads(line) for line in SUMMARIES.read_text(encoding="utf-8").splitlines()][skip : skip + count]
    totals: dict[str, list[float]] = {
        k: []
        for k in (
            "tk1",
            "tk2",
            "lead1",
            "lead2",
            "recall",
            "story_recall",
            "notes",
            "omitted",
            "background",
            "pasted",
            "words",
            "story_words",
            "calls",
            "dek_copies",
            "opening_repeats",
            "head1",
            "head2",
        )
    }
    with tempfile.TemporaryDirectory() as tmp:
        archive = open_archive(Path(tmp) / "bench.db")
        for row in rows:
            story = dev_story(row)
            article = write_article(story, WriteOptions(template=template, use_cache=False), archive, model=model)
            bullets = [s.text for sec in article.sections if sec.kind == "summary" for s in sec.sentences()]
            takeaways = " ".join(bullets)
            opening = [article.dek, *(s.text for s in article.intro.sentences())]
            head = scorer.score(row["highlights"], " ".join([article.dek, *bullets]))
            whole = " ".join(
                [article.title, article.dek, *(s.text for sec in article.all_sections() for s in sec.sentences())]
            )
            lead3 = " ".join(split_sentences(story.body)[:3])
            tk, lead = scorer.score(row["highlights"], takeaways), scorer.score(row["highlights"], lead3)
            result = {
                "tk1": tk["rouge1"].fmeasure,
                "tk2": tk["rouge2"].fmeasure,
                "lead1": lead["rouge1"].fmeasure,
                "lead2": lead["rouge2"].fmeasure,
                "recall": scorer.score(row["highlights"], whole)["rouge2"].recall,
                # the same measure of the story itself, every word: the most an article of its sentences can reach
                "story_recall": scorer.score(row["highlights"], story.body)["rouge2"].recall,
                "notes": sum(1 for sec in article.all_sections() if sec.note and not sec.sentences()),
                # sections left out because the sources held nothing for them (named in the article's notes)
                "omitted": sum(1 for note in article.notes if " is left out: " in note),
                "background": sum(1 for src in article.sources if src.role == "background"),
                "pasted": float(bool(TEMPLATE_TITLE.match(article.title))),
                "words": len(whole.split()),
                "story_words": len(story.body.split()),
                "calls": article.stats.llm_calls,
                # takeaways that make a point of the dek or the intro again: "no point is made twice"
                "opening_repeats": sum(1 for b in bullets if any(repeats(b, o) for o in opening)),
                # what a reader meets first, the dek and the takeaways together, against the highlights
                "head1": head["rouge1"].fmeasure,
                "head2": head["rouge2"].fmeasure,
                "dek_copies": float(
                    any(
                        copies(s.text, article.dek)
                        for sec in article.sections
                        if sec.kind == "summary"
                        for s in sec.sentences()
                    )
                ),
            }
            for key, value in result.items():
                totals[key].append(value)
            if out is not None:
                (out / f"{row['id']}.md").write_text(render_markdown(article), encoding="utf-8")
            line = {"id": row["id"], "title": article.title, **{k: round(v, 3) for k, v in result.items()}}
            print(
                json.dumps(line)
                if as_json
                else f"{row['id'][-10:]} R1 {result['tk1']:.2f} recall "
                f"{result['recall']:.2f} notes {result['notes']} bg {result['background']} / {article.title}",
                flush=True,
            )
        archive.close()
    mean = {k: statistics.mean(v) for k, v in totals.items()} if rows else {}
    summary = {
        "stories": len(rows),
        "takeaways_rouge1_rouge2": [round(100 * mean["tk1"], 1), round(100 * mean["tk2"], 1)],
        "lead3_rouge1_rouge2": [round(100 * mean["lead1"], 1), round(100 * mean["lead2"], 1)],
        "article_highlight_bigram_recall": round(100 * mean["recall"], 1),
        "story_highlight_bigram_recall": round(100 * mean["story_recall"], 1),
        "note_only_sections_per_article": round(mean["notes"], 2),
        "sections_left_out_per_article": round(mean["omitted"], 2),
        "background_stories_per_article": round(mean["background"], 3),
        "titles_pasting_the_headline": f"{int(sum(totals['pasted']))}/{len(rows)}",
        "mean_article_words": round(mean["words"]),
        "mean_story_words": round(mean["story_words"]),
        "mean_llm_calls": round(mean["calls"], 2),
        "takeaways_copying_the_dek": f"{int(sum(totals['dek_copies']))}/{len(rows)}",
        "takeaways_repeating_the_dek_or_intro": f"{int(sum(totals['opening_repeats']))} in "
        f"{sum(1 for n in totals['opening_repeats'] if n)}/{len(rows)} articles",
        "dek_and_takeaways_rouge1_rouge2": [round(100 * mean["head1"], 1), round(100 * mean["head2"], 1)],
    }
    print(json.dumps(summary) if as_json else "\n" + "\n".join(f"{k}: {v}" for k, v in summary.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="*", type=Path)
    parser.add_argument("--model", default=None)
    parser.add_argument("--base-url", default=None)
    parser.add_argument("--template", default=None)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--dev-stories",
        type=int,
        default=0,
        metavar="N",
        help="issue 17's measures on N CNN/DailyMail stories with highlights",
    )
    parser.add_argument("--skip", type=int, default=0, metavar="K", help="with --dev-stories: start at story K")
    parser.add_argument("--out", type=Path, default=None, metavar="DIR", help="with --dev-stories: Markdown to DIR")
    args = parser.parse_args()
    model = get_model(args.model, base_url=args.base_url)
    if args.dev_stories:
        if args.out is not None:
            args.out.mkdir(parents=True, exist_ok=True)
        dev_stories(model, args.template, args.dev_stories, args.skip, args.json, args.out)
        return
    rows = []
    if not args.json:
        print(
            f"{'input':<14} {'calls':>5} {'wall s':>7} {'kept':>5} {'specifics':>9} {'q?':>3}  empty sections / title"
        )
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
            print(
                f"{row['input'][:14]:<14} {row['llm_calls']:>5} {row['wall_seconds']:>7.1f} {row['supported']:>5} "
                f"{row['unsupported_specifics']:>9} {'yes' if row['title_is_question'] else 'NO':>3}  "
                f"{','.join(row['empty_sections']) or '-'} / {row['title']}",
                flush=True,
            )
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
