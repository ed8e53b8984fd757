"""Sentences: the one place where text is cut into them, for the writer, retrieval and the verifier.

Written sentences are split with pysbd (it knows "Mr.", "U.S." and "Nov. 13"). Source passages are split with a
cheaper rule-based splitter that keeps character offsets, because citations quote exact spans of a passage and
a story is split once per verification run, not once per sentence. Both read the ends that no mark shows (an
initialism before a sentence opener, a sentence run into the next) by the same rules, and both open a numbered
list's item on its number.

The package has two modules: ``splitting``, the two splitters (their paragraphs and lines, long lines, numbered
lists, the spans of a source), and ``ends``, the reading of the ends that no mark shows, which both share.
"""

from __future__ import annotations

from .splitting import MAX_SEGMENTED_CHARS, lost_starts, source_spans, split_sentences

__all__ = ["MAX_SEGMENTED_CHARS", "lost_starts", "source_spans", "split_sentences"]
