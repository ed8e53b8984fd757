"""What the story map holds: actors, statements with their speakers and stances, dated events, what comes next,
figures and what is not known. Each item keeps the exact source sentence and the passage it came from."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..language import PERSONAL_PRONOUNS, Stance
from ..models import Passage


@dataclass
class Item:
    """A source sentence the map points at, with the passage it came from (the citation)."""

    sentence: str
    passage: Passage
    order: int  # reading order over all sources

    @property
    def source_number(self) -> int:
        return self.passage.source_number


@dataclass
class Statement(Item):
    speaker: str = ""  # the name as the sources give it ("Vladimir Putin"), pronouns resolved
    speaker_text: str = ""  # the words in the sentence that name the speaker ("he", "a NASA spokesperson")
    verb: str = ""  # the speech verb's lemma
    stance: Stance = "neutral"

    @property
    def attributed(self) -> str:
        """The sentence with a pronoun speaker replaced by the name it stands for, and a surname by the whole
        name: a quotation moved away from the sentences around it in the source ("Councillor Raj Patel ...
        warned ... '...,' Patel said.") is read where the reader may not have met the speaker yet."""
        whole_name = self.speaker.endswith(f" {self.speaker_text}") and self.speaker_text[:1].isupper()
        if not self.speaker or not (self.speaker_text.lower() in PERSONAL_PRONOUNS or whole_name):
            return self.sentence
        if whole_name and re.search(rf"\b{re.escape(self.speaker)}\b", self.sentence):
            # the sentence names its speaker in full already ("Jack Grealish made ... said Grealish"): its bare
            # surname is that person, and a surname with its given name before it is no bare surname to expand
            return self.sentence
        said = re.search(rf"\b{re.escape(self.speaker_text)}\b", self.sentence)
        # a pronoun whose name stands before it in the same sentence is resolved there ("Mr Beavis had gone to
        # court to fight what he called ...")
        if said is None or (not whole_name and self.speaker.split()[-1] in self.sentence[: said.start()]):
            return self.sentence
        return self.sentence[: said.start()] + self.speaker + self.sentence[said.end() :]


@dataclass
class Dated(Item):
    date: str = ""  # the date as written ("February 19", "next year"); empty for an undated plan
    kind: str = "event"  # event | scheduled | plan | deadline | expectation
    forward: bool = False


@dataclass
class Figure(Item):
    value: str = ""
    label: str = ""


@dataclass
class Actor:
    name: str
    label: str  # PERSON, ORG, GPE, NORP
    role: str | None = None  # "Russian President", "the NASA administrator"
    mentions: int = 0
    in_headline: bool = False
    statements: int = 0

    @property
    def salience(self) -> float:
        return self.mentions + 4 * self.in_headline + 2 * self.statements


@dataclass
class StoryMap:
    actors: list[Actor] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    events: list[Dated] = field(default_factory=list)  # dated, past or present: the timeline
    forward: list[Dated] = field(default_factory=list)  # what comes next, dated first
    unknowns: list[Item] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    # Source sentences that are not whole sentences (no subject) or speak in the first person without a speaker.
    unusable: set[str] = field(default_factory=set)
    # A speaker's words that name no speaker (an interview's answers, the items of a list a clause of saying
    # introduces): alone they would read as the article's own claim, so only a section under the speaker's name
    # gives them.
    speaker_only: set[str] = field(default_factory=set)
    # Words the sources give to a person they do not name ("she says" with no one before it), with the pronoun:
    # nobody's statement for a section, and still a person's words, not an organisation's, for the checker.
    unnamed: dict[str, str] = field(default_factory=dict)
    # A correction's sentence whose pronoun takes up what a publisher's notice says a story got wrong, read with
    # that matter in its place (``retractions.corrected_by_notice``): how an article gives it, alone or not.
    corrected: dict[str, str] = field(default_factory=dict)
    # By person: "he" or "she" where the story itself says which (a title, a relational noun, a bound pronoun).
    genders: dict[str, str] = field(default_factory=dict)
    # The sources the items come from (``narrowed``); empty: every source.
    own: frozenset[int] = frozenset()
    earlier: frozenset[int] = frozenset()  # own sources published before the story: what they say is ahead is past

    def narrowed(self, numbers: Iterable[int], earlier: Iterable[int] = ()) -> StoryMap:
        """The map of the story's own sources only: the story and the entries of its thread. Related background
        is another event; it informs Context & Background, while who said what, the sides taken and what comes
        next are the story's. Actors and the unusable sentences stay whole: names and hygiene read every source.

        What comes next, and what is not yet known, is told as of a moment: an entry published before the story
        (``earlier``) told it as of its own time, and by the story's time it has happened or been answered ("will
        meet in Geneva Tuesday" in the morning's preview of talks the story reports held). The story's own account
        of what is ahead is the current one, so those two come from the entries not earlier than the story."""
        own = frozenset(numbers)
        if not own:  # no source to narrow to: the map of every source, as ``own`` empty means
            return self
        current = own - frozenset(earlier)

        def kept(items: list[Any], numbers: frozenset[int] = own) -> list[Any]:
            return [item for item in items if item.source_number in numbers]

        return StoryMap(
            actors=self.actors,
            statements=kept(self.statements),
            events=kept(self.events),
            forward=kept(self.forward, current),
            unknowns=kept(self.unknowns, current),
            figures=kept(self.figures),
            unusable=self.unusable,
            speaker_only=self.speaker_only,
            unnamed=self.unnamed,
            corrected=self.corrected,
            genders=self.genders,
            own=own,
            earlier=frozenset(earlier),
        )

    def is_own(self, source_number: int) -> bool:
        return not self.own or source_number in self.own

    def is_current(self, source_number: int) -> bool:
        """Own, and not published before the story: where what is ahead is told as of the story's time."""
        return self.is_own(source_number) and source_number not in self.earlier

    @property
    def main_actor(self) -> Actor | None:
        ranked = sorted(self.actors, key=lambda a: -a.salience)
        return ranked[0] if ranked else None

    def by_stance(self, *stances: str) -> list[Statement]:
        return [s for s in self.statements if s.stance in stances]

    def speakers(self) -> list[tuple[str, list[Statement]]]:
        """Speakers with their statements, most quoted first."""
        grouped: dict[str, list[Statement]] = {}
        for statement in self.statements:
            grouped.setdefault(statement.speaker, []).append(statement)
        return sorted(grouped.items(), key=lambda kv: (-len(kv[1]), kv[1][0].order))

    def named_speakers(self) -> dict[str, str]:
        """The sentences whose speaker they name only by a pronoun or a surname, each with its speaker named in
        full (``Statement.attributed``): how an article gives them, wherever it puts them."""
        return {s.sentence: s.attributed for s in self.statements if s.attributed != s.sentence}

    def statement_of(self, sentence: str) -> Statement | None:
        """The statement a sentence makes, if it is one (a dated plan may be someone's words too)."""
        return next((s for s in self.statements if s.sentence == sentence), None)

    def role_of(self, name: str) -> str | None:
        return next((a.role for a in self.actors if a.name == name), None)

    def to_dict(self) -> dict[str, Any]:
        def item(x: Item, **extra: Any) -> dict[str, Any]:
            return {"sentence": x.sentence, "source": x.source_number, **extra}

        return {
            "actors": [{"name": a.name, "label": a.label, "role": a.role, "mentions": a.mentions} for a in self.actors],
            "statements": [item(s, speaker=s.speaker, verb=s.verb, stance=s.stance) for s in self.statements],
            "events": [item(e, date=e.date) for e in self.events],
            "forward": [item(f, date=f.date, kind=f.kind) for f in self.forward],
            "unknowns": [item(u) for u in self.unknowns],
            "figures": [item(f, value=f.value, label=f.label) for f in self.figures],
        }


def plan_lines(items: Iterable[Item], limit: int = 8, width: int = 220) -> list[str]:
    """Map items as short prompt lines: "[source] sentence"."""
    lines = []
    for item in list(items)[:limit]:
        text = item.attributed if isinstance(item, Statement) else item.sentence
        lines.append(f"[{item.source_number}] {text[:width]}")
    return lines
