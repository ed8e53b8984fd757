"""Text in a source that addresses the model: found, set aside, never drafted from, never evidence.

The package's parts, in the order a source goes through them:

- ``fold``: the folded copy of a text that patterns match on (look-alike letters, zero-width characters, spacing);
- ``rules``: the surface patterns (an instruction's wording, fake prompts, chat-template tokens);
- ``addressee`` (with ``roles``, ``headings`` and the word classes in ``addressee_words``): what the parse says a
  sentence does: addresses the writer, its reader or a machine, or asserts what it contains;
- ``derived``: whatever its frame, a proposition handed to a machine or a text derived from this page, not
  attributed in the story (``propositions``: whether a verb or clause carries one);
- ``unframed`` (with ``processors``): with no frame of saying, a doer named by what it does to this page, a clause
  stated for a text not yet written, one thing's report prescribed by no one;
- ``conditions``: the clauses a condition leaves unasserted (the verifier's ``condition`` check reads them);
- ``find``: the sentences of a source that address the model, the parts read together;
- ``apply``: sources, passages and stories screened; an article's echoes of what was set aside dropped.
"""

from __future__ import annotations

from .addressee import addressed_reason, asserted, read_ahead
from .apply import (
    ECHO_REASON,
    NOTE,
    Screening,
    drop_echoes,
    echo_words,
    finish_article,
    redact,
    redact_each,
    redact_parts,
    screen,
    screen_passages,
    sentence_screen,
)
from .find import Flag, addresses_model, find, flag_text, sentence_spans

__all__ = [
    "ECHO_REASON",
    "NOTE",
    "Flag",
    "Screening",
    "addressed_reason",
    "addresses_model",
    "asserted",
    "drop_echoes",
    "echo_words",
    "find",
    "finish_article",
    "flag_text",
    "read_ahead",
    "redact",
    "redact_each",
    "redact_parts",
    "screen",
    "screen_passages",
    "sentence_screen",
    "sentence_spans",
]
