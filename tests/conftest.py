"""Shared fixtures: real paths, a private database per test, and the real `newsdesk` command."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from newsdesk.models import Passage

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
# The shared dev data (pages, feeds, labelled rows): ../shared/data next to the project, or wherever
# NEWSDESK_SHARED_DATA points. Tests that need it skip without it, and the summary says so (below).
SHARED = Path(os.environ.get("NEWSDESK_SHARED_DATA") or ROOT.parent / "shared" / "data").expanduser()
SHARED_MISSING = f"the shared data folder {SHARED} is missing (set NEWSDESK_SHARED_DATA to its path)"
EXAMPLE = ROOT / "examples" / "webb-launch.md"
TINY_TEMPLATE = DATA / "tiny-template.yaml"
ONE_FACT_TEMPLATE = DATA / "one-fact-template.yaml"  # one short fact section
SHORT_BRIEF = DATA / "short-brief.txt"


def need_shared(*paths: Path) -> None:
    """Skip the calling test when a path of the shared dev data is missing (the summary counts it), or fail it
    where NEWSDESK_REQUIRE_SHARED=1 (CI)."""
    if all(path.exists() for path in paths):
        return
    if os.environ.get("NEWSDESK_REQUIRE_SHARED") == "1":
        pytest.fail(SHARED_MISSING)
    pytest.skip(SHARED_MISSING)


# A three-sentence wire story that the verifier's tests check sentences against (a fact, a figure, a forecast).
FLOOD_STORY = [
    (
        "Flash floods killed 17 people across southern Texas on Wednesday, officials said, after more than 12 "
        "inches of "
        "rain fell in less than a day."
    ),
    "Governor Greg Abbott declared a disaster in 23 counties and said the state would ask for federal help.",
    "The National Weather Service said the storm system could bring another three inches of rain on Thursday.",
]


def flood_passages() -> list[Passage]:
    """The flood story as passages of source 1, made fresh for each test module (conftest loads before newsdesk
    is needed, so the import waits)."""
    from newsdesk.models import Passage

    return [Passage(text=t, position=i, source_number=1, id=i + 1) for i, t in enumerate(FLOOD_STORY)]


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "newsdesk.db"
    monkeypatch.setenv("NEWSDESK_DB", str(path))
    return path


def run_newsdesk(
    *args: str,
    db: Path | None = None,
    input: bytes | None = None,
    timeout: float = 600,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess:
    """The real command line, in a child process, as a user would run it."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSDESK_", "OPENAI_"))}
    if db is not None:
        full_env["NEWSDESK_DB"] = str(db)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "newsdesk", *args],
        input=input,
        capture_output=True,
        timeout=timeout,
        env=full_env,
        cwd=ROOT,
    )


def load_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def copy_archive(source: Path, target: Path) -> Path:
    """A private copy of a SQLite archive that a module's fixture wrote once (the model's run is the expensive part),
    for a test that goes on to change it. SQLite's own backup, so the pages still in the write-ahead log come too;
    the copy is what the test would have had, had it run the same write itself."""
    import sqlite3

    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    return target


@pytest.fixture(scope="session")
def example_article(tmp_path_factory):
    """One article about the bundled example with the default template, written once for the whole run."""
    tmp = tmp_path_factory.mktemp("example")
    db = tmp / "newsdesk.db"
    out = tmp / "article.json"
    result = run_newsdesk("write", str(EXAMPLE), "--format", "json", "-o", str(out), db=db)
    assert result.returncode == 0, result.stderr.decode()
    return db, out, result


@pytest.fixture(scope="session")
def harbour_article(tmp_path_factory):
    """The 690-word harbour story (tests/data/harbour-story.txt) written once for the whole run, in process, by the
    embedded model with the default template and no cache, into an archive of its own: the ``Article`` that
    ``write_article`` returned. For tests that only read it."""
    from newsdesk.archive import open_archive
    from newsdesk.ingest import load_story
    from newsdesk.pipeline import WriteOptions, write_article

    archive = open_archive(tmp_path_factory.mktemp("harbour-story") / "newsdesk.db")
    article = write_article(load_story(str(DATA / "harbour-story.txt")), WriteOptions(use_cache=False), archive)
    archive.close()
    return article


@pytest.fixture(scope="module", autouse=True)
def _collect_each_modules_garbage():
    """Run the cycle collector when a test module ends, so that a socket or file it left open warns (and fails)
    in that module's last test, not in whichever later test the collector happens to run in."""
    yield
    gc.collect()


@pytest.fixture
def server_model():
    """``server_model(spec, base_url)``: a server model, closed when the test ends.

    An OpenAI client sits in a reference cycle, so one left open is freed by the cycle collector, which finalises
    the objects of a cycle in no set order: now and then a pooled socket before the client that would have closed
    it, and its ResourceWarning then fails whichever later test the collection happens in.
    """
    from newsdesk.llm import get_model

    made = []

    def make(spec: str, base_url: str):
        made.append(get_model(spec, base_url=base_url))
        return made[-1]

    yield make
    for model in made:
        model.close()


# -- both backends: SQLite (a file per test) and PostgreSQL (a schema per test on one server per run) -------------
@pytest.fixture(scope="session")
def postgres_dsn():
    """The DSN of a PostgreSQL server for this run: NEWSDESK_TEST_POSTGRES (CI starts one), else a server started
    here from the installed binaries. Without binaries the PostgreSQL cases skip, except where
    NEWSDESK_REQUIRE_POSTGRES=1 (CI), where they fail."""
    import shutil
    import tempfile

    from support import pgserver

    given = os.environ.get("NEWSDESK_TEST_POSTGRES")
    if given:
        yield given
        return
    pgserver.require_binaries()
    folder = Path(tempfile.mkdtemp(prefix="newsdesk-pg-"))
    try:
        yield pgserver.start(folder)
    finally:
        pgserver.stop(folder)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgres"])
def db_location(request, tmp_path: Path):
    """Where a test's archive lives, once per backend: a SQLite file, or a fresh PostgreSQL schema's DSN."""
    if request.param == "sqlite":
        return tmp_path / "newsdesk.db"
    from support import pgserver

    return pgserver.fresh_schema(request.getfixturevalue("postgres_dsn"))


def pytest_terminal_summary(terminalreporter, exitstatus, config):  # pytest's hook signature, all three
    """Say loudly how many tests did not run for want of the shared data, rather than let them skip silently."""
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if "shared data folder" in str(r.longrepr)]
    if skipped:
        terminalreporter.write_sep("!", f"{len(skipped)} tests skipped: {SHARED_MISSING}", yellow=True, bold=True)


# -- headless Chromium (Debian's ``chromium``, driven by Playwright): the browser tests' page ------------------------
CHROMIUM = Path(os.environ.get("NEWSDESK_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def page():
    """A tab of a fresh headless Chromium; ``page.errors`` collects its script and console errors."""
    if not CHROMIUM.exists():
        if os.environ.get("NEWSDESK_REQUIRE_BROWSER") or os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1100, "height": 900})
        errors: list[str] = []
        tab = context.new_page()
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.on("console", lambda message: message.type == "error" and errors.append(message.text))
        tab.errors = errors
        yield tab
        browser.close()
