"""Our schedule table against the design most bots use: one APScheduler job per planned
message in APScheduler's SQLAlchemyJobStore. Same patients, same planned messages (the real
planner's), same run, same machine.

    .venv/bin/python bench/jobstore_compare.py [--patients 100000] [--sample-jobs 20000]
                                               [--sample-patients 1000] [--ticks 20]

Every treatment is 1-30 days ahead, so every planned message is still to be sent: the most a
job store holds (a job store drops a job once it has run; our table keeps sent rows as
history, which bench/scale.py measures). Figures, for each design:
- storing the plans: the real per-registration path on a sample, its rate, and the full
  load extrapolated from it; then the full load done in bulk (a benchmark loader);
- start-up of a fresh process: the same bot work in both (content, FAQ index), then ours:
  migrations, recover, first dispatcher tick; APScheduler: open the job store, start the
  scheduler, its first wake-up; and resident memory;
- an idle tick / wake-up with nothing due, and one with 1,000 due.
SQLite only: APScheduler's job store takes a synchronous SQLAlchemy URL, and the project ships
no synchronous PostgreSQL driver (psycopg2, psycopg): the bot itself uses asyncpg.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import pickle
import statistics
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import benchlib  # bench/ is on sys.path when this file is run as a script

from apscheduler import __version__ as APSCHEDULER_VERSION
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger
from apscheduler.util import datetime_to_utc_timestamp
from sqlalchemy import select

JOB_FUNC = "benchlib:planned_message_job"
BULK_CHUNK = 50_000


@dataclass(frozen=True)
class PlannedJob:
    """What add_job is given for one planned message."""

    id: str
    run_date: datetime
    args: tuple[int, str]
    misfire_grace_time: int  # until 21:00 of its day: the same expiry our dispatcher applies


def planned_jobs(patients: int, now: datetime) -> Iterator[PlannedJob]:
    for treatment_id, planned in benchlib.planned_messages(patients, now, mode="future"):
        grace = int((planned.expires_utc - planned.due_utc).total_seconds())
        yield PlannedJob(f"{treatment_id}:{planned.key}", planned.due_utc,
                         (treatment_id, planned.key), grace)


def scheduler_for(url: str) -> AsyncIOScheduler:
    """An AsyncIOScheduler (the one python-telegram-bot's JobQueue runs) on a SQLAlchemyJobStore
    whose engine has our engine's SQLite settings (WAL, synchronous=NORMAL, busy timeout), so
    the two designs differ in design only. With the store's default engine (rollback journal,
    synchronous=FULL) every add_job commit costs fsyncs and add_job is several times slower."""
    from sqlalchemy import create_engine, event
    from storage.db import _sqlite_pragmas
    engine = create_engine(url)
    event.listen(engine, "connect", _sqlite_pragmas)
    return AsyncIOScheduler(jobstores={"default": SQLAlchemyJobStore(engine=engine)},
                            timezone=UTC)


def add(scheduler: AsyncIOScheduler, job: PlannedJob) -> None:
    scheduler.add_job(JOB_FUNC, "date", run_date=job.run_date, args=job.args, id=job.id,
                      misfire_grace_time=job.misfire_grace_time, coalesce=True,
                      max_instances=1)


def job_state(job: PlannedJob, timezone: Any = UTC) -> bytes:
    """The bytes SQLAlchemyJobStore.add_job writes for this job: Job.__getstate__ of the job
    add_job builds, pickled at the store's protocol (checked against add_job's own row)."""
    return pickle.dumps({
        "version": 1, "id": job.id, "func": JOB_FUNC,
        "trigger": DateTrigger(run_date=job.run_date, timezone=timezone),
        "executor": "default", "args": job.args, "kwargs": {},
        "name": "planned_message_job", "misfire_grace_time": job.misfire_grace_time,
        "coalesce": True, "max_instances": 1, "next_run_time": job.run_date,
    }, pickle.HIGHEST_PROTOCOL)


def bulk_store(store: SQLAlchemyJobStore, jobs: Iterable[PlannedJob]) -> int:
    """Insert pickled jobs with executemany in one transaction, as many add_job calls would
    leave them but without a transaction (and a scheduler wake-up) per job."""
    count = 0
    with store.engine.begin() as conn:
        chunk: list[dict[str, Any]] = []
        for job in jobs:
            chunk.append({"id": job.id,
                          "next_run_time": datetime_to_utc_timestamp(job.run_date),
                          "job_state": job_state(job)})
            if len(chunk) >= BULK_CHUNK:
                conn.execute(store.jobs_t.insert(), chunk)
                count += len(chunk)
                chunk = []
        if chunk:
            conn.execute(store.jobs_t.insert(), chunk)
            count += len(chunk)
    return count


def mb(path: Path) -> float:
    """A SQLite database's size with its WAL, in MB."""
    wal = path.with_name(path.name + "-wal")
    return (path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)) / 2**20


