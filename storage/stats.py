"""A clinic's figures: patients, deliveries, questions and alerts, counted in the database."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    Alert,
    AlertStatus,
    Clinic,
    MessageStatus,
    Outcome,
    Patient,
    PatientStatus,
    Question,
    ScheduledMessage,
    Vote,
)

PERIODS = (7, 30)


@dataclass
class Figures:
    patients: dict[str, int] = field(default_factory=dict)
    delivered: dict[int, int] = field(default_factory=dict)  # days -> messages
    failed: dict[int, int] = field(default_factory=dict)
    questions: dict[str, int] = field(default_factory=dict)
    votes: dict[str, int] = field(default_factory=dict)
    alerts: dict[str, int] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("delivered", "failed"):
            data[key] = {f"last_{days}_days": n for days, n in data[key].items()}
        return data


async def _grouped(session: AsyncSession, column: Any, *where: Any) -> dict[str, int]:
    rows = (await session.execute(select(column, func.count()).where(*where)
                                  .group_by(column))).all()
    return {str(value): count for value, count in rows if value is not None}


async def clinic_figures(session: AsyncSession, clinic: Clinic, now: datetime) -> Figures:
    figures = Figures()
    by_status = await _grouped(session, Patient.status, Patient.clinic_id == clinic.id)
    figures.patients = {status.value: by_status.get(status.value, 0)
                        for status in PatientStatus}
    for days in PERIODS:
        since = now - timedelta(days=days)
        mine = (ScheduledMessage.patient_id == Patient.id, Patient.clinic_id == clinic.id)
        figures.delivered[days] = await session.scalar(
            select(func.count()).select_from(ScheduledMessage).join(Patient, mine[0])
            .where(mine[1], ScheduledMessage.status == MessageStatus.SENT,
                   ScheduledMessage.sent_at >= since)) or 0
        figures.failed[days] = await session.scalar(
            select(func.count()).select_from(ScheduledMessage).join(Patient, mine[0])
            .where(mine[1],
                   ScheduledMessage.status.in_([MessageStatus.FAILED, MessageStatus.BLOCKED]),
                   ScheduledMessage.claimed_at >= since)) or 0
    outcomes = await _grouped(session, Question.outcome, Question.clinic_id == clinic.id)
    figures.questions = {
        "answered": outcomes.get(Outcome.ANSWERED.value, 0)
        + outcomes.get(Outcome.AMBIGUOUS.value, 0),
        "unanswered": outcomes.get(Outcome.UNANSWERED.value, 0),
        "escalated": outcomes.get(Outcome.ESCALATED.value, 0),
    }
    votes = await _grouped(session, Question.vote, Question.clinic_id == clinic.id)
    figures.votes = {vote.value: votes.get(vote.value, 0) for vote in Vote}
    alerts = await _grouped(session, Alert.status, Alert.clinic_id == clinic.id)
    figures.alerts = {status.value: alerts.get(status.value, 0) for status in AlertStatus}
    return figures
