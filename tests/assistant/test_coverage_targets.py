"""The occupation a question asks about must be what the cited evidence is about: a passing
mention of it, a word of the same beginning or a compound's tail is not an answer."""

from __future__ import annotations

import pytest

from assistant.coverage import CoverageCheck
from assistant.ranking import title_names

# Each article as the product gives it: title, summary, an occupation guide's other names,
# then its sections.
DOCS = {
    ("occupation-public-health-nurse", "en"): [
        "Public health nurse",
        "You become a public health nurse through a 240-credit degree.",
        "public health nurse",
        "If you are already a nurse or a midwife, a shorter one-year path exists.",
    ],
    ("occupation-childcarer", "en"): [
        "ECEC childcarer",
        "You become an ECEC childcarer through the vocational qualification.",
        "childcarer, nanny",
        "Childcarers work in day-care centres.",
    ],
    ("occupation-childrens-instructor", "en"): [
        "Children's instructor",
        "You become a children's instructor through the education and guidance qualification.",
        "children's instructor",
        "The qualification also lets you work as a childcarer in a day-care centre.",
    ],
    ("studying-abroad", "fi"): [
        "Opiskelu ulkomailla",
        "Kela voi maksaa opintotukea ulkomaille.",
        "",
        "Esimerkiksi kansalaisopistot ja kirjastot voivat järjestää jaksoja ulkomailla.",
    ],
    ("occupation-practical-nurse", "fi"): [
        "Lähihoitaja",
        "Lähihoitajaksi valmistut sosiaali- ja terveysalan perustutkinnosta.",
        "lähihoitaja, lähäri",
        "Lähihoitaja työskentelee hoitotyössä.",
    ],
    ("occupation-rural-entrepreneur", "sv"): [
        "Landsbygdsföretagare eller lantbrukare",
        "Du blir landsbygdsföretagare genom grundexamen inom lantbruksbranschen.",
        "landsbygdsföretagare, lantbruksföretagare, lantbrukare",
        "Examen kan avläggas som läroavtal.",
    ],
}
for n in range(60):  # common words become generic; two articles of 63 are few
    for lang in ("en", "fi", "sv"):
        DOCS[(f"filler-{n}", lang)] = ["Work, education, työ, koulutus, arbete, utbildning."]
SUBJECTS = {key: title_names(texts[0]) for key, texts in DOCS.items()}


@pytest.fixture(scope="module")
def check() -> CoverageCheck:
    return CoverageCheck(DOCS, SUBJECTS)


def _with(*articles: tuple[str, str, str, str, str, str]) -> CoverageCheck:
    """The corpus with these articles added: (id, language, title, summary, names, section)."""
    docs = dict(DOCS)
    for doc_id, language, *texts in articles:
        docs[(doc_id, language)] = texts
    return CoverageCheck(docs, {key: title_names(t[0]) for key, t in docs.items()})


def test_a_passing_mention_of_an_occupation_without_a_guide_is_no_answer(
    check: CoverageCheck,
) -> None:
    question = "how do i become a midwife in finland, how many years is it?"
    assert not check.check(question, "en", ["occupation-public-health-nurse"]).covered
    assert check.check(
        "how do i become a public health nurse?", "en", ["occupation-public-health-nurse"]
    ).covered


def test_an_occupation_with_a_guide_may_be_named_in_another_guides_text(
    check: CoverageCheck,
) -> None:
    question = "can the children's instructor qualification let me work as a childcarer?"
    assert check.check(question, "en", ["occupation-childrens-instructor"]).covered


def test_a_word_of_the_same_beginning_or_a_compounds_tail_does_not_name_it(
    check: CoverageCheck,
) -> None:
    question = "miten musta tulee kirjastonhoitaja?"
    assert not check.check(question, "fi", ["studying-abroad"]).covered
    assert not check.check(question, "fi", ["occupation-practical-nurse"]).covered
    # Spoken Finnish, too: a word some article uses in passing is not the subject.
    spoken = "haluun kirjastonhoitajaks, mitä pitää opiskella"
    assert not check.check(spoken, "fi", ["studying-abroad"]).covered
    assert check.check(
        "haluun lähihoitajaks, mitä pitää opiskella", "fi", ["occupation-practical-nurse"]
    ).covered


