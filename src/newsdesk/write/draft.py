"""Drafting an article: the headline parts (title, dek, intro) and each template section, by the cheapest route
that can ground it (source sentences, the story map, or the model), within the run's call budget.

This module decides the route and the order; the routes are ``from_sources`` (the sources' own sentences, no call),
``from_map`` (analysis built from the story map) and ``from_model`` (one call per part); background sources are
dated by ``datelines``. Each point is then made once in the whole article (``each_point_once``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..langid import ARTICLE_LANGUAGE, guess_language
from ..llm.session import Session
from ..models import REPEATED_BEFORE_CHECK, Block, Dropped, Section, Source
from ..sentences import split_sentences
from ..storymap import StoryMap
from ..template import Template, load_template
from ..text import counted
from . import from_map
from .datelines import dated, datelines
from .from_model import EMPTY_NOTE, written_headline, written_section
from .from_sources import (
    GROUNDED_KINDS,
    SCARCE_INTRO_WORDS,
    grounded_headline,
    grounded_section,
    opening_intro,
)
from .grounded import GroundedDrafter
from .parse import number_sentences
from .repeats import repeats_one_of
from .shape import fact_words, omit_empty_sections

__all__ = ["Draft", "each_point_once", "write_draft"]

SCARCE_SENTENCES = 30  # usable source sentences under which a story is short (the bundled example has 10)
# Under this many sentences the story is a summary (a feed entry without its text): the article gives the facts
# and says so, instead of padding seven sections out of three sentences.
SUMMARY_SENTENCES = 3
SUMMARY_NOTE = (
    "This article rests on a summary of {count}, not the full story, so it gives only what "
    "the summary says{background}.{fetch}"
)
# Said to whoever reads the article, on the web or at the command line: advice any face can act on (its page's
# address is a story either takes), never one face's command (Smoke test 40a #13).
FETCH_ADVICE = " For a full analysis, write the article again from the linked page's address."
# newsdesk writes in English and translates nothing: a story in another language is given in its own words.
FOREIGN_NOTE = (
    "The story is written in another language ({language}): newsdesk writes in English and translates nothing, "
    "so the article gives the story's own sentences as written, under English headings."
)
REPEATS_NOTE = "Every point the model made here is made earlier in the article."
# With grounded drafting the model writes only the title, from one fixed request (small models follow one simple
# request far better than a template's three-part brief); the dek and the intro are the story's own sentences. A
# template's own headline instructions then go unread, and the article says so (smoke42 #26).
HEADLINE_INSTRUCTIONS_NOTE = (
    "This template's headline instructions were not followed: with grounded drafting the model writes only the "
    "title (a question where one is safe, else the headline as written), and the dek and intro are the story's "
    "own sentences."
)


@dataclass
class Draft:
    title: str
    dek: str
    intro: Section
    sections: list[Section]
    notes: list[str] = field(default_factory=list)  # sections left out, and why (``omit_empty_sections``)
    refused: list[str] = field(default_factory=list)  # the ids of sections not written: the context held no prompt
    repeats: list[Dropped] = field(default_factory=list)  # sentences dropped before the check as repeats


Emit = Callable[..., None]


def write_draft(
    session: Session,
    template: Template,
    sources: list[Source],
    headline: str,
    *,
    grounded: bool,
    emit: Emit | None = None,
    story_map: StoryMap | None = None,
    body: str = "",
    map_analysis: bool = False,
    prompt_sources: list[Source] | None = None,
) -> Draft:
    """The article's draft. ``map_analysis``: build the analysis sections from ``story_map`` (no calls for them).
    ``sources``: the whole sources, which everything drafted from their own sentences reads (it costs no prompt);
    ``prompt_sources``: their copy trimmed to the model's context, which the prompts send (default ``sources``)."""
    emit = emit or (lambda *a, **k: None)
    story_map = story_map or StoryMap()
    asked = sources if prompt_sources is None else prompt_sources
    story_sentences = _story_sentences(sources)  # the whole story's: one trimmed to a passage is no summary
    summary = story_sentences < SUMMARY_SENTENCES
    summary_only = summary and len(sources) == 1  # with background stories there is still something to weigh
    grounded = grounded or summary_only
    drafter = GroundedDrafter.reading(sources, headline, story_map) if grounded or map_analysis else None
    # A short story has too few sentences for a full intro and full sections: each part takes fewer, so that
    # every section gets some.
    scarce = drafter is not None and len(drafter.pool) < SCARCE_SENTENCES and not summary_only

    emit("write", "start", section="intro", heading="Title, dek and intro", number=0, total=len(template.sections))
    summaries: dict[str, Section] = {}

    def views_first() -> dict[str, Section]:
        """Pros and Cons claim the story's views before the takeaways do: a view for or against has its one place
        in the section that weighs the views, with its reason, and the takeaways list the main points left. Taken
        after them, a story that is all about opposing views gives each as a plain takeaway and leaves the section
        that weighs them with none (smoke 44 #12). The outlook claims what comes next before the takeaways and the
        intro too: a story tells its next steps last, so the intro, which goes on with the sentences left, opened
        on the story's closing sentences and the outlook was left out as "given in other sections" (smoke 45 F11);
        what comes next has its one place in the section about it."""
        assert drafter is not None
        built = {
            spec.id: from_map.map_section(spec, story_map, drafter, scarce)
            for spec in template.sections
            if from_map.role(spec) == "pros_cons"
        }
        return built | {
            spec.id: from_map.map_section(spec, story_map, drafter, scarce)
            for spec in template.sections
            if from_map.role(spec) == "outlook"
        }

    if drafter is not None:
        title, dek, intro, summaries = grounded_headline(
            session,
            asked,
            template,
            headline,
            drafter,
            story_map,
            body,
            scarce=scarce,
            lead_only=map_analysis or summary_only,
            before_summaries=views_first if map_analysis and not summary_only else None,
        )
    else:
        title, dek, intro = written_headline(session, asked, template, headline, story_map, body)
    if not intro.blocks:  # the model wrote no usable intro: the story's own opening says what happened
        words = template.headline.target_words
        # the sentences the grounded parts already hold are theirs: the intro takes none of them again
        given = {c.original for i, c in enumerate(drafter.pool) if i in drafter.used} if drafter is not None else set()
        intro.blocks = opening_intro(
            sources, headline, story_map, dek, min(words, SCARCE_INTRO_WORDS) if summary else words, given
        )
        if drafter is not None:  # and the sections drafted after it take none of the intro's again
            quoted = {c.quote for s in intro.sentences() for c in s.citations}
            for candidate in drafter.unused():
                if candidate.original in quoted:
                    drafter.claim(candidate.original, candidate.passage)
    intro.blocks = worded(intro.blocks)
    if not intro.blocks:
        intro.note = EMPTY_NOTE
    number_sentences("intro", intro.blocks)
    emit("write", "done", section="intro", heading="Title, dek and intro", sentences=len(intro.sentences()))

    # Map-built sections claim their sentences next (stance-bearing statements, dates), in MAP_BUILT's order, so
    # the fact sections that follow take what is left and no point is made twice.
    prebuilt: dict[str, Section] = dict(summaries)
    if map_analysis and drafter is not None:
        for kind in from_map.MAP_BUILT:
            for spec in template.sections:
                if from_map.role(spec) == kind and spec.id not in prebuilt:  # Pros and Cons may be built already
                    # built ahead of its turn, so that the sections after it take what it leaves: said now, as
                    # it runs (a long story's map sections take minutes), and announced again in its place
                    emit("write", "progress", task=f"Building {spec.heading} from the story map")
                    prebuilt[spec.id] = from_map.map_section(spec, story_map, drafter, scarce)

    sections: list[Section] = []
    refused: list[str] = []
    written: set[str] = set() if drafter is not None else {"intro"}  # the parts the model wrote, not the sources
    if summary:
        intro.note = SUMMARY_NOTE.format(
            count=counted(story_sentences, "sentence"),
            background="" if summary_only else " and what related stories add",
            fetch=FETCH_ADVICE if sources and sources[0].url else "",  # a pasted brief links to no page
        )
    if summary_only:
        notes = language_notes(headline, body) + _headline_notes(template, drafter is not None)
        return Draft(title=title, dek=dek, intro=intro, sections=sections, notes=notes)
    for number, spec_section in enumerate(template.sections, 1):
        others = [s.heading for s in template.sections if s.id != spec_section.id]
        emit(
            "write",
            "start",
            section=spec_section.id,
            heading=spec_section.heading,
            number=number,
            total=len(template.sections),
        )
        if spec_section.id in prebuilt:
            section = prebuilt[spec_section.id]
        elif drafter is not None and spec_section.kind in GROUNDED_KINDS:
            words = fact_words(spec_section, template, drafter.story_words(), [dek, intro, *prebuilt.values()])
            section = grounded_section(drafter, spec_section, words)
        else:
            refusals = len(session.refusals)
            section = written_section(
                session, asked, spec_section, headline, others, plan=from_map.plan_for(spec_section, story_map)
            )
            if len(session.refusals) > refusals and not section.sentences():
                refused.append(section.id)
            written.add(section.id)
        if drafter is not None:  # the sources' own sentences: an earlier entry's are dated, wherever they stand
            section.blocks = dated(section.blocks, datelines(sources))
        section.blocks = worded(section.blocks)
        section.prune()
        number_sentences(section.id, section.blocks)
        sections.append(section)
        emit(
            "write",
            "done",
            section=section.id,
            heading=section.heading,
            sentences=len(section.sentences()),
            note=section.note,
        )
    # the takeaways are written after the body, and come first in what may not be said again: filtered at the end
    repeats = each_point_once(dek, intro, sections, written)
    if repeats:
        for section in [intro, *sections]:
            section.prune()
            number_sentences(section.id, section.blocks)
        # the sections' lines counted these as written: the reader sees where they went before the check counts
        left = sum(len(s.sentences()) for s in [intro, *sections])
        emit("write", "repeats", dropped=len(repeats), left=left)
    sections, notes = omit_empty_sections(sections)
    return Draft(
        title=title,
        dek=dek,
        intro=intro,
        sections=sections,
        notes=language_notes(headline, body) + _headline_notes(template, drafter is not None) + notes,
        refused=refused,
        repeats=repeats,
    )


