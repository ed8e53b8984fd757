"""Articles that develop: a later entry of an article's story thread makes a new version of that article.

``update_article(archive, article_id, options)``:

1. finds the entries of the article's thread that none of its sources is (``newsdesk.threads``); none: the article
   is up to date and nothing is written;
2. keeps those about the article's own event (``retrieve.related``; a thread may also join another event's
   entries, which get articles of their own) and writes the story afresh from the newest of them and the
   article's own story, with the thread's earlier entries as background (``WriteOptions.thread_first``): new
   facts come in, and a figure that changed is stated as the newer source gives it;
3. checks every supported fact of the previous version against the new sources: one a later source contradicts
   (a toll that rose, a date that moved) is a **correction**, and the Updates log lists it as no longer current,
   quoting the old sentence and citing the source that supersedes it. A correction is never silent. Where the
   later source's publisher says the earlier figure was wrong (a correction notice, ``Verifier.corrected``), the
   log says **corrected**, with the source's correcting sentence, and no version states the withdrawn figure again,
   from any entry of that publisher;
4. keeps the previous version in ``article_versions`` and saves the new one under the same article id, with
   ``version`` one higher and an Updates log entry (when, what changed, on which sources)
   (``Archive.save_version``: a version another run saved meanwhile is never written over).
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..errors import NotFoundError
from ..models import MAX_ROW_ID, Article, Source, Story, Update
from ..text import counted, date_phrase
from . import coverage

if TYPE_CHECKING:
    from ..archive import Archive
    from ..llm import Model
    from ..verify import Verifier
    from .options import EventHandler, WriteOptions


@dataclass
class UpdateResult:
    article: Article
    updated: bool  # False: no later entry, the article is as it was
    corrections: list[str]  # sentences of the previous version a later source contradicts
    elsewhere: list[int] = field(default_factory=list)  # later entries of its thread about another event: left out
    # Why the article stays at its version where an entry could have made one, in one line ("" when a version was
    # saved, or there was nothing to write): a new version that kept no sentence, or an entry already among its
    # sources
    not_saved: str = ""
    corrected: list[str] = field(default_factory=list)  # sentences of it a later source's correction notice corrects


def get_version(archive: Archive, article_id: int, version: int) -> Article:
    """Version ``version`` of an article: the current one, or one kept in ``article_versions``."""
    current = archive.get_article(article_id)
    if version == current.version:
        return current
    if not 1 <= version <= MAX_ROW_ID:  # past what the archive can hold (an OverflowError there): no such version
        raise NotFoundError(f"article {article_id} has no version {version} (its current version is {current.version})")
    row = archive.db.execute(
        "SELECT json FROM article_versions WHERE article_id = ? AND version = ?", (article_id, version)
    ).fetchone()
    if row is None:
        raise NotFoundError(f"article {article_id} has no version {version} (its current version is {current.version})")
    return Article.from_dict(json.loads(row["json"]))


def later_entries(archive: Archive, article: Article) -> list[int]:
    """Story ids of the entries of the article's thread that none of its sources is, oldest first."""
    from ..threads import get_thread, thread_of, update_threads

    story_id = article.story.id
    if story_id is None:
        return []
    update_threads(archive)
    thread_id = thread_of(archive, int(story_id))
    if thread_id is None:
        return []
    known = {s.story_id for s in article.sources} | {int(story_id)}
    return [e.story_id for e in get_thread(archive, thread_id).entries if e.story_id not in known]


def thread_article(archive: Archive, story_id: int) -> int | None:
    """The newest article about another story of ``story_id``'s thread, which this story could update; or None."""
    found = thread_articles(archive, story_id)
    return found[0] if found else None


def thread_articles(archive: Archive, story_id: int) -> list[int]:
    """The articles about the other stories of ``story_id``'s thread, newest first."""
    from ..threads import thread_of

    thread_id = thread_of(archive, story_id)
    if thread_id is None:
        return []
    others = [
        int(r["story_id"])
        for r in archive.db.execute(
            "SELECT story_id FROM thread_entries WHERE thread_id = ? AND story_id != ?", (thread_id, story_id)
        )
    ]
    return sorted((a for ids in archive.article_ids(others).values() for a in ids), reverse=True)


