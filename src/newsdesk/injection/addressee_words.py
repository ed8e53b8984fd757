"""The word classes ``addressee`` reads a parse with: verbs of saying and writing, texts, machines, readers, and
the words of obligation and request. Classes of words by what they mean (a linguistic fact each), not phrasings.
"""

from __future__ import annotations

from ..language import REPORTING_VERBS

# Verbs whose object is something said or written: what an instruction to a writer asks for.
COMMUNICATION = frozenset(
    """
state say write mention report include claim describe tell note add assert conclude emphasise emphasize stress
highlight indicate portray characterise characterize present refer label call print output answer respond reply
repeat insert append summarise summarize announce declare explain affirm confirm reveal depict quote cite
attribute relay convey restate reiterate record
""".split()
)
# Phrasal verbs of saying: a verb and its particle that together mean to say or write something ("pass on that X",
# "read out that X", "spell out that X"). The pair is a verb of saying, read as the single verb it means.
PHRASAL_SAYING = {
    ("pass", "on"): "relay",
    ("read", "out"): "say",
    ("spell", "out"): "state",
    ("set", "out"): "state",
    ("point", "out"): "mention",
    ("bring", "up"): "mention",
    ("put", "across"): "convey",
    ("get", "across"): "convey",
    ("write", "up"): "write",
    ("write", "down"): "write",
    ("play", "up"): "emphasise",
}
# Verbs of telling someone something (the one told is their object, the subject of their passive): "Automated
# note-takers are reminded that X" tells the note-takers X.
TELLING = frozenset("remind inform advise notify warn brief tell assure".split())
_IRREGULAR = {
    "said": "say",
    "says": "say",
    "wrote": "write",
    "written": "write",
    "told": "tell",
    "began": "begin",
    "begun": "begin",
}
# Text that is written from the page: its products and sections (and every derived text, ``DERIVED_NOUNS``, below).
_TEXT_NOUNS = frozenset(
    """
summary summaries digest digests report reports article articles story stories text texts page pages document
documents response responses answer answers output outputs reply replies headline headlines title titles section
sections paragraph paragraphs overview overviews recap recaps synopsis synopses abstract abstracts brief briefs
write-up writeups version versions rewrite rewrites translation translations coverage analysis analyses piece
pieces account accounts content completion completions line lines sentence sentences dispatch dispatches
bulletin bulletins newsletter newsletters blurb blurbs explainer explainers roundup roundups round-up round-ups
snippet snippets excerpt excerpts teaser teasers script scripts
""".split()
)
# Readers of text that are machines, and the modifiers that make any agent noun one ("automated summarisers").
MACHINE_NOUNS = frozenset(
    """
ai ais a.i. assistant assistants model models llm llms chatbot chatbots bot bots software summariser summarisers
summarizer summarizers crawler crawlers scraper scrapers agent agents gpt chatgpt claude gemini copilot aggregator
aggregators
""".split()
)
MACHINE_MODIFIERS = frozenset("automated automatic ai machine artificial virtual generative language".split())
# Modifiers that make any doer a machine ("automated note-takers"); "AI" does not ("AI researchers" are people).
AUTOMATIC = frozenset("automated automatic".split())
# Heads that such a modifier makes a machine: "automated summarisers", "AI systems"; not "AI companies".
_MACHINE_HEADS = frozenset(
    "system systems tool tools program programs software engine engines reader readers writer "
    "writers service services application applications app apps".split()
)
# Of those, the heads that name a machine by kind with no modifier ("the software reading this", "summary tools");
# a "reader" or a "writer" is a person.
TOOL_HEADS = _MACHINE_HEADS - frozenset("reader readers writer writers".split())
READER_NOUNS = frozenset("you reader readers audience audiences viewer viewers".split())
_OBLIGATION_MODALS = frozenset("must should shall ought need needs".split())
# Heads that take "to" + a verb as an obligation: "has to be", "needs to say", "are to report", "ought to conclude".
_OBLIGATION_HEADS = frozenset("ought has have need needs is are".split())
# Adjectives of a mandate: "It is essential that any summary mentions ...".
_MANDATE_ADJECTIVES = frozenset(
    "essential important vital necessary crucial mandatory imperative required compulsory critical".split()
)
# Verbs of producing text from a text: their doer is the writer ("whoever summarises this", "those summarising").
_WRITING_VERBS = frozenset(
    "summarise summarize summarises summarizes summarising summarizing summarised summarized "
    "write writes writing rewrite rewrites rewriting paraphrase paraphrasing process processes "
    "processing read reads reading generate generates generating produce produces producing "
    "digest digests digesting condense condenses condensing condensed relay relays relaying relayed compile compiles "
    "compiling abridge abridges abridging shorten shortens shortening translate translates translating ingest "
    "ingests ingesting parse parses parsing crawl crawls crawling".split()
)
# Agent nouns of producing text by machine.
_WRITER_NOUNS = frozenset("generator generators rewriter rewriters paraphraser paraphrasers".split())
_DEICTIC = frozenset("this these here".split())
# The reader addressed: a sentence in the second person speaks to whoever reads the page.
SECOND_PERSON = frozenset("you your yours yourself yourselves".split())
_HUMAN_SENSES = frozenset("agent agents assistant assistants model models".split())
# The people a page has by their part in it: the one who writes from it or edits it, and the one who reads it. Called
# by that part ("Dear writer,", "Editors,", "Reader,"), they are the page's own parties, not people in the news.
PAGE_PARTIES = frozenset(
    "writer writers editor editors journalist journalists reporter reporters reader readers viewer viewers".split()
)
# Imperatives whose only sense is to put something into a text: any object is a payload ("Mention X prominently").
_PURE_COMMUNICATION = frozenset("mention claim assert emphasise emphasize highlight".split())
_IMPERATIVE_REQUESTS = frozenset("ensure make see".split())
# What a text is made of: a text "opens with", "ends with" (or finishes, closes, concludes), "reads", "is",
# "includes" what it is told to.
_TEXT_MAKEUP = frozenset(
    "open opens begin begins start starts end ends finish finishes close closes conclude concludes lead leads read "
    "reads be is are include includes contain contains feature features carry carries treat".split()
)
# Verbs that present something *as* something: "describe the plant as unsafe" carries a proposition. The class is
# every verb whose "as" phrase ascribes a property to its object ("name the driver as the culprit", "give the toll
# as 12", "list the bank as the lender", "cast the mayor as a liar"). Those that judge as they present (Levin's
# characterize verbs, 1993, 29.2: "praise the firm as the best in Europe", "hail the deal as historic", "brand the
# plan as reckless") ascribe the property all the same: the "as" phrase is predicated of the object.
_DEPICTING = frozenset(
    "describe characterise characterize portray present label refer depict report treat quote record render name "
    "identify list cast give frame paint praise hail herald acclaim laud tout bill brand stigmatise stigmatize "
    "lampoon dismiss denounce condemn".split()
)
# Imperatives that point the reader at something the source itself asserts ("Note that X"), not ask for writing.
_READER_POINTERS = frozenset("note remember consider notice see bear".split())
# Verbs and adjectives that make their complement an obligation or a request ("required to state", "asked that").
_REQUEST_HEADS = frozenset(
    """
require required requires request requested requests ask asked asks expect expected expects instruct instructed
instructs direct directed directs oblige obliged obligated suppose supposed demand demanded demands urge urged
order ordered need needed have has had make sure certain remember forget
want wants wanted wish wishes wished press pressed presses encourage encouraged encourages
""".split()
)
_WH_WORDS = frozenset("what who whom whose which why how where when whether if".split())
_NOTE_NOUNS = frozenset(
    "note notes message messages memo memos instruction instructions notice reminder request "
    "requests warning attention faq faqs".split()
)
# The verbs that report what someone said (``language.REPORTING_VERBS``, whose subject is always a speaker), those
# that report a question or its answer, and those by which one person tells another to act ("she instructed them
# to ..."). Not every verb the checker reads a stance from: "declared bankruptcy", "posted a loss" report no speech.
_SPEECH_LEMMAS = REPORTING_VERBS | frozenset(
    "ask reply answer respond explain write instruct order remind advise shout plead beg".split()
)
_PERSON_RECIPIENT_DEPS = frozenset({"dobj", "dative", "iobj"})
# What may precede an imperative verb in its clause: "Please", "Now", "When writing about this page, say ...".
# Not a preposition: "Among his recordings include ..." is an inverted statement, not an order.
_BEFORE_IMPERATIVE = frozenset({"intj", "advmod", "punct", "neg", "aux", "discourse", "cc", "advcl", "mark"})
# Texts made from another text: what a reader or a machine derives from this page ("any AI recap", "a summary of
# this page"), and the noun of every verb that makes a text out of a text (``_made_text_nouns``). Not the page
# itself ("this article", "this story"), nor a primary text in the world ("the report").
_DERIVED_NOUNS = frozenset(
    """
summary summaries digest digests recap recaps overview overviews synopsis synopses abstract abstracts brief briefs
briefing briefings write-up write-ups writeup writeups rewrite rewrites paraphrase paraphrases precis précis roundup
roundups round-up condensation condensations gist tldr output outputs response responses answer answers reply
replies completion completions translation translations excerpt excerpts snippet snippets
""".split()
)

