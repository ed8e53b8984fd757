"""A long model call reports how far it has got: the embedded model counts the tokens it writes through the run's
heartbeat (``progress.tick``), so a rewrite call of minutes is not minutes of silence (smoke test 45 F18). The real
embedded model; the heartbeat's interval set to zero so that every token may report."""

from __future__ import annotations

from typing import Any

from newsdesk.llm.embedded import EmbeddedModel
from newsdesk.progress import heartbeat


def test_the_embedded_model_reports_the_tokens_it_writes() -> None:
    events: list[tuple[str, str, dict[str, Any]]] = []
    model = EmbeddedModel.from_spec("smollm2")
    with heartbeat(lambda stage, status, **data: events.append((stage, status, data)), every=0.0) as emit:
        emit("write", "start")
        completion = model.chat([{"role": "user", "content": "Name three rivers of Europe."}], max_tokens=24)
    counts = [data["task"] for stage, status, data in events if status == "progress"]
    assert completion.completion_tokens > 1
    assert counts and all(stage == "write" for stage, status, _ in events if status == "progress")
    assert counts[-1].startswith("The model is writing:") and counts[-1].endswith("tokens so far")
    # the count grows with the answer, and never passes what the call reports it wrote
    numbers = [int(task.split(": ")[1].split()[0].replace(",", "")) for task in counts]
    assert numbers == sorted(numbers) and numbers[-1] <= completion.completion_tokens
