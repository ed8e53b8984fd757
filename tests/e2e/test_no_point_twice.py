"""No point is made twice at the head of an article (smoke test 40b #11): the dek and the intro state the story's
opening, and the Key Takeaways its next most salient points, not the dek's or the intro's again."""

from __future__ import annotations

from pathlib import Path

from conftest import DATA, ROOT
from newsdesk.archive import open_archive
from newsdesk.ingest import load_story
from newsdesk.pipeline import WriteOptions, write_article
from newsdesk.text import content_words

REPEAT_SHARE = 0.6  # the verifier's redundancy bar: most of a sentence's content words said already


def _repeats(sentence: str, other: str) -> bool:
    words = set(content_words(sentence))
    return len(words) >= 3 and len(words & set(content_words(other))) >= REPEAT_SHARE * len(words)


def test_the_takeaways_repeat_neither_the_dek_nor_the_intro(tmp_path: Path, harbour_article) -> None:
    """The 690-word harbour story (the session's ``harbour_article``: written in process, default template, no
    cache) and the bundled example, written the same way here."""
    for number, path in enumerate((DATA / "harbour-story.txt", ROOT / "examples" / "webb-launch.md")):
        if number == 0:
            article = harbour_article
        else:
            article = write_article(
                load_story(str(path)), WriteOptions(use_cache=False), open_archive(tmp_path / f"{number}.db")
            )
        opening = [article.dek, *(s.text for s in article.intro.sentences())]
        bullets = [s.text for sec in article.sections if sec.kind == "summary" for s in sec.sentences()]
        assert bullets, path.name
        for bullet in bullets:
            assert not any(_repeats(bullet, said) for said in opening), (path.name, bullet, opening)