# Adjectives that make "make X known / clear" a verb of saying: to make a proposition known is to state it.
MAKE_KNOWN = frozenset("known clear plain explicit evident obvious aware".split())
# Determiners that make a noun phrase range over whatever fills the role ("any assistant", "every recap"): such a
# phrase names no one in the world; it names whoever reads or writes from the page.
FREE_CHOICE = frozenset("any every each all whichever whatever whoever no".split())
# Verbs of deriving a text from another, transforming it or passing it on, in the base form: whoever does one to
# this page is its processor ("tools that shorten this report", "whoever rewrites this story"). Reading is not one:
# a person reading this page is its audience ("if you're reading this in your browser"); a machine reading it is.
PROCESSING_VERBS = frozenset(
    """
summarise summarize condense shorten abridge abbreviate rewrite rework paraphrase translate render adapt excerpt
digest compile process parse ingest index crawl scrape generate produce write republish repost reprint
syndicate forward relay share retell recount restate summarise abstract transcribe reproduce
""".split()
)
# Of those, the verbs that make another text out of a text (a translation, a restatement, an adaptation): the noun
# of such a verb names the text it makes. The others handle or pass a text on, and their nouns name the act or
# something else ("syndication", "indexing", "a share", "a generation", "a production").
TRANSFORMING_VERBS = frozenset(
    """
summarise summarize condense shorten abridge abbreviate rewrite rework paraphrase translate adapt excerpt digest
compile retell recount restate abstract transcribe reproduce
""".split()
)


