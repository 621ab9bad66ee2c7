"""Stopping the bot while a job is running: it finishes, and nothing is cancelled or logged as
an error (a tick that fired while stopping used to be cancelled before it began)."""

from __future__ import annotations

import asyncio
import logging

import pytest
from telegram.ext import ApplicationBuilder, ContextTypes, JobQueue

from bot.app import DrainingJobQueue
from tests.bot_harness import TOKEN


async def stop_during_a_slow_job(queue: JobQueue,  # type: ignore[type-arg]
                                 caplog: pytest.LogCaptureFixture) -> list[str]:
    finished: list[str] = []

    async def slow(context: ContextTypes.DEFAULT_TYPE) -> None:
        await asyncio.sleep(0.05)
        finished.append("tick")

    application = ApplicationBuilder().token(TOKEN).job_queue(queue).build()
    assert application.job_queue is not None
    application.job_queue.set_application(application)
    application.job_queue.run_repeating(slow, interval=0.01, first=0,
                                        job_kwargs={"max_instances": 5})
    await application.job_queue.start()
    await asyncio.sleep(0.03)  # one tick running, more firing every 10 ms
    with caplog.at_level(logging.ERROR, logger="apscheduler"):
        await application.job_queue.stop()
    assert finished, "the running tick was waited for"
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


async def test_stopping_waits_for_running_jobs_and_starts_no_new_one(
        caplog: pytest.LogCaptureFixture) -> None:
    assert await stop_during_a_slow_job(DrainingJobQueue(), caplog) == []
