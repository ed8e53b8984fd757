"""``newsdesk verify`` (any text against sources) and ``newsdesk eval verify`` (the verifier on labelled rows)."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

import click

from ..errors import InputError
from ..models import Passage
from ..render.markdown import SOURCES_HEADING, UPDATES_HEADING
from ..sentences import split_sentences
from ..text import ascii_number, counted, visible
from .common import Command

if TYPE_CHECKING:  # the checker loads its models on import; the annotation alone needs none of that
    from ..verify import Verifier

KINDS = ("fact", "analysis", "outlook", "opinion")
_MARKS = {"supported": "✓", "unsupported": "✗", "contradicted": "!"}

judge_options = [
    click.option(
        "--judge",
        "judge_spec",
        metavar="MODEL",
        help="Also ask an LLM judge (read from token probabilities), e.g. openai:llama3.2. Optional.",
    ),
    click.option("--base-url", envvar="OPENAI_BASE_URL", help="OpenAI-compatible server URL for --judge."),
    click.option(
        "--calibration",
        type=click.Path(exists=True, dir_okay=False),
        help="A calibration file other than the shipped one (see scripts/calibrate_verify.py).",
    ),
]


def _with(options: list[Callable[[Command], Command]]) -> Callable[[Command], Command]:
    def decorate(fn: Command) -> Command:
        for option in reversed(options):
            fn = option(fn)
        return fn

    return decorate


class DescribedSource(TypedDict):
    """A --source as the JSON report names it: its [n], its headline and the path or URL it came from."""

    number: int
    title: str
    path: str


class CheckedSentence(TypedDict):
    """One sentence of ``verify --format json``: the draft's words, the kind it was checked as, and the verdict
    with its score, citations, signals, deciding check and per-check numbers (docs/article-json.md's terms)."""

    text: str
    claim_kind: str
    verdict: str
    score: float
    citations: list[dict[str, Any]]
    signals: dict[str, Any]
    decided_by: str
    checks: dict[str, Any]


def register(cli: click.Group) -> None:
    """Add this module's commands to the root group."""
    cli.add_command(verify)
    cli.add_command(eval_group)


@contextmanager
def _verifier(calibration: str | None, judge_spec: str | None, base_url: str | None) -> Iterator[Verifier]:
    """The verifier, with the judge's model closed when the command is done (a server model holds a pool of
    connections)."""
    from ..verify import Verifier

    judge = None
    if judge_spec:
        from ..llm import get_model

        judge = get_model(judge_spec, base_url=base_url)
    try:
        yield Verifier(calibration, judge=judge)
    finally:
        if judge is not None:
            judge.close()


def story_passages(sources: tuple[str, ...]) -> tuple[list[DescribedSource], list[Passage]]:
    """Each --source as a numbered source (1, 2, ...) and its passages: headline, then body paragraphs."""
    from ..archive import split_passages
    from ..ingest import load_story
    from ..models import Source
    from ..retrieve import evidence_of

    described: list[DescribedSource] = []
    numbered: list[Source] = []
    for number, arg in enumerate(sources, 1):
        if ascii_number(arg) is not None and not Path(arg).exists():  # a stored story's id: verify reads files
            raise InputError(
                f"no such file: {arg} (to check against stored story {arg}, write it to a file first: "
                f"newsdesk archive show {arg} --format json > story-{arg}.json)"
            )
        story = load_story(arg)
        described.append({"number": number, "title": story.headline, "path": arg})
        numbered.append(
            Source(
                number=number,
                title=story.headline,
                passages=[
                    Passage(text=text, position=position, source_number=number)
                    for position, text in enumerate(split_passages(story.body))
                ],
            )
        )
    from ..injection import screen_passages

    return described, screen_passages(evidence_of(numbered))  # [injection] never evidence


_AFTER_THE_BODY = re.compile(rf"#+\s*(?:{UPDATES_HEADING}|{SOURCES_HEADING})\s*#*")


def draft_sentences(text: str) -> list[str]:
    """Sentences of a draft: Markdown headings skipped, list markers and [n] citation marks removed, and nothing
    from a "Sources" or "Updates" heading on (newsdesk's own articles end with them)."""
    kept = []
    for line in text.splitlines():
        stripped = line.strip()
        if _AFTER_THE_BODY.fullmatch(stripped):
            break  # an article's updates log, sources, check footer and notes: no claims about the story
        if stripped.startswith("#") or re.fullmatch(r"[-*_=]{3,}", stripped):
            kept.append("")
            continue
        bullet = re.match(r"^(?:[-*+\u2022]|\d+[.)])\s+", stripped)
        if bullet:
            kept.extend(["", stripped[bullet.end() :], ""])  # each bullet is its own paragraph
        else:
            kept.append(stripped)
    paragraphs = re.split(r"\n\s*\n", "\n".join(kept))
    out = []
    for paragraph in paragraphs:
        paragraph = re.sub(r"\s*\[\d+(?:[,\s]*\d+)*\]", "", paragraph)
        paragraph = re.sub(r"[*_]{1,2}([^*_]+)[*_]{1,2}", r"\1", paragraph)  # **bold**, _emphasis_
        out.extend(split_sentences(paragraph))
    return out


@click.command()
@click.option(
    "-s",
    "--source",
    "sources",
    multiple=True,
    required=True,
    metavar="STORY",
    help="A story file (text, Markdown, JSON, HTML) or URL; repeat for more. The first is [1].",
)
@click.option(
    "--text",
    "text_path",
    required=True,
    metavar="FILE",
    help="The text to check (Markdown or plain text); '-' reads standard input. (No -t: in write and "
    "feed, -t is --template.)",
)
@click.option(
    "-k",
    "--kind",
    type=click.Choice(KINDS),
    default="fact",
    show_default=True,
    help="What the text is meant to be; a sentence's own words can still make it outlook or opinion.",
)
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--strict", is_flag=True, help="Exit with status 1 when any sentence is unsupported or contradicted (for CI)."
)
@_with(judge_options)
def verify(
    sources: tuple[str, ...],
    text_path: str,
    kind: str,
    fmt: str,
    judge_spec: str | None,
    base_url: str | None,
    calibration: str | None,
    strict: bool,
) -> None:
    """Check every sentence of a text against source stories: verdict, score and [n] citations.

    \b
    Examples:
      newsdesk verify --source story.txt --text draft.md
      newsdesk verify -s story.txt -s background.txt --text draft.md --format json
      newsdesk verify -s story.txt --text draft.md --strict   # exit 1 if any sentence fails
    """
    from ..verify import claim_kind

    described, passages = story_passages(sources)
    from ..ingest.text import MAX_STORY_BYTES, decode_bytes
    from ..reading import read_capped

    # the same cap and encodings a --source may have, and the same refusals
    data = read_capped(text_path, limit=MAX_STORY_BYTES, what="text")
    # what a reader sees, as every story is at ingest (``text.visible``): a zero-width character or a hidden line
    # of tag characters is neither checked nor echoed
    draft = visible(decode_bytes(data, "standard input" if text_path == "-" else text_path))
    sentences = draft_sentences(draft)
    if not sentences:
        raise InputError(f"{text_path} holds no sentences to check")
    kinds = [claim_kind(sentence, kind) for sentence in sentences]
    before = ["", *sentences[:-1]]  # a pronoun opening a sentence points into the one before it
    with _verifier(calibration, judge_spec, base_url) as verifier:  # the judge asks in batches
        checks = verifier.check_many(list(zip(sentences, kinds, strict=True)), passages, before)
    results: list[CheckedSentence] = [
        {
            "text": sentence,
            "claim_kind": sentence_kind,
            "verdict": check.verdict,
            "score": check.score,
            "citations": [c.to_dict() for c in check.citations],
            "signals": check.signals,
            "decided_by": check.decided_by,
            "checks": check.details,
        }
        for sentence, sentence_kind, check in zip(sentences, kinds, checks, strict=True)
    ]
    counts = {v: sum(1 for r in results if r["verdict"] == v) for v in ("supported", "unsupported", "contradicted")}
    unanswered = [r["checks"]["judge_error"] for r in results if r["checks"].get("judge_error")]
    if unanswered:  # the local checks decided those sentences; say so, or a dead server looks like a silent judge
        click.echo(
            f"warning: the judge gave no answer for {len(unanswered)} of the sentences it was asked about "
            f"({unanswered[0]}); the local checks decided them",
            err=True,
        )
    if fmt == "json":
        click.echo(
            json.dumps({"sources": described, "sentences": results, "summary": counts}, indent=2, ensure_ascii=False)
        )
        _exit_if_failing(strict, counts)
        return
    for r in results:
        marks = "".join(f"[{n}]" for n in sorted({c["source"] for c in r["citations"]}))
        why = ""
        if r["verdict"] != "supported":
            why = f"  ({r['checks'].get('reason', r['verdict'])})"
        click.echo(f"{_MARKS[r['verdict']]} {r['verdict']:<12} {r['score']:.2f} {marks:<6} {r['text']}{why}")
    click.echo(
        f"\n{counted(len(results), 'sentence')}: {counts['supported']} supported, {counts['unsupported']} unsupported, "
        f"{counts['contradicted']} contradicted."
    )
    for source in described:
        click.echo(f"[{source['number']}] {source['title']} ({source['path']})")
    _exit_if_failing(strict, counts)


