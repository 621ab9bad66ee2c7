"""Warning signs delivered to the clinic's staff within a dispatcher tick.

Each open alert goes to every staff member's private chat and the clinic's staff group,
with a "Handled" button. Delivery is at least once: if Telegram fails midway, the alert is
sent again next tick, since a repeated alert costs less than a missed one.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import keyboards
from bot.pacing import Pacer
from bot.sender import RecipientGone, Rejected, Sender
from messages.catalog import Catalog
from messages.phrases import Html, Phrases
from storage import alerts, staff
from storage.models import Alert, Clinic, Patient, Question, Urgency

log = logging.getLogger(__name__)

QUOTE_LIMIT = 600


def alert_text(phrases: Phrases, alert: Alert, patient: Patient, question: Question,
               clinic: Clinic) -> Html:
    words = question.text if len(question.text) <= QUOTE_LIMIT else (
        question.text[:QUOTE_LIMIT - 1] + "…")
    level = "alert_level_emergency" if alert.level is Urgency.EMERGENCY else "alert_level_urgent"
    return phrases("staff_alert", level=phrases(level), number=alert.id,
                   first_name=patient.first_name or "—",
                   day=day_label(question.recovery_day),
                   words=words, clinic_name=clinic.name)


def day_label(day: int | None) -> str:
    """The recovery day, or a dash before registration or before the treatment."""
    return "—" if day is None or day < 0 else str(day)


class StaffAlerts:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], sender: Sender,
                 catalog: Catalog, pacer: Pacer | None) -> None:
        self.sessions = sessions
        self.sender = sender
        self.phrases = catalog.phrasebook()
        self.pacer = pacer

    async def deliver(self, now: datetime) -> int:
        """Send undelivered alerts; `RetryLater` propagates and they stay undelivered."""
        async with self.sessions() as session:
            work = []
            for alert in await alerts.undelivered(session, now):
                patient, question, clinic = await alerts.details(session, alert)
                chats = await staff.alert_chats(session, clinic)
                if chats:  # no staff yet: kept for the first one who joins
                    work.append((alert.id, chats,
                                 alert_text(self.phrases, alert, patient, question, clinic)))
        for alert_id, chats, text in work:
            reached = 0
            for chat in chats:
                if self.pacer is not None:
                    await self.pacer.wait(chat)
                try:
                    await self.sender.send(chat, text, keyboards.handled(self.phrases, alert_id))
                    reached += 1
                except (RecipientGone, Rejected) as exc:
                    log.warning("alert %d could not reach staff chat %d: %s", alert_id, chat, exc)
            async with self.sessions.begin() as session:
                await session.execute(update(Alert).where(Alert.id == alert_id)
                                      .values(notified_at=now))
            if not reached:
                log.warning("alert %d reached no staff member: has each started the bot?",
                            alert_id)
        return len(work)
