"""The crisis patterns and the career-talk idioms removed before them (the logic is
`assistant.triage.is_crisis`).

Broad on purpose, because recall must be 100%: any statement of wanting to die, to harm oneself
or of seeing no way out, in Finnish, Swedish or English, also colloquial, misspelt and about a
friend. Matched on a normalised, lower-cased message (`assistant.triage.normalise`).
"""

from __future__ import annotations

import re

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
        r"\b(skada|skadat|skadar|skär|skära|skurit|skar) (mig|mej) (själv)?",
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
# Warning signs put indirectly (a sixth set of unseen messages, 2026-12-07): a date chosen, not
# being here when a course starts, a will at a young age, medication saved up, searching for
# ways to die or a lethal dose, standing on a roof or by the tracks, hiding self-harm, being a
# burden, goodbyes said, affairs put in order, someone else's stated plan. Swedish as written
# in Finland too ("ja", "mej", "int", "e").
_ME = r"(mig|mej|migsjälv|mej själv|mig själv)"
CRISIS_SIGNS = [
    _P(p)
    for p in (
        # a day chosen
        r"\b(valinnu[t]?|valinnut|päättäny[t]?|päättänyt|katsonu[t]?) (jo )?(sen )?päivän\b",
        r"\b(bestämt|valt|satt) (datumet|dagen|ett datum)\b",
        r"\b(picked|chosen|set|circled|got) (the |a )?(day|"
        r"date)\b.{0,60}\b(end|go|die|before|it)\b",
        r"\b(picked|chosen) the day\b",
        # not here when it starts, not seeing next spring, no longer existing
        r"\b(en|ei|mä en|ma en)\b.{0,25}\b(oo|ole|oon|olis|ois)\b.{0,15}"
        r"\b(sillon|silloin|enää)\b.{0,10}"
        r"\b(olemassa|täällä|elossa)\b",
        r"\b(en|ei) (aio|usko|taida)\b.{0,20}\b(olla|oo)\b.{0,15}\b(täällä|elossa|olemassa)\b",
        r"\b(nähä|nähdä) (ens|ensi|seuraavaa) (kevättä|kesää|syksyä|joulua|vuotta)\b",
        r"\bvet (int|inte) om (ja|jag) (ens )?finns kvar\b",
        r"\b(tänker|tänkt) (int|inte) (vara|finnas) kvar\b",
        r"\b(se|överleva) nästa (vår|sommar|höst|jul|år)\b",
        r"\bkvar (här )?i (världen|livet)\b",
        r"\bwon'?t be (here|around|alive) (when|by|for|at|once)\b",
        r"\b(see|make it to|survive) next (spring|summer|autumn|fall|christmas|year)\b",
        r"\b(not|n'?t) (sticking|staying|going to be) around\b",
        r"\bwhen i'?m (not here|gone|dead)( any ?more)?\b",
        r"\b(ku|kun) (mua|minua) ei (enää )?(oo|ole)\b",
        r"\bnär (ja|jag) (int|inte) finns (mer|längre|kvar)\b",
        # a will at a young age
        r"\b(tein|kirjotin|kirjoitin) (mun |oman |minun |itelleni |itselleni )?testamen",
        r"\b(skrev|skrivit|gjorde|gjort) (mitt |ett )?testamen",
        r"\b(made|wrote|written|did) (a |my )?will\b",
        # medication saved up, a lethal amount looked up
        r"\b(säästä\w*|keränny\w*|kerännyt|kerään|jemmann\w*|jemmaan)\b.{0,20}\b(unilääk\w*|lääkk\w*|"
        r"lääkkeitä|pillere\w*|tablette\w*|masennuslääk\w*)",
        r"\b(sparat|sparar|samlat|samlar|gömt)\b.{0,20}\b(sömntabletter|tabletter|piller|mediciner|"
        r"medicin)\b",
        r"\b(putting|setting|saving|stashing) (my |the )?(antidepressants|meds|pills|tablets|"
        r"medication|sleeping pills)\b.{0,10}\b(aside|away|up)\b",
        r"\b(tappava|tappavan|kuolettava\w*) (annos|määrä|määrän)\b|\b(ois|olis|olisi|on) "
        r"(tappava|kuolettava)\b",
        r"\bdödlig\w*\b.{0,30}\b(dos|medicin|mängd|mycket)|\b(dos|"
        r"medicin|mängd|hur mycket)\b.{0,40}\bdödlig",
        r"\b(lethal|fatal) (dose|amount)|\bwould be (lethal|fatal)\b",
        r"\b(tapoja|keinoja) kuolla\b|\b(miten|kuinka) (voi )?kuolla\b",
        r"\bhur man (kan )?dö\b|\bsätt att dö\b",
        r"\b(painless )?ways to (die|go|end it)\b|\bhow to die\b|\bpainless way\b",
        # a roof, the tracks, a railing, oncoming traffic
        r"\b(seisoin|istuin|kävin|olin)\b.{0,30}\bkatolla\b",
        r"\b(stod|satt|var)\b.{0,20}\b(på taket|uppe på taket)\b",
        r"\b(up on|on) the roof\b.{0,60}\b(came (back )?down|looking down|jump)",
        r"\b(radan|raiteiden|kiskojen) (vieressä|vierellä|luona)\b.{0,40}\b(junaa|juna)\b",
        r"\b(banvallen|spåret|spåren|rälsen)\b.{0,40}\b(tåget|tåg)\b",
        r"\b(walk|walking|go|going|stand|standing|wait|waiting)\w* (to|"
        r"by|on|at) the (tracks|rails|railway)\b",
        r"\bkaite\w* yli\b|\böver räcket\b|\bover the (railing|edge|rail)\b",
        r"\b(vastaantulevien|vastaantulevaan|rekan eteen|junan alle)\b",
        r"\bmötande trafik\b.{0,10}|\bframför (ett )?tåg\b",
        r"\b(steering|steer|drive|driving|swerve|swerving) (into|"
        r"in front of) (oncoming|a truck|a train)\b",
        r"\boncoming traffic\b",
        # self-harm, hidden or told
        r"\b(raavin|raavi\w*|viiltä\w*|polt\w*|satutan|hakkaan)\b.{0,12}\b(itte\w*|itse\w*)\b",
        r"\bitte\w* (verille|tupakalla)\b|\bverille\b",
        r"\b(skär|skadar|river|bränner|slår)\b.{0,6}\b(sej|sig|mej|mig)\b( själv)?",
        r"\bskärsår\w*\b|\bsår på (armarna|armen|låren)\b",
        r"\b(cutting|cut|burn|burning|burnt|scratch|scratching|hurt|hurting) (my ?self|"
        r"myself|my (arms|thighs|wrists|legs|skin))\b",
        r"\b(marks|scars|cuts) on my (arms|wrists|thighs|legs)\b",
        r"\b(ettei|jottei) kukaan (nää|näe)\b.{0,20}\b(käsivars|ranteit|arpi|arpia|jälki|haavoj)",
        # a burden, better off without
        r"\b(oon|olen|mä oon) (vaan |vain |pelkkä |pelkästään )*(taakka|rasite)\b",
        r"\b(pelkkä|vaan|vain) (taakka|rasite)\b",
        r"\b(e|är) (ba |bara )?(en )?(börda|belastning)\b",
        r"\bbörda för\b|\bbelastning för (alla|min familj|familjen)\b",
        r"\b(burden|dead weight) (on|for|to) (everyone|my family|them|everybody)\b",
        r"\b(i'?m|i am) (just )?(a burden|dead weight)\b",
        r"\b(henkivakuutus|livförsäkring\w*|life insurance)\b.{0,40}\b(auttais\w*|hyödyttäis\w*|"
        r"skulle hjälpa|would (do|help|be worth))\b",
        r"\bperhe sais\w* (vihdoin )?rauhan\b|\bfamiljen (skulle )?(äntligen )?få lugn\b|"
        r"\bfamily would (finally )?(get|have) (some )?peace\b",
        r"\b(häviäisin|katoaisin) maan päältä\b|\bförsvann från jordens yta\b|"
        r"\bvanished off the face\b",
        r"\b(poistun|poistuisin) kuvioista\b|\bförsvinner ur bilden\b|\bremove myself from\b",
        r"\b(kukaan|ei mua kukaan) (ei )?jäis kaipaamaan\b",
        # goodbyes said, affairs put in order, a message timed
        r"\b(sanoin|sanonu[t]?|sanonut) (jo )?(kaikille )?(heipat|hyvästit|näkemiin)\b",
        r"\bsagt hejdå till (alla|allihop)\b|\bsagt adjö\b",
        r"\b(said|saying) (my )?goodbyes? to (everyone|everybody|all|my family|my friends)\b|"
        r"\bsaid my goodbyes\b",
        r"\b(ajastin|ajastanu\w*)\b.{0,30}\b(viesti|lähtemään)",
        r"\b(schemalagt|schemalade|tidsinställt)\b",
        r"\bscheduled (it|a message|the message)\b",
        r"\bvieny kissan\b|\blämnat katten\b|\bleft the cat with\b",
        # ending it, checking out, one plan left, one's own funeral
        r"\b(tän|tämän|kaiken) (sais|saisi|saa) loppumaan (pysyvästi|lopullisesti)\b",
        r"\bloppumaan pysyvästi\b|\blopettaa (pysyvästi|lopullisesti)\b",
        r"\bloparit (koko )?elämästä\b",
        r"\b(göra|gör) slut på (allt|livet|mig|mej)\b",
        r"\bta (mig|mej) av daga\b|\btar (mig|mej) av daga\b",
        r"\b(checking|check) out for good\b|\bplanning my exit\b|\bctb\b",
        r"\b(switch|turn) (myself )?off (permanently|for good|forever)\b|\bslockna för gott\b",
        r"\b(yks|yksi) suunnitelma jäljellä\b|\b(bara|ba) en plan kvar\b|\bone plan left\b",
        r"\begen begravning\b|\bomia hautajaisia\b|\bmy own funeral\b",
        r"\b(jos|ifall) (en|mä en)\b.{0,40}\b(en jatka|lopetan) enää\b",
        r"\bså (e|är) de(t)? slut\b|\b(i'?m|i am) done for good\b",
        r"\b(before|innan|ennen ku|ennen kuin)\b.{0,10}\b(i do something to myself|(ja|jag) gör "
        r"nåt mot (mej|mig) själv|teen itelleni jotain|teen itselleni jotain)\b",
        r"\b(do|doing) something to myself\b|\bgör (nåt|något) mot (mej|mig) själv\b|"
        r"\bteen itelleni jotain\b|\bitselleni jotain\b",
        r"\b(tilasin|tilannu\w*)\b.{0,40}\b(tehä|tehdä|tekemään) sen\b|\btilasin\b.{0,40}"
        r"\bmillä\b.{0,20}\b(tehä|tehdä)\b",
        # belongings given away as no longer needed; a weapon and no intention to go on
        r"\b(lahjo\w*|annoin)\b.{0,60}\b(en|ku en|kun en) (tarvii|tarvitse|tarviis) (niitä|sitä) "
        r"enää\b",
        r"\bgav bort\b.{0,60}\bbehöver (dem|den|det) (int|inte) (mer|längre)\b",
        r"\bgave (away )?my\b.{0,60}\b(won'?t|will not) (be )?need(ing)? (them|it)\b",
        r"\b(ase\w*|vapen|gun)\b.{0,60}\b(ei aio|eikä se aio|int tänker|inte tänker|"
        r"doesn'?t intend|does not intend|not going to make it)\b",
        r"\b(beställt|beställde)\b.{0,40}\b(avsluta|göra det)\b",
        r"\bordered something\b.{0,40}\b(finish it|end it|do it)\b",
        # someone else's stated plan or wish to die
        r"\b(aikoo|ajattelee|suunnittelee) (tehä|tehdä) sen\b",
        r"\bska göra det på\b|\btänker göra det\b",
        r"\b(he'?s|she'?s|they'?re) (going|planning) to do it\b",
        r"\b(haluis|haluaisi|haluais) olla kuollu\w*\b",
        r"\bönskar (att )?(han|hon|hen) (var|vore) död\b",
        r"\bwish(es)? (he|she|they) (were|was) dead\b",
        r"\b(ei|int|inte|not) (aio|tänker|intend\w*) (jäädä|stanna|to make it)\b.{0,30}"
        r"\b(eläkkeelle|pensionen|retirement|kärsimään|i världen)\b",
        r"\bei jää tänne kärsimään\b",
        r"\banteeks kaikille\b|\bförlåt alla\b|\bsorry everyone\b",
        r"\b(jos|om|if) (mä|ja|jag|i) (kuolen|dör|die)\b.{0,60}\b(tosissani|seriöst|seriously)\b",
        r"\b(elossa|lever) (vuoden|om ett år)\b|\b(alive|living) in a year\b",
        r"\bkuvitella itteeni elossa\b|\bföreställa (mej|mig) att (ja|jag) lever\b|"
        r"\bpicture myself (still )?alive\b",
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
    )
]