def test_a_guides_other_names_are_evidence(check: CoverageCheck) -> None:
    question = "jag vill bli lantbruksföretagare, vilken examen leder dit?"
    assert check.check(question, "sv", ["occupation-rural-entrepreneur"]).covered


def test_occupations_asked_about_in_other_phrasings() -> None:
    from assistant.targets import occupation_targets

    assert occupation_targets("finns det nån utbildning kvar för urmakare?", "sv") == ["urmakare"]
    assert occupation_targets("vill bli sommelier, finns det utbildning", "sv") == ["sommelier"]
    assert "yoga" in occupation_targets("any official qualification for yoga teachers?", "en")
    assert occupation_targets("the qualification for an electrician", "en") == ["electrician"]
    # Not an occupation: who the training is for.
    assert occupation_targets("is there training for adults in finland", "en") == []
    # A hyphenated name is one name, not its first half ("make").
    question = "what training do i need to work as a make-up artist for film and tv?"
    assert occupation_targets(question, "en") == ["make-up", "artist"]
    assert occupation_targets("how do I become a make-up artist", "en") == ["make-up", "artist"]
    # The field between "jobba med" and "som" is not the occupation.
    question = "jag vill jobba med vindkraft som servicetekniker. vilken utbildning krävs?"
    assert occupation_targets(question, "sv") == ["servicetekniker"]


def test_an_occupation_heading_the_question_is_its_target() -> None:
    from assistant.targets import occupation_targets

    question = "landscape gardener (viherrakentaja) - which qualification gets me there?"
    assert occupation_targets(question, "en") == ["landscape", "gardener"]
    assert occupation_targets("Hi - what courses are there?", "en") == []


def test_a_card_or_licence_the_evidence_does_not_name_is_not_covered() -> None:
    check = _with(
        (
            "language-tests-yki",
            "fi",
            "Yleiset kielitutkinnot",
            "YKI-testi on kielitesti.",
            "",
            "Joillakin paikkakunnilla kursseille joutuu jonottamaan.",
        ),
        (
            "occupation-commercial-pilot",
            "fi",
            "Liikennelentäjä",
            "Lentäjän lupakirjat myöntää Traficom.",
            "lentäjä",
            "Ammattilentäjän lupakirjoihin tarvitaan lääketieteellinen kelpoisuustodistus.",
        ),
    )
    question = "järjestyksenvalvojakortti, kauanko se on voimassa ja missä sen kurssin voi käydä?"
    assert not check.check(question, "fi", ["language-tests-yki"]).covered
    # The same thing in another compound ("lentolupakirjat" - "lentäjän lupakirjat").
    question = "kuka ne lentolupakirjat myöntää suomessa?"
    assert check.check(question, "fi", ["occupation-commercial-pilot"]).covered


def test_two_benefits_combined_need_an_article_that_speaks_of_both() -> None:
    from assistant.coverage_facets import unanswered_facets

    startup = "starttiraha turvaa toimeentulosi, kun yritys käynnistyy."
    question = "vaikuttaako starttiraha mun yleiseen asumistukeen?"
    assert unanswered_facets(question, "", startup) == ["housing_allowance"]
    both = startup + " starttiraha on veronalaista tuloa, joka vaikuttaa yleiseen asumistukeen."
    assert unanswered_facets(question, "", both) == []
    # One benefit alone is the article's own subject.
    assert unanswered_facets("kuka päättää starttirahasta?", "", startup) == []


def test_a_finnish_term_in_brackets_that_is_asked_about_must_be_in_the_evidence() -> None:
    check = _with(
        (
            "kela-student-aid",
            "en",
            "Kela student financial aid",
            "Student aid consists of the study grant and the student loan guarantee.",
            "",
            "Kela checks your income over the calendar year.",
        ),
        (
            "kela-student-aid",
            "fi",
            "Kelan opintotuki",
            "Opintotuki koostuu opintorahasta ja opintolainan valtiontakauksesta.",
            "",
            "Kela tarkistaa vuositulosi.",
        ),
    )
    asked = "does kela give the student loan compensation (opintolainahyvitys) if I graduate late?"
    assert not check.check(asked, "en", ["kela-student-aid"]).covered
    # Named only in what the learner says of themselves, it is their situation.
    told = "I got the loan compensation (opintolainahyvitys) last year. Who checks my income?"
    assert check.check(told, "en", ["kela-student-aid"]).covered


