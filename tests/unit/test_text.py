"""newsdesk.text: the text handling every stage shares, importable from anywhere without a cycle."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from newsdesk.sentences import source_spans, split_sentences
from newsdesk.text import STOPWORDS, ascii_number, content_words, tokens, visible, words

SRC = Path(__file__).resolve().parents[2] / "src" / "newsdesk"


def _imported_names(path: Path) -> set[str]:
    """Every module and name a file imports anywhere: top level, in functions, under TYPE_CHECKING."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.rsplit(".", 1)[-1] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            found.add((node.module or "").rsplit(".", 1)[-1])
            found.update(alias.name for alias in node.names)
    return found


def test_text_loads_no_other_newsdesk_module() -> None:
    code = "import sys, newsdesk.text; print(sorted(m for m in sys.modules if m.startswith('newsdesk.')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['newsdesk.text']"


def test_article_and_verifier_do_not_import_each_other() -> None:
    assert "_verifier" in _imported_names(SRC / "verify" / "_article.py")
    assert "_article" not in _imported_names(SRC / "verify" / "_verifier.py")


def test_every_stage_reads_the_shared_stopwords() -> None:
    """Retrieval's query terms, the verifier's content stems and the writer's repeat check all drop exactly the
    shared stopwords: a stage that kept a list of its own would keep some of them as content (or drop content)."""
    from newsdesk.models import Story
    from newsdesk.retrieve import query_terms
    from newsdesk.verify._text import content_stems, stem
    from newsdesk.write.repeats import near_duplicate

    every_stopword = " ".join(sorted(w for w in STOPWORDS if w.isalpha()))
    text = f"{every_stopword} harbour dredging"
    assert content_words(text) == ["harbour", "dredging"]
    assert query_terms(Story(headline=text, body=text)) == ["harbour", "dredging"]
    assert content_stems(tokens(text)) == [stem("harbour"), stem("dredging")]
    # two sentences that share every stopword but only half their content are not repeats of each other
    assert not near_duplicate(text, f"{every_stopword} harbour closure")
    assert near_duplicate(text, "Harbour dredging.")


def test_content_words_drop_stopwords_and_short_words_in_any_script() -> None:
    assert content_words("The mayor said the Zürich café is in the U.K. and 12 of 2026") == [
        "mayor",
        "zürich",
        "café",
        "2026",
    ]
    assert "said" in STOPWORDS and "mayor" not in STOPWORDS
    assert words("Don't stop_here") == ["don", "t", "stop", "here"]


def test_tokens_fold_numbers_and_country_names() -> None:
    assert tokens("Twenty-one UK firms rose 5% in the United States") == [
        "21",
        "britain",
        "firms",
        "rose",
        "5",
        "percent",
        "in",
        "the",
        "america",
    ]


def test_source_spans_are_exact_offsets_and_agree_with_the_writer_splitter() -> None:
    passage = "Mr. Smith arrived on Nov. 13 in the U.S. capital. He met the mayor. Talks ended at 5 p.m."
    spans = source_spans(passage)
    assert (
        [passage[a:b] for a, b in spans]
        == split_sentences(passage)
        == ["Mr. Smith arrived on Nov. 13 in the U.S. capital.", "He met the mayor.", "Talks ended at 5 p.m."]
    )


def test_a_huge_paragraph_is_split_into_every_sentence_it_holds() -> None:
    """A line far longer than any news paragraph is cut at sentence ends before pysbd reads it (whose time grows
    with the square of a line): no sentence is lost, merged or cut in two at the seams."""
    sentences = [f"The council met on day {n} and Mr. Okafor said the {n} trams would run again." for n in range(600)]
    assert split_sentences(" ".join(sentences)) == sentences


def test_a_closing_quotation_mark_is_no_sentence_of_its_own() -> None:
    text = "Work starts in May. Gardener Lena Park said the beds were finished. 'We had no money for contractors.'"
    assert split_sentences(text) == [
        "Work starts in May.",
        "Gardener Lena Park said the beds were finished.",
        "'We had no money for contractors.'",
    ]


