"""Storage: the migration matches the models, URLs map to async drivers, due rows use the index."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from storage.db import async_url, create_engine
from storage.migrate import upgrade, upgrade_async
from storage.models import Base


async def test_migrations_build_exactly_the_models(backend_url: str) -> None:
    await upgrade_async(backend_url)
    await upgrade_async(backend_url)  # a second run is a no-op
    engine = create_engine(backend_url)
    try:
        async with engine.connect() as connection:
            differences = await connection.run_sync(lambda sync: compare_metadata(
                MigrationContext.configure(sync), Base.metadata))
    finally:
        await engine.dispose()
    assert differences == []


@pytest.mark.parametrize(("query", "index"), [
    ("select id from scheduled_message where status = 'pending' and due_at <= "
     "'2026-11-22 10:00' order by due_at limit 50", "ix_scheduled_message_due"),  # each tick
    ("update scheduled_message set status = 'failed' where status = 'sending' and "
     "claimed_at < '2026-11-22 10:00'", "ix_scheduled_message_sending"),  # each start
])
def test_the_schedule_is_searched_through_its_partial_indexes(tmp_path: Path, query: str,
                                                              index: str) -> None:
    """A tick and a start read a handful of rows, not the whole history."""
    database = tmp_path / "i.sqlite3"
    upgrade(f"sqlite:///{database}")
    plan = sqlite3.connect(database).execute(f"explain query plan {query}").fetchall()
    assert f"USING INDEX {index}" in str(plan)


def test_plain_urls_get_async_drivers() -> None:
    assert async_url("sqlite:///a.db") == "sqlite+aiosqlite:///a.db"
    assert async_url("postgresql://u:p@h:5432/d") == "postgresql+asyncpg://u:p@h:5432/d"
    assert async_url("postgres://u@h/d") == "postgresql+asyncpg://u@h/d"
    assert async_url("sqlite+aiosqlite:///b.db") == "sqlite+aiosqlite:///b.db"
