"""Shared pieces of the benchmark scripts in bench/: machine line, memory, throw-away
databases (SQLite in a temp dir, PostgreSQL as a fresh `bench_*` database), fast seeding of
patients and their planned rows, an instant sender, and the start-up probe run in a child
process.

Not a benchmark itself. `python bench/benchlib.py startup URL NOW` is the child process the
start-up measurements spawn (see `measure_startup`).
"""

from __future__ import annotations

import asyncio
import json
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time as dtime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

if TYPE_CHECKING:  # imported lazily below: a start-up child must pay for its own imports
    from sqlalchemy.ext.asyncio import AsyncEngine

    from bot.pacing import Pacer
    from messages.planner import PlannedMessage

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:  # `tests` is not an installed package; the scripts run from ROOT
    sys.path.insert(0, str(ROOT))

DEFAULT_PG_SERVER = os.environ.get(
    "BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
CLINIC_CODE = "GLOW"
CLINIC_NAME = "Glow & Co Clinic"
CLINIC_PHONE = "+44 20 7946 0000"
CLINIC_TZ = "Europe/London"
FIRST_USER = 1_000_000
TOKEN = "123:abc"


# ---------------------------------------------------------------------------- machine, memory

def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def machine_line() -> str:
    return (f"machine: {platform.platform()} | {cpu_model()} | {os.cpu_count()} CPU(s) | "
            f"Python {platform.python_version()} ({platform.python_implementation()}) | "
            f"SQLite {sqlite3.sqlite_version}")


def print_header(title: str) -> None:
    print(f"== {title}")
    print(machine_line())
    sys.stdout.flush()


def proc_status_mb() -> dict[str, float]:
    """VmRSS (now) and VmHWM (peak) of this process in MB, from /proc/self/status."""
    found: dict[str, float] = {}
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                found[key] = int(value.split()[0]) / 1024
    except OSError:
        import resource
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        found = {"VmRSS": peak, "VmHWM": peak}
    return found


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5 - 1e-9)))
    return ordered[rank - 1]


def busiest_window(times: list[float], width: float = 1.0) -> int:
    """Most events in any window [t, t + width) (two-pointer over sorted times)."""
    ordered = sorted(times)
    best = start = 0
    for end, t in enumerate(ordered):
        while t - ordered[start] >= width:
            start += 1
        best = max(best, end - start + 1)
    return best


# ---------------------------------------------------------------------------- databases

@contextmanager
def sqlite_url(prefix: str) -> Iterator[tuple[str, Path]]:
    """A SQLite file in a fresh temp dir, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix=f"bench_{prefix}_") as tmp:
        path = Path(tmp) / "bench.sqlite3"
        yield f"sqlite:///{path}", path


def _plain_pg(url: str) -> str:
    from sqlalchemy.engine import make_url
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@asynccontextmanager
async def postgres_url(prefix: str, server: str = DEFAULT_PG_SERVER) -> AsyncIterator[str]:
    """A fresh database `bench_<prefix>_<hex>` on the server, dropped afterwards."""
    import asyncpg
    from sqlalchemy.engine import make_url
    name = f"bench_{prefix}_{uuid.uuid4().hex[:10]}"
    admin = await asyncpg.connect(_plain_pg(server))
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield make_url(server).set(database=name).render_as_string(hide_password=False)
        finally:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


async def postgres_available(server: str = DEFAULT_PG_SERVER) -> str | None:
    """The server's version, or None when it does not answer."""
    try:
        import asyncpg
        conn = await asyncio.wait_for(asyncpg.connect(_plain_pg(server)), 5)
    except Exception as exc:  # noqa: BLE001 - any failure means "skip PostgreSQL"
        print(f"PostgreSQL not available at {server}: {type(exc).__name__}: {exc}")
        return None
    try:
        return str(await conn.fetchval("SHOW server_version"))
    finally:
        await conn.close()


def backend_of(url: str) -> str:
    return "postgresql" if url.startswith("postgres") else "sqlite"


