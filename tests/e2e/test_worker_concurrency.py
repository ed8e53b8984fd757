"""One worker, K articles at once against an OpenAI-compatible server; one request rate for all of them; 429 and
5xx answers retried with backoff. The scripted server shows what a small model cannot (delays, errors); the real
llama-cpp-python server shows that K in flight keep each article to its own story and write articles of the same
shape as one at a time. Not the same words: the server reuses the longest cached prompt prefix, so the order of
requests changes its arithmetic slightly, and a sampled token can flip."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from test_server_backend import server_url  # noqa: F401 - the real llama-cpp-python server fixture

from conftest import ONE_FACT_TEMPLATE
from newsdesk.archive import Archive, open_archive
from newsdesk.jobs import queue_for
from newsdesk.jobs.worker import Worker, WorkerConfig, effective_concurrency
from newsdesk.llm.ratelimit import RateLimit, set_rate
from newsdesk.models import Story
from support.chatserver import ScriptedChatServer


@pytest.fixture
def chat():
    server = ScriptedChatServer(delay=0.5)
    yield server
    server.close()


def _queue(archive: Archive, stories: list[Story], template: str, model: str) -> list[int]:
    queue = queue_for(archive)
    ids = []
    for story in stories:
        story_id, _ = archive.add_story(story)
        ids.append(queue.enqueue("write", {"story_id": story_id, "template": template, "model": model}).id)
    return ids


def _stories(count: int) -> list[Story]:
    return [
        Story(
            headline=f"Council approves bridge {n}",
            body=f"The city council approved bridge {n} on Tuesday. It will cost {n + 10} million euros. "
            f"Work on bridge {n} starts in the spring, the council said.",
        )
        for n in range(count)
    ]


def test_a_worker_keeps_k_jobs_in_flight_against_a_server(db_location, chat, tmp_path: Path) -> None:
    archive = open_archive(db_location)
    ids = _queue(archive, _stories(8), str(ONE_FACT_TEMPLATE), "openai:scripted")
    config = WorkerConfig(db=db_location, base_url=chat.base_url, concurrency=4, until_idle=True, idle_seconds=0.05)
    Worker(config, archive=archive).run()
    queue = queue_for(archive)
    assert [queue.get(i).status for i in ids] == ["done"] * 8 and archive.count("articles") == 8
    assert chat.most_in_flight == 4, "four requests at the server at once, never more"


def test_the_embedded_model_runs_one_job_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    assert effective_concurrency(WorkerConfig(db=None, concurrency=4)) == 1
    assert effective_concurrency(WorkerConfig(db=None, concurrency=4, base_url="http://127.0.0.1:1/v1")) == 4


def test_429_and_5xx_answers_are_retried_with_backoff(server_model, chat) -> None:
    chat.delay = 0.0
    chat.failures = [429, 503, 500]
    model = server_model("openai:scripted", chat.base_url)
    completion = model.chat([{"role": "user", "content": "Say something."}], max_tokens=8)
    assert completion.text and len(chat.arrivals) == 4 and chat.answered == 1


def test_the_rate_limit_gives_concurrent_callers_evenly_spaced_slots() -> None:
    now = [100.0]
    slept: list[float] = []
    limit = RateLimit(per_second=10, clock=lambda: now[0], sleep=slept.append)
    waits = [limit.wait() for _ in range(4)]
    assert waits == pytest.approx([0.0, 0.1, 0.2, 0.3]) and slept == pytest.approx([0.1, 0.2, 0.3])
    now[0] += 5  # idle for a while: no debt carried over
    assert limit.wait() == 0.0


def test_the_rate_limit_holds_across_threads_at_the_server(server_model, chat) -> None:
    chat.delay = 0.0
    model = server_model("openai:scripted", chat.base_url)
    set_rate(20)
    try:
        threads = [
            threading.Thread(
                target=lambda: [model.chat([{"role": "user", "content": "Hi"}], max_tokens=4) for _ in range(3)]
            )
            for _ in range(4)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        set_rate(0)
    arrivals = sorted(chat.arrivals)
    gaps = [b - a for a, b in zip(arrivals, arrivals[1:], strict=False)]
    # 20 per second: slots 50 ms apart; a request reaches the server a little after its slot, never in a burst.
    assert len(arrivals) == 12 and arrivals[-1] - arrivals[0] > 0.5 and min(gaps) > 0.02, gaps


def _written(archive: Archive) -> list[dict]:
    """Each story's article as stored, oldest story first."""
    rows = sorted(archive.list_articles(limit=100), key=lambda r: r["story_id"])
    return [archive.get_article(row["id"]).to_dict() for row in rows]


