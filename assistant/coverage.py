"""Does the evidence address the question? The check that keeps a near miss from being served
as a confident answer.

Retrieval always finds *something*: a question about airline pilots finds the article on
occupations, a question about one employer's pay finds the article on pay. Similarity alone
cannot tell a near miss from an answer, so before answering, the question's salient concepts are
looked for in the articles the answer would cite:

- a *concept* is a content word of the question that is not generic in the corpus (generic: it
  occurs in a large share of the articles, like "opiskella" or "work"), and not a filler word;
- it is *covered* when the cited articles (in any language) contain it, its compound tail
  (Finnish and Swedish glue words together) or the same five-letter beginning;
- what is *asked* about it (pay, cost) must be there too: a question about pay needs evidence that
  speaks of pay, a question about cost evidence that speaks of fees or of it being free.

A question with a concept that is not covered gets `no_answer` with the reason `not_covered`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from assistant.places import country_names, place_names
from knowledge_base.lexical import analyse

GENERIC_SHARE = 0.12
"""A stem found in at least this share of a language's articles says nothing specific."""
SUBJECT_SHARE = 0.05
"""A title word is a subject of its own (oppisopimus, starttiraha) when at most this share of
the articles use it at all: a question naming it must get an article that speaks of it."""
PREFIX = 5
"""Beginnings of this many letters match inflected and typo'd forms ("oppisopimuks")."""
MIN_LENGTH = 4
"""Shorter stems (and numbers) are never concepts: "45", "it", "cv" carry no subject alone."""
UNKNOWN_LENGTH = 6
"""A lower-case word this long that no article begins like is taken for a name
("metropolian", "jorvaksessa"); shorter ones are too often slang."""
NAME_PREFIX = 7
"""Letters a capitalised name must share with a word of the corpus to be known ("Ohjaamon")."""
INFLECTION = 3
"""Letters an inflected form may add to or drop from a stem the analyser left unmatched."""
COMPOUND_TAIL = 5
OCCUPATION_GUIDE = "occupation-"
"""Article ids of the guides to occupations begin so."""

