"""Everything a patient sends that is not a known command or a button.

Text goes to the step the patient is in (a date, a time zone); outside any step it is a
question. A warning sign is answered as one whatever the step. Photos, stickers, voice and
the like get a friendly word and the open question again.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ContextTypes

from bot.handlers import questions, registration, staff
from bot.handlers.common import patient_and_clinic, reply
from bot.services import services
from messages.render import Recipient
from messages.triage import triage
from storage import patients
from storage import staff as staff_store
from storage.models import PatientStatus

log = logging.getLogger(__name__)


async def text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
    assert update.effective_user is not None and update.effective_message is not None
    words = update.effective_message.text or ""
    async with svc.sessions.begin() as session:
        member = await staff_store.member(session, update.effective_user.id)
        if member is not None and member.step == staff.BROADCAST_TEXT:
            await staff.broadcast_text(update, session, svc, member, words)
            return
        patient = await patients.by_telegram_user(session, update.effective_user.id)
        if patient is None:
            await session.rollback()
            if triage(words).urgency != "none":  # a stranger's warning sign comes first too
                clinic = svc.default_clinic
                recipient = Recipient("there", clinic.name, clinic.phone,
                                      svc.clock.now().date())
                await reply(update, svc.answerer.answer(words, None, recipient).text)
            await registration.start(update, context)
            return
        step = patient.step
        log.debug("text from patient %d at step %s: %r", patient.id, step, words)
        if step is None and patient.status is not PatientStatus.REGISTERING:
            await questions.ask(update, session, svc, patient, words)
            return
        if triage(words).urgency != "none":  # a warning sign wins over any registration step
            await questions.ask(update, session, svc, patient, words)
            await reply(update, *registration.current_question(svc, patient))
        elif step in registration.DATE_STEPS:
            await registration.date_text(update, context, session, svc, patient, words)
        elif step in (registration.TIMEZONE, registration.TIMEZONE_NAME,
                      registration.SETTINGS_TIMEZONE):
            await registration.timezone_text(update, context, session, svc, patient, words)
        else:
            await reply(update, *registration.current_question(svc, patient))


async def not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
    patient, clinic = await patient_and_clinic(svc, update)
    await reply(update, svc.phrases()("not_text", clinic_phone=clinic.phone))
    if patient is None:
        await registration.start(update, context)
    elif patient.status is PatientStatus.REGISTERING or patient.step is not None:
        await reply(update, *registration.current_question(svc, patient))


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await reply(update, services(context).phrases()("unknown_command"))


async def private_only(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await reply(update, services(context).phrases()("private_only"))


async def stale_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer(services(context).phrases()("stale_button"))
