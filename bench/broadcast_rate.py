"""A broadcast to 3,000 patients at Telegram's limit, sent by the real application.

The fake Bot API runs in a separate process in its rate-limit mode (tests/fake_telegram.py
`limit_rate`): more than 30 sendMessage in any one-second window overall, or more than a
chat's allowance, is answered with Telegram's 429 "Too Many Requests: retry after N". The
broadcast is queued through storage.broadcasts (benchlib.queue_broadcast), then the bot is
started as in production (bot.app.build_application, polling, its dispatcher job) with its
default settings: SEND_RATE_PER_SECOND 28, DISPATCH_INTERVAL_SECONDS 20. Figures come from the
fake's clock: when each accepted sendMessage arrived.

    .venv/bin/python bench/broadcast_rate.py [--patients 3000]
"""

from __future__ import annotations

import argparse
import asyncio
import time
from datetime import UTC, datetime

import benchlib
import netbench

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.dispatcher import BATCH_SIZE
from storage import broadcasts
from storage.db import create_engine, session_factory

TARGET_RATE = 27.0
TELEGRAM_LIMIT = 30
TIMEOUT = 220.0


async def remaining(sessions: async_sessionmaker[AsyncSession], broadcast_id: int) -> int:
    """Rows of the broadcast not yet sent or given up, by the product's own count."""
    async with sessions() as session:
        broadcast = await broadcasts.get(session, broadcast_id)
        assert broadcast is not None
        return (await broadcasts.progress(session, broadcast)).remaining


async def main(patients: int) -> None:
    benchlib.print_header(f"broadcast to {patients:,} patients at Telegram's limit")
    defaults = Settings(_env_file=None)  # type: ignore[call-arg]
    with netbench.FakeServerProcess(rate_limited=True) as fake, \
            benchlib.sqlite_url("broadcast") as (url, _):
        print(fake.describe())
        print(f"bot: default settings (SEND_RATE_PER_SECOND {defaults.send_rate_per_second:g}, "
              f"DISPATCH_INTERVAL_SECONDS {defaults.dispatch_interval_seconds:g}), SQLite")
        await benchlib.seed(url, patients, datetime.now(UTC), mode="none")
        broadcast_id, total = await benchlib.queue_broadcast(url, datetime.now(UTC))
        print(f"queued: broadcast {broadcast_id} to {total:,} active patients "
              "(storage.broadcasts.create + queue: one pending row each)", flush=True)
        before = fake.call("sent_count")
        engine = create_engine(url)
        sessions = session_factory(engine)
        started = time.monotonic()
        try:
            async with netbench.running_application(netbench.bot_settings(fake.base_url, url)):
                while (left := await remaining(sessions, broadcast_id)) > 0:
                    if time.monotonic() - started > TIMEOUT:
                        print(f"stopped waiting after {TIMEOUT:.0f} s: {left:,} rows not done")
                        break
                    await asyncio.sleep(0.5)
                finished = time.monotonic()
        finally:
            await engine.dispose()
        times = sorted(at for _, at in fake.call("sends", before))
        refused = fake.call("rate_limited")

    span = times[-1] - times[0] if len(times) > 1 else float("nan")
    rate = (len(times) - 1) / span if len(times) > 1 else float("nan")
    busiest = benchlib.busiest_window(times)
    print(f"delivered (accepted by the fake): {len(times):,} of {total:,}")
    print(f"achieved rate, first to last send: {rate:.2f} messages/s "
          f"({len(times):,} sends in {span:.1f} s)")
    print(f"busiest 1-second window: {busiest} sendMessage (Telegram's limit {TELEGRAM_LIMIT})")
    print(f"429 Too Many Requests answered: {refused}")
    gaps = [b - a for a, b in zip(times, times[1:])]
    boundary = [g for i, g in enumerate(gaps, 1) if i % BATCH_SIZE == 0]
    inside = [g for i, g in enumerate(gaps, 1) if i % BATCH_SIZE]
    if boundary and inside:
        print(f"gap between sends: pacer's spacing {1000 / defaults.send_rate_per_second:.1f} ms;"
              f" measured median {benchlib.percentile(inside, 50) * 1000:.1f} ms inside a batch"
              f" of {BATCH_SIZE} (p95 {benchlib.percentile(inside, 95) * 1000:.1f}), median "
              f"{benchlib.percentile(boundary, 50) * 1000:.1f} ms at batch boundaries (claim, "
              "load and record between batches)")
    print(f"total time, bot start to broadcast done: {finished - started:.1f} s "
          f"(first send {times[0] - started:.1f} s after the start)" if times else
          "total time: nothing was sent")
    print()
    print(netbench.verdict(f"achieved rate >= {TARGET_RATE:g}/s", rate >= TARGET_RATE,
                           f"{rate:.2f}/s"))
    print(netbench.verdict("zero 429s", refused == 0, f"{refused} answered"))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=3000)
    asyncio.run(main(parser.parse_args().patients))
