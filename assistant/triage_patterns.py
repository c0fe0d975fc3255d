"""Triage's pattern tables: crisis, career-talk idioms, handoff, prompt injection, out of scope,
the words that mark a message as guidance, and small talk (the logic is in assistant/triage.py).

Patterns are matched on a normalised, lower-cased message (`assistant.triage.normalise`).
"""

from __future__ import annotations

import re

_P = re.compile

CRISIS_PATTERNS = [
    _P(p)
    for p in (
        # en
        r"\b(kill|kil|killing|hurt|hurting|harm|harming|cut|cutting|hang|hanging|shoot|shooting|"
        r"poison|poisoning|drown|drowning|starve|starving|end|off|unalive|unaliving) ?"
        r"(my|him|her|them|your) ?sel(f|ves)\b",
        # Slang, typos and indirect phrasings (issue 16's adversarial corpus).
        r"\bunaliv",
        r"\bsewer ?slide",
        r"\b(stop|cease to) existing\b",
        r"\b(saving|saved|collecting|hoarding|stockpiling) (up )?(my |the |some )?"
        r"(pills|tablets|meds|medication|sleeping pills)\b",
        r"\bself[- ]?delet",
        r"\b(gonna|going to|wanna|want to|will|i'?ll|imma|ima|about to|might|should|just|"
        r"finna|i'?m gonna|i'?m going to) (just |finally )?k(m|y)s\b",
        r"(^|[.!?] )k(m|y)s( now| tonight| today| rn| lol)?\s*[.!?]*$",
        r"\b(someone|somebody|anyone|anybody) (to |would |could |please |should |just )*"
        r"(kill|shoot|murder) me\b",
        # Not "I hope I don't wake up late for the interview".
        r"\bhope (that )?i (don'?t|do not|never|won'?t|will not) wake up\b"
        r"(?! (late|early|too|in time|on time|before|after|at \d))",
        r"\bwish i (wouldn'?t|won'?t|didn'?t|would not|could not) wake up\b"
        r"(?! (late|early|too|in time|on time|before|after|at \d))",
        r"\b(rather|prefer to) (not wake up|be dead|not exist|not be alive)\b",
        r"\b(want|wanna|wish) (to )?(be dead|stop existing|not exist|cease to exist)\b",
        # Not "tired of living with my parents" or "sick of living on benefits".
        r"\b(tired|sick) of (living|being alive|life itself|existing)\b"
        r"(?! (with|in|at|on|off|here|there|alone|like|under|without|from|paycheck|in a))",
        r"\b(life|living)('s| is)? (not|n'?t|isn'?t) worth (living|it any ?more)\b",
        r"\bnot worth living\b",
        r"\b(slit|slitting|cut|cutting) (my|his|her) (wrists?|veins?|arms?)\b",
        r"\b(suicide|goodbye) (note|letter)\b",
        r"\bgoodbye (forever|cruel world)\b",
        r"\bsuicid",
        r"\bsui cid(e|al)",
        r"\bsu[ie]?[cs]i?d(e|al)",
        r"\bself[- ]?harm",
        r"\bend(ing)? (it all|my life|my own life|everything|things for good)\b",
        r"\b(about|thinking of|planning|plan|want|wanna|going|gonna|decided) (to )?end(ing)? it\b",
        r"\b(thinking|thought|think) (about|bout|of|abt) end(ing)? it\b",
        r"\bend(ing)? it (tonight|today|now|soon|for good|this week|all)\b",
        r"\b(i'?m|i am|im) (so )?(done|finished) with (life|living|being alive|everything)\b",
        r"\b(wants?|wanna|wish(es)?|going|planning|plans?|ready|deserves?) (to )?die\b",
        r"\bwish i (was|were) (dead|never born|gone)\b",
        r"\b(i'?d|i would) be better off dead\b",
        r"\bbetter off (dead|without me)\b",
        r"\bif i (was|were) (dead|gone)\b",
        r"\b(no one|nobody|noone) (would|will) (miss|notice|care if)\b",
        r"\bpoint (of|in) (living|life|going on|being alive)\b",
        r"\b(don'?t|do not|no longer) want to (live|be alive|exist|wake up|be here)\b",
        r"\b(never|not) (want to )?wake up( again)?\b",
        r"\b(no|any) (reason|point) (to|in|of) (live|living|going on|being alive)\b",
        r"\bwhat'?s the point (of|in) (living|life|going on|being alive)\b",
        r"\bcan'?t (go on|cope|take (it|this|any more)|do this)( any ?more| any longer)\b",
        r"\bcan'?t go on\b",
        r"\b(no|don'?t see any|can'?t see (a|any)|there'?s no|see no|find no) way out\b",
        r"\btake my (own )?life\b",
        r"\b(take|swallow|taking|swallowing) (all )?(my|the|these|those) (pills|tablets|meds)\b",
        r"\boverdos",
        r"\bjump (off|from|in front of) (a |the )?(bridge|building|roof|train|balcony)",
        r"\b(pain|it all|everything) to stop (for good|forever)\b",
        r"\bdisappear (forever|for good|permanently)\b",
        # fi
        r"itsemurh",
        r"\btap\w* (itse|itte)\w*",
        r"\b(itse|itte)\w* (tappa|hengilt)",
        r"\b(vahingoit\w*|satut\w*) (itse|itte)",
        r"\bviill(än|in|tää|ellä|el)",
        r"\bviiltel",
        r"\b(halu\w*|tahdo\w*|tahtois\w*) (vaan |vain |jo |nyt )?kuolla",
        r"\bolla kuollut\b",
        r"\b(parempi|helpompi|helpompaa) (olis|olisi|ois) (jo )?(olla )?(kuollut|kuolla|poissa)",
        r"\bparempi ilman (mua|minua|mu)\b",
        r"\b(en|ei) (halua|haluu|haluais\w*|jaksa|kestä|jaksais) (enää )?"
        r"(elää|tätä elämää|herätä)",
        r"\b(en|ei) (jaksa|kestä) (enää )?(tätä )?elämää",
        r"\b(en|ei) (jaksa|kestä|pysty) enää( (mitään|yhtään mitään|ees mitään|tätä kaikkea))?"
        r"\s*([.!,;?]|$)",
        r"\bsyytä elää\b",
        r"\bjärkeä elää\b",
        r"\belämisen arvo",
        r"\belämä\w*\W+(\w+\W+){0,4}(väliä|merkitystä|tarkoitusta)\b",
        r"\bnukkua pois\b",
        r"\belämä\w* (tuntuu|on) (ihan |täysin )?(turha|merkitykset|toivot)",
        r"\bkukaan ei (kaipaisi|kaipais|huomaisi|huomais|välittäisi)",
        r"\bkadota (pysyvästi|lopullisesti|kokonaan|ikuisesti)",
        r"\b(lopettaa|lopetan|lopettaisin) (kaiken|elämäni|tämän elämän)\b",
        r"\blopu(n|t) (tästä kaikesta|kaikesta|elämästä|elämästäni|itsestäni)\b",
        r"\b(tästä|kaikesta|elämästä\w*) (kaikesta )?lopu(n|t)\b",
        r"\bpäättä\w* (elämäni|päiväni|tämän kaiken|kaiken)\b",
        r"\b(hyppään|hypätä|hyppäisin|heittäydyn|heittäytyä)\b.{0,30}"
        r"\b(sillalta|katolta|parvekkeelta|junan|auton)",
        r"\b(yliannost|hirttä|hirtä)",
        r"\bpillere\w*.{0,40}\b(kaikki|kerralla)",
        r"\bei (ole )?(mitään )?ulospääsyä\b",
        r"\bitsari",
        r"\bitsemur",
        r"\bitsetuho",
        r"\bkuolla pois\b",
        r"\b(haluu?n|haluaisin|haluisin|tahdon) (vaan |vaa |vain |jo |nyt )?(olla )?kuollu",
        r"\b(toivon|toivoisin|kunpa|kunhan|jospa) (että |etten |etten )?(en |mä en |ma en )?"
        r"(heräis|heräisi|herää|heräisi enää)\b",
        r"\btoivon (että )?(kuolisin|kuolen)\b",
        r"\bkuolisinpa\b",
        r"\bhirteen\b",
        r"\branteet? auki\b",
        r"\b(ei|en) (kannata|jaksa) (enää )?elää\b",
        r"\b(en|ei) (halua|haluu|jaksa) (enää )?olla (olemassa|täällä)\b",
        # sv
        r"självmord",
        r"\b(jag|vill|ska|tänker|att|kommer|funderar|planerar|skulle|tänkt|hon|han|hen|de)"
        r" (\w+ )?ta(r|git|ga)? livet av (mig|sig|mej|dig)\b",
        r"\b(vill|ville) (bara |inte )?(leva|dö)\b",
        r"\bvill inte (leva|finnas|vara med) ?(längre|mer|kvar)?\b",
        r"\b(skada|skadat|skadar|skär|skära|skurit|skar) (mig|mej) (själv)?",
        r"\borkar inte (leva|mer med livet|med livet|längre|mer)\s*([.!,;?]|$|med livet)",
        r"\borkar inte leva\b",
        r"\bom jag inte fanns\b",
        r"\b(bättre|lättare) (för alla )?(om jag var död|utan mig)\b",
        r"\baldrig vakna\b",
        r"\b(samlat|tar alla|ta alla|svälja)\b.{0,20}\b(tabletter|piller|mediciner)",
        r"\böverdos",
        r"\bingen utväg\b",
        r"\bingen (skulle|kommer att) (sakna|märka|bry sig)",
        r"\bom jag (försvann|dog|inte fanns)\b",
        r"\b(livet|allt) (känns|är) meningslöst\b",
        r"\bmeningslöst att leva\b",
        r"\bhoppa (från|framför|ner från) (bron|taket|tåget|balkongen)",
        r"\bta mitt (eget )?liv\b",
        r"\b(vill|ska|tänker) (bara )?(försvinna för alltid|inte finnas|vara död)\b",
        r"\bhoppas (att )?jag (inte|aldrig) vaknar\b",
        r"\b(vill|ska) (inte|aldrig) vakna (imorgon|i morgon|igen|mer|längre)\b",
        r"\bönskar (att )?jag (var|vore|vart) död\b",
        r"\b(hänga|skjuta|dränka|döda) (mig|mej)\b",
        r"\bsjälvskad",
        r"\bsjälvmor",
        r"\bkan inte (leva|fortsätta leva) (längre|så här|mer)\b",
    )
]
# Career-talk idioms, removed before the crisis patterns run.
CRISIS_IDIOMS = [
    _P(p)
    for p in (
        r"\bdying (to|for)\b",
        r"\bto die for\b",
        r"\bdie happy\b",
        r"\bdo or die\b",
        # Careers that help others: about suicide as a subject, not the speaker's own thoughts.
        r"\b(work|working|help|helping|support|supporting|counsel\w*|care for|caring for)( with)? "
        r"(young people|people|others|clients|patients|youth|teenagers|students)\b.{0,40}suicid\w*",
        r"\bsuicide prevention\b",
        r"\bitsemurh\w* (ehkäi|ennalta)\w*",
        r"\b(ehkäi|ennaltaehkäi)\w* itsemurh\w*",
        r"\bsjälvmordsprevent\w*",
        r"\bförebygg\w* självmord\w*",
        r"\bkill(ing)? (it|the|this|that|time|two birds)\b",
        r"\b(?!jag\b)\w+ tar livet av (mig|mej)\b",
        r"\bkuol\w* (tylsyyteen|nauruun|ikävään|jännitykseen|halusta|kiireeseen)\b",
        r"\btappaa aikaa\b",
        r"\btapan aikaa\b",
        r"\bdör av (längtan|tristess|skratt|nyfikenhet)\b",
    )
]
HANDOFF_PATTERNS = [
    _P(p)
    for p in (
        r"\b(talk|speak|chat|get in touch|be in touch) (to|with) (a |an |some )?"
        r"(real |actual |live |proper )?(human|person|people|human being)\b(?! resources)",
        r"\b(talk|speak|chat) (to|with) (a |an )?(real |actual |live )?(human )?"
        r"(counsellor|counselor|adviser|advisor|guidance counsellor)\b.{0,30}\b(not|than|instead)",
        r"\b(rather|prefer to) (talk|speak|chat) (to|with)\b",
        r"\b(not|than|instead of) (a |an |the |this )?(bot|chatbot|chat bot|robot|ai)\b",
        r"\b(connect|transfer|put) me (with|to|through)\b",
        r"\b(human|live) (agent|counsellor|counselor|adviser|advisor|help|support)\b",
        r"\b(puhua|puhuu|jutella|juttelee|keskustella|asioida|yhteyden|yhteys)\b.{0,30}"
        r"\b(ihmi(nen|sen|seen|selle|sten)|ihmisohjaaj\w*)\b",
        r"\bihmisohjaaj",
        r"\boikea\w* (ihmi|henkilö|ohjaaj)",
        r"\b(botin|botille|robotin|robotille|tekoälyn) kanssa\b",
        r"\b(prata|tala|chatta|snacka|ringa)\b.{0,20}\b(människa|människor|riktig person|"
        r"riktig handledare|riktig studiehandledare|riktig vägledare|person)\b",
        r"\briktig (människa|person)\b",
        r"\bi stället för\b.{0,30}\b(bot|robot|chattbot|ai)\b",
        r"\bhellre (prata|tala) med\b",
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
    r"no niin|suunta|got it|i see|alright|all right|vi ses|ha det)"
)
GREETINGS = _P(rf"^{_SMALL_TALK_WORD}([\s!.,?:;)(-]+{_SMALL_TALK_WORD})*[\s!.,?:;)(-]*$")
THANKS = re.compile(r"(kiit|tack|thank|thx|\bty\b)")
