"""Every user-visible string of the assistant, in Finnish, Swedish and English."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "sources": {"fi": "Lähteet", "sv": "Källor", "en": "Sources"},
    "next_steps": {"fi": "Seuraavat askeleet", "sv": "Nästa steg", "en": "Next steps"},
    "other_language": {
        "fi": "Paras lähde on saatavilla vain {lang_name}.",
        "sv": "Den bästa källan finns bara på {lang_name}.",
        "en": "The best source is only available in {lang_name}.",
    },
    "occupation_language": {
        "fi": "Ammatin kuvaus on EU:n ESCO-luokituksesta, ja se on saatavilla vain {lang_name}.",
        "sv": "Yrkesbeskrivningen kommer från EU:s ESCO-klassifikation och finns bara på "
        "{lang_name}.",
        "en": "The description of the occupation comes from the EU's ESCO classification and is "
        "only available in {lang_name}.",
    },
    "esco_attribution": {
        "fi": "(Lähde: Euroopan komission ESCO-luokitus.)",
        "sv": "(Källa: Europeiska kommissionens ESCO-klassifikation.)",
        "en": "(Source: the ESCO classification of the European Commission.)",
    },
    "no_answer": {
        "fi": (
            "En löydä tähän luotettavaa vastausta tietopankistani, enkä halua arvata. "
            "Voit kokeilla kysyä toisin sanoin, esimerkiksi mainitsemalla koulutuksen, "
            "ammatin tai tilanteesi. Henkilökohtaista apua saat oppilaitoksen opinto-ohjaajalta, "
            "kuntasi työllisyyspalveluista tai alle 30-vuotiaana Ohjaamosta."
        ),
        "sv": (
            "Jag hittar inget tillförlitligt svar på det här i min kunskapsbank och vill inte "
            "gissa. Försök gärna fråga med andra ord, till exempel genom att nämna utbildningen, "
            "yrket eller din situation. Personlig hjälp får du av en studiehandledare, av "
            "kommunens arbetskraftstjänster eller, om du är under 30, av Ohjaamo."
        ),
        "en": (
            "I can't find a reliable answer to this in my knowledge base, and I don't want to "
            "guess. Try asking in other words, for example by naming the programme, the "
            "occupation or your situation. For personal help, talk to a study counsellor, your "
            "municipality's employment services or, if you are under 30, an Ohjaamo centre."
        ),
    },
    "out_of_scope": {
        "fi": (
            "Tämä ei kuulu siihen, missä voin auttaa. Olen Suunta, ja autan koulutukseen, "
            "opiskeluun, sen rahoitukseen, työnhakuun ja uranvaihtoon liittyvissä kysymyksissä "
            "Suomessa. Kysy vaikka aikuisopiskelusta, oppisopimuksesta tai opintotuesta."
        ),
        "sv": (
            "Det här kan jag tyvärr inte hjälpa till med. Jag är Suunta och hjälper med frågor "
            "om utbildning, studier och studiefinansiering, jobbsökning och att byta bransch i "
            "Finland. Fråga gärna om vuxenstudier, läroavtal eller studiestöd."
        ),
        "en": (
            "That's outside what I can help with. I'm Suunta, and I help with questions about "
            "education, studying and paying for it, job search and changing careers in Finland. "
            "Ask me about adult education, apprenticeships or student financial aid, for example."
        ),
    },
    # A counsellor describes a client's situation: the same replies, addressed to them.
    "out_of_scope_counsellor": {
        "fi": (
            "Tämä kuvaus ei osu aiheisiin, joista minulla on tietoa. Tuen ohjausta koulutukseen, "
            "opiskeluun ja sen rahoitukseen, työllisyyspalveluihin, työnhakuun ja uranvaihtoon "
            "liittyvissä kysymyksissä Suomessa. Kuvaa asiakkaan tilanne näiden kautta: "
            "koulutustausta, työtilanne ja tavoite."
        ),
        "sv": (
            "Den här beskrivningen gäller inget av de områden jag har kunskap om. Jag stöder "
            "vägledning i frågor om utbildning, studier och studiefinansiering, "
            "arbetskraftstjänster, jobbsökning och byte av bransch i Finland. Beskriv klientens "
            "situation utifrån dem: utbildningsbakgrund, arbetssituation och mål."
        ),
        "en": (
            "This description is outside the subjects I have material on. I support guidance on "
            "education, studying and paying for it, employment services, job search and career "
            "change in Finland. Describe the client's situation in those terms: their education, "
            "their work situation and their goal."
        ),
    },
    "no_answer_counsellor": {
        "fi": (
            "En löydä tietopankistani luotettavaa aineistoa tähän tilanteeseen enkä halua "
            "arvata. Kokeile kuvata tilanne tarkemmin, esimerkiksi asiakkaan koulutus, "
            "työtilanne, ikäryhmä ja se, mitä hän tavoittelee."
        ),
        "sv": (
            "Jag hittar inget tillförlitligt material om den här situationen i min kunskapsbank "
            "och vill inte gissa. Beskriv gärna situationen närmare, till exempel klientens "
            "utbildning, arbetssituation, åldersgrupp och vad hen vill uppnå."
        ),
        "en": (
            "I can't find reliable material on this situation in my knowledge base, and I don't "
            "want to guess. Try describing it in more detail: the client's education, work "
            "situation, age group and what they are aiming for."
        ),
    },
    "not_covered": {
        "fi": "Suunnan lähteet eivät kerro tästä{subject}, joten en halua arvata.",
        "sv": "Suuntas källor säger ingenting om det här{subject}, så jag vill inte gissa.",
        "en": "Suunta's sources do not cover this{subject}, so I won't guess.",
    },
    "own_case": {
        "fi": "En näe omaa asiaasi: hakemuksesi, päätöksesi ja maksusi tuntee vain niitä "
        "käsittelevä palvelu, joten en halua arvata.",
        "sv": "Jag kan inte se ditt eget ärende: din ansökan, ditt beslut och dina "
        "utbetalningar känner bara den tjänst som handlägger dem, så jag vill inte gissa.",
        "en": "I cannot see your own case: only the service handling your application, "
        "decision or payment knows it, so I won't guess.",
    },
    "own_case_general": {
        "fi": "En näe omaa asiaasi, mutta yleinen sääntö on tämä:",
        "sv": "Jag kan inte se ditt eget ärende, men den allmänna regeln är den här:",
        "en": "I cannot see your own case, but this is the general rule:",
    },
    "local": {
        "fi": "Tämä on yhden oppilaitoksen, toimipisteen tai työnantajan omaa tietoa, jota "
        "Suunnan lähteissä ei ole, joten en halua arvata.",
        "sv": "Det här vet bara läroanstalten, kontoret eller arbetsgivaren själv; Suuntas "
        "källor har det inte, så jag vill inte gissa.",
        "en": "Only that school, office or employer knows this; Suunta's sources do not have "
        "it, so I won't guess.",
    },
    "not_covered_subject": {
        "fi": " (”{words}”)",
        "sv": " (”{words}”)",
        "en": " (“{words}”)",
    },
    "nearby": {
        "fi": "Lähimpänä tätä lähteeni sanovat:",
        "sv": "Det närmaste mina källor säger är:",
        "en": "The closest my sources come is this:",
    },
    "where_to_ask": {"fi": "Mistä kysyä", "sv": "Var du kan fråga", "en": "Where to ask"},
    "thanks": {
        "fi": "Ole hyvä! Kysy lisää milloin vain.",
        "sv": "Varsågod! Fråga gärna mer när du vill.",
        "en": "You're welcome! Ask again any time.",
    },
    "greeting": {
        "fi": (
            "Hei! Olen Suunta. Autan koulutukseen, opiskeluun ja sen rahoitukseen, työnhakuun ja "
            "uranvaihtoon liittyvissä kysymyksissä. Mitä haluaisit tietää?"
        ),
        "sv": (
            "Hej! Jag är Suunta. Jag hjälper med frågor om utbildning, studier och "
            "studiefinansiering, jobbsökning och att byta bransch. Vad vill du veta?"
        ),
        "en": (
            "Hi! I'm Suunta. I help with questions about education, studying and paying for it, "
            "job search and changing careers in Finland. What would you like to know?"
        ),
    },
    "injection": {
        "fi": (
            "En voi toimia viestiin upotettujen ohjeiden mukaan enkä vaihtaa rooliani. Olen "
            "Suunta, ja autan koulutukseen, opiskeluun, sen rahoitukseen, työnhakuun ja "
            "uranvaihtoon liittyvissä kysymyksissä. Kysy vaikka aikuisopiskelusta tai opintotuesta."
        ),
        "sv": (
            "Jag kan inte följa instruktioner som bäddats in i ett meddelande eller byta roll. "
            "Jag är Suunta och hjälper med frågor om utbildning, studier och studiefinansiering, "
            "jobbsökning och att byta bransch. Fråga gärna om vuxenstudier eller studiestöd."
        ),
        "en": (
            "I can't follow instructions embedded in a message or take on another role. I'm "
            "Suunta, and I help with questions about education, studying and paying for it, job "
            "search and changing careers in Finland. Ask me about adult education, for example."
        ),
    },
}

LANGUAGE_NAMES = {
    "fi": {"fi": "suomeksi", "sv": "ruotsiksi", "en": "englanniksi"},
    "sv": {"fi": "finska", "sv": "svenska", "en": "engelska"},
    "en": {"fi": "Finnish", "sv": "Swedish", "en": "English"},
}


def text(key: str, language: str, *, mode: str = "learner", **values: str) -> str:
    """The string `key` in `language` (English if missing), with `values` filled in; in
    counsellor mode the counsellor's version of it where there is one."""
    if mode == "counsellor" and f"{key}_counsellor" in TEXTS:
        key = f"{key}_counsellor"
    template = TEXTS[key].get(language) or TEXTS[key]["en"]
    return template.format(**values) if values else template


