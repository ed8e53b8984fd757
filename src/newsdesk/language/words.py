"""The word lists by what the words do: verbs of saying and the stance they carry, words of polarity and
denial, of certainty and mood, of cause, and the nouns of number. Each list is written once; a reader that needs
part of one takes a named subset of it (``STATEMENT_VERBS``, ``VIEW_VERBS``), never a second list. The names of
people, places and the page itself are in ``names``; the pairs of opposites are in ``opposites``."""

from __future__ import annotations

from typing import Literal

from .stemming import forms

Stance = Literal["support", "criticism", "warning", "neutral"]

# ---------------------------------------------------------------------------------------------- speech

#: Personal pronouns in the subject position: they name a speaker only through the name they stand for.
PERSONAL_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})
#: spaCy's entity types that measure or count ("First day", "Monday", "84"): a capital on such a word is no name.
MEASURE_ENTITIES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})

#: Verbs that report what someone said or holds, by the stance the verb itself carries. A neutral verb's stance is
#: read from the words it introduces (the story map does that). A denial or a rebuttal ("deny", "rebut", "refute")
#: answers an accusation or a criticism: it is the case of the side accused, so in a story that weighs views for
#: and against it stands for what the critic stands against (a company denying that a recall was overdue, a
#: defence rebutting the charges), never neutral.
SPEECH_VERBS: dict[str, Stance] = {
    **dict.fromkeys(
        "welcome praise hail applaud back support endorse celebrate commend laud thank congratulate cheer "
        "deny rebut refute".split(),
        "support",
    ),
    **dict.fromkeys(
        "criticise criticize condemn slam accuse allege denounce reject oppose decry dismiss deride complain "
        "protest lament blame dispute".split(),
        "criticism",
    ),
    **dict.fromkeys("warn caution fear worry".split(), "warning"),
    **dict.fromkeys(
        "say tell add note state announce explain write report claim argue insist suggest acknowledge "
        "admit confirm describe call urge predict estimate ask reply respond recall conclude "
        "observe comment declare stress emphasise emphasize maintain contend promise pledge vow "
        "reveal disclose tweet post echo concede testify believe think".split(),
        "neutral",
    ),
}
#: Verbs of answering a charge: a denial or a rebuttal is the accused side's reply to what was said against it, so
#: it weighs nothing of the matter by itself (Pros and Cons give it only after the charge it answers).
REBUTTAL_VERBS = frozenset("deny rebut refute".split())
#: Verbs whose meaning is an effect on their object, good or bad for it ("save lives", "protect residents" against
#: "hurt businesses", "kill the night economy"). Foreseen by a speaker (under a modal) of what the story's matter
#: will do, they are the speaker's view of it, whatever the verb of saying: a benefit is a view for, a harm a warning.
BENEFIT_VERBS = frozenset("save protect help improve benefit strengthen boost ease revive".split())
HARM_VERBS = frozenset("hurt harm damage kill destroy ruin cripple devastate undermine wreck endanger weaken".split())
#: Verbs whose saying presupposes an earlier one it answers or adds to ("denied", "replied", "disagreed", "added"):
#: told before what it answers, the answer comes first and the charge after it.
ANSWERING_VERBS = REBUTTAL_VERBS | frozenset("reply respond retort counter disagree add".split())
#: Nouns of a document of inquiry ("the survey revealed", "the study found"): what it states is a finding it
#: sources, no one's voice.
FINDING_NOUNS = frozenset("study survey poll research analysis findings data census audit".split())
#: Verbs of holding a view rather than stating one: the checker compares views ("scientists think"), the story map
#: records statements only.
BELIEF_VERBS = frozenset("believe think".split())
STATEMENT_VERBS = frozenset(SPEECH_VERBS) - BELIEF_VERBS
#: The verbs whose subject the checker reads as the speaker of a view: the speech verbs that rarely have anything
#: but a speaker for subject ("the decision backs", "critics call for", "the data posts" are not speech).
VIEW_VERBS = frozenset(
    """
say tell argue warn acknowledge admit claim insist describe echo note declare state announce add believe contend vow
condemn caution concede maintain report conclude explain stress predict accuse deny confirm reject think suggest
write urge criticise criticize slam denounce decry dismiss praise hail applaud welcome lament blame dispute complain
""".split()
)
#: Verbs that report what a person said, never an inference: "the results suggest", "she believes" are readings,
#: not quotations, so only these count when a speaker no source mentions is said to have said something.
REPORTING_VERBS = frozenset(
    """
say tell announce state add insist claim warn urge admit acknowledge confirm deny condemn accuse vow
""".split()
)
assert VIEW_VERBS <= frozenset(SPEECH_VERBS) and REPORTING_VERBS <= VIEW_VERBS
#: Every written form of the reporting verbs ("said", "tells", "admitted"), for reading raw text and parse tokens.
REPORTING_FORMS = frozenset(form for verb in REPORTING_VERBS for form in forms(verb))

