"""The patterns of the coverage check (assistant/coverage.py): words that carry no subject, what
a question asks and what evidence must hold for it, one person's own case, one place's own
details, where a learner comes from, and the occupation a question is about. Tables, kept apart
from the logic that uses them."""

from __future__ import annotations

import re

# Words of asking, wanting and situation that carry no subject (beyond the analyser's stopwords).
FILLER = {
    "fi": "voiko voinko voisinko voin voi voisi pitääkö pitää täytyykö täytyy saako saanko saa "
    "miten mitä mikä mitkä mistä missä mihin milloin kuinka paljonko paljon kauanko onko olla "
    "olen oon olin ollut oli ole ei jos kun vielä enää nyt minä mä mun mulle mua minun minulla "
    "sinä sä sun jotain joku jotenkin tosi ihan vaan vain kiitos moi hei haluan haluaisin "
    "halua tietää kertoa kerro apua auttaa tarvitsen tarvii pitäis pitäisi voisitko kannattaako "
    "vuotias vuotiaana vuotta vuoden ikäinen nykyään tällä hetkellä juuri edes enemmän yleensä "
    "aikaa asia asiaa tapa tapaa hyvä paras",
    "sv": "kan får ska måste borde vill skulle hur vad vilken vilka var när varför finns mig "
    "jag min mitt mina du din är var varit har hade inte om nu ännu fortfarande någon något "
    "några bara tack hej hjälp veta berätta behöver undrar gammal år åring ålder bästa bra",
    "en": "can could should would will must may might how what which where when why who whom "
    "there here any some much many anything something really even know need want wondering "
    "help tell please thanks hello old years year age best good way ways get got",
}

# What is asked, and the words evidence must hold for it to be answered.
ASKS = {
    "pay": re.compile(
        r"\b(palk\w*|tienaa\w*|tienata|ansai\w*|ansio\w*|lön\w*|tjäna\w*|förtjän\w*|"
        r"salar\w*|wages?|earn\w*|paid|pays?)\b(?! for)"
    ),
    "cost": re.compile(
        r"\b(maksa\w*|hint\w*|kallis\w*|ilmai\w*|lukukausimaks\w*|kost\w*|avgift\w*|gratis|"
        r"cost\w*|fees?|price\w*|free|tuition|pay for|paid for)\b"
    ),
    # An age limit: the evidence must state one, or say there is none.
    "age_limit": re.compile(
        r"(ikäraja\w*|yläikä\w*|alaikä\w*|ikäkatto|ålders(gräns|grän)\w*|övre ålder\w*|"
        r"age (limit|cap|restriction)|upper age|maximum age|too old|liian vanha|för gammal|"
        # whether one can still do it at one's age ("voiko liikennelentäjäksi opiskella
        # 40-vuotiaana", "can I become a pilot at 40", "i min ålder")
        r"\b(voi\w*|pääse\w*|pääs\w*|onko|onks|kannattaa\w*)\b[^.?!]{0,60}\b\d{2}-?vuotiaana\b|"
        r"\b(can|could|is it possible|am i able)\b[^.?!]{0,60}\bat (the age of )?\d{2}\s*\?|"
        r"\b(kan|går det)\b[^.?!]{0,60}\b(vid \d{2}( års ålder)?|som \d{2}-?åring)\b|"
        r"\bat my age\b|\bi min ålder\b|\btässä iässä\b|\bmun iässä\b|\bminun iässäni\b)"
    ),
}
EVIDENCE = {
    "pay": re.compile(
        r"(palk|ansio|tulotaso|lön|inkomst|salar|wage|earning|pay\b|€|euro)", re.IGNORECASE
    ),
    "cost": re.compile(
        r"(maks|hinta|ilmai|€|euro|avgift|kostnad|kostar|gratis|fee|cost|free|tuition)",
        re.IGNORECASE,
    ),
    # (matched on the evidence's stems: "30-vuotiaille" -> "vuotia", "20-åriga" -> "årig")
    "age_limit": re.compile(r"(ikäraj|vuotia|ålder|årig|\bage\b|\baged\b)", re.IGNORECASE),
}


