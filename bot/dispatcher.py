"""The one job that sends due messages: claim rows, send each, record what happened.

Called by a single repeating APScheduler job, and directly by tests with a chosen `now`.
All state is in the database, so a restart resumes where the last process stopped.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.alerting import StaffAlerts
from bot.broadcasting import BroadcastReports
from bot.pacing import Pacer
from bot.sender import RecipientGone, Rejected, RetryLater, Sender
from messages.catalog import Catalog
from messages.phrases import Html
from messages.render import Recipient, render
from storage import schedule
from storage.models import MessageStatus, PatientStatus, ScheduledMessage

log = logging.getLogger(__name__)

# A claimed batch is what a kill -9 can lose (never duplicate): claimed rows are marked
# `sending` before any is sent, the batch's deliveries are marked `sent` together when it
# ends, and rows found `sending` at the next start are failed rather than risk a second copy.
# Small batches keep that loss small; 8 chats are sent at a time.
BATCH_SIZE = 16
CONCURRENCY = 8
MAX_ATTEMPTS = 5
FIRST_BACKOFF = timedelta(seconds=30)


@dataclass
class TickReport:
    sent: int = 0
    skipped: int = 0
    failed: int = 0
    retrying: int = 0
    blocked_patients: list[int] = field(default_factory=list)


def compose(catalog: Catalog, row: ScheduledMessage) -> str:
    """The message as the patient sees it, rendered now from the current content."""
    patient = row.patient
    phrases = catalog.phrasebook(patient.language)
    if row.broadcast is not None:
        return phrases("broadcast_message", clinic_name=patient.clinic.name,
                       text=row.broadcast.text)
    treatment = row.treatment
    assert treatment is not None
    protocol = catalog.protocol(treatment.protocol, patient.language)
    message = protocol.message(row.message_key)
    recipient = Recipient(
        first_name=patient.first_name or "there",
        clinic_name=patient.clinic.name,
        clinic_phone=patient.clinic.phone,
        treatment_date=treatment.treatment_date,
    )
    body = render(protocol, message.text, recipient)
    return phrases("scheduled_message", day=row.day, title=message.title, text=Html(body))


class Dispatcher:
    """Sends what is due: staff alerts first, then plan and broadcast rows, paced.

    Rows of different chats go out concurrently (up to `concurrency` at once), a chat's own
    rows in order; the pacer keeps the whole under Telegram's limits.
    """

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        sender: Sender,
        catalog: Catalog,
        *,
        batch_size: int = BATCH_SIZE,
        concurrency: int = CONCURRENCY,
        pacer: Pacer | None = None,
        running: Callable[[], bool] = lambda: True,
    ) -> None:
        self.sessions = sessions
        self.sender = sender
        self.catalog = catalog
        self.batch_size = batch_size
        self.concurrency = concurrency
        self.pacer = pacer
        self.running = running  # False once the bot is stopping: unsent rows go back
        self.paused_until: datetime | None = None
        self.alerts = StaffAlerts(sessions, sender, catalog, pacer)
        self.broadcasts = BroadcastReports(sessions, sender, catalog)
        self._lock = asyncio.Lock()

    async def recover(self, now: datetime) -> int:
        """At start: rows a dead process left mid-send are failed, never sent twice."""
        async with self.sessions.begin() as session:
            count = await schedule.fail_interrupted(session, claimed_before=now)
        if count:
            log.warning("%d message(s) were interrupted mid-send by a previous stop; "
                        "marked failed rather than risk a duplicate", count)
        return count

    async def tick_safely(self, now: datetime) -> TickReport | None:
        """The scheduled job's tick: a database that is briefly locked or unreachable is logged
        in one line and tried again next tick, never a crash. (Only the error's type is
        logged: a database error's text can quote a patient's words.)"""
        try:
            return await self.tick(now)
        except (DBAPIError, OSError) as exc:
            cause = getattr(exc, "orig", None) or exc
            log.warning("dispatcher: database unavailable (%s); trying again next tick",
                        type(cause).__name__)
            return None

    async def tick(self, now: datetime) -> TickReport:
        """Send everything due at `now`, batch after batch, until nothing is due."""
        report = TickReport()
        if self.paused_until and now < self.paused_until:
            return report
        async with self._lock:
            try:
                await self.alerts.deliver(now)
            except RetryLater as exc:
                self._pause(now, exc)
                return report
            # Skipping the stale and the first claim share a transaction: an idle tick is
            # mostly transactions, not queries.
            async with self.sessions.begin() as session:
                report.skipped += await schedule.skip_expired(session, now)
                ids = (await schedule.claim_due(session, now, self.batch_size)
                       if self.running() else [])
            while (ids and await self._send_batch(ids, now, report)
                   and len(ids) == self.batch_size):
                async with self.sessions.begin() as session:
                    ids = await schedule.claim_due(session, now, self.batch_size)
            await self.broadcasts.report(now, final=True)
        if report.sent or report.failed or report.skipped:
            log.info("dispatch: %d sent, %d skipped, %d failed, %d to retry", report.sent,
                     report.skipped, report.failed, report.retrying)
        return report

    def _pause(self, now: datetime, exc: RetryLater) -> None:
        if exc.after is not None:
            self.paused_until = now + timedelta(seconds=exc.after)
            if self.pacer is not None:
                self.pacer.hold(exc.after)

    async def _send_batch(self, ids: list[int], now: datetime, report: TickReport) -> bool:
        """False when Telegram could not take more now: the unsent rows go back."""
        async with self.sessions() as session:
            rows = await schedule.load_for_sending(session, ids)
        by_chat: dict[int, list[ScheduledMessage]] = {}
        for row in rows:
            by_chat.setdefault(row.patient.chat_id, []).append(row)
        attempted: set[int] = set()
        delivered: list[schedule.Delivery] = []
        stopped: list[RetryLater] = []
        slots = asyncio.Semaphore(self.concurrency)

        async def send_chat(chat_id: int, chat_rows: list[ScheduledMessage]) -> None:
            async with slots:
                for row in chat_rows:
                    if (stopped or not self.running()
                            or row.patient_id in report.blocked_patients):
                        return
                    if self.pacer is not None:
                        await self.pacer.wait(chat_id)
                    if stopped:
                        return
                    attempted.add(row.id)
                    try:
                        await self._send_one(row, now, report, delivered)
                    except RetryLater as exc:
                        # Telegram is unreachable or asked for a pause: others would fare no
                        # better, so the rest waits.
                        stopped.append(exc)
                        self._pause(now, exc)
                        return
                    await self.broadcasts.report(now)

        try:
            await asyncio.gather(*(send_chat(chat, chat_rows)
                                   for chat, chat_rows in by_chat.items()))
        finally:
            # One transaction for the whole batch's deliveries, not one per message.
            if delivered:
                async with self.sessions.begin() as session:
                    await schedule.record_sent(session, delivered, sent_at=now)
        unsent = [row for row in rows if row.id not in attempted]
        if unsent:
            async with self.sessions.begin() as session:
                await schedule.release(session, [r.id for r in unsent
                                                 if r.patient_id not in report.blocked_patients])
                await schedule.cancel_claimed(
                    session, [r.id for r in unsent if r.patient_id in report.blocked_patients],
                    "patient blocked the bot")
        return not stopped and self.running()

    async def _send_one(self, row: ScheduledMessage, now: datetime, report: TickReport,
                        delivered: list[schedule.Delivery]) -> None:
        """Send one row; a delivery is added to `delivered` (recorded with the batch), any
        other outcome is recorded at once."""
        patient = row.patient
        try:
            text = compose(self.catalog, row)
        except KeyError:
            await self._finish(row, report, status=MessageStatus.CANCELLED,
                               last_error="the message is no longer in the content")
            return
        try:
            telegram_id = await self.sender.send(patient.chat_id, text)
        except RecipientGone as exc:
            async with self.sessions.begin() as session:
                await schedule.record(session, row.id, status=MessageStatus.BLOCKED,
                                      last_error=f"patient unreachable: {exc}")
                await schedule.cancel_pending(session, patient.id, "patient blocked the bot")
                stored = await session.get(type(patient), patient.id)
                if stored is not None:
                    stored.status = PatientStatus.BLOCKED
            report.failed += 1
            report.blocked_patients.append(patient.id)
            log.info("patient %d blocked the bot; their pending messages are cancelled",
                     patient.id)
        except Rejected as exc:
            await self._finish(row, report, status=MessageStatus.FAILED, last_error=str(exc))
            log.warning("message %s to patient %d refused by Telegram: %s", row.message_key,
                        patient.id, exc)
        except RetryLater as exc:
            await self._retry(row, now, report, exc)
            raise
        else:
            version = (row.content_version if row.treatment is None else
                       self.catalog.protocol(row.treatment.protocol,
                                             patient.language).content_version)
            delivered.append(schedule.Delivery(row.id, telegram_id, version))
            report.sent += 1

    async def _retry(self, row: ScheduledMessage, now: datetime, report: TickReport,
                     exc: RetryLater) -> None:
        wait = (timedelta(seconds=exc.after) if exc.after is not None
                else FIRST_BACKOFF * 2 ** (row.attempts - 1))
        if exc.after is None and row.attempts >= MAX_ATTEMPTS:
            await self._finish(row, report, status=MessageStatus.FAILED,
                               last_error=f"gave up after {row.attempts} attempts: {exc}")
            return
        async with self.sessions.begin() as session:
            await schedule.record(session, row.id, status=MessageStatus.PENDING,
                                  due_at=now + wait, last_error=str(exc))
        report.retrying += 1
        log.warning("sending %s to patient %d failed for now (%s); retry in %ss",
                    row.message_key, row.patient_id, exc, int(wait.total_seconds()))

    async def _finish(self, row: ScheduledMessage, report: TickReport, *,
                      status: MessageStatus, last_error: str) -> None:
        async with self.sessions.begin() as session:
            await schedule.record(session, row.id, status=status, last_error=last_error)
        if status is MessageStatus.FAILED:
            report.failed += 1