def test_another_occupations_guide_is_not_offered_as_the_nearest_answer() -> None:
    from assistant.replies import _other_occupation
    from knowledge_base.chunking import Chunk

    welder = Chunk(
        "w", "occupation-welder", "article", "en", "Welder", "s", "text", "", keywords="welder"
    )
    assert _other_occupation(welder, "how do I become a glassblower?", "en")
    assert not _other_occupation(welder, "how do I become a welder in Oulu?", "en")
    assert not _other_occupation(welder, "what does the welding exam cost?", "en")


def test_occupations_heading_a_finnish_or_swedish_question_or_asked_in_spoken_finnish() -> None:
    from assistant.targets import occupation_targets, spoken_targets

    assert occupation_targets("ajo-opettaja – mikä tutkinto pitää olla?", "fi") == ["ajo-opettaja"]
    assert occupation_targets("tandtekniker – vilken utbildning behövs?", "sv") == ["tandtekniker"]
    assert spoken_targets("onks verhoilijaks mitään koulutusta suomessa?") == ["verhoilija"]
    assert occupation_targets("oppisopimus - miten haen?", "fi") == []


def test_a_country_in_lower_case_is_where_something_happens_not_where_one_trained() -> None:
    from assistant.names import Names

    names = Names(["Suomi on maa."])
    assert names.countries_named("if i move to spain can i keep my benefit") == ["spain"]
    assert names.countries_named("mietin muuttoo hollantiin, onks se ilmanen") == ["hollantiin"]
    assert names.countries_named("i trained as a lab technician in india, who licenses me?") == []
    assert names.countries_named("i speak spanish and english") == []


def test_what_an_occupation_earns_needs_a_figure_or_where_pay_is_found() -> None:
    from assistant.coverage_facets import unanswered_facets

    guide = (
        "sähköasentajaksi valmistut sähkö- ja automaatioalan perustutkinnosta (180 osp). "
        "lue ammattitieto työmarkkinatorilta ja vertaa palkkaa osaamispolussa."
    )
    for question in (
        "paljonko sähköasentaja tienaa",
        "vad tjänar en elektriker",
        "what does a plumber earn in finland",
        "how much do electricians make",
    ):
        assert "earnings" in unanswered_facets(question, "", guide), question
    figure = guide + " mediaaniansio oli 3 015 euroa kuukaudessa."
    assert "earnings" not in unanswered_facets("paljonko lähihoitaja tienaa", "", figure)
    # Where pay is found, in any cited article, answers it too.
    where = "osaamispolun palkkatiedot näyttävät ammattiryhmän mediaanipalkan."
    cited = f"{guide} {where}"
    assert "earnings" not in unanswered_facets("paljonko kokki tienaa", "", guide, cited)
    # Not asked: what one must pay, what a profile is ("make one"), a benefit's name.
    for question in (
        "what's a jobseeker profile and do i have to make one?",
        "how much extra study can they make me do?",
        "how much do i have to pay for the course?",
    ):
        assert "earnings" not in unanswered_facets(question, "", guide), question


def test_a_country_where_one_finished_school_is_background_in_lower_case_too() -> None:
    from assistant.coverage_patterns import ORIGIN

    for question in (
        "i'm 45 and only finished primary school in afghanistan. can i apply to vocational school?",
        "I grew up in syria, can I study nursing here?",
    ):
        assert ORIGIN.search(question), question
    assert not ORIGIN.search("if i move to spain can i keep my student aid?")
    assert not ORIGIN.search("I studied in finland, can I work in norway?")