# ---------------------------------------------------------------------------------------------- polarity

#: Words that deny what they govern.
NEGATION_WORDS = frozenset("not never no none nobody nothing neither nor cannot without".split())
#: Phrases that deny what follows them: "rather than raise taxes".
NEGATION_PHRASES = ("rather than", "instead of")
#: Verbs and adjectives that deny their complement: "failed to reach", "refused to sign", "unable to pay". The verbs
#: are the negative implicatives (Karttunen 1971): "X declined to comment" entails that X did not comment, so "would
#: not comment" restates it and "commented" contradicts it. Only with "to" do they deny: "sales declined" is a fall.
NEGATING_VERBS = frozenset("fail refuse decline neglect forget".split())
NEGATING_ADJECTIVES = frozenset("unable unwilling".split())
#: Every written form of the negating verbs ("declined", "refuses").
NEGATING_FORMS = frozenset(form for verb in NEGATING_VERBS for form in forms(verb))
#: Frequency words that deny the usual case: "rarely feels isolating" against "can be isolating".
RARE_FREQUENCY = frozenset("rarely seldom hardly scarcely barely".split())
#: Verbs whose speaker holds a clause they govern false: "denied that X", "dismissed claims that X".
DENIAL_VERBS = frozenset("deny refute dismiss reject rebut debunk disprove".split())
#: Every written form of the verbs of denial ("denied", "rejects").
DENIAL_FORMS = frozenset(form for verb in DENIAL_VERBS for form in forms(verb))
#: Predicates that call what they are said of false ("claims that X were false"), and the ones that do so negated
#: ("It is not true that X").
FALSITY_ADJECTIVES = frozenset("false untrue baseless unfounded groundless incorrect fabricated bogus".split())
TRUTH_ADJECTIVES = frozenset("true correct accurate".split())
#: Nouns that carry a proposition someone put forward, not one the writer vouches for: "claims that X". "Charge" is
#: here in its sense of an accusation ("repeated his charge that the ministry ignored warnings"); with a that-clause
#: it has no other.
CLAIM_NOUNS = frozenset(
    "claim allegation accusation charge rumour rumor report suggestion speculation suspicion".split()
)


# ---------------------------------------------------------------------------------------------- certainty

