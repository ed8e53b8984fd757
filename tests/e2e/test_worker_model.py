"""The worker's model wrapper is the model: a web job and a CLI run of the same story ask the embedded model for
the same calls and get the same article; every attribute and method of ``Model`` reaches the wrapped model."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from conftest import TINY_TEMPLATE
from newsdesk.archive import open_archive
from newsdesk.jobs import CANCELLED, queue_for
from newsdesk.jobs.worker import Worker, WorkerConfig
from newsdesk.llm import Model, get_model
from newsdesk.llm.counting import CountingModel
from newsdesk.llm.embedded import EmbeddedModel
from newsdesk.models import Article, Story
from newsdesk.pipeline import WriteOptions, write_article
from support.chatserver import ScriptedChatServer

STORY = Story(
    headline="Riverton council approves $48 million Harbor Street Bridge upgrade",
    body=(
        "The Riverton city council voted 7-2 on Tuesday to approve a $48 million upgrade of the Harbor Street "
        "Bridge, the main route into the city's east side.\n\n"
        "Mayor Ann Delgado said the 1962 bridge had reached the end of its life and that work would start in "
        "the spring.\n\n"
        "Two council members voted against the plan, saying the city should first repair its flood walls.\n\n"
        "The upgrade is expected to be completed by the end of 2027, according to the city's engineers."
    ),
)


def _shape(article: Article) -> list[tuple[str, list[str]]]:
    return [(section.id, [s.text for s in section.sentences()]) for section in article.all_sections()]


def test_a_web_job_and_the_cli_ask_the_model_the_same_and_write_the_same(tmp_path: Path) -> None:
    options = WriteOptions(template=str(TINY_TEMPLATE))  # what a write job of the web app asks for
    model = get_model(None)  # the embedded default, loaded once for both runs
    cli = write_article(STORY, options, open_archive(tmp_path / "cli.db"), model=model)

    archive = open_archive(tmp_path / "web.db")
    queue = queue_for(archive)
    story_id, _ = archive.add_story(STORY)
    job = queue.enqueue("write", {"story_id": story_id, "template": str(TINY_TEMPLATE)})
    worker = Worker(WorkerConfig(db=archive.path), queue=queue, archive=archive)
    worker.models.loaded = {"": model}  # what the worker would load for this job; it wraps it as for any job
    worker.run_one()
    done = queue.get(job.id)
    assert done.status == "done", done.error
    web = archive.get_article(done.article_id)
    worker.close()

    assert cli.model.drafting == web.model.drafting == "grounded"  # the embedded model writes no analysis
    assert cli.stats.llm_calls == web.stats.llm_calls == 1
    assert cli.stats.judge_calls == web.stats.judge_calls == 0
    assert _shape(web) == _shape(cli)
    assert (web.title, web.dek) == (cli.title, cli.dek)
    usage = [e.data for e in queue.events_since(job.id) if e.stage == "llm"]
    assert usage and usage[-1]["calls"] == 1, "the wrapper reports the calls it passed on"


def test_every_declared_attribute_and_method_is_forwarded(server_model) -> None:
    embedded = EmbeddedModel.__new__(EmbeddedModel)  # the declared capabilities, without loading the weights
    embedded.name, embedded.context_length = "smollm2", 2048
    wrapped = CountingModel(embedded)
    declared = [n for n, v in vars(Model).items() if not n.startswith("_") and not callable(v)]
    assert {"writes_analysis", "supports_probabilities", "context_length", "backend", "name"} <= set(declared)
    for name in declared:
        assert getattr(wrapped, name) == getattr(embedded, name), name
    assert wrapped.writes_analysis is False
    methods = [n for n, v in vars(Model).items() if not n.startswith("_") and callable(v)]
    assert all(n in vars(CountingModel) for n in methods), "each method of Model is forwarded, not inherited"

    server = ScriptedChatServer(delay=0.0)
    try:
        model = server_model("openai:judge", server.base_url)
        counted = CountingModel(model, on_usage=lambda usage: seen.append(usage))
        seen: list[dict[str, int]] = []
        assert counted.supports_probabilities is True and counted.base_url == model.base_url  # a backend's own
        counted.chat([{"role": "user", "content": "Write one sentence."}], max_tokens=20)
        assert seen[-1]["calls"] == 1 and seen[-1]["total_tokens"] > 0
        counted.supports_probabilities = False  # a judge that found no log-probabilities turns them off ...
        assert model.supports_probabilities is False  # ... for the model, not for one wrapper
    finally:
        server.close()


def test_a_job_cancelled_while_it_runs_stops_and_saves_no_article(tmp_path: Path) -> None:
    archive = open_archive(tmp_path / "web.db")
    queue = queue_for(archive)
    story_id, _ = archive.add_story(STORY)
    job = queue.enqueue("write", {"story_id": story_id, "template": str(TINY_TEMPLATE)})
    worker = Worker(WorkerConfig(db=archive.path), queue=queue, archive=archive)
    running = threading.Thread(target=worker.run_one)
    running.start()
    deadline = time.monotonic() + 300  # a guard against a hang, not a timing: the job is cancelled at its start
    while not any(e.stage == "retrieve" for e in queue.events_since(job.id)) and time.monotonic() < deadline:
        time.sleep(0.05)
    queue.cancel(job.id)
    running.join(timeout=300)
    worker.close()

    assert not running.is_alive(), "the worker let the job go"
    cancelled = queue.get(job.id)
    assert (cancelled.status, cancelled.error, cancelled.article_id) == ("cancelled", CANCELLED, None)
    assert archive.count("articles") == 0, "the run stopped before saving"
    assert (queue.events_since(job.id)[-1].stage, queue.events_since(job.id)[-1].data) == (
        "job",
        {"error": CANCELLED, "cancelled": True},
    ), "nothing was recorded after the cancel"
    assert archive.runs()[0]["error"] == f"job {job.id} was {CANCELLED}"
