"""What makes two writes the same request (``pipeline.options.same_request_key``): the stored article of the same
request is shown again instead of a new one being written."""

from __future__ import annotations

from dataclasses import replace

from newsdesk.models import Story
from newsdesk.pipeline import WriteOptions
from newsdesk.pipeline.options import same_request_key

STORY = Story(
    headline="Bridge closes",
    body="The bridge closed on Monday after an inspection found cracks. Engineers said repairs would take three weeks.",
    url="https://example.org/wrong",
    published="2024-01-01",
)


def test_a_story_sent_again_with_its_details_corrected_is_another_request() -> None:
    """Smoke test 39b #8: the same text with its Source: and Date: lines corrected returned the stored article,
    citing the wrong address and date; the details the article cites are part of the request."""
    options = WriteOptions()
    key = same_request_key(STORY, options)
    assert same_request_key(replace(STORY), options) == key, "the same story and options: the same request"
    for changed in (
        replace(STORY, url="https://example.org/right"),
        replace(STORY, published="2024-03-05"),
        replace(STORY, source="Example Gazette"),
        replace(STORY, author="A. Reporter"),
    ):
        assert same_request_key(changed, options) != key, changed
    assert same_request_key(STORY, replace(options, use_cache=False)) == key, "caching shapes no article"


def test_every_face_keys_a_request_the_same_way(tmp_path, monkeypatch) -> None:
    """Smoke test 40a #6: `newsdesk write` keyed "cli:", the web app "web:", and the web app names the model and
    template the CLI leaves to their defaults: the same story with the same options was written once per face."""
    key = same_request_key(STORY, WriteOptions())
    assert not key.startswith(("cli:", "web:")), "no face in the key"
    assert same_request_key(STORY, WriteOptions(model="smollm2", template="default")) == key, "the defaults, named"
    template = tmp_path / "mine.yaml"
    template.write_text("name: mine\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    by_path = same_request_key(STORY, WriteOptions(template=str(template)))
    assert same_request_key(STORY, WriteOptions(template="mine.yaml")) == by_path, "a file by any path to it"
    assert by_path != key and same_request_key(STORY, WriteOptions(template="tiny")) != key
