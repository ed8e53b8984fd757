"""The optional LLM judge, with a stand-in for a remote server model (the only fake in the verifier's tests)."""

from __future__ import annotations

import pytest

from newsdesk.errors import ModelError
from newsdesk.llm import Completion, Model
from newsdesk.models import Passage
from newsdesk.verify import Verifier

PASSAGES = [Passage(text="Governor Greg Abbott declared a disaster in 23 counties on Wednesday.", source_number=1)]


class ServerStandIn(Model):
    """Answers like an OpenAI-compatible server that returns fixed Yes/No token probabilities."""

    backend = "openai"
    name = "stand-in"
    supports_probabilities = True

    def __init__(self, yes: float, fail: bool = False):
        self.yes, self.fail, self.asked = yes, fail, []

    def chat(self, messages, **_):
        return Completion(text="")

    def choice_probabilities(self, messages, choices):
        if self.fail:
            raise ModelError("the model server at http://127.0.0.1:9 timed out")
        self.asked.append(messages[-1]["content"])
        return {"Yes": self.yes, "No": 1 - self.yes}


def test_judge_moves_the_score_both_ways() -> None:
    sentence = "Abbott declared a disaster in 23 counties."
    alone = Verifier().check(sentence, PASSAGES)
    doubtful = ServerStandIn(yes=0.02)
    assert Verifier(judge=doubtful).check(sentence, PASSAGES).score < alone.score
    confident = Verifier(judge=ServerStandIn(yes=0.98)).check(sentence, PASSAGES)
    assert confident.score > alone.score and confident.details["judge"] == 0.98
    assert "Governor Greg Abbott" in doubtful.asked[0] and sentence in doubtful.asked[0]


def test_judge_not_asked_when_a_specific_is_missing() -> None:
    judge = ServerStandIn(yes=0.99)
    check = Verifier(judge=judge).check("Abbott declared a disaster in 40 counties.", PASSAGES)
    assert check.verdict != "supported" and judge.asked == []


def test_judge_failure_falls_back_to_lexical() -> None:
    check = Verifier(judge=ServerStandIn(yes=0.5, fail=True)).check("Abbott declared a disaster in 23 counties.",
                                                                     PASSAGES)
    assert check.verdict == "supported" and "timed out" in check.details["judge_error"]


def test_judge_needs_probabilities() -> None:
    model = ServerStandIn(yes=0.5)
    model.supports_probabilities = False
    with pytest.raises(ModelError):
        Verifier(judge=model)
