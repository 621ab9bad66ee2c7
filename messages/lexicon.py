"""How patients write, mapped to how the FAQ is written: slang, abbreviations, emoji.

One lexicon per language (`lexicon.<language>.yaml`), applied alike to patients' messages and
to the FAQ's own text, so both meet in the same words.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from messages.loading import load_model
from messages.model import Strict


class Lexicon(Strict):
    slang: dict[str, str] = Field(default_factory=dict)
    emoji: dict[str, str] = Field(default_factory=dict)
    stopwords_extra: list[str] = Field(default_factory=list)
    # Procedures other than the one the FAQ covers: a question about recovering from one of
    # these ("swelling after lip filler") is out of scope, not an answer about our treatment.
    other_procedures: list[str] = Field(default_factory=list)
    own_procedure: list[str] = Field(default_factory=list)


class OffTopic(Strict):
    """Messages the FAQ does not answer: a "none of these" entry for the search."""

    examples: list[str] = Field(min_length=20)


class WarningExamples(Strict):
    """Patients reporting a warning sign in their own words, and close messages that are not
    one: a learnt second opinion after triage's rules."""

    warning: list[str] = Field(min_length=20)
    ordinary: list[str] = Field(min_length=20)


def load_warnings(path: Path) -> WarningExamples:
    return load_model(path, WarningExamples)


def load_offtopic(path: Path) -> OffTopic:
    return load_model(path, OffTopic)


def load_lexicon(path: Path) -> Lexicon:
    return load_model(path, Lexicon)
