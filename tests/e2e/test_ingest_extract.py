"""Extraction on the shared real pages: metadata, text quality (gated by bench/extract_baseline.json), fallbacks."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SHARED, SHARED_MISSING
from newsdesk.cli import cli
from newsdesk.errors import InputError
from newsdesk.ingest import load_story
from newsdesk.ingest.web import guess_language, html_to_text, story_from_html

ROOT = Path(__file__).resolve().parents[2]
PAGES = SHARED / "pages"
pytestmark = pytest.mark.skipif(not PAGES.is_dir(), reason=SHARED_MISSING)


def _bench():
    spec = importlib.util.spec_from_file_location("bench_extract", ROOT / "bench" / "extract.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def report():
    return _bench().evaluate(PAGES)


def test_mean_f1_stays_above_the_recorded_floor(report) -> None:
    baseline = json.loads((ROOT / "bench" / "extract_baseline.json").read_text())
    assert report.corpus_sha256 == baseline["corpus_sha256"], (
        "the page corpus changed: rerun python bench/extract.py --update-baseline and review the new floor"
    )
    assert report.f1 >= baseline["f1_floor"], f"extraction F1 {report.f1:.3f} fell below {baseline['f1_floor']}"
    assert report.f1 >= 0.9
    assert _mean_page_f1(report) >= 0.9


def _mean_page_f1(report) -> float:
    return sum(p.f1 for p in report.pages) / len(report.pages)


def test_titles_and_dates_match_the_metadata(report) -> None:
    assert all(p.title_ok for p in report.pages if p.title_ok is not None), [
        p.name for p in report.pages if p.title_ok is False
    ]
    assert all(p.date_ok for p in report.pages if p.date_ok is not None), [
        p.name for p in report.pages if p.date_ok is False
    ]
    assert sum(p.date_ok is not None for p in report.pages) >= 3  # bbc-1, guardian-1, medium-1 give a date


@pytest.mark.parametrize(
    "name, language", [("lemonde-1", "fr"), ("la-nacion", "es"), ("bbc-1", "en"), ("telegraph", "en")]
)
def test_non_english_pages_keep_their_language(name: str, language: str) -> None:
    story = story_from_html((PAGES / name / "source.html").read_text(encoding="utf-8"), name=name)
    assert story.language == language


def test_author_and_site_come_through() -> None:
    story = story_from_html((PAGES / "nytimes-1" / "source.html").read_text(encoding="utf-8"))
    assert story.author == "Jeffrey Gettleman"  # trafilatura's "X; X" repeat is folded
    assert story.source
    assert "\n\n" in story.body  # paragraphs kept


def test_saved_page_loads_through_load_story() -> None:
    story = load_story(str(PAGES / "guardian-1" / "source.html"))
    assert story.origin == "html"
    assert story.headline.startswith("'What is the sea telling us?'")
    assert story.published and story.published.startswith("2019-01-03")


def test_thin_body_falls_back_to_the_page_description() -> None:
    html = """<html lang="en"><head><title>Storm closes port</title>
    <meta property="og:description" content="A winter storm closed the port of Hamburg on Monday, stranding
    forty ships and halting container traffic for at least two days, port officials said."></head>
    <body><nav>Home | World</nav><div><p>Updated 10:00</p></div></body></html>"""
    story = story_from_html(html, url="https://example.org/storm")
    assert story.headline == "Storm closes port"
    assert "forty ships" in story.body
    assert story.url == "https://example.org/storm"


def test_empty_page_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no article text"):
        story_from_html("<html><head></head><body><script>var x = 1;</script></body></html>", name="blank.html")
    with pytest.raises(InputError, match="is empty"):
        story_from_html("   ", name="blank.html")


def test_html_to_text_keeps_paragraphs_and_drops_scripts() -> None:
    text = html_to_text("<div><p>One &amp; two.</p><script>alert(1)</script><ul><li>Three</li></ul>tail</div>")
    assert text == "One & two.\n\nThree\n\ntail"
    assert html_to_text("") == ""
    assert html_to_text("plain &lt;text&gt;") == "plain <text>"


def test_language_guess_needs_enough_words() -> None:
    assert guess_language("the cat") is None
    assert (
        guess_language(
            "Le gouvernement a présenté le projet de loi sur le renseignement devant les députés, "
            "qui sont appelés à voter pour le texte dans la semaine et il est en débat."
        )
        == "fr"
    )


def test_extract_cli_prints_json_keys() -> None:
    result = CliRunner().invoke(cli, ["extract", str(PAGES / "lemonde-1" / "source.html"), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"title", "author", "published", "language", "text"} <= set(data)
    assert data["language"] == "fr"


def test_bench_prints_the_scores(capsys: pytest.CaptureFixture[str]) -> None:
    assert _bench().main(["--pages", str(PAGES)]) == 0
    out = capsys.readouterr().out
    assert "mean" in out and "pages/s" in out


def test_the_body_does_not_open_by_repeating_the_headline() -> None:
    story = load_story(str(PAGES / "bbc-1" / "source.html"))
    assert story.headline == "Obama admits US gun laws are his 'biggest frustration'"
    assert not story.body.startswith("Obama admits"), story.body[:80]
    page = (
        "<html><head><title>Ferry returns</title></head><body><article><h1>Ferry returns</h1><p>"
        + "The ferry runs again from Monday after a winter of engine repairs. " * 8
        + "</p></article></body></html>"
    )
    assert story_from_html(page).body.startswith("The ferry runs again")


@pytest.mark.parametrize(
    "feed",
    [
        '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>World</title><item><title>A</title></item>'
        "</channel></rss>",
        '<?xml version="1.0" encoding="utf-8"?>\n<!-- generated -->\n<feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Tech</title><entry><title>B</title></entry></feed>",
    ],
)
def test_a_feed_given_as_one_story_says_which_command_reads_feeds(tmp_path, feed: str) -> None:
    path = tmp_path / "world.xml"
    path.write_text(feed, encoding="utf-8")
    for args in (["extract", str(path)], ["write", str(path), "--db", str(tmp_path / "n.db")]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2 and "is a news feed" in result.output and "newsdesk ingest" in result.output


@pytest.mark.skipif(not (SHARED / "pages" / "bbc-1" / "expected.html").is_file(), reason=SHARED_MISSING)
def test_an_html_fragment_is_read_as_a_page() -> None:
    """A saved fragment (a <div> of paragraphs, no <html> or <body>) is a page's body: its text is the story."""
    fragment = (SHARED / "pages" / "bbc-1" / "expected.html").read_text(encoding="utf-8")
    assert "<body" not in fragment and "<html" not in fragment
    story = story_from_html(fragment, name="expected.html")
    assert "gun safety laws" in story.body and "African Union" in story.body and story.headline
