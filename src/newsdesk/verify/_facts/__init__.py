"""Structural fact checks of a written sentence against its aligned source sentences.

Lexical and semantic overlap say whether a sentence talks about what the source talks about; these checks say
whether it gets the facts the right way round. Each is named, returns a ``FactResult`` (ok, fail or n/a, with a
short reason), and fails only when the source *clearly says something else*, never when it is merely silent:

| check | fails when |
| --- | --- |
| ``figures_and_dates`` | a figure or date is bound in the source to the same words with another value; a quantity |
|  | keeps the source's number in another unit; a month is given another year (``_measures``) |
| ``disputed`` | outlets among the sources give the figure differently, and the sentence does not tell it as |
|  | the account of an outlet that gives it (``_disputed``) |
| ``entity_swap`` | a figure sits next to another of the sentence's names of the same sort in the source |
| ``attribution`` | the source clause that says the reported view has another speaker |
| ``roles_and_titles`` | the source gives the person another office, or no "former" |
| ``polarity`` | the source negates what the sentence asserts (or the reverse), or says the opposite word |
| ``incompatible`` | in a near copy, a noun stands where the source has another thing of the same kind ("navy" |
|  | for "army"; co-hyponyms in WordNet, ``_incompatible``) |
| ``hedge_made_certain`` | the source hedges ("may", "suggests", "scientists think") what the sentence states flat, |
|  | or says nobody has confirmed what the sentence has someone confirm (``_unverified``) |
| ``stated_as_done`` | the sentence states as done what the source has only as a plan, an expectation or hearsay, |
|  | or as a bounded event under way ("has sold his collection" for "is selling", ``_aspect``) |
| ``reception`` | the sentence says something was praised or criticised, naming no one, and no source reports |
|  | any reaction of that stance (``_reception``) |

Each is registered, with the screen (filler, invented quotations) and the after-review (hedged facts, verbatim
quotations, ``_claims``), in the verifier's one ordered registry, ``verify/_checks.py``: a new check is a module
here plus one line there.
"""

from __future__ import annotations

from ._result import FAIL, NOT_APPLICABLE, OK, FactResult

__all__ = ["FAIL", "NOT_APPLICABLE", "OK", "FactResult"]