# ---------------------------------------------------------------------------- storing plans

async def apscheduler_add_rate(url: str, jobs: list[PlannedJob]) -> tuple[float, bytes, bytes]:
    """add_job on a running scheduler, one patient's jobs at a time with a return to the event
    loop in between (as a registration handler would), so the wake-up each add_job asks for
    runs too. Returns seconds, and add_job's stored state of the first job next to ours."""
    scheduler = scheduler_for(url)
    scheduler.start()
    started = time.perf_counter()
    treatment = jobs[0].args[0]
    for job in jobs:
        if job.args[0] != treatment:
            treatment = job.args[0]
            await asyncio.sleep(0)
        add(scheduler, job)
    await asyncio.sleep(0)
    seconds = time.perf_counter() - started
    store: SQLAlchemyJobStore = scheduler._lookup_jobstore("default")
    with store.engine.connect() as conn:
        stored = conn.execute(select(store.jobs_t.c.job_state)
                              .where(store.jobs_t.c.id == jobs[0].id)).scalar_one()
    scheduler.shutdown(wait=False)
    await asyncio.sleep(0)
    return seconds, stored, job_state(jobs[0])


def planner_ms_per_patient(now: datetime, patients: int = 200) -> float:
    """The real planner's cost for one patient: in our registration figure, not in
    APScheduler's (its plans are computed beforehand)."""
    from messages.catalog import DEFAULT_PROTOCOL, load_catalog
    from messages.planner import plan
    protocol = load_catalog().protocol(DEFAULT_PROTOCOL, "en")
    zone = ZoneInfo(benchlib.CLINIC_TZ)
    today = now.astimezone(zone).date()
    started = time.perf_counter()
    for i in range(patients):
        plan(protocol, today + timedelta(days=1 + i % 30), zone, 9, now)
    return (time.perf_counter() - started) / patients * 1000


async def our_registration_rate(url: str, patients: int, now: datetime) -> tuple[float, int]:
    """The product's registration work for `patients` patients, one transaction each, as the
    date handler does it (create_patient, register_treatment: the planner and write_plan),
    without Telegram. Returns seconds and rows written."""
    from bot.journey import register_treatment
    from messages.catalog import load_catalog
    from storage import patients as patient_store
    from storage.db import create_engine, session_factory
    from storage.models import Clinic, ScheduledMessage
    from sqlalchemy import func
    clinic_id = (await benchlib.seed(url, 0, now, mode="none")).clinic_id
    catalog = load_catalog()
    today = now.astimezone(ZoneInfo(benchlib.CLINIC_TZ)).date()
    engine = create_engine(url)
    sessions = session_factory(engine)
    try:
        started = time.perf_counter()
        for i in range(patients):
            async with sessions.begin() as session:
                clinic = await session.get(Clinic, clinic_id)
                assert clinic is not None
                user = benchlib.FIRST_USER + i
                patient = await patient_store.create_patient(
                    session, telegram_user_id=user, chat_id=user, first_name=f"P{i}",
                    clinic=clinic, language="en", send_hour=9)
                await register_treatment(session, catalog, patient,
                                         today + timedelta(days=1 + i % 30), now)
        seconds = time.perf_counter() - started
        async with sessions() as session:
            rows = await session.scalar(select(func.count()).select_from(ScheduledMessage))
    finally:
        await engine.dispose()
    return seconds, int(rows or 0)


# ---------------------------------------------------------------------------- start-up child

