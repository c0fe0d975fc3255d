"""The coverage check on a small corpus: what a question names must be in the evidence, and
questions only one school, employer or case handler can answer are never answered."""

from __future__ import annotations

import pytest

from assistant.coverage import CoverageCheck, asks_own_case
from assistant.ranking import title_names
from assistant.situation import closed_to

DOCS = {
    ("apprenticeship", "en"): [
        "Apprenticeship training: you work for a wage and study for a qualification. "
        "Your pay follows the collective agreement. "
        "The employer may get training compensation. Apply through the education provider."
    ],
    ("class-teacher", "en"): [
        "A class teacher teaches grades 1-6 in basic education. The master's degree in "
        "education is required."
    ],
    ("pay-information", "en"): [
        "Reliable pay information: Statistics Finland publishes wages and earnings by occupation."
    ],
    ("ohjaamo", "en"): ["Ohjaamo centres give free guidance to people under 30."],
}
for n in range(20):  # common words make "education" and "work" generic
    DOCS[(f"filler-{n}", "en")] = ["Work, education, study and guidance in Finland."]
SUBJECTS = {
    ("apprenticeship", "en"): title_names("Apprenticeship training – learn at work for a wage"),
    ("class-teacher", "en"): title_names("Class teacher (luokanopettaja)"),
    ("pay-information", "en"): title_names("Pay information: where to find it"),
    ("ohjaamo", "en"): title_names("Ohjaamo – free guidance for under-30s"),
}


@pytest.fixture(scope="module")
def check() -> CoverageCheck:
    return CoverageCheck(DOCS, SUBJECTS)


def test_title_names_are_the_head_and_the_names_in_brackets() -> None:
    assert title_names("Class teacher (luokanopettaja)") == ["Class teacher", "luokanopettaja"]
    assert title_names("Ohjaamo – free guidance for under-30s") == ["Ohjaamo"]
    assert title_names("Vocational rehabilitation (kuntoutus) from a pension provider") == [
        "Vocational rehabilitation",
        "kuntoutus",
    ]


def test_a_subject_named_as_a_phrase_needs_its_article(check: CoverageCheck) -> None:
    question = "What is the median salary of a class teacher?"
    assert "class" in check.concepts(question, "en")
    assert not check.check(question, "en", ["pay-information"]).covered
    assert check.check(question, "en", ["pay-information", "class-teacher"]).covered
    # One word of the phrase alone is not the subject.
    assert (
        check.concepts("Can I finish school without sitting in class with teenagers?", "en") == ()
    )


def test_a_name_no_article_uses_is_not_covered(check: CoverageCheck) -> None:
    question = "Does the apprenticeship at Wärtsilä come with training compensation?"
    result = check.check(question, "en", ["apprenticeship"])
    assert result.missing == ("Wärtsilä",)
    # Places and countries are not subjects: the general guidance still answers.
    assert check.names.unknown("I moved here from Nigeria and live in Espoo. Can I apply?") == []
    # Every part of a hyphenated name the corpus knows is known.
    assert check.names.unknown("Where is the Ohjaamo-centre now?") == []


@pytest.mark.parametrize(
    "question",
    [
        "When does the next welding course start at Omnia in Espoo?",
        "How much is the forklift licence course at Luksia in Lohja?",
        "Who is the study counsellor at Keuda and what is her phone number?",
        "paljonko ericsson maksaa kesäharjoittelijalle jorvaksessa",
        "Milloin seuraava ryhmä alkaa Porissa?",
        "Is Supercell hiring junior game developers right now?",
        "onko jyväskylän aikuisopistossa vielä tilaa syksyn kokkikurssilla",
        "Does Lahti give out summer job vouchers this year?",
    ],
)
def test_one_places_own_details_are_local(check: CoverageCheck, question: str) -> None:
    assert check.check(question, "en", ["apprenticeship"]).unanswered == ("local",)


def test_general_questions_are_not_local(check: CoverageCheck) -> None:
    for question in (
        "How much do apprentices get paid?",
        "Does the employer get training compensation for an apprentice?",
    ):
        assert check.check(question, "en", ["apprenticeship"]).covered, question


@pytest.mark.parametrize(
    "question",
    [
        "sain kielteisen päätöksen työkokeilusta, miks ja voinko valittaa?",
        "mun yki-testin tulos ei oo vieläkään tullu",
        "varför har fpa inte betalat ut mitt studiestöd för mars än??",
        "Miksi Kela perii multa opintotukea takaisin?",
        "my coach said no to a work trial, why and can I appeal?",
        "Mitt beslut om bostadstillägg från FPA verkar fel, vad gör jag?",
        "min a-kassa har inte svarat på min ansökan på en månad, varför dröjer det",
        "min ansökan om lönesubvention har legat hos kommunen i sex veckor",
        "the school says my grade is 3 but I think it's 4, can you check which one is right?",
        "voitko selvittää miksi tukeni on vieläkin myöhässä",
    ],
)
def test_ones_own_case_is_for_the_case_handler(question: str) -> None:
    assert asks_own_case(question)


