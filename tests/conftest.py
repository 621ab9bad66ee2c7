"""Shared fixtures: a migrated SQLite database, the bundled content, a fake Telegram, a clock."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import asyncpg
import pytest
from sqlalchemy.engine import make_url
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


NO_POSTGRES = ("PostgreSQL tests need TEST_DATABASE_URL (.ci/run sets it when a server answers "
               "on 127.0.0.1:5432)")


@pytest.fixture(params=["sqlite", "postgresql"])
async def backend_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """A fresh, empty database on each backend: SQLite always, PostgreSQL when configured."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'backend.sqlite3'}"
        return
    server = os.environ.get("TEST_DATABASE_URL")
    if not server:
        pytest.skip(NO_POSTGRES)
    name = f"aftercare_test_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(make_url(server).set(drivername="postgresql")
                                  .render_as_string(hide_password=False))
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


@pytest.fixture
async def backend_sessions(backend_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    await upgrade_async(backend_url)
    engine = create_engine(backend_url)
    yield session_factory(engine)
    await engine.dispose()
