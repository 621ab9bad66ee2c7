"""The content model: what a protocol file may contain, checked when it is loaded.

A clinic edits YAML, not Python, so every mistake it can make (a typo in a key, a missing
text, a placeholder that does not exist, a message Telegram would refuse) must surface at load
time as one clear sentence that names the file and the entry.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

KEY_PATTERN = r"^[a-z][a-z0-9_]*$"
TELEGRAM_TEXT_LIMIT = 4096


class Strict(BaseModel):
    """Unknown keys are errors: a misspelt key must not be silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    citation: str = Field(min_length=3)
    grade: Literal["A", "B", "C"]


class Setting(Strict):
    """A number a clinic may change (a day-window, an hour-window), with the range sources give."""

    value: int = Field(ge=0, le=400)
    unit: Literal["hours", "days"]
    range_seen: str | None = None
    sources: list[str] = Field(default_factory=list)


class Message(Strict):
    key: str = Field(pattern=KEY_PATTERN)
    day: int | str
    title: str = Field(min_length=3, max_length=80)
    text: str = Field(min_length=1)
    sources: list[str] = Field(min_length=1)
    # Within a course of sessions: `before_next` only while another session may follow
    # (booking reminders), `after_last` only once no further session is planned (maintenance).
    # Either is sent when the number of sessions is not known.
    series: Literal["before_next", "after_last"] | None = None

    @field_validator("text", "title")
    @classmethod
    def not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()


class Protocol(Strict):
    protocol: str = Field(pattern=KEY_PATTERN)
    language: str = Field(pattern=r"^[a-z]{2}$")
    content_version: str = Field(min_length=1)
    name: str
    sources: dict[str, Source]
    settings: dict[str, Setting]
    messages: list[Message] = Field(min_length=1)

    @field_validator("settings")
    @classmethod
    def setting_names(cls, value: dict[str, Setting]) -> dict[str, Setting]:
        for name in value:
            if not re.match(KEY_PATTERN, name):
                raise ValueError(f"setting name {name!r} must be lower_snake_case")
        return value

    @model_validator(mode="after")
    def cross_references(self) -> Protocol:
        seen: set[str] = set()
        for message in self.messages:
            where = f"message {message.key!r}"
            if message.key in seen:
                raise ValueError(f"{where}: duplicate key")
            seen.add(message.key)
            for source in message.sources:
                if source not in self.sources:
                    raise ValueError(f"{where}: unknown source {source!r}")
            self.day_of(message)  # raises on a bad day reference
        for name, setting in self.settings.items():
            for source in setting.sources:
                if source not in self.sources:
                    raise ValueError(f"setting {name!r}: unknown source {source!r}")
        return self

    def day_of(self, message: Message, overrides: Mapping[str, int] | None = None) -> int:
        """The recovery day a message is planned for; a name refers to a days-setting, which
        `overrides` (a clinic's own values) may replace."""
        if isinstance(message.day, int):
            day = message.day
        elif overrides and message.day in overrides:
            day = overrides[message.day]
        else:
            setting = self.settings.get(message.day)
            if setting is None:
                raise ValueError(f"message {message.key!r}: day {message.day!r} is not a setting")
            if setting.unit != "days":
                raise ValueError(
                    f"message {message.key!r}: day {message.day!r} is in {setting.unit}, not days"
                )
            day = setting.value
        if not 0 <= day <= 400:
            raise ValueError(f"message {message.key!r}: day {day} is outside 0..400")
        return day

    def message(self, key: str) -> Message:
        for message in self.messages:
            if message.key == key:
                return message
        raise KeyError(key)
