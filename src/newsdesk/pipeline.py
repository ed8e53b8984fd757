"""Runs the stages in order and reports progress: store -> retrieve -> map -> write -> verify -> save.

``write_article`` is the one entry point the faces (cli, web, feed runs) call. Progress goes to ``on_event`` as
``Event`` objects; nothing here prints.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from . import injection, retrieve
from .archive import Archive
from .ingest.clean import check_article
from .llm import Model, get_model
from .llm.session import Session
from .models import Article, Story
from .retrieve import build_sources, evidence_of
from .storymap import build_map
from .template import Template, load_template
from .write import fallback_title, write_draft
from .write.context import PROMPT_OVERHEAD_TOKENS, fit_to_context
from .write.revise import MAX_REVISE_CALLS, reviser
from .write.title import headline_fallbacks

__all__ = ["Event", "WriteOptions", "build_sources", "evidence_of", "fit_to_context", "regenerate_section",
           "write_article", "MAX_CALLS", "MAX_REVISE_CALLS", "PROMPT_OVERHEAD_TOKENS"]

# Writing is one call per section plus one for title/dek/intro (a template has at most 8 sections); the LLM judge
# (server models that return token probabilities) and the revision of failing sentences (write/revise.py) get small
# budgets of their own, each call a batch of sentences. An article never costs more than MAX_CALLS calls in all.
MAX_CALLS = 12
MAX_JUDGE_CALLS = 2


@dataclass
class WriteOptions:
    model: str | None = None
    base_url: str | None = None
    api_key: str | None = None
    template: str | None = None
    use_cache: bool = True
    background: int = retrieve.DEFAULT_BACKGROUND_PASSAGES
    rerank: bool = True  # semantic rerank of background passages by sentence embeddings
    verify: bool = True
    # The LLM entailment judge for the sentences the local checks leave uncertain; it runs only with a model that
    # declares token probabilities (servers), never with the embedded model. --no-judge turns it off.
    judge: bool = True
    drafting: str = "auto"  # auto | grounded | free
    allow_private: bool = False
    context_length: int | None = None
    # Idempotency: a second run with the same key returns the article the first one saved (jobs, feed entries).
    request_key: str | None = None
    # Background from the story's thread first (threads/background.py), never from an unrelated story.
    thread_first: bool = False


@dataclass
class Event:
    stage: str  # store, retrieve, map, write, revise, verify, save, done, warning
    status: str  # start, done, info
    data: dict[str, Any] = field(default_factory=dict)
    elapsed: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


EventHandler = Callable[[Event], None]


def write_article(story: Story, options: WriteOptions, archive: Archive, on_event: EventHandler | None = None,
                  model: Model | None = None) -> Article:
    """Write, verify and store an article about ``story``; returns it with ``id`` set."""
    started = time.perf_counter()
    emit = _emitter(on_event, started)
    template = load_template(options.template)  # a bad template fails before any work is done
    reranker = _reranker(options, archive)
    if options.request_key and (done := archive.article_for_request(options.request_key)) is not None:
        emit("done", "done", article_id=done, reused=True)
        return archive.get_article(done)
    check_article(story, story.url or "the story")  # random letters or a menu: refused before anything is stored
    emit("store", "start")
    story_id, created = archive.add_story(story)
    emit("store", "done", story_id=story_id, new=created)
    model = model or _model(options)
    article = _recorded_run(archive, story_id, model, template.name,
                            lambda run_id: _run(story, options, archive, model, template, run_id, emit, started,
                                                reranker))
    from .webhooks import notify  # no-op unless NEWSDESK_WEBHOOK_URL is set

    notify(archive, "article.published", article, on_problem=lambda line: emit("warning", "info", message=line))
    emit("done", "done", article_id=article.id, stats=article.stats.to_dict())
    return article


def _recorded_run(archive: Archive, story_id: int | None, model: Model, template_name: str,
                  work: Callable[[int], tuple[Article, dict[str, Any]]]) -> Article:
    """Run ``work(run_id)`` as one recorded run: done with the stats it returns, or failed with its error (which
    is then raised again)."""
    run_id = archive.start_run(story_id, model.name, template_name)
    try:
        article, stats = work(run_id)
    except BaseException as error:
        archive.finish_run(run_id, "failed", error=str(error) or type(error).__name__)
        raise
    archive.finish_run(run_id, "done", stats=stats)
    return article


def _emitter(on_event: EventHandler | None, started: float) -> Callable[..., None]:
    def emit(stage: str, status: str, **data: Any) -> None:
        if on_event is not None:
            on_event(Event(stage, status, data, round(time.perf_counter() - started, 3)))

    return emit


def _model(options: WriteOptions) -> Model:
    return get_model(options.model, base_url=options.base_url, api_key=options.api_key,
                     context_length=options.context_length)


def _run(story: Story, options: WriteOptions, archive: Archive, model: Model, template: Template, run_id: int,
         emit: Callable[..., None], started: float,
         reranker: retrieve.Reranker | None) -> tuple[Article, dict[str, Any]]:
    from .verify import Fallbacks, Judge, Verifier, verify_article

    emit("retrieve", "start")
    if options.thread_first:
        from .threads.background import thread_background

        backgrounds = thread_background(archive, story, options.background, rerank=reranker)
    else:
        backgrounds = retrieve.background(archive, story, options.background, rerank=reranker)
    sources = build_sources(story, archive.passages(story.id or 0), backgrounds)
    screening = injection.screen(sources, story)  # [injection] text addressed to the model: no prompt, no evidence
    story = screening.story or story
    evidence = evidence_of(sources)  # verification sees every passage, trimmed or not
    notes = screening.notes + fit_to_context(sources, model, template)
    for note in notes:
        emit("warning", "info", message=note)
    emit("retrieve", "done", sources=len(sources), background=len(backgrounds))

    emit("map", "start")
    story_map = build_map(sources, story.headline)
    emit("map", "done", actors=len(story_map.actors), statements=len(story_map.statements),
         forward=len(story_map.forward), unknowns=len(story_map.unknowns))

    session = Session(model, archive, run_id, use_cache=options.use_cache, max_calls=MAX_CALLS)
    # What the model is asked to write follows what it declares it can write, never its name.
    map_analysis = options.drafting != "free" and not model.writes_analysis
    grounded = options.drafting == "grounded" or (options.drafting == "auto" and not model.writes_analysis)
    draft = write_draft(session, template, sources, story.headline, grounded=grounded,
                        emit=emit, story_map=story_map, body=story.body, map_analysis=map_analysis)
    article = Article(
        title=draft.title, dek=draft.dek, intro=draft.intro, sections=draft.sections, sources=sources,
        model={**model.describe(), "drafting": "grounded" if grounded else "free"}, template=template.name,
        story={"headline": story.headline, "url": story.url, "published": story.published, "id": story.id},
        notes=notes, created=datetime.now(UTC).isoformat(timespec="seconds"),
    )

    if options.verify:
        emit("verify", "start", sentences=sum(len(s.sentences()) for s in article.all_sections()))
        judge = Judge(model, session) if judging(options, model) else None
        verifier = Verifier(judge=judge, store=archive)
        session.max_calls = min(MAX_CALLS, session.calls_made + (MAX_JUDGE_CALLS if judge else 0) + MAX_REVISE_CALLS)
        # A draft of source sentences that fails its check is not saved by a model that cannot write analysis:
        # asking it to revise would be a call whose answer is known to be discarded.
        revise = reviser(session, sources, emit) if not map_analysis else None
        # the title and dek are checked with the body (and judged with it); one that fails is replaced by one
        # built from the story that passes
        titles, deks = headline_fallbacks(story.headline, story.body, story_map)
        verify_article(verifier, article, evidence, reviser=revise, fallbacks=Fallbacks(titles, deks))
        for section in article.all_sections():
            section.prune()
        article.stats.verify_seconds = round(article.stats.verify_seconds, 3)  # the checks alone, not revisions
        emit("verify", "done", dropped=len(article.dropped))
        article.stats.judge_calls = judge.calls if judge else 0
        article.model["judge"] = judge is not None
    injection.finish_article(article, screening, fallback_title)  # [injection]

    stats = session.stats
    article.stats.llm_calls = stats.llm_calls
    article.stats.cached_calls = stats.cached_calls
    article.stats.prompt_tokens = stats.prompt_tokens
    article.stats.completion_tokens = stats.completion_tokens
    article.stats.prefix_cached_tokens = stats.prefix_cached_tokens
    article.stats.llm_seconds = round(stats.llm_seconds, 3)
    article.stats.decode_seconds = round(stats.decode_seconds, 3)
    article.stats.seconds = round(time.perf_counter() - started, 3)
    emit("save", "start")
    archive.save_article(article, story.id, run_id, request_key=options.request_key)
    emit("save", "done", article_id=article.id)
    return article, article.stats.to_dict()


def judging(options: WriteOptions, model: Model) -> bool:
    """The judge runs when asked (the default) and the model declares that it reads token probabilities."""
    return options.verify and options.judge and model.supports_probabilities


def _reranker(options: WriteOptions, archive: Archive) -> retrieve.Reranker | None:
    if not (options.rerank and options.background):
        return None
    from .rerank import semantic_reranker  # loads its model once per process

    return semantic_reranker(archive)


def regenerate_section(archive: Archive, article_id: int, section_id: str, options: WriteOptions,
                       on_event: EventHandler | None = None, model: Model | None = None) -> Article:
    """Rewrite one section of a saved article with a fresh sample, verify it, and save the article in place.

    A section the model cannot write (``Model.writes_analysis``) is rebuilt from the story map instead, from the
    source sentences the rest of the article does not already cite.
    """
    from .errors import NotFoundError

    emit = _emitter(on_event, time.perf_counter())
    article = archive.get_article(article_id)
    index = next((i for i, s in enumerate(article.sections) if s.id == section_id), None)
    if index is None:
        raise NotFoundError(f"article {article_id} has no section {section_id!r}")
    template = load_template(options.template or article.template)
    spec = next((s for s in template.sections if s.id == section_id), None)
    if spec is None:
        raise NotFoundError(f"template {template.name!r} has no section {section_id!r}")
    for source in article.sources:
        ids = source.passage_ids or [p.id for p in archive.passages(source.story_id or 0) if p.id is not None]
        source.passages = archive.passages_by_id(ids)
        for passage in source.passages:
            passage.source_number = source.number
    model = model or _model(options)
    regenerated = _recorded_run(archive, article.story.get("id"), model, template.name,
                                lambda run_id: _regenerate(archive, article, index, spec, template, model, run_id,
                                                           options, emit))
    emit("done", "done", article_id=regenerated.id)
    return regenerated


def _regenerate(archive: Archive, article: Article, index: int, spec, template: Template, model: Model, run_id: int,
                options: WriteOptions, emit: Callable[..., None]) -> tuple[Article, dict[str, Any]]:
    import random

    from .verify import Judge, Verifier, verify_article
    from .write import rebuild_from_map, write_section

    section_id = spec.id
    screening = injection.screen(article.sources)  # [injection] the reloaded passages are the archive's originals
    evidence = evidence_of(article.sources)
    judge_calls = MAX_JUDGE_CALLS if judging(options, model) else 0
    session = Session(model, archive, run_id, use_cache=False, max_calls=1 + judge_calls + MAX_REVISE_CALLS)
    emit("write", "start", section=section_id, heading=spec.heading)
    headline = article.story.get("headline") or article.title
    section = None
    if not model.writes_analysis and options.drafting != "free":
        story_map = build_map(article.sources, headline)
        section = rebuild_from_map(spec, story_map, article)
    if section is None:
        others = [s.heading for s in template.sections if s.id != section_id]
        section = write_section(session, article.sources, spec, headline, others,
                                seed=random.randrange(1, 2**31))
    emit("write", "done", section=section_id, sentences=len(section.sentences()), note=section.note)
    article.sections[index] = section
    article.dropped = [d for d in article.dropped if d.section != section_id]
    emit("verify", "start", sentences=len(section.sentences()))
    verifier = Verifier(judge=Judge(model, session) if judge_calls else None, store=archive)
    verify_article(verifier, article, evidence, reviser=reviser(session, article.sources, emit))
    for each in article.all_sections():
        each.prune()
    injection.finish_article(article, screening, fallback_title)  # [injection]
    emit("verify", "done", dropped=len(article.dropped))
    archive.update_article(article)
    return article, session.stats.to_dict()  # the run's own calls, not the whole article's
