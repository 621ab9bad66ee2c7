"""Two bot processes on one database (two engines, two dispatchers): every due row is sent
exactly once. On PostgreSQL the claim uses FOR UPDATE SKIP LOCKED; on both backends the claim
only takes rows still pending."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from bot import journey
from bot.dispatcher import Dispatcher
from storage import broadcasts, clinics, patients
from storage.db import create_engine, session_factory
from storage.migrate import upgrade_async
from storage.models import Audience, MessageStatus, ScheduledMessage

NOW = datetime(2026, 11, 22, 10, 0, tzinfo=ZoneInfo("Europe/London"))


@dataclass
class SlowSender:
    """Takes a moment per message, like Telegram, so the two dispatchers really overlap."""

    sent: list[tuple[int, str]] = field(default_factory=list)

    async def send(self, chat_id: int, html: str, markup: object = None) -> int:
        await asyncio.sleep(0.002)
        self.sent.append((chat_id, html))
        return len(self.sent)

    async def edit(self, chat_id: int, message_id: int, html: str) -> None:
        """Broadcast progress is not part of this test."""


async def test_two_dispatchers_send_every_row_exactly_once(backend_url, catalog) -> None:
    await upgrade_async(backend_url)
    engines = [create_engine(backend_url), create_engine(backend_url)]
    factories = [session_factory(engine) for engine in engines]
    try:
        async with factories[0].begin() as session:
            clinic = await clinics.ensure_clinic(session, code="TWO", name="Two", phone="1",
                                                 timezone="Europe/London")
            for user in range(1, 151):
                patient = await patients.create_patient(
                    session, telegram_user_id=user, chat_id=user, first_name="P",
                    clinic=clinic, language="en", send_hour=9)
                await journey.register_treatment(session, catalog, patient, NOW.date(), NOW)
            draft = await broadcasts.create(session, clinic, "Closed on Monday",
                                            audience=Audience.ACTIVE, created_by=None, now=NOW)
            await broadcasts.queue(session, draft, send_at=NOW, today=NOW.date())
        async with factories[0]() as session:
            due = await session.scalar(select(func.count()).select_from(ScheduledMessage).where(
                ScheduledMessage.status == MessageStatus.PENDING,
                ScheduledMessage.due_at <= NOW))
        assert due == 450  # two day-0 messages and the broadcast, for 150 patients

        senders = [SlowSender(), SlowSender()]
        dispatchers = [Dispatcher(f, s, catalog, batch_size=20)
                       for f, s in zip(factories, senders, strict=True)]
        await asyncio.gather(*(d.tick(NOW) for d in dispatchers))

        sent = senders[0].sent + senders[1].sent
        if backend_url.startswith("postgresql"):
            # SQLite has one writer at a time and may let one process take everything; the
            # point there is that nothing goes twice.
            assert all(s.sent for s in senders), "both processes took part"
        assert len(sent) == len(set(sent)) == due, "each row once, none twice"
        async with factories[1]() as session:
            statuses = dict((await session.execute(  # type: ignore[arg-type]
                select(ScheduledMessage.status, func.count())
                .where(ScheduledMessage.due_at <= NOW).group_by(ScheduledMessage.status))).all())
        assert statuses == {MessageStatus.SENT: due}
    finally:
        for engine in engines:
            await engine.dispose()
