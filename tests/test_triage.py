"""Warning signs: escalated at the right level, not under negation, by recovery day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from messages.answering import Answerer
from messages.catalog import load_catalog
from messages.render import Recipient
from messages.triage import ruled_out, triage

BENCH = Path(__file__).resolve().parents[1] / "bench"
RECIPIENT = Recipient("Ann", "Glow Clinic", "020 7946 0000", date(2026, 11, 21))


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer.from_catalog(load_catalog())


@pytest.mark.parametrize("text", [
    "my throat feels tight and i cant breathe properly",
    "tongue is swelling up",
    "hives all over my arms and chest",
    "I fainted after washing my face",
    "cant breath 😰",
    "struggling to swallow and my lips are huge",
    "my tongues gone all puffy and thick",
    "throats closing up i think",
    "lips are ballooning by the second",
    "my voice has gone croaky and my face is swelling",
    "hives evrywhere on me after the serum",
    "my mouth swelled up within minutes of the serum",
    "breathing feels really hard tonight",
    "itchy rash everywhere on my back and belly",
    "could someone help i cant breathe",
    # From the third batch of warning examples: other words for the same signs.
    "my tongue feels too big for my mouth",
    "top lip keeps getting bigger",
    "itchy weals up both arms",
    "it hurts to swallo",
    # From held-out 6's first run.
    "my whole face is ballooning by the minute",
    "face puffing up really fast, within minutes of the cream",
    "lips swelling shut so quickly",
    "I nearly dropped in the shop, went all lightheaded",
    "something is off with my throat, it feels like it is getting tighter",
    "my jaw is swollen and it aches to swallow",
    # From the fourth batch of warning examples: emergencies in other words.
    "a squeaky sound in my chest every time I breathe",
    "I'm fighting for air",
    "feels like breathing through a straw",
    "my throat feels like it is narrowing",
    "my tongue's too big, I'm slurring",
    "my eyes are swelling shut",
    "my lips are puffing out more every minute",
    "raised itchy lumps all over my arms and legs",
    "I woke up on the floor of the bathroom",
    "my legs gave way and I'm seeing stars",
    "grey and sweaty and my heart is racing",
    "my lips look a little bit blue",
    "she is really confused and not making sense",
    # From held-out 7's first run.
    "sudden breathlessness since the serum",
    # From held-out 8's first run.
    "my lips are swelling up rly quick",
    "so lightheaded and my heart is pounding since the reaction began",
    "he cant remember what day it is",
    # From held-out 9's first run.
    "whole body covered in raised itchy patches",
    "her breathing has gone really noisy",
    "she went down on the floor and woke up muddled",
    # From the fifth batch of warning examples.
    "it feels like a fist in my throat",
    "my throat feels a little bit tight",
    "swallowing feels weird since the cream",
    "I came over all faint in the car",
    "itchy raised blotches spreading over my chest and back",
    # From the sixth batch of warning examples.
    "breathing feels like sucking air through a thin straw",
    "my airway is narrowing",
    "my throat feels squeezed",
    "the inside of my mouth is puffing up",
    "it's getting difficult to speak",
    "i can barely even swallow",
    "my tongue is like a wet sponge",
    "my lips keep growing bigger",
    "my eyes are nearly shut",
    "my arms are covered in itchy red welts",
    "I kept going grey and dizzy",
    "had to lie on the floor till it passed",
    "my sister says I passed out for a minute",
    # From held-out 10's first run.
    "she fainted and is not responding",
    "my eyelid area has puffed up shut",
    # From the seventh batch of warning examples.
    "it's like breathing through a damp towel",
    "it feels like a hand closing around my throat",
    "swallowing is like getting a marble down",
    "the roof of my mouth is puffing up",
    "my tongs swelling",
    "my tongue is like a slug",
    "my lips are fatter than ten minutes ago",
    "my face is swelling like bread dough left to rise in a warm oven, all within minutes",
    "like nettles all over my body",
    "itchy bumps on all my body",
    "all of my body is itching and raised",
    "I came round on the bathroom floor",
    "I fall down in the kitchen",
    "confused and shaky",
    "I can't think straight",
    "can't get my words out",
    "I am confuse",
    "my son has hives all over since his treatment",
    # From held-out 11's first run.
    "she dropped to the floor in the kitchen",
    "he's come round now but is pale",
    "my lips have doubled in the past hour",
    # From held-out 12's first run.
    "he isn't making any sense",
    "she's drowsy and confused",
    "an asthma attack since the cream",
    "my inhaler isn't helping",
    # From the eighth batch of warning examples.
    "lips swelling help",
    "throat is shut",
    "swallowing won't work",
    "the air won't go in",
    "not getting enough air",
    "breathing is weird",
    "my throat feels twice its size",
    "am I able to swallow, I cant",
    "I can barely finish a sentence",
    "I can't keep her awake",
    "he's hard to wake",
    "she keeps nodding off",
    "he's mumbling",
    "she's having a fit",
    "a seizure just now",
    "her eyes rolled back",
    "he went stiff",
    "she's not answering me",
    "he's talking gibberish",
    "his words are jumbled up",
    "she keeps asking where she is",
    "I can't stand up straight",
    "he's confused",
    "my daughter passed out and is pale",
    "my boyfriend has fainted twice",
    "my flatmate had a seizure",
    # From held-out 13's first run.
    "my lips blew up within minutes",
    "breathing is odd and tight",
    "totally disoriented",
    "not sure what day it is",
    # From the ninth batch of warning examples.
    "his breathing is very quick and shallow",
    "I no fit breathe well",
    "my throat dey close small small",
    "I can't get any water down",
    "like I swallowed a tennis ball",
    "look at her face, ten minutes ago it was normal",
    "my lips are puffing up and it's only been a couple of minutes",
    "lipps swelin fast",
    "my whole body's come up in lumps",
    "I faint for bathroom",
    "my partner found me on the floor, I'd blacked out",
    # From the tenth batch of warning examples: short and plain, someone else now.
    "he fainted",
    "my dad collapsed",
    "my wife has just passed out on the floor",
    "no air",
    "his face has swollen up very suddenly",
    "my body is full of itchy bumps",
    # From the eleventh batch of warning examples: someone else, now.
    "my son's struggling to breathe",
    "my girlfriend fainted in the bathroom",
    "my dad has collapsed in the garden",
    "her lips swelled a bit all of a sudden",
    "he passed out and he said it was like everything went black",
    # From held-out 18's and 19's first runs.
    "the swelling is spreading across my cheeks so fast",
    # From held-out 16's and 17's first runs.
    "I'm out of breath just lying here",
    "itchy rash on my arms, legs and back",
    "bumps on all body",
    "her face is blowing up very fast",
    # From the twelfth batch of warning examples: plain, second-language and carers' words.
    "no breath, help me",
    "my breathing is not working",
    "is hard for me to take the air",
    "something is closing in my throat",
    "her lips are swelling up in front of me",
    "my mum has hives all over her arms and legs",
    "my dad has been talking nonsense",
    "my wife can't remember my name",
    "she don't know me, she is confuse",
    # From held-out 20's and 21's first runs.
    "my breath dey cut",
    "my lips dey swell",
    "my grandma faint after her microneedling",
    "he went pale and collapsed on the sofa",
])
def test_emergencies(text: str) -> None:
    assert triage(text).urgency == "emergency"


@pytest.mark.parametrize("text", [
    "there's yellow pus on my cheek",
    "some oozing where the needles went",
    "honey coloured crusts on my chin",
    "I have a temperature and chills",
    "red streaks going down my neck",
    "the area is hot to the touch",
    "tiny blisters in a cluster by my lip",
    "i think a cold sore is coming up",
    "hard lumps have come up on my cheek",
    "I can see track marks in lines",
    "my eye is watering and sore",
    "not sure if its pus or a whitehead",
    "the pain is unbearable and ibuprofen isnt helping",
    "feel like im running a fevr tonight",
    "theres a red trail going up my neck",
    "the burning is excruciating",
    "took two nurofen and it did nothing",
    "woke up with a cold sore this morning",
    "little fluid-filled bubbles on my chin",
    "the roller has left tiny dents in my skin",
    "the brown patch creeps further across my jaw",
    "i feel really light-headed",
    "does it mean anything that pus is coming out",
    "a patch by my ear has turned greyish",
    # From the third batch of warning examples: other words for the same signs.
    "there's a funny smell coming from my jaw",
    "my pillow was stained yellow this morning",
    "the spots look like little pustules",
    "I'm achy all over and can't get warm",
    "the glands under my chin are big",
    "pinkish lines running from the treated patch",
    "herpes is back on my top lip",
    "a crop of tiny clear spots near my mouth",
    "little balls under the skin on my forehead",
    "a grid of marks on my cheek",
    "the pain shoots up into my temple",
    "painkillers arent doing much",
    # From held-out 6's first run.
    "there's yellow water coming out of my cheek",
    "the skin around my eye is so puffy I can barely open it",
    "I've got floaters since the session",
    "the skin near my eye is puffy and i see double",
    # From held-out 7's first run.
    "little dents on my cheek that weren't there before my session",
    "a sore came up on my lip, just like the cold sores I used to get",
    "a fever, no joke, 39 tonight",
    # From held-out 9's first run.
    "a cold sore has just come up on my top lip",
    "the needle holes never closed and now there are dips in my cheek",
    "I'm left with pockmarks",
    # From the fifth batch of warning examples.
    "two dots have a creamy cap on them",
    "thick stuff like custard in the spots",
    "the patch by my ear is wet and sticky",
    "a pink thread running down my neck",
    "little domes full of fluid on my chin",
    "it's like grains of rice under the skin of my jaw",
    "new pitts in my cheek",
    "a mottled purple patch that hurts",
    "it's like looking through a foggy window",
    "boiling then freezing all night",
    "used the glycolic by mistake and now it's raw",
    "had the flu jab on monday and now I've got the flu",
    # From the sixth batch of warning examples.
    "a white-yellow middle on one of them",
    "looks like maple syrup dried on my jaw",
    "the pillow had yellow marks on it this morning",
    "I can press cloudy stuff out of a spot",
    "my husband took my temperature, it's 102F",
    "my cheek is like a kettle",
    "still in tears from the pain",
    "I've taken the most paracetamol I can",
    "the soreness keeps me awake",
    # From the seventh batch of warning examples.
    "a bit of yellow came off onto the cotton wool",
    "it smell not good",
    "white things come out of the spots",
    "she's shaking and freezing",
    "I feel achy and rough",
    "the pink is wandering onto my chest",
    "I've come up in a cold sore",
    "lines like a comb was dragged across",
    "it healed with tiny indents",
    "pitts that weren't there before",
    "my cheek is all dimples now",
    "new dents since the session",
    "the scratch marks are still there",
    "a purple patch that's really painful",
    "a bluish patch, not like a normal bruise",
    "my i is watering",
    "everything looks doubled",
    "the paracetamol hasn't helped",
    "the pain is there even after ibuprofen",
    "the pain is really bad",
    "it throbs and nothing helps",
    "my wife has a pink line on her cheek since her session",
    # From held-out 11's first run.
    "tiny sores are popping up on my lip",
    # From held-out 12's first run.
    "the pits look deeper than before",
    "the skin has sunk on my cheek",
    "the swelling is making it close up",
    "a crop of them on my chin",
    "my visions gone hazy",
    # From the eighth batch of warning examples.
    "mine are getting bigger",
    "asking because mine are",
    "one came up last night",
    "everything looks foggy",
    "a halo round the lights",
    "my phone looks smudged",
    "my left one keeps watering",
    "my lids are so puffy",
    "like looking through a slit",
    "the left side looks smudged",
    "it's closing it from below",
    "like grit in there",
    "a group of bubbles on my chin",
    "my mum has a yellow crust since her under-eye session",
    "my son has a rash, treated on monday",
    "just got one of my fever blisters again",
    # From held-out 13's first run.
    "a herpes outbreak on my lip",
    "something gooey and yellow on my jaw",
    "I think one's brewing on my lip",
    "a blistred patch by my mouth",
    "there are scratch-like marks on my forehead",
    "criss-cross lines on my cheek",
    "my baby grabbed my cheek and now the spot is full of pus",
    # From the ninth batch of warning examples.
    "there are yellow drops on the treated patch",
    "yelow scabs on my jaw",
    "my pillow is soaked yellow",
    "it's not watery any more, it's cloudy",
    "the redness has reached my chest",
    "my jaw aches even after taking ibuprofen",
    "the pain won't ease with the pills",
    "took 2 panadol and it's still throbbing",
    "the pain no gree stop",
    "codeine didn't help at all",
    "tablits not working",
    "cold sore on the treated area near my lip",
    "I checked and it's 39.1",
    "my skin has got little holes",
    "dotted lines across my cheek",
    "my forehead looks perforated",
    "new skars on my chin",
    # Held-out 11 again, once the ninth batch had changed the warning model.
    "a bunch of little spotty things on my lip",
    "bumps with clear fluid inside",
    # From the tenth batch of warning examples: short and plain, English as a second language.
    "hot then cold all night",
    "I am cold and shaking since the treatment",
    "my body feels very hot",
    "I have very much pain",
    "took paracetamol, still very bad pain",
    "tiny pits on my cheeks",
    "stripes on my face from the roller",
    "lines like scratches on my forehead",
    "dark patches that burn",
    "the skin became dark and it hurts",
    "some darkening on my cheek and it's tender",
    "my daughter has a temperature after her microneedling",
    # From the eleventh batch of warning examples.
    "my son's cheek has pus on it",
    "my daughter has a temp of 38.9, treated yesterday",
    "I keep waking up drenched then freezing",
    "he's burning up",
    "the pain is through the roof",
    "took two nurofen and my cheek is still pounding",
    "the redness has gone past the pen line",
    "little dents, they're new",
    "darkening on my jaw and it stings",
    "hot and achy since the session",
    "not sore, but still swollen ten days later",
    # From held-out 18's and 19's first runs.
    "my scars look deeper now",
    "there are new lines on my forehead",
    "my mum has a temperature of 38.2 and her face is hot, her treatment was monday",
    "my son had microneedling and theres pus on his chin",
    # From held-out 16's and 17's first runs.
    "I think it's impetigo on my chin",
    "the pain is too strong",
    "I cannot sleep from the pain",
    "pain is 8 from 10",
    "I think I have a fiver",
    "brown patches and they hurt",
    "👁️ red and sore",
    # From held-out 14's and 15's first runs.
    "a boil has come up on my cheek",
    "pain is eight out of ten",
    "it stings and nothing I put on helps",
    "I think one's coming up on my lip",
    "my cold sore broke out last night",
    "it hurts around my eye",
    "a patch has turned brown and it's sore",
    "my melasma has gone mad",
    # From the twelfth batch of warning examples.
    "I have fiebre and my face hurts",
    "my body very hot and shaking",
    "I'm at 38.4 since this morning",
    "her cheek is boiling to touch",
    "now the redness is on my neck too",
    "I drew round it and the red is past the line",
    "the red moved down onto my collarbone",
    "the blood is not stopping from one dot",
    "one spot kept bleeding all evening",
    "pressed it for ages and it's still dripping",
    "cant see good from one side",
    "pain level 9",
    "the painkillers are useless",
    "my daughter has rows of marks on her cheek",
    "pitted dots on my temple",
    "one patch is turning black",
    "it gets darker every week",
    "his forehead is sticky and smells off",
    "wet and gluey on my chin",
    "my herpes is out again",
    "my daughter has blisters round her mouth",
    "my mum's got a cold sore on the treated bit",
    "my sister has a red streak from her neck to her chest",
    "day 4 worse",
    "day 5, getting bad",
    "the pain goes up, not down",
    "my cheek looks worse on day 4",
    "tender and red, more so than yesterday",
    "it's gone backwards today",
    # Held-out 16, once the twelfth batch changed the warning model.
    "my cheek looks a bit pitted now",
    # From held-out 20's and 21's first runs.
    "I have 38 today",
    "the redness is going outside the treated area",
    "fever blister don show for my lip",
    "cold sore day 2",
    "my aunt has pus along her chin",
    "my mum face have yellow crusts, she did needling last week",
    "my husband has a temperature of 39, he did needling on Monday",
    "my son redness moved down to his neck",
    "hot, red and throbbing",
])
def test_urgent_signs(text: str) -> None:
    assert triage(text, day=3).urgency == "urgent"


@pytest.mark.parametrize("text", [
    "no pus or fever, just a bit pink, is that ok?",
    "I don't have a fever but my skin feels warm, normal?",
    "there's no oozing at all, can I put moisturiser on",
    "will microneedling help my acne scars",
    "i usually get cold sores, do i need to tell you",
    "can i wear eye makeup tomorrow",
    "what are the signs of infection I should look for",
    "my skin needs to chill out, how long does the pink last",
    "is a bit of flaking a normal reaction",
    "if i get a fever what should i do",
    "how can i avoid an infection",
    "i scar easily, can i still have it done",
    "the redness is nowhere near my eyes",
    "my sister was worried about an allergic reaction but i'm fine",
    "hypothetically, if my skin got infected, what would you prescribe?",
    "would a hot cheek mean infection, asking for later",
    "is it true people get lumps from this?",
    "is it dead skin peeling off?",
    "a purple patch on my cheek, bruise?",
    # From the third batch of FAQ phrasings: idioms and questions that only look like signs.
    "can i take something for my hay fever this week?",
    "anything i should keep an eye on tonight?",
    "what are the signs of a serious reaction?",
    "how do u tell infected from healing?",
    "tips to avoid a cold sore flaring up?",
    "last time i had a peel i got a cold sore, will this do it too?",
    "i have cold sores on my lip sometimes, is that a problem?",
    "is it good for old acne scars?",
    "how many sessions for deep scars?",
    # From the third batch of warning examples: corrections, other people, the past, idioms.
    "looked like a blister but it was just dry skin lifting",
    "my flatmate had hives from a new detergent last week",
    "I had an allergic reaction to plasters in my twenties",
    "the suspense is killing me, when will i see results?",
    "I'm breathless with excitement about session two",
    "what temperature counts as a fever?",
    "how common is an infection after this?",
    "my eye is not sore, just wondering about mascara",
    # From held-out 6's first run: the skin around the eye, emoji, other ways to ask.
    "a little puffy under my eyes this morning",
    "small bruise beside my left eye",
    "i get 💋 cold sores, can they flare after this?",
    "what are the infection symptoms I should know about?",
    "wat would an allergic reaction look like",
    "the clinic told me to look out for fever, how high is too high?",
    "I read about granulomas, how common are they?",
    "i was scared of fainting during it but i was fine",
    "could it scar me if I pick the flakes?",
    "my sister thinks it looks like a rash but it's just the usual pink",
    "pus? nope. fever? nope. just dry",
    # From the fourth batch: questions about allergies, other people's and the distant past.
    "is an allergic reaction common with the numbing cream?",
    "has anyone ever fainted after this?",
    "supposing I came out in hives, what then?",
    "should I bring my epipen along?",
    "my neighbour collapsed at a wedding last year",
    "I got hives from a wasp sting, about eight years ago",
    "my jaw hit the floor when I saw my skin",
    "can't breathe, laughing so hard at my selfie",
    # From held-out 7's first run.
    "which water temperature is best for washing?",
    "is it true that a fever can follow microneedling?",
    "my eye test is next week, is that ok?",
    "is a rash on the neck ever a side effect?",
    "pus? no. just flaky",
    "my friend is allergy prone, can she book?",
    # From held-out 8's first run.
    "the tingle on my lip I get now and then, does it matter? nothing there now",
    "I only have an old appendix scar, can I still book?",
    # From the second batch of FAQ phrasings, read by the rules before it was added.
    "how wud i tell if i was alergic",
    "two days off the gym is killing me",
    "i cant remember what they told me about sunscreen",
    # From held-out 9's first run.
    "wat r the signs of infecton",
    "someone on reddit said they fainted, is that common?",
    "my lips were tingly from the numbing but it's worn off",
    "my sister's face went lumpy after a cheap salon job, is that a risk here?",
    "my tattoo scarred, can I still have it done?",
    "I'm burning up with excitement about my results",
    # From the dev sets' out-of-scope messages: a vaccine, a baby's or a pet's skin.
    "is it ok to get the flu shot the same week",
    "my baby's got a rash on her legs, which cream",
    "my puppy has a lump on his ear",
    # From the sixth batch of warning examples' ordinary messages.
    "is it ever normal for it to weep a little?",
    "can blisters happen days later?",
    "which day would a reaction usually show up",
    "what are the warning signs for an infection",
    "is there a way to tell a reaction apart from redness",
    "do crusts always mean infection",
    "what does oozing mean",
    "should i check for a temperature every morning",
    "would an infection show up as pus",
    "if i woke up with swollen lips what then",
    "let's say it blistered, then what",
    "saw a video of someone with hives after a peel",
    "my neighbour says her skin oozed for days",
    "the woman next to me in the waiting room was wheezing",
    "my friend says you always get pus",
    "I fainted when I was pregnant",
    "the yellow crust turned out to be dried balm",
    "my skin looks so good I nearly fainted",
    "my inbox is oozing emails",
    "this song gives me chills",
    "a bit of puffiness round my eyes",
    # From held-out 10's first run.
    "this itch is killing me",
    "that crust turned out to be jam",
    "a blister on my toe from my trainers",
    "my little girl has a temperature today",
    "pus-free and healing",
    "my voice is croaky from singing all night",
    # From the seventh batch of warning examples' ordinary messages.
    "streaks, heat, spreading: none of those",
    "infection? doesn't look like it",
    "a blister on my wrist from the iron",
    "a rash on my neck from my new necklace",
    "what colour crust is the worrying kind",
    "my dad's eye is blurry after his cataract surgery",
    "my brother is in hospital with a reaction to nuts",
    "my colleague is off sick with a fever",
    "my nephew has hand, foot and mouth blisters everywhere",
    "if a red streak appears, what should I do",
    "in the event my lips swell, who do I call",
    "should it start weeping, do I send a photo",
    "were I to get hives, what then",
    "can you describe what pus looks like",
    "should I be checking for a fever",
    "which symptoms count as an allergic reaction",
    "is there a temperature I should worry about",
    "what are granulomas",
    "my eyes nearly popped out of my head",
    "this heatwave is killing me",
    "I had a cold sore in the summer, gone now",
    "I used to get infections from my old lenses",
    # From held-out 11's first run.
    "is it purging or an allergic reaction",
    "what temprature should the shower be",
    "those red streaks were just my lipstick",
    "keeping my eye on the prize",
    "pus? crusts? none at all",
    "I was told to watch for a fever but I feel fine",
    "infection was my main worry",
    # From held-out 12's first run.
    "had a herpes flare last yr",
    "cold sore history so do I start the tablets early",
    "I nearly fainted at how good it looks",
    "blurry pictures are all I have",
    "collapsed on the couch after the appointment",
    "chills from the aircon in the waiting room",
    "I looked like I had a temperature but I'm fine",
    "not getting any yellow crusting or oozing",
    # From the eighth batch of warning examples' ordinary messages.
    "what would pus look like on the needle marks",
    # From held-out 13's first run.
    "we get the odd cold sore flare, is that ok",
    "I used to get infections often",
    "what are the warning signs of an allergic reaction",
    "had the flu last month, fine now",
    "my eye area looks perfect",
    "the only thing oozing in here is the cheese",
    "a lump in my throat from nerves",
    # From the ninth batch of warning examples' ordinary messages.
    "what happens if red streaks show up, do I call you?",
    "suppose the swelling gets worse on day 5, who do I ring?",
    "in case there is pus later, what do I do",
    "if the tablets don't work tonight, then what?",
    "if got fever then how?",
    "cellulitis, what is that exactly?",
    "anaphylaxis, how fast does it come on?",
    "how would a reaction look?",
    "do hard lumps ever come up months later?",
    "what does 'hot to the touch' mean in practice?",
    "how much worse counts?",
    "do you do the eyelids too?",
    "a bloke at work had cellulitis in his arm",
    "a mate of mine got melasma spreading after laser",
    "my aunt says she had a fever after her peel",
    "I had a swollen gland once from a bad tooth",
    "I've had this scar since I was a kid",
    "my sister fainted at the wedding, she's fine now",
    "fever tree tonic with my gin?",
    "can I take the antihistamine from the blister pack?",
    "red eye flight on day 2, any tips?",
    "my cat gave me the side eye",
    "fresh crusty bread for lunch",
    "streaks in my hair are fading",
    "got chills watching the match last night",
    "there's a red line on my pregnancy test!",
    "the shower head is leaking again",
    "I use eye drops for dry eyes every night",
    "the red line was from my glasses, it's gone now",
    "the crow's feet at the corners of my eyes",
    # From the tenth batch of warning examples' ordinary messages.
    "what is a blister exactly",
    "can it scar?",
    "could this affect my eyes",
    "my previous clinic gave me a rash once",
    "last session I had a little pus, this time none",
    "watched a video where her face oozed",
    "my husband is feverish but I'm fine",
    "my aunty had a reaction to a facial",
    "a flatmate fainted at a gig last year",
    "got a bruise near my jaw line from the pen",
    # From the eleventh batch of warning examples' ordinary messages.
    "my cousin's tongue swelled up once at the dentist, she was fine",
    "my friend fainted after her flu jab",
    "can it damage your eyes?",
    "what are yellow crusts?",
    "my temp is 36.8, all good",
    "my best mate had lumps from a dodgy clinic",
    "I'm burning up with embarrassment",
    # From held-out 18's and 19's first runs.
    "I have dark skin, is a darker flush the same as redness?",
    "they did the scars on my cheeks, is itching normal",
    "what kind of infection should I watch for?",
    "scars look the same after session 2",
    "the swelling was bad on day 1 but it's all settled now",
    "is it bad if my lips swell?",
    "my husband fainted at the sight of needles once",
    "is pus a bad sign?",
    "will the gym give me an infection?",
    # From held-out 16's and 17's first runs.
    "out of curiosity, can it spread infections?",
    "for general knowledge: could it transmit infections?",
    "what mean hives?",
    "is possible to get a fever from it?",
    "is swelling of the tongue possible from this?",
    "the leaflet says hot to the touch, mine is just warm",
    "the yellow stuff is just the tinted sunscreen",
    "my brother had a rash after his session, me nothing",
    "my cousin had pus after her session, me I am fine",
    "👁️ mascara ok?",
    "what is impetigo",
    # From held-out 14's and 15's first runs.
    "I used to get fever blisters on my lip, is that ok for me?",
    "got blisters from my new boots hiking",
    "the crust is only dried blood, nothing yellow",
    "would a swollen tongue be an emergency?",
    "our dog's paw is oozing a bit",
    "my friend ended up with scars from a home roller, so glad I came here",
    "the redness is taking longer than the rest to go",
    "what would be a sign that it's infected?",
    "whats the diffrence between healing and infection",
    "is it bad if it swells again?",
    "I have scars from chicken pox on my forehead",
    "my aunt fainted during hers because she hates needles",
    "my mum says it looks infected but it's just the redness",
    # From the twelfth batch of warning examples' ordinary messages.
    "how high does a temperature have to be before I call?",
    "hives versus redness, how do I tell?",
    "what eye problems would count as serious?",
    "what is considered severe pain?",
    "anaphylaxis signs please",
    "if pus comes, what do I do?",
    "how to see difference infection and normal healing?",
    "before my first session I had an eye infection",
    "I had a chest infection at christmas, better now",
    "I'm worried I've infected it but it looks fine",
    "I'm anxious about getting a cold sore",
    "worried about lumps but there's nothing there",
    "nervous it won't heal in time for the wedding",
    "he's got a peanut allergy, can he come with me?",
    "it feels like a shave rash",
    "my mate couldn't breathe after a bee sting when we were kids",
    "my husband has a boil on his neck, can I catch it?",
    "my son has hives from nursery, can I still come in?",
    # From the eleventh batch of FAQ phrasings, in English as a second language.
    "how I can know it is allergy or normal healing?",
    "what symptoms after the pen would mean it's not normal healing?",
    "in my family all have herpes on the mouth, is it safe for me?",
    # From held-out 20's and 21's first runs.
    "is normall reaction?",
    "I have histry of cold sore on my lip, is it a problem?",
    "plz list the simptoms of infection i must watch",
    "I was worried it was pus, the nurse checked, only a normal pimple",
    "is true some people get a fever after?",
    "how infection looks like?",
    "long ago I had blisters from sunburn",
    "I fainted once when I gave blood, will the needles make me faint?",
    "sings of infection to look out for",
    "the weeping stopped yesterday",
    "do blisters mean infection?",
    "my mum thinks it's infected but there's no pus, just pink",
])
def test_ordinary_messages_do_not_escalate(text: str) -> None:
    assert triage(text, day=1).urgency == "none"


@pytest.mark.parametrize(("text", "day", "level"), [
    ("my redness is getting worse", 1, "none"),
    ("my redness is getting worse", 4, "urgent"),
    ("my redness is getting worse", None, "urgent"),  # day unknown: escalate
    ("still really red", 2, "none"),
    ("still really red", 9, "urgent"),
    ("still swollen 10 days later", None, "urgent"),
    ("my flushing looks darker today", 1, "none"),
    ("my flushing looks darker today", 5, "urgent"),
    ("the pain has shot up since last night", 4, "urgent"),
    ("cheeks still pink", 10, "urgent"),
    ("the swelling is less than yesterday", 4, "none"),
    # Asked, not said: "normal?" after a report does not rule the report out.
    ("cheeks still pink and puffy, normal?", 12, "urgent"),
    ("still red on my jaw, it is fine?", 9, "urgent"),
    # Warm and sore is the expected sunburn feeling at first, a sign of infection later.
    ("my cheeks feel warm and sore", 1, "none"),
    ("my cheeks feel warm and sore", 5, "urgent"),
    ("my cheeks feel warm and sore", None, "urgent"),
    ("my cheek feels like a hot plate", 1, "none"),
    ("my cheek feels like a hot plate", 6, "urgent"),
    ("the red patch keeps growing", 5, "urgent"),
    ("since monday its been getting worse", None, "urgent"),
    ("a fortnight on and still puffy", None, "urgent"),
    ("nine days later and still red", None, "urgent"),
    ("my cheeks are pink and a bit swollen", 2, "none"),
    ("my cheeks are pink and a bit swollen", 11, "urgent"),
    ("after eight days the redness is still there", None, "urgent"),
    ("the swelling was small at first but now it's really puffy", 2, "none"),
    ("the swelling was small at first but now it's really puffy", 5, "urgent"),
    # From held-out 8's first run.
    ("the redness has not budged", 2, "none"),
    ("the redness has not budged", 9, "urgent"),
    ("the puffiness and redness haven't gone down", 1, "none"),
    ("the puffiness and redness haven't gone down", 8, "urgent"),
    # From held-out 9's first run.
    ("my cheeks still look slapped", 1, "none"),
    ("my cheeks still look slapped", 9, "urgent"),
    ("my jaw is red hot", 1, "none"),
    ("my jaw is red hot", 5, "urgent"),
    ("the redness goes further every hour", 4, "urgent"),
    # From the sixth batch of warning examples: the day said in words, or compared with.
    ("day nine and still swollen", None, "urgent"),
    ("over a week later and still red", None, "urgent"),
    ("2 weeks and still sore", None, "urgent"),
    ("it's been 9 days and the redness is still there", None, "urgent"),
    ("little bumps on my jaw, long after the treatment", None, "urgent"),
    ("day 5 is worse than day 1", None, "urgent"),
    ("it's day 2 and worse than on day 1", None, "none"),
    ("the redness went from pink to beetroot", 5, "urgent"),
    ("the swelling hasn't budged since day 2", 6, "urgent"),
    ("it was better yesterday", 4, "urgent"),
    # From held-out 10's first run: simply reported, or not going, past day 7.
    ("the swelling isn't going", 2, "none"),
    ("the swelling isn't going", 10, "urgent"),
    ("red and puffy", 1, "none"),
    ("red and puffy", 9, "urgent"),
    ("pink blotches on my chin", 13, "urgent"),
    ("it stings in the shower, more than before", 5, "urgent"),
    # From the seventh batch of warning examples.
    ("my forehead feels hot", 5, "urgent"),
    ("the swelling was down but now it's back up", 5, "urgent"),
    ("a little swelling left, day 10", None, "urgent"),
    ("day 9 and I still look like I've been on a sunbed", None, "urgent"),
    ("2 weeks, still pink", None, "urgent"),
    ("10 days passed and still puffy", None, "urgent"),
    ("a week and two days on and still red", None, "urgent"),
    ("warm and sore, had it done this morning", None, "none"),
    ("tennis elbow is flaring up, can I take painkillers", None, "none"),
    ("face feels hot, the session was 4 hours ago", None, "none"),
    ("redness is harder to spot on darker skin", None, "none"),
    # Held-out 10 again, once the seventh batch had changed the warning model.
    ("it was settling, then suddenly it went red", 5, "urgent"),
    ("then overnight my cheek blew up", 4, "urgent"),
    # From held-out 11's first run.
    ("I still look like a lobster", 11, "urgent"),
    ("firm raised bits on my jaw", 35, "urgent"),
    # From held-out 12's first run.
    ("it went from mild to really sore", 5, "urgent"),
    ("puffy all over, like I've been stung by a bee", 10, "urgent"),
    ("it's red but nothing is spreading", 5, "none"),
    # From the eighth batch of warning examples.
    ("nearly gone, then it flared up again", 5, "urgent"),
    ("my cheeks haven't calmed down", 10, "urgent"),
    ("it hasn't faded at all", 9, "urgent"),
    ("the heat hasn't gone", 9, "urgent"),
    ("the puffiness is not shifting", 9, "urgent"),
    ("week two and still pink", None, "urgent"),
    ("going on nine days and still swollen", None, "urgent"),
    ("nearly three weeks and still red", None, "urgent"),
    ("it's spread past the treated area", 2, "urgent"),
    # Held-out 10 and 11 again, once the eighth batch had changed the warning model.
    ("my chin's quite red", 1, "none"),
    ("my chin's quite red", 10, "urgent"),
    # From held-out 13's first run.
    ("it's tender when I touch my cheek, more than it was before", 5, "urgent"),
    ("the heat on my cheeks hasn't gone", 9, "urgent"),
    # From the ninth batch of warning examples.
    ("day 5 and its mor swolen", None, "urgent"),
    ("I keep icing it and it's still getting bigger", 4, "urgent"),
    ("my cheeks have been puffy for ten days", 10, "urgent"),
    ("feel how hot the skin is", 5, "urgent"),
    ("a week plus and still swollen", None, "urgent"),
    ("treated on the 2nd, today's the 11th, still red and sore", None, "urgent"),
    ("treated on the 2nd, today is the 3rd, still red and sore", None, "none"),
    ("firm bumps, three weeks post treatment", None, "urgent"),
    ("hard bumbs on my cheek", 30, "urgent"),
    # From held-out 14's and 15's first runs.
    ("my cheeks feel warmer than this morning", 5, "urgent"),
    ("puffy cheeks, is that ok?", 10, "urgent"),
    ("the tiny holes are still there", 21, "urgent"),
    ("skin feels so tight", 10, "urgent"),
    ("skin feels so tight and dry", 10, "none"),
    # From the tenth batch of warning examples.
    ("worse each day since the weekend", None, "urgent"),
    ("day 3 was fine, day 5 is awful", None, "urgent"),
    ("my cheeks are inflamed and warm", 5, "urgent"),
    ("bumpy skin, week 5", None, "urgent"),
    ("bumpy texture 2 months after", None, "urgent"),
    ("still swollen after a week", None, "urgent"),
    ("red and warm since the treatment this morning", None, "none"),
    ("skin is warm and a bit puffy, first night", None, "none"),
    # From held-out 16's and 17's first runs.
    ("my cheeks remain quite pink", 9, "urgent"),
    ("my cheeks remain quite pink", 2, "none"),
    # From the eleventh batch of warning examples.
    ("still a bit red at three weeks", None, "urgent"),
    # From held-out 18's and 19's first runs.
    ("skin feels tender", 9, "urgent"),
    ("tight and sore", 10, "urgent"),
    ("pink and a little warm", 9, "urgent"),
    ("really tight feeling", 12, "urgent"),
    # From the twelfth batch of warning examples.
    ("fortnight gone, red as ever", None, "urgent"),
    ("still red after one and half week", None, "urgent"),
    ("my cheek feels gritty under the skin a month after", None, "urgent"),
    ("day 10, bad idea to use a roller?", None, "none"),
    ("the puffiness went overnight", 3, "none"),
    ("at my last session in March I was red for three days", 3, "none"),
    ("my cheeks feel gritty, is that the dry stage", 20, "none"),
    # From held-out 20's and 21's first runs.
    ("swelling same like first day", 10, "urgent"),
    ("the swelling is still going up", 6, "urgent"),
    ("one small spot and it's fading", 20, "none"),
    ("can microneedling make the cold sore come back again?", None, "none"),
    ("is spreading redness a sign of an infection", None, "none"),
    ("the cold sore I had in march has gone, can I book?", None, "none"),
])
def test_the_recovery_day_decides(text: str, day: int | None, level: str) -> None:
    assert triage(text, day).urgency == level


@pytest.mark.parametrize("name", ["faq_dev.yaml", "faq_dev_extra.yaml", "faq_holdout.yaml",
                                  "faq_holdout2.yaml", "faq_holdout3.yaml",
                                  "triage_holdout4.yaml", "faq_holdout5.yaml",
                                  "faq_holdout6.yaml", "faq_holdout7.yaml",
                                  "faq_holdout8.yaml", "faq_holdout9.yaml",
                                  "faq_holdout10.yaml", "faq_holdout11.yaml",
                                  "faq_holdout12.yaml", "faq_holdout13.yaml",
                                  "faq_holdout14.yaml", "faq_holdout15.yaml",
                                  "faq_holdout16.yaml", "faq_holdout17.yaml",
                                  "faq_holdout18.yaml", "faq_holdout19.yaml",
                                  "faq_holdout20.yaml", "faq_holdout21.yaml"])
def test_every_warning_sign_in_the_evaluation_sets_is_escalated(name: str,
                                                                answerer: Answerer) -> None:
    """The safety bar: warning-sign recall 1.0 at both levels on every labelled set, as the
    patient gets it (the rules, then the warning model). The held-out sets' first runs are kept
    in bench/*_first_run.txt."""
    data = yaml.safe_load((BENCH / name).read_text(encoding="utf-8"))
    signs = data["warning"] + [d for d in data["day_sensitive"] if d["level"] != "none"]
    assert len(signs) >= 50
    missed = []
    for item in signs:
        got = answerer.answer(item["text"], item.get("day"), RECIPIENT).urgency
        ok = got == "emergency" if item["level"] == "emergency" else got != "none"
        if not ok:
            missed.append((item["text"], item.get("day"), item["level"], got))
    assert missed == []


@pytest.mark.parametrize("text", [
    "i feel like death warmed up and my face is boiling",
    "there's something bubbling under the skin on my chin",
])
def test_a_sign_the_rules_do_not_know_is_escalated_by_the_warning_model(
        text: str, answerer: Answerer) -> None:
    assert triage(text, 4).urgency == "none"
    answer = answerer.answer(text, 4, RECIPIENT)
    assert answer.urgency == "urgent" and answer.reason == "reads like a warning sign"


@pytest.mark.parametrize("text", ["hello", "hey 👋", "thanks!", "ok 👍"])
def test_a_greeting_is_never_read_as_a_warning_sign(text: str, answerer: Answerer) -> None:
    """A message with no word but greetings and thanks carries no sign to read: the warning
    model, fed only its letter groups, once found "hello" close enough to escalate."""
    assert answerer.answer(text, 5, RECIPIENT).urgency == "none"


@pytest.mark.parametrize("text", [
    "no bubbling under the skin on my chin, it's all smooth",
    # From held-out 10's first run: a complaint said to be gone is weighed, not a sign.
    "the stinging has all gone now",
    "pain has gone now",
    "redness? none. tightness? barely.",  # "none." is a negation with its full stop
    "my friend had something bubbling under her skin after a peel",
    # From held-out 14's and 15's first runs: a complaint that went down, or lasted and went,
    # is weighed (the model had read both as signs).
    "the swelling came down after day 2 like you said",
    "redness lasted two days and then went",
])
def test_what_the_rules_ruled_out_the_model_does_not_overrule(text: str,
                                                             answerer: Answerer) -> None:
    assert triage(text, 4).urgency == "none" and ruled_out(text)
    assert answerer.answer(text, 4, RECIPIENT).urgency == "none"


@pytest.mark.parametrize("text", [
    "I don't get cold sores normally, but there's a cluster of tiny water bubbles on my lip",
    "nothing major, but there's a sort of wet yellow patch on my chin",
])
def test_a_sign_the_rules_ruled_out_is_escalated_when_the_model_is_sure(
        text: str, answerer: Answerer) -> None:
    """The rules weighed these (a negation, someone else) and let them through; on warning
    batches it had not been trained on, the model past RULED_OUT_THRESHOLD raised 104 of the
    170 signs ruled out that way and 5 of 917 close ordinary messages."""
    assert triage(text, 4).urgency == "none" and ruled_out(text)
    answer = answerer.answer(text, 4, RECIPIENT)
    assert answer.urgency == "urgent" and answer.reason == "reads like a warning sign"


@pytest.mark.parametrize(("text", "day"), [
    ("my face is so red and swollen and hot", 1),
    ("so swollen and red and throbbing", 1),
    # Bumps before they could be late ones are a breakout: the ninth batch's bumps had
    # taught the model to read a dev-set question on day 4 as a sign.
    ("some little bumps came up on my forehead", 4),
])
def test_an_expected_complaint_for_the_day_is_the_rules_call_alone(
        text: str, day: int, answerer: Answerer) -> None:
    assert answerer.answer(text, day, RECIPIENT).urgency == "none"


@pytest.mark.parametrize("text", [
    "worried it might be infected theres pus coming out",
    "can microneedling cause this, my face is full of pus",
    # The masks of this round's questions stop short of a report beside them.
    "pus on my chin, is it infection vs normal healing?",
    "I had an eye infection start after my treatment",
    "this is how my cheek looks like now, yellow crust everywhere",
    "it is true that my face is oozing",
    "is it a sign of infection that pus is coming out?",
])
def test_a_worry_or_question_beside_a_report_does_not_hide_the_report(text: str) -> None:
    assert triage(text, 4).urgency == "urgent"