def _exit_if_failing(strict: bool, counts: dict[str, int]) -> None:
    failing = counts["unsupported"] + counts["contradicted"]
    if strict and failing:
        click.echo(f"--strict: {failing} sentences are not supported by the sources", err=True)
        sys.exit(1)


@click.group("eval")
def eval_group() -> None:
    """Measure newsdesk's checks on labelled data."""


@eval_group.command("verify")
@click.argument("rows_path", metavar="ROWS.jsonl", type=click.Path(dir_okay=False))
@click.option("--threshold-sweep", is_flag=True, help="Also print balanced accuracy at thresholds 0.05..0.95.")
@click.option("--limit", type=click.IntRange(1), help="Only the first N rows.")
@_with(judge_options)
def eval_verify(
    rows_path: str,
    threshold_sweep: bool,
    limit: int | None,
    judge_spec: str | None,
    base_url: str | None,
    calibration: str | None,
) -> None:
    """Balanced accuracy of the verifier on rows {"document", "claim", "label"} (label 1 = supported).

    A claim counts as supported only if every one of its sentences is. Prints JSON: balanced_accuracy,
    per-class precision and recall, rows, claims_per_second (and the threshold curve with --threshold-sweep).

    \b
    Example:
      newsdesk eval verify ../shared/data/verify/frank_valid.jsonl --threshold-sweep
    """
    from ..eval import evaluate, load_rows

    rows = load_rows(rows_path)
    if limit:
        rows = rows[:limit]
    with _verifier(calibration, judge_spec, base_url) as verifier:
        result = evaluate(verifier, rows, sweep=threshold_sweep)
    click.echo(json.dumps(result, indent=2))
    present = [name for name in ("supported", "unsupported") if result.get(name, {}).get("count")]
    if len(present) == 1:  # the other class's recall is 0 of 0, which balanced accuracy counts as 0
        click.echo(
            f"warning: every row is {present[0]}: balanced accuracy needs both labels and says nothing here; "
            f"read the {present[0]} recall",
            err=True,
        )
