"""Analysis from the story map: sections built from attributed source sentences, no model call for them, and the
map as the plan of a capable model's prompt. Real spaCy, real embedded model, real SQLite."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import copy_archive
from newsdesk.archive import Archive, open_archive
from newsdesk.models import Article, Passage, Source, Story
from newsdesk.pipeline import WriteOptions, write_article
from newsdesk.storymap import build_map
from newsdesk.template import load_template
from newsdesk.write import from_map
from newsdesk.write.grounded import GroundedDrafter

HEADLINE = "Port authority approves harbour expansion"
STORY = [
    (
        "The Harbour Authority approved a 240 million dollar expansion of the container port on Tuesday. "
        "Mayor Ellen Okafor welcomed the decision, calling it a historic day for the city."
    ),
    (
        "Environmental groups condemned the plan as reckless. Greenwatch director Tom Reyes warned that dredging "
        "could destroy the oyster beds. He said the group had hired lawyers to fight the harbour decision."
    ),
    (
        "Construction is scheduled to begin on March 3, 2026, and the authority plans to finish the first berth "
        "by 2028. Port chief Maria Lund said the expansion would double the number of ships the port can handle."
    ),
    (
        "It is unclear who will pay for the new rail link. The authority declined to say how many jobs the port "
        "would create. Shipping lines expect freight volumes to rise over the next decade."
    ),
]


def _sources() -> list[Source]:
    passages = [Passage(text=t, position=i, source_number=1, id=i + 1) for i, t in enumerate(STORY)]
    return [Source(number=1, title=HEADLINE, passages=passages)]


def _sections() -> dict:
    sources = _sources()
    story_map = build_map(sources, HEADLINE)
    drafter = GroundedDrafter(sources, HEADLINE, story_map.unusable)
    template = load_template(None)
    built = {}
    for kind in from_map.MAP_BUILT:
        for spec in template.sections:
            if from_map.role(spec) == kind:
                built[spec.id] = from_map.map_section(spec, story_map, drafter)
    return built


def _texts(section) -> list[str]:
    return [s.text for b in section.blocks for s in b.sentences]


@pytest.fixture(scope="module")
def harbour_written(tmp_path_factory: pytest.TempPathFactory):
    """The harbour story written once by the embedded model (default template, no cache) into an archive of its own:
    the article as ``write_article`` returned it, and the archive's path. The tests below copy both."""
    path = tmp_path_factory.mktemp("harbour") / "n.db"
    archive = open_archive(path)
    article = write_article(Story(headline=HEADLINE, body="\n\n".join(STORY)), WriteOptions(use_cache=False), archive)
    archive.close()
    return article, path


@pytest.fixture
def harbour(harbour_written, tmp_path: Path) -> Iterator[tuple[Archive, Article]]:
    """A private copy of the archive the harbour story was written into and of the article the write returned,
    for a test that changes them: what the test would hold had it run the same write itself."""
    article, path = harbour_written
    archive = open_archive(copy_archive(path, tmp_path / "n.db"))
    yield archive, copy.deepcopy(article)
    archive.close()


def test_pros_and_cons_are_attributed_statements_of_each_stance() -> None:
    section = _sections()["pros-cons"]
    texts = _texts(section)
    pros, cons = texts.index("Pros"), texts.index("Cons")
    assert any(t.startswith("Mayor Ellen Okafor welcomed") for t in texts[pros:cons])
    against = texts[cons:]
    assert any("Tom Reyes warned" in t for t in against) and any("condemned" in t for t in against)


def test_analysis_by_speaker_outlook_with_dates_and_what_to_watch() -> None:
    built = _sections()
    analysis = _texts(built["analysis"])
    assert any(t.startswith("What ") and t.endswith(" said") for t in analysis)  # a speaker's sub-heading
    outlook = " ".join(_texts(built["outlook"]))
    watch = _texts(built["call-to-action"])
    assert "March 3, 2026" in outlook + " ".join(watch)
    assert "Not yet known" in watch and any(t.startswith("The authority declined to say") for t in watch)
    assert "It is unclear who will pay" in outlook + " ".join(watch)
    every = [t for section in built.values() for t in _texts(section)]
    assert "Tom Reyes said the group had hired lawyers to fight the harbour decision." in every  # "He" named
    sentences = [
        t
        for section in built.values()
        for b in section.blocks
        if b.type != "subheading"
        for t in (s.text for s in b.sentences)
    ]
    assert len(sentences) == len(set(sentences))  # no sentence in two sections
    assert all(
        s.citations for section in built.values() for b in section.blocks if b.type != "subheading" for s in b.sentences
    )
    assert every


def test_a_capable_model_gets_the_map_as_its_plan() -> None:
    story_map = build_map(_sources(), HEADLINE)
    spec = next(s for s in load_template(None).sections if s.id == "pros-cons")
    plan = from_map.plan_for(spec, story_map)
    assert "for: [1] Mayor Ellen Okafor welcomed" in plan and "against:" in plan


