"""The FAQ: curated answers, the ways patients ask for them, and day-dependent variants.

Checked when loaded like the protocol: unknown keys, duplicate ids, variants that leave a day
uncovered, unknown placeholders or sources, markup Telegram would refuse, or an answer over
4096 characters once rendered: a clear error naming the file and the entry.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, field_validator, model_validator

from messages.loading import ContentError, load_model, text_problems
from messages.model import KEY_PATTERN, Protocol, Source, Strict

MIN_PHRASINGS = 5


class Variant(Strict):
    from_day: int = Field(ge=0)
    to_day: int | None = Field(default=None, ge=0)
    answer: str = Field(min_length=1)


class Entry(Strict):
    id: str = Field(pattern=KEY_PATTERN)
    question: str = Field(min_length=3, max_length=60)
    phrasings: list[str] = Field(min_length=MIN_PHRASINGS)
    keywords: list[str] = Field(min_length=1)
    answer: str | None = None
    variants: list[Variant] | None = None
    sources: list[str] = Field(min_length=1)

    @field_validator("phrasings", "keywords")
    @classmethod
    def no_blank_items(cls, values: list[str]) -> list[str]:
        if any(not value.strip() for value in values):
            raise ValueError("contains an empty item")
        return values

    @model_validator(mode="after")
    def one_answer_for_every_day(self) -> Entry:
        if (self.answer is None) == (self.variants is None):
            raise ValueError("give either `answer` or `variants`, not both or neither")
        if self.variants is not None:
            expected = 0
            ordered = sorted(self.variants, key=lambda v: v.from_day)
            for variant in ordered:
                if variant.from_day != expected:
                    raise ValueError(f"variants leave day {expected} uncovered or overlap there")
                if variant.to_day is None:
                    if variant is not ordered[-1]:
                        raise ValueError("only the last variant may be open-ended")
                    return self
                if variant.to_day < variant.from_day:
                    raise ValueError(f"variant from day {variant.from_day} ends before it starts")
                expected = variant.to_day + 1
            raise ValueError("the last variant must be open-ended (no to_day)")
        return self

    def texts(self) -> list[str]:
        return [self.answer] if self.answer is not None else [v.answer for v in self.variants or []]

    def answer_for(self, day: int | None) -> str:
        """The answer for this recovery day; unknown or before treatment counts as day 0."""
        if self.answer is not None:
            return self.answer
        wanted = max(day or 0, 0)
        for variant in self.variants or []:
            if variant.from_day <= wanted and (variant.to_day is None or wanted <= variant.to_day):
                return variant.answer
        raise AssertionError("validated variants cover every day")


class Faq(Strict):
    protocol: str = Field(pattern=KEY_PATTERN)
    language: str = Field(pattern=r"^[a-z]{2}$")
    content_version: str = Field(min_length=1)
    sources: dict[str, Source]
    entries: list[Entry] = Field(min_length=1)

    @model_validator(mode="after")
    def unique_ids_known_sources(self) -> Faq:
        seen: set[str] = set()
        for entry in self.entries:
            if entry.id in seen:
                raise ValueError(f"entry {entry.id!r}: duplicate id")
            seen.add(entry.id)
            for source in entry.sources:
                if source not in self.sources:
                    raise ValueError(f"entry {entry.id!r}: unknown source {source!r}")
        return self

    def entry(self, entry_id: str) -> Entry:
        for entry in self.entries:
            if entry.id == entry_id:
                return entry
        raise KeyError(entry_id)


def load_faq(path: Path, protocol: Protocol) -> Faq:
    """The FAQ at `path`, its answers checked against `protocol`'s settings."""
    faq = load_model(path, Faq)
    if faq.protocol != protocol.protocol:
        raise ContentError(f"{path}: written for protocol {faq.protocol!r}, "
                           f"not {protocol.protocol!r}")
    problems = [
        f"{path}: entry {entry.id!r}: {problem}"
        for entry in faq.entries
        for text in entry.texts()
        for problem in text_problems(protocol, text)
    ]
    if problems:
        raise ContentError("\n".join(problems))
    return faq
