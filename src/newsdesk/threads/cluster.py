"""Which stories are one thread, and how a new threading maps onto the stored one.

A **thread** is a group of linked stories (``links.py``: close in time, one event) in which every two stories close
in time are at least **related** (about the same things, short of one event). The window is between linked
stories, not from the thread's first entry, so a developing story runs as long as its entries keep coming: the
window follows its latest entry.

Threads **merge** when a new story links two of them and their stories are related to each other. They **split**
when links break: a name's weight falls as more stories of the archive mention it, so a link that rested on a name
now common (the story that first named a company, then everyone did) can fall below the threshold, and a story can
stop being related to the rest of its thread. The grouping is computed from all stories at
once and does not depend on the order they arrived in; ``reconcile`` keeps thread ids stable across updates.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from .features import StoryFeatures
from .links import LINK_THRESHOLD, RELATED_THRESHOLD, WINDOW_DAYS, Scorer

# Complete linkage holds a square matrix (a byte a cell) over the linked stories it groups together: past this many
# (a flood of near-identical entries links that many into one component) they are grouped in blocks of this many,
# in the order stored, so the matrix stays under 64 MiB however large the flood (100,000 entries: 10 GB).
MAX_GROUPED = 8192


def group(count: int, scores: Iterable[tuple[int, int, float]], most: int = MAX_GROUPED) -> list[list[int]]:
    """Threads of ``range(count)``: linked stories grouped, strongest links first, each group sorted.

    Two groups join through a link only when every story of one is at least related to every story of the other
    that is within the window (a score of ``RELATED_THRESHOLD`` or more: complete linkage over the window). Two
    reports of one event are about the same things, so each is close to all the others, not just to one of them.
    An entry that reports two events (a round-up, a list of the day's key events) links to both, but the stories
    of one event are not related to those of the other, so one strong link cannot chain them into one thread. Pairs
    further apart than the window are not compared: a developing story's first and latest entries may have
    drifted apart, and the window already follows its latest entry.

    ``scores`` holds the compared pairs (``i < j``, as ``pair_scores`` gives them); a pair not in it is not compared.
    ``archive_groups`` is the same grouping of stories' features without listing the pairs that are not related.

    A component of more than ``most`` linked stories (``MAX_GROUPED``: only a flood of near-identical entries makes
    one so large) is grouped ``most`` at a time, in index order; no thread holds stories of two such blocks.
    """
    score = {(i, j): s for i, j, s in scores}
    pairs = np.array(list(score), dtype=np.int64).reshape(-1, 2)
    values = np.array(list(score.values()), dtype=np.float64)
    ranked = np.lexsort((pairs[:, 1], pairs[:, 0], -values))  # strongest first, then by the pair
    links = ranked[values[ranked] >= LINK_THRESHOLD]
    apart = values < RELATED_THRESHOLD
    return _complete_linkage(
        count,
        pairs[links, 0],
        pairs[links, 1],
        lambda members: np.zeros((len(members), len(members)), dtype=bool),
        (pairs[apart, 0], pairs[apart, 1]),
        True,
        most,
    )


def archive_groups(features: list[StoryFeatures], most: int = MAX_GROUPED) -> list[list[int]]:
    """``group(len(features), pair_scores(features), most)``, the threads of an archive's stories, holding only the
    pairs that are related (a story's window may hold thousands of stories that are not).

    Complete linkage asks whether two groups hold a pair within the window that is not related: the pairs within
    the window follow from the dates, so only the related ones need keeping, as integers of the score's four
    decimals (``pair_scores`` rounds to four). The cost grows with the related pairs, not with all pairs compared.
    """
    count = len(features)
    if count < 2:
        return [[x] for x in range(count)]
    scorer = Scorer(features)
    others: list[np.ndarray] = []  # per story in date order: the earlier stories related to it, and the scores
    units: list[np.ndarray] = []
    for position in range(count):
        start, scores = scorer.scores(position)
        near = np.flatnonzero(scores >= RELATED_THRESHOLD - 0.0001)
        rounded = _ten_thousandths(scores[near])
        kept = rounded >= _RELATED_UNITS
        others.append(scorer.order[start + near[kept]].astype(np.int32))
        units.append(rounded[kept].astype(np.int16))
    own = np.repeat(scorer.order.astype(np.int32), [len(o) for o in others])
    other = np.concatenate(others)
    del others
    first, second = np.minimum(own, other), np.maximum(own, other)
    del own, other
    unit = np.concatenate(units)
    del units
    links = np.flatnonzero(unit >= _LINK_UNITS)
    links = links[np.lexsort((second[links], first[links], -unit[links].astype(np.int32)))]
    days = np.array([f.day for f in features])
    return _complete_linkage(
        count, first[links], second[links], lambda m: _compared(days[m]), (first, second), False, most
    )


_RELATED_UNITS = round(RELATED_THRESHOLD * 10000)
_LINK_UNITS = round(LINK_THRESHOLD * 10000)


def _ten_thousandths(scores: np.ndarray) -> np.ndarray:
    """``round(score, 4) * 10000`` as integers, exactly as Python's ``round`` rounds (the decimal value of each
    float): numpy's rounding of the scaled value agrees except within a hair of a half, where Python's is used."""
    scaled = scores * 10000.0
    rounded = np.rint(scaled)
    for k in np.flatnonzero(np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6).tolist():
        rounded[k] = round(round(float(scores[k]), 4) * 10000)
    return rounded.astype(np.int64)


def _compared(days: np.ndarray) -> np.ndarray:
    """Which pairs of stories dated ``days`` are compared (within the window), as ``pair_scores`` decides it."""
    compared = np.empty((len(days), len(days)), dtype=bool)
    for top in range(0, len(days), 256):
        rows = days[top : top + 256, None]
        compared[top : top + 256] = np.minimum(rows, days) >= np.maximum(rows, days) - WINDOW_DAYS
    return compared


def _complete_linkage(
    count: int,
    first: np.ndarray,
    second: np.ndarray,
    base: Callable[[np.ndarray], np.ndarray],
    marked: tuple[np.ndarray, np.ndarray],
    mark: bool,
    most: int,
) -> list[list[int]]:
    """The groups of ``group``: the links ``first[k]``-``second[k]`` taken in that order, two groups joined by a
    link unless some pair across them is *apart* (compared and not related).

    Groups only ever join along links, so each connected component of the links is grouped on its own, with a
    matrix of which of its groups are apart: ``base(members)`` (the component's stories, ascending) with the
    ``marked`` pairs set to ``mark``. Joining two groups ORs their rows, so every link costs a lookup and every
    join one row: the time is that of the links plus the square of the component's size, once. A component of
    more than ``most`` stories is grouped in blocks of ``most`` (``MAX_GROUPED``), so the matrix is never larger."""
    label = _components(count, first, second)
    groups: list[list[int]] = []
    seen = np.zeros(count, dtype=bool)
    by_label = np.argsort(label, kind="stable")
    bounds = np.flatnonzero(np.diff(label[by_label])) + 1
    link_order = np.argsort(label[first], kind="stable")  # each component's links, in the order given
    link_labels = label[first][link_order]
    marked_first, marked_second = marked
    inside = label[marked_first] == label[marked_second]
    marked_first, marked_second = marked_first[inside], marked_second[inside]
    marked_order = np.argsort(label[marked_first], kind="stable")
    marked_labels = label[marked_first][marked_order]
    local = np.zeros(count, dtype=np.int64)
    in_block = np.zeros(count, dtype=bool)
    for members in np.split(by_label, bounds):
        if len(members) < 2:
            continue
        root = label[members[0]]
        low, high = np.searchsorted(link_labels, [root, root + 1])
        if low == high:
            continue
        low_m, high_m = np.searchsorted(marked_labels, [root, root + 1])
        taken, at = link_order[low:high], marked_order[low_m:high_m]
        for start in range(0, len(members), most):
            block = members[start : start + most]
            if len(block) < len(members):  # only the links and pairs within the block
                in_block[block] = True
                block_taken = taken[in_block[first[taken]] & in_block[second[taken]]]
                block_at = at[in_block[marked_first[at]] & in_block[marked_second[at]]]
                in_block[block] = False
            else:
                block_taken, block_at = taken, at
            if not block_taken.size:
                continue
            local[block] = np.arange(len(block))
            apart = base(block)
            apart[local[marked_first[block_at]], local[marked_second[block_at]]] = mark
            apart[local[marked_second[block_at]], local[marked_first[block_at]]] = mark
            np.fill_diagonal(apart, False)
            for found in _join(apart, local[first[block_taken]], local[second[block_taken]]):
                groups.append(sorted(int(block[x]) for x in found))
                seen[block[found]] = True
    groups.extend([x] for x in np.flatnonzero(~seen).tolist())
    return sorted(groups, key=lambda g: g[0])


def _components(count: int, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """A label per node, the same for the nodes the edges ``first``-``second`` connect (the least node's index)."""
    label = np.arange(count)
    while True:
        low = np.minimum(label[first], label[second])
        hooked = label.copy()
        np.minimum.at(hooked, first, low)
        np.minimum.at(hooked, second, low)
        while not np.array_equal(jumped := hooked[hooked], hooked):  # each node to its label's label
            hooked = jumped
        if np.array_equal(hooked, label):
            return label
        label = hooked


def _join(apart: np.ndarray, first: np.ndarray, second: np.ndarray) -> list[list[int]]:
    """Complete linkage over one component: ``apart`` (square, symmetric) says which stories are apart; the links
    ``first``-``second`` are taken in order. Returns the groups of more than one story (local indexes)."""
    home = np.arange(len(apart))
    members: list[list[int] | None] = [[x] for x in range(len(apart))]
    position, step = 0, 64
    while position < len(first):
        a, b = first[position : position + step], second[position : position + step]
        for k in np.flatnonzero((home[a] != home[b]) & ~apart[home[a], home[b]]).tolist():  # a cheap first sift
            x, y = int(home[a[k]]), int(home[b[k]])
            if x == y or apart[x, y]:
                continue
            big, small = members[x], members[y]
            assert big is not None and small is not None
            if len(big) < len(small):
                x, y, big, small = y, x, small, big
            apart[x] |= apart[y]
            apart[:, x] = apart[x]
            home[small] = x
            big.extend(small)
            members[y] = None
        position += step
        step = min(2 * step, 1 << 16)
    return [m for m in members if m is not None and len(m) > 1]


@dataclass
class ThreadChange:
    kind: str  # "merged" (other_ids joined thread_id) or "split" (other_ids left thread_id)
    thread_id: int
    other_ids: list[int]


def reconcile(groups: list[list[int]], previous: dict[int, int]) -> list[int | None]:
    """The stored thread id each group (of story ids) keeps, ``None`` where it is a new thread.

    A group keeps the id of the stored thread most of its stories were in (the lower id on a tie); bigger groups
    choose first, so when a thread splits its larger part keeps the id. ``previous`` maps story id to thread id.
    """
    ids: list[int | None] = [None] * len(groups)
    taken: set[int] = set()
    for g in sorted(range(len(groups)), key=lambda g: (-len(groups[g]), groups[g][0])):
        votes = Counter(previous[s] for s in groups[g] if s in previous)
        for thread_id, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])):
            if thread_id not in taken:
                ids[g] = thread_id
                taken.add(thread_id)
                break
    return ids


def changes(groups: list[list[int]], ids: list[int], previous: dict[int, int]) -> list[ThreadChange]:
    """The merges and splits between ``previous`` (story id -> thread id) and the new ``groups`` with ``ids``."""
    found: list[ThreadChange] = []
    for group, thread_id in zip(groups, ids, strict=True):
        before = {previous[s] for s in group if s in previous}
        if len(before) > 1:  # stories of two stored threads now in one
            found.append(ThreadChange("merged", thread_id, sorted(before - {thread_id})))
    homes: dict[int, set[int]] = {}
    for group, thread_id in zip(groups, ids, strict=True):
        for s in group:
            if s in previous:
                homes.setdefault(previous[s], set()).add(thread_id)
    for thread_id, places in sorted(homes.items()):
        if len(places) > 1:
            found.append(ThreadChange("split", thread_id, sorted(places - {thread_id})))
    return found
