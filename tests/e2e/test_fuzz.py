"""Fuzzing (issue 9): generated and mutated pages, feeds and JSON stories through extraction, feed ingest, the
archive (the pipeline's storage stage, no model call) and the API. Seeded, so a failure replays; about a minute on
2 cores. Any traceback, any error that is not one line, any input that is neither read nor refused fails. Time is
not asserted here (a loaded machine is not a defect): the parse deadline itself is tested in ``test_hostile.py``,
and ``python bench/fuzz.py`` runs the full-size campaign against the 10 s budget per input (thousands of inputs,
peak memory).
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsdesk.archive import open_archive
from newsdesk.web import Settings, create_app
from support.fuzz_inputs import KINDS, run_one

SEED = int(os.environ.get("NEWSDESK_FUZZ_SEED", "20261127"))
INPUTS_PER_KIND = int(os.environ.get("NEWSDESK_FUZZ_INPUTS", "120"))


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    settings = Settings(db=tmp_path_factory.mktemp("fuzz-api") / "web.db", background=False)
    return TestClient(create_app(settings), base_url="http://127.0.0.1:8000", raise_server_exceptions=False)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_fuzzed_inputs_are_read_or_refused(kind: str, tmp_path: Path, client: TestClient):
    rng = random.Random(f"{SEED}-{kind}")
    archive = open_archive(tmp_path / "fuzz.db")
    failures, outcomes = [], {"ok": 0, "refused": 0}
    for number in range(INPUTS_PER_KIND):
        data = KINDS[kind](rng)
        outcome, seconds, detail = run_one(kind, data, archive, client, budget=None)
        if outcome in outcomes:
            outcomes[outcome] += 1
        else:
            failures.append(
                f"{kind} #{number} (seed {SEED}, {len(data):,} bytes): {outcome} after {seconds:.1f} s\n{detail}"
            )
    assert not failures, "\n\n".join(failures[:5])
    assert outcomes["ok"] > 0, f"no {kind} was read at all: the generator or the reader is broken"


@pytest.mark.parametrize(
    "path",
    [
        "/api/jobs/{}",
        "/api/articles/{}",
        "/api/articles/{}?format=html",
        "/api/feeds/{}",
        "/articles/{}",
        "/jobs/{}",
        "/api/jobs/999999999/events?after={}",
    ],
)
def test_fuzzed_ids_are_answered_below_500(path: str, client: TestClient):
    rng = random.Random(f"{SEED}-{path}")
    values = [
        str(2**63),
        str(2**63 - 1),
        str(-(2**63)),
        "0",
        "-0",
        "1e9",
        "0x10",
        "%00",
        "١٢",
        "1" * 400,
        "NaN",
        "%F0%9F%98%80",
        "..%2F..",
        "1.0",
        " 1",
    ]
    # No stream of a job that exists: it lasts until the job ends, and no worker runs here.
    for value in values + [str(rng.randint(-(2**70), 2**70)) for _ in range(20)]:
        response = client.get(path.format(value), headers={"accept": "application/json"})
        assert response.status_code < 500, (path.format(value), response.status_code, response.text[:200])
