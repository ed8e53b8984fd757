"""End to end: the final article carries no number, date or quotation that its cited sources lack."""

from __future__ import annotations

import re
import sqlite3

from conftest import load_json

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
QUOTED = re.compile(r"[\"“]([^\"”]{3,})[\"”]")


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("“", '"').replace("”", '"').split()).lower()


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in NUMBER.findall(text)}


def test_every_number_date_and_quote_is_in_a_cited_source(example_article):
    db, out, _ = example_article
    article = load_json(out)
    connection = sqlite3.connect(db)
    passage_text = dict(connection.execute("SELECT id, text FROM passages"))
    story_text = " ".join(passage_text.values())
    sentences = [
        s
        for section in [article["intro"], *article["sections"]]
        for b in section["blocks"]
        if b["type"] != "subheading"
        for s in b["sentences"]
    ]
    assert sentences, "the article kept no sentence at all"
    for sentence in sentences:
        if sentence["verdict"] is None:
            continue
        cited = " ".join(passage_text.get(c["passage_id"], c["quote"]) for c in sentence["citations"])
        missing = _numbers(sentence["text"]) - _numbers(cited)
        assert not missing, f"{sentence['text']!r} has {missing} that its citations lack"
        for quote in QUOTED.findall(sentence["text"]):
            assert _norm(quote) in _norm(cited), f"quotation {quote!r} is not in its cited source"
    for line in (article["title"], article["dek"]):
        assert _numbers(line) <= _numbers(story_text), f"{line!r} carries a number the story lacks"


def test_every_fact_sentence_is_cited_and_supported(example_article):
    _, out, _ = example_article
    article = load_json(out)
    facts = [
        s
        for section in [article["intro"], *article["sections"]]
        for b in section["blocks"]
        for s in b["sentences"]
        if s["claim_kind"] == "fact"
    ]
    assert facts
    for sentence in facts:
        assert sentence["verdict"] == "supported", sentence
        assert sentence["citations"], f"fact sentence without a citation: {sentence['text']!r}"
        for citation in sentence["citations"]:
            assert 1 <= citation["source"] <= len(article["sources"])
            assert citation["quote"].strip()


def test_dropped_sentences_carry_their_reason(example_article):
    _, out, _ = example_article
    article = load_json(out)
    for dropped in article["dropped"]:
        assert dropped["reason"] and dropped["text"] and dropped["section"]
