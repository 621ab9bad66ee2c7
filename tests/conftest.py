"""Shared fixtures: a migrated SQLite database, the bundled content, a fake Telegram, a clock."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from messages.catalog import Catalog, load_catalog
from storage.db import create_engine, session_factory
from storage.migrate import upgrade_async
from tests.bot_harness import FixedClock, settings_for
from tests.fake_telegram import FakeTelegram


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    """A fake Bot API server on 127.0.0.1, for tests that run the real application."""
    with FakeTelegram() as server:
        yield server


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 22, 14, 0, tzinfo=ZoneInfo("Europe/London")))


@pytest.fixture
def settings(fake: FakeTelegram, database_url: str) -> Settings:
    return settings_for(fake, database_url)


@pytest.fixture
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'aftercare.sqlite3'}"


@pytest.fixture
async def sessions(database_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    await upgrade_async(database_url)
    engine = create_engine(database_url)
    yield session_factory(engine)
    await engine.dispose()
