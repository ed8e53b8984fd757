"""Sentence embeddings with the real all-MiniLM-L6-v2 (int8 ONNX) model: meaning, batching, caches, the archive."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsdesk.archive import open_archive
from newsdesk.llm.embed import DIMENSION, Encoder, encoder, text_key
from newsdesk.models import Passage
from newsdesk.verify import Verifier

SOURCE = "The United Kingdom will leave the European Union at the end of March, the prime minister said."
PARAPHRASE = "Britain is set to exit the EU in late March, according to the prime minister."
UNRELATED = "The chess champion retired on Sunday after twenty years at the top of the game."


@pytest.fixture(scope="module")
def model() -> Encoder:
    return encoder()


def test_vectors_are_unit_length_and_a_paraphrase_is_closest(model: Encoder) -> None:
    vectors = model.encode([SOURCE, PARAPHRASE, UNRELATED])
    assert vectors.shape == (3, DIMENSION) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    similarity = vectors @ vectors[0]
    assert similarity[1] > 0.6 > 0.2 > similarity[2], similarity


def test_batching_and_the_cache_give_the_same_vectors(model: Encoder) -> None:
    texts = [f"Sentence number {i} about the budget vote in parliament." for i in range(40)] + [SOURCE]
    batched = model.encode(texts)
    fresh = Encoder(threads=1)
    one_by_one = np.vstack([fresh.encode([t]) for t in texts])
    assert np.allclose(batched, one_by_one, atol=1e-4)  # padding in a batch does not change a vector
    assert np.array_equal(model.encode([SOURCE, SOURCE]), np.vstack([batched[-1], batched[-1]]))


def test_batches_run_side_by_side_give_each_text_its_own_vector() -> None:
    # lengths vary so that sorting by length reorders the texts and the batches land on different threads
    texts = [" ".join([f"word{i}"] * (1 + (i * 7) % 23)) + f" ends sentence {i}." for i in range(30)]
    texts += [SOURCE, UNRELATED]
    side_by_side = Encoder(threads=2).encode(texts)
    one_thread = Encoder(threads=1).encode(texts)
    assert np.array_equal(side_by_side, one_thread)
    similarity = side_by_side @ Encoder(threads=1).encode([SOURCE])[0]
    assert int(np.argmax(similarity)) == len(texts) - 2  # a vector stays with its text


def test_the_archive_keeps_vectors_between_processes(tmp_path: Path, model: Encoder) -> None:
    archive = open_archive(tmp_path / "newsdesk.db")
    first = Encoder(threads=1).encode([SOURCE, PARAPHRASE], store=archive)
    stored = archive.get_vectors([text_key(SOURCE), text_key(PARAPHRASE)])
    assert set(stored) == {text_key(SOURCE), text_key(PARAPHRASE)}
    assert np.array_equal(np.frombuffer(stored[text_key(SOURCE)], dtype=np.float32), first[0])
    # a planted vector proves that a new encoder reads the store instead of running the model
    planted = np.zeros(DIMENSION, dtype=np.float32)
    planted[0] = 1.0
    archive.db.execute("UPDATE text_vectors SET vector = ? WHERE key = ?", (planted.tobytes(), text_key(SOURCE)))
    assert np.array_equal(Encoder(threads=1).encode([SOURCE], store=archive)[0], planted)


def test_semantic_evidence_finds_a_paraphrase(model: Encoder) -> None:
    passages = [Passage(text="Officials met on Monday to discuss the harbour. " + SOURCE, position=0, source_number=1)]
    check = Verifier().check(PARAPHRASE, passages)
    assert check.details["semantic"] > 0.6
    assert "European Union" in (check.citations[0].quote if check.citations else check.details["evidence"][0]["quote"])
    assert Verifier(semantic=False).check(PARAPHRASE, passages).details["semantic"] == 0.0
