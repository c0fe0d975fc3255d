"""Every text the reports show a person, in Finnish, Swedish and English (one place).

Group values (regions, age bands, ...) are stored as stable keys; `group_label` turns a key into
words. Topic names come from the knowledge base's `topics.yaml`, passed in by the caller.
"""

from __future__ import annotations

from telemetry.profile import REGIONS

LANGS = ("fi", "sv", "en")

TEXT: dict[str, dict[str, str]] = {
    "title": {
        "fi": "Suunta – palvelun raportti",
        "sv": "Suunta – tjänstens rapport",
        "en": "Suunta – service report",
    },
    "period": {"fi": "Ajanjakso", "sv": "Period", "en": "Period"},
    "generated": {"fi": "Laadittu", "sv": "Skapad", "en": "Generated"},
    "privacy_note": {
        "fi": (
            "Luvut ovat anonyymejä. Alle {n} henkilön ryhmät on piilotettu (—), samoin "
            "luvut, joista piilotetun voisi laskea."
        ),
        "sv": (
            "Siffrorna är anonyma. Grupper med färre än {n} personer är dolda (—), liksom "
            "siffror som skulle avslöja en dold siffra."
        ),
        "en": (
            "Figures are anonymous. Groups of fewer than {n} people are hidden (—), as are "
            "figures from which a hidden one could be worked out."
        ),
    },
    "hidden": {"fi": "piilotettu", "sv": "dold", "en": "hidden"},
    "key_figures": {"fi": "Tärkeimmät luvut", "sv": "Nyckeltal", "en": "Key figures"},
    "compared_with": {
        "fi": "Vertailu edelliseen jaksoon {start} – {end}",
        "sv": "Jämfört med föregående period {start} – {end}",
        "en": "Compared with the previous period {start} – {end}",
    },
    "previous": {"fi": "edellinen", "sv": "föregående", "en": "previous"},
    "change": {"fi": "muutos", "sv": "förändring", "en": "change"},
    "reach": {"fi": "Tavoittavuus", "sv": "Räckvidd", "en": "Reach"},
    "reach_intro": {
        "fi": "Keitä palvelu tavoittaa: istunnot ja eri käyttäjät (selaimen satunnainen tunniste).",
        "sv": "Vem tjänsten når: sessioner och olika användare (webbläsarens slumpmässiga id).",
        "en": "Who the service reaches: sessions and distinct users (a browser's random id).",
    },
    "quality": {"fi": "Laatu", "sv": "Kvalitet", "en": "Quality"},
    "learners": {"fi": "Oppijat", "sv": "Studerande", "en": "Learners"},
    "counsellors": {"fi": "Ohjaajat", "sv": "Vägledare", "en": "Counsellors"},
    "effectiveness": {"fi": "Vaikuttavuus", "sv": "Effekt", "en": "Effectiveness"},
    "effect_intro": {
        "fi": (
            "”Kuinka selvä seuraava askeleesi on?” (1–5) istunnon alussa ja lopussa; vapaaehtoinen."
        ),
        "sv": "”Hur klart är ditt nästa steg?” (1–5) i början och slutet av sessionen; frivilligt.",
        "en": (
            "“How clear is your next step?” (1–5) at the start and the end of a session; optional."
        ),
    },
    "gaps": {"fi": "Tietoaukot", "sv": "Kunskapsluckor", "en": "Knowledge gaps"},
    "gaps_intro": {
        "fi": (
            "Kysymykset, joihin ei löytynyt vastausta, vastaus oli epävarma tai arvio 1–2, "
            "ryhmiteltyinä teemoiksi. Esimerkit ovat anonymisoituja."
        ),
        "sv": (
            "Frågor utan svar, med osäkert svar eller betyg 1–2, grupperade i teman. "
            "Exemplen är anonymiserade."
        ),
        "en": (
            "Questions that got no answer, an uncertain one or a rating of 1–2, grouped "
            "into themes. Examples are anonymised."
        ),
    },
    "gaps_none": {
        "fi": "Ei raportoitavia teemoja.",
        "sv": "Inga teman att rapportera.",
        "en": "No themes to report.",
    },
    "gaps_off": {
        "fi": "Tietoaukkoja ei analysoitu.",
        "sv": "Kunskapsluckor analyserades inte.",
        "en": "Knowledge gaps were not analysed.",
    },
    "hidden_themes": {
        "fi": "Pieniä teemoja piilotettu: {n}",
        "sv": "Små teman dolda: {n}",
        "en": "Small themes hidden: {n}",
    },
    "wrong_answers_intro": {
        "fi": (
            "Vastaukset, jotka käyttäjät ilmoittivat vääriksi (lasketaan erikseen arvioista), "
            "ja mihin vastaus perustui. Kommentit ovat anonymisoituja."
        ),
        "sv": (
            "Svar som användarna rapporterade som fel (räknas skilt från betygen) och vad "
            "svaret byggde på. Kommentarerna är anonymiserade."
        ),
        "en": (
            "Answers users reported as wrong (counted apart from ratings), and what the "
            "answer rested on. Comments are anonymised."
        ),
    },
    "reported_answers": {
        "fi": "Vääriksi ilmoitetut vastaukset",
        "sv": "Svar rapporterade som fel",
        "en": "Answers reported as wrong",
    },
    "not_covered_by_reason": {
        "fi": "Vastaamatta jääneet kysymykset syyn mukaan",
        "sv": "Obesvarade frågor efter orsak",
        "en": "Unanswered questions by reason",
    },
    "question": {"fi": "Kysymys", "sv": "Fråga", "en": "Question"},
    "answer_given": {"fi": "Annettu vastaus", "sv": "Givet svar", "en": "Answer given"},
    "sources": {"fi": "Lähteet", "sv": "Källor", "en": "Sources"},
    "comments": {"fi": "Kommentit", "sv": "Kommentarer", "en": "Comments"},
    "reports": {"fi": "Ilmoituksia", "sv": "Rapporter", "en": "Reports"},
    "no_text": {
        "fi": "(tekstiä ei tallennettu)",
        "sv": "(text sparas inte)",
        "en": "(text not kept)",
    },
    "analysed": {
        "fi": "analysoitu {n} / {total}",
        "sv": "analyserade {n} / {total}",
        "en": "{n} of {total} analysed",
    },
    "eval_runs": {
        "fi": "Testiajot (kultainen kysymyssarja)",
        "sv": "Testkörningar (gyllene frågeset)",
        "en": "Evaluation runs (golden question set)",
    },
    "eval_none": {"fi": "Ei testiajoja.", "sv": "Inga testkörningar.", "en": "No evaluation runs."},
    "baseline": {
        "fi": "Käyttäjät suhteessa väestöön",
        "sv": "Användare i förhållande till befolkningen",
        "en": "Users against the population",
    },
    "baseline_source": {"fi": "Lähde", "sv": "Källa", "en": "Source"},
    "baseline_none": {
        "fi": "Väestövertailua ei ole määritetty (SUUNTA_REPORT_BASELINE).",
        "sv": "Ingen befolkningsjämförelse är inställd (SUUNTA_REPORT_BASELINE).",
        "en": "No population baseline is configured (SUUNTA_REPORT_BASELINE).",
    },
    "under_served": {"fi": "aliedustettu", "sv": "underrepresenterad", "en": "under-served"},
    "trend": {"fi": "Kehitys", "sv": "Utveckling", "en": "Trend"},
    "sessions_over_time": {
        "fi": "Istunnot ajan mittaan",
        "sv": "Sessioner över tid",
        "en": "Sessions over time",
    },
    "group": {"fi": "Ryhmä", "sv": "Grupp", "en": "Group"},
    "theme": {"fi": "Teema", "sv": "Tema", "en": "Theme"},
    "examples": {"fi": "Esimerkkejä", "sv": "Exempel", "en": "Examples"},
    "languages": {"fi": "Kielet", "sv": "Språk", "en": "Languages"},
    "reasons": {"fi": "Syyt", "sv": "Orsaker", "en": "Reasons"},
    "date": {"fi": "Päivä", "sv": "Datum", "en": "Date"},
    "start": {"fi": "Alkaen", "sv": "Från", "en": "From"},
    "all": {"fi": "Kaikki", "sv": "Alla", "en": "All"},
    "footer": {
        "fi": (
            "Suunta ei tallenna nimiä, IP-osoitteita eikä keskusteluja tunnistettavassa "
            "muodossa. Raportissa ei ole istuntotunnisteita eikä yksittäisiä keskusteluja."
        ),
        "sv": (
            "Suunta sparar inga namn, IP-adresser eller samtal i identifierbar form. "
            "Rapporten innehåller inga sessions-id:n eller enskilda samtal."
        ),
        "en": (
            "Suunta keeps no names, IP addresses or conversations in identifiable form. "
            "This report holds no session ids and no single conversation."
        ),
    },
}

