#!/usr/bin/env python3
"""The verifier's evaluation gate: quality floors on the dev data, kept in bench/verify_baseline.json.

    python bench/verify_gate.py                      # measure and compare with the floors (exit 1 if one is missed)
    python bench/verify_gate.py --write              # raise the floors to what is measured now, less a margin
    python bench/verify_gate.py --write --lower-floor --reason "why"   # the only way to lower a floor

tests/unit/test_verify_gate.py runs the same measurement in CI. To stay near a minute on 2 cores it measures a fixed,
deterministic subsample: the first ``FRANK_DOCUMENTS`` FRANK documents and the first ``SUMMEDITS_DOCUMENTS``
documents of each SummEdits domain in order of their text's sha1, with every claim about them; every sentence of
the dev articles, in their two halves (``articles_tune``: the six page articles and the first half of the cnndm
ones by name; ``articles_check``: the other half, of which only these aggregates are ever printed), with each half's
fair reasoning sentences also checked against another article's story (``elsewhere_caught``: reasoning about another
story, which must fail); and the first
``CONTRAST_SENTENCES`` source sentences of the contrast sets for seed 0 (bench/contrast.py). Each dataset's sha256
is recorded: a changed file fails the gate until the baseline is rewritten (with a reason, since the figures may
move either way).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import contrast  # noqa: E402 - after sys.path.insert

from newsdesk.eval import devdata as dev  # noqa: E402 - after sys.path.insert
from newsdesk.eval import metrics  # noqa: E402 - after sys.path.insert
from newsdesk.verify import Verifier  # noqa: E402 - after sys.path.insert

BASELINE = ROOT / "bench" / "verify_baseline.json"
FRANK_DOCUMENTS = 12
SUMMEDITS_DOCUMENTS = 3
CONTRAST_SENTENCES = 60
CONTRAST_MIN_PAIRS = 10  # an edit is gated on its own once the subsample holds this many of its pairs
MARGIN = 0.02  # floors sit this far under the measured figure: room for platform noise, not for regressions
ARTICLE_HALVES = ("articles_tune", "articles_check")
GATED = ("frank", *(f"summedits_{d}" for d in dev.SUMMEDITS_DOMAINS), *ARTICLE_HALVES, "contrast")


def measure(root: Path | None = None) -> dict:
    """Every gated figure, measured with the shipped verifier; and each dataset's sha256."""
    root = root or dev.shared_data_dir()
    verifier = Verifier()
    files = dev.dataset_files(root)
    figures: dict[str, dict] = {}
    started = time.perf_counter()
    for name in GATED:
        began = time.process_time()
        if name == "contrast":
            _, summary = contrast.measure(root, seed=0, limit=CONTRAST_SENTENCES, verifier=verifier)
            figures[name] = {
                "rows": summary["pairs"],
                "sha256": dev.files_sha256(contrast.source_files(root)),
                "figures": contrast_figures(summary),
                "cpu_seconds": round(time.process_time() - began, 1),
            }
            continue
        if name in ARTICLE_HALVES:
            half = name.removeprefix("articles_")
            claims = dev.load("articles", root, half=half)
            paths = [p for p in files["articles"] if dev.article_name(p) in {c.group for c in claims}]
        else:
            documents = FRANK_DOCUMENTS if name == "frank" else SUMMEDITS_DOCUMENTS
            claims = dev.load(name, root, documents)
            paths = files[name]
        verifier.prepare([s for c in claims for s, _ in c.sentences])
        verdicts = [all(verifier.check(s, c.passages, kind).supported for s, kind in c.sentences) for c in claims]
        labels = [c.label for c in claims]
        result = {"balanced_accuracy": metrics(labels, verdicts)["balanced_accuracy"]}
        if name in ARTICLE_HALVES:
            kinds = [c.detail["label"] for c in claims]
            result["fair_kept"] = _share(verdicts, kinds, ("supported", "reasoning"), True)
            result["caught"] = _share(verdicts, kinds, ("error", "background"), False)
            result["errors_caught"] = _share(verdicts, kinds, ("error",), False)
            result["background_caught"] = _share(verdicts, kinds, ("background",), False)
            # the fair reasoning of each article against another article's story: reasoning about another story
            caught = [
                not all(verifier.check(s, c.passages, k).supported for s, k in c.sentences)
                for c in dev.elsewhere(claims)
            ]
            result["elsewhere_caught"] = round(sum(caught) / len(caught), 4) if caught else 0.0
        figures[name] = {
            "rows": len(claims),
            "sha256": dev.files_sha256(paths),
            "figures": result,
            "cpu_seconds": round(time.process_time() - began, 1),
        }
    return {"datasets": figures, "seconds": round(time.perf_counter() - started, 1)}


