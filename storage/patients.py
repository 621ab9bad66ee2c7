"""Patients and their treatments."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Base, Clinic, Patient, PatientStatus, Treatment


async def by_telegram_user(session: AsyncSession, telegram_user_id: int) -> Patient | None:
    return await session.scalar(
        select(Patient).where(Patient.telegram_user_id == telegram_user_id)
    )


async def create_patient(
    session: AsyncSession, *, telegram_user_id: int, chat_id: int, first_name: str,
    clinic: Clinic, language: str, send_hour: int,
) -> Patient:
    patient = Patient(
        telegram_user_id=telegram_user_id, chat_id=chat_id, first_name=first_name[:64],
        clinic=clinic, language=language, timezone=clinic.timezone, send_hour=send_hour,
        status=PatientStatus.REGISTERING,
    )
    session.add(patient)
    await session.flush()
    return patient


async def current_treatment(session: AsyncSession, patient: Patient) -> Treatment | None:
    return await session.scalar(
        select(Treatment)
        .where(Treatment.patient_id == patient.id)
        .order_by(Treatment.session_number.desc(), Treatment.id.desc())
        .limit(1)
    )


def patient_tables() -> list[Table]:
    """Every table with rows about one patient (a `patient_id` column), children first."""
    return [table for table in reversed(Base.metadata.sorted_tables) if "patient_id" in table.c]


async def erase_patient(session: AsyncSession, patient: Patient) -> None:
    """Remove every row about the patient, child tables first, whatever the backend's FKs do.
    Found from the schema, so a table added later is erased too."""
    for table in patient_tables():
        await session.execute(delete(table).where(table.c.patient_id == patient.id))
    await session.execute(delete(Patient).where(Patient.id == patient.id))


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


async def export_patient(session: AsyncSession, patient: Patient) -> dict[str, Any]:
    """Everything held about the patient, table by table, for an access request."""
    async def rows(table: Table, where: Any) -> list[dict[str, Any]]:
        result = await session.execute(select(table).where(where).order_by(*table.primary_key))
        return [{k: _plain(v) for k, v in row._mapping.items()} for row in result]

    patient_table = Patient.__table__
    data = {"patient": (await rows(patient_table, patient_table.c.id == patient.id))[0]}
    for table in reversed(patient_tables()):
        data[table.name] = await rows(table, table.c.patient_id == patient.id)
    return data