def _shape(article: dict) -> dict:
    """What a run decides whatever words the model samples: the story, its sources, the template and the model."""
    return {key: article[key] for key in ("story", "sources", "template", "model", "schema_version", "version")}


def _sentences(article: dict) -> list[str]:
    texts = [article["title"], article["dek"]]
    for section in [article["intro"], *article["sections"]]:
        texts.extend(sentence["text"] for block in section["blocks"] for sentence in block["sentences"])
    return [text for text in texts if text]


@pytest.mark.slow
def test_k_in_flight_on_a_real_server_keep_each_article_to_its_own_story(server_url, tmp_path: Path) -> None:  # noqa: F811 - the fixture
    stories = _stories(2)
    results = []
    for concurrency in (1, 2):
        archive = open_archive(tmp_path / f"k{concurrency}.db")
        _queue(archive, stories, str(ONE_FACT_TEMPLATE), "openai:smollm2")
        config = WorkerConfig(
            db=archive.path, base_url=server_url, concurrency=concurrency, until_idle=True, idle_seconds=0.05
        )
        Worker(config, archive=archive).run()
        jobs = queue_for(archive).list_jobs()
        assert [j.status for j in jobs] == ["done", "done"], [j.error for j in jobs]
        if concurrency == 2:
            first, second = sorted(jobs, key=lambda j: j.started or "")
            assert second.started <= first.finished, "the two jobs ran at the same time"
        results.append(_written(archive))
    one_at_a_time, in_flight = results
    assert len(one_at_a_time) == len(in_flight) == 2
    assert [_shape(a) for a in in_flight] == [_shape(a) for a in one_at_a_time]
    for n, article in enumerate(in_flight):
        assert article["story"]["headline"] == f"Council approves bridge {n}" and article["title"]
        other = f"bridge {1 - n}"
        published = " ".join(_sentences(article)).lower()
        assert other not in published, f"the article on bridge {n} published words from the other story's answer"


def _bridge_writer(request: dict) -> str | None:
    """A server that writes the bridge stories: a title, dek and intro from the story, and for the "Facts" section
    the story's first sentence and a paraphrase of another of its sentences ("Around 40 workers ...", a point the
    article makes nowhere else: a repeat is not drafted) that the local checks leave uncertain, so a judge that is
    on is asked about it. The judge's requests get the scripted server's answer (No)."""
    prompt = str(request["messages"][-1]["content"])
    title = re.search(r"The story: Council approves bridge (\d+)", prompt)
    if title is not None:
        n = title[1]
        return (
            f"TITLE: What will bridge {n} cost?\nDEK: Work on bridge {n} starts in the spring, the council said.\n"
            f"INTRO: Bridge {n} will cost {int(n) + 10} million euros, the mayor said."
        )
    facts = re.search(r'Write the "Facts" section of an analysis article about: Council approves bridge (\d+)', prompt)
    if facts is not None:
        return f"The city council approved bridge {facts[1]} on Tuesday [1]. {UNCERTAIN} [1]."
    return None


def _bridge_story(n: int) -> Story:
    return Story(
        headline=f"Council approves bridge {n}",
        body=f"The city council approved bridge {n} on Tuesday. Bridge {n} will cost {n + 10} million euros, the "
        f"mayor said. Work on bridge {n} starts in the spring, the council said. About 40 workers will build it.",
    )


UNCERTAIN = "Around 40 workers will build the new bridge."


