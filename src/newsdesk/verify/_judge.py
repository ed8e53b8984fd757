"""The LLM judge: entailment questions whose answers are read from token probabilities.

The judge never writes free text the verifier has to trust: each answer is P("Yes") against P("No") at the token
where the model answers, a number the verifier mixes with its own score. It asks only about the sentences the
local checks leave uncertain (``uncertain``: a band around the decision line), several sentences per call, and
every call of one article starts with the same system message and the same source block, so a server with a
prefix cache (vLLM, llama.cpp, OpenAI) evaluates the sources once. Calls go through the article's ``Session``:
they are cached, recorded (purpose ``judge``) and count against the article's call budget.

It is meant for capable server models, which declare ``supports_probabilities``; the embedded 135M model is too
small to judge entailment and declares nothing, so the judge stays off with it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import ModelError
from ..llm import ProbabilitiesUnavailable
from ..llm.session import BudgetExceeded, Session
from ._score import calibrated, logit

if TYPE_CHECKING:
    from ..llm import Model
    from ._claim import Claim, Decision, Stage

__all__ = ["BAND_LOGITS", "JUDGED_KINDS", "Answer", "Judge", "JudgeCheck", "Question", "read_answers", "uncertain"]

#: How far (in logit units) a sentence's support score may sit from the decision line and still be asked about:
#: 2.0 is the band 0.12 .. 0.88 around a line at 0.5. Outside it the local checks are sure enough.
BAND_LOGITS = 2.0
#: Kinds that assert facts. Reasoning (analysis, outlook, opinion) is judged on grounding, not entailment.
JUDGED_KINDS = ("fact", "summary")
MAX_BATCH = 12  # statements per call: one short answer line each
MAX_SOURCE_CHARS = 6000  # the shared source block, about 1,500 tokens
TOKENS_PER_ANSWER = 5  # "12: Yes\n" is four or five tokens
#: Why a sentence has no answer when the judge's answer held no Yes or No for it; said of one sentence or of many.
NO_ANSWER = "the model's answer held no Yes or No"
#: Why a sentence was not asked at all: the judge stopped, after a call that answered none of its sentences.
STOPPED = "the judge stopped after a call with no usable answer"

SYSTEM = (
    "You check statements against news sources. Answer Yes if the sources support every detail of a "
    "statement, No otherwise."
)
QUESTIONS = (
    "Sources:\n{sources}\n\nStatements:\n{statements}\n\n"
    "Is every detail of each statement supported by the sources? Answer one line per statement: its "
    'number and one word, like "1: Yes" or "1: No".'
)
# One statement alone is asked the plain way, so that even a model that will not keep a format answers first.
QUESTION = (
    "Sources:\n{sources}\n\nStatement: {statement}\n\n"
    "Is every detail of the statement supported by the sources? Answer Yes or No."
)

_ANSWER_LEAD = re.compile(r"^\s*(?:statement\s*)?(\d{1,3})?\s*[.:)\-]*\s*$", re.IGNORECASE)


def uncertain(score: float, threshold: float, band: float = BAND_LOGITS) -> bool:
    """Whether a support score sits close enough to the decision line for the judge to be asked."""
    return abs(logit(score) - logit(threshold)) <= band


@dataclass
class Question:
    sentence: str
    evidence: list[str]  # the passages holding the sentence's best evidence, best first


@dataclass
class Answer:
    probability: float | None  # P(the sources support the sentence); None when no answer could be read
    note: str = ""  # why there is no probability: an error, a spent budget, an answer the model did not give


class Judge:
    def __init__(self, model: Model, session: Session | None = None):
        if not getattr(model, "supports_probabilities", False):
            raise ModelError(f"the {model.backend} model cannot read token probabilities, so it cannot judge")
        self.model = model
        self.session = session if session is not None else Session(model)
        self.calls = 0  # judge calls made (cache hits included): what the article's stats report
        self.seconds = 0.0  # time spent waiting for the model (not verification time)
        self.asked = 0  # sentences put to the judge ...
        self.unanswered: list[str] = []  # ... and why each it gave no answer for was not answered
        # A model that answers a whole call with no usable Yes or No (a small model writing free text to the length
        # limit) will answer the next call the same way: it is asked nothing more in this run, so the rest of the
        # article's judge budget, and the time of a call that cannot help, are not spent on it.
        self.stopped = False

    def judge(self, questions: list[Question]) -> list[Answer]:
        """One answer per question, asked in batches that share the system message and the source block."""
        answers: list[Answer] = [Answer(None, "not asked")] * len(questions)
        if not questions:
            return answers
        if self.stopped:
            return [Answer(None, STOPPED)] * len(questions)
        sources = _source_block(questions, self._source_chars())
        for start in range(0, len(questions), MAX_BATCH):
            batch = questions[start : start + MAX_BATCH]
            ask = _ask(sources, batch, alone=len(questions) == 1)
            messages = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": ask}]
            try:
                completion = self.session.token_probabilities(
                    messages, purpose="judge", max_tokens=TOKENS_PER_ANSWER * len(batch) + 8
                )
            except BudgetExceeded:
                answers[start:] = [Answer(None, "the article's call budget is spent")] * (len(questions) - start)
                break
            except ProbabilitiesUnavailable as error:
                # the server ignores logprobs: asking again would waste the budget, in this run and the next; the
                # call was made and spent all the same, so it counts among the judge's calls
                self.calls += 1
                self.model.supports_probabilities = False
                self.stopped = True
                answers[start:] = [Answer(None, str(error))] * (len(questions) - start)
                break
            except ModelError as error:
                answers[start : start + len(batch)] = [Answer(None, str(error))] * len(batch)
                continue
            self.calls += 1
            self.seconds += completion.seconds
            tokens = completion.extra.get("tokens") or []
            read = read_answers(tokens, len(batch))
            if len(batch) == 1 and 1 not in read and tokens:
                # the model began with something else: its first token still ranks Yes against No
                first = _p_yes(tokens[0][1], "")
                if first is not None:
                    read[1] = first
            for n in range(len(batch)):
                p = read.get(n + 1)
                answers[start + n] = Answer(p, "" if p is not None else NO_ANSWER)
            if not read:  # not one sentence of the call answered: stop, the later batches included
                self.stopped = True
                answers[start + len(batch) :] = [Answer(None, STOPPED)] * (len(questions) - start - len(batch))
                break
        asked = [a for a in answers if a.note != STOPPED]
        self.asked += len(asked)
        self.unanswered += [a.note for a in asked if a.probability is None]
        return answers

    def shortfall(self) -> str | None:
        """One line when the judge left sentences it was asked about unanswered (they were decided by the local
        checks alone), with the commonest reason; None when it answered every one."""
        if not self.unanswered:
            return None
        reason = max(set(self.unanswered), key=self.unanswered.count)
        stopped = "; it was asked nothing more" if self.stopped else ""
        return (
            f"the judge gave no usable answer for {len(self.unanswered)} of the {self.asked} uncertain sentences it"
            f" was asked about ({reason}{stopped}); the word checks alone decided them"
        )

    def advice(self) -> str:
        """What the user can do about a judge that stopped (``stopped``), for the run's warning; "" otherwise. The
        article's note leaves it out: it tells a reader what was checked, not how to run newsdesk."""
        if not self.stopped:
            return ""
        return "this model does not judge: --no-judge (or NEWSDESK_JUDGE=0) saves its calls and their time"

    def probability(self, sentence: str, evidence: str) -> float:
        """P(the evidence supports the sentence) for one sentence; raises ModelError when no answer is read."""
        answer = self.judge([Question(sentence, [evidence])])[0]
        if answer.probability is None:
            raise ModelError(f"the judge could not answer: {answer.note}")
        return answer.probability

    def _source_chars(self) -> int:
        # leave room for the statements and the answers in a small context (four characters a token, roughly)
        return max(1000, min(MAX_SOURCE_CHARS, (self.model.context_length - 1200) * 3))


