"""The pipeline: runs the stages in order (store -> retrieve -> map -> write -> verify -> save) and reports progress.

``run.write_article`` is the one entry point the faces (cli, web, feed runs, workers) call; ``options`` holds what a
run is asked for and the events it emits; ``develop`` brings an article up to date when its story develops; and
``webhooks`` tells subscribers when an article is saved. Nothing here prints.
"""

from __future__ import annotations

from .options import MAX_CALLS, MAX_JUDGE_CALLS, Drafting, Event, EventHandler, RunPlan, Stage, Status, WriteOptions
from .regenerate import regenerate_section, section_index
from .run import judging, write_article

__all__ = [
    "MAX_CALLS",
    "MAX_JUDGE_CALLS",
    "Drafting",
    "Event",
    "EventHandler",
    "RunPlan",
    "Stage",
    "Status",
    "WriteOptions",
    "judging",
    "regenerate_section",
    "section_index",
    "write_article",
]
