"""Small pieces every handler needs: the patient behind an update, and replying."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup, Update

from messages.render import short_date
from storage.models import Patient

ECHO_LIMIT = 40


async def reply(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    chat = update.effective_chat
    if chat is not None:
        await chat.send_message(text, reply_markup=markup)


async def drop_buttons(update: Update) -> None:
    """Remove the keyboard a button was pressed on, so it cannot be pressed twice."""
    query = update.callback_query
    if query is not None and query.message is not None and getattr(
        query.message, "reply_markup", None
    ):
        await query.edit_message_reply_markup(None)


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
