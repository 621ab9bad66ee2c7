"""Clinics: the default one from the settings, and lookup by the code in a `/start` link."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Clinic


def normalise_code(code: str) -> str:
    return code.strip().upper()


async def by_code(session: AsyncSession, code: str) -> Clinic | None:
    return await session.scalar(select(Clinic).where(Clinic.code == normalise_code(code)))


async def ensure_clinic(
    session: AsyncSession, *, code: str, name: str, phone: str, timezone: str
) -> Clinic:
    """The clinic with this code, created or brought in line with the given details."""
    clinic = await by_code(session, code)
    if clinic is None:
        clinic = Clinic(code=normalise_code(code), name=name, phone=phone, timezone=timezone)
        session.add(clinic)
    else:
        clinic.name, clinic.phone, clinic.timezone = name, phone, timezone
    await session.flush()
    return clinic
