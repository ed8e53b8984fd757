"""The development data the verifier is calibrated and gated on, read from the shared data folder.

Three kinds of labelled data, each turned into ``Claim`` rows (one or more sentences, a label, a group that keeps
one document's rows together in cross-validation):

- ``frank``: FRANK's validation rows (news summaries, claim-level labels, a factuality share);
- ``summedits_DOMAIN``: the seven SummEdits dev domains (a summary or a minimal edit of it);
- ``articles``: the hand-labelled analysis articles, one row per sentence with its claim kind (fair = supported
  or reasoning).

The folder is ``NEWSDESK_SHARED_DATA`` or ``../shared/data`` beside the project.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..models import Passage
from ..sentences import split_sentences
from ..verify import claim_kind
from .scoring import load_rows, row_passages

__all__ = [
    "ARTICLE_HALVES",
    "ARTICLE_KINDS",
    "SUMMEDITS_DOMAINS",
    "Claim",
    "article_name",
    "article_passages",
    "elsewhere",
    "in_half",
    "load",
    "shared_data_dir",
    "sha256",
]

SUMMEDITS_DOMAINS = ("ectsum", "podcast", "qmsumm", "sales_call", "sales_email", "samsum", "scitldr")
#: The claim kind each article section is checked as (as ../shared/tools/score_articles.py passes --kind).
ARTICLE_KINDS = {
    "context": "fact",
    "analysis": "analysis",
    "pros-cons": "opinion",
    "takeaways": "fact",
    "outlook": "outlook",
    "call-to-action": "opinion",
    "intro": "fact",
    "dek": "fact",
}
FAIR_LABELS = ("supported", "reasoning")


def shared_data_dir() -> Path:
    configured = os.environ.get("NEWSDESK_SHARED_DATA", "").strip()
    if configured:
        return Path(configured).expanduser()
    return Path(__file__).resolve().parents[3].parent / "shared" / "data"


@dataclass
class Claim:
    dataset: str  # frank | summedits_DOMAIN | articles
    group: str  # the document (or article): cross-validation folds never split one
    passages: list[Passage]
    sentences: list[tuple[str, str]]  # (sentence, claim kind)
    label: int  # 1 = supported (articles: fair)
    factuality: float = 1.0  # FRANK: share of correct sentences
    detail: dict[str, Any] = field(default_factory=dict)  # e.g. the article label, SummEdits edit types


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def dataset_files(root: Path) -> dict[str, list[Path]]:
    """Every dataset's files (what its hash covers)."""
    files = {"frank": [root / "verify" / "frank_valid.jsonl"]}
    for domain in SUMMEDITS_DOMAINS:
        files[f"summedits_{domain}"] = [root / "verify" / f"summedits_{domain}.jsonl"]
    articles = root / "articles"
    files["articles"] = sorted(p for p in articles.glob("*.*") if p.name != "README.md") if articles.is_dir() else []
    return files


def files_sha256(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


ARTICLE_HALVES = ("tune", "check")


def in_half(name: str, names: set[str] | list[str], half: str) -> bool:
    """The dev articles' split (../shared/data/articles/README.md, as score_articles.py --split draws it): the
    check half is the second half by name of the cnndm-* articles; the tune half is the rest."""
    cnndm = sorted(n for n in names if n.startswith("cnndm-"))
    return (name in set(cnndm[len(cnndm) // 2 :])) == (half == "check")


def article_name(path: Path) -> str:
    """An article's name from any of its files (story-NAME.md, article-NAME.md, labels-NAME.jsonl)."""
    return path.stem.split("-", 1)[1] if "-" in path.stem else path.stem


def load(dataset: str, root: Path | None = None, documents: int | None = None, half: str | None = None) -> list[Claim]:
    """The dataset's claims; ``documents``: only the claims about the first N documents in order of their text's
    sha1 (a fixed, deterministic subsample); ``half``: the articles' tune or check half only."""
    root = root or shared_data_dir()
    if dataset == "articles":
        return _articles(root / "articles", half)
    path = dataset_files(root)[dataset][0]
    rows = load_rows(path)
    if documents is not None:
        keep = sorted({_document_key(str(r["document"])) for r in rows})[:documents]
        rows = [r for r in rows if _document_key(str(r["document"])) in keep]
    claims: list[Claim] = []
    cache: dict[str, list[Passage]] = {}
    for row in rows:
        document = str(row["document"])
        passages = cache.setdefault(document, row_passages(document))
        parts = split_sentences(str(row["claim"])) or [str(row["claim"])]
        label = 1 if int(row["label"]) == 1 else 0
        claims.append(
            Claim(
                dataset,
                _document_key(document),
                passages,
                [(s, "fact") for s in parts],
                label,
                float(row.get("factuality", label)),
                {"id": row.get("id"), "edit_types": row.get("edit_types")},
            )
        )
    return claims


def _document_key(document: str) -> str:
    return hashlib.sha1(document.encode()).hexdigest()[:12]


def article_passages(story: Path) -> list[Passage]:
    """A story file as ``newsdesk verify --source`` reads it: headline, then body paragraphs."""
    from ..archive import split_passages
    from ..ingest import load_story

    loaded = load_story(str(story))
    passages = [Passage(text=loaded.headline.strip(), position=-1, source_number=1)] if loaded.headline.strip() else []
    passages += [Passage(text=t, position=i, source_number=1) for i, t in enumerate(split_passages(loaded.body))]
    return passages


def _articles(folder: Path, half: str | None = None) -> list[Claim]:
    claims = []
    files = sorted(folder.glob("labels-*.jsonl"))
    if not files:
        raise InputError(f"no labelled articles (labels-*.jsonl) in {folder}")
    names = {article_name(f) for f in files}
    for labels in files:
        name = article_name(labels)
        if half is not None and not in_half(name, names, half):
            continue
        passages = article_passages(folder / f"story-{name}.md")
        for line in labels.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            kind = claim_kind(row["sentence"], ARTICLE_KINDS.get(row["section"], "fact"))
            claims.append(
                Claim(
                    "articles",
                    name,
                    passages,
                    [(row["sentence"], kind)],
                    1 if row["label"] in FAIR_LABELS else 0,
                    detail={"label": row["label"], "section": row["section"]},
                )
            )
    return claims


def elsewhere(claims: list[Claim]) -> list[Claim]:
    """The fair reasoning sentences of each article, each set against the story of the next article by name (the
    last against the first): reasoning about another story, which no source supports (label 0). The rotation is
    fixed, so the set is the same on every run; the articles are about unrelated events."""
    stories: dict[str, list[Passage]] = {}
    for claim in claims:
        stories.setdefault(claim.group, claim.passages)
    names = sorted(stories)
    if len(names) < 2:
        return []
    other = {name: stories[names[(i + 1) % len(names)]] for i, name in enumerate(names)}
    return [
        Claim("articles_elsewhere", claim.group, other[claim.group], claim.sentences, 0, detail=claim.detail)
        for claim in claims
        if claim.label == 1 and all(kind != "fact" for _, kind in claim.sentences)
    ]
