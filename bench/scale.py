"""The schedule at scale: 100,000 registered patients (about 1.5 million planned rows) with the
real Dispatcher, on SQLite and on PostgreSQL.

    .venv/bin/python bench/scale.py [--patients 100000] [--ticks 20] [--due 1000]
                                    [--backend sqlite|postgresql|both]

Per backend: seed the patients as a bot that has run for a year would hold them (treated over
the last year and the next two weeks: older rows sent, newer ones pending; planned by the real
planner, bulk-loaded by bench/benchlib.py), then measure
- start-up in a fresh process (benchlib.measure_startup: migrations, content load, FAQ index
  build, recover) and its resident memory after start and after its first dispatcher tick;
- an idle dispatcher tick (nothing due), in this process, after one warm-up tick;
- a tick with `--due` rows due (pending rows of that many patients moved to one minute ago),
  sent through benchlib.InstantSender with a Pacer that never waits: the dispatcher and the
  database only, no network and no Telegram rate limit;
- where an idle tick's time goes (each SQL statement it runs) and the due query's plan.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import benchlib  # bench/ is on sys.path when this file is run as a script

from bot.dispatcher import Dispatcher
from messages.catalog import load_catalog
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine
from storage.db import create_engine, session_factory

IDLE_TICK_MS = 20.0
START_S = 3.0
RSS_MB = 200.0


def verdict(name: str, value: float, limit: float, unit: str) -> str:
    return f"target {name} <= {limit:g} {unit}: {value:.1f} {unit} -> " + (
        "met" if value <= limit else "NOT MET")


@dataclass
class StatementTimes:
    """Each SQL statement run while recording, with its parameters and wall time."""

    rows: list[tuple[str, Any, float]] = field(default_factory=list)


@contextmanager
def recording(engine: AsyncEngine) -> Iterator[StatementTimes]:
    """Time every statement the engine runs (cursor execute only, driver included)."""
    found = StatementTimes()
    started: dict[int, float] = {}  # by execution context: concurrent chats interleave

    def before(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any,
               executemany: bool) -> None:
        started[id(context)] = time.perf_counter()

    def after(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any,
              executemany: bool) -> None:
        seconds = time.perf_counter() - started.pop(id(context))
        found.rows.append((statement, parameters, seconds))

    sync = engine.sync_engine
    event.listen(sync, "before_cursor_execute", before)
    event.listen(sync, "after_cursor_execute", after)
    try:
        yield found
    finally:
        event.remove(sync, "before_cursor_execute", before)
        event.remove(sync, "after_cursor_execute", after)


async def empty_transaction_ms(engine: AsyncEngine, times: int = 100) -> float:
    """Median cost of one session transaction that does nothing (pool checkout and its
    pre-ping, BEGIN, SELECT 1, COMMIT): the floor under every transaction a tick opens."""
    sessions = session_factory(engine)
    spent = []
    for _ in range(times):
        t = time.perf_counter()
        async with sessions.begin() as session:
            await session.execute(text("SELECT 1"))
        spent.append((time.perf_counter() - t) * 1000)
    return statistics.median(spent)


def one_line(statement: str, width: int = 96) -> str:
    flat = " ".join(statement.split())
    return flat if len(flat) <= width else flat[:width - 3] + "..."


async def explain(engine: AsyncEngine, statement: str, parameters: Any) -> list[str]:
    """The database's plan for a statement the dispatcher ran, with the same parameters."""
    prefix = ("EXPLAIN QUERY PLAN " if engine.dialect.name == "sqlite"
              else "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ")
    async with engine.connect() as conn:
        result = await conn.exec_driver_sql(prefix + statement, parameters)
        lines = [" ".join(str(x) for x in row[-1:]) for row in result]
        await conn.rollback()
    return lines


