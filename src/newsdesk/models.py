"""Shared types that flow through the pipeline.

Story -> (archive) Passage -> (write) Article of Sections, Blocks and Sentences -> (verify) verdicts and citations.
Every type converts to and from plain JSON-able dicts; the article JSON schema lives in
``newsdesk/schema/article.schema.json`` and is documented in docs/article-json.md.

It is longer than 400 lines on purpose: every type that crosses a stage boundary lives here, so no stage imports
another stage's types, and the article's types sit beside the JSON they read and write.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, TypedDict
from urllib.parse import urlsplit

from .text import visible

__all__ = [
    "MAX_ROW_ID",
    "ROLES",
    "ROLE_OF_KIND",
    "Article",
    "Block",
    "BlockType",
    "Citation",
    "ClaimKind",
    "Dropped",
    "ModelInfo",
    "Passage",
    "Section",
    "Sentence",
    "Source",
    "Stats",
    "Story",
    "StoryInfo",
    "Update",
    "VerdictLabel",
    "content_hash",
    "web_url",
    "WriteChoices",
]

ClaimKind = Literal["fact", "analysis", "outlook", "opinion", "summary", "heading"]
#: What each claim kind is to a reader. Facts must be supported and are cited; reasoning and opinion must be
#: grounded in the sources and never contradict them, and are cited only for the facts they carry.
ROLE_OF_KIND = {
    "fact": "fact",
    "summary": "fact",
    "analysis": "reasoning",
    "outlook": "reasoning",
    "opinion": "opinion",
    "heading": "heading",
}
ROLES = ("fact", "reasoning", "opinion")
MAX_ROW_ID = 2**63 - 1  # the largest id (and version) SQLite and PostgreSQL (bigint) store
VerdictLabel = Literal["supported", "unsupported", "contradicted"]
BlockType = Literal["paragraph", "bullet", "subheading"]


def content_hash(text: str) -> str:
    """A stable short hash of normalised text, used for deduplication and cache keys."""
    normalised = " ".join(text.split()).lower()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:32]


def web_url(value: Any) -> str | None:
    """``value`` when it is an absolute http(s) URL with a host, one a URL parser reads, else None.

    Only such URLs are stored or rendered as links: a ``javascript:`` or ``data:`` link in a story's metadata
    would otherwise run in the reader's browser from every page and file the article is rendered to; and a link
    that does not parse (``http://[::1``, a port that is no number) leads nowhere (Smoke test 39b #9).
    """
    if not isinstance(value, str):
        return None
    url = value.strip()
    scheme, separator, rest = url.partition("://")
    if not separator or scheme.lower() not in ("http", "https") or not rest or rest[0] in "/?#":
        return None
    if any(ch.isspace() or ord(ch) < 0x20 or ch in '<>"\\`' for ch in url):
        return None
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - read for its ValueError: a port out of range or no number
    except ValueError:
        return None
    return url if parts.hostname else None


class WriteChoices(TypedDict, total=False):
    """What a request or a watched feed chose for the articles it asks for (a job carries it; a feed keeps it)."""

    template: str  # what ``load_template`` takes: a bundled name or a file's path
    template_name: str  # the name the server offers it under
    model: str


@dataclass
class Story:
    """A news item as ingested: the thing an article is written about, or a background source."""

    headline: str
    body: str
    url: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or datetime, as given by the source
    source: str | None = None  # publisher / site name
    author: str | None = None
    language: str | None = None
    origin: str = "text"  # text, file, json, html, url, feed
    id: int | None = None  # archive row id once stored

    def __post_init__(self) -> None:
        self.url = web_url(self.url)

    @property
    def fingerprint(self) -> str:
        return content_hash(self.headline + "\n" + self.body)

    def make_visible(self) -> Story:
        """This story (changed in place, and returned) with only what a reader sees in its text fields: no format
        characters (tag characters, bidi controls, zero-width), no NUL or other control characters
        (``text.visible``). Ingest applies it to every story it makes and the archive again to what it stores,
        so both backends store the same text and PostgreSQL, which cannot store NUL, is never handed one."""
        self.headline = " ".join(visible(self.headline).split())
        self.body = visible(self.body).strip()
        for name in ("url", "published", "source", "author", "language"):
            value = getattr(self, name)
            if isinstance(value, str):
                setattr(self, name, " ".join(visible(value).split()) or None)
        return self

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Story:
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**known)


@dataclass
class Passage:
    """A paragraph-sized chunk of a story: the unit of retrieval and of citation."""

    text: str
    story_id: int | None = None
    position: int = 0  # paragraph index inside its story
    id: int | None = None
    source_number: int = 0  # the [n] this passage's story has in the article being written
    score: float = 0.0  # retrieval score, higher is better

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Source:
    """A numbered source of an article: the main story is [1], background stories follow."""

    number: int
    title: str
    url: str | None = None
    published: str | None = None
    publisher: str | None = None
    role: Literal["story", "background"] = "story"
    story_id: int | None = None
    passages: list[Passage] = field(default_factory=list)
    passage_ids: list[int] = field(default_factory=list)  # kept in JSON so a saved article's passages reload

    def __post_init__(self) -> None:
        self.url = web_url(self.url)  # articles saved before URLs were checked are rendered safely too

    @property
    def label(self) -> str:
        """The source's name as a reader sees it, never empty (a link with no text is invisible): its title, else
        its page's address without the scheme (a title set aside as an instruction leaves none), else its
        number."""
        if self.title and self.title.strip():
            return self.title.strip()
        if self.url:
            return re.sub(r"^[a-z][a-z0-9+.-]*://(?:www\.)?", "", self.url, flags=re.I).rstrip("/")
        return f"Source {self.number}"

    def to_dict(self, with_passages: bool = False) -> dict[str, Any]:
        data = {
            "number": self.number,
            "title": self.title,
            "url": self.url,
            "published": self.published,
            "publisher": self.publisher,
            "role": self.role,
            "story_id": self.story_id,
            "passage_ids": [p.id for p in self.passages if p.id is not None],
        }
        if with_passages:
            data["passages"] = [p.to_dict() for p in self.passages]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Source:
        passages = [Passage(**p) for p in data.get("passages", [])]
        names = ("number", "title", "url", "published", "publisher", "story_id")
        fields: dict[str, Any] = {k: data.get(k) for k in names}
        source = cls(**fields, role=data.get("role", "story"), passages=passages)
        source.passage_ids = list(data.get("passage_ids", []))
        return source


@dataclass
class Citation:
    """The passage a sentence rests on: source number plus the exact supporting quote."""

    source: int  # Source.number
    quote: str  # exact text span of the passage
    passage_id: int | None = None
    start: int = 0  # character offsets of quote inside the passage text
    end: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Sentence:
    text: str
    id: str = ""  # "<section>.b<block>.s<sentence>", stable inside one article
    claim_kind: ClaimKind = "fact"
    verdict: VerdictLabel | None = None  # None until verified (headings are never verified)
    score: float | None = None
    citations: list[Citation] = field(default_factory=list)
    revised_from: str | None = None  # original text when the verifier had it rewritten
    checks: dict[str, Any] = field(default_factory=dict)  # per-check details from the verifier (free-form)
    # The stable summary of the checks (docs/article-json.md): lexical, semantic, specifics, contradiction, judge
    signals: dict[str, Any] = field(default_factory=dict)
    decided_by: str | None = None  # which check settled the verdict: contradiction, specifics, judge, score, …

    @property
    def role(self) -> str:
        """What the sentence is to a reader: a fact, reasoning (analysis, outlook) or opinion."""
        return ROLE_OF_KIND.get(self.claim_kind, "fact")

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["citations"] = [c.to_dict() for c in self.citations]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Sentence:
        citations = [Citation(**c) for c in data.get("citations", [])]
        rest = {k: v for k, v in data.items() if k != "citations" and k in cls.__dataclass_fields__}
        return cls(**rest, citations=citations)


@dataclass
class Block:
    type: BlockType
    sentences: list[Sentence] = field(default_factory=list)
    # A dateline the sentences are reported under ("On 17 February, BBC News reported:"): taken from the record of
    # the source they cite (its date and publisher, as the Sources list gives them), so it is no claim to check.
    label: str = ""

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"type": self.type, "sentences": [s.to_dict() for s in self.sentences]}
        if self.label:
            data["label"] = self.label
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Block:
        return cls(
            type=data["type"],
            sentences=[Sentence.from_dict(s) for s in data.get("sentences", [])],
            label=data.get("label") or "",
        )


#: A section's note when every sentence drafted for it failed the source check (the verifier's, or the injection
#: screen's echo dropping): one wording wherever a section is emptied that way.
NOTE_FAILED = "Every sentence drafted for this section failed the source check, so it is left out."


@dataclass
class Section:
    id: str
    heading: str
    kind: str  # fact, analysis, outlook, opinion, summary
    blocks: list[Block] = field(default_factory=list)
    note: str | None = None  # why the section is short or empty, said honestly to the reader

    def sentences(self) -> list[Sentence]:
        """The section's claims: every sentence except sub-heading labels."""
        return [s for b in self.blocks if b.type != "subheading" for s in b.sentences]

    def prune(self) -> None:
        """Drop empty blocks, and sub-headings left with nothing under them."""
        blocks = [b for b in self.blocks if b.sentences]
        kept: list[Block] = []
        for i, block in enumerate(blocks):
            following = blocks[i + 1] if i + 1 < len(blocks) else None
            if block.type == "subheading" and (following is None or following.type == "subheading"):
                continue
            kept.append(block)
        self.blocks = kept

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "heading": self.heading,
            "kind": self.kind,
            "blocks": [b.to_dict() for b in self.blocks],
            "note": self.note,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Section:
        return cls(
            id=data["id"],
            heading=data.get("heading", ""),
            kind=data.get("kind", "fact"),
            blocks=[Block.from_dict(b) for b in data.get("blocks", [])],
            note=data.get("note"),
        )


#: The reason of a sentence the writer dropped before the check: it makes again a point made earlier.
REPEATED_BEFORE_CHECK = "repeats a point made earlier in the article (dropped before the check)"


@dataclass
class Dropped:
    """A sentence the verifier removed, kept so the reader can see what was cut and why; also one the writer dropped
    before the check as a repeat of a point made earlier (``REPEATED_BEFORE_CHECK``), so that every sentence
    written is accounted for: written = dropped as repeats + checked, checked = dropped + kept."""

    section: str
    text: str
    reason: str
    verdict: VerdictLabel | None = None
    score: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Stats:
    llm_calls: int = 0  # calls answered by the model (cache hits not counted)
    cached_calls: int = 0  # calls answered from the cache
    prompt_tokens: int = 0
    completion_tokens: int = 0
    prefix_cached_tokens: int = 0  # prompt tokens the backend reused from the previous call
    seconds: float = 0.0  # wall time of the whole run
    llm_seconds: float = 0.0
    decode_seconds: float = 0.0  # the backend's own token-generation time, when it reports one
    verify_seconds: float = 0.0
    sentences_set_aside: int = 0  # source sentences addressed to the model, never used (newsdesk.injection)
    judge_calls: int = 0  # of llm_calls + cached_calls, those that asked the LLM judge

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


Drafting = Literal["grounded", "free"]


@dataclass
class ModelInfo:
    """The model an article was written with, as its JSON records it: ``Model.describe()`` plus how it drafted.

    ``extra`` keeps what a backend's ``describe()`` adds beyond the fields named here, so that every key of the
    article JSON survives a save and a load."""

    backend: str
    name: str
    context_length: int | None = None
    base_url: str | None = None  # servers only
    drafting: Drafting | None = None  # grounded: fact sections from source sentences; free: the model wrote them
    judge: bool | None = None  # whether the LLM judge was on (set when the article was verified)
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"backend": self.backend, "name": self.name}
        optional = {"context_length": self.context_length, "base_url": self.base_url}
        data.update({key: value for key, value in optional.items() if value is not None})
        data.update(self.extra)
        if self.drafting is not None:
            data["drafting"] = self.drafting
        if self.judge is not None:
            data["judge"] = self.judge
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ModelInfo:
        named = {"backend", "name", "context_length", "base_url", "drafting", "judge"}
        return cls(
            backend=str(data.get("backend", "")),
            name=str(data.get("name", "")),
            context_length=data.get("context_length"),
            base_url=data.get("base_url"),
            drafting=data.get("drafting"),
            judge=data.get("judge"),
            extra={k: v for k, v in data.items() if k not in named},
        )