def test_a_question_or_exclamation_mark_before_a_lower_case_word_ends_no_sentence() -> None:
    """Smoke test 44 #1: a sentence opens on a capital, a digit or an opening quotation mark, so a "?" or "!"
    before a word in lower case is inside its sentence (a name like "Which?", a quoted question, an
    interjection): cut there, the article published "said the recall was overdue" with its speaker lost. Both
    splitters read it so."""
    cases = {
        "Shoppers' panel Whither? said the prices were unfair. Dalbury denied that.": [
            "Shoppers' panel Whither? said the prices were unfair.",
            "Dalbury denied that.",
        ],
        "The start-up Zoomo! reported higher sales. Shares rose.": [
            "The start-up Zoomo! reported higher sales.",
            "Shares rose.",
        ],
        "The clerk asked 'why?' and left the room. Nobody answered.": [
            "The clerk asked 'why?' and left the room.",
            "Nobody answered.",
        ],
        # a capital, a digit or an opening quotation mark opens a new sentence, as does a name with inner capitals
        'Was it safe? Nobody knew. Who paid? 12 firms did. Why wait? "Now," she said. Any good? iPads sold out.': [
            "Was it safe?",
            "Nobody knew.",
            "Who paid?",
            "12 firms did.",
            "Why wait?",
            '"Now," she said.',
            "Any good?",
            "iPads sold out.",
        ],
    }
    for text, expected in cases.items():
        assert split_sentences(text) == expected, text
        assert [text[a:b] for a, b in source_spans(text)] == expected, text


def test_a_number_from_a_request_is_ascii_digits_alone() -> None:
    assert [ascii_number(v) for v in ("42", "0", "007")] == [42, 0, 7]
    for odd in ("²", "١٢", "１", "-1", "1e3", " 4", "", None):  # digits to str.isdigit that int() or HTTP refuse
        assert ascii_number(odd) is None, odd


def test_a_run_on_with_no_sentence_end_is_cut_at_spaces_into_pieces_the_segmenter_reads_fast() -> None:
    """pysbd's time grows with the square of a line's length: a paste with no sentence end at all is cut at
    spaces, every word kept, in order."""
    from newsdesk.sentences import MAX_SEGMENTED_CHARS

    run_on = " ".join(f"word{n}" for n in range(6_000))  # about 50,000 characters, no full stop
    pieces = split_sentences(run_on)
    assert len(pieces) > 1 and all(len(p) <= MAX_SEGMENTED_CHARS for p in pieces)
    assert " ".join(pieces).split() == run_on.split()


def test_noncharacters_and_surrogates_are_gone_at_intake() -> None:
    """Smoke test 35 #3: one U+FFFE in a headline made the public Atom feed invalid XML for every subscriber. No
    text may hold a noncharacter or a lone surrogate, so ``visible`` (every entry point's normaliser) drops them."""
    assert visible("Bridge \ufffe reopens\uffff") == "Bridge  reopens"
    assert visible("a\ufdd0b\ufdefc\U0001fffed\U0010ffffe\ud800f") == "abcdef"
    # the characters next to them stay: the last code points a text may hold, and an astral letter
    assert visible("\ufffd\ufdcf\ufdf0\U0001fffd\U00010348") == "\ufffd\ufdcf\ufdf0\U0001fffd\U00010348"


def test_a_line_with_no_full_stop_before_a_capital_ends_a_sentence() -> None:
    """Smoke test 35 #4: notes, wire flashes and transcripts put one sentence a line with no full stop, and the
    lines were read as one sentence. Hard-wrapped prose is not cut: it goes on in lower case or mid-clause."""
    lines = "A storm hit the coast on Tuesday, the board said\nEngineers said repairs would take two days\nSchools shut"
    assert split_sentences(lines) == [
        "A storm hit the coast on Tuesday, the board said",
        "Engineers said repairs would take two days",
        "Schools shut",
    ]
    wrapped = (
        "The council said the\nPrime Minister would visit on\nTuesday, and\nThe Times reported that Mr\n"
        "Smith agreed with\nthe plan. Work starts in\nMay."
    )
    assert split_sentences(wrapped) == [
        "The council said the Prime Minister would visit on Tuesday, and The Times reported that Mr Smith agreed "
        "with the plan.",
        "Work starts in May.",
    ]


def test_hard_wrapped_prose_is_not_cut_before_a_name_at_a_line_start() -> None:
    """Lines filled to one width break wherever the width fell, before a name as often as anywhere: such a
    paragraph is read whole, and only its full stops end its sentences."""
    wrapped = (
        "The delegation travelled to Geneva for talks with officials from the United\n"
        "States and the European Union on Tuesday, where the foreign minister Anna\n"
        "Berg said progress had been slow but steady over the past two weeks of work\n"
        "in the city."
    )
    assert split_sentences(wrapped) == [" ".join(wrapped.split())]


def test_an_initialism_ends_a_source_sentence_only_before_a_sentence_opener() -> None:
    """A function word written with a capital opens a sentence ("The", "He", "In"); a content word after "U.S."
    goes on with it into a name ("U.S. Consulate"). The writer's splitter (pysbd) reads both the same way."""
    for text, expected in [
        ("A bomb went off outside the U.S. Consulate complex in Erbil.", 1),
        ("Members of the U.S. Chamber of Commerce met on Friday.", 1),
        ("He moved to the U.S. The next day he found work.", 2),
        ("The guard was shot in Washington, D.C. He died on Thursday.", 2),
        ('Prices rose in the U.S. "It was a shock," one buyer said.', 2),
        ('He saw that Buddy Holly and J.P. "The Big Bopper" Richardson had been killed.', 1),  # a nickname
        ("A U.S. A-18F fighter jet flies over the Caribbean.", 1),  # a type's letter, not the article
    ]:
        spans = source_spans(text)
        assert len(spans) == expected == len(split_sentences(text)), text


