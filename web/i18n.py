"""Every user-visible string of the web pages, in Finnish, Swedish and English."""

from __future__ import annotations

from typing import Literal

from organisations.sectors import SECTORS
from telemetry import profile

UiLanguage = Literal["fi", "sv", "en"]
LANGUAGES: tuple[UiLanguage, ...] = ("fi", "sv", "en")
DEFAULT: UiLanguage = "fi"
LANGUAGE_NAMES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}
"""Each language named in itself, as language switchers do."""

# key: (fi, sv, en)
T: dict[str, tuple[str, str, str]] = {
    # -- every page ------------------------------------------------------------------------
    "tagline": (
        "Opiskelu- ja uraohjausta aikuisille",
        "Studie- och karriärvägledning för vuxna",
        "Study and career guidance for adults",
    ),
    "skip_link": ("Siirry sisältöön", "Hoppa till innehållet", "Skip to content"),
    "language": ("Kieli", "Språk", "Language"),
    "privacy": ("Tietosuoja", "Dataskydd", "Privacy"),
    "back_to_chat": ("Takaisin keskusteluun", "Tillbaka till chatten", "Back to the chat"),
    "sign_out": ("Kirjaudu ulos", "Logga ut", "Sign out"),
    "signed_in_as": ("Kirjautunut:", "Inloggad:", "Signed in:"),
    "role_counsellor": ("ohjaaja", "handledare", "counsellor"),
    "role_owner": ("palvelun omistaja", "tjänsteägare", "service owner"),
    "role_admin": ("ylläpitäjä", "administratör", "administrator"),
    "role_org_owner": (
        "organisaation vastuuhenkilö",
        "organisationens ansvarsperson",
        "organisation owner",
    ),
    "opens_new_tab": (
        "(avautuu uuteen välilehteen)",
        "(öppnas i en ny flik)",
        "(opens in a new tab)",
    ),
    "yes": ("Kyllä", "Ja", "Yes"),
    "no": ("Ei", "Nej", "No"),
    "skip": ("Ohita", "Hoppa över", "Skip"),
    "save": ("Tallenna", "Spara", "Save"),
    "cancel": ("Peruuta", "Avbryt", "Cancel"),
    "optional": ("vapaaehtoinen", "frivilligt", "optional"),
    "prefer_not": ("En halua sanoa", "Vill inte säga", "Prefer not to say"),
    "error_generic": (
        "Vastausta ei saatu. Yritä hetken päästä uudelleen.",
        "Inget svar kom. Försök igen om en stund.",
        "No answer came through. Please try again in a moment.",
    ),
    "error_rate": (
        "Liian monta pyyntöä lyhyessä ajassa. Odota {seconds} sekuntia.",
        "För många förfrågningar på kort tid. Vänta {seconds} sekunder.",
        "Too many requests in a short time. Please wait {seconds} seconds.",
    ),
    # -- learner chat ----------------------------------------------------------------------
    "chat_title": (
        "Suunta – kysy opiskelusta ja työstä",
        "Suunta – fråga om studier och arbete",
        "Suunta – ask about studying and work",
    ),
    "intro": (
        "Kysy koulutuksesta, opiskelun rahoittamisesta, työnhausta tai alan vaihtamisesta. "
        "Vastaan lyhyesti ja kerron, mistä tieto on peräisin.",
        "Fråga om utbildning, studiefinansiering, jobbsökning eller att byta bransch. "
        "Jag svarar kort och berättar var uppgifterna kommer ifrån.",
        "Ask about education, paying for studies, job search or changing careers. "
        "I answer briefly and tell you where the information comes from.",
    ),
    "conversation": ("Keskustelu", "Samtal", "Conversation"),
    "question_label": ("Kysymyksesi", "Din fråga", "Your question"),
    "question_hint": (
        "Älä kirjoita nimeäsi tai yhteystietojasi. Enter lähettää, Shift+Enter vaihtaa riviä.",
        "Skriv inte ditt namn eller dina kontaktuppgifter. Enter skickar, Shift+Enter ger ny rad.",
        "Please don't write your name or contact details. Enter sends, Shift+Enter adds a line.",
    ),
    "send": ("Kysy", "Fråga", "Ask"),
    "you": ("Sinä", "Du", "You"),
    "thinking": ("Suunta kirjoittaa vastausta…", "Suunta skriver ett svar…", "Suunta is writing…"),
    "new_answer": ("Uusi vastaus:", "Nytt svar:", "New answer:"),
    "sources": ("Lähteet", "Källor", "Sources"),
    "source_n": ("Lähde {n}", "Källa {n}", "Source {n}"),
    "next_steps": ("Seuraavat askeleet", "Nästa steg", "Next steps"),
    "crisis_title": ("Apua on saatavilla heti", "Hjälp finns nu", "Help is available now"),
    "talk_to_person": ("Puhu ihmisen kanssa", "Prata med en människa", "Talk to a person"),
    "feedback_question": (
        "Oliko vastauksesta apua?",
        "Var svaret till hjälp?",
        "Was this answer helpful?",
    ),
    "feedback_more": ("Arvosana ja kommentti", "Betyg och kommentar", "Rating and comment"),
    "rating_legend": (
        "Arvosana (1 = huono, 5 = erinomainen)",
        "Betyg (1 = dåligt, 5 = utmärkt)",
        "Rating (1 = poor, 5 = excellent)",
    ),
    "comment_label": ("Kommentti", "Kommentar", "Comment"),
    "send_feedback": ("Lähetä palaute", "Skicka respons", "Send feedback"),
    "feedback_thanks": (
        "Kiitos palautteesta!",
        "Tack för responsen!",
        "Thank you for the feedback!",
    ),
    "clarity_question": (
        "Kuinka selvä seuraava askeleesi on?",
        "Hur tydligt är ditt nästa steg?",
        "How clear is your next step?",
    ),
    "clarity_scale": (
        "1 = ei lainkaan selvä, 5 = täysin selvä",
        "1 = inte alls tydligt, 5 = helt tydligt",
        "1 = not clear at all, 5 = completely clear",
    ),
    "clarity_start_intro": (
        "Ennen kuin aloitat (vapaaehtoinen):",
        "Innan du börjar (frivilligt):",
        "Before you start (optional):",
    ),
    "clarity_end_intro": (
        "Lopuksi (vapaaehtoinen):",
        "Till sist (frivilligt):",
        "To finish (optional):",
    ),
    "clarity_thanks": ("Kiitos!", "Tack!", "Thank you!"),
    # the two one-click outcome questions (web/static/outcome.js)
    "outcome_step_q": (
        "Otitko suunnittelemasi seuraavan askeleen?",
        "Tog du det nästa steg du planerade?",
        "Did you take the next step you planned?",
    ),
    "outcome_handoff_q": (
        "Otitko yhteyttä palveluun, jota ehdotimme?",
        "Tog du kontakt med tjänsten vi föreslog?",
        "Did you contact the service we suggested?",
    ),
    "outcome_hint": (
        "Vapaaehtoinen, yksi napsautus. Vain vastaus tallennetaan tilastoja varten.",
        "Frivilligt, ett klick. Bara svaret sparas, för statistik.",
        "Optional, one click. Only the answer is kept, for statistics.",
    ),
    "outcome_yes": ("Kyllä", "Ja", "Yes"),
    "outcome_partly": ("Osittain", "Delvis", "Partly"),
    "outcome_not_yet": ("En vielä", "Inte än", "Not yet"),
    "outcome_not_relevant": (
        "Ei enää ajankohtainen",
        "Inte längre aktuellt",
        "No longer relevant",
    ),
    "outcome_skip": ("Älä kysy", "Fråga inte", "Don't ask"),
    "privacy_outcomes": (
        "Jos vastaus antoi sinulle seuraavia askelia tai ehdotti palvelua, selaimesi muistaa "
        "sen keskustelun satunnaisen koodin ja ajan enintään kaksi kuukautta, jotta voimme "
        "myöhemmällä käynnillä kysyä kerran, otitko askeleen tai yhteyttä palveluun. "
        "Yhden napsautuksen vastaus tallennetaan tuon keskustelun tietoihin. Keskustelun "
        "poistaminen samassa välilehdessä unohtaa kysymyksen. Jos avaat palvelun, jota "
        "ihmiselle ohjaava vastaus ehdotti (sen verkko-osoitteen tai puhelinnumeron), "
        "keskusteluun merkitään vain, että palvelu avattiin linkistä tai puhelinnumerosta, "
        "ei sitä, mikä palvelu se oli.",
        "Om ett svar gav dig nästa steg eller föreslog en tjänst minns din webbläsare det "
        "samtalets slumpkod och tiden i högst två månader, så att vi vid ett senare besök kan "
        "fråga en gång om du tog steget eller kontaktade tjänsten. Svaret med ett klick sparas "
        "med det samtalet. Raderar du samtalet i samma flik glöms frågan. Öppnar du en tjänst "
        "som ett svar med hänvisning till en människa föreslog (dess webbadress eller "
        "telefonnummer) antecknas i samtalet bara att en tjänst öppnades via länk eller "
        "telefonnummer, inte vilken tjänst det var.",
        "If an answer gave you next steps or suggested a service, your browser keeps that "
        "conversation's random code and the time for up to two months, so that we can ask "
        "once, on a later visit, whether you took the step or contacted the service. The "
        "one-click answer is stored with that conversation. Deleting the conversation in the "
        "same tab forgets the question. If you open a service that a reply referring you to "
        "a person suggested (its web address or phone number), the conversation notes only "
        "that a service was opened by link or by phone, not which service it was.",
    ),
    "finish": ("Lopeta keskustelu", "Avsluta samtalet", "Finish the conversation"),
    "reach_title": (
        "Muutama vapaaehtoinen kysymys",
        "Några frivilliga frågor",
        "A few optional questions",
    ),
    "reach_why": (
        "Kysymme näitä kerran, jotta näemme, tavoittaako Suunta kaikenikäiset eri puolilla "
        "Suomea ja eri elämäntilanteissa. Vastaukset päätyvät vain tilastoihin, eikä niitä "
        "yhdistetä sinuun. Voit hyvin ohittaa ne.",
        "Vi frågar detta en gång för att se om Suunta når människor i alla åldrar, i hela "
        "Finland och i olika livssituationer. Svaren används bara i statistik och kopplas inte "
        "till dig. Du kan gärna hoppa över dem.",
        "We ask these once to see whether Suunta reaches people of every age, all over Finland "
        "and in every life situation. The answers only go into statistics and are never linked "
        "to you. You are welcome to skip them.",
    ),
    "age_band": ("Ikäryhmä", "Åldersgrupp", "Age group"),
    "region": ("Maakunta", "Landskap", "Region"),
    "life_situation": ("Elämäntilanne", "Livssituation", "Life situation"),
    "remember_visits": (
        "Saa laskea, jos palaan: selain muistaa satunnaisen koodin, ei mitään muuta minusta.",
        "Räkna gärna om jag kommer tillbaka: webbläsaren minns en slumpkod, inget annat om mig.",
        "Count it if I come back: this browser keeps a random code, nothing else about me.",
    ),
    "delete_conversation": ("Poista keskusteluni", "Radera mitt samtal", "Delete my conversation"),
    "delete_confirm": (
        "Poistetaanko tämä keskustelu ja sen tiedot myös palvelimelta?",
        "Ska samtalet och dess uppgifter raderas, också från servern?",
        "Delete this conversation and its data, on the server too?",
    ),
    "delete_yes": ("Kyllä, poista", "Ja, radera", "Yes, delete"),
    "deleted": (
        "Keskustelusi on poistettu.",
        "Ditt samtal har raderats.",
        "Your conversation has been deleted.",
    ),
    "privacy_short": (
        "Kysymykset tallennetaan ilman henkilötietoja palvelun kehittämiseksi.",
        "Frågorna sparas utan personuppgifter för att utveckla tjänsten.",
        "Questions are stored without personal details to improve the service.",
    ),
    "read_more": ("Lue lisää", "Läs mer", "Read more"),
    # -- learner chat: starting, limits, AI notice ------------------------------------------
    "starters_title": (
        "Voit aloittaa esimerkiksi näin",
        "Du kan börja till exempel så här",
        "You could start with",
    ),
    "starter_1": (
        "Voiko oppisopimuksella opiskella aikuisena?",
        "Kan man gå läroavtalsutbildning som vuxen?",
        "Can I do an apprenticeship as an adult?",
    ),
    "starter_2": (
        "Paljonko saan tienata opintotuen lisäksi?",
        "Hur mycket får jag tjäna vid sidan av studiestödet?",
        "How much can I earn while getting student financial aid?",
    ),
    "starter_3": (
        "Olen työtön. Voinko opiskella ja saada silti tukea?",
        "Jag är arbetslös. Kan jag studera och ändå få stöd?",
        "I'm unemployed. Can I study and still get support?",
    ),
    "starter_4": (
        "Miten pääsen vaihtamaan alaa?",
        "Hur byter jag bransch?",
        "How do I change careers?",
    ),
    "follow_ups_title": ("Voit kysyä myös", "Du kan också fråga", "You could also ask"),
    "char_count": ("{n} / {max} merkkiä", "{n} / {max} tecken", "{n} / {max} characters"),
    "too_long": (
        "Kysymys on {over} merkkiä liian pitkä. Lyhennä se enintään {max} merkkiin.",
        "Frågan är {over} tecken för lång. Korta den till högst {max} tecken.",
        "Your question is {over} characters too long. Please shorten it to {max} at most.",
    ),
    "empty_question": (
        "Kirjoita ensin kysymys.",
        "Skriv först en fråga.",
        "Please write a question first.",
    ),
    "ai_notice": (
        "Suunta on tekoälypalvelu: vastaukset kootaan automaattisesti lainatuista lähteistä, "
        "ja ne voivat olla vääriä. Tarkista tärkeät asiat lähteestä tai kysy ihmiseltä.",
        "Suunta är en AI-tjänst: svaren sammanställs automatiskt ur de citerade källorna och "
        "kan vara fel. Kontrollera viktiga saker i källan eller fråga en människa.",
        "Suunta is an AI service: answers are composed automatically from the cited sources "
        "and may be wrong. Check important things in the source or ask a person.",
    ),
    "how_it_works": ("Näin Suunta toimii", "Så fungerar Suunta", "How Suunta works"),
    # -- talk to a person ------------------------------------------------------------------
    "person_title": ("Puhu ihmisen kanssa", "Prata med en människa", "Talk to a person"),
    "person_intro": (
        "Kerro halutessasi ikäryhmäsi ja maakuntasi, niin näytämme sinulle sopivat palvelut. "
        "Valintojasi ei lähetetä eikä tallenneta.",
        "Berätta om du vill din åldersgrupp och ditt landskap, så visar vi tjänster som passar "
        "dig. Dina val skickas inte och sparas inte.",
        "If you like, tell us your age group and region and we show the services that fit. "
        "Your choices are not sent anywhere or stored.",
    ),
    "person_age": ("Ikäryhmä", "Åldersgrupp", "Age group"),
    "age_under_30": ("alle 30-vuotias", "under 30 år", "under 30"),
    "age_30_plus": ("30-vuotias tai vanhempi", "30 år eller äldre", "30 or older"),
    "person_region": ("Maakunta", "Landskap", "Region"),
    "show_services": ("Näytä palvelut", "Visa tjänsterna", "Show services"),
    "close": ("Sulje", "Stäng", "Close"),
    "services_for_you": ("Sinulle sopivat palvelut", "Tjänster för dig", "Services for you"),
    "check_contact": (
        "Tarkista puhelinnumerot ja aukioloajat palvelun omilta sivuilta.",
        "Kontrollera telefonnummer och öppettider på tjänstens egen webbplats.",
        "Check the current phone numbers and opening hours on the service's own site.",
    ),
    "svc_employment": (
        "Kunnan työllisyyspalvelut",
        "Kommunens arbetskraftstjänster",
        "Your municipality's employment services",
    ),
    "svc_employment_text": (
        "1.1.2025 alkaen työllisyyspalveluista vastaa kunnan työllisyysalue (koko maassa 45). "
        "Työnhakijaksi ilmoittaudutaan Työmarkkinatorilla, ja sieltä löydät myös oman "
        "työllisyysalueesi yhteystiedot.",
        "Från 1.1.2025 sköts arbetskraftstjänsterna av kommunens sysselsättningsområde (45 i "
        "hela landet). Man anmäler sig som arbetssökande på Jobbmarknad Finland, där du också "
        "hittar ditt områdes kontaktuppgifter.",
        "Since 1.1.2025 employment services are run by your municipality's employment area "
        "(45 in Finland). You register as a jobseeker on Job Market Finland, where you also "
        "find your area's contact details.",
    ),
    "svc_employment_region": (
        "Asuinkuntasi työllisyysalue ({region})",
        "Sysselsättningsområdet för din kommun ({region})",
        "The employment area of your municipality ({region})",
    ),
    "svc_ohjaamo": ("Ohjaamo", "Ohjaamo", "Ohjaamo"),
    "svc_ohjaamo_text": (
        "Alle 30-vuotiaille: maksutonta ohjausta kasvokkain, ilman ajanvarausta ja halutessasi "
        "nimettömänä. Samassa paikassa työ-, opiskelu-, sosiaali- ja terveysasiat.",
        "För dig under 30: gratis vägledning ansikte mot ansikte, utan tidsbokning och anonymt "
        "om du vill. Arbete, studier, sociala frågor och hälsa på samma ställe.",
        "For under-30s: free face-to-face guidance, no appointment needed, anonymously if you "
        "wish. Work, study, social and health matters in one place.",
    ),
    "svc_ohjaamo_if_young": (
        "Vain alle 30-vuotiaille.",
        "Endast för dig under 30.",
        "Only for people under 30.",
    ),
    "svc_study": ("Opinto-ohjaaja", "Studiehandledare", "Study counsellor"),
    "svc_study_text": (
        "Jos opiskelet, kysy oman oppilaitoksesi opinto-ohjaajalta tai korkeakoulun "
        "urapalveluista. Jokaisella ammatillisen koulutuksen opiskelijalla on oikeus ohjaukseen. "
        "Koulutukset löydät Opintopolusta.",
        "Om du studerar, fråga din läroanstalts studiehandledare eller högskolans "
        "karriärtjänster. Varje studerande i yrkesutbildning har rätt till vägledning. "
        "Utbildningarna hittar du på Studieinfo.",
        "If you study, ask your school's study counsellor or your university's career "
        "services. Every vocational student is entitled to guidance. Every programme is on "
        "Studyinfo.",
    ),
    "svc_osaamispolku": ("Osaamispolku", "Kompetensstigen (Osaamispolku)", "Osaamispolku"),
    "svc_osaamispolku_text": (
        "Maksuton verkkopalvelu suomeksi, ruotsiksi ja englanniksi: uran suunnittelu, "
        "osaamisprofiili ja hakupalvelu, josta löydät lähimmät ohjauspalvelut.",
        "Gratis webbtjänst på finska, svenska och engelska: karriärplanering, kompetensprofil "
        "och en sökfunktion för vägledningstjänster nära dig.",
        "A free online service in Finnish, Swedish and English: career planning, a skills "
        "profile and a finder for guidance services near you.",
    ),
    "svc_kela": ("Kela", "FPA", "Kela"),
    "svc_kela_text": (
        "Opintotuki, yleistuki ja muut etuudet sekä oma etuuspäätöksesi: kela.fi, OmaKela tai "
        "Kelan palvelupiste.",
        "Studiestöd, allmänt stöd och andra förmåner samt ditt eget förmånsbeslut: kela.fi/sv, "
        "MittFPA eller FPA:s servicepunkt.",
        "Student financial aid, general support and other benefits, and your own benefit "
        "decision: kela.fi/en, OmaKela or a Kela office.",
    ),
    "svc_kela_young": (
        "16–29-vuotiaiden kuntoutus: Kelan kuntoutuksen palvelunumero oli",
        "Rehabilitering för 16–29-åringar: FPA:s servicenummer för rehabilitering var",
        "Rehabilitation for 16–29-year-olds: Kela's rehabilitation service number was",
    ),
    "svc_kela_check": (
        "(tarkista ajantasainen numero kela.fi:stä).",
        "(kontrollera det aktuella numret på kela.fi).",
        "(check the current number on kela.fi).",
    ),
    "offer_person": (
        "Haluatko kysyä ihmiseltä?",
        "Vill du fråga en människa?",
        "Would you like to ask a person?",
    ),
    # -- crisis ----------------------------------------------------------------------------
    "crisis_chats": ("Keskustele chatissa", "Chatta med någon", "Chat with someone"),
    "chat_sekasin": (
        "Sekasin-chat 12–29-vuotiaille (sekasin.fi)",
        "Sekasin-chatten för 12–29-åringar (sekasin.fi)",
        "Sekasin chat for 12–29-year-olds (sekasin.fi)",
    ),
    "chat_mieli": (
        "MIELI ry:n kriisichat (mieli.fi)",
        "MIELI rf:s krischatt (mieli.fi)",
        "MIELI crisis chat (mieli.fi)",
    ),
    "chat_mll": (
        "MLL:n chat lapsille ja nuorille (nuortennetti.fi)",
        "MLL:s chatt för barn och unga (nuortennetti.fi)",
        "MLL chat for children and young people (nuortennetti.fi)",
    ),
    # -- keeping what you got --------------------------------------------------------------
    "save_steps": ("Tallenna seuraavat askeleeni", "Spara mina nästa steg", "Save my next steps"),
    "saved_title": ("Seuraavat askeleeni", "Mina nästa steg", "My next steps"),
    "saved_intro": (
        "Koottu Suunnan vastauksista {date}. Tätä ei tallenneta palvelimelle.",
        "Sammanställt ur Suuntas svar {date}. Detta sparas inte på servern.",
        "Collected from Suunta's answers on {date}. Nothing of this is stored on the server.",
    ),
    "saved_none": (
        "Vastauksissa ei ollut vielä seuraavia askeleita. Alla ovat kysymyksesi ja lähteet.",
        "Svaren hade inga nästa steg ännu. Nedan finns dina frågor och källorna.",
        "The answers had no next steps yet. Your questions and the sources are below.",
    ),
    "saved_question": ("Kysymys", "Fråga", "Question"),
    "print": ("Tulosta", "Skriv ut", "Print"),
    "download_text": ("Lataa tekstinä", "Ladda ner som text", "Download as text"),
    # -- reporting a wrong answer ----------------------------------------------------------
    "report_wrong": (
        "Ilmoita väärästä vastauksesta",
        "Anmäl ett felaktigt svar",
        "Report a wrong answer",
    ),
    "report_wrong_thanks": (
        "Kiitos! Ilmoitus välitetään palvelun ylläpitäjälle.",
        "Tack! Anmälan går till tjänstens ägare.",
        "Thank you! The report goes to the people who run the service.",
    ),
    "report_wrong_comment": (
        "Mikä vastauksessa on väärin? (vapaaehtoinen)",
        "Vad är fel i svaret? (frivilligt)",
        "What is wrong in the answer? (optional)",
    ),
    "comment_no_personal": (
        "Älä kirjoita kommenttiin nimeäsi, henkilötunnustasi tai yhteystietojasi.",
        "Skriv inte ditt namn, din personbeteckning eller dina kontaktuppgifter i kommentaren.",
        "Please don't write your name, identity code or contact details in the comment.",
    ),
    # -- how Suunta works ------------------------------------------------------------------
    "about_what_h": ("Mikä Suunta on", "Vad Suunta är", "What Suunta is"),
    "about_what": (
        "Suunta on tekoälyä hyödyntävä opiskelu- ja uraohjauksen apuri aikuisille. Se vastaa "
        "suomeksi, ruotsiksi ja englanniksi toimitetun tietopohjan avulla: artikkeleita "
        "koulutuksesta, opiskelun rahoituksesta, työnhausta ja ohjauspalveluista, ja jokaisella "
        "artikkelilla on lähteet viranomaisten ja palvelujen sivuilla.",
        "Suunta är en AI-baserad assistent för studie- och karriärvägledning för vuxna. Den "
        "svarar på finska, svenska och engelska med hjälp av en redigerad kunskapsbas: "
        "artiklar om utbildning, studiefinansiering, jobbsökning och vägledningstjänster, var "
        "och en med källor på myndigheters och tjänsters webbplatser.",
        "Suunta is an AI-assisted study and career guidance helper for adults. It answers in "
        "Finnish, Swedish and English from an edited knowledge base: articles on education, "
        "paying for studies, job search and guidance services, each with its sources on the "
        "pages of public authorities and services.",
    ),
    "about_how_h": ("Miten vastaus syntyy", "Hur ett svar blir till", "How an answer is made"),
    "about_how": (
        "Suunta etsii kysymykseesi sopivat kohdat tietopohjasta ja kokoaa vastauksen niistä "
        "automaattisesti. Numerot [1], [2] viittaavat lähteisiin vastauksen alla. Jos lähteet "
        "eivät kata kysymystä, Suunta sanoo sen suoraan ja kertoo, keneltä kannattaa kysyä. "
        "Kriisiviestiin se vastaa heti auttavien puhelinten ja chattien yhteystiedoilla.",
        "Suunta söker de delar av kunskapsbasen som passar din fråga och sammanställer svaret "
        "ur dem automatiskt. Siffrorna [1], [2] hänvisar till källorna under svaret. Om "
        "källorna inte täcker frågan säger Suunta det rakt ut och berättar vem du kan fråga. "
        "På ett krismeddelande svarar den genast med hjälptelefoner och chattar.",
        "Suunta looks for the parts of the knowledge base that fit your question and composes "
        "the answer from them automatically. The numbers [1], [2] point to the sources under "
        "the answer. When the sources do not cover a question, Suunta says so plainly and tells "
        "you whom to ask. A crisis message is answered at once with helplines and chats.",
    ),
    "about_limits_h": ("Mitä Suunta ei tee", "Vad Suunta inte gör", "What Suunta does not do"),
    "about_limits": (
        "Vastaukset voivat olla vääriä tai vanhentuneita, joten tarkista tärkeät asiat "
        "lähteestä. Suunta ei tee päätöksiä eikä tunne omaa tilannettasi: etuuksista päättää "
        "Kela, opiskelijavalinnoista oppilaitos. Ihmisen tavoitat painikkeella ”Puhu ihmisen "
        "kanssa”.",
        "Svaren kan vara fel eller föråldrade, så kontrollera viktiga saker i källan. Suunta "
        "fattar inga beslut och känner inte till din egen situation: FPA beslutar om förmåner, "
        "läroanstalten om antagning. En människa når du med knappen ”Prata med en människa”.",
        "Answers may be wrong or out of date, so check important things in the source. Suunta "
        "makes no decisions and does not know your own situation: Kela decides on benefits, a "
        "school on admissions. You reach a person with the “Talk to a person” button.",
    ),
    "about_feedback_h": ("Palaute ja virheet", "Respons och fel", "Feedback and mistakes"),
    "about_feedback": (
        "Jokaisen vastauksen alla on painike ”Ilmoita väärästä vastauksesta”. Ilmoitukset ja "
        "kysymykset, joihin Suunta ei osannut vastata, näkyvät palvelun ylläpitäjälle, joka "
        "korjaa ja täydentää tietopohjaa.",
        "Under varje svar finns knappen ”Anmäl ett felaktigt svar”. Anmälningarna och frågor "
        "som Suunta inte kunde svara på visas för tjänstens ägare, som rättar och kompletterar "
        "kunskapsbasen.",
        "Under every answer there is a “Report a wrong answer” button. Reports, and questions "
        "Suunta could not answer, are shown to the people who run the service, who correct and "
        "add to the knowledge base.",
    ),
    "about_data": (
        "Mitä kysymyksistäsi tallennetaan, kerrotaan tietosuojaselosteessa.",
        "Vad som sparas om dina frågor står i dataskyddsbeskrivningen.",
        "What is kept of your questions is set out in the privacy notice.",
    ),
    # -- privacy notice --------------------------------------------------------------------
    "privacy_title": ("Tietosuojaseloste", "Dataskyddsbeskrivning", "Privacy notice"),
    "privacy_stored_h": ("Mitä tallennetaan", "Vad som sparas", "What is stored"),
    "privacy_stored": (
        "Kysymyksesi tallennetaan vasta, kun nimet, henkilötunnukset, puhelinnumerot, "
        "sähköpostiosoitteet, osoitteet ja tilinumerot on poistettu. Lisäksi tallennetaan "
        "vastauksen tyyppi, kieli, aihe, käytetyt lähteet, antamasi palaute ja vapaaehtoiset "
        "vastauksesi (ikäryhmä, maakunta, elämäntilanne, seuraavan askeleen selkeys). Keskustelu "
        "tunnistetaan satunnaisella tunnisteella.",
        "Dina frågor sparas först efter att namn, personbeteckningar, telefonnummer, "
        "e-postadresser, adresser och kontonummer har tagits bort. Dessutom sparas svarets typ, "
        "språk, ämne, de källor som användes, din respons och dina frivilliga svar (åldersgrupp, "
        "landskap, livssituation, hur tydligt ditt nästa steg är). Samtalet känns igen på en "
        "slumpmässig kod.",
        "Your questions are stored only after names, identity codes, phone numbers, e-mail "
        "addresses, street addresses and account numbers have been removed. We also store the "
        "kind of reply, its language and topic, the sources used, your feedback and your "
        "optional answers (age group, region, life situation, how clear your next step is). "
        "The conversation is known only by a random code.",
    ),
    "privacy_not_h": ("Mitä ei tallenneta", "Vad som inte sparas", "What is not stored"),
    "privacy_not": (
        "IP-osoitettasi, selaimesi tietoja tai evästeitä ei tallenneta. Kriisiviestejä ja "
        "pyyntöjä päästä puhumaan ihmisen kanssa ei tallenneta tekstinä, vain lukumäärinä. "
        "Emme käytä seurantaevästeitä emmekä ulkopuolisia palveluja.",
        "Din IP-adress, uppgifter om din webbläsare och kakor sparas inte. Krismeddelanden "
        "och önskemål om att få tala med en människa sparas inte som text, bara som antal. "
        "Vi använder inga spårningskakor och inga utomstående tjänster.",
        "Your IP address, browser details and cookies are not stored. Crisis messages and "
        "requests to talk to a person are never stored as text, only counted. We use no "
        "tracking cookies and no outside services.",
    ),
    "accessibility": (
        "Saavutettavuusseloste",
        "Tillgänglighetsutlåtande",
        "Accessibility statement",
    ),
    "a11y_intro": (
        "Tämä seloste koskee Suunta-palvelun oppijan keskustelusivua, sivuja ”Näin Suunta "
        "toimii” ja tietosuojaseloste sekä henkilöstön sivuja. Palvelun tulee täyttää lain "
        "digitaalisten palvelujen tarjoamisesta (306/2019) vaatimukset.",
        "Detta utlåtande gäller Suuntas chattsida för studerande, sidorna ”Så fungerar Suunta” "
        "och dataskyddsbeskrivningen samt personalens sidor. Tjänsten ska uppfylla kraven i "
        "lagen om tillhandahållande av digitala tjänster (306/2019).",
        "This statement covers Suunta's learner chat page, the pages “How Suunta works” and "
        "the privacy notice, and the staff pages. The service must meet the requirements of "
        "the Act on the Provision of Digital Services (306/2019).",
    ),
    "a11y_standard_h": ("Vaatimustaso", "Kravnivå", "Standard"),
    "a11y_standard": (
        "Tavoitteena on EN 301 549 -standardi ja WCAG 2.1 -ohjeiden AA-taso. Palvelu täyttää "
        "vaatimukset osittain: puutteet on lueteltu alla.",
        "Målet är standarden EN 301 549 och nivå AA i riktlinjerna WCAG 2.1. Tjänsten uppfyller "
        "kraven delvis: bristerna listas nedan.",
        "The target is the EN 301 549 standard and WCAG 2.1 level AA. The service partially "
        "meets these requirements: the known gaps are listed below.",
    ),
    "a11y_tested_h": (
        "Miten saavutettavuus on arvioitu",
        "Hur tillgängligheten bedömts",
        "How it was tested",
    ),
    "a11y_tested": (
        "Jokainen sivu ja sen tilat (vastaus, ei vastausta, kriisivastaus, palaute, "
        "ihmisen tavoittaminen, tallennetut askeleet, hallintanäkymä) tarkistetaan "
        "automaattisesti axe-core-työkalulla Chromium-selaimessa työpöytä- ja puhelinkokoisena, "
        "suomeksi, ruotsiksi ja englanniksi, jokaisen muutoksen yhteydessä. Lisäksi testit "
        "käyttävät sivuja pelkällä näppäimistöllä. Seloste on laadittu itsearviona.",
        "Varje sida och dess lägen (svar, inget svar, krissvar, respons, kontakt med en "
        "människa, sparade steg, instrumentpanelen) kontrolleras automatiskt med verktyget "
        "axe-core i webbläsaren Chromium i dator- och telefonstorlek, på finska, svenska och "
        "engelska, vid varje ändring. Testerna använder också sidorna enbart med tangentbord. "
        "Utlåtandet är en självbedömning.",
        "Every page and its states (an answer, no answer, a crisis reply, feedback, reaching a "
        "person, saved next steps, the dashboard) is checked automatically with axe-core in "
        "Chromium at desktop and phone sizes, in Finnish, Swedish and English, on every change. "
        "The tests also use the pages with the keyboard alone. This statement is a "
        "self-assessment.",
    ),
    "a11y_gaps_h": ("Tunnetut puutteet", "Kända brister", "Known gaps"),
    "a11y_gap_1": (
        "Vastaukset kootaan lähteistä automaattisesti. Niiden kieli voi olla vaikeaa, eikä "
        "selkokielistä versiota ole (WCAG 3.1.5, AAA-taso, ei vaadita).",
        "Svaren sammanställs automatiskt ur källorna. Språket kan vara svårt och det finns "
        "ingen lättläst version (WCAG 3.1.5, nivå AAA, krävs inte).",
        "Answers are composed automatically from the sources. Their language may be hard and "
        "there is no easy-to-read version (WCAG 3.1.5, level AAA, not required).",
    ),
    "a11y_gap_2": (
        "Hallintanäkymän kaavioissa on tekstivastineena taulukot, mutta kaavioita ei ole "
        "testattu ruudunlukijoiden kanssa (WCAG 1.1.1).",
        "Instrumentpanelens diagram har tabeller som textalternativ, men diagrammen har inte "
        "testats med skärmläsare (WCAG 1.1.1).",
        "The dashboard's charts have tables as their text alternative, but the charts have "
        "not been tested with screen readers (WCAG 1.1.1).",
    ),
    "a11y_gap_3": (
        "Automaattinen testaus löytää vain osan ongelmista. Palvelua ei ole vielä arvioitu "
        "käyttäjätestein ruudunlukijan tai puheohjauksen käyttäjien kanssa.",
        "Automatiska tester hittar bara en del av problemen. Tjänsten har ännu inte "
        "utvärderats i användartester med användare av skärmläsare eller röststyrning.",
        "Automated testing finds only part of the problems. The service has not yet been "
        "evaluated in user tests with people who use screen readers or voice control.",
    ),
    "a11y_gap_4": (
        "Linkitetyt ulkopuoliset lähteet ja palvelut eivät ole Suunnan hallinnassa, eikä tämä "
        "seloste koske niitä.",
        "Länkade externa källor och tjänster står inte under Suuntas kontroll och omfattas "
        "inte av detta utlåtande.",
        "Linked outside sources and services are not under Suunta's control and are not "
        "covered by this statement.",
    ),
    "a11y_feedback_h": (
        "Anna palautetta saavutettavuudesta",
        "Ge respons om tillgängligheten",
        "Feedback on accessibility",
    ),
    "a11y_feedback": (
        "Jos huomaat saavutettavuusongelman tai tarvitset sisällön toisessa muodossa, ota "
        "yhteyttä: {contact}. Vastaamme 14 päivän kuluessa.",
        "Om du märker ett tillgänglighetsproblem eller behöver innehållet i en annan form, "
        "kontakta: {contact}. Vi svarar inom 14 dagar.",
        "If you notice an accessibility problem or need content in another form, contact: "
        "{contact}. We answer within 14 days.",
    ),
    "a11y_authority_h": ("Valvontaviranomainen", "Tillsynsmyndighet", "Supervising authority"),
    "a11y_authority": (
        "Jos et saa vastausta 14 päivässä tai vastaus ei tyydytä, voit tehdä ilmoituksen "
        "valvontaviranomaiselle. Saavutettavuutta valvoo Lupa- ja valvontavirasto "
        "(saavutettavuusvalvonta; 31.12.2025 asti Etelä-Suomen aluehallintovirasto). Ohjeet: "
        "saavutettavuusvaatimukset.fi.",
        "Om du inte får svar inom 14 dagar eller inte är nöjd med svaret kan du anmäla det "
        "till tillsynsmyndigheten. Tillgängligheten övervakas av Tillstånds- och "
        "tillsynsverket (Lupa- ja valvontavirasto; till 31.12.2025 Regionförvaltningsverket i "
        "Södra Finland). Anvisningar: webbtillganglighet.fi.",
        "If you get no answer within 14 days or are not satisfied with it, you can notify the "
        "supervising authority. Accessibility is supervised by the Permit and Supervision "
        "Agency (Lupa- ja valvontavirasto; until 31.12.2025 the Regional State Administrative "
        "Agency for Southern Finland). Instructions: webaccessibility.fi.",
    ),
    "a11y_dated": (
        "Seloste on laadittu {date} ja se päivitetään, kun palvelu muuttuu.",
        "Utlåtandet har upprättats {date} och uppdateras när tjänsten ändras.",
        "This statement was made on {date} and is updated when the service changes.",
    ),
    "not_configured": (
        "[ei asetettu: {setting}]",
        "[inte inställt: {setting}]",
        "[not configured: {setting}]",
    ),
    "dev_placeholder": (
        "Kehitysversio: rekisterinpitäjää ja yhteystietoja ei ole asetettu. Tuotannossa ne "
        "annetaan asetuksilla SUUNTA_CONTROLLER_NAME ja SUUNTA_CONTROLLER_CONTACT.",
        "Utvecklingsversion: personuppgiftsansvarig och kontaktuppgifter är inte inställda. I "
        "produktion anges de med SUUNTA_CONTROLLER_NAME och SUUNTA_CONTROLLER_CONTACT.",
        "Development version: the data controller and contact are not set. In production "
        "they are given with SUUNTA_CONTROLLER_NAME and SUUNTA_CONTROLLER_CONTACT.",
    ),
    "privacy_controller_h": ("Rekisterinpitäjä", "Personuppgiftsansvarig", "Data controller"),
    "privacy_controller": (
        "Rekisterinpitäjä: {name}. Yhteydenotot tietosuoja-asioissa: {contact}.",
        "Personuppgiftsansvarig: {name}. Kontakt i dataskyddsfrågor: {contact}.",
        "Data controller: {name}. Contact for data protection matters: {contact}.",
    ),
    "privacy_basis_h": ("Käsittelyn peruste", "Grund för behandlingen", "Legal basis"),
    "privacy_basis": (
        "Ohjauspalvelun tuottaminen ja sen laadun ja tavoittavuuden seuranta ovat yleisen edun "
        "mukaisia tehtäviä (EU:n tietosuoja-asetus, 6 artiklan 1 kohdan e alakohta). "
        "Vapaaehtoiset taustakysymykset ja paluukäyntien laskemiseen käytettävä satunnainen "
        "tunniste perustuvat suostumukseesi (6 artiklan 1 kohdan a alakohta), jonka voit "
        "perua milloin tahansa.",
        "Att tillhandahålla vägledningstjänsten och följa upp dess kvalitet och räckvidd är "
        "uppgifter av allmänt intresse (EU:s dataskyddsförordning, artikel 6.1 e). De "
        "frivilliga bakgrundsfrågorna och den slumpmässiga kod som räknar återbesök bygger på "
        "ditt samtycke (artikel 6.1 a), som du kan återkalla när som helst.",
        "Providing the guidance service and following its quality and reach are tasks in the "
        "public interest (EU General Data Protection Regulation, Article 6(1)(e)). The optional "
        "background questions and the random code that counts return visits rest on your "
        "consent (Article 6(1)(a)), which you can withdraw at any time.",
    ),
    "privacy_rights_h": ("Oikeutesi", "Dina rättigheter", "Your rights"),
    "privacy_rights": (
        "Sinulla on oikeus saada tietää, mitä tietoja sinusta käsitellään, oikaista ja poistaa "
        "ne, rajoittaa käsittelyä ja vastustaa sitä. Koska keskustelu tunnistetaan vain "
        "satunnaisella tunnisteella selaimessasi, voit käyttää oikeuksiasi helpoimmin tällä "
        "laitteella: ”Poista keskusteluni” poistaa tiedot heti. Voit myös tehdä valituksen "
        "tietosuojavaltuutetun toimistolle (tietosuoja.fi).",
        "Du har rätt att få veta vilka uppgifter om dig som behandlas, att rätta och radera "
        "dem, att begränsa behandlingen och att invända mot den. Eftersom samtalet bara känns "
        "igen på en slumpmässig kod i din webbläsare utövar du rättigheterna lättast på den "
        "här enheten: ”Radera mitt samtal” raderar uppgifterna direkt. Du kan också klaga hos "
        "dataombudsmannens byrå (tietosuoja.fi).",
        "You have the right to know what data about you is processed, to have it corrected "
        "and erased, to restrict its processing and to object to it. As a conversation is "
        "known only by a random code in your browser, you can use these rights most easily on "
        "this device: “Delete my conversation” erases the data at once. You can also lodge a "
        "complaint with the Office of the Data Protection Ombudsman (tietosuoja.fi).",
    ),
    "privacy_no_retention": (
        "Automaattista säilytysaikaa ei ole asetettu (SUUNTA_RETENTION_DAYS): tiedot säilyvät, "
        "kunnes poistat keskustelusi tai ylläpitäjä poistaa ne.",
        "Ingen automatisk lagringstid är inställd (SUUNTA_RETENTION_DAYS): uppgifterna sparas "
        "tills du raderar ditt samtal eller administratören raderar dem.",
        "No automatic retention period is set (SUUNTA_RETENTION_DAYS): data is kept until you "
        "delete your conversation or the operator deletes it.",
    ),
    "privacy_memory": (
        "Keskustelun muisti (viimeiset kysymykset jatkokysymyksiä varten) poistetaan tunnin "
        "kuluttua viimeisestä viestistä.",
        "Samtalets minne (de senaste frågorna för följdfrågor) raderas en timme efter det "
        "senaste meddelandet.",
        "The conversation's memory (the last few questions, for follow-ups) is deleted an hour "
        "after the last message.",
    ),
    "privacy_how_long_h": ("Kuinka kauan", "Hur länge", "For how long"),
    "privacy_reports": (
        "Raporteissa ei koskaan näytetä yksittäisiä keskusteluja eikä alle {min_group} hengen "
        "ryhmiä.",
        "Rapporterna visar aldrig enskilda samtal eller grupper med färre än {min_group} personer.",
        "Reports never show a single conversation or any group smaller than {min_group} people.",
    ),
    "privacy_how_long": (
        "Tiedot säilytetään palvelun ylläpitäjän asettaman ajan ja poistetaan sen jälkeen "
        "automaattisesti. Raporteissa ei koskaan näytetä yksittäisiä keskusteluja eikä alle "
        "{min_group} hengen ryhmiä.",
        "Uppgifterna sparas så länge som tjänstens administratör har bestämt och raderas "
        "sedan automatiskt. Rapporterna visar aldrig enskilda samtal eller grupper med färre "
        "än {min_group} personer.",
        "Data is kept for the period the service's operator has set and is then deleted "
        "automatically. Reports never show a single conversation or any group smaller than "
        "{min_group} people.",
    ),
    "privacy_retention_days": (
        "Nykyinen säilytysaika: {days} päivää.",
        "Nuvarande lagringstid: {days} dagar.",
        "Current retention period: {days} days.",
    ),
    "privacy_delete_h": (
        "Keskustelun poistaminen",
        "Radera samtalet",
        "Deleting your conversation",
    ),
    "privacy_delete": (
        "Voit poistaa keskustelusi milloin tahansa keskustelusivun painikkeella "
        "”Poista keskusteluni”. Se poistaa keskustelun tiedot palvelimelta ja selaimestasi.",
        "Du kan radera ditt samtal när som helst med knappen ”Radera mitt samtal” på "
        "chattsidan. Det raderar samtalets uppgifter från servern och från din webbläsare.",
        "You can delete your conversation at any time with the “Delete my conversation” "
        "button on the chat page. It removes the conversation's data from the server and "
        "from your browser.",
    ),
    "privacy_browser_h": (
        "Selaimeesi tallennettavat tiedot",
        "Vad som sparas i din webbläsare",
        "What your browser keeps",
    ),
    "privacy_browser": (
        "Selaimesi muistaa valitsemasi kielen ja sen, onko vapaaehtoisia kysymyksiä jo "
        "kysytty. Keskustelu säilyy selaimen välilehdessä, kunnes suljet sen. Jos annoit "
        "luvan laskea paluukäyntisi, selain muistaa myös satunnaisen koodin; keskustelun "
        "poistaminen poistaa senkin.",
        "Din webbläsare kommer ihåg det språk du valt och om de frivilliga frågorna redan har "
        "ställts. Samtalet finns kvar i fliken tills du stänger den. Om du tillät att dina "
        "återbesök räknas minns webbläsaren också en slumpkod; den raderas när du raderar "
        "samtalet.",
        "Your browser remembers the language you chose and whether the optional questions "
        "have been asked. The conversation stays in the browser tab until you close it. If "
        "you allowed your return visits to be counted, it also keeps a random code; deleting "
        "the conversation deletes that too.",
    ),
    # -- staff sign-in ---------------------------------------------------------------------
    "login_title": ("Kirjaudu sisään", "Logga in", "Sign in"),
    "login_intro": (
        "Ohjaajille ja palvelun omistajille. Oppijat eivät tarvitse tunnusta.",
        "För handledare och tjänsteägare. Den som söker vägledning behöver inget konto.",
        "For counsellors and service owners. Learners need no account.",
    ),
    "username": ("Käyttäjätunnus", "Användarnamn", "Username"),
    "password": ("Salasana", "Lösenord", "Password"),
    "login_failed": (
        "Väärä käyttäjätunnus tai salasana.",
        "Fel användarnamn eller lösenord.",
        "Wrong username or password.",
    ),
    "login_throttled": (
        "Liian monta kirjautumisyritystä. Yritä uudelleen {minutes} minuutin kuluttua.",
        "För många inloggningsförsök. Försök igen om {minutes} minuter.",
        "Too many sign-in attempts. Please try again in {minutes} minutes.",
    ),
    "login_expired": (
        "Lomake vanheni. Yritä uudelleen.",
        "Formuläret gick ut. Försök igen.",
        "The form expired. Please try again.",
    ),
    "forbidden": (
        "Sinulla ei ole oikeutta tähän sivuun.",
        "Du har inte behörighet till sidan.",
        "Your account may not open this page.",
    ),
    # -- counsellor co-pilot ---------------------------------------------------------------
    "counsellor_title": ("Ohjaajan apuri", "Handledarens assistent", "Counsellor co-pilot"),
    "situation_label": ("Asiakkaan tilanne", "Klientens situation", "The client's situation"),
    "situation_hint": (
        "Kuvaile tilanne ilman nimiä tai yhteystietoja.",
        "Beskriv situationen utan namn eller kontaktuppgifter.",
        "Describe the situation without names or contact details.",
    ),
    "reply_language": ("Vastauksen kieli", "Svarets språk", "Reply language"),
    "get_plan": ("Hae ehdotus", "Hämta förslag", "Get a plan"),
    "plan_title": ("Ehdotus", "Förslag", "Suggestion"),
    "plan_services": ("Palvelut", "Tjänster", "Services"),
    "plan_options": ("Vaihtoehdot", "Alternativ", "Options"),
    "plan_questions": ("Kysy asiakkaalta", "Fråga klienten", "Questions to ask"),
    "plan_summary": ("Yhteenveto", "Sammanfattning", "Summary"),
    "plan_missing": (
        "Tästä kuvauksesta ei syntynyt jäsenneltyä ehdotusta; vastaus alla.",
        "Beskrivningen gav inget strukturerat förslag; svaret nedan.",
        "This description gave no structured plan; the answer is below.",
    ),
    "copy_summary": ("Kopioi yhteenveto", "Kopiera sammanfattningen", "Copy the summary"),
    "copied": ("Yhteenveto kopioitu.", "Sammanfattningen kopierad.", "Summary copied."),
    "answer": ("Vastaus", "Svar", "Answer"),
    "rate_suggestion": (
        "Oliko ehdotuksesta apua?",
        "Var förslaget till hjälp?",
        "Was the suggestion helpful?",
    ),
    # -- dashboard -------------------------------------------------------------------------
    "dashboard_title": ("Seurantanäkymä", "Översikt", "Dashboard"),
    "date_from": ("Alkaen", "Från", "From"),
    "date_to": ("Päättyen", "Till", "To"),
    "channel": ("Kanava", "Kanal", "Channel"),
    "all": ("Kaikki", "Alla", "All"),
    "channel_web": ("verkkokeskustelu", "webbchatt", "web chat"),
    "channel_counsellor": ("ohjaajat", "handledare", "counsellors"),
    "channel_api": ("rajapinta", "gränssnitt", "API"),
    "apply": ("Päivitä", "Uppdatera", "Update"),
    "export_html": (
        "Lataa raportti (HTML)",
        "Ladda ner rapporten (HTML)",
        "Download report (HTML)",
    ),
    "export_csv": ("Lataa luvut (CSV)", "Ladda ner siffrorna (CSV)", "Download figures (CSV)"),
    "loading": ("Ladataan…", "Laddar…", "Loading…"),
    "reach": ("Tavoittavuus", "Räckvidd", "Reach"),
    "quality": ("Laatu", "Kvalitet", "Quality"),
    "effectiveness": ("Vaikuttavuus", "Effekt", "Effectiveness"),
    "knowledge_gaps": ("Tietoaukot", "Kunskapsluckor", "Knowledge gaps"),
    "show_for": ("Näytä luvut", "Visa siffror för", "Show figures for"),
    "filter_hint": (
        "Kieli tai kanava rajaa kaikki luvut ja kaaviot, jotka voi jakaa sen mukaan; muissa "
        "lukee ”kaikki ryhmät”. Ladattavat raportit kattavat aina kaikki ryhmät.",
        "Ett språk eller en kanal avgränsar alla siffror och diagram som kan delas upp så; "
        "övriga är märkta ”alla grupper”. Nedladdade rapporter omfattar alltid alla grupper.",
        "A language or channel narrows every figure and chart that can be split by it; the "
        "others are marked “all groups”. Downloaded reports always cover all groups.",
    ),
    "not_filtered": (
        "(kaikki ryhmät, ei rajattu)",
        "(alla grupper, inte avgränsat)",
        "(all groups, not filtered)",
    ),
    "group_hidden": (
        "Tätä ryhmää ei näytetä erikseen: se on liian pieni (alle {n}) tai sen luvuista voisi "
        "päätellä toisen pienen ryhmän luvut. Valitse ”Kaikki” tai pidempi ajanjakso.",
        "Gruppen visas inte separat: den är för liten (under {n}) eller dess siffror skulle "
        "avslöja en annan liten grupp. Välj ”Alla” eller en längre period.",
        "This group is not shown on its own: it is too small (under {n}), or its figures would "
        "give away another small group. Choose “All” or a longer period.",
    ),
    "group_empty": (
        "Tässä ryhmässä ei ole keskusteluja valitulla ajalla.",
        "Inga samtal i den här gruppen under perioden.",
        "No sessions in this group in this period.",
    ),
    "clarity_not_by_channel": (
        "Seuraavan askeleen selkeyttä ei eritellä kanavittain.",
        "Nästa stegets tydlighet redovisas inte per kanal.",
        "Clarity of the next step is not broken down by channel.",
    ),
    "suppressed_legend": (
        "– = piilotettu: alle {n} henkilön ryhmä tai luku, josta pienen ryhmän voisi päätellä.",
        "– = dold: en grupp under {n} personer eller en siffra som skulle avslöja en liten grupp.",
        "– = hidden: a group of fewer than {n} people, or a figure that would give one away.",
    ),
    "figures_for": ("Luvut: {group}", "Siffror: {group}", "Figures: {group}"),
    "sessions": ("Keskustelut", "Samtal", "Sessions"),
    "users": ("Käyttäjät", "Användare", "Users"),
    "new_users": ("Uudet käyttäjät", "Nya användare", "New users"),
    "returning_users": ("Palaavat käyttäjät", "Återkommande användare", "Returning users"),
    "sessions_by_day": ("Keskustelut päivittäin", "Samtal per dag", "Sessions per day"),
    "sessions_by_week": ("Keskustelut viikoittain", "Samtal per vecka", "Sessions per week"),
    "sessions_by_month": ("Keskustelut kuukausittain", "Samtal per månad", "Sessions per month"),
    "by_channel": ("Kanavittain", "Per kanal", "By channel"),
    "by_language": ("Kielittäin", "Per språk", "By language"),
    "by_region": ("Maakunnittain", "Per landskap", "By region"),
    "by_age_band": ("Ikäryhmittäin", "Per åldersgrupp", "By age group"),
    "by_life_situation": ("Elämäntilanteen mukaan", "Per livssituation", "By life situation"),
    "by_topic": ("Aiheittain", "Per ämne", "By topic"),
    "not_answered": ("ei vastannut", "svarade inte", "not answered"),
    "baseline": (
        "Osuus käyttäjistä ja väestöstä",
        "Andel av användarna och av befolkningen",
        "Share of users against share of population",
    ),
    "baseline_source": ("Lähde: {source}", "Källa: {source}", "Source: {source}"),
    "group": ("Ryhmä", "Grupp", "Group"),
    "user_share": ("Käyttäjistä", "Av användarna", "Of users"),
    "population_share": ("Väestöstä", "Av befolkningen", "Of population"),
    "representation": ("Suhde", "Förhållande", "Ratio"),
    "learners": ("Oppijat", "Vägledda", "Learners"),
    "counsellors": ("Ohjaajat", "Handledare", "Counsellors"),
    "messages": ("Viestit", "Meddelanden", "Messages"),
    "ratings": ("Arvioita", "Betyg", "Ratings"),
    "satisfaction": ("Tyytyväisiä (4–5)", "Nöjda (4–5)", "Satisfied (4–5)"),
    "mean_rating": ("Keskiarvo", "Medelbetyg", "Mean rating"),
    "helpful_rate": ("Hyödyllisiä", "Till hjälp", "Helpful"),
    "no_answer_rate": ("Ei vastausta", "Inget svar", "No answer"),
    "out_of_scope_rate": ("Aiheen ulkopuolella", "Utanför ämnet", "Out of scope"),
    "handoff_rate": ("Ohjattu ihmiselle", "Till en människa", "Handed to a person"),
    "crisis": ("Kriisivastauksia", "Krissvar", "Crisis replies"),
    "latency_p50": ("Vasteaika, mediaani", "Svarstid, median", "Reply time, median"),
    "latency_p95": ("Vasteaika, 95 %", "Svarstid, 95 %", "Reply time, 95th pct"),
    "satisfaction_trend": (
        "Tyytyväisyys ajan mittaan",
        "Nöjdhet över tid",
        "Satisfaction over time",
    ),
    "messages_trend": ("Viestit ajan mittaan", "Meddelanden över tid", "Messages over time"),
    "clarity_pairs": (
        "Vastauspareja (alku ja loppu)",
        "Svarspar (början och slut)",
        "Answer pairs (start and end)",
    ),
    "mean_start": ("Selkeys alussa", "Tydlighet i början", "Clarity at start"),
    "mean_end": ("Selkeys lopussa", "Tydlighet i slutet", "Clarity at end"),
    "mean_change": ("Muutos keskimäärin", "Förändring i snitt", "Mean change"),
    "improved": ("Selkeni", "Blev tydligare", "Clearer"),
    "unchanged": ("Ei muutosta", "Oförändrat", "Unchanged"),
    "worse": ("Heikkeni", "Blev otydligare", "Less clear"),
    "clarity_change": (
        "Seuraavan askeleen selkeys",
        "Nästa stegets tydlighet",
        "Clarity of the next step",
    ),
    "gap_questions": (
        "Kysymyksiä ilman hyvää vastausta",
        "Frågor utan bra svar",
        "Questions without a good answer",
    ),
    "gap_theme": ("Teema", "Tema", "Theme"),
    "gap_count": ("Kysymyksiä", "Frågor", "Questions"),
    "gap_reasons": ("Syyt", "Orsaker", "Reasons"),
    "gap_examples": ("Esimerkkejä", "Exempel", "Examples"),
    "gaps_hidden": (
        "{n} pientä teemaa ei näytetä.",
        "{n} små teman visas inte.",
        "{n} small themes not shown.",
    ),
    "gaps_unavailable": (
        "Tietoaukkoja ei analysoitu.",
        "Kunskapsluckor analyserades inte.",
        "Knowledge gaps were not analysed.",
    ),
    "reason_no_answer": ("ei vastausta", "inget svar", "no answer"),
    "reason_low_confidence": ("epävarma", "osäkert", "low confidence"),
    "reason_poor_rating": ("huono arvio", "dåligt betyg", "poor rating"),
    "reason_wrong_answer": ("ilmoitettu vääräksi", "rapporterat fel", "reported wrong"),
    "vs_previous": (
        "edellinen jakso {value} ({change})",
        "föregående period {value} ({change})",
        "previous period {value} ({change})",
    ),
    # No-break space and hyphen: "−13,6 %-yks." never breaks across lines.
    "points": ("{n}\u00a0%\u2011yks.", "{n}\u00a0%\u2011enh.", "{n}\u00a0pp"),
    "gap_wrong_answers": (
        "Vääriksi ilmoitetut vastaukset",
        "Svar rapporterade som fel",
        "Answers reported wrong",
    ),
    "gap_not_covered": (
        "Vastaamatta jääneet syyn mukaan",
        "Obesvarade efter orsak",
        "Unanswered, by reason",
    ),
    "gap_reported": (
        "Vääriksi ilmoitetut vastaukset ja kommentit",
        "Svar rapporterade som fel, med kommentarer",
        "Answers reported wrong, with comments",
    ),
    "gap_reports": ("{n} ilmoitusta", "{n} rapporter", "{n} reports"),
    "gap_no_text": ("(tekstiä ei tallennettu)", "(texten sparas inte)", "(text not kept)"),
    "gap_examples_answers": (
        "Esimerkkikysymykset ja annetut vastaukset",
        "Exempelfrågor och givna svar",
        "Example questions and the answers given",
    ),
    "gap_answer_given": ("vastaus", "svar", "answer"),
    "gap_sources": ("lähteet", "källor", "sources"),
    "kind_answer": ("vastattiin", "besvarad", "answered"),
    "kind_no_answer": ("ei vastausta", "inget svar", "not answered"),
    "why_not_covered": ("lähteet eivät kata", "källorna täcker inte", "not covered by sources"),
    "why_low_confidence": ("epävarma", "osäkert", "low confidence"),
    "why_own_case": ("oma tilanne", "egen situation", "own case"),
    "why_local": ("paikallinen asia", "lokal fråga", "local matter"),
    "why_unknown": ("ei syytä", "ingen orsak", "no reason given"),
    "gap_state_open": ("Avoin", "Öppen", "Open"),
    "gap_state_in_progress": (
        "Työn alla {date} alkaen",
        "Pågår sedan {date}",
        "In progress since {date}",
    ),
    "gap_state_fixed": (
        "Korjattu {date}: {by}",
        "Åtgärdad {date}: {by}",
        "Fixed on {date} by {by}",
    ),
    "gap_state_not_ours": (
        "Ei meidän ({date})",
        "Inte vårt ({date})",
        "Not ours ({date})",
    ),
    "gap_new_since": (
        "{n} uutta kysymystä merkinnän jälkeen",
        "{n} nya frågor sedan markeringen",
        "{n} new questions since",
    ),
    "gap_mark_for": ("Merkitse: {theme}", "Markera: {theme}", "Mark: {theme}"),
    "gap_mark_in_progress": ("Työn alla", "Pågår", "In progress"),
    "gap_mark_not_ours": ("Ei meidän", "Inte vårt", "Not ours"),
    "gap_mark_fixed": ("Merkitse korjatuksi", "Markera som åtgärdad", "Mark fixed"),
    "gap_fixed_by_label": (
        "Korjannut kortti tai artikkeli",
        "Kort eller artikel som åtgärdade",
        "Fixed by card or article",
    ),
    "gap_reopen": ("Avaa uudelleen", "Öppna igen", "Reopen"),
    "gap_saved": ("Tallennettu: {theme}", "Sparat: {theme}", "Saved: {theme}"),
    "gap_reopened": ("Avattu uudelleen: {theme}", "Öppnad igen: {theme}", "Reopened: {theme}"),
    "gap_done": ("Hoidetut teemat ({n})", "Hanterade teman ({n})", "Done themes ({n})"),
    "eval_runs": ("Testikysymysajot", "Testfrågekörningar", "Golden-set runs"),
    "pass_rate": ("Läpäisy", "Godkända", "Pass rate"),
    "date": ("Päivä", "Datum", "Date"),
    "language_fi": ("suomi", "finska", "Finnish"),
    "language_sv": ("ruotsi", "svenska", "Swedish"),
    "language_en": ("englanti", "engelska", "English"),
    "suppressed": ("piilotettu", "dold", "hidden"),
    "hidden_mark": (
        "Harmaa merkki akselin alla = piilotettu luku (pieni ryhmä), ei nolla.",
        "Grått streck under axeln = dold siffra (liten grupp), inte noll.",
        "Grey mark below the axis = hidden figure (a small group), not zero.",
    ),
    "no_questions": (
        "Ei kysymyksiä tässä ryhmässä valitulla ajalla.",
        "Inga frågor i den här gruppen under perioden.",
        "No questions in this group in this period.",
    ),
    "no_data": (
        "Ei tietoja valitulta ajalta.",
        "Inga uppgifter för perioden.",
        "No data for this period.",
    ),
    "no_clarity_pairs": (
        "Kukaan ei vastannut selkeyskysymykseen sekä alussa että lopussa.",
        "Ingen svarade på tydlighetsfrågan både i början och i slutet.",
        "Nobody answered the clarity question at both the start and the end.",
    ),
    "dates_reversed": (
        "Alkupäivä on päättymispäivän jälkeen.",
        "Startdatumet är efter slutdatumet.",
        "The start date is after the end date.",
    ),
    "dates_invalid": (
        "Tarkista päivämäärät ({detail}).",
        "Kontrollera datumen ({detail}).",
        "Check the dates ({detail}).",
    ),
    "report_failed": (
        "Raporttia ei saatu.",
        "Rapporten kunde inte hämtas.",
        "The report could not be loaded.",
    ),
    # -- organisations ---------------------------------------------------------------------
    "via_org": ("Palvelua tarjoaa:", "Tjänsten erbjuds av:", "Offered through:"),
    "orgs_title": ("Organisaatiot", "Organisationer", "Organisations"),
    "orgs_intro": (
        "Organisaatiot, joiden kautta oppijat tulevat Suuntaan. Istunnot raportoidaan sen "
        "organisaation alla, jonka ovesta ne tulivat (/?org=tunnus tai upotettava /embed/tunnus).",
        "Organisationer genom vilka de studerande kommer till Suunta. Sessionerna rapporteras "
        "under den organisation vars dörr de kom genom (/?org=kod eller inbäddade /embed/kod).",
        "The organisations through which learners reach Suunta. Sessions are reported under the "
        "organisation whose door they came through (/?org=id or the embeddable /embed/id).",
    ),
    "orgs_none": (
        "Organisaatioita ei ole vielä lisätty.",
        "Inga organisationer har lagts till ännu.",
        "No organisations have been added yet.",
    ),
    "org_id": ("Tunnus", "Kod", "Id"),
    "org_name_fi": ("Nimi suomeksi", "Namn på finska", "Name in Finnish"),
    "org_name_sv": ("Nimi ruotsiksi", "Namn på svenska", "Name in Swedish"),
    "org_name_en": ("Nimi englanniksi", "Namn på engelska", "Name in English"),
    "org_sector": ("Sektori", "Sektor", "Sector"),
    "org_region": ("Maakunta", "Landskap", "Region"),
    "org_municipality": ("Kunta", "Kommun", "Municipality"),
    "org_launched": ("Käyttöönottopäivä", "Startdatum", "Launch date"),
    "org_allowed": (
        "Sivustot, joille chatin saa upottaa (välilyönnein erotettuina)",
        "Webbplatser där chatten får bäddas in (åtskilda med mellanslag)",
        "Sites allowed to embed the chat (separated by spaces)",
    ),
    "org_embed": ("Upotuskoodi", "Inbäddningskod", "Embed snippet"),
    "org_add": ("Lisää organisaatio", "Lägg till organisation", "Add organisation"),
    "org_remove": ("Poista", "Ta bort", "Remove"),
    "org_added": ("Organisaatio lisätty.", "Organisationen har lagts till.", "Organisation added."),
    "org_removed": (
        "Organisaatio poistettu.",
        "Organisationen har tagits bort.",
        "Organisation removed.",
    ),
    "org_error": (
        "Tarkista tiedot: {detail}",
        "Kontrollera uppgifterna: {detail}",
        "Check the details: {detail}",
    ),
    "org_contacts": (
        "Ohjauskontaktit tuotu: {n} riviä.",
        "Vägledningskontakterna har importerats: {n} rader.",
        "Guidance contacts imported: {n} rows.",
    ),
    "contacts_upload_title": (
        "Ohjauskontaktit kuukausittain (CSV)",
        "Vägledningskontakter per månad (CSV)",
        "Guidance contacts by month (CSV)",
    ),
    "contacts_upload_hint": (
        "Sarakkeet org_id, month (VVVV-KK), channel (face_to_face, phone tai chat) ja contacts "
        "(kontaktien määrä). Sama organisaatio, kuukausi ja kanava korvaa aiemman luvun. "
        "Jos yksikin rivi on virheellinen, mitään ei tallenneta.",
        "Kolumnerna org_id, month (ÅÅÅÅ-MM), channel (face_to_face, phone eller chat) och "
        "contacts (antal kontakter). Samma organisation, månad och kanal ersätter den tidigare "
        "siffran. Är någon rad felaktig sparas ingenting.",
        "Columns org_id, month (YYYY-MM), channel (face_to_face, phone or chat) and contacts "
        "(the number of contacts). The same organisation, month and channel replaces the "
        "earlier figure. If any line is wrong, nothing is stored.",
    ),
    "contacts_file": ("CSV-tiedosto", "CSV-fil", "CSV file"),
    "contacts_import": ("Tuo kontaktit", "Importera kontakter", "Import contacts"),
    # -- the dashboard's levels (web/static/levels.js) -------------------------------------
    "levels_title": (
        "Yhteiset mittarit tasoittain",
        "Gemensamma indikatorer per nivå",
        "Common indicators by level",
    ),
    "levels_hint": (
        "Kokonaiset päättyneet kuukaudet, neljännekset ja vuodet. Alle {n} hengen luvut ja luvut, "
        "joista sellaisen voisi päätellä erotuksena, on piilotettu (–).",
        "Hela avslutade månader, kvartal och år. Siffror under {n} personer, och siffror som "
        "skulle avslöja en sådan genom en skillnad, är dolda (–).",
        "Whole ended months, quarters and years. Figures under {n} people, and figures that "
        "would give one away by a difference, are hidden (–).",
    ),
    "level": ("Taso", "Nivå", "Level"),
    "level_national": ("Koko maa", "Hela landet", "National"),
    "level_region": ("Maakunta", "Landskap", "Region"),
    "level_sector": ("Sektori", "Sektor", "Sector"),
    "level_org": ("Organisaatio", "Organisation", "Organisation"),
    "unit_region": ("Valitse maakunta", "Välj landskap", "Choose a region"),
    "unit_sector": ("Valitse sektori", "Välj sektor", "Choose a sector"),
    "unit_org": ("Valitse organisaatio", "Välj organisation", "Choose an organisation"),
    "period": ("Jakso", "Period", "Period"),
    "period_months": ("Kuukaudet", "Månader", "Months"),
    "period_quarters": ("Neljännekset", "Kvartal", "Quarters"),
    "period_years": ("Vuodet", "År", "Years"),
    "quarter_label": ("{q}. neljännes {year}", "Kvartal {q} {year}", "Q{q} {year}"),
    "indicator": ("Mittari", "Indikator", "Indicator"),
    "value": ("Arvo", "Värde", "Value"),
    "previous_period": ("Edellinen jakso", "Föregående period", "Previous period"),
    "change": ("Muutos", "Förändring", "Change"),
    "this_org": ("Organisaatio", "Organisationen", "This organisation"),
    "sector_figure": ("Sektori", "Sektorn", "Sector"),
    "region_figure": ("Maakunta", "Landskapet", "Region"),
    "national_figure": ("Koko maa", "Hela landet", "National"),
    "category_availability": ("Saatavuus", "Tillgänglighet", "Availability"),
    "category_quality": ("Laatu", "Kvalitet", "Quality"),
    "category_effectiveness": ("Vaikuttavuus", "Effekt", "Effectiveness"),
    "category_results": ("Tulokset", "Resultat", "Results"),
    "not_applicable": ("ei sovellu tälle tasolle", "gäller inte denna nivå", "not for this level"),
    "group_unknown": ("ei tiedossa", "okänt", "unknown"),
    "level_figures_for": ("{unit}, {period}", "{unit}, {period}", "{unit}, {period}"),
    "no_units": (
        "Tililläsi ei ole tasoja, joita voisi tarkastella.",
        "Ditt konto har inga nivåer att visa.",
        "Your account has no levels to show.",
    ),
    "contacts_title": (
        "Ohjauskontaktit Suunnan rinnalla kuukausittain",
        "Vägledningskontakter bredvid Suunta per månad",
        "Guidance contacts beside Suunta, month by month",
    ),
    "contacts_hint": (
        "Organisaation ilmoittamat kasvokkaiset, puhelin- ja chat-ohjauskontaktit "
        "(suunta orgs import-contacts) ja Suunnan keskustelut, ennen ja jälkeen käyttöönoton.",
        "Organisationens rapporterade vägledningskontakter ansikte mot ansikte, per telefon och "
        "chatt (suunta orgs import-contacts) och Suuntas samtal, före och efter starten.",
        "The organisation's reported face-to-face, phone and chat guidance contacts "
        "(suunta orgs import-contacts) and Suunta's sessions, before and after its launch.",
    ),
    "contacts_none": (
        "Kontakteja ei ole ilmoitettu tältä vuodelta.",
        "Inga kontakter har rapporterats för året.",
        "No contacts have been reported for this year.",
    ),
    "month": ("Kuukausi", "Månad", "Month"),
    "face_to_face": ("Kasvokkain", "Ansikte mot ansikte", "Face to face"),
    "phone": ("Puhelin", "Telefon", "Phone"),
    "chat_contacts": ("Chat", "Chatt", "Chat"),
    "suunta_sessions": ("Suunnan keskustelut", "Suuntas samtal", "Suunta sessions"),
    "launch": ("Suunta käytössä", "Suunta i bruk", "Suunta in use"),
    "before_launch": ("ennen", "före", "before"),
    "after_launch": ("jälkeen", "efter", "after"),
    "open_data_download": (
        "Lataa avoin data ({period}, koko maa ja maakunnat, ZIP)",
        "Ladda ner öppna data ({period}, hela landet och landskapen, ZIP)",
        "Download open data ({period}, national and regional, ZIP)",
    ),
    # -- the counsellor level (web/static/expert.js) ---------------------------------------
    "my_figures_title": ("Oma työkalun käyttöni", "Min användning av verktyget", "My co-pilot use"),
    "my_figures_hint": (
        "Vain omat kysymyksesi ja arviosi ohjaajan työkalussa viimeisten 12 kuukauden ajalta. "
        "Kukaan muu ei näe niitä, etkä sinä näe muiden lukuja.",
        "Bara dina egna frågor och betyg i handledarens verktyg under de senaste 12 månaderna. "
        "Ingen annan ser dem, och du ser inte andras siffror.",
        "Only your own questions and ratings in the co-pilot over the last 12 months. Nobody "
        "else sees them, and you do not see anyone else's.",
    ),
    "my_questions": ("Kysymykset", "Frågor", "Questions"),
    "my_no_answer": ("Ei vastausta", "Inget svar", "No answer"),
    "my_ratings": ("Arvioidut suunnitelmat", "Bedömda planer", "Plans rated"),
    "my_mean_rating": ("Arvioiden keskiarvo", "Medelbetyg", "Mean rating"),
    "my_helpful": ("Hyödyllisiksi merkityt", "Markerade hjälpsamma", "Marked helpful"),
    "my_figures_link": ("Oma käyttöni", "Min användning", "My co-pilot use"),
}

