"""Who writes a story thread's first article: a claim on the thread's stories, held in the archive.

A feed entry's job develops its thread's article, or writes the first one when the thread has none
(``pipeline.develop.update_thread_article``). Between finding "no article yet" and saving its own, a job writes
for a minute; a job of another entry of the same thread that looked in that minute also found none, and two
articles were written for one thread (Smoke test 40a #1: two workers, PostgreSQL or SQLite). So a job claims every
story of its thread before it writes the first article; a job that finds a story claimed by a job still queued or
running waits for that job's article and develops it instead. The claim is the archive's own: one row per story
(its primary key decides between two jobs that claim at once, in any process), and a claim whose job has ended is
taken over, so a crashed job leaves nothing locked.
"""

from __future__ import annotations

from ..archive import Archive

__all__ = ["claim_thread"]


def claim_thread(archive: Archive, story_ids: set[int], job_id: int) -> int | None:
    """Claim ``story_ids`` (a thread's stories) for ``job_id``'s first article: None when they are its own now,
    else the id of the live job that holds one of them (nothing is claimed then)."""
    try:
        with archive.transaction() as db:
            for story_id in sorted(story_ids):  # one order for every job: two claims never wait on each other
                row = db.execute(
                    "INSERT INTO thread_claims (story_id, job_id) VALUES (?, ?)"
                    " ON CONFLICT (story_id) DO UPDATE SET job_id = excluded.job_id"
                    " WHERE thread_claims.job_id = excluded.job_id OR thread_claims.job_id NOT IN"
                    " (SELECT id FROM jobs WHERE status IN ('queued', 'running'))"
                    " RETURNING job_id",
                    (story_id, job_id),
                ).fetchone()
                if row is None:  # held by a live job: the transaction rolls back this job's claims
                    held = db.execute("SELECT job_id FROM thread_claims WHERE story_id = ?", (story_id,)).fetchone()
                    raise _Held(int(held["job_id"]))
    except _Held as held:
        return held.job_id
    return None


class _Held(Exception):
    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