def test_a_sentence_run_into_the_next_with_no_full_stop_is_cut_before_its_opener() -> None:
    """Smoke test 40b #7: a photo caption set without a full stop runs into the story's next sentence when a page
    is flattened. A content word in lower case, then a capitalised word that opens statements and a word in lower
    case, is two sentences; both splitters cut there."""
    for text, expected in [
        (
            "Al-Douri was on the pack of cards the US issued after its collapse He was one of Saddam's henchmen.",
            ["Al-Douri was on the pack of cards the US issued after its collapse", "He was one of Saddam's henchmen."],
        ),
        (
            "Greece may print a parallel currency to pay its bills He said: 'We will pay on April 9.'",
            ["Greece may print a parallel currency to pay its bills", "He said: 'We will pay on April 9.'"],
        ),
        # a name or a title after the capitalised function word, a function word before it, a modal that may be a
        # name, "I" and "A" anywhere, and a quotation inside the sentence: one sentence each
        ("He starred in the film The Theory of Everything last year.", None),
        ("She stood in the doorway of the house and The band played on.", None),
        ("Her son Will was at home when the storm hit.", None),
        ("They are the best friends I've ever made, she said.", None),
        ("He got a grade A in maths and a B in French.", None),
        ("He said 'We will win' before the match.", None),
    ]:
        sentences = expected or [text]
        assert split_sentences(text) == sentences, text
        assert [text[a:b] for a, b in source_spans(text)] == sentences, text


def test_a_sentence_run_in_on_a_capitalised_word_no_name_holds_is_cut_before_it() -> None:
    """Smoke test 40b #7: a caption runs into the story before a capitalised content word ("... the Court of Appeal
    Millions of motorists ..."). English writes a word mid-sentence with a capital only in a name or a title, and
    a name holds no adverb in -ly and opens on no noun of number: such a word opens a sentence. A title may hold an
    adverb after its capitalised words, and an adverb or number noun that is no such start stays."""
    for text, expected in [
        (
            "Barry Beavis lost his case at the Court of Appeal Millions of motorists face steep parking fines.",
            ["Barry Beavis lost his case at the Court of Appeal", "Millions of motorists face steep parking fines."],
        ),
        (
            "The macaque has a rounded nose unlike other macaques Officially named Macaca leucogenys, it is rare.",
            ["The macaque has a rounded nose unlike other macaques", "Officially named Macaca leucogenys, it is rare."],
        ),
        ("The show OAPs Behaving Badly is on Channel 5 on Wednesdays.", None),  # a title's adverb
        ("The Daily Mail and the Early Years Foundation both said so.", None),  # an adverb in a name
        ("Police said Thousands Square was closed to traffic.", None),  # no "of": a name
        ("Millions of people watched the final.", None),
    ]:
        sentences = expected or [text]
        assert split_sentences(text) == sentences, text
        assert [text[a:b] for a, b in source_spans(text)] == sentences, text


def test_a_captions_label_before_a_colon_is_cut_from_the_story_and_the_caption() -> None:
    """Smoke test 40b #7 (rest): a photo caption's label ("Parking trap:") run into the story, with its caption
    after it. A label is a phrase of common words with no verb of its own, before a whole clause with a tensed
    verb that opens on a capital: it stands alone (it stops on a colon, so it is never drafted) and both sentences
    lose it. A clause with a verb before a colon introduces what follows, a name before it is a speaker's tag, a
    quotation or a word in lower case after it goes on with the sentence, and a determiner's phrase needs the
    word after it as its noun."""
    for text, expected in [
        (
            "The ferry was cancelled for the third day Stranded: Hundreds of passengers waited at the terminal.",
            [
                "The ferry was cancelled for the third day",
                "Stranded:",
                "Hundreds of passengers waited at the terminal.",
            ],
        ),
        (
            "Ministers met at the Treasury Budget squeeze: Most departments face cuts of a tenth next year.",
            [
                "Ministers met at the Treasury",
                "Budget squeeze:",
                "Most departments face cuts of a tenth next year.",
            ],
        ),
        (
            "The meeting ran late. Update: The council voted to delay the plan.",
            ["The meeting ran late.", "Update:", "The council voted to delay the plan."],
        ),
        ("Update: The council voted to delay the plan.", None),  # a line's first field, as a form sets it
        ("Update: the council voted to delay the plan.", None),  # lower case: one sentence
        ('He said: "We will appeal against the ruling."', None),  # a clause of saying before a quotation
        ("The reason is simple: The council has no money left.", None),  # a clause with its verb
        ("Mark Okonjo: We are not finished with this case.", None),  # a speaker's tag in a transcript
        ("Council leader Okafor: We are not finished.", None),
        ("The film Going Home: A Story of Return opens today.", None),  # a title, no clause after the colon
        ("With the new Guardians: Rise of the Machines film out, fans queued for hours.", None),
        ("Family day out: We loved every minute of the harbour tour.", None),  # the first person speaks
    ]:
        sentences = expected or [text]
        assert split_sentences(text) == sentences, text
        assert [text[a:b] for a, b in source_spans(text)] == sentences, text
    # a transcript names its speakers on every turn, each on its line: what follows is someone's words
    transcript = "Customer: Sure, that works.\nAgent: The plan costs 40 dollars a month.\nCustomer: Fine. Agent: Done."
    assert "Agent: The plan costs 40 dollars a month." in split_sentences(transcript)
    assert "Agent: The plan costs 40 dollars a month." in [transcript[a:b] for a, b in source_spans(transcript)]


