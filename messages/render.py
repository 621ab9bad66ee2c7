"""Turning a content text into the HTML a patient receives.

Content texts are Telegram HTML written by the clinic; the values poured into them (clinic name,
the patient's first name) come from outside and are escaped here, in one place. Placeholders:
`{setting_name}` gives a setting's number, `{until:setting_name}` the date a days-window ends
for this patient, and the names in `PATIENT_FIELDS` the patient's and clinic's details.
"""

from __future__ import annotations

import html
import re
import string
from dataclasses import dataclass
from datetime import date, timedelta
from html.parser import HTMLParser
from typing import Any

from messages.model import Protocol

PATIENT_FIELDS = ("clinic_name", "clinic_phone", "first_name")
UNTIL = "until"
# Telegram's HTML subset (https://core.telegram.org/bots/api#html-style).
TELEGRAM_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del",
    "a", "code", "pre", "tg-spoiler", "span", "blockquote", "tg-emoji",
}


BARE_LT = re.compile(r"<(?![a-zA-Z/])")
BARE_AMP = re.compile(r"&(?!(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);)")


@dataclass(frozen=True)
class Recipient:
    """Who a message is rendered for; every field is escaped before it reaches the text."""

    first_name: str
    clinic_name: str
    clinic_phone: str
    treatment_date: date


def short_date(value: date) -> str:
    """A date the way a patient reads it in a chat: 'Sat 29 Nov'."""
    return f"{value:%a} {value.day} {value:%b}"


def placeholders(text: str) -> list[tuple[str, str]]:
    """Every (field, format spec) pair the text refers to."""
    return [
        (field, spec or "")
        for _, field, spec, _ in string.Formatter().parse(text)
        if field is not None
    ]


def placeholder_problems(protocol: Protocol, text: str) -> list[str]:
    """What is wrong with a text's placeholders, as sentences; empty when all is well."""
    problems = []
    try:
        found = placeholders(text)
    except ValueError as exc:  # a lone brace
        return [f"broken placeholder: {exc} (write {{{{ or }}}} for a literal brace)"]
    for field, spec in found:
        if field == UNTIL:
            setting = protocol.settings.get(spec)
            if setting is None or setting.unit != "days":
                problems.append(f"{{until:{spec}}} needs the name of a days-setting")
        elif spec:
            problems.append(f"placeholder {{{field}:{spec}}} takes no format")
        elif field not in protocol.settings and field not in PATIENT_FIELDS:
            known = ", ".join(sorted([*protocol.settings, *PATIENT_FIELDS]))
            problems.append(f"unknown placeholder {{{field}}} (known: {known})")
    return problems


class _Formatter(string.Formatter):
    def __init__(self, protocol: Protocol, recipient: Recipient) -> None:
        self.protocol = protocol
        self.recipient = recipient

    def get_value(self, key: Any, args: Any, kwargs: Any) -> Any:
        if key == UNTIL:
            return key
        if key in PATIENT_FIELDS:
            return html.escape(str(getattr(self.recipient, key)), quote=False)
        return self.protocol.settings[key].value

    def format_field(self, value: Any, format_spec: str) -> str:
        if value == UNTIL:
            days = self.protocol.settings[format_spec].value
            return short_date(self.recipient.treatment_date + timedelta(days=days))
        return str(value)


def render(protocol: Protocol, text: str, recipient: Recipient) -> str:
    return _Formatter(protocol, recipient).format(text)


class _TagChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.open: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TELEGRAM_TAGS:
            self.problems.append(f"tag <{tag}> is not allowed by Telegram")
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"closing </{tag}> does not match an open tag")
            return
        self.open.pop()

    def handle_entityref(self, name: str) -> None:
        if name not in {"lt", "gt", "amp", "quot"}:
            self.problems.append(f"entity &{name}; is not one Telegram knows")


def html_problems(text: str) -> list[str]:
    """Markup Telegram would reject with "can't parse entities"."""
    checker = _TagChecker()
    checker.feed(text)
    checker.close()
    if BARE_LT.search(text):
        checker.problems.append("a bare '<' (write &lt;)")
    if BARE_AMP.search(text):
        checker.problems.append("a bare '&' (write &amp;)")
    checker.problems.extend(f"tag <{tag}> is never closed" for tag in checker.open)
    return checker.problems


def plain_text(text: str) -> str:
    """What a reader sees of Telegram HTML: tags removed, entities decoded."""
    stripped = []

    class _Text(HTMLParser):
        def handle_data(self, data: str) -> None:
            stripped.append(data)

    parser = _Text(convert_charrefs=True)
    parser.feed(text)
    parser.close()
    return "".join(stripped)


def visible_length(text: str) -> int:
    """Length Telegram counts."""
    return len(plain_text(text))
