"""What every content loader shares: reading YAML, and turning mistakes into named errors."""

from __future__ import annotations

import ctypes
import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from messages.model import TELEGRAM_TEXT_LIMIT, Protocol
from messages.render import (
    Recipient,
    html_problems,
    placeholder_problems,
    render,
    visible_length,
)

M = TypeVar("M", bound=BaseModel)

# Longest values a text can receive: Telegram caps first names at 64 characters.
WORST_CASE = Recipient(
    first_name="W" * 64,
    clinic_name="W" * 120,
    clinic_phone="+" + "9" * 30,
    treatment_date=date(2026, 12, 31),
)


class ContentError(ValueError):
    """A content file is wrong; the message names the file and the entry."""


class _UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML (libyaml's C parser where installed: content loads at every start) that
    refuses a key written twice in one mapping, which plain YAML would let silently replace
    the first: a clinic editing a file would never see its entry vanish."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    "while reading a mapping", node.start_mark,
                    f"found the key {key!r} twice", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep)


def read_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)
    except (OSError, yaml.YAMLError) as exc:
        raise ContentError(f"{path}: cannot be read as YAML: {exc}") from exc


def _describe(data: Any, loc: tuple[int | str, ...]) -> str:
    """'messages[3] (day3_peeling).text' for a pydantic error location."""
    parts: list[str] = []
    node = data
    for step in loc:
        if isinstance(step, int):
            label = f"[{step}]"
            try:
                node = node[step]
                name = node.get("key") or node.get("id") if isinstance(node, dict) else None
                if name:
                    label += f" ({name})"
            except (IndexError, KeyError, TypeError):
                node = None
            parts.append(label)
        else:
            parts.append(f".{step}" if parts else str(step))
            node = node.get(step) if isinstance(node, dict) else None
    return "".join(parts) or "file"


def validation_error(path: Path, data: Any, exc: ValidationError) -> ContentError:
    lines = [
        f"{path}: {_describe(data, tuple(err['loc']))}: {err['msg'].removeprefix('Value error, ')}"
        for err in exc.errors()
    ]
    return ContentError("\n".join(lines))


def load_model(path: Path, model: type[M]) -> M:
    """A YAML file validated into `model`; mistakes become a ContentError naming the file."""
    data = read_yaml(path)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise validation_error(path, data, exc) from None


def text_problems(protocol: Protocol, text: str) -> list[str]:
    """Placeholders, markup and length of one text, rendered with the longest values."""
    found = placeholder_problems(protocol, text)
    if found:
        return found
    rendered = render(protocol, text, WORST_CASE)
    found = html_problems(rendered)
    if visible_length(rendered) > TELEGRAM_TEXT_LIMIT:
        found.append(f"longer than Telegram's {TELEGRAM_TEXT_LIMIT} characters once rendered")
    return found


def release_freed_memory() -> None:
    """Hand back to the system what the build allocated and freed. glibc keeps freed memory
    (the solver thread's arena too) and it stays counted as the bot's resident memory: about
    20 MB after the FAQ index and models are built. Elsewhere than glibc, nothing to do.
    The process's own symbols hold libc's, so no library search (a subprocess) is needed."""
    if sys.platform != "linux":
        return
    trim = getattr(ctypes.CDLL(None), "malloc_trim", None)  # absent from musl
    if trim is not None:
        trim(0)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Build content with Python's cycle collector paused: loading and indexing make hundreds
    of thousands of small objects and no cycles, and the collector's passes over them were a
    third of the start-up build (bench/faq_eval.py's build time). What was built lives as long
    as the bot, so it is frozen out of the collector's view before it resumes: otherwise its
    first pass would walk all of it at once, and every full pass after that again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.enable()

