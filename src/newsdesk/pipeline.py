"""Runs the stages in order and reports progress: store -> retrieve -> write -> verify -> save.

``write_article`` is the one entry point the faces (cli, web, feed runs) call. Progress goes to ``on_event`` as
``Event`` objects; nothing here prints.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from . import retrieve
from .archive import Archive
from .llm import Model, get_model
from .llm.session import BudgetExceeded, Session
from .models import Article, Passage, Sentence, Source, Story
from .template import Template, load_template
from .write import fallback_title, prompts, write_draft

# Writing is one call per section plus one for title/dek/intro (a template has at most 8 sections); revision of
# failing sentences gets a small budget of its own, shared by batches of sentences. An article never costs more
# than MAX_CALLS calls in all.
MAX_CALLS = 10
MAX_REVISE_CALLS = 2
REVISE_BATCH = 6
# Room the prompt leaves for instructions and the longest answer, in tokens.
PROMPT_OVERHEAD_TOKENS = 300


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
    judge: bool = False  # add the LLM entailment judge (server models that return token probabilities)
    drafting: str = "auto"  # auto | grounded | free
    allow_private: bool = False
    context_length: int | None = None
    # Idempotency: a second run with the same key returns the article the first one saved (jobs, feed entries).
    request_key: str | None = None


@dataclass
class Event:
    stage: str  # store, retrieve, write, verify, save, done, warning
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

    def emit(stage: str, status: str, **data: Any) -> None:
        if on_event is not None:
            on_event(Event(stage, status, data, round(time.perf_counter() - started, 3)))

    template = load_template(options.template)  # a bad template fails before any work is done
    reranker = _reranker(options, archive)
    if options.request_key and (done := archive.article_for_request(options.request_key)) is not None:
        emit("done", "done", article_id=done, reused=True)
        return archive.get_article(done)
    emit("store", "start")
    story_id, created = archive.add_story(story)
    emit("store", "done", story_id=story_id, new=created)
    model = model or get_model(options.model, base_url=options.base_url, api_key=options.api_key,
                               context_length=options.context_length)
    run_id = archive.start_run(story_id, model.name, template.name)
    try:
        article = _run(story, options, archive, model, template, run_id, emit, started, reranker)
    except BaseException as error:
        archive.finish_run(run_id, "failed", error=str(error) or type(error).__name__)
        raise
    archive.finish_run(run_id, "done", stats=article.stats.to_dict())
    emit("done", "done", article_id=article.id, stats=article.stats.to_dict())
    return article


def _run(story: Story, options: WriteOptions, archive: Archive, model: Model, template: Template, run_id: int,
         emit: Callable[..., None], started: float, reranker: retrieve.Reranker | None) -> Article:
    from .verify import Verifier, split_sentences, unsupported_specifics

    emit("retrieve", "start")
    backgrounds = retrieve.background(archive, story, options.background, rerank=reranker)
    sources = build_sources(story, archive.passages(story.id or 0), backgrounds)
    evidence = evidence_of(sources)  # verification sees every passage, trimmed or not
    notes = fit_to_context(sources, model, template)
    for note in notes:
        emit("warning", "info", message=note)
    emit("retrieve", "done", sources=len(sources), background=len(backgrounds))

    session = Session(model, archive, run_id, use_cache=options.use_cache, max_calls=MAX_CALLS)
    grounded = options.drafting == "grounded" or (options.drafting == "auto" and model.backend == "embedded")
    draft = write_draft(session, template, sources, story.headline, grounded=grounded, split=split_sentences,
                        emit=emit)
    article = Article(
        title=draft.title, dek=draft.dek, intro=draft.intro, sections=draft.sections, sources=sources,
        model={**model.describe(), "drafting": "grounded" if grounded else "free"}, template=template.name,
        story={"headline": story.headline, "url": story.url, "published": story.published, "id": story.id},
        notes=notes, created=datetime.now(UTC).isoformat(timespec="seconds"),
    )

    if options.verify:
        emit("verify", "start", sentences=sum(len(s.sentences()) for s in article.all_sections()))
        judge = model if options.judge and model.supports_probabilities else None
        verifier = Verifier(judge=judge, store=archive)
        session.max_calls = min(MAX_CALLS, session.calls_made + MAX_REVISE_CALLS)
        # the final dek first: the body must not repeat it
        article.title, article.dek = _checked_headline(article, story, evidence, unsupported_specifics,
                                                       split_sentences)
        verifier.verify_article(article, evidence, reviser=_reviser(session, sources))
        for section in article.all_sections():
            section.prune()
        article.stats.verify_seconds = round(article.stats.verify_seconds, 3)  # the checks alone, not revisions
        emit("verify", "done", dropped=len(article.dropped))

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
    return article


def _reranker(options: WriteOptions, archive: Archive) -> retrieve.Reranker | None:
    if not (options.rerank and options.background):
        return None
    from .rerank import semantic_reranker  # loads its model once per process

    return semantic_reranker(archive)


def build_sources(story: Story, story_passages: list[Passage], backgrounds: list[retrieve.Background]) -> list[Source]:
    """Source [1] is the story itself; background stories follow in retrieval order."""
    main = Source(number=1, title=story.headline, url=story.url, published=story.published,
                  publisher=story.source, role="story", story_id=story.id, passages=story_passages)
    sources = [main]
    for number, item in enumerate(backgrounds, start=2):
        bg = item.story
        sources.append(Source(number=number, title=bg.headline, url=bg.url, published=bg.published,
                              publisher=bg.source, role="background", story_id=bg.id, passages=item.passages))
    for source in sources:
        for passage in source.passages:
            passage.source_number = source.number
    return sources


def evidence_of(sources: list[Source]) -> list[Passage]:
    """What sentences are checked against: each source's headline (it is the source's text too) and passages."""
    evidence: list[Passage] = []
    for source in sources:
        if source.title and source.title.strip():
            evidence.append(Passage(text=source.title.strip(), story_id=source.story_id, position=-1,
                                    source_number=source.number))
        evidence.extend(source.passages)
    return evidence


def fit_to_context(sources: list[Source], model: Model, template: Template) -> list[str]:
    """Trim passages until the shared prompt fits the model's context; returns what was trimmed, in words.

    Background goes first, from its least relevant end, then the story from its end. Each passage is counted once
    and the cut estimated from those counts, then confirmed on the real prompt: a story of thousands of passages
    costs thousands of small counts, not thousands of whole-prompt counts.
    """
    longest = max([prompts.section_max_tokens(s.target_words) for s in template.sections]
                  + [prompts.section_max_tokens(template.headline.target_words + 30)])
    budget = model.context_length - longest - PROMPT_OVERHEAD_TOKENS
    notes: list[str] = []

    def size() -> int:
        return model.count_tokens(prompts.system_message(sources)["content"])

    excess = size() - budget
    if excess <= 0:
        return notes
    cost = {id(p): model.count_tokens(prompts.neutralise(p.text)) + 1 for s in sources for p in s.passages}
    dropped_background = 0
    while len(sources) > 1 and excess > 0:
        last = sources[-1]
        excess -= cost[id(last.passages.pop())]
        dropped_background += 1
        if not last.passages:
            sources.pop()
        if excess <= 0:
            excess = size() - budget  # the estimate said it fits: confirm on the real prompt
    main = sources[0]
    total = len(main.passages)
    while len(main.passages) > 1 and excess > 0:
        excess -= cost[id(main.passages.pop())]
        if excess <= 0:
            excess = size() - budget
    if dropped_background:
        notes.append(f"{dropped_background} background passage(s) left out to fit the model's context.")
    if excess > 0:  # one passage longer than the whole context: keep the share of it that fits
        whole = main.passages[0]
        text = whole.text
        while excess > 0 and len(text) > 200:
            text = text[:int(len(text) * budget / (budget + excess) * 0.95)]
            main.passages[0] = replace(whole, text=text)  # a copy: verification still reads the whole passage
            excess = size() - budget
        notes.append(f"The story's opening passage was cut to {len(text):,} of {len(whole.text):,} characters to "
                     f"fit the model's context of {model.context_length} tokens; all of it was still used to check "
                     "the article.")
    elif len(main.passages) < total:
        notes.append(
            f"The story was trimmed to its first {len(main.passages)} of {total} passages to fit the model's "
            f"context of {model.context_length} tokens; the rest was still used to check the article."
        )
    return notes


def _reviser(session: Session, sources: list[Source]):
    """Rewrites failing sentences in batches, within the session's remaining call budget."""
    from .verify import split_sentences
    from .write.parse import clean_text

    def revise(items: list[tuple[Sentence, list[Passage]]]) -> list[str | None]:
        results: list[str | None] = [None] * len(items)
        for start in range(0, len(items), REVISE_BATCH):
            batch = items[start:start + REVISE_BATCH]
            payload = [(s.text, [p.text for p in evidence[:2]]) for s, evidence in batch]
            try:
                completion = session.chat(prompts.revise_messages(sources, payload), purpose="revise",
                                          max_tokens=60 * len(batch) + 40, temperature=0.2)
            except BudgetExceeded:
                break
            for number, text in _numbered_lines(clean_text(completion.text)).items():
                sentences = split_sentences(text)
                if 1 <= number <= len(batch) and sentences and text.strip().upper() != "DROP":
                    results[start + number - 1] = sentences[0]  # one sentence replaces one sentence
        return results

    return revise


