"""Patients and their treatments."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    Alert,
    Clinic,
    Patient,
    PatientStatus,
    Question,
    ScheduledMessage,
    Treatment,
)


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


async def erase_patient(session: AsyncSession, patient: Patient) -> None:
    """Remove every row about the patient, child tables first, whatever the backend's FKs do."""
    for table in (Alert, Question, ScheduledMessage):
        await session.execute(delete(table).where(table.patient_id == patient.id))
    await session.execute(delete(Treatment).where(Treatment.patient_id == patient.id))
    await session.execute(delete(Patient).where(Patient.id == patient.id))
