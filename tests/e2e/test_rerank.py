"""Semantic rerank of background passages, on by default, with the real embedding model."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import TINY_TEMPLATE, run_newsdesk
from newsdesk.archive import open_archive
from newsdesk.models import Passage, Story

NEW = Story(
    headline="Apple's new iPhone goes on sale",
    body="Queues formed outside Apple stores as the new iPhone went on sale on Friday. Buyers said the faster "
    "chip and the camera were why they upgraded from last year's phone.",
    published="2026-09-16",
)
ON_TOPIC = "Reviewers praised the new iPhone from Apple for its faster chip and sharper camera."
OFF_TOPIC = (
    "Apple growers in Kent said the new harvest goes on sale on Friday, a week later than last year, after "
    "the driest summer in decades."
)
UNRELATED = "The world chess champion announced her retirement on Sunday after twenty years at the top of the game."


def test_rerank_scores_by_meaning_and_drops_what_is_about_something_else() -> None:
    from newsdesk.retrieve.rerank import SEMANTIC_WEIGHT, semantic_reranker

    lexical = {ON_TOPIC: 0.4, OFF_TOPIC: 0.9, UNRELATED: 0.8}
    passages = [Passage(text=text, score=score) for text, score in lexical.items()]
    reranked = semantic_reranker()(NEW, passages)
    assert UNRELATED not in [p.text for p in reranked], "no meaning shared with the story"
    assert [p.score for p in reranked] == sorted((p.score for p in reranked), reverse=True)
    similarity = {p.text: (p.score - (1 - SEMANTIC_WEIGHT) * lexical[p.text]) / SEMANTIC_WEIGHT for p in reranked}
    assert similarity[ON_TOPIC] > similarity[OFF_TOPIC] > 0, similarity


def test_write_with_rerank_cites_background(tmp_path: Path) -> None:
    db = tmp_path / "newsdesk.db"
    archive = open_archive(db)
    archive.add_story(
        Story(headline="Reviewers praise Apple's latest iPhone", body=ON_TOPIC + " " + ON_TOPIC, published="2026-09-09")
    )
    story = tmp_path / "story.txt"
    story.write_text(f"{NEW.headline}\n\n{NEW.body}\n", encoding="utf-8")
    out = tmp_path / "article.json"
    result = run_newsdesk(
        "write", str(story), "--template", str(TINY_TEMPLATE), "--format", "json", "-o", str(out), db=db
    )
    assert result.returncode == 0, result.stderr.decode()
    sources = json.loads(out.read_text(encoding="utf-8"))["sources"]
    assert [s["title"] for s in sources[1:]] == ["Reviewers praise Apple's latest iPhone"]