async def measure(url: str, args: argparse.Namespace, now: datetime) -> list[str]:
    """Seed, measure, and return the verdict lines of this backend."""
    backend = benchlib.backend_of(url)
    t = time.perf_counter()
    seeded = await benchlib.seed(url, args.patients, now, mode="mix")
    print(f"seeded {seeded.patients:,} patients, {seeded.rows:,} planned rows "
          f"({seeded.pending:,} pending, {seeded.rows - seeded.pending:,} already sent) "
          f"in {time.perf_counter() - t:.1f} s (bulk loader, not the bot's registration path)")

    startup = await asyncio.to_thread(benchlib.measure_startup, url, now)
    print(f"start-up in a fresh process: post_init work {startup['post_init_total_s']:.2f} s "
          f"(migrations {startup['migrations_s']:.2f}, content {startup['load_catalog_s']:.2f}, "
          f"FAQ index {startup['answerer_s']:.2f}, engine+clinic "
          f"{startup['engine_and_clinic_s']:.2f}, recover {startup['recover_s']:.2f}); "
          f"imports {startup['imports_s']:.2f} s; whole process from spawn to exit "
          f"{startup['process_wall_s']:.2f} s (interpreter, imports, first tick included)")
    print(f"  first tick after start (cold): {startup['first_tick_s'] * 1000:.1f} ms; RSS after "
          f"start {startup['rss_after_start_mb']:.0f} MB, after first tick "
          f"{startup['rss_after_first_tick_mb']:.0f} MB, peak {startup['peak_rss_mb']:.0f} MB")

    catalog = load_catalog()
    engine = create_engine(url)
    try:
        sender = benchlib.InstantSender()
        dispatcher = Dispatcher(session_factory(engine), sender, catalog,
                                pacer=benchlib.unlimited_pacer())
        await dispatcher.tick(now)  # warm-up: connection pool, statement caches
        idle_ms = []
        for _ in range(args.ticks):
            t = time.perf_counter()
            report = await dispatcher.tick(now)
            idle_ms.append((time.perf_counter() - t) * 1000)
            assert report.sent == 0 and report.skipped == 0, report
        idle_median, idle_max = statistics.median(idle_ms), max(idle_ms)
        print(f"idle tick (nothing due), {args.ticks} ticks after one warm-up: median "
              f"{idle_median:.1f} ms, min {min(idle_ms):.1f} ms, max {idle_max:.1f} ms")
        print(f"  for scale: an empty transaction costs {await empty_transaction_ms(engine):.2f} "
              f"ms here (an idle tick opens 3)")

        with recording(engine) as statements:
            t = time.perf_counter()
            await dispatcher.tick(now)
            total = (time.perf_counter() - t) * 1000
        in_sql = sum(s[2] for s in statements.rows) * 1000
        print(f"  one idle tick, statement by statement ({total:.1f} ms in all, {in_sql:.1f} ms "
              f"in {len(statements.rows)} SQL statements, the rest is Python, the driver's "
              f"thread hand-offs and transactions):")
        for statement, _, seconds in statements.rows:
            print(f"    {seconds * 1000:6.2f} ms  {one_line(statement)}")
        claim = next(s for s in statements.rows
                     if s[0].lstrip().startswith("SELECT scheduled_message.id"))
        print("  plan of the due query (claim_due's SELECT):")
        for line in await explain(engine, claim[0], claim[1]):
            print(f"    {line}")

        moved = await benchlib.make_due(engine, now, args.due)
        with recording(engine) as statements:
            t = time.perf_counter()
            report = await dispatcher.tick(now)
            due_s = time.perf_counter() - t
        in_sql = sum(s[2] for s in statements.rows)
        print(f"tick with {moved:,} due: {due_s * 1000:.0f} ms, {report.sent:,} sent "
              f"({report.sent / due_s:,.0f} rows/s claimed, composed, 'sent' and recorded; "
              f"InstantSender and a Pacer that never waits, so no network and no rate limit: "
              f"the real bot is held to SEND_RATE_PER_SECOND=28/s)")
        print(f"  {len(statements.rows):,} SQL statements, {in_sql * 1000:.0f} ms summed (up to 8 "
              f"chats are sent to at once, so their statements overlap and the sum can exceed "
              f"the wall time)")
        assert report.sent == moved, report
        t = time.perf_counter()
        await dispatcher.tick(now)
        print(f"idle tick right after it: {(time.perf_counter() - t) * 1000:.1f} ms")
    finally:
        await engine.dispose()

    rss = max(startup["rss_after_start_mb"], startup["rss_after_first_tick_mb"])
    return [f"{backend}: " + verdict("idle tick (median)", idle_median, IDLE_TICK_MS, "ms"),
            f"{backend}: " + verdict("start-up (post_init work)", startup["post_init_total_s"],
                                     START_S, "s"),
            f"{backend}: " + verdict("RSS after start and first tick", rss, RSS_MB, "MB")]


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--patients", type=int, default=100_000)
    parser.add_argument("--ticks", type=int, default=20, help="idle ticks timed")
    parser.add_argument("--due", type=int, default=1000, help="rows due in the busy tick")
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    args = parser.parse_args()
    benchlib.print_header(f"scale: {args.patients:,} patients, real Dispatcher")
    now = datetime.now(UTC).replace(microsecond=0)
    print(f"now = {now.isoformat()} (the clock every measurement below is given)")
    verdicts: list[str] = []
    if args.backend in ("sqlite", "both"):
        print("\n-- SQLite (a file in a temp dir, the product's engine: WAL, synchronous=NORMAL)")
        with benchlib.sqlite_url("scale") as (url, path):
            verdicts += await measure(url, args, now)
            print(f"database file: {path.stat().st_size / 2**20:.0f} MB")
    if args.backend in ("postgresql", "both"):
        version = await benchlib.postgres_available()
        if version is None:
            print("\n-- PostgreSQL: skipped, the server did not answer (see the line above)")
            verdicts.append("postgresql: not measured (server not available)")
        else:
            print(f"\n-- PostgreSQL {version} at {benchlib.DEFAULT_PG_SERVER} "
                  f"(a fresh database, dropped afterwards)")
            async with benchlib.postgres_url("scale") as url:
                verdicts += await measure(url, args, now)
    print("\n-- targets")
    for line in verdicts:
        print(line)


if __name__ == "__main__":
    asyncio.run(main())