CRISIS = {
    "fi": (
        "Olen pahoillani, että sinulla on nyt näin raskasta. Et ole yksin, ja apua saa heti.\n\n"
        "- **Hätätilanteessa soita 112.**\n"
        "- **MIELI ry:n Kriisipuhelin 09 2525 0111** päivystää ympäri vuorokauden.\n"
        "- Sekasin-chat (12–29-vuotiaille) ja MLL:n Lasten ja nuorten puhelin 116 111.\n"
        "- Kirkon keskusteluapu 0400 22 11 80 (iltaisin).\n\n"
        "Jos linja on varattu, soita uudelleen muutaman minuutin päästä. Kun olet valmis, "
        "voimme jatkaa opiskelu- tai urakysymyksistäsi."
    ),
    "sv": (
        "Jag är ledsen att du har det så tungt just nu. Du är inte ensam, och hjälp finns nu.\n\n"
        "- **Ring 112 i en nödsituation.**\n"
        "- **MIELI rf:s kristelefon på svenska 09 2525 0112**; den finska linjen "
        "09 2525 0111 har jour dygnet runt.\n"
        "- Sekasin-chatten på svenska (för 12–29-åringar) och MLL:s telefon 0800 96 116.\n"
        "- Kyrkans samtalstjänst 0400 22 11 90 (kvällar).\n\n"
        "Om linjen är upptagen, ring igen om några minuter. När du är redo kan vi fortsätta "
        "med dina frågor om studier eller arbete."
    ),
    "en": (
        "I'm sorry you're going through this. You are not alone, and help is available now.\n\n"
        "- **In an emergency, call 112.**\n"
        "- **MIELI Crisis Helpline 09 2525 0111** (in Finnish) is open 24/7. MIELI also has "
        "an English line; check its number and hours at mieli.fi/helpline.\n"
        "- Sekasin chat for 12–29-year-olds, and the MLL Children and Youth Phone 116 111.\n\n"
        "If the line is busy, call again after a few minutes. Whenever you're ready, we can "
        "go on with your study or career questions."
    ),
}

