"""What is held about a patient: an export names every table, /delete leaves no row behind."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from bot import journey
from bot.cli import main
from storage import broadcasts, clinics, patients, questions
from storage.models import Audience, Base, Outcome, Patient, Urgency

NOW = datetime(2026, 11, 22, 10, 0, tzinfo=ZoneInfo("Europe/London"))


async def a_patient_in_every_table(sessions, catalog) -> int:  # type: ignore[no-untyped-def]
    async with sessions.begin() as session:
        clinic = await clinics.ensure_clinic(session, code="GLOW", name="Glow", phone="1",
                                             timezone="Europe/London")
        patient = await patients.create_patient(
            session, telegram_user_id=4711, chat_id=4711, first_name="Ann", clinic=clinic,
            language="en", send_hour=9)
        await journey.register_treatment(session, catalog, patient, NOW.date(), NOW)
        await questions.record(session, patient, text="there is pus on my chin", asked_at=NOW,
                               recovery_day=0, topic=None, score=0.0, urgency=Urgency.URGENT,
                               outcome=Outcome.ESCALATED, reason="pus")
        draft = await broadcasts.create(session, clinic, "Hello", audience=Audience.ACTIVE,
                                        created_by=None, now=NOW)
        await broadcasts.queue(session, draft, send_at=NOW, today=NOW.date())
        return patient.id


async def test_delete_erases_every_row_about_the_patient(backend_sessions, catalog) -> None:
    patient_id = await a_patient_in_every_table(backend_sessions, catalog)
    tables = [t for t in Base.metadata.sorted_tables if "patient_id" in t.c]
    assert {t.name for t in tables} == {"treatment", "scheduled_message", "question", "alert"}
    async with backend_sessions.begin() as session:
        for table in tables:  # the test data really is in every table first
            assert await session.scalar(select(func.count()).select_from(table)
                                        .where(table.c.patient_id == patient_id))
        patient = await session.get(Patient, patient_id)
        assert patient is not None
        await patients.erase_patient(session, patient)
    async with backend_sessions() as session:
        for table in tables:
            assert await session.scalar(select(func.count()).select_from(table)
                                        .where(table.c.patient_id == patient_id)) == 0, table
        assert await session.get(Patient, patient_id) is None


async def test_export_writes_everything_held_as_json(
        sessions, catalog, database_url, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    await a_patient_in_every_table(sessions, catalog)
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("CLINIC_CODE", "GLOW")
    assert await asyncio.to_thread(main, ["export", "--patient", "4711"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["patient"]["first_name"] == "Ann"
    assert {"treatment", "scheduled_message", "question", "alert"} <= data.keys()
    assert data["question"][0]["text"] == "there is pus on my chin"
    assert data["alert"][0]["level"] == "urgent"
    assert len(data["scheduled_message"]) == len(catalog.protocol().messages) + 1  # + broadcast
    assert await asyncio.to_thread(main, ["export", "--patient", "1"]) == 2
    assert "no patient" in capsys.readouterr().err
