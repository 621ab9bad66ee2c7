"""Clinic staff in Telegram: joining with an invite, broadcasts, figures, alerts, questions.

Every command checks that the sender is staff and works on their own clinic only; anyone
else gets the same plain "not available" and learns nothing about what exists.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot import keyboards
from bot.alerting import day_label
from bot.broadcasting import progress_text
from bot.handlers.common import reply
from bot.services import Services, services
from messages.model import TELEGRAM_TEXT_LIMIT
from messages.phrases import Html, Phrases
from storage import alerts, broadcasts, questions, staff, stats
from storage.models import (
    Alert,
    Audience,
    Broadcast,
    BroadcastStatus,
    Clinic,
    StaffMember,
    Urgency,
)

log = logging.getLogger(__name__)

BROADCAST_TEXT = "broadcast_text"
# Room left in one Telegram message for the frame around a broadcast text.
BROADCAST_LIMIT = TELEGRAM_TEXT_LIMIT - 300
LIST_QUOTE = 200


def _user_id(update: Update) -> int:
    assert update.effective_user is not None
    return update.effective_user.id


async def _staff_or_refuse(update: Update, svc: Services,
                           session: AsyncSession) -> StaffMember | None:
    member = await staff.member(session, _user_id(update))
    if member is None:
        await reply(update, svc.phrases()("not_available"))
    return member


@asynccontextmanager
async def _as_staff(update: Update, svc: Services
                    ) -> AsyncIterator[tuple[AsyncSession, StaffMember | None]]:
    """A read-only session and the staff member writing (None after "not available")."""
    async with svc.sessions() as session:
        yield session, await _staff_or_refuse(update, svc, session)


def _local(moment: datetime, clinic: Clinic) -> str:
    return f"{moment.astimezone(ZoneInfo(clinic.timezone)):%d %b %H:%M}"


def _today(svc: Services, clinic: Clinic) -> date:
    return svc.clock.now().astimezone(ZoneInfo(clinic.timezone)).date()


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LIST_QUOTE else text[:LIST_QUOTE - 1] + "…"


async def join(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/staff CODE: a one-time invite from `aftercare-bot admin invite` makes one staff."""
    svc = services(context)
    phrases = svc.phrases()
    code = context.args[0] if context.args else ""
    async with svc.sessions.begin() as session:
        current = await staff.member(session, _user_id(update))
        try:
            member = (await staff.redeem_invite(session, code, _user_id(update), svc.clock.now())
                      if code else None)
        except staff.AlreadyStaff as exc:
            await reply(update, phrases("staff_elsewhere", clinic_name=exc.clinic.name))
            return
        if member is None:
            await reply(update, phrases("staff_help", clinic_name=current.clinic.name)
                        if current else phrases("not_available"))
            return
        clinic_name = member.clinic.name
    log.info("user %d joined clinic %s as staff", _user_id(update), member.clinic.code)
    await reply(update, phrases("staff_welcome", clinic_name=clinic_name))


