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
HANDLED = "handled"
BROADCAST = "bc"
SESSIONS = "sessions"
MAX_SESSIONS_BUTTON = 6


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


def handled(phrases: Phrases, alert_id: int) -> InlineKeyboardMarkup:
    return _rows([InlineKeyboardButton(phrases("button_handled"),
                                       callback_data=f"{HANDLED}:{alert_id}")], 1)


def broadcast_preview(phrases: Phrases, broadcast_id: int,
                      sizes: Sequence[tuple[str, int]], chosen: str) -> InlineKeyboardMarkup:
    """Send / Cancel, and one button per audience with its size (the chosen one marked)."""
    audiences = [
        InlineKeyboardButton(
            ("✓ " if name == chosen else "") + phrases(f"audience_{name}", count=count),
            callback_data=f"{BROADCAST}:{broadcast_id}:{name}")
        for name, count in sizes
    ]
    return InlineKeyboardMarkup([
        [InlineKeyboardButton(phrases("button_send"),
                              callback_data=f"{BROADCAST}:{broadcast_id}:send"),
         InlineKeyboardButton(phrases("button_cancel"),
                              callback_data=f"{BROADCAST}:{broadcast_id}:cancel")],
        *([button] for button in audiences),
    ])


def sessions_planned(phrases: Phrases) -> InlineKeyboardMarkup:
    buttons = [InlineKeyboardButton(str(n), callback_data=f"{SESSIONS}:{n}")
               for n in range(1, MAX_SESSIONS_BUTTON + 1)]
    buttons.append(InlineKeyboardButton(phrases("button_not_sure"), callback_data=f"{SESSIONS}:0"))
    return _rows(buttons, 3)


def handled_list(phrases: Phrases, alert_ids: Sequence[int]) -> InlineKeyboardMarkup:
    return _rows([InlineKeyboardButton(f"{phrases('button_handled')} #{alert_id}",
                                       callback_data=f"{HANDLED}:{alert_id}")
                  for alert_id in alert_ids], 2)