def test_general_benefit_questions_are_not_own_cases() -> None:
    for question in (
        "Kuka maksaa opintotukea?",
        "How long does Kela take to process a student aid application?",
        "can you check which courses are free for the unemployed?",
    ):
        assert not asks_own_case(question), question


def test_asking_the_assistant_to_look_up_ones_own_decision_or_chances_is_ones_own_case() -> None:
    assert asks_own_case("can you tell me if migri has approved my residence permit extension?")
    assert asks_own_case("katotko pääsenkö sairaanhoitajaks tampereelle mun yo-numeroilla?")
    assert not asks_own_case("can you tell me if my degree is recognised in Finland?")
    assert not asks_own_case("can you check if apprenticeship has an age limit?")


def test_an_age_limit_closes_a_sentence_to_older_learners() -> None:
    sentence = "If you are under 30 you can also visit Ohjaamo without an appointment."
    assert closed_to(sentence, 45)
    assert not closed_to(sentence, 23)
    assert not closed_to(sentence, None)
    assert closed_to("Ohjaamo centres help too.", 45, ("ohjaam",))
    assert closed_to("Nuorisotakuu koskee alle 25-vuotiaita.", 40)
    assert closed_to("Tjänsten är för unga högst 29 år gamla.", 45)
    # A length or an amount is not an age limit ("up to 24 months" for a 60-year-old).
    assert not closed_to("Palkkatukea voi saada enintään 24 kuukaudeksi.", 60)
    assert not closed_to("The subsidy can last up to 24 months.", 60)
    assert not closed_to("Stödet täcker högst 50 % av lönekostnaderna.", 60)
    # An age range the sentence is for ("If you are 16–29, ...") closes it to a client of 50.
    assert closed_to("If you are 16–29 and your functioning is weakened, Kela can help.", 50)
    assert closed_to("Om du är 16–29 år kan FPA bevilja den utan läkarutlåtande.", 50)
    assert not closed_to("If you are 16–29, Kela can grant it.", 25)


def test_ones_own_case_is_sent_only_to_the_service_handling_it() -> None:
    from assistant.referrals import where_to_ask

    own = where_to_ask(["financial_aid", "vocational"], "en", own_case=True)
    assert "kela.fi" in own and "Ohjaamo" not in own and "Studyinfo" not in own
    general = where_to_ask(["financial_aid", "vocational"], "en")
    assert "kela.fi" in general and "Studyinfo" in general


@pytest.mark.parametrize(
    "question",
    [
        "kela hylkäsi mun asumislisän, mitä nyt?",
        "työllisyyspalvelut lopettivat mun tuen ja haluan valittaa",
        "FPA sänkte mitt bostadstillägg i maj utan förklaring",
        "the city cut my summer job voucher, how do I appeal?",
        "sain karenssin vaikka olin sairaana",
        "maksoin lukukausimaksun kahdesti, saanko rahat takaisin?",
        "I never received a confirmation for my exam registration",
        "jag har inte fått något beslut på två månader",
        "min ansökan om studiestöd har inte behandlats, varför?",
        "can you look at my Kela decision?",
        "am I actually registered for the spring exam?",
        "har skolan fått min ansökan?",
    ],
)
def test_a_decision_cut_refund_or_missing_answer_of_ones_own_is_a_case(question: str) -> None:
    assert asks_own_case(question), question


def test_own_case_words_in_general_questions_are_not_cases() -> None:
    for question in (
        "I worked as a welder for years but never got a qualification. What now?",
        "onko palkka.fi hyvä paikka tarkistaa palkkoja?",
        "hur länge behandlar FPA en ansökan om studiestöd?",
    ):
        assert not asks_own_case(question), question


def test_an_office_hours_or_last_years_points_are_local(check: CoverageCheck) -> None:
    for question in (
        "onko Kelan Tikkurilan toimisto auki lauantaisin?",
        "Is the Omnia office open on Saturdays?",
        "How many points did you need for Metropolia's nursing programme last year?",
        "Vem undervisar i engelska på Arbis i Helsingfors?",
    ):
        assert check.check(question, "en", ["apprenticeship"]).unanswered == ("local",), question


