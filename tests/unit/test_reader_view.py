"""What the reader sees: each sentence's signals and deciding check, facts apart from reasoning and opinion in the
HTML marks and in every footer, and citations only where a quote supports a fact."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from importlib import resources

import jsonschema
import pytest

from conftest import flood_passages
from newsdesk.models import Article, Block, Section, Sentence, Source
from newsdesk.render import render
from newsdesk.verify import Verifier, verify_article
from newsdesk.verify._verifier import DECIDERS, SIGNALS

SCHEMA = json.loads((resources.files("newsdesk") / "schema" / "article.schema.json").read_text("utf-8"))
PASSAGES = flood_passages()
FACT = "Governor Greg Abbott declared a disaster in 23 counties."
WRONG_FIGURE = "The floods killed 27 people in southern Texas on Wednesday."
REASONING = "The declaration could be a key test of how the state handles the floods."
REASONING_WITH_FACT = "Another three inches of rain could fall on Thursday as the storm system moves through."
OPINION = "Residents should follow the warnings about the storm and the rain."


def _section(sid: str, kind: str, texts: list[str]) -> Section:
    sentences = [Sentence(t, id=f"{sid}.b0.s{i}") for i, t in enumerate(texts)]
    return Section(id=sid, heading=sid.title(), kind=kind, blocks=[Block("paragraph", sentences)])


@pytest.fixture
def article() -> Article:
    a = Article(
        title="What do the Texas floods mean?",
        dek="Texas counts the cost of the floods.",
        intro=_section("intro", "summary", ["Flash floods killed 17 people across southern Texas on Wednesday."]),
        sections=[
            _section("context", "fact", [FACT, WRONG_FIGURE]),
            _section("analysis", "analysis", [REASONING]),
            _section("outlook", "outlook", [REASONING_WITH_FACT]),
            _section("opinion", "opinion", [OPINION]),
        ],
        sources=[
            Source(number=1, title="Floods kill 17 in Texas", url="https://example.org/floods", passages=PASSAGES)
        ],
        model={"backend": "embedded", "name": "test"},
    )
    verify_article(Verifier(), a, PASSAGES)
    return a


def _kept(article: Article) -> dict[str, Sentence]:
    return {s.text: s for section in article.all_sections() for s in section.sentences()}


def test_every_checked_sentence_carries_its_signals_and_decider(article) -> None:
    data = article.to_dict()
    jsonschema.validate(data, SCHEMA)
    sentences = [s for sec in [data["intro"], *data["sections"]] for b in sec["blocks"] for s in b["sentences"]]
    assert sentences
    for sentence in sentences:
        assert set(sentence["signals"]) >= set(SIGNALS) - {"semantic"}
        assert sentence["decided_by"] in DECIDERS
        assert 0 <= sentence["signals"]["lexical"] <= 1 and sentence["signals"]["judge"] is None


def test_schema_requires_signals_of_a_checked_sentence(article) -> None:
    data = article.to_dict()
    del data["sections"][0]["blocks"][0]["sentences"][0]["signals"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA)


def test_a_wrong_figure_is_decided_by_the_contradiction_check() -> None:
    check = Verifier().check(WRONG_FIGURE, PASSAGES)
    assert check.verdict == "contradicted" and check.decided_by == "contradiction"
    assert check.signals["contradiction"] and "27" in check.signals["contradiction"]
    invented = Verifier().check("Mayor John Whitmire ordered an evacuation.", PASSAGES)
    assert invented.decided_by == "specifics" and invented.signals["specifics"]["missing"]


def test_citations_only_where_a_quote_supports_a_fact(article) -> None:
    kept = _kept(article)
    assert kept[FACT].role == "fact" and kept[FACT].citations
    assert kept[REASONING].role == "reasoning" and kept[REASONING].verdict == "supported"
    assert not kept[REASONING].citations, "a judgement carries no fact, so no quote can support it"
    assert kept[OPINION].role == "opinion" and not kept[OPINION].citations
    assert kept[REASONING_WITH_FACT].role == "reasoning" and kept[REASONING_WITH_FACT].citations, (
        "reasoning that states a sourced fact (a date, a name) cites it"
    )
    md = render(article, "md")
    assert f"{REASONING} [" not in md and f"{OPINION} [" not in md and f"{FACT} [1]" in md


def test_counts_keep_opinion_and_reasoning_out_of_the_facts(article) -> None:
    counts = article.counts()
    assert counts["fact"] == {"checked": 2, "supported": 2, "cited": 2}  # the intro and the context fact
    assert counts["reasoning"]["checked"] == 2 and counts["opinion"]["checked"] == 1
    assert counts["removed"]["unsupported"] == 1
    assert article.to_dict()["counts"] == counts
    footer = render(article, "md").strip().splitlines()[-1]
    assert "2 of 2 factual sentences supported" in footer
    assert "2 of 2 reasoning sentences and 1 of 1 opinion sentence grounded" in footer
    assert "1 unsupported sentence removed" in footer


class _Marks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.roles: dict[str, str] = {}
        self.hidden_labels: list[str] = []
        self.legend = False
        self._hidden = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if "s" in classes:
            self.roles[attrs["data-sentence"]] = attrs["data-role"]
        self.legend |= "legend" in classes
        self._hidden = "sr-only" in classes

    def handle_data(self, data):
        if self._hidden:
            self.hidden_labels.append(data.strip())
            self._hidden = False


def test_html_marks_roles_apart_with_a_legend_and_labels(article) -> None:
    html = render(article, "html")
    marks = _Marks()
    marks.feed(html)
    assert marks.legend
    assert set(marks.roles.values()) == {"fact", "reasoning", "opinion"}
    assert marks.roles["context.b0.s0"] == "fact" and marks.roles["opinion.b0.s0"] == "opinion"
    # not colour alone: each role has its own line style, and a text label for screen readers
    css = re.sub(r"\s+", " ", html)
    assert re.search(r"\.r-fact[^{]*\{[^}]*solid", css) and re.search(r"\.r-reasoning[^{]*\{[^}]*dashed", css)
    assert re.search(r"\.r-opinion[^{]*\{[^}]*dotted[^}]*italic", css)
    assert sorted(marks.hidden_labels) == ["(opinion)", "(reasoning)", "(reasoning)"]
    assert "2 of 2 factual sentences supported" in html
    assert "<b>Fact · supported</b>" in html and "<b>Reasoning · grounded in the sources</b>" in html
    assert "<b>Opinion · grounded in the sources</b>" in html and "Decided by:" in html


def test_unchecked_article_says_so_and_has_no_legend(article) -> None:
    for section in article.all_sections():
        for sentence in section.sentences():
            sentence.verdict, sentence.citations = None, []
    article.dropped = []
    article.stats.verify_seconds = 0.0  # written with --no-verify: the check never ran
    assert "Not checked against the sources" in render(article, "md")
    html = render(article, "html")
    assert 'class="legend"' not in html and "Not checked against the sources" in html


def test_an_article_of_a_title_and_dek_alone_says_they_were_checked(article) -> None:
    """A one-sentence summary's article is its title and dek: the check read both, so the footer says so rather
    than "not checked"."""
    for section in article.all_sections():
        section.blocks = []
    article.dropped = []
    article.stats.verify_seconds = 0.2
    text = render(article, "md")
    assert "Not checked" not in text and "Checked against the sources: the title and dek" in text


def test_a_dateline_is_rendered_before_its_paragraph_and_kept_in_the_json(article) -> None:
    block = article.sections[0].blocks[0]
    block.label = "On 11 November 2024, Houston Ledger reported:"
    markdown = render(article, "md")
    assert "*On 11 November 2024, Houston Ledger reported:* " + block.sentences[0].text in markdown
    assert '<span class="dateline">On 11 November 2024, Houston Ledger reported:</span>' in render(article, "html")
    data = article.to_dict()
    jsonschema.validate(data, SCHEMA)
    assert Article.from_dict(data).sections[0].blocks[0].label == block.label
    assert "label" not in data["sections"][1]["blocks"][0], "a block without a dateline carries no key"


def test_a_source_nothing_cites_is_listed_as_consulted(article) -> None:
    article.sources.append(Source(number=2, title="Storm season outlook", url="https://example.org/outlook"))
    markdown = render(article, "md")
    assert "2. [Storm season outlook](https://example.org/outlook) (consulted, not cited)" in markdown
    assert "1. [Floods kill 17 in Texas](https://example.org/floods)\n" in markdown
    assert "(consulted, not cited)" in render(article, "html")
    for section in article.all_sections():
        for sentence in section.sentences():
            sentence.citations = []
    assert "consulted" not in render(article, "md"), "an article that cites nothing marks nothing"
