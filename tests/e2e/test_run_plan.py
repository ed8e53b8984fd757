"""One run plan (issue 17, item 10): frozen options resolved once into what the run does, and typed story and model
information whose JSON is what it always was."""

from __future__ import annotations

import dataclasses

import pytest

from newsdesk.llm import get_model
from newsdesk.models import Article, ModelInfo, Section, StoryInfo
from newsdesk.pipeline import RunPlan, WriteOptions


def test_write_options_are_frozen_and_drafting_is_a_named_choice():
    options = WriteOptions(drafting="free")
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.drafting = "grounded"  # type: ignore[misc]  # assigning a frozen field is the point
    assert "allow_private" not in {f.name for f in dataclasses.fields(WriteOptions)}, "fetching is the faces' job"


@pytest.mark.parametrize(
    ("drafting", "grounded", "map_analysis"), [("auto", True, True), ("grounded", True, True), ("free", False, False)]
)
def test_the_embedded_model_plan_follows_what_it_declares(drafting, grounded, map_analysis):
    model = get_model(None)  # the real embedded model: it declares it cannot write analysis, nor judge
    plan = RunPlan.resolve(WriteOptions(drafting=drafting), model)
    assert (plan.grounded, plan.map_analysis, plan.judge) == (grounded, map_analysis, False)
    assert plan.revise is not map_analysis, "no revision of a draft the model cannot improve"
    assert plan.drafting == ("grounded" if grounded else "free")


def test_a_server_plan_writes_freely_and_judges_unless_told_not_to(server_model):
    model = server_model("openai:any", "http://127.0.0.1:9/v1")  # nothing is sent to resolve a plan
    plan = RunPlan.resolve(WriteOptions(), model)
    assert (plan.grounded, plan.map_analysis, plan.judge, plan.revise) == (False, False, True, True)
    assert not RunPlan.resolve(WriteOptions(judge=False), model).judge
    unchecked = RunPlan.resolve(WriteOptions(verify=False), model)
    assert not unchecked.judge and not unchecked.revise


def _article(model: dict, story: dict) -> Article:
    return Article(
        title="Bridge approved?",
        dek="",
        intro=Section("intro", "", "summary"),
        sections=[],
        sources=[],
        model=model,
        story=story,
    )


def test_model_and_story_information_keep_their_json():
    server = {
        "backend": "openai",
        "name": "llama3",
        "context_length": 2048,
        "base_url": "http://127.0.0.1:8080/v1",
        "drafting": "free",
        "judge": True,
    }
    story = {"headline": "Bridge approved", "url": "https://example.org/b", "published": "2026-03-10", "id": 4}
    article = _article(server, story)
    assert isinstance(article.model, ModelInfo) and article.model.base_url == "http://127.0.0.1:8080/v1"
    assert isinstance(article.story, StoryInfo) and article.story.id == 4
    assert article.to_dict()["model"] == server and article.to_dict()["story"] == story
    again = Article.from_dict(article.to_dict())
    assert again.to_dict() == article.to_dict()
    # a backend's own keys, an unverified article (no judge key) and an article saved before stories were recorded
    other = {"backend": "custom", "name": "m", "context_length": 4096, "quantisation": "Q4", "drafting": "grounded"}
    old = _article(other, {})
    assert old.to_dict()["model"] == other and list(old.to_dict()["model"]) == list(other)
    assert old.to_dict()["story"] == {} and Article.from_dict(old.to_dict()).to_dict() == old.to_dict()
