"""What a run is asked to do and what it reports: ``WriteOptions`` (the user's request), ``RunPlan`` (what the run
does, decided once from the options and the model) and ``Event`` (progress, passed to ``on_event``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal
from uuid import uuid4

from ..retrieve import DEFAULT_BACKGROUND_PASSAGES

if TYPE_CHECKING:
    from ..llm import Model
    from ..models import Story

__all__ = [
    "Drafting",
    "Event",
    "EventHandler",
    "MAX_CALLS",
    "MAX_JUDGE_CALLS",
    "RunPlan",
    "Stage",
    "Status",
    "WriteOptions",
    "same_request_key",
]

# Writing is one call per section plus one for title/dek/intro (a template has at most 8 sections); the LLM judge
# (server models that return token probabilities) and the revision of failing sentences (write/revise.py) get small
# budgets of their own, each call a batch of sentences. An article never costs more than MAX_CALLS calls in all.
MAX_CALLS = 12
MAX_JUDGE_CALLS = 2


Drafting = Literal["auto", "grounded", "free"]


@dataclass(frozen=True)
class WriteOptions:
    """What the user asked for. Frozen: a run reads it, never changes it; ``RunPlan.resolve`` turns it, with what
    the model declares it can do, into what the run does."""

    model: str | None = None
    base_url: str | None = None
    api_key: str | None = None
    template: str | None = None
    use_cache: bool = True
    background: int = DEFAULT_BACKGROUND_PASSAGES
    rerank: bool = True  # semantic rerank of background passages by sentence embeddings
    verify: bool = True
    # The LLM entailment judge for the sentences the local checks leave uncertain; it runs only with a model that
    # declares token probabilities (servers), never with the embedded model. --no-judge turns it off.
    judge: bool = True
    # auto: what the model declares it can write (Model.writes_analysis); grounded: fact and summary sections from
    # source sentences; free: the model writes every section.
    drafting: Drafting = "auto"
    context_length: int | None = None  # the model's context window in tokens, where the user knows it
    # Idempotency: a second run with the same key returns the article the first one saved (jobs, feed entries).
    request_key: str | None = None
    # A new article was asked for (--regenerate, the web's "Write a new article"): no call is answered from what
    # the cache held before the run (``RunPlan.cache_scope``), and a run that writes the story's stored article
    # word for word again saves no copy of it (Smoke test 40a #7: a regenerate's one call came from the cache, and
    # a byte-identical copy was saved under a new id).
    fresh: bool = False
    # Background from the story's thread and related threads only (threads/background.py), threading the archive
    # first: a new version of an article. Otherwise the thread as stored comes first, then a gated word search.
    thread_first: bool = False
    # The run writes a draft that its caller saves as a new version of another article (``develop``): the draft
    # is announced to no webhook, the version the caller saves is.
    draft: bool = False
    # Who runs the run, as its ``runs.owner`` (default: this process, ``host:pid``). A job's worker names the job's
    # attempt (``jobs.queue.attempt_owner``), so that the queue can end the run of an attempt it takes back.
    run_owner: str | None = None


def same_request_key(story: Story, options: WriteOptions) -> str:
    """The same story with the same writing options is the same request: its stored article is returned.

    The key is the story's fingerprint (headline and text) and the details its article cites (address, date,
    outlet, author: a story sent again with its date corrected is another request, Smoke test 39b #8) with every
    option that shapes the article; the caching switch, the API key and the key itself do not. Saved as the
    article's ``request_key``, which the archive holds once, so two identical requests that run at once still end
    in one article.

    Every face computes it the same way (Smoke test 40a #6: `newsdesk write` and the web app keyed with a face's
    prefix, and wrote the same story twice on one archive): the options are compared as the run reads them, a
    model or template left to its default the same as one named, a template file by its full path."""
    import json

    from ..models import content_hash

    chosen = {k: v for k, v in asdict(_as_run_reads_them(options)).items() if k not in _NOT_THE_REQUEST}
    details = [story.url, story.published, story.source, story.author]
    return "request:" + content_hash(story.fingerprint + json.dumps([chosen, details], sort_keys=True, default=str))


_NOT_THE_REQUEST = ("use_cache", "api_key", "request_key", "fresh", "run_owner")


def _as_run_reads_them(options: WriteOptions) -> WriteOptions:
    """``options`` with the model and template as the run loads them: the CLI leaves the defaults out (None), the
    web app names them ("smollm2", "default"), and a template file may be named by a relative path."""
    from pathlib import Path

    from ..llm import DEFAULT_MODEL

    template = options.template or "default"
    path = Path(template).expanduser()
    if path.exists():
        template = str(path.resolve())
    return replace(options, model=(options.model or DEFAULT_MODEL).strip(), template=template)


@dataclass(frozen=True)
class RunPlan:
    """What one run does, decided once from the options and the model, and read by every step after."""

    grounded: bool  # fact and summary sections are drafted from source sentences (no call for them)
    map_analysis: bool  # analysis, outlook and opinion are built from the story map (no call for them)
    verify: bool
    judge: bool  # the LLM judge decides the sentences the local checks leave uncertain
    revise: bool  # failing sentences are rewritten once; not for a model that cannot write analysis
    use_cache: bool
    # Cached answers are shared by the runs of one scope: "" for every plain run. A fresh run has its own, the key
    # it saves its article under where it has one (a job's: a resumed attempt replays what the one before it was
    # answered), else one of its own; so none of its calls is answered from an earlier run's answer.
    cache_scope: str = ""

    @classmethod
    def resolve(cls, options: WriteOptions, model: Model) -> RunPlan:
        # What the model is asked to write follows what it declares it can write, never its name.
        map_analysis = options.drafting != "free" and not model.writes_analysis
        return cls(
            grounded=options.drafting == "grounded" or (options.drafting == "auto" and not model.writes_analysis),
            map_analysis=map_analysis,
            verify=options.verify,
            judge=options.verify and options.judge and model.supports_probabilities,
            # a draft of source sentences that fails its check is not saved by a model that cannot write
            # analysis: asking it to revise would be a call whose answer is known to be discarded
            revise=options.verify and not map_analysis,
            use_cache=options.use_cache,
            cache_scope=(options.request_key or f"fresh:{uuid4().hex}") if options.fresh else "",
        )

    @property
    def drafting(self) -> Literal["grounded", "free"]:
        return "grounded" if self.grounded else "free"


#: Where a run is: the pipeline's stages in order, then the steps around them (a worker fetches a URL or polls a
#: feed; every model call reports itself as ``call`` and its usage as ``llm``).
Stage = Literal[
    "fetch", "poll", "store", "retrieve", "map", "write", "revise", "verify", "save", "done", "warning", "call", "llm"
]
Status = Literal["start", "done", "info", "progress"]


@dataclass
class Event:
    stage: Stage
    status: Status
    data: dict[str, Any] = field(default_factory=dict)
    elapsed: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


EventHandler = Callable[[Event], None]
