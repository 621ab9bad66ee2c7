"""Registration: /start [CLINIC] -> disclaimer -> treatment date -> time zone -> plan.

Where the patient stands is kept in `patient.step` in the database, so a half-finished
registration continues after a restart of the bot. The same date and time-zone steps serve
/newdate and /settings once the patient is registered.
"""

from __future__ import annotations

import logging
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot import journey, keyboards
from bot.handlers.common import (
    acknowledge,
    echo,
    hour_label,
    local_now,
    long_date,
    reply,
)
from bot.handlers.status import status_text
from bot.services import Services, services
from messages.dates import MAX_DAYS_AHEAD, check_range, parse_treatment_date
from messages.phrases import Html
from messages.planner import PlannedMessage
from messages.timezones import find_timezones
from storage import clinics, patients
from storage.models import Patient, PatientStatus

log = logging.getLogger(__name__)

DISCLAIMER = "disclaimer"
DATE = "date"
TIMEZONE = "timezone"
TIMEZONE_NAME = "timezone_name"
NEW_DATE = "newdate"
NEW_SESSION = "newsession"
SETTINGS_TIMEZONE = "settings_tz"
DATE_STEPS = (DATE, NEW_DATE, NEW_SESSION)
ASK_DATE = {DATE: "ask_date", NEW_DATE: "ask_new_date", NEW_SESSION: "ask_next_session"}
# Typed instead of pressing "Yes, that's right" under the time-zone question.
AGREEMENT = {"yes", "y", "yep", "yeah", "ok", "okay", "correct", "right", "sure", "👍"}


def current_question(svc: Services, patient: Patient) -> tuple[Html, InlineKeyboardMarkup | None]:
    """The question the patient still has to answer, asked again after any detour."""
    phrases = svc.phrases(patient.language)
    today = local_now(patient, svc.clock.now()).date()
    if patient.step in DATE_STEPS:
        return phrases(ASK_DATE[patient.step]), keyboards.treatment_dates(phrases, today)
    if patient.step == TIMEZONE:
        local = local_now(patient, svc.clock.now())
        return phrases("ask_timezone", timezone=patient.timezone, local_time=f"{local:%H:%M}",
                       send_hour=hour_label(patient.send_hour)), keyboards.timezone_confirm(phrases)
    if patient.step in (TIMEZONE_NAME, SETTINGS_TIMEZONE):
        return phrases("ask_timezone_name"), None
    return phrases("disclaimer"), keyboards.accept(phrases)


async def advance(update: Update, session: AsyncSession, svc: Services, patient: Patient,
                  step: str) -> None:
    """Move the patient to `step`, durably, then ask its question."""
    patient.step = step
    await session.commit()
    await reply(update, *current_question(svc, patient))


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    code = context.args[0][:32] if context.args else None
    notes: list[Html] = []
    returning, text = False, None
    async with svc.sessions.begin() as session:
        clinic = await clinics.by_code(session, code) if code else None
        patient = await patients.by_telegram_user(session, user.id)
        if code and clinic is None:
            notes.append(svc.phrases()("unknown_clinic", code=echo(code),
                                       clinic_name=(patient.clinic if patient else
                                                    svc.default_clinic).name))
        if patient is None:
            patient = await patients.create_patient(
                session, telegram_user_id=user.id, chat_id=chat.id,
                first_name=user.first_name or "", clinic=clinic or svc.default_clinic,
                language="en", send_hour=svc.settings.default_send_hour)
            patient.step = DISCLAIMER
            log.info("new patient %d started registration", patient.id)
        elif patient.status is PatientStatus.REGISTERING:
            if clinic is not None:
                patient.clinic, patient.timezone = clinic, clinic.timezone
        else:
            patient.chat_id = chat.id
            patient.step = None
            returning = patient.status is not PatientStatus.ACTIVE
            if returning:
                await journey.reactivate(session, svc.catalog, patient, svc.clock.now())
            text = await status_text(session, svc, patient)
    phrases = svc.phrases(patient.language)
    for note in notes:
        await reply(update, note)
    if text is not None:
        if returning:
            await reply(update, phrases("welcome_back"))
            context.application.create_task(svc.dispatcher.tick(svc.clock.now()))
        await reply(update, text)
        return
    if patient.step == DISCLAIMER:
        await reply(update, phrases("welcome", clinic_name=patient.clinic.name))
    await reply(update, *current_question(svc, patient))


