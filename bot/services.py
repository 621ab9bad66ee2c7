"""Long-lived services, created once in `post_init` and closed in `post_shutdown`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from telegram.ext import CallbackContext

from bot.clock import Clock
from bot.config import Settings
from bot.dispatcher import Dispatcher
from bot.throttling import Throttle
from messages.answering import Answerer
from messages.catalog import Catalog
from messages.phrases import Phrases
from storage.models import Clinic

KEY = "services"


@dataclass
class Services:
    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    catalog: Catalog
    clock: Clock
    dispatcher: Dispatcher
    answerer: Answerer
    default_clinic: Clinic
    throttle: Throttle | None = None

    def phrases(self, language: str = "en") -> Phrases:
        return self.catalog.phrasebook(language)


def services(context: CallbackContext[Any, Any, Any, Any]) -> Services:
    found: Services = context.application.bot_data[KEY]
    return found
