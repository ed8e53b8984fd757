"""The optional LLM judge: an entailment question whose answer is read from token probabilities.

The judge never writes free text: ``Model.choice_probabilities`` gives P("Yes") against P("No") for the next
token, which is a number the verifier can mix with its own score. It is meant for capable server models; the
embedded 135M model is too small to judge entailment and the default verifier works without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import ModelError

if TYPE_CHECKING:
    from ..llm import Model

__all__ = ["Judge"]

SYSTEM = "You check statements against news sources. Answer with one word: Yes or No."
QUESTION = ("Source:\n{evidence}\n\nStatement: {sentence}\n\n"
            "Is every detail of the statement supported by the source? Answer Yes or No.")
MAX_EVIDENCE_CHARS = 2500


class Judge:
    def __init__(self, model: Model):
        if not getattr(model, "supports_probabilities", False):
            raise ModelError(f"the {model.backend} model cannot read token probabilities, so it cannot judge")
        self.model = model
        self._cache: dict[tuple[str, str], float] = {}
        self.calls = 0

    def probability(self, sentence: str, evidence: str) -> float:
        """P(the evidence supports the sentence), from the model's Yes/No next-token probabilities."""
        evidence = evidence[:MAX_EVIDENCE_CHARS]
        key = (sentence, evidence)
        if key not in self._cache:
            messages = [
                {"role": "system", "content": SYSTEM},
                {"role": "user", "content": QUESTION.format(evidence=evidence, sentence=sentence)},
            ]
            probabilities = self.model.choice_probabilities(messages, ["Yes", "No"])
            self.calls += 1
            yes, no = probabilities.get("Yes", 0.0), probabilities.get("No", 0.0)
            self._cache[key] = yes / (yes + no) if yes + no > 0 else 0.5
        return self._cache[key]
