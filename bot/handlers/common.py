"""Small pieces every handler needs: the patient behind an update, and replying."""

from __future__ import annotations

import logging
from datetime import date, datetime
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from bot.services import Services
from messages.render import short_date
from storage import patients
from storage.models import Clinic, Patient

ECHO_LIMIT = 40
log = logging.getLogger(__name__)


async def reply(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    chat = update.effective_chat
    if chat is not None:
        await chat.send_message(text, reply_markup=markup)


async def acknowledge(update: Update) -> None:
    """Answer a button press and remove its keyboard, so it cannot be pressed twice."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    if query.message is None or not getattr(query.message, "reply_markup", None):
        return
    try:
        await query.edit_message_reply_markup(None)
    except BadRequest as exc:  # too old to edit, or already gone: the answer matters, not this
        log.info("could not remove a keyboard: %s", exc.message)


async def patient_and_clinic(svc: Services, update: Update) -> tuple[Patient | None, Clinic]:
    """The patient writing (if known) and the clinic to name: theirs, or the default one."""
    assert update.effective_user is not None
    async with svc.sessions() as session:
        patient = await patients.by_telegram_user(session, update.effective_user.id)
    return patient, patient.clinic if patient else svc.default_clinic


def echo(text: str) -> str:
    """A patient's words quoted back, short enough to never flood the chat."""
    text = " ".join(text.split())
    return text if len(text) <= ECHO_LIMIT else text[: ECHO_LIMIT - 1] + "…"


def hour_label(hour: int) -> str:
    return f"{hour}:00"


def long_date(day: date) -> str:
    return f"{short_date(day)} {day.year}"


def local_now(patient: Patient, now: datetime) -> datetime:
    return now.astimezone(ZoneInfo(patient.timezone))


def when(moment: datetime, patient: Patient) -> str:
    local = moment.astimezone(ZoneInfo(patient.timezone))
    return f"{short_date(local.date())} at {local:%H:%M}"
