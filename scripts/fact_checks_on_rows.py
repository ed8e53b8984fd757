#!/usr/bin/env python3
"""How often each structural check (verify/_facts) fails a claim of labelled rows, by label, whatever the lexical
verdict: a check should fail unsupported claims (label 0) and leave supported ones (label 1) alone.

usage: PYTHONPATH=src python scripts/fact_checks_on_rows.py ROWS.jsonl [ROWS.jsonl ...]
Rows are {"document", "claim", "label"} (as for `newsdesk eval verify`); SummEdits rows' "edit_types" are tallied.
"""

from __future__ import annotations

import argparse
from collections import Counter

from newsdesk.eval import load_rows, row_passages
from newsdesk.verify import Verifier, split_sentences
from newsdesk.verify._checks import FACT_CHECKS as CHECKS
from newsdesk.verify._checks import run_fact_checks as run_checks
from newsdesk.verify._measure import measure


def main(paths: list[str]) -> None:
    verifier = Verifier()
    for path in paths:
        rows = load_rows(path)
        labels = Counter(int(r["label"]) for r in rows)
        fired: Counter = Counter()
        edits: Counter = Counter()
        for row in rows:
            passages = row_passages(str(row["document"]))
            index = verifier.index(passages)
            hit = set()
            for sentence in split_sentences(str(row["claim"])) or [str(row["claim"])]:
                m = measure(sentence, index)
                for name in CHECKS:
                    if run_checks(sentence, index, m, (name,))[0].failed:
                        hit.add(name)
            for name in hit:
                fired[(name, int(row["label"]))] += 1
                for edit in row.get("edit_types") or []:
                    edits[(name, edit)] += 1
            if hit:
                fired[("any", int(row["label"]))] += 1
        print(f"{path.rsplit('/', 1)[-1]}: {labels[0]} unsupported, {labels[1]} supported claims")
        for name in (*CHECKS, "any"):
            wrong, right = fired[(name, 1)], fired[(name, 0)]
            if wrong or right:
                kinds = ", ".join(f"{e} {n}" for (c, e), n in sorted(edits.items()) if c == name)
                print(f"  {name:20s} fails {right:3d} unsupported, {wrong:3d} supported  {kinds}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rows", nargs="+", metavar="ROWS.jsonl", help="labelled rows: document, claim, label")
    main(parser.parse_args().rows)
