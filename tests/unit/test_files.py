"""Files written for the user: whole or not at all, and never by replacing what is not a regular file."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

from newsdesk.files import write_atomically


def test_a_regular_file_is_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "article.md"
    target.write_text("old", encoding="utf-8")
    write_atomically(target, "new article\n")
    assert target.read_text(encoding="utf-8") == "new article\n"
    assert [p.name for p in tmp_path.iterdir()] == ["article.md"], "no temporary file is left behind"


def test_a_link_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "latest.md"
    link.symlink_to(real)
    write_atomically(link, "new article\n")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new article\n"


def test_a_named_pipe_is_written_to_not_replaced(tmp_path: Path) -> None:
    """What is not a regular file (a pipe here; /dev/null, /dev/stdout alike) is written in place: a rename would
    put a regular file where the device or pipe was."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_text(encoding="utf-8")), daemon=True)
    reader.start()
    write_atomically(pipe, "through the pipe\n")
    reader.join(timeout=10)
    assert received == ["through the pipe\n"]
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)


def test_a_file_name_keeps_an_accented_letters_base_letter() -> None:
    """ "Māori" was cut to "m-ori" and "beschließt" to "beschlie-t": a letter's accent goes, the letter stays."""
    from newsdesk.files import slugify

    assert slugify("Why are Māori tribes fearful?") == "why-are-maori-tribes-fearful"
    assert slugify("Stadtrat beschließt Radwege in Köln") == "stadtrat-beschliesst-radwege-in-koln"
    assert slugify("¿Qué pasó?") == "que-paso"
    assert slugify("北京") == "article"
