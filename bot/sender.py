"""Sending a message, behind an interface; Telegram's errors become three outcomes."""

from __future__ import annotations

from datetime import timedelta
from typing import Protocol

from telegram import Bot, InlineKeyboardMarkup
from telegram.error import (
    BadRequest,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
)


class RecipientGone(Exception):
    """The patient blocked the bot or deleted their account: stop writing to them."""


class RetryLater(Exception):
    """Telegram or the network failed for now; `after` seconds is Telegram's wish, if it said."""

    def __init__(self, reason: str, after: float | None = None) -> None:
        super().__init__(reason)
        self.after = after


class Rejected(Exception):
    """Telegram refused this one message (bad markup, too long): retrying will not help."""


class Sender(Protocol):
    async def send(self, chat_id: int, html: str,
                   markup: InlineKeyboardMarkup | None = None) -> int:
        """Send and return Telegram's message id."""
        ...

    async def edit(self, chat_id: int, message_id: int, html: str) -> None:
        """Replace the text of a message the bot sent (its buttons go)."""
        ...


def _seconds(value: float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class TelegramSender:
    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send(self, chat_id: int, html: str,
                   markup: InlineKeyboardMarkup | None = None) -> int:
        try:
            message = await self.bot.send_message(chat_id, html, reply_markup=markup)
        except Forbidden as exc:
            raise RecipientGone(exc.message) from exc
        except RetryAfter as exc:
            raise RetryLater(exc.message, _seconds(exc.retry_after)) from exc
        except BadRequest as exc:
            if "chat not found" in exc.message.lower():
                raise RecipientGone(exc.message) from exc
            raise Rejected(exc.message) from exc
        except NetworkError as exc:  # includes TimedOut and Telegram's 5xx answers
            raise RetryLater(exc.message) from exc
        except TelegramError as exc:
            raise Rejected(exc.message) from exc
        return message.message_id

    async def edit(self, chat_id: int, message_id: int, html: str) -> None:
        try:
            await self.bot.edit_message_text(html, chat_id=chat_id, message_id=message_id)
        except BadRequest as exc:
            if "not modified" not in exc.message.lower():
                raise Rejected(exc.message) from exc
        except Forbidden as exc:
            raise RecipientGone(exc.message) from exc
        except RetryAfter as exc:
            raise RetryLater(exc.message, _seconds(exc.retry_after)) from exc
        except TelegramError as exc:
            raise RetryLater(exc.message) from exc
