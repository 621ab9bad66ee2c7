"""Questions patients asked, their ratings, and the alerts warning signs raise."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Alert, Outcome, Patient, Question, Urgency, Vote

MAX_STORED_TEXT = 4096


async def record(
    session: AsyncSession, patient: Patient, *, text: str, asked_at: datetime,
    recovery_day: int | None, topic: str | None, score: float, urgency: Urgency,
    outcome: Outcome, reason: str | None = None,
) -> Question:
    """Store the question; a warning sign also opens an alert for the clinic."""
    question = Question(
        patient_id=patient.id, clinic_id=patient.clinic_id, asked_at=asked_at,
        text=text[:MAX_STORED_TEXT], recovery_day=recovery_day, topic=topic, score=score,
        urgency=urgency, outcome=outcome,
    )
    session.add(question)
    await session.flush()
    if urgency is not Urgency.NONE:
        session.add(Alert(question_id=question.id, patient_id=patient.id,
                          clinic_id=patient.clinic_id, level=urgency,
                          reason=(reason or "")[:120] or None, created_at=asked_at))
        await session.flush()
    return question


async def owned(session: AsyncSession, question_id: int, patient: Patient) -> Question | None:
    """The question, only if it is this patient's: a button never acts on someone else's."""
    return await session.scalar(
        select(Question).where(Question.id == question_id, Question.patient_id == patient.id)
    )


def set_vote(question: Question, vote: Vote, at: datetime) -> None:
    question.vote = vote
    question.voted_at = at


async def unanswered(session: AsyncSession, clinic_id: int, limit: int = 10) -> Sequence[Question]:
    """The clinic's latest questions the bot could not answer: candidates for the FAQ."""
    return (await session.scalars(
        select(Question).where(Question.clinic_id == clinic_id,
                               Question.outcome == Outcome.UNANSWERED)
        .order_by(Question.asked_at.desc()).limit(limit)
    )).all()