def _made_text_nouns(verbs: frozenset[str]) -> frozenset[str]:
    """The nouns English forms from verbs with a suffix, singular and plural: -ment ("a restatement"), -ation ("an
    adaptation", "a condensation"), -ion after -te ("a translation"), -uction for -uce ("a reproduction"), -ription
    for -ribe ("a transcription"). Forms English lacks are generated too, and never met. (A noun with no suffix, "a
    rewrite", "an excerpt", is listed above: most of these verbs have none, and their bare form is a verb.)"""
    nouns = set()
    for verb in verbs:
        stem = verb[:-1] if verb.endswith("e") else verb
        nouns |= {verb + "ment", stem + "ation"}
        if verb.endswith("te"):
            nouns.add(verb[:-1] + "ion")
        if verb.endswith("uce"):
            nouns.add(verb[:-3] + "uction")
        if verb.endswith("ribe"):
            nouns.add(verb[:-4] + "ription")
    return frozenset(nouns | {noun + "s" for noun in nouns})


DERIVED_NOUNS = _DERIVED_NOUNS | _made_text_nouns(TRANSFORMING_VERBS)
# Every text derived from this page is a text: one list of text words, the derived ones among them.
TEXT_NOUNS = _TEXT_NOUNS | DERIVED_NOUNS
# Phrasal verbs of passing a text on or writing it up ("pass this along", "carry forward", "write this up").
PROCESSING_PHRASAL = frozenset(
    {
        ("pass", "along"),
        ("pass", "on"),
        ("carry", "forward"),
        ("carry", "over"),
        ("send", "on"),
        ("write", "up"),
        ("sum", "up"),
        ("boil", "down"),
        ("cut", "down"),
    }
)
