"""The article's shape follows its story: how many takeaways it has, and which sections it earns.

The rule (issue 17, item 8): an article is as long as what its story can verifiably say. With grounded drafting
every sentence of the body is one of the story's usable sentences, each used once, so the body is never longer
than the story; Key Takeaways restate its main points in fewer words, in proportion to its length; each section
takes at most its template length, so a long story's article stops near the template's; and a section the
sources hold nothing for is left out, with a note that says so, rather than published as a heading over a note.
"""

from __future__ import annotations

import re

from ..models import Article, Section
from ..template import SectionSpec, Template

__all__ = [
    "LENGTH_SHARE",
    "MAX_ARTICLE_WORDS",
    "TAKEAWAY_SHARE",
    "TAKEAWAY_WORDS",
    "fact_words",
    "leave_out_empty",
    "omit_empty_sections",
    "takeaway_count",
]

LENGTH_SHARE = 0.75  # of the story's usable words, what its article may restate: a 1,400-word story gets ~800
MAX_ARTICLE_WORDS = 1200  # however long the story: past this an explainer is a second copy of it

TAKEAWAY_WORDS = 250  # story words per takeaway: a 600-word story gets 3, a 1,400-word story up to 5
TAKEAWAY_SHARE = 3  # story sentences per takeaway at least: a list of points restates a story, not most of it


def takeaway_count(spec: SectionSpec, story_words: int, story_sentences: int | None = None) -> int:
    """Takeaways in proportion to the story (``TAKEAWAY_WORDS``), three at least, at most what the section's
    length holds (about 18 words a bullet), five, and one for every ``TAKEAWAY_SHARE`` usable story sentences
    (two at least), so that a six-sentence story is not restated whole.

    On the first 38 CNN/DailyMail dev stories (about 600 words each) three takeaways scored ROUGE-1/2 38.9/16.9
    against the highlights and four 36.4/16.4: a longer list says more than a reader keeps."""
    count = max(2, min(5, spec.target_words // 18, max(3, round(story_words / TAKEAWAY_WORDS))))
    if story_sentences is not None:
        count = min(count, max(2, story_sentences // TAKEAWAY_SHARE))
    return count


def omit_empty_sections(sections: list[Section]) -> tuple[list[Section], list[str]]:
    """The sections that hold a sentence, and a note for each one left out.

    A section is earned by what the sources hold for it: a heading over nothing but "the sources hold nothing
    for this" tells a reader less than its absence, and pads a short story out to the template's full shape.
    So a section with no sentence (nothing of its kind in the sources, or every sentence drafted for it dropped
    by the source check) is left out, and the article's notes say which and why: nothing is lost silently, and
    the dropped sentences stay in ``Article.dropped``.
    """
    kept: list[Section] = []
    notes: list[str] = []
    for section in sections:
        if section.sentences():
            kept.append(section)
            continue
        reason = re.sub(r",? so it is left out$", "", (section.note or "the sources hold nothing for it").rstrip("."))
        label = section.heading or ("The introduction" if section.id == "intro" else section.id)
        notes.append(f"{label} is left out: {reason[:1].lower()}{reason[1:]}.")
    return kept, notes


def leave_out_empty(article: Article) -> None:
    """After the check: the sections it emptied are left out, and an intro it emptied (its sentences failed, or
    repeated the dek) keeps no note under the dek; the article's notes say what went and why."""
    article.sections, notes = omit_empty_sections(article.sections)
    if not article.intro.sentences() and article.intro.note:
        notes[:0] = omit_empty_sections([article.intro])[1]
        article.intro.note = None
    article.notes.extend(notes)


def fact_words(spec: SectionSpec, template: Template, story_words: int, written: list[Section | str]) -> int:
    """Words for a grounded fact section: its template length, or more where the article is short of its share
    of the story (``LENGTH_SHARE`` of ``story_words``, at most ``MAX_ARTICLE_WORDS``) after what is ``written``
    already (the dek, the intro, the sections built from the map), less the template length of the fact
    sections still to come. The sections built from the map hold only material of their kind (views, dates,
    plans), so a long story's facts go here rather than being left out; a short story's share is spent before
    this and the section keeps its template length, which the few sentences left bound anyway."""
    budget = min(LENGTH_SHARE * story_words, MAX_ARTICLE_WORDS)
    used = sum(
        len((part if isinstance(part, str) else " ".join(s.text for s in part.sentences())).split()) for part in written
    )
    others = sum(s.target_words for s in template.sections if s.kind == "fact" and s.id != spec.id)
    return max(spec.target_words, round(budget - used - others))
