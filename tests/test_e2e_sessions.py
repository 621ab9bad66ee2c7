"""A course of sessions: booking reminders while sessions remain, a new plan per session with
nothing sent twice, maintenance after the last one."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from sqlalchemy import select

from storage.models import MessageStatus, ScheduledMessage, Treatment
from tests.bot_harness import Patient, running_bot, services_of

BOOKING, MAINTENANCE = "next_session_booking", ("maintenance_first", "maintenance_second")


async def plan_of(app, user: int) -> dict[int, dict[str, MessageStatus]]:  # type: ignore[no-untyped-def]
    """Session number -> message key -> status."""
    async with services_of(app).sessions() as session:
        rows = (await session.execute(
            select(Treatment.session_number, ScheduledMessage.message_key,
                   ScheduledMessage.status)
            .join(Treatment, Treatment.id == ScheduledMessage.treatment_id)
            .where(Treatment.patient_id == ScheduledMessage.patient_id))).all()
    plans: dict[int, dict[str, MessageStatus]] = {}
    for number, key, status in rows:
        plans.setdefault(number, {})[key] = status
    return plans


async def test_a_course_of_two_sessions(fake, clock, settings, catalog) -> None:
    ann = Patient(fake, 601)
    async with running_bot(settings, clock) as app:
        done = await ann.register()
        assert any("how many sessions are planned" in s.text for s in done)
        noted = await ann.press("2")
        assert "2 session(s)" in noted[-1].text
        first = (await plan_of(app, 601))[1]
        assert first[BOOKING] is MessageStatus.PENDING  # another session is coming
        assert all(first[key] is MessageStatus.CANCELLED for key in MAINTENANCE)

        too_early = await ann.say("/newsession")
        assert "next session" in too_early[-1].text
        refused = await ann.press("Yesterday")
        assert "isn't after your last session" in refused[-1].text

    clock.set(clock.now() + timedelta(days=28))  # the clinic's 28-day interval
    async with running_bot(settings, clock) as app:
        await fake.wait_for(lambda: any("book your next session" in s.text.lower()
                                        for s in ann.inbox), what="the booking reminder")
        await ann.say("/newsession")
        saved = await ann.press("Today")
        assert "Session 2" in saved[0].text and "won't be sent" in saved[0].text
        day0 = catalog.protocol().message("day0_first_hours").title
        await fake.wait_for(lambda: sum(s.text.startswith(day0) for s in ann.inbox) == 2,
                            what="session 2's day 0")
        plans = await plan_of(app, 601)
    old, new = plans[1], plans[2]
    assert old[BOOKING] is MessageStatus.SENT
    assert {status for key, status in old.items() if status is not MessageStatus.SENT} <= {
        MessageStatus.CANCELLED, MessageStatus.SKIPPED}
    assert BOOKING not in new  # the last session: maintenance instead of booking
    assert all(new[key] is MessageStatus.PENDING for key in MAINTENANCE)
    titles = Counter(s.text.split("\n", 1)[0] for s in ann.inbox)
    assert titles[day0] == 2 and max(
        n for title, n in titles.items() if title != day0) <= 2, titles
