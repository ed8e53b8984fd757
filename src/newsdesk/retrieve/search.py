"""Background passages for a story from the archive's *other* stories.

1. Query: the headline plus the story's most frequent content words (stopwords and ``NEWS_COMMON_WORDS``
   dropped), as FTS5 OR-terms.
2. Candidates: BM25 over the passages index (the story's own row excluded), ``CANDIDATE_FACTOR`` times more than
   wanted.
3. Filters: a candidate is dropped when it belongs to the same story under another row (same fingerprint or URL),
   is in another language than the story, repeats the story's own text (shingle containment at least
   ``DUPLICATE_CONTAINMENT``: the same wire copy republished), repeats a passage already picked, shares fewer
   than ``MIN_SHARED_TERMS`` content words with the story or none with its headline, or has a relevance
   (below) under ``MIN_RELEVANCE``.
4. Score: relevance times recency. Relevance mixes BM25 relative to the best candidate with the share of the
   story's query words the passage covers (headline words count double), ``BM25_WEIGHT`` to the rest: BM25 alone
   goes blind in a small archive, where a word found in most passages gets an IDF near zero. Recency halves
   every ``RECENCY_HALF_LIFE_DAYS`` between the two stories' dates, never below ``RECENCY_FLOOR`` (undated:
   neutral).
5. Earlier stories only (``reported_later``): a story published on a later day than this one is what came next,
   not context. Related stories only (``related``): a passage is background only when its story is about the
   same thing as this one: the two name a person, place or organisation in common, were published within
   ``RELATED_WINDOW_DAYS`` of each other (undated: no limit), and, with the semantic reranker on, their headlines
   and leads are at least ``RELATED_SIMILARITY`` alike by sentence embedding. Sharing words is not enough: a Devon
   pub landlord's conviction and a Pennsylvania murder share "court", "police" and "night".
6. At most ``MAX_PASSAGES_PER_STORY`` passages from one story, grouped by story, best story first.

``background`` takes an optional semantic reranker, ``retrieve.rerank.semantic_reranker`` (see docs/ingest.md).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from ..archive import Archive
from ..language import stem
from ..models import Passage, Source, Story
from ..text import STOPWORDS, content_words, words

DEFAULT_BACKGROUND_PASSAGES = 4
CANDIDATE_FACTOR = 6
QUERY_TERMS = 32
MIN_SHARED_TERMS = 2  # content words a passage must share with the story, one of them from the headline
MIN_RELEVANCE = 0.2  # weaker matches are noise
BM25_WEIGHT = 0.5
MAX_PASSAGES_PER_STORY = 2
DUPLICATE_CONTAINMENT = 0.6  # share of a passage's word 3-grams found in the story (or a picked passage)
RECENCY_HALF_LIFE_DAYS = 30.0
RECENCY_FLOOR = 0.5
UNDATED_RECENCY = 0.75
# Words too common in news to tell one story from another ("new", "year", "first", small counts): left out of
# query terms on top of the shared stopwords (newsdesk.text.STOPWORDS). Not stopwords everywhere: the verifier
# must still compare "first" and "last", and adding these to its list lowered its FRANK score.
NEWS_COMMON_WORDS = frozenset("year years new one two three first last including".split())

# A background story must be about the same thing (``related``). The similarity bar: on the 75 unrelated
# CNN/DailyMail dev stories, the most similar other story of each (headline and 80-word lead, all-MiniLM-L6-v2) has
# a median cosine of 0.32 and a 90th percentile of 0.47; on the TIME Tech feed's real threads (AI policy, OpenAI's
# reorganisation, teen safety on Instagram) it has a median of 0.58.
RELATED_SIMILARITY = 0.5
RELATED_WINDOW_DAYS = 365
LEAD_WORDS = 80
NAME_CHARS = 3000  # names are read from the headline and the body's opening
# A capitalised word after another word is a name in English, save the calendar's and a few honorifics.
_NAME = re.compile(r"(?<=[\w,;:] )[A-Z][\w’'&.-]*[\w]|^[A-Z][A-Z]+\b")
_OPENING_WORD = re.compile(r"(?:^|(?<=[.!?]\s))[A-Z][\w’'-]*[\w]")
_NOT_NAMES = frozenset(
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mr Mrs Ms Dr The A An I "
    "He She It They We This That".split()
)

Reranker = Callable[[Story, list[Passage]], list[Passage]]


@dataclass
class Background:
    """One background story and the passages of it that were retrieved."""

    story: Story
    passages: list[Passage] = field(default_factory=list)


def background(
    archive: Archive, story: Story, limit: int = DEFAULT_BACKGROUND_PASSAGES, rerank: Reranker | None = None
) -> list[Background]:
    """The top ``limit`` passages from other stories, grouped by story, best story first."""
    if limit <= 0:
        return []
    terms = query_terms(story)
    if not terms:
        return []
    exclude = (story.id,) if story.id is not None else ()
    hits = archive.search_passages(" ".join(terms), limit=limit * CANDIDATE_FACTOR, exclude_story_ids=exclude)
    if not hits:
        return []
    story_text = f"{story.headline}\n{story.body}"
    own_shingles = _shingles(story_text)
    headline_terms = {stem(w) for w in _content_words(story.headline)}
    weights = {stem(t): 1.0 for t in terms} | {t: 2.0 for t in headline_terms}
    stories: dict[int, Story] = {}
    unrelated: set[int] = set()
    best = max(p.score for p in hits) or 1.0
    scored: list[Passage] = []
    for passage in hits:
        other = _story(archive, passage.story_id, stories)
        if other is None or _same_story(story, other) or _other_language(story, other) or reported_later(story, other):
            continue
        if other.id in unrelated or not related(story, other, semantic=rerank is not None):
            unrelated.add(other.id or 0)
            continue
        shared = weights.keys() & {stem(w) for w in words(passage.text)}
        if len(shared) < MIN_SHARED_TERMS or not shared & headline_terms:
            continue
        coverage = sum(weights[t] for t in shared) / sum(weights.values())
        relevance = BM25_WEIGHT * max(passage.score, 0.0) / best + (1 - BM25_WEIGHT) * coverage
        if relevance < MIN_RELEVANCE:
            continue
        if _containment(_shingles(passage.text), own_shingles) >= DUPLICATE_CONTAINMENT:
            continue
        passage.score = round(relevance * recency_factor(story.published, other.published), 4)
        scored.append(passage)
    scored.sort(key=lambda p: p.score, reverse=True)
    if rerank is not None and scored:
        scored = rerank(story, scored)
    return _pick(scored, stories, limit)


def names(story: Story) -> set[str]:
    """The capitalised words of a story's headline and opening: its people, places and organisations. A word
    that opens a sentence counts only where the text never writes it in lower case ("Rostock showed ..." names a
    city; "Police said ..." beside "the police" does not)."""
    text = f"{story.headline}. {story.body[:NAME_CHARS]}"
    found = {re.sub(r"['’]s$", "", m.group()).rstrip(".’'") for m in _NAME.finditer(text)}  # "Rostock's"
    lower = set(re.findall(r"\b[a-z][\w’'-]*", text))  # words the text writes in lower case
    for match in _OPENING_WORD.finditer(text):
        word = re.sub(r"['’]s$", "", match.group())
        if len(word) >= 4 and word.lower() not in lower and word.lower() not in STOPWORDS:
            found.add(word)
    return {n for n in found if n not in _NOT_NAMES and len(n) > 1}


def reported_later(story: Story, other: Story) -> bool:
    """Whether ``other`` was published on a later day than ``story``: a later report tells what came after the
    story, which is no context for it (a new version of its article takes it up as news). Undated: not later."""
    first, second = _date(story.published), _date(other.published)
    return bool(first and second and second > first)


def related(story: Story, other: Story, semantic: bool = True) -> bool:
    """Whether ``other`` is about the same thing as ``story``: a name in common, published within the window,
    and (``semantic``) headlines and leads alike by sentence embedding (see ``RELATED_SIMILARITY``)."""
    first, second = _date(story.published), _date(other.published)
    if first and second and abs((first - second).days) > RELATED_WINDOW_DAYS:
        return False
    if not names(story) & names(other):
        return False
    if not semantic:
        return True
    from ..llm.embed import encoder  # the model loads once per process, on first use

    vectors = encoder().encode([_lead(story), _lead(other)])
    return float(vectors[0] @ vectors[1]) >= RELATED_SIMILARITY


def _lead(story: Story) -> str:
    return f"{story.headline}\n{' '.join(story.body.split()[:LEAD_WORDS])}"


def build_sources(story: Story, story_passages: list[Passage], backgrounds: list[Background]) -> list[Source]:
    """Source [1] is the story itself; background stories follow in retrieval order."""
    main = Source(
        number=1,
        title=story.headline,
        url=story.url,
        published=story.published,
        publisher=story.source,
        role="story",
        story_id=story.id,
        passages=story_passages,
    )
    sources = [main]
    for number, item in enumerate(backgrounds, start=2):
        bg = item.story
        sources.append(
            Source(
                number=number,
                title=bg.headline,
                url=bg.url,
                published=bg.published,
                publisher=bg.source,
                role="background",
                story_id=bg.id,
                passages=item.passages,
            )
        )
    for source in sources:
        for passage in source.passages:
            passage.source_number = source.number
    return sources


def evidence_of(sources: list[Source]) -> list[Passage]:
    """What sentences are checked against: each source's headline (it is the source's text too) and passages."""
    evidence: list[Passage] = []
    for source in sources:
        if source.title and source.title.strip():
            evidence.append(
                Passage(text=source.title.strip(), story_id=source.story_id, position=-1, source_number=source.number)
            )
        evidence.extend(source.passages)
    return evidence


def query_terms(story: Story, limit: int = QUERY_TERMS) -> list[str]:
    """The headline's content words, then the body's most frequent ones, without repeats."""
    terms: list[str] = []
    for word in _content_words(story.headline):
        if word not in terms:
            terms.append(word)
    counts = Counter(_content_words(story.body[:5000]))
    for word, _ in counts.most_common():
        if len(terms) >= limit:
            break
        if word not in terms:
            terms.append(word)
    return terms[:limit]


def recency_factor(published: str | None, other_published: str | None) -> float:
    """1.0 for stories of the same day, halving every half-life apart, floored; neutral when a date is unknown."""
    other = _date(other_published)
    if other is None:
        return UNDATED_RECENCY
    anchor = _date(published) or datetime.now(UTC).date()
    days = abs((anchor - other).days)
    decay: float = 0.5 ** (days / RECENCY_HALF_LIFE_DAYS)  # a positive base: typeshed's float ** float is Any
    return RECENCY_FLOOR + (1 - RECENCY_FLOOR) * decay


def _pick(scored: list[Passage], stories: dict[int, Story], limit: int) -> list[Background]:
    grouped: dict[int, Background] = {}
    picked: list[set[tuple[str, ...]]] = []
    taken = 0
    for passage in scored:
        if taken >= limit:
            break
        story_id = passage.story_id
        assert story_id is not None
        if story_id in grouped and len(grouped[story_id].passages) >= MAX_PASSAGES_PER_STORY:
            continue
        shingles = _shingles(passage.text)
        if any(_containment(shingles, seen) >= DUPLICATE_CONTAINMENT for seen in picked):
            continue
        grouped.setdefault(story_id, Background(story=stories[story_id])).passages.append(passage)
        picked.append(shingles)
        taken += 1
    for item in grouped.values():
        item.passages.sort(key=lambda p: p.position)
    return list(grouped.values())


def _story(archive: Archive, story_id: int | None, cache: dict[int, Story]) -> Story | None:
    if story_id is None:
        return None
    if story_id not in cache:
        cache[story_id] = archive.get_story(story_id)
    return cache[story_id]


def _same_story(story: Story, other: Story) -> bool:
    return (
        other.fingerprint == story.fingerprint
        or (story.id is not None and other.id == story.id)
        or (bool(story.url) and other.url == story.url)
    )


def _other_language(story: Story, other: Story) -> bool:
    return bool(story.language and other.language and story.language[:2] != other.language[:2])


def _content_words(text: str) -> list[str]:
    """Content words that can pick out a story: no news-common words, numbers only from four digits (a year
    names an event; "12" alone matches anything)."""
    return [w for w in content_words(text) if w not in NEWS_COMMON_WORDS and not (w.isdigit() and len(w) < 4)]


def _shingles(text: str, n: int = 3) -> set[tuple[str, ...]]:
    seq = words(text)
    return {tuple(seq[i : i + n]) for i in range(max(1, len(seq) - n + 1))}


def _containment(part: set[tuple[str, ...]], whole: set[tuple[str, ...]]) -> float:
    return len(part & whole) / len(part) if part else 0.0


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
