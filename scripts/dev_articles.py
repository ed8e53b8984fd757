#!/usr/bin/env python3
"""In-process twin of shared/tools/score_articles.py for quick iteration: per-label pass rates, every sentence
that is judged wrongly (with the check that decided), and per-check catches on the error sentences.

usage: PYTHONPATH=src python scripts/dev_articles.py ../shared/data/articles [--only-check NAME] [--show]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--show", action="store_true", help="print every sentence judged wrongly")
    parser.add_argument("--tool", default="/work/shared/tools/score_articles.py")
    args = parser.parse_args()
    spec = importlib.util.spec_from_file_location("score_articles", args.tool)
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)

    from newsdesk.cli.verify_cmd import draft_sentences, story_passages
    from newsdesk.verify import Verifier, claim_kind
    from newsdesk.verify._checks import FACT_CHECKS as CHECKS
    from newsdesk.verify._checks import run_fact_checks as run_checks
    from newsdesk.verify._measure import measure

    verifier = Verifier()
    folder = Path(args.folder)
    stats: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    decided: Counter = Counter()
    fires: Counter = Counter()  # (check, label) -> sentences the check fails, run alone, whatever the lexical verdict
    for lab in sorted(folder.glob("labels-*.jsonl")):
        name = lab.stem[len("labels-") :]
        _, passages = story_passages((str(folder / f"story-{name}.md"),))
        verdicts = {}
        for sec, text in tool.sections((folder / f"article-{name}.md").read_text()):
            for sentence in draft_sentences(text):
                kind = claim_kind(sentence, tool.KIND.get(sec, "fact"))
                check = verifier.check(sentence, passages, kind)
                index = verifier.index(passages)
                m = measure(sentence, index)
                alone = {c: run_checks(sentence, index, m, (c,))[0] for c in CHECKS}
                check.details["alone"] = {c: r.reason for c, r in alone.items() if r.failed}
                verdicts[tool.norm(sentence)] = (check, kind)
        for row in (json.loads(line) for line in lab.read_text().splitlines() if line.strip()):
            key = tool.norm(row["sentence"])
            hit = verdicts.get(key)
            if hit is None:
                hits = [v for k, v in verdicts.items() if k and (k in key or key in k)]
                if not hits:
                    continue
                hit = min(hits, key=lambda v: v[0].supported)
            check, kind = hit
            ok = check.supported
            label = row["label"]
            if check.details["alone"]:
                fires[("any", label)] += 1
            elif args.show and label == "error":
                print(f"MISS [{lab.stem}] {row['sentence'][:140]}")
            for check_name, reason in check.details["alone"].items():
                fires[(check_name, label)] += 1
                if args.show and label in ("supported", "reasoning"):
                    print(f"FALSE {check_name} [{name}] {row['sentence'][:120]} <{reason[:150]}>")
            stats[label][0] += int(ok)
            stats[label][1] += 1
            if label in ("error", "background", "filler") and not ok:
                decided[(label, check.details.get("decided_by", "lexical"))] += 1
            fair = label in ("supported", "reasoning")
            if args.show and ok != fair:
                why = check.details.get("reason", "")
                print(
                    f"{'DROP' if fair else 'PASS'} {label:10s} {kind:8s} {check.score:.2f} [{name}] "
                    f"{row['sentence'][:150]}  <{why}>"
                )
    for label, (p, n) in sorted(stats.items()):
        print(f"{label:11s} passed {p:3d}/{n:3d} = {p / n:.2f}")
    for (label, by), count in sorted(decided.items()):
        print(f"caught {label:10s} by {by:22s} {count}")
    for name in (*CHECKS, "any"):
        fair_hits = fires[(name, "supported")] + fires[(name, "reasoning")]
        print(
            f"check {name:20s} alone: errors {fires[(name, 'error')]:2d}/{stats['error'][1]}  background "
            f"{fires[(name, 'background')]:2d}/{stats['background'][1]}  fair dropped {fair_hits:2d}/"
            f"{stats['supported'][1] + stats['reasoning'][1]}"
        )
    fair = [stats["supported"][0] + stats["reasoning"][0], stats["supported"][1] + stats["reasoning"][1]]
    bad = [stats["error"][0] + stats["background"][0], stats["error"][1] + stats["background"][1]]
    print(
        f"fair_kept={fair[0] / max(1, fair[1]):.3f} caught={1 - bad[0] / max(1, bad[1]):.3f} "
        f"errors_caught={1 - stats['error'][0] / max(1, stats['error'][1]):.3f}"
    )


if __name__ == "__main__":
    sys.exit(main())
