"""Background from the thread: an article's Context & Background comes first from the earlier entries of its own
story thread, then from related threads, and never from an unrelated story.

``thread_background`` returns what ``retrieve.background`` returns (``Background`` items, one per story, in the
order they should be numbered as sources), so the pipeline can call it in its place:

    backgrounds = thread_background(archive, story, options.background, rerank=reranker)

* **Earlier entries of the thread**, newest first (the latest state of the story before this entry), at least
  ``MIN_THREAD_ENTRIES`` of them when the thread has them, each with its passage most relevant to the story
  (the reranker's choice, else its first passage: a news story says what happened first).
* **Related threads**: stories outside the thread, published no later than the story (a later report tells what
  came next, not its context), that come close to the story itself (``RELATED_THRESHOLD``,
  below the link that would make them one thread) and that ``retrieve.related`` finds about the same thing (a
  name in common, headlines and leads alike), the closest first. Two reports of talks in one city on one day
  score as related threads; the lead gate tells peace talks on Ukraine from nuclear talks with Iran.
* Nothing else: a story with neither gets no background, which is better than an unrelated one.

The grounded writer dates what it takes from them (``text.date_phrase``: "On 17 January"; ``write/datelines.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..retrieve import DEFAULT_BACKGROUND_PASSAGES, Background, Reranker
from ..retrieve import related as is_related
from . import load_features, thread_of, update_threads
from .features import StoryFeatures
from .links import RELATED_THRESHOLD, pair_scores

if TYPE_CHECKING:
    from ..archive import Archive
    from ..models import Story

MIN_THREAD_ENTRIES = 2
THREAD_ENTRY_PASSAGES = 4  # passages an earlier entry of the story's own thread gives; a related thread gives 1


def thread_background(
    archive: Archive,
    story: Story,
    limit: int = DEFAULT_BACKGROUND_PASSAGES,
    rerank: Reranker | None = None,
    update: bool = True,
) -> list[Background]:
    """Background stories for ``story`` (stored, with an id): its thread's earlier entries, then related threads.
    ``update=False`` reads the threads as stored (a first write never pays for threading the archive)."""
    if limit <= 0 or story.id is None:
        return []
    if update:
        update_threads(archive)
    thread_id = thread_of(archive, story.id)
    if thread_id is None:
        return []
    features = load_features(archive)
    index = {f.story_id: i for i, f in enumerate(features)}
    if story.id not in index:
        return []
    members = {
        int(r["story_id"])
        for r in archive.db.execute("SELECT story_id FROM thread_entries WHERE thread_id = ?", (thread_id,))
    }
    me = features[index[story.id]]
    earlier = sorted(
        (features[index[s]] for s in members if s != story.id and s in index and features[index[s]].day <= me.day),
        key=lambda f: (-f.day, f.story_id),
    )
    # a related thread is another event: it must also be about the same thing by the word search's own gate
    related = [
        s
        for s in _related(features, members, story.id)
        if s in index
        and features[index[s]].day <= me.day
        and is_related(story, archive.get_story(s), semantic=rerank is not None)
    ]
    chosen = [f.story_id for f in earlier[: max(limit, MIN_THREAD_ENTRIES)]]
    chosen += [s for s in related if s not in chosen][: max(0, limit - len(chosen))]
    out: list[Background] = []
    own = {f.story_id for f in earlier}
    for story_id in chosen:
        passages = archive.passages(story_id)
        if not passages:
            continue
        # an earlier entry of the story's own thread told an earlier state of the same event: what it said that
        # is still true belongs in the new article, so it gives more than its one best passage (an update had
        # dropped the first report's state of emergency, which only its later passages held: Smoke test 39a #5)
        take = THREAD_ENTRY_PASSAGES if story_id in own else 1
        best = rerank(story, passages)[:take] if rerank is not None else passages[:take]
        out.append(Background(story=archive.get_story(story_id), passages=best or passages[:1]))
    return out


def _related(features: list[StoryFeatures], members: set[int], story_id: int) -> list[int]:
    """Stories outside ``members`` whose pair score with the story itself reaches ``RELATED_THRESHOLD``, best
    first. Relatedness is not transitive: a round-up in the thread is related to each of the events it reports,
    and those are not this story's."""
    best: dict[int, float] = {}
    for i, j, score in pair_scores(features, RELATED_THRESHOLD):
        a, b = features[i].story_id, features[j].story_id
        if story_id not in (a, b):
            continue
        other = b if a == story_id else a
        if other not in members:
            best[other] = max(best.get(other, score), score)
    return [s for s, _ in sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))]
