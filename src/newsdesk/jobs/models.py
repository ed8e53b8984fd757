"""The model a worker's jobs write with: loaded on the first job that asks for it and kept for the next ones."""

from __future__ import annotations

import threading
from collections.abc import Callable

from ..llm import Model, get_model
from ..llm.counting import CountingModel
from ..pipeline import Event

__all__ = ["WorkerModels"]


class WorkerModels:
    """One model in memory at a time, shared by a worker's concurrent jobs (a server model's client is
    thread-safe); each job's use of it is counted in that job's events."""

    def __init__(self, base_url: str | None, context_length: int | None):
        self.base_url, self.context_length = base_url, context_length
        self.loaded: dict[str, Model] = {}  # the model's spec ("": the default) -> the model
        self._lock = threading.Lock()

    def for_job(self, spec: str | None, on_event: Callable[[Event], None]) -> Model:
        """The model ``spec`` names (the default for None), its usage reported to ``on_event``."""
        spec = spec or ""
        with self._lock:
            if spec not in self.loaded:
                self.close()  # one model in memory at a time
                loaded = get_model(spec or None, base_url=self.base_url, context_length=self.context_length)
                self.loaded = {spec: loaded}
            model = self.loaded[spec]
        return CountingModel(model, lambda usage: on_event(Event("llm", "info", usage)))

    def close(self) -> None:
        for model in self.loaded.values():
            model.close()
        self.loaded = {}