def test_the_embedded_model_is_asked_for_no_analysis_section(harbour) -> None:
    archive, article = harbour
    # the model is asked for the title alone (checked); nothing else, not even revisions of source sentences
    assert [c["purpose"] for c in archive.calls(1)] == ["title"]
    # a question only where it is safe: the story gives no reason for the approval, so no "why" is asked of it
    assert article.title != f"{HEADLINE}: what does it mean?" and not article.title.startswith("Why")
    filled = [s.id for s in article.sections if any(x.verdict == "supported" for x in s.sentences())]
    # ten sentences for a dek, an intro and six sections: the takeaways take the most salient first (issue 17),
    # so the analysis may be left with none, and is then left out, which the notes say truly
    assert {"outlook", "takeaways"} <= set(filled)
    # the dates, unknowns and voices may all be taken by the takeaways and the views first; the note then says so
    watch = from_map._GIVEN_NOTES["watch"][1:]
    assert "call-to-action" in filled or any(
        n.startswith("Call to Action is left out: ") and watch in n for n in article.notes
    )
    # a short story's views may all be given by the intro and the takeaways; the note then says so, truly
    views = from_map._GIVEN_NOTES["pros_cons"][1:]
    assert "pros-cons" in filled or any(
        n.startswith("Pros and Cons is left out: ") and views in n for n in article.notes
    )
    analysis = next((s for s in article.sections if s.id == "analysis"), None)
    # a note that says the section's material is absent, or that another section gave it: whichever is true
    reasons = [from_map._EMPTY_NOTES["analysis"][1:], from_map._GIVEN_NOTES["analysis"][1:]]
    assert (analysis is not None and analysis.sentences()) or any(
        n.startswith("In-Depth Analysis is left out: ") and any(r in n for r in reasons) for n in article.notes
    )


def test_a_summary_only_story_gets_a_short_article_that_says_so(tmp_path: Path) -> None:
    archive = open_archive(tmp_path / "n.db")
    summary = (
        "The Harbour Authority approved a 240 million dollar expansion of the container port on Tuesday. "
        "Mayor Ellen Okafor welcomed the decision, calling it a historic day for the city."
    )
    article = write_article(
        Story(headline=HEADLINE, body=summary, origin="feed"), WriteOptions(use_cache=False), archive
    )
    assert article.sections == []  # nothing padded out of two sentences
    assert "rests on a summary of 2 sentences" in (article.intro.note or "")
    assert "linked page" not in (article.intro.note or ""), "a brief with no link has no page to fetch"
    linked = write_article(
        Story(headline=HEADLINE, body=summary, origin="feed", url="https://example.org/port"),
        WriteOptions(use_cache=False),
        archive,
    )
    note = linked.intro.note or ""
    # Smoke test 40a #13: the web app showed editors a command-line command they could not run
    assert "linked page's address" in note and "newsdesk " not in note and "--" not in note, note
    assert article.dek.startswith("The Harbour Authority approved")
    assert article.stats.llm_calls == 1  # the title


@pytest.mark.parametrize(
    ("headline", "summary"),
    [
        (HEADLINE, "Talks on the harbour expansion will continue on Wednesday, but hopes for a deal are low."),
        # an Al Jazeera feed entry whose speech verb the parser reads as a noun (Smoke test 40a #5: the run failed
        # with "nothing of the story could be written beyond its headline", and the entry had no article)
        (
            "Deadly explosion rocks Russian military site near St Petersburg",
            "Russian media report at least three people killed when the military police facility in Sertolovo "
            "collapses after blast.",
        ),
    ],
)
def test_a_one_sentence_summary_is_its_dek_and_the_note_that_says_why(
    tmp_path: Path, headline: str, summary: str
) -> None:
    """The dek is the summary's one sentence: the intro does not give it again (the verifier would drop the copy and
    put its own note where the reader needs the one that says why the article is short)."""
    archive = open_archive(tmp_path / "n.db")
    article = write_article(
        Story(headline=headline, body=summary, origin="feed"), WriteOptions(use_cache=False), archive
    )
    assert article.dek == summary
    assert not article.intro.sentences()
    assert any("rests on a summary of 1 sentence," in note for note in [article.intro.note or "", *article.notes])
    assert not any("repeated points made earlier" in note for note in article.notes)


def test_a_full_story_trimmed_to_fit_a_small_context_is_no_summary(tmp_path: Path) -> None:
    archive = open_archive(tmp_path / "n.db")
    names = ["Okafor", "Walsh", "Doyle", "Byrne", "Herrera", "Mbeki"]
    paragraphs = [
        f"Councillor {name} said on Monday that the harbour expansion would need {n} more cranes and a new rail link "
        f"to the container terminal, and that the port would hire {n * 40} workers over the next three years."
        for n, name in enumerate(names, 1)
    ]
    story = Story(headline=HEADLINE, body="\n\n".join(paragraphs), url="https://port.example/expansion")
    article = write_article(story, WriteOptions(use_cache=False, context_length=512), archive)
    notes = [article.intro.note or "", *article.notes]
    assert any("to fit the model's context of 512 tokens" in note for note in notes), notes
    assert not any("rests on a summary" in note for note in notes), notes