async def accept_disclaimer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
    async with svc.sessions.begin() as session:
        patient = await _patient(session, update)
        if patient is None or patient.step != DISCLAIMER:
            await _stale(update, svc)
            return
        patient.step = DATE
        patient.disclaimer_accepted_at = svc.clock.now()
    await acknowledge(update)
    await reply(update, *current_question(svc, patient))


async def date_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
    query = update.callback_query
    assert query is not None and query.data is not None
    try:
        chosen = date.fromisoformat(query.data.split(":", 1)[1])
    except ValueError:
        chosen = None
    async with svc.sessions.begin() as session:
        patient = await _patient(session, update)
        if patient is None or patient.step not in DATE_STEPS or chosen is None:
            await _stale(update, svc)
            return
        await acknowledge(update)
        await _use_date(update, context, session, svc, patient, chosen)


async def date_text(update: Update, context: ContextTypes.DEFAULT_TYPE,
                    session: AsyncSession, svc: Services, patient: Patient, text: str) -> None:
    phrases = svc.phrases(patient.language)
    today = local_now(patient, svc.clock.now()).date()
    answer = parse_treatment_date(text, today)
    if answer.value is not None:
        await _use_date(update, context, session, svc, patient, answer.value)
    elif answer.candidates:
        await reply(update, phrases("date_ambiguous", text=echo(text)),
                    keyboards.date_choices(answer.candidates))
    else:
        reason = {
            "unreadable": phrases("reason_unreadable", text=echo(text)),
            "impossible": phrases("reason_impossible", text=echo(text)),
            "too_far_ahead": phrases("reason_too_far_ahead", days=MAX_DAYS_AHEAD),
            "too_long_ago": phrases("reason_too_long_ago"),
        }[answer.problem or "unreadable"]
        await reply(update, phrases("date_refused", reason=reason),
                    keyboards.treatment_dates(phrases, today))


async def _use_date(update: Update, context: ContextTypes.DEFAULT_TYPE, session: AsyncSession,
                    svc: Services, patient: Patient, chosen: date) -> None:
    phrases = svc.phrases(patient.language)
    now = svc.clock.now()
    problem = check_range(chosen, local_now(patient, now).date())
    if problem is not None:  # a button from days ago
        await reply(update, phrases("date_refused", reason=phrases(
            "reason_too_far_ahead" if problem == "too_far_ahead" else "reason_too_long_ago",
            days=MAX_DAYS_AHEAD)))
        return
    if patient.step == DATE:
        patient.pending_date = chosen
        await advance(update, session, svc, patient, TIMEZONE)
        return
    if patient.step == NEW_SESSION:
        await _new_session(update, context, session, svc, patient, chosen)
        return
    planned = await journey.change_date(session, svc.catalog, patient, chosen, now)
    await session.commit()
    await _confirm_plan(update, context, svc, patient, "new_date_saved", chosen, planned)


async def _confirm_plan(update: Update, context: ContextTypes.DEFAULT_TYPE, svc: Services,
                        patient: Patient, phrase: str, chosen: date,
                        planned: list[PlannedMessage], **values: object) -> None:
    """Say what the new plan is, and send what is due of it now."""
    phrases = svc.phrases(patient.language)
    now = svc.clock.now()
    await reply(update, phrases(
        phrase, treatment_date=long_date(chosen),
        day_line=journey.day_line(phrases, chosen, now, ZoneInfo(patient.timezone)),
        overview=journey.overview(phrases, planned), **values))
    context.application.create_task(svc.dispatcher.tick(now))


async def timezone_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
    query = update.callback_query
    assert query is not None and query.data is not None
    async with svc.sessions.begin() as session:
        patient = await _patient(session, update)
        if patient is None:
            await _stale(update, svc)
            return
        if query.data == keyboards.TZ_CHANGE and patient.step == TIMEZONE:
            await acknowledge(update)
            await advance(update, session, svc, patient, TIMEZONE_NAME)
            return
        zone = (patient.timezone if query.data == keyboards.TZ_OK
                else query.data.removeprefix(f"{keyboards.TZ_SET}:"))
        allowed_steps = ((TIMEZONE,) if query.data == keyboards.TZ_OK
                         else (TIMEZONE, TIMEZONE_NAME, SETTINGS_TIMEZONE))
        if patient.step not in allowed_steps or zone not in find_timezones(zone):
            await _stale(update, svc)
            return
        await acknowledge(update)
        await use_timezone(update, context, session, svc, patient, zone)


