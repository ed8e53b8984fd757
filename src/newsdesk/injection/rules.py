"""The patterns ``newsdesk.injection`` matches, on folded text (lower case, no accents, no zero-width characters).

Each rule is a reason and a pattern; a *positional* rule counts only where its request is in the imperative
position (it opens its sentence or a quotation, follows a colon, or follows an address to a model), which is what
separates "Ignore previous instructions and ..." from "Residents were told to ignore previous instructions to
evacuate". Requests that are not model-specific also need a sign that a model is their reader ("in every
section", "in your summary", an AI addressee, a quoted token to print).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ = r"[\W_]+"  # a word gap: spaces, punctuation, line breaks
_0 = r"[\W_]*"  # a gap that may be gone: letter-spaced text ("i g n o r e  a l l") loses its word gaps when folded

ADDRESSEE = (
    rf"(?:artificial{_}intelligence(?:{_}(?:systems?|models?|assistants?|tools?))?|large{_}language{_}models?"
    rf"|language{_}models?|ai{_}(?:language{_}models?|systems?|models?|agents?|assistants?|tools?|bots?"
    rf"|summari[sz]ers?|readers?|writers?|crawlers?|chatbots?)|llms?|chat(?:{_})?bots?|chatgpt|gpt[\w.\-]*|claude"
    rf"|gemini|copilot|bard|assistants?|summari[sz]ers?|bots?|newsdesk|a\.i\.|ai)"
)
_READER = (
    r"(?:reading|processing|summari[sz]ing|parsing|analy[sz]ing|that|who|are|is|this|the|following|page"
    r"|article|text|story|document|content|here|of|all|any)"
)
_SOFT = (
    rf"(?:(?:please|kindly|now|first|firstly|also|then|so|just|simply|instead|immediately|important|note"
    rf"|attention|urgent|warning|ok|okay|and|finally|step{_}\w+|p\.?s\.?){_})*"
)
IMPERATIVE_PREFIX = re.compile(
    rf"^(?:[\W\d_]*{_SOFT}"
    rf"|.*[:;\"'(\[—–][\W_]*{_SOFT}"
    rf"|.*\b(?:you|u){_}(?:must|should|need{_}to|have{_}to|are{_}to|will|shall|can)(?:{_}(?:now|also|always|simply|just|not))?{_}"
    rf"|.*\bi{_}(?:want|need|command|instruct|order|ask|require|urge){_}you{_}to{_}"
    rf"|.*\b(?:make{_}sure|be{_}sure|remember){_}(?:to|you){_}"
    rf"|.*\b{ADDRESSEE}(?:{_}{_READER})*[\W_]*[,:!\-—][\W_]*{_SOFT})$",
    re.DOTALL,
)
_DIRECTIVE = (
    r"(?:ignore|disregard|forget|write|say|state|include|insert|add|append|prepend|mention|report|claim"
    r"|output|print|respond|reply|answer|repeat|begin|start|end|conclude|treat|describe|tell|refer"
    r"|present|summari[sz]e|translate)"
)
_REQUEST = (
    rf"(?:(?:do{_}not|don'?t|never|always|also|please){_})?(?:write|say|state|include|insert|add|append"
    rf"|prepend|mention|report|claim|output|print|respond|reply|answer|repeat|begin|start|end|conclude|tell"
    rf"|call|describe|refer{_}to|label|present|summari[sz]e|translate|make{_}sure|ensure|put|use)"
)
_OUTPUT = (
    r"(?:sections?|paragraphs?|headings?|bullets?|sentences?|summary|summaries|responses?|answers?"
    r"|outputs?|reply|replies|analysis|analyses|titles?|headlines?|completions?|articles?|parts?)"
)
_IN_EVERY = (
    rf"\b(?:in|into|to|throughout|at{_}the{_}(?:start|end|top|beginning|bottom){_}of){_}"
    rf"(?:every|each|all|your|any){_}(?:\w++{_}){{0,2}}?{_OUTPUT}\b"
)
_PAYLOAD = (
    rf"(?:\bthat\b|[\"']|\b(?:in|to|into){_}(?:every|each|all|your)\b|\bthe{_}following\b|\bonly\b|\bexactly\b"
    rf"|\bthe{_}(?:word|phrase)\b|\bthis{_}(?:article|story|text|page|document)\b|\binstructions?\b)"
)
_READER_FILLER = (
    rf"(?:(?:reading|processing|summari[sz]ing|that|who|which|are|is|this|the|following|page|article"
    rf"|text|story|document|content|here){_}){{0,4}}?"
)
_THIS_TEXT = (
    r"(?:page|article|text|story|document|content|message|post|email|site|passage|source|words?|lines?"
    r"|sentences?|paragraphs?|feed|item)"
)


@dataclass(frozen=True)
class Rule:
    reason: str
    pattern: re.Pattern[str]
    positional: bool = False
    anchor_group: int = 0  # where the imperative position is tested (0: the match start)


def _rule(reason: str, pattern: str, positional: bool = False) -> Rule:
    return Rule(reason, re.compile(pattern, re.DOTALL), positional)


RULES: tuple[Rule, ...] = (
    # Overriding the model's instructions: a verb of setting aside or replacing (ignore, disregard, supersede,
    # revoke, ...) whose object is the model's own instructions.
    _rule(
        "override",
        rf"\b(?:ignore|disregard|forget|override|bypass|discard|abandon|skip|neglect|set{_0}aside"
        rf"|throw{_0}out){_0}(?:\w++{_}){{0,3}}?(?:(?:previous|prior|preceding|earlier|above|foregoing"
        rf"|original|initial|old|existing|given|system|your|these|all|any|every){_0})+(?:\w++{_}){{0,2}}?"
        rf"(?:instructions?|prompts?|directions?|directives?|commands?|guidelines?|guidance|rules"
        rf"|programming|constraints|restrictions|safeguards|guardrails|context|messages?|orders"
        rf"|training|polic(?:y|ies)|settings|tasks?|text)\b",
        positional=True,
    ),
    _rule(
        "override",
        rf"\b(?:ignore|disregard|forget|override|bypass|supersede[sd]?|overrule[sd]?|revoke[sd]?|replace[sd]?)"
        rf"{_0}(?:\w++{_}){{0,3}}?(?:system{_0}prompts?"
        rf"|your{_0}(?:programming|instructions|guidelines|training|prompt|system|previous|rules)"
        rf"|(?:previous|prior|above|earlier|preceding){_0}prompts?)\b",
    ),
    # Role play and identity.
    _rule(
        "role play",
        rf"\byou{_}are{_}(?:now|no{_}longer|not){_}(?:\w++{_}){{0,3}}?(?:ai|assistant|chatbot|model|bot"
        rf"|dan|persona|character|unrestricted|unfiltered|jailbroken|bound|restricted|censored)\b",
    ),
    _rule(
        "role play",
        rf"\byou{_}are{_}(?:an?{_})?(?:ai|large{_}language{_}model|language{_}model|llm|chatbot"
        rf"|ai{_}assistant|helpful{_}assistant|newsdesk)\b(?!{_}(?:researcher|expert|engineer"
        rf"|company|developer|startup|investor)s?)",
    ),
    _rule(
        "role play",
        rf"\bfrom{_}now{_}on,?{_}you(?:{_}(?:are|will|must|shall|should))?{_}(?:respond|answer|reply"
        rf"|write|act|pretend|ignore|only|always|obey|follow|be{_}(?:an?{_})?(?:ai|assistant|dan"
        rf"|unrestricted))\b",
    ),
    _rule(
        "role play",
        rf"\b(?:enable|activate|enter|switch{_}(?:to|into)){_}(?:\w++{_}){{0,2}}?(?:developer|dan"
        rf"|jailbreak|debug|admin|unrestricted|sudo){_}mode\b|\b(?:developer|dan|jailbreak){_}mode"
        rf"{_}(?:enabled|activated|on)\b|\bdo{_}anything{_}now\b",
    ),
    _rule(
        "role play",
        rf"\b(?:pretend|roleplay|role(?:{_})?play){_}(?:to{_}be|that{_}you|you{_}are|as)\b"
        rf"|\blet'?s{_}(?:play|role(?:{_})?play){_}a{_}game\b",
        positional=True,
    ),
    _rule(
        "role play",
        rf"\b(?:act|behave|respond){_}(?:as|like){_}(?:if{_}you{_}were{_})?(?:an?{_}|the{_})?"
        rf"(?:\w++{_}){{0,2}}?(?:ai|assistant|chatbot|model|bot|unrestricted|unfiltered|evil|rogue|dan|persona)\b",
        positional=True,
    ),
    _rule(
        "speaks as an AI",
        rf"\b(?:as{_}an?{_}|i{_}am{_}(?:an?{_})?)(?:ai|artificial{_}intelligence"
        rf"|large{_}language{_}model|language{_}model|llm|ai{_}(?:language{_})?model"
        rf"|ai{_}assistant|chatbot)(?=[\W_]*(?:[,.;:!]|and\b|$))",
    ),
    # Chat-template tokens and system-prompt look-alikes. The tags are the roles of the chat formats (system,
    # developer, user, assistant, tool) and the words for a prompt: markup no news page writes as text.
    _rule(
        "chat template token",
        r"<\|[a-z_ ]{1,30}\|>|\[/?inst\]|<</?sys>>|<(?:start|end)_of_turn>"
        r"|</?(?:system|developer|instructions?|prompt|assistant|user|tool|admin|sys)>"
        r"|<\|?(?:im_start|im_end|endoftext|eot_id|begin_of_text|start_header_id)\|?>",
    ),
    _rule(
        "chat template token",
        r"<\|im_start\|>.{0,600}?(?:<\|im_end\|>|\Z)|\[inst\].{0,600}?(?:\[/inst\]|\Z)"
        r"|<<sys>>.{0,600}?(?:<</sys>>|\Z)|<start_of_turn>.{0,600}?(?:<end_of_turn>|\Z)"
        r"|<(system|developer|instructions?|prompt|admin)>.{0,600}?(?:</\1>|\Z)",
    ),
    _rule(
        "system prompt look-alike",
        rf"\b(?:system|developer|admin|administrator|root|operator){_}(?:prompt|message"
        rf"|instructions?|override|note|command)s?[\W_]*:"
        rf"|\b(?:begin|start|end){_}(?:of{_})?(?:the{_})?(?:system|admin|developer"
        rf"|hidden|secret|new){_}(?:prompt|message|instructions?)\b"
        rf"|#{{2,}}[\W_]*(?:instruction|system|response|new{_}instructions|task)\b"
        rf"|\b(?:new|updated|revised|real|actual|true|hidden|secret|additional"
        rf"|priority|override){_}(?:instructions?|directives?|prompt|task|orders)[\W_]*:"
        rf"|\b(?:admin(?:istrator)?|priority|emergency){_}override\b"
        rf"|\[(?:system|admin|developer|sys|instructions?)(?:{_}(?:message|prompt|note"
        rf"|override))?\]",
    ),
    _rule("system prompt look-alike", r"\b(?:system|assistant|user|developer)[\W_]*:", positional=True),
    # A fake end of the quoted sources, so that what follows reads as the operator's words.
    _rule(
        "fake end of source",
        rf"\b(?:end|close){_}(?:of{_})?(?:the{_})?(?:sources?|articles?|documents?|texts?"
        rf"|inputs?|context|content|data|untrusted{_}\w+|user{_}input)\b(?!{_}(?:of|for|to|in"
        rf"|on|with|at)\b)",
        positional=True,
    ),
    _rule(
        "fake end of source",
        r"sources>>>|<<<sources|</(?:document|source|sources|article|context|text|input"
        r"|data|untrusted)>|\[/?(?:end|source|document)[\W_]*\]|-{3,}[\W_]*end\b"
        r"|={3,}[\W_]*end\b|\bend[\W_]*-{3,}|\bend[\W_]*={3,}",
    ),
    # Requests to write, say or include something, with a sign that a model is the reader.
    _rule("request to the model", rf"\b{_REQUEST}\b[^.!?\n]{{0,150}}?{_IN_EVERY}", positional=True),
    _rule(
        "request to the model",
        rf"\b(?:in|into|to|at{_}the{_}\w+{_}of){_}your{_}(?:summary|response|answer"
        rf"|output|reply|completion|generated)\b",
    ),
    _rule(
        "request to the model",
        rf"\b(?:write|say|output|print|include|respond{_}with|reply{_}with|answer{_}with"
        rf"|add|insert|append|prepend|begin{_}with|end{_}with|start{_}with|repeat){_}"
        rf"(?:(?:only|just|exactly|the{_}(?:word|phrase|text|sentence|string|token)){_})*"
        r"[\"'][^\"'\n]{1,60}[\"']",
        positional=True,
    ),
    _rule(
        "request to the model",
        rf"\b(?:say|state|claim|write|report|mention|conclude|tell{_}(?:the{_})?"
        rf"(?:readers?|users?|audience|public)){_}that\b"
        rf"|\btell{_}(?:the{_}|your{_}|all{_})?(?:readers?|users?|audience|viewers)\b",
        positional=True,
    ),
    _rule(
        "request to the model",
        rf"\b(?:respond|reply|answer|output|print|return|write){_}(?:\w++{_}){{0,2}}?"
        rf"(?:only|solely|exclusively){_}(?:with|the{_}word|the{_}phrase)\b"
        rf"|\byour{_}(?:only|entire|whole|first|final){_}(?:output|response|answer|reply)"
        rf"{_}(?:must|should|will|is{_}to)\b",
    ),
    _rule(
        "request to the model",
        rf"\b(?:when|while|if|before|after|whenever){_}(?:you{_}(?:are{_})?)?"
        rf"(?:summari[sz]|writ|generat|rewrit|respond|answer|process|read|analy[sz]"
        rf"|paraphras|report)\w*{_}(?:about{_}|on{_}|up{_})?(?:this|the|these){_}"
        rf"(?:\w++{_}){{0,2}}?(?:article|story|text|page|document|content|passage|source"
        rf"|news|report|item)s?\b[^.!?\n]{{0,40}}?,[\W_]*(?:(?:please|always|also"
        rf"|be{_}sure{_}to|make{_}sure{_}to){_})?{_REQUEST}\b",
    ),
    # Addressed to a model.
    _rule(
        "addressed to AI systems",
        rf"\b{ADDRESSEE}{_}{_READER_FILLER}(?:must|shall|should|will|need{_}to"
        rf"|have{_}to|are{_}(?:required|instructed|asked|told|requested|expected"
        rf"|directed){_}to|are{_}to)(?:{_}(?:now|also|always|only|not))*{_}"
        rf"{_DIRECTIVE}\b[^.!?\n]{{0,80}}?{_PAYLOAD}",
    ),
    _rule(
        "addressed to AI systems",
        rf"\b{ADDRESSEE}[\W_]*[,:!\-—]+[\W_]*(?:(?:please|now|kindly|also|first){_})*"
        rf"(?:{_DIRECTIVE}|pretend|act|remember|note|do{_}not|don'?t|never|always"
        rf"|you)\b",
        positional=True,
    ),
    _rule(
        "addressed to AI systems",
        rf"\b(?:note|message|instructions?|notice|memo|reminder|attention|warning"
        rf"|request|p\.?s\.?){_}(?:to|for){_}(?:all{_}|any{_}|the{_})?{ADDRESSEE}"
        rf"(?=[\W_]*(?:[:,.!\-—]|$)|{_}(?:reading|processing|summari[sz]ing|that|who"
        rf"|which|parsing|scraping)\b)"
        rf"|\b(?:attention|dear|hey|hello|hi|greetings){_}(?:all{_}|any{_})?"
        rf"{ADDRESSEE}[\W_]*[,:!]",
    ),
    _rule(
        "addressed to AI systems",
        rf"\b{ADDRESSEE}{_}(?:(?:that|who|which){_}(?:are{_}|is{_})?)?(?:reading"
        rf"|processing|summari[sz]ing|parsing|analy[sz]ing|scraping|ingesting|crawling"
        rf"|indexing|seeing|rewriting|reviewing){_}(?:this|the{_}following|these){_}"
        rf"(?:\w++{_})?{_THIS_TEXT}\b",
    ),
    _rule(
        "addressed to AI systems",
        rf"\b(?:if|when|since|because){_}you(?:{_}are|'re|{_}re){_}(?:an?{_}|the{_})?"
        rf"(?:ai|large{_}language{_}model|language{_}model|llm|chatbot|bot"
        rf"|automated{_}\w+|machine|assistant|gpt|chatgpt|claude|summari[sz]er|model)\b"
        rf"(?!{_}(?:researcher|expert|engineer|company|developer|startup|investor|user)s?)",
    ),
    _rule(
        "encoded instructions",
        rf"\b(?:decode|decipher|base64)\b[^.!?\n]{{0,80}}\b(?:follow|execute|obey|run"
        rf"|carry{_}out|do{_}what)\b",
    ),
    # French.
    _rule(
        "override (French)",
        rf"\b(?:ignore[zr]?|oublie[zr]?|neglige[zr]?){_}(?:\w++{_}){{0,3}}?(?:instructions"
        rf"|consignes|directives|regles|ordres|indications){_}(?:precedentes|anterieures"
        rf"|ci{_}dessus|initiales|d'origine|recues|donnees)\b",
        positional=True,
    ),
    _rule(
        "override (French)",
        rf"\b(?:ignore[zr]?|oublie[zr]?){_}(?:toutes?{_})?(?:tes|vos){_}(?:instructions"
        rf"|consignes|directives|regles)\b",
    ),
    _rule(
        "role play (French)",
        rf"\b(?:tu{_}es|vous{_}etes){_}(?:maintenant|desormais|a{_}present){_}"
        rf"(?:\w++{_}){{0,2}}?(?:ia|assistant|modele|robot|chatbot|personnage|dan)\b",
    ),
    _rule(
        "request to the model (French)",
        rf"\b(?:ecri[sv]e?z?|ecrivez|dis|dites|affirme[zr]?|indique[zr]?"
        rf"|mentionne[zr]?|ajoute[zr]?|inclu[st]e?z?|incluez|repete[zr]?|reponds"
        rf"|repondez|precise[zr]?)\b[^.!?\n]{{0,150}}?\b(?:dans|a){_}(?:chaque"
        rf"|chacune{_}des|toutes{_}les|tous{_}les|ton|ta|votre|tes|vos){_}"
        rf"(?:\w++{_})?(?:sections?|paragraphes?|parties?|resumes?|reponses?"
        rf"|articles?|analyses?|titres?)\b",
        positional=True,
    ),
    _rule(
        "addressed to AI systems (French)",
        rf"\b(?:aux|pour{_}les|a{_}l'attention{_}des|note{_}aux|message{_}aux"
        rf"|chers?|cheres?){_}(?:ia|intelligences{_}artificielles|modeles{_}de"
        rf"{_}langage|assistants(?:{_}ia)?|robots{_}conversationnels|chatbots)"
        rf"[\W_]*[:,!]|\bsi{_}(?:tu{_}es|vous{_}etes){_}(?:une?{_})?(?:ia"
        rf"|intelligence{_}artificielle|modele{_}de{_}langage|assistant)\b"
        rf"|\ben{_}tant{_}qu'?[\W_]*(?:une?{_})?(?:ia|intelligence{_}artificielle"
        rf"|modele{_}de{_}langage)[\W_]*,",
    ),
    # Spanish.
    _rule(
        "override (Spanish)",
        rf"\b(?:ignora|ignore|ignoren|ignorad|olvida|olvide|olviden|descarta|omite|omita){_}"
        rf"(?:\w++{_}){{0,3}}?(?:instrucciones|indicaciones|ordenes|reglas|directrices"
        rf"|consignas){_}(?:anteriores|previas|de{_}arriba|originales|recibidas|dadas)\b",
        positional=True,
    ),
    _rule("override (Spanish)", rf"\b(?:ignora|olvida){_}(?:todas{_})?tus{_}(?:instrucciones|reglas|directrices)\b"),
    _rule(
        "role play (Spanish)",
        rf"\b(?:ahora|a{_}partir{_}de{_}ahora|desde{_}ahora){_}(?:tu{_})?eres{_}"
        rf"(?:\w++{_}){{0,2}}?(?:ia|asistente|modelo|chatbot|bot|personaje|dan)\b",
    ),
    _rule(
        "request to the model (Spanish)",
        rf"\b(?:escribe|escriba|escriban|di|diga|digan|afirma|afirme|incluye"
        rf"|incluya|menciona|mencione|anade|anada|agrega|agregue|repite|repita"
        rf"|responde|responda|pon|ponga)\b[^.!?\n]{{0,150}}?\ben{_}(?:cada"
        rf"|todas{_}las|todos{_}los|tu|su){_}(?:\w++{_})?(?:seccion|secciones"
        rf"|parrafos?|resumen|respuesta|articulo|apartados?|titulos?)\b",
        positional=True,
    ),
    _rule(
        "addressed to AI systems (Spanish)",
        rf"\bsi{_}eres{_}(?:una?{_})?(?:ia|inteligencia{_}artificial|modelo{_}de"
        rf"{_}lenguaje|asistente|chatbot)\b|\b(?:atencion|nota{_}para"
        rf"|mensaje{_}para|a{_}(?:las|los)|para{_}(?:las|los)){_}(?:ia"
        rf"|inteligencias{_}artificiales|modelos{_}de{_}lenguaje"
        rf"|asistentes(?:{_}de{_}ia)?|chatbots)[\W_]*[:,!]",
    ),
    # German.
    _rule(
        "override (German)",
        rf"\b(?:ignoriere|ignorier|ignorieren{_}sie|vergiss|vergesst|vergessen{_}sie|missachte"
        rf"|missachten{_}sie){_}(?:\w++{_}){{0,3}}?(?:anweisungen|instruktionen|befehle|vorgaben"
        rf"|regeln|anordnungen)\b",
        positional=True,
    ),
    _rule(
        "override (German)",
        rf"\b(?:ignoriere|ignorier|vergiss|vergesst){_}(?:alle{_})?(?:deine|eure){_}(?:\w++{_})?"
        rf"(?:anweisungen|instruktionen|befehle|vorgaben)\b",
    ),
    _rule(
        "role play (German)",
        rf"\bdu{_}bist{_}(?:jetzt|nun|ab{_}sofort|ab{_}jetzt|ab{_}heute){_}(?:\w++{_}){{0,2}}?"
        rf"(?:ki|assistent|sprachmodell|chatbot|bot|dan)\b",
    ),
    _rule(
        "request to the model (German)",
        rf"\b(?:schreib(?:e|t|en{_}sie)?|sag(?:e|t|en{_}sie)?|behaupte|erwahne"
        rf"|fuge|fugen{_}sie|nenne|gib|gebt|wiederhole)\b[^.!?\n]{{0,150}}?\bin{_}"
        rf"(?:jedem|jeden|jeder|allen|deiner|deinem|ihrer|ihrem){_}(?:\w++{_})?"
        rf"(?:abschnitt|abschnitten|absatz|absatzen|zusammenfassung|antwort"
        rf"|artikel|teil|kapitel)\b",
        positional=True,
    ),
    _rule(
        "addressed to AI systems (German)",
        rf"\b(?:an|fur){_}(?:alle{_}|die{_})?(?:ki|ki{_}systeme|ki{_}modelle"
        rf"|sprachmodelle|ki{_}assistenten|chatbots)\b[\W_]*[:,!]"
        rf"|\bwenn{_}du{_}(?:eine?{_})?(?:ki|sprachmodell|assistent|chatbot)"
        rf"{_}bist\b|\bals{_}(?:eine?{_})?(?:ki|sprachmodell)[\W_]*,",
    ),
    # Italian and Portuguese, the common override only.
    _rule(
        "override (Italian/Portuguese)",
        rf"\bignora{_}(?:tutte{_})?le{_}istruzioni{_}(?:precedenti|sopra)\b"
        rf"|\bignore{_}(?:todas{_})?as{_}instrucoes{_}anteriores\b"
        rf"|\besqueca{_}(?:todas{_})?as{_}instrucoes\b",
    ),
)

# A flagged sentence that announces what follows, and a bare request that continues it.
FOLLOW_ON = re.compile(
    rf"\bthe{_}following\b|\bbelow\b|\b(?:as{_})?follows[\W_]*$|\bas{_}follows\b|\bnext{_}sentence\b|:[\W_]*$"
)
SPEECH_VERB_START = re.compile(
    rf"^[\W\d_]*(?:(?:also|and|then|please|now|finally|next){_})*(?:say|write|state|claim"
    rf"|report|mention|include|add|tell|output|print|respond|reply|answer|repeat|conclude"
    rf"|insert|append|describe|call|label|remember|note{_}that|pretend)\b(?![\W_]*-)"
)
