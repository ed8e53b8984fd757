"""False and missed corrections on made-up follow-up pairs: an earlier sentence and a later one of the same thread.

``verify/_facts/_superseded.py`` decides which facts of an article a later entry makes no longer current. A seeded
generator writes pairs from templates, in two groups:

- *keep*: the later sentence gives the figure again as it was (restated another way), or gives a figure of another
  thing (another noun, the state's share of a cost, another town's project, another event's month, another count):
  any correction here is false;
- *replace*: the later sentence gives the same quantity another value (a price that rose, a start moved to another
  month, a meeting moved to another day, a count that grew): a pair left alone is a correction missed.

Nothing here was read from a feed: the words are chosen to vary the nouns, towns, months and verbs the rule reads.

    python bench/superseded_pairs.py [--pairs 400] [--seed 7] [--show 5]
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newsdesk.verify._facts._superseded import superseding  # noqa: E402 - after sys.path.insert

THINGS = ["flood wall", "library", "footbridge", "sports hall", "water plant", "bus depot", "clinic", "sea wall"]
TOWNS = ["Riverton", "Ashford", "Millbrook", "Carver Bay", "Eastleigh", "Norwood"]
MONTHS = ["March", "April", "May", "June", "July", "August", "September", "October"]
BODIES = ["city council", "county board", "town council"]
GROUPS = [("homes", "damaged"), ("workers", "hired"), ("families", "moved"), ("shops", "closed")]


def _money(rng: random.Random) -> str:
    return f"${rng.randint(11, 89) / 10:.1f} million"


def _more(rng: random.Random, money: str) -> str:
    """A sum at least a tenth above ``money``: clearly another figure, not the same one rounded."""
    return f"${float(money[1:].split()[0]) * rng.uniform(1.1, 1.6):.1f} million"


def _two(rng: random.Random, items: list[str]) -> tuple[str, str]:
    first, second = rng.sample(items, 2)
    return first, second


Pair = tuple[str, str, str]  # kind, earlier, later
CHANGED = {"finish moved, start kept": "October 2027"}  # the earlier value a correction of this kind must name


def keep_pairs(rng: random.Random) -> list[Callable[[], Pair]]:
    def same_price() -> Pair:
        thing, town, body, cost = rng.choice(THINGS), rng.choice(TOWNS), rng.choice(BODIES), _money(rng)
        return (
            "same price restated",
            f"The {town} {body} approved a {cost} {thing} on Tuesday.",
            f"The {thing} will cost {cost}, the {body} said on Friday.",
        )

    def other_thing_price() -> Pair:
        (thing, other), town = _two(rng, THINGS), rng.choice(TOWNS)
        return (
            "another thing's price",
            f"The {town} council approved a {_money(rng)} {thing}.",
            f"The cost of the {other} has risen to {_money(rng)}, officials said.",
        )

    def share_of_cost() -> Pair:
        thing = rng.choice(THINGS)
        return (
            "a share of the cost",
            f"The state will pay {_money(rng)} of the cost of the {thing}.",
            f"The cost of the {thing} has risen to {_money(rng)}.",
        )

    def other_town() -> Pair:
        (town, other), thing = _two(rng, TOWNS), rng.choice(THINGS)
        return (
            "another town's project",
            f"{town}'s new {thing} will cost {_money(rng)}.",
            f"{other}'s new {thing} will cost {_money(rng)}.",
        )

    def other_event_month() -> Pair:
        (month, other), thing = _two(rng, MONTHS), rng.choice(THINGS)
        return (
            "another event's month",
            f"Construction of the {thing} is scheduled to begin in {month}.",
            f"A public hearing on the {thing} will be held in {other}.",
        )

    def finish_not_start() -> Pair:
        (month, other), thing = _two(rng, MONTHS), rng.choice(THINGS)
        return (
            "the finish, not the start",
            f"Work on the {thing} will begin in {month}.",
            f"Work on the {thing} is now expected to finish in {other}.",
        )

    def same_month() -> Pair:
        month, thing = rng.choice(MONTHS), rng.choice(THINGS)
        return (
            "same month restated",
            f"Construction of the {thing} is scheduled to begin in {month}.",
            f"Officials said construction of the {thing} would still begin in {month} {rng.choice([2026, 2027])}.",
        )

    def other_count() -> Pair:
        ((noun, verb), (other, other_verb)), town = _two(rng, GROUPS), rng.choice(TOWNS)  # type: ignore[arg-type]
        return (
            "another count",
            f"The floods in {town} {verb} {rng.randint(20, 400)} {noun}.",
            f"The council {other_verb} {rng.randint(20, 400)} {other} after the floods.",
        )

    def other_thing_month() -> Pair:
        (thing, other), (month, later) = _two(rng, THINGS), _two(rng, MONTHS)
        return (
            "another thing's start",
            f"Construction of the {thing} will begin in {month}.",
            f"Construction of the {other} will begin in {later}, the council said.",
        )

    def other_vote_day() -> Pair:
        thing, month = rng.choice(THINGS), rng.choice(MONTHS)
        day, other = rng.sample(range(1, 29), 2)
        return (
            "another act's day",
            f"The council approved the {thing} on {month} {day}.",
            f"The council will vote on the {thing}'s budget on {month} {other}.",
        )

    def sum_of_another_noun() -> Pair:
        thing, cost = rng.choice(THINGS), _money(rng)
        return (
            "a sum of another noun in the thread",
            f"The {cost} {thing} will be paid for by a bond approved in November.",
            f"The bond for the {thing} has raised {_money(rng)} so far, the treasurer said.",
        )

    return [same_price, other_thing_price, share_of_cost, other_town, other_event_month, finish_not_start, same_month,
            other_count, other_thing_month, other_vote_day, sum_of_another_noun]  # fmt: skip


def replace_pairs(rng: random.Random) -> list[Callable[[], Pair]]:
    def price_rose() -> Pair:
        thing, town, body, cost = rng.choice(THINGS), rng.choice(TOWNS), rng.choice(BODIES), _money(rng)
        return (
            "price as modifier, then cost of",
            f"The {town} {body} approved a {cost} {thing} on Tuesday.",
            f"The cost of the {thing} has risen to {_more(rng, cost)}, the {body} said.",
        )

    def start_moved() -> Pair:
        (month, other), thing = _two(rng, MONTHS), rng.choice(THINGS)
        return (
            "start month moved",
            f"Construction of the {thing} is scheduled to begin in {month}.",
            f"Construction of the {thing} is now scheduled to begin in {other} rather than {month}.",
        )

    def day_moved() -> Pair:
        (month, _), thing = _two(rng, MONTHS), rng.choice(THINGS)
        day, other = rng.sample(range(1, 29), 2)
        return (
            "meeting day moved",
            f"A public meeting on the {thing} is set for {month} {day}.",
            f"The public meeting on the {thing} has been moved to {month} {other}.",
        )

    def count_grew() -> Pair:
        (noun, verb), town = rng.choice(GROUPS), rng.choice(TOWNS)
        first = rng.randint(20, 200)
        return (
            "count grew",
            f"The floods in {town} {verb} {first} {noun}.",
            f"The floods in {town} have now {verb} {first + rng.randint(5, 90)} {noun}.",
        )

    def finish_moved() -> Pair:
        month, other = rng.sample(MONTHS[:-1], 2)  # the finish moves from October 2027 to another month
        return (
            "finish moved, start kept",
            f"Work on the {rng.choice(THINGS)} will begin in {month} and finish by October 2027.",
            f"Work is now expected to finish in {other}, not October.",
        )

    return [price_rose, start_moved, day_moved, count_grew, finish_moved]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, default=400, help="pairs of each group")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", type=int, default=5, help="examples of each error to print")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    for group, makers, wrong_when_fired in (("keep", keep_pairs(rng), True), ("replace", replace_pairs(rng), False)):
        made = [rng.choice(makers)() for _ in range(args.pairs)]
        totals, wrong, shown = Counter(kind for kind, _, _ in made), Counter[str](), 0
        for kind, earlier, later in made:
            reason = superseding(earlier, [later])
            target = CHANGED.get(kind)
            if (reason is not None) == wrong_when_fired or (reason and target and f"as {target}:" not in reason):
                wrong[kind] += 1
                if shown < args.show:
                    shown += 1
                    print(f"  {group} wrong: {earlier}\n      later: {later}")
        label = "false corrections" if wrong_when_fired else "missed corrections"
        print(f"{group}: {sum(wrong.values())} {label} of {len(made)}")
        for kind in sorted(totals):
            print(f"  {kind}: {wrong[kind]} of {totals[kind]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
