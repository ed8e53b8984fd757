"""The public surface, exactly: what ``newsdesk`` and each stage package export.

A name added to or removed from an ``__all__`` changes what users may import, so it must change this test too. Each
listed name must resolve, and ``from package import *`` must give exactly the listed names (no stale entry, no
missing one). Packages still being reorganised (``jobs``, ``retrieve``, ``pipeline``, ``storymap``, ``injection``)
are added here once they are packages.
"""

from __future__ import annotations

import importlib

import pytest

SURFACE: dict[str, set[str]] = {
    "newsdesk": {"__version__"},
    "newsdesk.models": {
        "ROLES",
        "ROLE_OF_KIND",
        "Article",
        "Block",
        "BlockType",
        "Citation",
        "ClaimKind",
        "Dropped",
        "ModelInfo",
        "Passage",
        "Section",
        "Sentence",
        "Source",
        "Stats",
        "Story",
        "StoryInfo",
        "Update",
        "VerdictLabel",
        "content_hash",
        "web_url",
    },
    "newsdesk.ingest": {"load_story", "story_from_bytes", "story_from_text"},
    "newsdesk.archive": {
        "Archive",
        "Feed",
        "FeedEntry",
        "FeedStore",
        "MIGRATIONS",
        "Migration",
        "PASSAGE_MAX_CHARS",
        "PASSAGE_MIN_CHARS",
        "default_db_path",
        "default_location",
        "fts_query",
        "is_postgres",
        "now",
        "open",
        "open_archive",
        "search_words",
        "split_passages",
    },
    "newsdesk.llm": {
        "Completion",
        "DEFAULT_MODEL",
        "Model",
        "ProbabilitiesUnavailable",
        "get_model",
        "register_backend",
    },
    "newsdesk.write": {"Draft", "GROUNDED_KINDS", "fallback_title", "rebuild_from_map", "write_draft", "write_section"},
    "newsdesk.verify": {
        "CHECKS",
        "Calibration",
        "Check",
        "Claim",
        "DECIDERS",
        "DECIDER_LABELS",
        "Decision",
        "Fallbacks",
        "Judge",
        "Reviser",
        "Verification",
        "Verifier",
        "claim_kind",
        "split_sentences",
        "unsupported_specifics",
        "verify_article",
    },
    "newsdesk.render": {"FORMATS", "render", "render_html", "render_json", "render_markdown"},
    "newsdesk.web": {"Settings", "create_app"},
    "newsdesk.eval": {"evaluate", "load_rows", "metrics", "row_passages"},
}


@pytest.mark.parametrize("package", sorted(SURFACE))
def test_all_is_exactly_the_public_surface(package: str) -> None:
    module = importlib.import_module(package)
    exported = module.__all__
    assert len(exported) == len(set(exported)), f"{package}.__all__ lists a name twice"
    assert set(exported) == SURFACE[package]


@pytest.mark.parametrize("package", sorted(SURFACE))
def test_every_exported_name_resolves(package: str) -> None:
    namespace: dict[str, object] = {}
    exec(f"from {package} import *", namespace)  # the import a user would write
    namespace.pop("__builtins__")
    assert set(namespace) == SURFACE[package]
    module = importlib.import_module(package)
    for name in SURFACE[package]:
        assert namespace[name] is getattr(module, name)
