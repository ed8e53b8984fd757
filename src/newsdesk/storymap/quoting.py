"""Where a speaker's quotation runs, across sentences: the one reading of it, for the map and for the drafter.

News attributes a run of quotation once, where it opens ("O'Neill told Betfred: 'Shutthefrontdoor is in great
form."), and every sentence up to the closing mark is the speaker's words, though it names no one ("I could not
be happier with him."). A quotation that goes on into a new paragraph opens it with a quotation mark again and
closes only at its very end ("... first class. 'He likes to be up there ..."). So a sentence is a speaker's
words when a quotation is open at its start, or when it opens or closes one it does not hold whole; such a
sentence is published only with its speaker named, never in the article's own voice.

The marks are read where they stand: an opening mark stands before a word, after the start, a space, a colon or a
bracket; a closing mark stands after the quotation's last word or its punctuation. A single mark between two
letters is an apostrophe ("O'Neill", "don't"), and one after a plural's letters ("jockeys' championship") is a
possessive: a single quotation closes after its punctuation only (news puts the full stop or the comma inside).
"""

from __future__ import annotations

import re

from ..text import QUOTED

__all__ = ["OPENING", "balanced", "left_behind", "opens_or_closes", "quotation_open_after"]

# an opening mark stands before the quotation's first word, or before an editor's bracketed words or an ellipsis
# that stand in for the speaker's first ones (“[Child safety] is ...”, “... and then it stopped”)
OPENING = re.compile(r"(?:^|(?<=[\s:(\[—–-]))[\"“‘'](?=\w|\[\w|…|\.\.\.)")
_APOSTROPHE = re.compile(r"(?<=\w)’(?=\w)")
_SPOKEN = re.compile(r"[.!?…]")
_CLOSING = re.compile(r"(?:(?<=[\w.,!?…)\]])[\"”]|(?<=[.,!?…])['’])(?=\s|$|[,.;:!?)\]—–-])")


def _marks(sentence: str) -> list[tuple[bool, bool]]:
    """The quotation marks of ``sentence`` that may run beyond it, in order, each as (opens, double): True for one
    that opens a quotation, False for one that closes it; whether it is a double mark or a single one. A quotation
    of a phrase (no sentence's end inside: 'Doggie', "close to the end") is whole within its clause and left out;
    the marks of speech are kept, since a quotation of several paragraphs re-opens each and closes only the last
    ("... 'Whatever time I have left ... die.'")."""
    sentence = _APOSTROPHE.sub("'", sentence)  # "don’t": the curly apostrophe closes no quotation
    loose = QUOTED.sub(lambda m: m.group() if _SPOKEN.search(m.group()) else " " * len(m.group()), sentence)
    marks = [(m.start(), True, m.group() in _DOUBLE) for m in OPENING.finditer(loose)]
    marks += [(m.start(), False, m.group() in _DOUBLE) for m in _CLOSING.finditer(loose)]
    return [(opens, double) for _, opens, double in sorted(marks)]


_DOUBLE = frozenset('"“”')


def _walk(marks: list[tuple[bool, bool]], open_before: bool = False) -> tuple[bool, bool]:
    """Read the marks in order: whether one closes a quotation not opened (a stray close), and whether a quotation
    is left open at the end. Quotations nest, and English marks a quotation inside a quotation with the other kind
    of mark ('She said "my nanna shouldn't" is wrong.'): a mark of the other kind than the open quotation's opens
    one inside it, and the close of the inner one leaves the outer open. A mark of the same kind that opens inside
    an open quotation re-opens it (a quotation of several paragraphs re-opens each)."""
    stack: list[bool | None] = [None] if open_before else []  # the kinds open, innermost last; None: not known
    stray_close = False
    for opens, double in marks:
        if opens:
            if not stack or (stack[-1] is not None and stack[-1] != double):
                stack.append(double)
        elif not stack:
            stray_close = True
        else:
            while len(stack) > 1 and stack[-1] is not None and stack[-1] != double and double in stack:
                stack.pop()  # an inner quotation left unclosed ends with the outer one
            stack.pop()
    return stray_close, bool(stack)


def _unmatched(marks: list[tuple[bool, bool]]) -> tuple[bool, bool]:
    """Read from a start outside any quotation: whether a mark closes a quotation not opened in the sentence, and
    whether one is left open at its end (``_walk``)."""
    return _walk(marks)


def quotation_open_after(sentence: str, open_before: bool) -> bool:
    """Whether a quotation is still open at the end of ``sentence``, given whether one was open at its start."""
    return _walk(_marks(sentence), open_before and not left_behind(sentence))[1]


def opens_or_closes(sentence: str) -> bool:
    """Whether ``sentence`` opens a quotation it does not close, or closes one it did not open: part of a
    speaker's words that run on beyond it, whoever's they are."""
    return any(_unmatched(_marks(_LEFT_BEHIND.sub("", sentence.strip()))))


def left_behind(sentence: str) -> bool:
    """Whether the sentence opens on the closing mark of the quotation before it (``’ The findings were ...``):
    the quotation ends there, and the sentence is the narrator's."""
    return bool(_LEFT_BEHIND.match(sentence.strip()))


# a closing mark's opening partner and the other way round; a straight mark is its own
_PAIR = {"“": "”", "‘": "’", "’": "‘", "”": "“"}
# a mark the sentence opens on, with a space and no word after it: the closing of the quotation before it
_LEFT_BEHIND = re.compile(r"^[’”'\"]\s+")


def balanced(sentence: str) -> str:
    """The sentence with its quotation whole: a quotation it opens and does not close is closed at its end, one
    it closes without opening is opened at its start (each paragraph of a quotation that runs on holds one of its
    marks only), and a closing mark it opens on, the quotation before it left behind by the splitter, goes."""
    text = _LEFT_BEHIND.sub("", sentence.strip())
    stray_close, left_open = _unmatched(_marks(text))
    if stray_close:
        closer = _CLOSING.search(_APOSTROPHE.sub("'", text))
        mark = closer.group() if closer else "'"
        text = _PAIR.get(mark, mark) + text
    if left_open:
        opener = OPENING.search(text)
        mark = opener.group() if opener else "'"
        text += _PAIR.get(mark, mark)
    return text
