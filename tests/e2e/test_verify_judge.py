"""The LLM judge: which sentences it is asked about, how its batches are built and read, and its budget.

A capable server model keeps the numbered answer format ("1: Yes", "2: No") that the embedded 135M model cannot,
so these tests talk to a scripted OpenAI-compatible server on 127.0.0.1 through the real ``openai`` client and
``ServerModel``; tests/test_server_backend.py runs the same judge against llama-cpp-python's real server.
"""

from __future__ import annotations

import json
import math
import re
from http.server import BaseHTTPRequestHandler

import pytest

from conftest import FLOOD_STORY, flood_passages
from newsdesk.errors import ModelError
from newsdesk.llm.embedded import EmbeddedModel
from newsdesk.llm.session import Session
from newsdesk.pipeline import WriteOptions, judging
from newsdesk.verify import Judge, Verifier
from newsdesk.verify._judge import MAX_BATCH, Question, read_answers, uncertain
from support.servers import ThreadedServer, send_json

PASSAGES = flood_passages()
# Fact sentences at every distance from the line: copies, paraphrases, loose summaries, invented detail.
CANDIDATES = [
    "Abbott declared a disaster in 23 counties.",
    "Greg Abbott declared a disaster.",
    "The governor asked Washington for money after the floods.",
    "Officials said the floods were deadly in southern Texas.",
    "The state will seek federal help, Abbott said.",
    "Rain fell across southern Texas for less than a day.",
    "The storm system brought rain on Wednesday.",
    "Officials said the governor declared a disaster.",
    "The weather service warned of more rain.",
    "Abbott said the state would seek help from the federal government.",
    "More than a foot of rain fell in a day.",
    "The floods were caused by heavy rain in Texas.",
    "Texas officials counted the dead after the flash floods.",
    "The disaster covers many counties in Texas.",
    "The storm system could bring more rain on Thursday.",
    "Flash floods hit southern Texas.",
    "Officials said rain fell in southern Texas.",
    "The governor spoke about the floods.",
]


FREE_TEXT = "1. The recent announcement by the governor of Texas that a disaster was declared in 23 counties is a"


