"""Free-text questions: warning signs escalated, FAQ answers with feedback, honest fallback."""

from __future__ import annotations

import logging
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot import keyboards
from bot.handlers.common import acknowledge, local_now, reply
from bot.services import Services, services
from messages.answering import Answer
from messages.phrases import Html
from messages.planner import recovery_day
from messages.render import Recipient
from storage import patients, questions
from storage.models import Outcome, Patient, Urgency, Vote

log = logging.getLogger(__name__)


async def _context_of(session: AsyncSession, svc: Services,
                      patient: Patient) -> tuple[int | None, Recipient]:
    """The patient's recovery day (None before any treatment) and who the reply is for."""
    now = svc.clock.now()
    treatment = await patients.current_treatment(session, patient)
    day = (recovery_day(treatment.treatment_date, now, ZoneInfo(patient.timezone))
           if treatment else None)
    recipient = Recipient(
        first_name=patient.first_name or "there", clinic_name=patient.clinic.name,
        clinic_phone=patient.clinic.phone,
        treatment_date=treatment.treatment_date if treatment else local_now(patient, now).date())
    return day, recipient


def _buttons(svc: Services, answer: Answer, question_id: int) -> InlineKeyboardMarkup | None:
    if answer.outcome not in ("answered", "ambiguous"):
        return None
    phrases = svc.phrases()
    rows = [[InlineKeyboardButton(svc.answerer.question_of(topic),
                                  callback_data=f"{keyboards.ALTERNATIVE}:{question_id}:{topic}")]
            for topic in answer.alternatives]
    rows.append(keyboards.feedback_row(phrases, question_id))
    return InlineKeyboardMarkup(rows)


async def ask(update: Update, session: AsyncSession, svc: Services, patient: Patient,
              text: str) -> Answer:
    """Answer a question and store it (with an alert when it carries a warning sign)."""
    day, recipient = await _context_of(session, svc, patient)
    answer = svc.answerer.answer(text, day, recipient)
    stored = await questions.record(
        session, patient, text=text, asked_at=svc.clock.now(), recovery_day=day,
        topic=answer.topic, score=answer.score, urgency=Urgency(answer.urgency),
        outcome=Outcome(answer.outcome), reason=answer.reason)
    await session.commit()
    log.info("patient %d asked a question: %s (topic %s, urgency %s)", patient.id,
             answer.outcome, answer.topic, answer.urgency)
    reply_text = answer.text
    if answer.alternatives:
        reply_text = Html(f"{answer.text}\n\n{svc.phrases()('faq_alternatives')}")
    await reply(update, reply_text, _buttons(svc, answer, stored.id))
    return answer


async def _pressed(update: Update, session: AsyncSession, allowed: set[str]
                   ) -> tuple[Patient, questions.Question, str] | None:
    """The pressing patient's own question and the button's value (`kind:question:value`);
    None for a button under someone else's question, or forged data."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and query.data is not None and user is not None
    _, question_id, value = (query.data.split(":") + ["", ""])[:3]
    patient = await patients.by_telegram_user(session, user.id)
    if patient is None or not question_id.isdigit() or value not in allowed:
        return None
    question = await questions.owned(session, int(question_id), patient)
    return None if question is None else (patient, question, value)


async def vote_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
    phrases = svc.phrases()
    async with svc.sessions.begin() as session:
        pressed = await _pressed(update, session, {"up", "down"})
        if pressed is None:
            await update.callback_query.answer(phrases("stale_button"))  # type: ignore[union-attr]
            return
        patient, question, value = pressed
        questions.set_vote(question, Vote.HELPFUL if value == "up" else Vote.NOT_HELPFUL,
                           svc.clock.now())
    await acknowledge(update)
    await reply(update, phrases("vote_thanks") if value == "up" else phrases(
        "vote_sorry", clinic_name=patient.clinic.name, clinic_phone=patient.clinic.phone))


async def alternative_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
    async with svc.sessions.begin() as session:
        pressed = await _pressed(update, session, {e.id for e in svc.answerer.faq.entries})
        if pressed is None:
            await update.callback_query.answer(  # type: ignore[union-attr]
                svc.phrases()("stale_button"))
            return
        patient, question, topic = pressed
        question.topic = topic  # the patient's own pick is the better label
        day, recipient = await _context_of(session, svc, patient)
    await acknowledge(update)
    markup = InlineKeyboardMarkup([keyboards.feedback_row(svc.phrases(), question.id)])
    await reply(update, svc.answerer.entry_reply(topic, day, recipient), markup)
