"""The crisis patterns and the career-talk idioms removed before them (the logic is
`assistant.triage.is_crisis`).

Broad on purpose, because recall must be 100%: any statement of wanting to die, to harm oneself
or of seeing no way out, in Finnish, Swedish or English, also colloquial, misspelt and about a
friend. Matched on a normalised, lower-cased message (`assistant.triage.normalise`).
"""

from __future__ import annotations

import re

from assistant.crisis_signs import CRISIS_SIGNS

_P = re.compile

CRISIS_PATTERNS = [
    _P(p)
    for p in (
        # en
        r"\b(kill|kil|killing|hurt|hurting|harm|harming|cut|cutting|hang|hanging|shoot|shooting|"
        r"poison|poisoning|drown|drowning|starve|starving|end|off|unalive|unaliving) ?"
        r"(my|him|her|them|your) ?sel(f|ves)\b",
        # Slang, typos and indirect phrasings (issue 16's adversarial corpus).
        r"\bunaliv",
        r"\bsewer ?slide",
        r"\b(stop|cease to) existing\b",
        r"\b(saving|saved|collecting|hoarding|stockpiling) (up )?(my |the |some )?"
        r"(pills|tablets|meds|medication|sleeping pills)\b",
        r"\bself[- ]?delet",
        r"\b(gonna|going to|wanna|want to|will|i'?ll|imma|ima|about to|might|should|just|"
        r"finna|i'?m gonna|i'?m going to) (just |finally )?k(m|y)s\b",
        r"(^|[.!?] )k(m|y)s( now| tonight| today| rn| lol)?\s*[.!?]*$",
        r"\b(someone|somebody|anyone|anybody) (to |would |could |please |should |just )*"
        r"(kill|shoot|murder) me\b",
        # Not "I hope I don't wake up late for the interview".
        r"\bhope (that )?i (don'?t|do not|never|won'?t|will not) wake up\b"
        r"(?! (late|early|too|in time|on time|before|after|at \d))",
        r"\bwish i (wouldn'?t|won'?t|didn'?t|would not|could not) wake up\b"
        r"(?! (late|early|too|in time|on time|before|after|at \d))",
        r"\b(rather|prefer to) (not wake up|be dead|not exist|not be alive)\b",
        r"\b(want|wanna|wish) (to )?(be dead|stop existing|not exist|cease to exist)\b",
        # Not "tired of living with my parents" or "sick of living on benefits".
        r"\b(tired|sick) of (living|being alive|life itself|existing)\b"
        r"(?! (with|in|at|on|off|here|there|alone|like|under|without|from|paycheck|in a))",
        r"\b(life|living)('s| is)? (not|n'?t|isn'?t) worth (living|it any ?more)\b",
        r"\bnot worth living\b",
        r"\b(slit|slitting|cut|cutting) (my|his|her) (wrists?|veins?|arms?)\b",
        # Farewell letters written to family: a warning sign however the rest is put.
        r"\b(suicide|goodbye|farewell) (note|letter)s?\b",
        r"\bgoodbye (forever|cruel world)\b",
        r"\bsuicid",
        r"\bsui cid(e|al)",
        r"\bsu[ie]?[cs]i?d(e|al)",
        r"\bself[- ]?harm",
        r"\bend(ing)? (it all|my life|my own life|everything|things for good)\b",
        r"\b(about|thinking of|planning|plan|want|wanna|going|gonna|decided) (to )?end(ing)? it\b",
        r"\b(thinking|thought|think) (about|bout|of|abt) end(ing)? it\b",
        r"\bend(ing)? it (tonight|today|now|soon|for good|this week|all)\b",
        r"\b(i'?m|i am|im) (so )?(done|finished) with (life|living|being alive|everything)\b",
        r"\b(wants?|wanna|wish(es)?|going|planning|plans?|ready|deserves?) (to )?die\b",
        r"\bwish i (was|were) (dead|never born|gone)\b",
        r"\b(i'?d|i would) be better off dead\b",
        r"\b(easier|better)\b.{0,40}\bif i (didn'?t|did not|wasn'?t|was not|weren'?t) "
        r"(exist|around|alive|here( anymore)?\s*([.!?,;]|$))",
        r"\bbetter off without me\b",
        # the people close to one would manage without one ("i keep thinking my family would
        # manage fine without me around"), not a workplace during one's leave
        r"\b(family|kids|children|everyone|everybody|wife|husband|partner|parents|they)\b.{0,12}"
        r"\b(would|will|could|'d)\b.{0,10}\b(manage|cope|do|be)\b.{0,12}\bwithout me\b",
        r"\bbetter off (dead|without me)\b",
        r"\bif i (was|were) (dead|gone)\b",
        r"\b(no one|nobody|noone) (would|will) (miss|notice|care if)\b",
        r"\bpoint (of|in) (living|life|going on|being alive)\b",
        r"\b(don'?t|do not|no longer) want to (live|be alive|exist|wake up|be here)\b",
        r"\b(never|not) (want to )?wake up( again)?\b",
        r"\b(no|any) (reason|point) (to|in|of) (live|living|going on|being alive)\b",
        r"\bwhat'?s the point (of|in) (living|life|going on|being alive)\b",
        r"\bcan'?t (go on|cope|take (it|this|any more)|do this)( any ?more| any longer)\b",
        r"\bcan'?t go on\b",
        r"\b(no|don'?t see any|can'?t see (a|any)|there'?s no|see no|find no) way out\b",
        r"\btake my (own )?life\b",
        r"\b(take|swallow|taking|swallowing) (all )?(my|the|these|those) (pills|tablets|meds)\b",
        r"\boverdos",
        r"\bjump (off|from|in front of) (a |the )?(bridge|building|roof|train|balcony)",
        r"\b(pain|it all|everything) to stop (for good|forever)\b",
        r"\bdisappear (forever|for good|permanently)\b",
        # Warning signs of a plan, however the rest is put: giving one's belongings away,
        # not planning to be around, the pills made ready.
        r"\b(giv(e|es|ing|en)|gave) away (all )?(of )?my (stuff|things|belongings|possessions)\b",
        r"\b(don'?t|do not|no longer) (plan|intend|expect) (on |to )?(be|being) (around|alive)\b",
        r"\b(won'?t|will not) be (alive|around) (much longer|for much longer|for long)\b",
        r"\b(pills|tablets|meds) (are |is )?(all )?(ready|lined up|counted out|saved up)\b",
        # How many pills it would take, the rope bought, the bridge stopped on.
        r"\bhow many (of )?(my |the |those |these )?(sleeping )?(pills|tablets|meds)\b.{0,30}"
        r"\b(it would take|would it take|to kill|kill me|enough to|to die|lethal|to overdose)\b",
        r"\b(bought|got myself|have bought) (a |some )?rope\b(?! access)",
        r"\b(on|from|off) (the|a) bridge\b.{0,60}\bjump(ing)?\b(?! (in|into|to|at|ship|careers?))",
        # fi
        r"itsemurh",
        r"\b(jäähyväis|hyvästi)(kirje|viest)",
        r"\btap\w* (itse|itte)\w*",
        r"\b(itse|itte)\w* (tappa|hengilt)",
        r"\b(vahingoit\w*|satut\w*) (itse|itte)",
        r"\bviill(än|in|tää|ellä|el)",
        r"\bviiltel",
        r"\b(halu\w*|tahdo\w*|tahtois\w*) (vaan |vain |jo |nyt )?kuolla",
        r"\bolla kuollut\b",
        r"\b(parempi|helpompi|helpompaa) (olis|olisi|ois) (jo )?(olla )?(kuollut|kuolla|poissa)",
        r"\bparempi ilman (mua|minua|mu)\b",
        r"\b(perhe|perheeni|lapset|lapseni|kaikki|vaimo|mieheni|puoliso|vanhemmat)\w*\b.{0,20}"
        r"\b(pärjäis|pärjää|selviäis)\w* .{0,20}\bilman (mua|minua|minuu)\b",
        r"\b(en|ei) (halua|haluu|haluais\w*|jaksa|kestä|jaksais) (enää )?"
        r"(elää|tätä elämää|herätä)",
        r"\b(en|ei) (jaksa|kestä) (enää )?(tätä )?elämää",
        r"\b(en|ei) (jaksa|kestä|pysty) enää( (mitään|yhtään mitään|ees mitään|tätä kaikkea))?"
        r"\s*([.!,;?]|$)",
        r"\bsyytä elää\b",
        r"\bjärkeä elää\b",
        r"\belämisen arvo",
        r"\belämä\w*\W+(\w+\W+){0,4}(väliä|merkitystä|tarkoitusta)\b",
        r"\bnukkua pois\b",
        r"\belämä\w* (tuntuu|on) (ihan |täysin )?(turha|merkitykset|toivot)",
        r"\bkukaan ei (kaipaisi|kaipais|huomaisi|huomais|välittäisi)",
        r"\bkadota (pysyvästi|lopullisesti|kokonaan|ikuisesti)",
        r"\b(lopettaa|lopetan|lopettaisin) (kaiken|elämäni|tämän elämän)\b",
        r"\blopu(n|t) (tästä kaikesta|kaikesta|elämästä|elämästäni|itsestäni)\b",
        r"\b(tästä|kaikesta|elämästä\w*) (kaikesta )?lopu(n|t)\b",
        r"\bpäättä\w* (elämäni|päiväni|tämän kaiken|kaiken)\b",
        r"\b(hyppään|hypätä|hyppäisin|heittäydyn|heittäytyä)\b.{0,30}"
        r"\b(sillalta|katolta|parvekkeelta|junan|auton)",
        r"\b(yliannost|hirttä|hirtä)",
        r"\bpillere\w*.{0,40}\b(kaikki|kerralla)",
        r"\bei (ole )?(mitään )?ulospääsyä\b",
        r"\bitsari",
        r"\bitsemur",
        r"\bitsetuho",
        r"\bkuolla pois\b",
        r"\b(haluu?n|haluaisin|haluisin|tahdon) (vaan |vaa |vain |jo |nyt )?(olla )?kuollu",
        r"\b(toivon|toivoisin|kunpa|kunhan|jospa) (että |etten |etten )?(en |mä en |ma en )?"
        r"(heräis|heräisi|herää|heräisi enää)\b",
        r"\btoivon (että )?(kuolisin|kuolen)\b",
        r"\bkuolisinpa\b",
        r"\bhirteen\b",
        r"\b(toivo\w*|kunpa|jospa)\b.{0,15}\b(etten|en|mä en|ma en)\b.{0,10}"
        r"\b(ois|olis|olisi|oisi)\s+herä\w*",
        r"\b(ostin|ostanut|ostanu|hankin|hankkinut) (\w+ )?köy(den|si|ttä)\b",
        r"\b(montako|kuinka monta|paljonko)\b.{0,30}\b(unilääk\w*|pilleri\w*|tabletti\w*|"
        r"lääkettä)\b.{0,30}\b(tarvi\w*|tappa\w*|kuole\w*|riittä\w*|pitäis\w*)",
        r"\bsillalta\b.{0,40}\bhyp|\bhyp\w*\b.{0,40}\bsillalta\b",
        r"\b(tabletit|pillerit|lääkkeet|napit) (on |ovat |o )?(jo )?"
        r"(valmiina|valmiiks\w*|kerättynä)",
        r"\b(annan|annoin|anna\w*|lahjoit\w*|jaan|jaoin) (\w+ )?(kaikki )?"
        r"(tavarani|tavarat|kamani|kamat|omaisuuteni|tavaroitani) pois",
        r"\b(ei millään|mikään ei|millään ei) (oo|ole|o) (enää )?(mitään )?väliä\b",
        r"\branteet? auki\b",
        r"\b(ei|en) (kannata|jaksa) (enää )?elää\b",
        r"\b(en|ei) (halua|haluu|jaksa) (enää )?olla (olemassa|täällä)\b",
        r"\bjos (mua|minua|mä|minä) ei (ois|olis|olisi|oo|ole) (ollenkaan|olemassa|enää)\b",
        r"\b(ois|olis|olisi) (helpompaa|helpompi|parempi|parempaa) .{0,30}\bilman (mua|minua)\b",
        # sv
        r"\b(avskeds|självmords)brev",
        r"självmord",
        r"\b(jag|vill|ska|tänker|att|kommer|funderar|planerar|skulle|tänkt|hon|han|hen|de)"
        r" (\w+ )?ta(r|git|ga)? livet av (mig|sig|mej|dig)\b",
        r"\b(vill|ville) (bara |inte )?(leva|dö)\b",
        r"\bvill inte (leva|finnas|vara med) ?(längre|mer|kvar)?\b",
        r"\b(skada|skadat|skadar|skär|skära|skurit|skar) (mig|mej)\b( själv)?",
        r"\borkar inte (leva|mer med livet|med livet|längre|mer)\s*([.!,;?]|$|med livet)",
        r"\borkar inte leva\b",
        r"\b(om|att) jag orkar leva\b",
        r"\borkar (inte |nog inte )?leva (längre|mer|vidare)\b",
        r"\bförsvinna (för gott|för alltid|för evigt)\b",
        r"\b(tabletterna|pillren|medicinerna) (är )?(redan )?(redo|klara|framtagna|sparade)",
        r"\b(ge|ger|gav|gett|givit) bort (alla )?(mina )?(saker|grejer|ägodelar)\b",
        r"\b(ge|ger|gav|gett|givit) (alla )?mina (saker|grejer|ägodelar) bort\b",
        r"\bom jag inte fanns\b",
        r"\b(bättre|lättare) (för alla )?(om jag var död|utan mig)\b",
        r"\b(familjen|min familj|barnen|mina barn|alla|min fru|min man|föräldrarna)\b.{0,20}"
        r"\b(klarar|klara|skulle klara|har det|skulle ha det)\b.{0,20}\butan mig\b",
        r"\baldrig vakna\b",
        r"\b(samlat|tar alla|ta alla|svälja)\b.{0,20}\b(tabletter|piller|mediciner)",
        r"\böverdos",
        r"\bingen utväg\b",
        r"\bingen (skulle|kommer att) (sakna|märka|bry sig)",
        r"\bom jag (försvann|dog|inte fanns)\b",
        r"\b(livet|allt) (känns|är) meningslöst\b",
        r"\bmeningslöst att leva\b",
        r"\bhoppa (från|framför|ner från) (bron|taket|tåget|balkongen)",
        r"\bta mitt (eget )?liv\b",
        r"\b(vill|ska|tänker) (bara )?(försvinna för alltid|inte finnas|vara död)\b",
        r"\bhoppas (att )?jag (inte|aldrig) vaknar\b",
        r"\b(köpt|köpte|skaffat|skaffade) (ett |en )?rep\b",
        r"\bhur många\b.{0,30}\b(sömntabletter|tabletter|piller|mediciner)\b.{0,30}"
        r"\b(krävs|behövs|dödlig|räcker|dö)\b",
        r"\bbron\b.{0,60}\bhoppa|\bhoppa\b.{0,40}\b(från|ner från|av) bron\b",
        r"\b(vill|ska) (inte|aldrig) vakna (imorgon|i morgon|igen|mer|längre)\b",
        r"\bönskar (att )?jag (var|vore|vart) död\b",
        r"\b(hänga|skjuta|dränka|döda) (mig|mej)\b",
        r"\bsjälvskad",
        r"\bsjälvmor",
        r"\bkan inte (leva|fortsätta leva) (längre|så här|mer)\b",
    )
]
CRISIS_PATTERNS.extend(CRISIS_SIGNS)

