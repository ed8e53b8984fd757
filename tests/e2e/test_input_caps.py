"""A story, text or feed past its size cap is refused after reading one byte past the cap, never the whole of it.

The inputs are real: a stream on standard input that counts what is read from it, a named pipe with a writer that
counts what it got to write before the reader hung up, a sparse file, ``/dev/zero``.
"""

from __future__ import annotations

import io
import os
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SHORT_BRIEF
from newsdesk.cli import cli
from newsdesk.ingest.fetch import DEFAULT_MAX_BYTES
from newsdesk.ingest.text import MAX_STORY_BYTES

LINE = b"A line.\n"


class CountedLines(io.RawIOBase):
    """``total`` bytes of short lines, like ``yes "A line." | head -c total``, keeping count of what was read."""

    def __init__(self, total: int) -> None:
        self.left = total
        self.given = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # io's signature
        size = min(len(buffer), self.left)
        whole = LINE * (size // len(LINE) + 1)
        buffer[:size] = whole[:size]
        self.left -= size
        self.given += size
        return size


class PipeWriter(threading.Thread):
    """Writes ``total`` bytes of lines into a named pipe, stopping when its reader hangs up; ``written`` counts."""

    def __init__(self, path: Path, total: int) -> None:
        super().__init__(daemon=True)
        self.path, self.total, self.written = path, total, 0

    def run(self) -> None:
        chunk = LINE * (65536 // len(LINE))
        try:
            with open(self.path, "wb", buffering=0) as pipe:
                while self.written < self.total:
                    self.written += pipe.write(chunk)
        except BrokenPipeError:
            pass


@pytest.mark.parametrize(
    ("args", "cap"),
    [
        (["write", "-"], MAX_STORY_BYTES),
        (["verify", "-s", "{story}", "--text", "-"], MAX_STORY_BYTES),
    ],
    ids=["write", "verify-text"],
)
def test_standard_input_is_read_no_further_than_its_cap(tmp_path: Path, args: list[str], cap: int) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Bridge reopens\n\nThe bridge reopened on Monday after a year of repairs.\n", encoding="utf-8")
    stream = CountedLines(3 * cap)
    argv = [arg.format(story=story) for arg in args] + (["--db", str(tmp_path / "x.db")] if args[0] == "write" else [])
    result = CliRunner().invoke(cli, argv, input=io.BufferedReader(stream))
    assert result.exit_code == 2, result.output
    assert f"Error: standard input is more than {cap:,} bytes" in result.output
    assert stream.given <= cap + 1 + io.DEFAULT_BUFFER_SIZE, f"read {stream.given:,} bytes of {3 * cap:,}"


@pytest.mark.parametrize(
    ("command", "cap", "what"),
    [
        ("extract", MAX_STORY_BYTES, "story"),
        ("ingest", MAX_STORY_BYTES, "story"),
        ("ingest", DEFAULT_MAX_BYTES, "feed"),
    ],
    ids=["extract", "ingest-story", "ingest-feed"],
)
def test_a_named_pipe_is_read_no_further_than_its_cap(tmp_path: Path, command: str, cap: int, what: str) -> None:
    pipe = tmp_path / ("endless.xml" if what == "feed" else "endless")  # the suffix makes ingest read it as a feed
    os.mkfifo(pipe)
    writer = PipeWriter(pipe, 3 * cap)
    writer.start()
    argv = [command, str(pipe)] + (["--db", str(tmp_path / "x.db")] if command == "ingest" else [])
    result = CliRunner().invoke(cli, argv)
    writer.join(timeout=30)
    assert result.exit_code == 2, result.output
    assert f"Error: {pipe} is more than {cap:,} bytes; a {what} may be at most {cap:,}" in result.output
    pipe_buffer = 1 << 20  # what the kernel holds for a pipe, at most, beyond what was read
    assert writer.written <= cap + 1 + pipe_buffer, f"read {writer.written:,} bytes of {3 * cap:,}"


def test_a_regular_file_past_the_cap_is_refused_by_its_size(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as file:
        file.truncate(MAX_STORY_BYTES + 1)  # sparse: no disk, but stat gives the size
    result = CliRunner().invoke(cli, ["extract", str(big)])
    assert result.exit_code == 2
    assert f"Error: {big} is {MAX_STORY_BYTES + 1:,} bytes; a story may be at most {MAX_STORY_BYTES:,}" in result.output


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_dev_zero_is_refused_at_the_cap(tmp_path: Path, command: str) -> None:
    argv = [command, "/dev/zero"] + (["--db", str(tmp_path / "x.db")] if command == "ingest" else [])
    result = CliRunner().invoke(cli, argv)
    assert result.exit_code == 2
    assert f"Error: /dev/zero is more than {MAX_STORY_BYTES:,} bytes" in result.output


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
@pytest.mark.parametrize(
    ("option", "what"),
    [("--template", "a template"), ("--calibration", "a calibration")],
    ids=["template", "calibration"],
)
def test_a_template_or_calibration_without_end_is_refused_at_its_cap(tmp_path: Path, option: str, what: str) -> None:
    story = str(SHORT_BRIEF)
    argv = ["write", story, option, "/dev/zero", "--db", str(tmp_path / "x.db")] if option == "--template" else []
    argv = argv or ["verify", "--source", story, "--text", story, option, "/dev/zero"]
    result = CliRunner().invoke(cli, argv)
    assert result.exit_code == 2
    assert f"Error: /dev/zero is more than 1,000,000 bytes; {what} may be at most 1,000,000" in result.output
