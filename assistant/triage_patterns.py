"""Triage's other pattern tables: handoff, prompt injection, out of scope, the words that mark a
message as guidance, and small talk (the logic is in assistant/triage.py; the crisis patterns in
assistant/crisis_patterns.py).

Patterns are matched on a normalised, lower-cased message (`assistant.triage.normalise`).
"""

from __future__ import annotations

import re

_P = re.compile

HANDOFF_PATTERNS = [
    _P(p)
    for p in (
        r"\b(talk|speak|chat|get in touch|be in touch) (to|with) (a |an |some )?"
        r"(real |actual |live |proper )?(human|person|people|human being)\b(?! resources)",
        r"\b(talk|speak|chat) (to|with) (a |an )?(real |actual |live )?(human )?"
        r"(career |study |guidance )?(counsellor|counselor|adviser|advisor)\b.{0,30}"
        r"\b(not|than|instead)",
        r"\b(rather|prefer to) (talk|speak|chat) (to|with)\b",
        r"\b(not|than|instead of) (a |an |the |this )?(bot|chatbot|chat bot|robot|ai)\b",
        r"\binstead of (typing|writing|chatting|talking) (to|with) (a |an |the |this )?"
        r"(bot|chatbot|chat bot|robot|ai)\b",
        r"\b(connect|transfer|put) me (with|to|through)\b",
        r"\b(human|live) (agent|counsellor|counselor|adviser|advisor|help|support)\b",
        r"\b(puhua|puhuu|jutella|juttelee|keskustella|asioida|yhteyden|yhteys)\b.{0,30}"
        r"\b(ihmi(nen|sen|seen|selle|sten)|ihmisohjaaj\w*)\b",
        r"\bihmisohjaaj",
        r"\boikea\w* (ihmi|henkilö|ohjaaj|opo|opinto-ohjaaj|uraohjaaj|neuvoj)",
        r"\b(en tykkää|en halua|inhoan|en jaksa)\b.{0,20}\b(chatti|chat)?bot",
        r"\b(botin|botille|robotin|robotille|tekoälyn) kanssa\b",
        r"\b(prata|tala|chatta|snacka|ringa)\b.{0,20}\b(människa|människor|riktig person|"
        r"riktig handledare|riktig studiehandledare|riktig vägledare|person)\b",
        r"\briktig (människa|person)\b",
        r"\b(prata|tala|chatta|snacka)\b.{0,20}\briktig\w* \w*(vägledare|handledare)\b",
        r"\bi stället för\b.{0,30}\b(bot|robot|chattbot|ai)\b",
        r"\bhellre (prata|tala) med\b",
        # Meeting a person face to face, or booking a time with one, instead of the chat.
        r"\b(talk|speak|meet|chat)\w*\b.{0,40}\b(face[- ]to[- ]face|in person)\b",
        r"\bface[- ]to[- ]face (appointment|meeting|talk|chat|guidance|counsell?ing)\b",
        r"\b(i'?d like to|i would like to|i want to|i wanna|how (do|can) i|can i|let me|please) "
        r"(book|make|get|schedule|arrange)\b.{0,20}\b(appointment|meeting)\b.{0,30}"
        r"\b(adviser|advisor|counsell?or|person|human)\b",
        r"\b(puhu\w*|tava\w*|keskustel\w*|jutel\w*|näh\w*)\b.{0,40}\b(kasvotusten|kasvokkain)\b",
        r"\b(kasvotusten|kasvokkain)\b.{0,40}\b(puhu\w*|tava\w*|keskustel\w*|jutel\w*)\b",
        r"\bvara\w* (\w+ )?aja\w*\b.{0,40}\b(ihmi\w*|ohjaaj\w*|neuvoj\w*|opo\w*)\b|"
        r"\b(ihmi\w*|ohjaaj\w*|neuvoj\w*)\b.{0,40}\bvara\w* (\w+ )?aja\w*",
        r"\boikee\w* (ihmi|henkilö|ohjaaj|opo|opinto-ohjaaj|uraohjaaj|neuvoj)",
        r"\b(tän|tämän|tuon) (koneen|tietokoneen|botin) kanssa\b",
        r"\b(prata|träffa\w*|tala|ses)\b.{0,40}\b(ansikte mot ansikte|personligen)\b",
        r"\bboka\b.{0,30}\b(möte|tid)\b.{0,30}\b(vägledare|handledare|studiehandledare|"
        r"person|människa)\b",
        r"\b(prata|tala|chatta|snacka)\b.{0,60}\b(än|inte|i stället för) med "
        r"(en |den här )?(dator|datorn|maskin\w*)\b",
    )
]
INJECTION_PATTERNS = [
    _P(p)
    for p in (
        r"\b(ignore|disregard|forget|override|bypass)\b.{0,30}\b(instructions|rules|prompts?|"
        r"guidelines|directions|programming|restrictions)\b",
        r"\bsystem ?prompt",
        r"^\s*(system|assistant|developer)\s*:",
        r"\[\s*(system|instruction|ohje|instruktion)",
        r"<\|?(im_start|system)",
        r"(^|[.!?:]\s*)you are (now|no longer)\b",
        r"\bfrom now on,? you\b",
        r"\bpretend (to be|you are|you'?re|that you)\b",
        r"(^|[.!?:]\s*|\b(you|please|now) )act as\b",
        r"\brole[- ]?play",
        r"\bjailbreak",
        r"\bdan mode\b",
        r"\bas dan\b",
        r"\bdo anything now\b",
        r"\bdeveloper mode\b",
        r"\b(reply|respond|answer) only with\b",
        r"\bend (every|each|your|all) (answer|reply|replies|answers|message)s? with\b",
        r"\brepeat after me\b",
        r"\b(print|reveal|show|repeat) (me )?(your|the) (instructions|prompt|rules|configuration)",
        r"\bunohda\b.{0,25}\bohjee",
        r"\b(ohita|sivuuta|älä välitä|älä noudata)\b.{0,25}\b(ohje|sään)",
        r"\besitä (olevasi|että olet)\b",
        r"(^|[.!?:]\s*)olet nyt\b",
        r"\bkehittäjätila",
        r"\bjärjestelmäkehote",
        r"\bohje (avustajalle|tekoälylle|botille|mallille)",
        r"\b(kirjoita|vastaa|sano) (pelkästään|vain|ainoastaan)\b",
        r"\broolipel",
        r"\bleikitään (että|ett)\b",
        r"\bglöm\b.{0,25}\b(instruktion|regler)",
        r"\bignorera\b.{0,25}\b(instruktion|regler)",
        r"\blåtsas (att du|vara)\b",
        r"(^|[.!?:]\s*)du är nu\b",
        r"\butvecklarläge",
        r"\bsystemprompt",
        r"\b(svara|skriv|säg) (bara|endast|enbart)\b",
        r"\brollspel",
        r"\blåt oss leka\b",
    )
]
# Topics that are clearly not guidance; they decide only when no education or career words appear.
OUT_OF_SCOPE_PATTERNS = [
    _P(p)
    for p in (
        r"\brecipes?\b",
        r"\b(bake|baking)\b",
        r"\bweather\b",
        r"\b(rain|snow|sunny)\b",
        r"\b(python|javascript|java|sql|c\+\+|html|css)\b",
        r"\b(my|this|the) code\b",
        r"\b(error|exception|bug|stack ?trace)\b.{0,40}\b(code|script|program|function)\b",
        r"\b(index|type|value|key|syntax)error\b",
        r"\bwrite (me )?(a |an )?(poem|song|joke|story|essay about)\b",
        r"\b(tell|know) (me )?(a |any )?jokes?\b",
        r"\bwho (won|invented|discovered|wrote|painted)\b",
        r"\bcapital (city )?of\b",
        r"\b(eurovision|football|soccer|hockey|nhl|nba|world cup|olympics)\b",
        r"\bhoroscope\b",
        r"\bresept",
        r"\bleivo|leipo",
        r"\bsää(tila|ennuste)?\b",
        r"\bsataako\b",
        r"\bsilmuk",
        r"\bohjelmakoodi",
        r"\bvitsi",
        r"\brunon?\b",
        r"\bkuka voitti\b",
        r"\b(jääkiekko|jääkiekon|jalkapallo|euroviisu)",
        r"\bpääkaupunki",
        r"\brecept\b",
        r"\b(vädret|väder|väderprognos)\b",
        r"\b(sql|kod)-?fråga",
        r"\bskämt\b",
        r"\bdikt\b",
        r"\bvem vann\b",
        r"\bhuvudstad",
        r"\bfotboll",
    )
]
# Word beginnings that mark a message as being about education, work or careers. Strong ones
# outweigh an out-of-scope topic ("a Python course for adults" is guidance); weak ones only keep
# a low-confidence question in scope (so it gets a "don't know" rather than a refusal).
DOMAIN_STRONG = re.findall(
    r"\S+",
    "study studi student school college universit uas degree qualif course educat training "
    "trainee apprentic vocation career employ unemploy occupation profession cv résumé resume "
    "interview kela tuition admission entrance matric counsel guidance ohjaamo jobseek retrain "
    "internship diploma integration labour labor jotpa osaamis "
    "opisk opint opinn koulu tutkin yliopis amk ammat työ tyo ura oppisop lukio kurssi "
    "osaam ohjau ohjaaj opo palkka palkan palkk cv haastat kotoutu oppilait kansalaisopi "
    "kansanopi omavalmen valmennu pääsyko hakemu hakukoh yhteisha erillisha "
    "stud skol utbild examen universitet högskol yrke jobb arbet karriär kurs läroavtal fpa "
    "studiestöd ansök intervju handled vägled gymnas lärling praktik behörig lön "
    # The knowledge base's own concepts and services (from its article titles).
    "aikuis alanvaih oppivelv laajennet erikoistum sivistys kuntoutu rehabil kansalais "
    "ylioppila matriculat aikuislukio vuxengymnas läroplikt folkhögskol medborgarinstitut "
    "sommaruniv kesäyliop yhteishaku erillishaku ensikertala förstagång first-time "
    "omaehto frivillig vuorottelu alterner stipend opintotu asumislis barometr piilotyö "
    "työmarkkinatori tyomarkkinatori jobbmarknad osaamispolku kompetensstig opintopolku "
    "studieinfo opin.fi hoks ahot esco te-toimist te-byrå te-office navigator elinvoima "
    "elo-ryhm elo-grupp elontila omavalmentaja suunta suunna mieli kriisi krishjälp sekasin "
    "helpline hätä nöd emergency päivyst hetu henkilötunn personbeteck vuxen avoin avoime "
    "öppna competenc kartlä kartoi styrk plugg lähihoit sairaanhoit sjukskötar amis becom "
    # Losing a job, pay and starting a business are career questions too.
    "irtisano lomaut työtön työttöm uppsagd permitter arbetslös redundan laid-off "
    "tienaa tjäna earn yrittäj företag entrepreneur starttira startpeng yleistu "
    "nuorisotak ungdomsgarant työpaja verkstad kesätyö sommarjobb "
    "asevelv varusmies siviilipalv beväring civiltjänst conscript "
    "erasmus eures ulkomail utomlands abroad språkexam kielitutk opintovap studieledig "
    "palkkatu lönesubv työkokeil arbetspröv tuva "
    "esteettöm tillgänglig accessib erityis opiskeluterv studerandehäls yths",
)
DOMAIN_WEAK = re.findall(
    r"\S+",
    "job work salar wage benefit allowance loan grant fee apply applica exam credit teacher "
    "nurs finnish swedish languag skill recruit hire hiring employer "
    "tuki tuen tuke haku hake haen kieli kielen suome ruotsi opettaj hoitaj alan alaa alalle "
    "alalla insinöö stöd söka söker svenska finska språk lärar sjukskötar ingenjör",
)
# "How do I become a pilot?", "miten minusta tulee lentäjä", "hur blir man polis"
CAREER_PHRASE = re.compile(
    r"\b(becom(e|ing) an? |minusta tul(ee|isi)|tulla \w+ksi|ryhty\w* \w+ksi|blir man |"
    r"bli \w+(are|ör|ist|log)\b)"
)

