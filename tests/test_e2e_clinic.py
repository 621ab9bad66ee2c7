"""The clinic side end to end: staff, broadcasts paced and reported, alerts to staff, figures.

The real application runs against the fake Bot API; patients are put in the database
directly (registration has its own tests), staff act through Telegram.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import journey
from messages.catalog import Catalog
from storage import clinics, patients, staff
from storage.models import Alert, AlertStatus, Broadcast, Clinic, ScheduledMessage
from tests.bot_harness import FixedClock, Patient, running_bot
from tests.fake_telegram import FakeTelegram, Sent

GLOW_FIRST, NORTH_FIRST = 10_000, 20_000
GLOW_STAFF, NORTH_STAFF, STRANGER = 900, 901, 777
TEXT = "Our clinic is closed on 24 December. Happy holidays & see you soon!"


async def seed(sessions: async_sessionmaker[AsyncSession], catalog: Catalog, clock: FixedClock,
               *, glow: int, north: int, treated: date) -> None:
    """`glow` patients of the default clinic and `north` of another, registered and active."""
    now = clock.now()
    async with sessions.begin() as session:
        glow_clinic = await clinics.ensure_clinic(
            session, code="GLOW", name="Glow & Co Clinic", phone="+44 20 7946 0000",
            timezone="Europe/London")
        north_clinic = await clinics.add_clinic(session, code="NORTH", name="North Skin",
                                                phone="+44 161 000 0000",
                                                timezone="Europe/London")
        for clinic, first, count in ((glow_clinic, GLOW_FIRST, glow),
                                     (north_clinic, NORTH_FIRST, north)):
            for user in range(first, first + count):
                patient = await patients.create_patient(
                    session, telegram_user_id=user, chat_id=user, first_name=f"P{user}",
                    clinic=clinic, language="en", send_hour=9)
                await journey.register_treatment(session, catalog, patient, treated, now)
        await staff.add_member(session, glow_clinic, GLOW_STAFF, now)
        await staff.add_member(session, north_clinic, NORTH_STAFF, now)


def broadcast_copies(fake: FakeTelegram, user: int) -> list[Sent]:
    return [s for s in fake.sent_to(user) if "Happy holidays" in s.text]


def busiest_second(times: list[float]) -> int:
    times = sorted(times)
    return max((sum(1 for t in times[i:] if t - start < 1.0) for i, start in enumerate(times)),
               default=0)


async def test_staff_broadcast_reaches_only_its_clinic_paced_and_reported(
        fake, clock, settings, catalog, sessions) -> None:
    # Treated next week: nothing of the daily plan is due, so every send here is the broadcast.
    await seed(sessions, catalog, clock, glow=200, north=20,
               treated=clock.now().date() + timedelta(days=7))
    blocked = [GLOW_FIRST + n for n in range(0, 200, 40)]  # five patients blocked the bot
    for user in blocked:
        fake.block(user)
    boss, north_staff, stranger = (Patient(fake, GLOW_STAFF, "Sam"),
                                   Patient(fake, NORTH_STAFF, "Nia"), Patient(fake, STRANGER))
    async with running_bot(settings, clock):
        refused = await stranger.say(f"/broadcast {TEXT}")
        assert [s.text for s in refused] == ["Sorry, that isn't available."]
        assert "isn't available" in (await stranger.say("/stats"))[0].text

        ask = await boss.say("/broadcast")
        assert "What should the message say" in ask[0].text
        preview = (await boss.say(TEXT))[-1]
        assert TEXT in preview.text and "<b>200</b>" not in preview.text
        assert "It will go to 200 patient(s)" in preview.text
        assert ("📤 Send", preview.buttons[0][1]) in preview.buttons

        await boss.press("📤 Send")
        await fake.wait_for(lambda: any("finished" in s.text for s in boss.inbox), timeout=30,
                            what="the final broadcast report")
        report = next(s for s in boss.inbox if "finished" in s.text).text
        assert "Delivered: 195 of 200" in report
        assert "Blocked the bot: 5" in report
        assert "Failed: 0" in report

        for user in range(GLOW_FIRST, GLOW_FIRST + 200):
            assert len(broadcast_copies(fake, user)) == (0 if user in blocked else 1), user
        for user in range(NORTH_FIRST, NORTH_FIRST + 20):
            assert fake.sent_to(user) == []
        assert fake.sent_to(STRANGER) and not broadcast_copies(fake, STRANGER)
        assert north_staff.inbox == []

        to_patients = [s.at for s in fake.all_sent if s.chat_id >= GLOW_FIRST]
        assert busiest_second(to_patients) <= 30
        progress = [e for e in fake.edits if e.chat_id == GLOW_STAFF
                    and e.method == "editMessageText" and "Broadcast #" in e.text]
        assert progress and "0 remaining" in progress[-1].text
        gaps = [b.at - a.at for a, b in pairwise(progress)]
        assert all(gap >= 1.9 for gap in gaps), gaps
        assert len({e.text for e in progress}) == len(progress)  # never an edit that changes nothing

        again = (await boss.say(f"/broadcast {TEXT}"))[-1]
        assert "It will go to 195 patient(s)" in again.text  # the blocked are left out
        await boss.press("Cancel")
        assert await boss.say("/stats")
        figures = boss.inbox[-1].text
        assert "195 active" in figures and "5 blocked the bot" in figures
        assert "last 7 days 195 delivered, 5 failed" in figures

        # A warning sign from one of the patients reaches the clinic's staff, not the other's.
        patient = Patient(fake, GLOW_FIRST + 1, "P10001")
        escalation = await patient.say("there's yellow pus on my cheek and it's hot")
        assert "contact Glow &amp; Co Clinic today" in escalation[0].raw_text
        await fake.wait_for(lambda: any("pus" in s.text for s in boss.inbox),
                            what="the alert to staff")
        alert = next(s for s in boss.inbox if "pus" in s.text)
        assert "P10001" in alert.text and "Urgent" in alert.text
        assert north_staff.inbox == []
        assert "1 open alert" in (await boss.say("/alerts"))[0].text
        fake.push_callback(GLOW_STAFF, alert.buttons[0][1], message_id=alert.message_id,
                           first_name="Sam")
        await fake.wait_for(lambda: "Handled by Sam" in next(
            s for s in boss.inbox if s.message_id == alert.message_id).text)
        assert "No open alerts" in (await boss.say("/alerts"))[0].text
        async with sessions() as session:
            stored = await session.scalar(select(Alert))
            assert stored is not None and stored.status is AlertStatus.HANDLED
            assert stored.handled_by == GLOW_STAFF


async def test_broadcast_resumes_after_a_restart_without_a_second_copy(
        fake, clock, settings, catalog, sessions) -> None:
    await seed(sessions, catalog, clock, glow=90, north=0,
               treated=clock.now().date() + timedelta(days=7))
    boss = Patient(fake, GLOW_STAFF, "Sam")
    async with running_bot(settings, clock):
        await boss.say(f"/broadcast {TEXT}")
        await boss.press("📤 Send")
        await fake.wait_for(lambda: sum(len(broadcast_copies(fake, u)) for u in
                                        range(GLOW_FIRST, GLOW_FIRST + 90)) >= 20)
    stopped_at = sum(len(broadcast_copies(fake, u)) for u in range(GLOW_FIRST, GLOW_FIRST + 90))
    assert stopped_at < 90  # the stop came in the middle
    async with running_bot(settings, clock):
        await fake.wait_for(lambda: any("finished" in s.text for s in boss.inbox), timeout=30,
                            what="the final report after the restart")
    for user in range(GLOW_FIRST, GLOW_FIRST + 90):
        assert len(broadcast_copies(fake, user)) == 1, user
    assert "Delivered: 90 of 90" in next(s for s in boss.inbox if "finished" in s.text).text


async def test_staff_join_with_an_invite_and_see_only_their_clinic(
        fake, clock, settings, catalog, sessions) -> None:
    await seed(sessions, catalog, clock, glow=3, north=2, treated=clock.now().date())
    async with sessions.begin() as session:
        north = await clinics.by_code(session, "NORTH")
        assert north is not None
        invite = await staff.create_invite(session, north, clock.now())
    newcomer, other = Patient(fake, 950, "Kim"), Patient(fake, 951, "Lee")
    async with running_bot(settings, clock):
        assert "isn't available" in (await newcomer.say("/staff WRONGCODE1"))[0].text
        welcome = await newcomer.say(f"/staff {invite.code.lower()}")
        assert "Welcome to the team of North Skin" in welcome[0].text
        assert "isn't available" in (await other.say(f"/staff {invite.code}"))[0].text  # used
        figures = (await newcomer.say("/stats"))[0].text
        assert "North Skin" in figures and "2 active" in figures
        await Patient(fake, NORTH_FIRST).say("what is the capital of france")
        assert "capital of france" in (await newcomer.say("/unanswered"))[0].text
        assert "No unanswered questions" in (
            await Patient(fake, GLOW_STAFF).say("/unanswered"))[0].text
        preview = (await newcomer.say("/broadcast Back on Monday"))[-1]
        assert "It will go to 2 patient(s)" in preview.text
        # A button under another clinic's broadcast does nothing for this staff member.
        async with sessions() as session:
            draft = await session.scalar(select(Broadcast))
            assert draft is not None
        boss = Patient(fake, GLOW_STAFF, "Sam")
        await boss.say("/stats")
        fake.push_callback(GLOW_STAFF, f"bc:{draft.id}:send", message_id=preview.message_id,
                           chat_id=newcomer.user_id)
        await boss.nothing_more()
        async with sessions() as session:
            assert await session.scalar(select(func.count()).select_from(ScheduledMessage)
                                        .where(ScheduledMessage.broadcast_id.is_not(None))) == 0


async def test_staff_group_gets_alerts_and_anyone_there_can_mark_them_handled(
        fake, clock, settings, catalog, sessions) -> None:
    await seed(sessions, catalog, clock, glow=1, north=0, treated=clock.now().date())
    group = -100500
    async with running_bot(settings, clock):
        fake.push_text(GLOW_STAFF, "/staffchat", chat_id=group, chat_type="group")
        await fake.wait_for_sent(group, 1)
        assert "warning-sign alerts of Glow & Co Clinic" in fake.sent_to(group)[0].text
        patient = Patient(fake, GLOW_FIRST, "P10000")
        await patient.say("I can't breathe properly and my lips are swelling")
        await fake.wait_for(lambda: len(fake.sent_to(group)) == 2, what="alert in the group")
        alert = fake.sent_to(group)[1]
        assert "EMERGENCY" in alert.text and "lips are swelling" in alert.text
        fake.push_callback(4242, alert.buttons[0][1], message_id=alert.message_id,
                           chat_id=group)
        await fake.wait_for(lambda: "Handled by" in fake.sent_to(group)[1].text)
    async with sessions() as session:
        clinic = await session.scalar(select(Clinic).where(Clinic.code == "GLOW"))
        assert clinic is not None and clinic.staff_chat_id == group
