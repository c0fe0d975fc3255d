"""Word lists and patterns of the sentence scoring (`assistant.sentences`): question words and
pointers and words that only set the scene (weighed down), what a question asks about (an
amount, a level, an actor) and what states it, and where a combined question's parts meet."""

from __future__ import annotations

import re

# Question words and pointers that say nothing about the topic (beyond knowledge_base's list).
FILLER_WORDS = {
    "en": "who where when which will would should get go there here still any some much many "
    "anything something really even know need want",
    "fi": "sinne siellä siinä tässä kuka ketkä saa saako voi voiks voisin pitää pitääkö mä mun oo "
    "ei jos kun vielä viel enää nyt miten mitä mikä mistä missä mihin milloin onko olla ole olen "
    "minun sinun mulle mua jotain joku jotenkin tosi ihan vaan vain saada voinko voisinko "
    "saanko haluan haluaisin haluisin",
    "sv": "man får ska kan det där dit vem vilka vilken hur när var finns mig mej jag vill är "
    "nu ännu fortfarande någon något några bara",
}
# Words that usually only set the scene ("in Finland", "Finnish employers"): they count less.
SCENE_WORDS = frozenset(
    re.findall(r"\S+", "finland finnish suomi suomen suomessa suomeen finland finländsk finsk")
)

