"""Inline keyboards. Callback data is short text (`kind:value`) and checked again on return:
a button never acts on anyone but the patient who presses it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from messages.phrases import Phrases
from messages.planner import EARLIEST_HOUR, LATEST_SEND_HOUR
from messages.render import short_date

ACCEPT = "accept"
DATE = "date"
TZ_OK = "tz:ok"
TZ_CHANGE = "tz:change"
TZ_SET = "tzset"
HOUR = "hour"
SETTINGS_HOUR = "settings:hour"
SETTINGS_TZ = "settings:tz"
DELETE_YES = "delete:yes"
DELETE_NO = "delete:no"
VOTE = "vote"
ALTERNATIVE = "alt"


def _rows(buttons: Sequence[InlineKeyboardButton], width: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([list(buttons[i:i + width]) for i in range(0, len(buttons), width)])


def accept(phrases: Phrases) -> InlineKeyboardMarkup:
    return _rows([InlineKeyboardButton(phrases("button_understand"), callback_data=ACCEPT)], 1)


def treatment_dates(phrases: Phrases, today: date) -> InlineKeyboardMarkup:
    choices = [("button_today", 0), ("button_yesterday", 1), ("button_two_days_ago", 2)]
    return _rows([
        InlineKeyboardButton(phrases(name), callback_data=f"{DATE}:{today - timedelta(days=back)}")
        for name, back in choices
    ], 3)


def date_choices(candidates: Sequence[date]) -> InlineKeyboardMarkup:
    return _rows([
        InlineKeyboardButton(f"{short_date(day)} {day.year}", callback_data=f"{DATE}:{day}")
        for day in candidates
    ], 2)


def timezone_confirm(phrases: Phrases) -> InlineKeyboardMarkup:
    return _rows([
        InlineKeyboardButton(phrases("button_timezone_ok"), callback_data=TZ_OK),
        InlineKeyboardButton(phrases("button_timezone_change"), callback_data=TZ_CHANGE),
    ], 2)


def timezone_choices(zones: Sequence[str]) -> InlineKeyboardMarkup:
    buttons = [InlineKeyboardButton(zone, callback_data=f"{TZ_SET}:{zone}") for zone in zones]
    return _rows(buttons, 2)


def send_hours() -> InlineKeyboardMarkup:
    return _rows([
        InlineKeyboardButton(f"{hour}:00", callback_data=f"{HOUR}:{hour}")
        for hour in range(EARLIEST_HOUR, LATEST_SEND_HOUR + 1)
    ], 4)


def settings_menu(phrases: Phrases) -> InlineKeyboardMarkup:
    return _rows([
        InlineKeyboardButton(phrases("button_send_hour"), callback_data=SETTINGS_HOUR),
        InlineKeyboardButton(phrases("button_timezone"), callback_data=SETTINGS_TZ),
    ], 2)


def confirm_delete(phrases: Phrases) -> InlineKeyboardMarkup:
    return _rows([
        InlineKeyboardButton(phrases("button_delete_yes"), callback_data=DELETE_YES),
        InlineKeyboardButton(phrases("button_delete_no"), callback_data=DELETE_NO),
    ], 1)


def feedback_row(phrases: Phrases, question_id: int) -> list[InlineKeyboardButton]:
    return [
        InlineKeyboardButton(phrases("button_helpful"), callback_data=f"{VOTE}:{question_id}:up"),
        InlineKeyboardButton(phrases("button_not_helpful"),
                             callback_data=f"{VOTE}:{question_id}:down"),
    ]
