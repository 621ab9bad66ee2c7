"""The dispatcher called with a chosen `now`: on time, once, no stale flood, faults recorded."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import journey
from bot.dispatcher import Dispatcher
from bot.sender import RecipientGone, Rejected, RetryLater
from messages.catalog import Catalog
from storage import clinics, patients, schedule
from storage.db import create_engine, session_factory
from storage.models import MessageStatus, Patient, PatientStatus, ScheduledMessage

LONDON = ZoneInfo("Europe/London")


@dataclass
class RecordingSender:
    """Stands in for Telegram: records what was sent, or raises what the test asks for."""

    sent: list[tuple[int, str]] = field(default_factory=list)
    failures: list[Exception] = field(default_factory=list)

    async def send(self, chat_id: int, html: str, markup: object = None) -> int:
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append((chat_id, html))
        return len(self.sent)

    async def edit(self, chat_id: int, message_id: int, html: str) -> None:
        self.sent.append((chat_id, html))


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=LONDON)


async def register(sessions: async_sessionmaker[AsyncSession], catalog: Catalog,
                   treatment: date, now: datetime, user_id: int = 1) -> int:
    async with sessions.begin() as session:
        clinic = await clinics.ensure_clinic(session, code="TEST", name="Glow & Co",
                                             phone="+44 20 7946 0000", timezone="Europe/London")
        patient = await patients.create_patient(
            session, telegram_user_id=user_id, chat_id=user_id, first_name="Ann",
            clinic=clinic, language="en", send_hour=9)
        await journey.register_treatment(session, catalog, patient, treatment, now)
        return patient.id


async def rows(sessions: async_sessionmaker[AsyncSession]) -> list[ScheduledMessage]:
    async with sessions() as session:
        return list(await schedule.messages_of(session, 1))


def days_sent(catalog: Catalog, sender: RecordingSender) -> list[int]:
    protocol = catalog.protocol()
    titles = {m.title: protocol.day_of(m) for m in protocol.messages}
    found = []
    for _, html in sender.sent:
        found += [day for title, day in titles.items() if f"<b>{title}</b>" in html]
    return found


@pytest.fixture
def sessions(backend_sessions):  # type: ignore[no-untyped-def]
    """Every dispatcher test runs on SQLite and, when configured, on PostgreSQL."""
    return backend_sessions


@pytest.fixture
def sender() -> RecordingSender:
    return RecordingSender()


@pytest.fixture
def dispatcher(sessions, sender, catalog) -> Dispatcher:
    return Dispatcher(sessions, sender, catalog)


async def test_day_zero_goes_out_at_registration_and_day_one_next_morning(
        sessions, catalog, sender, dispatcher) -> None:
    registered = local(2026, 11, 22, 15, 0)
    await register(sessions, catalog, date(2026, 11, 22), registered)
    await dispatcher.tick(registered)
    assert set(days_sent(catalog, sender)) == {0}
    zero_count = len(sender.sent)
    day0 = " ".join(html for _, html in sender.sent)
    assert "Glow &amp; Co" in day0 and "Glow & Co" not in day0, "clinic name escaped"

    await dispatcher.tick(local(2026, 11, 23, 8, 59))
    assert len(sender.sent) == zero_count, "nothing before the send hour"
    await dispatcher.tick(local(2026, 11, 23, 9, 0, 30))
    assert days_sent(catalog, sender)[zero_count:] == [1]
    await dispatcher.tick(local(2026, 11, 23, 9, 5))
    await dispatcher.tick(local(2026, 11, 23, 12, 0))
    assert days_sent(catalog, sender).count(1) == 1, "never twice"
    day1 = next(r for r in await rows(sessions) if r.day == 1)
    assert day1.status is MessageStatus.SENT and day1.telegram_message_id is not None
    assert day1.sent_at == local(2026, 11, 23, 9, 0, 30)


async def test_after_a_three_day_outage_only_todays_message_goes_out(
        sessions, catalog, sender, dispatcher) -> None:
    start = local(2026, 11, 22, 10, 0)
    await register(sessions, catalog, date(2026, 11, 22), start)
    await dispatcher.tick(start)
    before = len(sender.sent)
    # down from day 0 evening until day 5 at 11:00: days 1, 2 and 3 are over; day 5 is today
    await dispatcher.tick(local(2026, 11, 27, 11, 0))
    assert days_sent(catalog, sender)[before:] == [5]
    statuses = {r.day: r.status for r in await rows(sessions)}
    assert statuses[1] is statuses[2] is statuses[3] is MessageStatus.SKIPPED


async def test_a_restart_after_quiet_hours_begin_skips_the_day(
        sessions, catalog, sender, dispatcher) -> None:
    await register(sessions, catalog, date(2026, 11, 22), local(2026, 11, 22, 10))
    await dispatcher.tick(local(2026, 11, 22, 10))
    before = len(sender.sent)
    await dispatcher.tick(local(2026, 11, 23, 21, 30))  # day 1 not sent by 21:00
    assert len(sender.sent) == before
    assert {r.day: r.status for r in await rows(sessions)}[1] is MessageStatus.SKIPPED


async def test_sending_across_the_clocks_going_back(sessions, catalog, sender,
                                                   dispatcher) -> None:
    await register(sessions, catalog, date(2026, 10, 24), local(2026, 10, 24, 10))
    await dispatcher.tick(local(2026, 10, 24, 10))
    before = len(sender.sent)
    # 25 Oct 2026: BST ends. 09:00 local is 09:00 UTC, an hour later than the day before.
    await dispatcher.tick(datetime(2026, 10, 25, 8, 30, tzinfo=UTC))  # 08:30 GMT
    assert len(sender.sent) == before
    await dispatcher.tick(datetime(2026, 10, 25, 9, 0, tzinfo=UTC))
    assert days_sent(catalog, sender)[before:] == [1]


async def test_a_blocked_patient_is_marked_and_their_plan_cancelled(
        sessions, catalog, sender, dispatcher) -> None:
    now = local(2026, 11, 22, 10)
    await register(sessions, catalog, date(2026, 11, 22), now)
    sender.failures.append(RecipientGone("Forbidden: bot was blocked by the user"))
    report = await dispatcher.tick(now)
    assert report.blocked_patients and sender.sent == []
    async with sessions() as session:
        patient = await session.get(Patient, 1)
        assert patient is not None and patient.status is PatientStatus.BLOCKED
    statuses = {r.status for r in await rows(sessions)}
    assert MessageStatus.PENDING not in statuses and MessageStatus.CANCELLED in statuses
    await dispatcher.tick(local(2026, 11, 23, 9, 30))
    assert sender.sent == []


async def test_a_refused_message_does_not_hold_up_the_others(
        sessions, catalog, sender, dispatcher) -> None:
    now = local(2026, 11, 22, 10)
    await register(sessions, catalog, date(2026, 11, 22), now, user_id=1)
    await register(sessions, catalog, date(2026, 11, 22), now, user_id=2)
    sender.failures.append(Rejected("Bad Request: can't parse entities"))
    report = await dispatcher.tick(now)
    assert report.failed == 1 and report.sent >= 3
    failed = [r for r in await rows(sessions) if r.status is MessageStatus.FAILED]
    assert failed and "parse entities" in (failed[0].last_error or "")


async def test_telegram_asking_to_wait_is_honoured_and_nothing_is_lost(
        sessions, catalog, sender, dispatcher) -> None:
    now = local(2026, 11, 22, 10)
    await register(sessions, catalog, date(2026, 11, 22), now)
    sender.failures.append(RetryLater("Too Many Requests: retry after 5", after=5))
    report = await dispatcher.tick(now)
    assert report.sent == 0 and report.retrying == 1
    assert (await dispatcher.tick(now + timedelta(seconds=2))).sent == 0, "still waiting"
    report = await dispatcher.tick(now + timedelta(seconds=6))
    assert report.sent == 2 and len(sender.sent) == 2
    assert all(r.status is MessageStatus.SENT for r in await rows(sessions) if r.day == 0)


async def test_network_failures_are_retried_then_given_up(sessions, catalog, sender,
                                                          dispatcher) -> None:
    now = local(2026, 11, 22, 10)
    await register(sessions, catalog, date(2026, 11, 22), now)
    sender.failures.extend(RetryLater("Bad Gateway") for _ in range(20))
    moment = now
    for _ in range(12):
        await dispatcher.tick(moment)
        moment += timedelta(minutes=10)
    day0 = [r for r in await rows(sessions) if r.day == 0]
    assert all(r.status is MessageStatus.FAILED and r.attempts == 5 for r in day0)
    assert all(r.last_error == "gave up after 5 attempts: Bad Gateway" for r in day0)
    assert sender.sent == []


async def test_a_message_interrupted_mid_send_is_not_sent_again(
        sessions, catalog, sender, dispatcher) -> None:
    now = local(2026, 11, 22, 10)
    await register(sessions, catalog, date(2026, 11, 22), now)
    async with sessions.begin() as session:  # a process claims, then dies before recording
        claimed = await schedule.claim_due(session, now, 1)
    assert len(claimed) == 1
    restarted = Dispatcher(sessions, sender, catalog)
    assert await restarted.recover(now + timedelta(minutes=1)) == 1
    await restarted.tick(now + timedelta(minutes=1))
    async with sessions() as session:
        row = await session.get(ScheduledMessage, claimed[0])
        assert row is not None and row.status is MessageStatus.FAILED
    assert len(sender.sent) == 1, "the other day-0 message only"


async def test_paused_patients_get_nothing_and_resume_from_today(
        sessions, catalog, sender, dispatcher) -> None:
    now = local(2026, 11, 22, 10)
    await register(sessions, catalog, date(2026, 11, 22), now)
    await dispatcher.tick(now)
    before = len(sender.sent)
    async with sessions.begin() as session:
        patient = await session.get(Patient, 1)
        assert patient is not None
        patient.status = PatientStatus.PAUSED
    await dispatcher.tick(local(2026, 11, 23, 9, 30))
    await dispatcher.tick(local(2026, 11, 24, 9, 30))
    assert len(sender.sent) == before
    async with sessions.begin() as session:
        patient = await session.get(Patient, 1)
        assert patient is not None
        await journey.reactivate(session, catalog, patient, local(2026, 11, 25, 12, 0))
    await dispatcher.tick(local(2026, 11, 25, 12, 0))
    assert days_sent(catalog, sender)[before:] == [3]


async def test_new_date_replans_pending_and_keeps_sent(sessions, catalog, sender,
                                                       dispatcher) -> None:
    now = local(2026, 11, 22, 10)
    await register(sessions, catalog, date(2026, 11, 22), now)
    await dispatcher.tick(now)
    later = local(2026, 11, 22, 10, 5)
    async with sessions.begin() as session:
        patient = await session.get(Patient, 1)
        assert patient is not None
        await journey.change_date(session, catalog, patient, date(2026, 11, 21), later)
    await dispatcher.tick(later)
    sent_days = days_sent(catalog, sender)
    assert sent_days.count(0) == 2 and sent_days.count(1) == 1, "day 0 kept, day 1 is today"
    async with sessions() as session:
        keys = (await session.scalars(select(ScheduledMessage.message_key))).all()
    assert len(keys) == len(set(keys)), "one row per message, never a duplicate"


async def test_an_unreachable_database_is_logged_not_raised(catalog, sender, caplog) -> None:
    engine = create_engine("postgresql://postgres@127.0.0.1:9/none")  # nothing listens there
    try:
        dispatcher = Dispatcher(session_factory(engine), sender, catalog)
        assert await dispatcher.tick_safely(local(2026, 11, 22, 9, 0)) is None
    finally:
        await engine.dispose()
    assert "database unavailable" in caplog.text and sender.sent == []
