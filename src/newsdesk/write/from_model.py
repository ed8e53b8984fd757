"""The parts of the article the model writes: the headline call (title, dek and intro in one) and one call per
section, each parsed into blocks of whole sentences, with what the model only echoed of its request, its loops and
its run-on into other parts cut away. A part the model failed says why in its note."""

from __future__ import annotations

from collections.abc import Callable

from ..errors import ContextTooSmall
from ..language import nlp
from ..llm.session import BudgetExceeded, Messages, Session
from ..models import Block, Section, Sentence, Source
from ..sentences import split_sentences
from ..storymap import StoryMap, is_complete_sentence
from ..template import SectionSpec, Template
from . import prompts
from .parse import (
    ARTICLE_PARTS,
    clean_text,
    cut_at_other_parts,
    cut_repetition,
    drop_request_echoes,
    number_sentences,
    parse_labelled,
    reads_back,
    to_blocks,
)
from .title import whole_sentence
from .title_choice import choose_title

__all__ = [
    "ECHO_NOTE",
    "EMPTY_NOTE",
    "LOOP_NOTE",
    "NO_SENTENCE_NOTE",
    "write_section",
    "written_headline",
    "written_section",
]

EMPTY_NOTE = "The model returned no usable text for this section."
NO_SENTENCE_NOTE = "The model's text for this section held no complete sentence."
ECHO_NOTE = "The model's text for this section only restated what it was asked to write."
LOOP_NOTE = "The model's draft started repeating itself, so it was cut short."


def written_headline(
    session: Session, sources: list[Source], template: Template, headline: str, story_map: StoryMap, body: str
) -> tuple[str, str, Section]:
    spec = template.headline
    labelled: dict[str, str] = {}
    try:
        completion = session.chat(
            lambda: prompts.headline_messages(sources, spec, headline),
            purpose="headline",
            max_tokens=prompts.section_max_tokens(spec.target_words + 30),
            temperature=0.3,
        )
        # the headline call writes title, dek and intro; a section heading after them is the model running on
        text = cut_at_other_parts(completion.text, [*(s.heading for s in template.sections), "Conclusion"])
        labelled = parse_labelled(cut_repetition(text, completion.finish_reason != "length")[0])
    except (BudgetExceeded, ContextTooSmall):
        pass  # the intro is then taken from the story, and the title built from the headline
    intro = Section(id="intro", heading="", kind="summary")
    request, source_text = prompts.request_text(spec), _source_text(sources)
    if labelled.get("intro"):
        intro.blocks, _ = drop_request_echoes(
            _whole_sentences_only(to_blocks(labelled["intro"], "paragraphs")), request, source_text
        )
    model_dek = labelled.get("dek") or ""
    model_dek = "" if reads_back(model_dek, request, source_text) else model_dek
    dek = whole_sentence([model_dek, *split_sentences(body)[:3]]) or headline
    return choose_title(labelled.get("title"), headline, body, story_map), dek, intro


def write_section(
    session: Session, sources: list[Source], spec: SectionSpec, headline: str, others: list[str], seed: int = 7
) -> Section:
    """One section written by the model (one call), parsed into blocks and numbered."""
    section = written_section(session, sources, spec, headline, others, seed)
    section.prune()
    number_sentences(section.id, section.blocks)
    return section


def written_section(
    session: Session,
    sources: list[Source],
    spec: SectionSpec,
    headline: str,
    others: list[str],
    seed: int = 7,
    plan: str = "",
) -> Section:
    section = Section(id=spec.id, heading=spec.heading, kind=spec.kind)
    max_tokens = prompts.section_max_tokens(spec.target_words)
    try:
        completion = session.chat(
            _section_prompt(session, sources, spec, headline, others, plan, max_tokens),
            purpose=spec.id,
            max_tokens=max_tokens,
            temperature=0.3,
            seed=seed,
        )
    except BudgetExceeded:
        section.note = "This section was not written: the run's LLM call budget was spent."
        return section
    except ContextTooSmall as error:
        section.note = f"This section was not written: {error}."
        return section
    # the answer ends where the model starts another part of the article: that part has its own call
    text = cut_at_other_parts(clean_text(completion.text, spec.heading), [*others, *ARTICLE_PARTS], own=spec.heading)
    text, looped = cut_repetition(text, completion.finish_reason != "length")
    section.blocks, echoed = drop_request_echoes(
        _whole_sentences_only(to_blocks(text, spec.format)), prompts.request_text(spec), _source_text(sources)
    )
    if spec.format == "pros_cons":
        section.blocks = _ensure_pros_cons(section.blocks)
    if not section.blocks:  # a model that wrote only fragments did write: the note says which failed
        section.note = ECHO_NOTE if echoed else NO_SENTENCE_NOTE if text.strip() else EMPTY_NOTE
    elif looped and completion.finish_reason != "length":
        section.note = LOOP_NOTE
    return section


def _section_prompt(
    session: Session,
    sources: list[Source],
    spec: SectionSpec,
    headline: str,
    others: list[str],
    plan: str,
    max_tokens: int,
) -> Callable[[], Messages]:
    """The section's prompt, built from the sources as they are when it is sent; the plan's last lines give way
    where the whole would leave too little room for the answer (the sources are shared by every prompt)."""

    def build() -> Messages:
        lines = plan.split("\n") if plan else []
        while True:
            messages = prompts.section_messages(sources, spec, headline, others, "\n".join(lines))
            if len(lines) <= 1 or session.room(messages) >= max_tokens:
                return messages if len(lines) != 1 else prompts.section_messages(sources, spec, headline, others)
            lines.pop()

    return build


def _ensure_pros_cons(blocks: list[Block]) -> list[Block]:
    """Pros/Cons lists need their labels; a model that gave one unlabelled list gets it labelled 'Points raised'."""
    if any(b.type == "subheading" for b in blocks) or not blocks:
        return blocks
    label = Block(type="subheading", sentences=[Sentence(text="Points raised", claim_kind="heading")])
    return [label, *blocks]


def _whole_sentences_only(blocks: list[Block]) -> list[Block]:
    """Model text loses its fragments: a clause without its subject is not a sentence."""
    for block in blocks:
        if block.type != "subheading":
            block.sentences = [s for s in block.sentences if is_complete_sentence(nlp()(s.text))]
    return [b for b in blocks if b.sentences]


def _source_text(sources: list[Source]) -> str:
    return "\n".join(part for source in sources for part in (source.title or "", *(p.text for p in source.passages)))