def test_a_section_a_later_version_lacks_can_be_asked_for_again_in_its_place(harbour) -> None:
    from newsdesk.pipeline import regenerate_section

    archive, article = harbour
    order = [s.id for s in article.sections]
    assert "outlook" in order
    # a version without the section, as an update that found nothing for it saves one
    article.sections = [s for s in article.sections if s.id != "outlook"]
    article.version += 1
    archive.save_version(article, begun_from=article.version - 1)
    again = regenerate_section(archive, article.id, "outlook", WriteOptions())
    assert [s.id for s in again.sections] == order, "back in the template's place"
    assert again.version == 3 and next(s for s in again.sections if s.id == "outlook").sentences()
    assert again.updates[-1].summary == "Rewrote “Future Outlook” on request."


def test_a_rewrite_that_gives_the_same_sentences_again_saves_no_version(harbour) -> None:
    import pytest

    from newsdesk.errors import InputError
    from newsdesk.pipeline import regenerate_section

    archive, article = harbour
    # from the map, as the article built it, and the rest of the article is unchanged: the same sentences again
    with pytest.raises(InputError, match="nothing new for “Future Outlook”: .* so it is left as it was"):
        regenerate_section(archive, article.id, "outlook", WriteOptions())
    assert archive.get_article(article.id).version == 1, "no version that changes nothing"


def _emptied(archive, article, section_id: str):
    """A version with one section emptied, as an update that found nothing for it saves one."""
    article = archive.get_article(article.id)
    next(s for s in article.sections if s.id == section_id).blocks = []
    article.version += 1
    archive.save_version(article, begun_from=article.version - 1)
    return article


def test_regenerating_a_map_built_section_rebuilds_it_from_the_map_without_a_call(harbour) -> None:
    from newsdesk.pipeline import regenerate_section
    from newsdesk.pipeline.develop import get_version

    archive, article = harbour
    _emptied(archive, article, "outlook")
    again = regenerate_section(archive, article.id, "outlook", WriteOptions())
    section = next(s for s in again.sections if s.id == "outlook")
    assert section.sentences() and all(s.verdict == "supported" for s in section.sentences())
    elsewhere = {
        c.quote
        for other in again.all_sections()
        if other.id != "outlook"
        for s in other.sentences()
        for c in s.citations
    }
    assert not {c.quote for s in section.sentences() for c in s.citations} & elsewhere
    assert archive.calls(2) == []  # the second run asked the model for nothing
    assert again.version == 3 and again.updates[-1].summary == "Rewrote “Future Outlook” on request."
    kept = get_version(archive, article.id, 1)  # the version it replaced is kept, as an update's is
    assert kept.to_dict()["sections"] == article.to_dict()["sections"] and kept.updates == []


def test_a_fact_section_is_rewritten_from_the_sources_without_a_call(harbour) -> None:
    """The embedded model writes no section freely, here either: a rewritten fact or summary section is built from
    source sentences, as the article built it (it was the small model's free text, with an invented date)."""
    from newsdesk.pipeline import regenerate_section

    archive, article = harbour
    calls = len(archive.calls(10))
    facts = next(s for s in article.sections if s.kind in ("fact", "summary"))
    _emptied(archive, article, facts.id)
    again = regenerate_section(archive, article.id, facts.id, WriteOptions())
    rewritten = next(s for s in again.sections if s.id == facts.id)
    body = " ".join(" ".join(STORY).split())
    assert rewritten.sentences() and all(c.quote in body for s in rewritten.sentences() for c in s.citations)
    assert len(archive.calls(10)) == calls, "no model call"


def test_a_story_in_another_language_says_so_and_an_english_one_does_not(tmp_path: Path) -> None:
    """newsdesk writes in English and translates nothing: an article on a French story gives the story's own
    sentences under English headings, and a note says so, and so does the run's progress, as a warning (smoke 44
    #16: it is written, not refused); an English story gets no such note."""
    archive = open_archive(tmp_path / "n.db")
    events: list = []
    french = (
        "Le conseil municipal a approuvé mardi l'agrandissement du port de commerce. "
        "La maire a salué une décision historique pour la ville, et les associations ont dénoncé le projet. "
        "Les travaux doivent commencer au printemps et durer trois ans, selon la mairie. "
        "Le coût du projet est estimé à 240 millions d'euros, dont la moitié payée par la région."
    )
    article = write_article(
        Story(headline="Le port s'agrandit", body=french, origin="text"),
        WriteOptions(use_cache=False),
        archive,
        on_event=events.append,
    )
    assert any("another language (fr)" in note for note in article.notes), article.notes
    assert sum("another language (fr)" in note for note in article.notes) == 1, "said once in the article"
    warnings = [e.data.get("message", "") for e in events if e.stage == "warning"]
    assert any("another language (fr)" in message for message in warnings), warnings
    events.clear()
    english = write_article(
        Story(headline=HEADLINE, body=" ".join(STORY), origin="text"), WriteOptions(), archive, on_event=events.append
    )
    assert not any("another language" in note for note in english.notes)
    assert not any("another language" in e.data.get("message", "") for e in events if e.stage == "warning")
