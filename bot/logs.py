"""Logging set-up: the bot token never reaches a log line.

httpx logs every request URL at INFO, and Telegram URLs carry the token, so httpx is kept at
WARNING and a filter masks the token in anything that still gets through. Handlers log patient
ids and outcomes, never what a patient wrote.
"""

from __future__ import annotations

import logging

MASK = "<token>"


class RedactToken(logging.Filter):
    def __init__(self, secret: str) -> None:
        super().__init__()
        self.secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        if self.secret:
            message = record.getMessage()
            if self.secret in message:
                record.msg = message.replace(self.secret, MASK)
                record.args = None
        return True


class DropOverlapNotice(logging.Filter):
    """APScheduler warns each time a dispatcher run is skipped because the previous one (a
    long broadcast) is still sending; that is by design (max_instances=1), not a problem."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "maximum number of running instances reached" not in record.getMessage()


def setup_logging(level: str, token: str | None) -> None:
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", force=True
    )
    for noisy in ("httpx", "httpcore", "apscheduler", "aiosqlite"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    logging.getLogger("apscheduler.scheduler").addFilter(DropOverlapNotice())
    if token:
        redact = RedactToken(token)
        for handler in logging.getLogger().handlers:
            handler.addFilter(redact)