def test_a_control_character_before_a_punctuation_mark_leaves_no_space():
    """Smoke test 43 #11: "strike ended\\f, the operator said" was published as "strike ended , the operator"."""
    assert visible("The strike ended\x0c, the operator said. Workers won a raise\x01.") == (
        "The strike ended, the operator said. Workers won a raise."
    )
    assert visible("Caf\u00e9 strike ended\x85\x0b; talks\x0bresume") == "Caf\u00e9 strike ended; talks resume"


def test_a_numbered_list_run_together_keeps_each_number_with_its_item() -> None:
    """Smoke test 42 #28: a page that loses its line breaks runs each numbered item into the one before ("...
    takes his food very seriously 7. Every juice ..."). Three or more consecutive numbers each before a full stop
    count a list's items: each number opens its item, in both splitters, and is never a word of the item before.
    Quantities that end sentences and do not count up stay where they are."""
    text = (
        "The chef shared some habits 1. She grows her own basil 2. Her knives come from Osaka. "
        "She sharpens them daily 3. She never eats before service. 4. Her day starts at five."
    )
    items = [
        "The chef shared some habits",
        "1. She grows her own basil",
        "2. Her knives come from Osaka.",
        "She sharpens them daily",
        "3. She never eats before service.",
        "4. Her day starts at five.",
    ]
    assert [text[a:b] for a, b in source_spans(text)] == split_sentences(text) == items
    ages = ["The girl was aged 6.", "Her brother was 7.", "They moved to Leeds in 2010."]
    assert [" ".join(ages)[a:b] for a, b in source_spans(" ".join(ages))] == ages


def test_a_clause_with_its_own_subject_run_on_after_a_whole_clause_is_a_new_sentence() -> None:
    """smoke45 F14: captions set without a full stop (present-tense descriptions of the pictured scene) run into
    each other and into the story. Two tensed clauses joined by no punctuation, conjunction or subordinating word,
    the second opening on a capitalised subject after a word a sentence ends on, are two sentences. A clause that
    a verb of saying or believing takes with "that" left out, a subject after a subordinating word or a
    determiner, a name after its title or after a quotation, a relative clause with its "that" left out and one
    name of several capitalised words stay in their sentence."""
    for text, expected in [
        (
            "Berg heads the ball clear during the 2-1 defeat by Dunmore in 2018 Harlow have not lost since.",
            ["Berg heads the ball clear during the 2-1 defeat by Dunmore in 2018", "Harlow have not lost since."],
        ),
        (
            "Shares in Acme rose 5 percent on Monday Investors welcomed the news.",
            ["Shares in Acme rose 5 percent on Monday", "Investors welcomed the news."],
        ),
        ("Police said on Tuesday Smith was arrested in Leeds.", None),  # "that" left out after a verb of saying
        ("When the storm hit Florida Governor Ron DeSantis declared an emergency.", None),  # no main clause before
        ("The minister visited Paris last week and Macron welcomed him.", None),  # a conjunction joins them
        ("The striker who joined from Porto Kevin Smith scored twice.", None),  # a relative clause before
        ("'We are ready,' forward Pedro told reporters.", None),  # a quotation, then its speaker
        ("It was the biggest prize Dunmore Lad has won in his career.", None),  # a relative clause without "that"
        ("He believes the New York Times reports too much.", None),
        ("The company hired former judge Mary Smith last year.", None),
    ]:
        sentences = expected or [text]
        assert split_sentences(text) == sentences, text
        assert [text[a:b] for a, b in source_spans(text)] == sentences, text