class JudgeCheck:
    """The judge as a check of the decide stage. Before it answers for any sentence it sees the whole batch: the
    sentences no veto failed, of a kind that asserts facts, with evidence, and near the line are ``uncertain``;
    with a judge they are asked together, most uncertain first, so that a small call budget is spent where the
    local checks are least sure. A sentence the judge answered is decided on the local probability mixed with
    its P(yes); one it did not answer (no judge, an error, a spent budget) is left to the next decider."""

    name = "judge"
    stage: Stage = "decide"
    label = "the model's entailment judgement"

    def prepare(self, claims: list[Claim], judge: Judge | None) -> None:
        for claim in claims:
            claim.uncertain = (
                claim.kind in JUDGED_KINDS and bool(claim.m.evidence) and uncertain(claim.relative, claim.threshold)
            )
        if judge is None:
            return
        asked = sorted((c for c in claims if c.uncertain), key=lambda c: abs(logit(c.relative) - logit(c.threshold)))
        answers = judge.judge([Question(c.sentence, c.evidence_texts()) for c in asked])
        for claim, answer in zip(asked, answers, strict=True):
            claim.judged = answer.probability
            claim.judge_note = answer.note if answer.probability is None else ""

    def __call__(self, claim: Claim) -> Decision | None:
        return calibrated(claim) if claim.judged is not None else None


