"""The public surface, exactly: what ``newsdesk`` and each stage package export.

A name added to or removed from an ``__all__`` changes what users may import, so it must change this test too. Each
listed name must resolve, and ``from package import *`` must give exactly the listed names (no stale entry, no
missing one).
"""

from __future__ import annotations

import importlib

import pytest

SURFACE: dict[str, set[str]] = {
    "newsdesk": {"__version__"},
    "newsdesk.models": {
        "Article",
        "Block",
        "BlockType",
        "Citation",
        "ClaimKind",
        "Dropped",
        "ModelInfo",
        "Passage",
        "MAX_ROW_ID",
        "ROLES",
        "ROLE_OF_KIND",
        "Section",
        "Sentence",
        "Source",
        "Stats",
        "Story",
        "StoryInfo",
        "Update",
        "VerdictLabel",
        "WriteChoices",
        "content_hash",
        "web_url",
    },
    "newsdesk.ingest": {
        "FeedNotStory",
        "load_story",
        "looks_like_html",
        "story_from_bytes",
        "story_from_pasted",
        "story_from_text",
    },
    "newsdesk.archive": {
        "Archive",
        "ArticleRow",
        "CallRow",
        "check_location",
        "check_writable",
        "Feed",
        "FeedEntry",
        "FeedStore",
        "MIGRATIONS",
        "Migration",
        "PASSAGE_MAX_CHARS",
        "PASSAGE_MIN_CHARS",
        "RunRow",
        "StoryRow",
        "default_db_path",
        "default_location",
        "fts_query",
        "is_postgres",
        "now",
        "open",
        "open_archive",
        "search_words",
        "split_passages",
        "storage_fault",
    },
    "newsdesk.llm": {
        "Completion",
        "DEFAULT_MODEL",
        "Model",
        "ProbabilitiesUnavailable",
        "check_context_length",
        "get_model",
        "register_backend",
    },
    "newsdesk.write": {
        "Draft",
        "GROUNDED_KINDS",
        "attribute_disputed",
        "fallback_title",
        "keep_datelines",
        "leave_out_empty",
        "omit_empty_sections",
        "opening_intro",
        "rebuild_from_map",
        "takeaway_count",
        "write_draft",
        "write_section",
    },
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
    "newsdesk.render": {
        "ARTICLE_SUFFIXES",
        "FORMATS",
        "format_of",
        "render",
        "render_html",
        "render_json",
        "render_markdown",
    },
    "newsdesk.web": {"Settings", "create_app"},
    "newsdesk.eval": {"evaluate", "load_rows", "metrics", "row_passages"},
    "newsdesk.injection": {
        "ECHO_REASON",
        "Flag",
        "NOTE",
        "Screening",
        "addressed_reason",
        "addresses_model",
        "asserted",
        "drop_echoes",
        "echo_words",
        "find",
        "finish_article",
        "flag_text",
        "read_ahead",
        "redact",
        "redact_each",
        "redact_parts",
        "screen",
        "screen_passages",
        "sentence_screen",
        "sentence_spans",
    },
    "newsdesk.jobs": {
        "CANCELLED",
        "Job",
        "JobEvent",
        "JobKind",
        "JobPayload",
        "JobQueue",
        "LeaseLost",
        "PostgresJobQueue",
        "SQLJobQueue",
        "SQLiteJobQueue",
        "SeenWorker",
        "STATUSES",
        "TERMINAL",
        "queue_for",
        "with_choices",
    },
    "newsdesk.retrieve": {
        "Background",
        "DEFAULT_BACKGROUND_PASSAGES",
        "MAX_PASSAGES_PER_STORY",
        "Reranker",
        "background",
        "build_sources",
        "evidence_of",
        "names",
        "query_terms",
        "recency_factor",
        "related",
    },
    "newsdesk.pipeline": {
        "Drafting",
        "Event",
        "EventHandler",
        "MAX_CALLS",
        "MAX_JUDGE_CALLS",
        "RunPlan",
        "Stage",
        "Status",
        "WriteOptions",
        "judging",
        "regenerate_section",
        "section_index",
        "write_article",
    },
    "newsdesk.storymap": {
        "ACCORDING_TO",
        "Actor",
        "Dated",
        "Figure",
        "Item",
        "Statement",
        "StoryMap",
        "build_map",
        "first_person_unattributed",
        "is_complete_sentence",
        "plan_lines",
        "sentence_key",
        "speakers_by_sentence",
        "speech_reading",
        "stance_of",
    },
    "newsdesk.threads": {
        "Thread",
        "ThreadEntry",
        "ThreadUpdate",
        "get_thread",
        "list_threads",
        "thread_of",
        "unthreaded",
        "update_threads",
    },
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


def test_the_package_says_it_is_typed() -> None:
    """PEP 561: the ``py.typed`` marker ships inside the package, so type checkers read newsdesk's hints."""
    from importlib.resources import files

    assert files("newsdesk").joinpath("py.typed").is_file()