#: The modals of possibility: what they govern may be so, and is not stated.
EPISTEMIC_MODALS = frozenset("may might could".split())
#: Adverbs that hedge: the writer or the source does not vouch for what follows.
HEDGE_ADVERBS = frozenset("reportedly allegedly purportedly apparently possibly probably perhaps likely".split())
#: Verbs of supposing: what they govern is a view, not an established fact.
HEDGE_VERBS = frozenset("appear seem suggest think believe fear suspect".split())
#: Verbs of attitude whose clause is not asserted (non-factive): "she hopes the plant will reopen" says nothing of
#: the plant. Verbs of saying are not among them: "the company said profits rose" reports the company's statement.
NONFACTIVE_VERBS = HEDGE_VERBS | frozenset("hope expect wish doubt imagine guess assume suppose speculate".split())
#: Nouns of attitude and chance: the clause such a noun governs is its content, a view, a fear or a possibility, not
#: a fact the sentence states ("there were concerns the nation would default" says nothing of a default).
ATTITUDE_NOUNS = CLAIM_NOUNS | frozenset(
    "fear concern worry hope expectation doubt belief possibility risk prospect chance danger threat likelihood".split()
)
#: What forecasts an event rather than allows it: a future modal, an intention, an expectation. A writer's "will"
#: restates a forecast; it does not restate a possibility, a fear, a hope or a condition.
FORECAST_WORDS = frozenset("will would shall 'll wo expect expectation".split())
#: Verbs of saying by which a writer reports a statement as the speaker's contested assertion, not as a fact the
#: writer vouches for: "the lawsuit claims OpenAI removed safeguards" leaves open whether it did.
CONTESTED_SAYING_VERBS = frozenset("claim allege accuse contend".split())
#: Verbs whose clause the writer does not vouch for: a view, a hope, a claim or an allegation.
UNVOUCHED_VERBS = NONFACTIVE_VERBS | CONTESTED_SAYING_VERBS
#: Adverbs of probability: a speaker's own estimate of how likely what they say is, and so part of what they said
#: ("Greece would probably not pay"), unlike the adverbs of hearsay ("reportedly"), which are the reporter's.
PROBABILITY_ADVERBS = frozenset("possibly probably perhaps likely maybe presumably".split())
#: Adverbs of hearsay and guesswork beyond the hedges above: the writer does not vouch for what follows.
EVIDENTIAL_ADVERBS = HEDGE_ADVERBS | frozenset("maybe seemingly supposedly presumably".split())
#: Adverbs of gradual change: an event so told has happened as far as it has gone ("is increasingly exposing" the
#: wealth has exposed some of it), so its perfect with the same adverb is true.
GRADUAL_ADVERBS = frozenset(
    "increasingly gradually steadily progressively slowly incrementally partly partially".split()
)
#: Kinship terms, a closed class of relational nouns: "his brother" is always someone other than "him", so "his
#: brother's name" is not his name.
KINSHIP_NOUNS = frozenset(
    """
brother sister mother father son daughter wife husband uncle aunt cousin nephew niece grandson granddaughter
grandfather grandmother grandchild grandparent parent child sibling stepson stepdaughter stepfather stepmother
partner fiance fiancee widow widower in-law
""".split()
)
#: Determiners that pick out a known thing: the definite article and the demonstratives ("the board", "those
#: plans"), as against a quantifier ("some", "many") or a bare noun.
DEFINITE_DETERMINERS = frozenset("the this that these those".split())
#: Adjectives that make a charge or a guess of what they describe: "the alleged gunman" is not the gunman.
QUALIFYING_ADJECTIVES = frozenset("alleged suspected possible potential apparent presumed purported probable".split())
#: Verbs of intending, attempting and promising with a to-infinitive: "plans to build" has built nothing, and
#: "will build" says more than the plan.
INTENTION_VERBS = frozenset("plan intend aim hope seek want propose try attempt threaten vow pledge promise".split())
#: Predicates after "is" / "are" with a to-infinitive that forecast rather than state: "is expected to open".
EXPECTATION_PREDICATES = frozenset(
    "expected set likely due scheduled poised slated predicted forecast projected".split()
)
#: Passive verbs of report and belief with a to-infinitive: "is said to be", "are thought to have": hearsay.
HEARSAY_PARTICIPLES = frozenset("said thought believed reported understood alleged rumoured rumored feared".split())

#: Units of the calendar and the clock: "this week", "these days" name a time from the present of the writing.
TIME_UNITS = frozenset(
    "morning afternoon evening night day days week weeks weekend month months year years season spring summer "
    "autumn fall winter quarter decade century".split()
)

# ---------------------------------------------------------------------------------------------- mood