def contrast_figures(summary: dict) -> dict[str, float]:
    """The contrast sets' gated figures: fair variants kept, broken ones caught, and each edit's share on its own
    where the subsample holds enough of its pairs."""
    out = {"fair_kept": summary["fair_kept"], "caught": summary["caught"]}
    for edit, row in summary["edits"].items():
        if edit != "copy" and row["n"] >= CONTRAST_MIN_PAIRS:
            out[f"{'kept' if row['fair'] else 'caught'}_{edit}"] = row["kept" if row["fair"] else "caught"]
    return out


def _share(verdicts: list[bool], labels: list[str], wanted: tuple[str, ...], kept: bool) -> float:
    chosen = [v for v, label in zip(verdicts, labels, strict=True) if label in wanted]
    return round(sum(1 for v in chosen if v == kept) / len(chosen), 4) if chosen else 0.0


def misses(baseline: dict, measured: dict) -> list[str]:
    """What fails the gate: a figure under its floor, a dataset whose file changed or that was not measured."""
    out = []
    for name, entry in baseline["datasets"].items():
        got = measured["datasets"].get(name)
        if got is None:
            out.append(f"{name}: not measured")
            continue
        if got["sha256"] != entry["sha256"]:
            out.append(
                f"{name}: data changed (sha256 {got['sha256'][:12]} != {entry['sha256'][:12]}); "
                "rerun bench/verify_gate.py --write --lower-floor --reason ..."
            )
        for figure, floor in entry["floors"].items():
            value = got["figures"].get(figure)
            if value is None or value < floor:
                out.append(f"{name} {figure}: {value} < floor {floor}")
    return out


def updated(baseline: dict | None, measured: dict, *, lower: bool = False, reason: str = "") -> dict:
    """The baseline with floors at the measured figures less ``MARGIN``. A floor only rises, unless ``lower``
    is given with a reason; every lowering (and every change of data) is recorded under "lowered"."""
    if lower and not reason.strip():
        raise ValueError("lowering a floor needs a reason (--reason)")
    old = (baseline or {}).get("datasets", {})
    history = list((baseline or {}).get("lowered", []))
    datasets = {}
    for name, got in measured["datasets"].items():
        before = old.get(name, {})
        floors = {}
        for figure, value in got["figures"].items():
            proposed = round(max(0.0, value - MARGIN), 4)
            previous = before.get("floors", {}).get(figure)
            changed_data = before and before.get("sha256") != got["sha256"]
            if previous is not None and proposed < previous:
                if not lower:
                    if changed_data:
                        raise ValueError(
                            f"{name} changed and {figure} would fall to {proposed} from {previous}: "
                            "use --lower-floor --reason"
                        )
                    proposed = previous  # a floor never falls by accident
                else:
                    history.append(
                        {
                            "dataset": name,
                            "figure": figure,
                            "from": previous,
                            "to": proposed,
                            "reason": reason,
                            "date": datetime.now(UTC).date().isoformat(),
                        }
                    )
            floors[figure] = proposed
        for figure, previous in before.get("floors", {}).items():
            if figure in floors:
                continue
            # a gated figure that is no longer measured (its pairs fell under CONTRAST_MIN_PAIRS) is a floor
            # removed: as deliberate as one lowered, and recorded the same way
            if not lower:
                raise ValueError(f"{name}: {figure} is no longer measured: use --lower-floor --reason")
            history.append(
                {
                    "dataset": name,
                    "figure": figure,
                    "from": previous,
                    "to": None,
                    "reason": reason,
                    "date": datetime.now(UTC).date().isoformat(),
                }
            )
        datasets[name] = {"sha256": got["sha256"], "rows": got["rows"], "measured": got["figures"], "floors": floors}
    return {
        "about": "Floors of the verifier's evaluation gate (bench/verify_gate.py, tests/unit/test_verify_gate.py). "
        f"Subsample: {FRANK_DOCUMENTS} FRANK documents, {SUMMEDITS_DOCUMENTS} documents per SummEdits "
        "domain (first by sha1 of the text), every dev article sentence (tune and check halves), "
        f"the first {CONTRAST_SENTENCES} source sentences of the contrast sets (seed 0).",
        "datasets": datasets,
        "lowered": history,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The verifier's evaluation gate.")
    parser.add_argument(
        "--data", type=Path, help="the shared data folder (default NEWSDESK_SHARED_DATA or ../shared/data)"
    )
    parser.add_argument("--write", action="store_true", help="rewrite the baseline's floors from this measurement")
    parser.add_argument("--lower-floor", action="store_true", help="allow --write to lower a floor")
    parser.add_argument("--reason", default="", help="why a floor is lowered (recorded in the baseline)")
    args = parser.parse_args(argv)
    measured = measure(args.data)
    baseline = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.is_file() else None
    print(json.dumps(measured, indent=2))
    if args.write:
        try:
            new = updated(baseline, measured, lower=args.lower_floor, reason=args.reason)
        except ValueError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        BASELINE.write_text(json.dumps(new, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {BASELINE}", file=sys.stderr)
        return 0
    failed = misses(baseline, measured) if baseline else ["no baseline: run with --write"]
    for line in failed:
        print(f"gate: {line}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
