"""Clinic staff: who they are, one-time invites, and where a clinic's alerts go."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Clinic, StaffInvite, StaffMember

INVITE_VALID = timedelta(days=7)
# No 0/O or 1/I/L: the code is read off a screen and typed.
INVITE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
INVITE_LENGTH = 10


class AlreadyStaff(Exception):
    """This Telegram user is staff of a clinic already (a user is staff of one clinic)."""

    def __init__(self, clinic: Clinic) -> None:
        super().__init__(clinic.code)
        self.clinic = clinic


async def member(session: AsyncSession, telegram_user_id: int) -> StaffMember | None:
    return await session.scalar(
        select(StaffMember).where(StaffMember.telegram_user_id == telegram_user_id))


async def add_member(session: AsyncSession, clinic: Clinic, telegram_user_id: int,
                     now: datetime) -> StaffMember:
    existing = await member(session, telegram_user_id)
    if existing is not None:
        if existing.clinic_id == clinic.id:
            return existing
        raise AlreadyStaff(existing.clinic)
    added = StaffMember(clinic=clinic, telegram_user_id=telegram_user_id, added_at=now)
    session.add(added)
    await session.flush()
    return added


async def remove_member(session: AsyncSession, telegram_user_id: int) -> bool:
    result = await session.execute(
        delete(StaffMember).where(StaffMember.telegram_user_id == telegram_user_id))
    return bool(getattr(result, "rowcount", 0))


async def members(session: AsyncSession, clinic: Clinic | None = None) -> Sequence[StaffMember]:
    query = select(StaffMember).order_by(StaffMember.clinic_id, StaffMember.added_at)
    if clinic is not None:
        query = query.where(StaffMember.clinic_id == clinic.id)
    return (await session.scalars(query)).all()


async def create_invite(session: AsyncSession, clinic: Clinic, now: datetime) -> StaffInvite:
    code = "".join(secrets.choice(INVITE_ALPHABET) for _ in range(INVITE_LENGTH))
    invite = StaffInvite(clinic_id=clinic.id, code=code, created_at=now,
                         expires_at=now + INVITE_VALID)
    session.add(invite)
    await session.flush()
    return invite


async def redeem_invite(session: AsyncSession, code: str, telegram_user_id: int,
                        now: datetime) -> StaffMember | None:
    """Staff membership for a valid, unused invite; None for any other code (no hints why)."""
    invite = await session.scalar(
        select(StaffInvite).where(StaffInvite.code == code.strip().upper()).with_for_update())
    if invite is None or invite.used_at is not None or invite.expires_at <= now:
        return None
    clinic = await session.get(Clinic, invite.clinic_id)
    assert clinic is not None
    added = await add_member(session, clinic, telegram_user_id, now)
    invite.used_at, invite.used_by = now, telegram_user_id
    return added


async def alert_chats(session: AsyncSession, clinic: Clinic) -> list[int]:
    """Where a clinic's alerts go: each staff member's private chat and the staff group."""
    chats = [m.telegram_user_id for m in await members(session, clinic)]
    if clinic.staff_chat_id is not None:
        chats.append(clinic.staff_chat_id)
    return chats
