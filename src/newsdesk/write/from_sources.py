"""The parts of the article drafted from the sources' own sentences (``grounded.GroundedDrafter``), at no call:
the dek and the intro from the story's opening, fact sections from its most salient sentences, summary sections
(Key Takeaways) cut to their core; the model writes only the title. A section is built again the same way when a
rewrite asks for it (``rebuild_from_map``)."""

from __future__ import annotations

from collections.abc import Callable

from ..errors import ContextTooSmall
from ..llm.session import BudgetExceeded, Session
from ..models import Article, Block, Section, Source
from ..storymap import StoryMap
from ..template import SectionSpec, Template
from . import from_map, prompts
from .grounded import GroundedDrafter
from .parse import clean_text, number_sentences
from .repeats import repeats_one_of
from .shape import takeaway_count
from .title import whole_sentence
from .title_choice import choose_title

__all__ = [
    "GROUNDED_KINDS",
    "SCARCE_INTRO_WORDS",
    "grounded_headline",
    "grounded_section",
    "grounded_summary",
    "opening_intro",
    "rebuild_from_map",
]

GROUNDED_KINDS = ("fact", "summary")
SCARCE_INTRO_WORDS = 30


def grounded_headline(
    session: Session,
    sources: list[Source],
    template: Template,
    headline: str,
    drafter: GroundedDrafter,
    story_map: StoryMap,
    body: str,
    scarce: bool = False,
    lead_only: bool = False,
    before_summaries: Callable[[], dict[str, Section]] | None = None,
) -> tuple[str, str, Section, dict[str, Section]]:
    """Dek and intro from the story's opening sentences; the title from the model (one short call) where it
    passes ``acceptable_title``, else built from the headline's clause. The model writes nothing else here.
    Summary sections are chosen here too, between the dek and the intro (returned by section id), after the
    sections ``before_summaries`` builds (returned with them): those that claim their sentences first."""
    candidate = None
    try:
        completion = session.chat(
            lambda: prompts.title_messages(sources, headline, lead_only=lead_only),
            purpose="title",
            max_tokens=48,
            temperature=0.0,
        )
        candidate = clean_text(completion.text).split("\n")[0]
    except (BudgetExceeded, ContextTooSmall):
        pass  # the title is built from the headline
    dek = headline
    for _ in range(3):  # the first opening sentence that is whole, with its subject
        lead = drafter.take(1, lead=True)
        if not lead:
            break
        if (whole := whole_sentence([lead[0].text], split=False)) is not None:
            dek = whole
            break
    # The takeaways claim the story's most salient sentences after the dek's and before the intro, which then
    # goes on with the opening sentences they left: the two share the main points out (``takeaways``).
    summaries = before_summaries() if before_summaries is not None else {}
    summaries |= {spec.id: grounded_summary(drafter, spec) for spec in template.sections if spec.kind == "summary"}
    intro = Section(id="intro", heading="", kind="summary")
    words = min(template.headline.target_words, SCARCE_INTRO_WORDS) if scarce else template.headline.target_words
    # where the map builds the sections of what comes next, what comes next is theirs, not the intro's
    ahead = before_summaries is not None and any(from_map.role(s) in ("outlook", "watch") for s in template.sections)
    intro.blocks = drafter.blocks(drafter.take(words, lead=True, leave_ahead=ahead), "paragraphs")
    return choose_title(candidate, headline, body, story_map), dek, intro, summaries


def grounded_section(drafter: GroundedDrafter, spec: SectionSpec, words: int | None = None) -> Section:
    prefer = "background" if spec.kind == "fact" else "story"
    chosen = drafter.take(words or spec.target_words, prefer=prefer)
    blocks = drafter.blocks(chosen, spec.format)
    section = Section(id=spec.id, heading=spec.heading, kind=spec.kind, blocks=blocks)
    if not section.blocks:
        section.note = "The sources hold no further facts for this section beyond those given above."
    return section


def rebuild_from_map(spec: SectionSpec, story_map: StoryMap, article: Article) -> Section | None:
    """A section built again as the article built it for a model that writes no analysis: from the story map, or
    (facts, a summary) from the source sentences themselves, taking only sentences the rest of ``article`` does not
    cite or its dek says. None for a kind of section that only a model writes."""
    if not from_map.builds_from_map(spec) and spec.kind not in GROUNDED_KINDS:
        return None
    headline = article.story.headline or article.title
    drafter = GroundedDrafter.reading(article.sources, headline, story_map)
    cited = {
        c.quote
        for other in article.all_sections()
        if other.id != spec.id
        for s in other.sentences()
        for c in s.citations
    }
    said = [article.dek] if article.dek else []  # the dek cites nothing, and is said all the same (smoke test 43 #7)
    for candidate in drafter.unused():
        if candidate.original in cited or repeats_one_of(candidate.text, said):
            drafter.claim(candidate.original, candidate.passage)
    if from_map.builds_from_map(spec):
        section = from_map.map_section(spec, story_map, drafter)
    elif spec.kind == "summary":
        section = grounded_summary(drafter, spec, intro_to_come=False)
    else:
        section = grounded_section(drafter, spec)
    section.prune()
    number_sentences(section.id, section.blocks)
    return section


def grounded_summary(drafter: GroundedDrafter, spec: SectionSpec, intro_to_come: bool = True) -> Section:
    """A summary restates the story's key facts in fewer words: each cut to its core from the source sentence.

    On the inputs of bench/write.py (the bundled example and three real pages), SmolLM2-135M asked to shorten
    the facts it was handed got 2 takeaways through the check in 4 articles (it invents dates and wars); the
    cut sentences got 14, carry only what their citations say, and cost no call. ``intro_to_come``: the intro is
    drafted after the takeaways and keeps one of the story's sentences; a rewrite finds it written.
    """
    section = Section(id=spec.id, heading=spec.heading, kind=spec.kind)
    count = takeaway_count(spec, drafter.story_words(), drafter.story_sentences())
    section.blocks = drafter.takeaways(count, intro_to_come)
    if not section.blocks:
        section.note = "The sources hold no facts to summarise."
    return section


def opening_intro(
    sources: list[Source],
    headline: str,
    story_map: StoryMap,
    dek: str,
    words: int,
    given: frozenset[str] | set[str] = frozenset(),
) -> list[Block]:
    """An intro of the story's own opening sentences, about ``words`` long: what stands in for an intro the model
    left out or that failed the check. The dek is often the story's first sentence: the intro goes on from it, or a
    one-sentence summary's article is its dek and the note that says why, not the same sentence twice. ``given``:
    the source sentences other parts of the article already hold; each is used once (smoke 45 F17: the intro
    repeated the takeaways, which the check then dropped as repeats, leaving Key Takeaways out)."""
    lead = GroundedDrafter.reading(sources, headline, story_map)
    for candidate in lead.unused():
        if candidate.original in given:
            lead.claim(candidate.original, candidate.passage)
    opening = lead.take(words, lead=True)
    return lead.blocks([c for c in opening if dek.strip() not in (c.text.strip(), c.original.strip())], "paragraphs")