# Career-talk idioms, removed before the crisis patterns run.
CRISIS_IDIOMS = [
    _P(p)
    for p in (
        r"\bdying (to|for)\b",
        r"\bto die for\b",
        r"\bdie happy\b",
        r"\bdo or die\b",
        # Careers that help others: about suicide as a subject, not the speaker's own thoughts.
        r"\b(work|working|help|helping|support|supporting|counsel\w*|care for|caring for)( with)? "
        r"(young people|people|others|clients|patients|youth|teenagers|students)\b.{0,40}suicid\w*",
        r"\bsuicide prevention\b",
        r"\bitsemurh\w* (ehkäi|ennalta)\w*",
        r"\b(ehkäi|ennaltaehkäi)\w* itsemurh\w*",
        r"\bsjälvmordsprevent\w*",
        r"\bförebygg\w* självmord\w*",
        r"\bkill(ing)? (it|the|this|that|time|two birds)\b",
        r"\b(?!jag\b)\w+ tar livet av (mig|mej)\b",
        r"\bkuol\w* (tylsyyteen|nauruun|ikävään|jännitykseen|halusta|kiireeseen)\b",
        r"\btappaa aikaa\b",
        r"\btapan aikaa\b",
        r"\bdör av (längtan|tristess|skratt|nyfikenhet)\b",
        # Care work with overdoses or suicidal clients; someone else "killing" the learner.
        r"\b(treat\w*|handl\w*|hoidan|hoidamme|hoitaa|tar (ja |jag )?hand om)\b.{0,6}"
        r"\b(overdoses|yliannostuksi\w*|överdoser)\b",
        r"\bitsetuhoisten (kanssa|parissa)\b",
        r"\b(hoidetaan|hoidamme|hoidan)\b.{0,10}\byliannostuks\w*",
        r"(avdelning|osasto\w*|\bward)\b.{0,30}\b(överdoser|yliannostuks\w*|overdoses?)\b|"
        r"\b(overdose|poisoning) (and \w+ )?ward\b",
        r"\b(?!(ja|jag)\b)\w+ kommer att döda (mig|mej)\b",
        # An accident at work or in training, asked about as insurance or compensation ("vem
        # försäkrar mig om jag skadar mig under en arbetsprövning").
        r"\bif (i|you|one) (get )?(hurt|injur\w*)( myself| yourself| oneself)?\b.{0,25}"
        r"\b(at work|on the job|at the workplace|(during|in|on) (a |the |my )?(work trial|"
        r"trial|training|internship|placement|course|shift|apprenticeship))",
        r"\bom (jag|man|du) (skadar|skadas|skadat|blir skadad)( mig| mej| sig| dig)?\b.{0,25}"
        r"\b(på jobbet|på arbetet|på arbetsplatsen|på praktiken|under (en |min |ett |mitt )?"
        r"(arbetsprövning|praktik|utbildning|kurs|läroavtal|arbetspass|arbete)\w*)",
        r"\bjos (satutan|satuttaa|loukkaan|vahingoitan) itse(ni|äni|ään)\b.{0,25}"
        r"\b(töissä|työssä|työpaikalla|\w*kokeilu\w*|harjoittelu\w*|koulutukse\w*|kurssi\w*|"
        r"oppisopimukse\w*)",
    )
]