async def staff_chat(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/staffchat in a group: that group gets the clinic's alerts too."""
    svc = services(context)
    chat = update.effective_chat
    assert chat is not None
    async with svc.sessions.begin() as session:
        member = await _staff_or_refuse(update, svc, session)
        if member is None:
            return
        clinic = member.clinic
        if chat.type == chat.PRIVATE:
            await reply(update, svc.phrases()("staff_help", clinic_name=clinic.name))
            return
        stored = await session.get(Clinic, clinic.id)
        assert stored is not None
        stored.staff_chat_id = chat.id
    await reply(update, svc.phrases()("staffchat_saved", clinic_name=clinic.name))


async def broadcast(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/broadcast TEXT, or /broadcast and then the text: a preview to confirm."""
    svc = services(context)
    message = update.effective_message
    assert message is not None and message.text is not None
    text = message.text.partition(" ")[2].strip()
    async with svc.sessions.begin() as session:
        member = await _staff_or_refuse(update, svc, session)
        if member is None:
            return
        if not text:
            member.step = BROADCAST_TEXT
            await reply(update, svc.phrases()("broadcast_ask_text"))
            return
        await preview(update, session, svc, member, text)


async def broadcast_text(update: Update, session: AsyncSession, svc: Services,
                         member: StaffMember, text: str) -> None:
    """The text after a bare /broadcast."""
    await preview(update, session, svc, member, text)


async def preview(update: Update, session: AsyncSession, svc: Services, member: StaffMember,
                  text: str) -> None:
    phrases = svc.phrases()
    member.step = None
    if len(text) > BROADCAST_LIMIT:
        member.step = BROADCAST_TEXT
        await reply(update, phrases("broadcast_too_long", limit=BROADCAST_LIMIT))
        return
    draft = await broadcasts.create(session, member.clinic, text, audience=Audience.ACTIVE,
                                    created_by=member.telegram_user_id, now=svc.clock.now())
    body, markup = await _preview(session, svc, draft)
    await session.commit()
    await reply(update, body, markup)


async def _preview(session: AsyncSession, svc: Services,
                   draft: Broadcast) -> tuple[Html, InlineKeyboardMarkup]:
    phrases = svc.phrases()
    today = _today(svc, draft.clinic)
    sizes = [(a.value, await broadcasts.audience_size(session, draft.clinic, a, today))
             for a in Audience]
    count = dict(sizes)[draft.audience.value]
    body = phrases("broadcast_preview", clinic_name=draft.clinic.name,
                   audience=phrases(f"audience_{draft.audience.value}", count=count),
                   count=count, text=draft.text)
    return body, keyboards.broadcast_preview(phrases, draft.id, sizes, draft.audience.value)


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/cancel: leaves a half-started broadcast."""
    svc = services(context)
    async with svc.sessions.begin() as session:
        member = await staff.member(session, _user_id(update))
        if member is None or member.step is None:
            await reply(update, svc.phrases()("unknown_command"))
            return
        member.step = None
    await reply(update, svc.phrases()("broadcast_cancelled"))


async def broadcast_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send, Cancel, or another audience under a preview."""
    svc = services(context)
    phrases = svc.phrases()
    query = update.callback_query
    assert query is not None and query.data is not None and query.message is not None
    _, number, action = (query.data.split(":") + ["", ""])[:3]
    async with svc.sessions.begin() as session:
        member = await staff.member(session, _user_id(update))
        draft = await broadcasts.get(session, int(number)) if number.isdigit() else None
        if member is None or draft is None or draft.clinic_id != member.clinic_id:
            await query.answer(phrases("stale_button"))
            return
        if draft.status is not BroadcastStatus.DRAFT:
            await query.answer(phrases("broadcast_not_draft"))
            return
        if action in {a.value for a in Audience}:
            draft.audience = Audience(action)
            body, markup = await _preview(session, svc, draft)
            await query.answer()
            await query.edit_message_text(body, reply_markup=markup)
            return
        if action == "cancel":
            await broadcasts.cancel(session, draft)
            await query.answer()
            await query.edit_message_text(phrases("broadcast_cancelled"))
            return
        if action != "send":
            await query.answer(phrases("stale_button"))
            return
        now = svc.clock.now()
        await broadcasts.queue(session, draft, send_at=now, today=_today(svc, draft.clinic))
        if draft.total == 0:
            draft.status = BroadcastStatus.CANCELLED
            await query.answer(phrases("broadcast_nobody"), show_alert=True)
            return
        text = progress_text(phrases, draft, broadcasts.Progress(
            total=draft.total, delivered=0, blocked=0, failed=0, remaining=draft.total))
        draft.progress_chat_id, draft.progress_message_id = (query.message.chat.id,
                                                             query.message.message_id)
        draft.progress_text = text
    log.info("staff %d sent broadcast %d to %d patient(s)", member.telegram_user_id, draft.id,
             draft.total)
    await query.answer()
    await query.edit_message_text(text)
    context.application.create_task(svc.dispatcher.tick(now))


async def stats_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
    async with _as_staff(update, svc) as (session, member):
        if member is None:
            return
        figures = await stats.clinic_figures(session, member.clinic, svc.clock.now())
    await reply(update, stats_text(svc.phrases(), member.clinic, figures))


def stats_text(phrases: Phrases, clinic: Clinic, figures: stats.Figures) -> Html:
    return phrases(
        "stats", clinic_name=clinic.name, **figures.patients,
        delivered_7=figures.delivered[7], failed_7=figures.failed[7],
        delivered_30=figures.delivered[30], failed_30=figures.failed[30],
        **figures.questions, **figures.votes,
        alerts_open=figures.alerts["open"], alerts_handled=figures.alerts["handled"])


async def alerts_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
    phrases = svc.phrases()
    async with _as_staff(update, svc) as (session, member):
        if member is None:
            return
        open_ones = await alerts.open_alerts(session, member.clinic)
        lines = []
        for alert in open_ones:
            patient, question, clinic = await alerts.details(session, alert)
            level = ("alert_level_emergency" if alert.level is Urgency.EMERGENCY
                     else "alert_level_urgent")
            lines.append(phrases(
                "alert_line", level=phrases(level), number=alert.id,
                first_name=patient.first_name or "—", when=_local(alert.created_at, clinic),
                day=day_label(question.recovery_day),
                words=_quote(question.text)))
    if not lines:
        await reply(update, phrases("alerts_none"))
        return
    await reply(update, Html("\n".join([phrases("alerts_header", count=len(lines)), *lines])),
                keyboards.handled_list(phrases, [a.id for a in open_ones]))


async def unanswered_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
    phrases = svc.phrases()
    async with _as_staff(update, svc) as (session, member):
        if member is None:
            return
        latest = await questions.unanswered(session, member.clinic_id)
        lines = [phrases("unanswered_line", when=_local(q.asked_at, member.clinic),
                         day=day_label(q.recovery_day),
                         text=_quote(q.text)) for q in latest]
    await reply(update, Html("\n".join([phrases("unanswered_header", count=len(lines)), *lines]))
                if lines else phrases("unanswered_none"))


async def handled_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """"Handled" under an alert: by the clinic's staff, or in its registered staff group."""
    svc = services(context)
    phrases = svc.phrases()
    query = update.callback_query
    assert query is not None and query.data is not None and query.message is not None
    number = query.data.removeprefix(f"{keyboards.HANDLED}:")
    user = update.effective_user
    assert user is not None
    async with svc.sessions.begin() as session:
        member = await staff.member(session, user.id)
        alert = None
        if number.isdigit():
            found = await session.get(Alert, int(number))
            if found is not None:
                clinic = await session.get(Clinic, found.clinic_id)
                allowed = ((member is not None and member.clinic_id == found.clinic_id)
                           or (clinic is not None and clinic.staff_chat_id == query.message.chat.id))
                alert = found if allowed else None
        if alert is None:
            await query.answer(phrases("stale_button"))
            return
        if not alerts.handle(alert, user.id, svc.clock.now()):
            await query.answer(phrases("alert_already_handled"))
            return
        assert clinic is not None
        line = phrases("alert_handled_line", by=user.full_name,
                       when=_local(svc.clock.now(), clinic))
    await query.answer()
    original = getattr(query.message, "text_html", "") or ""
    markup = getattr(query.message, "reply_markup", None)
    others = [[b for b in row if b.callback_data != query.data]
              for row in (markup.inline_keyboard if markup else [])]
    others = [row for row in others if row]
    if others:  # a list of alerts: that one's button goes, the rest stay
        await query.edit_message_reply_markup(InlineKeyboardMarkup(others))
        await reply(update, Html(f"#{number} {line}"))
    else:
        await query.edit_message_text(Html(f"{original}\n\n{line}"))
