#!/usr/bin/env python3
"""Unverified made verified, on reported speech nobody wrote rules from.

    python bench/unverified.py                 # seed 0, every eligible sentence
    python bench/unverified.py --seed 2 --limit 100

From the contrast sets' documents (bench/contrast.py: FRANK, SummEdits, the dev pages and feeds, leaving out every
document a dev article was written about) it takes sentences in which a named or nominal speaker says a clause
("X said that C", "C, X said") and makes, for each, two source texts:

- UNVOUCHED: the sentence followed, in the same passage, by a sentence that says nobody has confirmed it (one of
  several anaphors, picked by the seed: "The claim could not be independently verified.", "This has not been
  confirmed.", ...);
- PLAIN: the sentence alone (a control: nothing in it is unvouched).

and three written sentences: "X confirmed that C" (BROKEN against the unvouched text, and no error of this kind
against the plain one), "X said that C" and "X said that C, a claim that has not been verified" (FAIR against
both). Each is checked by the shipped ``Verifier`` with the ``hedge_made_certain`` check alone. It prints the share
of broken sentences failed (recall) and of fair ones and plain-text controls failed (false alarms). A
measurement, never training data.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from random import Random

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from contrast import documents, eligible, interleaved  # noqa: E402

from newsdesk.language import parse  # noqa: E402
from newsdesk.models import Passage  # noqa: E402
from newsdesk.sentences import split_sentences  # noqa: E402
from newsdesk.verify import Verifier  # noqa: E402
from newsdesk.verify._checks import run_fact_checks  # noqa: E402
from newsdesk.verify._facts._denial import reported_clauses  # noqa: E402
from newsdesk.verify._measure import measure  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
CHECK = "hedge_made_certain"
UNVOUCHING = (
    "The claim could not be independently verified.",
    "This has not been confirmed.",
    "Nobody has been able to verify it.",
    "The figure could not be confirmed.",
    "It was not possible to verify this independently.",
)
SAYING = frozenset("said says told stated added".split())


def _speech(sentence: str) -> tuple[str, str] | None:
    """(the speaker's words as written, the clause said) for "X said (that) C" or "C, X said", else None."""
    doc = parse(sentence)
    if any(t.is_quote for t in doc) or sentence.rstrip().endswith("?"):
        return None
    for token in doc:
        if token.lower_ not in SAYING or token.pos_ != "VERB":
            continue
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        clauses = reported_clauses(doc)
        if subject is None or not clauses or subject.pos_ == "PRON":
            continue
        clause = max(clauses, key=len)
        words = [doc[i] for i in sorted(clause) if doc[i].dep_ != "mark"]
        said = "".join(t.text_with_ws for t in words).strip().rstrip(",.;")
        speaker = "".join(t.text_with_ws for t in subject.subtree).strip()
        if len(said.split()) >= 5 and len(speaker.split()) <= 6:
            return speaker, said
    return None


def _check(verifier: Verifier, sentence: str, texts: list[str]) -> bool:
    passages = [Passage(text=t, source_number=1, position=i) for i, t in enumerate(texts)]
    index = verifier.index(passages)
    [result] = run_fact_checks(sentence, index, measure(sentence, index), (CHECK,))
    return result.failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--limit", type=int, default=200, help="reported sentences at most")
    args = parser.parse_args()
    if not SHARED.exists():
        print(f"no data at {SHARED}", file=sys.stderr)
        return 2
    verifier = Verifier()
    rng = Random(args.seed)
    counts = {"broken": [0, 0], "fair_said": [0, 0], "fair_kept_doubt": [0, 0], "control": [0, 0]}
    taken = 0
    for document in interleaved(documents(SHARED), args.seed):
        if taken >= args.limit:
            break
        sentences = split_sentences(document.text)[:80]
        for at, sentence in enumerate(sentences):
            if not eligible(sentence):
                continue
            found = _speech(sentence)
            if found is None:
                continue
            speaker, said = found
            speaker = speaker[0].upper() + speaker[1:]
            others = [s for i, s in enumerate(sentences) if i != at][:20]
            unvouched = [f"{sentence} {rng.choice(UNVOUCHING)}", *others]
            plain = [sentence, *others]
            cases = (
                ("broken", f"{speaker} confirmed that {said}.", unvouched),
                ("fair_said", f"{speaker} said that {said}.", unvouched),
                ("fair_kept_doubt", f"{speaker} said that {said}, a claim that has not been verified.", unvouched),
                ("control", f"{speaker} confirmed that {said}.", plain),
            )
            for kind, written, texts in cases:
                counts[kind][0] += _check(verifier, written, texts)
                counts[kind][1] += 1
            taken += 1
            break  # one sentence a document
    for kind, (failed, total) in counts.items():
        share = failed / total if total else 0.0
        label = "caught" if kind == "broken" else "failed (false alarm)"
        print(f"{kind:16} {label:22} {failed:4}/{total:<4} = {share:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
