"""What one structural check returns."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FAIL", "NOT_APPLICABLE", "OK", "FactResult"]

OK, FAIL, NOT_APPLICABLE = "ok", "fail", "n/a"


@dataclass(frozen=True)
class FactResult:
    """A named check's outcome for one sentence: ``ok``, ``fail`` or ``n/a`` (nothing for it to check), and why."""

    name: str
    outcome: str
    reason: str = ""
    verdict: str = "contradicted"  # what a failure makes the sentence: contradicted | unsupported

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


def fail(name: str, reason: str, verdict: str = "contradicted") -> FactResult:
    return FactResult(name, FAIL, reason, verdict)
