"""The clinic side from the command line: clinics, links with a QR code, staff, invites,
broadcasts queued for the running bot, figures."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.cli import main
from storage import broadcasts, clinics, patients
from storage.models import Audience, Patient, PatientStatus, Treatment
from tests.bot_harness import running_bot
from tests.test_e2e_clinic import NORTH_FIRST, seed


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, database_url: str) -> Path:
    for name, value in {"DATABASE_URL": database_url, "CLINIC_CODE": "GLOW",
                        "CLINIC_NAME": "Glow & Co Clinic", "BOT_USERNAME": "GlowCareBot",
                        "DEFAULT_TIMEZONE": "Europe/London"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _in_thread(*args: object):  # type: ignore[no-untyped-def]
    """The command line runs its own event loop, so from an async test it runs in a thread."""
    return asyncio.to_thread(*args)  # type: ignore[arg-type]


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_clinics_links_and_staff(cli_env: Path, capsys) -> None:
    assert cli(capsys, "clinic", "add", "north", "--name", "North Skin", "--phone", "+44 161 1",
               "--timezone", "Europe/London")[0] == 0
    code, _, err = cli(capsys, "clinic", "add", "NORTH", "--name", "x", "--phone", "1",
                       "--timezone", "Europe/London")
    assert code == 2 and "exists already" in err
    code, _, err = cli(capsys, "clinic", "add", "SOUTH", "--name", "x", "--phone", "1",
                       "--timezone", "Mars/Olympus")
    assert code == 2 and "unknown time zone" in err

    listing = cli(capsys, "clinic", "list")[1].splitlines()
    assert listing[0].startswith("GLOW\tGlow & Co Clinic") and "default" in listing[0]
    assert listing[1].startswith("NORTH\tNorth Skin\t+44 161 1")

    assert "session_interval_days changed" in cli(
        capsys, "clinic", "edit", "NORTH", "--session-interval", "35")[1]
    assert "next session after 35 days" in cli(capsys, "clinic", "list")[1].splitlines()[1]
    code, _, err = cli(capsys, "clinic", "edit", "GLOW", "--phone", "1")
    assert code == 2 and "CLINIC_PHONE" in err

    code, out, _ = cli(capsys, "clinic", "link", "north")
    assert out.splitlines()[0] == "https://t.me/GlowCareBot?start=NORTH"
    assert (cli_env / "north-qr.png").read_bytes().startswith(b"\x89PNG")

    assert cli(capsys, "admin", "add", "4242", "--clinic", "NORTH")[0] == 0
    code, _, err = cli(capsys, "admin", "add", "4242", "--clinic", "GLOW")
    assert code == 2 and "staff of NORTH already" in err
    assert cli(capsys, "admin", "list", "--clinic", "NORTH")[1].startswith("4242\tNORTH")
    invite = cli(capsys, "admin", "invite", "--clinic", "NORTH")[1].splitlines()[0]
    assert invite.startswith("/staff ") and len(invite.split()[1]) == 10
    assert cli(capsys, "admin", "remove", "4242")[0] == 0
    assert cli(capsys, "admin", "list")[1] == ""
    code, _, err = cli(capsys, "admin", "remove", "4242")
    assert code == 2 and "not staff" in err
    code, _, err = cli(capsys, "stats", "--clinic", "NOPE")
    assert code == 2 and "no clinic" in err


async def test_a_broadcast_queued_on_the_command_line_is_sent_by_the_running_bot(
        cli_env, capsys, fake, clock, settings, catalog, sessions) -> None:
    # The command line queues at the wall clock (it has no clock to inject), so the patients
    # are registered and the bot runs at the wall clock too, whatever today's date is.
    clock.set(datetime.now(UTC))
    await seed(sessions, catalog, clock, glow=3, north=4,
               treated=clock.now().date() + timedelta(days=7))
    code, out, _ = await _in_thread(cli, capsys, "broadcast", "--clinic", "NORTH", "--text",
                                    "New opening hours <from Monday>")
    assert code == 0 and "queued for 4 patient(s) of NORTH" in out
    number = out.split()[1]
    later = await _in_thread(cli, capsys, "broadcast", "--clinic", "NORTH", "--text", "Later",
                             "--at", "2099-01-01 10:00")
    assert "sending from 2099-01-01 10:00 Europe/London" in later[1]
    clock.set(datetime.now(UTC))
    async with running_bot(settings, clock):
        await fake.wait_for(lambda: all(
            any("New opening hours &lt;from Monday&gt;" in s.raw_text
                for s in fake.sent_to(user)) for user in range(NORTH_FIRST, NORTH_FIRST + 4)))
    status = (await _in_thread(cli, capsys, "broadcast", "status", number))[1]
    assert "4 patient(s): 4 delivered, 0 blocked, 0 failed, 0 remaining" in status
    later_status = (await _in_thread(cli, capsys, "broadcast", "status", later[1].split()[1]))[1]
    assert "0 delivered" in later_status and "4 remaining" in later_status
    assert all("Later" not in s.text for s in fake.all_sent)

    figures = json.loads((await _in_thread(cli, capsys, "stats", "--clinic", "NORTH",
                                           "--json"))[1])
    assert figures["patients"]["active"] == 4
    assert figures["delivered"]["last_7_days"] == 4
    assert set(figures) == {"clinic", "patients", "delivered", "failed", "questions", "votes",
                            "alerts"}


async def test_audiences_recovery_and_due(catalog, clock, sessions) -> None:
    """Recovery: treated in the last 14 days. Due: the next session of a course is about due."""
    today = clock.now().date()
    cases = {  # user: (days since the latest session, sessions planned, session number)
        1: (3, None, 1),  # in recovery
        2: (25, 3, 1),  # due: 28-day interval, a week's notice
        3: (25, 1, 1),  # a single session: nothing to book
        4: (60, None, 2),  # number of sessions not known: may be due
        5: (10, 3, 2),  # in recovery after session 2, not due yet
    }
    async with sessions.begin() as session:
        clinic = await clinics.add_clinic(session, code="AUD", name="A", phone="1",
                                          timezone="Europe/London")
        for user, (ago, planned, number) in cases.items():
            patient = await patients.create_patient(
                session, telegram_user_id=user, chat_id=user, first_name="P", clinic=clinic,
                language="en", send_hour=9)
            patient.sessions_planned = planned
            for session_number in range(1, number + 1):
                session.add(Treatment(patient=patient, protocol="microneedling",
                                      treatment_date=today - timedelta(days=ago),
                                      session_number=session_number))
            patient.status = PatientStatus.ACTIVE
        stopped = await patients.create_patient(
            session, telegram_user_id=6, chat_id=6, first_name="P", clinic=clinic,
            language="en", send_hour=9)
        stopped.status = PatientStatus.STOPPED
        await session.flush()
        sizes = {a: await broadcasts.audience_size(session, clinic, a, today) for a in Audience}
        chosen = {a: sorted((await session.scalars(
            select(Patient.telegram_user_id).where(Patient.id.in_(
                broadcasts.audience_query(clinic, a, today))))).all()) for a in Audience}
    assert chosen == {Audience.ACTIVE: [1, 2, 3, 4, 5], Audience.RECOVERY: [1, 5],
                      Audience.DUE: [2, 4]}
    assert sizes == {a: len(ids) for a, ids in chosen.items()}
