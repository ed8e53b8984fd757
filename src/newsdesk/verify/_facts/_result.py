"""What one structural check returns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["FAIL", "NOT_APPLICABLE", "OK", "FactResult", "FailVerdict"]

OK, FAIL, NOT_APPLICABLE = "ok", "fail", "n/a"

#: what a failed check makes the sentence
FailVerdict = Literal["contradicted", "unsupported"]


@dataclass(frozen=True)
class FactResult:
    """A named check's outcome for one sentence: ``ok``, ``fail`` or ``n/a`` (nothing for it to check), and why."""

    name: str
    outcome: str
    reason: str = ""
    verdict: FailVerdict = "contradicted"  # what a failure makes the sentence

    @property
    def failed(self) -> bool:
        return self.outcome == FAIL

    def to_dict(self) -> dict[str, str]:
        out = {"name": self.name, "outcome": self.outcome}
        if self.reason:
            out["reason"] = self.reason
        return out


def ok(name: str, reason: str = "") -> FactResult:
    return FactResult(name, OK, reason)


def not_applicable(name: str) -> FactResult:
    return FactResult(name, NOT_APPLICABLE)


def fail(name: str, reason: str, verdict: FailVerdict = "contradicted") -> FactResult:
    return FactResult(name, FAIL, reason, verdict)
