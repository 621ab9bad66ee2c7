"""100 registered patients asking a question at the same moment, answered by the real
application.

The bot runs as in production (bot.app.build_application, long polling, default settings) on
SQLite against the fake Bot API in a separate process. The patients are registered through
the product's storage and journey code (storage.patients.create_patient, then
bot.journey.register_treatment, which plans each treatment with the real planner); treatments
are 0-13 days old, so the FAQ answers vary with the recovery day. Each round pushes one
ordinary FAQ question from every patient at once; a question's latency runs from its push
into the fake to the bot's answer (the next sendMessage to that chat) arriving at the fake.

    .venv/bin/python bench/questions_load.py [--patients 100] [--rounds 5] [--telegram-limits]

With --telegram-limits the fake answers as Telegram would past 30 sendMessage a second: the
replies are sent by the handlers, not paced, so a question whose reply is refused stays
unanswered (the round ends after 5 s without a new answer).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import benchlib
import netbench

from bot import journey
from messages.catalog import load_catalog
from storage import clinics, patients, stats
from storage.db import create_engine, session_factory
from storage.migrate import upgrade_async

QUESTIONS = (
    "can i wear makeup tomorrow",
    "how long does the redness last",
    "when can i use retinol again",
    "is it ok to go to the gym",
    "can I wash my face tonight",
    "can i sunbathe next week",
    "my skin is peeling, is that normal?",
    "when will I see results",
    "can i use vitamin c serum",
    "when should i book my next session",
)
STALL = 5.0  # seconds without a new answer that end a round (a reply refused is not retried)


class LogCount(logging.Handler):
    """Counts the bot's warnings and errors by message instead of printing a traceback for
    each (with --telegram-limits every refused reply logs one)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seen: Counter[str] = Counter()  # by the line's template
        self.example: dict[str, str] = {}

    def emit(self, record: logging.LogRecord) -> None:
        key = f"{record.levelname} {record.name}: {record.msg}"
        self.seen[key] += 1
        self.example.setdefault(key, record.getMessage()[:100])


async def register(url: str, count: int, now: datetime) -> list[int]:
    """`count` active patients of the bench clinic, each with a treatment and its plan."""
    await upgrade_async(url)
    catalog = load_catalog()
    engine = create_engine(url)
    today = now.astimezone(ZoneInfo(benchlib.CLINIC_TZ)).date()
    users = [benchlib.FIRST_USER + i for i in range(count)]
    try:
        async with session_factory(engine).begin() as session:
            clinic = await clinics.ensure_clinic(
                session, code=benchlib.CLINIC_CODE, name=benchlib.CLINIC_NAME,
                phone=benchlib.CLINIC_PHONE, timezone=benchlib.CLINIC_TZ)
            for i, user in enumerate(users):
                patient = await patients.create_patient(
                    session, telegram_user_id=user, chat_id=user, first_name=f"P{i}",
                    clinic=clinic, language="en", send_hour=9)
                patient.disclaimer_accepted_at = now
                await journey.register_treatment(session, catalog, patient,
                                                 today - timedelta(days=i % 14), now)
    finally:
        await engine.dispose()
    return users


async def quiet(fake: netbench.FakeServerProcess, seconds: float = 2.0) -> int:
    """Wait until the fake has had no new message for `seconds`: the day's planned messages
    that registration left due now have gone out. Returns how many were sent."""
    count = fake.call("sent_count")
    while True:
        await asyncio.sleep(seconds)
        now_count = fake.call("sent_count")
        if now_count == count:
            return count
        count = now_count


async def one_round(fake: netbench.FakeServerProcess, users: list[int], number: int,
                    error_note: str) -> tuple[list[float], float, int, int]:
    """Push a question from every user at once: the latencies (s) of those answered, the
    round's span (s), the most answers that arrived in any one second, and how many chats
    got the bot's error note instead of an answer."""
    pairs = [(user, QUESTIONS[(i + number) % len(QUESTIONS)]) for i, user in enumerate(users)]
    pushed = dict(zip(users, fake.call("push_texts", pairs)))
    first = min(pushed.values())
    replies: dict[int, tuple[float, str]] = {}
    progress = time.monotonic()
    while len(replies) < len(users) and time.monotonic() - progress < STALL:
        await asyncio.sleep(0.02)
        if len(found := fake.call("first_answers", users, first)) > len(replies):
            replies, progress = found, time.monotonic()
    answers = {user: at for user, (at, text) in replies.items() if text != error_note}
    if not answers:
        raise RuntimeError(f"round {number}: no answer within {STALL:.0f} s")
    latencies = [answers[user] - pushed[user] for user in answers]
    return (latencies, max(answers.values()) - first,
            benchlib.busiest_window(list(answers.values())), len(replies) - len(answers))


