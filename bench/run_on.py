"""How a run-on costs the checker: seconds to check a text with no sentence end at all against a story, so that time
that grows faster than the text shows (one 210 KB run-on took 222 s through ``newsdesk verify`` before the
splitter cut such pieces at spaces, a figure's look-behind read a short window, and the ``overlong`` check set a
"sentence" of more than 400 words aside before the others read it).

    python bench/run_on.py                     # 10 KB, 100 KB and 1 MB
    python bench/run_on.py --kilobytes 50 500

Each size is split and checked the way ``newsdesk verify --text`` does it (``split_sentences``, then
``Verifier.check_many``) against the bundled example; the encoder and spaCy load before the clock starts.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newsdesk.ingest import load_story  # noqa: E402 - after sys.path.insert
from newsdesk.models import Passage  # noqa: E402 - after sys.path.insert
from newsdesk.verify import Verifier, split_sentences  # noqa: E402 - after sys.path.insert

CLAUSE = "The James Webb Space Telescope lifted off on December 25, 2021 aboard an Ariane 5 rocket from Kourou and "


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Checker seconds for run-on texts of growing size.")
    parser.add_argument("--kilobytes", type=int, nargs="+", default=[10, 100, 1000])
    args = parser.parse_args(argv)
    story = load_story(str(ROOT / "examples" / "webb-launch.md"))
    passages = [Passage(text=story.body, id=1, source_number=1)]
    verifier = Verifier()
    verifier.check("The telescope lifted off on December 25, 2021.", passages)  # models loaded, not timed
    for kilobytes in args.kilobytes:
        text = (CLAUSE * (kilobytes * 1000 // len(CLAUSE) + 1))[: kilobytes * 1000].rsplit(" ", 1)[0] + "."
        started = time.perf_counter()
        sentences = split_sentences(text)
        checks = verifier.check_many([(s, "fact") for s in sentences], passages)
        seconds = time.perf_counter() - started
        deciders = sorted({c.decided_by for c in checks})
        print(json.dumps({"kilobytes": kilobytes, "pieces": len(sentences), "seconds": round(seconds, 2),
                          "decided_by": deciders}))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
