"""Loading and validating the content files under `messages/content/`.

Files are named `<protocol>.<language>.yaml` (the plan a patient follows) and
`phrases.<language>.yaml` (what the bot says around it). A clinic can point
`CONTENT_DIR` at its own copy to override them; the same checks apply.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from messages.model import TELEGRAM_TEXT_LIMIT, Protocol
from messages.phrases import Phrases
from messages.render import (
    Recipient,
    html_problems,
    placeholder_problems,
    render,
    visible_length,
)

BUNDLED_CONTENT = Path(__file__).parent / "content"
DEFAULT_PROTOCOL = "microneedling"
DEFAULT_LANGUAGE = "en"

# Longest values a text can receive: Telegram caps first names at 64 characters.
WORST_CASE = Recipient(
    first_name="W" * 64,
    clinic_name="W" * 120,
    clinic_phone="+" + "9" * 30,
    treatment_date=date(2026, 12, 31),
)


class ContentError(ValueError):
    """A content file is wrong; the message names the file and the entry."""


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ContentError(f"{path}: not valid YAML: {exc}") from exc


def _describe(data: Any, loc: tuple[int | str, ...]) -> str:
    """'messages[3] (day3_peeling).text' for a pydantic error location."""
    parts: list[str] = []
    node = data
    for step in loc:
        if isinstance(step, int):
            label = f"[{step}]"
            try:
                node = node[step]
                if isinstance(node, dict) and "key" in node:
                    label += f" ({node['key']})"
            except (IndexError, KeyError, TypeError):
                node = None
            parts.append(label)
        else:
            parts.append(f".{step}" if parts else str(step))
            node = node.get(step) if isinstance(node, dict) else None
    return "".join(parts) or "file"


def _validation_error(path: Path, data: Any, exc: ValidationError) -> ContentError:
    lines = [
        f"{path}: {_describe(data, tuple(err['loc']))}: {err['msg'].removeprefix('Value error, ')}"
        for err in exc.errors()
    ]
    return ContentError("\n".join(lines))


def load_protocol(path: Path) -> Protocol:
    data = _read_yaml(path)
    try:
        protocol = Protocol.model_validate(data)
    except ValidationError as exc:
        raise _validation_error(path, data, exc) from None
    expected = f"{protocol.protocol}.{protocol.language}.yaml"
    if path.name != expected:
        raise ContentError(f"{path}: declares {protocol.protocol}/{protocol.language}, "
                           f"so the file must be named {expected}")
    problems = []
    for message in protocol.messages:
        found = placeholder_problems(protocol, message.text)
        if not found:
            rendered = render(protocol, message.text, WORST_CASE)
            found = html_problems(rendered)
            if visible_length(rendered) > TELEGRAM_TEXT_LIMIT:
                found.append(f"longer than Telegram's {TELEGRAM_TEXT_LIMIT} characters "
                             "once rendered")
        problems += [f"{path}: message {message.key!r}: {problem}" for problem in found]
    if problems:
        raise ContentError("\n".join(problems))
    return protocol


def load_phrases(path: Path) -> Phrases:
    data = _read_yaml(path)
    try:
        return Phrases.from_mapping(data, source=str(path))
    except ValueError as exc:
        raise ContentError(str(exc)) from None


@dataclass
class Catalog:
    """Every protocol and phrase book found in one content directory."""

    directory: Path
    protocols: dict[tuple[str, str], Protocol] = field(default_factory=dict)
    phrases: dict[str, Phrases] = field(default_factory=dict)

    def protocol(self, name: str = DEFAULT_PROTOCOL, language: str = DEFAULT_LANGUAGE) -> Protocol:
        found = self.protocols.get((name, language)) or self.protocols.get(
            (name, DEFAULT_LANGUAGE)
        )
        if found is None:
            raise KeyError(f"no protocol {name!r} in {self.directory}")
        return found

    def phrasebook(self, language: str = DEFAULT_LANGUAGE) -> Phrases:
        return self.phrases.get(language) or self.phrases[DEFAULT_LANGUAGE]


def check_directory(directory: Path) -> tuple[Catalog, list[str]]:
    """Load everything, collecting every error instead of stopping at the first."""
    catalog = Catalog(directory)
    errors: list[str] = []
    for path in sorted(directory.glob("*.yaml")):
        try:
            if path.name.startswith("phrases."):
                catalog.phrases[path.name.split(".")[1]] = load_phrases(path)
            else:
                protocol = load_protocol(path)
                catalog.protocols[(protocol.protocol, protocol.language)] = protocol
        except ContentError as exc:
            errors.append(str(exc))
    if DEFAULT_LANGUAGE not in catalog.phrases:
        errors.append(f"{directory}: phrases.{DEFAULT_LANGUAGE}.yaml is missing")
    if not catalog.protocols:
        errors.append(f"{directory}: no protocol file (<protocol>.<language>.yaml)")
    return catalog, errors


@cache
def load_catalog(directory: Path = BUNDLED_CONTENT) -> Catalog:
    """The validated content; raises ContentError listing every problem found."""
    catalog, errors = check_directory(directory)
    if errors:
        raise ContentError("\n".join(errors))
    return catalog
