"""A throwaway PostgreSQL server for the tests: Debian's binaries, initdb in a temporary folder, a free port.

    python tests/support/pgserver.py start DIR   # prints the DSN (CI exports it as NEWSDESK_TEST_POSTGRES)
    python tests/support/pgserver.py stop DIR

Root cannot run postgres, so as root the server runs as the ``postgres`` user (or ``nobody``) through runuser.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

USER = "newsdesk"


def binaries() -> Path | None:
    """The folder holding initdb and pg_ctl, or None when PostgreSQL is not installed."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(os.path.realpath(found)).parent
    folders = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]), reverse=True)
    return Path(folders[0]) if folders else None


def require_binaries() -> None:
    """Skip the calling test where PostgreSQL is not installed, or fail it where NEWSDESK_REQUIRE_POSTGRES=1 (CI)."""
    import pytest

    if binaries() is None:
        if os.environ.get("NEWSDESK_REQUIRE_POSTGRES") == "1":
            pytest.fail("NEWSDESK_REQUIRE_POSTGRES=1 but PostgreSQL is not installed")
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")


def _run_as() -> list[str]:
    if os.geteuid() != 0:
        return []
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return ["runuser", "-u", name, "--"]
    raise RuntimeError("running as root and no unprivileged user (postgres, nobody) to run the server")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(folder: Path) -> str:
    """initdb and start a server in ``folder``; returns the DSN of its ``newsdesk`` database."""
    bin_dir = binaries()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
    folder.mkdir(parents=True, exist_ok=True)
    data = folder / "data"
    prefix = _run_as()
    if prefix:
        os.chmod(folder, 0o777)
        shutil.chown(folder, user=prefix[2])
    run = {"check": True, "stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE}
    subprocess.run(
        [*prefix, str(bin_dir / "initdb"), "-D", str(data), "-U", USER, "--auth=trust", "-E", "UTF8", "--no-sync"],
        **run,
    )
    port = _free_port()
    _serve(folder, port)
    (folder / "port").write_text(str(port))
    base = f"postgresql://{USER}@127.0.0.1:{port}"
    subprocess.run(
        [*prefix, str(bin_dir / "psql"), "-q", "-d", f"{base}/postgres", "-c", "CREATE DATABASE newsdesk"], **run
    )
    return f"{base}/newsdesk"


def _serve(folder: Path, port: int) -> None:
    """Start the server of ``folder`` on ``port`` and wait until it accepts connections."""
    bin_dir = binaries()
    assert bin_dir is not None
    options = f"-h 127.0.0.1 -p {port} -k {folder} -F -c max_connections=200"
    subprocess.run(
        [
            *_run_as(),
            str(bin_dir / "pg_ctl"),
            "-D",
            str(folder / "data"),
            "-l",
            str(folder / "server.log"),
            "-w",
            "-t",
            "60",
            "-o",
            options,
            "start",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def start_again(folder: Path) -> None:
    """Start a server that ``stop`` stopped, on its port as before: its clients' connections are all gone."""
    _serve(folder, int((folder / "port").read_text()))


def stop(folder: Path) -> None:
    bin_dir = binaries()
    if bin_dir is None or not (folder / "data").exists():
        return
    subprocess.run(
        [*_run_as(), str(bin_dir / "pg_ctl"), "-D", str(folder / "data"), "-m", "immediate", "-w", "stop"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )


def fresh_schema(dsn: str) -> str:
    """A DSN whose connections see only a new, empty schema of their own (one per test)."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    joiner = "&" if "?" in dsn else "?"
    return f"{dsn}{joiner}options={quote(f'-csearch_path={name}')}"


if __name__ == "__main__":
    command, where = sys.argv[1], Path(sys.argv[2])
    if command == "start":
        print(start(where))
    elif command == "stop":
        stop(where)
    else:
        sys.exit(f"usage: {sys.argv[0]} start|stop DIR")
