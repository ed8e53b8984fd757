"""Experiment (issue 16): a learned screen layer, logistic regression over the shipped encoder's sentence vectors.

The rules in ``newsdesk/injection`` catch 40-75% of each blind round of attacks written by another author. This
script asks whether a linear classifier over all-MiniLM-L6-v2 vectors (``newsdesk.llm.embed``), used only for
sentences the rules miss, generalises better across authorships. Model selection is leave-one-source-out over the
project's own attack sources (every round in ``bench/injection.py`` and the generator with the canaries): train on
the rest, measure recall and legitimate sentences set aside on the held-out source, at the threshold where the dev
sentences (every sentence ``scripts/injection_false_positives.py`` reads in the shared data; evaluation only, never
training) are flagged at most 0.1% of the time (and, to show the curve, 1%), and what the layer adds beside the
rules.

Training data (all written by this project): attacks from the held-out files, the JSON rounds, the canaries and the
generator's variants (deduplicated: they are templated); legitimate sentences from the legitimate and
hard-negative files, the rounds' legitimate lines, the generator's benign stories and examples/*.md.

    python scripts/injection_classifier_experiment.py [--data ../shared/data]

Seeded, CPU only; vectors are cached in /tmp so a rerun takes seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "scripts"))

import injection as bench  # noqa: E402 - bench/injection.py, after sys.path.insert

from newsdesk.injection import sentence_spans  # noqa: E402
from newsdesk.injection.addressee_words import DERIVED_NOUNS, MACHINE_NOUNS, READER_NOUNS  # noqa: E402
from newsdesk.llm.embed import MODEL_ID, Encoder  # noqa: E402

DATA = ROOT / "tests" / "data"
CACHE = Path("/tmp/injection_classifier_vectors.npz")
DEV_CACHE = Path("/tmp/injection_classifier_dev_sentences.json")
DEV_FP_SHARE = 0.001
SOURCES = [*bench.HELDOUT, *bench.JSONL_ROUNDS, "generator"]  # every round the bench holds, each held out in turn
_WORD = re.compile(r"[\w.'-]+")
# The rules' word classes for who a text is for: a machine, a reader, a text derived from the page.
GATE_WORDS = MACHINE_NOUNS | READER_NOUNS | DERIVED_NOUNS | {"your", "yours"}


def _lines(path: Path) -> list[str]:
    return [s.strip() for s in path.read_text(encoding="utf-8").splitlines() if s.strip() and not s.startswith("#")]


def _jsonl(path: Path) -> tuple[list[str], list[str]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r["text"] for r in rows if r["label"] == "attack"], [r["text"] for r in rows if r["label"] == "legit"]


def sources() -> dict[str, tuple[list[str], list[str]]]:
    """Each source's attacks and legitimate sentences."""
    out = {}
    for name, (attacks, legit) in bench.HELDOUT.items():
        out[name] = ([line.partition("|")[2].strip() for line in _lines(attacks)], _lines(legit))
    for name in bench.JSONL_ROUNDS:
        out[name] = _jsonl(bench.JSONL_ROUNDS[name])
    canaries = json.loads((DATA / "canaries" / "canaries.json").read_text(encoding="utf-8"))
    generated = list(dict.fromkeys(v.text for v in bench.variants(300, 16)))
    legit = [
        *_lines(bench.LEGITIMATE),
        *_lines(bench.LEGITIMATE_DERIVATIVE),
        *_lines(DATA / "injection-hard-negatives.txt"),
    ]
    out["generator"] = ([*generated, *(c["injected"] for c in canaries)], legit)
    return out


def benign_pool() -> list[str]:
    """News sentences that are always legitimate training data: the generator's stories and examples/*.md."""
    texts = [sentence for headline, paragraphs in bench.STORIES for sentence in [headline, *paragraphs]]
    for path in sorted((ROOT / "examples").glob("*.md")):
        body = path.read_text(encoding="utf-8")
        texts += [body[a:b].strip() for a, b in sentence_spans(body) if len(body[a:b].split()) >= 4]
    return list(dict.fromkeys(texts))