def update_thread_article(
    archive: Archive,
    story_id: int,
    options: WriteOptions,
    on_event: EventHandler | None = None,
    model: Model | None = None,
) -> UpdateResult | None:
    """The new entry ``story_id`` develops its thread's article: threads are brought up to date, and when another
    story of its thread has an article, that article gets a new version (``update_article``). ``None`` when its
    thread has no article about the entry's event (it gets an article of its own). ``feed --write`` and the web
    app's feed polls both call this, so a poll and the command make the same versions.

    The article is the newest of the thread's articles about the entry's event (``_about_the_article``): a thread
    may hold an article about another of its events, and the newest article is not always the one this entry
    develops. Where that article already has the entry among its sources (written after it, it took the entry in
    as background), the entry adds nothing to it: it stays at its version, and ``not_saved`` says so, so that no
    face calls the entry one that "already had" an article of its own, nor writes it a second article."""
    from ..threads import update_threads

    update_threads(archive)
    for article_id in thread_articles(archive, story_id):
        article = archive.get_article(article_id)
        if not _about_the_article(archive, article, story_id):
            continue
        if story_id in {source.story_id for source in article.sources}:
            role = "its story" if article.sources[0].story_id == story_id else "one of its sources (background)"
            why = f"article {article_id} stays at version {article.version}: the entry is already {role}"
            return UpdateResult(article, False, [], not_saved=why)
        return update_article(archive, article_id, options, on_event=on_event, model=model)
    return None


def _about_the_article(archive: Archive, article: Article, story_id: int) -> bool:
    """Whether the entry is about what the article is about (``retrieve.related``: a name in common, leads alike).
    A thread may join entries that an article must not take in: an update from another event would rewrite the
    article about that event, so such an entry gets an article of its own, whoever asks for the update (a feed
    poll, ``feed --write`` or ``newsdesk update``)."""
    from ..retrieve import related

    own = article.sources[0].story_id if article.sources else None
    return own is None or own == story_id or related(archive.get_story(own), archive.get_story(story_id))


def update_article(
    archive: Archive,
    article_id: int,
    options: WriteOptions,
    on_event: EventHandler | None = None,
    model: Model | None = None,
) -> UpdateResult:
    """Make a new version of ``article_id`` from its thread's later entries; see the module docstring."""
    from ..retrieve import evidence_of
    from ..verify import Verifier
    from .run import announce, emitter, write_article

    previous = archive.get_article(article_id)
    later = later_entries(archive, previous)
    newer = [story_id for story_id in later if _about_the_article(archive, previous, story_id)]
    elsewhere = [story_id for story_id in later if story_id not in newer]
    if not newer:
        return UpdateResult(previous, False, [], elsewhere)
    told_after = _told_after(archive, previous, newer)
    latest = archive.get_story(told_after[-1] if told_after else int(previous.story.id or newer[-1]))
    fresh = write_article(
        latest,
        replace(options, thread_first=True, request_key=None, draft=True),
        archive,
        on_event=on_event,
        model=model,
    )
    temporary_id = fresh.id

    def discard_draft() -> None:
        if temporary_id is not None and temporary_id != article_id:  # the draft row: the article keeps its id
            with archive.transaction() as db:
                _delete_draft(archive, db, temporary_id, fresh.title)

    # what the later entries say, alone: the earlier ones (background now) still carry the superseded figure, and
    # an entry that tells of an earlier moment than the article's story corrects nothing in it
    later_sources = [(s.number, evidence_of([s])) for s in fresh.sources if s.story_id in told_after]
    verifier = Verifier(store=archive)
    corrections: list[tuple[str, list[int]]] = []
    corrected: list[tuple[str, int, str]] = []  # (the sentence, the source that corrects it, its correcting words)
    for text in _published_facts(previous):
        fixed = [(number, c) for number, evidence in later_sources if (c := verifier.corrected(text, evidence))]
        if fixed:  # the publisher says it was wrong: a correction, not a change
            corrected.append((text, fixed[0][0], fixed[0][1].correcting))
            continue
        # a later entry that measures the same thing otherwise (Verifier.superseded), cited as what gives it
        by = [number for number, evidence in later_sources if verifier.superseded(text, evidence)]
        if by:
            corrections.append((text, by))
    listed = {text for text, _ in corrections} | {text for text, _, _ in corrected} | _listed_before(previous)
    _without_superseded(fresh, listed | _restated_from_earlier(fresh, latest, verifier))
    if not any(section.sentences() for section in fresh.sections) and any(s.sentences() for s in previous.sections):
        # a title over "left out" notes, or over the story's opening alone, would replace an article that had a body
        # (Smoke test 35 #4): the current version stays, and the caller says why in one line
        discard_draft()
        why = (
            f"article {article_id} stays at version {previous.version}: the update from "
            f"{counted(len(newer), 'later entry', 'later entries')} kept no sentence in its sections, so it was not"
            " saved"
        )
        return UpdateResult(previous, False, [], elsewhere, not_saved=why)
    at = datetime.now(UTC).isoformat(timespec="seconds")
    added = [n for n, s in ((s.number, s) for s in fresh.sources) if s.story_id in newer]

    def named(story_ids: list[int]) -> str:
        return "; ".join(_named(archive.get_story(story_id)) for story_id in story_ids)

    # an entry that reached the archive late but tells of an earlier moment is no news: it is background
    earlier = [story_id for story_id in newer if story_id not in told_after]
    summary = " ".join(
        [
            *([f"Updated with {named(told_after)}."] if told_after else []),
            *([f"Added an earlier report as background: {named(earlier)}."] if earlier else []),
        ]
    )
    for text, numbers in corrections:
        # "no longer current", not "corrected": a figure that rose or a state that changed was true when it was
        # written, and a reader must not take the earlier version for a mistake
        cited_by = " ".join(f"[{n}]" for n in numbers) or "a later source"
        summary += f" No longer current: “{text}” ({cited_by} gives it otherwise)."
    for text, number, correcting in corrected:
        # the source's own words set it right: a reader sees what was wrong and what is right, and where it says so
        summary += f" Corrected: “{text}” ([{number}] corrects it: “{correcting}”)."
    cited = sorted(set(added) | {n for _, numbers in corrections for n in numbers} | {n for _, n, _ in corrected})
    fresh.id, fresh.created, fresh.updated = article_id, previous.created, at
    fresh.version = previous.version + 1
    logged = [renumbered(update, previous.sources, fresh.sources) for update in previous.updates]
    fresh.updates = [*logged, Update(at=at, summary=summary, sources=cited)]
    try:
        archive.save_version(fresh, begun_from=previous.version)
    finally:
        discard_draft()
    announce(archive, "article.updated", fresh, emitter(on_event, time.perf_counter()))  # the version, not the draft
    return UpdateResult(
        fresh, True, [text for text, _ in corrections], elsewhere, corrected=[text for text, _, _ in corrected]
    )