def measure_apscheduler_startup(url: str, timeout: float = 600) -> dict[str, Any]:
    """A fresh process doing the bot's start-up with the schedule in the job store."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, "--child-apscheduler", url],
                          capture_output=True, text=True, timeout=timeout, cwd=benchlib.ROOT)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"APScheduler start-up child failed:\n{done.stderr[-3000:]}")
    figures = json.loads([x for x in done.stdout.splitlines() if x.startswith("{")][-1])
    figures["process_wall_s"] = elapsed
    return figures


def _apscheduler_child(url: str) -> None:
    """The same imports and bot work as benchlib's start-up child (application, content,
    FAQ index), then the job store and the scheduler instead of migrations and recover."""
    t0 = time.perf_counter()
    steps: dict[str, float] = {}
    from bot.app import build_application
    from bot.config import Settings
    from messages.answering import Answerer
    from messages.catalog import BUNDLED_CONTENT, load_catalog
    steps["imports_s"] = time.perf_counter() - t0

    async def main() -> None:
        settings = Settings(_env_file=None,  # type: ignore[call-arg]
                            telegram_bot_token=benchlib.TOKEN,
                            telegram_base_url="http://127.0.0.1:9/bot",
                            database_url="sqlite:///unused.sqlite3")
        application = build_application(settings)
        start = time.perf_counter()
        t = time.perf_counter()
        catalog = load_catalog(BUNDLED_CONTENT)
        Answerer.from_catalog(catalog)
        steps["content_and_index_s"] = time.perf_counter() - t
        t = time.perf_counter()
        scheduler = scheduler_for(url)
        scheduler.start()
        steps["store_and_start_s"] = time.perf_counter() - t
        steps["rss_after_start_mb"] = benchlib.proc_status_mb()["VmRSS"]
        t = time.perf_counter()
        await asyncio.sleep(0)  # start() queued the first wake-up: it runs now
        steps["first_wakeup_s"] = time.perf_counter() - t
        steps["post_init_total_s"] = time.perf_counter() - start
        memory = benchlib.proc_status_mb()
        steps["rss_after_first_wakeup_mb"] = memory["VmRSS"]
        steps["peak_rss_mb"] = memory["VmHWM"]
        scheduler.shutdown(wait=False)
        await asyncio.sleep(0)
        del application

    asyncio.run(main())
    print(json.dumps(steps))


# ---------------------------------------------------------------------------- ticks

async def our_ticks(url: str, now: datetime, ticks: int, due: int
                    ) -> tuple[list[float], int, float]:
    """Idle ticks (after a warm-up), then one with `due` rows due; InstantSender, no pacing."""
    from bot.dispatcher import Dispatcher
    from messages.catalog import load_catalog
    from storage.db import create_engine, session_factory
    engine = create_engine(url)
    try:
        dispatcher = Dispatcher(session_factory(engine), benchlib.InstantSender(),
                                load_catalog(), pacer=benchlib.unlimited_pacer())
        await dispatcher.tick(now)
        idle = []
        for _ in range(ticks):
            t = time.perf_counter()
            await dispatcher.tick(now)
            idle.append((time.perf_counter() - t) * 1000)
        moved = await benchlib.make_due(engine, now, due)
        t = time.perf_counter()
        report = await dispatcher.tick(now)
        busy = time.perf_counter() - t
        assert report.sent == moved, report
    finally:
        await engine.dispose()
    return idle, moved, busy


async def apscheduler_ticks(url: str, ticks: int, due: int
                            ) -> tuple[list[float], float, float]:
    """Wake-ups with nothing due (the scheduler's `_process_jobs`, which its timer calls),
    then `due` jobs added due a second ago and one wake-up that runs them: the time it holds
    the event loop, and until every job has run."""
    scheduler = scheduler_for(url)
    scheduler.start()
    await asyncio.sleep(0)  # the first wake-up
    idle = []
    for _ in range(ticks):
        t = time.perf_counter()
        scheduler._process_jobs()
        idle.append((time.perf_counter() - t) * 1000)
    store: SQLAlchemyJobStore = scheduler._lookup_jobstore("default")
    ran_before = len(benchlib.JOB_RUNS)
    when = datetime.now(UTC) - timedelta(seconds=1)
    bulk_store(store, (PlannedJob(f"due:{i}", when, (i, "due"), 3600) for i in range(due)))
    t = time.perf_counter()
    scheduler._process_jobs()
    held = time.perf_counter() - t
    while len(benchlib.JOB_RUNS) - ran_before < due:
        await asyncio.sleep(0.001)
    all_ran = time.perf_counter() - t
    scheduler.shutdown(wait=False)
    await asyncio.sleep(0)
    return idle, held, all_ran


async def our_cancel_ms(url: str, patient_ids: list[int]) -> list[float]:
    """A patient's pending messages cancelled (/stop, /delete, blocked), one transaction."""
    from storage import schedule
    from storage.db import create_engine, session_factory
    engine = create_engine(url)
    sessions = session_factory(engine)
    spent = []
    try:
        for patient_id in patient_ids:
            t = time.perf_counter()
            async with sessions.begin() as session:
                count = await schedule.cancel_pending(session, patient_id, "stopped")
            spent.append((time.perf_counter() - t) * 1000)
            assert count > 0
    finally:
        await engine.dispose()
    return spent


def apscheduler_cancel_ms(url: str, jobs: list[PlannedJob], treatment_ids: list[int]
                          ) -> list[float]:
    """The same with one job per message: remove_job for each of the patient's job ids (known
    without a lookup here, since ids are treatment:key; the store has no patient column)."""
    scheduler = scheduler_for(url)
    ids: dict[int, list[str]] = {}
    for job in jobs:
        if job.args[0] in treatment_ids:
            ids.setdefault(job.args[0], []).append(job.id)
    scheduler.start(paused=True)
    spent = []
    for treatment_id in treatment_ids:
        t = time.perf_counter()
        for job_id in ids[treatment_id]:
            scheduler.remove_job(job_id)
        spent.append((time.perf_counter() - t) * 1000)
    scheduler.shutdown(wait=False)
    return spent


# ---------------------------------------------------------------------------- the run

def line(label: str, ours: str, theirs: str) -> None:
    print(f"  {label:<44} {ours:>22} {theirs:>22}")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--patients", type=int, default=100_000)
    parser.add_argument("--sample-jobs", type=int, default=20_000,
                        help="add_job calls actually made (the rest is extrapolated)")
    parser.add_argument("--sample-patients", type=int, default=1000,
                        help="registrations through the product's path")
    parser.add_argument("--ticks", type=int, default=20)
    parser.add_argument("--due", type=int, default=1000)
    args = parser.parse_args()
    benchlib.print_header(f"jobstore_compare: {args.patients:,} patients, our schedule table "
                          f"vs one APScheduler {APSCHEDULER_VERSION} job per message")
    now = datetime.now(UTC).replace(microsecond=0)
    print(f"now = {now.isoformat()}; every treatment 1-30 days ahead, so every planned message "
          f"is pending; SQLite, each design in its own file in a temp dir")
    print("PostgreSQL: not compared: SQLAlchemyJobStore needs a synchronous driver, and the "
          "project ships only asyncpg")
    jobs = list(planned_jobs(args.patients, now))
    total = len(jobs)
    print(f"planned messages: {total:,} for {args.patients:,} patients (the real planner)")

    with benchlib.sqlite_url("ours_sample") as (ours_sample, _), \
            benchlib.sqlite_url("aps_sample") as (aps_sample, _), \
            benchlib.sqlite_url("ours") as (ours_url, ours_file), \
            benchlib.sqlite_url("aps") as (aps_url, aps_file):
        print("\n-- storing the plans")
        reg_s, reg_rows = await our_registration_rate(ours_sample, args.sample_patients, now)
        ours_rate = reg_rows / reg_s
        print(f"ours, measured: {args.sample_patients:,} registrations (create_patient + "
              f"register_treatment, one transaction each, as the date handler) wrote "
              f"{reg_rows:,} rows in {reg_s:.1f} s: {ours_rate:,.0f} rows/s, "
              f"{reg_s / args.sample_patients * 1000:.1f} ms per patient, planner included")
        sample = jobs[:args.sample_jobs]
        add_s, stored, ours_bytes = await apscheduler_add_rate(aps_sample, sample)
        aps_rate = len(sample) / add_s
        print(f"APScheduler, measured: {len(sample):,} add_job calls on a running scheduler "
              f"({sample[-1].args[0]:,} patients' plans) in {add_s:.1f} s: {aps_rate:,.0f} "
              f"jobs/s, {add_s / sample[-1].args[0] * 1000:.1f} ms per patient (one "
              f"transaction per job, plus the wake-up each add_job triggers; plans precomputed)")
        print(f"  the planner alone costs {planner_ms_per_patient(now):.2f} ms per patient "
              f"(in ours, not in APScheduler's figure)")
        print(f"  bulk rows below are add_job's own: pickled state of job {sample[0].id!r} "
              f"identical to the row add_job wrote: {'yes' if stored == ours_bytes else 'NO'}")
        print(f"extrapolated to all {total:,} messages at those rates: ours "
              f"{total / ours_rate / 60:.1f} min, APScheduler {total / aps_rate / 60:.1f} min "
              f"(spread over a year of registrations in real life; it is the per-registration "
              f"cost that matters: see ms per patient above)")

        t = time.perf_counter()
        seeded = await benchlib.seed(ours_url, args.patients, now, mode="future")
        ours_bulk = time.perf_counter() - t
        assert seeded.rows == total and seeded.pending == total, seeded
        t = time.perf_counter()
        scheduler = scheduler_for(aps_url)
        store: SQLAlchemyJobStore = scheduler._lookup_jobstore("default")
        store.jobs_t.create(store.engine, checkfirst=True)
        stored_count = bulk_store(store, jobs)
        store.engine.dispose()
        aps_bulk = time.perf_counter() - t
        print(f"bulk load of all of it (benchmark loaders, not a bot's path): ours "
              f"{seeded.rows:,} rows + {seeded.patients:,} patients and treatments in "
              f"{ours_bulk:.1f} s (migrations and planner included); APScheduler "
              f"{stored_count:,} jobs pickled and inserted in {aps_bulk:.1f} s")
        print(f"on disk: ours {mb(ours_file):.0f} MB (patients, treatments and schedule); "
              f"job store {mb(aps_file):.0f} MB (jobs only: a bot would keep its patients in "
              f"another table as well)")

        print("\n-- start-up of a fresh process (same bot work in both: application, content, "
              "FAQ index)")
        ours_start = await asyncio.to_thread(benchlib.measure_startup, ours_url, now)
        aps_start = await asyncio.to_thread(measure_apscheduler_startup, aps_url)
        ours_schedule_s = (ours_start["migrations_s"] + ours_start["engine_and_clinic_s"]
                           + ours_start["recover_s"] + ours_start["first_tick_s"])
        aps_schedule_s = aps_start["store_and_start_s"] + aps_start["first_wakeup_s"]
        ours_bot_s = ours_schedule_s + ours_start["load_catalog_s"] + ours_start["answerer_s"]
        aps_bot_s = aps_schedule_s + aps_start["content_and_index_s"]
        line("", "our schedule table", "APScheduler job store")
        line("schedule part (s)", f"{ours_schedule_s:.3f}", f"{aps_schedule_s:.3f}")
        line("  of which first tick / first wake-up (ms)",
             f"{ours_start['first_tick_s'] * 1000:.1f}",
             f"{aps_start['first_wakeup_s'] * 1000:.1f}")
        line("content + FAQ index (s)",
             f"{ours_start['load_catalog_s'] + ours_start['answerer_s']:.2f}",
             f"{aps_start['content_and_index_s']:.2f}")
        line("post_init work: both of the above (s)", f"{ours_bot_s:.2f}", f"{aps_bot_s:.2f}")
        line("spawn to exit, whole process (s)", f"{ours_start['process_wall_s']:.2f}",
             f"{aps_start['process_wall_s']:.2f}")
        line("RSS after start (MB)", f"{ours_start['rss_after_start_mb']:.0f}",
             f"{aps_start['rss_after_start_mb']:.0f}")
        line("RSS after first tick / wake-up (MB)",
             f"{ours_start['rss_after_first_tick_mb']:.0f}",
             f"{aps_start['rss_after_first_wakeup_mb']:.0f}")
        print("  schedule part: ours = migrations check + engine and clinic + recover + first "
              "tick; APScheduler = open the store (CREATE TABLE IF NOT EXISTS) + start + first "
              "wake-up. Neither loads its schedule into memory: both query the database.")

        print(f"\n-- ticks, in this process ({args.ticks} after a warm-up; ours every "
              f"DISPATCH_INTERVAL_SECONDS=20, APScheduler only when a job is due)")
        ours_idle, moved, ours_busy = await our_ticks(ours_url, now, args.ticks, args.due)
        aps_idle, held, all_ran = await apscheduler_ticks(aps_url, args.ticks, args.due)
        line("", "our dispatcher tick", "APScheduler wake-up")
        line("nothing due: median (ms)", f"{statistics.median(ours_idle):.2f}",
             f"{statistics.median(aps_idle):.2f}")
        line("nothing due: min (ms)", f"{min(ours_idle):.2f}", f"{min(aps_idle):.2f}")
        line("nothing due: max (ms)", f"{max(ours_idle):.2f}", f"{max(aps_idle):.2f}")
        line(f"{args.due:,} due: until all done (ms)", f"{ours_busy * 1000:.0f}",
             f"{all_ran * 1000:.0f}")
        line("  event loop blocked in one piece (ms)", "(async, never)", f"{held * 1000:.0f}")
        print(f"  ours: {moved:,} rows claimed, composed from the content, 'sent' through "
              f"InstantSender and recorded as sent, by the real dispatcher (a Pacer that never "
              f"waits). APScheduler: {args.due:,} due jobs fetched and unpickled, each "
              f"submitted to the asyncio executor and deleted from the store (one transaction "
              f"per job, synchronous, on the event loop), its job a no-op that composes, sends "
              f"and records nothing. A nothing-due wake-up is get_due_jobs + get_next_run_time "
              f"(two indexed queries); our idle tick is three transactions through aiosqlite.")

        print("\n-- cancelling one patient's remaining plan (/stop, /delete, blocked), "
              "median of 20 patients")
        chosen = list(range(args.patients // 2, args.patients // 2 + 20))
        ours_cancel = await our_cancel_ms(ours_url, chosen)
        aps_cancel = apscheduler_cancel_ms(aps_url, jobs, chosen)
        line("", "our schedule table", "APScheduler job store")
        line("one patient's plan cancelled (ms)", f"{statistics.median(ours_cancel):.2f}",
             f"{statistics.median(aps_cancel):.2f}")
        print(f"  ours: one UPDATE by patient (indexed), one transaction; APScheduler: "
              f"{len(jobs) // args.patients} remove_job calls, a transaction each")

    print("\n-- verdicts (who does less work, on this run)")
    verdicts = [
        ("storing a registration's plan (ms per patient)",
         reg_s / args.sample_patients * 1000, add_s / sample[-1].args[0] * 1000),
        ("start-up, schedule part (s)", ours_schedule_s, aps_schedule_s),
        ("RSS after first tick / wake-up (MB)", ours_start["rss_after_first_tick_mb"],
         aps_start["rss_after_first_wakeup_mb"]),
        ("idle tick / wake-up, median (ms)", statistics.median(ours_idle),
         statistics.median(aps_idle)),
        (f"{args.due:,} due, until all done (ms)", ours_busy * 1000, all_ran * 1000),
        ("cancelling a patient's plan (ms)", statistics.median(ours_cancel),
         statistics.median(aps_cancel)),
    ]
    for label, ours, theirs in verdicts:
        ratio = max(ours, theirs) / max(min(ours, theirs), 1e-9)
        winner = ("a tie (within 10%, inside this machine's noise)" if ratio < 1.1
                  else f"{'ours' if ours < theirs else 'APScheduler'} ({ratio:.1f}x)")
        print(f"{label}: ours {ours:,.2f}, APScheduler {theirs:,.2f} -> {winner}")
    print("\n-- bench/scale.py's targets, applied to both designs")
    rss = {"ours": max(ours_start["rss_after_start_mb"], ours_start["rss_after_first_tick_mb"]),
           "APScheduler": max(aps_start["rss_after_start_mb"],
                              aps_start["rss_after_first_wakeup_mb"])}
    for design, idle, start in (("ours", ours_idle, ours_bot_s),
                                ("APScheduler", aps_idle, aps_bot_s)):
        for name, value, limit, unit in (
                ("idle tick / wake-up (median)", statistics.median(idle), 20.0, "ms"),
                ("start-up (post_init work)", start, 3.0, "s"),
                ("RSS after start and first tick", rss[design], 200.0, "MB")):
            print(f"{design}: target {name} <= {limit:g} {unit}: {value:.1f} {unit} -> "
                  + ("met" if value <= limit else "NOT MET"))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child-apscheduler":
        _apscheduler_child(sys.argv[2])
    else:
        asyncio.run(main())
