"""Plausible questions the knowledge base does not answer (demo gaps) and off-topic ones, fi/sv/en.

Demo data only: they make the knowledge-gap report show believable themes. Answered questions
come from the question sets in `evaluation/datasets` instead.
"""

from __future__ import annotations

GAP_THEMES: dict[str, dict[str, tuple[str, ...]]] = {
    "driving_licence": {
        "fi": (
            "Kuuluuko ajokortti ammatilliseen koulutukseen ja kuka sen maksaa?",
            "Saako C-ajokortin tehtyä osana logistiikan perustutkintoa aikuisena?",
            "paljonko rekkakortti maksaa jos sen tekee koulun kautta",
        ),
        "sv": (
            "Ingår körkortet i yrkesutbildningen och vem betalar det?",
            "Kan jag ta C-körkort som en del av logistikutbildningen som vuxen?",
        ),
        "en": (
            "Is a driving licence included in vocational training, and who pays for it?",
            "Can I get a truck licence as part of a logistics qualification as an adult?",
        ),
    },
    "military_service": {
        "fi": (
            "Voinko aloittaa opinnot kesken varusmiespalveluksen?",
            "Siirtyykö opiskelupaikka jos joudun armeijaan syksyllä?",
            "miten siviilipalvelus vaikuttaa opiskelupaikan vastaanottamiseen",
        ),
        "sv": (
            "Kan jag skjuta upp studieplatsen om jag ska göra värnplikten?",
            "Hur påverkar civiltjänsten mina studier?",
        ),
        "en": (
            "Can I defer my study place because of military service?",
            "How does civilian service affect accepting a study place?",
        ),
    },
    "childcare": {
        "fi": (
            "Saako lapselle päivähoitopaikan iltaopintojen ajaksi?",
            "Onko opiskelevalla yksinhuoltajalla oikeus kokopäivähoitoon?",
            "mistä saan lastenhoitoa jos opiskelen iltaisin",
        ),
        "sv": (
            "Får mitt barn dagvård medan jag studerar på kvällarna?",
            "Har en ensamstående förälder som studerar rätt till heldagsvård?",
        ),
        "en": (
            "Can I get childcare while I attend evening classes?",
            "Does a single parent who studies have the right to full-time daycare?",
        ),
    },
    "pilot_training": {
        "fi": (
            "Miten pääsee lentäjäkoulutukseen ja paljonko se maksaa?",
            "Voiko liikennelentäjäksi opiskella 40-vuotiaana?",
        ),
        "sv": (
            "Hur kommer man in på pilotutbildning och vad kostar den?",
            "Kan man utbilda sig till trafikpilot vid 40 års ålder?",
        ),
        "en": (
            "How do I get into pilot training and what does it cost?",
            "Can I still train as an airline pilot at 40?",
        ),
    },
    "study_abroad": {
        "fi": (
            "Voiko aikuisopiskelija lähteä Erasmus-vaihtoon ammattikoulusta?",
            "Saako opintotukea jos opiskelee kokonaan Ruotsissa?",
            "miten haetaan opiskelemaan Viroon",
        ),
        "sv": (
            "Kan en vuxenstuderande åka på Erasmusutbyte från yrkesskolan?",
            "Får jag finskt studiestöd om jag studerar i Sverige?",
        ),
        "en": (
            "Can an adult vocational student go on an Erasmus exchange?",
            "Do I get Finnish student aid if I study in Estonia?",
        ),
    },
    "scholarship_tax": {
        "fi": (
            "Onko säätiön apuraha veronalaista tuloa opiskelijalle?",
            "Pitääkö apurahasta maksaa MYEL-maksuja?",
        ),
        "sv": (
            "Är ett stipendium från en stiftelse skattepliktigt för studerande?",
            "Måste jag betala LFöPL-avgift för ett stipendium?",
        ),
        "en": (
            "Is a foundation grant taxable income for a student?",
            "Do I have to pay pension insurance on a study grant?",
        ),
    },
    "sign_language": {
        "fi": (
            "Missä voi opiskella viittomakielen tulkiksi?",
            "Onko viittomakielen kursseja aikuisille iltaisin?",
        ),
        "sv": (
            "Var kan man utbilda sig till teckenspråkstolk?",
            "Finns det kvällskurser i teckenspråk för vuxna?",
        ),
        "en": (
            "Where can I train to become a sign language interpreter?",
            "Are there evening sign language courses for adults?",
        ),
    },
}

OFF_TOPIC: dict[str, tuple[str, ...]] = {
    "fi": (
        "Millainen sää Helsingissä on huomenna?",
        "Kirjoita minulle runo kissoista",
        "Mikä on paras pizzapaikka Tampereella?",
    ),
    "sv": (
        "Hur blir vädret i Vasa i morgon?",
        "Skriv en dikt om katter åt mig",
    ),
    "en": (
        "What will the weather be like in Helsinki tomorrow?",
        "Write me a poem about cats",
        "Who won the ice hockey world championship?",
    ),
}