# ---------------------------------------------------------------------------- seeding

@dataclass
class Seeded:
    clinic_id: int
    patients: int
    rows: int
    pending: int
    seconds: float


async def ensure_default_clinic(url: str) -> int:
    """The clinic the bot's settings name, created through the product's own code."""
    from storage import clinics
    from storage.db import create_engine, session_factory
    engine = create_engine(url)
    try:
        async with session_factory(engine).begin() as session:
            clinic = await clinics.ensure_clinic(session, code=CLINIC_CODE, name=CLINIC_NAME,
                                                 phone=CLINIC_PHONE, timezone=CLINIC_TZ)
            return clinic.id
    finally:
        await engine.dispose()


def _treatment_dates(patients: int, mode: str, today: date) -> list[date]:
    """`mix`: treated over the last year (and up to 14 days ahead), so older rows are sent and
    newer ones pending, as in a bot that has run for a year; `future`: every treatment 1-30
    days ahead, so every planned row is still pending (the most a job store would hold)."""
    if mode == "mix":
        span = 380
        return [today - timedelta(days=365) + timedelta(days=i % span) for i in range(patients)]
    if mode == "future":
        return [today + timedelta(days=1 + i % 30) for i in range(patients)]
    raise ValueError(mode)


def plans_by_date(dates: set[date], now: datetime) -> tuple[dict[date, list[Any]], str]:
    """The real planner's output for each distinct treatment date, planned as on the day of
    the treatment (so statuses come from `now` below, not from the planner's "already over")."""
    from messages.catalog import DEFAULT_PROTOCOL, load_catalog
    from messages.planner import plan
    catalog = load_catalog()
    protocol = catalog.protocol(DEFAULT_PROTOCOL, "en")
    zone = ZoneInfo(CLINIC_TZ)
    plans = {}
    for day in dates:
        registered = datetime.combine(day, dtime(7, 0), zone)
        plans[day] = plan(protocol, day, zone, 9, registered, reply_now=False)
    return plans, protocol.content_version


def planned_messages(patients: int, now: datetime, mode: str = "mix"
                     ) -> Iterator[tuple[int, PlannedMessage]]:
    """(treatment id, PlannedMessage) for every row `seed` writes with the same arguments: the
    same planned messages, for a design that stores them elsewhere (an APScheduler job store)."""
    today = now.astimezone(ZoneInfo(CLINIC_TZ)).date()
    dates = _treatment_dates(patients, mode, today)
    plans, _ = plans_by_date(set(dates), now)
    for i, day in enumerate(dates):
        for planned in plans[day]:
            yield i + 1, planned


def _patient_record(i: int, clinic_id: int, created: datetime) -> tuple:
    user = FIRST_USER + i
    return (i + 1, user, user, f"P{i}", clinic_id, "en", CLINIC_TZ, 9, "active", None, None,
            None, created, created, created)


PATIENT_COLS = ("id", "telegram_user_id", "chat_id", "first_name", "clinic_id", "language",
                "timezone", "send_hour", "status", "step", "pending_date", "sessions_planned",
                "disclaimer_accepted_at", "created_at", "updated_at")
TREATMENT_COLS = ("id", "patient_id", "protocol", "treatment_date", "session_number",
                  "created_at")
MESSAGE_COLS = ("treatment_id", "patient_id", "message_key", "day", "content_version",
                "due_at", "expires_at", "status", "attempts", "sent_at", "telegram_message_id")


