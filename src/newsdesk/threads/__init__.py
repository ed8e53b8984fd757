"""Story threads: every stored story joins a thread, an event or developing story told over several entries.

``update_threads(archive)`` threads every story stored since the last call (from a feed, a URL, a file or the
API): it reads each new story once (``features.py``), links stories that are close in time and say the same
thing about the same named things (``links.py``), and stores the groups (``cluster.py``), keeping thread ids stable and
recording merges and splits. It is cheap to call when nothing is new. ``list_threads`` and ``thread_of`` read
the result.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import numpy as np

from ..errors import NotFoundError
from ..llm.embed import DIMENSION
from . import cluster
from .features import (
    StoryFeatures,
    compute_features,
    content_sentences,
    first_sentences,
    sentence_key,
    story_day,
)

if TYPE_CHECKING:
    from ..archive import Archive

__all__ = [
    "Thread",
    "ThreadEntry",
    "ThreadUpdate",
    "get_thread",
    "list_threads",
    "thread_of",
    "unthreaded",
    "update_threads",
]


@dataclass
class ThreadEntry:
    story_id: int
    url: str | None
    headline: str
    publisher: str | None
    published: str | None


@dataclass
class Thread:
    id: int
    title: str
    first_seen: str | None
    last_seen: str | None
    entries: list[ThreadEntry] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class ThreadUpdate:
    read: int = 0  # stories read for the first time
    threads: int = 0  # threads in the archive afterwards
    changes: list[cluster.ThreadChange] = field(default_factory=list)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _iso(day: float) -> str:
    return datetime.fromtimestamp(day * 86400, UTC).isoformat(timespec="seconds")


def update_threads(archive: Archive) -> ThreadUpdate:
    """Read the stories not threaded yet and regroup all stories into threads; see the module docstring."""
    with archive.exclusive("threads") as mine:
        if not mine:  # another process is threading the same archive; it will see these stories too
            return ThreadUpdate()
        report = ThreadUpdate(read=_read_new_stories(archive))
        if (
            report.read == 0
            and archive.db.execute(
                "SELECT 1 FROM thread_features f LEFT JOIN thread_entries e ON e.story_id = f.story_id"
                " WHERE e.story_id IS NULL LIMIT 1"
            ).fetchone()
            is None
        ):
            report.threads = int(archive.db.execute("SELECT count(*) AS n FROM threads").fetchone()["n"])
            return report
        report.changes = _regroup(archive)
        report.threads = int(archive.db.execute("SELECT count(*) AS n FROM threads").fetchone()["n"])
        return report


def unthreaded(archive: Archive) -> int:
    """How many stored stories no thread holds yet (``update_threads`` has not read them)."""
    row = archive.db.execute(
        "SELECT count(*) AS n FROM stories s LEFT JOIN thread_entries e ON e.story_id = s.id WHERE e.story_id IS NULL"
    ).fetchone()
    return int(row["n"])


def _read_new_stories(archive: Archive) -> int:
    rows = archive.db.execute(
        "SELECT s.id, s.headline, s.published, s.created, s.source FROM stories s"
        " LEFT JOIN thread_features f ON f.story_id = s.id WHERE f.story_id IS NULL ORDER BY s.id"
    ).fetchall()
    if not rows:
        return 0
    sentences = {int(r["id"]): first_sentences([p.text for p in archive.passages(int(r["id"]))]) for r in rows}
    keys = {story_id: {sentence_key(s) for s in found} for story_id, found in sentences.items()}
    seen: dict[str, Counter[str]] = {}  # per source: in how many stories each sentence key occurs
    for source in {r["source"] for r in rows if r["source"]}:
        counts = seen[source] = Counter()
        for stored in archive.db.execute("SELECT sentences FROM thread_features WHERE source = ?", (source,)):
            counts.update(set(json.loads(stored["sentences"])))
    for r in rows:
        if r["source"]:
            seen[r["source"]].update(keys[int(r["id"])])
    items = []
    for r in rows:
        counts = seen.get(r["source"], Counter())
        furniture = {key for key in keys[int(r["id"])] if counts[key] > 1}
        items.append(
            (
                int(r["id"]),
                story_day(r["published"], r["created"]),
                r["headline"],
                content_sentences(r["headline"], sentences[int(r["id"])], furniture),
            )
        )
    features = compute_features(items, store=archive)
    source_of = {int(r["id"]): r["source"] for r in rows}
    with archive.transaction() as db:
        db.executemany(
            "INSERT INTO thread_features (story_id, day, vector, names, source, sentences, sentence_vectors)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (story_id) DO NOTHING",
            [
                (
                    f.story_id,
                    f.day,
                    f.vector.tobytes(),
                    json.dumps(dict(f.names), ensure_ascii=False),
                    source_of[f.story_id],
                    json.dumps(sorted(keys[f.story_id])),
                    None if f.sentences is None else f.sentences.astype(np.float16).tobytes(),
                )
                for f in features
            ],
        )
    return len(features)


def load_features(archive: Archive) -> list[StoryFeatures]:
    out = []
    for row in archive.db.execute(
        "SELECT story_id, day, vector, names, sentence_vectors FROM thread_features ORDER BY story_id"
    ):
        vector = np.frombuffer(bytes(row["vector"]), dtype=np.float32)
        if vector.shape != (DIMENSION,):
            continue
        names = Counter(json.loads(row["names"]))
        out.append(
            StoryFeatures(int(row["story_id"]), float(row["day"]), vector, names, _sentences(row["sentence_vectors"]))
        )
    return out


def _revisions(archive: Archive) -> list[set[int]]:
    """The stories of each feed item stored more than once: the same guid in one feed, or, for entries with no
    guid, the same link, with another text (``archive.intake``: a revision). They are one item told again,
    whatever their words or dates."""
    rows = archive.db.execute(
        "SELECT feed_url, guid, link, story_id FROM feed_entries WHERE story_id IS NOT NULL ORDER BY id"
    ).fetchall()
    items: dict[tuple[str, str], set[int]] = {}
    for row in rows:  # a guid names the item; a link only where there is none (items may share a page)
        key = ("guid", f"{row['feed_url']}\n{row['guid']}") if row["guid"] else ("link", row["link"] or "")
        if key[1]:
            items.setdefault(key, set()).add(int(row["story_id"]))
    return [stories for stories in items.values() if len(stories) > 1]


def _with_revisions_together(groups: list[list[int]], revisions: list[set[int]]) -> list[list[int]]:
    """``groups`` with the groups holding revisions of one item joined: a revision is the same item, so it is in
    the thread of its first text even where its words moved on (a time stamp added, every figure new) or it came
    with no date. Each group sorted, and the groups by their first story, as ``cluster.group`` gives them."""
    where = {story: index for index, group in enumerate(groups) for story in group}
    parent = list(range(len(groups)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for stories in revisions:
        indexes = sorted({where[s] for s in stories if s in where})
        for other in indexes[1:]:
            parent[root(other)] = root(indexes[0])
    joined: dict[int, list[int]] = {}
    for index, group in enumerate(groups):
        joined.setdefault(root(index), []).extend(group)
    return sorted((sorted(group) for group in joined.values()), key=lambda group: group[0])


def _sentences(stored: bytes | None) -> np.ndarray | None:
    """Sentence vectors as stored (float16, one row each; half the space, ample for a cosine), or None: a story read
    before they were kept (its links do not ask for a shared statement) or a blob of the wrong size."""
    if not stored:
        return None
    flat = np.frombuffer(bytes(stored), dtype=np.float16)
    if flat.size % DIMENSION:
        return None
    return flat.reshape(-1, DIMENSION).astype(np.float32)


def _regroup(archive: Archive) -> list[cluster.ThreadChange]:
    features = load_features(archive)
    groups = [[features[i].story_id for i in group] for group in cluster.archive_groups(features)]
    groups = _with_revisions_together(groups, _revisions(archive))
    day = {f.story_id: f.day for f in features}
    with archive.transaction() as db:
        previous = {
            int(r["story_id"]): int(r["thread_id"])
            for r in db.execute("SELECT story_id, thread_id FROM thread_entries")
        }
        kept = cluster.reconcile(groups, previous)
        ids: list[int] = []
        stamp = _now()
        for group, thread_id in zip(groups, kept, strict=True):
            first = min(group, key=lambda s: (day[s], s))
            headline = db.execute("SELECT headline FROM stories WHERE id = ?", (first,)).fetchone()["headline"]
            span = (_iso(min(day[s] for s in group)), _iso(max(day[s] for s in group)))
            if thread_id is None:
                thread_id = int(
                    db.execute(
                        "INSERT INTO threads (title, first_seen, last_seen, created, updated) VALUES (?, ?, ?, ?, ?)"
                        " RETURNING id",
                        (headline, *span, stamp, stamp),
                    ).fetchone()["id"]
                )
            else:
                db.execute(
                    "UPDATE threads SET title = ?, first_seen = ?, last_seen = ?, updated = ? WHERE id = ?",
                    (headline, *span, stamp, thread_id),
                )
            ids.append(thread_id)
            moved = [(thread_id, s) for s in group if previous.get(s) != thread_id]
            db.executemany(
                "INSERT INTO thread_entries (story_id, thread_id, joined) VALUES (?, ?, ?)"
                " ON CONFLICT (story_id) DO UPDATE SET thread_id = excluded.thread_id",
                [(s, t, stamp) for t, s in moved],
            )
        db.execute("DELETE FROM threads WHERE id NOT IN (SELECT DISTINCT thread_id FROM thread_entries)")
        found = cluster.changes(groups, ids, previous)
        db.executemany(
            "INSERT INTO thread_changes (kind, thread_id, other_ids, created) VALUES (?, ?, ?, ?)",
            [(c.kind, c.thread_id, json.dumps(c.other_ids), stamp) for c in found],
        )
    return found


_ENTRY_SQL = (
    "SELECT e.thread_id, s.id, s.url, s.headline, s.source, s.published, f.day FROM thread_entries e"
    " JOIN stories s ON s.id = e.story_id LEFT JOIN thread_features f ON f.story_id = s.id"
)


def _threads(archive: Archive, where: str = "", params: tuple[object, ...] = ()) -> list[Thread]:
    threads = {
        int(r["id"]): Thread(int(r["id"]), r["title"], r["first_seen"], r["last_seen"])
        for r in archive.db.execute(f"SELECT * FROM threads {where} ORDER BY last_seen DESC, id", params)
    }
    if not threads:
        return []
    marks = ",".join("?" * len(threads))
    rows = archive.db.execute(f"{_ENTRY_SQL} WHERE e.thread_id IN ({marks}) ORDER BY f.day, s.id", list(threads))
    for row in rows:
        threads[int(row["thread_id"])].entries.append(
            ThreadEntry(int(row["id"]), row["url"], row["headline"], row["source"], row["published"])
        )
    return list(threads.values())


def list_threads(archive: Archive, min_entries: int = 1) -> list[Thread]:
    """Every thread, the most recently active first, each with its entries oldest first."""
    return [t for t in _threads(archive) if len(t.entries) >= min_entries]


def get_thread(archive: Archive, thread_id: int) -> Thread:
    found = _threads(archive, "WHERE id = ?", (thread_id,))
    if not found:
        raise NotFoundError(f"no thread with id {thread_id}")
    return found[0]


def thread_of(archive: Archive, story_id: int) -> int | None:
    """The id of the thread ``story_id`` is in, or None when it has not been threaded yet."""
    row = archive.db.execute("SELECT thread_id FROM thread_entries WHERE story_id = ?", (story_id,)).fetchone()
    return int(row["thread_id"]) if row else None


def thread_members(archive: Archive, story_id: int | None) -> set[int]:
    """The story ids of the thread ``story_id`` is in, read as stored (a write never pays for threading the
    archive: ingestion, ``feed --write`` and ``newsdesk stories`` thread it); empty when it is not threaded."""
    if story_id is None or (thread_id := thread_of(archive, story_id)) is None:
        return set()
    return {entry.story_id for entry in get_thread(archive, thread_id).entries}
