"""bench/contrast.py: its edits do what they say on parsed sentences, and its sample is well-formed and fixed by
the seed. Not a quality floor: the checker's figures on the contrast sets are gated in tests/test_verify_gate.py."""

from __future__ import annotations

import sys
from pathlib import Path
from random import Random

from conftest import need_shared
from newsdesk.eval.devdata import shared_data_dir
from newsdesk.language import nlp

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import contrast  # noqa: E402 - after sys.path.insert
import contrast_breaks as breaks  # noqa: E402 - after sys.path.insert
import contrast_edits as edits  # noqa: E402 - after sys.path.insert
import contrast_fair as fair  # noqa: E402 - after sys.path.insert

DATA = shared_data_dir()
SOURCE = [
    "Mayor Ana Ruiz said on Monday that the council approved the plan.",
    "The city spent $1.5 million on 12 new buses in 2023, Ruiz said.",
    "Ruiz said the bridge may reopen in March.",
    "Tom Berg, the finance director, said some residents opposed the plan.",
    "After the vote, the council approved the plan.",
    "The council approved the plan.",
]


def _edit(edit, index: int) -> str | None:
    docs = list(nlp().pipe(SOURCE))
    for number, doc in enumerate(docs):
        doc.user_data["index"] = number
    return edit(docs[index], edits.build_context(docs), Random(0))


def test_fair_edits_keep_the_words_and_change_the_form() -> None:
    assert _edit(fair.number, 1) in (
        "The city spent $1,500,000 on 12 new buses in 2023, Ruiz said.",
        "The city spent $1.5 million on twelve new buses in 2023, Ruiz said.",
    )
    assert _edit(fair.passive, 5) == "The plan was approved by the council."
    assert _edit(fair.passive, 0) is None  # a speech verb with a clause is no transitive verb to turn round
    assert _edit(fair.reorder, 4) == "The council approved the plan after the vote."


def test_broken_edits_change_what_is_asserted() -> None:
    assert _edit(breaks.hedge, 2) == "Ruiz said the bridge will reopen in March."
    assert _edit(breaks.scope, 3) == "Tom Berg, the finance director, said all residents opposed the plan."
    negated = _edit(breaks.negation, 0)
    assert negated == "Mayor Ana Ruiz said on Monday that the council did not approve the plan."
    assert _edit(breaks.speaker, 1) == "The city spent $1.5 million on 12 new buses in 2023, Tom Berg said."
    assert _edit(breaks.date, 2) != SOURCE[2] and "March" not in _edit(breaks.date, 2)
    assert _edit(breaks.antonym, 3) == "Tom Berg, the finance director, said some residents supported the plan."


def test_a_sample_is_well_formed_and_fixed_by_its_seed() -> None:
    need_shared(DATA / "verify")
    docs = contrast.documents(DATA)
    first = list(contrast.generate(DATA, seed=5, limit=8, docs=docs))
    again = list(contrast.generate(DATA, seed=5, limit=8, docs=docs))
    assert [t for t, _ in first] == [t for t, _ in again]
    assert len(first) == 8
    for triple, passages in first:
        assert any(triple.sentence in p.text for p in passages)  # the source sentence is in its passages
        assert triple.variants[0].edit == "copy" and triple.variants[0].text == triple.sentence
        texts = [v.text for v in triple.variants]
        assert len(texts) == len(set(texts))  # no variant twice, none equal to the sentence but the copy
        assert any(not v.fair for v in triple.variants)
        assert {v.edit for v in triple.variants} <= {"copy", *fair.FAIR, *breaks.BROKEN}
    other = [t.sentence for t, _ in contrast.generate(DATA, seed=6, limit=8, docs=docs)]
    assert other != [t.sentence for t, _ in first]
    assert not any(d.key.startswith("page-") and d.key[5:] in {"bbc-1", "cnn"} for d in docs)  # articles' pages
