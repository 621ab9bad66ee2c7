"""Logs never carry the bot token, and patients' words stay out of them at INFO."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.logs import setup_logging
from tests.bot_harness import TOKEN, FixedClock, Patient, running_bot, settings_for
from tests.fake_telegram import FakeTelegram

WORDS = "my-private-words-about-my-skin"


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    yield
    logging.basicConfig(level=logging.WARNING, force=True)


async def session_with_logs(fake: FakeTelegram, database_url: str, level: str) -> None:
    setup_logging(level, TOKEN)
    clock = FixedClock(datetime(2026, 11, 22, 14, tzinfo=ZoneInfo("Europe/London")))
    ann = Patient(fake, 601)
    async with running_bot(settings_for(fake, database_url), clock):
        await ann.say("/start")
        await ann.press("I understand")
        await ann.say(WORDS)  # not a date: refused, and must not be logged at INFO
        await ann.say("today")
        await ann.press("Yes, that's right")
        await ann.say(WORDS)  # a question


async def test_token_is_never_logged_even_at_debug(fake, database_url, capfd) -> None:
    await session_with_logs(fake, database_url, "DEBUG")
    err = capfd.readouterr().err
    assert "Bot API" in err or "getUpdates" in err, "debug logging was on"
    assert TOKEN not in err and TOKEN.split(":")[1] not in err


async def test_patient_words_stay_out_of_info_logs(fake, database_url, capfd) -> None:
    await session_with_logs(fake, database_url, "INFO")
    err = capfd.readouterr().err
    assert "registered a treatment" in err, "info logging was on"
    assert WORDS not in err and TOKEN not in err
