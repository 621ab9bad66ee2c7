"""`aftercare-bot run` as a real process: migrates, polls, answers, stops cleanly on a signal."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bot_harness import TOKEN
from tests.fake_telegram import FakeTelegram


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM])
async def test_the_run_command_serves_patients_and_stops_on_a_signal(
        fake: FakeTelegram, tmp_path: Path, stop_signal: signal.Signals) -> None:
    database = tmp_path / "run.sqlite3"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    env.update(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_BASE_URL=fake.base_url,
               DATABASE_URL=f"sqlite:///{database}", CLINIC_NAME="Run Clinic",
               LOG_LEVEL="DEBUG")
    process = subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=tmp_path, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        await fake.wait_for(lambda: fake.count("setMyCommands") >= 1, timeout=20,
                            what="the bot to start")
        fake.push_text(700, "/start")
        sent = await fake.wait_for_sent(700, 2, timeout=10)
        assert "Run Clinic" in sent[0].text
    finally:
        process.send_signal(stop_signal)
        output, _ = process.communicate(timeout=30)
    assert process.returncode == 0, output
    assert TOKEN not in output and TOKEN.split(":")[1] not in output
    tables = {row[0] for row in sqlite3.connect(database).execute(
        "select name from sqlite_master where type='table'")}
    assert "scheduled_message" in tables and "alembic_version" in tables
