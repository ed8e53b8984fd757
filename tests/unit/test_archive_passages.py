"""Passages are cut from any body, however long its paragraphs, without losing text."""

import re

from newsdesk.archive import PASSAGE_MAX_CHARS, split_passages


def _words(text: str) -> list[str]:
    return re.findall(r"\S+", text)


def test_a_paragraph_over_the_passage_size_is_cut_at_sentences():
    body = "The council met on Tuesday to discuss the plan. " * 26
    passages = split_passages(body)
    assert len(passages) > 1
    assert all(len(p) <= PASSAGE_MAX_CHARS for p in passages)
    assert all(p.endswith("plan.") for p in passages)
    assert _words(" ".join(passages)) == _words(body)


def test_closing_quotes_stay_with_their_sentence():
    body = ('He said "we will win." ' * 80) + "Then he left."
    passages = split_passages(body)
    assert all(not p.startswith('"') for p in passages)
    assert _words(" ".join(passages)) == _words(body)


def test_a_run_on_with_no_sentence_end_is_still_bounded():
    body = "word " * 2000 + "x" * 5000
    passages = split_passages(body)
    assert all(len(p) <= PASSAGE_MAX_CHARS for p in passages)
    assert "".join(_words(" ".join(passages))) == "".join(_words(body))
