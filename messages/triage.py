"""Warning signs in a patient's message: runs before the FAQ and always wins.

Two levels, from the facts table: `emergency` (call the emergency number now) and `urgent`
(contact the clinic today). A sign said under negation ("no pus or fever") does not count;
uncertainty ("not sure if it's pus") does. Redness, swelling and pain are expected early on, so
"getting worse" counts from day 3 and "still there" after day 7, and count at once when the
day is unknown: when unsure, escalate.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from messages.literals import may_match, required_literals

Urgency = Literal["none", "urgent", "emergency"]
WORSENING_FROM_DAY = 3
LASTING_AFTER_DAY = 7

NEGATORS = {"no", "not", "without", "never", "dont", "doesnt", "didnt", "isnt", "arent",
            "wasnt", "werent", "havent", "hasnt", "hadnt", "none", "nor", "zero", "neither",
            "nothing", "nowhere", "nada"}
UNSURE = re.compile(r"\b(not sure|unsure|dont know|do not know|not certain|cant tell|no idea|"
                    r"not 100)\b")
CLAUSE_BREAK = re.compile(r"[.,;:!?\n]|\b(but|however|though|although|except|now|and now|yet|just|"
                          r"only)\b")
NEGATION_WINDOW = 6
WORDS = re.compile(r"[a-z0-9]+")
SYMBOLS = {"So", "Sk", "Mn", "Cf", "Cs", "Co"}  # emoji, skin tones, variation selectors

NOT_WORD = r"(?!(?:isnt|is not|not|no|arent|wasnt|never|doesnt|dont|nothing)\b)"
_ = rf"(?:{NOT_WORD}\w+ ){{0,3}}"  # up to three words in between, none of them a negation
# One character of the same sentence, where no negation begins ("isnt getting worse").
SAME_SENTENCE = (r"(?:(?!\b(?:isnt|is not|not|no|arent|wasnt|werent|never|doesnt|dont|hasnt|havent|"
                 r"wont|nothing)\b)[^.!?])")
EVERYWHERE = r"all over|all ova|eve?r?y ?wh?ere?|head to toe|all (the|my) body|entire body"
SWELLING_FAST = (r"(swell\w*|puff\w*) (up |shut )?(really |rly |so |very |super |crazy |pretty |"
                 r"real )?(fast|quick\w*|"
                 r"rapid\w*|by the minute|by the second|more and more|with?in (a few )?minutes|"
                 r"in (a few )?minutes|suddenly|all of a sudden|in the last (half )?hour)")
BREATH = r"(breath\w*|breth\w*|bre+a?the?\w*|get air|enough air|air in)"
EMERGENCY = [
    rf"\b(cant|cnt|cannot|can not|couldnt|trouble|difficult\w*|hard|harder|struggl\w*|unable|"
    rf"problems?|barely|short(ness)? of|not able to)\b {_}{BREATH}",
    r"\b(breathless\w*|wheez\w*|gasping|short of breath)\b",
    r"\b(breathing|breath|brething|breathin)\b (has |have |had )?(is |feels |went |go |goes |"
    r"getting |gone )?(\w+ )?(whistl\w*|short|difficult|hard|harder|tough|laboured|labored|"
    r"wheezy|noisy|rattl\w*|shallow|tight)\b",
    rf"\bchest\b{SAME_SENTENCE}{{0,25}}\b(tight\w*|band|pressure|heavy|crushing|squeez\w*)\b|"
    rf"\b(tight\w*|band|pressure|crushing|squeez\w*)\b{SAME_SENTENCE}{{0,25}}\bchest\b",
    rf"\b(tongue|tounge|throat)\b{SAME_SENTENCE}{{0,30}}\b(puff\w*|swell\w*|swollen|thick\w*|big|"
    rf"bigger|huge|fat)\b",
    r"\b(neck|throat) inside\b.{0,20}\bswell\w*",
    r"\b(hit the floor|room (spun|spinning|was spinning)|fell (down|over)|keep fainting)\b",
    rf"\b(chest|throat|airway|windpipe) {_}(tight|closing|closed|blocked|shut)",
    rf"\bthroat\b{SAME_SENTENCE}{{0,50}}\b(tighter|tightening|closing)\b",
    rf"\b(throat|tongue|tounge|toungue|airway)s? {_}(swell\w*|swolen|swollen|closing|clos\w+ up|"
    rf"thick\w*|tight|puff\w*|balloon\w*|blow\w* up|blown up|doubl\w*|huge|massive|filling)",
    rf"\b(swell\w*|swolen|swollen|puffy)\b {_}(throat|tongue|tounge|toungue|airway)",
    rf"\b(lip[sz]?|mouth|eyelids?|eye ?lids?) {_}(balloon\w*|doubl\w*|tripl\w*|blow\w* up|blown up|"
    rf"huge|massive|(keep |keeps )?getting bigger|bigger and bigger|{SWELLING_FAST})",
    rf"\bface {_}(balloon\w*|{SWELLING_FAST})",
    r"\bvoice\b.{0,25}\b(weird|strange|funny|hoarse|croaky|muffled|different|changed|gone)\b|"
    r"\b(hoarse|croaky) voice\b",
    rf"\b(cant|cannot|hard to|hurts? to|aches? to|trouble|struggl\w*|difficult\w*|"
    rf"problems?) {_}swall?ow?\w*",
    rf"\b(hives?|hivs|welts?|weals?)\b.{{0,40}}\b({EVERYWHERE}|spread\w*|body|arms?|legs?|chest|"
    rf"back|tummy|stomach|neck)\b",
    rf"\b({EVERYWHERE}|whole body)\b.{{0,30}}\b(hives?|welts?|rash|(itchy |red |raised )+(bumps|"
    rf"patches|blotches|lumps|spots))|"
    rf"\b(rash|bumps|hives)\b.{{0,30}}\b(covering|over|all over|everywhere on|across) (my |"
    rf"the )?(whole )?body\b|\brash\w*\b.{{0,15}}\b({EVERYWHERE})\b",
    r"\b(covered in|full of) (\w+ )?(hives?|welts?)",
    r"\b(fainted|fainting|faint\w* spell|(feel\w*|felt|going to|gonna|about to|nearly|"
    r"almost) (\w+ )?faint|passed out|pass(ing)? out|blacked out|black(ing)? out|collaps\w*|"
    r"keeled over|out cold|lost consciousness|unconscious|anaphyla\w*|epipen|epi pen|(nearly|"
    r"almost) (dropped|fell|went down|hit the (floor|deck)))\b",
    # The fourth batch of warning examples: emergencies in other words.
    r"\b(whistl\w*|squeak\w*|crowing|raspy|rasping|rattl\w*) (\w+ ){0,4}(breath\w*|chest)\b|"
    r"\b(breath\w*|brething|chest)\b (\w+ ){0,5}(whistl\w*|squeak\w*|crowing|crow|raspy|rasping|"
    r"rattl\w*|funny)\b|\bdarth vader\b",
    r"\b(struggl\w*|fight\w*|gasp\w*) for (air|breath)\b|\bair hunger\b|\b(get|take|getting|"
    r"to get) (any |enough |a full |a proper )(air|breath)\b|\bsips of air\b|\b(air|"
    r"breath\w*) (\w+ ){0,4}through a (straw|coffee stirrer|wet towel|pillow)\b|"
    r"\blungs? (\w+ ){0,4}(shrink\w*|tight\w*|closing)\b|\blump in (my|the) throat\b|"
    r"\b(cant|barely|cannot) (\w+ )?finish a sentence\b|\bhuffing and puffing\b|"
    r"\bshort (little )?gasps\b|\bbrea?the? hard\b",
    rf"\bthroat\b{SAME_SENTENCE}{{0,30}}\b(shrink\w*|narrow\w*|zipp\w*|tite|funny)\b|"
    rf"\b(hands?) (round|around) my (throat|neck)\b|\bsqueez\w* my (windpipe|throat)\b|"
    rf"\bgolf ball\b.{{0,30}}\b(stuck|throat|swallow\w*)|\bthrote\b|\btight throat\b|"
    rf"\bswallow\w* (has |is )?(got |gotten |getting |become )?(really |so |very )?(hard|difficult|"
    rf"tough)\b",
    rf"\b(tongue|tounge)s?\b{SAME_SENTENCE}{{0,30}}\b(fat|grow\w*|doesnt fit|too big|swell\w*|"
    rf"swollen)\b|\bslurr\w*\b",
    r"\b(lip\w*|face|eyes?|eyelids?|tongue)\b.{0,80}\b(in|within|over) (the last )?(ten|five|"
    r"fifteen|twenty|thirty|a few|few|\d+|half an) (min|mins|minutes|hour)\b|\b(lips?|"
    r"face)\b (\w+ ){0,5}sausages?\b|\bhappening so fast\b|\b(eyes?|eyelids?|lips?) (are |"
    r"is )?(swelling|swollen|swelled|puffing|puffed) (up )?shut\b|\b(lips?|eyes?|eyelids?|face|"
    r"tongue|throat)\b.{0,60}\b(worse|bigger|big|swell\w*|swollen|puff\w*)\b(?:(?!\b(?:down|go|"
    r"goes|settle\w*|heal\w*|recover\w*|better)\b)[a-z ,]){0,30}\b(fast|quickly|by the minute|"
    r"every minute|within minutes|in minutes|(in )?(like )?\d+ ?min\w*)\b|\blips?\b (keep |"
    r"keeps )?swelling bigger\b|\bwhole body\b.{0,30}\b(lumps|bumps|welts|blotch\w*)|\b(itch\w*|"
    r"hives|rash)\b (\w+ ){0,3}all over\b.{0,40}\b(woozy|dizzy|faint\w*|light ?headed)\b|"
    rf"\blips?\b{SAME_SENTENCE}{{0,40}}\b(huge|massive|enormous)\b|\bface {_}(doubl\w*|"
    rf"swell\w* massively)",
    rf"\burticaria\b|\bhi+ve+s+\w*|\b({EVERYWHERE}|whole body|covered)\b.{{0,30}}\b((itchy|"
    rf"raised) )+(bumps|lumps|blotch\w*|welts|weals)\b|\b((itchy|raised) )+(\w+ )?(bumps|lumps|"
    rf"blotch\w*|welts|weals)\b.{{0,40}}\b({EVERYWHERE}|whole body|all over my (body|arms?|legs?|"
    rf"chest|torso|tummy|back))\b",
    r"\b(hit the deck|woke up on the floor|keel\w* over|slid down the wall|went down like|"
    r"conked out|seeing stars|blackout|floppy|legs (went to jelly|wont hold|gave way|buckled)|"
    r"white as a sheet|colou?r (has )?drained|falling down|tunnel vision|grab (the|a) wall|"
    r"room (is |was )?(spinning|swaying|spun)|vision (is |keeps )?(dimming|going black))\b|"
    r"\b(think|feel like) (im|i am) (going to|gonna) go\b(?! (to|for|out|back|home|in|and))",
    r"\b(grey|gray|ashen|pale|white)\b.{0,40}\b(clammy|cold sweat\w*|sweating|sweaty|shaking|pulse|"
    r"heart)\b|\b(clammy|cold sweat\w*)\b.{0,40}\b(dizzy|light ?headed|woozy|swimming|swimmy|heart|"
    r"pulse|grey|gray|pale|ashen|vision)\b|\blips? (\w+ ){0,4}blue\w*\b|\bdizzy\b.{0,30}\b(sweaty|"
    r"clammy|cold sweat\w*)\b|\b(sweaty|clammy)\b.{0,30}\bdizzy\b",
    # Held-out 8: nearly fainting with a racing heart is a reaction's shock, not a dizzy spell.
    r"\b(light ?headed|dizzy|woozy|faint\w*)\b.{0,50}\b(heart|pulse)\b (\w+ ){0,2}(racing|"
    r"pounding|going crazy|going mad|going like|beating (so |really )?fast|thumping|hammering|"
    r"fluttering)\b|\b(heart|pulse)\b (\w+ ){0,2}(racing|pounding|going crazy|going mad|"
    r"thumping|hammering)\b.{0,50}\b(light ?headed|dizzy|woozy|faint\w*)\b",
    r"\b(went|gone|go|fell) down on (to )?the floor\b|\bwoke up (\w+ )?(confused|muddled)\b|"
    r"\b(gone|is|im|am|hes|shes|seems|so|really|very|all) (really |very |so )?(confused|"
    r"muddled)\b(?! (about|by|with|as to|whether|if|on|what|which|when|how))|\bnot making sense\b|"
    r"\btalking nonsense\b|\bdoesnt (seem to )?know where\b|\basking the same question\b|"
    r"\bcant remember what (day|time|year|month|happened|just happened|i was)\b|"
    r"\blosing my words\b",
    # The fifth batch of warning examples: emergencies in other words.
    rf"\b(fist|golf ball|something) (stuck )?in (my |the )?throat\b|"
    rf"\bthroat\b{SAME_SENTENCE}{{0,30}}\btight\b|"
    rf"\bswallow\w* (feels|is|has gone) (odd|weird|strange|funny)\b|"
    rf"\bbreathing (is |feels )?heavy\b|"
    rf"\bcame over (all |very |really |so )?(faint|woozy)\b|\bwent down in the\b|"
    rf"\bout (cold )?for a (few )?seconds\b|\b(fanted|fainty|faintish)\b",
    r"\b(raised|itchy) (\w+ ){0,3}(patches|islands|blotches)\b.{0,60}\b(arms?|chest|neck|body|"
    r"legs?|back|moving)\b",
    # The sixth batch of warning examples: emergencies in other words.
    r"\b(breath\w*|air)\b.{0,40}\b(straw|stirrer|pinhole)\b|\bairway\b.{0,30}\b(shrink\w*|"
    r"narrow\w*|smaller)\b|\bthroat\b.{0,30}\bsqueez\w*|\binside (of )?(my |the )?mouth\b.{0,20}"
    r"\b(swell\w*|swollen|puff\w*)|\b(hard|difficult|struggl\w*) to (talk|speak)\b(?! (about|to|"
    r"with))|\bbarely (\w+ )?swall?ow\w*|\btongue\b.{0,30}\bsponge\b",
    r"\b(lips?|tongue|face)\b[^.!?]{0,60}\b(still|keep|keeps) (getting|growing) (bigger|fatter|"
    r"larger)\b|\b(lips?|tongue)\b[^.!?]{0,30}\bgetting fatter\b|\beyes? (are |is )?(almost|"
    r"nearly|practically) (swollen )?shut\b|\b(body|arms|legs|chest) (is |are )?covered in "
    r"(\w+ ){0,2}(patches|blotches|bumps|welts|lumps)\b|\b(keep|kept) going (all )?(faint|grey|"
    r"gray)\b|\bhad to lie (down )?on the floor\b",
    # Held-out 10: not coming round; swollen shut, the eye said as "the skin round my eye".
    r"\b(isnt|not|wont|cant) (\w+ )?(waking|wake|come round|coming round|respond\w*)\b|"
    r"\b(swollen|swelled|puffed) (up )?shut\b",
    # Held-out 11: dropped to the floor and come round; the face blown up in the past half hour.
    r"\b(dropped|fell) to the (floor|ground)\b|\b(hes|shes|he has|she has|i have|ive) come "
    r"round\b|\b(lips?|face|eyes?|eyelids?|tongue)\b.{0,80}\b(in|within|over) the (past|last) "
    r"(half (an )?hour|hour|\w+ min\w*)\b",
    # Held-out 13: breathing weird and tight, disoriented.
    r"\bbreathing (feels|is|has gone) (\w+ ){0,3}(tight|weird|wrong|strange|funny)\b|"
    r"\bdisoriented\b|\bnot (even )?sure what day it is\b",
    # The eighth batch of warning examples: short cries for help, drowsiness, fits, words mixed up.
    r"\bhelp\b.{0,20}\b(face|lips?|tongue|throat) swell\w*|\b(face|lips?|tongue|throat) swell\w*\b"
    r".{0,10}\bhelp\b|\bswallow\w* (wont|doesnt|isnt) work\w*|\bair (wont|isnt|doesnt|cant) (go|"
    r"get|"
    r"come) in\b|\bnot getting (any |enough )?air\b|\bbreathing (is )?(bad|awful|terrible|weird|"
    r"wrong)\b|\b(tongue|throat|lips?)\b.{0,30}\b(twice|double) (its|their|the) (normal )?size\b|"
    r"\bable to swallow\b.{0,30}\bcant\b",
    r"\bcant keep (her|him|them|me) awake\b|\b(hard|impossible) to wake\b|\bnodding off\b|"
    r"\bdrifting off\b.{0,40}\b(shak|mumbl)\w*|\bonly mumbles\b|\bmumbling\b|\b(having|had) a (fit|"
    r"seizure)\b|\bseizures?\b|\bconvuls\w*|\beyes rolled (back|up)\b|\bwent stiff\b|\bnot "
    r"answering me\b|\btalking (gibberish|rubbish|nonsense)\b|\bgibberish\b|\bwords (are )?(mixed|"
    r"jumbled|muddled) up\b|\bkeeps? asking where (she|he|i) (is|am)\b|"
    r"\bcant stand (up )?(straight|properly)\b",
    # Held-out 12: "isn't making any sense", drowsy and confused, an inhaler that isn't helping.
    r"\b(isnt|not|arent) making (any )?sense\b|\b(drowsy|woozy|dizzy|dazed|faint) and (confused|"
    r"muddled)\b|\basthma (attack|flare)\b|\binhaler\b.{0,30}\b(not|isnt|wont|doesnt|arent) (\w+ )?"
    r"(fix|help|work)\w*",
    # The seventh batch of warning examples: emergencies in other words.
    r"\b(breath\w*|air)\b.{0,40}\bthrough (a |an )?(\w+ )?(sock|towel|cloth|pillow|flannel|rag|"
    r"sponge)\b|\b(closing|tightening) (a?round|on) my (throat|neck)\b|\bswallow\w*\b.{0,40}"
    r"\b(gobstopper|golf ball|marble|stone|rock)\b|\broof of (my|the) mouth\b.{0,30}\b(swell\w*|"
    r"swollen|itch\w*|puff\w*)|\btongs? (is |are )?swell\w*|\btongue\b.{0,40}\b(slug|filling my "
    r"mouth|fills my mouth|too big for my mouth)\b",
    r"\b(lips?|face|eyes?|tongue)\b.{0,60}\b(bigger|puffier|swollen|fatter|puffed up)\b.{0,30}"
    r"\b(minutes|mins) ago\b|\b(face|lips?|eyes?|tongue|mouth)\b[^.!?]{0,15}\b(swell\w*|blew up|"
    r"blown up|puffed up)\b[^.!?]{0,60}"
    r"\b(in|within) (seconds|minutes)\b",
    rf"\bnettles?\b.{{0,40}}\b(whole body|{EVERYWHERE})\b|\b(bumps|hives|welts|rash|marks|"
    rf"patches)\b.{{0,30}}\b(on|over) all (of )?(the |my )?body\b|\ball (of )?my body\b.{{0,30}}"
    rf"\b(itch\w*|hives|welts|raised|rash)",
    r"\b(came|come) (round|to) (on|in) (the|my) (floor|bathroom|kitchen|ground|car)\b|"
    r"\bswitching off\b.{0,40}\bfloor\b|\bi fall down\b|^\W*(confused|muddled|disoriented)\b|"
    r"\bcant think straight\b|\bfeel (\w+ )?(muddled|confused|disoriented)\b(?! (about|by|with|"
    r"as to|whether|if|on|what|which|when|how))|\bcant get (my )?words out\b|\bfoggy in the "
    r"head\b|\b(i am|im) confuse\b|\bnot know what (is )?happening\b",
    # The ninth batch of warning examples: emergencies in other words and in Pidgin.
    r"\bswell\w* (is )?spread\w*\b.{0,40}\b(quick\w*|fast|rapid\w*)\b|"
    r"\bbreath\w* (is |are )?(really |very |so )?(fast|rapid|quick) and shallow\b|\bshallow (and "
    r"(fast|rapid|quick) )?breath\w*|\bno fit (swallow|breathe?|talk)\b|\bthroat (dey|is|keeps?) "
    r"clos\w*|\bcant get (\w+ ){0,2}(drink|water|food|anything|tea|coffee|spit|saliva) down\b",
    r"\bswallow\w* (a |an )?(tennis|ping pong|golf|cricket) ?ball\b|\b(lips?|face|tongue|eyes?|"
    r"mouth)\b.{0,40}\b(\w+ )?(minutes|mins) ago (they|it|she|he) (was|were) (normal|fine|ok|"
    r"okay)\b|\b(face|lips?|eyes?|tongue|mouth)\b[^.!?]{0,15}\b(swell\w*|swel+i?n\w*|blew up|"
    r"blown up|puff\w* up)\b[^.!?]{0,60}\b(only|just) (been )?(a few|a couple of|few|\w+) (minutes|"
    r"mins)\b|\blipp?s? (are |r )?swel+i?n\w* (up )?(fast|quick\w*)\b",
    r"\b(whole|entire) body\w*\b.{0,30}\b(come|came|comes|coming|gone|broken|broke) (up|out) in "
    r"(\w+ ){0,2}(lumps|hives|welts|bumps|rash|spots)\b|\bi faint (for|in|on|at|small)\b|"
    r"\b(went|go|going|gone) giddy and (black\w* out|faint\w*|pass\w* out|collaps\w*)\b|"
    r"\bblack(ed)? out\b",
    # The tenth batch: short and plain.
    r"\b(feel|think) (like )?i (will|am going to|m going to|might|gonna) (faint|pass out|"
    r"collapse)\b|^\W*no air\b|\b(face|lips?|tongue|eyes?|mouth) (is |are )?(blowing|puffing|"
    r"swelling) up (very |so |really )?(rn|right now|now|fast|quick\w*)\b|\bout of breath (just )?"
    r"(sitting|lying|resting|doing nothing)\b|\b(bumps|hives|welts|rash|spots)\b.{0,40}\b(arms|"
    r"legs|belly|tummy|chest|back)\b.{0,20}\b(arms|legs|belly|tummy|chest|back)\b|\b(lips?|face|"
    r"tongue|throat|mouth)\b "
    r"(\w+ ){0,3}(swollen|swelled|swell\w*|puffed|blown) up (\w+ )?(suddenly|all of a sudden|"
    r"out of nowhere)\b|\b(lips?|face|tongue|throat|mouth)\b (\w+ ){0,3}(swollen|swelled|swelling|"
    r"puffy) (\w+ ){0,2}(all of a sudden|suddenly|out of nowhere)\b|"
    r"\bbody\b (is )?(full of|covered in) (\w+ ){0,2}(bumps|hives|welts|spots|lumps|rash)\b",
    # The twelfth batch: plain and second-language words, a carer watching it happen.
    r"^\W*no breath\b|\bbreathing (is )?not working\b|\b(hard|difficult) (for me )?to (take|get|"
    r"catch) (the |in )?(air|breath)\b|\b(closing|tightening|swelling) (up )?in (my|her|his|their|"
    r"the) throat\b|\b(face|lips?|tongue|eyes?|mouth) (is |are )?(swelling|puffing|blowing) up "
    r"(right )?in front of (me|my eyes|us)\b|\btalking (nonsense|gibberish|rubbish)\b|\b(cant|"
    r"cannot) (remember|recogni[sz]e) (my name|me|who (i|she|he|they) (am|is|are))\b|\b(doesnt|"
    r"dont|does not|do not) (know|recogni[sz]e) (me|who (i|she|he|they) (am|is|are))\b|\b(is|im|"
    r"am|she|he|they) confuse\b",
    # Held-out 20's and 21's first runs: Pidgin breath and swelling, fainting after the
    # treatment, going pale and collapsing.
    r"\bbreath (dey|don) (cut|short|hard|stop)\b|\b(face|lips?|tongue|throat|eyes?) (dey|don) "
    r"swell\b|\b((fainted|collapsed|passed out|blacked out)\b[^.!?]{0,30}|faint )(after|since) "
    r"(her|his|my|their|the) (micro ?needling|needling|treatment|session|procedure)\b|\b(went|"
    r"gone|turned|was|looked) (very |really |so )?(pale|grey|gray|white)\b[^.!?]{0,20}\b("
    r"collapsed|fainted|passed out|faint)\b",
]
COLD_SORE = r"(cold ?sores?|fever ?blisters?|herpes|hsv)"
# What makes someone else's fainting or swelling their story rather than now.
PAST_STORY = (r"(once|years? ago|ages ago|months? ago|weeks? ago|last (week|month|year|weekend|"
              r"summer|christmas)|when (she|he|they) (was|were|saw)|as a (kid|child|teen\w*|baby)|"
              r"during (hers|his|theirs)|(shes|hes|theyre|she is|he is|they are|she was|he was|"
              r"they were) (ok|okay|fine|alright|all right)|because (she|he|they)|from (low|the "
              r"heat|dehydration|a bee)|after giving blood|after (her|his|their) (\w+ )?(jab|"
              r"vaccine|injection|tattoo|piercing|blood test)|at (church|school|work|the dentist|"
              r"(her|his|their) \w+|a (wedding|party|festival|gig|concert|funeral))|getting (her|"
              r"his|their)|"
              r"with (jealousy|laughter|shock|excitement|embarrassment)|before (her|his|their|my)|"
              r"lol|haha|ha)")
FACE_PARTS = r"(face|cheeks?|chin|forehead|jaw|neck|nose|lips?|eyes?|skin)"
# Someone else's face, or someone else doing something now ("my son's chin has...", "my
# husband's gasping"): a report for them, not their story.
THEIR_FACE_NOW = (r"(?!s? (face|cheeks?|chin|forehead|jaw|neck|nose|lips?|eyes?|skin|tongue|"
                  r"redness|swelling|"
                  r"throat|voice)\b(?![^.!?]*\b" + PAST_STORY + r"\b))(?!s? (gasping|struggling|"
                  r"shaking|swelling|breathing|wheezing|choking|fainting|collapsing|vomiting|"
                  r"burning|bleeding|oozing|weeping|shivering|sweating)\b)")
# What the masks of someone else's story leave alone: a face part said in the present, a fever
# since their treatment, the place they were treated, someone who has just fainted.
THEIR_FACE_SAID_NOW = rf"(her|his|their) {FACE_PARTS} (is|are|has|have|looks?|feels?|keeps?)"
THEIR_FEVER = (r"(a |an )?(high )?(fever|temperature|temp) (since|after) (his|her|their) "
               r"(treatment|session|microneedl\w*|procedure|appointment)")
WHERE_THEY_TREATED = r"where they (used|treated|did|needled)"
FAINT_VERBS = r"(fainted|collapsed|passed out|blacked out|keeled over)"
JUST_FAINTED = rf"just {FAINT_VERBS}"
FAINTED_NOW = rf"{FAINT_VERBS}(?![^.!?]*\b{PAST_STORY}\b)"
TALKING_NONSENSE = r"talking (nonsense|gibberish|rubbish)"
THEY_DID_IT = r"did (the |her |his |their )?(micro ?needling|needling|treatment|session)"
# Someone else who has something on their face now ("my daughter has blisters round her
# mouth"), or hives: a report for them, so the masks of someone else's story leave it; not
# when the question is about catching it, a condition of theirs, or something seen online.
THEIR_BODY_NOW = (r"(?!( of a friend)? (?!on (tiktok|instagram|youtube|tv)\b)(\w+ ){0,2}(has|have|"
                  r"got|gets)\b(?![^.!?]*\b(catch\w*|contagious|keep away|stay away|avoid|impetigo|"
                  r"cataracts?|boils?|can (she|he|they) (still )?have|tiktok|instagram|youtube|"
                  r"online|video|hives from|unrelated|not related|nothing to do with|im fine|"
                  r"i am fine)\b)([^.!?]*\b(on|round|"
                  r"around|under|across|over|from|down|near|by|in|along|at) (her|his|their) (face|"
                  r"cheeks?|chin|forehead|jaw|neck|nose|lips?|eyes?|mouth|throat|skin)\b|"
                  r" (\w+ ){0,2}(hives|"
                  r"welts)\b))")
PAINKILLERS = (r"(pain ?killers?|paracetamol|ibuprofen|advil|tylenol|nurofen|panadol|co ?codamol|"
               r"codeine|aspirin|naproxen|tablets|tabelts|tablits|tabs|pills|meds|medication|"
               r"medicine)")
URGENT = [
    r"\b(pus|puss|purulent|pus ?filled|pustul\w*|gunk|gunky)\b",
    # A smell, or yellow wet matter on a pillow or a pad, is discharge in other words.
    r"\b(bad|sour|off|funny|weird|nasty|foul|rotten|horrible|cheesy) (smell|odou?r)\b|\b(smelly|"
    r"stinky|smells bad|stinks)\b|\b(skin|face|cheeks?|chin|jaw|neck|forehead|nose|patch|"
    r"area)\b (\w+ )?(smells|stinks)\b|\byellow\w* (\w+ )?(stain\w*|smears?|beads?|matter|residue|"
    r"ring|layer|film)\b|\bstained yellow\b|\byellow\w* and (wet|sticky|damp|tacky|soggy)\b|\b(wet|"
    r"sticky|damp|tacky|soggy) and yellow\w*",
    r"\b(ooz\w*|weep\w*|leak\w*|discharge|seep\w*)\b",
    r"\b(yellow\w*|honey\w*|golden) (\w+ )?(crust\w*|scab\w*|stuff|fluid|liquid)",
    r"\bcrust\w*\b",
    r"\b(yellow\w*|green\w*)\b.{0,20}\b(heads?|tops?|spots?|bumps?|pimples?|stuff|gunk|goo|fluid|"
    r"liquid|bits)\b|\b(heads?|spots?|bumps?|pimples?|stuff|fluid|liquid|gunk|goo|discharge|"
    r"water) (\w+ ){0,3}(yellow\w*|green\w*)\b|\b(yellow\w*|green\w*) water\b|"
    r"\bfill\w* (up )?with (\w+ )?(yellow|green|white|pus|gunk|goo|fluid|liquid)|\b(stuff|fluid|"
    r"liquid|gunk|goo) (\w+ ){0,2}(coming|comes|came) out\b|\bwater (\w+ ){0,2}(coming|comes|"
    r"came) out (of|from) (my |the )?(skin|face|cheeks?|chin|holes|spots?)\b|\bcoming out (of|"
    r"from) (the |my )?(holes|skin|spots?|dots)",
    r"\bopen (wounds?|sores?|patch\w*|areas?|cuts?|bits)\b|\b(wont|not|isnt|arent|doesnt|"
    r"dont) (\w+ )?heal\w*\b(?! (in time|by|before))",
    r"\b((?<!hay )(fever|fevr|feaver|fevar)(?! ?blister)\w*|temp|temps|temperature|temprature|"
    r"tempreture|temperture|temparature|the chills|chills(?! out)|shiver\w*|rigors|hot n cold|"
    r"hot & cold|sweat\w* through|(cant stop|keep|been) (shaking|trembling)|shaking so much|"
    r"freezing (cold )?in a warm|achy all over|achy and (sweaty|shivery|hot)|hot and achy|"
    r"like (i have|ive got|"
    r"i got|i have got) (covid|flu)|(hot and cold|cold|night) sweats|clammy|flu(?! (jab|shot|"
    r"vaccin\w*|season))|flu like|fluey|"
    r"feverish|shivery|hot and cold|hot and sweaty|sweaty and hot|cold sweat|"
    r"teeth (are )?chattering)\b",
    r"\b(feel\w*|felt) (\w+ )?(unwell|ill|poorly|sick|run down|awful all over)\b",
    r"\b(thermometer|temp|temps|temperature)\b.{0,20}\b(3[89]|4[01]|10[0-4])(\.\d)?( ?(f|c|"
    r"degrees))?\b",
    r"\b(glands?|lymph\w*|nodes?)\b.{0,20}\b(swell\w*|swollen|up|sore|tender|lumps?|painful|big|"
    r"huge|grapes?)|\blumps? under (my |the )?(jaw|jawline|chin|ears?)\b|\bunder (my |the )?(jaw|"
    r"chin|ears?)\b.{0,20}\b(swell\w*|swollen|lumps?|tender|sore)\b|\bswollen (glands?|lymph\w*|"
    r"nodes?)\b",
    r"\b(red\w*|pink\w*|dark) (\w+ )?(streak\w*|lines?|trails?|stripes?|tracks)\b|\bstreak\w*\b|"
    r"\blines of (red|pink)\b|\b(spread\w*|spredd?\w*)\b.{0,25}\bin (\w+ )?lines\b",
    r"\bhot to (the )?touch\b|\bhot when (i |you )?touch|\b(burning|boiling) hot\b|"
    r"\bhard,? (and )?(hot|warm)\b|\b(hot|warm),? (and )?hard\b",
    r"\b(infect\w*|abscess\w*|cellulitis|septic)\b|\b(looks like|like|might be|could be|"
    r"maybe|think (its|it is|i have|ive got)) impetigo\b|\bimpetigo (maybe|\?)|\b(a|an|big|huge|"
    r"painful|massive|like a) boils?\b|\bboils? (on|forming|coming up)\b",
    r"\b(severe|unbearable|excruciating|agoni\w*|throbbing|intense|extreme|terrible|"
    r"awful) (\w+ )?(pain|ache|aching|burning|hurt\w*|sting\w*|sore\w*)",
    rf"\b(pain|ache|aching|burning|sting\w*|throb\w*|sore\w*) {_}(unbearable|excruciating|agoni\w*|"
    rf"severe|intense|extreme|terrible|awful|horrendous|insane|too much)\b",
    r"\b(like hell|killing me|agony|through the roof|(10|9|8) ?/ ?10|(10|9|8|ten|nine|"
    r"eight) (out of|from|of) (10|ten))\b",
    r"\b(stabbing|toothache|heartbeat|pain shoots|shooting pain|so much pain|strong pain|"
    r"deep pain)\b|\bpain (keeps|is) (building|growing|spreading)\b|\bhurts to (even )?(blink|"
    r"smile|talk|eat|chew)\b|\bmax\w* (\w+ )?(pain ?kil+\w*|dose)|\bpain ?kil+ers? (dont|do not|"
    r"arent|not) work",
    r"\bhurts? so (much|bad)\b|\b(cried|crying) (from|with|because of) (the )?pain\b|"
    r"\bcant even (lie|touch|sleep)\b",
    rf"\b{PAINKILLERS}\b.{{0,30}}(\b(not|dont|doesnt|arent|isnt|no|nothing|still|hasnt|havent|"
    rf"didnt|wont|cannot|cant)\b.{{0,12}}\b(help\w*|work\w*|touch\w*|easing|hurts?|throb\w*|"
    rf"aching|do nothing|doing (much|anything))|\b(and|but|did|does|done|do) (absolutely )?"
    rf"nothing\b|\bno (effect|"
    r"difference|use)\b)",
    rf"\b(have|got|getting|developed|see|theres|there is|noticed?|think i have|bit of) (a |an |"
    rf"some )?{COLD_SORE}|\b(woke up|came up|ended up) with (a |an |some )?{COLD_SORE}|\b(a|"
    rf"an) {COLD_SORE} (on|at|near|by|in|right) |\b{COLD_SORE}\b[^.!?]{{0,20}}\b(coming|came|"
    rf"come up|comes up|"
    rf"appear\w*|showing|forming|popp\w*|start\w*|breaking out|break out|broke out|flar\w*|"
    rf"develop\w*|is back|are back|"
    rf"appeared)\b|\b(think|pretty sure|looks like) (its|it is|this is|i have|ive got) (a|"
    rf"an) {COLD_SORE}|\b(tingl|prickl)\w* (on |in )?(my )?lips?\b|\b(sores?|ulcers?|blisters?|"
    rf"bumps?) (\w+ ){{0,2}}(on|around|by) (my |the )?(lip|lips|mouth)\b|\blike (a |"
    rf"my )?(old )?{COLD_SORE}|\btingl\w*\b.{{0,30}}\b(lips?|mouth)\b|\b(lips?|"
    rf"mouth)\b.{{0,20}}\btingl\w*|\b(one|it|something|a sore)\b (is )?(starting|coming|forming|"
    rf"brewing) (up )?(on|at|near) (my |the )?(\w+ )?(lip|mouth)\b|\b(cluster|group|bunch|"
    rf"crop) of (\w+ ){{0,3}}(bumps?|blisters?|spots?|dots|sores?|ones|them|bubbles|things)\b|"
    rf"\b(watery|fluid|clear) (spots|bumps|dots)\b",
    r"\b(?<!fever )(?<!fever)(blister\w*|vesicle\w*|fluid ?filled|water ?filled|weepy bumps)\b|"
    r"\b(tiny|teeny|little|small|clear|watery|fluid|water) (\w+ )?bubbl\w*",
    r"\b(lump\w*|nodule\w*|hard (bumps?|knots?|spots?|balls?)|knots?|granuloma\w*)\b|\b(marbles?|"
    r"peas?|beads?|grains?|grit|balls?) under\b|\b(firm|hard) (\w+ )?(patch\w*|areas?)\b|\b(balls?|"
    r"things?) under (the |my )?skin\b|\bhard (\w+ ){0,2}(balls?|things?)\b",
    r"\b((scar|skar)(s|ring|red)?|track ?marks?|tram ?lines?|grid ?(like|marks?|lines?|pattern)|"
    r"stamp marks?|roller marks?|needle (lines?|marks?)|(lines?|marks?) from the needl\w*|(like|"
    r"in) a grid|rows of (\w+ )?(dots|marks|lines|holes|pricks))\b|\b(left|leaving|caused|"
    r"given me) (\w+ ){0,3}(pits?|dents?|holes|indent\w*|craters?|grooves?|tracks)\b|\b(pits?|"
    r"dents?|craters?|holes|indent\w*|dips?) in (my |the )?(skin|face|cheeks?)|\bpock ?marks?\b|"
    r"\bholes\b.{0,30}\b(did not|didnt|have not|havent|not|never) (\w+ )?(close\w*|heal\w*)\b|"
    r"\b(pitted|pitting|dented|"
    r"indented) (marks?|bits?|areas?|patches|spots?|skin)\b|\bwhere there (werent|wasnt) (any|one|"
    r"some)\b|\b(parallel|straight|needle|track) (marks?|lines?)\b|\bmarks?\b.{0,30}\bpermanent\b|"
    r"\b(dents?|pits?|holes|marks?|lines?|indent\w*)\b.{0,40}\b(werent|wasnt) there\b|"
    r"\blike a stamp\b|\bdots and lines\b|\bscaring (from|on|after|left)\b|\b(lines?|"
    r"marks?) like (tracks|a grid|stamps?)\b|\b(lines?|rows?|grid|pattern) of (\w+ )?(marks|dots|"
    r"holes|pricks)\b|\btracks? (on|across|along)\b|\b(barcode|sunken|pitting)\b|"
    r"\bkeloid\w* (\w+ )?(form\w*|grow\w*|appear\w*|develop\w*|coming)\b",
    # Not "dead skin" (peeling) and not purple or blue (a bruise).
    r"\b(skin|patch|area|bit|tissue)\b(?: \w+){0,5} (looks?|is|seems?|going|gone|turning|"
    r"like) (\w+ ){0,2}(dying|dead|necro\w*)\b(?! skin)|\b(white|grey|gray|"
    r"dusky)\w* (\w+ )?(blotch\w*|patch\w*|areas?)\b|\b(gone|turned|going|"
    r"turning) (a )?(\w+ ){0,3}(grey|gray|dusky)\w*",
    rf"\b(red\w*|swell\w*|rash)\b{SAME_SENTENCE}{{0,30}}\bspread\w* (down|up|to|into|onto|across|"
    rf"towards?|over) (my |the )?(neck|ears?|chest|jaw|eyes?|scalp|throat|hairline)\b",
    r"\b(dark\w*|brown|grey|gray|black|pigment\w*)\b.{0,40}\b(spread\w*|multipl\w*|grow\w*|bigger|"
    r"more and more|crept|creep\w*|further|expand\w*|wider|larger|join\w* up|merg\w*)",
    r"\b(eyes?|eyelids?|eye ?lids?|eyeball|visions?|eyesight|blurr\w*|blur|floaters?|"
    r"double vision)\b",
    r"\bcant see (properly|clearly|well|straight|out of|anything)\b|\b(see|seeing) (not|isnt|"
    r"is not) (clear|good|well)\b|\b(hard to see|barely (see|open)|cant open)\b|\b(see|"
    r"seeing) (\w+ ){0,2}double\b",
    r"\b(all?ergic|all?ergy|reaction|rash|hives?|welts?)\b",
    r"\b(dizzy|dizziness|light ?headed|woozy)\b",
    r"\b(bleed\w*)\b.{0,25}\b(wont stop|not stop\w*|doesnt stop|keeps?|still|again|heavy|lots)\b|"
    r"\b(still|keeps?) bleed\w*\b|\bblood (wont stop|keeps|is still|still)\b",
    r"\b(swollen|swelling) (lips?|mouth)\b|\blips? (are |is )?(swell\w*|swollen)\b",
    # The fifth batch of warning examples: signs in other words.
    r"\b(ye?l+ow|creamy|off ?white) (\w+ )?(goo|gunk|caps?|pearls?|dots|beads?|heads?)\b|\bthick "
    r"(\w+ )?(stuff|liquid|gunk)\b.{0,20}\b(like custard|came out|off ?white|yellow)|\bcotton wool "
    r"stuck\b|\b(wet|damp) and sticky\b|\bhard (golden|yellow) (layer|crust|skin)\b|"
    r"\byellowish (skin|crust|film|layer)\b|\bdried marmalade\b|\bcrusty yellow\b|"
    r"\b(smell|odou?r)\b.{0,30}\bgone off\b",
    r"\b(pink|red) (thread|line|trail|stripe)s? (running|going|heading|spreading|travel\w*)\b",
    r"\b(domes?|bubbles?) (filled with|full of) (water|fluid|liquid)\b|\bsee ?through (bumps|spots|"
    r"dots)\b",
    r"\b(grains? of rice|rice grains?|hard peas|little peas)\b (\w+ ){0,3}(under|in) (my |the )?"
    r"(\w+ )?(skin|cheek|jaw)|\bice ?pick (\w+ )?(holes|marks|dents|pits)\b|\bnew pit+s\b|"
    r"\bhealed raised\b|\b(shiny|glossy) raised (line|ridge)\b|\braised and (glossy|shiny)\b",
    r"\b(greyish|grey|gray|mottled|marbled|lacy|dusky)\b.{0,50}\b(pain\w*|hurts?|sore|aches?|"
    r"aching|numb)\b|\bcold and numb\b",
    r"\bthrough a (steamy|foggy|misty|fogged up) (window|glass|windscreen)\b",
    r"\bhot (body )?and (the )?cold (body )?(together|at the same time)\b|\bboiling (to|then|and) "
    r"freezing\b|\bfreezing (to|then|and) boiling\b|"
    r"\b(im|i am|says im|feel like im) burning up\b(?! with)|"
    r"\bteeth (are )?(hitting|chattering|banging)\b|\bshaking under the (covers|duvet|blanket)\b",
    r"\b(by mistake|by accident|accidentally|like an idiot)\b.{0,80}\b(burn\w*|raw|scorch\w*|"
    r"blister\w*|peeling (off|away)|coming off)\b",
    # The sixth batch of warning examples: signs in other words.
    r"\byellow\w* (middle|centre|center|core|cap)s?\b|\bsyrup\b[^.!?]{0,30}\b(on my|dr(y|ied))\b|"
    r"\b(towel|pillow\w*|tissues?|pad|flannel)\b[^.!?]{0,40}\byellow\w* (marks?|stains?|spots?|"
    r"patches|bits|stuff)\b|\bcloudy (stuff|fluid|liquid|gunk|goo)\b|\bsqueez\w* (\w+ ){0,3}"
    r"(stuff|fluid|liquid|gunk|goo) out\b",
    r"\blike a (kettle|hot water bottle|radiator)\b|\bstill in tears\b|\b(most|max\w*) (\w+ ){0,2}"
    r"(paracetamol|ibuprofen|pain ?killers?)\b|\b(pain|ache|throb\w*|sore\w*|hurt\w*) (\w+ ){0,2}"
    r"(wakes|woke|keeps|kept) me (up|awake)\b",
    rf"\b(got|have|getting) one of my {COLD_SORE}|"
    r"\bones? (is )?(kicking off|brewing|flaring)\b|\bblistr\w*|\bblistres\b",
    r"\bscratch(ed)?[ -]?like (lines|marks)\b|\blike (a cat|someone|something) scratched\b|"
    r"\b(zig ?zag|criss ?cross) (\w+ )?(marks?|lines?|pattern)\b",
    # The seventh batch of warning examples: signs in other words.
    r"\byellow\b[^.!?]{0,30}\b(on|onto) (the |my )?(cotton pad|cotton wool|pad|towel|pillow\w*|"
    r"tissue|flannel)\b|\b(it|skin|face|cheek|forehead) smells? (not good|funny|off|weird|bad|"
    r"strange)\b|\bsmells? not good\b|\bthings (\w+ ){0,2}"
    r"(coming|comes|came|come) out\b",
    rf"\b(shes|hes|im|i am) ({NOT_WORD}\w+ )?(shaking|shivering)\b|\b(i|im|i am) (\w+ )?(feel|"
    rf"feeling|felt) (\w+ )?(achy|rough|grotty)\b",
    r"\b(red\w*|pink\w*) (\w+ ){0,2}(going|moving|creeping|travelling|heading|running|wandering) "
    r"(down|up|onto|into|towards?) (my |his |her |the )?(neck|chest|ears?|jaw|scalp)\b",
    rf"\b(come|came|comes|coming) up in (a |an )?{COLD_SORE}|\blike a comb\b|\bhealed (\w+ ){{0,2}}"
    rf"(with|into) (\w+ ){{0,2}}(indent\w*|dents?|pits?|holes|marks|lines|ridges)\b|"
    rf"\bpit+s\b.{{0,40}}"
    rf"\b(werent|wasnt) there\b|\ball dimples?\b|\bnew (holes|pits?|dents?|indents?|craters?)\b|"
    rf"\bscratch (marks?|lines)\b",
    r"\b(purple|bluish|blue|plum|black)\w*\b.{0,50}\b((really|very|so|extremely) (sore|painful)|"
    r"really hurts|throb\w*)\b|\b(purple|bluish|blue|plum)\w*\b.{0,50}\bnot (like )?(a |an )?"
    r"(normal |usual |ordinary )?bruise\b",
    r"\bmy i is (\w+ )?(sore|watering|stinging|painful|red|swollen|blurry)\b|\b(look|looks|"
    r"looking) doubled?\b|\bdoubled vision\b",
    # The eighth batch of warning examples: signs in other words.
    r"\bspread\w* (past|beyond|outside) (where|the (treated )?area)|\bmine (are|"
    r"is) (getting )?(bigger|"
    r"worse|spreading|darker|wider)\b|\basking because (mine (are|is)|i do)\b|\bone (came|"
    r"has come|has appeared) up\b",
    r"\beverything (looks|is|seems) (foggy|blurry|hazy|smudged|smeared|fuzzy|doubled)\b|\bhalos?\b"
    r".{0,30}\blights?\b|\b(phone|screen|reading|text|words|lights?|tv) (is|looks|are|gone|seems) "
    r"(\w+ )?(fuzzy|blurry|smudged|smeared|hazy|foggy|doubled)\b|\bmy (right|left) one\b|\b(the |"
    r"my )lids? (is |are |so )?(\w+ )?(puffy|swollen|droopy|heavy|red)\b|\bthrough a slit\b|"
    r"\b(looks|"
    r"is|are|seems) (still )?(smudged|smeared|foggy)\b|\bclosing (it|them)\b|\b(grain of sand|grit|"
    r"something) in (there|my eye)\b",
    # Held-out 13: a cold sore outbreak, gooey yellow.
    rf"\b{COLD_SORE} (outbreak|flare( up)?|attack)\b|\bgooey (\w+ )?(yellow|green|stuff|bits)\b|"
    rf"\b(yellow|green)\w* goo\w*",
    # Held-out 12: scars deeper than before, skin sunk in, a swollen eye closing up.
    r"\b(look|looks|are|is|seem|seems) deeper than before\b|\bskin (has )?sunk\b|\bsunk(en)? in\b|"
    r"\b(making|made) (it|them|my eyes?) (close|shut)( up)?\b",
    # Held-out 11: little sores starting.
    r"\b(little |small |tiny )?(sores|blisters) (are |is )?(starting|appearing|coming up|forming|"
    r"popping up|spreading)\b",
    r"(?<!if )\b(pain ?killers?|paracetamol|ibuprofen|tablets)\b.{0,20}\b(hasnt|havent|didnt|wont) "
    r"(\w+ )?(help\w*|work\w*|touch\w*)|\bpain\b.{0,30}\b(even after|despite) (the |taking )?"
    r"(paracetamol|ibuprofen|pain ?killers?|tablets)\b|(?<!period )(?<!stomach )(?<!tummy )\b(pain|"
    r"ache) (is )?(really|so|very|too) (bad|strong)\b|\bcannot sleep\b|"
    r"\b(hurt\w*|pain\w*|ache\w*|sore\w*|throb\w*|burn\w*|sting\w*)\b.{0,40}\bnothing (i (take|"
    r"try|use|put on) )?(helps|is helping|works|touches it)\b",
    # The ninth batch of warning examples: signs in other words, typos and Pidgin.
    r"\byell?ow\w* (\w+ )?(bits?|drops?|droplets|blobs?)\b|\b(yelow|yello) (\w+ )?(cr\w*t\w*|"
    r"scab\w*|stuff)|\bcrsut\w*|\bsoak\w* (\w+ ){0,3}yellow\b|\bnot (clear|see through|watery)\b"
    r"[^.!?]{0,20}\b(its|it is|but) (yellow|green|cloudy|milky|thick)\b",
    r"\b(red\w*|swell\w*|rash|patch)\b[^.!?]{0,40}\b(reach\w*|halfway down|all the way (down|to)|"
    r"(gone|went|moved|travel\w*) (down|onto|on to|into|to)) (my |the |her |his )?(collar ?bones?|"
    r"chest|neck|ears?|shoulders?|scalp|hairline)\b|\bgone walkabout\b",
    rf"\b(pain\w*|hurt\w*|sore|throb\w*|ache\w*|aching|agony)\b.{{0,30}}\b(even|despite) (with |"
    rf"after |on |taking ){{1,2}}(the |my )?{PAINKILLERS}\b|\b(wont|doesnt|isnt|not|wouldnt) "
    rf"(\w+ )?ease\b.{{0,20}}"
    rf"\b{PAINKILLERS}\b|\bno gree (go|comot|stop)\b|\b(took|taken|had|tried) (\w+ ){{0,2}}"
    rf"{PAINKILLERS}\b.{{0,50}}\bstill (\w+ ){{0,2}}(throb\w*|hurt\w*|pain\w*|pound\w*|sore|aching|"
    rf"agony)\b|\bgone (past|over|beyond) the (pen )?(line|mark)\b|\b(pits|dents|holes|marks|"
    rf"lines)\b[^.!?]{{0,40}}\b(theyre|they are|are) new\b",
    rf"^\W*{COLD_SORE} (on|at|near|by|in|right) (the |my )?(treated|treatment)\b|\b(checked|"
    rf"measured|took)\b.{{0,30}}\b(its|it is|it was|it says|reads?) (3[89]|4[01])(\.\d)?\b",
    r"\bdragged a comb\b|\bcomb (was |had been )?dragged\b|\b(skin|face|cheeks?|forehead|chin) "
    r"(\w+ )?(got|has|have|get|gets) (\w+ )?(holes|pits|dents)\b|\bdot(ted)? lines?\b|"
    r"\bones (just )?(started|starting|come up|coming up|appeared|formed|forming|brewing)\b|"
    r"\bscars? (look|looks|are|got|getting|seem|seems) (\w+ )?(worse|deeper|bigger)\b|\bnew "
    r"(marks|lines)\b|\bstitch\w* seam\b|\bperforat\w*|\b(with|full of) (clear|watery) (liquid|"
    r"fluid)( inside)?\b",
    r"\b(gone|turned|going|turning|got|gotten|turn|become|became|go|went) (\w+ )?(dark|darker|"
    r"brown|grey|gray)\b.{0,50}"
    r"\b(tender|sore|pain\w*|hurt\w*|throb\w*)\b|\b(melasma|pigment\w*)\b.{0,30}\b(gone mad|"
    r"going mad|spread\w*|getting (darker|bigger|worse))\b",
    # The tenth batch: short and plain, and English as a second language.
    r"\bi (think i )?(have|got|get) (a )?fiver\b(?! (for|on|in|note))|\bburning up\b(?! with)|"
    r"\b(drenched|soaked|soaking)\b.{0,20}\b(freezing|cold|shiver\w*)|\b(drenched|"
    r"soaked) in sweat\b|"
    r"\b(rough|awful|terrible|rubbish|horrible) and (hot|shivery|feverish|achy)\b|\bhot all over\b|"
    r"\bhot then cold\b|\bcold then hot\b|\bnot well at all\b|\bcold and shak\w*|\bbody (feels?|"
    r"is) (very |really |so )?(hot|burning|on fire)\b",
    r"\b(have|having|got|in) (so |very )?much pain\b|\b(little |tiny |small |new )?(pits|dents|"
    r"craters|indents) (on|in|across|all over) (my |the )?(skin|face|cheeks?|forehead|chin|nose|"
    r"jaw)\b|(?<!jaw )(?<!hair )(?<!neck )\b(lines?|stripes?|marks|tracks) (\w+ ){0,3}from the "
    r"(pen|needles?|roller|machine|device|dermapen)\b|\blines? like (scratches|cuts|tracks|"
    r"tram ?lines)\b",
    r"\b(dark|brown|grey|gray) (patch\w*|spots?|areas?)\b.{0,30}\b(hurt\w*|sore|tender|pain\w*|"
    r"burn\w*)\b|\bdarken\w*\b.{0,40}\b(sore|tender|pain\w*|hurt\w*|burn\w*|sting\w*)\b|\b(become|"
    r"became|go|went) dark\b.{0,30}\bburn\w*",
    # The twelfth batch: second-language and plain words.
    r"\bfiebre\b|\bbody (is )?(very |so |really )?hot and (shaking|shivering|shivery|cold)\b|"
    r"\b(3[89]|4[01])\u00b7\d( ?(c|degrees))?\b|\b10[0-4]\u00b7\d\b|\b(boiling|burning|"
    r"roasting) to (the )?touch\b|\bfreezing but (\w+ ){0,2}(boiling|burning|hot)\b",
    r"\bnow (the )?(red\w*|pinkness|swelling|rash) (is |has |s )?(\w+ ){0,2}(on|onto|down|to|"
    r"reached) (my |the |her |his )?(neck|ears?|chest|collar ?bones?|throat|scalp|shoulders?)\b|"
    r"\b(red\w*|pinkness|swelling|rash) (is |has |s )?(\w+ )?(past|beyond|outside|over) the "
    r"(line|mark|edge|outline)\b",
    r"\b(blood|bleeding)\b (\w+ ){0,2}(not stopping|not stop|wont stop|doesnt stop|keeps? coming|"
    r"still coming|still dripping)\b|\b(dot|spot|point|one|it|cheek|hole)s? (has )?(kept|keeps|"
    r"been) bleeding\b|\bbled on and off\b|\b(press\w*|pressure|gauze)\b[^.!?]{0,40}\b(still|"
    r"keeps?) (dripping|bleeding)\b",
    r"\b(cant|cannot|can not) see (good|well|properly|clearly|right|straight)\b|\b(cant|cannot) "
    r"see (out of|from|with) (one|my|the)\b",
    rf"\bpain (level |score )?(is |at )?(8|9|10|eight|nine|ten)\b(?! (days?|hours?|am|pm))|"
    rf"\b{PAINKILLERS} (are |is )?(useless|not working|doing nothing)\b",
    r"\b(lines|rows|stripes|tracks) of (\w+ )?(marks|dots|holes|pits|scars?)\b|\bmarks like "
    r"(lines|tracks|stripes|scratches)\b|\bpitted (dots|marks|spots|skin|holes|bits|areas?)\b|"
    # Held-out 16, once the twelfth batch changed the warning model: skin that looks pitted.
    r"\b(looks?|is|are|gone|went|become|became|getting) (\w+ ){0,2}pitted\b",
    # Held-out 20's and 21's first runs: "I have 38 today", redness going outside the treated
    # area, a cold sore in Pidgin or said bare.
    r"\bi (have|got|ve got) (a )?(3[89]|4[01])(\u00b7\d)?( ?(c|degrees))?( (today|now|tonight|"
    r"this morning))?\W*$|\b(red\w*|swell\w*|rash)\b[^.!?]{0,20}\b(going|gone|spread\w*|moving|"
    r"moved|went|goes) (outside|beyond|past|out of) (of )?the (treated|treatment) (area|zone|bit|"
    r"part)\b",
    rf"\b{COLD_SORE} (don|dey) (show|come|comot|appear)\w*\b|^\W*{COLD_SORE} (day|today|now|"
    rf"again|already)\b",
    rf"\b{FACE_PARTS}\b[^.!?]{{0,30}}\bsmells? (off|bad|funny|weird|nasty|foul|rotten|horrible|"
    rf"gross)\b|\b(wet|damp|moist) and (gluey|sticky|tacky|gooey)\b|\b{COLD_SORE} (is|are) (out|"
    rf"back)\b|\b{COLD_SORE} (is |are )?(flaring|coming up|popping up|showing|starting)\b",
    r"\b(red\w*|swell\w*|rash|patch)\b[^.!?]{0,40}\b(onto|on to|down to) (my |the |her |his )?"
    r"(collar ?bones?|chest|ears?|shoulders?|scalp|hairline|neck|throat)\b",
    r"\b(skin|it|patch|spot|area) (is )?(going|gone|turning|turned) black\b|\b(more|more and more) "
    r"dark (every|each) (day|week)\b|\bdarker (every|each) (day|week)\b",
]
COMPLAINT = (r"\b(red\w*|pink\w*|flush\w*|swel+\w*|swo+l+e?n|puff\w*|pain\w*|sore\w*|hurt\w*|ache|"
             r"aching|burn\w*|sunburn\w*|sting\w*|throb\w*|tender\w*|inflam\w*|irritat\w*|angry|"
             r"warm|hot|slapped)\b")
COMPARATIVE = (r"\b(redder|puffier|sorer|angrier|fuller|more (swollen|red|painful|sore|puffy|"
               r"inflamed|irritated|angry))\b")
# Said anywhere in the same sentence as a complaint: "the swelling was going down but this
# morning its much worse again", "the ache is stronger today".
GROWING = (r"(worse|worsen\w*|deepen\w*|deeper|darker|sharper|stronger|brighter|hotter|angrier|"
           r"intensif\w*|ramp\w* up|shot up|escalat\w*|spread\w*|creep\w*|crept|travel\w*|bigger|"
           r"larger|grow\w*|doubl\w*|widen\w*|wider|longer|march\w*|branch\w*|heading|sprad\w*|"
           r"flar\w*|came back|come back|coming back|comes back|back up|further|farther)")
WORSE = (r"(worse|wors|wurse|mor|worsen\w*|spread\w*|spredd?\w*|creep\w*|crept|increas\w*|"
         r"bigger|more|again|"
         r"overnight|fast|quickly|rapidly|by the minute|deeper|darker|angrier|stronger|ramp\w* up|"
         r"shot up|gone up|went up|escalat\w*|intensif\w*|"
         r"(?<!less )(?<!better )(?<!smaller )(?<!lower )than (yesterday|before|last night|earlier|"
         r"this morning))")
WORSENING = re.compile(
    rf"{COMPARATIVE}|{COMPLAINT} {_}{WORSE}\b|\b(not (getting )?better|no better|not improv\w*|"
    rf"not going down|not settl\w*|not calm\w*)\b|\b{WORSE} (\w+ ){{0,2}}{COMPLAINT}|"
    rf"{COMPLAINT}{SAME_SENTENCE}{{0,60}}\b{GROWING}\b|"
    rf"\b{GROWING}\b{SAME_SENTENCE}{{0,40}}{COMPLAINT}|\b(neck|ears?|chest|jaw|"
    rf"scalp)\b.{{0,20}}\b(getting|going|turning|now)\b.{{0,10}}\b(red|pink|swollen|hot)\b|\b(much|"
    rf"way|even|getting|got|gotten|its|been) worse\b|\bworse (and worse|again|today)\b|"
    rf"\bworst (yet|so far|its been)\b|\b(at first|first|before|"
    rf"earlier)\b.{{0,40}}\bbut now\b{SAME_SENTENCE}{{0,40}}\b(really|very|so|much more|more|"
    rf"even more) (puffy|swollen|red|sore|painful|tight|inflamed)\b|"
    # The sixth batch: "gone from pink to beetroot", "day 6 is worse than day 3".
    rf"\bfrom (pink|red|light red) to (\w+ )?(beetroot|red|crimson|scarlet|purple|dark red|"
    rf"angry)\b|\bworse than (ever|on day|day|it was)\b|\b(going|gone|went) backwards\b|"
    rf"\bday (\d{{1,2}}|three|four|five|six|seven|eight|nine|ten),? (and )?(its |is |getting |"
    rf"got )?(worse|bad)\b(?! idea)|\b(swell\w*|red\w*|pain|puff\w*)\b (is |keeps? )?(still )?"
    rf"going up\b|\bgetting bad\b|\bup,? not down\b|\bmore so than (yesterday|"
    rf"before|last night|this morning)\b|\b{FACE_PARTS}s? (looks?|feels?|seems?) worse\b|"
    rf"\bwas better (on|"
    rf"yesterday|before|earlier|at)\b|\b(hasnt|has not|havent|not) (\w+ )?(budged|shifted|"
    rf"eased)\b|{COMPLAINT}{SAME_SENTENCE}{{0,40}}\b(more|worse) than (it (did|was) )?(before|"
    rf"yesterday|last night|earlier|this morning)\b|"
    # Held-out 10, once the seventh batch changed the warning model: "healing nicely then
    # suddenly my chin blew up and went red".
    rf"\b(then|suddenly|overnight)\b[^.!?]{{0,30}}\b(blew|blown) up\b|\b(then|"
    rf"suddenly)\b[^.!?]{{0,40}}\b(went|gone|turned) (red|swollen|puffy|angry)\b|"
    # The eighth batch: "nearly gone by Sunday, flared up again on Tuesday".
    rf"\bflared? up again\b|\bflaring up again\b|"
    # Held-out 12: "gone from mild to really bad".
    rf"\bfrom (mild|a little|ok|okay|fine|slight|bearable) to (really |very |quite )?(bad|severe|"
    rf"awful|terrible|unbearable|sore|painful)\b|"
    # The ninth batch: "icing it every hour and it's still getting bigger".
    # The tenth batch: "worse every day", "day 3 was ok, day 5 is bad".
    rf"\bworse (every|each) day\b|\b(every|each) day (its |it gets |it is )?worse\b|\b(was|were) "
    rf"(ok|okay|fine|good|better)\b[^.!?]{{0,30}}\b(now|today|day \d+) (is |its |it is )?(bad|"
    rf"worse|awful|terrible)\b|"
    rf"\b(its|it is|theyre|they are|it keeps|keeps) (still )?(getting|growing) (bigger|larger|"
    rf"worse|redder|puffier|wider)\b"
)
PRESENT_COMPLAINT = (r"\b(skin|face|cheeks?|chin|forehead|jaw|neck|nose|it|area|eyes)\b (is|are|"
                     r"looks?|feels?|seems?|remains?|stays?) (\w+ ){0,3}(red|pink|puffy|swollen|"
                     r"sore|inflamed|blotchy|tender)\b")
LASTING = re.compile(rf"{PRESENT_COMPLAINT}|\b(skin|face|chin|forehead|jaw|neck|nose|area)s "
                     rf"(\w+ ){{0,3}}(red|pink|puffy|swollen|sore|inflamed|blotchy)\b|"
                     rf"{COMPLAINT}.{{0,40}}\b(still|anymore|lasting|"
                     rf"persist\w*|wont go|not gone|hasnt gone|not going away|havent faded|"
                     rf"not faded|(isnt|not|hasnt|wont|arent) (\w+ )?fad\w*|remain\w*|"
                     rf"not subsid\w*|not go|(hasnt|havent|not|wont|didnt|isnt) (\w+ )?(budge|"
                     rf"shift)\w*|(hasnt|havent|not) (\w+ )?calm\w* down|"
                     rf"(hasnt|havent|not) (\w+ )?gone down|(isnt|is not|arent|not) (\w+ )?"
                     rf"going)\b|\b(still|persist\w*)\b.{{0,30}}{COMPLAINT}|\b(puffiness|swelling|"
                     rf"redness|soreness|pinkness) (still )?left\b(?! on day [0-6]\b)|"
                     rf"\b(it|this|they|cheeks?|face|skin|chin|jaw|forehead|neck|redness|swelling) "
                     rf"(still )?(hasnt|havent|isnt|has not|have not) (\w+ ){{0,2}}(faded|"
                     rf"calmed|settled|gone down|improved)\b|\bheat\b[^.!?]{{0,20}}\b(hasnt|"
                     rf"has not|isnt) (gone|going)\b|\bstill (look|looks|looking) like a (tomato|"
                     rf"lobster|beetroot|strawberry)\b|"
                     rf"\bstill (look|looks) like (i|ive) (\w+ ){{0,4}}"
                     rf"(sunbed|sunburn\w*|slapped|punched|burn\w*|a tomato|a lobster|beetroot)\b|"
                     # Held-out 10: simply reported, "pink and puffy", "red patches on my cheeks".
                     rf"^\W*(red|pink|puffy|swollen|blotchy) all over\b|"
                     rf"^\W*(still |very |so )?(red|pink|puffy|swollen|inflamed|blotchy|tight|"
                     rf"tender|warm) and (a bit |a little |slightly )?(red|pink|puffy|swollen|sore|"
                     rf"inflamed|blotchy|warm|tight|tender)\b|\b(really|very|so|"
                     rf"super) tight feeling\b|\b(red|pink|swollen|puffy)\w* "
                     rf"(patch\w*|blotch\w*) (on|around|across|over) (my |both |the )?(cheeks?|"
                     rf"face|chin|jaw|forehead|nose|neck)\b|"
                     # The ninth batch: "has been red for nearly a fortnight".
                     rf"\b(has|have|s) been (\w+ ){{0,2}}(red|pink|puffy|swollen|sore|inflamed|"
                     rf"blotchy) for\b|"
                     # Held-out 14 and 15: "puffy face", dots "still there after a month",
                     # a face that "feels really tight".
                     rf"^\W*(still |very |so |really )?(red|pink|puffy|swollen|inflamed|blotchy) "
                     rf"(face|cheeks?|skin|chin|jaw|forehead)\b|\b(dots|marks|pricks|holes|lines)\b"
                     rf".{{0,40}}\b(still there|still visible|not gone|havent gone|havent faded|"
                     rf"left marks)\b|\b(skin|face|cheeks?) (feels?|is|are) (really|very|so|super|"
                     rf"extremely) tight\b(?! and (dry|flaky|peel\w*))|"
                     # Held-out 20: "swelling same like first day".
                     rf"\b(red\w*|swell\w*|puff\w*|pain|sore\w*) (is |still |stays? )?(the )?same "
                     rf"(like|as) (on )?(the )?(first|1st) day\b|"
                     # The twelfth batch: "fortnight gone, red as ever".
                     rf"\b(red|pink|puffy|swollen|sore|blotchy) as ever\b")
# Skin that feels hot is expected in the first days (like a sunburn), a sign of infection after.
HOT_SKIN = re.compile(r"^\W*(hot|warm), (red|swollen|puffy|sore|throbbing)\b|"
                      r"\b(skin|face|cheek\w*|area|forehead|chin|jaw|neck) (is |feels |feel |"
                      r"got )?(really |very |so )?(hot|warm|hotter|warmer)\b|"
                      r"\b(radiat\w*|giving off|pumping out|throwing off) heat\b|"
                      r"\b(hot plate|radiator|oven|furnace)\b|\bred ?hot\b|"
                      r"\bwarm (your|my) hands\b|\bheat (from|coming off|is spreading)\b|"
                      r"\b(hot|warm) and (painful|sore|"
                      r"tender|throbbing|swollen)\b|\b(painful|sore|tender|throbbing|"
                      r"swollen|inflamed) and (hot|warm)\b|\bhow hot (my |the )?(skin|face|"
                      r"cheeks?|it) (is|are|feels?)\b")
LATE_BUMPS = re.compile(r"\b(bumps?|bumbs?|bumpy|spots?|pimples?|lumps?|lumpy|nodules?|raised "
                        r"bits|firm bits|(gritty|grainy) under)\b")
LATE_BUMPS_FROM_DAY = 14
DAY_IN_TEXT = re.compile(r"\b(?:day|dy) (\d{1,3}|one|two|three|four|five|six|seven|eight|nine|"
                         r"ten|eleven|twelve)\b|\b(\d{1,3}) (days?|weeks?|wks?|months?) (?:later|"
                         r"after|"
                         r"since|ago|now|on|in|post|and|pass|passed|gone)\b|\b(a|one|two|three|"
                         r"four|few|five|"
                         r"six|seven|eight|nine|ten|eleven|twelve) (days?|weeks?|wks?|months?) "
                         r"(?:later|after|since|ago|now|on|in|out|past|post|and)\b|"
                         r"\bafter (\d{1,3}|a|one|"
                         r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (days?|"
                         r"weeks?)|\b(a|one) month\b|(?:\b(?:been|over|already|going on|at) |"
                         r"^)(\d{1,3}|a|one|two|three|"
                         r"four|few|five|six|seven|eight|nine|ten|eleven|twelve) (days?|weeks?|"
                         r"wks?)\b")
# A day compared with is a day gone by ("worse than on day 2"); "since day 3" says at least 3.
COMPARED_DAY = re.compile(r"\bthan( it was| they were)?( on)? $")
# Said without a number: "a fortnight", "a week and a half on", "weeks later".
SAID_LONG_AGO = {"fortnight": 14, "week and a half": 10, "over a week": 8, "more than a week": 8,
                 "weeks later": 14, "weeks after": 14, "weeks on": 14, "long after": 28,
                 "week two": 8, "week 2": 8, "second week": 8, "week three": 15,
                 "week and a day": 8, "week and two days": 9, "week and three days": 10,
                 "week plus": 8, "after a week": 8, "after one week": 8, "a week later": 8,
                 "one week later": 8, "one and half week": 10, "one and a half week": 10,
                 "1\u00b75 weeks": 10}
_SAID_LONG_AGO = re.compile(r"\b(" + "|".join(SAID_LONG_AGO) + r")\b")
# Said of today: "treatment was 3 hours ago", "done at lunchtime".
SAID_TODAY = re.compile(r"\b(\d+|a few|few|couple of|two|three|four|five) hours? (ago|later|"
                        r"after)\b|"
                        r"\b(done|had it|had it done|treatment was|session was) (at lunchtime|this "
                        r"(morning|afternoon|evening)|today|earlier today|at \d+|at (noon|"
                        r"lunch))\b|\bfirst (day|night|evening)\b|\b(treatment|session|"
                        r"appointment) (this (morning|afternoon|evening)|today|earlier today)\b|"
                        r"\bthis (mornings|afternoons|evenings) (treatment|session|appointment)\b")
# Said as the week of the recovery: "week 4" is its 22nd day at least.
WEEK_SAID = re.compile(r"\bweek (\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\b")
# Said as dates: "had my session on the 3rd, today's the 12th".
DATES_SAID = re.compile(r"\bon the (\d{1,2})(?:st|nd|rd|th)\b.{0,40}\btoday(?:s| is)(?: the)? "
                        r"(\d{1,2})(?:st|nd|rd|th)\b")
WORD_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "few": 3, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

_EMERGENCY = [re.compile(p) for p in EMERGENCY]
_URGENT = [re.compile(p) for p in URGENT]
# Said of a sign right after it: "eyes are fine", "ive got none"; not when asked ("still pink
# and puffy, normal?", "still red, it is ok?").
FINE_AFTER = re.compile(r"(?:^\W*(\w+ )?(is|are|feel|feels|seem|seems|look|looks) (totally |"
                        r"all )?(fine|ok|okay|good|normal|great|perfect)\b|^\W*(totally |all |"
                        r"completely )?(fine|"
                        r"normal|unaffected|all good|none|nope|nah)\b|^\W*(\w+ )?(is|"
                        r"are) not (\w+ )?(sore|red|swollen|puffy|painful|itchy|hurting)\b|"
                        r"^\W*(\w+ )?(isnt|arent) (\w+ )?(sore|red|swollen|puffy|painful|itchy|"
                        r"hurting|up)\b|^\W*(\w+ ){0,2}(isnt|is not|arent|are not|not|wasnt|werent|"
                        r"was not) (affected|involved|touched|treated|done|included)\b|"
                        r"^\W*no\b(?! (idea|clue|joke|kidding|lie))|"
                        r"^.{0,30}\b(got none|have none|havent got any|"
                        r"havent had any|dont have any|dont have one|do not have one|"
                        r"havent got one|none so far|not having one)\b|"
                        r"^.{0,60}\b(but |and )?(thats|its|it has|it is|it) (all )?(worn off|"
                        r"gone off|gone now|gone away|disappeared)\b|"
                        r"^.{0,120}\bnothing (there|showing|visible|to see) (now|at the moment|"
                        r"right now|currently|today)\b)(?![ \w]{0,8}\?)")

# What a patient asks about in general rather than reports: not a sign by itself.
# Where a masked stretch may begin (a sentence, or a clause, or just after a word that turns
# it), so that a search does not try every character: each is a fixed-width look-behind.
SENTENCE_START = r"(?:^|(?<=[.!?]))"
CLAUSE_START = r"(?:^|(?<=[.!?,])|(?<=\bbut )|(?<=\bnow )|(?<=\btoday )|(?<=\btonight )|" \
               r"(?<=\bthis time )|(?<=\bsince )|(?<=\bstill ))"
UNTIL_NOW = r"(?:(?!\b(?:but|now|today|tonight|this time|since|still)\b)[^.!?,])"
GENERAL = [
    # First of all, before the masks below blank a part of them, from the ninth batch of
    # warning examples' ordinary messages: what to do if, a sign named and asked about,
    # someone at work or in the family, the patient's distant past, and a sign's word used for
    # a drink, a film, a pack of pills, hair, a flight, a test or a kettle.
    re.compile(rf"\b(what happens|what do i do|what should i do|what to do) if\b[^.!?]*|"
               rf"{SENTENCE_START}\W*suppose\b[^.!?]*|\bin case (there is|there are|there|i get|"
               rf"it|of)\b[^.!?]*|^\W*if (it|they|my \w+|the \w+|e|i|{PAINKILLERS}) (\w+ )?"
               rf"(start\w*|get\w*|turn\w*|show\w*|swell\w*|develop\w*|happen\w*|dont|doesnt|"
               rf"didnt|wont|bring\w*|ever)\b[^.!?]*\?|^\W*if got\b[^.!?]*\?|^\W*if (its|it is|"
               rf"theyre|they are|im|i am) still\b[^.!?]*\?"),
    re.compile(r"^\W*(cellulitis|anaphyla\w*|sepsis|impetigo|herpes|hives|urticaria|infection|"
               r"an? (\w+ )?reaction),? (what|how)\b[^.!?]*|\bhow would (i|you|u) (spot|know|tell|"
               r"recogni[sz]e)\b[^.!?]*|\bhow would (\w+ ){1,3}look\b[^.!?]*|\b(do|does|can|could|"
               r"would|will) (\w+ ){1,2}ever\b(?![^.!?,]*\b(like this|like mine|this (much|bad|"
               r"long))\b)[^.!?,]*|\bwhat does (\w+ ){1,6}mean\b[^.!?]*|\bdo you (do|treat|offer|"
               r"work on)\b[^.!?]*|\bhow (much|bad|red|swollen) (\w+ )?(counts|is too much|"
               r"is too bad)\b"),
    re.compile(rf"\b(a|some) (bloke|guy|girl|woman|man|lady|friend|colleague|mate) (at|from|i|in) "
               rf"(\w+ ){{0,2}}(had|has|got)\b[^.!?]*|\b(friend|mate|colleague)s? of mine (had|"
               rf"has|got)\b[^.!?]*|\b(says|said) (she|he|they) had\b[^.!?,]*|"
               rf"\bi had (a|an) (?!(\w+ )?(treatment|session|microneedling|appointment|procedure|"
               rf"facial)\b)[^.!?]{{0,80}}\b(last (month|year)|once|ages ago|years ago|as a (kid|"
               rf"child)|when i was (a kid|young|little))\b{UNTIL_NOW}*|\b(i|ive) had (a|an|this) "
               rf"[^.!?]{{0,60}}\bsince (i was (a kid|a child|little|young|a teen\w*)|childhood|"
               rf"birth)\b|\b(my|a|her|his) (\w+ )?(gran\w*|nan|mum|mom|dad|sister|brother|friend|"
               rf"aunt|uncle|colleague)s? fainted\b[^.!?]*\b(shes|hes|theyre|she is|he is) (ok|"
               rf"okay|fine|alright|all right)\b"),
    re.compile(rf"\bfever ?tree\b|\b(night|called|named) fever\b|\bblister ?packs?\b|\bred eye "
               rf"(flights?|trains?)\b|\bside eye\b|\bcrusty (bread|rolls?|baguettes?|loaf)\b|"
               rf"\bstreak\w* (\w+ ){{0,3}}(in|on|of) (my |the |her )?(hair|fake tan|tan|paint|car|"
               rf"windows?|mirror|glass|legs|nails)\b|\b(got|get|gives? me|gave me|"
               rf"giving me) (the )?chills (watching|reading|listening|thinking|when i (saw|heard|"
               rf"watched))\b|\b(line|lines) on (my |the |a )?(pregnancy|covid|lateral flow) "
               rf"test\b|"
               rf"\b(kettle|shower ?head|tap|boiler|fridge|car|bin|plant|pipe)s?\b[^.!?,]{{0,20}}"
               rf"\b(ooz\w*|leak\w*|crust\w*|streak\w*|weep\w*)\b|\b(use|using|used) "
               rf"(\w+ )?eye drops\b{UNTIL_NOW}*"),
    # First, before the masks below blank a part of them: questions about a sign ("which day
    # do infections tend to appear", "what would a reaction usually look like"), from the sixth
    # batch of warning examples' ordinary messages.
    re.compile(r"\b(can|could|do|does|will|would|might|may) (\w+ ){1,3}(happen|occur|show up|"
               r"appear)\b[^.!?,]*|\b(which|what) day (do|does|would|will) (\w+ ){1,3}(tend to |"
               r"usually )?(appear|happen|show|start)\b[^.!?,]*|\b(warning )?signs? for (a |an )?"
               r"(\w+ )?\w+|\btell (\w+ ){1,5}apart\b[^.!?,]*|\b(does|do) (\w+ ){1,3}always "
               r"mean\b[^.!?,]*|\bwhat (does|do) (\w+ ){1,3}mean\b[^.!?]*|\b(should|do) i (check|"
               r"test|monitor|watch) (for|my)\b[^.!?,]*|\b(would|will|does|do) (\w+ ){1,4}show up "
               r"as\b[^.!?]*|\bwh?at (does|do|would|should|will) (\w+ ){0,8}(look|"
               r"feel) like\b[^.!?,]*"),
    re.compile(r"\b(infection|reaction|allergy|allergic reaction|warning) (signs?|symptoms?)\b"
               r"( of (an? )?(\w+ )?(infect\w*|allerg\w*|reaction))?"),
    re.compile(r"\b(at what point|when) (should|do) i (\w+ ){0,9}(about|for) (a|an|any) (reaction|"
               r"infection|allerg\w*)\b"),
    re.compile(r"\b(watch|look) out for\b( \w+){0,3}|\b(should|do) i (watch|look|keep an eye) "
               r"(out )?for\b[^.!?,]*|\bwhat kind of\b[^.!?,]*\b(reaction|infection)\b[^.!?,]*|"
               r"\bis (\w+ ){1,3}(a )?(bad|good|normal|worrying) sign\b[^.!?]*|\btold (me|us) (to|"
               r"about)\b[^.!?,]*|\b(was|were|been|got) told to\b(?:(?!\b(?:but|now)\b)[^.!?,])*|"
               r"\bread (about|up on|that|online)\b[^.!?,]*"),
    # The skin around the eye is the treated face, not the eye: "puffy under my eyes".
    re.compile(r"(?<!pain )(?<!hurts )(?<!aching )\b(under|around|round|near|by|beside|below|"
               r"next to|close to|corners? of) "
               r"(my |the |both |left |right |one )*(eyes?|eye area)\b|\b(puffy|baggy|tired) "
               r"eyes\b|\b(under|around) them\b"),
    re.compile(r"\bis (\w+ ){1,3}a (sign|symptom) of\b( \w+){0,2}|"
               r"\b(sign\w*|symptom\w*) of (an? )?(bad |severe |serious )?(all?ergic )?(infection|"
               r"all?erg\w*|reaction|anaphyla\w*)( reaction)?"),
    re.compile(r"\b(signs?|symptoms?|simptoms?|symtoms?) (\w+ )?(mean|means|that mean|indicate|"
               r"show)\b[^.!?,]*"),
    # Asked about as a possibility: "can the numbing cream cause trouble breathing?"
    re.compile(r"\b(can|could|does|do|will|would|might|may) (\w+ ){0,4}(cause|give you|lead to|"
               r"trigger|result in|spread|transmit|pass on|give me)\b[^.!?,]*"),
    re.compile(r"\b(could|can|will|would|might|do|does) (i|you|one|people|someone) (ever )?(get|"
               r"catch|develop|end up with)\b[^.!?,]*"),
    re.compile(r"\b(is|are|can) (\w+ ){0,3}(a |an )?(possible|potential) (side ?effects?|"
               r"complications?|risks?)\b"),
    re.compile(r"\bis (\w+ ){0,4}ever (a )?(normal|ok|okay|expected)\b[^.!?,]*"),
    re.compile(r"\b(is|are) (\w+ ){1,3}(common|rare|likely|usual)\b|\b(is|"
               r"are) (\w+ ){1,5}(ever )?(a |an )?(\w+ )?(side ?effect|complication|risk)s?\b"),
    re.compile(r"\b(has anyone|have people|have you ever seen|why do (some )?people|"
               r"whats the (protocol|procedure|plan)|what is the (protocol|procedure|plan)|"
               r"how (quickly|soon|fast) (would|could|does|do|can|will)|how long after|supposing|"
               r"suppose (i|you))\b[^.!?,]*"),
    re.compile(r"\b(people|some|many|anyone|someone) (are|is|get|with) (\w+ ){0,2}allerg\w*|\b(my|"
               r"only|known|food|nut|drug) (allerg(y|ies)|reaction)\b"),
    # Another person as the subject, nothing about a treatment or the present: their story.
    re.compile(r"\b(my|a|her|his) (late |best |old )?(son|daughter|husband|wife|partner|mum|mom|"
               r"dad|sister|brother|friend|flatmate|colleague|neighbou?r|boss|ex|girl|"
               r"guy)s?\b" + THEIR_FACE_NOW + THEIR_BODY_NOW
               + r"(?![^.!?]*\b(collapsed|fainted|passed out|"
               r"blacked out)\W*$)(?![^.!?]*\b" + FAINTED_NOW + r")"
               r"(?![^.!?]*\b(treatment|session|appointment|procedure|needl\w*|clinic|home|"
               r"done|today|tonight|now|this morning|since|is|are|isnt|arent|doesnt|dont|cant|wont|"
               r"keeps?|looks?|seems?|shes|hes|says|thinks|feels?|still|here|with me|minutes|stiff|"
               + TALKING_NONSENSE + r"|"
               r"treated|just (collapsed|fainted|passed out|blacked out|keeled over|gone down)|"
               r"(has|have) " + THEIR_FEVER + r"|unconscious|rolled back|seizure|fitting|found me|"
               + WHERE_THEY_TREATED + r"|all over (her|his|their) (body|face)|" + THEY_DID_IT + r"|"
               r"(had|has had|got) (microneedling|the treatment|it done|her treatment|"
               r"his treatment)|"
               + THEIR_FACE_SAID_NOW + r"|"
               r"(she|he|they) had|my (face|skin|"
               r"cheeks?|temp\w*|lips?|chin|forehead|neck|nose|jaw))\b)[^.!?]*"),
    re.compile(r"\b(do you have|do you keep|should i bring|i carry|carry|bring) (an |my |"
               r"a )?epi ?pens?|\bepi ?pen prescription\b|\b(documentary|article|video|"
               r"post) about\b[^.!?,]*"),
    re.compile(rf"{SENTENCE_START}[^.!?]*\bhypothetical\w*\b[^.!?]*"),
    # Conditionals and how often or how likely something is.
    re.compile(r"\bif (i|my|you|it|the|someone|anyone|people) (\w+ ){0,3}(ever |were to )?(got|get|"
               r"gets|faint\w*|collapsed|passed out|came out|went|go|felt|feel|swelled|swell|"
               r"started|starts|turned|developed|had)\b[^.,;!?]*"),
    re.compile(r"\b(in case of|how rare|how common|how likely|how often|riskier|risky)\b[^.!?,]*"),
    re.compile(r"\bis (\w+ ){1,3}(always|the same as|different from)\b[^.!?,]*"),
    re.compile(r"\bwhat (would|could|can|might) (make|cause)\b[^.!?,]*"),
    re.compile(r"\b(would|could|is) (a|an) (\w+ ){1,6}(be )?(serious|bad|dangerous|a problem|"
               r"worrying|a reason)\b"),
    re.compile(r"\b(explain|what does it mean|what do you mean|what is meant|means)\b[^.!?]*"),
    re.compile(r"\bprone to \w+( \w+)?"),
    # These two stop a few words after their question, so a report after it still counts
    # ("does it mean anything that pus is coming out").
    re.compile(r"\b(would|does|could|can|will|might) (that|this|it|(a|an) \w+( \w+)?|"
               r"\w+ \w+) (mean|be a sign of|indicate|be (a |an )?(allerg\w*|reaction|"
               r"infection))\b( \w+){0,2}"),
    re.compile(r"\b(does|do|can|could|has|have|will) (\w+ ){0,4}ever (happen|occur)\b( \w+){0,3}"),
    re.compile(r"\b(could|can|is|are|would|might|does|do) (\w+ ){0,4}(be|cause) (a |"
               r"an )?(\w+ )?(side ?effect|complication|risk)s?\b"),
    re.compile(r"\b(is it true|do|does|can|could) (that )?(some |other |most )?(people|patients|"
               r"clients|anyone|someone) (\w+ )?(get|gets|have|has|had|are|develop\w*|experienc\w*|"
               r"end up)\b[^.!?,]*"),
    re.compile(r"\b(i )?thought (i saw|i had|it was|there was)\b[^.!?,]{0,40}\b(but|turns out|"
               r"turned out)\b"),
    # Corrected by the patient: "looked like a blister but it was just dry skin".
    re.compile(rf"{SENTENCE_START}[^.!?]*\b(thought|thinks|looked like|looks like|worried|"
               r"what i thought)\b[^.!?]{0,70}\b(but|turns out|turned out|is|was)\b (it |that |"
               r"its |this )?(was |is |were )?(just|only)\b[^.!?]*"),
    re.compile(r"\b(is it possible (to|that)|what (\w+ )?(would |does |do )?counts? as|what if|(im|"
               r"i am) allergic to|(how do|how can|how would|how wud|how wld|"
               r"how will) (i|you|u) (tell|know|spot))\b[^.!?,]*"),
    re.compile(r"\b(is it|would it be|is that) (\w+ )?(bad|serious|a problem|dangerous|"
               r"normal) if (it|i|you|they|my \w+) (starts?|gets?|begins?|ever|ooze\w*|swell\w*|"
               r"bleed\w*|blister\w*|crust\w*|weep\w*)\b[^.!?,]*"),
    re.compile(r"\b(what|who) (should|do|would) i (do|call|contact) if i (notice|see|get|develop|"
               r"ever|start)\b[^.!?,]*|\b(call|contact|ring|phone) (you |the clinic |"
               r"us )?if\b[^.!?,]*"),
    re.compile(r"\bif (i|you) (\w+ )?(pass out|faint|collapse)\b[^.!?,]*"),
    re.compile(r"\b(my|a|her|his|our|the) (little |eldest |youngest |oldest |older |younger |"
               r"teenage |best )?(kid|child|son|daughter|husband|wife|partner|boyfriend|"
               r"girlfriend|mum|mom|mother|dad|father|sister|brother|friend|bff|bestie|mate|"
               r"baby|babys|toddler|boy|dog|cat|puppy|kitten|pet|hamster|rabbit|horse|housemate|"
               r"colleague|coworker|flatmate|roommate|nan|gran\w*|cousin|aunt|auntie|aunty|uncle|"
               r"neighbou?r|"
               r"boss|girl|guy|woman|man)s?" + THEIR_FACE_NOW + THEIR_BODY_NOW + r"( of a friend)? "
               r"(\w+ ){0,2}(has|have|had|got|gets|was|"
               r"were|broke|swelled|blistered|said|showed|fell|slipped|tripped|came|ended up)\b"
               # Not when it says they had the treatment: "my mum had it done on monday and...".
               r"(?! (the |her |his |their )?(treatment|microneedling|session)\b| (it|(his|her|"
               r"their) \w+) done\b)(?![^.!?]*\b(?:(since|after|from) (his|her|their|"
               r"the) [a-z ]{0,20}?(treatment|session|procedure|appointment)(?! (in|at) (a |"
               r"the )?(salon|"
               r"spa|another)| somewhere else| elsewhere| abroad)|(since|after) the (balm|cream|"
               r"serum|"
               r"numbing\w*|gel|products?)|treated (on|yesterday|today|this)|seizure|fit|fitting|"
               r"twice|minutes|" + TALKING_NONSENSE + r"|"
               r"floppy|unconscious|" + JUST_FAINTED + r"|floor|" + THEIR_FEVER + r"|"
               + THEY_DID_IT + r"|"
               r"(she|he|they) had (it|microneedling|the treatment|the microneedling|"
               r"a session|her \w+|his \w+)|where the needles|" + WHERE_THEY_TREATED
               + r"|all over (her|his|their) (body|face)|(her|his|their|the) treated|(her|his|"
                 r"their) "
               r"(treatment|session) (was|is)|" + THEIR_FACE_SAID_NOW + r"|" + FAINTED_NOW + r")\b)"
               r"(?:(?!\b(?:but|now|she|he|they|i|im|ive|my|me)\b)[^.,;!?])*"),
    # The past, before this treatment (the patient's or someone else's): the clause that says
    # when, up to a "but", "now" or "since" that brings it back to the present; the sentence
    # when it tells what the patient once had and ends on how long ago ("I had hives after a
    # bee sting, ten years ago"), unless what they had was this treatment.
    re.compile(r"\bi (once )?(had|got|collapsed|fainted|passed out|was|"
               r"used to)\b(?![^.!?,]*\b(treatment|session|microneedling|needl\w*|appointment|"
               r"procedure|done)\b)[^.!?]*, (about |around |maybe |like |roughly )?((a|one|two|"
               r"three|four|five|six|seven|eight|nine|ten|\d+|a few|many) (years?|months?) (ago|"
               r"back)|back in (19|20)\d\d|in (19|20)\d\d)\b[^.!?,]*"),
    re.compile(rf"{CLAUSE_START}{UNTIL_NOW}*?\b(as a (kid|child|teen\w*|baby|toddler)|years? ago|"
               rf"months ago|back then|in the past(?! (half|hour|few|couple|\d|ten|twenty|thirty|"
               rf"fifteen|five))|when (i|she|he) was (young|little|a kid|younger|"
               rf"pregnant|\d+|at school|a teen\w*|a baby|a child)|ages ago|years back|(summers?|"
               rf"winters?) ago|in my (teens|twenties|thirties|forties|fifties|sixties)|at school|"
               rf"in the (19|20)\d0s|before \d+ years|back in|in (19|20)\d\d|long time ago|"
               rf"last (winter|summer|spring|autumn|year|christmas)|for many years|every (june|"
               rf"july|august|spring|summer|winter|year)|i once|once lol)\b{UNTIL_NOW}*"),
    re.compile(r"\b(he|she|they|my \w+) used to\b[^.!?,]*"),  # someone else's habit
    re.compile(r"\bi used to (get|have) (\w+ ){0,6}(before|as a|when|from|a lot|often|sometimes)\b"
               r"[^.!?,]*"),
    # Before the treatment, unless it is what was not there then ("marks that weren't there
    # before the treatment").
    re.compile(r"(?:^|(?<=[.!?,])|(?<=\bbut )|(?<=\bwerent )|(?<=\bwasnt )|(?<=\bdidnt )|"
               r"(?<=\bthere ))(?:(?!\b(?:but|werent|wasnt|didnt|there)\b)[^.!?,])*\bbefore (my |"
               r"the )?(treatment|appointment|session|procedure)\b(?:(?!\bbut\b)[^.!?,])*"),
    re.compile(r"\b(the )?last time i (had|got|did|was)\b[^.!?]*"),
    re.compile(r"\bi (had|got|have had|ve had|used to get)\b[^.!?]{0,50}\b(back in|years? ago|"
               r"months ago|in (19|20)\d\d|last year|as a (kid|child|teen\w*))\b"),
    re.compile(r"\bwhere (the |my )?(redness|swelling|spot|spots|bruise|scab)s? (was|were|"
               r"used to be)\b"),
    re.compile(r"\b(usually|normally|typically|tend to|difference between|risk (that|of)|"
               r"chances? (that|of))\b[^.!?]*"),
    re.compile(r"\b(less|not as|not so|no longer|no more) (\w+ )?(red\w*|pink\w*|swollen|puffy|"
               r"sore|painful|irritated|inflamed|angry)\b( than [^.,;!?]*)?"),
    re.compile(r"\b(when|after) i had (a |an |my )?(botox|fillers?|lip filler|laser|peel|"
               r"tattoo)\b[^.,;!?]*"),
    # Held-out 9: what others said online, with nothing of the patient in the sentence.
    re.compile(r"\b(someone|somebody|people|a (girl|guy|woman|man|lady)) (on|from|in) (\w+ ){0,2}"
               r"(said|says|posted|wrote|claimed)\b(?![^.!?]*\b(my|me|i|im|ive)\b)[^.!?]*"),
    # Someone else's past, unless they are not waking, responding or breathing now.
    re.compile(r"\b(my (mate|friend|sister|brother|mum|mom|mother|dad|partner|colleague|cousin|"
               r"wife|husband|boyfriend|girlfriend|son|daughter)s?|"
               r"someone|she|he) (?:(?!(?:i|im|me|my)\b)\w+ ){0,2}(had|got|gets|ended up|once|"
               r"(fainted|passed out|"
               r"collapsed)(?=[^.!?]*\b" + PAST_STORY + r"\b))\b(?!\W*$)(?![^.!?]*\b(treatment|"
               r"session|appointment|procedure|"
               r"(?<!of )needl\w*|clinic|home|still|now|microneedl\w*|minutes|twice|pale|floppy|"
               r"treated|limp|grey|gray|blue|white|not moving|" + WHERE_THEY_TREATED + r"|"
               + JUST_FAINTED + r"|floor|(isnt|not|"
               r"wont) (\w+ )?(waking|responding|breathing))\b)[^.,;!?]*"),
    re.compile(r"\bmy (husband|wife|boyfriend|girlfriend|son|daughter|aunt|uncle|nan|gran\w*|"
               r"neighbou?r|boss|flatmate|bestie)s? (\w+ ){0,4}(once|as a (kid|child))\b[^.,;!?]*"),
    re.compile(r"\b(her|his|their|my (friend|sister|mum|mom|mother|daughter|son|husband|wife|"
               r"partner|cousin|aunt|colleague|mate|bestie|neighbou?r)s) (face|skin|lips?|throat|"
               r"cheeks?|eyes?) (\w+ ){0,2}(was|were|got|"
               r"went|blistered|swelled|broke out|had)\b(?![^.!?]*\b(all of a sudden|suddenly|"
               r"out of "
               r"nowhere|just now|minutes? ago|right now)\b)(?:(?!\b(?:but|now|she|he|they|i|im|"
               r"my)\b)[^.,;!?])*"),
    re.compile(r"\b(worried|worry|worrying|scared|afraid|nervous|concerned) (about|of) (an? |"
               r"getting |the )?(allergic |bad |severe )?(infection|scarring|scars?|reaction|"
               r"allerg\w*|hives|rash\w*|blisters|cold sores?|faint\w*|passing out)"),
    # A worry about what might happen, not what is: up to four words after the "might", none
    # of them starting a report ("worried it might be infected, theres pus" keeps the pus).
    re.compile(r"\b(worried|worry|worrying|scared|afraid|nervous|concerned)\b[^.!?,]{0,15}\b(might|"
               r"could|would|will|may|itd|id)(?: (?!(?:theres|there|and|but|now|my|i|im|"
               r"its)\b)\w+){1,4}"),
    re.compile(rf"\b(spot|recogni[sz]e|identify|avoid|prevent\w*|reduce|stop|(tell|"
               rf"know) if) (\w+ ){{0,4}}(infection|infected|reaction|allerg\w*|scar\w*|"
               rf"granuloma\w*|{COLD_SORE})"),
    re.compile(r"\b(normal+|known|usual|common|expected|typical) (skin )?reaction"),
    re.compile(r"\b(if|what if|in case) (i|you) (ever |were to )?(got|get|develop\w*)\b[^.,;!?]*"),
    re.compile(rf"\b(prone to|(history|histry|histroy) of|suffer\w* (from|with)|for my|i get|"
               rf"i usually get|i often get) (\w+ )?{COLD_SORE}|\bi (have|"
               rf"get) {COLD_SORE}( \w+){{0,3}} (sometimes|often|a lot|occasionally|"
               rf"from time to time|now and then)\b"),
    re.compile(r"\b(i|do i|if i|cos i|because i) (\w+ )?(scar|keloid)\b( scar\w*)?|"
               r"\bprone to (\w+ )?(scar\w*|keloid\w*)"),
    re.compile(r"\b(acne|old|existing|keloid|keliod|keloidal|pitted|boxcar|icepick|appendix|"
               r"appendectomy|operation|surgery|surgical|caesarean|cesarean|section|chickenpox|"
               r"pox|knee|tummy|belly|tattoo|piercing) scar\w*|"
               r"\b(tattoo|piercing) (\w+ )?scarred\b|\bscars? from (acne|spots|chicken ?pox|"
               r"pimples|an? (accident|burn|cut|fall|op\w*))|"
               r"\bscar\w* (improve|better|fade|results?)|"
               r"\bfor (\w+ )?scar\w*|\bmy scars?\b(?! from| (look|looks|are|got|getting|seem|"
               r"seems) (\w+ )?(worse|deeper|bigger))|\b(did|treated|treating|done) (the |my |"
               r"her |his )?"
               r"scars\b|\bscars? (look|looks|are|seem|seems) (the same|no different|unchanged)\b"),
    re.compile(r"\b(will|would|could|can|does|do|might) (\w+ ){0,4}(leave|cause) (a |any |"
               r"me )?(\w+ )?scar\w*|\b(will|would|could|can|does|might) (\w+ ){0,3}scar (me|my|"
               r"you)\b"),
    re.compile(r"\b(mascara|eyeliner|kohl|lashes) eyes?\b|\beyes? (mascara|kohl|eyeliner)\b|"
               r"\beye ?(cream|serum|gel|patch\w*|bags|make ?up|liner|shadow|lash\w*|brows?|"
               r"appointment|test|exam|check\w*|doctor)\b"),
    re.compile(r"\b(water|shower|bath|room|washing) (temp|temps|temperature)\b|\b(temp|temps|"
               r"temperature) (of )?(the )?(water|shower|bath|room)\b|\bwhat (temprature|"
               r"tempreture|temp|temperature) (water|should)\b|\bbreath\w* a sigh\b|"
               r"\ballerg\w* prone\b|\bis it true\b[^.!?,]*"),
    re.compile(r"\b(fake|spray) tan\b|\bchain reaction\b"),
    re.compile(r"\b(keep|keeping|kept) (an |a close )?eye (out|on)\b"),
    re.compile(r"\b(suspense|waiting|wait|results?|prices?|cost|mortgage|bill|days off|time off|"
               r"no gym|boredom|stubble|itch)\b (\w+ ){0,2}(is |"
               r"are )?killing me\b|\bfever dream\b|\blump sum\b|\bstreak of \w+ hair\b|"
               r"\b\w+ with (excitement|impatience|anticipation|joy|relief|laughter)\b|"
               r"\bjaw (\w+ )?(hit|dropped to) the floor\b|\b(wallet|bank|account|purse|"
               r"bank balance)\b (\w+ ){0,2}(is |are )?\w+|\beyes? (water|watered|"
               r"stream\w*) when i (chop|cut|peel)\w* onions?\b|"
               rf"{SENTENCE_START}[^.!?]*\b(laughing|laughed) so (hard|much)\b[^.!?,]*|"
               r"\beye (drops?|masks?)\b|"
               r"\bsleep masks?\b|\beyes (are )?glued\b|\beyes (popped|watered|water)\b|"
               r"\b((nearly|almost) (fainted|died|cried) )?at how good\b"),
    re.compile(r"\b(temp|temps|temperature)\w*:? (is |of |was |at )?3[4-7](\.\d)?\b"),
    re.compile(r"\b(had|was|got) (a |an |the )?(bad )?(fever|flu|temperature|temp|infection|"
               r"cold sore|fainting spell|faint|reaction|allergic reaction|rash|hsv|herpes|"
               r"outbreak)\w* (\w+ ){0,4}(last(?! night| few)|before|"
               r"ago|in the past|years?|months?|once|back then|at the time|in (january|february|"
               r"march|april|may|june|july|august|september|october|november|december|spring|"
               r"summer|autumn|winter)|in the (spring|summer|autumn|winter)|at (christmas|"
               r"easter))\b"),
    re.compile(r"\bi (had|got) (\w+ ){0,6}(once|years back|long gone|gone now|fine now)\b"),
    # Held-out 9: the signs of an infection asked about, misspelt ("signs of infecton").
    re.compile(r"\b(signs?|sings|symptoms?|simptoms?) of (an? )?(infect\w*|allerg\w*)\b"),
    # The sixth batch of warning examples' ordinary messages: conditionals, someone else, the
    # past, idioms.
    re.compile(r"\bif (i|my|you|it|the|someone) (\w+ ){0,2}(wake|woke|notice\w*|saw|see|spot\w*|"
               r"couldnt|cant|hit|hits|came|come|comes)\b[^.,;!?]*|\b(lets|let us) say\b[^.!?,]*|"
               rf"{SENTENCE_START}\W*say (my|the|i|it|that|you)\b[^.!?,]*"),
    re.compile(r"\b(video|post|article|reel|tiktok|story) (of|about|from|with) (someone|somebody|"
               r"a (girl|woman|guy|man|lady))\b[^.!?,]*|\b(says|said) (her|his|their) (face|skin|"
               r"lips?|cheeks?|eyes?) (\w+ )?(was|were|went|got|had|oozed|swelled|blistered|peeled|"
               r"broke out)\b[^.!?,]*|\b(the|a|another) (lady|woman|man|guy|girl|patient|"
               r"person|client) (before|after|next to|in front of) me\b[^.!?]*|\b(says|said|"
               r"told me) (that )?(you|people|everyone) (always|usually|often|normally)\b[^.!?,]*"),
    re.compile(rf"{CLAUSE_START}[^.!?,]*\b(turned out|turns out) to be (?!(just |only )?(an? )?"
               r"(infect\w*|pus|cold sores?|herpes|allerg\w*|reaction|abscess\w*|blister\w*|"
               r"scar\w*|granuloma\w*|cellulitis|hives))[^.!?,]*|"
               r"\bbefore (christmas|easter|the summer|my holiday)\b"),
    re.compile(r"\bso (good|amazing|happy|shocked|excited|gorgeous|great)\b[^.!?,]{0,20}\b(nearly|"
               r"almost) (faint\w*|passed out|died|cried)|\bsight for sore eyes\b|\booz\w* "
               r"(with )?(emails|charm|confidence|messages)\b|\b(weather|film|movie|song|story|"
               r"news)\b[^.!?,]{0,20}\b(giving|gave|gives) me (the )?chills\b"),
    # The seventh batch's ordinary messages: a list of signs answered "none", a sign on a hand
    # or a leg, others' illnesses in passing, questions and conditionals, idioms.
    re.compile(r"[^.!?]*:\s*(none|zero|not one|none of (those|them|that)|nope|no|nil)\b[^.!?]*|"
               r"\b([a-z ]{1,40}\? ){1,4}(me\? )?(doesnt (look|seem) like it|dont think so|nope|no|"
               r"none|nah|not really|not at all)\b(?! (idea|clue))|\b(blisters?|cuts?|grazes?|"
               r"bruises?|"
               r"scabs?|splinters?|lumps?|burns?|bumps?) (\w+ ){0,3}(on|from) (my |the |his |her )?"
               r"(little |big )?(forearms?|wrists?|palms?|shins?|ankles?|fingertips?|"
               r"toes?)\b[^.!?,]*|"
               r"\brash\w* (\w+ ){0,3}from (my |a |the )?(new )?(watch|strap|bracelet|ring|"
               r"necklace|"
               r"earrings?|belt|jeans|detergent)\b|\b(tennis|golfers) elbow\b[^.!?,]*|\bdarker "
               r"skin\b|\b(skin of colou?r|dark skin|black skin|brown skin)\b|\bwhat (colou?r|kind|"
               r"type|sort)\b[^.!?,]*\b(bad|worrying|dangerous) (kind|one|ones|sort|type)\b|"
               rf"{CLAUSE_START}[^.!?,]*\b(after|from) (her|his|their) (cataract|eye|"
               rf"laser eye) (op|"
               r"operation|surgery)\b[^.!?,]*"),
    re.compile(r"\b(my|her|his|our) (\w+ ){0,2}(is|was) (in|at) (a ?& ?e|a and e|hospital|the "
               r"er)\b[^.!?]*|\b(my|our|the) \w+ (is|are|was) off (work |school |sick )?(with|"
               r"sick)\b[^.!?,]*|\bhand,? foot,? (and|&) mouth\b[^.!?]*"),
    re.compile(r"\b(if|when) (i|ive|im|my|you|it|the|a|someone|anyone|people|swelling|redness) "
               r"(\w+ ){0,2}"
               r"(ran|run|start|starts|appears?|appeared|blistered|blisters|spreads?|goes|got)\b"
               r"[^.,;!?]*|\bin (the event|case) (that )?(i|my|the|it|you)\b[^.,;!?]*|"
               r"\bshould (it|i|my \w+) (start|get|develop|begin|turn)\b[^.,;!?]*|\bwere i to\b"
               r"[^.,;!?]*|\b(describe|describing)\b[^.!?,]*|\b(should|do) i (need to |"
               r"be )?(check\w*|"
               r"test\w*|monitor\w*|watch\w*) (for|my)\b[^.!?,]*|\b(which|what) (symptoms?|signs?) "
               r"count\b[^.!?]*|\bis there a \w+ i should\b[^.!?]*|\bwhat (is|are) (a |an )?"
               r"(granulomas?|hives|cellulitis|track marks|red streaks)\b[^.!?]*"),
    re.compile(r"\b(eyes? (\w+ )?)?(popped|pop) out of my head\b|\booz\w*\b[^.!?,]{0,30}"
               r"\bconfidence\b|\b(heatwave|heat|weather)\b (\w+ ){0,2}(is )?killing me\b"),
    # Held-out 13: the odd cold sore, the only thing crusty round here, a lump in the throat from
    # nerves.
    re.compile(rf"\b(get|have) the odd {COLD_SORE}|"
               r"\bthe only thing \w+ (a?round|in) here\b[^.!?,]*|"
               r"\blump in (my|the) throat\b[^.!?,]{0,20}\b(nerves|nervous|emotion\w*|crying|"
               r"sad)\b"),
    # Held-out 12: a cold sore history, nearly fainting at how good, blurry photos, collapsed on
    # the sofa, chills from the air con, said to look feverish.
    re.compile(rf"\b{COLD_SORE} history\b|\b(nearly|almost) (fainted|died|cried)\b"
               r"[^.!?,]{0,30}\b(how good|so good|amazing|gorgeous)\b|\bblurr\w* (photos?|"
               r"pictures?|pics?|selfies?|"
               r"images?|camera)\b|(?<!pale and )(?<!grey and )(?<!white and )\bcollapsed (on|"
               r"onto) (the |my )?(sofa|couch|bed)\b|"
               r"\bchills from (the )?(air ?con|aircon|air conditioning|cold|ac|fan|weather)\b|"
               r"\bi (looked|look) like i (had|have) (a |an )?\w+ but\b"),
    # Held-out 11: purging or a reaction, streaks that were hair dye, an eye on the prize, the
    # biggest fear.
    re.compile(r"\b(purging|normal|breakout|clogg\w*) or (a |an )?(allergic reaction|reaction|"
               r"allerg\w*|infection)\b|"
               rf"{CLAUSE_START}[^.!?,]*\b(were|was|are|is) (just )?(my |the |"
               rf"from )?(new )?(hair ?dye|"
               r"dye|lipstick|makeup|fake tan|self tan|ink|pen|wine|ketchup|jam|paint)\b[^.!?,]*|"
               r"\beye on the prize\b|\b\w+ (was|is) my (biggest |main |only |one )?(fear|worry|"
               r"concern)\b"),
    # Held-out 10: a blister from new shoes, pus-free, hoarse from the football, a complaint
    # that has gone.
    re.compile(r"\b(blisters?|cuts?|grazes?|bruises?|scabs?|splinters?) (\w+ ){0,2}(on|from) (my |"
               r"the )?(heels?|feet|foot|toes?|hands?|fingers?|thumbs?|knees?|elbows?|"
               r"(new )?(shoes?|boots?|trainers|sandals))\b[^.!?,]*|"
               r"\b(pus|scab|crust|blister|rash|pain|itch|redness|swelling)s? free\b|\b(voice\w*|"
               r"hoarse|croaky)\b[^.!?,]{0,30}\bfrom (screaming|shouting|singing|cheering|yelling|"
               r"karaoke|a cold)\b|\b(pain|swelling|redness|soreness|itch\w*|stinging|tightness|"
               r"puffiness|bruis\w*|rash)\b (has |have |is |are )?(now )?(totally |completely |"
               r"all |pretty much |mostly |almost )?(gone|cleared( up)?|settled( down)?|"
               r"disappeared|vanished)\b(?! (up|worse|red|yellow|past|over|beyond|hard|hot|bad|"
               r"green|darker|crusty|weird|funny|purple|black|white))"),
    # Held-out 14 and 15: what would be a sign that, the difference between, would X be an
    # emergency, used to get, a complaint that went down or lasted and went, taking longer, the
    # crust that is just blood, someone who says it looks infected but it is just the redness,
    # a pet, a relative who fainted during theirs.
    re.compile(rf"\bwhat (would|could|might) be (a|the) (sign|symptom)s? (that|of)\b[^.!?]*|"
               rf"\b(whats|what is) the diff\w* between\b[^.!?]*|\b(would|could|does|do|is|are) "
               rf"(\w+ ){{1,3}}be (an? )?(emergency|urgent|serious|dangerous|a (problem|worry|"
               rf"concern))\b[^.!?]*|\bused to (get|have|suffer from)\b{UNTIL_NOW}*|"
               rf"\b(swelling|redness|puffiness|soreness|pain)\b (has |had )?(went|gone|come|came) "
               rf"down\b(?![^.!?]*\b(but|then|now|again|back|worse|still)\b)[^.!?]*|"
               rf"\b(lasted|was there for) (\w+ ){{0,3}}(days?|hours?) and (then )?(went|faded|"
               rf"disappeared|cleared)\b|\btaking (\w+ ){{0,2}}longer (than|to)\b[^.!?,]*|"
               rf"\b(crust\w*|scabs?|flakes?)\b[^.!?]{{0,15}}\b(is|are|s) (just|only) (\w+ ){{0,4}}"
               rf"(dried )?blood\b[^.!?]*|\b(says|said|thinks|thought) (\w+ ){{0,2}}(looks?|is|"
               rf"seems?) (\w+ )?(infected|swollen|bad)\b[^.!?]{{0,20}}\bbut (its|it is|thats) "
               rf"(just|only)\b[^.!?]*|\b(my |the |our )?(dog|cat|puppy|kitten|pet|hamster|rabbit|"
               rf"horse|parrot|guinea pig)s? (\w+ ){{0,2}}(is|are|has|have|got)\b[^.!?,]*|"
               rf"\bfainted (during|at|in) (hers|his|theirs)\b[^.!?]*"),
    # The tenth batch's ordinary messages: what a sign is, whether it can scar or reach the eyes,
    # an old clinic or the last session, a video, a relative who has it while the patient is fine.
    re.compile(r"\bwhat (is|are|s) (a |an )?(red )?(streak\w*|blister\w*|abscess\w*|granuloma\w*|"
               r"cellulitis|hives|welts?|crust\w*|pus)\b[^.!?,]*|\bwhat (is|are|"
               r"s) (\w+ ){1,2}(crust\w*|"
               r"streak\w*|blister\w*)\b[^.!?,]*|\b(can|could|will|would|does) (it|this|that|"
               r"microneedling) (\w+ )?(scar|(affect|harm|damage|hurt) (my |the |your )?(eyes?|"
               r"vision|"
               r"sight))\b|\b(call|ring|phone) [^.!?]{0,25}\bif (my|i|it|the)\b[^.!?,]*|\b(temp|"
               r"temperature)\b[^.!?]{0,30}\b(3[0-6](\.\d)?|37(\.[0-4])?|9[0-8](\.\d)?)\b|"
               r"\b(my )?(old|previous|other) (clinic|salon|therapist|place)\b[^.!?]*|\b(last|"
               r"previous) (session|time|treatment),? (i|we) (had|got)\b[^.!?,]*|\b(saw|watched|"
               r"seen) (a |an |this )?(tiktok|video|reel|post|youtube|insta\w*|story)\b[^.!?]*|"
               r"\b(my|her|his) (\w+ )?(son|daughter|husband|wife|partner|mum|mom|dad|sister|"
               r"brother|"
               r"friend|cousin|aunt\w*|uncle)s? [^.!?]{0,60}\b(but |, ?)?(me )?(im|i am|me) (fine|"
               r"ok|okay|good|nothing|alright)\b"),
    # Held-out 16 and 17: for general knowledge, "what mean", "is possible", what the leaflet
    # says, and a colour that is just the sunscreen.
    re.compile(rf"\bfor (general |my own )?(knowledge|interest|curiosity)\b[^.!?]*|\bwhat (does |"
               rf"do )?"
               rf"mean\b[^.!?]*|\bis possible (to|that)\b[^.!?,]*|\bis (\w+ ){{1,4}}possible (from|"
               rf"after|with)\b[^.!?]*|\b(leaflet|paper|sheet|booklet|instructions|website|email|"
               rf"card) "
               rf"(say|says|said)\b[^.!?,]*|{CLAUSE_START}[^.!?,]{{0,60}}\b(is|are|was|s) (just|"
               rf"only) (the |my |some )?(\w+ ){{0,2}}(sunscreen|spf|makeup|foundation|cream|serum|"
               rf"moisturi[sz]er|balm|concealer|ointment|vaseline|aquaphor)\b[^.!?]*"),
    # Held-out 18 and 19: a complaint said to be all gone now, dark skin's darker flush.
    re.compile(rf"{SENTENCE_START}(?![^.!?]*\b(pus|ooz\w*|weep\w*|crust\w*|fever|blister\w*|"
               rf"streak\w*|yellow)\b)[^.!?]{{0,80}}\bbut (its|it is|theyre|they are|thats|it has) "
               rf"(all |completely |totally )?(gone|cleared( up)?|settled( down)?|fine|better|"
               rf"back to normal)( now)?\b|\b(dark|darker|brown|black|deep|olive) (skin|skinned|"
               rf"complexion)\b|\bdarker flush\b|\b(redness|red|it|colour|color) (is )?(hard|"
               rf"difficult|harder) to see\b"),
    # The twelfth batch's ordinary messages: how high it must be, one thing versus another,
    # what counts or is considered, signs asked for, "if pus comes", how to tell the
    # difference, before the first session, an infection elsewhere, a worry about the future
    # or with the skin said to look fine.
    re.compile(r"\bhow (high|bad|big|long|much|red|swollen|hot) (does|do|should|would|must|has|"
               r"have) (a |an |the |my )?\w+ (have to |need to |got to )?(be|get|go|last)\b[^.!?,]*"
               r"|\bwhat (\w+ ){0,3}(would|could|should|do|does|might) (count|be considered|"
               r"qualify) as\b[^.!?,]*|\bwhat (is|s|are) considered\b[^.!?,]*|\bif (pus|fever|"
               r"swelling|redness|blisters?|hives|crusts?|bleeding|a rash) (comes?|appears?|"
               r"starts?|"
               r"happens?|shows? up)\b[^.!?,]*|\b(how|what) (to|do i|can i|is the|s the) (see |"
               r"tell |know )?(the )?difference\b[^.!?]*"),
    re.compile(rf"{SENTENCE_START}(?![^.!?]*\b(pus|ooz\w*|weep\w*|crust\w*|fever|blister\w*|"
               rf"streak\w*|yellow|breath\w*|swallow\w*|faint\w*)\b)[^.!?]*\b(versus|vs)\b[^.!?]*|"
               rf"{SENTENCE_START}[^.!?]*\b(signs|"
               rf"symptoms) (please|"
               rf"pls|plz)\b[^.!?]*|\bbefore (my|the) (very )?(first |last )?(session|treatment|"
               rf"appointment|microneedling)\b[^.!?,]*|\bi had (a |an )?(chest|ear|throat|eye|"
               rf"tooth|urine|urinary|bladder|sinus|kidney|water|stomach|"
               rf"tummy) infection\b(?![^.!?]*\b("
               rf"since|after) (the|my) (treatment|session|microneedl\w*))[^.!?]*|"
               rf"\b(his|her|their|my|a) (\w+ )?(shellfish|nut|peanut|food|drug|penicillin|latex|"
               rf"pollen|bee|wasp) allerg(y|ies)\b|\blike (a )?(shave|shaving|razor) rash\b|"
               rf"\b(puffiness|swelling|redness|pinkness|soreness|pain) (has |had )?(went|"
               rf"gone|disappeared|vanished|cleared|settled) (down )?(overnight|away|completely)\b|"
               rf"\bat my (last|previous|first) (session|treatment) in (january|february|march|"
               rf"april|"
               rf"may|june|july|august|september|october|november|december|(19|20)\d\d)\b[^.!?]*|"
               rf"{SENTENCE_START}[^.!?]*\bwhen (we|i|they|she|he) (was|were) (kids|children|"
               rf"little|young|small|teens|teenagers|at school)\b[^.!?]*"),
    re.compile(rf"{SENTENCE_START}(?![^.!?]*\b(pus|ooz\w*|weep\w*|crust\w*|fever|blister\w*|"
               rf"streak\w*|yellow|hives|breath\w*|swallow\w*|faint\w*)\b)[^.!?]*\b(worried|"
               rf"fretting|scared|afraid|anxious|paranoid|nervous)\b[^.!?]*\b(looks?|seems?|"
               rf"feels?) (ok|okay|fine|normal|good|alright)( though)?\b[^.!?]*|\b(anxious|worried|"
               rf"scared|nervous|paranoid|afraid|fretting) (about|of) (getting|developing|catching|"
               rf"having) (a |an )?\w+( \w+)?\b|\b(worried|anxious|scared) about [^.!?,]{{0,30}}"
               rf"\bbut (theres|there is|there are) nothing\b"),
    # Held-out 20's and 21's first runs: can it make one come back, list the symptoms, how it
    # looks like, "is true", long ago, fainting once when giving blood, will it make me faint,
    # a nurse who checked, a sign that stopped, do blisters mean, is it a sign of, someone
    # who thinks it's infected but, a cold sore that has cleared, a spot that is fading.
    re.compile(r"\bcan (\w+ ){0,2}(make|cause|trigger|bring) (\w+ ){0,4}(come back|return|flare"
               r"( up)?|appear)\b[^.!?,]*|\b(list|tell me|what are) (the |all )?(simptoms|symptoms|"
               r"signs|sings)\b[^.!?]*|(?:^|(?<=[.!?]))\W*how (\w+ ){0,2}looks? like\b[^.!?]*|"
               r"(?<!it )"
               r"\bis true\b[^.!?,]*|(?<!not )(?<!so )\b(long ago|a long time ago)\b[^.!?,]*|"
               r"\bi (once )?(fainted|passed out|collapsed|"
               r"blacked out) (once )?(when|after|at|during) (i )?(gave|giving|had|having|getting|"
               r"got) (blood|a blood test|an injection|a jab|my jabs?|vaccin\w*)\b[^.!?,]*|\b(will|"
               r"would|could|can|might) (the )?(needles?|it|this|treatment|microneedling) make me "
               r"(faint|pass out|collapse)\b[^.!?,]*"),
    re.compile(rf"{SENTENCE_START}[^.!?]*\b(nurse|doctor|clinic|they) (checked|looked|said)\b"
               rf"[^.!?]*\b(only|just) (a |an )?(normal|regular|ordinary|small)\b[^.!?]*|"
               rf"\b(weeping|"
               rf"oozing|bleeding|leaking|crusting) (has |had )?(stopped|dried up)\b|\b(do|"
               rf"does) (\w+ ){{1,2}}mean\b( \w+){{0,2}}|\b(thinks|says|reckons) (it|its|it is|"
               rf"it looks|its looking) "
               rf"(\w+ )?infected\b[^.!?]*\bbut\b|\b(the |my )?{COLD_SORE}\b[^.!?,]{{0,30}}\b(has|"
               rf"have|is|was) (all )?(cleared( up)?|gone|healed)\b|\b(spots?|bumps?|pimples?)\b"
               rf"(?![^.!?]{{0,30}}\b(not|isnt|arent|never|wont)\b)[^.!?]{{0,30}}\b(fading|going "
               rf"down|getting smaller|healing)\b"),
    # FAQ phrasings in English as a second language: "how I can know", what symptoms would
    # mean, everyone in my family has it.
    re.compile(r"\bhow (i|you|u) (can|could|will) (tell|know|spot|see)\b[^.!?,]*|\bwhat (\w+ ){0,5}"
               r"(would|could|might|does|do) (mean|indicate|suggest)\b[^.!?,]*|\b(in my family|"
               r"my family|everyone in my family|all my family)\b[^.!?,]*"),
    # Last, so that the patterns above still see what it blanks: "I had a fever the week
    # before my appointment".
    re.compile(r"\b(week|day|days|weeks|month)s? before (my |the )?(appointment|treatment|session|"
               r"procedure)\b[^.!?]*"),
]
@dataclass(frozen=True)
class Triage:
    urgency: Urgency
    reason: str | None = None


def _normalise(text: str) -> str:
    """Lower case, no apostrophes, the eye emoji as the word, other emoji as spaces ("i get 👄
    cold sores"), and a decimal point as a middle dot, since "38.7" ends no sentence."""
    text = text.lower().replace("\u2019", "'").replace("'", "").replace("-", " ")
    text = text.replace("\U0001f441", " eye ")
    text = re.sub(r"(\d)\.(\d)", "\\1\u00b7\\2", text)
    text = "".join(" " if unicodedata.category(c) in SYMBOLS else c for c in text)
    return re.sub(r"\s+", " ", text)


def _negated(text: str, start: int) -> bool:
    """Is the sign at `start` said under a negation in its own clause?"""
    before = text[:start]
    clause = CLAUSE_BREAK.split(before)[-1] if CLAUSE_BREAK.search(before) else before
    words = WORDS.findall(clause)[-NEGATION_WINDOW:]
    if any(w in NEGATORS for w in words):
        return not UNSURE.search(" ".join(words))
    return False


@lru_cache(maxsize=256)
def _read(text: str) -> tuple[str, frozenset[re.Pattern[str]]]:
    """The normalised words and the sign patterns they match: read once per message, though
    the answerer asks `triage` and then `ruled_out` about the same one."""
    words = _normalise(text)
    return words, frozenset(p for p, literals in _SIGN_LITERALS
                            if may_match(literals, words) and p.search(words))


# What each mask's matches must contain: most masks cannot match a given message, and finding
# that out from their words is far cheaper than a search.
_GENERAL_LITERALS = [(general, required_literals(general)) for general in GENERAL]


@lru_cache(maxsize=256)
def _general_masked(text: str) -> str:
    for general, literals in _GENERAL_LITERALS:
        if may_match(literals, text):
            text = general.sub(lambda m: " " * len(m.group(0)), text)
    return text


def _hits(patterns: list[re.Pattern[str]], text: str, masked: str) -> list[re.Match[str]]:
    """Signs found in `masked` (the text with general questions blanked), not negated: each
    pattern's first such match. A negated match is looked for again a character on, since a
    longer one can hide a sign after it ("not painful, but still swollen")."""
    found = []
    for pattern in patterns:
        start = 0
        while (match := pattern.search(masked, start)) is not None:
            if not _negated(text, match.start()) and not FINE_AFTER.search(text[match.end():]):
                found.append(match)
                break
            start = match.start() + 1
    return found


_RULED_OUT_CHECK = [*_EMERGENCY, *_URGENT, WORSENING, HOT_SKIN, LASTING]
_ANY_SIGN = [*_RULED_OUT_CHECK, LATE_BUMPS]
# A sign pattern is looked for at once when its literals are many: on the dev sets, checking
# more than a dozen or so cost more than the searches it saved.
_FEW_LITERALS = 16
_SIGN_LITERALS = [(sign, literals if literals and len(literals) <= _FEW_LITERALS else None)
                  for sign in _ANY_SIGN for literals in [required_literals(sign)]]
# Redness, swelling, soreness and stinging are expected in the first days, and only the rules
# know the day: in those days a message about them is theirs to call.
_EXPECTED_EARLY = re.compile(COMPLAINT)


def _day_from_text(text: str) -> int | None:
    """The latest recovery day the message names as now: "day 6 is worse than day 3" is day 6,
    and "over a week later" more than the week it also says."""
    days = [SAID_LONG_AGO[m.group(1)] for m in _SAID_LONG_AGO.finditer(text)]
    if SAID_TODAY.search(text):
        days.append(0)
    days += [int(today) - int(then) for then, today in DATES_SAID.findall(text)
             if int(today) > int(then)]
    days += [(_count(week) - 1) * 7 + 1 for week in WEEK_SAID.findall(text)]
    for match in DAY_IN_TEXT.finditer(text):
        if match.group(1):
            if not COMPARED_DAY.search(text, 0, match.start()):
                days.append(_count(match.group(1)))
            continue
        for number, unit in ((match.group(2), match.group(3)), (match.group(4), match.group(5)),
                             (match.group(6), match.group(7)), (match.group(8), "month"),
                             (match.group(9), match.group(10))):
            if number:
                days.append(_count(number) * {"w": 7, "m": 30}.get(unit[0], 1))
                break
    return max(days, default=None)


def _count(number: str) -> int:
    return int(number) if number.isdigit() else WORD_NUMBERS.get(number, 1)


def triage(text: str, day: int | None = None) -> Triage:
    """The most serious level the message's words call for, on this recovery day."""
    # Blanking general questions can only remove signs, never add them: only the patterns
    # found in the whole text are looked for again in the masked one.
    words, found = _read(text)
    if not found:
        return Triage("none")
    masked = _general_masked(words)
    emergency = _hits([p for p in _EMERGENCY if p in found], words, masked)
    if emergency:
        return Triage("emergency", emergency[0].group(0).strip())
    urgent = _hits([p for p in _URGENT if p in found], words, masked)
    if urgent:
        return Triage("urgent", urgent[0].group(0).strip())
    said_day = _day_from_text(words)
    days = [d for d in (day, said_day) if d is not None]
    known_day = max(days) if days else None
    past_first_days = known_day is None or known_day >= WORSENING_FROM_DAY  # unsure: escalate
    if past_first_days and _hits([WORSENING], words, masked):
        return Triage("urgent", "getting worse after the first days")
    if past_first_days and _hits([HOT_SKIN], words, masked):
        return Triage("urgent", "skin hot after the first days")
    if _hits([LASTING], words, masked) and known_day is not None and known_day > LASTING_AFTER_DAY:
        return Triage("urgent", "still there after a week")
    if (_hits([LATE_BUMPS], words, masked) and known_day is not None
            and known_day >= LATE_BUMPS_FROM_DAY):
        return Triage("urgent", "bumps weeks after the treatment")
    return Triage("none")


def ruled_out(text: str) -> bool:
    """Did the rules weigh something here and find no sign: a negation, a general question or
    someone else's story blanked out, or a sign's words? A second opinion that reads neither
    negation nor stories (the warning model) needs more to overrule that."""
    words, found = _read(text)
    return (_general_masked(words) != words or not NEGATORS.isdisjoint(WORDS.findall(words))
            or not found.isdisjoint(_RULED_OUT_CHECK))


def expected_early(text: str, day: int | None) -> bool:
    """A complaint expected on this day: redness or soreness in the first days, bumps (a
    breakout) before they could be late ones. Only the rules know the day, so the call is
    theirs alone."""
    if day is None:
        return False
    words = _read(text)[0]
    return ((day < WORSENING_FROM_DAY and _EXPECTED_EARLY.search(words) is not None)
            or (day < LATE_BUMPS_FROM_DAY and LATE_BUMPS.search(words) is not None))