@dataclass
class StoryInfo:
    """The main story an article is about, as its JSON records it."""

    headline: str = ""
    url: str | None = None
    published: str | None = None
    id: int | None = None  # the story's row in the archive

    @classmethod
    def of(cls, story: Story) -> StoryInfo:
        return cls(headline=story.headline, url=story.url, published=story.published, id=story.id)

    def to_dict(self) -> dict[str, Any]:
        # an article saved before stories were recorded has none, and keeps none
        return asdict(self) if self != StoryInfo() else {}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StoryInfo:
        return cls(
            headline=data.get("headline") or "", url=data.get("url"), published=data.get("published"), id=data.get("id")
        )


@dataclass
class Update:
    """One entry of an article's Updates log: when, what changed, and on which sources (their numbers)."""

    at: str
    summary: str
    sources: list[int] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Article:
    title: str
    dek: str
    intro: Section
    sections: list[Section]
    sources: list[Source]
    model: ModelInfo
    template: str = "default"
    stats: Stats = field(default_factory=Stats)
    dropped: list[Dropped] = field(default_factory=list)
    story: StoryInfo = field(default_factory=StoryInfo)
    notes: list[str] = field(default_factory=list)  # what the run had to do to the input (e.g. trimming)
    created: str = ""
    id: int | None = None
    version: int = 1  # a new version each time a later entry of its story thread updates it (pipeline/develop.py)
    updates: list[Update] = field(default_factory=list)  # the Updates log, oldest first
    updated: str = ""  # when the current version was made; "" for a first version

    def __post_init__(self) -> None:
        # the plain dicts of the JSON form are read as what they describe (articles built by hand, in tests)
        if isinstance(self.model, dict):
            self.model = ModelInfo.from_dict(self.model)
        if isinstance(self.story, dict):
            self.story = StoryInfo.from_dict(self.story)

    def all_sections(self) -> list[Section]:
        return [self.intro, *self.sections]

    def uncited_sources(self) -> set[int]:
        """The sources nothing in the article cites (consulted: they were evidence for the check); none where the
        article cites nothing at all (written unchecked)."""
        cited = {c.source for section in self.all_sections() for s in section.sentences() for c in s.citations}
        cited |= {n for update in self.updates for n in update.sources}
        return {s.number for s in self.sources if s.number not in cited} if cited else set()

    def counts(self) -> dict[str, Any]:
        """What the footer says, by role: facts supported, reasoning and opinion grounded, sentences removed.

        Only checked sentences count; opinion and reasoning are never counted as supported facts."""
        counts: dict[str, Any] = {role: {"checked": 0, "supported": 0, "cited": 0} for role in ROLES}
        for section in self.all_sections():
            for sentence in section.sentences():
                if sentence.verdict is None or sentence.role not in counts:
                    continue
                bucket = counts[sentence.role]
                bucket["checked"] += 1
                bucket["supported"] += sentence.verdict == "supported"
                bucket["cited"] += bool(sentence.citations)
        before = sum(1 for d in self.dropped if d.reason == REPEATED_BEFORE_CHECK)
        repeats = before + sum(1 for d in self.dropped if d.verdict == "supported")
        counts["removed"] = {"unsupported": len(self.dropped) - repeats, "repeats": repeats, "before_check": before}
        return counts

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": 1,
            "id": self.id,
            "title": self.title,
            "dek": self.dek,
            "intro": self.intro.to_dict(),
            "sections": [s.to_dict() for s in self.sections],
            "sources": [s.to_dict() for s in self.sources],
            "dropped": [d.to_dict() for d in self.dropped],
            "model": self.model.to_dict(),
            "template": self.template,
            "story": self.story.to_dict(),
            "notes": self.notes,
            "stats": self.stats.to_dict(),
            "counts": self.counts(),
            "created": self.created,
            "version": self.version,
            "updated": self.updated or self.created,
            "updates": [u.to_dict() for u in self.updates],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return cls(
            id=data.get("id"),
            title=data["title"],
            dek=data["dek"],
            intro=Section.from_dict(data["intro"]),
            sections=[Section.from_dict(s) for s in data["sections"]],
            sources=[Source.from_dict(s) for s in data["sources"]],
            dropped=[Dropped(**d) for d in data.get("dropped", [])],
            model=ModelInfo.from_dict(data.get("model") or {}),
            template=data.get("template", "default"),
            story=StoryInfo.from_dict(data.get("story") or {}),
            notes=list(data.get("notes", [])),
            stats=Stats(**data.get("stats", {})),
            created=data.get("created", ""),
            version=int(data.get("version") or 1),
            updates=[Update(**u) for u in data.get("updates", [])],
            updated=data.get("updated", "") if data.get("updated") != data.get("created") else "",
        )
