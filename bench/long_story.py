"""How a story's length costs: seconds to write an article from one paragraph of N sentences, so that time that
grows faster than the story shows (the sentence splitter once took 40 s on a 190 KB paragraph, and 350 s for the
whole article at 470 KB).

    python bench/long_story.py                      # 1,000, 4,000 and 10,000 sentences
    python bench/long_story.py --sentences 500 2000

Each size gets a fresh temporary database; the sentences differ in a figure and a name, as a long report's do.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newsdesk.archive import open_archive  # noqa: E402 - after sys.path.insert
from newsdesk.llm import get_model  # noqa: E402 - after sys.path.insert
from newsdesk.models import Story  # noqa: E402 - after sys.path.insert
from newsdesk.pipeline import WriteOptions, write_article  # noqa: E402 - after sys.path.insert

NAMES = ["Okafor", "Lindqvist", "Marchetti", "Herrera", "Korhonen", "Walsh", "Doyle", "Mbeki"]


def long_story(sentences: int) -> Story:
    body = " ".join(
        f"Councillor {NAMES[n % len(NAMES)]} said on Monday that the budget for district {n} rose by {n % 97} percent."
        for n in range(sentences)
    )
    return Story(headline="District budgets rise across the city", body=body, origin="json")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sentences", nargs="*", type=int, default=[1000, 4000, 10000])
    args = parser.parse_args()
    model = get_model(None)
    for size in args.sentences:
        story = long_story(size)
        with tempfile.TemporaryDirectory() as folder:
            archive = open_archive(Path(folder) / "bench.db")
            started = time.monotonic()
            write_article(story, WriteOptions(use_cache=False), archive, model=model)
            seconds = time.monotonic() - started
        size_kb = len(story.body) / 1000
        print(f"{size:>6} sentences  {size_kb:>6.0f} KB  {seconds:>6.1f} s  {seconds / size * 1000:.1f} ms/sentence")


if __name__ == "__main__":
    main()
