"""Runs the stages in order and reports progress: store -> retrieve -> map -> write -> verify -> save.

``write_article`` is the one entry point the faces (cli, web, feed runs) call. Progress goes to ``on_event`` as
``Event`` objects; nothing here prints. A run's parts that a section's rewrite (``regenerate``) shares are here too:
its record (``recorded_run``), its model, its conversation with it (``run_session``) and its verify step.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from .. import injection, retrieve
from ..archive import Archive
from ..errors import ConflictError, InputError, ModelError
from ..ingest.clean import check_article
from ..llm import Model, get_model
from ..llm.session import Session
from ..models import Article, ModelInfo, Passage, Section, Source, Story, StoryInfo
from ..progress import Heartbeat, heartbeat
from ..retrieve import build_sources, evidence_of
from ..storymap import build_map
from ..template import Template, load_template
from ..text import content_words
from ..threads.background import thread_background
from ..write import attribute_disputed, fallback_title, keep_datelines, leave_out_empty, opening_intro, write_draft
from ..write.context import Fitting
from ..write.draft import language_notes
from ..write.revise import MAX_REVISE_CALLS, reviser
from ..write.title import headline_fallbacks
from .narrowing import own_sources, published_before
from .options import MAX_CALLS, MAX_JUDGE_CALLS, Event, EventHandler, RunPlan, Stage, Status, WriteOptions

if TYPE_CHECKING:
    from ..verify import Fallbacks

__all__ = ["judging", "write_article"]


def write_article(
    story: Story,
    options: WriteOptions,
    archive: Archive,
    on_event: EventHandler | None = None,
    model: Model | None = None,
) -> Article:
    """Write, verify and store an article about ``story``; returns it with ``id`` set. Work that runs long reports
    how far it has got (``progress.tick``): a heartbeat event after ``HEARTBEAT_SECONDS`` without one."""
    started = time.perf_counter()
    with heartbeat(emitter(on_event, started)) as emit:
        return _write(story, options, archive, emit, started, model)


def _write(
    story: Story, options: WriteOptions, archive: Archive, emit: Heartbeat, started: float, model: Model | None
) -> Article:
    template = load_template(options.template)  # a bad template fails before any work is done
    reranker = _reranker(options, archive)
    if options.request_key and (done := archive.article_for_request(options.request_key)) is not None:
        emit("done", "done", article_id=done, reused=True)
        return archive.get_article(done)
    # random letters or a menu: refused before anything is stored; named as the user named it (a stored story by id)
    check_article(story, f"story {story.id}" if story.id else story.url or "the story")
    emit("store", "start")
    story_id, created = archive.add_story(story)
    emit("store", "done", story_id=story_id, new=created)
    stored = set(archive.article_ids([story_id])[story_id]) if options.fresh else set()
    with model_for(options, model) as model:
        article = recorded_run(
            archive,
            story_id,
            model,
            template.name,
            options.run_owner,
            lambda run_id: _run(story, options, archive, model, template, run_id, emit, started, reranker),
        )
    if options.draft:  # a new version's draft: its row is temporary, and the update says what it saved
        emit("done", "done", article_id=article.id, draft=True, stats=article.stats.to_dict())
        return article
    if article.id is None:
        return _saved_first(archive, options, emit)
    if article.id in stored:  # a new article was asked for, and the run wrote this one again (``_same_stored``)
        emit("done", "done", article_id=article.id, same=True)
        return article
    announce(archive, "article.published", article, emit)
    emit("done", "done", article_id=article.id, stats=article.stats.to_dict())
    return article


def _saved_first(archive: Archive, options: WriteOptions, emit: Callable[..., None]) -> Article:
    """The article of a run of the same request (story and options) that overlapped this one and saved first: the
    request key holds one article, so that one is the answer, and this run's, which was not stored, is discarded.
    Given in its place, it is never shown under an id that stores something else (smoke test 40 #14)."""
    first = archive.article_for_request(options.request_key or "")
    if first is None:  # saved first, then deleted before this run could read it
        raise ConflictError("the same request was saved first by another run, whose article is gone: run it again")
    emit(
        "warning",
        "info",
        message=f"the same story with the same options was saved first by another run, as article {first}, while "
        "this one was written: that article is the one given, and this run's is discarded",
    )
    emit("done", "done", article_id=first, reused=True)
    return archive.get_article(first)


def announce(archive: Archive, event: str, article: Article, emit: Callable[..., None]) -> None:
    """The webhook's event for a saved article or version (a no-op unless NEWSDESK_WEBHOOK_URL is set); a failed
    delivery is a warning of the run, never its failure."""
    from .webhooks import notify

    notify(archive, event, article, on_problem=lambda line: emit("warning", "info", message=line))


def recorded_run(
    archive: Archive,
    story_id: int | None,
    model: Model,
    template_name: str,
    owner: str | None,
    work: Callable[[int], tuple[Article, dict[str, Any]]],
) -> Article:
    """Run ``work(run_id)`` as one recorded run: done with the stats it returns, or failed with its error (which
    is then raised again)."""
    run_id = archive.start_run(story_id, model.name, template_name, owner)
    try:
        article, stats = work(run_id)
    except BaseException as error:
        archive.finish_run(run_id, "failed", error=str(error) or type(error).__name__)
        raise
    archive.finish_run(run_id, "done", stats=stats)
    return article


def emitter(on_event: EventHandler | None, started: float) -> Callable[..., None]:
    def emit(stage: Stage, status: Status, **data: Any) -> None:
        if on_event is not None:
            on_event(Event(stage, status, data, round(time.perf_counter() - started, 3)))

    return emit


@contextmanager
def model_for(options: WriteOptions, given: Model | None) -> Iterator[Model]:
    """The caller's model, or one made from the options and closed when the run ends (its caller cannot)."""
    if given is not None:
        yield given
        return
    model = get_model(
        options.model, base_url=options.base_url, api_key=options.api_key, context_length=options.context_length
    )
    try:
        yield model
    finally:
        model.close()


def _run(
    story: Story,
    options: WriteOptions,
    archive: Archive,
    model: Model,
    template: Template,
    run_id: int,
    emit: Callable[..., None],
    started: float,
    reranker: retrieve.Reranker | None,
) -> tuple[Article, dict[str, Any]]:
    from ..verify import Fallbacks, Verifier

    plan = RunPlan.resolve(options, model)
    emit("retrieve", "start")
    # background from the story's thread first (its earlier entries, then related threads), as threaded at
    # ingestion; a story not threaded, or one the archive tells no more of, takes the related stories a gated
    # word search finds. A new version threads the archive first: its later entries are what it is about.
    backgrounds = thread_background(archive, story, options.background, rerank=reranker, update=options.thread_first)
    if not backgrounds and not options.thread_first:
        backgrounds = retrieve.background(archive, story, options.background, rerank=reranker)
    sources = build_sources(story, archive.passages(story.id or 0), backgrounds)
    own = own_sources(sources, archive, story.id)  # the story, and the entries of its thread among the sources
    screening = injection.screen(sources, story)  # [injection] text addressed to the model: no prompt, no evidence
    story = screening.story or story
    evidence = evidence_of(sources)  # verification sees every passage, trimmed or not
    # a story in another language is written all the same, under English headings: the run says so as it goes
    # (the article's notes say it too, from the draft)
    for note in language_notes(story.headline, story.body):
        emit("warning", "info", message=note)
    notes = list(screening.notes)
    fitting = Fitting(sources, model, template, notes, emit)  # only the prompts' copy is trimmed
    fitting.fit()
    for note in notes:
        emit("warning", "info", message=note)
    emit("retrieve", "done", sources=len(sources), background=len(backgrounds), thread=len(own) - 1)

    emit("map", "start")
    story_map = build_map(sources, story.headline).narrowed(own, earlier=published_before(sources, story.published))
    emit(
        "map",
        "done",
        actors=len(story_map.actors),
        statements=len(story_map.statements),
        forward=len(story_map.forward),
        unknowns=len(story_map.unknowns),
    )

    assumed = model.context_length  # the context the run starts with; a server's refusal may state a smaller one
    session = run_session(model, archive, run_id, plan, MAX_CALLS, emit, fitting.refit)
    draft = write_draft(
        session,
        template,
        sources,
        story.headline,
        grounded=plan.grounded,
        emit=emit,
        story_map=story_map,
        body=story.body,
        map_analysis=plan.map_analysis,
        prompt_sources=fitting.prompts,
    )
    body = any(s.sentences() for s in draft.sections)
    if session.refusals and not body and (draft.refused or (session.calls_made == 0 and not draft.intro.sentences())):
        # the sections' prompts did not fit the model's context, and the sources gave no sentence without one: a
        # title over notes (or over the story's opening alone) is no article, and "Done" would say it is
        which = "no prompt fits" if session.calls_made == 0 else "no section's prompt fits"
        raise ModelError(
            f"nothing could be written: {which} the model's context of {model.context_length:,} tokens "
            f"(the first: {session.refusals[0]}); nothing was saved. Use a larger context (--context-length, or "
            "the server's own setting)"
        )
    article = Article(
        title=draft.title,
        dek=draft.dek,
        intro=draft.intro,
        sections=draft.sections,
        sources=sources,
        model=_model_info(model, plan),
        template=template.name,
        story=StoryInfo.of(story),
        notes=[*notes, *draft.notes],
        dropped=list(draft.repeats),
        created=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    fitting.notes = article.notes  # a prompt refused later fits the sources again, and its note is the article's

    # the title and dek are checked with the body (and judged with it); one that fails is replaced by one built
    # from the story that passes
    titles, deks = headline_fallbacks(story.headline, story.body, story_map)
    # the intro that stands in for one the check empties takes no sentence the sections already give: each once
    given = {c.quote for section in article.sections for s in section.sentences() for c in s.citations}
    opening = opening_intro(sources, story.headline, story_map, article.dek, template.headline.target_words, given)
    if plan.verify and len({s.publisher for s in sources if s.publisher}) > 1:
        # outlets that give a figure differently settle nothing between them: the story's sentences that give one
        # stand under its dateline, as its outlet's account
        checker = Verifier(semantic=False)
        parts = [article.intro, *article.sections, Section("opening", "", "summary", opening)]
        attribute_disputed(parts, sources, lambda text: checker.disputed(text, evidence, sources))
    verify_step(article, fitting.prompts, evidence, plan, session, archive, emit, Fallbacks(titles, deks, opening))
    keep_datelines(article, article.sources)
    injection.finish_article(article, screening, fallback_title)  # [injection]
    if plan.verify:  # several outlets of the story's thread among the sources: how their coverage differs
        from .coverage import add_coverage_section

        add_coverage_section(article, archive, story, evidence, emit)

    if not options.draft and _says_nothing_new(article, story):
        # a title and dek over "left out" notes is no article (Smoke test 35 #4: a job "done" with nothing in it);
        # a draft's caller (an update) decides for itself
        raise InputError(
            "nothing of the story could be written beyond its headline: no sentence of it was kept in any section "
            "(a title and dek alone are no article); nothing was saved"
        )
    article.model.context_length = model.context_length  # as the server stated it, where it refused a prompt
    if (session.retried or model.context_length < assumed) and not any("context of" in n for n in article.notes):
        # a refusal that cut no source still changed the run: the README promises the notes say so
        assumed_words = f" ({assumed:,} were assumed)" if model.context_length < assumed else ""
        article.notes.append(
            f"The model refused a prompt longer than its context of {model.context_length:,} tokens{assumed_words}; "
            "it was sent again, shorter."
        )
    stats = session.stats
    article.stats.llm_calls = stats.llm_calls
    article.stats.cached_calls = stats.cached_calls
    article.stats.prompt_tokens = stats.prompt_tokens
    article.stats.completion_tokens = stats.completion_tokens
    article.stats.prefix_cached_tokens = stats.prefix_cached_tokens
    article.stats.llm_seconds = round(stats.llm_seconds, 3)
    article.stats.decode_seconds = round(stats.decode_seconds, 3)
    article.stats.seconds = round(time.perf_counter() - started, 3)
    if options.fresh and (same := _same_stored(archive, article, story.id)) is not None:
        return same, article.stats.to_dict()
    as_draft: dict[str, Any] = {"draft": True} if options.draft else {}
    emit("save", "start", **as_draft)
    archive.save_article(article, story.id, run_id, request_key=options.request_key)
    if article.id is not None:  # None: not stored, the same request was saved first (write_article says so)
        emit("save", "done", article_id=article.id, **as_draft)
    return article, article.stats.to_dict()


def _same_stored(archive: Archive, article: Article, story_id: int | None) -> Article | None:
    """The story's stored article that reads as ``article`` word for word, with the same template and model: a
    new article asked for of a model that samples nothing (the embedded model, a title at temperature 0) and of the
    same sources is the stored one again, and a copy under a new id would tell a reader nothing."""
    volatile = ("id", "created", "stats", "story", "updated")

    def reading(one: Article) -> dict[str, Any]:
        return {k: v for k, v in one.to_dict().items() if k not in volatile}

    ids = archive.article_ids([story_id])[story_id] if story_id is not None else []
    new = reading(Article.from_dict(json.loads(json.dumps(article.to_dict()))))  # as stored: no passage ids
    return next((stored for i in reversed(ids) if reading(stored := archive.get_article(i)) == new), None)


def _says_nothing_new(article: Article, story: Story) -> bool:
    """Whether ``article`` tells no more than the story's headline: no section keeps a sentence, and the dek is
    none or words of the headline. A one-sentence summary's article (its dek that sentence) tells more."""
    if article.intro.sentences() or any(section.sentences() for section in article.sections):
        return False
    return not set(content_words(article.dek or "")) - set(content_words(story.headline or ""))


def run_session(
    model: Model,
    archive: Archive,
    run_id: int,
    plan: RunPlan,
    max_calls: int,
    emit: Callable[..., None],
    refit: Callable[[], bool] | None = None,
) -> Session:
    """The run's conversation with the model: its budget in all, the judge's and the revisions' own, a progress
    event around every call, and ``refit`` for a prompt the model's context cannot hold."""
    session = Session(
        model,
        archive,
        run_id,
        use_cache=plan.use_cache,
        max_calls=max_calls,
        refit=refit,
        emit=emit,
        cache_scope=plan.cache_scope,
    )
    session.limit("judge", MAX_JUDGE_CALLS if plan.judge else 0)
    session.limit("revise", MAX_REVISE_CALLS if plan.revise else 0)
    return session


def verify_step(
    article: Article,
    sources: list[Source],
    evidence: list[Passage],
    plan: RunPlan,
    session: Session,
    archive: Archive,
    emit: Callable[..., None],
    fallbacks: Fallbacks | None = None,
) -> None:
    """The one verify step of a first run and of a rewritten section: every sentence checked against
    ``evidence`` (the judge asked about the uncertain ones), the failures revised once from ``sources`` (the
    prompts' sources, fitted to the model's context), what still fails and what repeats dropped. ``fallbacks``:
    the titles and deks that stand in for a failing title or dek (a first run; a rewritten section has none)."""
    from ..verify import Judge, Verifier, verify_article

    if not plan.verify:
        return
    before = len(article.dropped)  # dropped as repeats before the check, or by an earlier check of other sections
    emit("verify", "start", sentences=sum(len(s.sentences()) for s in article.all_sections()))
    judge = Judge(session.model, session) if plan.judge else None
    verifier = Verifier(judge=judge, store=archive)
    revise = reviser(session, sources, emit) if plan.revise else None
    verify_article(verifier, article, evidence, reviser=revise, fallbacks=fallbacks)
    for section in article.all_sections():
        section.prune()
    leave_out_empty(article)
    article.stats.verify_seconds = round(article.stats.verify_seconds, 3)  # the checks alone, not revisions
    article.stats.judge_calls = judge.calls if judge else 0
    article.model.judge = judge is not None
    if judge is not None and (shortfall := judge.shortfall()) is not None:
        # a judge that cannot answer is no judge: the reader is told the local checks alone decided
        emit("warning", "info", message="; ".join(filter(None, [shortfall, judge.advice()])))
        article.notes.append(shortfall[:1].upper() + shortfall[1:] + ".")
    kept = sum(len(s.sentences()) for s in article.all_sections())
    emit("verify", "done", dropped=len(article.dropped) - before, kept=kept)


def _model_info(model: Model, plan: RunPlan) -> ModelInfo:
    return replace(ModelInfo.from_dict(model.describe()), drafting=plan.drafting)


def judging(options: WriteOptions, model: Model) -> bool:
    """The judge runs when asked (the default) and the model declares that it reads token probabilities."""
    return RunPlan.resolve(options, model).judge


def _reranker(options: WriteOptions, archive: Archive) -> retrieve.Reranker | None:
    if not (options.rerank and options.background):
        return None
    from ..retrieve.rerank import semantic_reranker  # loads its model once per process

    return semantic_reranker(archive)
