"""An article's shape follows its story (issue 17): a section appears only where the sources hold something for
it, one left out is named in the article's notes, and the length follows the story's."""

from __future__ import annotations

from pathlib import Path

from conftest import DATA, SHORT_BRIEF
from newsdesk.archive import open_archive
from newsdesk.ingest import load_story
from newsdesk.models import Article, Block, Section, Sentence
from newsdesk.pipeline import WriteOptions, write_article
from newsdesk.render import render_markdown
from newsdesk.template import load_template
from newsdesk.verify._article import NOTE_FAILED, NOTE_REPEATED
from newsdesk.write import omit_empty_sections, takeaway_count
from newsdesk.write.shape import fact_words, leave_out_empty


def test_a_section_with_nothing_is_left_out_and_named_in_the_notes() -> None:
    kept = Section(
        id="context", heading="Context", kind="fact", blocks=[Block("paragraph", [Sentence("The council voted.")])]
    )
    nothing = Section(id="outlook", heading="Future Outlook", kind="outlook", note="The sources say nothing more.")
    failed = Section(
        id="pros-cons", heading="Pros and Cons", kind="opinion", blocks=[Block("subheading", [Sentence("Pros")])]
    )
    failed.note = NOTE_FAILED
    sections, notes = omit_empty_sections([kept, nothing, failed])
    assert sections == [kept]
    assert notes == [
        "Future Outlook is left out: the sources say nothing more.",
        "Pros and Cons is left out: every sentence drafted for this section failed the source check.",
    ]


def test_an_intro_the_check_emptied_keeps_no_note_under_the_dek() -> None:
    intro = Section(id="intro", heading="", kind="summary", note=NOTE_REPEATED)
    kept = Section(id="context", heading="Context", kind="fact", blocks=[Block("paragraph", [Sentence("A fact.")])])
    article = Article(title="Why?", dek="The dek.", intro=intro, sections=[kept], sources=[], model={})
    leave_out_empty(article)
    assert article.intro.note is None and article.sections == [kept]
    assert article.notes == [
        "The introduction is left out: everything drafted for this section repeated points made earlier."
    ]


def test_takeaways_follow_the_storys_length_and_never_restate_most_of_it() -> None:
    spec = next(s for s in load_template(None).sections if s.kind == "summary")
    assert takeaway_count(spec, 600, 20) == 3
    assert takeaway_count(spec, 1400, 60) == 4  # the section's 80 words hold four bullets
    assert takeaway_count(spec, 120, 6) == 2  # a six-sentence story is not restated in three of them


def test_a_long_storys_facts_fill_what_the_map_built_sections_left() -> None:
    template = load_template(None)
    context = next(s for s in template.sections if s.kind == "fact")
    drafted = ["word " * 300]  # the dek, intro, takeaways and map-built sections so far
    # a story of 1,200 usable words may be restated in 900: what the other parts left goes to the facts
    assert fact_words(context, template, 1200, drafted) == 600
    # a short story's share is spent already: the section keeps its template length (the pool bounds it)
    assert fact_words(context, template, 300, drafted) == context.target_words
    assert fact_words(context, template, 10_000, drafted) == 900, "at most 1,200 words, however long the story"


def _words(article: Article) -> int:
    return sum(len(s.text.split()) for section in article.all_sections() for s in section.sentences())


def test_a_short_story_gets_a_short_article_with_every_section_earned(tmp_path: Path, harbour_article) -> None:
    """A four-sentence brief and a 690-word story, each written with the embedded model into its own archive (the
    long one by the session's ``harbour_article``, the same write)."""
    template = load_template(None)
    articles = []
    for number, path in enumerate((SHORT_BRIEF, DATA / "harbour-story.txt")):
        story = load_story(str(path))
        if path == SHORT_BRIEF:
            article = write_article(story, WriteOptions(use_cache=False), open_archive(tmp_path / f"{number}.db"))
        else:
            article = harbour_article
        articles.append(article)
        present = [s.id for s in article.sections]
        assert present == [s.id for s in template.sections if s.id in present], "template order kept"
        for section in article.sections:
            assert section.sentences(), f"{section.id} is published as a heading over a note"
        for spec in template.sections:
            if spec.id not in present:
                assert any(n.startswith(f"{spec.heading} is left out: ") for n in article.notes), spec.id
        assert all(note in render_markdown(article) for note in article.notes if "is left out" in note)
        # every sentence drafted is the story's own, each used once, so the body is never longer than the story
        # (the takeaways, restating in fewer words, aside)
        takeaways = sum(
            len(s.text.split()) for sec in article.sections if sec.kind == "summary" for s in sec.sentences()
        )
        assert _words(article) - takeaways <= len(story.body.split())
    short, long = articles
    assert len(short.sections) < len(long.sections)
    assert _words(short) < _words(long) / 2
