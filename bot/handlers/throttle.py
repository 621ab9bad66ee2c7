"""Per-user flood control, ahead of every other handler (group -1).

Past `PATIENT_MESSAGES_PER_MINUTE` a user's updates are dropped with one polite note a minute;
a message that carries a warning sign always gets through: safety first.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.services import services
from messages.triage import triage

log = logging.getLogger(__name__)

async def throttle(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
    user, chat = update.effective_user, update.effective_chat
    if svc.throttle is None or user is None or chat is None or chat.type != chat.PRIVATE:
        return
    if svc.throttle.allow(user.id):
        return
    text = update.message.text if update.message and update.message.text else ""
    if text and triage(text).urgency != "none":
        return
    if update.callback_query is not None:
        await update.callback_query.answer()
    if svc.throttle.first_refusal(user.id):
        log.info("user %d is over %d messages a minute; dropping for now", user.id,
                 svc.throttle.per_minute)
        await chat.send_message(svc.phrases()("slow_down"))
    raise ApplicationHandlerStop
