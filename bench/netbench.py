"""Shared pieces of the three network benchmarks (dispatch_throughput, broadcast_rate,
questions_load): the fake Bot API in a child process, and the real application started
against it.

Why a child process: tests/fake_telegram.py is a Python ThreadingHTTPServer. In the bot's own
process it would compete with the bot for the GIL and the figures would measure both; in a
child it has its own interpreter (on a 2-core machine it still shares the CPUs, which the
scripts report as the fake's CPU use). The child is driven over a multiprocessing pipe:
push updates, read back what was sent and when (`time.monotonic` there, which on Linux is the
same clock in every process).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from multiprocessing.connection import Connection
from types import TracebackType
from typing import Any

import benchlib  # noqa: F401 - puts the project root on sys.path for `tests`

from bot.config import Settings
from telegram.ext import Application

from tests.bot_harness import running_bot

TOKEN = benchlib.TOKEN


def _sends(fake: Any, since: int) -> list[tuple[int, float]]:
    """(chat, arrival time) of each sendMessage accepted, from the `since`-th on."""
    return [(s.chat_id, s.at) for s in fake.all_sent[since:] if s.method == "sendMessage"]


def _push_texts(fake: Any, pairs: list[tuple[int, str]]) -> list[float]:
    """Push a text from each (user, text); returns each push's time."""
    times = []
    for user_id, text in pairs:
        times.append(time.monotonic())
        fake.push_text(user_id, text, first_name=f"P{user_id}")
    return times


def _first_answers(fake: Any, chats: list[int], since: float) -> dict[int, tuple[float, str]]:
    """Each chat's first sendMessage that arrived at or after `since`: when, and its text."""
    wanted, found = set(chats), {}
    for sent in fake.all_sent:
        if sent.chat_id in wanted and sent.chat_id not in found and sent.at >= since \
                and sent.method == "sendMessage":
            found[sent.chat_id] = (sent.at, sent.text)
    return found


def _cpu_seconds(fake: Any) -> float:
    """User + system CPU of the fake's process so far (all its threads)."""
    times = os.times()
    return times.user + times.system


_OPS = {
    "sends": _sends,
    "sent_count": lambda fake: len(fake.all_sent),
    "push_texts": _push_texts,
    "first_answers": _first_answers,
    "rate_limited": lambda fake: fake.rate_limited,
    "errors": lambda fake: [(m, c, d[:200]) for m, c, d in fake.errors],
    "cpu_seconds": _cpu_seconds,
}


def _child(conn: Connection, rate_limited: bool) -> None:
    from tests.fake_telegram import FakeTelegram
    with FakeTelegram() as fake:
        if rate_limited:
            fake.limit_rate()
        conn.send((fake.base_url, os.getpid()))
        while True:
            op, args = conn.recv()
            if op == "stop":
                break
            conn.send(_OPS[op](fake, *args))
    conn.close()


class FakeServerProcess:
    """tests/fake_telegram.FakeTelegram running in a child process (multiprocessing, spawn)."""

    def __init__(self, *, rate_limited: bool = False) -> None:
        self.rate_limited = rate_limited
        context = multiprocessing.get_context("spawn")
        self._conn, child_end = context.Pipe()
        self._process = context.Process(target=_child, args=(child_end, rate_limited),
                                        name="fake-telegram", daemon=True)
        self._child_end = child_end
        self.base_url = ""
        self.pid = 0

    def __enter__(self) -> FakeServerProcess:
        self._process.start()
        self._child_end.close()
        self.base_url, self.pid = self._conn.recv()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._conn.send(("stop", ()))
        self._process.join(10)
        if self._process.is_alive():
            self._process.kill()

    def call(self, op: str, *args: Any) -> Any:
        self._conn.send((op, args))
        return self._conn.recv()

    def describe(self) -> str:
        limit = (", rate-limit mode on (30 sendMessage/s overall, per chat a burst of 3 then "
                 "1/s; 429 past either)" if self.rate_limited else ", no rate limit")
        return (f"fake Bot API: tests/fake_telegram.FakeTelegram (ThreadingHTTPServer) in a "
                f"separate process (multiprocessing spawn, pid {self.pid}){limit}")


def bot_settings(base_url: str, database_url: str, **overrides: Any) -> Settings:
    """The bot's settings for a bench: the bench clinic, the fake's URL, defaults otherwise."""
    values: dict[str, Any] = dict(
        telegram_bot_token=TOKEN, telegram_base_url=base_url, database_url=database_url,
        clinic_code=benchlib.CLINIC_CODE, clinic_name=benchlib.CLINIC_NAME,
        clinic_phone=benchlib.CLINIC_PHONE, default_timezone=benchlib.CLINIC_TZ)
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@asynccontextmanager
async def running_application(settings: Settings) -> AsyncIterator[Application]:
    """bot.app.build_application started as `run_polling` starts it, on the system clock."""
    # A tick longer than DISPATCH_INTERVAL_SECONDS (a whole backlog) makes APScheduler log each
    # skipped run: expected here, and not a figure.
    logging.getLogger("apscheduler.scheduler").setLevel(logging.ERROR)
    async with running_bot(settings) as application:
        yield application


def verdict(name: str, met: bool, detail: str) -> str:
    return f"target {name}: {'met' if met else 'NOT MET'} ({detail})"