async def timezone_text(update: Update, context: ContextTypes.DEFAULT_TYPE,
                        session: AsyncSession, svc: Services, patient: Patient,
                        text: str) -> None:
    phrases = svc.phrases(patient.language)
    if patient.step == TIMEZONE and text.strip(" .!").lower() in AGREEMENT:
        await use_timezone(update, context, session, svc, patient, patient.timezone)
        return
    zones = find_timezones(text)
    if len(zones) == 1:
        await use_timezone(update, context, session, svc, patient, zones[0])
    elif zones:
        await reply(update, phrases("timezone_choose"), keyboards.timezone_choices(zones))
    else:
        await reply(update, phrases("timezone_unknown", text=echo(text)))


async def use_timezone(update: Update, context: ContextTypes.DEFAULT_TYPE,
                       session: AsyncSession, svc: Services, patient: Patient, zone: str) -> None:
    phrases = svc.phrases(patient.language)
    now = svc.clock.now()
    patient.timezone = zone
    if patient.step == SETTINGS_TIMEZONE:
        patient.step = None
        await journey.change_timing(session, svc.catalog, patient, now)
        await session.commit()
        await reply(update, phrases("timezone_saved", timezone=zone))
        return
    treatment_date = patient.pending_date
    if treatment_date is None:  # cannot happen through the buttons; ask again rather than guess
        await advance(update, session, svc, patient, DATE)
        return
    planned = await journey.register_treatment(session, svc.catalog, patient, treatment_date, now)
    await session.commit()
    log.info("patient %d registered a treatment", patient.id)
    await reply(update, phrases(
        "registered", treatment_date=long_date(treatment_date),
        day_line=journey.day_line(phrases, treatment_date, now, ZoneInfo(zone)),
        overview=journey.overview(phrases, planned), send_hour=hour_label(patient.send_hour)))
    context.application.create_task(svc.dispatcher.tick(now))
    await reply(update, phrases("ask_sessions"), keyboards.sessions_planned(phrases))


async def _new_session(update: Update, context: ContextTypes.DEFAULT_TYPE,
                       session: AsyncSession, svc: Services, patient: Patient,
                       chosen: date) -> None:
    phrases = svc.phrases(patient.language)
    now = svc.clock.now()
    previous = await patients.current_treatment(session, patient)
    if previous is not None and chosen <= previous.treatment_date:
        await reply(update, phrases("new_session_too_early",
                                    last_date=long_date(previous.treatment_date)))
        return
    treatment, planned = await journey.record_session(session, svc.catalog, patient, chosen,
                                                      now)
    await session.commit()
    log.info("patient %d recorded session %d", patient.id, treatment.session_number)
    await _confirm_plan(update, context, svc, patient, "new_session_saved", chosen, planned,
                        number=treatment.session_number)


async def sessions_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """How many sessions the course has: decides booking reminders against maintenance."""
    svc = services(context)
    query = update.callback_query
    assert query is not None and query.data is not None
    count = query.data.removeprefix(f"{keyboards.SESSIONS}:")
    async with svc.sessions.begin() as session:
        patient = await _patient(session, update)
        if (patient is None or patient.status is PatientStatus.REGISTERING
                or not count.isdigit() or int(count) > keyboards.MAX_SESSIONS_BUTTON):
            await _stale(update, svc)
            return
        patient.sessions_planned = int(count) or None
        await journey.change_timing(session, svc.catalog, patient, svc.clock.now())
    await acknowledge(update)
    phrases = svc.phrases(patient.language)
    await reply(update, phrases("sessions_saved", count=count) if int(count)
                else phrases("sessions_unknown"))


async def _patient(session: AsyncSession, update: Update) -> Patient | None:
    user = update.effective_user
    return None if user is None else await patients.by_telegram_user(session, user.id)


async def _stale(update: Update, svc: Services) -> None:
    """A button from an old message, someone else's, or forged: answer and change nothing."""
    if update.callback_query is not None:
        await update.callback_query.answer(svc.phrases()("stale_button"))