def test_an_age_limit_needs_the_limit_stated_not_an_aside_about_another_service() -> None:
    from assistant.coverage_facets import unanswered_facets

    guide = (
        "poliisiksi valmistut poliisiammattikorkeakoulun 180 opintopisteen tutkinnosta. "
        "kysy opinto-ohjaajalta tai ohjaamosta (alle 30-vuotiaille), miten valmistautua."
    )
    question = "onko poliisikouluun yläikärajaa?"
    assert "age_limit" in unanswered_facets(question, "vuotia", guide)
    for stated in (
        " hakijan on oltava vähintään 18-vuotias.",
        " koulutus on avoin kaikenikäisille.",
    ):
        assert "age_limit" not in unanswered_facets(question, "vuotia", guide + stated), stated


def test_whether_one_can_still_do_it_at_ones_age_asks_for_an_age_limit() -> None:
    from assistant.coverage_patterns import ASKS

    for question in (
        "voiko liikennelentäjäksi opiskella 40-vuotiaana?",
        "can i become a nurse at 50?",
        "kan man bli polis som 35-åring",
        "am i too old at my age to retrain?",
    ):
        assert ASKS["age_limit"].search(question), question
    # An age said in passing is the learner's situation.
    for question in (
        "is there demand for cnc machinists? thinking of retraining at 40",
        "she's now starting tuva at 21. does she get the study materials free?",
    ):
        assert not ASKS["age_limit"].search(question), question


def test_a_rule_for_eu_citizens_needs_an_article_that_speaks_of_them() -> None:
    from assistant.coverage_facets import unanswered_facets

    non_eu = (
        "if you are a citizen of a country outside the eu/eea and your studies last longer "
        "than 90 days, you need a residence permit."
    )
    question = "do i need a work permit to work in finland as an eu citizen?"
    assert "eu_citizen" in unanswered_facets(question, "", non_eu)
    free = "degree education is free for eu/eea citizens."
    assert "eu_citizen" not in unanswered_facets("is university free for eu citizens?", "", free)
    fi = "tutkinto-opetus on maksutonta eu- ja eta-maiden kansalaisille."
    assert "eu_citizen" not in unanswered_facets("onko opiskelu ilmaista eu-kansalaiselle?", "", fi)


def test_what_something_costs_needs_a_price_a_fee_or_that_it_is_free() -> None:
    from assistant.coverage_facets import unanswered_facets, unstated_facets

    article = (
        "ammattikorkeakoulussa voit suorittaa amk-tutkinnon (180-270 opintopistettä). "
        "ammattikorkeakouluun haetaan opintopolussa."
    )
    for question in (
        "paljonko ammattikorkeakoulu maksaa ulkomaalaiselle?",
        "hur mycket kostar det att gå på yrkeshögskola?",
        "vad kostar yki-testet?",
        "how much does the course cost?",
        "is the open university free?",
    ):
        assert "price" in unanswered_facets(question, "", article), question
        assert unstated_facets(question, article) == ["price"], question
    for stated in (
        " tutkinto-opiskelu on maksutonta eu-kansalaisille.",
        " lukuvuosimaksu on vähintään 1 500 euroa.",
        " sedan 2024 har avgifterna varit 153 €.",
    ):
        assert "price" not in unanswered_facets("vad kostar det?", "", article + stated), stated
    # Not asked: what pays, who pays, free time.
    for question in (
        "can my pension company pay for retraining?",
        "kuka maksaa koulutuksen?",
        "what do people do in their free time at a folk high school?",
    ):
        assert "price" not in unanswered_facets(question, "", article), question
    # An amount asked is answered by a figure ("paljonko kela maksaa opintotukea?").
    grant = article + " opintoraha on 279,38 euroa kuukaudessa."
    assert "price" not in unanswered_facets("paljonko kela maksaa opintotukea?", "", grant)


