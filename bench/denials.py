"""The denial check on text it was not written from: source sentences put under a denial, seeded.

For source sentences drawn (seeded) from the documents of bench/contrast.py (FRANK and SummEdits documents, the dev
pages and feeds, none of them read while writing the check), the sentence S is replaced in its document by S under a
frame, and S itself is checked against the changed document:

- denial frames ("<Name> denied that s", "Claims that s were false", "It is not true that s", "Officials dismissed
  reports that s"): S stated flat should be caught (not supported), and the frame written as it stands should be
  kept;
- control frames ("<Name> said that s", "It is true that s", "<Name> did not deny that s"): nothing is denied, so
  the denial check must not fail S (``false_alarms`` counts the denial check deciding it).

The frame's name is a person the document names, else "A spokesperson". A sentence the rest of its document
supports without it is skipped: a denial of one sentence does not undo what the others state. It prints, per
frame, the share of S caught (denial frames) or the denial check's false alarms (control frames), and the share
of frames kept as written.

    python bench/denials.py [--limit 150] [--seed 0]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from random import Random

sys.path.insert(0, str(Path(__file__).resolve().parent))

from contrast import ROOT, documents, eligible, interleaved

from newsdesk.eval.devdata import row_passages
from newsdesk.language import nlp
from newsdesk.sentences import split_sentences
from newsdesk.verify import Verifier

DENIALS = {
    "denied_that": "{name} denied that {s}",
    "claims_false": "Claims that {s} were false, {name} said",
    "not_true": "It is not true that {s}",
    "dismissed_reports": "Officials dismissed reports that {s}",
}
CONTROLS = {
    "said_that": "{name} said that {s}",
    "true_that": "It is true that {s}",
    "did_not_deny": "{name} did not deny that {s}",
}


def _embedded(parsed: object) -> str:
    """The sentence as a clause after "that": its first word in lower case unless it is a name, no full stop."""
    first = parsed[0]  # type: ignore[index]
    text = parsed.text.rstrip(" .")  # type: ignore[attr-defined]
    if first.pos_ != "PROPN" and not first.text.isupper():
        text = text[:1].lower() + text[1:]
    return text


def _subject_first(parsed: object) -> bool:
    """A clause that can follow "that" as it stands: it opens on its main verb's subject ("But so ...", "In
    particular, ..." or "I've ..." under a frame make no sentence), in the third person."""
    root = next(t for t in parsed if t.dep_ == "ROOT")  # type: ignore[attr-defined]
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return (
        subject is not None
        and subject.left_edge.i == 0
        and subject.lower_ not in ("i", "we", "you")
        and not any(t.lower_ in ("i", "we", "you", "my", "our", "your") for t in parsed)  # type: ignore[attr-defined]
    )


def _name(parsed_doc: object) -> str:
    people = [e.text for e in parsed_doc.ents if e.label_ == "PERSON" and len(e.text.split()) >= 2]  # type: ignore[attr-defined]
    return people[0] if people else "A spokesperson"


def run(seed: int, limit: int) -> dict:
    verifier = Verifier()
    pipeline = nlp()
    results: dict[str, list[tuple[bool, bool]]] = defaultdict(
        list
    )  # frame -> (flat passed wrongly / alarm, frame kept)
    taken = 0
    for doc in interleaved(documents(ROOT.parent / "shared" / "data"), seed):
        if taken >= limit:
            break
        sentences = [s for p in row_passages(doc.text) for s in split_sentences(p.text)][:80]
        picks = [i for i, s in enumerate(sentences) if eligible(s) and not re.search(r"[\"“”]", s)]
        if not picks:
            continue
        i = Random(f"{seed}:{doc.key}").choice(picks)
        parsed = pipeline(sentences[i])
        if not _subject_first(parsed):
            continue
        name = _name(pipeline(" ".join(sentences[:10])))
        clause = _embedded(parsed)
        without = " ".join(sentences[:i] + sentences[i + 1 :])
        if verifier.check_many([(sentences[i], "fact")], row_passages(without))[0].verdict == "supported":
            continue  # the document states it elsewhere too: a denial of one sentence does not undo the others
        taken += 1
        for frame, template in {**DENIALS, **CONTROLS}.items():
            framed = template.format(name=name, s=clause) + "."
            changed = " ".join(sentences[:i] + [framed] + sentences[i + 1 :])
            flat, kept = verifier.check_many([(sentences[i], "fact"), (framed, "fact")], row_passages(changed))
            if frame in DENIALS:
                results[frame].append((flat.verdict == "supported", kept.verdict == "supported"))
            else:
                results[frame].append((flat.decided_by == "denial", kept.verdict == "supported"))
    summary = {}
    for frame, rows in results.items():
        wrong = sum(a for a, _ in rows) / len(rows)
        kept = sum(b for _, b in rows) / len(rows)
        key = "caught" if frame in DENIALS else "false_alarms"
        summary[frame] = {
            "n": len(rows),
            key: round(1 - wrong if frame in DENIALS else wrong, 3),
            "frame_kept": round(kept, 3),
        }
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--limit", type=int, default=150, help="source sentences (one per document)")
    args = parser.parse_args(argv)
    print(json.dumps(run(args.seed, args.limit), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
