"""Word lists: name gazetteers and place names from Faker's locale data, plus curated stop lists.

Faker ships the given names and surnames of Finland (Statistics Finland / DVV top lists),
Sweden, Britain and the US, and Finnish and Swedish municipalities, inside the package; they are
read from the installed package once, at start, and nothing is downloaded.
"""

from __future__ import annotations

import importlib
import logging
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

log = logging.getLogger(__name__)


def words(text: str) -> tuple[str, ...]:
    """The whitespace-separated words of a literal block: long word lists stay readable."""
    return tuple(text.split())


# Finnish case endings (and the Swedish/English genitive -s), used to map an
# inflected word back to a base form: "Virtaselle" -> "Virtanen", "Kelan" -> "Kela".
FI_ENDINGS: tuple[str, ...] = (
    "ineen", "ssään", "ssaan", "lleen", "lleni", "seksi", "ltaan", "ltään",
    "ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle", "ksi", "ine",
    "hin", "han", "hen", "hon", "hun", "hyn", "hän", "hön", "ani", "ni", "si", "nsa",
    "nsä", "na", "nä", "ta", "tä", "in", "en", "an", "än", "on", "un", "yn", "ön",
    "n", "a", "ä", "s", "'s", "’s", ":n", ":ssa", ":lle", ":lla", ":sta",
)  # fmt: skip
# Endings of place-like forms ("Helsingissä", "Tampereelta"): a capitalised word with one of
# these after an unknown stem is a place or an organisation, never a surname.
LOCATIVE_ENDINGS: tuple[str, ...] = (
    "ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "ksi",
)  # fmt: skip

# Words of the guidance domain that look like proper nouns. Compared on the base form, so
# "Kelan", "Ohjaamossa" and "Työmarkkinatorilla" are covered by their nominatives.
CAREER_WORDS: frozenset[str] = frozenset(
    w.lower()
    for w in words(
        """
        Kela Ohjaamo Osaamispolku Osaamispolu Opintopolku Opintopolu Työmarkkinatori Jotpa OPH
        TE-palvelut TE-toimisto TE-keskus Työkkäri Työllisyyspalvelut Työvoimapalvelut ELY-keskus
        Duunitori Oikotie Monster Jobly Indeed LinkedIn Omnia Metropolia Laurea Haaga-Helia
        Aalto-yliopisto Stadi Sitra Migri Valvira Traficom Verohallinto Vero OmaKanta Suomi.fi
        Uusyrityskeskus Arbetsförmedlingen Försäkringskassan CSN Jobcentre UCAS NHS HMRC Skills
        Careeria Taitotalo Edupoli Varia Sampo Keuda Gradia Sedu Savonia Centria Novia Arcada Hanken
        Akademi Xamk Tamk Jamk Oamk Samk Kamk Karelia Humak Diak Aalto Nokia Kone Wärtsilä Fazer
        Valio Posti Alko Finnair Kesko Prisma Lidl Tokmanni Sodexo Attendo Mehiläinen Terveystalo
        Pihlajalinna Esperi Yle Sanoma Microsoft Google Excel Word PowerPoint Teams Zoom Python Java
        JavaScript Kotlin Linux SAP Salesforce Erasmus Valma Tuva Telma Luva Amis Lukio
        Kansalaisopisto Työväenopisto Avoin Yliopisto Kesäyliopisto Työvoimakoulutus Palkkatuki
        Starttiraha Aikuiskoulutustuki Koulutusrahasto Työllisyysrahasto Osaamisrahasto
        Ammattibarometri Työterveyslaitos Kelakorvaus Omaopettaja Moodle Peda Itslearning Teams
        Slack Trello Canva Figma Udemy Coursera Duolingo MOOC Mooc Elements Hive Hanken Novia Vamia
        Vaasa-opisto Hyria Keuda Luovi Spesia Ammattiopisto Yrityskylä Yrittäjät Akava STTK SAK JHL
        Pam Tehy Super Jyty Pro Erto Trade Union Studieinfo Studyinfo Jobbmarknad Jobbmarknaden
        Kompetensstigen Competency Suunta Navigatorn Navigaattori MIELI Mieli ESCO Valvira AHOT KEHA
        InfoFinland EURES Kristelefon Kriisipuhelin Jourhjälpen Päivystysapu Asiointi Opetushallitus
        Utbildningsstyrelsen Ammattibarometri Yrkesbarometern Työvoimabarometri
        Arbetskraftsbarometern Kymppi Koski Sysselsättningsfonden Ylioppilastutkintolautakunta
        Suupohja KIILA YKI Jatkuva Elinikäinen Ohjaamot Oma Omaopintopolku Stockmann Kotona Suomessa
        Kotoutumiskoulutus Työllisyysrahasto Vates Kuntoutussäätiö
        """
    )
)

