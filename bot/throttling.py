"""Counting each user's messages in a sliding minute, so one flooding user cannot slow the
others. The counts live in memory: a restart only resets a minute's window."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

WINDOW = 60.0


class Throttle:
    def __init__(self, per_minute: int, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self._monotonic = monotonic
        self._seen: dict[int, deque[float]] = {}
        self._warned: dict[int, float] = {}

    def allow(self, user_id: int) -> bool:
        now = self._monotonic()
        seen = self._seen.setdefault(user_id, deque())
        while seen and now - seen[0] >= WINDOW:
            seen.popleft()
        if len(seen) >= self.per_minute:
            return False
        seen.append(now)
        if len(self._seen) > 10_000:  # forget users quiet for a whole window
            self._seen = {u: s for u, s in self._seen.items() if s and now - s[-1] < WINDOW}
        return True

    def first_refusal(self, user_id: int) -> bool:
        """True once per window: the moment to tell the user, not on every dropped message."""
        now = self._monotonic()
        if now - self._warned.get(user_id, -WINDOW) < WINDOW:
            return False
        self._warned[user_id] = now
        return True
