"""/status and /help: where the patient is in the recovery and what comes next."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Update
from telegram.ext import ContextTypes

from bot.handlers.common import long_date, patient_and_clinic, reply, when
from bot.services import Services, services
from messages.phrases import Html
from messages.planner import recovery_day
from storage import patients, schedule
from storage.models import Patient, PatientStatus


async def status_text(session: AsyncSession, svc: Services, patient: Patient) -> Html:
    phrases = svc.phrases(patient.language)
    treatment = await patients.current_treatment(session, patient)
    if treatment is None:
        return phrases("not_registered")
    now = svc.clock.now()
    day = recovery_day(treatment.treatment_date, now, ZoneInfo(patient.timezone))
    lines = [
        phrases("status_day", day=day, treatment_date=long_date(treatment.treatment_date))
        if day >= 0 else
        phrases("status_upcoming", treatment_date=long_date(treatment.treatment_date), days=-day)
    ]
    if patient.status is PatientStatus.PAUSED:
        lines.append(phrases("status_paused"))
    else:
        upcoming = await schedule.next_pending(session, treatment.id)
        if upcoming is None:
            lines.append(phrases("status_plan_complete"))
        else:
            protocol = svc.catalog.protocol(treatment.protocol, patient.language)
            title = protocol.message(upcoming.message_key).title
            lines.append(phrases("status_next", title=title, when=when(upcoming.due_at, patient)))
    return Html("\n".join(lines))


async def status(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
    assert update.effective_user is not None
    async with svc.sessions() as session:
        patient = await patients.by_telegram_user(session, update.effective_user.id)
        text = (svc.phrases()("not_registered") if patient is None
                or patient.status is PatientStatus.REGISTERING
                else await status_text(session, svc, patient))
    await reply(update, text)


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
    _, clinic = await patient_and_clinic(svc, update)
    await reply(update, svc.phrases()("help", clinic_name=clinic.name, clinic_phone=clinic.phone))
