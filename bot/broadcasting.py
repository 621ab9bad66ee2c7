"""Broadcast progress for the staff member who sent it: one message edited in place, then a
final report.

Edits are at most one every `EDIT_EVERY` seconds and never repeat the text already shown
(Telegram refuses an edit that changes nothing, and rate-limits frequent ones).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.sender import RecipientGone, Rejected, RetryLater, Sender
from messages.catalog import Catalog
from messages.phrases import Html, Phrases
from storage import broadcasts
from storage.models import Broadcast, BroadcastStatus

log = logging.getLogger(__name__)

EDIT_EVERY = 2.0


def progress_text(phrases: Phrases, broadcast: Broadcast, progress: broadcasts.Progress) -> Html:
    return phrases("broadcast_progress", number=broadcast.id, total=progress.total,
                   sent=progress.delivered, failed=progress.blocked + progress.failed,
                   remaining=progress.remaining)


def final_text(phrases: Phrases, broadcast: Broadcast, progress: broadcasts.Progress) -> Html:
    return phrases("broadcast_finished", number=broadcast.id, total=progress.total,
                   delivered=progress.delivered, blocked=progress.blocked,
                   failed=progress.failed)


class BroadcastReports:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], sender: Sender,
                 catalog: Catalog, *, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.sessions = sessions
        self.sender = sender
        self.phrases = catalog.phrasebook()
        self._monotonic = monotonic
        self._last_look = float("-inf")
        self._last_edit: dict[int, float] = {}
        self._busy = False

    async def report(self, now: datetime, *, final: bool = False) -> None:
        """Edit progress messages that changed; with `final`, close finished broadcasts."""
        if self._busy or (not final and self._monotonic() - self._last_look < EDIT_EVERY):
            return
        self._busy = True
        try:
            self._last_look = self._monotonic()
            async with self.sessions() as session:
                states = [(b, await broadcasts.progress(session, b))
                          for b in await broadcasts.in_progress(session)]
            for broadcast, progress in states:
                if progress.finished and final:
                    await self._finish(broadcast, progress, now)
                elif not progress.finished:
                    await self._show(broadcast, progress_text(self.phrases, broadcast, progress))
        except RetryLater as exc:
            log.info("broadcast progress not shown for now: %s", exc)
        finally:
            self._busy = False

    async def _show(self, broadcast: Broadcast, text: str, *, wait: bool = False) -> None:
        if broadcast.progress_chat_id is None or broadcast.progress_message_id is None:
            return
        if text == broadcast.progress_text:
            return
        # First sight: the Send button has just shown the starting figures.
        last = self._last_edit.setdefault(broadcast.id, self._monotonic())
        since = self._monotonic() - last
        if since < EDIT_EVERY:
            if not wait:
                return
            await asyncio.sleep(EDIT_EVERY - since)
        try:
            await self.sender.edit(broadcast.progress_chat_id, broadcast.progress_message_id, text)
        except (Rejected, RecipientGone) as exc:  # deleted by the staff member: fine
            log.info("broadcast %d progress message not editable: %s", broadcast.id, exc)
        self._last_edit[broadcast.id] = self._monotonic()
        async with self.sessions.begin() as session:
            stored = await session.get(Broadcast, broadcast.id)
            if stored is not None:
                stored.progress_text = text
        broadcast.progress_text = text

    async def _finish(self, broadcast: Broadcast, progress: broadcasts.Progress,
                      now: datetime) -> None:
        await self._show(broadcast, progress_text(self.phrases, broadcast, progress), wait=True)
        if broadcast.progress_chat_id is not None:
            try:
                await self.sender.send(broadcast.progress_chat_id,
                                       final_text(self.phrases, broadcast, progress))
            except (Rejected, RecipientGone) as exc:
                log.warning("broadcast %d report not delivered: %s", broadcast.id, exc)
        async with self.sessions.begin() as session:
            stored = await session.get(Broadcast, broadcast.id)
            if stored is not None:
                stored.status, stored.finished_at = BroadcastStatus.DONE, now
        self._last_edit.pop(broadcast.id, None)
        log.info("broadcast %d finished: %d delivered, %d blocked, %d failed", broadcast.id,
                 progress.delivered, progress.blocked, progress.failed)
