"""Article templates: YAML data that says which sections an article has and how each is written.

The default ships as ``newsdesk/templates/default.yaml``; ``--template FILE`` (or a bundled name) takes another.
Unknown keys are errors, not silence: a typo in a template should never be ignored.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import ErrorDetails

from .errors import InputError, TemplateError
from .reading import read_capped

MAX_TEMPLATE_BYTES = 1_000_000  # a template is a page of YAML; /dev/zero given as one must not fill the memory

SectionKind = Literal["fact", "analysis", "outlook", "opinion", "summary"]
SectionFormat = Literal["paragraphs", "bullets", "subsections", "pros_cons"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class HeadlineSpec(_Strict):
    target_words: int = Field(90, ge=20, le=400)
    instructions: str


class SectionSpec(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    heading: str = Field(min_length=1)
    kind: SectionKind
    format: SectionFormat = "paragraphs"
    target_words: int = Field(120, ge=20, le=800)
    instructions: str = Field(min_length=1)


class Template(_Strict):
    name: str = "custom"
    headline: HeadlineSpec
    sections: list[SectionSpec] = Field(min_length=1, max_length=8)

    @field_validator("sections")
    @classmethod
    def _unique_ids(cls, sections: list[SectionSpec]) -> list[SectionSpec]:
        ids = [s.id for s in sections]
        duplicates = sorted({i for i in ids if ids.count(i) > 1} | ({"intro"} & set(ids)))
        if duplicates:
            raise ValueError(f"section ids must be unique and not 'intro': {', '.join(duplicates)}")
        # a reader tells sections apart by their headings, and the article's notes name sections by them
        headings = [" ".join(s.heading.split()).casefold() for s in sections]
        first = {h: " ".join(s.heading.split()) for s, h in reversed(list(zip(sections, headings, strict=True)))}
        repeated = sorted({first[h] for h in headings if headings.count(h) > 1})
        if repeated:
            raise ValueError(f"section headings must differ: {', '.join(repeated)}")
        return sections


def bundled_templates() -> list[str]:
    root = importlib.resources.files("newsdesk") / "templates"
    return sorted(p.name.removesuffix(".yaml") for p in root.iterdir() if p.name.endswith(".yaml"))


def load_template(name_or_path: str | None = None) -> Template:
    """A bundled template by name (``default``) or a user's YAML file by path."""
    name_or_path = name_or_path or "default"
    path = Path(name_or_path).expanduser()
    if path.suffix.lower() in {".yaml", ".yml"} or path.exists():
        if not path.exists():
            raise TemplateError(f"template file not found: {name_or_path}")
        try:
            text = read_capped(str(path), limit=MAX_TEMPLATE_BYTES, what="template").decode("utf-8")
        except InputError as error:
            raise TemplateError(str(error)) from None
        except UnicodeDecodeError as error:
            raise TemplateError(f"cannot read template {name_or_path}: {error}") from None
        label = str(path)
    elif name_or_path in bundled_templates():
        text = (importlib.resources.files("newsdesk") / "templates" / f"{name_or_path}.yaml").read_text("utf-8")
        label = name_or_path
    else:
        raise TemplateError(
            f"unknown template {name_or_path!r}: give a YAML file or a bundled template "
            f"({', '.join(bundled_templates())})"
        )
    return parse_template(text, label)


def parse_template(text: str, label: str = "template") -> Template:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise TemplateError(f"{label} is not valid YAML{where}") from None
    if not isinstance(data, dict):
        raise TemplateError(f"{label} must be a YAML mapping with 'headline' and 'sections'")
    try:
        return Template.model_validate(data)
    except ValidationError as error:
        # Every problem at once: a user who fixes one and reruns should not meet the next only then.
        raise TemplateError(f"{label}: " + "; ".join(_problem(detail) for detail in error.errors())) from None


def _problem(detail: ErrorDetails) -> str:
    where = ".".join(str(part) for part in detail["loc"])
    if detail["type"] == "extra_forbidden":
        return f"unknown template key {where!r}"
    return f"{where}: {detail['msg']}"
