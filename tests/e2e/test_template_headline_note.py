"""A custom template's headline instructions that grounded drafting does not follow are named in the article's
notes, not silently dropped (smoke42 #26). The story and the template are made up for the test."""

from __future__ import annotations

from pathlib import Path

from newsdesk.archive import open_archive
from newsdesk.models import Story
from newsdesk.pipeline import WriteOptions, write_article
from newsdesk.template import load_template

SHORT = """name: short
headline:
  target_words: 40
  instructions: Write a plain title, a one-sentence dek and a two-sentence intro.
sections:
  - id: known
    heading: What we know
    kind: fact
    format: bullets
    instructions: List what the story states.
"""

STORY = (
    "The Lowford council voted on Tuesday to close the Mill Lane pool for a year of repairs. "
    "The pool's roof leaks and its boiler is forty years old, the council said. "
    "Swimmers will be sent to the Eastgate leisure centre, which will open two hours longer each day. "
    "Repairs are expected to cost 2.1 million pounds and to finish in the spring of next year."
)


def test_a_templates_unfollowed_headline_instructions_are_noted(tmp_path: Path) -> None:
    template = tmp_path / "short.yaml"
    template.write_text(SHORT, encoding="utf-8")
    archive = open_archive(tmp_path / "n.db")
    story = Story(headline="Lowford council to close Mill Lane pool for repairs", body=STORY)
    article = write_article(story, WriteOptions(template=str(template), use_cache=False), archive)
    assert any("headline instructions were not followed" in note for note in article.notes), article.notes
    from newsdesk.write.draft import _headline_notes

    # the default template asks for what the grounded headline does: nothing to note
    assert _headline_notes(load_template(None), grounded=True) == []
