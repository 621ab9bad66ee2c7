"""Buttons act only where they were shown: in the presser's own private chat.

Telegram only lets users press buttons in chats they are in, so a press on a message in
someone else's chat, or a patient's button in a group, is forged or replayed: it is answered
as stale and goes no further. The one exception is an alert's "Handled" button, which lives
in the clinic's staff group and is checked by its own handler.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot import keyboards
from bot.services import services

GROUP_BUTTONS = (f"{keyboards.HANDLED}:",)


async def own_chat_only(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    if query is None or query.from_user is None:
        return
    chat_id = query.message.chat.id if query.message is not None else None
    if chat_id == query.from_user.id or (query.data or "").startswith(GROUP_BUTTONS):
        return
    await query.answer(services(context).phrases()("stale_button"))
    raise ApplicationHandlerStop
