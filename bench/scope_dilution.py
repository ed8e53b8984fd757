"""The scope check on longer sentences: the contrast sets' scope edits ("one of the oldest" -> "the oldest"),
diluted by a fronted phrase or by a second clause, as writers dilute them, and the fair copies diluted alike.

The contrast sets' edits are single substitutions in one clause, so they cannot show whether a check holds when
the claim says more than the source sentence. This reuses their source sentences and their scope edits (text no
rule was written from) and prints, over the first ``--pairs`` diluted edits: how many are caught, and how many of
the diluted fair copies are kept.

    python bench/scope_dilution.py               # 300 diluted edits and 300 diluted copies, about 2 minutes
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import contrast  # noqa: E402 - after sys.path.insert

from newsdesk.eval.devdata import shared_data_dir  # noqa: E402
from newsdesk.verify import Verifier  # noqa: E402

FRONTED = "In the view of several longtime observers of the wider matter, "
SECOND_CLAUSE = ", and the matter drew wide attention across many places over the following weeks and months"


def diluted(text: str) -> list[str]:
    """The sentence behind a fronted phrase, and the sentence with a second clause after it."""
    body = text.rstrip(".")
    opening = body if body[:2].isupper() else body[:1].lower() + body[1:]  # "NASA" keeps its capitals
    return [f"{FRONTED}{opening}.", f"{body}{SECOND_CLAUSE}."]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--data", type=Path, default=shared_data_dir(), help="the shared data (NEWSDESK_SHARED_DATA or ../shared/data)"
    )
    parser.add_argument("--pairs", type=int, default=300)
    args = parser.parse_args()
    verifier = Verifier()
    edits = caught = copies = kept = 0
    for triple, passages in contrast.generate(args.data, seed=0, limit=None):
        scope = [v for v in triple.variants if v.edit == "scope"]
        if not scope:
            continue
        copy = next(v for v in triple.variants if v.edit == "copy")
        texts = [(text, False) for text in diluted(scope[0].text)] + [(text, True) for text in diluted(copy.text)]
        checks = verifier.check_many([(text, "fact") for text, _ in texts], passages)
        for (_, fair), check in zip(texts, checks, strict=True):
            if fair:
                copies += 1
                kept += check.verdict == "supported"
            else:
                edits += 1
                caught += check.verdict != "supported"
        if edits >= args.pairs:
            break
    print(f"diluted scope edits caught {caught} of {edits}; diluted fair copies kept {kept} of {copies}")


if __name__ == "__main__":
    main()
