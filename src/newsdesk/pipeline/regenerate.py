"""Rewrites one section of a saved article (``regenerate_section``) and saves the result as its next version.

It runs as a first run does (``run``): recorded, with the same model handling, conversation and verify step.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from .. import injection
from ..archive import Archive
from ..errors import InputError, NotFoundError
from ..llm import Model
from ..models import Article, Section, Update
from ..retrieve import evidence_of
from ..storymap import build_map
from ..template import SectionSpec, Template, load_template
from ..write import fallback_title, keep_datelines, rebuild_from_map, write_section
from ..write.context import Fitting
from ..write.datelines import dated, datelines
from ..write.parse import number_sentences
from ..write.revise import MAX_REVISE_CALLS
from .narrowing import own_sources, published_before
from .options import MAX_JUDGE_CALLS, EventHandler, RunPlan, WriteOptions
from .run import announce, emitter, model_for, recorded_run, run_session, verify_step

__all__ = ["NothingNew", "regenerate_section", "section_index"]


def section_index(article: Article, section_id: str, template: Template | None = None) -> int:
    """Where the section ``section_id`` stands among the article's sections; NotFoundError naming those it has.

    With the article's ``template``, a section of the template that the article lacks (an update left it out, or
    it was never written) is put in, empty, at its place in the template's order, so that it can be asked for."""
    index = next((i for i, s in enumerate(article.sections) if s.id == section_id), None)
    if index is not None:
        return index
    specs = {spec.id: spec for spec in template.sections} if template else {}
    if section_id not in specs:
        known = ", ".join(dict.fromkeys([*(s.id for s in article.sections), *specs])) or "none"
        raise NotFoundError(f"article {article.id} has no section {section_id!r}: its sections are {known}")
    spec, order = specs[section_id], list(specs)
    before = set(order[: order.index(section_id)])
    index = sum(1 for s in article.sections if s.id in before)
    article.sections.insert(index, Section(id=spec.id, heading=spec.heading, kind=spec.kind))
    return index


def regenerate_section(
    archive: Archive,
    article_id: int,
    section_id: str,
    options: WriteOptions,
    on_event: EventHandler | None = None,
    model: Model | None = None,
) -> Article:
    """Rewrite one section of a saved article with a fresh sample, verify it, and save the article in place.

    A section the model cannot write (``Model.writes_analysis``) is rebuilt from the story map instead, from the
    source sentences the rest of the article does not already cite.
    """
    emit = emitter(on_event, time.perf_counter())
    article = archive.get_article(article_id)
    template = load_template(options.template or article.template)
    spec = next((s for s in template.sections if s.id == section_id), None)
    if spec is None:
        raise NotFoundError(f"template {template.name!r} has no section {section_id!r}")
    index = section_index(article, section_id, template)
    for source in article.sources:
        ids = source.passage_ids or [p.id for p in archive.passages(source.story_id or 0) if p.id is not None]
        source.passages = archive.passages_by_id(ids)
        for passage in source.passages:
            passage.source_number = source.number
    with model_for(options, model) as model:
        regenerated = recorded_run(
            archive,
            article.story.id,
            model,
            template.name,
            options.run_owner,
            lambda run_id: _regenerate(archive, article, index, spec, template, model, run_id, options, emit),
        )
    announce(archive, "article.updated", regenerated, emit)
    emit("done", "done", article_id=regenerated.id)
    return regenerated


def _said(section: Section) -> list[str]:
    return [sentence.text for sentence in section.sentences()]


class NothingNew(InputError):
    """A rewrite found no sentence for the section that the article does not already give: an answer, not a
    failure. The command line says it as an error (nothing was saved); a job ends done at the article as it was."""


def _nothing_new(spec: SectionSpec, before: Section) -> NothingNew:
    """Why a rewrite saves nothing: no sentence for the section that the article does not already give."""
    kept = "it is left as it was" if before.sentences() else "the article still goes without it"
    return NothingNew(
        f"nothing new for “{spec.heading}”: the sources hold no sentence for it that the article does not already "
        f"give, so {kept} (a model server writes sections in its own words)"
    )