HANDOFF = {
    "fi": (
        "Voit puhua ihmisen kanssa näin:\n\n"
        "- **Ohjaamo** (alle 30-vuotiaille): maksuton ohjaus ilman ajanvarausta, katso lähin "
        "osoitteesta ohjaamot.fi.\n"
        "- **Opinto-ohjaaja**: jos opiskelet, oman oppilaitoksesi opinto-ohjaaja tai "
        "korkeakoulun urapalvelut.\n"
        "- **Kunnan työllisyyspalvelut**: työnhakijana saat oman valmentajan "
        "(omavalmentaja); yhteystiedot Työmarkkinatorilta (tyomarkkinatori.fi).\n"
        "- **Osaamispolku** (osaamispolku.fi): ohjausta ja tietoa jatkuvasta oppimisesta.\n\n"
        "Voin myös jatkaa täällä, jos haluat kysyä lisää."
    ),
    "sv": (
        "Så här når du en person:\n\n"
        "- **Ohjaamo** (för dig under 30): gratis vägledning utan tidsbokning, hitta närmaste "
        "på ohjaamot.fi.\n"
        "- **Studiehandledare**: om du studerar, din läroanstalts studiehandledare eller "
        "högskolans karriärtjänster.\n"
        "- **Kommunens arbetskraftstjänster**: som arbetssökande får du en egen coach; "
        "kontaktuppgifter på Jobbmarknad Finland (tyomarkkinatori.fi).\n"
        "- **Kompetensstigen** (osaamispolku.fi): vägledning och information om kontinuerligt "
        "lärande.\n\nJag kan också fortsätta här om du vill fråga mer."
    ),
    "en": (
        "Here is how to reach a person:\n\n"
        "- **Ohjaamo** (for under-30s): free guidance without an appointment; find the nearest "
        "at ohjaamot.fi.\n"
        "- **Study counsellor**: if you are studying, your school's study counsellor or your "
        "university's career services.\n"
        "- **Municipal employment services**: as a registered jobseeker you get a personal "
        "coach; contacts through Job Market Finland (tyomarkkinatori.fi).\n"
        "- **Osaamispolku** (Competency Path, osaamispolku.fi): guidance and information on "
        "continuous learning.\n\nI can also carry on here if you want to ask more."
    ),
}

