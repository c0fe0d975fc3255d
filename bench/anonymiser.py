"""Evaluation and speed benchmark of `telemetry.anonymiser`.

Run: ``.venv/bin/python bench/anonymiser.py`` (``--quick`` for a smaller corpus, ``--no-compare``
to skip the other candidates, ``--errors`` to list misses and false alarms).

Corpus (all generated here, nothing downloaded):

* Faker sentences: career-guidance templates in Finnish, Swedish and English with entities
  from Faker("fi_FI"), Faker("sv_SE") and Faker("en_GB") - names, identity codes (`ssn()`,
  half of them rewritten to the 2023 century signs), phone numbers (Faker's formats and the
  everyday ones), e-mails, IBANs (FI, GB, and SE/DE/EE/NO computed here) and addresses.
  Faker's names come from the same lists the anonymiser uses, which flatters name recall;
* held-out: 44 names written for this benchmark (Finnish ones also inflected) and 17
  addresses, in templates of their own, to measure what the lists do not give away;
* entity-free career sentences full of Kela, Ohjaamo, Opintopolku, places, schools, months,
  years, sums and course codes: every detection there is a false alarm.

Scoring is span-level, per entity type: a gold span and a predicted span of the same type
match when their character IoU (overlap / union) is at least 0.5, one-to-one. Precision =
matched predictions / predictions, recall = matched gold spans / gold spans. "Covered" is the
privacy view: the share of gold spans whose every non-space character was redacted, whatever
the type. presidio-evaluator's SpanEvaluator, if installed, scores the same predictions too.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from telemetry.anonymiser import ENTITY_TYPES, Anonymiser

Gold = tuple[int, int, str]
Predictor = Callable[[str], list[Gold]]

SEED = 20240601


@dataclass
class Sentence:
    text: str
    spans: list[Gold]
    lang: str
    kind: str  # "faker", "heldout" or "clean"


# --- templates -----------------------------------------------------------------------------------
# Slots: {name} {first} {last} {name_gen} {name_all} {first_all} {ssn} {phone} {email} {iban}
# {address}. _gen/_all are the Finnish genitive and allative ("Virtasen", "Virtaselle").
TEMPLATES: dict[str, list[str]] = {
    "fi": [
        "Hei, nimeni on {name} ja etsin uutta alaa. Voitteko soittaa minulle numeroon {phone}?",
        "Olen {first}, 34-vuotias lähihoitaja, ja mietin alanvaihtoa. Sähköpostini on {email}.",
        "Henkilötunnukseni on {ssn}, tarvitsetteko sitä Kelan aikuiskoulutustuen hakemiseen?",
        "Palkka maksetaan tililleni {iban}, mutta Kela ei ole vielä maksanut opintotukea.",
        "Asun osoitteessa {address} ja haluaisin tietää, missä lähin Ohjaamo on.",
        "Opinto-ohjaajani {name} suositteli, että hakisin Opintopolussa ammattikorkeakouluun.",
        "Kävin eilen Ohjaamossa ja {first} neuvoi minua tekemään ansioluettelon uudelleen.",
        "Voinko lähettää CV:ni osoitteeseen {email} vai pitääkö se ladata Työmarkkinatorille?",
        "Soitin eilen {name_all} TE-toimistoon, mutta en saanut vastausta palkkatuesta.",
        "Tässä yhteystietoni: {name}, {phone}, {email}.",
        "Työnantaja pyysi henkilötunnustani {ssn} ja tilinumeroani {iban} oppisopimusta varten.",
        "Muutin osoitteeseen {address}, joten päivitättekö tietoni?",
        "Terveisin {name}",
        "Sovin {name_gen} kanssa, että haen JOTPAn rahoittamaan täydennyskoulutukseen.",
        "Minulle voi soittaa arkisin klo 9–16 numeroon {phone}.",
        "Postiosoitteeni on {address}, sinne voi lähettää todistukset.",
        "Hei! Mä oon {first} ja haluun tietää miten pääsen lähihoitajakoulutukseen.",
        "Ohjaaja {name} lupasi auttaa minua Osaamispolun käytössä.",
        "Kysyin {first_all} Tampereella, voiko oppisopimuksen tehdä 45-vuotiaana.",
        "Puhelinnumeroni vaihtui, uusi on {phone}.",
    ],
    "sv": [
        "Hej, jag heter {name} och funderar på att byta bransch. Ring mig på {phone}.",
        "Min e-post är {email}, kan ni skicka information om yrkesutbildning i Vasa?",
        "Jag bor på {address} och söker jobb inom vården.",
        "Min studievägledare {name} rekommenderade att jag söker via Studieinfo.",
        "Lönen betalas till mitt konto {iban}, men FPA har inte betalat studiestödet än.",
        "Jag är {first} och har jobbat som lagerarbetare i tio år.",
        "Kan {first} från TE-byrån ringa mig på {phone}?",
        "Min personbeteckning är {ssn}, behövs den för ansökan om vuxenutbildningsstöd?",
        "Skicka gärna papperen till {address}.",
        "Med vänlig hälsning, {name}",
        "Jag pratade med {name} på Arbetsförmedlingen om praktikplatser i Stockholm.",
        "Mina kontaktuppgifter: {name}, {email}, {phone}.",
        "Kontonummer för utbetalningen: {iban}.",
        "Mvh {first}",
        "Min handledare {name} tycker att jag ska söka till Yrkeshögskolan Novia.",
        "Jag har flyttat till {address}, kan ni uppdatera min adress?",
    ],
    "en": [
        "Hi, my name is {name} and I'd like to retrain as a developer. Call me on {phone}.",
        "I'm {first}, I moved to Helsinki last year and I'm looking for an apprenticeship.",
        "Please send the application form to {address}.",
        "My email is {email} if the adviser has any questions about my CV.",
        "My careers adviser {name} suggested I look at Open University courses.",
        "The grant should be paid to {iban}, is that correct?",
        "I currently live at {address} but I'm moving to Tampere in August.",
        "Could {first} from Ohjaamo call me back on {phone}?",
        "My Finnish personal identity code is {ssn}; do I need it to apply through Opintopolku?",
        "Contact details: {name}, {email}, {phone}.",
        "I spoke to {name} at the Jobcentre about Kela benefits for part-time study.",
        "Kind regards, {name}",
        "Thanks, {first}",
        "Mr {last} from the recruitment agency asked for my bank details: {iban}.",
        "Yesterday {name} from the Ohjaamo team helped me update my LinkedIn profile.",
        "You can text me at {phone} or write to {email}.",
    ],
}

# Written for this benchmark, not taken from Faker: (name, genitive, allative).
HELDOUT_NAMES: dict[str, list[tuple[str, str, str]]] = {
    "fi": [
        ("Eveliina Rautiainen", "Eveliina Rautiaisen", "Eveliina Rautiaiselle"),
        ("Jarkko Huttunen", "Jarkko Huttusen", "Jarkko Huttuselle"),
        ("Sanni Kärkkäinen", "Sanni Kärkkäisen", "Sanni Kärkkäiselle"),
        ("Heikki Väänänen", "Heikki Väänäsen", "Heikki Väänäselle"),
        ("Iida Sirviö", "Iida Sirviön", "Iida Sirviölle"),
        ("Otso Kivelä", "Otso Kivelän", "Otso Kivelälle"),
        ("Venla Pesonen", "Venla Pesosen", "Venla Pesoselle"),
        ("Juho Kuosmanen", "Juho Kuosmasen", "Juho Kuosmaselle"),
        ("Reetta Hurskainen", "Reetta Hurskaisen", "Reetta Hurskaiselle"),
        ("Elias Tolonen", "Elias Tolosen", "Elias Toloselle"),
        ("Pirjo Ylönen", "Pirjo Ylösen", "Pirjo Ylöselle"),
        ("Arttu Lappalainen", "Arttu Lappalaisen", "Arttu Lappalaiselle"),
        ("Milla Haverinen", "Milla Haverisen", "Milla Haveriselle"),
        ("Tuomas Kettunen", "Tuomas Kettusen", "Tuomas Kettuselle"),
        ("Kirsi Närhi", "Kirsi Närhen", "Kirsi Närhelle"),
        ("Veikko Paananen", "Veikko Paanasen", "Veikko Paanaselle"),
        ("Olena Kovalenko", "Olena Kovalenkon", "Olena Kovalenkolle"),
        ("Abdullahi Warsame", "Abdullahi Warsamen", "Abdullahi Warsamelle"),
    ],
    "sv": [
        ("Linnea Sjöberg", "", ""),
        ("Oskar Wallin", "", ""),
        ("Ebba Lindqvist", "", ""),
        ("Hampus Ekdahl", "", ""),
        ("Maja Forsberg", "", ""),
        ("Gustav Ahlgren", "", ""),
        ("Wilma Sundin", "", ""),
        ("Viktor Blomqvist", "", ""),
        ("Frida Nordlund", "", ""),
        ("Anton Hedlund", "", ""),
        ("Saga Åström", "", ""),
        ("Elsa Granlund", "", ""),
    ],
    "en": [
        ("Imogen Fairweather", "", ""),
        ("Callum McAllister", "", ""),
        ("Siobhan Doherty", "", ""),
        ("Rhys Pritchard", "", ""),
        ("Niamh Gallagher", "", ""),
        ("Declan Whitaker", "", ""),
        ("Harriet Ashworth", "", ""),
        ("Ewan Buchanan", "", ""),
        ("Priya Raman", "", ""),
        ("Tobias Ellery", "", ""),
        ("Maisie Crowther", "", ""),
        ("Kwame Mensah", "", ""),
        ("Marta Nowak", "", ""),
        ("Dmitri Volkov", "", ""),
    ],
}
HELDOUT_TEMPLATES: dict[str, list[str]] = {
    "fi": [
        "Nimeni on {name} ja kaipaisin apua urasuunnitteluun.",
        "Uravalmentaja {name} kehotti minua päivittämään ansioluetteloni.",
        "Kävin {name_gen} kanssa läpi opintosuunnitelmani Ohjaamossa.",
        "Lähetin hakemuksen {name_all}, joka vastaa rekrytoinnista.",
        "Hei, olen {name} ja asun Espoossa.",
        "Työkaverini {name} sanoi, että Kelan tuki ei riitä vuokraan.",
    ],
    "sv": [
        "Jag heter {name} och vill studera vidare.",
        "Min chef {name} stöder min omskolning.",
        "Jag träffade {name} på mässan i Helsingfors.",
        "Hälsningar, {name}",
    ],
    "en": [
        "My name is {name} and I need help with my CV.",
        "My manager {name} supports my retraining.",
        "I met {name} at the careers fair in Helsinki.",
        "Best regards, {name}",
    ],
}
HELDOUT_ADDRESSES: dict[str, list[str]] = {
    "fi": [
        "Hämeentie 3 A 12, 00530 Helsinki",
        "Sörnäisten rantatie 25",
        "Itäinen Rantakatu 64, 20810 Turku",
        "Hervannan valtaväylä 8 C 21",
        "Kauppakatu 19 as. 4, 40100 Jyväskylä",
        "Satakunnankatu 18 B, 33210 Tampere",
        "Pohjoisesplanadi 11–13",
    ],
    "sv": [
        "Drottninggatan 71, 111 36 Stockholm",
        "Kungsportsavenyen 22, 411 36 Göteborg",
        "Sankt Eriksgatan 46 lgh 1203",
        "Strandvägen 7A",
        "Handelsesplanaden 12, 65100 Vasa",
    ],
    "en": [
        "Flat 2, 47 Kingsland Road, London E2 8AA",
        "221B Baker Street",
        "14 Orchard Close, Leeds LS6 2QR",
        "Apartment 5, 9 Quayside, Newcastle NE1 3DX",
        "3 Victoria Terrace, Edinburgh EH1 2JL",
    ],
}
HELDOUT_ADDRESS_TEMPLATES = {
    "fi": "Uusi osoitteeni on {address}, lähetättekö kirjeen sinne?",
    "sv": "Min nya adress är {address}.",
    "en": "My new address is {address}.",
}

# No personal data at all: every detection here is a false alarm.
CLEAN: dict[str, list[str]] = {
    "fi": [
        "Voinko saada Kelan aikuiskoulutustukea, jos aloitan opinnot ensi syksynä?",
        "Kävin Ohjaamossa Helsingissä ja sain apua työnhakuun.",
        "Löydänkö Opintopolusta kaikki ammattikorkeakoulujen yhteishaut?",
        "Työmarkkinatorilla on nyt yli 300 avointa paikkaa Tampereella.",
        "JOTPA rahoittaa täydennyskoulutusta, mutta OPH vastaa tutkintojen perusteista.",
        "Osaamispolku auttaa tunnistamaan osaamiseni ennen hakua.",
        "Muutin Ouluun ja etsin töitä sosiaali- ja terveysalalta.",
        "Opiskelin Tampereen yliopistossa vuosina 2015–2019 ja valmistuin maisteriksi.",
        "Haen Metropolia Ammattikorkeakouluun ja Haaga-Heliaan kevään yhteishaussa.",
        "Omnian aikuislukio järjestää kursseja myös iltaisin.",
        "Aalto-yliopiston avoin yliopisto maksaa noin 15 euroa opintopisteeltä.",
        "Jyväskylässä on hyvät mahdollisuudet oppisopimukseen.",
        "TE-toimisto lähetti minulle kutsun 12.3.2024 klo 10.",
        "Kelan opintotuki on 279,38 euroa kuukaudessa.",
        "Olen ollut työttömänä 8 kuukautta ja haluan alanvaihtoon.",
        "Onko Stadin ammattiopistossa sähköasentajan koulutusta?",
        "Haluaisin tietää, mitä Turun ammattikorkeakoulun insinöörikoulutus vaatii.",
        "Työkokeilu kestää yleensä 1–6 kuukautta.",
        "Toivon, että saisin opiskelupaikan Lahdesta tai Kouvolasta.",
        "Kesäkuussa alkaa Savonian sairaanhoitajakoulutus Kuopiossa.",
        "Voiko Kelasta hakea tukea, jos olen yrittäjä Vantaalla?",
        "Olen 52-vuotias ja työskentelin Nokialla 20 vuotta.",
        "Palkkatuki on 50 % palkkauskustannuksista.",
        "Tein Duunitorilla profiilin ja sain kaksi haastattelukutsua.",
        "Kurssin tunnus on TVT-1023 ja se on 5 opintopisteen laajuinen.",
    ],
    "sv": [
        "Kan jag få vuxenutbildningsstöd från FPA om jag studerar på deltid?",
        "Jag besökte Ohjaamo i Helsingfors och fick hjälp med mitt CV.",
        "Hittar jag alla ansökningar till yrkeshögskolor på Studieinfo?",
        "Arbetsförmedlingen i Stockholm har många lediga jobb inom vården.",
        "Jag studerade vid Åbo Akademi 2010–2014 och blev lärare.",
        "Yrkeshögskolan Novia i Vasa erbjuder sjukskötarutbildning.",
        "Kan Kela betala resekostnader för en kurs i Borgå?",
        "Jag har arbetat på lager i 12 år och vill byta bransch.",
        "Arcada har en öppen yrkeshögskola med kurser för 10 euro.",
        "Lönesubventionen är 50 procent av lönekostnaderna.",
        "Jag vill studera till elektriker i Jakobstad nästa höst.",
        "Opintopolku finns också på svenska som Studieinfo.",
        "TE-byrån kallade mig till ett möte den 5 maj klockan 9.",
        "Kurserna i Excel och Python börjar i augusti.",
        "Hanken har ett bra program i ekonomi.",
        "Jag flyttade från Uppsala till Esbo förra året.",
        "Är JOTPA samma sak som kontinuerligt lärande?",
        "Min praktik på Wärtsilä varade i 6 månader.",
        "Finns det läroavtal för byggarbetare i Karleby?",
        "Studiestödet är cirka 280 euro per månad.",
    ],
    "en": [
        "Can Kela support me if I study part-time while working?",
        "I visited Ohjaamo in Helsinki and they helped me with my CV.",
        "Where can I find all university of applied sciences applications on Opintopolku?",
        "Työmarkkinatori lists jobs in English too, right?",
        "I studied at Aalto University from 2016 to 2020.",
        "Will the Open University course start in May or in June?",
        "May I apply for adult education allowance if I'm self-employed?",
        "I worked for Nokia in Tampere for 15 years.",
        "The Jobcentre in Manchester sent me to a National Careers Service adviser.",
        "Young people under 30 can get help from Ohjaamo.",
        "The course costs £1,200 and lasts 3 months.",
        "I want to learn Python and Excel to move into data analysis.",
        "Is JOTPA funding available for continuous learning in Finland?",
        "OPH publishes the qualification requirements for vocational degrees.",
        "I'm Finnish but I've lived in London for 10 years.",
        "My Level 3 diploma in Health and Social Care was completed in 2019.",
        "Could I do an apprenticeship in Espoo instead of Vantaa?",
        "The interview is on Monday 14 October at 10:30.",
        "Grace periods for student loans differ between Kela and UK lenders.",
        "Mark the deadline: applications close on 31 March.",
        "I have a BSc in Computer Science from the University of Leeds.",
        "Osaamispolku helped me see which skills I already have.",
    ],
}

# Written in one go after the detector had been tuned on the sets above: messier text (lower
# case, chat style, titles, possessives, two names at once). Its first run missed one name,
# "tom" in "hi im tom"; lower-case names after "olen"/"I'm"/"jag är" were added after that,
# and nothing else was changed because of it. Markup: {TYPE:value}.
BLIND: dict[str, list[str]] = {
    "fi": [
        "moi, mun nimi on {PERSON:jenni salonen} ja mietin et kannattaako hakea lähihoitajaks",
        "{PERSON:Pekka} ohjaamosta sanoi että mun pitää tehdä työnhakuprofiili",
        "Hei! Olisiko mahdollista saada soittoaika? Numeroni on {PHONE:045 789 1234}.",
        "Lähetin hakemukseni {PERSON:Sari Lehtosen} sähköpostiin {EMAIL:sari.lehtonen@kunta.fi} "
        "mutta en saanut vastausta",
        "Hetu {FI_ID:150385W1230} ja tili {IBAN:FI49 5000 9420 0287 30}",
        "Olen {PERSON:Aleksi} ja haluaisin vaihtaa alaa IT:hen, onko Ohjaamossa neuvontaa?",
        "Voisitteko lähettää lomakkeen osoitteeseen {ADDRESS:Kirkkokatu 5 B 12, 90100 Oulu}?",
        "Keskustelin työvalmentaja {PERSON:Marjo Heikkisen} kanssa palkkatuesta.",
        "Mun esimies {PERSON:Jari} ei halua päästää mua opintovapaalle",
        "Soita mulle {PHONE:0401234567} tai {PHONE:+358 50 765 4321}",
        "Terveisin,\n{PERSON:Hanna Mäkelä}",
        "Olen 45-vuotias rakennusmies Kouvolasta ja selkä ei enää kestä. Mitä vaihtoehtoja on?",
        "Kelan päätös tuli 3.4.2024 ja sain 1 200 euroa aikuiskoulutustukea.",
        "Kirjoitin {PERSON:Virtaselle} viime viikolla, mutta hän ei ole vastannut.",
        "Osoitteeni: {ADDRESS:Vuorikatu 14 A 3, 00100 Helsinki}",
        "Opettajani {PERSON:Liisa Korhonen} suositteli Omnian aikuislukiota.",
        "Tein työkokeilun Prismassa ja esihenkilö {PERSON:Timo Salminen} antoi hyvää palautetta.",
        "Onko Tampereella tai Jyväskylässä ammattikorkeakoulussa englanninkielisiä koulutuksia?",
        "Sähköposti: {EMAIL:Mikko.Nieminen@Gmail.com}",
        "Minä ja {PERSON:Emma} haluamme molemmat hakea kokkikoulutukseen.",
        "Tilinumero {IBAN:FI21 1234 5600 0007 85}, nimi {PERSON:Kalle Laaksonen}",
        "Hei {PERSON:Anu}, kiitos eilisestä tapaamisesta!",
        "Työpaikkailmoitus löytyi Työmarkkinatorilta ja haku päättyy 30.6.",
        "Osaamispolussa sanottiin että mun pitää ottaa yhteyttä Kelaan ennen kuin aloitan.",
        "{PERSON:Matti} ja {PERSON:Maija Virtanen} Ohjaamosta auttoivat mua CV:n kanssa.",
        "Syntymäaikani ja henkilötunnukseni on {FI_ID:040599-876D}, tarvitaanko sitä?",
    ],
    "sv": [
        "Hej! Jag heter {PERSON:Johanna Nyström} och bor i Vasa.",
        "Min mejl är {EMAIL:johanna.nystrom@outlook.com}, ring gärna {PHONE:050 123 4567}",
        "Jag har pratat med {PERSON:Mikael} på TE-byrån men fick inget svar.",
        "Skicka intyget till {ADDRESS:Handelsesplanaden 3 A 5, 65100 Vasa}.",
        "Kan jag få lönesubvention om jag jobbar 20 timmar i veckan?",
        "Min handledare {PERSON:Kristina Lindholm} sa att jag borde söka till Novia.",
        "Personbeteckning: {FI_ID:231102B345B}",
        "Hälsningar {PERSON:Peter}",
        "Jag bodde tidigare på {ADDRESS:Götgatan 22, 118 46 Stockholm}.",
        "Studerar på Arcada och jobbar extra på Stockmann i Helsingfors.",
        "Jag och min sambo {PERSON:Erik} funderar på att flytta till Åbo.",
        "Kontonummer {IBAN:SE45 5000 0000 0583 9825 7466}",
        "Vad kostar det att studera vid Åbo Akademi som vuxen?",
        "{PERSON:Anna-Karin} på Arbetsförmedlingen gav mig ditt nummer.",
        "Ring {PHONE:+46 8 123 456 78} om det är något.",
    ],
    "en": [
        "hi im {PERSON:tom} and i want to become an electrician",
        "My son {PERSON:Oliver} wants to do an apprenticeship, can Ohjaamo help him?",
        "Please contact me at {EMAIL:j.smith1987@yahoo.co.uk} or {PHONE:07911 123456}.",
        "I was referred by {PERSON:Sarah Collins}, my GP, to occupational rehabilitation.",
        "Address: {ADDRESS:27 Old Gloucester Street, London WC1N 3AX}",
        "Can I get Kela's adult education allowance while on parental leave?",
        "My bank account is {IBAN:GB29 NWBK 6016 1331 9268 19}",
        "I'm a nurse from the Philippines and I want my qualifications recognised in Finland.",
        "Thanks {PERSON:Laura} for the advice on my CV!",
        "{PERSON:James}'s advice was to apply through Opintopolku in January.",
        "My adviser at the Jobcentre, Mrs {PERSON:Patel}, said I could do a Level 2 course.",
        "I live at {ADDRESS:Flat 4B, 18 Marine Parade, Brighton BN2 1TL} and commute to London.",
        "Is the Helsinki Business College course taught in English?",
        "Call me on {PHONE:+358 44 987 6543} after 5pm.",
        "The Summer School at Aalto runs from June to August.",
        "I met {PERSON:Ahmed Hassan} and {PERSON:Fatima Ali} at the integration course in Vantaa.",
        "Junior Developer roles in Espoo usually ask for React and Node.",
        "Hello, this is {PERSON:Grace} from the library study group.",
        "Can I study nursing in English at Metropolia or Laurea?",
        "My personal identity code is {FI_ID:011280V9022} and I was born in Tampere.",
    ],
}
_MARKUP_RE = re.compile(r"\{([A-Z_]+):([^{}]+)\}")


def parse_markup(marked: str, lang: str, kind: str) -> Sentence:
    """A sentence from "{TYPE:value}" markup, with the gold spans of the marked values."""
    parts: list[str] = []
    spans: list[Gold] = []
    pos = length = 0
    for m in _MARKUP_RE.finditer(marked):
        parts.append(marked[pos : m.start()])
        length += m.start() - pos
        spans.append((length, length + len(m.group(2)), m.group(1)))
        parts.append(m.group(2))
        length += len(m.group(2))
        pos = m.end()
    parts.append(marked[pos:])
    return Sentence("".join(parts), spans, lang, kind)


def blind_corpus() -> list[Sentence]:
    return [parse_markup(t, lang, "blind") for lang, ts in BLIND.items() for t in ts]


_FI_GRADATION = re.compile(r"^(.*)(kk|pp|tt)([aeiouyäö])$")


def _fi_inflect(name: str, case: str) -> str:
    """Genitive ("gen") or allative ("all") of a Finnish name, good enough for the templates."""
    if name.endswith("nen"):
        return name[:-3] + ("sen" if case == "gen" else "selle")
    ending = "n" if case == "gen" else "lle"
    m = _FI_GRADATION.match(name)
    if m:
        name = m.group(1) + m.group(2)[0] + m.group(3)
    if name[-1].lower() in "aeiouyäö":
        return name + ending
    return name + ("in" if case == "gen" else "ille")


def _fi_inflect_full(full: str, case: str) -> str:
    first, _, last = full.rpartition(" ")
    return f"{first} {_fi_inflect(last, case)}" if first else _fi_inflect(full, case)


def make_iban(country: str, bban: str) -> str:
    """A valid IBAN: mod-97 check digits computed over the BBAN."""
    digits = "".join(str(int(ch, 36)) for ch in bban + country + "00")
    return f"{country}{98 - int(digits) % 97:02d}{bban}"


def _spaced(iban: str) -> str:
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))


class Generator:
    """Entity values per language, from Faker and a few everyday formats Faker lacks."""

    def __init__(self, seed: int) -> None:
        from faker import Faker

        self.rng = random.Random(seed)
        self.fakers = {"fi": Faker("fi_FI"), "sv": Faker("sv_SE"), "en": Faker("en_GB")}
        for i, fake in enumerate(self.fakers.values()):
            fake.seed_instance(seed + i)

    def _num(self, pattern: str) -> str:
        return "".join(str(self.rng.randint(0, 9)) if ch == "#" else ch for ch in pattern)

    def phone(self, lang: str) -> str:
        if self.rng.random() < 0.5:
            return str(self.fakers[lang].phone_number())
        formats = {
            "fi": ["040 ### ####", "050 ### ####", "044-### ####", "+358 40 #######",
                   "+358 50 ### ####", "09-### ####", "09 ### ####", "0401######",
                   "+35845#######", "(09) ### ####"],
            "sv": ["070-### ## ##", "073 ### ## ##", "076-#######", "+46 70 ### ## ##",
                   "08-### ### ##", "031-## ## ##", "+46 8 ### ### ##", "0046 70 ### ## ##"],
            "en": ["07### ######", "+44 7### ######", "020 #### ####", "0161 ### ####",
                   "+44 20 #### ####", "01632 ######", "07#########"],
        }  # fmt: skip
        return self._num(self.rng.choice(formats[lang]))

    def email(self, lang: str) -> str:
        fake = self.fakers[lang]
        return str(fake.email() if self.rng.random() < 0.5 else fake.free_email())

    def ssn(self) -> str:
        code = str(self.fakers["fi"].ssn())
        # Faker writes the old signs (- and A); half are moved to the 2023 ones.
        if self.rng.random() < 0.5:
            if code[6] == "-":
                code = code[:6] + self.rng.choice("YXWVU") + code[7:]
            elif code[6] == "A":
                code = code[:6] + self.rng.choice("BCDEF") + code[7:]
        return code

    def iban(self, lang: str) -> str:
        roll = self.rng.random()
        if lang == "sv" or roll < 0.15:
            country, shape = self.rng.choice(
                [("SE", "#" * 20), ("DE", "#" * 18), ("EE", "#" * 16), ("NO", "#" * 11)]
            )
            value = make_iban(country, self._num(shape))
        else:
            value = str(self.fakers[lang].iban())
        return _spaced(value) if self.rng.random() < 0.5 else value

    def address(self, lang: str) -> str:
        fake = self.fakers[lang]
        roll = self.rng.random()
        if lang == "fi":
            if roll < 0.3:
                return str(fake.street_address())
            if roll < 0.6:
                stair = f" {self.rng.choice('ABCDEF')} {self.rng.randint(1, 60)}"
                number = f"{self.rng.randint(1, 120)}{stair}"
                return f"{fake.street_name()} {number}, {fake.postcode()} {fake.city()}"
            return f"{fake.street_address()}, {fake.postcode()} {fake.city()}"
        if lang == "sv":
            pc = str(fake.postcode())
            if roll < 0.3:
                return str(fake.street_address())
            if roll < 0.6:
                return f"{fake.street_address()}, {pc[:3]} {pc[3:]} {fake.city()}"
            if roll < 0.8:
                flat = f"lgh {self.rng.randint(1001, 1304)}"
                return f"{fake.street_address()} {flat}, {pc} {fake.city()}"
            return f"{fake.street_address()}, {pc} {fake.city()}"
        street = f"{fake.building_number()} {fake.street_name()}"
        if roll < 0.3:
            return street
        if roll < 0.6:
            return f"{street}, {fake.city()} {fake.postcode()}"
        flat = f"{self.rng.choice(['Flat', 'Apartment', 'Studio'])} {self.rng.randint(1, 40)}"
        if roll < 0.8:
            return f"{flat}, {street}, {fake.city()} {fake.postcode()}"
        return f"{flat}, {street}"

    def name(self, lang: str) -> tuple[str, str, str]:
        fake = self.fakers[lang]
        first, last = str(fake.first_name()), str(fake.last_name())
        full = str(fake.name()) if lang == "fi" and self.rng.random() < 0.3 else f"{first} {last}"
        return full, first, last


_SLOT_RE = re.compile(r"\{(\w+)\}")
_SLOT_TYPES = {"ssn": "FI_ID", "phone": "PHONE", "email": "EMAIL", "iban": "IBAN",
               "address": "ADDRESS"}  # fmt: skip


def fill(template: str, values: dict[str, str], lang: str, kind: str) -> Sentence:
    """The template with slots filled, and the gold spans of the filled values."""
    parts: list[str] = []
    spans: list[Gold] = []
    pos = 0
    length = 0
    for m in _SLOT_RE.finditer(template):
        literal = template[pos : m.start()]
        parts.append(literal)
        length += len(literal)
        value = values[m.group(1)]
        spans.append((length, length + len(value), _SLOT_TYPES.get(m.group(1), "PERSON")))
        parts.append(value)
        length += len(value)
        pos = m.end()
    parts.append(template[pos:])
    return Sentence("".join(parts), spans, lang, kind)


def faker_corpus(per_language: int, seed: int = SEED) -> list[Sentence]:
    gen = Generator(seed)
    out: list[Sentence] = []
    for lang, templates in TEMPLATES.items():
        for i in range(per_language):
            template = (
                templates[i % len(templates)] if i < len(templates) else (gen.rng.choice(templates))
            )
            full, first, last = gen.name(lang)
            values = {
                "name": full, "first": first, "last": last,
                "name_gen": _fi_inflect_full(full, "gen"),
                "name_all": _fi_inflect_full(full, "all"),
                "first_all": _fi_inflect(first, "all"), "ssn": gen.ssn(),
                "phone": gen.phone(lang), "email": gen.email(lang), "iban": gen.iban(lang),
                "address": gen.address(lang),
            }  # fmt: skip
            out.append(fill(template, values, lang, "faker"))
    return out


def heldout_corpus() -> list[Sentence]:
    out: list[Sentence] = []
    for lang, names in HELDOUT_NAMES.items():
        templates = HELDOUT_TEMPLATES[lang]
        for i, (name, gen, allative) in enumerate(names):
            for template in (templates[i % len(templates)], templates[(i + 3) % len(templates)]):
                values = {"name": name, "name_gen": gen, "name_all": allative}
                out.append(fill(template, values, lang, "heldout"))
    for lang, addresses in HELDOUT_ADDRESSES.items():
        for address in addresses:
            out.append(fill(HELDOUT_ADDRESS_TEMPLATES[lang], {"address": address}, lang, "heldout"))
    return out


def clean_corpus() -> list[Sentence]:
    return [Sentence(t, [], lang, "clean") for lang, ts in CLEAN.items() for t in ts]


def full_corpus(per_language: int = 200) -> list[Sentence]:
    return faker_corpus(per_language) + heldout_corpus() + blind_corpus() + clean_corpus()


# --- scoring -------------------------------------------------------------------------------------
@dataclass
class Counts:
    gold: int = 0
    pred: int = 0
    tp: int = 0
    covered: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    per_type: dict[str, Counts] = field(default_factory=dict)
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # (type, value, text)
    false_alarms: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def overall(self) -> Counts:
        total = Counts()
        for c in self.per_type.values():
            total.gold += c.gold
            total.pred += c.pred
            total.tp += c.tp
            total.covered += c.covered
        return total


def _iou(a: Gold, b: Gold) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    return inter / (max(a[1], b[1]) - min(a[0], b[0]))


def score(
    sentences: Sequence[Sentence], predict: Predictor, types: Sequence[str] = ENTITY_TYPES
) -> Report:
    """Span-level precision and recall per type (IoU >= 0.5, one-to-one), plus coverage."""
    report = Report({t: Counts() for t in types})
    for s in sentences:
        preds = [p for p in predict(s.text) if p[2] in report.per_type]
        gold = [g for g in s.spans if g[2] in report.per_type]
        used: set[int] = set()
        for g in gold:
            c = report.per_type[g[2]]
            c.gold += 1
            best, best_iou = -1, 0.5
            for k, p in enumerate(preds):
                if k not in used and p[2] == g[2] and _iou(g, p) >= best_iou:
                    best, best_iou = k, _iou(g, p)
            if best >= 0:
                used.add(best)
                c.tp += 1
            else:
                report.misses.append((g[2], s.text[g[0] : g[1]], s.text))
            chars = [i for i in range(g[0], g[1]) if not s.text[i].isspace()]
            if all(any(p[0] <= i < p[1] for p in preds) for i in chars):
                c.covered += 1
        for k, p in enumerate(preds):
            report.per_type[p[2]].pred += 1
            if k not in used:
                report.false_alarms.append((p[2], s.text[p[0] : p[1]], s.text))
    return report


def print_table(title: str, report: Report) -> None:
    print(f"\n{title}")
    print(f"{'entity':<9} {'gold':>5} {'pred':>5} {'TP':>5} {'prec':>7} {'recall':>7} "
          f"{'F1':>7} {'covered':>8}")  # fmt: skip
    rows = [*report.per_type.items(), ("overall", report.overall)]
    for name, c in rows:
        cov = f"{c.covered / c.gold:8.1%}" if c.gold else f"{'-':>8}"
        print(f"{name:<9} {c.gold:>5} {c.pred:>5} {c.tp:>5} {c.precision:7.1%} "
              f"{c.recall:7.1%} {c.f1:7.1%} {cov}")  # fmt: skip


def presidio_evaluator_table(sentences: Sequence[Sentence], predict: Predictor) -> None:
    """Cross-check with presidio-evaluator's SpanEvaluator on a token table, if installed."""
    try:
        import pandas as pd
        from presidio_evaluator.evaluation import SpanEvaluator
    except ImportError:
        print("\npresidio-evaluator not installed: skipped the cross-check")
        return
    rows = []
    for sid, s in enumerate(sentences):
        preds = predict(s.text)
        for m in re.finditer(r"\w+|[^\w\s]", s.text):
            gold = next((g[2] for g in s.spans if g[0] <= m.start() < g[1]), "O")
            pred = next((p[2] for p in preds if p[0] <= m.start() < p[1]), "O")
            rows.append((sid, m.group(0), m.start(), gold, pred))
    df = pd.DataFrame(rows, columns=["sentence_id", "token", "start_indices", "annotation",
                                     "prediction"])  # fmt: skip
    evaluator = SpanEvaluator(iou_threshold=0.5, skip_words=[])
    result = evaluator.calculate_score_on_df(results_df=df, beta=1)
    print("\npresidio-evaluator SpanEvaluator (token spans, IoU >= 0.5), same predictions:")
    for ent in ENTITY_TYPES:
        m = result.per_type.get(ent)
        if m is not None:
            print(f"  {ent:<8} precision {m.precision:6.1%}  recall {m.recall:6.1%}  "
                  f"(annotated {m.num_annotated}, predicted {m.num_predicted})")  # fmt: skip
    print(f"  PII vs not: precision {result.pii_precision:6.1%}  recall {result.pii_recall:6.1%}")