def test_a_fee_named_by_its_own_word_must_be_named_by_the_lead_article() -> None:
    from assistant.coverage_facets import unnamed_fees

    benefit = "työttömyyskassat maksavat jäsenilleen ansiopäivärahaa. yleistuki on 37,21 euroa."
    assert unnamed_fees("mikä on työttömyyskassan jäsenmaksu?", benefit) == ["jäsenmaksu"]
    assert unnamed_fees("what is the union membership fee?", benefit) == ["membership fee"]
    assert unnamed_fees("vad kostar medlemsavgiften i facket?", benefit) == ["medlemsavgift"]
    # Named by the article, in any inflection or language version: answered.
    fees = benefit + " lukuvuosimaksu on vähintään 1 500 euroa; the tuition fee is 1,500 euros."
    assert unnamed_fees("onko lukuvuosimaksun pakko maksaa?", fees) == []
    # A price asked without naming a fee is the price facet's to judge.
    assert unnamed_fees("paljonko kurssi maksaa?", benefit) == []


def test_whether_there_is_work_needs_demand_or_the_barometer_and_names_where_it_is_shown() -> None:
    from assistant.coverage_facets import unanswered_facets
    from assistant.referrals import FACET_TOPICS, where_to_ask

    guide = (
        "lähihoitajaksi valmistut sosiaali- ja terveysalan perustutkinnosta (180 osp). "
        "sysselsättning och lön: medianinkomsten var 3 015 euro."
    )
    for question in (
        "onko lähihoitajille töitä kainuussa?",
        "finns det jobb för närvårdare i österbotten?",
        "is there demand for bus drivers in finland?",
        "finns det brist på elektriker?",
    ):
        assert "outlook" in unanswered_facets(question, "", guide, guide), question
    shortage = guide + " hitsaajat olivat syksyn 2025 työvoimabarometrin suurimpia pula-ammatteja."
    assert "outlook" not in unanswered_facets("onks hitsaajille töitä?", "", guide, shortage)
    # Finding a job is job search, not demand.
    for question in ("how can i find a job in finland?", "mistä löydän töitä?"):
        assert "outlook" not in unanswered_facets(question, "", guide, guide), question
    where = where_to_ask([FACET_TOPICS["outlook"], "occupations"], "fi")
    assert where.startswith("Missä ammateissa") and "tyovoimabarometri.fi" in where


def test_a_processing_time_or_a_language_requirement_must_be_stated_by_the_lead_article() -> None:
    from assistant.coverage_facets import unanswered_facets

    grant = "starttiraha on harkinnanvarainen tuki. sitä haetaan ennen yritystoiminnan alkua."
    for question, facet in (
        ("kuinka nopeasti saan starttirahapäätöksen?", "processing_time"),
        ("hur länge får man vänta på fpa:s beslut?", "processing_time"),
        ("tarvitseeko sairaanhoitajan osata ruotsia?", "language_skill"),
        ("måste man kunna finska för att bli närvårdare?", "language_skill"),
        ("do i need to speak finnish to work as a cook?", "language_skill"),
    ):
        assert facet in unanswered_facets(question, "", grant), question
    stated = grant + " decisions take on average 2-3 months. kielitaitovaatimus on b1."
    for question in (
        "how long does it take to get a decision?",
        "tarvitseeko sairaanhoitajan osata ruotsia?",
    ):
        assert unanswered_facets(question, "", stated) == [], question
    # How long the grant is paid is not how long a decision takes.
    assert unanswered_facets("kuinka kauan starttirahaa maksetaan?", "", grant) == []


def test_the_learners_own_job_taught_abroad_or_travel_insurance_are_read_as_such() -> None:
    from assistant.coverage_facets import SITUATION_PATTERNS
    from assistant.coverage_patterns import ORIGIN
    from assistant.targets import own_jobs

    # Their own job is their situation, not a subject the evidence must name.
    assert own_jobs("im 33, working as a nurse and doing specialisation education", "en")
    assert own_jobs("oon lähihoitaja ja mietin opintovapaata", "fi")
    assert own_jobs("jag jobbar som barnskötare, kan jag läsa vidare?", "sv")
    assert not own_jobs("how do i become a nurse?", "en")
    # Where one taught is background; a travel insurance is insurance.
    assert ORIGIN.search("im 39, taught english in ukraine for 12 years. can oph compare it?")
    insurance, _ = SITUATION_PATTERNS["insurance"]
    assert insurance.search("tarviinko erillisen matkavakuutuksen vaihtoon?")
    assert insurance.search("kattaako vakuutuksen kela?")