# Questions a counsellor may explore with a client, by the topic of a retrieved article.
PLAN_QUESTIONS: dict[str, dict[str, str]] = {
    "goal": {
        "fi": "Mikä on asiakkaan tavoite ja millä aikataululla hän haluaa edetä?",
        "sv": "Vad är klientens mål och i vilken takt vill hen gå vidare?",
        "en": "What is the client's goal, and on what timetable do they want to move?",
    },
    "recognition": {
        "fi": "Mitä työ- tai muuta kokemusta asiakkaalla on, jonka voisi tunnustaa tutkintoon?",
        "sv": "Vilken arbets- eller annan erfarenhet har klienten som kan erkännas i en examen?",
        "en": "What work or other experience does the client have that could be recognised?",
    },
    "financial_aid": {
        "fi": "Miten asiakas aikoo kattaa elinkustannukset opintojen aikana?",
        "sv": "Hur ska klienten klara sina levnadskostnader under studierna?",
        "en": "How will the client cover living costs while studying?",
    },
    "unemployment": {
        "fi": "Onko asiakas ilmoittautunut työnhakijaksi, ja onko hänellä työllistymissuunnitelma?",
        "sv": "Har klienten anmält sig som arbetssökande, och finns det en sysselsättningsplan?",
        "en": "Is the client registered as a jobseeker, and do they have an employment plan?",
    },
    "higher_education": {
        "fi": "Onko asiakkaalla jo korkeakoulututkinto tai vastaanotettu opiskelupaikka?",
        "sv": "Har klienten redan en högskoleexamen eller en mottagen studieplats?",
        "en": "Does the client already have a higher-education degree or an accepted study place?",
    },
    "immigrants": {
        "fi": "Miten asiakas osaa suomea tai ruotsia, ja onko hänen tutkintonsa tunnustettu?",
        "sv": "Hur goda är klientens kunskaper i finska eller svenska, och är examen erkänd?",
        "en": "How good is the client's Finnish or Swedish, and is their degree recognised?",
    },
    "disability": {
        "fi": "Rajoittaako terveys sitä, millaista työtä asiakas voi tehdä?",
        "sv": "Begränsar hälsan vilket slags arbete klienten kan göra?",
        "en": "Does the client's health limit the kind of work they can do?",
    },
    "career_planning": {
        "fi": "Mistä asiakas on kiinnostunut ja mitä vahvuuksia hän haluaa hyödyntää?",
        "sv": "Vad är klienten intresserad av och vilka styrkor vill hen bygga på?",
        "en": "What is the client interested in, and which strengths do they want to build on?",
    },
    "employed": {
        "fi": "Haluaako asiakas opiskella työn ohessa, ja tukeeko työnantaja opintoja?",
        "sv": "Vill klienten studera vid sidan av arbetet, och stöder arbetsgivaren studierna?",
        "en": "Does the client want to study alongside work, and does the employer support it?",
    },
    "youth": {
        "fi": "Onko asiakas alle 30-vuotias (Ohjaamo) tai vielä oppivelvollinen?",
        "sv": "Är klienten under 30 (Navigatorn) eller fortfarande läropliktig?",
        "en": "Is the client under 30 (Ohjaamo) or still within compulsory education?",
    },
}
# Which question each article topic raises (topics from knowledge_base/topics.yaml).
PLAN_TOPIC_QUESTIONS = {
    "recognition": "recognition",
    "vocational": "recognition",
    "apprenticeship": "employed",
    "career_change": "recognition",
    "financial_aid": "financial_aid",
    "unemployment": "unemployment",
    "employment_services": "unemployment",
    "higher_education": "higher_education",
    "open_studies": "higher_education",
    "application": "higher_education",
    "immigrants": "immigrants",
    "foreign_qualifications": "immigrants",
    "disability": "disability",
    "career_planning": "career_planning",
    "occupations": "career_planning",
    "labour_market": "career_planning",
    "continuing_education": "employed",
    "compulsory_education": "youth",
    "guidance_services": "youth",
}
PLAN_SUMMARY = {
    "fi": "Keskeiset lähteet: {titles}.",
    "sv": "Centrala källor: {titles}.",
    "en": "Key sources: {titles}.",
}
