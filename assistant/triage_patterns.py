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
        r"\b(ihmi(nen|sen|seen|selle)|ihmisohjaaj\w*)\b",
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
        r"\b(kan|får|vill) (jag|ja) (\w+ )?(prata|träffa\w*|tala|ses)\b.{0,40}"
        r"\b(ansikte mot ansikte|personligen)\b",
        r"\bboka\b.{0,30}\b(möte|tid)\b.{0,30}\b(vägledare|handledare|studiehandledare|"
        r"person|människa)\b",
        r"\b(prata|tala|chatta|snacka)\b.{0,60}\b(än|inte|i stället för) med "
        r"(en |den här )?(dator|datorn|maskin\w*)\b",
        # A call, a call back or being contacted by a person ("soittaisko joku mulle takas",
        # "kan nån ringa upp mig", "could a counsellor ring me back").
        r"\b(soittai?s\w*|soittaa|soittaisi|soitatteko|soitattekos|soittamaan)\b.{0,30}\b(mulle|minulle|"
        r"takas|takaisin)\b",
        r"\b(voinko|voisinko|saanko|saisinko|voiko) soittaa (\w+ )?(jollekin|jollekulle|ohjaajalle|"
        r"opolle|neuvojalle|ihmiselle)\b",
        r"\bpuhelinaika\w*\b",
        r"\b(ottaa|ottais|ottaisi|ottakaa) (minuun|muhun|meihin) yhteyttä\b",
        r"\bringa upp (mig|mej)\b|\bbli uppringd\b|\b(ringa|ringer) (mig|mej)\b",
        r"\b(nån|någon|en person) (jag|ja) kan ringa\b|\bprata med (nån|någon) i telefon\b",
        r"\b(kontakta|kontaktar) (mig|mej)\b|\bbli kontaktad\b",
        r"\b(can|could|would|will|please|pls|someone|somebody|anyone|adviser|advisor|counsell?or)\b"
        r".{0,30}\b(call|ring|phone) me\b|\b(call|ring|phone) me back\b|\bcall ?back\b|"
        r"\bphone call from\b",
        r"\b(speak|talk) (to|with) someone (on|by|over) the phone\b",
        # A number a person answers ("is there a number where an actual guidance counsellor
        # picks up?", "finns det ett nummer där en människa svarar").
        r"\b(number|line)\b.{0,30}\b(human|person|counsell?or|adviser|advisor|someone|somebody)"
        r"\b.{0,15}\b(picks? up|answers?)\b",
        r"\bnummer\b.{0,30}\b(människa|vägledare|handledare|person|någon|nån)\b.{0,15}\bsvarar\b",
        r"\b(numero|numeroa)\b.{0,30}\b(ihminen|ohjaaja|joku)\b.{0,15}\bvastaa\b",
        r"\b(can'?t|cannot|can not) (sort|figure|work) (this|it) out (just )?by (typing|chatting|"
        r"writing)\b",
        r"\b(can|could|would|will|please|pls)\b( \w+){0,4} (contact|reach) me\b(?! after)",
        # A person to write to or go through things with ("is there a human i could message
        # instead?", "a real guidance person", "haluisin et joku ihminen kävis sen mun kanssa
        # läpi", "miten pääsen jonku ohjaajan puheille").
        r"\b(a|any|some|real|actual) (real |actual )?(human|person)\b.{0,20}"
        r"\b(i could|i can|to|who could|who can)\b.{0,12}"
        r"\b(message|talk|write|chat|speak|email|contact|explain)\b",
        r"\b(to|with) a real (guidance|career|study) (person|counsell?or|adviser|advisor)\b",
        r"\b(joku|jonkun) (oikea |oikee )?ihminen\b",
        r"\b(ohjaaja|opo|opinto-ohjaaja|uraohjaaja|neuvoja|ihmise|työntekijä)\w* puheille\b",
        # A person asked for outright ("anna mulle joku ihminen", "ge mig en människa", "get me
        # a human").
        r"\b(anna|antakaa|tarviin|tarvitsen|haluun|haluan) (mulle |minulle )?(joku |jonkun )?"
        r"(ihminen|ihmisen|ihmine)\b",
        r"\bihmi(nen|ne|sen) (kiitos|please|pliis)\b",
        r"\bihmisen (apua|kanssa)\b",
        r"\b(ge|ger) (mig|mej) en (människa|person|riktig)\b|\bmänsklig\w* (handledare|"
        r"vägledare|hjälp|kontakt)\b",
        r"\b(give|get|want|need) (me )?(a |an )?(real |actual |proper )?(human|person)\b"
        r"(?! resources)",
        r"\b(i want|i need|give me|get me) a (human|person|real person)\b",
        # Someone who understands, not a machine; a staff member in the chat.
        r"\b(jonkun|jonku|någon|nån|someone|somebody) (kans|kanssa|med|who|joka)\b.{0,25}"
        r"\b(ymmärtää|ymmärtäis|förstår|understands)\b",
        r"\b(not|instead of|rather than) (a |the |this )?machine\b|\bkoneen sijaan\b|"
        r"\beikä (tekoäly|botti|kone)\b|\beikä botin\b",
        r"\b(oikee|oikea|ihan) (työntekijä|ihminen|henkilö)\b",
        r"\b(personal|staff|one of the staff|someone from|nån från|någon från|joku)\b.{0,30}"
        r"\b(ohjaamo\w*|navigatorn)\b.{0,40}\b(yhteyttä|kontakta|contact|prata|talk|jutte\w*)|"
        r"\b(ohjaamo\w*|navigatorn)\b.{0,30}\b(juttele\w*|prata med|talk (to|with))\b.{0,30}"
        r"\b(työntekijä\w*|personal|staff|jonkun|nån|någon|someone)\b",
        r"\bchatta med\b.{0,30}\b(människa|personal)\b|\b(personal|staff)\b.{0,20}"
        r"\b(chatta|chat)\b",
        # A counsellor met or spoken to in person, a time booked with one.
        r"\b(tavata|tapaamaan|nähdä|nähä) (\w+ )?(ohjaaja\w*|opo\w*|uraohjaaja\w*|"
        r"urasuunnittelija\w*|neuvoja\w*)\b",
        r"\bhenkilökohtais\w* keskustel\w*\b",
        r"\b(träffa|se|få träffa) (en |nån |någon )?(riktig |personlig )?(vägledare|"
        r"studiehandledare|studievägledare|handledare|karriärvägledare)\b",
        r"\b(see|meet) (a |an )?(real |actual )?(guidance |career |study )?(counsellor|"
        r"counselor|adviser|advisor)\b",
        r"\b(talk|speak)\b.{0,20}\b(real|actual) (counsellor|counselor|adviser|advisor|"
        r"career coach|person)\b|\blike an actual person\b",
        r"\b(koppla|kopplar) (mig|mej) (till|vidare)\b",
        r"\b(person|human) at your service\b|\bone of your (advisers|advisors|counsellors)\b",
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
    r"bli \w+(are|ör|ist|log)\b|"
    # Not knowing what to do with one's life is the question career guidance starts from
    # ("Jag är 23 och vet inte vad jag vill göra med mitt liv").
    r"(vet|veit) (inte|int) vad (jag|ja) (vill|ska|borde) (göra|bli|jobba|plugga|studera)|"
    r"(en|enkä|mä en|ma en) (tiedä|tiiä|tii) mitä (haluan|haluun|tekisin|tehdä|(mä |minä )?teen|"
    r"(mun|minun) pitäis)|mitä (tekisin|tehdä|teen) (elämälläni|mun elämällä|elämällä)|"
    r"(don'?t|do not|dont) know what (i want to do|to do with my life|to do next|to study|"
    r"i want to (be|become|study))|what (should|shall) i do with my life|"
    r"vad (ska|borde) (jag|ja) göra med mitt liv)"
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
    r"for (the|your) help|for helping|hej hej|lol|haha|ttyl|see you|see ya|cya|later|"
    r"nähään|moro moro|hejdå|"
    # gratitude that speaks of saving ("du räddade min dag", "you saved my day"): thanks
    r"du räddade min dag|räddade min dag|you saved my (day|life)|saved my day|pelastit (mun|"
    r"minun) päivä(n|ni)|"
    # pleasantries at parting ("ha en skön helg", "hyvää viikonloppua", "have a nice weekend")
    r"ha en (skön|trevlig|bra|fin) (helg|dag|kväll)|trevlig (helg|dag|kväll)|"
    r"(hyvää|mukavaa|oikein hyvää) (viikonloppua|päivänjatkoa|päivää|iltaa|jatkoa)|"
    r"have a (nice|good|great|lovely) (weekend|day|evening)|enjoy your (weekend|day))"
)
# (smileys and emoji may stand between and after them)
_SEPARATOR = r"[\s!.,?:;)(\-\u2600-\u27bf\U0001f300-\U0001faff]"
GREETINGS = _P(rf"^{_SMALL_TALK_WORD}({_SEPARATOR}+{_SMALL_TALK_WORD})*{_SEPARATOR}*$")
THANKS = re.compile(r"(kiit|tack|thank|thx|\bty\b)")