# Given names that are also common words. AMBIGUOUS_INITIAL ones ("Toivo" = hope, "Aina" =
# always, "Will", "Mina" = my) are read as the word when they open a sentence alone;
# AMBIGUOUS_ALWAYS ones are capitalised in course names and job titles too ("Junior Developer",
# "Summer School", "Art and Design"), so alone they need a cue or a known surname anywhere.
AMBIGUOUS_INITIAL: frozenset[str] = frozenset(
    words(
        """
        Will Mark Bill Grace Hope Joy Faith Love Rose Max Jack Ray Lee Sue Drew Chase Sandy Sunny
        Penny Holly Dawn Gene Glen Earl Rich Rick Don Dick Roger Robin Victor Warren Hunter Mason
        Tanner Lance Misty Melody Destiny Crystal Diamond Amber Jade Ruby Iris Lily Hazel Daisy
        Heather Viola Rosemary Brandy Sherry Ebony Raven Angel Savannah Sierra Sonny Randy Patty
        Fanny Troy Guy Frank Pat Sky Page Carol Christian Kelly Faye Miles Noel My Mina Per Bo Dag
        Liv Klara Lina Signe Sten Stig Tuva Vide Viking Ville Saga Rut Tor Tore Lo Gun Owe Tilde Maj
        Kaj Jarl Bror Inge Frans Juni Lilja Britt Inga Olle Jo Ole Else Aina Alan Kai Arvo Satu Onni
        Toivo Tuuli Sini Veli Helmi Sisko Oiva Armas Aimo Usko Into Aamu Ilo Valo Lahja Rauha Meri
        Taimi Sulo Tyyne Lempi Terho Kaste Lumi Kaisla Nuppu Pilvi Aura Tähti Kuura Ruska Sade
        Unelma Tarmo Vilja Hilla Urho Kaino Vesa Kari Ilona Taisto Voitto Vieno Sointu Orvokki
        Vuokko Ritva Sirkka Marja Suvi Taru Virpi
        """
    )
)
AMBIGUOUS_ALWAYS: frozenset[str] = frozenset(
    words(
        """
        Grant Junior Summer Autumn Winter Urban Nova Major Dean Art Said Else Edit Justice Chance
        Sterling Precious Royal Young Long King Hall Hill Wood Bell Cook Baker Brown Green White
        Black Gray Grey Price Law Ward Little Day Church Marsh Park Lane Stone Banks Cross Bishop
        Carpenter Mills Waters Woods Fields English French Best Good Strong Power Key Case House
        """
    )
)
CALENDAR: frozenset[str] = frozenset(
    words(
        """
        January February March April May June July August September October November December Monday
        Tuesday Wednesday Thursday Friday Saturday Sunday Christmas Easter
        """
    )
)
# English capitalises nationalities and languages: "I'm Finnish" is not a name.
NATIONALITIES: frozenset[str] = frozenset(
    words(
        """
        Finnish Swedish British English Scottish Welsh Irish American Canadian Australian Estonian
        Russian Ukrainian Polish German French Spanish Italian Turkish Kurdish Arab Arabic Persian
        Somali Iraqi Syrian Afghan Indian Chinese Vietnamese Thai Filipino Nepali Norwegian Danish
        Dutch Portuguese Brazilian Nigerian Kenyan Ethiopian Eritrean Iranian Pakistani Bengali
        European Nordic Finn Swede Brit Muslim Christian Catholic Lutheran Sami Saami Romani
        """
    )
)
# Places that Faker's lists lack but learners mention; base forms.
_EXTRA_PLACES = """
    London Manchester Birmingham Leeds Glasgow Edinburgh Liverpool Bristol Cardiff Belfast
    Oxford Cambridge Sheffield Newcastle Nottingham Leicester Brighton York Aberdeen Dundee
    Stockholm Gothenburg Göteborg Malmö Uppsala Oslo Copenhagen Köpenhamn Tallinn Riga Berlin
    Helsinki Helsingfors Espoo Esbo Vantaa Vanda Tampere Tammerfors Turku Åbo Oulu Uleåborg
    Kallio Kamppi Pasila Itäkeskus Myyrmäki Tikkurila Leppävaara Matinkylä Herttoniemi Vuosaari
    Malmi Kontula Sörnäinen Lauttasaari Otaniemi Hervanta Kaleva Lapland Lappi Savo Karjala
    Pohjanmaa Uusimaa Pirkanmaa Häme Kainuu Åland Ahvenanmaa Finland Suomi Sverige Ruotsi Norja
    Viro Venäjä Ukraina Saksa Englanti Britannia Europe Eurooppa Nordic Pohjola Skandinavia
    Scandinavia England Scotland Wales Ireland Britain Sweden Norway Estonia Russia Ukraine
"""


def _provider_attr(kind: str, locale: str, attrs: Iterable[str]) -> list[str]:
    try:
        module = importlib.import_module(f"faker.providers.{kind}.{locale}")
    except ImportError:
        return []
    provider = module.Provider
    out: list[str] = []
    for attr in attrs:
        out.extend(str(v) for v in getattr(provider, attr, ()))
    return out


