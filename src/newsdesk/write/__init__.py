"""The write stage: one LLM call for title/dek/intro, one per template section, never more.

Fact and summary sections can instead be drafted from source sentences (``grounded``), which costs no call and
gives small models nothing to invent. A model that cannot write analysis (``Model.writes_analysis``) gets its
analysis, outlook and opinion sections built from the story map (``from_map``) and is asked for none of them; a
model that can gets the map as each section's plan. The verifier checks every sentence afterwards either way.
``draft`` runs the drafting, ``shape`` holds the rules for the article's length and which sections it keeps.
"""

from __future__ import annotations

from .draft import (
    GROUNDED_KINDS,
    Draft,
    attribute_disputed,
    fallback_title,
    keep_datelines,
    opening_intro,
    rebuild_from_map,
    write_draft,
    write_section,
)
from .shape import leave_out_empty, omit_empty_sections, takeaway_count

__all__ = [
    "Draft",
    "write_draft",
    "write_section",
    "rebuild_from_map",
    "fallback_title",
    "opening_intro",
    "attribute_disputed",
    "keep_datelines",
    "leave_out_empty",
    "omit_empty_sections",
    "takeaway_count",
    "GROUNDED_KINDS",
]
