"""Broadcasts: choosing the audience, queueing one row per patient, and counting outcomes.

A queued broadcast is ordinary `scheduled_message` rows, so the dispatcher that sends the
day-by-day plan sends it too: the same claim, pacing, retries and restart safety.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    Audience,
    Broadcast,
    BroadcastStatus,
    Clinic,
    MessageStatus,
    Patient,
    PatientStatus,
    ScheduledMessage,
    Treatment,
)

RECOVERY_DAYS = 14
DUE_WINDOW_DAYS = 7  # "due" starts this many days before the next session's date
VALID_FOR = timedelta(days=2)  # a broadcast row not sent by then is skipped
KEY = "broadcast"


@dataclass(frozen=True)
class Progress:
    total: int
    delivered: int
    blocked: int
    failed: int
    remaining: int

    @property
    def finished(self) -> bool:
        return self.remaining == 0


def audience_query(clinic: Clinic, audience: Audience, today: date) -> Select[Any]:
    """Ids of the clinic's patients in the audience; only active patients ever receive one."""
    query = select(Patient.id).where(Patient.clinic_id == clinic.id,
                                     Patient.status == PatientStatus.ACTIVE)
    if audience is Audience.ACTIVE:
        return query
    latest = (select(Treatment.patient_id, func.max(Treatment.id).label("treatment_id"))
              .group_by(Treatment.patient_id).subquery())
    query = (query.join(latest, latest.c.patient_id == Patient.id)
             .join(Treatment, Treatment.id == latest.c.treatment_id))
    if audience is Audience.RECOVERY:
        return query.where(Treatment.treatment_date >= today - timedelta(days=RECOVERY_DAYS),
                           Treatment.treatment_date <= today)
    due_by = today - timedelta(days=clinic.session_interval_days - DUE_WINDOW_DAYS)
    return query.where(
        Treatment.treatment_date <= due_by,
        (Patient.sessions_planned.is_(None))
        | (Patient.sessions_planned > Treatment.session_number))


async def audience_size(session: AsyncSession, clinic: Clinic, audience: Audience,
                        today: date) -> int:
    subquery = audience_query(clinic, audience, today).subquery()
    return await session.scalar(select(func.count()).select_from(subquery)) or 0


async def create(session: AsyncSession, clinic: Clinic, text: str, *, audience: Audience,
                 created_by: int | None, now: datetime) -> Broadcast:
    broadcast = Broadcast(clinic_id=clinic.id, text=text, audience=audience,
                          created_by=created_by, created_at=now)
    session.add(broadcast)
    await session.flush()
    return broadcast


async def get(session: AsyncSession, broadcast_id: int) -> Broadcast | None:
    return await session.get(Broadcast, broadcast_id)


async def queue(session: AsyncSession, broadcast: Broadcast, *, send_at: datetime,
                today: date) -> bool:
    """Draft -> queued with one pending row per patient, in one transaction.

    False when the broadcast is no longer a draft (a second press of Send): nothing is
    written twice."""
    moved = await session.execute(
        update(Broadcast).where(Broadcast.id == broadcast.id,
                                Broadcast.status == BroadcastStatus.DRAFT)
        .values(status=BroadcastStatus.QUEUED, send_at=send_at))
    if not getattr(moved, "rowcount", 0):
        return False
    patient_ids = list(await session.scalars(
        audience_query(broadcast.clinic, broadcast.audience, today)))
    if patient_ids:
        await session.execute(insert(ScheduledMessage), [
            {"broadcast_id": broadcast.id, "patient_id": patient_id, "message_key": KEY,
             "content_version": KEY, "due_at": send_at, "expires_at": send_at + VALID_FOR,
             "status": MessageStatus.PENDING, "attempts": 0}
            for patient_id in patient_ids
        ])
    await session.execute(update(Broadcast).where(Broadcast.id == broadcast.id)
                          .values(total=len(patient_ids)))
    await session.refresh(broadcast)
    return True


async def cancel(session: AsyncSession, broadcast: Broadcast) -> bool:
    moved = await session.execute(
        update(Broadcast).where(Broadcast.id == broadcast.id,
                                Broadcast.status == BroadcastStatus.DRAFT)
        .values(status=BroadcastStatus.CANCELLED))
    return bool(getattr(moved, "rowcount", 0))


async def progress(session: AsyncSession, broadcast: Broadcast) -> Progress:
    counts: dict[MessageStatus, int] = dict((await session.execute(  # type: ignore[arg-type]
        select(ScheduledMessage.status, func.count())
        .where(ScheduledMessage.broadcast_id == broadcast.id)
        .group_by(ScheduledMessage.status))).all())
    remaining = counts.get(MessageStatus.PENDING, 0) + counts.get(MessageStatus.SENDING, 0)
    delivered = counts.get(MessageStatus.SENT, 0)
    blocked = counts.get(MessageStatus.BLOCKED, 0)
    total = sum(counts.values())
    return Progress(total=total, delivered=delivered, blocked=blocked,
                    failed=total - remaining - delivered - blocked, remaining=remaining)


async def in_progress(session: AsyncSession) -> Sequence[Broadcast]:
    """Queued broadcasts whose rows are being sent or all done, not yet reported finished."""
    return (await session.scalars(
        select(Broadcast).where(Broadcast.status == BroadcastStatus.QUEUED)
        .order_by(Broadcast.id))).all()
