"""The command line a clinic uses: schedule preview, content check, migrations, run."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot.cli import main


def run_cli(*args: str, env: dict[str, str] | None = None,
            cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("TELEGRAM_", "DATABASE_", "CLINIC_"))}
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True,
                          env={**clean, **(env or {})}, cwd=cwd, timeout=60)


def test_schedule_json_for_a_daylight_saving_day() -> None:
    result = run_cli("schedule", "--date", "2026-03-29", "--timezone", "Europe/London",
                     "--json")
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert len(plan) >= 12
    last = datetime.fromisoformat(plan[-1]["local_time"])
    assert last - datetime.fromisoformat("2026-03-29T00:00:00+00:00") >= timedelta(days=364)
    for entry in plan:
        local = datetime.fromisoformat(entry["local_time"])
        due = datetime.fromisoformat(entry["due_utc"])
        assert {"key", "day", "local_time", "due_utc", "text"} <= entry.keys()
        assert local == due, "the same instant"
        assert due.utcoffset() == timedelta(0)
        assert 8 <= local.hour < 21
        assert local.date().isoformat() == (
            datetime(2026, 3, 29) + timedelta(days=entry["day"])).date().isoformat()
        assert entry["text"].strip()
    assert datetime.fromisoformat(plan[0]["local_time"]).utcoffset() == timedelta(hours=1)


def test_schedule_table_and_a_bad_zone(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schedule", "--date", "2026-11-22", "--timezone", "America/New_York"]) == 0
    out = capsys.readouterr().out
    assert "Sun 22 Nov 2026 09:00 EST" in out and "(UTC 14:00)" in out
    assert main(["schedule", "--date", "2026-11-22", "--timezone", "Mars/Olympus"]) == 2
    assert "unknown time zone" in capsys.readouterr().err


def test_run_without_a_token_says_how_to_get_one(tmp_path: Path) -> None:
    result = run_cli("run", cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "@BotFather" in lines[0]


def test_db_upgrade_creates_the_schema(tmp_path: Path) -> None:
    database = tmp_path / "clinic.sqlite3"
    result = run_cli("db", "upgrade", env={"DATABASE_URL": f"sqlite:///{database}"})
    assert result.returncode == 0, result.stderr
    tables = {row[0] for row in sqlite3.connect(database).execute(
        "select name from sqlite_master where type='table'")}
    assert {"clinic", "patient", "treatment", "scheduled_message"} <= tables


def test_check_content_passes_on_the_bundled_files() -> None:
    result = run_cli("check-content")
    assert result.returncode == 0, result.stderr
    assert "ok: microneedling.en" in result.stdout


def test_ask_from_stdin_and_argument_as_json() -> None:
    piped = subprocess.run([sys.executable, "-m", "bot", "ask", "--json"],
                           input="can i wear makup tomorow\n\nwhat is the capital of france\n",
                           capture_output=True, text=True, timeout=60)
    assert piped.returncode == 0, piped.stderr
    lines = [json.loads(line) for line in piped.stdout.splitlines()]
    assert [line["topic"] for line in lines] == ["makeup", None]
    assert set(lines[0]) == {"topic", "score", "urgency", "answer", "alternatives"}
    assert lines[0]["urgency"] == "none" and lines[0]["answer"]
    urgent = json.loads(run_cli("ask", "--json", "there's yellow pus on my cheek").stdout)
    assert urgent["urgency"] == "urgent" and urgent["topic"] is None
    assert "today" in urgent["answer"]
    emergency = run_cli("ask", "--json", "--day", "1", "i cant breathe and my throat is closing")
    assert json.loads(emergency.stdout)["urgency"] == "emergency"


def test_ask_day_changes_the_answer() -> None:
    early = json.loads(run_cli("ask", "--json", "--day", "0", "when can i go to the gym").stdout)
    late = json.loads(run_cli("ask", "--json", "--day", "10", "when can i go to the gym").stdout)
    assert early["topic"] == late["topic"] == "exercise"
    assert early["answer"] != late["answer"]
