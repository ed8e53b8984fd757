"""The "How the coverage differs" section: what each outlet of the story's thread reports that sets its account
apart (``threads.coverage.outlet_points``), built as a section, checked like every section, and held to the outlet
each sentence is shown under. The pipeline adds it after the rest of the article is checked."""

from __future__ import annotations

from collections.abc import Callable

from ..archive import Archive
from ..models import Article, Block, Dropped, Passage, Section, Sentence, Source, Story
from ..threads import thread_members
from ..threads.coverage import joined, outlet_points
from ..verify import Verifier, verify_article
from ..write.parse import number_sentences

__all__ = ["SECTION_HEADING", "SECTION_ID", "add_coverage_section", "coverage_section", "keep_named_outlets"]

SECTION_ID = "coverage"
SECTION_HEADING = "How the coverage differs"


def coverage_section(
    sources: list[Source], thread_story_ids: set[int], whole: dict[str, list[str]] | None = None
) -> Section | None:
    """The "How the coverage differs" section of an article: for each outlet among the sources that belong to the
    story's thread (``thread_story_ids``), a sub-heading naming the outlet as its feed names itself and the
    sentences that set its account apart. ``None`` when fewer than two outlets of the thread differ. ``whole``:
    each outlet's entries, whole (a background source holds only some of its entry's passages), so that what
    another outlet says too is not shown as one outlet's own.

    The sentences go through the checker like every section's, each outlet's against that outlet's sources
    (``add_coverage_section``); ``keep_named_outlets`` then drops any whose citation is not a source of the
    outlet it is shown under."""
    told: dict[str, str] = {}
    points = outlet_points(
        [s for s in sources if s.story_id is not None and s.story_id in thread_story_ids], told, whole
    )
    if len(points) < 2:
        return None
    blocks: list[Block] = []
    for outlet, found in points.items():
        blocks.append(Block("subheading", [Sentence(outlet, claim_kind="heading")]))
        # a fact told with and without a hedge stands under how this outlet tells it; the rest, together
        for sentence, _ in found:
            if sentence in told:
                blocks.append(Block("paragraph", [Sentence(sentence)], label=told[sentence]))
        rest = [Sentence(sentence) for sentence, _ in found if sentence not in told]
        if rest:
            blocks.append(Block("paragraph", rest))
    number_sentences(SECTION_ID, blocks)
    return Section(SECTION_ID, SECTION_HEADING, "fact", blocks)


def keep_named_outlets(article: Article) -> None:
    """After checking: a sentence of the coverage section stays only when one of its citations is a source of the
    outlet whose sub-heading it is under (what one outlet reports is not shown as another's); the section is
    removed when fewer than two outlets keep a sentence. Removed sentences are listed in ``article.dropped``."""
    section = next((s for s in article.sections if s.id == SECTION_ID), None)
    if section is None:
        return
    publisher = {s.number: s.publisher for s in article.sources}
    outlet = ""
    kept_outlets = 0
    blocks: list[Block] = []
    for block in section.blocks:
        if block.type == "subheading":
            outlet = block.text
            blocks.append(block)
            continue
        for sentence in list(block.sentences):
            if not any(publisher.get(c.source) == outlet for c in sentence.citations):
                block.sentences.remove(sentence)
                article.dropped.append(
                    Dropped(
                        section=SECTION_ID,
                        text=sentence.text,
                        reason=f"not cited to {outlet}",
                        verdict=sentence.verdict,
                        score=sentence.score,
                    )
                )
        if block.sentences:
            kept_outlets += 1
            blocks.append(block)
    # a sub-heading left with nothing under it goes too
    section.blocks = [
        b
        for i, b in enumerate(blocks)
        if b.type != "subheading" or (i + 1 < len(blocks) and blocks[i + 1].type != "subheading")
    ]
    if kept_outlets < 2:  # one outlet left: nothing to compare, and nothing lost without a word
        for sentence in section.sentences():
            article.dropped.append(
                Dropped(
                    section=SECTION_ID,
                    text=sentence.text,
                    reason="no other outlet left to compare with",
                    verdict=sentence.verdict,
                    score=sentence.score,
                )
            )
        article.sections.remove(section)


def add_coverage_section(
    article: Article,
    archive: Archive,
    story: Story,
    evidence: list[Passage],
    emit: Callable[..., None] | None = None,
) -> None:
    """Append the checked coverage section to ``article`` when the story is threaded and its sources hold two or
    more outlets of its thread that differ.

    The section is checked on its own, after the rest of the article, with the same checks (``verify_article``;
    the sentences that fail are listed in ``article.dropped``): its sentences are outlets' own words set side by
    side, so a sentence the facts section already states is not a repeat here. Each outlet's sentences are
    checked against the passages of ``evidence`` that are that outlet's: what one outlet states plainly is its
    own statement, and another outlet's hedge of the same fact ("reportedly carrying 85 passengers") does not
    make it a hedge stated flat. Threading is read as stored, never run here: a write must not pay for threading
    the archive (``newsdesk stories``, ``feed --write`` and ingestion thread it)."""
    members = thread_members(archive, story.id)
    if not members:
        return
    outlets = sorted({str(s.publisher) for s in article.sources if s.publisher and s.story_id in members})
    section = coverage_section(article.sources, members, _whole(archive, article.sources, members))
    if section is None:
        _left_out(article, outlets)
        return
    if emit is not None:  # checked after the rest: the progress says so, or its sentences would go uncounted
        emit("verify", "start", sentences=len(section.sentences()), part=section.heading)
    verifier = Verifier(store=archive)
    dropped = len(article.dropped)
    blocks: list[Block] = []
    for outlet, own in _by_outlet(section.blocks):
        numbers = {s.number for s in article.sources if s.publisher == outlet}
        part = Section(SECTION_ID, section.heading, section.kind, own)
        alone = Article("", "", Section("intro", "", "summary"), [part], article.sources, article.model)
        verify_article(verifier, alone, [p for p in evidence if p.source_number in numbers])
        article.dropped.extend(alone.dropped)
        blocks.extend(part.blocks)
    section.blocks = blocks
    if emit is not None:
        emit("verify", "done", dropped=len(article.dropped) - dropped, part=section.heading)
    if section.sentences():
        article.sections.append(section)
        keep_named_outlets(article)
    if not any(s.id == SECTION_ID for s in article.sections):
        _left_out(article, outlets)


def _by_outlet(blocks: list[Block]) -> list[tuple[str, list[Block]]]:
    """The section's blocks, one group per outlet: its sub-heading and what stands under it."""
    groups: list[tuple[str, list[Block]]] = []
    for block in blocks:
        if block.type == "subheading" or not groups:
            groups.append((block.text if block.type == "subheading" else "", []))
        groups[-1][1].append(block)
    return groups


def _whole(archive: Archive, sources: list[Source], members: set[int]) -> dict[str, list[str]]:
    """Each outlet's entries of the thread among the sources, whole: headline and every passage stored."""
    whole: dict[str, list[str]] = {}
    for source in sources:
        if source.publisher and source.story_id is not None and source.story_id in members:
            texts = whole.setdefault(source.publisher, [source.title])
            texts.extend(p.text for p in archive.passages(source.story_id))
    return whole


def _left_out(article: Article, outlets: list[str]) -> None:
    """Say why the section is missing where two or more outlets of the thread are among the sources: a reader who
    sees their names in the Sources list expects the comparison."""
    if len(outlets) >= 2:
        article.notes.append(
            f"{SECTION_HEADING} is left out: the accounts of {joined(outlets)} differ in no figure, hedge or name "
            "that the check could confirm."
        )
