"""Crisis told by its warning signs rather than outright, in Finnish, Swedish and English
(joined to `assistant.crisis_patterns.CRISIS_PATTERNS`; matched on the normalised, lower-cased
message like them)."""

from __future__ import annotations

import re

_P = re.compile

# Warning signs put indirectly (a sixth set of unseen messages, 2026-12-07): a date chosen, not
# being here when a course starts, a will at a young age, medication saved up, searching for
# ways to die or a lethal dose, standing on a roof or by the tracks, hiding self-harm, being a
# burden, goodbyes said, affairs put in order, someone else's stated plan. Swedish as written
# in Finland too ("ja", "mej", "int", "e").
CRISIS_SIGNS = [
    _P(p)
    for p in (
        # a day chosen
        r"\b(valinnu[t]?|valinnut|päättäny[t]?|päättänyt|katsonu[t]?) (jo )?(sen )?päivän\b",
        r"\b(bestämt|valt|satt) (datumet|dagen|ett datum)\b",
        r"\b(picked|chosen|set|circled|got) (the |a )?(day|"
        r"date)\b.{0,60}\b(end|go|die|before|it)\b",
        r"\b(picked|chosen) the day\b",
        # not here when it starts, not seeing next spring, no longer existing (within one
        # sentence: "te-toimistoo ei oo enää. kuka täällä ..." is an office gone)
        r"\b(en|ei|mä en|ma en)\b[^.?!]{0,25}\b(oo|ole|oon|olis|ois)\b[^.?!]{0,15}"
        r"\b(sillon|silloin|enää)\b[^.?!]{0,10}"
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
        # passwords and papers left for someone to sort things out after
        r"\b(left|gave|handed over|written down)\b.{0,25}\bpasswords?\b.{0,60}\b((sort|deal "
        r"with|handle|take care of|settle) (things|everything|it all|stuff|my affairs|my stuff)"
        r"( out)? (after|afterwards)|when i'?m gone)\b",
        r"\b(jätin|annoin|jättäny[t]?|antanu[t]?)\b.{0,30}\b(salasana\w*|tunnukse\w*|"
        r"pankkitunnu\w*)\b.{0,60}\b(jälkeenpäin|(sit|sitten)? ?kun (mua|minua|musta|minusta) "
        r"(ei|ei enää) (oo|ole)|kun oon poissa|kun olen poissa)\b",
        r"\b(lämnat|gett|gav)\b.{0,30}\b(lösenord\w*|bankkoder\w*)\b.{0,60}\b(efteråt|när "
        r"(jag|ja) (är|e) borta)\b",
        r"\bsort (things|everything|it all) out after\b",
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
