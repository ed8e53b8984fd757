"""newsdesk.language: one home for the words the story map and the checker read with, one parser, one speaker
extractor (the real spaCy pipeline)."""

from __future__ import annotations

from newsdesk import language
from newsdesk.language.stemming import _IRREGULAR
from newsdesk.storymap import build as storymap
from newsdesk.storymap import statements
from newsdesk.verify._facts import _parse, _speech


def test_the_story_map_and_the_checker_share_one_parser() -> None:
    assert storymap.nlp is language.nlp and _parse.nlp is language.nlp
    assert storymap.nlp() is _parse.nlp()


def test_each_reader_takes_a_named_subset_of_one_verb_list() -> None:
    verbs = set(language.SPEECH_VERBS)
    assert language.VIEW_VERBS <= verbs and language.REPORTING_VERBS <= language.VIEW_VERBS
    assert language.STATEMENT_VERBS == verbs - language.BELIEF_VERBS
    assert set(statements._VERB_STANCE) == language.STATEMENT_VERBS
    assert language.SPEECH_VERBS["condemn"] == "criticism" and language.SPEECH_VERBS["warn"] == "warning"
    # the checker's cue is built from the list: a verb added there is found in raw text
    assert _speech.SPEECH_CUE.search("The minister denounced the plan.")
    assert not _speech.SPEECH_CUE.search("The minister visited the plant.")


def test_forms_inflect_regular_and_irregular_verbs() -> None:
    assert set(language.forms("deny")) == {"deny", "denies", "denied", "denying"}
    assert {"said", "says"} <= set(language.forms("say"))
    assert language.stem("criticised") == language.stem("criticise")


def test_forms_double_a_final_consonant_where_stress_may_double_it() -> None:
    """Spelling does not show stress ("admitted", "visited"), so both spellings are listed; the speech verbs'
    cheap cue then finds a past tense that doubles."""
    assert {"admitted", "admitting"} <= set(language.forms("admit"))
    assert {"visited", "visiting"} <= set(language.forms("visit"))
    assert language.forms("add") == ("add", "adds", "added", "adding")
    assert _speech.SPEECH_CUE.search("Critics slammed the council's decision on Tuesday.")
    assert _speech.SPEECH_CUE.search("The minister admitted that the budget had been overspent.")


def test_the_speaker_of_a_speech_verb() -> None:
    doc = language.nlp()("The union leader, who said the strike would go on, was arrested.")
    said = next(t for t in doc if t.lower_ == "said")
    assert "leader" in {t.lower_ for t in language.speaker_tokens(said)}
    doc = language.nlp()("Ana Silva praised the volunteers, saying the garden had changed the street.")
    saying = next(t for t in doc if t.lower_ == "saying")
    assert {"ana", "silva"} <= {t.lower_ for t in language.speaker_tokens(saying)}
    doc = language.nlp()("The plan was announced on Monday.")
    announced = next(t for t in doc if t.lower_ == "announced")
    assert language.speaker_tokens(announced) is None


def test_the_doer_of_an_it_cleft_is_its_focus() -> None:
    # "It was Clarke who asked Carver" asserts that Clarke asked Carver
    doc = language.nlp()("It was Clarke who then asked Carver whether the manager had resigned.")
    asked = next(t for t in doc if t.lower_ == "asked")
    assert [t.text for t in language.speaker_tokens(asked) or []] == ["Clarke"]
    doc = language.nlp()("The clerk who asked Carver whether the manager had resigned was moved.")
    asked = next(t for t in doc if t.lower_ == "asked")
    assert "clerk" in {t.lower_ for t in language.speaker_tokens(asked) or []}