DIMENSIONS: dict[str, dict[str, str]] = {
    "channel": {"fi": "Kanava", "sv": "Kanal", "en": "Channel"},
    "language": {"fi": "Kieli", "sv": "Språk", "en": "Language"},
    "region": {"fi": "Maakunta", "sv": "Landskap", "en": "Region"},
    "age_band": {"fi": "Ikäryhmä", "sv": "Åldersgrupp", "en": "Age band"},
    "life_situation": {"fi": "Elämäntilanne", "sv": "Livssituation", "en": "Life situation"},
    "topic": {"fi": "Aihe", "sv": "Ämne", "en": "Topic"},
    "day": {"fi": "Päivittäin", "sv": "Per dag", "en": "By day"},
    "week": {"fi": "Viikoittain", "sv": "Per vecka", "en": "By week"},
    "month": {"fi": "Kuukausittain", "sv": "Per månad", "en": "By month"},
}

METRICS: dict[str, dict[str, str]] = {
    "sessions": {"fi": "Istunnot", "sv": "Sessioner", "en": "Sessions"},
    "users": {"fi": "Käyttäjät", "sv": "Användare", "en": "Users"},
    "new_users": {"fi": "Uudet käyttäjät", "sv": "Nya användare", "en": "New users"},
    "returning_users": {
        "fi": "Palaavat käyttäjät",
        "sv": "Återkommande användare",
        "en": "Returning users",
    },
    "messages": {"fi": "Kysymykset", "sv": "Frågor", "en": "Questions"},
    "ratings": {"fi": "Arviot", "sv": "Betyg", "en": "Ratings"},
    "satisfaction": {"fi": "Tyytyväisyys (4–5)", "sv": "Nöjdhet (4–5)", "en": "Satisfaction (4–5)"},
    "mean_rating": {"fi": "Arvioiden ka.", "sv": "Medelbetyg", "en": "Mean rating"},
    "helpful_votes": {"fi": "Hyödyllisyysäänet", "sv": "Nyttoröster", "en": "Helpful votes"},
    "helpful_rate": {"fi": "Hyödyllinen", "sv": "Till nytta", "en": "Helpful"},
    "no_answer_rate": {"fi": "Ei vastausta", "sv": "Inget svar", "en": "No answer"},
    "out_of_scope_rate": {"fi": "Aiheen ulkopuolella", "sv": "Utanför ämnet", "en": "Out of scope"},
    "handoff_rate": {
        "fi": "Ohjattu ihmiselle",
        "sv": "Till en människa",
        "en": "Handed to a person",
    },
    "crisis": {"fi": "Kriisivastaukset", "sv": "Krissvar", "en": "Crisis replies"},
    "latency_p50_ms": {
        "fi": "Vasteaika p50 (ms)",
        "sv": "Svarstid p50 (ms)",
        "en": "Latency p50 (ms)",
    },
    "latency_p95_ms": {
        "fi": "Vasteaika p95 (ms)",
        "sv": "Svarstid p95 (ms)",
        "en": "Latency p95 (ms)",
    },
    "answered_start": {"fi": "Vastasi alussa", "sv": "Svarade i början", "en": "Answered at start"},
    "answered_end": {"fi": "Vastasi lopussa", "sv": "Svarade i slutet", "en": "Answered at end"},
    "pairs": {"fi": "Vastauspareja", "sv": "Svarspar", "en": "Paired answers"},
    "mean_start": {"fi": "Keskiarvo alussa", "sv": "Medel i början", "en": "Mean at start"},
    "mean_end": {"fi": "Keskiarvo lopussa", "sv": "Medel i slutet", "en": "Mean at end"},
    "mean_change": {"fi": "Muutos keskimäärin", "sv": "Medelförändring", "en": "Mean change"},
    "improved": {"fi": "Selkeni", "sv": "Klarare", "en": "Clearer"},
    "unchanged": {"fi": "Ennallaan", "sv": "Oförändrad", "en": "Unchanged"},
    "worse": {"fi": "Epäselvempi", "sv": "Mindre klar", "en": "Less clear"},
    "user_share": {"fi": "Osuus käyttäjistä", "sv": "Andel av användarna", "en": "Share of users"},
    "population_share": {
        "fi": "Osuus väestöstä",
        "sv": "Andel av befolkningen",
        "en": "Share of population",
    },
    "representation": {"fi": "Suhde", "sv": "Kvot", "en": "Ratio"},
    "questions": {"fi": "Kysymyksiä", "sv": "Frågor", "en": "Questions"},
    "wrong_answers": {
        "fi": "Vääriksi ilmoitetut",
        "sv": "Rapporterade som fel",
        "en": "Reported wrong",
    },
    "pass_rate": {"fi": "Läpäisy", "sv": "Godkända", "en": "Pass rate"},
    "language_match": {"fi": "Kieli oikein", "sv": "Rätt språk", "en": "Language match"},
    "recall_at_5": {"fi": "Recall@5", "sv": "Recall@5", "en": "Recall@5"},
    "mrr_at_10": {"fi": "MRR@10", "sv": "MRR@10", "en": "MRR@10"},
    "ndcg_at_10": {"fi": "nDCG@10", "sv": "nDCG@10", "en": "nDCG@10"},
    "cases": {"fi": "Kysymyksiä", "sv": "Frågor", "en": "Cases"},
    "version": {"fi": "Versio", "sv": "Version", "en": "Version"},
    "embedding_model": {"fi": "Malli", "sv": "Modell", "en": "Model"},
    "dataset": {"fi": "Kysymyssarja", "sv": "Frågeset", "en": "Question set"},
}

