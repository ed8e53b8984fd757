"""A text story with stray bytes is read; a binary file is still refused (smoke 45 F19).

A binary format is full of control bytes; a text has a few only as debris of copy and paste: a share of control
bytes decides, not one byte. A byte UTF-8 cannot read is read as windows-1252 (a Latin-1 line pasted into a UTF-8
file), and a terminal's colour code goes whole. Made-up text."""

from __future__ import annotations

import pytest

from newsdesk.errors import InputError
from newsdesk.ingest import story_from_bytes

BODY = (
    "The Tarrow ferry resumed service on Friday after a week of storms, the operator said.{debris} "
    "Crews checked the ramps overnight.\n\nThe first sailing left at seven in the morning.\n"
)


def _story(headline: bytes, debris: str) -> bytes:
    return headline + b"\n\n" + BODY.format(debris=debris).encode("utf-8")


def test_one_nul_in_a_text_story_is_debris_not_a_binary_file() -> None:
    story = story_from_bytes(_story(b"Ferry service resumes", "\x00"), "ferry.txt")
    assert "\x00" not in story.body
    assert "the operator said. Crews checked" in " ".join(story.body.split())


def test_a_terminal_colour_code_goes_whole() -> None:
    story = story_from_bytes(_story(b"Ferry service resumes", "\x1b[1;32m"), "ferry.txt")
    assert "[1;32m" not in story.body and "\x1b" not in story.body


def test_a_latin_1_headline_over_a_utf_8_body_is_read() -> None:
    story = story_from_bytes(_story("Café ferry resumes".encode("latin-1"), " Café owners cheered."), "ferry.txt")
    assert story.headline == "Café ferry resumes"
    assert "Café owners cheered." in story.body


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 8,  # every byte value, as compressed data has them
        b"\x7fELF\x02\x01\x01" + b"\x00" * 500 + b"some text",  # an executable's header
        "Ferry service resumes\n\nThe ferry resumed service on Friday.".encode("utf-16-le"),  # UTF-16, no BOM
    ],
)
def test_a_binary_file_is_still_refused(data: bytes) -> None:
    with pytest.raises(InputError, match="binary"):
        story_from_bytes(data, "image.bin")
