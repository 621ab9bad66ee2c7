"""The pacer: strict spacing overall, a small burst then one a second per chat, pauses held."""

from __future__ import annotations

import asyncio
from itertools import pairwise

from bot.pacing import Pacer


class FakeTime:
    """Monotonic time that only moves when the pacer sleeps."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


async def sends(pacer: Pacer, clock: FakeTime, chats: list[int]) -> list[float]:
    times = []
    original = asyncio.sleep

    async def sleep(seconds: float) -> None:
        clock.now += seconds
        await original(0)

    asyncio.sleep = sleep  # type: ignore[assignment]
    try:
        for chat in chats:
            await pacer.wait(chat)
            times.append(clock.now)
    finally:
        asyncio.sleep = original  # type: ignore[assignment]
    return times


async def test_no_second_holds_more_than_the_rate() -> None:
    clock = FakeTime()
    times = await sends(Pacer(30, monotonic=clock), clock, list(range(300)))
    for i, start in enumerate(times):
        assert sum(1 for t in times[i:] if t - start < 1.0) <= 30
    assert times[-1] - times[0] < 10.0  # and it does not dawdle: 300 sends in under 10 s


async def test_one_chat_gets_a_short_burst_then_one_a_second() -> None:
    clock = FakeTime()
    times = await sends(Pacer(1000, monotonic=clock), clock, [7] * 6)
    assert times[2] - times[0] < 0.1  # the first three together
    assert [round(b - a, 2) for a, b in pairwise(times[2:])] == [1.0, 1.0, 1.0]


async def test_a_pause_from_telegram_holds_every_chat() -> None:
    clock = FakeTime()
    pacer = Pacer(30, monotonic=clock)
    pacer.hold(5)
    times = await sends(pacer, clock, [1, 2])
    assert times[0] >= 105.0