def project_text_check(predict: Predictor, show: bool) -> None:
    """Precision on text nobody wrote for this benchmark: the knowledge-base articles and the
    evaluation questions in this repository. They hold no learner's personal data, so every
    redaction is listed for a look (the articles do hold service phone numbers)."""
    root = Path(__file__).resolve().parents[1]
    lines = [
        line
        for path in sorted((root / "knowledge_base" / "content").glob("**/*.md"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    questions = []
    for path in sorted((root / "evaluation" / "datasets").glob("**/*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                questions.append(str(json.loads(line).get("question", "")))
    if not lines and not questions:
        return
    print(f"\nProject text: {len(lines)} article lines, {len(questions)} evaluation questions")
    for label, texts in (("articles", lines), ("questions", questions)):
        found: dict[str, list[str]] = {}
        for text in texts:
            for start, end, kind in predict(text):
                found.setdefault(kind, []).append(text[start:end])
        summary = ", ".join(f"{k} {len(v)}" for k, v in sorted(found.items())) or "nothing"
        print(f"  redacted in {label}: {summary}")
        if show:
            for kind, values in sorted(found.items()):
                print(f"    {kind}: {sorted(set(values))}")


# --- candidates ----------------------------------------------------------------------------------
def ours() -> Predictor:
    anonymiser = Anonymiser()
    return lambda text: [(s.start, s.end, s.entity_type) for s in anonymiser.find(text)]


def presidio_candidate() -> Predictor | None:
    """Presidio with the no-op NLP engine and the recognisers that need no model."""
    try:
        import tldextract
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
        from presidio_analyzer.nlp_engine import NlpEngineProvider
        from presidio_analyzer.predefined_recognizers import (
            EmailRecognizer,
            FiPersonalIdentityCodeRecognizer,
            IbanRecognizer,
            PhoneRecognizer,
        )
    except ImportError:
        return None
    # Presidio's e-mail check calls tldextract, which downloads the public-suffix list unless
    # told not to; an extractor with no URLs uses the snapshot inside the package.
    offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

    class OfflineEmailRecognizer(EmailRecognizer):
        def validate_result(self, pattern_text: str) -> bool:
            return offline(pattern_text.rsplit("@", 1)[-1]).fqdn != ""

    nlp = NlpEngineProvider(
        nlp_configuration={"nlp_engine_name": "no_op", "models": [{"lang_code": "en",
                                                                   "model_name": "no_op"}]}
    ).create_engine()  # fmt: skip
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.add_recognizer(OfflineEmailRecognizer())
    registry.add_recognizer(IbanRecognizer())
    registry.add_recognizer(FiPersonalIdentityCodeRecognizer(supported_language="en"))
    registry.add_recognizer(PhoneRecognizer(supported_regions=("FI", "SE", "GB")))
    engine = AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=["en"])
    mapping = {"EMAIL_ADDRESS": "EMAIL", "IBAN_CODE": "IBAN", "PHONE_NUMBER": "PHONE",
               "FI_PERSONAL_IDENTITY_CODE": "FI_ID"}  # fmt: skip

    def predict(text: str) -> list[Gold]:
        results = engine.analyze(text=text, language="en", score_threshold=0.3)
        spans = sorted((r.start, r.end, mapping[r.entity_type]) for r in results)
        kept: list[Gold] = []
        for s in spans:  # Presidio may return overlaps; keep the first
            if not kept or s[0] >= kept[-1][1]:
                kept.append(s)
        return kept

    return predict


def phonenumbers_candidate() -> Predictor | None:
    try:
        import phonenumbers
    except ImportError:
        return None

    def predict(text: str) -> list[Gold]:
        spans: set[Gold] = set()
        for region in ("FI", "SE", "GB"):
            for m in phonenumbers.PhoneNumberMatcher(text, region):
                spans.add((m.start, m.end, "PHONE"))
        return sorted(spans)

    return predict


def spacy_fi_candidate() -> Predictor | None:
    try:
        import spacy

        nlp = spacy.load(
            "spacy_fi_experimental_web_md",
            disable=["tagger", "morphologizer", "parser", "attribute_ruler", "lemmatizer"],
        )
    except (ImportError, OSError):
        return None
    return lambda text: [
        (e.start_char, e.end_char, "PERSON") for e in nlp(text).ents if e.label_ == "PERSON"
    ]


# Timings are CPU time of this thread, not wall time: the machine is shared (2 cores, other
# jobs running), and CPU time is what a redaction costs the telemetry writer's thread.
def median_us(predict: Callable[[str], object], texts: Sequence[str], repeat: int = 1) -> float:
    times = []
    for _ in range(repeat):
        for text in texts:
            t0 = time.thread_time_ns()
            predict(text)
            times.append(time.thread_time_ns() - t0)
    return statistics.median(times) / 1000


def events_per_cpu_second(redact: Callable[[str], str], texts: Sequence[str], rounds: int) -> float:
    t0 = time.thread_time()
    for _ in range(rounds):
        for text in texts:
            redact(text)
    return rounds * len(texts) / (time.thread_time() - t0)


def compare(sentences: Sequence[Sentence]) -> None:
    print("\nCandidates on the same corpus: only the types each can find; µs = median CPU per text")
    print(f"{'candidate / type':<58} {'prec':>7} {'recall':>7} {'µs':>9}")
    fi_sentences = [s for s in sentences if s.lang == "fi"]
    rows: list[tuple[str, Predictor | None, Sequence[str], Sequence[Sentence]]] = [
        ("regex + checksums + gazetteers (chosen)", ours(), ENTITY_TYPES, sentences),
        ("Presidio no_op: FI code, phone FI/SE/GB, IBAN, e-mail", presidio_candidate(),
         ("FI_ID", "PHONE", "IBAN", "EMAIL"), sentences),
        ("phonenumbers PhoneNumberMatcher FI/SE/GB", phonenumbers_candidate(), ("PHONE",),
         sentences),
        ("spaCy spacy-fi-experimental-web-md NER, fi texts", spacy_fi_candidate(), ("PERSON",),
         fi_sentences),
        ("chosen, on the same fi texts", ours(), ("PERSON",), fi_sentences),
    ]  # fmt: skip
    for name, predict, types, corpus in rows:
        if predict is None:
            print(f"{name:<58} not installed: skipped")
            continue
        report = score(corpus, predict, types)
        total = report.overall
        us = median_us(predict, [s.text for s in corpus][:300])
        print(f"{name:<58} {total.precision:7.1%} {total.recall:7.1%} {us:9.1f}")
        if len(types) > 1:
            for t in types:
                c = report.per_type[t]
                print(f"{'  ' + t:<58} {c.precision:7.1%} {c.recall:7.1%}")


def gazetteer_coverage() -> None:
    """How many held-out names the lists happen to know: the rest need cues or context."""
    from telemetry.pii.lexicon import load_lexicon

    lex = load_lexicon()
    names = [n for ns in HELDOUT_NAMES.values() for n, _, _ in ns]
    given = sum(n.split()[0] in lex.given for n in names)
    surnames = sum(n.split()[-1] in lex.surnames_fi_sv | lex.surnames_en for n in names)
    print(f"  ({given} of {len(names)} held-out given names and {surnames} of {len(names)} "
          f"surnames happen to be in Faker's lists)")  # fmt: skip


# --- speed ---------------------------------------------------------------------------------------
TYPICAL_QUESTIONS = [
    "Voinko saada Kelan aikuiskoulutustukea, jos aloitan opinnot ammattikorkeakoulussa ensi "
    "syksynä ja olen ollut töissä jo kahdeksan vuotta?",
    "Hur ansöker jag om vuxenutbildningsstöd från FPA om jag vill studera till sjukskötare i "
    "Vasa nästa höst och fortsätta jobba deltid?",
    "I moved to Helsinki last year and would like to retrain as a software developer; can "
    "Ohjaamo or Kela help me with the costs?",
    "Hei, olen Matti Virtanen, puh. 040 123 4567. Voinko hakea Osaamispolun kautta "
    "koulutukseen Tampereella, vaikka olen töissä?",
]


def speed(sentences: Sequence[Sentence]) -> None:
    anonymiser = Anonymiser()
    print("\nSpeed (CPU time of one thread; events/s = per CPU-second of one core)")
    for q in TYPICAL_QUESTIONS:
        for _ in range(500):
            anonymiser.redact(q)
        us = median_us(anonymiser.redact, [q], repeat=20000)
        print(f"  {len(q.split()):>2}-word question, median {us:6.1f} µs   {q[:60]}...")
    texts = [s.text for s in sentences]
    # A fresh instance has an empty word cache: its first pass over the corpus is the cold case.
    cold = events_per_cpu_second(Anonymiser().redact, texts, 1)
    warm = events_per_cpu_second(anonymiser.redact, texts, 5)
    plain = [s.text for s in sentences if not s.spans]
    mixed = [*plain, *texts[: len(plain) // 4]]  # four plain texts to one with personal data
    mix = events_per_cpu_second(anonymiser.redact, mixed, 20)
    print(f"  corpus ({len(texts)} texts, almost all with personal data): {cold:,.0f} events/s "
          f"cold word cache, {warm:,.0f} events/s warm")  # fmt: skip
    print(f"  plain questions and texts with personal data 4:1: {mix:,.0f} events/s")
    long_text = " ".join(texts)[:10000]
    print(f"  10,000-character text: {median_us(anonymiser.redact, [long_text], 20):,.0f} µs")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="40 Faker sentences per language")
    parser.add_argument("--no-compare", action="store_true", help="skip the other candidates")
    parser.add_argument("--errors", action="store_true", help="list misses and false alarms")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    Anonymiser()
    print(f"Anonymiser() built in {time.perf_counter() - t0:.2f} s (Faker lists read, patterns "
          f"compiled)")  # fmt: skip

    faker = faker_corpus(40 if args.quick else 200)
    heldout = heldout_corpus()
    blind = blind_corpus()
    clean = clean_corpus()
    everything = [*faker, *heldout, *blind, *clean]
    print(f"Corpus: {len(faker)} Faker sentences, {len(heldout)} held-out, {len(blind)} blind, "
          f"{len(clean)} entity-free (fi/sv/en)")  # fmt: skip
    predict = ours()
    print_table("Faker sentences + entity-free sentences", score([*faker, *clean], predict))
    print_table("Held-out names and addresses (not from Faker)", score(heldout, predict))
    gazetteer_coverage()
    print_table("Blind set (written after tuning; see BLIND)", score(blind, predict))
    report = score(everything, predict)
    print_table("Everything", report)
    presidio_evaluator_table(everything, predict)
    project_text_check(predict, args.errors)
    if args.errors:
        print("\nMisses:")
        for t, value, text in report.misses:
            print(f"  {t:<8} {value!r:<40} in {text!r}")
        print("False alarms:")
        for t, value, text in report.false_alarms:
            print(f"  {t:<8} {value!r:<40} in {text!r}")
    if not args.no_compare:
        compare(everything)
    speed(everything)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