def _numbered_lines(text: str) -> dict[int, str]:
    import re

    found: dict[int, str] = {}
    for line in text.split("\n"):
        match = re.match(r"^\s*(\d{1,2})[.)]\s*(?:Sentence:\s*)?(.+)$", line)
        if match and int(match.group(1)) not in found:
            found[int(match.group(1))] = match.group(2)
    return found


def _checked_headline(article: Article, story: Story, evidence: list[Passage], unsupported, split) -> tuple[str, str]:
    """A title or dek that carries facts the sources lack is replaced by one built from the story itself."""
    title, dek = article.title, article.dek
    if unsupported(title, evidence):
        title = fallback_title(story.headline)
    if unsupported(dek, evidence) or not dek:
        lead = split(story.body)
        dek = lead[0] if lead else story.headline
    return title, dek


def regenerate_section(archive: Archive, article_id: int, section_id: str, options: WriteOptions,
                       on_event: EventHandler | None = None, model: Model | None = None) -> Article:
    """Rewrite one section of a saved article with a fresh sample, verify it, and save the article in place."""
    import random

    from .errors import NotFoundError
    from .verify import Verifier, split_sentences
    from .write import write_section

    started = time.perf_counter()

    def emit(stage: str, status: str, **data: Any) -> None:
        if on_event is not None:
            on_event(Event(stage, status, data, round(time.perf_counter() - started, 3)))

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
    evidence = evidence_of(article.sources)
    model = model or get_model(options.model, base_url=options.base_url, api_key=options.api_key,
                               context_length=options.context_length)
    run_id = archive.start_run(article.story.get("id"), model.name, template.name)
    session = Session(model, archive, run_id, use_cache=False, max_calls=1 + MAX_REVISE_CALLS)
    emit("write", "start", section=section_id, heading=spec.heading)
    others = [s.heading for s in template.sections if s.id != section_id]
    section = write_section(session, article.sources, spec, article.story.get("headline") or article.title, others,
                            split_sentences, seed=random.randrange(1, 2**31))
    emit("write", "done", section=section_id, sentences=len(section.sentences()), note=section.note)
    article.sections[index] = section
    article.dropped = [d for d in article.dropped if d.section != section_id]
    emit("verify", "start", sentences=len(section.sentences()))
    Verifier(store=archive).verify_article(article, evidence, reviser=_reviser(session, article.sources))
    for each in article.all_sections():
        each.prune()
    emit("verify", "done", dropped=len(article.dropped))
    archive.update_article(article)
    archive.finish_run(run_id, "done", stats=session.stats.to_dict())
    emit("done", "done", article_id=article.id)
    return article
