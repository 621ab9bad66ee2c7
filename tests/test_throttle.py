"""Flood control: one user's flood is cut off with one note, others are answered as usual,
and a warning sign still gets through."""

from __future__ import annotations

from bot.throttling import Throttle
from tests.bot_harness import Patient, running_bot, settings_for


class Ticking:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_the_window_slides() -> None:
    clock = Ticking()
    throttle = Throttle(3, clock)
    assert [throttle.allow(1) for _ in range(4)] == [True, True, True, False]
    assert throttle.allow(2), "another user has their own count"
    assert throttle.first_refusal(1) and not throttle.first_refusal(1)
    clock.now = 60.0
    assert throttle.allow(1) and throttle.first_refusal(1)


async def test_a_flood_is_cut_off_and_others_still_answered(fake, clock, database_url) -> None:
    settings = settings_for(fake, database_url, patient_messages_per_minute=5)
    flooder, calm = Patient(fake, 701), Patient(fake, 702)
    async with running_bot(settings, clock):
        for n in range(12):
            fake.push_text(flooder.user_id, f"question number {n} about makeup")
        answer = await calm.say("/start")
        assert "aftercare companion" in answer[0].text
        await fake.wait_for(lambda: any("a lot of messages" in s.text for s in flooder.inbox))
        await flooder.nothing_more(1.0)
        notes = [s for s in flooder.inbox if "a lot of messages" in s.text]
        assert len(notes) == 1
        assert len(flooder.inbox) < 12
        urgent = await flooder.say("my cheek is full of pus and I have a fever")
        assert any("contact Glow & Co Clinic today" in s.text for s in urgent)
