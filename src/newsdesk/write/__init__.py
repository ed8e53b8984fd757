"""The write stage: one LLM call for title/dek/intro, one per template section, never more.

Fact and summary sections can instead be drafted from source sentences (``grounded``), which costs no call and
gives small models nothing to invent. The verifier checks every sentence afterwards either way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..llm.session import BudgetExceeded, Session
from ..models import Block, Section, Sentence, Source
from ..template import SectionSpec, Template
from . import prompts
from .grounded import GroundedDrafter
from .parse import clean_text, cut_repetition, number_sentences, parse_labelled, to_blocks

__all__ = ["Draft", "write_draft", "write_section", "fallback_title", "GROUNDED_KINDS"]

GROUNDED_KINDS = ("fact", "summary")
EMPTY_NOTE = "The model returned no usable text for this section."
LOOP_NOTE = "The model's draft started repeating itself, so it was cut short."


@dataclass
class Draft:
    title: str
    dek: str
    intro: Section
    sections: list[Section]


Emit = Callable[..., None]


def write_draft(session: Session, template: Template, sources: list[Source], headline: str, *,
                grounded: bool, split: Callable[[str], list[str]], emit: Emit | None = None) -> Draft:
    emit = emit or (lambda *a, **k: None)
    drafter = GroundedDrafter(sources, headline, split) if grounded else None

    emit("write", "start", section="intro", heading="Title, dek and intro")
    if drafter is not None:
        title, dek, intro = _grounded_headline(session, sources, template, headline, drafter)
    else:
        title, dek, intro = _written_headline(session, sources, template, headline, split)
    if not intro.blocks:
        intro.note = EMPTY_NOTE
    number_sentences("intro", intro.blocks)
    emit("write", "done", section="intro", sentences=len(intro.sentences()))

    sections: list[Section] = []
    for spec_section in template.sections:
        others = [s.heading for s in template.sections if s.id != spec_section.id]
        emit("write", "start", section=spec_section.id, heading=spec_section.heading)
        if drafter is not None and spec_section.kind == "summary":
            section = _grounded_summary(drafter, spec_section)
        elif drafter is not None and spec_section.kind in GROUNDED_KINDS:
            section = _grounded_section(drafter, spec_section)
        else:
            section = _written_section(session, sources, spec_section, headline, others, split)
        section.prune()
        number_sentences(section.id, section.blocks)
        sections.append(section)
        emit("write", "done", section=section.id, sentences=len(section.sentences()), note=section.note)
    return Draft(title=title, dek=dek, intro=intro, sections=sections)


def _grounded_headline(session: Session, sources: list[Source], template: Template, headline: str,
                       drafter: GroundedDrafter) -> tuple[str, str, Section]:
    """Title from the model (one short call); dek and intro from the story's opening sentences."""
    candidate = None
    try:
        completion = session.chat(prompts.title_messages(sources, headline), purpose="title", max_tokens=48,
                                  temperature=0.0)
        candidate = clean_text(completion.text).split("\n")[0]
    except BudgetExceeded:
        pass
    lead = drafter.take(1, lead=True)
    dek = lead[0].text if lead else headline
    intro = Section(id="intro", heading="", kind="summary")
    intro.blocks = drafter.blocks(drafter.take(template.headline.target_words, lead=True), "paragraphs")
    return _title(candidate, headline), dek, intro


def _written_headline(session: Session, sources: list[Source], template: Template, headline: str,
                      split: Callable[[str], list[str]]) -> tuple[str, str, Section]:
    spec = template.headline
    labelled: dict[str, str] = {}
    try:
        completion = session.chat(prompts.headline_messages(sources, spec, headline), purpose="headline",
                                  max_tokens=prompts.section_max_tokens(spec.target_words + 30), temperature=0.3)
        labelled = parse_labelled(cut_repetition(completion.text, completion.finish_reason != "length")[0])
    except BudgetExceeded:
        pass
    intro = Section(id="intro", heading="", kind="summary")
    if labelled.get("intro"):
        intro.blocks = to_blocks(labelled["intro"], "paragraphs", split)
    dek = _one_sentence(labelled.get("dek"), split) or headline
    return _title(labelled.get("title"), headline), dek, intro