# The optional reach questions: codes and their labels come from the telemetry package, which
# stores and validates them, so the page can never offer an answer the API would refuse.
CHOICES: dict[str, list[tuple[str, tuple[str, str, str]]]] = {
    field: [(code, (names["fi"], names["sv"], names["en"])) for code, names in options.items()]
    for field, options in (
        ("age_band", profile.AGE_BANDS),
        ("region", profile.REGIONS),
        ("life_situation", profile.LIFE_SITUATIONS),
    )
}
for _code, _names in SECTORS.items():
    T[f"sector:{_code}"] = (_names["fi"], _names["sv"], _names["en"])
for _field, _options in CHOICES.items():
    for _code, _labels in _options:
        T[f"{_field}:{_code}"] = _labels


def strings(language: str) -> dict[str, str]:
    """Every UI string in `language` (Finnish when unknown)."""
    position = LANGUAGES.index(language) if language in LANGUAGES else 0  # type: ignore[arg-type]
    return {key: values[position] for key, values in T.items()}


def all_strings() -> dict[str, dict[str, str]]:
    """Every UI string in every language, for the pages' language switcher."""
    return {language: strings(language) for language in LANGUAGES}


def pick_language(query: str | None, accept_language: str | None) -> UiLanguage:
    """The page language: `?lang=` when valid, else the browser's first supported one."""
    if query in LANGUAGES:
        return query  # type: ignore[return-value]
    weighted: list[tuple[float, str]] = []
    for part in (accept_language or "").split(","):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        weighted.append((quality, tag.strip().lower()[:2]))
    for _, code in sorted(weighted, key=lambda pair: -pair[0]):
        if code in LANGUAGES:
            return code  # type: ignore[return-value]
    return DEFAULT