# Small talk: a message made only of greetings, thanks and acknowledgements ("ok kiitos",
# "tack så mycket!", "thanks, bye") gets a short friendly reply, never retrieval.
_SMALL_TALK_WORD = (
    r"(hi|hello|hey|hei|heippa|moi|moikka|moro|terve|hej|hejsan|tjena|hallå|god morgon|"
    r"god dag|hyvää päivää|huomenta|päivää|good morning|good evening|thanks?|thank you|thx|ty|"
    r"kiitos|kiitti|kiitoksia|kiitos paljon|tack|tack så mycket|tusen tack|tackar|ok|okay|okei|"
    r"oki|okej|selvä|selvä homma|jees|joo|juu|jep|hyvä|hienoa|kiva|mahtavaa|great|cool|nice|"
    r"super|bra|fint|toppen|perfect|perfekt|bye|hej då|nähdään|moikka|jaha|aha|aijaa|hmm|"
    r"no niin|suunta|got it|i see|alright|all right|vi ses|ha det|för hjälpen|avusta|avustasi|"
    r"for (the|your) help|for helping)"
)
GREETINGS = _P(rf"^{_SMALL_TALK_WORD}([\s!.,?:;)(-]+{_SMALL_TALK_WORD})*[\s!.,?:;)(-]*$")
THANKS = re.compile(r"(kiit|tack|thank|thx|\bty\b)")
