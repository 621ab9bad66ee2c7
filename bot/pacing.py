"""Pacing sends under Telegram's limits: about 30 messages a second overall, and about one a
second per chat, with the short bursts Telegram allows (a day's two messages arrive together).

Sends start strictly spaced, so no one-second window ever holds more than `per_second` of
them, however many tasks send at once. Each chat has a small bucket
of sends that refills at one a second. A `RetryAfter` from Telegram holds every slot until
it has passed.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

PER_CHAT_PER_SECOND = 1.0
PER_CHAT_BURST = 3
FORGET_AFTER = 10_000  # chats tracked before idle ones are dropped


class Pacer:
    def __init__(self, per_second: float, *, per_chat_per_second: float = PER_CHAT_PER_SECOND,
                 per_chat_burst: int = PER_CHAT_BURST,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        # A microsecond more than 1/rate, so rounding never fits rate+1 sends into a second.
        self.interval = 1.0 / per_second + 1e-6 if per_second > 0 else 0.0
        self.chat_rate = per_chat_per_second
        self.chat_burst = float(per_chat_burst)
        self._monotonic = monotonic
        self._next = 0.0
        self._chats: dict[int, tuple[float, float]] = {}  # chat -> (sends left, as of when)

    def _chat_budget(self, chat_id: int, now: float) -> float:
        left, since = self._chats.get(chat_id, (self.chat_burst, now))
        return min(self.chat_burst, left + (now - since) * self.chat_rate)

    async def wait(self, chat_id: int) -> None:
        """Return when a message to `chat_id` may be sent."""
        while (left := self._chat_budget(chat_id, now := self._monotonic())) < 1.0:
            await asyncio.sleep((1.0 - left) / self.chat_rate)
        self._chats[chat_id] = (left - 1.0, now)
        if len(self._chats) > FORGET_AFTER:
            self._chats = {c: v for c, v in self._chats.items()
                           if self._chat_budget(c, now) < self.chat_burst}
        # The slot is taken when the send really starts, not when it was planned: a task woken
        # late (a busy event loop) never makes a burst with the tasks due after it.
        while (now := self._monotonic()) < self._next:
            await asyncio.sleep(self._next - now)
        self._next = now + self.interval

    def hold(self, seconds: float) -> None:
        """Telegram asked for a pause: no slot before it is over."""
        self._next = max(self._next, self._monotonic() + seconds)