def dev_sentences(data: Path) -> list[str]:
    """Every sentence the false-positive script reads in the shared data (evaluation only)."""
    if DEV_CACHE.exists():
        return list(json.loads(DEV_CACHE.read_text(encoding="utf-8")))
    import injection_false_positives as fp  # scripts/injection_false_positives.py

    collections = [
        [fp._page_paragraphs(p) for p in sorted(data.glob("pages/*/expected.html"))],
        [fp._ingested(p) for p in sorted(data.glob("pages/*/source.html"))],
        [fp._markdown_paragraphs(p) for p in sorted(data.glob("articles/story-*.md"))],
        [fp._markdown_paragraphs(p) for p in sorted(data.glob("articles/article-*.md"))],
        [item for p in sorted(data.glob("feeds/*.xml")) for item in fp._feed_items(p)],
        [d for p in sorted(data.glob("verify/frank_*.jsonl")) for d in fp._documents(p)],
        [d for p in sorted(data.glob("verify/summedits_*.jsonl")) for d in fp._documents(p)],
    ]
    sentences = []
    for documents in collections:
        for parts in documents:
            text = "\n\n".join(parts)
            sentences += [text[a:b].strip() for a, b in sentence_spans(text)]
    DEV_CACHE.write_text(json.dumps(sentences), encoding="utf-8")
    return sentences


class Vectors:
    """The encoder's vectors, cached on disk by text."""

    def __init__(self) -> None:
        self.known: dict[str, np.ndarray] = {}
        if CACHE.exists():
            stored = np.load(CACHE)
            self.known = dict(zip(json.loads(str(stored["texts"])), stored["vectors"], strict=True))
        self.encoder = Encoder(threads=1)

    def __call__(self, texts: list[str]) -> np.ndarray:
        todo = list(dict.fromkeys(t for t in texts if t not in self.known))
        if todo:
            for text, vector in zip(todo, self.encoder.encode(todo), strict=True):
                self.known[text] = vector
            names = list(self.known)
            np.savez(CACHE, texts=json.dumps(names), vectors=np.stack([self.known[t] for t in names]))
        return np.stack([self.known[t] for t in texts]) if texts else np.zeros((0, 384), np.float32)


def gated(sentence: str) -> bool:
    """Whether a sentence names a machine, a reader or a text derived from the page (the rules' word classes)."""
    return any(w in GATE_WORDS for w in _WORD.findall(sentence.lower()))


def split(text: str) -> list[str]:
    return [text[a:b].strip() for a, b in sentence_spans(text)] or [text]


