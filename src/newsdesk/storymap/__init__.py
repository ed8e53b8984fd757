"""The story map: who is in the story, who said what, what happened when, what comes next, what is not known.

Built once per article from the sources, before any writing (``build.build_map``); its items (``types``) keep the
exact source sentence and its passage, so a section built from the map cites its evidence exactly. ``build`` reads
the sentences in order and asks the other modules of each: who a mention stands for (``people``), who said what
(``statements``), where a quotation runs (``quoting``), when it happened or what comes next (``timeline``), whose
answers an interview's are (``interviews``), and whether it can be published alone (``completeness``).
"""

from __future__ import annotations

from .build import build_map, sentence_key, speakers_by_sentence, speech_reading
from .completeness import first_person_unattributed, is_complete_sentence
from .statements import ACCORDING_TO, stance_of
from .types import Actor, Dated, Figure, Item, Statement, StoryMap, plan_lines

__all__ = [
    "ACCORDING_TO",
    "Actor",
    "Dated",
    "Figure",
    "Item",
    "Statement",
    "StoryMap",
    "build_map",
    "first_person_unattributed",
    "is_complete_sentence",
    "plan_lines",
    "sentence_key",
    "speakers_by_sentence",
    "speech_reading",
    "stance_of",
]
