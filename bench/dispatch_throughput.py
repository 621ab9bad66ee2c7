"""How fast the dispatcher empties a backlog when nothing but itself limits it.

A broadcast queued through storage.broadcasts gives N due rows, one per patient, so the
per-chat rule (a burst of 3, then 1/s) never waits; SEND_RATE_PER_SECOND=0 turns the overall
pacing off (the setting's "benchmarks only" value). The real Dispatcher then runs ticks back
to back until nothing is due, three ways per database:

- with benchlib.InstantSender: the dispatcher's own cost (database, composing), no network;
- with the real TelegramSender over the bot of bot.app.build_application (its HTTP client and
  pool) to the fake Bot API in a separate process: dispatcher + HTTP;
- the whole application started as in production (build_application, post_init, polling, its
  repeating dispatcher job), timed from the first to the last send the fake received.

The fake's own capacity (python-telegram-bot's Bot.send_message, 8 at a time, no dispatcher,
no database) is measured first, so a ceiling set by the fake is visible.

    .venv/bin/python bench/dispatch_throughput.py [--patients 3000] [--profile]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import time
from dataclasses import dataclass
from datetime import UTC, datetime

import benchlib
import netbench

from bot.dispatcher import CONCURRENCY, Dispatcher
from bot.pacing import Pacer
from bot.sender import Sender, TelegramSender
from bot.app import build_application
from messages.catalog import load_catalog
from storage.db import create_engine, session_factory

TARGET = 500.0  # messages/s on 2 cores
CAPACITY_MESSAGES = 2000


@dataclass
class Run:
    label: str
    sent: int
    seconds: float  # the rate's time base
    meter: Meter

    @property
    def rate(self) -> float:
        return self.sent / self.seconds if self.seconds else float("nan")

    def line(self) -> str:
        m = self.meter
        return (f"  {self.label:<56} {self.sent:>6,} in {self.seconds:6.2f} s = "
                f"{self.rate:5.0f} msg/s | CPU per msg: bot {m.bot / self.sent * 1000:4.2f} ms "
                f"({m.bot / m.wall:4.0%} of a core), fake {m.fake_cpu / self.sent * 1000:4.2f} ms")


def cpu_now() -> float:
    times = os.times()
    return times.user + times.system


class Meter:
    """CPU seconds of this process (all its threads) and of the fake's process over the
    timed part of a run only: set-up such as loading the content is left out."""

    def __init__(self, fake: netbench.FakeServerProcess) -> None:
        self.fake = fake
        self.bot = self.fake_cpu = self.wall = 0.0
        self._started = (0.0, 0.0, 0.0)

    def start(self) -> None:
        self._started = (time.perf_counter(), cpu_now(), self.fake.call("cpu_seconds"))

    def stop(self) -> None:
        wall, bot, fake = self._started
        self.wall = time.perf_counter() - wall
        self.bot = cpu_now() - bot
        self.fake_cpu = self.fake.call("cpu_seconds") - fake


async def fake_capacity(fake: netbench.FakeServerProcess) -> Run:
    """sendMessage calls per second through python-telegram-bot alone (no dispatcher, no
    database), CONCURRENCY at a time, as the dispatcher sends."""
    # Only the bot's HTTP client is used: no post_init, so the database is never opened.
    settings = netbench.bot_settings(fake.base_url, "sqlite:///unused.sqlite3",
                                     send_rate_per_second=0)
    application = build_application(settings)
    await application.initialize()
    text = "<b>Message from Glow &amp; Co Clinic</b>\n\nOur clinic is closed on 24 December."
    chats = iter(range(benchlib.FIRST_USER, benchlib.FIRST_USER + CAPACITY_MESSAGES))

    async def worker() -> None:
        for chat in chats:
            await application.bot.send_message(chat, text)

    meter = Meter(fake)
    try:
        meter.start()
        await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
        meter.stop()
    finally:
        await application.shutdown()
    return Run("python-telegram-bot -> fake, no dispatcher, no database", CAPACITY_MESSAGES,
               meter.wall, meter)


async def run_dispatcher(label: str, url: str, sender: Sender, expected: int,
                         fake: netbench.FakeServerProcess,
                         profile: cProfile.Profile | None = None) -> Run:
    """Ticks of the real Dispatcher back to back until one sends nothing."""
    engine = create_engine(url)
    dispatcher = Dispatcher(session_factory(engine), sender, load_catalog(),
                            pacer=Pacer(0))
    meter = Meter(fake)
    sent = 0
    try:
        meter.start()
        if profile:
            profile.enable()
        while (report := await dispatcher.tick(datetime.now(UTC))).sent:
            sent += report.sent
        if profile:
            profile.disable()
        meter.stop()
    finally:
        await engine.dispose()
    if sent != expected:
        raise RuntimeError(f"sent {sent} of {expected}")
    return Run(label, sent, meter.wall, meter)


async def run_application(url: str, fake: netbench.FakeServerProcess, expected: int) -> Run:
    """The production wiring: its job's first tick (0.5 s after start) sends the backlog;
    the rate is from the first to the last send the fake received."""
    before = fake.call("sent_count")
    settings = netbench.bot_settings(fake.base_url, url, send_rate_per_second=0)
    meter = Meter(fake)
    async with netbench.running_application(settings):
        meter.start()
        deadline = time.monotonic() + 180
        while fake.call("sent_count") - before < expected:
            if time.monotonic() > deadline:
                raise RuntimeError("the application did not send the backlog in 180 s")
            await asyncio.sleep(0.05)
        meter.stop()
    times = [at for _, at in fake.call("sends", before)]
    if len(times) != expected:
        raise RuntimeError(f"the fake received {len(times)} sends, expected {expected}")
    return Run("full application (build_application, its job, polling)", len(times),
               max(times) - min(times), meter)


async def backend_runs(url: str, patients: int, fake: netbench.FakeServerProcess,
                       profile: cProfile.Profile | None) -> list[Run]:
    seeded = await benchlib.seed(url, patients, datetime.now(UTC), mode="none")
    print(f"{benchlib.backend_of(url)}: {seeded.patients:,} patients seeded in "
          f"{seeded.seconds:.1f} s; each run below sends a fresh broadcast to all of them")
    runs = []
    _, total = await benchlib.queue_broadcast(url, datetime.now(UTC))
    runs.append(await run_dispatcher("dispatcher + InstantSender (no network)", url,
                                     benchlib.InstantSender(), total, fake))
    print(runs[-1].line(), flush=True)

    application = build_application(netbench.bot_settings(fake.base_url, url,
                                                          send_rate_per_second=0))
    await application.initialize()
    try:
        _, total = await benchlib.queue_broadcast(url, datetime.now(UTC))
        runs.append(await run_dispatcher("dispatcher + TelegramSender -> fake over HTTP", url,
                                         TelegramSender(application.bot), total, fake,
                                         profile))
        print(runs[-1].line(), flush=True)
    finally:
        await application.shutdown()

    _, total = await benchlib.queue_broadcast(url, datetime.now(UTC))
    runs.append(await run_application(url, fake, total))
    print(runs[-1].line(), flush=True)
    return runs


def print_profile(profile: cProfile.Profile) -> None:
    print("\nprofile of the last 'dispatcher + TelegramSender' run (cumulative, top 25):")
    stats = pstats.Stats(profile)
    stats.sort_stats("cumulative").print_stats(25)


async def main(patients: int, profile_it: bool) -> None:
    benchlib.print_header(f"dispatcher throughput, no rate limit: {patients:,} due rows, "
                          "one per patient")
    verdicts: list[str] = []
    with netbench.FakeServerProcess() as fake:
        print(fake.describe())
        print("pacing: SEND_RATE_PER_SECOND=0 (no overall pacing); one row per chat, so the "
              f"per-chat rule never waits; {CONCURRENCY} chats at a time (bot.dispatcher)")
        capacity = await fake_capacity(fake)
        print("HTTP capacity: python-telegram-bot sending to the fake, nothing else (the ceiling "
              "for any HTTP figure below):")
        print(capacity.line())
        fake_ms = capacity.meter.fake_cpu / capacity.sent * 1000
        bot_ms = capacity.meter.bot / capacity.sent * 1000
        limit = ("the client (this process) sets that ceiling, not the fake" if bot_ms > fake_ms
                 else "the fake may be what sets that ceiling")
        print(f"  the fake alone needs {fake_ms:.2f} ms CPU per sendMessage (about "
              f"{1000 / fake_ms:,.0f}/s on a core of its own), the client {bot_ms:.2f} ms: "
              f"{limit}", flush=True)
        profile = cProfile.Profile() if profile_it else None
        if profile:
            print("(--profile: the 'dispatcher + TelegramSender' runs are slowed by cProfile)")
        results: dict[str, list[Run]] = {}
        with benchlib.sqlite_url("dispatch") as (url, _):
            results["sqlite"] = await backend_runs(url, patients, fake, profile)
        version = await benchlib.postgres_available()
        if version is None:
            print("postgresql: skipped (no server answered; set BENCH_POSTGRES_URL)")
        else:
            async with benchlib.postgres_url("dispatch") as url:
                print(f"(PostgreSQL {version})")
                results["postgresql"] = await backend_runs(url, patients, fake, profile)
    for backend, runs in results.items():
        for run in runs[1:]:
            verdicts.append(netbench.verdict(
                f">= {TARGET:.0f} msg/s, {backend}, {run.label}", run.rate >= TARGET,
                f"{run.rate:.0f} msg/s; HTTP capacity {capacity.rate:.0f} msg/s"))
    print()
    print("reading: the bot is one Python process (one core for its own code, the GIL); its CPU "
          "per message bounds it at 1000 / (bot ms per msg) msg/s. 'CPU per msg' above splits "
          "that between the dispatcher (InstantSender line) and the HTTP client "
          "(python-telegram-bot, httpx, httpcore: the capacity line).")
    for line in verdicts:
        print(line)
    if profile is not None:
        print_profile(profile)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=3000)
    parser.add_argument("--profile", action="store_true",
                        help="cProfile the 'dispatcher + TelegramSender' runs and print the top")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.patients, arguments.profile))