class ScriptedServer:
    """Answers chat completions like a capable model: one "N: Yes|No" line per numbered statement, with logprobs.

    ``no_words``: a statement containing one of them is answered No. ``mode``: "ok", "error" (HTTP 500),
    "no-logprobs" (a server that ignores the logprobs request) or "free-text" (a small model that writes on about
    the sources, with logprobs but no Yes or No, as SmolLM2 did in smoke test 40 #15)."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.no_words: tuple[str, ...] = ()
        self.confidence = 0.95
        self.mode = "ok"
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # the name is http.server's API
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                server.requests.append(body)
                if server.mode == "error":
                    self._send(500, {"error": {"message": "overloaded", "type": "server_error"}})
                    return
                self._send(200, server.answer(body))

            def _send(self, status: int, payload: dict) -> None:
                send_json(self, status, payload)

            def log_message(self, *_) -> None:
                pass

        self.served = ThreadedServer(Handler)
        self.url = self.served.url("/v1")

    def statements(self, body: dict) -> list[str]:
        user = body["messages"][-1]["content"]
        single = re.search(r"^Statement: (.+)$", user, re.MULTILINE)
        if single:
            return [single.group(1)]
        block = user.split("Statements:\n", 1)[1].split("\n\n", 1)[0]
        return [re.sub(r"^\d+\. ", "", line) for line in block.splitlines()]

    def answer(self, body: dict) -> dict:
        tokens, text = [], ""
        if self.mode == "free-text":
            for token in re.findall(r"\S+\s*", FREE_TEXT)[: body["max_tokens"]]:
                tokens.append({"token": token, "logprob": -0.5, "bytes": None, "top_logprobs": []})
                text += token
        for number, statement in enumerate(self.statements(body) if self.mode != "free-text" else [], 1):
            yes = not any(word in statement for word in self.no_words)
            p_yes = self.confidence if yes else 1 - self.confidence
            choice = " Yes" if yes else " No"
            alternatives = {" Yes": math.log(p_yes), " No": math.log(1 - p_yes)}
            for token in (str(number), ":", choice, "\n"):
                top = alternatives if token == choice else {token: 0.0}
                tokens.append(
                    {
                        "token": token,
                        "logprob": top[token],
                        "bytes": None,
                        "top_logprobs": [{"token": t, "logprob": lp, "bytes": None} for t, lp in top.items()],
                    }
                )
                text += token
        logprobs = None if self.mode == "no-logprobs" else {"content": tokens}
        return {
            "id": "x",
            "object": "chat.completion",
            "created": 0,
            "model": body["model"],
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": text},
                    "finish_reason": "stop",
                    "logprobs": logprobs,
                }
            ],
            "usage": {"prompt_tokens": 100, "completion_tokens": len(tokens), "total_tokens": 100 + len(tokens)},
        }

    def close(self) -> None:
        self.served.close()


@pytest.fixture
def server():
    scripted = ScriptedServer()
    yield scripted
    scripted.close()


def in_band(sentences: list[str]) -> list[str]:
    """The fact sentences the local checks leave uncertain (computed, so a re-fitted calibration keeps the test)."""
    local = Verifier()
    checks = [local.check(s, PASSAGES) for s in sentences]
    return [
        s
        for s, c in zip(sentences, checks, strict=True)
        if local.judge_band(c.signals["lexical"]) and c.decided_by == "score"
    ]


def test_read_answers_numbered_bare_and_explained() -> None:
    def tok(text, yes=None):
        alternatives = {text: 0.0} if yes is None else {" Yes": math.log(yes), " No": math.log(1 - yes)}
        return [text, alternatives]

    numbered = [tok("1"), tok(":"), tok(" Yes", 0.9), tok("\n"), tok("2"), tok(":"), tok(" No", 0.2), tok("\n")]
    assert read_answers(numbered, 2) == pytest.approx({1: 0.9, 2: 0.2})
    bare = [tok("Yes", 0.7), tok("\n"), tok("No", 0.1)]
    assert read_answers(bare, 2) == pytest.approx({1: 0.7, 2: 0.1})
    # an explanation after the answer is not read as another answer; statement 2 gets none
    explained = [tok("1"), tok("."), tok(" Yes", 0.8), tok(":"), tok(" no"), tok(" doubt"), tok(" about"), tok(" it")]
    assert read_answers(explained, 2) == pytest.approx({1: 0.8})
    assert read_answers([tok("The"), tok(" council"), tok(" voted")], 1) == {}


def test_band_is_around_the_line() -> None:
    assert uncertain(0.5, 0.5) and uncertain(0.3, 0.5) and uncertain(0.8, 0.5)
    assert not uncertain(0.02, 0.5) and not uncertain(0.99, 0.5)


def test_only_uncertain_facts_are_asked_in_one_call_with_one_prefix(server_model, server) -> None:
    band = in_band(CANDIDATES)
    sure = [s for s in CANDIDATES if s not in band]
    assert len(band) >= 2 and sure, band  # the pool must straddle the line for this test to mean anything
    judge = Judge(server_model("openai:judge", server.url))
    checks = Verifier(judge=judge).check_many(
        [(s, "fact") for s in CANDIDATES] + [("This could strain the state's response.", "analysis")], PASSAGES
    )
    assert len(server.requests) == judge.calls == math.ceil(len(band) / MAX_BATCH)
    asked = [s for request in server.requests for s in server.statements(request)]
    assert sorted(asked) == sorted(band), "asked about exactly the uncertain fact sentences"
    for request in server.requests:
        assert request["logprobs"] is True and request["temperature"] == 0
        assert all(source in request["messages"][-1]["content"] for source in FLOOD_STORY[:2])
    by_text = dict(zip(CANDIDATES, checks, strict=False))
    for sentence in band:
        assert by_text[sentence].signals["judge"] == pytest.approx(0.95)
        assert by_text[sentence].decided_by == "judge" and by_text[sentence].supported
    for sentence in sure:
        assert by_text[sentence].signals["judge"] is None and by_text[sentence].decided_by != "judge"
    assert checks[-1].signals["judge"] is None  # reasoning is judged on grounding, not entailment


def test_judge_says_no_and_the_sentence_fails(server_model, server) -> None:
    band = in_band(CANDIDATES)
    passing = [s for s in band if Verifier().check(s, PASSAGES).supported]
    failing = [s for s in band if not Verifier().check(s, PASSAGES).supported]
    assert passing and failing
    server.no_words = (passing[0],)  # the judge rejects one sentence the local score passed …
    verifier = Verifier(judge=server_model("openai:judge", server.url))
    checks = verifier.check_many([(passing[0], "fact"), (failing[0], "fact")], PASSAGES)
    assert checks[0].verdict == "unsupported" and checks[0].decided_by == "judge" and not checks[0].citations
    assert checks[1].supported and checks[1].citations  # … and vouches for one it failed


def test_batches_share_the_prefix_and_the_budget_holds(server_model, server) -> None:
    band = in_band(CANDIDATES)
    # enough uncertain sentences for two batches: each band sentence under a few attributions
    many = [f"{s[:-1]}, {who} said." for s in band for who in ("officials", "reporters", "residents", "aides")]
    many = in_band(many)
    assert len(many) > MAX_BATCH, len(many)
    model = server_model("openai:judge", server.url)
    unlimited = Judge(model)
    Verifier(judge=unlimited).check_many([(s, "fact") for s in many], PASSAGES)
    assert unlimited.calls == math.ceil(len(many) / MAX_BATCH) == len(server.requests)
    prefixes = {
        json.dumps(r["messages"][0]) + r["messages"][1]["content"].split("Statements:")[0] for r in server.requests
    }
    assert len(prefixes) == 1, "every batch starts with the same system message and source block"

    server.requests.clear()
    session = Session(model, max_calls=1)  # what is left of an article's budget
    checks = Verifier(judge=Judge(model, session)).check_many([(s, "fact") for s in many], PASSAGES)
    assert len(server.requests) == 1 and session.calls_made == 1
    judged = [c for c in checks if c.signals["judge"] is not None]
    skipped = [c for c in checks if "budget" in c.details.get("judge_error", "")]
    assert len(judged) == MAX_BATCH and len(skipped) == len(many) - MAX_BATCH
    assert all(c.decided_by != "judge" for c in skipped)


def test_hard_rules_are_never_sent_to_the_judge(server_model, server) -> None:
    verifier = Verifier(judge=server_model("openai:judge", server.url))
    check = verifier.check("Abbott declared a disaster in 40 counties.", PASSAGES)
    assert check.verdict != "supported" and server.requests == []
    assert check.decided_by in ("specifics", "contradiction") and check.signals["judge"] is None


@pytest.mark.parametrize("mode, message", [("error", "500"), ("no-logprobs", "no token probabilities")])
def test_server_trouble_falls_back_to_the_local_decision(server_model, server, mode, message) -> None:
    server.mode = mode
    sentence = in_band(CANDIDATES)[0]
    alone = Verifier().check(sentence, PASSAGES)
    check = Verifier(judge=server_model("openai:judge", server.url)).check(sentence, PASSAGES)
    assert (check.verdict, check.score) == (alone.verdict, alone.score)
    assert message in check.details["judge_error"] and check.signals["judge"] is None


def test_embedded_model_never_judges() -> None:
    assert EmbeddedModel.supports_probabilities is False
    model = EmbeddedModel.__new__(EmbeddedModel)  # the declared capability, without loading the weights
    assert not judging(WriteOptions(), model)
    with pytest.raises(ModelError):
        Judge(model)


def test_no_judge_option_turns_it_off(server_model, server) -> None:
    model = server_model("openai:judge", server.url)
    assert judging(WriteOptions(), model) and not judging(WriteOptions(judge=False), model)
    assert not judging(WriteOptions(verify=False), model)


def test_a_judge_whose_call_answers_no_sentence_is_asked_nothing_more(server_model, server) -> None:
    """Smoke test 40 #15: SmolLM2 on llama.cpp answers the judge with free text, so every call of a run (two, 45 s)
    was spent for nothing. After one call that answers none of its sentences, the judge asks nothing more: not the
    call's later batches, not the re-check after the rewrites. The warning says so, in words that fit any number
    of sentences, and suggests --no-judge."""
    server.mode = "free-text"
    judge = Judge(server_model("openai:judge", server.url))
    sentences = [f"The floods closed road {n} in southern Texas." for n in range(MAX_BATCH + 5)]  # two batches
    first = judge.judge([Question(s, [PASSAGES[0].text]) for s in sentences])
    again = judge.judge([Question(s, [PASSAGES[0].text]) for s in sentences[:3]])  # what a re-check asks
    assert len(server.requests) == 1 and judge.calls == 1 and judge.stopped
    assert all(a.probability is None for a in first + again)
    assert judge.shortfall() == (
        f"the judge gave no usable answer for {MAX_BATCH} of the {MAX_BATCH} uncertain sentences it was asked about "
        "(the model's answer held no Yes or No; it was asked nothing more); the word checks alone decided them"
    )
    assert "--no-judge" in judge.advice()


def test_a_server_without_logprobs_is_asked_once(server_model, server) -> None:
    server.mode = "no-logprobs"
    model = server_model("openai:judge", server.url)
    band = in_band(CANDIDATES)
    Verifier(judge=model).check_many([(s, "fact") for s in band], PASSAGES)
    assert len(server.requests) == 1 and model.supports_probabilities is False
    assert not judging(WriteOptions(), model), "the next article of this process does not try again"


def test_verify_command_asks_the_judge_and_closes_it(server, tmp_path, monkeypatch) -> None:
    """``newsdesk verify --judge`` sends the uncertain sentences to the server, then closes the judge's model: its
    client holds a pool of connections, which the garbage collector would otherwise close (with a warning), or not
    at all in a long-lived process."""
    from click.testing import CliRunner

    from newsdesk.cli import cli
    from newsdesk.llm.server import ServerModel

    closed: list[ServerModel] = []
    close = ServerModel.close

    def recording_close(model: ServerModel) -> None:
        closed.append(model)
        close(model)

    monkeypatch.setattr(ServerModel, "close", recording_close)
    story = tmp_path / "story.txt"
    story.write_text("Texas floods\n\n" + "\n\n".join(FLOOD_STORY), encoding="utf-8")
    draft = tmp_path / "draft.md"
    draft.write_text(" ".join(CANDIDATES), encoding="utf-8")
    args = ["verify", "-s", str(story), "--text", str(draft), "--format", "json"]
    result = CliRunner().invoke(cli, [*args, "--judge", "openai:judge", "--base-url", server.url])
    assert result.exit_code == 0, result.output
    deciders = [s["decided_by"] for s in json.loads(result.output)["sentences"]]
    assert server.requests and "judge" in deciders
    assert len(closed) == 1 and closed[0]._client.is_closed()


def test_a_judge_that_cannot_be_reached_is_reported(tmp_path) -> None:
    """The local checks decide when the judge gives no answer (documented); the command says so on stderr, or a
    dead server would look like a judge that had nothing to say."""
    from click.testing import CliRunner

    from newsdesk.cli import cli
    from support.servers import free_port

    assert in_band(CANDIDATES)  # some sentences are sent to the judge
    story = tmp_path / "story.txt"
    story.write_text("Texas floods\n\n" + "\n\n".join(FLOOD_STORY), encoding="utf-8")
    draft = tmp_path / "draft.md"
    draft.write_text(" ".join(CANDIDATES), encoding="utf-8")
    dead = f"http://127.0.0.1:{free_port()}/v1"  # nothing listens there
    args = ["verify", "-s", str(story), "--text", str(draft), "--judge", "openai:judge", "--base-url", dead]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "warning: the judge gave no answer" in result.stderr, result.stderr
