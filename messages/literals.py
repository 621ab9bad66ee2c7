"""The literal text that every match of a regular expression contains: a cheap test first.

Triage blanks general questions with some seventy patterns and looks for signs with as many
again, and a message usually holds the words of only a few: `"killing me" in text` costs far
less than a failed search. The test only ever says "cannot match" when no match is possible,
so results are the same with or without it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# The standard library's own parser: private, but the same since Python 3.11.
from re import _constants as _codes
from re import _parser as _sre_parse

_REPEATS = (_codes.MAX_REPEAT, _codes.MIN_REPEAT, _codes.POSSESSIVE_REPEAT)


def required_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings one of which every match contains, or None when none is found (then the
    pattern must always be searched)."""
    if pattern.flags & re.IGNORECASE:
        return None
    return _in_sequence(_sre_parse.parse(pattern.pattern, pattern.flags))


def _in_sequence(items: Iterable[tuple[object, object]]) -> frozenset[str] | None:
    """The best of the sequence's required parts: a run of literal characters, or a group or
    repeat (at least once) that requires one of several strings."""
    found: list[frozenset[str]] = []
    run: list[str] = []

    def end_run() -> None:
        if run:
            found.append(frozenset(["".join(run)]))
            run.clear()

    for op, value in items:
        if op is _codes.LITERAL:
            run.append(chr(value))  # type: ignore[arg-type]
            continue
        if op is _codes.AT:  # \b, ^, $ take up no characters
            continue
        end_run()
        inner = None
        if op is _codes.SUBPATTERN and not value[1] & re.IGNORECASE:  # type: ignore[index]
            inner = _in_sequence(value[3])  # type: ignore[index]
        elif op is _codes.BRANCH:
            inner = _in_branch(value[1])  # type: ignore[index]
        elif op in _REPEATS and value[0] >= 1:  # type: ignore[index]
            inner = _in_sequence(value[2])  # type: ignore[index]
        if inner:
            found.append(inner)
    end_run()
    # The longer its shortest string, and the fewer strings, the rarer a part is.
    return max(found, key=lambda part: (min(map(len, part)), -len(part)), default=None)


def _in_branch(alternatives: Iterable[Iterable[tuple[object, object]]]) -> frozenset[str] | None:
    union: set[str] = set()
    for alternative in alternatives:
        part = _in_sequence(alternative)
        if not part:
            return None
        union |= part
    return frozenset(union)


def may_match(literals: frozenset[str] | None, text: str) -> bool:
    """False only when `text` holds none of the literals its pattern requires."""
    return literals is None or any(literal in text for literal in literals)
