"""Every sentence a reader sees is checked: the title, the dek, the intro and any heading that states something.
A server model's dek that the sources do not support is replaced by one built from the story that passes, and the
footer counts what was removed. The server is tests/support/obedient_server.py, in a thread on 127.0.0.1, writing the
unsupported dek "The mayor resigned yesterday." (no injection anywhere: a model can invent a dek on its own)."""

from __future__ import annotations

import json

import httpx
import pytest

from conftest import FLOOD_STORY, TINY_TEMPLATE, flood_passages, run_newsdesk
from newsdesk.models import Article, Block, Section, Sentence, Source
from newsdesk.render.markdown import summary_line
from newsdesk.verify import Fallbacks, Verifier, verify_article
from support import obedient_server
from support.servers import ThreadedServer

INVENTED_DEK = "The mayor resigned yesterday."
PASSAGES = flood_passages()


@pytest.fixture(scope="module")
def server():
    with ThreadedServer(obedient_server.Handler) as served:
        yield served.base


def test_a_servers_unsupported_dek_is_never_published(server, tmp_path) -> None:
    # the "canary" has no trigger in the story: the server simply writes the invented dek
    httpx.post(
        f"{server}/control",
        json={
            "canary": {
                "id": "dek",
                "claim": INVENTED_DEK,
                "token": "PWNED-0",
                "triggers": ["never in the story"],
                "echo": True,
            }
        },
    )
    story = tmp_path / "floods.txt"
    story.write_text("Flash floods kill 17 in southern Texas\n\n" + "\n\n".join(FLOOD_STORY) + "\n", encoding="utf-8")
    out = tmp_path / "article.json"
    result = run_newsdesk(
        "write",
        str(story),
        "--model",
        "openai:obedient",
        "--base-url",
        f"{server}/v1",
        "--template",
        str(TINY_TEMPLATE),
        "--format",
        "json",
        "-o",
        str(out),
        "-q",
        db=tmp_path / "newsdesk.db",
    )
    assert result.returncode == 0, result.stderr.decode()
    article = json.loads(out.read_text(encoding="utf-8"))
    assert httpx.get(f"{server}/control").json()["requests"] >= 1, "the server wrote the draft"
    assert "mayor" not in article["dek"].lower() and "resigned" not in article["dek"].lower()
    assert article["dek"] in [*FLOOD_STORY, "Flash floods kill 17 in southern Texas"], "a dek built from the story"
    replaced = [d for d in article["dropped"] if d["section"] == "dek"]
    assert [d["text"] for d in replaced] == [INVENTED_DEK] and replaced[0]["verdict"] != "supported"
    assert article["counts"]["removed"]["unsupported"] >= 1  # the footer counts the removed dek
    assert "mayor" not in article["title"].lower()


def _article(title: str, dek: str, blocks: list[Block]) -> Article:
    return Article(
        title=title,
        dek=dek,
        intro=Section(id="intro", heading="", kind="summary", blocks=[]),
        sections=[Section(id="context", heading="Context", kind="fact", blocks=blocks)],
        sources=[Source(number=1, title="Flash floods kill 17 in southern Texas", passages=PASSAGES)],
        model={},
    )


def _block(kind: str, *texts: str) -> Block:
    return Block(kind, [Sentence(t, claim_kind="heading" if kind == "subheading" else "fact") for t in texts])


def test_title_dek_and_headings_go_through_the_verifier() -> None:
    fact = "Governor Greg Abbott declared a disaster in 23 counties."
    article = _article(
        "Why did the mayor of Houston resign over the floods?",
        INVENTED_DEK,
        [
            _block("subheading", "Abbott declares a disaster"),
            _block("paragraph", fact),
            _block("subheading", "The mayor resigned on Friday"),
            _block("paragraph", "Abbott said the state would ask for federal help."),
            _block("subheading", "Residents react"),
            _block("paragraph", FLOOD_STORY[2]),
        ],
    )
    fallbacks = Fallbacks(
        titles=["What comes next after flash floods kill 17 in southern Texas?"], deks=[FLOOD_STORY[0]]
    )
    verify_article(Verifier(), article, PASSAGES, fallbacks=fallbacks)
    assert article.title == fallbacks.titles[0] and article.dek == FLOOD_STORY[0]
    headings = [b.text for b in article.sections[0].blocks if b.type == "subheading"]
    # a heading that states an unsupported fact goes (what it heads stays); a supported one is kept, checked; a
    # label is left alone
    assert headings == ["Abbott declares a disaster", "Residents react"]
    kept = article.sections[0].blocks[0].sentences[0]
    assert kept.verdict == "supported" and kept.decided_by and kept.claim_kind == "heading"
    assert "Abbott said the state would ask for federal help." in [s.text for s in article.sections[0].sentences()]
    dropped = {d.section: d.text for d in article.dropped}
    assert dropped["title"].startswith("Why did the mayor") and dropped["dek"] == INVENTED_DEK
    assert "The mayor resigned on Friday" in [d.text for d in article.dropped]
    assert "3 unsupported sentences removed" in summary_line(article)


def test_a_supported_title_and_dek_stay() -> None:
    title, dek = "What comes next after flash floods kill 17 in southern Texas?", FLOOD_STORY[1]
    article = _article(title, dek, [_block("paragraph", FLOOD_STORY[0])])
    verify_article(Verifier(), article, PASSAGES, fallbacks=Fallbacks(titles=["Other?"], deks=[FLOOD_STORY[2]]))
    assert (article.title, article.dek) == (title, dek) and not article.dropped
