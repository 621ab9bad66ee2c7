"""Settings from the environment and `.env` (see `.env.example` for each one explained)."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from messages.planner import DEFAULT_SEND_HOUR, check_send_hour
from messages.timezones import is_valid

BOTFATHER_HINT = (
    "TELEGRAM_BOT_TOKEN is not set: open Telegram, talk to @BotFather, send /newbot, "
    "and put the token it gives you in .env as TELEGRAM_BOT_TOKEN=..."
)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = None
    telegram_base_url: str = "https://api.telegram.org/bot"
    bot_username: str | None = None
    # Checked on every webhook request (Telegram's secret-token header); derived from the
    # token when not set, so all processes behind a load balancer agree.
    webhook_secret: SecretStr | None = None  # for `clinic link`; asked of Telegram when not set
    database_url: str = "sqlite:///aftercare.sqlite3"
    default_timezone: str = "Europe/London"
    clinic_code: str = "CLINIC"
    clinic_name: str = "your clinic"
    clinic_phone: str = "the number on your appointment card"
    default_send_hour: int = DEFAULT_SEND_HOUR
    dispatch_interval_seconds: float = Field(default=20, gt=0, le=3600)
    # Telegram allows about 30 messages a second overall; 0 means no pacing (benchmarks only).
    send_rate_per_second: float = Field(default=28, ge=0, le=1000)
    # A user's messages beyond this in one minute are dropped (one note); 0 turns it off.
    patient_messages_per_minute: int = Field(default=30, ge=0)
    log_level: str = "INFO"
    content_dir: Path | None = None

    @field_validator("default_timezone")
    @classmethod
    def known_timezone(cls, value: str) -> str:
        if not is_valid(value):
            raise ValueError(f"{value!r} is not an IANA time zone such as Europe/London")
        return value

    @field_validator("webhook_secret")
    @classmethod
    def secret_characters(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}",
                                                  value.get_secret_value()):
            raise ValueError("use 1-256 letters, digits, _ or - (Telegram's rule)")
        return value

    @field_validator("default_send_hour")
    @classmethod
    def allowed_hour(cls, value: int) -> int:
        return check_send_hour(value)

    @field_validator("log_level")
    @classmethod
    def upper_level(cls, value: str) -> str:
        return value.upper()
