"""What a job is about, in words and with a link: a write job's story (its headline) or address, a rewrite's
article and section, a poll's feed. The pages and the API name every job by it (Smoke test 40a #20: no job line,
job page or API answer said which story or feed a job was about, so a failed feed entry could not be found)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from ..archive import Archive
from ..errors import NotFoundError
from ..ingest.guard import shorten_url
from ..jobs import Job

__all__ = ["Subject", "job_subjects"]


@dataclass(frozen=True)
class Subject:
    title: str  # a headline, an article's title and section, a feed's title, or an address not read yet
    link: str | None  # a page of this app about it; None for an address not read yet

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def job_subjects(archive: Archive, jobs: list[Job]) -> dict[int, Subject]:
    """Each job's subject, by job id (a job whose story, article or feed is gone has none): a few lookups for the
    whole list, not one per job."""
    headlines = _titles(archive, "stories", "headline", _ids(jobs, "write", "story_id"))
    titles = _titles(archive, "articles", "title", _ids(jobs, "regenerate", "article_id"))
    feeds = {}
    for feed_id in _ids(jobs, "poll", "feed_id"):
        try:
            feeds[feed_id] = archive.feeds.get(feed_id)
        except NotFoundError:
            continue
    subjects: dict[int, Subject] = {}
    for job in jobs:
        payload = job.payload
        if job.kind == "write" and payload.get("story_id") in headlines:
            story_id = int(payload["story_id"])
            subjects[job.id] = Subject(headlines[story_id], f"/stories/of/{story_id}")
        elif job.kind == "write" and payload.get("url"):
            subjects[job.id] = Subject(shorten_url(payload["url"]), None)
        elif job.kind == "regenerate" and payload.get("article_id") in titles:
            article_id = int(payload["article_id"])
            section = f" (section {payload.get('section_id')})" if payload.get("section_id") else ""
            subjects[job.id] = Subject(titles[article_id] + section, f"/articles/{article_id}")
        elif job.kind == "poll" and payload.get("feed_id") in feeds:
            feed = feeds[int(payload["feed_id"])]
            subjects[job.id] = Subject(feed.title or shorten_url(feed.url), "/feeds")
    return subjects


def _ids(jobs: list[Job], kind: str, field: str) -> list[int]:
    found = {job.payload.get(field) for job in jobs if job.kind == kind}
    return sorted(int(value) for value in found if isinstance(value, int))


def _titles(archive: Archive, table: str, column: str, ids: list[int]) -> dict[int, str]:
    """``column`` of the rows of ``table`` with these ids (a display lookup: the archive has no call that reads
    only a story's headline or an article's title, and loading whole stories and articles for a list is waste)."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = archive.db.execute(f"SELECT id, {column} AS name FROM {table} WHERE id IN ({marks})", ids)
    return {int(row["id"]): str(row["name"]) for row in rows}