# One person's own case: the status of or the reason for their application, decision or
# payment. Only the service handling it can see it.
OWN_CASE = re.compile(
    r"(\b(mun|minun|mu|mitt|min|mina|my|our)\b.{0,40}\b(hakemu\w*|päätö\w*|asia(ni|a)?\b|"
    r"maksu\w*|tuki(ni)?\b|tulos\w*|ansökan|ansökningen|\w*ansökan|beslut\w*|ärende\w*|"
    r"resultat\w*|application|decision|case|payment|claim|results?)\b.{0,60}\b(käsitel\w*|"
    r"vaihe\w*|hylät\w*|hylkä\w*|myönnet\w*|maksettu|maksetaan|tulee|tullu\w*|kest\w*|"
    r"handlägg\w*|behandl\w*|avslag\w*|beviljad\w*|betal\w*|kommit|processed|processing|rejected|"
    r"turned down|denied|approved|paid|arrive\w*|status|where|why|when|legat|ligger|dröj\w*|"
    r"viipy\w*|jumissa|stuck|delayed|pending)|"
    # Asking the assistant to look up one's own decision or chances ("can you tell me if migri
    # has approved my residence permit", "katotko pääsenkö sairaanhoitajaks mun yo-numeroilla").
    r"\b(can you|could you|kan du)\b.{0,15}\b(tell me|check|see|find out|kolla|se)\b.{0,10}"
    r"\b(if|whether|om)\b.{0,40}\b(has|have|har)\b.{0,10}\b(approved|accepted|rejected|granted|"
    r"beviljat|godkänt|avslagit)\b|"
    r"\b(katotko|katsotko|katsoisitko|tarkistatko|voitko katsoa|voitko tarkistaa)\b.{0,30}"
    r"\b(pääsenkö|saanko|riittääkö|riittääks)\b|"
    # Asking the assistant to find out why one's own matter is so, or which figure is right.
    r"\b(can you|could you|kan du|voitko|voisitko|voiksä|voitsä)\b.{0,10}\b(check|kolla|"
    r"tarkistaa|selvittää)\b.{0,5}\b(why|which (one|is right)|varför|(vilken|vilket) (som|är "
    r"rätt)|miksi|kumpi)\b|"
    r"\b(miksi|miks|varför|why)\b.{0,40}\b(hylät\w*|hylkä\w*|avslag|turn(ed)? down|reject\w*|"
    r"den(y|ied))|"
    r"\b(ei oo|ei ole|har inte|hasn'?t|has not|haven'?t)\b.{0,30}\b(käsitel\w*|maksa\w*|"
    r"betalat|handlagt|behandlat\w*|processed|paid)|"
    # A decision the learner got, and whether or how to appeal it.
    r"\b(sain|saimme|fick|got|received)\b.{0,30}\b(kielteise\w*|hylkää\w*|avslag\w*|"
    r"negative|refusal|rejection)|"
    r"\b(sa|sade|said)\s+(nej|no)\b.{0,60}\b(varför|why|överklag\w*|appeal)|"
    r"\b(valittaa|valitus\w*|oikaisuvaati\w*|överklaga\w*|appeal (it|the decision|against))|"
    # An application sent that nothing has been heard of, payments of one's own that stopped,
    # money paid to one's own closed account.
    r"\b(lähetin|laitoin|jätin|hain|sent|submitted|applied|skickade|lämnade in|sökte|ansökte)"
    r"\b.{0,80}\b(eikä|ei|enkä|"
    r"inget|ingenting|nothing|not heard|haven'?t heard|no (reply|answer|word))\b.{0,25}\b("
    r"kuul\w*|vastaus\w*|vastattu|hört|svar\w*|heard|back)\b|"
    r"\b(my|mun|minun|mitt|min|mina)\b.{0,40}\b(payments?|maksu\w*|utbetalning\w*|tuki|stöd\w*)"
    r"\b.{0,20}\b(stopped|ended|loppu\w*|lakkas\w*|katkes\w*|upphört|slutat|stoppat)|"
    r"\b(my|mun|minun|mitt|min)\b.{0,30}\b(konto\w*|account|tili\w*)\b.{0,40}\b(stängt|closed|"
    r"suljettu|suljet\w*|lopetet\w*|lakkautet\w*)|"
    # Something of one's own that has not come yet, or is being reclaimed.
    r"\b(ei|inte|not|n't)\b.{0,25}\b(vieläkään|vielä|än|ännu|yet)\b.{0,20}\b(tullu\w*|"
    r"maksettu|kommit|betal\w*|arrived|come|paid)|"
    r"\b(inte|not)\b.{0,10}\b(betalat|paid)( ut)?\b.{0,20}\b(mitt|min|my)\b|"
    r"\bperi\w*\b.{0,30}\btakaisin\b|\btakaisin\b.{0,30}\bperi\w*|"
    r"\b(kräver|återkräv\w*)\b.{0,30}\b(mig|av mig)|\b(reclaim\w*|pay back)\b.{0,40}\b(me|my)\b|"
    # A decision of one's own that seems wrong, or an answer that is late.
    r"\b(mun|minun|mitt|min|my)\b.{0,40}\b(päätö\w*|beslut\w*|decision)\b.{0,40}\b(väärin|"
    r"virhe\w*|fel\w*|wrong|incorrect|mistake)|"
    r"\b(päätö\w*|beslut\w*|decision)\b.{0,10}\b(mun|minun|mitt|min|my)\b.{0,40}\b(väärin|"
    r"virhee\w*|fel\b|felaktig\w*|wrong|incorrect)|"
    r"\b(ei|inte|not|n'?t)\b.{0,20}\b(vastannut|svarat|answered|replied)\b.{0,30}\b(mun|minun|"
    r"min|mitt|my)\b|\b(varför dröjer|miksi kestää|why is it taking)\b|"
    r"\b(missä vaiheessa|hur långt (har|är|kommit)|where is my|check whether|"
    r"tarkista(tko|isitko|isitteko)|"
    r"kolla om)\b|"
    # Someone turned down, cut or stopped something of the learner's ("Kela hylkäs mun
    # hakemuksen", "refused my self-motivated study", "cut my general support").
    r"\b(hylkä\w*|hylät\w*|evä\w*|leikkas\w*|leikattiin|pienens\w*|lopett(i|ivat) mun|"
    r"avslog|avslag|nekade|sänkte|drog in|stoppade|refused|rejected|denied|turned down|"
    r"cut|reduced|stopped|lowered|withdrew)\b.{0,40}\b(mun|minun|mu|mut|minut|multa|minulta|"
    r"min|mitt|mina|mig|my|me)\b|"
    # A sanction the learner got, or a decision of theirs to be overturned or appealed.
    r"\b(sain|saimme|fick|got|received)\b.{0,30}\b(karen\w*|seuraamu\w*|sanktio\w*|"
    r"sanction\w*|penalt\w*)|"
    r"\bpäätö\w* (purettua|kumottua|muutettua|oikaistua)|"
    r"\b(valitan|valittaisin|valitanko|valittaa|valitus\w*|överklag\w*|appeal\w*)\b|"
    # Money of one's own paid by mistake or to be refunded; something never received.
    r"\b(maksoin|maksettiin|paid|betalade|betalat)\b.{0,60}\b(takaisin|takas|back|tillbaka|"
    r"refund\w*|palautu\w*|kahteen kertaan|kahdesti|twice|två gånger|dubbelt)|"
    r"\b(never|not|n't|en|ei|oo|aldrig|inte|inget)\b.{0,12}\b(got|received|heard|saanut|"
    r"saanu|tullut|tullu|kuulunut|kuulunu|fått|hört|kommit)\b.{0,25}\b(reply|answer|"
    r"confirmation|e-?mail|message|letter|decision|payment|money|back|anything|vastaus\w*|"
    r"vahvistu\w*|viesti\w*|sähköpost\w*|kirje\w*|päätö\w*|rahaa?|mitään|svar|"
    r"bekräftelse\w*|mejl|e-post|brev|beslut\w*|pengar(na)?|nåt|något|inget)\b|"
    # Asking the assistant to look at one's own papers, or whether one is in.
    r"\b(look at|check|see|tarkista\w*|katso\w*|kolla|titta på)\b.{0,15}\b(my|mun|minun|"
    r"min|mitt)\b|"
    r"\b(am i|olenko|oonko|är jag)\b.{0,15}\b(registered|enrolled|accepted|in\b|"
    r"ilmoittautunu\w*|rekisteröi\w*|hyväksyt\w*|anmäld|registrerad|antagen)|"
    r"\b(fått|saanut|saanu|received|got)\b.{0,20}\b(min|mitt|mun|minun|my)\b.{0,10}\b("
    r"ansökan|hakemu\w*|application|anmälan|ilmoittautumi\w*))",
    re.IGNORECASE,
)
# Details that only one named school, office or employer holds.
LOCAL = re.compile(
    # (whole words: "opintopistettä" and "studiepoäng" are credits, not admission points)
    r"(\b(pisteitä|pistettä|pisteet|pistemäär\w*|pisteraja\w*|poäng\w*)|alin hyväksytty|"
    r"minimum points|cut-?off|how many points|points did (you|i|one|they)|"
    r"\bauki\b|\b(open|öppe\w*)\b.{0,20}\b(saturdays?|sundays?|weekends?|evenings?|"
    r"lördag\w*|söndag\w*|helg\w*|kväll\w*)|(lauantai|sunnuntai|viikonlop|arki-?ilt)\w*.{0,20}"
    r"\bauki|seuraava haku|seuraava hakuaika|next (application|intake|admission) (round|period)|"
    r"nästa ansöknings\w*|rekrytoi\w*|recruiting|"
    r"points (needed|required)|entrance score|aukiol\w*|aukeaa|öppet\w*|opening hours|"
    r"open on|exact dates?|which day|vilken dag|mikä päivä|när börjar|när startar|"
    r"milloin .{0,60}alka\w*|mihin aikaan|kello monelta|seuraava ryhmä|seuraava koulutus|"
    r"when does .{0,40}\bstart|next (course|group|intake|class)|nästa \w*(grupp|kurs)|"
    r"aikataulu\w*|lukujärjestys|timetable|schedule|schema|admissions contact|yhteyshenkilö|"
    r"kontaktperson|contact person|puhelinnumero\w*|phone number|telefonnummer|"
    r"sähköpostiosoit\w*|e-?mail address|e-?postadress|"
    r"\bkuka on .{0,40}(ohjaaja|opettaja|rehtori|johtaja|vastaava|psykologi|työntekijä|"
    r"koordinaattori)\w*|\bvem är .{0,40}(handledare|lärare|rektor|ansvarig|chef|psykolog|"
    r"arbetare|kurator|koordinator)\w*|who is the .{0,40}(counsellor|counselor|teacher|head|"
    r"principal|director|psychologist|worker|coordinator)|hur når jag|head of|vilken lärare|"
    r"mikä opettaja|"
    # One person's name, or when one office receives visitors.
    r"\bvad heter (hen|han|hon|den personen)\b|\bmikä (sen|hänen) nimi on\b|"
    r"\bwhat(?:'s| is) (his|her|their) name\b|\bvastaanott\w* .{0,20}(ilta|lauantai|viikonlop)|"
    r"(ilta|lauantai|viikonlop)\w* .{0,20}vastaanott|\bmottagning\w* .{0,20}(kväll|lördag|helg)|"
    r"who teaches|kuka opettaa|vem undervisar|who is teaching|"
    r"paljonko (sinne )?otetaan|sisäänotto|aloituspaik\w*|nybörjarplats\w*|hur många antas|"
    r"how many (are|get) admitted|how many (places|seats|students)|montako (paikkaa|"
    r"opiskelijaa)|platser kvar|paikkoja jäljellä|vielä jäljellä|spots? left|places? left|"
    r"avoimi\w* (työpaikkoj\w*|töitä|paikkoj\w*)|lediga (jobb|platser) (hos|på|vid)|"
    r"(open|vacant) (positions|vacancies|jobs) at|vacancies at|\bis \w+ hiring|"
    r"hakeeko .{0,40}(työntekijö|kesätyö|harjoittelij)\w*|söker \w+ (säljare|personal|"
    r"sommarjobbare|praktikant)\w*|vielä tilaa|tilaa vielä|still room|room left|"
    r"plats(er)? kvar|jono\w*|kötid\w*|\bkön\b|waiting (list|time)|queue|"
    r"palkkaako|ottaako .{0,30}(työntekijö|kesätyö)|\banställer (ni|de)\b|rekryterar|"
    # one employer's own apprentice, trainee or summer-job places ("onks lidlillä tampereella
    # oppisopimuspaikkoja", "tar Alko emot praktikanter", "does ikea in vantaa take
    # apprentices")
    r"\b(onks|onko|ottaa|ottaako|ottaaks|tarjoaako|tarjoaaks)\b.{0,40}\b(oppisopimuspaik\w*|"
    r"oppisopimusopiskelij\w*|harjoittelupaik\w*|harjoittelij\w*|kesätyöpaik\w*)|"
    r"\btar \w+ emot (praktikant|lärling|sommarjobbar|sommarpraktikant)\w*|"
    r"\b(take|takes|taking|accept|accepts|hire|hires|hiring) (on )?(apprentices|trainees|"
    r"interns|summer workers|summer trainees)\b|"
    r"are they hiring|tuntipalk\w*|alkupalk\w*|lähtöpalk\w*|kuukausipalk\w*|ingångslön|timlön|"
    r"månadslön|starting salary|what time|minimum score|"
    r"(monthly |hourly )?salary (of|at|for) .{0,40}\bat\b|how much does [\w-]+ pay|"
    r"hur mycket betalar|paljonko \w+ maksaa \w+(lle|lla)\b|"
    # "what does the course cost at Arcada": a price at one named place (not "in Finland", not
    # "at the highest level")
    r"kostar .{0,40}\b(vid|på|hos|i) (?!Finland)(?-i:[A-ZÅÄÖ])|"
    r"(cost|how much is the .{0,40}) \b(at|in) (?!Finland)(?-i:[A-Z])|"
    r"hinta .{0,20}(kurssi|koulutu)\w* .{0,20}ssa|mitä maksaa \w+n |"
    r"(kurssi|koulutus)\w* maksaa)",
    re.IGNORECASE,
)
# What one town or school offers this year ("onko Porvoossa kesäseteli tänä vuonna", "does
# Lahti give summer job vouchers this year"), asked with a place or a name the articles do not
# use; not when the place is where the learner lives ("I live in Espoo, can I still apply this
# year?" is the general question).
THIS_YEAR = re.compile(
    r"(tänä (vuonna|syksynä|keväänä)|\bi (år|höst|vår)\b|this (year|autumn|fall|spring))", re.I
)
OFFERS = re.compile(
    r"\b(give|gives|giving|offer|offers|hand out|are there|is there|onko|onks|"
    r"löytyykö|löytyyks|jakaa|jakaako|antaa|antaako|tarjoaa|tarjoaako|finns det|ger|"
    r"delar ut|erbjuder)\b|"
    # "has", "har", but not as the perfect tense ("I have been", "jag har varit")
    r"\b(have|has)\b(?!\s+(been|had|\w+ed)\b)|\bhar\b(?!\s+(?!det\b)\w+t\b)",
    re.I,
)
RESIDENCE = re.compile(
    r"\b(i live|i'?m living|we live|asun|asumme|asuin|jag bor|vi bor|bor i|bor på)\b", re.I
)
# A name of two or more capitalised words ("Police University College", "Helsinki Summer
# University"), not opening a sentence.
_NOT_OPENING = r"(?<![.!?:]\s)(?<!^)\b"
_NAME_WORD = r"[A-ZÅÄÖ][\wåäö-]{2,}"
NAME_PHRASE = re.compile(rf"{_NOT_OPENING}{_NAME_WORD}(?:\s+(?:of\s+)?{_NAME_WORD})+")
# A capitalised word that does not open a sentence: a name of a school, company or place.
NAMED = re.compile(_NOT_OPENING + _NAME_WORD)
# Pay asked of someone: with a name the articles never use, an employer's own pay.
PAY = re.compile(r"\b(salary|salaries|wage|pay|palkka|palkkaa|palkan|lön|lönen|betalar)\b", re.I)


