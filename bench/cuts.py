"""How Key Takeaways cut sentences: does what is left stay a whole clause?

``write/core.shorten`` cuts a source sentence to its core for a takeaway. This reads every sentence a takeaway
may be made of (``grounded.usable_alone``) from the TIME Tech feed and the dev pages in ``../shared/data`` (text
no cutting rule was written from), cuts it, and counts, among the sentences the cut changed:

* ``quotation_left_open``: the cut left a quotation mark without its partner (the whole sentence had none open);
* ``word_without_its_head``: a word left whose head, in the parse of the whole sentence, was cut away, other than
  the clause a removed verb of saying reported ("Prices rose, officials said." -> "Prices rose."). This reads the
  same parser the rule reads, so it shows the rule applied, not that the parse was right.

Usage:
    python bench/cuts.py             # both sources
    python bench/cuts.py --show 20   # also the first 20 cuts of each source that leave something open
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import feedparser
import lxml.html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newsdesk.language import REPORTING_FORMS, parse  # noqa: E402
from newsdesk.text import split_sentences  # noqa: E402
from newsdesk.write.core import compress, shorten  # noqa: E402
from newsdesk.write.grounded import usable_alone  # noqa: E402


def _text(html: str) -> str:
    return str(lxml.html.fromstring(html).text_content()) if html.strip() else ""


def feed_sentences(path: Path) -> list[str]:
    out: list[str] = []
    for entry in feedparser.parse(str(path)).entries:
        body = entry["content"][0]["value"] if entry.get("content") else entry.get("summary", "")
        for paragraph in _text(body).split("\n"):
            out += split_sentences(paragraph)
    return out


def page_sentences(folder: Path) -> list[str]:
    out: list[str] = []
    for page in sorted(folder.glob("*/expected.html")):
        for paragraph in lxml.html.fromstring(page.read_text(encoding="utf-8")).xpath("//p"):
            out += split_sentences(paragraph.text_content())
    return out


def _open_quotation(text: str) -> bool:
    return text.count("“") != text.count("”") or text.count('"') % 2 == 1


def _orphans(whole: str, core: str) -> list[str]:
    """Words of the core whose head in the whole sentence's parse was cut (the core located in the whole by its
    words after the first letter, which a cut may have capitalised)."""
    for kept_text in (core, core[:-1]):  # the full stop may be the cut's own
        start = whole.find(kept_text[1:]) - 1 if len(kept_text) > 1 else -1
        if start >= 0:
            break
    else:
        return []  # the core is not one stretch of the whole (an aside went from its middle): not read here
    end = start + len(kept_text)
    doc = parse(whole)
    kept = {t.i for t in doc if t.idx >= start and t.idx + len(t.text) <= end}
    return [
        f"{t.text}<-{t.head.text}"
        for t in doc
        if t.i in kept
        and not t.is_punct
        and t.head.i != t.i
        and t.head.i not in kept
        and not (t.dep_ in ("ccomp", "parataxis") and t.head.lower_ in REPORTING_FORMS)
        and not t.head.is_punct
    ]


def measure(name: str, sentences: list[str], show: int) -> None:
    usable = [s for s in sentences if usable_alone(s)]
    cut = open_quotes = orphaned = shown = 0
    for sentence in usable:
        whole, core = compress(sentence), shorten(sentence)
        if core.rstrip(".") == whole.rstrip("."):
            continue
        cut += 1
        left_open = _open_quotation(core) and not _open_quotation(whole)
        orphans = _orphans(whole, core)
        open_quotes += left_open
        orphaned += bool(orphans)
        if (left_open or orphans) and shown < show:
            shown += 1
            print(f"  {whole[:160]}\n    -> {core[:160]}  {' '.join(orphans)}")
    print(
        f"{name}: {len(usable)} usable sentences, {cut} cut, quotation_left_open {open_quotes}, "
        f"word_without_its_head {orphaned}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--data", type=Path, default=Path(os.environ.get("NEWSDESK_SHARED_DATA", ROOT.parent / "shared" / "data"))
    )
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args()
    measure("TIME Tech feed", feed_sentences(args.data / "feeds" / "time_tech.xml"), args.show)
    measure("dev pages", page_sentences(args.data / "pages"), args.show)


if __name__ == "__main__":
    main()
