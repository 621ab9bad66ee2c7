"""What happens to a patient's plan, as plain functions the handlers call.

Each function takes an open session and `now`, asks `messages` for the plan and words and
`storage` for the rows, and leaves committing to the caller, so one handler is one transaction.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from messages.catalog import DEFAULT_PROTOCOL, Catalog
from messages.phrases import Html, Phrases
from messages.planner import PlannedMessage, plan, recovery_day
from messages.render import short_date
from storage import patients, schedule
from storage.models import MessageStatus, Patient, PatientStatus, Treatment

OVERVIEW_LINES = 7


async def replan(
    session: AsyncSession, catalog: Catalog, patient: Patient, treatment: Treatment,
    now: datetime, *, reply_now: bool,
) -> list[PlannedMessage]:
    """Plan the treatment again from `now` and write it; sent messages are kept as they are."""
    protocol = catalog.protocol(treatment.protocol, patient.language)
    sessions_left = (None if patient.sessions_planned is None
                     else max(patient.sessions_planned - treatment.session_number, 0))
    planned = plan(protocol, treatment.treatment_date, ZoneInfo(patient.timezone),
                   patient.send_hour, now, reply_now=reply_now, sessions_left=sessions_left,
                   session_interval_days=patient.clinic.session_interval_days)
    rows = [
        schedule.PlanRow(key=p.key, day=p.day, due_at=p.due_utc, expires_at=p.expires_utc,
                         status=MessageStatus(p.status))
        for p in planned
    ]
    await schedule.write_plan(session, treatment, rows, protocol.content_version)
    return planned


async def register_treatment(
    session: AsyncSession, catalog: Catalog, patient: Patient, treatment_date: date,
    now: datetime,
) -> list[PlannedMessage]:
    """The treatment and its whole schedule, written together."""
    treatment = Treatment(patient=patient, protocol=DEFAULT_PROTOCOL,
                          treatment_date=treatment_date, session_number=1)
    session.add(treatment)
    await session.flush()
    patient.status = PatientStatus.ACTIVE
    patient.step = None
    patient.pending_date = None
    return await replan(session, catalog, patient, treatment, now, reply_now=True)


async def change_date(
    session: AsyncSession, catalog: Catalog, patient: Patient, new_date: date, now: datetime
) -> list[PlannedMessage]:
    treatment = await patients.current_treatment(session, patient)
    if treatment is None:
        return await register_treatment(session, catalog, patient, new_date, now)
    treatment.treatment_date = new_date
    patient.step = None
    return await replan(session, catalog, patient, treatment, now, reply_now=True)


async def record_session(
    session: AsyncSession, catalog: Catalog, patient: Patient, session_date: date,
    now: datetime,
) -> tuple[Treatment, list[PlannedMessage]]:
    """The next session of the course: what was left of the previous plan is superseded, so
    no advice arrives twice, and the new session's plan starts."""
    previous = await patients.current_treatment(session, patient)
    number = previous.session_number + 1 if previous else 1
    if previous is not None:
        await schedule.cancel_pending(session, patient.id, f"superseded by session {number}",
                                      treatment_id=previous.id)
    treatment = Treatment(patient=patient, protocol=previous.protocol if previous
                          else DEFAULT_PROTOCOL, treatment_date=session_date,
                          session_number=number)
    session.add(treatment)
    await session.flush()
    patient.status = PatientStatus.ACTIVE
    patient.step = None
    if patient.sessions_planned is not None and patient.sessions_planned < number:
        patient.sessions_planned = number  # more sessions than first planned
    planned = await replan(session, catalog, patient, treatment, now, reply_now=True)
    return treatment, planned


async def change_timing(
    session: AsyncSession, catalog: Catalog, patient: Patient, now: datetime
) -> None:
    """After a new send hour or time zone: pending messages move, nothing is sent now."""
    treatment = await patients.current_treatment(session, patient)
    if treatment is not None and patient.status is PatientStatus.ACTIVE:
        await replan(session, catalog, patient, treatment, now, reply_now=False)


async def reactivate(
    session: AsyncSession, catalog: Catalog, patient: Patient, now: datetime
) -> None:
    """Back from pause, stop or a block: the plan continues from today."""
    patient.status = PatientStatus.ACTIVE
    treatment = await patients.current_treatment(session, patient)
    if treatment is not None:
        await replan(session, catalog, patient, treatment, now, reply_now=True)


async def stop(session: AsyncSession, patient: Patient) -> None:
    patient.status = PatientStatus.STOPPED
    patient.step = None
    await schedule.cancel_pending(session, patient.id, "patient opted out with /stop")


def day_line(phrases: Phrases, treatment_date: date, now: datetime, zone: ZoneInfo) -> Html:
    day = recovery_day(treatment_date, now, zone)
    if day < 0:
        return phrases("day_line_future", days=-day)
    return phrases("day_line_today", day=day)


def overview(phrases: Phrases, planned: list[PlannedMessage]) -> Html:
    """The next few messages as a short list, so the patient knows what is coming."""
    upcoming = [p for p in planned if p.status == "pending"][:OVERVIEW_LINES]
    return Html("\n".join(
        phrases("overview_line", date=short_date(p.local_time.date()), title=p.title)
        for p in upcoming
    ))