def test_another_countrys_own_rules_are_not_covered(check: CoverageCheck) -> None:
    result = check.check(
        "How do I get an apprenticeship licence in Portugal?", "en", ["apprenticeship"]
    )
    assert result.missing == ("portugal",)
    result = check.check("voiko oppisopimuksen tehdä portugalissa?", "fi", ["apprenticeship"])
    assert "portugalissa" in result.missing
    # Where the learner comes from is background, and a language is not a country.
    for question in (
        "I'm from Portugal, can I do an apprenticeship?",
        "I came here from Portugal. Can I do an apprenticeship?",
        "voinko opiskella portugalia oppisopimuksella?",
        # Work or training done there is background too.
        "I worked six years as a carpenter in Portugal. Can I do an apprenticeship here?",
    ):
        assert check.check(question, "en", ["apprenticeship"]).covered, question
    assert check.check(
        "tein töitä Portugalissa kokkina, voinko tehdä oppisopimuksen?", "fi", ["apprenticeship"]
    ).covered
    # Asking about that country's own system stays another country's rules.
    result = check.check("how do apprenticeships work in Portugal?", "en", ["apprenticeship"])
    assert result.missing == ("portugal",)


def test_the_swedish_names_of_towns_are_places(check: CoverageCheck) -> None:
    assert check.names.unknown("Jag bor i Karleby och vill gå läroavtal, hur gör jag?") == []
    assert check.names.is_place("Helsingfors")


def test_an_age_limit_must_be_stated_by_the_article_the_answer_opens_with() -> None:
    docs = {
        **DOCS,
        ("ohjaamo", "en"): ["Ohjaamo centres give free guidance to people aged 15-29."],
    }
    check = CoverageCheck(docs, SUBJECTS)
    asked = "Is there an upper age limit for becoming a class teacher?"
    # The Ohjaamo article states an age; the class teacher article states none.
    assert check.check(asked, "en", ["ohjaamo", "class-teacher"]).covered
    assert check.check(asked, "en", ["class-teacher", "ohjaamo"]).unanswered == ("age_limit",)
    too_old = check.check("Am I too old at 50 for an apprenticeship?", "en", ["apprenticeship"])
    assert too_old.unanswered == ("age_limit",)


def test_spoken_town_names_are_places(check: CoverageCheck) -> None:
    assert check.names.is_place("hesan")
    assert check.names.is_place("stadin")
    assert check.names.asks_local_detail("milloin hesan yliopiston kurssit alkaa syksyllä?")


def test_an_occupation_named_outside_the_asking_clauses_is_the_learners_situation() -> None:
    docs = {
        **DOCS,
        ("occupation-cook", "en"): [
            "A cook prepares food in restaurants; the vocational qualification."
        ],
    }
    subjects = {
        **SUBJECTS,
        ("occupation-cook", "en"): title_names("Cook – vocational qualification"),
    }
    check = CoverageCheck(docs, subjects)
    # Asked: the apprenticeship; the cook is what the learner is studying to be.
    asked = "I'm studying to be a cook, how do I find an apprenticeship employer?"
    assert check.check(asked, "en", ["apprenticeship"]).covered
    # Pointing back ("is it...") keeps the occupation the subject.
    pointed = "I want to become a cook. Is it possible through an apprenticeship?"
    assert check.check(pointed, "en", ["apprenticeship"]).missing == ("cook",)
    # Asked directly, it is the subject.
    assert check.check("How do I become a cook?", "en", ["apprenticeship"]).missing == ("cook",)


def test_the_asking_clauses_of_a_question() -> None:
    from assistant.coverage_patterns import asked_part

    assert (
        asked_part("I worked as a welder for years. Who pays for rehab?") == " Who pays for rehab"
    )
    assert (
        asked_part("olen lähihoitaja, voinko hakea opintovapaata?") == " voinko hakea opintovapaata"
    )
    assert asked_part("Kerro oppisopimuksesta.") == "Kerro oppisopimuksesta."


def test_a_name_of_several_words_must_be_used_by_the_article_the_answer_opens_with(
    check: CoverageCheck,
) -> None:
    asked = "Does the Basic Education of adults have an age limit?"
    assert check.check(asked, "en", ["apprenticeship"]).missing == ("Basic Education",)
    assert check.check(asked, "en", ["class-teacher", "apprenticeship"]).missing == ()
    # A card's answer leading the reply that also names it changes nothing.
    card = ["Basic education for adults has no age limit."]
    assert check.check(asked, "en", ["class-teacher"], extra=card).missing == ()


def test_credits_are_not_admission_points_and_paying_for_is_a_cost(check: CoverageCheck) -> None:
    from assistant.coverage_patterns import ASKS, ORIGIN, asks_own_case

    assert not check.names.asks_local_detail("montako opintopistettä koulutus on? asun Kuopiossa")
    assert not check.names.asks_local_detail("hur många studiepoäng är examen? bor i Jakobstad")
    assert check.names.asks_local_detail("montako pistettä Kuopioon pääsi viime vuonna?")
    asked = "do we have to pay for her books?"
    assert not ASKS["pay"].search(asked) and ASKS["cost"].search(asked)
    assert ASKS["pay"].search("how much does a nurse get paid?")
    assert not asks_own_case("hur långt i förväg ska jag ansöka om ledighet?")
    assert asks_own_case("hur långt har min ansökan kommit?")
    assert ORIGIN.search("oon Irakista ja olin siellä opettaja")