# Words of asking, wanting and situation that carry no subject (beyond the analyser's stopwords).
_FILLER = {
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
_ASKS = {
    "pay": re.compile(
        r"\b(palk\w*|tienaa\w*|tienata|ansai\w*|ansio\w*|lön\w*|tjäna\w*|förtjän\w*|"
        r"salar\w*|wages?|earn\w*|paid|pays?)\b"
    ),
    "cost": re.compile(
        r"\b(maksa\w*|hint\w*|kallis\w*|ilmai\w*|lukukausimaks\w*|kost\w*|avgift\w*|gratis|"
        r"cost\w*|fees?|price\w*|free|tuition)\b"
    ),
}
_EVIDENCE = {
    "pay": re.compile(
        r"(palk|ansio|tulotaso|lön|inkomst|salar|wage|earning|pay\b|€|euro)", re.IGNORECASE
    ),
    "cost": re.compile(
        r"(maks|hinta|ilmai|€|euro|avgift|kostnad|kostar|gratis|fee|cost|free|tuition)",
        re.IGNORECASE,
    ),
}


@dataclass(frozen=True)
class Coverage:
    """What of the question the evidence leaves unaddressed."""

    concepts: tuple[str, ...]
    """The question's salient concepts (stems)."""
    missing: tuple[str, ...]
    """Concepts the evidence does not contain."""
    unanswered: tuple[str, ...] = ()
    """What is asked that the evidence says nothing about: `pay`, `cost`, or details no
    general guidance holds: `own_case` (one person's application or decision), `local` (one
    named school's, office's or employer's own details)."""

    @property
    def covered(self) -> bool:
        """Everything the question is about, and what it asks, is in the evidence."""
        return not self.missing and not self.unanswered


def _words(texts: Iterable[str], language: str) -> set[str]:
    return {t for text in texts for t in analyse(text, language) if not t.startswith("~")}


class CoverageCheck:
    """Knows the corpus's words and subjects; checks questions against evidence."""

    def __init__(
        self,
        documents: Mapping[tuple[str, str], Iterable[str]],
        subjects: Mapping[tuple[str, str], Iterable[str]],
        occupations: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        """`documents`: (article id, language) -> the article's texts; `subjects`: the same
        keys -> its title and headings (what it is about); `occupations`: language -> names of
        occupations (OPH's qualification titles, ESCO's labels)."""
        self._stems: dict[tuple[str, str], frozenset[str]] = {}
        counts: dict[str, dict[str, int]] = {}
        sizes: dict[str, int] = {}
        for (doc_id, language), texts in documents.items():
            stems = frozenset(_words(texts, language))
            self._stems[(doc_id, language)] = stems
            sizes[language] = sizes.get(language, 0) + 1
            per_language = counts.setdefault(language, {})
            for stem in stems:
                per_language[stem] = per_language.get(stem, 0) + 1
        self._vocabulary = frozenset(s for stems in self._stems.values() for s in stems)
        self._generic = {
            language: frozenset(
                stem for stem, n in counts[language].items() if n >= GENERIC_SHARE * sizes[language]
            )
            for language in counts
        }
        self._filler = {
            language: frozenset(_words([words], language)) for language, words in _FILLER.items()
        }
        filler = self._filler
        # A subject is a name in a title, as a phrase ("class teacher"): the question names
        # it when it uses every word of it; its rare words (at most SUBJECT_SHARE of the
        # articles use them) are what the evidence must then hold.
        self._subjects: dict[str, set[tuple[frozenset[str], tuple[str, ...]]]] = {}
        self._occupation_subjects: set[str] = set()
        # Articles about going abroad (their title or a heading says so).
        self._abroad_docs = {
            doc_id
            for (doc_id, _), names in subjects.items()
            if any(w.startswith(_ABROAD) for name in names for w in _PLAIN.findall(name.lower()))
        }
        for (doc_id, language), names in subjects.items():
            rare_limit = SUBJECT_SHARE * sizes[language]
            generic = GENERIC_SHARE * sizes[language]
            for name in names:
                words = [
                    t
                    for t in _words([name], language)
                    if len(t) >= MIN_LENGTH
                    and t not in filler.get(language, ())
                    and counts[language].get(t, 0) < generic
                ]
                rare = tuple(t for t in words if counts[language].get(t, 0) <= rare_limit)
                if rare:
                    self._subjects.setdefault(language, set()).add((frozenset(words), rare))
                    if doc_id.startswith(OCCUPATION_GUIDE):
                        self._occupation_subjects.update(rare)
        self._occupations = {
            language: frozenset(stem for stem in _words(names, language) if len(stem) >= MIN_LENGTH)
            for language, names in (occupations or {}).items()
        }
        # Beginnings (2 to NAME_PREFIX letters) of every word the corpus uses, in any
        # language: a name none of them begins ("Wärtsilä", "Tredun") is something the
        # articles never speak of.
        self._names = frozenset(
            word[:n]
            for texts in documents.values()
            for text in texts
            for word in set(_PLAIN.findall(text.lower()))
            for n in range(2, NAME_PREFIX + 1)
        )
        self._places = _place_keys()
        self._countries = _place_keys(country_names())

    def is_place(self, word: str) -> bool:
        """Is the word (in any inflected form) a municipality or a country?"""
        return _is_place(word.lower(), self._places)

    def unknown_names(self, question: str) -> list[str]:
        """Names in the question (capitalised, not opening a sentence) that no article uses
        and that are not places: a school, company or programme the sources know nothing of."""
        return [
            m.group(0)
            for m in _NAMED.finditer(question)
            if not self._knows(m.group(0)) and not self.is_place(m.group(0))
        ]

    def _knows(self, name: str) -> bool:
        """Does the corpus use the name, or every part of a hyphenated one ("TE-toimisto")?
        A name is compared on more letters than a word: "Supercell" is not "supervisor"."""
        acronym = _ACRONYM.match(name)
        if acronym:
            # "TUVAan", "YKI:n": the capitals are the name, the rest its case ending.
            name = acronym.group(1)
        return all(part[:NAME_PREFIX] in self._names for part in _PLAIN.findall(name.lower()))

    def names_somewhere(self, question: str) -> bool:
        """Does the question name one place, school, office or employer?"""
        if _NAMED.search(question):
            return True
        return any(
            self.is_place(w) or (len(w) >= UNKNOWN_LENGTH and w[:PREFIX] not in self._names)
            for w in _PLAIN.findall(question.lower())
            if len(w) >= MIN_LENGTH
        )

    def concepts(self, question: str, language: str) -> tuple[str, ...]:
        """The question's stems that name something specific: a subject the corpus has an
        article on (a word of a title few articles use), and the occupation the question is
        about ("miten minusta tulee eläinlääkäri", "hur blir man veterinär")."""
        found = list(self._targets(question, language))
        asked = {t for t in analyse(question, language) if not t.startswith("~")}
        for phrase, rare in self._subjects.get(language, ()):
            if all(_names(t, asked) for t in phrase):
                found.extend(rare)
        return tuple(dict.fromkeys(found))

    def _targets(self, question: str, language: str) -> tuple[str, ...]:
        """Stems of the occupation the question asks about ("hur blir man sotare")."""
        generic = self._generic.get(language, frozenset())
        filler = self._filler.get(language, frozenset())
        found: list[str] = []
        for word in occupation_targets(question, language):
            stems = [t for t in analyse(word, language) if not t.startswith("~")]
            # A stemmer may cut an unknown occupation short ("sotare" -> "sot"): the word's
            # own beginning stands for it then.
            stems = [
                t if len(t) >= MIN_LENGTH or len(word) < 6 else word.lower()[:PREFIX] for t in stems
            ]
            found.extend(
                t for t in stems if len(t) >= MIN_LENGTH and t not in generic and t not in filler
            )
        return tuple(found)

    def _foreign(self, question: str, prefixes: set[str]) -> list[str]:
        """Countries the question names that the evidence does not: another country's own
        rules (a licence in Ireland, Sweden's student aid) are not in Finnish guidance, unless
        the evidence is about going abroad."""
        if _ORIGIN.search(question) or any(
            w.startswith(_ABROAD) for w in _PLAIN.findall(question.lower())
        ):
            # Where the learner comes from is their background; a country given as an
            # example of "abroad" is the general question.
            return []
        named = [
            m.group(0).lower()
            for m in re.finditer(r"[\wåäöÅÄÖ]+", question)
            if len(m.group(0)) >= MIN_LENGTH
            and _is_country(m.group(0).lower(), self._countries)
            # "oman", "peru", "espanjaa" (Spanish): a country when written as a name, or in
            # a form that says in or to it ("norjassa", "ruotsiin")
            and (
                m.group(0)[0].isupper()
                or (
                    m.group(0).lower().endswith(_THERE)
                    and m.group(0).lower()[:NAME_PREFIX] not in self._names
                )
            )
        ]
        return [w for w in named if w[:PREFIX] not in prefixes]

    def evidence(self, doc_ids: Iterable[str]) -> frozenset[str]:
        """The stems of these articles in every language they are written in."""
        wanted = set(doc_ids)
        return frozenset(
            stem for (doc, _), stems in self._stems.items() if doc in wanted for stem in stems
        )

    def check(
        self, question: str, language: str, doc_ids: Iterable[str], extra: Iterable[str] = ()
    ) -> Coverage:
        """How well the articles `doc_ids` (and `extra` texts) cover the question."""
        doc_ids = list(doc_ids)
        specific = ["own_case"] if asks_own_case(question) else []
        if _LOCAL.search(question) and self.names_somewhere(question):
            specific.append("local")
        if specific:
            return Coverage((), (), tuple(specific))
        concepts = self.concepts(question, language)
        stems = set(self.evidence(doc_ids)) | _words(extra, language)
        prefixes = {s[:PREFIX] for s in stems if len(s) >= PREFIX}
        missing = [c for c in concepts if not _found(c, stems, prefixes)]
        if len(missing) < len(concepts):
            # An occupation the learner only mentions ("valmistuin merkonomiksi, koskeeko
            # nuorisotakuu minua?") is their situation, not the subject, when the evidence
            # covers what they ask about; one they want to become stays the subject.
            targets = set(self._targets(question, language))
            missing = [c for c in missing if c in targets or c not in self._occupation_subjects]
        missing += self.unknown_names(question)
        if not self._abroad_docs.intersection(doc_ids):
            missing += self._foreign(question, prefixes)
        text = question.lower()
        asked = [facet for facet, pattern in _ASKS.items() if pattern.search(text)]
        unanswered: list[str] = []
        if asked:
            raw = " ".join(sorted(stems))
            unanswered = [facet for facet in asked if not _EVIDENCE[facet].search(raw)]
        return Coverage(concepts, tuple(missing), tuple(unanswered))


def _names(stem: str, asked: set[str]) -> bool:
    """Does the question use this stem, or a form of it a few letters longer or shorter?"""
    if stem in asked:
        return True
    return len(stem) >= PREFIX and any(
        len(a) >= PREFIX
        and abs(len(a) - len(stem)) <= INFLECTION
        and (a.startswith(stem) or stem.startswith(a))
        for a in asked
    )


def _found(concept: str, stems: set[str], prefixes: set[str]) -> bool:
    if concept in stems:
        return True
    if len(concept) >= PREFIX and concept[:PREFIX] in prefixes:
        return True
    # A compound's tail: "hakukohteeseen" holds "kohte", "sjuksköterskeutbildning" "utbildning".
    return len(concept) >= COMPOUND_TAIL and any(
        len(s) >= COMPOUND_TAIL and (concept.endswith(s) or s.endswith(concept)) for s in stems
    )


# One person's own case: the status of or the reason for their application, decision or
# payment. Only the service handling it can see it.
_OWN_CASE = re.compile(
    r"(\b(mun|minun|mu|mitt|min|mina|my|our)\b.{0,40}\b(hakemu\w*|päätö\w*|asia(ni|a)?\b|"
    r"maksu\w*|tuki(ni)?\b|tulos\w*|ansökan|ansökningen|\w*ansökan|beslut\w*|ärende\w*|"
    r"resultat\w*|application|decision|case|payment|claim|results?)\b.{0,60}\b(käsitel\w*|"
    r"vaihe\w*|hylät\w*|hylkä\w*|myönnet\w*|maksettu|maksetaan|tulee|tullu\w*|kest\w*|"
    r"handlägg\w*|avslag\w*|beviljad\w*|betal\w*|kommit|processed|processing|rejected|"
    r"turned down|denied|approved|paid|arrive\w*|status|where|why|when)|"
    r"\b(miksi|miks|varför|why)\b.{0,40}\b(hylät\w*|hylkä\w*|avslag|turn(ed)? down|reject\w*|"
    r"den(y|ied))|"
    r"\b(ei oo|ei ole|har inte|hasn'?t|has not|haven'?t)\b.{0,30}\b(käsitel\w*|maksa\w*|"
    r"betalat|handlagt|processed|paid)|"
    # A decision the learner got, and whether or how to appeal it.
    r"\b(sain|saimme|fick|got|received)\b.{0,30}\b(kielteise\w*|hylkää\w*|avslag\w*|"
    r"negative|refusal|rejection)|"
    r"\b(sa|sade|said)\s+(nej|no)\b.{0,60}\b(varför|why|överklag\w*|appeal)|"
    r"\b(valittaa|valitus\w*|oikaisuvaati\w*|överklaga\w*|appeal (it|the decision|against))|"
    # Something of one's own that has not come yet, or is being reclaimed.
    r"\b(ei|inte|not|n't)\b.{0,25}\b(vieläkään|vielä|än|ännu|yet)\b.{0,20}\b(tullu\w*|"
    r"maksettu|kommit|betal\w*|arrived|come|paid)|"
    r"\b(inte|not)\b.{0,10}\b(betalat|paid)( ut)?\b.{0,20}\b(mitt|min|my)\b|"
    r"\bperi\w*\b.{0,30}\btakaisin\b|\btakaisin\b.{0,30}\bperi\w*|"
    r"\b(kräver|återkräv\w*)\b.{0,30}\b(mig|av mig)|\b(reclaim\w*|pay back)\b.{0,40}\b(me|my)\b|"
    # A decision of one's own that seems wrong, or an answer that is late.
    r"\b(mun|minun|mitt|min|my)\b.{0,40}\b(päätö\w*|beslut\w*|decision)\b.{0,40}\b(väärin|"
    r"virhe\w*|fel\w*|wrong|incorrect|mistake)|"
    r"\b(ei|inte|not|n'?t)\b.{0,20}\b(vastannut|svarat|answered|replied)\b.{0,30}\b(mun|minun|"
    r"min|mitt|my)\b|\b(varför dröjer|miksi kestää|why is it taking)\b|"
    r"\b(missä vaiheessa|hur långt|where is my|check whether|tarkista(tko|isitko|isitteko)|"
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
_LOCAL = re.compile(
    r"(pisteitä|pistettä|pisteet|pistemäär\w*|pisteraja\w*|alin hyväksytty|poäng\w*|"
    r"minimum points|cut-?off|how many points|points did (you|i|one|they)|"
    r"\bauki\b|\b(open|öppe\w*)\b.{0,20}\b(saturdays?|sundays?|weekends?|evenings?|"
    r"lördag\w*|söndag\w*|helg\w*|kväll\w*)|(lauantai|sunnuntai|viikonlop|arki-?ilt)\w*.{0,20}"
    r"\bauki|seuraava haku|seuraava hakuaika|next (application|intake|admission) (round|period)|"
    r"nästa ansöknings\w*|rekrytoi\w*|recruiting|"
    r"points (needed|required)|entrance score|aukiol\w*|aukeaa|öppet\w*|opening hours|"
    r"open on|exact dates?|which day|vilken dag|mikä päivä|när börjar|när startar|"
    r"milloin .{0,40}alka\w*|mihin aikaan|kello monelta|seuraava ryhmä|seuraava koulutus|"
    r"when does .{0,40}\bstart|next (course|group|intake|class)|nästa \w*(grupp|kurs)|"
    r"aikataulu\w*|lukujärjestys|timetable|schedule|schema|admissions contact|yhteyshenkilö|"
    r"kontaktperson|contact person|puhelinnumero\w*|phone number|telefonnummer|"
    r"sähköpostiosoit\w*|e-?mail address|e-?postadress|"
    r"\bkuka on .{0,40}(ohjaaja|opettaja|rehtori|johtaja|vastaava)\w*|\bvem är .{0,40}"
    r"(handledare|lärare|rektor|ansvarig|chef)\w*|who is the .{0,40}(counsellor|counselor|"
    r"teacher|head|principal|director)|hur når jag|head of|vilken lärare|mikä opettaja|"
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
    r"are they hiring|tuntipalk\w*|alkupalk\w*|ingångslön|timlön|månadslön|starting salary|"
    r"(monthly |hourly )?salary (of|at|for) .{0,40}\bat\b|how much does \w+ pay|"
    r"hur mycket betalar|paljonko \w+ maksaa \w+(lle|lla)\b|"
    r"kostar .{0,40}\b(vid|på|i)\b|cost at|how much is the .{0,40}\b(at|in)\b|"
    r"hinta .{0,20}(kurssi|koulutu)\w* .{0,20}ssa|mitä maksaa \w+n |"
    r"(kurssi|koulutus)\w* maksaa)",
    re.IGNORECASE,
)
_NAMED = re.compile(r"(?<![.!?:]\s)(?<!^)\b[A-ZÅÄÖ][\wåäö-]{2,}")


_PLAIN = re.compile(r"[0-9a-zåäöéü]+")
# Stems of evidence about going, studying or working abroad, or coming from abroad.
_ABROAD = ("ulkomail", "ulkomaa", "utomlands", "utlandet", "abroad", "eures", "erasmus")
# Finnish case endings of "in" and "to" a place.
_THERE = ("ssa", "ssä", "an", "än", "iin", "hin", "lla", "llä", "lle")
# Where the learner comes from: "from Nigeria", "från Kenya", "Intiasta", "kom hit".
_ORIGIN = re.compile(
    r"\b(from|från)\s+(the\s+)?[A-ZÅÄÖ]|\b[A-ZÅÄÖa-zåäö]\w+(sta|stä)\b(?=.{0,40}(suomeen|tänne|"
    r"muutin|tulin))|\b(came here|came to finland|moved here|moved to finland|kom hit|"
    r"kom till finland|flyttade hit|flyttade till finland|tulin suomeen|muutin suomeen|"
    r"tulin tänne|muutin tänne)\b",
    re.IGNORECASE,
)
_ACRONYM = re.compile(r"([A-ZÅÄÖ]{2,})[:]?[a-zåäö]{1,5}$")


def _place_keys(names: frozenset[str] | None = None) -> tuple[frozenset[str], frozenset[str]]:
    """Whole names and, for longer ones, the beginning an inflected form keeps
    ("Vaasa" -> "Vaasassa", "Kerava" -> "Keravalla")."""
    names = place_names() if names is None else names
    return names, frozenset(n if len(n) <= 5 else n[:-1] for n in names if len(n) >= 4)


def _is_country(word: str, keys: tuple[frozenset[str], frozenset[str]]) -> bool:
    """A country's name or an inflected form of it: a few letters more, no longer word
    ("norjassa", "Sverige"; not "peruskoulu")."""
    names, stems = keys
    return word in names or any(
        word.startswith(stem) and len(word) - len(stem) <= 5 for stem in stems if len(stem) >= 4
    )


def _is_place(word: str, keys: tuple[frozenset[str], frozenset[str]]) -> bool:
    names, stems = keys
    if word in names:
        return True
    return any(word[:n] in stems for n in range(4, min(len(word), 14)))


def asks_own_case(question: str) -> bool:
    """Does the question ask about one person's own application, decision or payment?"""
    return bool(_OWN_CASE.search(question))


# The occupation a question is about, as the learner wrote it.
_TARGETS = {
    "fi": [
        r"\b(?:tulla|tulee|tulis|tulisi|ryhtyä|ryhdyn|kouluttautua|päästä|pääsee|pääsen|"
        r"pääsis|pääsisin|opiskella|"
        r"opiskelemaan|valmistua|töihin)\s+(\w{4,}?)ksi\b",
        r"\b(?:musta|minusta|susta|sinusta) (?:tulee|tulis|tulisi|vois tulla) (\w{4,})",
        r"\bmitä (\w{4,}) (?:tekee|tekevät)\b",
        r"\b(?:paljonko|kuinka paljon|mitä) (\w{4,}) (?:tienaa|ansaitsee|saa palkkaa)\b",
        r"\b(\w{5,}?)(?:n|in|en) (?:koulutus|koulutukseen|ammattiin|palkka|työnkuva)\b",
        r"\btyöskennellä (\w{4,}?)(?:na|nä)\b",
    ],
    "sv": [
        r"\bhur blir (?:man|jag|du) (?:en |ett )?(\w{4,})",
        r"\bbli (?:en |ett )?(\w{4,}(?:are|ör|ist|log|när|tör|man|ska|ent|ant|ter))\b",
        r"\bvad gör (?:en |ett )?(\w{4,})",
        r"\b(?:jobba|arbeta) som (?:en |ett )?(\w{4,})",
        r"\btjänar (?:en |ett )?(?:nyanställd |ny )?(\w{4,})",
        r"\butbildning(?:en)? till (\w{4,})",
    ],
    "en": [
        r"\bbecom(?:e|ing) an? ((?:\w+ )?\w{4,})",
        r"\bwhat does an? (\w{4,}) do\b",
        r"\bwork(?:ing)? as an? ((?:\w+ )?\w{4,})",
        r"\b(?:does|do) (?:an? )?(\w{4,}?)s? (?:earn|make)\b",
        r"\btrain(?:ing)? (?:to be|as) an? ((?:\w+ )?\w{4,})",
    ],
}
_TARGET_PATTERNS = {
    language: [re.compile(p, re.IGNORECASE) for p in patterns]
    for language, patterns in _TARGETS.items()
}


def occupation_targets(question: str, language: str) -> list[str]:
    """Words naming the occupation the question asks about (may be empty)."""
    found: list[str] = []
    for pattern in _TARGET_PATTERNS.get(language, []):
        for match in pattern.finditer(question):
            found.extend(match.group(1).split())
    return found