def worded(blocks: list[Block]) -> list[Block]:
    """The blocks without their sentences that hold no word (a bare "." or a stray mark the splitter left): such a
    piece states nothing, so it is no drafted sentence, and checked it would be counted as an unsupported sentence
    removed (smoke 45 F20)."""
    for block in blocks:
        block.sentences = [s for s in block.sentences if _WORD.search(s.text)]
    return [b for b in blocks if b.sentences]


_WORD = re.compile(r"\w")


def each_point_once(dek: str, intro: Section, sections: list[Section], written: set[str]) -> list[Dropped]:
    """Each point is made once in the whole article (smoke test 40b #11), in the model's text as in the sources'
    own sentences (``GroundedDrafter``): a sentence the model wrote that makes again a point made before it
    (``repeats.repeats_one_of``, the verifier's redundancy bar) is dropped before the check.

    "Before" is the order in which the grounded drafter hands the points out: the dek states the news, the intro
    goes on from it, the summary sections (Key Takeaways) list the main points next, and the body, in template
    order, gives only what they left. A takeaway must not be the dek again (the verifier lets a summary restate
    the dek, so only this catches it), and no body section states again what the dek, the intro or a takeaway
    holds. Only the parts in ``written`` (section ids, "intro") are filtered; sentences drafted from the sources
    were handed out once already, and count only as said. A written section left with no sentence says why.
    The sentences dropped, so that the progress lines and the footer account for them."""
    said = [dek] if dek else []
    dropped: list[Dropped] = []
    intro_first = [intro, *(s for s in sections if s.kind == "summary"), *(s for s in sections if s.kind != "summary")]
    for section in intro_first:
        model_text = section.id in written
        had = bool(section.sentences())
        for block in section.blocks:
            if block.type == "subheading":
                continue
            for sentence in list(block.sentences):
                if model_text and repeats_one_of(sentence.text, said):
                    block.sentences.remove(sentence)
                    dropped.append(Dropped(section=section.id, text=sentence.text, reason=REPEATED_BEFORE_CHECK))
                else:
                    said.append(sentence.text)
        if model_text and had and not section.sentences():
            section.note = REPEATS_NOTE
    return dropped