def _records(patients: int, mode: str, now: datetime, clinic_id: int
             ) -> tuple[list[tuple], list[tuple], Iterator[tuple], dict[str, int]]:
    today = now.astimezone(ZoneInfo(CLINIC_TZ)).date()
    dates = _treatment_dates(patients, mode, today) if mode != "none" else []
    plans, version = plans_by_date(set(dates), now) if dates else ({}, "")
    created = now - timedelta(days=400)
    patient_rows = [_patient_record(i, clinic_id, created) for i in range(patients)]
    treatment_rows = [(i + 1, i + 1, "microneedling", dates[i], 1, created)
                      for i in range(len(dates))]
    counts = {"rows": 0, "pending": 0}

    def messages() -> Iterator[tuple]:
        for i, day in enumerate(dates):
            for n, p in enumerate(plans[day]):
                counts["rows"] += 1
                if p.due_utc <= now:
                    yield (i + 1, i + 1, p.key, p.day, version, p.due_utc, p.expires_utc,
                           "sent", 1, p.due_utc, n + 1)
                else:
                    counts["pending"] += 1
                    yield (i + 1, i + 1, p.key, p.day, version, p.due_utc, p.expires_utc,
                           "pending", 0, None, None)
    return patient_rows, treatment_rows, messages(), counts


async def seed(url: str, patients: int, now: datetime, mode: str = "mix") -> Seeded:
    """Migrate, then bulk-load `patients` active patients of the default clinic and (unless
    mode is "none") their treatments and planned rows. SQLite: sqlite3 executemany in one
    transaction, values converted by the models' own column types; PostgreSQL: asyncpg COPY,
    then VACUUM ANALYZE and a CHECKPOINT (what the server would do shortly after such a load,
    done before any measurement)."""
    from storage.migrate import upgrade_async
    started = time.perf_counter()
    await upgrade_async(url)
    clinic_id = await ensure_default_clinic(url)
    patient_rows, treatment_rows, messages, counts = _records(patients, mode, now, clinic_id)
    if backend_of(url) == "sqlite":
        await asyncio.to_thread(_seed_sqlite, url, patient_rows, treatment_rows, messages)
    else:
        await _seed_postgres(url, patient_rows, treatment_rows, messages)
    return Seeded(clinic_id, patients, counts["rows"], counts["pending"],
                  time.perf_counter() - started)


def _sqlite_converters() -> dict[str, Any]:
    """Bind processors of the real column types, so stored values are exactly what the ORM
    writes (SQLite compares datetimes as text)."""
    from sqlalchemy.dialects import sqlite
    from storage.models import Patient, ScheduledMessage, Treatment
    dialect = sqlite.dialect()
    return {
        "datetime": ScheduledMessage.__table__.c.due_at.type._cached_bind_processor(dialect),
        "date": Treatment.__table__.c.treatment_date.type._cached_bind_processor(dialect),
        "pdatetime": Patient.__table__.c.created_at.type._cached_bind_processor(dialect),
    }


def _seed_sqlite(url: str, patient_rows: list[tuple], treatment_rows: list[tuple],
                 messages: Iterator[tuple]) -> None:
    path = url.removeprefix("sqlite:///")
    conv = _sqlite_converters()
    dt, d = conv["datetime"], conv["date"]
    cache: dict[datetime, str] = {}

    def cdt(value: datetime | None) -> str | None:
        if value is None:
            return None
        if (found := cache.get(value)) is None:
            found = cache[value] = dt(value)
        return found

    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=OFF")
        with con:
            con.executemany(
                f"INSERT INTO patient ({','.join(PATIENT_COLS)}) VALUES "
                f"({','.join('?' * len(PATIENT_COLS))})",
                ((*r[:12], cdt(r[12]), cdt(r[13]), cdt(r[14])) for r in patient_rows))
            con.executemany(
                f"INSERT INTO treatment ({','.join(TREATMENT_COLS)}) VALUES "
                f"({','.join('?' * len(TREATMENT_COLS))})",
                ((r[0], r[1], r[2], d(r[3]), r[4], cdt(r[5])) for r in treatment_rows))
            con.executemany(
                f"INSERT INTO scheduled_message ({','.join(MESSAGE_COLS)}) VALUES "
                f"({','.join('?' * len(MESSAGE_COLS))})",
                ((*r[:5], cdt(r[5]), cdt(r[6]), r[7], r[8], cdt(r[9]), r[10])
                 for r in messages))
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()