def _grounded_section(drafter: GroundedDrafter, spec: SectionSpec) -> Section:
    prefer = "background" if spec.kind == "fact" else "story"
    chosen = drafter.take(spec.target_words, prefer=prefer)
    section = Section(id=spec.id, heading=spec.heading, kind=spec.kind, blocks=drafter.blocks(chosen, spec.format))
    if not section.blocks:
        section.note = "The sources hold no further facts for this section beyond those given above."
    return section


def write_section(session: Session, sources: list[Source], spec: SectionSpec, headline: str,
                  others: list[str], split: Callable[[str], list[str]], seed: int = 7) -> Section:
    """One section written by the model (one call), parsed into blocks and numbered."""
    section = _written_section(session, sources, spec, headline, others, split, seed)
    section.prune()
    number_sentences(section.id, section.blocks)
    return section


def _grounded_summary(drafter: GroundedDrafter, spec: SectionSpec) -> Section:
    """A summary restates the story's key facts in fewer words: each cut to its core from the source sentence.

    On the inputs of bench/write.py (the bundled example and three real pages), SmolLM2-135M asked to shorten
    the facts it was handed got 2 takeaways through the check in 4 articles (it invents dates and wars); the
    cut sentences got 14, carry only what their citations say, and cost no call.
    """
    section = Section(id=spec.id, heading=spec.heading, kind=spec.kind)
    section.blocks = drafter.takeaways(max(2, min(5, spec.target_words // 18)))
    if not section.blocks:
        section.note = "The sources hold no facts to summarise."
    return section


def _written_section(session: Session, sources: list[Source], spec: SectionSpec, headline: str,
                     others: list[str], split: Callable[[str], list[str]], seed: int = 7) -> Section:
    section = Section(id=spec.id, heading=spec.heading, kind=spec.kind)
    try:
        completion = session.chat(prompts.section_messages(sources, spec, headline, others), purpose=spec.id,
                                  max_tokens=prompts.section_max_tokens(spec.target_words), temperature=0.3,
                                  seed=seed)
    except BudgetExceeded:
        section.note = "This section was not written: the run's LLM call budget was spent."
        return section
    text, looped = cut_repetition(clean_text(completion.text, spec.heading), completion.finish_reason != "length")
    section.blocks = to_blocks(text, spec.format, split)
    if spec.format == "pros_cons":
        section.blocks = _ensure_pros_cons(section.blocks)
    if not section.blocks:
        section.note = EMPTY_NOTE
    elif looped and completion.finish_reason != "length":
        section.note = LOOP_NOTE
    return section


def _ensure_pros_cons(blocks: list[Block]) -> list[Block]:
    """Pros/Cons lists need their labels; a model that gave one unlabelled list gets it labelled 'Points raised'."""
    if any(b.type == "subheading" for b in blocks) or not blocks:
        return blocks
    label = Block(type="subheading", sentences=[Sentence(text="Points raised", claim_kind="heading")])
    return [label, *blocks]


def _title(candidate: str | None, headline: str) -> str:
    """The model's title if it is a question about this story (shares most of the headline's key words)."""
    if candidate:
        candidate = re.sub(r"^\s*(title|question)\s*:\s*", "", candidate.strip(), flags=re.I).strip("\"'“” ")
        key = _key_words(headline)
        shared = len(key & _key_words(candidate)) / (len(key) or 1)
        if 12 <= len(candidate) <= 160 and shared >= 0.4:
            return candidate if candidate.endswith("?") else candidate.rstrip(".") + "?"
    return fallback_title(headline)


def fallback_title(headline: str) -> str:
    return f"{headline.rstrip('.?!')}: what does it mean?"


def _key_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]{3,}", text.lower().replace("'s", ""))
            if w not in {"the", "and", "for", "with", "what", "why", "how", "does", "this", "that", "from", "its"}}


def _one_sentence(text: str | None, split: Callable[[str], list[str]]) -> str:
    if not text:
        return ""
    sentences = split(text)
    return re.sub(r"\s+", " ", sentences[0]).strip() if sentences else ""
