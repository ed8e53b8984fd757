"""What changed between two versions of an article: the sentences the newer one adds and the ones it no longer has.

A version is compared sentence by sentence (its title, dek and every section's checked sentences), not word by
word: a reader asks "what is new, what was taken back", and a sentence is the unit newsdesk checks and cites.
Whitespace does not count as a change; order does not either (a sentence that moved is not news).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Article


@dataclass
class VersionChanges:
    old_version: int
    new_version: int
    added: list[str] = field(default_factory=list)  # in the newer version's order
    removed: list[str] = field(default_factory=list)  # in the older version's order


def _sentences(article: Article) -> list[str]:
    texts = [article.title, article.dek]
    texts += [s.text for section in article.all_sections() for s in section.sentences()]
    seen: set[str] = set()
    out = []
    for text in texts:
        key = " ".join(text.split())
        if key and key not in seen:
            seen.add(key)
            out.append(key)
    return out


def version_changes(old: Article, new: Article) -> VersionChanges:
    """The sentences ``new`` adds to ``old`` and the ones it drops (see the module docstring)."""
    before, after = _sentences(old), _sentences(new)
    kept_before, kept_after = set(before), set(after)
    return VersionChanges(
        old.version,
        new.version,
        added=[s for s in after if s not in kept_before],
        removed=[s for s in before if s not in kept_after],
    )
