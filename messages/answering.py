"""A patient's question in, the reply out: warning signs first, then the FAQ, else honesty.

Pure: the chat handler and `aftercare-bot ask` both call `Answerer.answer`, so what the
command line shows a clinic is what the bot says.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from messages.catalog import DEFAULT_LANGUAGE, Catalog
from messages.faq import Faq
from messages.faq_index import FaqIndex, Match
from messages.model import Protocol
from messages.phrases import Html, Phrases
from messages.render import Recipient, render
from messages.triage import Urgency, triage

# Tuned on bench/faq_dev.yaml (see bench/faq_eval.py); the held-out set is never tuned on.
MIN_SCORE = 4.0
RUNNER_UP_RATIO = 0.8
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


class Answerer:
    def __init__(self, faq: Faq, index: FaqIndex, protocol: Protocol, phrases: Phrases) -> None:
        self.faq = faq
        self.index = index
        self.protocol = protocol
        self.phrases = phrases

    @classmethod
    def from_catalog(cls, catalog: Catalog, language: str = DEFAULT_LANGUAGE) -> Answerer:
        faq = catalog.faq(language)
        return cls(faq, FaqIndex(faq, catalog.lexicon(language)),
                   catalog.protocol(faq.protocol, language), catalog.phrasebook(language))

    def entry_reply(self, topic: str, day: int | None, recipient: Recipient) -> Html:
        entry = self.faq.entry(topic)
        body = render(self.protocol, entry.answer_for(day), recipient)
        return self.phrases("faq_answer", question=entry.question, answer=Html(body))

    def question_of(self, topic: str) -> str:
        return self.faq.entry(topic).question

    def answer(self, question: str, day: int | None, recipient: Recipient) -> Answer:
        matches = self.index.search(question)
        best = matches[0] if matches else Match("", 0.0)
        sign = triage(question, day)
        topic = best.topic if best.score >= MIN_SCORE else None
        if sign.urgency != "none":
            name = "escalate_emergency" if sign.urgency == "emergency" else "escalate_urgent"
            text = self.phrases(name, clinic_name=recipient.clinic_name,
                                clinic_phone=recipient.clinic_phone)
            return Answer(topic, best.score, sign.urgency, "escalated", text, (), sign.reason)
        if topic is None:
            text = self.phrases("faq_unknown", clinic_name=recipient.clinic_name,
                                clinic_phone=recipient.clinic_phone)
            return Answer(None, best.score, "none", "unanswered", text)
        close = tuple(
            m.topic for m in matches[1:1 + MAX_ALTERNATIVES]
            if m.score >= RUNNER_UP_RATIO * best.score
        )
        return Answer(topic, best.score, "none", "ambiguous" if close else "answered",
                      self.entry_reply(topic, day, recipient), close)