def language_notes(headline: str, body: str) -> list[str]:
    """``FOREIGN_NOTE`` for a story in another language than the article's: in the article's notes, and a warning
    in the run's progress (newsdesk drafts it as written, under English headings; it does not refuse it)."""
    language = guess_language(f"{headline} {body}")
    return [FOREIGN_NOTE.format(language=language)] if language not in (None, ARTICLE_LANGUAGE) else []


def _headline_notes(template: Template, grounded: bool) -> list[str]:
    """``HEADLINE_INSTRUCTIONS_NOTE`` where the headline is drafted from the sources and the template asks for
    something else than the default template does (the default's are what the grounded headline does)."""
    asked, default = template.headline.instructions.split(), load_template(None).headline.instructions.split()
    return [HEADLINE_INSTRUCTIONS_NOTE] if grounded and asked != default else []


def _story_sentences(sources: list[Source], enough: int = SUMMARY_SENTENCES) -> int:
    """Sentences of the main story long enough to state something (four words or more), counted up to
    ``enough``: only a summary's count is ever told, and splitting a long story's every passage to learn that it
    is no summary took half a minute (a 640 KB story, smoke test 44 #8)."""
    count = 0
    for passage in sources[0].passages if sources else []:
        count += _statements(passage.text)
        if count >= enough:
            break
    return count


def _statements(text: str) -> int:
    return sum(1 for sentence in split_sentences(text) if len(sentence.split()) >= 4)