def _published_facts(article: Article) -> list[str]:
    """What a version published as fact, each once: its dek and every supported sentence of any section. The dek
    is the article's first statement (often the story's lead, with its main figure: "killed 12 people"), and a
    sentence is claimed once, so no section says it again: a figure a later entry states otherwise is no longer
    current there as much as in a Call to Action's "voices to follow". The dek is checked with the rest, so it
    counts where the article was checked at all (a sentence has a verdict)."""
    said = [s for section in article.all_sections() for s in section.sentences() if s.claim_kind != "heading"]
    checked = article.dek and any(s.verdict is not None for s in said)
    supported = [s.text for s in said if s.verdict == "supported"]
    return list(dict.fromkeys([*([article.dek] if checked else []), *supported]))


def _named(story: Story) -> str:
    """A later entry as the Updates log names it: its headline in quotation marks, with its outlet. A headline the
    injection screen set aside in part is quoted as screened; one set aside whole is named by outlet and date.
    The log is published: it never quotes words the article was not allowed to use (Smoke test 35 #4)."""
    from ..injection import screen

    outlet = f" ({story.source})" if story.source else ""
    screened = screen([], story).story
    headline = screened.headline if screened is not None else story.headline
    if (
        headline and headline in story.headline
    ):  # as written, or the words the screen kept: not the body's first sentence
        return f"“{headline}”{outlet}"
    when = date_phrase(story.published)
    return f"a report{f' by {story.source}' if story.source else ''}{f' ({when[3:]})' if when else ''}"


def _without_superseded(article: Article, superseded: set[str]) -> None:
    """The new version no longer states what the Updates log lists as no longer current: the earlier entries,
    background now, still carry those sentences, and the story map gives them again under their dateline ("On 17
    February, Coast News reported: ... two days"), beside the later figure. A section left with nothing is left
    out, and the article's notes say why."""
    if not superseded:
        return
    for section in article.all_sections():
        if section.id == coverage.SECTION_ID:  # each outlet's own account, side by side: a disagreement, shown as such
            continue
        before = bool(section.sentences())
        for block in section.blocks:
            block.sentences = [s for s in block.sentences if s.text not in superseded]
        section.prune()
        if before and not section.sentences() and section in article.sections:
            article.sections.remove(section)
            article.notes.append(f"{section.heading} is left out: what it said is no longer current (see Updates).")


