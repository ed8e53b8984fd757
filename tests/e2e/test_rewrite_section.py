"""Rewriting one section ("Rewrite this section", ``regenerate_section``) changes that section alone, and writes it
as a first write does: an earlier entry's sentences under its dateline. The real embedded model, real SQLite."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from conftest import copy_archive
from newsdesk.archive import Archive, open_archive
from newsdesk.ingest import story_from_text
from newsdesk.models import Article, Block
from newsdesk.pipeline import WriteOptions, regenerate_section, write_article
from newsdesk.pipeline.develop import get_version
from newsdesk.pipeline.regenerate import NothingNew

EARLIER = """Regulator opens inquiry into Harbor Chat deepfakes
Date: 2026-02-03
Publisher: Coastal Times

The national media regulator Ofcast opened an investigation into the Harbor Chat app on Tuesday over sexual \
deepfake images of real people.
"Ofcast was one of the first regulators to act on reports that the Harbor Chat assistant was being used to create \
demeaning images," the regulator said in a statement.
"Our investigation remains ongoing and we continue to work closely with the privacy commissioner," the regulator \
added.

Harbor Chat said it had introduced measures to stop its assistant from editing images of real people.
"""
STORY = """Prosecutors open criminal inquiry into Harbor Chat
Date: 2026-02-17
Publisher: Coastal Times

State prosecutors opened a criminal investigation into Harbor Chat on Tuesday over sexual deepfake images made \
with its assistant, the justice ministry said.
Justice minister Elena Varga said the company had failed to stop the images from spreading to children.
"No company is above the law," Varga told reporters in the capital.

The company faces fines of up to 6 percent of its annual turnover if it is found to have broken the law.
Harbor Chat did not respond to a request for comment. A court hearing is expected in May.
"""


@pytest.fixture(scope="module")
def written_once(tmp_path_factory: pytest.TempPathFactory) -> tuple[Article, Path]:
    """An article on STORY with EARLIER (two weeks before it) in the archive as its background, written once by the
    embedded model: the article as ``write_article`` returned it, and the archive's path."""
    path = tmp_path_factory.mktemp("rewrite") / "n.db"
    archive = open_archive(path)
    archive.add_story(story_from_text(EARLIER))
    article = write_article(story_from_text(STORY), WriteOptions(use_cache=False), archive)
    archive.close()
    assert len(article.sources) == 2, "the earlier story is the article's background"
    return article, path


def _written(written_once: tuple[Article, Path], tmp_path: Path) -> tuple[Archive, Article]:
    """A private copy of that archive and of the article the write returned, for a test that changes them: what the
    test would hold had it run the same write itself."""
    article, path = written_once
    return open_archive(copy_archive(path, tmp_path / "n.db")), copy.deepcopy(article)


def _dated_section(article: Article) -> str:
    return next(s.id for s in article.sections if any(b.label for b in s.blocks))


def _saved(archive: Archive, article: Article) -> None:
    article.version += 1
    archive.save_version(article, begun_from=article.version - 1)


def _said(article: Article) -> dict[str, list[str]]:
    return {s.id: [sentence.text for sentence in s.sentences()] for s in article.sections}


def test_a_rewritten_section_puts_each_earlier_entry_under_its_dateline(
    written_once: tuple[Article, Path], tmp_path: Path
) -> None:
    archive, article = _written(written_once, tmp_path)
    section_id = _dated_section(article)  # the first write dated the earlier entry's sentences
    next(s for s in article.sections if s.id == section_id).blocks = []  # as an update that found nothing saves it
    _saved(archive, article)
    again = regenerate_section(archive, article.id, section_id, WriteOptions())
    rewritten = next(s for s in again.sections if s.id == section_id)
    background = [
        (block, sentence)
        for block in rewritten.blocks
        for sentence in block.sentences
        if sentence.citations and sentence.citations[0].source == 2
    ]
    assert background, "the rewrite drew on the earlier entry again"
    assert all(block.label.startswith("On 3 February") for block, _ in background), [
        (b.label, s.text) for b, s in background
    ]


def test_a_rewrite_leaves_every_other_section_as_it_was(written_once: tuple[Article, Path], tmp_path: Path) -> None:
    """A point the rewritten section would make again where another section already makes it stays where it was:
    the editor asked to rewrite one section, not to move sentences out of another. Here one of the section's
    sentences stands in a later section, cited (as the check cites) by the whole passage around it, not by the
    sentence alone."""
    archive, article = _written(written_once, tmp_path)
    section_id = _dated_section(article)
    section = next(s for s in article.sections if s.id == section_id)
    later = next(s for s in article.sections[article.sections.index(section) + 1 :] if s.sentences())
    moved = section.sentences()[-1]
    passage = next(p for p in archive.passages(article.sources[1].story_id or 0) if moved.citations[0].quote in p.text)
    moved.citations[0].quote = passage.text
    later.blocks.append(Block("paragraph", [moved]))
    section.blocks = []
    _saved(archive, article)
    before = _said(get_version(archive, article.id, 2))
    try:
        again = regenerate_section(archive, article.id, section_id, WriteOptions())
    except NothingNew:
        again = archive.get_article(article.id)
    after = _said(again)
    assert {k: v for k, v in after.items() if k != section_id} == {
        k: v for k, v in before.items() if k != section_id and k in after
    }
    assert moved.text in after[later.id]
    assert moved.text not in after.get(section_id, []), "each point once: the rewritten section gives up the repeat"


def test_a_rewritten_summary_does_not_give_the_dek_again(written_once: tuple[Article, Path], tmp_path: Path) -> None:
    """Smoke test 43 #7: "Rewrite this section" on Key Takeaways published the dek word for word as the first
    takeaway. The dek cites nothing, but it is said: a rewrite takes the story's other sentences."""
    archive, article = _written(written_once, tmp_path)
    takeaways = next(s for s in article.sections if s.kind == "summary")
    takeaways.blocks = []  # as if the first write had found nothing for it
    _saved(archive, article)
    try:
        again = regenerate_section(archive, article.id, takeaways.id, WriteOptions())
    except NothingNew:  # here every other sentence of the story is in the article already
        again = archive.get_article(article.id)
    rewritten = next(s for s in again.sections if s.id == takeaways.id)
    dek_words = set(again.dek.lower().split())
    assert not [
        s.text for s in rewritten.sentences() if len(set(s.text.lower().split()) & dek_words) >= 0.8 * len(dek_words)
    ], (again.dek, [s.text for s in rewritten.sentences()])