PLAIN = re.compile(r"[0-9a-zåäöéü]+")
# Stems of evidence about going, studying or working abroad, or coming from abroad.
ABROAD = ("ulkomail", "ulkomaa", "utomlands", "utlandet", "abroad", "eures", "erasmus")
# Finnish case endings of "in" and "to" a place.
THERE = ("ssa", "ssä", "an", "än", "iin", "hin", "lla", "llä", "lle")
# Where the learner comes from: "from Nigeria", "från Kenya", "Intiasta", "kom hit".
ORIGIN = re.compile(
    r"\b(from|från)\s+(the\s+)?[A-ZÅÄÖ]|\b[A-ZÅÄÖa-zåäö]\w+(sta|stä)\b(?=.{0,40}(suomeen|tänne|"
    r"muutin|tulin))|\b(came here|came to finland|moved here|moved to finland|kom hit|"
    r"kom till finland|flyttade hit|flyttade till finland|tulin suomeen|muutin suomeen|"
    r"tulin tänne|muutin tänne)\b|"
    # "oon Irakista", "kaveri on Virosta", "olen kotoisin Intiasta"
    r"\b(oon|olen|on|olin|olemme|ovat|tulen|tuun|tulin|kotoisin)\s+[A-ZÅÄÖa-zåäö]\w+(sta|stä)\b|"
    # Work, training or a degree done there: the learner's background ("I worked 8 years as a
    # pipe fitter in Poland", "jag utbildade mig i Estland", "valmistuin Virossa").
    r"\b(worked|trained|studied|graduated|qualified|was trained|got my \w+|did my \w+)\b"
    r"[^.?!]{0,50}\bin\s+(?-i:[A-Z])|"
    # ... in lower case too, and school finished or a life lived there ("only finished primary
    # school in afghanistan", "grew up in syria")
    r"\b(worked|trained|studied|taught|graduated|qualified|finished|completed|went to school|"
    r"grew up|was born|lived)\b(?:(?!\bin\b)[^.?!,]){0,50}\bin\s+(?!finland\b)[a-z]{4,}\b|"
    r"\b(jobbade|arbetade|utbildade mig|studerade|tog (min )?examen|tog mitt \w+)\b"
    r"[^.?!]{0,50}\bi\s+(?-i:[A-ZÅÄÖ])|"
    r"\b(työskentelin|olin töissä|oon ollu töissä|olen ollut töissä|opiskelin|valmistuin|"
    r"koulutuin|tein töitä|suoritin)\b[^.?!]{0,50}\b(?-i:[A-ZÅÄÖ])\w+(ssa|ssä)\b",
    re.IGNORECASE,
)
# Degrees written as abbreviations: not names of something the articles lack.
DEGREE = re.compile(r"(PhD|MSc|BSc|MBA|BBA|MA|BA|DSc|LLM|EMBA)s?$")
# Words for a nationality or a language ("Ukrainian", "virolainen", "estnisk"): where someone
# or a degree comes from, not another country's rules.
NATIONALITY = (
    "ian",
    "ean",
    "ese",
    "ish",
    "lainen",
    "läinen",
    "laisen",
    "läisen",
    "laiset",
    "läiset",
    "sk",
    "ska",
    "ske",
)
ACRONYM = re.compile(r"([A-ZÅÄÖ]{2,})[:]?[a-zåäö]{1,5}$")


