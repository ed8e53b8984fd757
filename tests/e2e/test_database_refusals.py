"""Databases newsdesk must refuse with one clear line: a PostgreSQL URL that does not parse, and a database that a
newer newsdesk has migrated past what this release knows (on both backends)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXAMPLE, SHORT_BRIEF, run_newsdesk
from newsdesk.archive import open_archive
from newsdesk.cli import cli
from newsdesk.errors import InputError

MALFORMED = [
    ("postgresql://u:secret@[::1/db", "Invalid IPv6 URL"),
    ("postgres://u:secret@db.example:99999/newsdesk", "Port out of range 0-65535"),
    ("postgresql://u:secret@db.example:port/newsdesk", "Port could not be cast to integer value"),
]


@pytest.mark.parametrize(("url", "problem"), MALFORMED)
def test_a_malformed_postgresql_url_is_named_without_its_password(url: str, problem: str) -> None:
    with pytest.raises(InputError, match="is malformed") as refused:
        open_archive(url)
    assert problem in str(refused.value) and ":***@" in str(refused.value) and "secret" not in str(refused.value)


@pytest.mark.parametrize(
    "how",
    [
        lambda url, tmp: (["stories", "--db", url], {}),
        lambda url, tmp: (["write", str(SHORT_BRIEF)], {"NEWSDESK_DB": url}),
        lambda url, tmp: (["serve", "--db", url, "--port", "0"], {}),
        lambda url, tmp: (["serve", "--port", "0"], {"NEWSDESK_DB": url}),
        lambda url, tmp: (["worker", "--db", url], {}),
    ],
    ids=["stories --db", "write NEWSDESK_DB", "serve --db", "serve NEWSDESK_DB", "worker --db"],
)
def test_a_malformed_postgresql_url_is_one_line_on_every_command(how, tmp_path: Path) -> None:
    args, env = how(MALFORMED[0][0], tmp_path)
    result = CliRunner().invoke(cli, args, env=env)
    assert result.exit_code == 2, result.output
    last = result.output.strip().splitlines()[-1]
    assert last == (
        "Error: the database URL postgresql://u:***@[::1/db is malformed (Invalid IPv6 URL): give it as "
        "postgresql://USER:PASSWORD@HOST:PORT/DATABASE"
    )


def _from_a_newer_newsdesk(location) -> None:
    archive = open_archive(location)
    archive.db.execute("INSERT INTO migrations VALUES (?, ?)", ("m999_from_the_future", "2099-01-01T00:00:00Z"))
    archive.close()


def test_a_database_from_a_newer_newsdesk_is_refused_on_open(db_location) -> None:
    _from_a_newer_newsdesk(db_location)
    with pytest.raises(InputError, match=r"was written by a newer newsdesk \(unknown migration m999_from_the_future\)"):
        open_archive(db_location)


def test_a_database_from_a_newer_newsdesk_is_one_line_on_the_command_line(db_location) -> None:
    _from_a_newer_newsdesk(db_location)
    result = CliRunner().invoke(cli, ["stories", "--db", str(db_location)])
    assert result.exit_code == 2, result.output
    assert result.output.strip().endswith("(unknown migration m999_from_the_future): upgrade newsdesk")


def test_a_database_path_through_a_file_says_which_file_is_in_the_way(tmp_path: Path) -> None:
    (tmp_path / "notes.db").write_text("not a folder", encoding="utf-8")
    result = run_newsdesk("ingest", str(EXAMPLE), db=tmp_path / "notes.db" / "x.db")
    assert result.returncode == 2
    assert result.stderr.decode().strip().endswith(f"{tmp_path / 'notes.db'} is a file, not a folder")


@pytest.fixture
def read_only_db(tmp_path: Path):
    """A SQLite archive with one threaded story and one stored since, then made read-only as a user's would be: its
    folder and file unwritable, or (root writes through modes) the file immutable; skipped where neither holds."""
    import os
    import shutil
    import subprocess

    from newsdesk.models import Story
    from newsdesk.threads import update_threads

    folder = tmp_path / "archive"
    folder.mkdir()
    path = folder / "newsdesk.db"
    archive = open_archive(str(path))
    archive.add_story(Story(headline="Port reopens", body="The port of Alder reopened on Monday after a storm."))
    update_threads(archive)
    archive.add_story(Story(headline="Ferry resumes", body="The Alder ferry resumed its crossings on Tuesday."))
    archive.close()
    root = os.geteuid() == 0
    if root:
        if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(path)]).returncode != 0:
            pytest.skip("no immutable files here, and root writes through file modes")
    else:
        path.chmod(0o444)
        folder.chmod(0o555)
    yield path
    if root:
        subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        folder.chmod(0o755)
        path.chmod(0o644)


def test_stories_lists_a_read_only_archive_and_says_what_it_could_not_thread(read_only_db: Path) -> None:
    """Smoke test 35 #9: the read-only error itself says "commands that only read (show, stories, archive) still
    work", and stories failed with it, since it threads new stories before listing. It lists the threads as stored
    and says, on stderr, which stories it could not thread."""
    for args in ([], ["--format", "json"]):
        result = run_newsdesk("stories", "--db", str(read_only_db), *args)
        assert result.returncode == 0, result.stderr.decode()
        assert "Port reopens" in result.stdout.decode() and "Ferry resumes" not in result.stdout.decode()
        assert result.stderr.decode().strip() == (
            "note: the database is read-only, so 1 story stored since the last listing is not threaded and not listed"
        )


@pytest.mark.parametrize(
    "args",
    [["write", str(SHORT_BRIEF)], ["ingest", str(SHORT_BRIEF)], ["stories"], ["show", "1"], ["archive", "feeds"]],
    ids=["write", "ingest", "stories", "show", "archive feeds"],
)
def test_an_empty_db_is_refused_not_read_as_the_default_archive(args: list[str], tmp_path: Path) -> None:
    """Smoke test 35 #12: ``--db ''`` (a script's unset ``$DB``) silently created and wrote the default archive in
    the user's data folder. It names no database: refused, and nothing is made anywhere."""
    home = tmp_path / "home"
    env = {"HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "NEWSDESK_DB": None}
    result = CliRunner().invoke(cli, [*args, "--db", ""], env=env)
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines()[-1].startswith("Error: --db is empty")
    assert not home.exists(), "no default archive was made"
