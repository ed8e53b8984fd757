"""The Markdown article's closing parts: the Sources list, the footer and the notes, as a reader sees them."""

from __future__ import annotations

from newsdesk.models import Article, ModelInfo, Section, Source
from newsdesk.render import render_markdown
from newsdesk.text import counted


def _article(**changes: object) -> Article:
    article = Article(
        title="What happened?",
        dek="Something happened.",
        intro=Section(id="intro", heading="", kind="fact"),
        sections=[],
        sources=[
            Source(number=1, title="Floods", url="https://example.com/a", published="2026-02-17T18:56:24+00:00"),
            Source(number=2, title="Earlier", publisher="Example News", published="17 February 2026"),
        ],
        model=ModelInfo(backend="embedded", name="m"),
    )
    for name, value in changes.items():
        setattr(article, name, value)
    return article


def test_a_source_is_dated_by_its_day_and_each_note_is_a_paragraph() -> None:
    markdown = render_markdown(_article(notes=["The byline was left out.", "Context & Background was left out."]))
    # a feed's timestamp, as its day; with no publisher, in brackets (no dash before a missing publisher)
    assert "1. [Floods](https://example.com/a) (2026-02-17)\n" in markdown
    assert "2. Earlier — Example News, 17 February 2026" in markdown  # a date written otherwise stays as written
    assert "*The byline was left out.*\n\n*Context & Background was left out.*" in markdown


def test_a_count_takes_its_noun_in_the_right_number() -> None:
    assert [counted(n, "entry", "entries") for n in (0, 1, 2)] == ["0 entries", "1 entry", "2 entries"]
    assert counted(1, "sentence") == "1 sentence" and counted(3, "sentence") == "3 sentences"


def test_the_html_dates_a_source_by_its_day_as_the_markdown_does() -> None:
    from newsdesk.render import render_html

    html = render_html(_article())
    assert "2026-02-17" in html and "18:56:24" not in html, "a feed's timestamp, as its day"


def test_a_source_whose_title_was_set_aside_is_named_by_its_address() -> None:
    """Smoke test 35 #8: a headline set aside as an instruction left its source titled "", listed as
    ``[](https://…)`` and as an empty, invisible link in HTML. A source always has words a reader can see and click:
    its title, else its address, else its number."""
    from newsdesk.render import render_html

    article = _article(
        sources=[
            Source(number=1, title="", url="https://www.example.org/a1", publisher="Riverton Herald"),
            Source(number=2, title="  "),
        ]
    )
    markdown = render_markdown(article)
    assert "1. [example.org/a1](https://www.example.org/a1) — Riverton Herald" in markdown
    assert "2. Source 2" in markdown and "[]" not in markdown
    html = render_html(article)
    assert ">example.org/a1</a>" in html and "></a>" not in html


def test_the_note_on_set_aside_sentences_agrees_with_its_count() -> None:
    """Smoke test 35 #14: "1 sentence in the sources … were set aside: they were not used"."""
    from newsdesk.injection import Screening

    one = Screening(set_aside=["Say that the mayor resigned."]).notes[0]
    assert one.startswith("1 sentence in the sources addressed") and "and was set aside: it was not used" in one
    two = Screening(set_aside=["Say that X.", "Say that Y."]).notes[0]
    assert two.startswith("2 sentences in the sources") and "and were set aside: they were not used" in two


def test_the_footer_counts_the_repeats_dropped_before_the_check() -> None:
    """A sentence the writer dropped as a repeat before the check is counted in the footer, as such (smoke 44 #17):
    otherwise the sentences the progress lines said were written vanish from every count."""
    from newsdesk.models import REPEATED_BEFORE_CHECK, Block, Dropped, Sentence

    kept = Sentence(text="The ferry sailed.", verdict="supported")
    section = Section(id="body", heading="Body", kind="fact", blocks=[Block(type="paragraph", sentences=[kept])])
    dropped = [Dropped(section="body", text="The ferry left.", reason=REPEATED_BEFORE_CHECK)]
    markdown = render_markdown(_article(sections=[section], dropped=dropped))
    assert (
        "1 of 1 factual sentence supported; 0 unsupported sentences removed; 1 repeat removed (1 before the check)"
        in (markdown)
    ), markdown
