"""Drafting an article: the headline parts (title, dek, intro) and each template section, by the cheapest route
that can ground it (source sentences, the story map, or the model), within the run's call budget."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import ContextTooSmall
from ..langid import ARTICLE_LANGUAGE, guess_language
from ..language import nlp
from ..llm.session import BudgetExceeded, Messages, Session
from ..models import Article, Block, Section, Sentence, Source
from ..sentences import split_sentences
from ..storymap import StoryMap, is_complete_sentence
from ..template import SectionSpec, Template, load_template
from ..text import STOPWORDS, counted, date_phrase
from . import from_map, prompts
from .grounded import GroundedDrafter, repeats_one_of
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
from .shape import fact_words, omit_empty_sections, takeaway_count
from .title import acceptable_title, question_title, whole_sentence

__all__ = [
    "Draft",
    "GROUNDED_KINDS",
    "fallback_title",
    "opening_intro",
    "rebuild_from_map",
    "write_draft",
    "write_section",
]

GROUNDED_KINDS = ("fact", "summary")
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
SCARCE_INTRO_WORDS = 30
EMPTY_NOTE = "The model returned no usable text for this section."
NO_SENTENCE_NOTE = "The model's text for this section held no complete sentence."
# newsdesk writes in English and translates nothing: a story in another language is given in its own words.
FOREIGN_NOTE = (
    "The story is written in another language ({language}): newsdesk writes in English and translates nothing, "
    "so the article gives the story's own sentences as written, under English headings."
)
ECHO_NOTE = "The model's text for this section only restated what it was asked to write."
LOOP_NOTE = "The model's draft started repeating itself, so it was cut short."
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
    if drafter is not None:
        title, dek, intro, summaries = _grounded_headline(
            session,
            asked,
            template,
            headline,
            drafter,
            story_map,
            body,
            scarce=scarce,
            lead_only=map_analysis or summary_only,
        )
    else:
        title, dek, intro = _written_headline(session, asked, template, headline, story_map, body)
    if not intro.blocks:  # the model wrote no usable intro: the story's own opening says what happened
        words = template.headline.target_words
        intro.blocks = opening_intro(
            sources, headline, story_map, dek, min(words, SCARCE_INTRO_WORDS) if summary else words
        )
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
                if from_map.role(spec) == kind:
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
        notes = _language_notes(headline, body) + _headline_notes(template, drafter is not None)
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
            section = _grounded_section(drafter, spec_section, words)
        else:
            refusals = len(session.refusals)
            section = _written_section(
                session, asked, spec_section, headline, others, plan=from_map.plan_for(spec_section, story_map)
            )
            if len(session.refusals) > refusals and not section.sentences():
                refused.append(section.id)
            written.add(section.id)
        if drafter is not None:  # the sources' own sentences: an earlier entry's are dated, wherever they stand
            section.blocks = dated(section.blocks, datelines(sources))
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
    if each_point_once(dek, intro, sections, written):
        for section in [intro, *sections]:
            section.prune()
            number_sentences(section.id, section.blocks)
    sections, notes = omit_empty_sections(sections)
    return Draft(
        title=title,
        dek=dek,
        intro=intro,
        sections=sections,
        notes=_language_notes(headline, body) + _headline_notes(template, drafter is not None) + notes,
        refused=refused,
    )


def each_point_once(dek: str, intro: Section, sections: list[Section], written: set[str]) -> bool:
    """Each point is made once in the whole article (smoke test 40b #11), in the model's text as in the sources'
    own sentences (``GroundedDrafter``): a sentence the model wrote that makes again a point made before it
    (``grounded.repeats_one_of``, the verifier's redundancy bar) is dropped before the check.

    "Before" is the order in which the grounded drafter hands the points out: the dek states the news, the intro
    goes on from it, the summary sections (Key Takeaways) list the main points next, and the body, in template
    order, gives only what they left. A takeaway must not be the dek again (the verifier lets a summary restate
    the dek, so only this catches it), and no body section states again what the dek, the intro or a takeaway
    holds. Only the parts in ``written`` (section ids, "intro") are filtered; sentences drafted from the sources
    were handed out once already, and count only as said. A written section left with no sentence says why.
    Whether any sentence was dropped."""
    said = [dek] if dek else []
    dropped = False
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
                    dropped = True
                else:
                    said.append(sentence.text)
        if model_text and had and not section.sentences():
            section.note = REPEATS_NOTE
    return dropped


def _language_notes(headline: str, body: str) -> list[str]:
    language = guess_language(f"{headline} {body}")
    return [FOREIGN_NOTE.format(language=language)] if language not in (None, ARTICLE_LANGUAGE) else []


def _headline_notes(template: Template, grounded: bool) -> list[str]:
    """``HEADLINE_INSTRUCTIONS_NOTE`` where the headline is drafted from the sources and the template asks for
    something else than the default template does (the default's are what the grounded headline does)."""
    asked, default = template.headline.instructions.split(), load_template(None).headline.instructions.split()
    return [HEADLINE_INSTRUCTIONS_NOTE] if grounded and asked != default else []


def _story_sentences(sources: list[Source]) -> int:
    """Sentences of the main story long enough to state something (four words or more)."""
    return sum(_statements(p.text) for p in (sources[0].passages if sources else []))


def _statements(text: str) -> int:
    return sum(1 for sentence in split_sentences(text) if len(sentence.split()) >= 4)


def _grounded_headline(
    session: Session,
    sources: list[Source],
    template: Template,
    headline: str,
    drafter: GroundedDrafter,
    story_map: StoryMap,
    body: str,
    scarce: bool = False,
    lead_only: bool = False,
) -> tuple[str, str, Section, dict[str, Section]]:
    """Dek and intro from the story's opening sentences; the title from the model (one short call) where it
    passes ``acceptable_title``, else built from the headline's clause. The model writes nothing else here.
    Summary sections are chosen here too, between the dek and the intro (returned by section id)."""
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
    summaries = {spec.id: _grounded_summary(drafter, spec) for spec in template.sections if spec.kind == "summary"}
    intro = Section(id="intro", heading="", kind="summary")
    words = min(template.headline.target_words, SCARCE_INTRO_WORDS) if scarce else template.headline.target_words
    intro.blocks = drafter.blocks(drafter.take(words, lead=True), "paragraphs")
    return _title(candidate, headline, body, story_map), dek, intro, summaries


def _written_headline(
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
    return _title(labelled.get("title"), headline, body, story_map), dek, intro


def datelines(sources: list[Source]) -> dict[int, str]:
    """When and by whom each background source was reported ("On 17 February, BBC News reported:"), by source
    number: background is an earlier state of the story or another event, and a reader must not take it for this
    story's present. A source without a date still gets a label that says it is another report and has no date
    ("An undated report said:"): in the present tense and unmarked, its "is due to pay" reads as today's news
    beside a story that says the payment was made."""
    return {source.number: dateline(source) for source in sources[1:]}


def dateline(source: Source) -> str:
    """When and by whom one source was reported ("On 17 February, BBC News reported:")."""
    when = date_phrase(source.published)
    if when:
        return f"{when}, {source.publisher} reported:" if source.publisher else f"{when}:"
    return f"{source.publisher} reported, in an undated story:" if source.publisher else "An undated report said:"


def attribute_disputed(sections: list[Section], sources: list[Source], disputed: Callable[[str], bool]) -> None:
    """The story's own sentences that give a figure another outlet gives otherwise (``disputed``) stand under the
    story's dateline ("On 3 November, Harbour Herald reported:"): two outlets that disagree settle nothing between
    them, so the story's figure is its outlet's account, told as such, as a background source's sentences are
    under theirs (``dated``). A block that is not all the story's keeps no dateline (it is not one outlet's)."""
    if not sources or not sources[0].publisher:
        return
    story, line = sources[0].number, dateline(sources[0])
    for section in sections:
        for block in section.blocks:
            if block.type == "subheading" or block.label or not block.sentences:
                continue
            if all(s.citations and s.citations[0].source == story for s in block.sentences) and any(
                disputed(s.text) for s in block.sentences
            ):
                block.label = line


def dated(blocks: list[Block], lines: dict[int, str]) -> list[Block]:
    """The blocks with each background source's sentences under its dateline (``datelines``): a paragraph is split
    where the source changes, and a bullet or paragraph of one dated source gets its label. The sentences are the
    sources' own, drafted with their citations, so each one's first citation says where it comes from."""
    out: list[Block] = []
    for block in blocks:
        if block.type == "subheading" or block.label or not block.sentences:
            out.append(block)
            continue
        runs: list[tuple[int | None, list[Sentence]]] = []
        for sentence in block.sentences:
            source = sentence.citations[0].source if sentence.citations else None
            if runs and runs[-1][0] == source:
                runs[-1][1].append(sentence)
            else:
                runs.append((source, [sentence]))
        if block.type == "bullet" and len(runs) > 1:
            out.append(block)  # one point from several sources: no one dateline is its own
            continue
        out += [Block(block.type, run, lines.get(source, "") if source else "") for source, run in runs]
    return out


def keep_datelines(article: Article, sources: list[Source]) -> None:
    """After the check, each dateline still names the source its sentences cite first. The checker cites where it
    finds a sentence, and a sentence two entries share may now cite the story [1] under the dateline of the earlier
    entry it was drafted from ("On 4 January, NASA reported: ... [1]", [1] of 8 January): a sentence that still
    cites the dated source cites it first; a block whose sentences all cite another source first takes that
    source's dateline (none for the story itself), and a block that mixes sources keeps none."""
    lines = datelines(sources)
    dated_source = {line: number for number, line in lines.items()}
    for section in article.all_sections():
        for block in section.blocks:
            number = dated_source.get(block.label)
            if number is None or not block.sentences:
                continue
            for sentence in block.sentences:
                sentence.citations.sort(key=lambda c: c.source != number)  # stable: the rest keep their order
            first = {s.citations[0].source if s.citations else None for s in block.sentences}
            if first != {number}:
                only = next(iter(first)) if len(first) == 1 else None
                block.label = lines.get(only, "") if only is not None else ""


def _grounded_section(drafter: GroundedDrafter, spec: SectionSpec, words: int | None = None) -> Section:
    prefer = "background" if spec.kind == "fact" else "story"
    chosen = drafter.take(words or spec.target_words, prefer=prefer)
    blocks = drafter.blocks(chosen, spec.format)
    section = Section(id=spec.id, heading=spec.heading, kind=spec.kind, blocks=blocks)
    if not section.blocks:
        section.note = "The sources hold no further facts for this section beyond those given above."
    return section


def write_section(
    session: Session, sources: list[Source], spec: SectionSpec, headline: str, others: list[str], seed: int = 7
) -> Section:
    """One section written by the model (one call), parsed into blocks and numbered."""
    section = _written_section(session, sources, spec, headline, others, seed)
    section.prune()
    number_sentences(section.id, section.blocks)
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
        section = _grounded_summary(drafter, spec, intro_to_come=False)
    else:
        section = _grounded_section(drafter, spec)
    section.prune()
    number_sentences(section.id, section.blocks)
    return section


def _grounded_summary(drafter: GroundedDrafter, spec: SectionSpec, intro_to_come: bool = True) -> Section:
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


def _written_section(
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


def _title(candidate: str | None, headline: str, body: str, story_map: StoryMap) -> str:
    """The model's title if it is a grammatical question about this story's main actor, else one built from the
    headline's clause (``question_title``)."""
    if candidate:
        candidate = re.sub(r"^\s*(title|question)\s*:\s*", "", candidate.strip(), flags=re.I).strip("\"'“” ")
        candidate = candidate if candidate.endswith("?") else candidate.rstrip(".") + "?"
        key = _key_words(headline)
        shared = len(key & _key_words(candidate)) / (len(key) or 1)
        if 12 <= len(candidate) <= 160 and shared >= 0.4 and acceptable_title(candidate, headline, body, story_map):
            return candidate
    return question_title(headline, body, story_map)


def opening_intro(sources: list[Source], headline: str, story_map: StoryMap, dek: str, words: int) -> list[Block]:
    """An intro of the story's own opening sentences, about ``words`` long: what stands in for an intro the model
    left out or that failed the check. The dek is often the story's first sentence: the intro goes on from it, or a
    one-sentence summary's article is its dek and the note that says why, not the same sentence twice."""
    lead = GroundedDrafter.reading(sources, headline, story_map)
    opening = lead.take(words, lead=True)
    return lead.blocks([c for c in opening if dek.strip() not in (c.text.strip(), c.original.strip())], "paragraphs")


def fallback_title(headline: str, body: str = "", story_map: StoryMap | None = None) -> str:
    """A question title built from the headline alone (a title that failed its check is replaced by this)."""
    return question_title(headline, body, story_map or StoryMap())


def _whole_sentences_only(blocks: list[Block]) -> list[Block]:
    """Model text loses its fragments: a clause without its subject is not a sentence."""
    for block in blocks:
        if block.type != "subheading":
            block.sentences = [s for s in block.sentences if is_complete_sentence(nlp()(s.text))]
    return [b for b in blocks if b.sentences]


def _source_text(sources: list[Source]) -> str:
    return "\n".join(part for source in sources for part in (source.title or "", *(p.text for p in source.passages)))


def _key_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]{3,}", text.lower().replace("'s", "")) if w not in STOPWORDS}