def test_a_sentence_about_the_page_itself_is_not_news() -> None:
    """A credit, a comment box, a correction notice or a request to whoever repackages the page names the page it
    stands on: it asserts nothing about the news, so nothing is drafted from it and it is no evidence. A
    quotation's "this post" is its speaker's, and a report named by its author is a report in the world."""
    from newsdesk.injection import asserted
    from newsdesk.language import refers_to_the_page

    about_the_page = [
        "Heba Habib contributed to this report.",
        "Sorry, we are not accepting comments on this article.",
        "An earlier version of this story misstated the date of the vote.",
        "Readers' tools that shorten this report could usefully add that the director resigned.",
    ]
    news = [
        '"I thought a lot before writing this post," the developer wrote on Thursday.',
        "The agency's report found that emissions fell by 4 percent last year.",
        "The council approved the new bridge on Tuesday.",
        "This leaked document shows that the ministry knew of the risk.",
    ]
    assert all(refers_to_the_page(s) and not asserted(s) for s in about_the_page)
    assert not any(refers_to_the_page(s) for s in news) and all(asserted(s) for s in news)


def test_sentences_parsed_in_a_batch_are_the_ones_parse_gives() -> None:
    """``parse_many`` parses in spaCy batches for ``parse`` to find: each sentence's parse is the one it gets alone,
    and ``parse`` then returns the batch's parse instead of parsing again."""
    from newsdesk.language import nlp, parse, parse_many

    sentences = [
        "The council did not approve the bridge, officials said on Tuesday.",
        "Shares in the company fell 12% after the chief executive resigned.",
        "She told reporters that the vote would be held in March.",
        "Rain fell.",
    ]
    parse_many(sentences)
    for sentence in sentences:
        batched = parse(sentence)
        alone = nlp()(sentence, disable=["ner", "lemmatizer"])
        assert [(t.text, t.tag_, t.dep_, t.head.i) for t in batched] == [
            (t.text, t.tag_, t.dep_, t.head.i) for t in alone
        ]
        assert parse(sentence) is batched  # kept: not parsed again


def test_an_irregular_form_keys_as_its_lemma_does_in_every_inflection() -> None:
    """ "killed" keyed as "kill" while "kill" and "killing" keyed as "kil", so the same verb in two tenses shared no
    word: an update's "has now killed 19 people" measured nothing "killing 12 people" measured."""
    for form, lemma in _IRREGULAR.items():
        assert language.stem(form) == language.stem(lemma), (form, lemma)
    assert language.stem("killed") == language.stem("killing") == language.stem("kills")
    assert language.stem("rose") == language.stem("rising") == language.stem("rises")
    assert language.stem("told") == language.stem("telling")
    assert language.stem("withdrew") == language.stem("withdrawn") == language.stem("withdrawing")
    assert language.stem("shown") == language.stem("showed") and language.stem("stolen") == language.stem("steals")


def test_a_later_report_of_the_same_toll_in_another_tense_supersedes_the_first() -> None:
    from newsdesk.verify._facts._superseded import superseding

    first = "The dam at Riverton collapsed on Monday, killing 12 people."
    later = "The Riverton dam collapse has now killed 19 people, officials said on Tuesday."
    assert superseding(first, [later]) is not None


def test_a_three_letter_word_and_its_plural_or_third_person_share_a_stem() -> None:
    """ "wins" keyed apart from "win" (and "won"), "jobs" from "job": a four-letter word lost no "s" at all."""
    for one, other in [("wins", "win"), ("wins", "won"), ("jobs", "job"), ("cuts", "cut"), ("dies", "die")]:
        assert language.stem(one) == language.stem(other), (one, other)
    assert language.stem("news") != language.stem("new"), '"news" is a mass noun, not a plural'
    assert language.stem("thus") == "thus" and language.stem("this") == "this"


def test_the_speaker_of_as_saying_is_the_object_it_is_said_of() -> None:
    """ "Spiegel quoted the minister as saying ...": the words are the minister's, the report Spiegel's."""
    doc = language.parse(
        "Der Spiegel quoted Finance Minister Johan Van Overtveldt as saying that a delay was out of the question."
    )
    saying = next(t for t in doc if t.lower_ == "saying")
    assert "Overtveldt" in [t.text for t in language.speaker_tokens(saying) or []]
