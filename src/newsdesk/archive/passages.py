"""Story bodies cut into passages (the unit of retrieval and citation), and free text made into a safe search."""

from __future__ import annotations

import re
import unicodedata

from .. import injection
from ..models import Story
from ..sentences import source_spans

# Passages are paragraph chunks: short paragraphs are merged, long ones split at sentence ends.
PASSAGE_MIN_CHARS = 200
PASSAGE_MAX_CHARS = 1200


def split_passages(body: str) -> list[str]:
    """Paragraph chunks of a story body, merged and split to sit between the min and max size. The body is
    already clean: ingest takes page furniture out before the archive stores a story (``ingest.clean``)."""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n(?=\S)", body) if p.strip()]
    chunks: list[str] = []
    pending = ""
    for paragraph in paragraphs:
        # a paragraph with no mark that ends or continues a sentence (a heading, a label, a caption) still ends
        # where it ends: joined with a space it would run into the next paragraph's first sentence
        pending = f"{pending}{_joiner(pending)}{paragraph}" if pending else paragraph
        if len(pending) >= PASSAGE_MIN_CHARS:
            chunks.extend(_split_long(pending))
            pending = ""
    if pending:
        if chunks and len(chunks[-1]) + len(pending) < PASSAGE_MAX_CHARS:
            chunks[-1] = f"{chunks[-1]}{_joiner(chunks[-1])}{pending}"
        else:
            chunks.append(pending)
    return chunks


_SENTENCE_MARK = re.compile(r"[.!?…:;,\u2014\u2013-][\"'”’)\]]*$")


def _joiner(paragraph: str) -> str:
    return " " if _SENTENCE_MARK.search(paragraph) else "\n\n"


def screened_passages(story: Story) -> list[str]:
    """The story's passages without the sentences screening sets aside (``injection``), read with its headline:
    what addresses a model never becomes a passage, so no later article finds it as background. The story's
    body keeps them, and a run on the story itself still finds, sets aside and counts them."""
    passages = split_passages(story.body)
    kept = injection.redact_each((story.headline, *passages))[1:]
    return [text for text in kept if text.strip()]


def _split_long(text: str) -> list[str]:
    if len(text) <= PASSAGE_MAX_CHARS:
        return [text]
    parts: list[str] = []
    current = ""
    for sentence in _sentence_pieces(text):
        if current and len(current) + len(sentence) + 1 > PASSAGE_MAX_CHARS:
            parts.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}".strip()
    if current:
        parts.append(current)
    return parts


def _sentence_pieces(text: str) -> list[str]:
    """Sentences of a long paragraph, each at most PASSAGE_MAX_CHARS (a run-on is cut at a space, or hard).

    The sentences are the ones citations quote (``sentences.source_spans``): a splitter of its own here had cut a
    passage after "the U.S." in "the U.S. Consulate complex", and the article cited half a sentence on each side
    of the cut (Smoke test 40b #7)."""
    pieces = [text[start:end] for start, end in source_spans(text)]
    out: list[str] = []
    for piece in filter(None, pieces):
        while len(piece) > PASSAGE_MAX_CHARS:
            cut = piece.rfind(" ", 0, PASSAGE_MAX_CHARS)
            cut = cut if cut > PASSAGE_MAX_CHARS // 2 else PASSAGE_MAX_CHARS
            out.append(piece[:cut].strip())
            piece = piece[cut:].strip()
        if piece:
            out.append(piece)
    return out


def _accent_table() -> tuple[str, str]:
    """Each Latin letter with a diacritic (U+00C0 to U+024F) that decomposes to an ASCII letter, and that letter."""
    accented, plain = [], []
    for code in range(0xC0, 0x250):
        letter = chr(code)
        base = unicodedata.normalize("NFKD", letter)[:1]
        if base != letter and base.isascii() and base.isalpha():
            accented.append(letter)
            plain.append(base)
    return "".join(accented), "".join(plain)


#: What PostgreSQL's ``translate()`` folds in the full-text columns, and ``fold_accents`` in a query: SQLite's FTS5
#: tokenizer drops diacritics (``remove_diacritics``), so "Sanchez" finds "Sánchez" on both backends.
ACCENTED, UNACCENTED = _accent_table()
_FOLD = str.maketrans(ACCENTED, UNACCENTED)


def fold_accents(text: str) -> str:
    return text.translate(_FOLD)


def search_words(text: str, limit: int = 64) -> list[str]:
    """The distinct words (two characters or more) of free text, in order: what a full-text search looks for."""
    seen: dict[str, None] = {}
    for word in re.findall(r"\w{2,}", text.lower()):
        seen.setdefault(word, None)
    return list(seen)[:limit]


def fts_query(text: str) -> str:
    """A safe FTS5 query from free text: every word quoted, joined by OR (BM25 ranks the best matches first)."""
    return " OR ".join(f'"{w}"' for w in search_words(text))