#: The periphrastic futures of English, by the word before their "to": "is going to sign", "is about to retire".
FUTURE_PERIPHRASES = frozenset("going about".split())
#: Verbs of deliberating: their complement is an option weighed, not taken ("is considering selling the club").
DELIBERATION_VERBS = frozenset("consider contemplate weigh ponder mull debate explore".split())
#: Nouns of tradition and hearsay in the frame "X has it" ("legend has it", "rumour has it"): the clause the frame
#: governs is told, not vouched for.
HEARSAY_NOUNS = frozenset("legend rumour rumor tradition lore word myth folklore story".split())
#: Verbs that settle a matter: what they govern is stated as settled, a future included ("has confirmed that he
#: will ride" states the ride as decided).
SETTLING_VERBS = frozenset("confirm decide agree finalise finalize guarantee".split())
#: Verbs of verification. They are factive and vouch: "officials confirmed that 21 died" asserts that 21 died and
#: that the officials stand behind it. Negated ("could not be confirmed", "has not verified") they say that nobody
#: has vouched for what they govern, which is then a report, not an established fact.
VERIFYING_VERBS = frozenset("confirm verify corroborate substantiate prove".split())
#: Adjectives that say of a report that nobody has vouched for it ("unconfirmed reports that ...").
UNVOUCHED_ADJECTIVES = frozenset("unconfirmed unverified uncorroborated unsubstantiated unproven".split())

# ---------------------------------------------------------------------------------------------- cause

#: Connectives and verbs that say one fact brought about another.
CAUSAL_CONNECTIVES = (
    "because",
    "because of",
    "due to",
    "as a result",
    "as a result of",
    "owing to",
    "thanks to",
    "so that",
    "therefore",
    "thus",
    "hence",
    "consequently",
    "which led to",
    "after which",
    "in response to",
    "in retaliation for",
    "caused by",
    "triggered by",
    "prompted by",
    "led to",
    "leads to",
    "lead to",
    "leading to",
    "resulted in",
    "results in",
    "result in",
)
#: Verbs that say so alone ("lead" and "result" only with "to" and "in": the connectives above carry those; "force"
#: and "drive" are nouns and plain motion as often).
CAUSAL_VERBS = frozenset("cause prompt trigger spark".split())
#: Nouns that name the explanation of an event: "the cause of the collapse", "the reason for the delay".
EXPLANATION_NOUNS = frozenset("cause reason origin motive trigger explanation".split())
#: Adjectives that say a thing is not known: "the cause is unclear".
IGNORANCE_ADJECTIVES = frozenset("unknown unclear uncertain unexplained undetermined unconfirmed mysterious".split())
#: Nouns and verbs of an inquiry under way: "under investigation", "investigators are examining why".
INQUIRY_NOUNS = frozenset("investigation inquiry enquiry review probe examination scrutiny".split())
INQUIRY_VERBS = frozenset("investigate probe examine study review".split())
#: Verbs of knowing, finding out and telling: negated, they leave what they govern open ("has not been determined",
#: "police have not said what caused it").
KNOWING_VERBS = frozenset("know determine establish confirm explain say disclose reveal identify".split())

#: Nouns of number, in the plural, by the power of ten they stand for: they open a quantity ("millions of
#: motorists", "tens of thousands"), an order of magnitude rather than a figure.
NUMBER_NOUNS = {"dozens": 1, "scores": 1, "tens": 1, "hundreds": 2, "thousands": 3, "millions": 6, "billions": 9}

# Comparative bounds before a figure: which side of the figure the value lies on. "more than 40,000" says the value
# exceeds 40,000, "nearly 40,000" that it falls short of it; "about", "some" and "around" give no side.
LOWER_BOUND_PHRASES = (
    "more than",
    "over",
    "above",
    "at least",
    "upwards of",
    "in excess of",
    "greater than",
    "higher than",
    "exceeding",
)
UPPER_BOUND_PHRASES = (
    "less than",
    "fewer than",
    "under",
    "below",
    "at most",
    "up to",
    "no more than",
    "nearly",
    "almost",
    "just under",
)

# Verbs by which a teller withdraws what was told and puts something else in its place ("later corrected that
# figure", "revised it"): what they take up was told wrongly.
CORRECTION_VERBS = frozenset("correct revise retract withdraw amend".split())
# Words by which a sentence tells a figure as an earlier, withdrawn one ("an earlier report put it at 32").
EARLIER_WORDS = frozenset("earlier initially originally first previously previous initial original".split())
