"""The patient's control over the plan: /settings, /newdate, /pause, /resume, /stop, /delete."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ContextTypes

from bot import journey, keyboards
from bot.handlers.common import acknowledge, hour_label, reply
from bot.handlers.registration import (
    NEW_DATE,
    NEW_SESSION,
    SETTINGS_TIMEZONE,
    advance,
    current_question,
)
from bot.services import services
from messages.planner import EARLIEST_HOUR, LATEST_SEND_HOUR
from storage import patients
from storage.models import Patient, PatientStatus

log = logging.getLogger(__name__)

REGISTERED = (PatientStatus.ACTIVE, PatientStatus.PAUSED)


def _user_id(update: Update) -> int:
    assert update.effective_user is not None
    return update.effective_user.id


def _registered(patient: Patient | None) -> bool:
    return patient is not None and patient.status in REGISTERED


async def settings(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
    phrases = svc.phrases()
    async with svc.sessions.begin() as session:
        patient = await patients.by_telegram_user(session, _user_id(update))
        if not _registered(patient):
            await reply(update, phrases("not_registered"))
            return
        assert patient is not None
        patient.step = None
    await reply(update, phrases("settings", send_hour=hour_label(patient.send_hour),
                                timezone=patient.timezone), keyboards.settings_menu(phrases))


async def settings_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
    phrases = svc.phrases()
    query = update.callback_query
    assert query is not None
    async with svc.sessions.begin() as session:
        patient = await patients.by_telegram_user(session, _user_id(update))
        if not _registered(patient):
            await query.answer(phrases("stale_button"))
            return
        assert patient is not None
        await acknowledge(update)
        if query.data == keyboards.SETTINGS_TZ:
            await advance(update, session, svc, patient, SETTINGS_TIMEZONE)
        else:
            await reply(update, phrases("ask_send_hour"), keyboards.send_hours())


async def hour_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
    phrases = svc.phrases()
    query = update.callback_query
    assert query is not None and query.data is not None
    value = query.data.removeprefix(f"{keyboards.HOUR}:")
    hour = int(value) if value.isdigit() else -1
    async with svc.sessions.begin() as session:
        patient = await patients.by_telegram_user(session, _user_id(update))
        if not _registered(patient) or not EARLIEST_HOUR <= hour <= LATEST_SEND_HOUR:
            await query.answer(phrases("stale_button"))
            return
        assert patient is not None
        patient.send_hour = hour
        await journey.change_timing(session, svc.catalog, patient, svc.clock.now())
    await acknowledge(update)
    await reply(update, phrases("send_hour_saved", send_hour=hour_label(hour)))


async def new_date(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _ask_date(update, context, NEW_DATE)


async def new_session(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/newsession: the next session of the course starts a new plan."""
    await _ask_date(update, context, NEW_SESSION)


async def _ask_date(update: Update, context: ContextTypes.DEFAULT_TYPE, step: str) -> None:
    svc = services(context)
    async with svc.sessions.begin() as session:
        patient = await patients.by_telegram_user(session, _user_id(update))
        if not _registered(patient):
            await reply(update, svc.phrases()("not_registered"))
            return
        assert patient is not None
        patient.step = step
    await reply(update, *current_question(svc, patient))


async def pause(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
    phrases = svc.phrases()
    async with svc.sessions.begin() as session:
        patient = await patients.by_telegram_user(session, _user_id(update))
        if patient is None or patient.status is not PatientStatus.ACTIVE:
            answer = "already_paused" if _registered(patient) else "not_registered"
            await reply(update, phrases(answer))
            return
        patient.status = PatientStatus.PAUSED
        patient.step = None
    log.info("patient %d paused their messages", patient.id)
    await reply(update, phrases("paused"))


async def resume(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
    phrases = svc.phrases()
    now = svc.clock.now()
    async with svc.sessions.begin() as session:
        patient = await patients.by_telegram_user(session, _user_id(update))
        if patient is None or patient.status is PatientStatus.REGISTERING:
            await reply(update, phrases("not_registered"))
            return
        if patient.status is PatientStatus.ACTIVE:
            await reply(update, phrases("already_active"))
            return
        await journey.reactivate(session, svc.catalog, patient, now)
    await reply(update, phrases("resumed"))
    context.application.create_task(svc.dispatcher.tick(now))


async def stop(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
    async with svc.sessions.begin() as session:
        patient = await patients.by_telegram_user(session, _user_id(update))
        clinic = patient.clinic if patient else svc.default_clinic
        if patient is not None:
            await journey.stop(session, patient)
            log.info("patient %d opted out", patient.id)
    await reply(update, svc.phrases()("stopped", clinic_name=clinic.name,
                                      clinic_phone=clinic.phone))


async def delete(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    phrases = services(context).phrases()
    await reply(update, phrases("confirm_delete"), keyboards.confirm_delete(phrases))


async def delete_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
    query = update.callback_query
    assert query is not None
    await acknowledge(update)
    if query.data != keyboards.DELETE_YES:
        await reply(update, svc.phrases()("delete_cancelled"))
        return
    async with svc.sessions.begin() as session:
        patient = await patients.by_telegram_user(session, _user_id(update))
        if patient is not None:
            await patients.erase_patient(session, patient)
            log.info("a patient erased their data")
    await reply(update, svc.phrases()("deleted"))
