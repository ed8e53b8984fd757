"""How Key Takeaways cut sentences: does what is left stay a whole clause?

``write/core.shorten`` cuts a source sentence to its core for a takeaway. This reads every sentence a takeaway
may be made of (``standalone.usable_alone``) from the TIME Tech feed and the dev pages in ``../shared/data`` (text
no cutting rule was written from), cuts it, and counts, among the sentences the cut changed:

* ``quotation_left_open``: the cut left a quotation mark without its partner (the whole sentence had none open);
* ``word_without_its_head``: a word left whose head, in the parse of the whole sentence, was cut away. This reads
  the same parser the rule reads, so it shows the rule applied, not that the parse was right;
* ``speaker_cut``: the cut took the main clause's attribution, its verb of saying or an "according to" ("Prices
  rose, officials said." -> "Prices rose."): what someone said, left in the article's own voice.

Usage:
    python bench/cuts.py             # both sources
    python bench/cuts.py --show 20   # also the first 20 cuts of each source that leave something open
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import feedparser
import lxml.html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newsdesk.eval.devdata import shared_data_dir  # noqa: E402
from newsdesk.language import REPORTING_FORMS, parse  # noqa: E402
from newsdesk.sentences import split_sentences  # noqa: E402
from newsdesk.write.core import compress, shorten  # noqa: E402
from newsdesk.write.standalone import usable_alone  # noqa: E402


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


def _kept(whole: str, core: str) -> tuple[Any, set[int]] | None:
    """The whole sentence's parse and the tokens the core keeps (the core located in the whole by its words after
    the first letter, which a cut may have capitalised); None when the core is not one stretch of the whole (an
    aside went from its middle): not read here."""
    for kept_text in (core, core[:-1]):  # the full stop may be the cut's own
        start = whole.find(kept_text[1:]) - 1 if len(kept_text) > 1 else -1
        if start >= 0:
            break
    else:
        return None
    end = start + len(kept_text)
    doc = parse(whole)
    return doc, {t.i for t in doc if t.idx >= start and t.idx + len(t.text) <= end}


def _orphans(doc: Any, kept: set[int]) -> list[str]:
    """Words of the core whose head in the whole sentence's parse was cut."""
    return [
        f"{t.text}<-{t.head.text}"
        for t in doc
        if t.i in kept and not t.is_punct and t.head.i != t.i and t.head.i not in kept and not t.head.is_punct
    ]


def _speaker_cut(doc: Any, kept: set[int]) -> bool:
    """Whether the cut took the attribution of the sentence's main clause: its verb of saying ("..., officials
    said") or an "according to" hung on its main verb."""
    root = next(t for t in doc if t.head.i == t.i)
    said = [
        t
        for t in doc
        if (t.lower_ in REPORTING_FORMS and (t.i == root.i or (t.dep_ == "parataxis" and t.head.i == root.i)))
        or (t.lower_ == "according" and t.head.i == root.i)
    ]
    return any(t.i not in kept for t in said)


def measure(name: str, sentences: list[str], show: int) -> None:
    usable = [s for s in sentences if usable_alone(s)]
    cut = open_quotes = orphaned = speaker_cut = shown = 0
    for sentence in usable:
        whole, core = compress(sentence), shorten(sentence)
        if core.rstrip(".") == whole.rstrip("."):
            continue
        cut += 1
        left_open = _open_quotation(core) and not _open_quotation(whole)
        located = _kept(whole, core)
        orphans = _orphans(*located) if located else []
        open_quotes += left_open
        orphaned += bool(orphans)
        speaker_cut += bool(located and _speaker_cut(*located))
        if (left_open or orphans) and shown < show:
            shown += 1
            print(f"  {whole[:160]}\n    -> {core[:160]}  {' '.join(orphans)}")
    print(
        f"{name}: {len(usable)} usable sentences, {cut} cut, quotation_left_open {open_quotes}, "
        f"word_without_its_head {orphaned}, speaker_cut {speaker_cut}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--data", type=Path, default=shared_data_dir(), help="the shared data (NEWSDESK_SHARED_DATA or ../shared/data)"
    )
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args()
    measure("TIME Tech feed", feed_sentences(args.data / "feeds" / "time_tech.xml"), args.show)
    measure("dev pages", page_sentences(args.data / "pages"), args.show)


if __name__ == "__main__":
    main()