def asks_own_case(question: str) -> bool:
    """Does the question ask about one person's own application, decision or payment?"""
    return bool(OWN_CASE.search(question))


# A clause that asks something: a question word, or a Finnish question suffix ("voinko",
# "pitääkö", "onks").
ASKING = re.compile(
    r"\b(miten|mitä|mikä|mitkä|kuka|ketkä|missä|mistä|mihin|milloin|kauanko|paljonko|kuinka|"
    r"miks|miksi|\w+(ko|kö)|onks|voiks|saaks|pitääks|kannattaaks|how|what|who|where|when|"
    r"which|why|hur|vad|vem|vilken|vilket|vilka|varför)\b|"
    # a verb that opens a yes-no question ("can I...", "kan jag...")
    r"^\W*(can|could|do|does|did|is|are|should|will|would|may|kan|får|måste|ska|finns|är|"
    r"var|när)\b",
    re.IGNORECASE,
)
CLAUSE = re.compile(r"[^.!?;,]+")


# A word that points back to what was said before ("I want to be a midwife. Is it possible?").
BACK = re.compile(
    r"\b(it|that|this|there|se|sen|sitä|siihen|siinä|siitä|sinne|tämä|tätä|tähän|det|den|"
    r"detta|dit|där)\b",
    re.IGNORECASE,
)


def asked_part(question: str) -> str:
    """The clauses of the question that ask something ("I'm studying to be a cook at an amis,
    how long could I go abroad?" -> "how long could I go abroad"); the whole question when
    none does, or when one points back ("... Is it possible at 45?"). An occupation named only
    outside them is the learner's situation."""
    asking = [c for c in CLAUSE.findall(question) if ASKING.search(c)]
    if not asking or any(BACK.search(c) for c in asking):
        return question
    return ", ".join(asking)
