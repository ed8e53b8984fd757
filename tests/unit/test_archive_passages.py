"""Passages are cut from any body, however long its paragraphs, without losing text."""

import re

from newsdesk.archive import PASSAGE_MAX_CHARS, split_passages


def _words(text: str) -> list[str]:
    return re.findall(r"\S+", text)


def test_a_paragraph_over_the_passage_size_is_cut_at_sentences():
    body = "The council met on Tuesday to discuss the plan. " * 26
    passages = split_passages(body)
    assert len(passages) > 1
    assert all(len(p) <= PASSAGE_MAX_CHARS for p in passages)
    assert all(p.endswith("plan.") for p in passages)
    assert _words(" ".join(passages)) == _words(body)


def test_closing_quotes_stay_with_their_sentence():
    body = ('He said "we will win." ' * 80) + "Then he left."
    passages = split_passages(body)
    assert all(not p.startswith('"') for p in passages)
    assert _words(" ".join(passages)) == _words(body)


def test_a_run_on_with_no_sentence_end_is_still_bounded():
    body = "word " * 2000 + "x" * 5000
    passages = split_passages(body)
    assert all(len(p) <= PASSAGE_MAX_CHARS for p in passages)
    assert "".join(_words(" ".join(passages))) == "".join(_words(body))


def test_a_paragraph_that_ends_no_sentence_stays_apart_from_the_next():
    """A heading, a label or a caption has no full stop; merged into a passage with the paragraph after it, it
    must still end where it ends, or it becomes the start of that paragraph's first sentence."""
    from newsdesk.sentences import split_sentences

    heading = "Allegation: the agency had no way to report unsafe bridges"
    first = "Despite a pledge in 2019, inspectors found no form for reports, according to the filing."
    body = f"{heading}\n\n{first} The agency declined to comment.\n\nA later paragraph: it goes on, as promised."
    passages = split_passages(body)
    assert len(passages) == 1  # short paragraphs are merged into one passage...
    sentences = split_sentences(passages[0])
    assert sentences[:2] == [heading, first]  # ...and the heading is not glued onto the sentence after it
    assert "promised." in sentences[-1] and "A later paragraph:" in sentences[-1]
    assert _words(passages[0]) == _words(body)


def test_paragraphs_that_end_or_continue_a_sentence_are_joined_as_running_text():
    body = "The mayor said:\n\n“We will rebuild the bridge.”\n\nWork starts in May, officials added."
    assert split_passages(body) == [
        "The mayor said: “We will rebuild the bridge.” Work starts in May, officials added."
    ]


def test_a_long_paragraph_is_never_cut_inside_a_name_after_an_initialism():
    """Smoke test 40b #7: a passage ended at "members of the U.S." and the next began "Chamber of Commerce ...", so
    the article cited half a sentence on each side. An initialism goes on into the name it stands in."""
    sentence = "Business leaders and members of the U.S. Chamber of Commerce met on Friday to discuss visas."
    passages = split_passages(" ".join([sentence] * 30))
    assert len(passages) > 1
    assert all(p.endswith("visas.") and p.startswith("Business") for p in passages)
