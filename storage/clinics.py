"""Clinics: the default one from the settings, the ones added with `aftercare-bot clinic add`,
and lookup by the code in a `/start` link."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Clinic

EDITABLE = ("name", "phone", "timezone", "address", "session_interval_days")


class ClinicExists(Exception):
    """A clinic with that code is already there."""


def normalise_code(code: str) -> str:
    return code.strip().upper()


async def by_code(session: AsyncSession, code: str) -> Clinic | None:
    return await session.scalar(select(Clinic).where(Clinic.code == normalise_code(code)))


async def all_clinics(session: AsyncSession) -> Sequence[Clinic]:
    return (await session.scalars(select(Clinic).order_by(Clinic.code))).all()


async def add_clinic(session: AsyncSession, *, code: str, name: str, phone: str, timezone: str,
                     address: str | None = None) -> Clinic:
    if await by_code(session, code) is not None:
        raise ClinicExists(normalise_code(code))
    clinic = Clinic(code=normalise_code(code), name=name, phone=phone, timezone=timezone,
                    address=address)
    session.add(clinic)
    await session.flush()
    return clinic


def edit_clinic(clinic: Clinic, **changes: object) -> list[str]:
    """Apply the given (not None) changes; returns the names of the fields that changed."""
    changed = []
    for name in EDITABLE:
        value = changes.get(name)
        if value is not None and getattr(clinic, name) != value:
            setattr(clinic, name, value)
            changed.append(name)
    return changed


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