async def _seed_postgres(url: str, patient_rows: list[tuple], treatment_rows: list[tuple],
                         messages: Iterator[tuple]) -> None:
    import asyncpg
    conn = await asyncpg.connect(_plain_pg(url))
    try:
        async with conn.transaction():
            await conn.copy_records_to_table("patient", records=patient_rows,
                                             columns=list(PATIENT_COLS))
            await conn.copy_records_to_table("treatment", records=treatment_rows,
                                             columns=list(TREATMENT_COLS))
            chunk: list[tuple] = []
            for record in messages:
                chunk.append(record)
                if len(chunk) >= 200_000:
                    await conn.copy_records_to_table("scheduled_message", records=chunk,
                                                     columns=list(MESSAGE_COLS))
                    chunk = []
            if chunk:
                await conn.copy_records_to_table("scheduled_message", records=chunk,
                                                 columns=list(MESSAGE_COLS))
            for table in ("patient", "treatment"):
                await conn.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT coalesce(max(id), 1) FROM {table}))")
        # What autovacuum would soon do after such a load, done now so that its I/O (and the
        # checkpoint flushing the load) does not land in the middle of a measurement.
        await conn.execute("VACUUM ANALYZE")
        await conn.execute("CHECKPOINT")
    finally:
        await conn.close()


async def queue_broadcast(url: str, now: datetime, text: str = "Our clinic is closed on "
                          "24 December. Happy holidays & see you soon!") -> tuple[int, int]:
    """A broadcast to every active patient of the default clinic, queued through the product's
    storage.broadcasts.create/queue (one pending row per patient, due `now`)."""
    from storage import broadcasts, clinics
    from storage.db import create_engine, session_factory
    from storage.models import Audience
    engine = create_engine(url)
    try:
        async with session_factory(engine).begin() as session:
            clinic = await clinics.by_code(session, CLINIC_CODE)
            assert clinic is not None
            broadcast = await broadcasts.create(session, clinic, text, audience=Audience.ACTIVE,
                                                created_by=None, now=now)
            await broadcasts.queue(session, broadcast, send_at=now, today=now.date())
            return broadcast.id, broadcast.total
    finally:
        await engine.dispose()


# ---------------------------------------------------------------------------- senders

class InstantSender:
    """A Sender that answers at once: what the dispatcher costs without any network."""

    def __init__(self) -> None:
        self.sent = 0
        self.edits = 0

    async def send(self, chat_id: int, html: str, markup: Any = None) -> int:
        self.sent += 1
        return self.sent

    async def edit(self, chat_id: int, message_id: int, html: str) -> None:
        self.edits += 1


def unlimited_pacer() -> Pacer:
    """The dispatcher's own Pacer, set so it never waits (no overall rate, unlimited per-chat
    burst): a tick then costs only the dispatcher and the database."""
    from bot.pacing import Pacer
    return Pacer(0, per_chat_burst=10**9)


async def make_due(engine: AsyncEngine, now: datetime, count: int) -> int:
    """The first pending row of each of `count` patients falls due a minute ago (one row per
    patient, so a busy tick is not one chat's queue). Returns how many rows were moved."""
    from sqlalchemy import func, select, update
    from storage.models import MessageStatus, ScheduledMessage
    async with engine.begin() as conn:
        ids = list(await conn.scalars(
            select(func.min(ScheduledMessage.id))
            .where(ScheduledMessage.status == MessageStatus.PENDING)
            .group_by(ScheduledMessage.patient_id)
            .order_by(ScheduledMessage.patient_id)
            .limit(count)))
        await conn.execute(update(ScheduledMessage).where(ScheduledMessage.id.in_(ids))
                           .values(due_at=now - timedelta(minutes=1)))
    return len(ids)


JOB_RUNS: list[tuple[int, str]] = []


async def planned_message_job(treatment_id: int, key: str) -> None:
    """The job an APScheduler-per-message design runs for one planned message. It only counts:
    the comparison measures the scheduler and its store, not composing or sending."""
    JOB_RUNS.append((treatment_id, key))


# ---------------------------------------------------------------------------- start-up probe

