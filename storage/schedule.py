"""The message schedule: writing a plan, and the dispatcher's claim-send-record cycle.

A row moves pending -> sending -> sent (or failed, skipped, cancelled). `sending` is written
and committed before the request to Telegram, so a row can be claimed by one sender only, and
a crash mid-request leaves a trace instead of a silent resend.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, Result, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from storage.models import (
    MessageStatus,
    Patient,
    PatientStatus,
    ScheduledMessage,
    Treatment,
)

DONE = (MessageStatus.SENT, MessageStatus.SENDING)


def _rowcount(result: Result[Any]) -> int:
    """Rows an UPDATE touched (an UPDATE's result is a CursorResult)."""
    return cast(CursorResult[Any], result).rowcount or 0


@dataclass(frozen=True)
class PlanRow:
    """What storage needs of a planned message (the planner's output, without its words)."""

    key: str
    day: int
    due_at: datetime
    expires_at: datetime
    status: MessageStatus


async def write_plan(
    session: AsyncSession, treatment: Treatment, rows: Iterable[PlanRow], content_version: str
) -> None:
    """Make the treatment's schedule match the plan; messages already sent stay as they were."""
    existing = {
        row.message_key: row
        for row in await session.scalars(
            select(ScheduledMessage).where(ScheduledMessage.treatment_id == treatment.id)
        )
    }
    planned_keys = set()
    for planned in rows:
        planned_keys.add(planned.key)
        row = existing.get(planned.key)
        if row is None:
            row = ScheduledMessage(treatment=treatment, patient_id=treatment.patient_id,
                                   message_key=planned.key)
            session.add(row)
        elif row.status in DONE:
            continue
        row.day = planned.day
        row.content_version = content_version
        row.due_at = planned.due_at
        row.expires_at = planned.expires_at
        row.status = planned.status
        row.last_error = None
    for key, row in existing.items():
        if key not in planned_keys and row.status not in DONE:
            row.status = MessageStatus.CANCELLED
    await session.flush()


async def cancel_pending(session: AsyncSession, patient_id: int, reason: str, *,
                         treatment_id: int | None = None) -> int:
    """The patient's pending rows (only one treatment's plan, if given) are cancelled."""
    query = update(ScheduledMessage).where(ScheduledMessage.patient_id == patient_id,
                                           ScheduledMessage.status == MessageStatus.PENDING)
    if treatment_id is not None:
        query = query.where(ScheduledMessage.treatment_id == treatment_id)
    result = await session.execute(
        query.values(status=MessageStatus.CANCELLED, last_error=reason))
    return _rowcount(result)


async def next_pending(session: AsyncSession, treatment_id: int) -> ScheduledMessage | None:
    """The treatment's next planned message (broadcasts are not part of the plan)."""
    return await session.scalar(
        select(ScheduledMessage)
        .where(ScheduledMessage.treatment_id == treatment_id,
               ScheduledMessage.status == MessageStatus.PENDING)
        .order_by(ScheduledMessage.due_at)
        .limit(1)
    )


async def messages_of(session: AsyncSession, patient_id: int) -> Sequence[ScheduledMessage]:
    return (await session.scalars(
        select(ScheduledMessage)
        .where(ScheduledMessage.patient_id == patient_id)
        .order_by(ScheduledMessage.due_at)
    )).all()


async def skip_expired(session: AsyncSession, now: datetime) -> int:
    """Pending messages whose day is over are skipped: no flood of stale advice."""
    result = await session.execute(
        update(ScheduledMessage)
        .where(ScheduledMessage.status == MessageStatus.PENDING,
               ScheduledMessage.due_at <= now,
               ScheduledMessage.expires_at <= now)
        .values(status=MessageStatus.SKIPPED, last_error="its day was over before it was sent")
    )
    return _rowcount(result)


async def claim_due(session: AsyncSession, now: datetime, limit: int) -> list[int]:
    """Mark up to `limit` due rows of active patients as sending and return their ids."""
    due = (
        select(ScheduledMessage.id)
        .join(Patient, Patient.id == ScheduledMessage.patient_id)
        .where(ScheduledMessage.status == MessageStatus.PENDING,
               ScheduledMessage.due_at <= now,
               Patient.status == PatientStatus.ACTIVE)
        .order_by(ScheduledMessage.due_at)
        .limit(limit)
        .with_for_update(of=ScheduledMessage, skip_locked=True)
    )
    ids = list(await session.scalars(due))
    if not ids:
        return []
    claimed = await session.scalars(
        update(ScheduledMessage)
        .where(ScheduledMessage.id.in_(ids), ScheduledMessage.status == MessageStatus.PENDING)
        .values(status=MessageStatus.SENDING, claimed_at=now,
                attempts=ScheduledMessage.attempts + 1)
        .returning(ScheduledMessage.id)
    )
    return list(claimed)


async def load_for_sending(session: AsyncSession, ids: list[int]) -> Sequence[ScheduledMessage]:
    return (await session.scalars(
        select(ScheduledMessage)
        .where(ScheduledMessage.id.in_(ids))
        .options(joinedload(ScheduledMessage.patient), joinedload(ScheduledMessage.treatment),
                 joinedload(ScheduledMessage.broadcast))
        .order_by(ScheduledMessage.due_at, ScheduledMessage.id)
    )).unique().all()


async def record(session: AsyncSession, message_id: int, **values: object) -> None:
    await session.execute(
        update(ScheduledMessage).where(ScheduledMessage.id == message_id).values(**values)
    )


@dataclass(frozen=True)
class Delivery:
    """A claimed row Telegram accepted: its message id and the content version it showed."""

    row_id: int
    telegram_message_id: int
    content_version: str


async def record_sent(session: AsyncSession, deliveries: Sequence[Delivery],
                      sent_at: datetime) -> None:
    """Mark delivered rows sent, all in one statement: a transaction per message was most of
    the dispatcher's cost."""
    if deliveries:
        await session.execute(update(ScheduledMessage), [
            {"id": d.row_id, "status": MessageStatus.SENT, "sent_at": sent_at,
             "telegram_message_id": d.telegram_message_id, "last_error": None,
             "content_version": d.content_version}
            for d in deliveries])


async def release(session: AsyncSession, ids: Iterable[int]) -> None:
    """Claimed rows that were not attempted go back to pending, their attempt not counted."""
    await session.execute(
        update(ScheduledMessage)
        .where(ScheduledMessage.id.in_(list(ids)),
               ScheduledMessage.status == MessageStatus.SENDING)
        .values(status=MessageStatus.PENDING, attempts=ScheduledMessage.attempts - 1)
    )


async def cancel_claimed(session: AsyncSession, ids: Iterable[int], reason: str) -> None:
    """Claimed rows that will not be sent (their patient has just blocked the bot)."""
    await session.execute(
        update(ScheduledMessage)
        .where(ScheduledMessage.id.in_(list(ids)),
               ScheduledMessage.status == MessageStatus.SENDING)
        .values(status=MessageStatus.CANCELLED, last_error=reason)
    )


async def fail_interrupted(session: AsyncSession, claimed_before: datetime) -> int:
    """Rows left `sending` by a process that died mid-request.

    Telegram may have delivered them, and a patient must never get the same advice twice, so
    they are marked failed with the reason instead of being sent again.
    """
    result = await session.execute(
        update(ScheduledMessage)
        .where(ScheduledMessage.status == MessageStatus.SENDING,
               ScheduledMessage.claimed_at < claimed_before)
        .values(status=MessageStatus.FAILED,
                last_error="interrupted while sending; not resent to avoid a duplicate")
    )
    return _rowcount(result)