def test_an_occupation_named_in_spoken_finnish_that_no_article_uses_is_not_covered(
    check: CoverageCheck,
) -> None:
    # "optikoks", "lentoemännäks": the spoken translative of an occupation the corpus never
    # names; the apprenticeship article does not answer how to become one.
    result = check.check("haluun optikoks, kauanko koulutus kestää?", "fi", ["apprenticeship"])
    assert "optiko" in result.missing
    result = check.check("miten pääsee lentoemännäks?", "fi", ["apprenticeship"])
    assert "lentoemännä" in result.missing
    # One the corpus names is left to the evidence ("apprenticeship" here).
    result = check.check("haluun apprenticeshipiks", "fi", ["apprenticeship"])
    assert not [m for m in result.missing if m.startswith("apprentic")]


def test_an_application_not_heard_of_or_payments_that_stopped_are_ones_own_case() -> None:
    assert asks_own_case("hain kelasta tukea viikkoja sitten enkä oo kuullu mitään")
    assert asks_own_case("jag skickade min ansökan i mars och har inte hört något")
    assert asks_own_case("my housing benefit payments stopped last month, why?")
    assert asks_own_case("Kela maksoi tuen mun vanhalle tilille joka on suljettu")
    # Asking in general stays a general question.
    assert not asks_own_case("I sent my CV to three employers, how long until they reply?")
    assert not asks_own_case("when does student aid stop after graduation?")


def test_one_offices_staff_hours_and_places_are_its_own_details(check: CoverageCheck) -> None:
    local = check.names.asks_local_detail
    assert local("kuka on Porin ohjaamon psykologi ja onko vastaanottoa iltaisin?")
    assert local(
        "finns det någon på ungdomsverkstaden i Jakobstad som talar svenska, vad heter hen?"
    )
    # Asked in general, without one place, it is guidance.
    assert not local("who is the right person to ask about student aid?")
    # One employer's apprentice, trainee or summer-job places.
    assert local("onks lidlillä tampereella oppisopimuspaikkoja myyjäks?")
    assert local("tar Alko emot praktikanter från merkonomutbildningen i Åbo?")
    assert local("does ikea in vantaa take apprentices for the retail qualification?")
    assert not local("can an employer take apprentices who are over 50?")


def test_how_long_a_licence_is_valid_or_a_tests_pass_mark_needs_the_figure(
    check: CoverageCheck,
) -> None:
    # The apprenticeship article gives no validity period and no pass mark.
    asked = "how long is the apprenticeship certificate valid, and must it be renewed?"
    assert "validity" in check.check(asked, "en", ["apprenticeship"]).unanswered
    asked = "what is the pass mark of the apprenticeship test?"
    assert "pass_mark" in check.check(asked, "en", ["apprenticeship"]).unanswered
    # Asking how long something lasts, or whether a degree is valid for a job, is neither.
    asked = "how long does apprenticeship training last?"
    assert not check.check(asked, "en", ["apprenticeship"]).unanswered
    asked = "is my apprenticeship qualification valid for jobs in Finland?"
    assert "validity" not in check.check(asked, "en", ["apprenticeship"]).unanswered


def test_a_situation_that_changes_the_rules_needs_an_article_that_speaks_of_it(
    check: CoverageCheck,
) -> None:
    # Served the general rule, a prisoner, a pensioner or someone on parental leave would be
    # misled: the apprenticeship article says nothing of them.
    for question in (
        "can a prisoner do an apprenticeship while in prison?",
        "I'm on a disability pension, can I still do an apprenticeship?",
        "can I keep my apprenticeship during parental leave?",
        "I have a criminal record, can I get an apprenticeship?",
    ):
        assert check.check(question, "en", ["apprenticeship"]).missing, question
    # Without such a situation nothing is missing.
    question = "I have worked in a shop for years, can I do an apprenticeship?"
    assert not check.check(question, "en", ["apprenticeship"]).missing


def test_an_asked_occupation_no_article_begins_like_is_not_covered(check: CoverageCheck) -> None:
    # "locksmith", "floristiks": no article uses even the word's beginning, so neither a
    # compound's tail nor a word sharing five letters stands for it.
    result = check.check(
        "i want to be a locksmith, can I do it as an apprentice?", "en", ["apprenticeship"]
    )
    assert "locksmith" in result.missing
    result = check.check(
        "mitä pitää opiskella et pääsee kauppaan floristiks?", "fi", ["apprenticeship"]
    )
    assert "floristi" in result.missing
    # One the articles name is the evidence's to judge.
    result = check.check("i want to be a teacher, can I be an apprentice?", "en", ["class-teacher"])
    assert "teacher" not in result.missing
