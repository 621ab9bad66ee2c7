"""End to end: the production application over real HTTP against a fake Bot API on 127.0.0.1."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from messages.catalog import Catalog
from storage.models import MessageStatus, PatientStatus, ScheduledMessage
from storage.models import Patient as PatientRow
from tests.bot_harness import Patient, running_bot, services_of

LONDON = ZoneInfo("Europe/London")


def london(*args: int) -> datetime:
    return datetime(*args, tzinfo=LONDON)


def titles_by_day(catalog: Catalog) -> dict[str, int]:
    protocol = catalog.protocol()
    return {m.title: protocol.day_of(m) for m in protocol.messages}


def plan_days(patient: Patient, catalog: Catalog) -> list[int]:
    """Recovery days of the planned messages the patient received, in order."""
    titles = titles_by_day(catalog)
    return [titles[s.text.split("\n", 1)[0]] for s in patient.inbox
            if s.text.split("\n", 1)[0] in titles]


async def test_register_today_then_restarts_and_an_outage(fake, clock, settings,
                                                          catalog) -> None:
    ann = Patient(fake, 501)
    async with running_bot(settings, clock):
        welcome = await ann.say("/start")
        assert "Glow & Co Clinic" in welcome[0].text
        assert "not medical advice" in welcome[-1].text
        assert "emergency number" in welcome[-1].text
        asked = await ann.press("I understand")
        assert "When did you have your treatment" in asked[-1].text
        assert [b[0] for b in asked[-1].buttons] == ["Today", "Yesterday", "2 days ago"]
        zone = await ann.press("Today")
        assert "Europe/London" in zone[-1].text and "9:00" in zone[-1].text
        done = await ann.press("Yes, that's right")
        assert "You're all set" in done[0].text and "day 0" in done[0].text
        assert "Coming up" in done[0].text
        await fake.wait_for(lambda: plan_days(ann, catalog).count(0) == 2, what="day-0 messages")
    assert plan_days(ann, catalog) == [0, 0]

    clock.set(london(2026, 11, 23, 9, 20))  # stopped overnight, started the next morning
    async with running_bot(settings, clock):
        await fake.wait_for(lambda: 1 in plan_days(ann, catalog), what="day-1 message")
        await ann.nothing_more()
    assert plan_days(ann, catalog) == [0, 0, 1]

    clock.set(london(2026, 11, 23, 9, 45))  # another restart: nothing again
    async with running_bot(settings, clock):
        await ann.nothing_more()
    assert plan_days(ann, catalog) == [0, 0, 1]

    clock.set(london(2026, 11, 28, 10, 0))  # down from day 1 to day 6: days 2, 3, 5 are over
    async with running_bot(settings, clock) as app:
        await ann.nothing_more(0.6)
        async with services_of(app).sessions() as session:
            statuses = dict((await session.execute(
                select(ScheduledMessage.day, ScheduledMessage.status))).all())
    assert plan_days(ann, catalog) == [0, 0, 1]
    assert statuses[2] is statuses[3] is statuses[5] is MessageStatus.SKIPPED

    clock.set(london(2026, 11, 29, 9, 1))  # day 7: its message goes out, once
    async with running_bot(settings, clock):
        await fake.wait_for(lambda: 7 in plan_days(ann, catalog), what="day-7 message")
        await ann.nothing_more()
    assert plan_days(ann, catalog) == [0, 0, 1, 7]
    assert all(s.parse_mode == "HTML" for s in ann.inbox)


async def test_typed_dates_refusals_ambiguity_and_time_zone_change(fake, clock, settings) -> None:
    bea = Patient(fake, 502, first_name="Bea")
    async with running_bot(settings, clock):
        await bea.say("/start")
        await bea.press("I understand")
        refused = await bea.say("31.02")
        assert "isn't a day that exists" in refused[0].text
        assert refused[0].buttons, "the question is asked again with its buttons"
        far = await bea.say("2027-03-01")
        assert "more than 30 days away" in far[0].text
        old = await bea.say("01.01.2025")
        assert "more than a year ago" in old[0].text
        nonsense = await bea.say("when I had it done")
        assert "couldn't read" in nonsense[0].text
        ambiguous = await bea.say("05/11")
        assert "two ways" in ambiguous[0].text
        assert sorted(b[0] for b in ambiguous[0].buttons) == ["Mon 11 May 2026",
                                                              "Thu 5 Nov 2026"]
        zone = await bea.press("Thu 5 Nov 2026")
        assert "time zone" in zone[-1].text
        ask = await bea.press("Change time zone")
        assert "type your city" in ask[-1].text
        unknown = await bea.say("Atlantis")
        assert "don't know the time zone" in unknown[0].text
        done = await bea.say("new york")
        assert "You're all set" in done[0].text and "5 Nov 2026" in done[0].text
        assert "day 17" in done[0].text
        status = await bea.say("/status")
        assert "Day 17 of your recovery" in status[0].text
    async with running_bot(settings, clock) as app, services_of(app).sessions() as session:
        row = await session.scalar(select(PatientRow).where(
            PatientRow.telegram_user_id == 502))
    assert row is not None and row.timezone == "America/New_York"
    assert row.status is PatientStatus.ACTIVE


async def test_half_finished_registration_survives_a_restart(fake, clock, settings) -> None:
    cal = Patient(fake, 503)
    async with running_bot(settings, clock):
        await cal.say("/start")
        await cal.press("I understand")
    async with running_bot(settings, clock):
        answer = await cal.say("yesterday")
        assert "Is that your time zone?" in answer[-1].text
        before = len(cal.inbox)
        await cal.press("Yes, that's right")
        # On a busy machine the reply can take longer than a press waits for.
        await fake.wait_for(lambda: len(cal.inbox) > before, what="the end of registration")
        assert "day 1" in cal.inbox[before].text


async def test_odd_input_always_gets_a_friendly_answer(fake, clock, settings) -> None:
    dee = Patient(fake, 504)
    async with running_bot(settings, clock):
        first = await dee.say("hi there")  # before /start
        assert "aftercare companion" in first[0].text
        await dee.press("I understand")
        before = len(dee.inbox)
        fake.push_sticker(504)
        sticker = await dee.answer(before)
        assert "can only read text" in sticker[0].text
        assert "When did you have your treatment" in sticker[-1].text
        for push in (fake.push_photo, fake.push_voice, fake.push_location):
            before = len(dee.inbox)
            push(504)
            assert "can only read text" in (await dee.answer(before))[0].text
        long = await dee.say("x" * 4096)
        assert "couldn't read" in long[0].text and len(long[0].text) < 400
        unknown = await dee.say("/frobnicate")
        assert "don't know that command" in unknown[0].text
        await dee.press("Today")
        await dee.press("Yes, that's right")
        question = await dee.say("is it normal to be this red?")
        assert question[0].text.startswith("Is it normal for my skin to be this red?")
    group = await _group_start(fake, clock, settings)
    assert "private chats" in group


async def _group_start(fake, clock, settings) -> str:
    async with running_bot(settings, clock):
        before = len(fake.sent_to(-100))
        fake.push_text(505, "/start", chat_id=-100, chat_type="group")
        await fake.wait_for_sent(-100, before + 1)
        return fake.sent_to(-100)[-1].text


async def test_patient_commands(fake, clock, settings, catalog) -> None:
    eve = Patient(fake, 506)
    async with running_bot(settings, clock) as app:
        sessions = services_of(app).sessions
        assert [c["command"] for c in fake.commands] == [
            "start", "status", "settings", "newdate", "newsession", "pause", "resume", "stop",
            "delete", "help"]
        not_yet = await eve.say("/status")
        assert "don't have a treatment" in not_yet[0].text
        await eve.register("2 days ago")
        await fake.wait_for(lambda: 2 in plan_days(eve, catalog), what="today's message")

        status = await eve.say("/status")
        assert "Day 2 of your recovery" in status[0].text and "Next message" in status[0].text
        assert "at 09:00" in status[0].text

        await eve.say("/settings")
        await eve.press("Message time")
        saved = await eve.press("14:00")
        assert "14:00" in saved[-1].text
        status = await eve.say("/status")
        assert "at 14:00" in status[0].text

        paused = await eve.say("/pause")
        assert "Paused" in paused[0].text
        assert "paused" in (await eve.say("/status"))[0].text
        assert "switched on again" in (await eve.say("/resume"))[0].text

        newdate = await eve.say("/newdate")
        assert "correct date" in newdate[0].text
        moved = await eve.say("yesterday")
        assert "Updated" in moved[0].text and "day 1" in moved[0].text
        await fake.wait_for(lambda: plan_days(eve, catalog).count(1) == 1, what="day-1 message")

        stopped = await eve.say("/stop")
        assert "won't receive any more" in stopped[0].text
        async with sessions() as session:
            pending = await session.scalar(select(func.count()).select_from(ScheduledMessage)
                                           .where(ScheduledMessage.status == "pending"))
        assert pending == 0
        back = await eve.say("/start")
        assert "Welcome back" in back[0].text
        async with sessions() as session:
            pending = await session.scalar(select(func.count()).select_from(ScheduledMessage)
                                           .where(ScheduledMessage.status == "pending"))
        assert pending and pending > 0

        helped = await eve.say("/help")
        assert "/newdate" in helped[0].text and "Glow & Co Clinic" in helped[0].text

        confirm = await eve.say("/delete")
        assert "cannot be undone" in confirm[0].text
        kept = await eve.press("No, keep it")
        assert "Nothing was erased" in kept[-1].text
        await eve.say("/delete")
        erased = await eve.press("Yes, erase everything")
        assert "erased" in erased[-1].text
        async with sessions() as session:
            left = [await session.scalar(select(func.count()).select_from(table))
                    for table in (PatientRow, ScheduledMessage)]
        assert left == [0, 0]


async def test_forged_and_stale_buttons_change_nothing(fake, clock, settings) -> None:
    fay = Patient(fake, 507)
    async with running_bot(settings, clock) as app:
        await fay.say("/start")
        await fay.press("I understand")
        refusal = (await fay.say("31.02"))[0]  # its date buttons stay under the message
        await fay.say("yesterday")              # answered by typing instead: now at time zone
        # Someone else presses a button under Fay's message (a forged callback).
        answered = len(fake.answered_callbacks)
        fake.push_callback(999, "date:2026-11-22", message_id=refusal.message_id, chat_id=507)
        await fake.wait_for(lambda: len(fake.answered_callbacks) > answered)
        assert "earlier step" in (fake.answered_callbacks[-1].text or "")
        # Fay presses the old button herself, a step too late.
        answered = len(fake.answered_callbacks)
        fake.push_callback(507, "date:2026-11-20", message_id=refusal.message_id)
        await fake.wait_for(lambda: len(fake.answered_callbacks) > answered)
        assert "earlier step" in (fake.answered_callbacks[-1].text or "")
        done = await fay.press("Yes, that's right")
        assert "Sat 21 Nov 2026" in done[0].text, "the typed date was kept"
        async with services_of(app).sessions() as session:
            patients = (await session.scalars(select(PatientRow))).all()
    assert [p.telegram_user_id for p in patients] == [507]
    assert patients[0].status is PatientStatus.ACTIVE


async def test_blocked_patient_is_marked_and_telegram_pauses_are_honoured(
        fake, clock, settings, catalog) -> None:
    gus, hal = Patient(fake, 508), Patient(fake, 509)
    async with running_bot(settings, clock):
        await gus.register()
        await hal.register()
        await fake.wait_for(lambda: plan_days(hal, catalog).count(0) == 2)
    fake.block(508)
    fake.fail_next("sendMessage", status=429, retry_after=1, chat_id=509)
    clock.set(london(2026, 11, 23, 9, 30))
    async with running_bot(settings, clock) as app:
        await fake.wait_for(lambda: any(code == 429 for _, code, _ in fake.errors))
        await hal.nothing_more(0.3)  # Telegram asked for a second's pause: it is kept
        clock.set(london(2026, 11, 23, 9, 30, 2))
        await fake.wait_for(lambda: 1 in plan_days(hal, catalog),
                            what="day-1 message after Telegram's pause")
        async with services_of(app).sessions() as session:
            status = await session.scalar(select(PatientRow.status).where(
                PatientRow.telegram_user_id == 508))
            pending = await session.scalar(
                select(func.count()).select_from(ScheduledMessage).join(PatientRow)
                .where(PatientRow.telegram_user_id == 508, ScheduledMessage.status == "pending"))
    assert status is PatientStatus.BLOCKED and pending == 0
    assert plan_days(hal, catalog).count(1) == 1


async def test_clinic_links_and_choosing_among_zones(fake, clock, settings) -> None:
    ida, jo = Patient(fake, 510), Patient(fake, 511)
    async with running_bot(settings, clock) as app:
        welcome = await ida.say("/start glow")  # codes are case-insensitive
        assert "Glow & Co Clinic" in welcome[0].text and "couldn't find" not in welcome[0].text
        await ida.press("I understand")
        await ida.press("Yesterday")
        done = await ida.say("ok")  # typed instead of pressing the button
        assert "You're all set" in done[0].text

        wrong = await jo.say("/start NOSUCHCLINIC")
        assert "couldn't find a clinic with the code NOSUCHCLINIC" in wrong[0].text
        await jo.press("I understand")
        await jo.press("Today")
        await jo.press("Change time zone")
        choose = await jo.say("USA")
        assert "Which of these" in choose[0].text and len(choose[0].buttons) == 4
        done = await jo.press("America/Chicago")
        assert "You're all set" in done[0].text
        async with services_of(app).sessions() as session:
            zone = await session.scalar(select(PatientRow.timezone).where(
                PatientRow.telegram_user_id == 511))
    assert zone == "America/Chicago"


async def test_one_refused_message_does_not_stop_the_others(fake, clock, settings,
                                                           catalog) -> None:
    kit, lou = Patient(fake, 512), Patient(fake, 513)
    async with running_bot(settings, clock):
        await kit.register()
        await lou.register()
        await fake.wait_for(lambda: plan_days(lou, catalog).count(0) == 2)
    fake.fail_next("sendMessage", status=400, description="Bad Request: chat is deactivated",
                   chat_id=512)
    clock.set(london(2026, 11, 23, 9, 30))
    async with running_bot(settings, clock) as app:
        await fake.wait_for(lambda: 1 in plan_days(lou, catalog), what="Lou's day-1 message")
        await kit.nothing_more()
        async with services_of(app).sessions() as session:
            failed = (await session.scalars(
                select(ScheduledMessage.last_error).join(PatientRow)
                .where(PatientRow.telegram_user_id == 512,
                       ScheduledMessage.status == "failed"))).all()
    assert 1 not in plan_days(kit, catalog)
    assert len(failed) == 1 and "deactivated" in (failed[0] or "").lower()
