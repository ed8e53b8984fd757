"""The check seam: one ordered registry runs every check, the deciding check's name is ``decided_by``, and the
decider lists the schema and the HTML give a reader are the registry's own. Real verifier, real sources."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from conftest import flood_passages
from newsdesk.models import Article, Block, Section, Sentence, Source
from newsdesk.render import render_html
from newsdesk.verify import CHECKS, DECIDER_LABELS, DECIDERS, Check, Claim, Decision, Verifier, verify_article
from newsdesk.verify._checks import FACT_CHECKS, Rule, run_fact_checks

PASSAGES = flood_passages()
SCHEMA = json.loads((resources.files("newsdesk") / "schema" / "article.schema.json").read_text("utf-8"))
FACT = "Governor Greg Abbott declared a disaster in 23 counties."
WRONG_FIGURE = "The floods killed 27 people in southern Texas on Wednesday."


def test_the_registry_is_one_ordered_list_of_named_checks() -> None:
    names = [check.name for check in CHECKS]
    assert len(names) == len(set(names))
    assert all(isinstance(check, Check) for check in CHECKS)
    stages = [check.stage for check in CHECKS]
    assert stages == sorted(stages, key=("veto", "decide", "review").index), "vetoes, then deciders, then review"
    # what used to live in five places is all here, in its order
    assert names.index("contradiction") < names.index("filler") < names.index(FACT_CHECKS[0])
    assert names.index(FACT_CHECKS[-1]) < names.index("specifics") < names.index("judge") < names.index("score")
    assert names.index("score") < names.index("hedged_facts") and names[-1] == "verbatim_quote"
    assert DECIDERS == tuple(names) and set(DECIDER_LABELS) == set(names) and all(DECIDER_LABELS.values())


def test_a_run_on_too_long_for_one_sentence_is_unsupported_and_read_by_no_check() -> None:
    """Hundreds of words with no sentence end are no sentence a reader checks in one look (and the checks that
    compare each name and clause with every other would take time growing with the square of its length)."""
    from newsdesk.verify._checks import MAX_CLAIM_WORDS

    run_on = " and ".join([FACT.rstrip(".")] * (MAX_CLAIM_WORDS // 8 + 1)) + "."
    assert len(run_on.split()) > MAX_CLAIM_WORDS
    check = Verifier().check(run_on, PASSAGES)
    assert (check.verdict, check.decided_by) == ("unsupported", "overlong")
    assert "too long to check as one sentence" in check.details["reason"]
    assert Verifier().check(FACT, PASSAGES).decided_by != "overlong"


def test_the_schema_lists_exactly_the_registry() -> None:
    enum = SCHEMA["$defs"]["sentence"]["properties"]["decided_by"]["enum"]
    assert enum == [*DECIDERS, None], "regenerate the enum of decided_by from newsdesk.verify.DECIDERS"


def test_decided_by_is_the_deciding_checks_name() -> None:
    checks = Verifier().check_many(
        [
            (FACT, "fact"),
            (WRONG_FIGURE, "fact"),
            ("Mayor John Whitmire ordered an evacuation.", "fact"),
            ("Only time will tell what happens to all of us.", "opinion"),
        ],
        PASSAGES,
    )
    assert [c.decided_by for c in checks] == ["score", "contradiction", "specifics", "filler"]
    assert [c.verdict for c in checks] == ["supported", "contradicted", "unsupported", "unsupported"]
    assert all(c.details["decided_by"] == c.decided_by for c in checks)


def test_a_new_check_is_one_line_and_runs_where_it_is_listed() -> None:
    def no_wednesday(claim: Claim) -> Decision | None:
        """A toy rule: a sentence that names Wednesday fails."""
        return Decision("unsupported", 0.0, reason="names Wednesday") if "Wednesday" in claim.sentence else None

    extra = Rule("no_wednesday", "veto", no_wednesday, "a toy rule")
    first = Verifier(checks=(extra, *CHECKS))
    late = Verifier(checks=(*CHECKS[:-2], Rule("no_wednesday", "review", no_wednesday, "a toy rule"), *CHECKS[-2:]))
    killed = "Flash floods killed 17 people across southern Texas on Wednesday."
    assert Verifier().check(killed, PASSAGES).supported
    check = first.check(killed, PASSAGES)
    assert (check.verdict, check.decided_by, check.details["reason"]) == (
        "unsupported",
        "no_wednesday",
        "names Wednesday",
    )
    # listed first, it vetoes before the contradiction rule; listed as a review, a veto has already decided
    assert first.check(WRONG_FIGURE, PASSAGES).decided_by == "no_wednesday"
    assert late.check(WRONG_FIGURE, PASSAGES).decided_by == "contradiction"
    assert late.check(killed, PASSAGES).decided_by == "no_wednesday"


def test_a_registry_in_the_wrong_order_is_refused() -> None:
    from newsdesk.verify._checks import _validate

    with pytest.raises(ValueError, match="veto, then decide, then review"):
        _validate([*CHECKS[-1:], *CHECKS[:-1]])
    with pytest.raises(ValueError, match="unique"):
        _validate([*CHECKS, CHECKS[0]])


def test_one_structural_check_alone() -> None:
    verifier = Verifier()
    index, m = verifier.measure("The storm system will bring no rain on Thursday.", PASSAGES)
    [result] = run_fact_checks("The storm system will bring no rain on Thursday.", index, m, ("polarity",))
    assert result.name == "polarity" and result.failed


def test_the_html_legend_names_the_checks_that_decided() -> None:
    sentences = [Sentence(t, id=f"context.b0.s{i}") for i, t in enumerate([FACT, WRONG_FIGURE])]
    article = Article(
        title="What do the Texas floods mean?",
        dek="Texas counts the cost of the floods.",
        intro=Section(id="intro", heading="", kind="summary", blocks=[]),
        sections=[Section(id="context", heading="Context", kind="fact", blocks=[Block("paragraph", sentences)])],
        sources=[Source(number=1, title="Floods", passages=PASSAGES)],
        model={},
    )
    verify_article(Verifier(), article, PASSAGES)
    html = render_html(article)
    legend = re.search(r'<details class="deciders">(.*?)</details>', html, re.S)
    assert legend is not None
    assert re.findall(r'data-decider="(\w+)"', legend.group(1)) == ["score"]  # the contradicted one was dropped
    assert DECIDER_LABELS["score"] in legend.group(1)
    assert f"Decided by:</i> {DECIDER_LABELS['score']}" in html