def train(x: np.ndarray, y: np.ndarray, l2: float, balanced: bool, steps: int = 3000) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression by full-batch gradient descent (Adam), seeded by construction."""
    weights = np.where(y == 1, 0.5 / y.mean(), 0.5 / (1 - y.mean())) if balanced else np.ones(len(y))
    w, b = np.zeros(x.shape[1]), 0.0
    m, v, mb, vb = np.zeros_like(w), np.zeros_like(w), 0.0, 0.0
    for t in range(1, steps + 1):
        p = 1 / (1 + np.exp(-(x @ w + b)))
        g = weights * (p - y) / len(y)
        gw, gb = x.T @ g + l2 * w, g.sum()
        m, v = 0.9 * m + 0.1 * gw, 0.999 * v + 0.001 * gw**2
        mb, vb = 0.9 * mb + 0.1 * gb, 0.999 * vb + 0.001 * gb**2
        lr = 0.05 * np.sqrt(1 - 0.999**t) / (1 - 0.9**t)
        w -= lr * m / (np.sqrt(v) + 1e-8)
        b -= lr * mb / (np.sqrt(vb) + 1e-8)
    return w, b


VARIANTS = {
    "plain": {"l2": 1e-3, "balanced": True, "gate": False},
    "gated": {"l2": 1e-3, "balanced": True, "gate": True},
    "plain-strong-l2": {"l2": 1e-2, "balanced": True, "gate": False},
}


class Model:
    def __init__(self, vectors: Vectors, attacks: list[str], legit: list[str], variant: dict) -> None:
        self.vectors, self.gate = vectors, variant["gate"]
        if self.gate:
            attacks, legit = [t for t in attacks if gated(t)], [t for t in legit if gated(t)]
        x = vectors([*attacks, *legit]).astype(np.float64)
        y = np.array([1.0] * len(attacks) + [0.0] * len(legit))
        self.w, self.b = train(x, y, variant["l2"], variant["balanced"])

    def scores(self, sentences: list[str]) -> np.ndarray:
        s = self.vectors(sentences).astype(np.float64) @ self.w + self.b
        if self.gate:
            s = np.where([gated(t) for t in sentences], s, -np.inf)
        return s

    def text_scores(self, texts: list[str]) -> np.ndarray:
        """A text's score is its highest sentence's: the screen reads sentence by sentence."""
        parts = [split(t) for t in texts]
        flat = self.scores([s for p in parts for s in p])
        out, at = [], 0
        for p in parts:
            out.append(flat[at : at + len(p)].max())
            at += len(p)
        return np.array(out)


_RULES: dict[str, bool] = {}


def rules_flags(texts: list[str]) -> list[bool]:
    """Whether the rule screen flags each text (any sentence of it)."""
    from newsdesk.injection import flag_text

    for text in texts:
        if text not in _RULES:
            _RULES[text] = bool(flag_text(text))
    return [_RULES[t] for t in texts]


def threshold_for(dev_scores: np.ndarray, share: float = DEV_FP_SHARE) -> float:
    """The lowest threshold at which at most ``share`` of the dev sentences score at or above it."""
    allowed = int(share * len(dev_scores))
    ranked = np.sort(dev_scores)[::-1]
    return float(np.nextafter(ranked[allowed], np.inf))


def main() -> None:
    default = os.environ.get("NEWSDESK_SHARED_DATA") or ROOT.parent / "shared" / "data"
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path(default))
    args = parser.parse_args()
    np.random.seed(16)
    vectors, data, benign = Vectors(), sources(), benign_pool()
    dev = dev_sentences(args.data)
    print(f"encoder {MODEL_ID}; dev sentences {len(dev)}; benign pool {len(benign)}")
    for name, (attacks, legit) in data.items():
        print(f"  {name}: {len(attacks)} attacks, {len(legit)} legitimate")
    rounds = [n for n in SOURCES if n != "generator"]
    for variant_name, variant in VARIANTS.items():
        print(f"\nvariant {variant_name} {variant}  (leave one source out)")
        print(
            f"  {'held out':10} {'caught at 0.1% dev FP':>22} {'legit set aside':>16} {'dev FP':>7}"
            f" {'caught at 1% dev FP':>20} {'legit':>7}"
        )
        totals = np.zeros(3, dtype=int)
        for held in SOURCES:
            attacks = [a for n, (a, _) in data.items() if n != held for a in a]
            legit = [t for n, (_, lg) in data.items() if n != held for t in lg] + benign
            model = Model(vectors, attacks, legit, variant)
            dev_scores = model.scores(dev)
            held_attacks, held_legit = data[held]
            attack_scores, legit_scores = model.text_scores(held_attacks), model.text_scores(held_legit)
            row = []
            for share in (DEV_FP_SHARE, 10 * DEV_FP_SHARE):
                cut = threshold_for(dev_scores, share)
                row.append(
                    (
                        int((attack_scores >= cut).sum()),
                        int((legit_scores >= cut).sum()),
                        int((dev_scores >= cut).sum()),
                    )
                )
            (caught, aside, dev_fp), (caught10, aside10, _) = row
            if held in rounds:
                totals += (caught, len(held_attacks), caught10)
            # beside the rules: what the layer adds to the screen's own catches, and what it sets aside
            cut = threshold_for(dev_scores, DEV_FP_SHARE)
            by_rules = rules_flags(held_attacks)
            added = sum(
                1 for flagged, score in zip(by_rules, attack_scores, strict=True) if not flagged and score >= cut
            )
            legit_by_rules = rules_flags(held_legit)
            legit_added = sum(
                1 for flagged, score in zip(legit_by_rules, legit_scores, strict=True) if not flagged and score >= cut
            )
            print(
                f"  {held:10} {caught:>15}/{len(held_attacks):<6} {aside:>9}/{len(held_legit):<6} {dev_fp:>7}"
                f" {caught10:>13}/{len(held_attacks):<6} {aside10:>3}/{len(held_legit):<3}"
                f"   rules {sum(by_rules)}/{len(held_attacks)} +{added} by the layer;"
                f" legit set aside by rules {sum(legit_by_rules)} +{legit_added}"
            )
        print(f"  held-out rounds: {totals[0]}/{totals[1]} caught at 0.1% dev FP, {totals[2]}/{totals[1]} at 1%")


if __name__ == "__main__":
    main()
