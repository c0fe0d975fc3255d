"""Where to ask when Suunta's sources do not answer: the right human service for the subject,
with its address, in fi/sv/en. Chosen by the topics of the nearest article; the under-30 service
is named only to someone who has not said they are older."""

from __future__ import annotations

from assistant.situation import Situation

# Topic (knowledge_base/topics.yaml) -> the service that decides or knows.
_BY_TOPIC = {
    "financial_aid": "kela",
    "unemployment": "employment",
    "employment_services": "employment",
    "job_search": "employment",
    "entrepreneurship": "enterprise",
    "pay": "pay",
    "labour_market": "employment",
    "occupations": "occupations",
    "application": "studies",
    "higher_education": "studies",
    "vocational": "studies",
    "apprenticeship": "studies",
    "general_upper_secondary": "studies",
    "open_studies": "studies",
    "continuing_education": "studies",
    "tuition_fees": "studies",
    "international": "studies",
    "study_support": "studies",
    "foreign_qualifications": "oph",
    "recognition": "studies",
    "language_tests": "oph",
    "immigrants": "employment",
    "disability": "kela",
    # (not a topic: what a question about work or demand for an occupation asks)
    "outlook": "outlook",
}
# Facets of a question the sources did not answer (`coverage_facets`) -> the topic whose
# service is named first: where pay is found, where demand by region is shown.
FACET_TOPICS = {"earnings": "pay", "outlook": "outlook"}
WHERE = {
    "kela": {
        "fi": "Oman tilanteesi ja etuuspäätöksesi tuntee Kela: kela.fi tai Kelan palvelupiste.",
        "sv": "Din egen situation och dina förmånsbeslut känner FPA till: kela.fi/sv eller "
        "FPA:s servicepunkt.",
        "en": "Kela knows your own situation and benefit decisions: kela.fi/en or a Kela office.",
    },
    "employment": {
        "fi": "Kysy kuntasi työllisyyspalveluista; yhteystiedot löydät Työmarkkinatorilta "
        "(tyomarkkinatori.fi).",
        "sv": "Fråga kommunens arbetskraftstjänster; kontaktuppgifterna finns på "
        "Jobbmarknaden (tyomarkkinatori.fi/sv).",
        "en": "Ask your municipality's employment services; you find them on Job Market Finland "
        "(tyomarkkinatori.fi/en).",
    },
    "enterprise": {
        "fi": "Maksutonta neuvontaa aloittavalle yrittäjälle antavat Uusyrityskeskukset "
        "(uusyrityskeskus.fi).",
        "sv": "Gratis rådgivning för nya företagare ger Nyföretagarcentralerna "
        "(uusyrityskeskus.fi).",
        "en": "Finnish Enterprise Agencies give new entrepreneurs free advice "
        "(uusyrityskeskus.fi).",
    },
    "pay": {
        "fi": "Ammattiryhmän mediaanipalkan sekä parhaiten ja heikoimmin ansaitsevan "
        "kymmenyksen palkan näet Osaamispolun palkkatiedoista (osaamispolku.fi); alan "
        "palkoista kertovat myös työehtosopimus ja ammattiliitto, tilastot Tilastokeskus "
        "(stat.fi).",
        "sv": "Yrkesgruppens medianlön och lönen för den bäst och sämst avlönade tiondelen "
        "ser du i Kompetensstigens löneuppgifter (osaamispolku.fi); lönerna framgår också av "
        "branschens kollektivavtal och fackförbund, statistik finns hos Statistikcentralen "
        "(stat.fi).",
        "en": "Osaamispolku's pay information (osaamispolku.fi) shows an occupational group's "
        "median pay and that of the best- and lowest-paid tenth; a field's pay is also set out "
        "in its collective agreement and known by its trade union, and statistics are at "
        "Statistics Finland (stat.fi).",
    },
    "outlook": {
        "fi": "Missä ammateissa ja millä alueilla on työvoimapulaa tai liikaa työnhakijoita, "
        "kertoo Työvoimabarometri (tyovoimabarometri.fi).",
        "sv": "I vilka yrken och regioner det är brist på arbetskraft eller för många "
        "arbetssökande visar Arbetskraftsbarometern (tyovoimabarometri.fi).",
        "en": "The Labour Force Barometer (tyovoimabarometri.fi) shows in which occupations and "
        "regions there is a shortage or a surplus of workers.",
    },
    "occupations": {
        "fi": "Ammateista ja niihin johtavista koulutuksista kerrotaan Työmarkkinatorilla "
        "(tyomarkkinatori.fi) ja Opintopolussa (opintopolku.fi).",
        "sv": "Om yrken och utbildningar som leder till dem berättar Jobbmarknaden "
        "(tyomarkkinatori.fi/sv) och Studieinfo (opintopolku.fi/sv).",
        "en": "Job Market Finland (tyomarkkinatori.fi/en) and Studyinfo (opintopolku.fi/en) "
        "describe occupations and the education leading to them.",
    },
    "studies": {
        "fi": "Koulutusten aikataulut, hinnat ja valintaperusteet kertoo oppilaitos itse; "
        "kaikki koulutukset löydät Opintopolusta (opintopolku.fi), ja oppilaitoksen "
        "opinto-ohjaaja neuvoo.",
        "sv": "Utbildningarnas tidtabeller, priser och antagningsgrunder får du av läroanstalten "
        "själv; alla utbildningar finns på Studieinfo (opintopolku.fi/sv), och läroanstaltens "
        "studiehandledare hjälper.",
        "en": "Timetables, prices and admission criteria come from the school itself; every "
        "programme is on Studyinfo (opintopolku.fi/en), and the school's study counsellor can "
        "help.",
    },
    "oph": {
        "fi": "Tutkintojen tunnustamisesta ja kielitutkinnoista kertoo Opetushallitus (oph.fi).",
        "sv": "Om erkännande av examina och språkexamina berättar Utbildningsstyrelsen "
        "(oph.fi/sv).",
        "en": "The Finnish National Agency for Education covers recognition of qualifications and "
        "language tests (oph.fi/en).",
    },
}
YOUNG = {
    "fi": "Alle 30-vuotiaana voit käydä myös Ohjaamossa (ohjaamot.fi).",
    "sv": "Är du under 30 kan du också gå till Ohjaamo (ohjaamot.fi).",
    "en": "If you are under 30, an Ohjaamo centre can also help (ohjaamot.fi).",
}
DEFAULT = ("studies", "employment")


def where_to_ask(
    topics: list[str],
    language: str,
    situation: Situation | None = None,
    *,
    own_case: bool = False,
) -> str:
    """One or two sentences naming the services to ask, best fitting first; for one person's
    own case only the service that handles it."""
    services = [_BY_TOPIC[t] for t in topics if t in _BY_TOPIC]
    chosen = list(dict.fromkeys(services))[:2] or list(DEFAULT)
    if own_case:
        return WHERE[chosen[0]][language]
    lines = [WHERE[s][language] for s in chosen]
    return " ".join(lines + for_the_young(language, situation))


def for_the_young(language: str, situation: Situation | None) -> list[str]:
    """The under-30 service, for anyone who has not said they are older (else nothing)."""
    if situation is None or situation.age is None or situation.age < 30:
        return [YOUNG[language]]
    return []
