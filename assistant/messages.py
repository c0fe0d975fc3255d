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
}

LANGUAGE_NAMES = {
    "fi": {"fi": "suomeksi", "sv": "ruotsiksi", "en": "englanniksi"},
    "sv": {"fi": "finska", "sv": "svenska", "en": "engelska"},
    "en": {"fi": "Finnish", "sv": "Swedish", "en": "English"},
}


def text(key: str, language: str, **values: str) -> str:
    """The string `key` in `language` (English if missing), with `values` filled in."""
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