_LISTED = re.compile(r"(?:No longer current|Corrected): “(.+?)” \(")


def _listed_before(article: Article) -> set[str]:
    """What earlier versions' Updates logs listed as no longer current or corrected: no later version states it
    again either."""
    return {text for update in article.updates for text in _LISTED.findall(update.summary)}


def _restated_from_earlier(article: Article, latest: Story, verifier: Verifier) -> set[str]:
    """Facts the new version takes from the same outlet's earlier entries (background, under their dateline) that
    its own story states otherwise: the same thing, another figure or date (``Verifier.superseded``). A later
    figure from the same source body is an update, and the earlier one beside it would read as current. Another
    outlet's figure is that outlet's account, a disagreement the coverage section sets side by side: it stays.
    A correction notice of that outlet in any entry told after the sentence's (``Verifier.corrected``) withdraws
    the figure from the outlet's earlier entries as well: the publisher says it was wrong."""
    from ..retrieve import evidence_of

    own = {s.number for s in article.sources if s.story_id == latest.id}
    evidence = evidence_of([s for s in article.sources if s.story_id == latest.id])
    same_outlet = [s for s in article.sources if s.publisher and s.publisher == latest.source]
    outlet = {s.number for s in same_outlet}
    if not own or not evidence or not latest.source:
        return set()

    def corrected_later(text: str, cited: set[int]) -> bool:
        told = max((s.published or "" for s in same_outlet if s.number in cited), default="")
        later = [s for s in same_outlet if s.number not in cited and (s.published or "") >= told]
        return any(verifier.corrected(text, evidence_of([s])) for s in later)

    return {
        sentence.text
        for section in article.all_sections()
        for sentence in section.sentences()
        if sentence.claim_kind != "heading"
        and sentence.citations
        and (cited := {c.source for c in sentence.citations}) <= outlet - own
        and (verifier.superseded(sentence.text, evidence) or corrected_later(sentence.text, cited))
    }


def _told_after(archive: Archive, article: Article, newer: list[int]) -> list[int]:
    """Of the later entries, those the thread orders after the article's own story (by day), oldest first.

    A new version is written from the newest of them; where there is none (every entry that reached the archive
    late reports an earlier moment), from the article's own story again, with those entries as background (the
    thread gives earlier entries as background), so the article never loses its own story."""
    from ..threads import get_thread, thread_of

    own = article.story.id
    thread_id = thread_of(archive, int(own)) if own is not None else None
    if own is None or thread_id is None:
        return newer
    order = [e.story_id for e in get_thread(archive, thread_id).entries]
    return [story_id for story_id in order[order.index(int(own)) + 1 :] if story_id in newer]


def renumbered(update: Update, before: list[Source], after: list[Source]) -> Update:
    """An earlier Updates entry with its sources numbered as the new version numbers them: a version is written
    afresh, so [1] may be another story now, and an entry must go on citing the story it named. A source the new
    version no longer lists loses its number; the entry's words still name its story."""
    stories = {source.number: source.story_id for source in before}
    numbers = {source.story_id: source.number for source in after if source.story_id is not None}

    def new_number(old: int) -> int | None:
        story_id = stories.get(old)
        return numbers.get(story_id) if story_id is not None else None

    def cite(match: re.Match[str]) -> str:
        number = new_number(int(match.group(1)))
        return f"[{number}]" if number is not None else "a source no longer listed"

    sources = sorted({n for n in (new_number(old) for old in update.sources) if n is not None})
    return replace(update, summary=_CITATION.sub(cite, update.summary), sources=sources)


_CITATION = re.compile(r"\[(\d+)\]")


def _delete_draft(archive: Archive, db: Any, draft_id: int, title: str) -> None:
    if archive.backend == "sqlite":
        db.execute("INSERT INTO articles_fts(articles_fts, rowid, title) VALUES ('delete', ?, ?)", (draft_id, title))
    db.execute("DELETE FROM articles WHERE id = ?", (draft_id,))
