"""The write stage: one LLM call for title/dek/intro, one per template section, never more.

Fact and summary sections can instead be drafted from source sentences (``grounded``), which costs no call and
gives small models nothing to invent. A model that cannot write analysis (``Model.writes_analysis``) gets its
analysis, outlook and opinion sections built from the story map (``from_map``) and is asked for none of them; a
model that can gets the map as each section's plan. The verifier checks every sentence afterwards either way.
``draft`` runs the drafting by the routes ``from_sources``, ``from_map`` and ``from_model``; ``datelines`` dates
background sources; ``shape`` holds the rules for the article's length and which sections it keeps.
"""

from __future__ import annotations

from .datelines import attribute_disputed, keep_datelines
from .draft import Draft, write_draft
from .from_model import write_section
from .from_sources import GROUNDED_KINDS, opening_intro, rebuild_from_map
from .shape import leave_out_empty, omit_empty_sections, takeaway_count
from .title_choice import fallback_title

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