def test_a_worker_passes_every_call_and_its_judge_setting_to_the_server(db_location) -> None:
    """What the worker's model wrapper forwards, seen at the server: the section request (its answer is the
    article's section), the judge's log-probability request exactly when the judge is on, and a count of calls
    that matches what the server answered. A wrapper that forwarded only ``chat`` would leave the judge off, one
    that did not count would report no calls."""
    chat = ScriptedChatServer(delay=0.0, script=_bridge_writer)
    archive = open_archive(db_location)
    try:
        for n, judge in enumerate((True, False)):  # a story of its own each time: no answer comes from the cache
            before = len(chat.requests)
            ids = _queue(archive, [_bridge_story(n)], str(ONE_FACT_TEMPLATE), "openai:scripted")
            config = WorkerConfig(
                db=db_location, base_url=chat.base_url, until_idle=True, idle_seconds=0.05, judge=judge
            )
            Worker(config, archive=archive).run()
            queue = queue_for(archive)
            job = queue.get(ids[0])
            assert job.status == "done", job.error
            article = archive.get_article(job.article_id)
            requests = chat.requests[before:]
            prompts = [str(r["messages"][-1]["content"]) for r in requests]
            asked_for_facts = [p for p in prompts if 'Write the "Facts" section' in p]
            judged = [p for r, p in zip(requests, prompts, strict=True) if r.get("logprobs")]

            assert len(asked_for_facts) == 1 and f"Council approves bridge {n}" in asked_for_facts[0]
            facts = next(s for s in article.all_sections() if s.id == "facts")
            assert f"The city council approved bridge {n} on Tuesday." in [s.text for s in facts.sentences()]
            if judge:
                assert len(judged) == 1 and f"Statement: {UNCERTAIN}" in judged[0]
            else:
                assert judged == []
            assert article.model.judge is judge and article.stats.judge_calls == len(judged)
            assert article.stats.llm_calls == len(requests) and article.stats.cached_calls == 0
            usage = [e.data for e in queue.events_since(job.id) if e.stage == "llm"]
            assert usage and usage[-1]["calls"] == len(requests), "the wrapper reports every call it passed on"
    finally:
        archive.close()
        chat.close()


def test_the_same_story_with_the_same_options_ends_in_one_article(db_location, chat) -> None:
    """Smoke test 35 #6: four identical requests at once (two tabs, a client's retries, the Library's button) made
    four articles. The key of story and options is looked up when a job runs and held once by the archive, so
    identical jobs in flight together end in one article; a job that asks for a new one (``regenerate``) has the
    model write it again, and one that reads word for word as the stored article is not saved twice (Smoke test
    40a #7)."""
    archive = open_archive(db_location)
    story_id, _ = archive.add_story(_stories(1)[0])
    queue = queue_for(archive)
    payload = {"story_id": story_id, "template": str(ONE_FACT_TEMPLATE), "model": "openai:scripted"}
    same = [queue.enqueue("write", dict(payload)).id for _ in range(4)]  # type: ignore[arg-type]
    config = WorkerConfig(db=db_location, base_url=chat.base_url, concurrency=4, until_idle=True, idle_seconds=0.05)
    Worker(config, archive=archive).run()
    jobs = [queue.get(i) for i in same]
    assert [j.status for j in jobs] == ["done"] * 4 and len({j.article_id for j in jobs}) == 1
    assert archive.count("articles") == 1
    again = queue.enqueue("write", dict(payload)).id  # type: ignore[arg-type]
    Worker(config, archive=archive).run()
    assert queue.get(again).article_id == jobs[0].article_id
    said = [e.data for e in queue.events_since(again) if e.stage == "done"]
    assert said and said[-1].get("reused"), "the job says it ended at the stored article"
    answered = chat.answered
    new = queue.enqueue("write", {**payload, "regenerate": True}).id  # type: ignore[typeddict-item]
    Worker(config, archive=archive).run()
    assert chat.answered > answered, "a new article's calls are made again, none answered from the cache"
    assert queue.get(new).status == "done" and queue.get(new).article_id == jobs[0].article_id
    said = [e.data for e in queue.events_since(new) if e.stage == "done"]
    assert said and said[-1].get("same"), "the job says the model wrote the stored article again"
    assert archive.count("articles") == 1
