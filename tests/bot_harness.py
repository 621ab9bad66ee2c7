"""Running the real application against the fake Bot API, and talking to it as a patient."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from telegram.ext import Application

from bot.app import allowed_updates, build_application
from bot.config import Settings
from bot.services import KEY, Services
from tests.fake_telegram import FakeTelegram, Sent

TOKEN = "123456:TEST-token-never-logged"


@dataclass
class FixedClock:
    """A clock the test moves by hand."""

    current: datetime

    def now(self) -> datetime:
        return self.current

    def set(self, value: datetime) -> None:
        self.current = value.astimezone(UTC)
QUIET = 0.25  # seconds without a new message that count as "the bot has answered"
PRESS_REPLY_WAIT = 2.0  # seconds a button press may take to send or edit a message


def settings_for(fake: FakeTelegram, database_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = dict(
        telegram_bot_token=TOKEN, telegram_base_url=fake.base_url, database_url=database_url,
        default_timezone="Europe/London", clinic_code="GLOW", clinic_name="Glow & Co Clinic",
        clinic_phone="+44 20 7946 0000", dispatch_interval_seconds=0.1,
    )
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@asynccontextmanager
async def running_bot(settings: Settings,
                      clock: FixedClock | None = None) -> AsyncIterator[Application]:
    """The production application, started and stopped in the order `run_polling` uses (on
    the system clock when none is given, as the benchmarks run it)."""
    application = build_application(settings, clock=clock)
    await application.initialize()
    assert application.post_init is not None and application.updater is not None
    await application.post_init(application)
    await application.updater.start_polling(poll_interval=0, timeout=1,
                                            allowed_updates=allowed_updates())
    await application.start()
    try:
        yield application
    finally:
        await application.updater.stop()
        await application.stop()
        await application.shutdown()
        assert application.post_shutdown is not None
        await application.post_shutdown(application)


def services_of(application: Application) -> Services:
    found: Services = application.bot_data[KEY]
    return found


class Patient:
    """One Telegram user writing to the bot, as a test would act it out."""

    def __init__(self, fake: FakeTelegram, user_id: int, first_name: str = "Ann") -> None:
        self.fake = fake
        self.user_id = user_id
        self.first_name = first_name

    @property
    def inbox(self) -> list[Sent]:
        return self.fake.sent_to(self.user_id)

    async def answer(self, before: int, timeout: float = 5.0) -> list[Sent]:
        """Wait for the bot's reply (new messages, then a quiet spell) and return it."""
        await self.fake.wait_for_sent(self.user_id, before + 1, timeout)
        return await self._settle(before)

    async def _settle(self, before: int) -> list[Sent]:
        count = len(self.inbox)
        while True:
            await asyncio.sleep(QUIET)
            if len(self.inbox) == count:
                return self.inbox[before:]
            count = len(self.inbox)

    async def say(self, text: str) -> list[Sent]:
        before = len(self.inbox)
        self.fake.push_text(self.user_id, text, first_name=self.first_name)
        return await self.answer(before)

    async def press(self, label: str) -> list[Sent]:
        """Press the button with this label (or callback data) on the latest message with it."""
        for sent in reversed(self.inbox):
            for text, data in sent.buttons:
                if label in (text, data):
                    before = len(self.inbox)
                    answered = len(self.fake.answered_callbacks)
                    edits = len(self.fake.edits)
                    self.fake.push_callback(self.user_id, data, message_id=sent.message_id,
                                            first_name=self.first_name)
                    await self.fake.wait_for(
                        lambda n=answered: len(self.fake.answered_callbacks) > n,
                        what=f"answer to button {label!r}")
                    # The button's answer can come before its message, with more than a quiet
                    # spell between on a busy machine; some buttons only edit, or send nothing.
                    for _ in range(int(PRESS_REPLY_WAIT / 0.02)):
                        if len(self.inbox) > before or len(self.fake.edits) > edits:
                            break
                        await asyncio.sleep(0.02)
                    return await self._settle(before)
        raise AssertionError(f"no button {label!r} in the chat: "
                             f"{[s.buttons for s in self.inbox if s.buttons]}")

    async def register(self, date_label: str = "Today") -> list[Sent]:
        await self.say("/start")
        await self.press("I understand")
        await self.press(date_label)
        before = len(self.inbox)
        await self.press("Yes, that's right")
        # Registration ends with the question about the course of sessions; on a busy machine
        # it can come after a quiet spell, and must not be taken for the reply to what follows.
        await self.fake.wait_for(
            lambda: any("how many sessions" in s.text for s in self.inbox[before:]),
            what="the end of registration")
        return await self._settle(before)

    async def nothing_more(self, seconds: float = 0.5) -> None:
        before = len(self.inbox)
        await asyncio.sleep(seconds)
        assert len(self.inbox) == before, [s.text[:60] for s in self.inbox[before:]]