@dataclass(frozen=True)
class Lexicon:
    """Immutable word sets; shared by every thread once built."""

    given: frozenset[str]
    surnames_fi_sv: frozenset[str]
    surnames_en: frozenset[str]
    given_lower: frozenset[str]
    places: frozenset[str]
    career_lower: frozenset[str]
    street_suffixes_en: frozenset[str]
    family_first: frozenset[str] = frozenset()
    """Family names of origins that put them first (Vietnamese), with and without accents."""


def load_lexicon() -> Lexicon:
    given: set[str] = set()
    for loc in ("fi_FI", "sv_SE", "en_GB", "en_US"):
        given.update(
            _provider_attr("person", loc, ("first_names", "first_names_female", "first_names_male"))
        )
    surnames_fi_sv = set(_provider_attr("person", "fi_FI", ("last_names",)))
    surnames_fi_sv.update(_provider_attr("person", "sv_SE", ("last_names",)))
    surnames_en = set(_provider_attr("person", "en_GB", ("last_names",)))
    surnames_en.update(_provider_attr("person", "en_US", ("last_names",)))
    if not given:
        log.warning("Faker is not installed: names are found only after cue words")
    places: set[str] = set(_EXTRA_PLACES.split())
    for loc in ("fi_FI", "sv_SE"):
        places.update(_provider_attr("address", loc, ("cities", "states")))
    for loc in ("fi_FI", "sv_SE", "en_GB"):
        places.update(c for c in _provider_attr("address", loc, ("countries",)) if " " not in c)
    places.update(_provider_attr("address", "en_GB", ("counties",)))
    # A word that is both a place and a surname ("Lahti", "Salo") is read as the place when
    # it stands alone; next to a given name it is still kept as a surname by the name rules.
    return Lexicon(
        given=frozenset(given),
        surnames_fi_sv=frozenset(surnames_fi_sv),
        surnames_en=frozenset(surnames_en),
        # Lower-case names are trusted only after a cue, and only if they are not words too.
        given_lower=frozenset(
            g.lower() for g in given - AMBIGUOUS_INITIAL - AMBIGUOUS_ALWAYS - CALENDAR
        ),
        places=frozenset(places),
        career_lower=CAREER_WORDS,
        street_suffixes_en=frozenset(_provider_attr("address", "en_GB", ("street_suffixes",))),
        family_first=frozenset(_family_first()),
    )


# The most common Vietnamese family names beyond Faker's ten (about 90% of people).
_VI_FAMILY = "Ngô Đỗ Hồ Phan Huỳnh Võ Đinh Trương Lý Lương Đoàn Trịnh Lâm Tạ Hà Tô Quách"


def _family_first() -> set[str]:
    names = set(_provider_attr("person", "vi_VN", ("last_names",))) | set(_VI_FAMILY.split())
    # Learners often type without the accents: "Nguyen", "Tran", "Dang".
    folded = {
        "".join(c for c in unicodedata.normalize("NFD", n) if not unicodedata.combining(c))
        .replace("Đ", "D")
        .replace("đ", "d")
        for n in names
    }
    # Folded, a few are everyday English words ("Do I", "To Helsinki"): those stay out.
    return names | (folded - {"Do", "Ha", "Ho", "Le", "To", "Ta", "Ly", "Lam", "Cao"})


_GRADATION = (("k", "kk"), ("p", "pp"), ("t", "tt"), ("d", "t"), ("v", "p"), ("ng", "nk"))
_ENDINGS_BY_LEN: dict[int, frozenset[str]] = {
    n: frozenset(e for e in FI_ENDINGS if len(e) == n) for n in {len(e) for e in FI_ENDINGS}
}


@lru_cache(maxsize=65536)
def base_forms(word: str) -> tuple[str, ...]:
    """Candidate nominatives of a (possibly inflected) Finnish or Swedish word, the word first.

    Cheap and over-generating on purpose: the caller only keeps forms found in a word list.
    Cached, as the same words recur in every message; lru_cache is safe across threads.
    """
    forms = [word]
    low = word.lower()
    for n, endings in _ENDINGS_BY_LEN.items():
        ending = low[-n:]
        if len(low) - n < 2 or ending not in endings:
            continue
        stem = word[:-n]
        forms.append(stem)
        # Surnames in -nen inflect on -se- (Virtasen, Virtaselle) and -s- (partitive Virtasta).
        if stem.endswith("se") or (stem.endswith("s") and ending in ("ta", "tä")):
            forms.append(stem[: stem.rindex("s")] + "nen")
        # Vowel stems: Niemelle -> Niemi, Tampereella -> Tampere, Aaronille -> Aaron.
        if stem.endswith("e"):
            forms.append(stem[:-1] + "i")
            forms.append(stem[:-1])
        if stem.endswith("i"):
            forms.append(stem[:-1])
        # Consonant gradation in the last syllable: Mikolle -> Mikko, Antille -> Antti.
        for weak, strong in _GRADATION:
            idx = stem.rfind(weak, max(0, len(stem) - 4))
            if idx > 0:
                forms.append(stem[:idx] + strong + stem[idx + len(weak) :])
    return tuple(forms)
