"""Analysis sections built from the story map, for models that cannot write analysis themselves.

Every sentence here is a source sentence (lightly compressed, a pronoun speaker named), cited exactly, so a
section carries no fact its sources lack. What the writer adds is structure only: sub-headings by speaker or
theme, Pros and Cons from supportive and critical statements, the outlook from forward-looking items and their
dates, and "what to watch" from upcoming dates, what is not yet known and the voices in the story.

For models that can write analysis, ``plan_for`` gives each section's prompt the same material as its plan.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..language import NEGATION_WORDS, REBUTTAL_VERBS
from ..models import Block, Section, Sentence
from ..progress import tick
from ..storymap import ACCORDING_TO, Dated, Item, Statement, StoryMap, plan_lines
from ..storymap.quoting import balanced
from ..template import SectionSpec
from .antecedents import depends_on_before
from .candidates import Candidate
from .core import compress, points_back
from .grounded import GroundedDrafter, sentence_of
from .placement import (
    a_voice,
    names_a_day,
    own_conduct,
    states_besides,
    tells_what_comes_next,
    tells_what_was,
    told_as_past,
)

__all__ = ["MAP_BUILT", "builds_from_map", "map_section", "plan_for"]

MAX_SUBSECTIONS = 3
PER_SUBSECTION = 3
PER_SIDE = 3
OUTLOOK_ITEMS = 4
WATCH_ITEMS = 3
# Sections the map builds, in the order they claim sentences: stance-bearing statements go to Pros and Cons
# before the speaker sub-sections take what is left, dates to the outlook before "what to watch".
MAP_BUILT = ("pros_cons", "outlook", "watch", "analysis")

# Where no one in the story takes a side, the story may still name a benefit or a risk in its own voice: a noun of
# evaluation, whose meaning is the judgement itself ("the potential benefits", "emerging safety concerns", "the
# dangers of ..."), in the languages the dev pages come in (en, fr, es). Not a verb or adjective that describes
# what something does or how it went ("a tool that allows them to ...", "improving its response", "AI's progress",
# "failed to stop"): that is good or bad only for someone, and whom the fallback cannot read.
_BENEFIT = re.compile(
    r"\b(?:benefits?|advantages?|opportunit(?:y|ies)|improvements?|breakthroughs?|"
    r"beneficios?|ventajas?|oportunidad(?:es)?|mejoras?|b[eé]n[eé]fices?|avantages?|opportunit[eé]s?|"
    r"am[eé]liorations?)\b",
    re.I,
)
_RISK = re.compile(
    r"\b(?:risks?|concerns?|fears?|worries|threats?|dangers?|problems?|challenges?|criticism|crisis|"
    r"opposition|warnings?|"
    r"riesgos?|amenazas?|peligros?|problemas?|cr[ií]ticas?|preocupaci[oó]n(?:es)?|"
    r"risques?|menaces?|probl[eè]mes?|inqui[eé]tudes?|critiques?)\b",
    re.I,
)
_ASKS = re.compile(r"\?[\"'”’)]*\s*$|\bwhether\b", re.I)
_TO_THE_READER = re.compile(r"\byou(?:r|rs|rself)?\b", re.I)
# Words that point past the story's present: modals, plans, expectations. Not "next", "later" or "soon", which
# are relative to whatever time a sentence tells of ("The next time he spoke with him, two months had passed").
_MODAL = re.compile(
    r"\b(?:will|would|could|may|might|plans?|expect\w*|future|"
    r"sera|seront|devrait|devraient|pourrait|pourraient|futur\w*|"
    r"ser[aá]n?|podr[ií]a\w*|deber[ií]a\w*)\b",
    re.I,
)


def role(spec: SectionSpec) -> str | None:
    """Which map-built section a template section is: by its kind and format, never its heading."""
    if spec.format == "pros_cons":
        return "pros_cons"
    if spec.kind == "analysis":
        return "analysis"
    if spec.kind == "outlook":
        return "outlook"
    if spec.kind == "opinion":
        return "watch"
    return None


def builds_from_map(spec: SectionSpec) -> bool:
    return role(spec) is not None


def map_section(spec: SectionSpec, story_map: StoryMap, drafter: GroundedDrafter, scarce: bool = False) -> Section:
    """``scarce``: the sources hold few sentences, so each part takes one and every section gets some."""
    kind = role(spec)
    assert kind is not None, f"section {spec.id!r} is not built from the map"  # callers ask builds_from_map first
    section = Section(id=spec.id, heading=spec.heading, kind=spec.kind)
    builder = {"pros_cons": _pros_cons, "analysis": _analysis, "outlook": _outlook, "watch": _watch}[kind]
    section.blocks = builder(story_map, drafter, 1 if scarce else None)
    if not any(b.type != "subheading" for b in section.blocks):
        section.blocks = []
        # a note says only what is true: what the section would draw on, given in another section, is not absent
        drawn_on = _drawn_on(kind, story_map)
        given = any(drafter.given(item.sentence, item.passage) for item in drawn_on) or (
            kind == "outlook" and _ahead_given(story_map, drafter)
        )
        if given:
            section.note = _GIVEN_NOTES[kind]
        elif drawn_on and kind in _UNGIVEN_NOTES:  # the story has them, but none could stand here alone
            section.note = _UNGIVEN_NOTES[kind]
        else:
            section.note = _EMPTY_NOTES[kind]
    return section


def _ahead_given(story_map: StoryMap, drafter: GroundedDrafter) -> bool:
    """Whether a sentence the article already gives tells what comes next (``tells_what_comes_next``): then the
    story does say what comes next, and an empty outlook has it in another section (smoke 45 F17: "says nothing
    about what comes next" beside "The wing will reopen in February" in the intro)."""
    return any(
        story_map.is_current(c.passage.source_number) and tells_what_comes_next(c.original, drafter.day)
        for i, c in enumerate(drafter.pool)
        if i in drafter.used
    )


def _drawn_on(kind: str, story_map: StoryMap) -> Sequence[Item]:
    """The story map's items a section of this kind is built from."""
    if kind == "pros_cons":
        return [s for s in _judging(story_map) if s.stance != "neutral"]
    if kind == "outlook":
        return [*story_map.forward, *story_map.unknowns]
    if kind == "watch":
        return [*story_map.forward, *story_map.unknowns, *story_map.statements]
    return [*story_map.statements, *story_map.figures, *story_map.events]


_GIVEN_NOTES = {
    "pros_cons": "The views for and against that the story reports are given in other sections.",
    "analysis": "The story's statements and facts are given in other sections.",
    "outlook": "What the story says comes next is given in other sections.",
    "watch": "The dates, unknowns and voices the story names are given in other sections.",
}


# Views the story reports that no section could give: each leans on a sentence before it that is not given either.
_UNGIVEN_NOTES = {
    "pros_cons": "The story reports views for and against, but none can be given on its own without the sentences "
    "it answers.",
}


_EMPTY_NOTES = {
    "pros_cons": "The story reports no views for or against, and names no benefits or risks.",
    "analysis": "The story holds no statements or facts to examine beyond those given above.",
    "outlook": "The story says nothing about what comes next.",
    "watch": "The story names no upcoming dates and nothing it says is not yet known.",
}


def _claim(
    drafter: GroundedDrafter,
    item: Item,
    story_map: StoryMap | None = None,
    follows_antecedent: bool = False,
    under_speaker: bool = False,
) -> Sentence | None:
    """The item's sentence, its speaker named where it is a statement; None where it is used, or where it would
    open on a pronoun or a demonstrative ("They will not be able to opt out") and the story's sentence before it
    is not the one given just before (``follows_antecedent``): these sections pick items by kind, not in the
    story's order, so otherwise nothing before it says what the pronoun stands for."""
    statement = item if isinstance(item, Statement) else story_map.statement_of(item.sentence) if story_map else None
    attributed = balanced(compress(statement.attributed)) if statement is not None else None
    given = attributed or item.sentence
    if not follows_antecedent and (
        points_back(given)
        or depends_on_before(given, None)
        or (
            drafter.takes_up_before(item.sentence, item.passage)
            if attributed
            else drafter.leans_back_on(item.sentence, item.passage)
        )
    ):
        return None
    candidate = drafter.claim(item.sentence, item.passage, under_speaker)
    if candidate is None:
        return None
    return sentence_of(candidate, attributed or candidate.text)


def _claim_all(
    drafter: GroundedDrafter,
    items: Sequence[Item],
    limit: int,
    story_map: StoryMap | None = None,
    under_speaker: bool = False,
) -> list[Sentence]:
    """Up to ``limit`` of ``items`` not yet used elsewhere; a statement among them keeps its speaker named, and
    ``under_speaker`` (a section headed by the speaker's name) may give the words that do not name him."""
    chosen: list[Sentence] = []
    last: Item | None = None
    for done, item in enumerate(items, 1):
        if len(chosen) >= limit:
            break
        tick("Looking through the story's statements", done, len(items))  # each parsed: 600 of a long story's
        follows = last is not None and last.passage is item.passage and last.order == item.order - 1
        sentence = _claim(drafter, item, story_map, follows, under_speaker)
        if sentence is not None:
            chosen.append(sentence)
            last = item
    return chosen


def _claim_matching(
    drafter: GroundedDrafter,
    story_map: StoryMap,
    pattern: re.Pattern[str],
    limit: int,
    exclude: re.Pattern[str] | None = None,
    story_first: bool = True,
    skip: frozenset[str] | set[str] = frozenset(),
    ahead: bool = False,
    fits: Callable[[str], bool] | None = None,
) -> list[Sentence]:
    """Unused sentences of the map's own sources that match ``pattern`` (none of ``skip``), most relevant first,
    in reading order; ``ahead``: what comes next, from the sources not published before the story only, each
    telling of a time after the story's day (``placement.tells_what_comes_next``); ``fits``: what else the
    section's meaning asks of a sentence."""
    owned = story_map.is_current if ahead else story_map.is_own
    # the words first (cheap), most relevant first; what needs a parse (a pronoun pointing back, a time ahead) is
    # asked only until ``limit`` pass: the same sentences as asking it of all, and a long story's thousands are
    # not parsed for two bullets (smoke test 44 #8: 7 sentences a second on a loaded machine)
    worded = [
        c
        for c in drafter.unused()
        if owned(c.passage.source_number)
        and _affirmed(pattern, c.original)
        and not (exclude and _affirmed(exclude, c.original))
        and c.original not in skip
        and not _ASKS.search(c.original)  # a question, direct or embedded, asserts nothing
        and not _TO_THE_READER.search(c.original)  # "If you ..., call 988": the page to its reader, no report
    ]
    worded.sort(key=lambda c: (story_first and c.passage.source_number != 1, -c.relevance))
    pool: list[Candidate] = []
    for done, c in enumerate(worded, 1):
        if len(pool) >= limit:
            break
        tick("Looking through the story's sentences", done, len(worded))
        if (
            not drafter.leans_back(c)  # a bullet stands alone
            and (fits is None or fits(c.original))
            and (not ahead or tells_what_comes_next(c.original, drafter.day))
        ):
            pool.append(c)
    chosen: list[Candidate] = []
    for candidate in pool[:limit]:
        if drafter.claim(candidate.original, candidate.passage) is not None:
            chosen.append(candidate)
    chosen.sort(key=lambda c: c.order)
    return [sentence_of(c) for c in chosen]


def _affirmed(pattern: re.Pattern[str], text: str) -> bool:
    """Whether ``pattern`` finds a word that ``text`` does not deny: a benefit or a risk under a negation just
    before it ("has no problem with a vote", "without delay", "not a threat") names none."""
    for match in pattern.finditer(text):
        before = re.findall(r"[\w'’-]+", text[: match.start()].lower())[-2:]
        if not any(w in NEGATION_WORDS or w.endswith(("n't", "n’t")) for w in before):
            return True
    return False


def _heading(text: str) -> Block:
    return Block(type="subheading", sentences=[Sentence(text=text, claim_kind="heading")])


def _bullets(sentences: list[Sentence]) -> list[Block]:
    return [Block(type="bullet", sentences=[s]) for s in sentences]


def _pros_cons(story_map: StoryMap, drafter: GroundedDrafter, limit: int | None) -> list[Block]:
    """Pros and Cons weigh the development by the views of those who judge it. A speaker's statement of its own
    conduct (``placement.own_conduct``: "X says it prohibits illegal content") is its defence, for or against
    nothing, however its words of harm read: it is given under the speaker's name in the analysis instead."""
    judging = _judging(story_map)
    # a denial or a rebuttal answers a charge: the accused side's reply, no pro or con of the matter by itself, so it
    # is given only with the charge it answers (``_reply``); and a denial that points back, only with the sentence
    # it answers (``_claim_side``)
    replies = [s for s in judging if s.verb in REBUTTAL_VERBS]
    pros, answering_cons = _claim_side(
        drafter, [s for s in judging if s.stance == "support"], limit or PER_SIDE, replies_only=replies
    )
    cons, answering_pros = _claim_side(
        drafter, [s for s in judging if s.stance in ("criticism", "warning")], limit or PER_SIDE
    )
    for reply in replies:
        _reply(drafter, story_map, reply, cons)
        _reply(drafter, story_map, reply, pros)
    # a view given with the claim it answers stands on the claim's side: the claim is the view, the answer its reply
    pros, cons = pros + answering_pros, cons + answering_cons
    # Where no one takes a side, a benefit or risk the story itself names may stand in; a statement whose stance
    # reads neutral never does: someone's neutral view is no Pro or Con, nor is a speaker's defence.
    neutral = {s.sentence for s in story_map.statements if s.stance == "neutral" or s not in judging}
    if not pros:
        pros = [*_claim_matching(drafter, story_map, _BENEFIT, 2, exclude=_RISK, skip=neutral)]
    if not cons:
        cons = [*_claim_matching(drafter, story_map, _RISK, 2, exclude=_BENEFIT, skip=neutral)]
    blocks: list[Block] = []
    if pros:
        blocks += [_heading("Pros"), *_side_bullets(pros)]
    if cons:
        blocks += [_heading("Cons"), *_side_bullets(cons)]
    return blocks


def _side_bullets(views: Sequence[Sentence | list[Sentence]]) -> list[Block]:
    return [Block(type="bullet", sentences=list(v) if isinstance(v, list) else [v]) for v in views]


def _reply(
    drafter: GroundedDrafter, story_map: StoryMap, reply: Statement, side: list[Sentence | list[Sentence]]
) -> None:
    """Give a denial after the charge it answers, in the charge's bullet: the charge is the last statement before it
    in its source that is a charge (a criticism or a warning, not itself a denial) by another
    speaker; news tells an accusation first and then the answer of the accused. A denial whose charge is not in this
    side's bullets is not given here (it stays for the speaker's own sub-section)."""
    if drafter.given(reply.sentence, reply.passage):
        return
    before = [
        s
        for s in story_map.statements
        if s.passage.source_number == reply.passage.source_number
        and s.order < reply.order
        and s.speaker != reply.speaker
    ]
    charges = [s for s in before if s.stance in ("criticism", "warning") and s.verb not in REBUTTAL_VERBS]
    if not charges:
        return
    charge = max(charges, key=lambda s: s.order)
    for index, bullet in enumerate(side):
        first = bullet[0] if isinstance(bullet, list) else bullet
        if any(c.quote == charge.sentence for c in first.citations):
            candidate = drafter.claim(reply.sentence, reply.passage)
            if candidate is not None:
                side[index] = [*(bullet if isinstance(bullet, list) else [bullet]), sentence_of(candidate)]
            return


def _claim_side(
    drafter: GroundedDrafter, views: Sequence[Statement], limit: int, replies_only: Sequence[Statement] = ()
) -> tuple[list[Sentence | list[Sentence]], list[Sentence | list[Sentence]]]:
    """Up to ``limit`` of one side's views, each a bullet, and the views of this side that answer a claim of the
    other; a view of ``replies_only`` (a denial) is given only as such an answer, never alone. A view that answers
    the sentence just before it ("Brightway denied that claim", "The defence rejected this") names what it answers
    only by pointing back, and alone says nothing; but the sentence it answers is the other side's view, so the two
    are given together in one bullet, the claim first as the story tells them, on the claim's side (the answer is
    its reply)."""
    chosen: list[Sentence | list[Sentence]] = []
    answering: list[Sentence | list[Sentence]] = []
    last: Statement | None = None
    for done, view in enumerate(views, 1):
        if len(chosen) + len(answering) >= limit:
            break
        tick("Looking through the story's statements", done, len(views))  # each parsed, as in ``_claim_all``
        # a view right after the one given before it may point back at it, as in ``_claim_all``
        follows = last is not None and last.passage is view.passage and last.order == view.order - 1
        alone = not any(view is reply for reply in replies_only)
        sentence = _claim(drafter, view, None, follows) if alone else None
        if sentence is not None:
            chosen.append(sentence)
            last = view
            continue
        answered = _answered(drafter, view)
        if answered is None:
            continue
        if drafter.offers(view.sentence, view.passage):
            pair = drafter.claim_pair(answered, (view.sentence, view.passage))
            if pair is not None:
                answering.append([sentence_of(pair[0]), sentence_of(pair[1])])
        elif not drafter.given(view.sentence, view.passage) and drafter.claim(answered.original, answered.passage):
            # too short to stand alone, so no sentence the drafter offers: given only here, with what it answers
            answer = Candidate(balanced(compress(view.sentence)), view.sentence, view.passage, answered.order + 1, 0.0)
            answering.append([sentence_of(answered), sentence_of(answer)])
    return chosen, answering


def _answered(drafter: GroundedDrafter, view: Statement) -> Candidate | None:
    """The unused sentence just before ``view`` in its passage, where ``view`` points back at it and it does not
    itself point back and is a whole sentence (so the pair stands alone)."""
    if not (points_back(view.sentence) or depends_on_before(view.sentence, None)):
        return None
    text = view.passage.text
    at = text.find(view.sentence)
    if at < 0:
        return None
    preceding = text[:at].rstrip()
    before = [c for c in drafter.unused() if c.passage is view.passage and preceding.endswith(c.original)]
    if not before or drafter.points_back(before[0]) or not _OPENS_A_SENTENCE.match(before[0].original):
        return None
    return before[0]


# A sentence opens on a capital (or a figure), after any opening mark: one that opens in lower case ("said the recall
# was overdue ...") is the piece of a sentence the splitter broke, without its subject, and gives no claim to answer.
_OPENS_A_SENTENCE = re.compile(r"^[\"'“‘(]*[A-Z0-9]")


def _judging(story_map: StoryMap) -> list[Statement]:
    """The statements that may weigh the development: not a speaker's account of its own conduct."""
    return [s for s in story_map.statements if not own_conduct(s.sentence, s.speaker)]


def _analysis(story_map: StoryMap, drafter: GroundedDrafter, limit: int | None) -> list[Block]:
    """A sub-section per quoted speaker, then themes (figures, the timeline) while there is room."""
    blocks: list[Block] = []
    subsections = 0
    for speaker, statements in story_map.speakers():
        if subsections >= MAX_SUBSECTIONS:
            break
        said = _claim_all(drafter, statements, limit or PER_SUBSECTION, under_speaker=True)
        if said:
            blocks += [_heading(f"What {_as_written(speaker, statements)} said"), *_bullets(said)]
            subsections += 1
    themes = (("The figures", story_map.figures), ("How events unfolded", _unfolded(story_map, drafter)))
    for heading, items in themes:
        if subsections >= MAX_SUBSECTIONS or (subsections >= 2 and heading != "The figures"):
            break
        facts = _claim_all(drafter, items, limit or PER_SUBSECTION, story_map)
        if facts:
            blocks += [_heading(heading), *_bullets(facts)]
            subsections += 1
    if not blocks:  # no one quoted, no figures or dates found: the story's most relevant remaining facts
        details = _claim_top(drafter, story_map, limit or PER_SUBSECTION)
        if details:
            blocks += [_heading("The details"), *_bullets(details)]
    return blocks


def _as_written(speaker: str, statements: Sequence[Statement]) -> str:
    """The speaker with the "the" the story writes before the name ("the U.S. government", "the Federal Trade
    Commission"): the map keys speakers without it, and a heading without it reads as a headline's clipped
    English."""
    written = re.compile(rf"the\s+{re.escape(speaker)}", re.I)
    if any(written.fullmatch(s.speaker_text) for s in statements):
        return f"the {speaker}"
    return re.sub(r"^(A|An)\s", lambda m: f"{m.group(1).lower()} ", speaker)  # "a Google spokesperson"


def _claim_top(drafter: GroundedDrafter, story_map: StoryMap, limit: int) -> list[Sentence]:
    return _claim_matching(drafter, story_map, re.compile(r"\w"), limit)


def _ahead(story_map: StoryMap, drafter: GroundedDrafter) -> list[Dated]:
    """What comes next, as the section's meaning reads it (``placement``): the map's forward items but those whose
    main clause tells what was (``told_as_past``), and its dated items that tell of a time after the story's day
    (``tells_what_comes_next``: "A public meeting is set for April 2" in a story of 12 March), from the sources
    not published before the story; dated first, in reading order, as the map gives them."""
    forward = [f for f in story_map.forward if not told_as_past(f.sentence)]
    dated = [e for e in story_map.events if story_map.is_current(e.source_number)]
    ahead = forward + [e for e in dated if tells_what_comes_next(e.sentence, drafter.day)]
    return sorted(ahead, key=lambda i: (not i.date, i.order))


def _unfolded(story_map: StoryMap, drafter: GroundedDrafter) -> list[Dated]:
    """The timeline: the map's dated items that tell of the story's day or before it (``placement``), not a
    coming one."""
    return [e for e in story_map.events if tells_what_was(e.sentence, drafter.day)]


def _outlook(story_map: StoryMap, drafter: GroundedDrafter, limit: int | None) -> list[Block]:
    wanted = limit or OUTLOOK_ITEMS
    forward = _ahead(story_map, drafter)
    chosen = _claim_all(drafter, [f for f in forward if f.kind != "scheduled"], wanted, story_map)
    if len(chosen) < min(2, wanted):
        chosen += _claim_all(drafter, forward, wanted - len(chosen), story_map)
    if not chosen:
        chosen = _claim_matching(drafter, story_map, _MODAL, 2, ahead=True)
    if not chosen:  # nothing said about what comes next: what the story says is not yet known
        open_questions = [u for u in story_map.unknowns if not states_besides(u.sentence)]
        chosen = _claim_all(drafter, open_questions, limit or 2, story_map)
    return [Block(type="paragraph", sentences=chosen[i : i + 3]) for i in range(0, len(chosen), 3)]


def _watch(story_map: StoryMap, drafter: GroundedDrafter, limit: int | None) -> list[Block]:
    """What to watch: upcoming dates, the questions the sources leave open, the voices to follow."""
    blocks: list[Block] = []
    forward = _ahead(story_map, drafter)
    # a date to watch is a day on the calendar the item names ("placement.names_a_day"), not a time of day or an age
    dated = [f for f in forward if f.date and names_a_day(f.date)]
    dates = _claim_all(drafter, dated, limit or WATCH_ITEMS, story_map)
    if dates:
        blocks += [_heading("Dates to watch"), *_bullets(dates)]
    # what the story leaves open: not a sentence that also states what was told ("declined to comment but said ...")
    open_questions = [u for u in story_map.unknowns if not states_besides(u.sentence)]
    questions = _claim_all(drafter, open_questions, limit or WATCH_ITEMS, story_map)
    if questions:
        blocks += [_heading("Not yet known"), *_bullets(questions)]  # unclear, undisclosed, declined to say
    if not blocks:
        ahead = _claim_all(drafter, forward, limit or 2, story_map)
        if ahead:
            blocks += [_heading("What comes next"), *_bullets(ahead)]
    if len(blocks) < 4:
        # a voice speaks up; "..., according to the rescue group" only sources a fact, and a saying placed at a
        # time is an event (``placement.a_voice``)
        spoken = [s for s in story_map.statements if s.verb != ACCORDING_TO and a_voice(s.sentence, s.speaker, s.verb)]
        voices = _claim_all(drafter, spoken, limit or 2)
        if voices:
            blocks += [_heading("Voices to follow"), *_bullets(voices)]
    if not blocks:
        now = [e for e in story_map.events if story_map.is_current(e.source_number)]  # an earlier entry's is past
        latest = _claim_all(drafter, sorted(now, key=lambda e: -e.order), limit or 2)
        latest = latest or _claim_matching(drafter, story_map, _MODAL, limit or 2, ahead=True)
        if not latest:  # where the story leaves off: its last sentences not yet used
            # a bullet stands alone: not a sentence that points back ("did not confirm that figure") when what it
            # points at went to another section
            ending = sorted(
                (
                    c
                    for c in drafter.unused()
                    if c.passage.source_number == 1 and not drafter.points_back(c) and not drafter.cannot_open(c)
                ),
                key=lambda c: -c.order,
            )
            latest = [sentence_of(c) for c in ending[:1] if drafter.claim(c.original, c.passage) is not None]
        if latest:
            blocks += [_heading("Where things stand"), *_bullets(latest)]
    return blocks


def plan_for(spec: SectionSpec, story_map: StoryMap) -> str:
    """The map's material for this section, as a plan a capable model writes from ("" when it has none)."""
    kind = role(spec)
    if kind == "analysis":
        lines = [
            f"- {speaker}: " + " / ".join(plan_lines(statements, 2, 160))
            for speaker, statements in story_map.speakers()[:4]
        ]
        lines += [f"- figure: {x}" for x in plan_lines(story_map.figures, 3, 160)]
    elif kind == "pros_cons":
        lines = [f"- for: {x}" for x in plan_lines(story_map.by_stance("support"), 4)]
        lines += [f"- against: {x}" for x in plan_lines(story_map.by_stance("criticism", "warning"), 4)]
    elif kind == "outlook":
        lines = [
            f"- {f.date or 'undated'} ({f.kind}): [{f.source_number}] {f.sentence[:200]}" for f in story_map.forward[:6]
        ]
    elif kind == "watch":
        lines = [f"- date: [{f.source_number}] {f.sentence[:200]}" for f in story_map.forward if f.date][:4]
        lines += [f"- open question: {x}" for x in plan_lines(story_map.unknowns, 3)]
    else:
        lines = [
            f"- {e.date}: {x}" for e, x in zip(story_map.events[:5], plan_lines(story_map.events, 5), strict=False)
        ]
    if not lines:
        return ""
    return (
        "Plan from the sources (attribute each view to the person who holds it, keep every date as given, "
        "add no other facts):\n" + "\n".join(lines)
    )
