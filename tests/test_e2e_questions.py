"""Questions in chat, end to end: answers with feedback, honest fallback, warning signs."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from messages.catalog import Catalog
from storage.models import Alert, Question, Vote
from tests.bot_harness import Patient, running_bot, services_of
from tests.test_e2e_clinic import GLOW_FIRST, seed


async def test_answers_fallback_and_votes(fake, clock, settings, catalog: Catalog) -> None:
    ann = Patient(fake, 801)
    faq = catalog.faq()
    async with running_bot(settings, clock) as app:
        await ann.register()
        answer = await ann.say("can i wear makup tomorow")
        assert answer[0].text.startswith(faq.entry("makeup").question)
        assert [b[0] for b in answer[0].buttons][-2:] == ["👍 Helpful", "👎 Not helpful"]
        thanks = await ann.press("👍 Helpful")
        assert "Thank you" in thanks[-1].text

        unknown = await ann.say("what is the capital of france")
        assert "don't know that one" in unknown[0].text
        assert "+44 20 7946 0000" in unknown[0].text and not unknown[0].buttons

        sore = await ann.say("my skin is so sore and stingy 😣")
        assert sore[0].buttons
        sorry = await ann.press("👎 Not helpful")
        assert "+44 20 7946 0000" in sorry[-1].text

        async with services_of(app).sessions() as session:
            rows = (await session.scalars(select(Question).order_by(Question.id))).all()
    outcomes = [(q.outcome.value, q.topic, q.vote) for q in rows]
    assert outcomes[0][1:] == ("makeup", Vote.HELPFUL)
    assert outcomes[1][0] == "unanswered" and outcomes[1][1] is None
    assert outcomes[2][2] is Vote.NOT_HELPFUL
    assert rows[1].text == "what is the capital of france", "kept for the clinic"


async def test_a_day_variant_follows_the_recovery_day(fake, clock, settings, catalog) -> None:
    bea = Patient(fake, 802)
    entry = catalog.faq().entry("redness")
    assert entry.variants and entry.answer_for(0) != entry.answer_for(9)
    async with running_bot(settings, clock):
        await bea.register()  # today: day 0
        early = await bea.say(entry.question)
        clock.set(datetime(2026, 12, 1, 14, tzinfo=ZoneInfo("Europe/London")))  # day 9
        late = await bea.say(entry.question)
    assert early[0].text.startswith(entry.question) and late[0].text.startswith(entry.question)
    assert early[0].text != late[0].text


async def test_warning_signs_escalate_and_are_stored(fake, clock, settings) -> None:
    cal = Patient(fake, 803)
    async with running_bot(settings, clock) as app:
        await cal.register()
        urgent = await cal.say("there's yellow pus on my cheek")
        assert "contact Glow &amp; Co Clinic today" in urgent[0].raw_text
        assert "+44 20 7946 0000" in urgent[0].text and not urgent[0].buttons
        emergency = await cal.say("my tongue is swelling and i cant breathe")
        assert "emergency number now" in emergency[0].text
        calm = await cal.say("no pus or fever, just a bit pink, is that ok?")
        assert "emergency" not in calm[0].text.split("\n")[0]
        assert "contact Glow" not in calm[0].text.split("\n")[0]
        async with services_of(app).sessions() as session:
            alerts = (await session.scalars(select(Alert).order_by(Alert.id))).all()
    assert [a.level.value for a in alerts] == ["urgent", "emergency"]


async def test_a_warning_sign_during_registration_is_not_lost(fake, clock, settings) -> None:
    dee, gus = Patient(fake, 804), Patient(fake, 807)
    async with running_bot(settings, clock) as app:
        first = await gus.say("hi, my throat is swelling up and I can't breathe")
        assert "emergency number now" in first[0].text
        assert "aftercare companion" in first[1].text, "then the welcome"
        await dee.say("/start")
        await dee.press("I understand")
        reply = await dee.say("before I answer - my face has pus coming out of it")
        assert "contact Glow" in reply[0].text
        assert "When did you have your treatment" in reply[-1].text
        async with services_of(app).sessions() as session:
            alerts = (await session.scalars(select(Alert))).all()
    assert len(alerts) == 1


async def test_runner_up_buttons_and_forged_votes(fake, clock, settings, catalog) -> None:
    eve, fay = Patient(fake, 805), Patient(fake, 806)
    async with running_bot(settings, clock) as app:
        await eve.register()
        await fay.register()
        answers = []
        for text in ("sun", "red", "makeup in the sun", "when can i shave and wear makeup"):
            answers += await eve.say(text)
        with_choices = [a for a in answers if any(d.startswith("alt:") for _, d in a.buttons)]
        assert with_choices, "a question about two topics offers the other one"
        label, data = next((t, d) for t, d in with_choices[0].buttons if d.startswith("alt:"))
        chosen = await eve.press(data)
        assert chosen[-1].text.startswith(label)
        # Fay presses a vote button under Eve's answer: refused, nothing stored.
        vote = next(d for _, d in chosen[-1].buttons if d.startswith("vote:"))
        answered = len(fake.answered_callbacks)
        fake.push_callback(806, vote, message_id=chosen[-1].message_id, chat_id=805)
        await fake.wait_for(lambda: len(fake.answered_callbacks) > answered)
        assert "earlier step" in (fake.answered_callbacks[-1].text or "")
        async with services_of(app).sessions() as session:
            votes = (await session.scalars(select(Question.vote))).all()
    assert all(v is None for v in votes)


async def test_many_patients_asking_at_once_all_get_their_answer(fake, clock, settings,
                                                                 catalog, sessions) -> None:
    """Sixty questions in the same moment, with Telegram's 30 a second enforced: replies wait
    their turn (and a 429 is waited out) instead of being lost."""
    patients = range(GLOW_FIRST, GLOW_FIRST + 60)
    await seed(sessions, catalog, clock, glow=len(patients), north=0,
               treated=clock.now().date() - timedelta(days=1))
    question = catalog.faq().entry("makeup").question
    async with running_bot(settings, clock):
        await fake.wait_for(lambda: all(fake.sent_to(user) for user in patients), timeout=30,
                            what="the day's planned message")  # today's message, paced
        fake.limit_rate()
        for user in patients:
            fake.push_text(user, "can i wear makeup tomorrow")
        await fake.wait_for(lambda: all(
            any(s.text.startswith(question) for s in fake.sent_to(user)) for user in patients),
            timeout=30, what="an answer for every patient")
    for user in patients:
        assert sum(s.text.startswith(question) for s in fake.sent_to(user)) == 1, user
        assert not any("went wrong" in s.text for s in fake.sent_to(user)), user
