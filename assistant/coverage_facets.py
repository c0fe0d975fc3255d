"""Facets whose answer must be in the lead article's own text (a licence's validity, a test's
pass mark, a price, a processing time, a language requirement, a statute's number) or in any
cited one (pay, demand), and situations that change the rules (prison, a pension, asylum...):
what `assistant.coverage` asks of the evidence beyond its words (`coverage_patterns`)."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.coverage_patterns import ASKS, EVIDENCE
from assistant.sentence_words import ASKS_LAW, STATES_LAW

# Facets whose answer is a figure in the lead article's own text (TEXT_EVIDENCE), not a word
# its stems keep.
TEXT_ASKS = {
    # How long a card, licence or certificate stays valid, or how it is renewed: the evidence
    # must speak of validity or renewal.
    "validity": re.compile(
        r"(voimassa\w*|vanhene\w*|uusimi\w*|uusitaan|uusittava|(voi|pitää|täytyy|pitäis) "
        r"(sen |ne )?uusia\b|"
        r"hur länge gäller|giltighet\w*|förny\w*|"
        r"renew\w*|how long (is|are|does|do) .{0,40}valid\b|valid for how long|expir\w*)"
    ),
    # A test's pass mark: the evidence must give points or correct answers.
    # How much an occupation or a job pays ("paljonko sähköasentaja tienaa", "vad tjänar en
    # elektriker", "what does a plumber earn"): the evidence must give a figure or say where
    # pay is found, not only how to train for the work.
    "earnings": re.compile(
        r"\b(paljonko|kuinka paljon|mitä|minkä verran|paljon)\b.{0,40}"
        r"\b(tienaa\w*|tienata|ansaitse\w*)\b|\b(paljonko|kuinka paljon|minkä verran|mikä on)\b"
        r".{0,40}\b(palkka|palkkaa|palkat|\w+palkka|\w+palkkaa)\b|"
        r"\b(hur mycket|vad|vilken)\b.{0,40}\b(tjänar|tjäna|förtjänar|lön|lönen|\w+lön|"
        r"\w+lönen)\b|"
        r"\b(how much|what)\b.{0,40}\b(earns?|earning|salary|salaries|wages?)\b|"
        r"\b(how much|what)\b.{0,30}\b(do|does|did|can|could|would|will)\b.{0,30}\bmakes?\b"
        r"(?!\s+(a|an|the|one|it|me|you|us|him|her|them|sure|up)\b)|"
        r"\b(how much|what)\b.{0,40}\b(are|is|be|get|gets) paid\b|\bwhat(?:'s| is) the pay\b"
    ),
    # A rule for EU citizens ("do I need a work permit as an EU citizen"): the lead article
    # must speak of EU citizens, not only of those from outside the EU.
    "eu_citizen": re.compile(
        r"\b(eu[- ]?(citizens?|nationals?|kansalai\w*|medborgare)|eu-maan kansalai\w*|"
        r"eu-land\w*|från ett eu-land|from (an? )?eu (country|member state)|eu-maasta)\b"
    ),
    # What something costs, or whether it is free ("paljonko kurssi maksaa", "vad kostar
    # det", "is the course free"): the evidence must give a price, a fee or say it is free.
    "price": re.compile(
        r"\b(paljonko|kuinka paljon|mitä|minkä verran|mikä on)\b.{0,40}\b(maksaa|maksavat|"
        r"maksais\w*|kustantaa|hinta|hinnat|\w*maksu|\w*maksut)\b|\b(onko|onks|ovatko|oisko)\b"
        r".{0,40}\b(maksuto\w*|ilmai\w*|maksullis\w*)|"
        r"\b(hur mycket|vad)\b.{0,40}\b(kostar|kosta|kostade|avgiften|\w*avgift|priset)\b|"
        r"\b(är|e)\b.{0,40}\b(gratis|avgiftsfri\w*|kostnadsfri\w*|avgiftsbelagd\w*)\b|"
        r"\bhow much\b.{0,40}\b(cost|costs|fees?|charge)\b|\bwhat\b.{0,40}\b(cost|costs|fees?|"
        r"price)\b|\bis\b.{0,40}\bfree\b(?! time)(?! of)|\b(tuition|course|exam) fees?\b"
    ),
    # Whether there is work or demand for an occupation ("onko lähihoitajille töitä
    # Kainuussa", "finns det brist på elektriker", "is there demand for welders"): the evidence
    # must speak of demand, a shortage or the barometer, not only of how to train.
    "outlook": re.compile(
        r"\b(onko|onks|onkohan|löytyykö|löytyyks)\b.{0,40}\b(töitä|töit|työtä|työpaikkoja)\b|"
        r"työllisyysnäkym\w*|työllistymisnäkym\w*|\bkysyntää\b|\bpulaa\b|"
        r"\b(finns det|får man)\b.{0,40}\b(jobb|arbete)\b|efterfrågan|\bbrist på\b|"
        r"sysselsättningsutsikt\w*|\bis there (much |any |enough )?(demand|work)\b|"
        r"\bare there (any |enough |many )?jobs\b|job prospects|employment prospects|"
        r"\bin demand\b|shortage of"
    ),
    # How long a decision takes ("kuinka nopeasti saan starttirahapäätöksen"): the evidence
    # must give a processing time.
    "processing_time": re.compile(
        r"\b(kuinka kauan|kauanko|kuinka nopeasti|miten nopeasti|how long|how fast|how quickly|"
        r"hur länge|hur snabbt|hur lång tid)\b.{0,60}(\w*päätö\w*|\w*käsittel\w*|decision|"
        r"processed|processing|\w*beslut\w*|handlägg\w*)|käsittelyaika\w*|handläggningstid\w*|"
        r"processing time"
    ),
    # Whether a job or study needs a language ("tarvitseeko sairaanhoitajan osata ruotsia",
    # "do I need to speak Finnish to work as a cook"): the evidence must speak of language skills.
    "language_skill": re.compile(
        r"\b(osata|osattava|osaa)\b.{0,20}\b(suomea|ruotsia|englantia)\b|kielitaitovaatim\w*|"
        r"\b(kunna|tala)\b.{0,20}\b(finska|svenska|engelska)\b|språkkrav\w*|"
        r"\b(speak|know)\b.{0,10}\b(finnish|swedish)\b|language requirement\w*"
    ),
    # Which law rules something ("mikä laki määrää", "vilken lag gäller"): a statute's number.
    "law": ASKS_LAW,
    "pass_mark": re.compile(
        r"((montako|kuinka monta|paljonko) (kysymystä|pistettä|oikein)\b.{0,80}"
        r"(läpi|läpäis|hyväksyt|taso\w*|arvosana\w*)|läpäisyraja|hyväksymisraja|"
        r"hur många (poäng|rätt)\b.{0,80}(klara|godkän|nivå\w*|betyg\w*)|gränsen för godkänt|"
        r"how many (points|questions|correct answers?)\b.{0,80}\b(pass|level|grade)|pass mark|"
        r"passing (score|mark|grade)|score .{0,20}to pass)"
    ),
}

# (inside a compound too: "mediaaniansio", "årsinkomsten"; "earn" not inside "learning")
_PAY_WORD = (
    r"(\w*(palk|ansio|ansai|lön|inkomst|salar|wage|income)|\b(tulot|tulor|tulo\w* raj|tjän|"
    r"earn|pay|paid))"
)
# What answers those facets, read in the lead article's own text (its stems lose the numbers).
TEXT_EVIDENCE = {
    "validity": re.compile(
        r"(voimassa \w*\s?(\d+|yhden|kahden|kolmen|viisi|viiden|kymmenen)|voimassa toistaiseksi|"
        r"uusi\w* (\d+|viiden|kymmenen) vuoden välein|(\d+|viiden|kymmenen) vuoden välein|"
        r"giltig\w* (i )?\d+|gäller (i )?\d+ år|förny\w* (vart|var) |valid for \d+|"
        r"valid (for|until)|renew\w* every|every \d+ years|\d+ years? (after|from) )",
        re.IGNORECASE,
    ),
    # a figure beside a word of pay or income, where pay is found, or that a collective
    # agreement sets it
    "earnings": re.compile(
        rf"({_PAY_WORD}[^.]{{0,100}}\d[\d\s.,]*\s?(€|euro)|\d[\d\s.,]*\s?(€|euro)[^.]{{0,100}}"
        rf"{_PAY_WORD}|palkkatie|palkkatilast|palkkarakenne|"
        r"palkkasuosit|löneuppgift|lönestatistik|lönestruktur|lönerekommend|"
        r"(pay|salary|earnings) (information|statistics|figures|data|recommendations)|"
        r"(palkkaa|lönen?|pay|wages?|salary) (ei|inte|is not|isn't) (makseta|betalas|paid)|"
        r"palkaton|obetald|unpaid|structure of earnings|"
        rf"{_PAY_WORD}[^.]{{0,80}}(työehtosopimu|kollektivavtal|"
        rf"collective agreement)|(työehtosopimu|kollektivavtal|collective agreement)[^.]{{0,80}}"
        rf"{_PAY_WORD})",
        re.IGNORECASE,
    ),
    # An age limit stated, or that there is none (not an aside such as Ohjaamo "alle
    # 30-vuotiaille" in the next steps, which says nothing of this service's limit).
    "age_limit": re.compile(
        r"(ikäraj|yläikä|alaikä|ikäkatto|åldersgräns|övre ålder|age limit|upper age|"
        r"kaiken ?ikäi|iästä riippumatta|alla åldrar|oavsett ålder|all ages|any age|"
        r"regardless of age|"
        r"maximum age|minimum age|vähintään \d+[- ]?vuotia|\d+ vuotta täyttän|täyttä\w* \d+ "
        r"vuotta|at least \d+ years|aged? \d+|minst \d+ år|fyllt \d+|"
        r"\d+\s?[–-]\s?\d+[- ]?(vuotia|åring|år\b|years?|-year)|(?<!alle )(?<!under )\b\d+[- ]?"
        r"(vuotia|åring)|\d+ years? old|\d+ or (older|over)|\d+ år eller äldre)",
        re.IGNORECASE,
    ),
    "eu_citizen": re.compile(
        r"((eu|eta|eea|ees)[-/ ]?(ja eta-|/eea |/eta-|/ees-)?(maiden |maan |country |countries )?"
        r"(kansalai|medborgar|citizen|national)|citizens? of (an? )?(eu|eea|eu/eea|european "
        r"union) (country|countries|member state)|(kansalai|medborgar|citizen)\w* (of|från|in) "
        r"(the )?(eu|eea|eu/eea)\b(?!\w)(?! outside))",
        re.IGNORECASE,
    ),
    "law": STATES_LAW,
    # a processing time, or how long a decision takes
    "processing_time": re.compile(
        r"(käsittelyaika|käsittely kestää|handläggningstid|handläggningen tar|processing (time|"
        r"takes)|takes? (on average |about |around )?\d|(päätö|decision|beslut)\w*[^.]{0,60}"
        r"\d+\s*([–-]\s*\d+\s*)?(päivä|viiko|kuukau|dagar|veckor|månad|days|weeks|months)|"
        r"\d+\s*([–-]\s*\d+\s*)?(päivä|viiko|kuukau|dagar|veckor|månad|days|weeks|months)\w*"
        r"[^.]{0,60}(päätö|decision|beslut))",
        re.IGNORECASE,
    ),
    # language skills or a language requirement
    "language_skill": re.compile(
        r"(kielitai|kielitutkin|kielikoe|\byki\b|suomen kiel|ruotsin kiel|språkkunskap|språkkrav|"
        r"språkexam|kunskaper i (finska|svenska)|language (skills?|requirement|proficiency|test)|"
        r"\b[abc][12]\b|(finnish|swedish) (language|skills)|taitotaso|nivå [abc]|level [abc])",
        re.IGNORECASE,
    ),
    # demand, a shortage, the barometer or how graduates find work
    "outlook": re.compile(
        r"(barometr|työvoimapula|\bpula|kysyntä|kysytt|kysytyi|työllisty|työllisyysnäkym|"
        r"efterfråg|\bbrist|shortage|demand|prospects|employment rate)",
        re.IGNORECASE,
    ),
    # a price or a fee, or that it is free
    "price": re.compile(
        r"(\d[\d .,]*\s?(€|e\b|eur|euro)|maksuto|maksutto|maksutta|ilmai|avgiftsfri|"
        r"kostnadsfri|gratis|\bfree\b|no fee|fee-free|\w*maksu(t|a|n|ja|llinen|llis\w*)?\b|"
        r"\w*avgift\w*|\bfees?\b|tuition|kostar|costs? (nothing|money|\d)|you pay|maksat itse|"
        r"betalar själv|kustannu\w*|kostnad\w*)",
        re.IGNORECASE,
    ),
    "pass_mark": re.compile(
        r"(\d+ (pistettä|pisteestä|poäng|points|oikein|rätt|correct)|"
        r"(pistettä|poäng|points) (\d+|vähintään)|läpäisyraja|pass mark)",
        re.IGNORECASE,
    ),
}

# Situations that change the rules (a prisoner, a pensioner, an asylum seeker, a conviction,
# parental or sick leave, insurance, Sámi): a question in one is answered only by an article
# that speaks of it (its stems), else the general rule is served as if it applied.
SITUATIONS = {
    "prison": (
        r"\b(vanki\w*|vankila\w*|avovankila\w*|istun tuomiota|fånge\w*|fängelse\w*|prisoners?|"
        r"prison|jail|inmate)\b",
        r"(vank|fång|fängel|prison|inmat|jail)",
    ),
    "pension": (
        r"\b(eläkkee\w*|eläke\w*|eläkeläi\w*|työkyvyttömyyseläk\w*|sjukpension\w*|pensionär\w*|"
        r"i pension|pensioner\w*|disability pension|retired|retirement)\b",
        # (not a pension provider's rehabilitation: "työeläkelaitos", "pension provider")
        r"\b(eläkkee\w*|eläkeläi\w*|työkyvyttömyyseläk\w*|pensionär\w*|sjukpension\w*|"
        r"invalidpension\w*|retir\w*|pensioner\w*|disabl\w*)",
    ),
    "asylum": (
        r"\b(turvapaik\w*|asylsök\w*|asyl\w*|asylum)\b",
        r"(turvapaik|asyl)",
    ),
    "conviction": (
        r"\b(rikosrekister\w*|rattijuopumu\w*|rattfylleri\w*|dom för|brottsregist\w*|"
        r"straffregist\w*|convictions?|criminal record|convicted)\b",
        r"(rikosrekister|straffregist|brottsregist|criminal|convict)",
    ),
    "sami": (r"\b(saame\w*|samisk\w*|sámi|sami)\b", r"(saame|samisk|sámi|sami)"),
    "family_leave": (
        r"\b(vanhempainvapa\w*|äitiysvapa\w*|isyysvapa\w*|hoitovapa\w*|föräldraledig\w*|"
        r"parental leave|maternity leave|paternity leave)\b",
        r"(vanhempainvapa|perhevapa|hoitovapa|föräldraledig|parental|maternit|paternit)",
    ),
    "sick": (
        r"\b(sairauspäivärah\w*|sairasloma\w*|sairastuin|sairastu(n|in)|sjukdagpenning\w*|"
        r"blev sjuk|sick leave|sickness allowance|got sick|fall ill|fell ill)\b",
        r"(sairauspäivärah|sairaslom|sairastu|sjukdagpen|sjukskriv|sjukledig|sick)",
    ),
    "insurance": (
        r"\b(\w*vakuutet\w*|\w*vakuutus\w*|\w*vakuutuks\w*|\w*försäkr\w*|insured|insurance)\b",
        r"(vakuut|försäkr|insur)",
    ),
}
SITUATION_PATTERNS = {
    name: (re.compile(asked, re.IGNORECASE), re.compile(evidence))
    for name, (asked, evidence) in SITUATIONS.items()
}


# Benefits and statuses a question may combine ("vaikuttaako starttiraha asumistukeen", "the
# rehabilitation allowance and the general support at the same time", "will my disability
# pension stop if I study"): when it names two, the lead article must speak of both, or the
# answer is about one of them alone.
BENEFITS = {
    name: re.compile(pattern)
    for name, pattern in {
        "general_support": r"yleistu\w*|yleise\w* tu\w*|general support|allmän\w* stöd",
        "housing_allowance": r"asumistu\w*|housing (allowance|supplement)|bostads(bidrag|tillägg)",
        "start_up_grant": r"starttira\w*|start-?up grant|startpeng\w*",
        "rehabilitation_allowance": r"kuntoutusra\w*|rehabilitation allowance|"
        r"rehabiliteringspenning\w*",
        "earnings_related": r"ansiosidonnai\w*|ansiopäivära\w*|earnings-related|"
        r"inkomstrelaterad\w*",
        "study_grant": r"opintora\w*|opintotu\w*|study grant|student (aid|financial aid)|"
        r"studiepenning\w*|studiestöd\w*",
        "disability_pension": r"työkyvyttömyyseläk\w*|disability pension|invalidpension\w*|"
        r"sjukpension\w*",
        "pay_subsidy": r"palkkatu\w*|pay subsidy|lönesubvention\w*",
        "child_increase": r"lapsikorotu\w*|child (increase|supplement)|barnförhöjning\w*",
        "loan_compensation": r"opintolainahyvity\w*|loan compensation|studielånsgottgörelse\w*",
    }.items()
}


# Facets any cited article may answer: a pay figure or where pay is found is an answer to a
# pay question wherever in the reply it stands.
ANY_CITED = {"earnings", "outlook"}


@lru_cache(maxsize=256)
def _states(facet: str, text: str) -> bool:
    """Does `text` (an article's or a card's text, lower case) state the facet's answer? The
    same few articles lead most answers, and a search reads the whole text (~20 KB)."""
    return TEXT_EVIDENCE[facet].search(text) is not None


def unanswered_facets(
    question: str, lead_stems: str, lead_text: str, cited_text: str = ""
) -> list[str]:
    """What the (lower-case) question asks that the article the answer opens with (its stems
    joined, and its own text with `extra` texts, lower case) does not answer: a second
    article's "no upper age limit" (apprenticeships) does not answer the police's age limit;
    an article on one benefit does not answer how it combines with another."""
    asked = [facet for facet, pattern in ASKS.items() if pattern.search(question)]
    asked += [facet for facet, pattern in TEXT_ASKS.items() if pattern.search(question)]
    missing = [
        facet
        for facet in asked
        if not (
            _states(facet, cited_text or lead_text)
            if facet in ANY_CITED
            else _states(facet, lead_text)
            if facet in TEXT_EVIDENCE
            else EVIDENCE[facet].search(lead_stems)
        )
    ]
    named = [name for name, pattern in BENEFITS.items() if pattern.search(question)]
    if len(named) >= 2:
        missing += [name for name in named if not BENEFITS[name].search(lead_text)]
    return missing


CARD_FACETS = ("price",)
"""Facets an answer card's own answer must state to open the reply (the others' evidence
patterns are written for an article's text, and a card says "every five years" in words)."""


def unstated_facets(question: str, text: str) -> list[str]:
    """The facets the (lower-case) question asks that `text` (an answer card's answer) does
    not state: a card on who runs YKI does not answer what the test costs."""
    return [
        facet
        for facet in CARD_FACETS
        if TEXT_ASKS[facet].search(question) and not _states(facet, text)
    ]


# A fee named by its own compound or phrase ("työttömyyskassan jäsenmaksu", "ansökningsavgift",
# "membership fee"): the lead article must name that fee, not only some other price.
NAMED_FEE = re.compile(
    r"\b(\w{3,}maksu|\w{3,}avgift|(membership|application|registration|union) fee)",
    re.IGNORECASE,
)


def unnamed_fees(question: str, lead_text: str) -> list[str]:
    """The fees the (lower-case) question names that the lead article's text (lower case,
    every language) does not."""
    return [m.group(0) for m in NAMED_FEE.finditer(question) if m.group(0)[:-1] not in lead_text]