def measure_startup(url: str, now: datetime, *, timeout: float = 600) -> dict[str, Any]:
    """Run the bot's start-up work in a fresh process (see `_startup_child`) and return its
    figures, plus `spawn_to_ready_s` as seen from here (interpreter start and imports
    included)."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(HERE / "benchlib.py"), "startup", url, now.isoformat()],
        capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"start-up child failed:\n{done.stderr[-3000:]}")
    line = [x for x in done.stdout.splitlines() if x.startswith("{")][-1]
    figures = json.loads(line)
    figures["process_wall_s"] = elapsed
    return figures


def _startup_child(url: str, now_iso: str) -> None:
    """What bot/app.py's post_init does, timed step by step: migrations upgrade, load_catalog,
    engine and sessions, ensure_clinic, the Dispatcher, Answerer.from_catalog, recover. The
    Telegram calls (set_my_commands) and the job's registration are left out. Then one idle
    dispatcher tick with an instant sender (the first tick after a start, cold caches)."""
    t0 = time.perf_counter()
    steps: dict[str, float] = {}
    from bot.app import build_application  # noqa: F401 - imports as the real process has them
    from bot.config import Settings
    from bot.dispatcher import Dispatcher
    from bot.pacing import Pacer
    from messages.answering import Answerer
    from messages.catalog import BUNDLED_CONTENT, load_catalog
    from storage import clinics
    from storage.db import create_engine, session_factory
    from storage.migrate import upgrade_async
    steps["imports_s"] = time.perf_counter() - t0
    now = datetime.fromisoformat(now_iso)

    async def main() -> None:
        t = time.perf_counter()
        settings = Settings(_env_file=None, telegram_bot_token=TOKEN,  # type: ignore[call-arg]
                            telegram_base_url="http://127.0.0.1:9/bot", database_url=url,
                            clinic_code=CLINIC_CODE, clinic_name=CLINIC_NAME,
                            clinic_phone=CLINIC_PHONE, default_timezone=CLINIC_TZ)
        application = build_application(settings)
        steps["build_application_s"] = time.perf_counter() - t
        start = time.perf_counter()
        t = time.perf_counter()
        await upgrade_async(settings.database_url)
        steps["migrations_s"] = time.perf_counter() - t
        t = time.perf_counter()
        catalog = load_catalog(settings.content_dir or BUNDLED_CONTENT)
        steps["load_catalog_s"] = time.perf_counter() - t
        t = time.perf_counter()
        engine = create_engine(settings.database_url)
        sessions = session_factory(engine)
        async with sessions.begin() as session:
            await clinics.ensure_clinic(session, code=settings.clinic_code,
                                        name=settings.clinic_name, phone=settings.clinic_phone,
                                        timezone=settings.default_timezone)
        steps["engine_and_clinic_s"] = time.perf_counter() - t
        sender = InstantSender()
        dispatcher = Dispatcher(sessions, sender, catalog,
                                pacer=Pacer(settings.send_rate_per_second))
        t = time.perf_counter()
        Answerer.from_catalog(catalog)
        steps["answerer_s"] = time.perf_counter() - t
        t = time.perf_counter()
        await dispatcher.recover(now)
        steps["recover_s"] = time.perf_counter() - t
        steps["post_init_total_s"] = time.perf_counter() - start
        steps["rss_after_start_mb"] = proc_status_mb()["VmRSS"]
        t = time.perf_counter()
        report = await dispatcher.tick(now)
        steps["first_tick_s"] = time.perf_counter() - t
        steps["first_tick_sent"] = report.sent
        memory = proc_status_mb()
        steps["rss_after_first_tick_mb"] = memory["VmRSS"]
        steps["peak_rss_mb"] = memory["VmHWM"]
        await engine.dispose()
        del application

    asyncio.run(main())
    steps["child_total_s"] = time.perf_counter() - t0
    print(json.dumps(steps))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "startup":
        _startup_child(sys.argv[2], sys.argv[3])
    else:
        print(__doc__)
        sys.exit(2)