async def main(count: int, rounds: int, limited: bool) -> None:
    benchlib.print_header(f"questions load: {count} registered patients asking at once, "
                          f"{rounds} rounds")
    logged = LogCount()
    logging.getLogger().addHandler(logged)
    with netbench.FakeServerProcess(rate_limited=limited) as fake, \
            benchlib.sqlite_url("questions") as (url, _):
        print(fake.describe())
        users = await register(url, count, datetime.now(UTC))
        print(f"registered: {count} patients (storage.patients + bot.journey.register_treatment),"
              " treated 0-13 days ago")
        settings = netbench.bot_settings(fake.base_url, url)
        print(f"bot: build_application, long polling, default settings "
              f"(PATIENT_MESSAGES_PER_MINUTE {settings.patient_messages_per_minute}), SQLite; "
              "python-telegram-bot handles updates one at a time (no concurrent_updates)")
        all_latencies: list[float] = []
        refused_before = fake.call("rate_limited")
        error_notes = 0
        error_note = str(load_catalog().phrasebook()("error"))
        spans: list[float] = []
        busiest_windows: list[int] = []
        async with netbench.running_application(settings):
            planned = await quiet(fake)
            print(f"(before the rounds: {planned} planned messages of today sent and settled)")
            for number in range(1, rounds + 1):
                latencies, span, busiest, notes = await one_round(fake, users, number,
                                                                  error_note)
                error_notes += notes
                all_latencies += latencies
                spans.append(span)
                busiest_windows.append(busiest)
                print(f"  round {number}: {len(latencies)} of {count} answered in {span:5.2f} s"
                      f" = {len(latencies) / span:6.1f} questions/s; latency p50 "
                      f"{benchlib.percentile(latencies, 50) * 1000:6.0f} ms, p95 "
                      f"{benchlib.percentile(latencies, 95) * 1000:6.0f} ms, max "
                      f"{max(latencies) * 1000:6.0f} ms", flush=True)
                await quiet(fake, 0.5)
            refused = fake.call("rate_limited") - refused_before
            engine = create_engine(url)
            try:
                async with session_factory(engine)() as session:
                    clinic = await clinics.by_code(session, benchlib.CLINIC_CODE)
                    assert clinic is not None
                    figures = await stats.clinic_figures(session, clinic, datetime.now(UTC))
            finally:
                await engine.dispose()
    answered = len(all_latencies)
    print(f"all rounds: {answered} of {count * rounds} questions answered, "
          f"{answered / sum(spans):.1f} questions/s "
          f"(questions / summed round spans); latency p50 "
          f"{benchlib.percentile(all_latencies, 50) * 1000:.0f} ms, p95 "
          f"{benchlib.percentile(all_latencies, 95) * 1000:.0f} ms, max "
          f"{max(all_latencies) * 1000:.0f} ms")
    print(f"outcomes stored (storage.stats): {figures.questions}")
    print(f"busiest 1-second window of answers: {max(busiest_windows)} sendMessage (Telegram "
          "allows about 30/s per bot overall; replies go through the application's rate "
          "limiter, which holds them to 30/s)")
    if limited:
        print(f"429 Too Many Requests answered to the bot's replies: {refused}; chats that got "
              f"the bot's error note instead of their answer: {error_notes}; the others got "
              "nothing")
    for key, times in logged.seen.most_common():
        print(f"logged by the bot {times}x, e.g. {key.split(':')[0]}: {logged.example[key]}")
    print()
    print("targets: none set for this benchmark; the figures above are the result")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--telegram-limits", action="store_true",
                        help="run the fake in its rate-limit mode and count the 429s")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.patients, arguments.rounds, arguments.telegram_limits))