def _ask(sources: str, batch: list[Question], alone: bool) -> str:
    """The user message of one batch. A lone question (``alone``: the only one of its judging call) is asked
    plainly; otherwise every batch, a last batch of one included, uses the numbered layout, so that all the batches
    of a call share one prefix (the server's prompt cache reuses it)."""
    if alone:
        return QUESTION.format(sources=sources, statement=" ".join(batch[0].sentence.split()))
    statements = "\n".join(f"{n}. {' '.join(q.sentence.split())}" for n, q in enumerate(batch, 1))
    return QUESTIONS.format(sources=sources, statements=statements)


def _source_block(questions: list[Question], limit: int) -> str:
    """Every question's evidence once, in the order the questions need it, within ``limit`` characters."""
    seen: list[str] = []
    size = 0
    for question in questions:
        for passage in question.evidence:
            passage = " ".join(passage.split())
            if not passage or passage in seen:
                continue
            if size + len(passage) > limit:
                passage = passage[: max(0, limit - size)]
                if len(passage) < 200:
                    continue
            seen.append(passage)
            size += len(passage) + 2
    return "\n\n".join(seen)


def read_answers(tokens: list[list[Any]], count: int) -> dict[int, float]:
    """Statement number -> P(Yes), read at the Yes/No token that opens each answer line.

    ``tokens`` is ``[[token, {alternative: logprob}], ...]`` as ``Model.token_probabilities`` returns it. A line
    may name its statement ("2: No"); a line that does not answers the next unanswered statement. Only the first
    Yes/No of a line counts, and only when nothing but the number precedes it, so a model that explains itself
    ("1. Yes: the council voted …") is read for its answer and not for its explanation.
    """
    answers: dict[int, float] = {}
    line = ""
    answered_line = False
    for token, alternatives in tokens:
        for piece_number, piece in enumerate(str(token).split("\n")):
            if piece_number:  # a newline inside the token starts a new line
                line, answered_line = "", False
            word = piece.strip().lower().strip(".:,!*\"'")
            if word in ("yes", "no") and not answered_line:
                lead = _ANSWER_LEAD.match(line)
                if lead:
                    number = int(lead.group(1)) if lead.group(1) else _next_unanswered(answers, count)
                    p = _p_yes(alternatives, word)
                    if number is not None and 1 <= number <= count and number not in answers and p is not None:
                        answers[number] = p
                    answered_line = True
            line += piece
    return answers


def _next_unanswered(answers: dict[int, float], count: int) -> int | None:
    return next((n for n in range(1, count + 1) if n not in answers), None)


def _p_yes(alternatives: dict[str, float], chosen: str) -> float | None:
    """P(Yes) against P(No) among a token's alternatives; the chosen word alone when neither is listed."""
    yes = sum(math.exp(lp) for t, lp in alternatives.items() if t.strip().lower() == "yes")
    no = sum(math.exp(lp) for t, lp in alternatives.items() if t.strip().lower() == "no")
    if yes + no <= 0:
        return {"yes": 1.0, "no": 0.0}.get(chosen)
    return yes / (yes + no)
