"""Telegram unreachable for a while: the bot keeps running, retries, and catches up after."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import select

from storage.models import ScheduledMessage
from tests.bot_harness import Patient, running_bot, services_of


async def test_the_bot_rides_out_an_outage_and_catches_up(fake, clock, settings,
                                                          catalog) -> None:
    day1 = catalog.protocol().message("day1_first_full_day").title
    eva = Patient(fake, 611)
    async with running_bot(settings, clock) as app:
        await eva.register()
        await fake.wait_for(lambda: len(eva.inbox) >= 5, what="day 0")
        fake.set_down(True)  # every request now answers 502
        clock.set(clock.now().replace(hour=9, minute=30) + timedelta(days=1))
        await asyncio.sleep(1.5)
        assert not any(s.text.startswith(day1) for s in eva.inbox)
        async with services_of(app).sessions() as session:
            row = await session.scalar(select(ScheduledMessage).where(
                ScheduledMessage.message_key == "day1_first_full_day"))
        assert row is not None and row.status.value == "pending" and row.attempts >= 1
        assert "Bad Gateway" in (row.last_error or "")

        fake.set_down(False)
        clock.set(clock.now() + timedelta(minutes=2))  # past the first backoff
        await fake.wait_for(lambda: any(s.text.startswith(day1) for s in eva.inbox),
                            timeout=10, what="day 1 after the outage")
        status = await eva.say("/status")  # and updates flow again
        assert "Day 1" in status[0].text or "day 1" in status[0].text
