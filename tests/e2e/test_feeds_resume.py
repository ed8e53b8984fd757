"""``newsdesk feed --write`` is resumable: a real subprocess is interrupted (SIGINT) and killed (SIGKILL) mid-run;
the reruns write each remaining article exactly once.

The model is the scripted OpenAI-compatible server (tests/support/chatserver.py) in this process (the pipeline's
real ``openai`` backend talks to it over HTTP), slowed a little so the signals land while the run is writing; the
CLI, the archive and the files are all real.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ONE_FACT_TEMPLATE
from support.chatserver import ScriptedChatServer

pytest.importorskip("newsdesk.pipeline")

REPLY_DELAY = 0.4  # seconds per model call: long enough to interrupt a run between articles
ENTRIES = [
    (
        "Council approves harbour bridge",
        "https://wire.example/bridge",
        "The city council approved the harbour bridge on Tuesday. It will cost 40 million euros.",
    ),
    (
        "Rail strike ends after six days",
        "https://wire.example/rail",
        "Rail unions ended their strike on Monday after six days. Trains run normally again.",
    ),
    (
        "Storm closes the port of Hamburg",
        "https://wire.example/storm",
        "A winter storm closed the port of Hamburg on Monday. Forty ships are waiting offshore.",
    ),
]


@pytest.fixture
def chat_server():
    server = ScriptedChatServer(delay=REPLY_DELAY)
    yield server
    server.close()


def _feed(path: Path) -> None:
    items = "".join(
        f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid><description>{d}</description></item>"
        for t, link, d in ENTRIES
    )
    path.write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Resume Wire</title>{items}</channel></rss>'
    )


def _start(tmp_path: Path, chat_server: ScriptedChatServer) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSDESK_", "OPENAI_"))}
    env.update(
        {
            "NEWSDESK_DB": str(tmp_path / "feed.db"),
            "OPENAI_API_KEY": "test",
            "NO_PROXY": "127.0.0.1,localhost",
            "PYTHONUNBUFFERED": "1",
        }
    )
    command = [
        sys.executable,
        "-m",
        "newsdesk",
        "feed",
        str(tmp_path / "feed.xml"),
        "--write",
        "--out",
        str(tmp_path / "out"),
        "--template",
        str(ONE_FACT_TEMPLATE),
        "--model",
        "openai:fake",
        "--base-url",
        chat_server.base_url,
        "--no-cache",
    ]
    return subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_as_in_a_terminal,  # only signal() runs between fork and exec
    )


def _as_in_a_terminal() -> None:
    """Ctrl-C as a terminal delivers it: a test suite started in the background (``nohup ... &``) runs with SIGINT
    ignored, an ignored signal is inherited across exec, and Python then leaves it ignored, as a background job
    should. The run under test is a foreground run, so it starts with the default disposition."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait_for_files(out: Path, count: int, process: subprocess.Popen[str], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if out.is_dir() and len([p for p in out.iterdir() if p.suffix == ".md"]) >= count:
            return
        if process.poll() is not None:
            errors = process.stderr.read() if process.stderr else ""
            pytest.fail(f"the run ended early ({process.returncode}): {errors}")
        time.sleep(0.05)
    process.kill()
    pytest.fail(f"no {count} article files within {timeout} s")


def test_feed_run_survives_sigint_and_sigkill(tmp_path: Path, chat_server: ScriptedChatServer) -> None:
    _feed(tmp_path / "feed.xml")
    out = tmp_path / "out"

    first = _start(tmp_path, chat_server)  # Ctrl-C after the first article
    _wait_for_files(out, 1, first)
    first.send_signal(signal.SIGINT)
    _, stderr = first.communicate(timeout=60)
    assert first.returncode == 130, stderr
    assert "Interrupted" in stderr and "Traceback" not in stderr

    second = _start(tmp_path, chat_server)  # a hard crash after the second
    _wait_for_files(out, 2, second)
    second.kill()
    second.communicate(timeout=30)  # reaps it and closes its pipes
    assert len(list(out.glob("*.md"))) == 2  # killed mid-run: the third article was not written yet

    third = _start(tmp_path, chat_server)  # finishes the rest
    stdout, stderr = third.communicate(timeout=300)
    assert third.returncode == 0, stderr
    assert "entries already had one" in stderr

    files = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert len(files) == 3, files
    db = sqlite3.connect(tmp_path / "feed.db")
    per_story = db.execute("SELECT story_id, count(*) FROM articles GROUP BY story_id").fetchall()
    assert len(per_story) == 3 and all(count == 1 for _, count in per_story), per_story
    entries = db.execute("SELECT article_id FROM feed_entries ORDER BY id").fetchall()
    assert len(entries) == 3 and all(article_id for (article_id,) in entries)
    assert sorted(f"{a}-" for (a,) in entries) == sorted(name.split("-", 1)[0] + "-" for name in files)

    fourth = _start(tmp_path, chat_server)  # nothing left to do
    _, stderr = fourth.communicate(timeout=120)
    assert fourth.returncode == 0 and "0 articles written" in stderr and "3 entries already had one" in stderr


def test_article_saved_before_a_crash_is_adopted_not_rewritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The narrowest crash window: the article is in the database but neither its file nor the entry's
    article_id was written. The rerun must render the stored article, not write a second one."""
    import newsdesk.pipeline
    from newsdesk.archive import open_archive
    from newsdesk.archive.intake import ingest_feed
    from newsdesk.cli.feed_write import write_articles
    from newsdesk.ingest.feeds import read_feed
    from newsdesk.models import Article, Section

    _feed(tmp_path / "feed.xml")
    archive = open_archive(tmp_path / "feed.db")
    feed = read_feed(str(tmp_path / "feed.xml"))
    ingest_feed(archive, feed)
    entries = archive.feeds.entries(feed.source)
    for entry in entries:
        article = Article(
            title=f"About {entry.headline}",
            dek="dek",
            intro=Section("intro", "", "summary"),
            sections=[],
            sources=[],
            model={"name": "test"},
        )
        archive.save_article(article, entry.story_id, None)

    def must_not_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("an article was written twice")

    monkeypatch.setattr(newsdesk.pipeline, "write_article", must_not_run)
    report = write_articles(archive, feed.source, tmp_path / "out", newsdesk.pipeline.WriteOptions())
    assert len(report.written) == 3 and all(path.exists() for path in report.written)
    assert all(e.article_id == e.story_article_id for e in archive.feeds.entries(feed.source))
    assert write_articles(archive, feed.source, tmp_path / "out", newsdesk.pipeline.WriteOptions()).already_done == 3
    # a rerun into a new folder, or after a file was deleted, leaves the folder holding every saved article
    elsewhere = write_articles(archive, feed.source, tmp_path / "elsewhere", newsdesk.pipeline.WriteOptions())
    assert elsewhere.written == [] and elsewhere.already_done == 3 and len(elsewhere.copied) == 3
    assert sorted(p.name for p in elsewhere.copied) == sorted(p.name for p in (tmp_path / "out").iterdir())
    elsewhere.copied[0].unlink()
    again = write_articles(archive, feed.source, tmp_path / "elsewhere", newsdesk.pipeline.WriteOptions())
    assert [p.name for p in again.copied] == [elsewhere.copied[0].name] and again.already_done == 3