# Words of pay that ask nothing about pay: what has been paid (the learner's situation) and the
# earnings-related allowance's name.
NOT_ASKED = re.compile(
    r"\b((been|has|have|had|hasn't|haven't|was|were) paid|earnings-related|ansiosidonnai\w*|"
    r"ansiopäivära\w*)"
)
# What states an answer to each facet the coverage check knows (`coverage_patterns.ASKS`): an
# amount for pay, an amount or "free" for a cost, an age for an age limit.
AMOUNT = r"\d[\d .,]*\s?(€|e\b|eur|%|prosent|procent|percent)"
STATES = {
    "pay": re.compile(AMOUNT, re.IGNORECASE),
    "cost": re.compile(
        AMOUNT
        + r"|maksuto|maksutto|maksutta|ilmai|avgiftsfri|kostnadsfri|gratis|free|no fee|fee-free",
        re.IGNORECASE,
    ),
    "age_limit": re.compile(
        r"\d+\s?[-–]?\s?(vuotia|vuoden|år|years?|åring)|ikäraj|åldersgräns|age limit",
        re.IGNORECASE,
    ),
}
# A question about how well one must know a language ("how good does my Finnish need to be",
# "hur bra svenska måste", "riittääkö B1") and what states a level ("A1.3–A2.1", "nivå C").
ASKS_LEVEL = re.compile(
    r"\b(how (good|well)|what level|which level|language (skills?|level)|hur (bra|väl)|vilken "
    r"nivå|språkkunskap\w*|kuinka hyv\w*|miten hyv\w*|kielitai\w*|mill\w* tasoll\w*|"
    r"[abc][12](\.\d)?)\b"
)
STATES_LEVEL = re.compile(r"\b[ABC][12]\b|\b(level|nivå|taso|tasolla|nivån) [ABC]\b")
# A question about who runs, pays or decides something, and what names such an actor: a
# ministry, the state, a municipality, a provider, or an organisation's acronym ("OKM", "KEHA").
ASKS_ACTOR = re.compile(
    r"\b(who|kuka|ketkä|vem)\b(\s+\S+){0,4}?\s+(pays?|paid|funds?|funded|runs?|organi[sz]es|"
    r"decides?|maintains?|owns?|provides?|built|made|created|developed|is responsible|maksaa|"
    r"maksoi|rahoittaa|rahoitti|pyörittää|ylläpitää|päättää|järjestää|vastaa|omistaa|teki|"
    r"rakensi|kehitti|betalar|betalade|finansierar|finansierade|driver|upprätthåller|beslutar|"
    r"bestämmer|ordnar|ansvarar|äger|byggt|byggde|gjort|gjorde|utvecklat|utvecklade)\b"
)
# A question about how long something lasts or is paid ("hur länge kan man få allmänt stöd",
# "kauanko starttirahaa saa") and what states a duration, a maximum or that there is none.
ASKS_DURATION = re.compile(
    r"\b(kuinka kauan|kauanko|miten pitkään|kuinka pitkään|mikä on enimmäis\w*|how long|"
    r"for how long|maximum (period|duration)|hur länge|hur lång tid|maxtid\w*)\b"
)
STATES_DURATION = re.compile(
    r"\d+\s*(päivä|viikko|viiko|kuukau|vuo|dagar|dag|veckor|vecka|månad|år\b|days?|weeks?|"
    r"months?|years?)|\b(enintään|korkeintaan|högst|at most|up to|no maximum|ingen maximal|"
    r"ei enimmäis\w*|toistaiseksi|indefinitely|tills vidare|ingen tidsgräns|no time limit)\b",
    re.IGNORECASE,
)
# A question about when something happens ("milloin yhteishaku alkaa", "När kan man söka",
# "when does the application open") and what states a date, a month or a season.
ASKS_WHEN = re.compile(
    r"\bmilloin\b|(^|[.?!,]\s*)((and|but|och|men|so) )?(när|when)\b|\b(mihin aikaan|"
    r"minä päivänä|mihin mennessä|"
    r"vilken (dag|månad)|what time of (the )?year|which month|by what date)\b",
    re.IGNORECASE,
)
STATES_WHEN = re.compile(
    r"\d{1,2}\.\s?(\d{1,2}\.|[–-])|\b((tammi|helmi|maalis|huhti|touko|kesä|heinä|elo|syys|loka|"
    r"marras|joulu)kuu\w*|(januari|februari|mars|april|maj|juni|juli|augusti|september|"
    r"oktober|november|december)\b|(january|february|march|april|may|june|july|august|"
    r"september|october|november|december)\b|kevää\w*|kevät\w*|syksy\w*|våren|hösten|"
    r"spring|autumn|vuosittain|every year|varje år)",
    re.IGNORECASE,
)
# A question about which law rules something ("mikä laki määrää", "vilken lag gäller", "which
# act", "lagnumret") and what states a statute's number ("1135/2016").
ASKS_LAW = re.compile(
    r"\b(mikä laki|mitkä lait|minkä lain|missä laissa|lain numero\w*|lakinumero\w*|"
    r"vilken lag|vilka lagar|lagnummer\w*|lagnumret|which (law|act)|what (law|act)|"
    r"the law number|number of the (law|act)|mikä direktiivi|minkä direktiivin|vilket "
    r"direktiv|which (eu )?directive|what (eu )?directive)\b"
)
# (a Finnish statute "1135/2016", an EU directive "2005/36/EY")
STATES_LAW = re.compile(
    r"\b(\d{1,4}/(19|20)\d{2}|(19|20)\d{2}/\d{1,3}/(EY|EU|EG|EC))\b", re.IGNORECASE
)
STATES_ACTOR = re.compile(
    r"\b([A-ZÅÄÖ]{2,}\b|[Mm]inist\w*|[Ss]tate\b|[Vv]altio|[Ss]taten\b|\w*anordnar\w*|"
    r"\w*järjestäjä\w*|provider)"
)
# Questions about an amount, a date or a duration.
QUANTITY = re.compile(
    r"\b(how (many|much|long|old)|when|what (does|do) .{0,30}cost|paljon\w*|monta\w*|moneen\w*|"
    r"kuinka|milloin|mihin aikaan|kauanko|hinta|maksaa|hur (många|mycket|länge|gammal)|när|"
    r"vad kostar|kostar)\b"
)
NUMBER = re.compile(
    r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|twelve|yksi|kaksi|kolme|neljä|viisi|"
    r"kuusi|kuuteen|seitsemän|kahdeksan|yhdeksän|kymmenen|en|ett|två|tre|fyra|fem|sex|sju|åtta|"
    r"nio|tio)\b",
    re.IGNORECASE,
)


# Where a combined question's parts meet: "and"/"ja"/"och" before another question ("Do I need
# a permit, and how much money do I have to show?").
PARTS = re.compile(
    r",?\s\b(?:and|or|ja|tai|vai|sekä|och|eller)\s(?=(?:how|what|when|where|which|who|"
    r"can|could|do|does|is|are|will|mi\w*|ku\w*|paljon\w*|onko|onks|voi\w*|saa\w*|pitää\w*|"
    r"tarvi\w*|hur|vad|när|var|vem|vilk\w*|kan|får|är|måste|behöver|ska)\b)",
    re.IGNORECASE,
)


# What a question asks when it asks who, how long or when, and what states it.
ASKED_STATES = (
    (ASKS_ACTOR, STATES_ACTOR),
    (ASKS_DURATION, STATES_DURATION),
    (ASKS_WHEN, STATES_WHEN),
    (ASKS_LAW, STATES_LAW),
)
