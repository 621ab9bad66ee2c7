"""A patient's question in, the reply out: warning signs first, then the FAQ, else honesty.

Pure: the chat handler and `aftercare-bot ask` both call `Answerer.answer`, so what the
command line shows a clinic is what the bot says.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from messages.catalog import DEFAULT_LANGUAGE, Catalog
from messages.faq import Faq
from messages.faq_index import NONE_OF_THESE, FaqIndex, Lookup, Match
from messages.lexicon import Lexicon
from messages.loading import collector_paused, release_freed_memory
from messages.model import Protocol
from messages.phrases import Html, Phrases
from messages.render import Recipient, render
from messages.triage import Triage, Urgency, expected_early, ruled_out, triage

# Chosen on the dev sets by bench/faq_thresholds.py (see README). Topics are ranked by the
# topic model's decision value plus BM25_WEIGHT times their BM25F score relative to the best
# one. The message is off-topic when the model's "none of these" value is above the best
# topic's plus NONE_MARGIN (a negative margin: even a little below it), never when it names
# our own procedure; and the best topic must score MIN_SCORE in BM25F, plus
# PER_UNFAMILIAR_WORD for each word of the message that is no patient's word for any topic.
# Runner-up topics within ALTERNATIVE_GAP of the best are offered as buttons.
BM25_WEIGHT = 0.0
NONE_MARGIN = -0.2
MIN_SCORE = 1.0
PER_UNFAMILIAR_WORD = 0.0
ALTERNATIVE_GAP = 0.5
# The warning model's second opinion, for a message in which triage's rules found no sign:
# past WARNING_THRESHOLD (the model's own boundary) it is escalated as urgent. Where the rules
# weighed something and ruled it out (a negation, a general question, someone else's story, a
# sign's words that did not make a sign) the model must be surer: RULED_OUT_THRESHOLD, chosen
# by bench/warning_thresholds.py on warning batches the model was not trained on, read by the
# rules as they stood before each batch. A complaint expected on the day (redness in the first
# days, bumps before they could be late ones) is the rules' call alone.
WARNING_THRESHOLD = 0.0
RULED_OUT_THRESHOLD = 0.6
OTHER_TREATMENTS = "other_treatments"
MAX_ALTERNATIVES = 2

Outcome = Literal["answered", "ambiguous", "unanswered", "escalated"]


@dataclass(frozen=True)
class Answer:
    topic: str | None
    score: float
    urgency: Urgency
    outcome: Outcome
    text: Html
    alternatives: tuple[str, ...] = ()
    reason: str | None = None


def _alternation(phrases: list[str], analyzer_words: Callable[[str], list[str]]) -> str:
    normalised = {" ".join(analyzer_words(p)) for p in phrases} - {""}
    return "|".join(re.escape(p) for p in sorted(normalised, key=len, reverse=True))


class Answerer:
    def __init__(self, faq: Faq, index: FaqIndex, protocol: Protocol, phrases: Phrases,
                 lexicon: Lexicon) -> None:
        self.faq = faq
        self.index = index
        self.protocol = protocol
        self.phrases = phrases
        words = index.analyzer.words
        other = _alternation(lexicon.other_procedures, words)
        own = _alternation(lexicon.own_procedure, words)
        self.other_procedure = re.compile(
            rf"\b(after|from|following|post|for|of|since) (a |an |my |the |getting |having |"
            rf"doing |some )?(\w+ )?({other})\b|\b({other}) (\w+ )?(aftercare|results?|swelling|"
            rf"swollen|bruis\w*|redness|red|downtime|recovery|sessions?|heal\w*|leave|left|"
            rf"cause|make|made|take|last\w*|scar\w*|bumps?)\b"
        ) if other else None
        self.own_procedure = re.compile(rf"\b({own})\b") if own else None
        self.named_procedure = re.compile(rf"\b({other})\b") if other else re.compile("$^")

    def about_other_procedure(self, words: str, topic: str | None) -> bool:
        """Is this message (the analyzer's words) about a different procedure ("swelling after
        lip filler")?

        Naming another procedure is fine when asking when to have it after ours (the
        `other_treatments` entry); recovering from it, or any other topic, is not ours.
        """
        if self.other_procedure is None or self.names_our_procedure(words):
            return False
        if self.other_procedure.search(words):
            return True
        return topic != OTHER_TREATMENTS and self.named_procedure.search(words) is not None

    @classmethod
    def from_catalog(cls, catalog: Catalog, language: str = DEFAULT_LANGUAGE) -> Answerer:
        faq = catalog.faq(language)
        lexicon = catalog.lexicon(language)
        with collector_paused():
            index = FaqIndex(faq, lexicon, catalog.offtopic_examples(language),
                             catalog.warning_examples(language))
        release_freed_memory()
        return cls(faq, index, catalog.protocol(faq.protocol, language),
                   catalog.phrasebook(language), lexicon)

    def entry_reply(self, topic: str, day: int | None, recipient: Recipient) -> Html:
        entry = self.faq.entry(topic)
        body = render(self.protocol, entry.answer_for(day), recipient)
        return self.phrases("faq_answer", question=entry.question, answer=Html(body))

    def question_of(self, topic: str) -> str:
        return self.faq.entry(topic).question

    def names_our_procedure(self, words: str) -> bool:
        return self.own_procedure is not None and self.own_procedure.search(words) is not None

    def off_topic(self, words: str, found: Lookup, best: Match) -> bool:
        """Closer to the examples of what the FAQ does not answer than to any topic (by
        NONE_MARGIN), unless it names our procedure: those examples never do."""
        none = found.learnt[NONE_OF_THESE]
        return (none > found.learnt[best.topic] + NONE_MARGIN
                and not self.names_our_procedure(words))

    @staticmethod
    def reads_like_a_sign(question: str, day: int | None, found: Lookup) -> bool:
        """The warning model's second opinion on a message the rules let through."""
        if found.warning is None or expected_early(question, day):
            return False
        return found.warning > (RULED_OUT_THRESHOLD if ruled_out(question)
                                else WARNING_THRESHOLD)

    @staticmethod
    def ranking(found: Lookup) -> list[Match]:
        """Every topic, best first, by the topic model and BM25F together."""
        bm25 = {m.topic: m.score for m in found.matches}
        top = max(bm25.values(), default=0.0) or 1.0
        return sorted((Match(topic, learnt + BM25_WEIGHT * bm25.get(topic, 0.0) / top)
                       for topic, learnt in found.learnt.items() if topic != NONE_OF_THESE),
                      key=lambda m: -m.score)

    def rank(self, question: str) -> list[Match]:
        return self.ranking(self.index.lookup(question))

    def answer(self, question: str, day: int | None, recipient: Recipient) -> Answer:
        found = self.index.lookup(question)
        exact = found.exact
        ranked = self.ranking(found)
        best = ranked[0]
        sign = triage(question, day)
        if sign.urgency == "none" and self.reads_like_a_sign(question, day, found):
            sign = Triage("urgent", "reads like a warning sign")
        if exact is not None:
            best = next(m for m in ranked if m.topic == exact)
        bm25 = next((m.score for m in found.matches if m.topic == best.topic), 0.0)
        familiar = bm25 >= MIN_SCORE + PER_UNFAMILIAR_WORD * found.unfamiliar
        words = " ".join(self.index.analyzer.words(question))
        ours = (not self.off_topic(words, found, best)
                and not self.about_other_procedure(words, best.topic))
        topic = exact or (best.topic if familiar and ours else None)
        if sign.urgency != "none":
            name = "escalate_emergency" if sign.urgency == "emergency" else "escalate_urgent"
            text = self.phrases(name, clinic_name=recipient.clinic_name,
                                clinic_phone=recipient.clinic_phone)
            return Answer(None, best.score, sign.urgency, "escalated", text, (), sign.reason)
        if topic is None:
            text = self.phrases("faq_unknown", clinic_name=recipient.clinic_name,
                                clinic_phone=recipient.clinic_phone)
            return Answer(None, best.score, "none", "unanswered", text)
        close = () if exact else tuple(
            m.topic for m in ranked[1:1 + MAX_ALTERNATIVES]
            if m.score >= best.score - ALTERNATIVE_GAP
        )
        return Answer(topic, best.score, "none", "ambiguous" if close else "answered",
                      self.entry_reply(topic, day, recipient), close)