def _regenerate(
    archive: Archive,
    article: Article,
    index: int,
    spec: SectionSpec,
    template: Template,
    model: Model,
    run_id: int,
    options: WriteOptions,
    emit: Callable[..., None],
) -> tuple[Article, dict[str, Any]]:
    plan = replace(RunPlan.resolve(options, model), use_cache=False)  # a fresh sample, never the cached one
    section_id = spec.id
    screening = injection.screen(article.sources)  # [injection] the reloaded passages are the archive's originals
    evidence = evidence_of(article.sources)
    fitting = Fitting(article.sources, model, template, [], emit)  # the prompts' copy; the article keeps every passage
    for note in fitting.fit():
        emit("warning", "info", message=note)
    sources = fitting.prompts
    calls = 1 + (MAX_JUDGE_CALLS if plan.judge else 0) + (MAX_REVISE_CALLS if plan.revise else 0)
    session = run_session(model, archive, run_id, plan, calls, emit, fitting.refit)
    emit("write", "start", section=section_id, heading=spec.heading)
    headline = article.story.headline or article.title
    section = None
    if plan.map_analysis:
        own = own_sources(article.sources, archive, article.story.id)
        earlier = published_before(article.sources, article.story.published)
        story_map = build_map(article.sources, headline).narrowed(own, earlier=earlier)
        section = rebuild_from_map(spec, story_map, article)
        # a model that writes no analysis never writes a section freely, here either; and a section is never
        # replaced by an empty one
        if section is None or not section.sentences():
            raise _nothing_new(spec, article.sections[index])
    if section is None:
        others = [s.heading for s in template.sections if s.id != section_id]
        section = write_section(session, sources, spec, headline, others, seed=random.randrange(1, 2**31))
    _under_datelines(section, article)
    emit(
        "write", "done", section=section_id, heading=spec.heading, sentences=len(section.sentences()), note=section.note
    )
    before = article.sections[index]
    article.sections[index] = section
    article.dropped = [d for d in article.dropped if d.section != section_id]
    kept = {s.id: (s.heading, _said(s)) for s in article.sections if s.id != section_id}
    with _standing_last(article, index):
        verify_step(article, sources, evidence, plan, session, archive, emit)
    if not set(_said(section)) - set(_said(before)):
        # no sentence the section did not give before (the same again, or fewer of them): no new version says so
        raise _nothing_new(spec, before)
    keep_datelines(article, article.sources)
    injection.finish_article(article, screening, fallback_title)  # [injection]
    begun_from, at = article.version, datetime.now(UTC).isoformat(timespec="seconds")
    article.version, article.updated = begun_from + 1, at
    summary = " ".join([f"Rewrote “{spec.heading}” on request.", *_also_changed(article, kept)])
    article.updates = [*article.updates, Update(at=at, summary=summary)]
    archive.save_version(article, begun_from=begun_from)  # the version it replaces is kept
    return article, session.stats.to_dict()  # the run's own calls, not the whole article's


def _under_datelines(section: Section, article: Article) -> None:
    """The rewritten section's background sentences under their datelines, as a first write puts them
    (``write.datelines.dated``): an earlier entry's statement is an earlier state of the story, and undated it reads
    as this story's present. Sentences that cite nothing yet (a model's own words) are left as they are."""
    section.blocks = dated(section.blocks, datelines(article.sources))
    section.prune()
    number_sentences(section.id, section.blocks)


@contextmanager
def _standing_last(article: Article, index: int) -> Iterator[None]:
    """The rewritten section stands after every other section while the article is checked. The check drops a
    point made a second time where it is made later; asked to rewrite one section, the editor has not asked to
    change the others, so the point stays where the article already made it and the rewritten section gives up
    its repeat. Afterwards the section is back in its place."""
    section = article.sections.pop(index)
    preceding = {s.id for s in article.sections[:index]}
    article.sections.append(section)
    try:
        yield
    finally:
        # the check leaves out a section it emptied (``leave_out_empty``): the rest keep their order, and the
        # rewritten section, if it is still there, goes back after the sections that preceded it
        rest = [s for s in article.sections if s is not section]
        if len(rest) < len(article.sections):
            rest.insert(sum(1 for s in rest if s.id in preceding), section)
        article.sections = rest


def _also_changed(article: Article, kept: dict[str, tuple[str, list[str]]]) -> list[str]:
    """What the check took out of, or revised in, sections that were not asked for (a sentence that no longer
    passes it), said in the Updates log: no section changes without the reader and editor being told."""
    now = {section.id: set(_said(section)) for section in article.sections}
    notes = []
    for section_id, (heading, said) in kept.items():
        gone = [text for text in said if text not in now.get(section_id, set())]
        if gone:
            listed = "; ".join(f"“{text}”" for text in gone)
            notes.append(f"The check also changed “{heading}”, which no longer gives {listed}.")
    return notes
