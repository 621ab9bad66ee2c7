"""Alerts for clinic staff: which still have to be delivered, which are open, handling one."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from storage.models import Alert, AlertStatus, Clinic, Patient, Question

# Alerts older than this are not pushed to staff who join later; /alerts still lists them.
PUSH_WITHIN = timedelta(days=7)
LIST_LIMIT = 20


async def undelivered(session: AsyncSession, now: datetime, limit: int = 50) -> Sequence[Alert]:
    return (await session.scalars(
        select(Alert)
        .where(Alert.notified_at.is_(None), Alert.status == AlertStatus.OPEN,
               Alert.created_at >= now - PUSH_WITHIN)
        .order_by(Alert.created_at).limit(limit)
    )).all()


async def details(session: AsyncSession, alert: Alert) -> tuple[Patient, Question, Clinic]:
    patient = await session.get(Patient, alert.patient_id)
    question = await session.get(Question, alert.question_id)
    clinic = await session.get(Clinic, alert.clinic_id)
    assert patient is not None and question is not None and clinic is not None
    return patient, question, clinic


async def open_alerts(session: AsyncSession, clinic: Clinic) -> Sequence[Alert]:
    return (await session.scalars(
        select(Alert).where(Alert.clinic_id == clinic.id, Alert.status == AlertStatus.OPEN)
        .order_by(Alert.created_at.desc()).limit(LIST_LIMIT)
    )).all()


async def of_clinic(session: AsyncSession, alert_id: int, clinic_id: int) -> Alert | None:
    """The alert only if it is this clinic's: staff never act on another clinic's patients."""
    return await session.scalar(
        select(Alert).options(joinedload(Alert.patient))
        .where(Alert.id == alert_id, Alert.clinic_id == clinic_id))


def handle(alert: Alert, by: int, now: datetime) -> bool:
    """Mark handled; False when someone already did."""
    if alert.status is AlertStatus.HANDLED:
        return False
    alert.status, alert.handled_by, alert.handled_at = AlertStatus.HANDLED, by, now
    return True