GROUPS: dict[str, dict[str, str]] = {
    "not_answered": {"fi": "Ei vastannut", "sv": "Svarade inte", "en": "Not answered"},
    "web": {"fi": "Verkko", "sv": "Webb", "en": "Web"},
    "counsellor": {"fi": "Ohjaaja", "sv": "Vägledare", "en": "Counsellor"},
    "api": {"fi": "Rajapinta", "sv": "API", "en": "API"},
    "fi": {"fi": "suomi", "sv": "finska", "en": "Finnish"},
    "sv": {"fi": "ruotsi", "sv": "svenska", "en": "Swedish"},
    "en": {"fi": "englanti", "sv": "engelska", "en": "English"},
    "no_answer": {"fi": "ei vastausta", "sv": "inget svar", "en": "no answer"},
    "low_confidence": {"fi": "epävarma", "sv": "osäkert", "en": "low confidence"},
    "poor_rating": {"fi": "huono arvio", "sv": "dåligt betyg", "en": "poor rating"},
    "wrong_answer": {"fi": "ilmoitettu vääräksi", "sv": "rapporterat fel", "en": "reported wrong"},
    "answer": {"fi": "vastaus", "sv": "svar", "en": "answer"},
    "not_covered": {
        "fi": "lähteet eivät kata",
        "sv": "källorna täcker inte",
        "en": "not covered by the sources",
    },
    "own_case": {"fi": "oma tilanne", "sv": "egen situation", "en": "own case"},
    "local": {"fi": "paikallinen asia", "sv": "lokal fråga", "en": "local matter"},
    "card": {"fi": "vastauskortti", "sv": "svarskort", "en": "answer card"},
    "unknown": {"fi": "ei syytä", "sv": "ingen orsak", "en": "no reason given"},
    "student": {"fi": "Opiskelija", "sv": "Studerande", "en": "Student"},
    "employed": {"fi": "Työssä", "sv": "I arbete", "en": "Employed"},
    "unemployed": {"fi": "Työtön", "sv": "Arbetslös", "en": "Unemployed"},
    "laid_off": {"fi": "Lomautettu", "sv": "Permitterad", "en": "Laid off"},
    "entrepreneur": {"fi": "Yrittäjä", "sv": "Företagare", "en": "Entrepreneur"},
    "family_leave": {"fi": "Perhevapaalla", "sv": "Familjeledig", "en": "On family leave"},
    "rehabilitation": {"fi": "Kuntoutuksessa", "sv": "I rehabilitering", "en": "In rehabilitation"},
    "retired": {"fi": "Eläkkeellä", "sv": "Pensionär", "en": "Retired"},
    "other": {"fi": "Muu", "sv": "Annat", "en": "Other"},
    # Region names are the ones the learner chose from (telemetry.profile), not a copy.
    **REGIONS,
}


def text(key: str, lang: str, **values: object) -> str:
    """A report text in `lang` (English if missing), with `{placeholders}` filled in."""
    entry = TEXT[key]
    return entry.get(lang, entry["en"]).format(**values)


def metric_label(key: str, lang: str) -> str:
    """The name of a figure."""
    entry = METRICS.get(key)
    return entry.get(lang, entry["en"]) if entry else key


def dimension_label(key: str, lang: str) -> str:
    """The name of a breakdown."""
    entry = DIMENSIONS.get(key)
    return entry.get(lang, entry["en"]) if entry else key


def group_label(key: str, lang: str, topics: dict[str, dict[str, str]] | None = None) -> str:
    """Words for a stored group value (the value itself when it has no label)."""
    entry = GROUPS.get(key) or (topics or {}).get(key)
    return entry.get(lang, entry.get("en", key)) if entry else key
