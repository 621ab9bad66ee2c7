"""Reading a treatment date the way patients type it.

Accepted: 2026-11-20, 20.11.2026, 20.11, 20/11, 11/20/2026, Nov 20, 20th November, today,
yesterday, 3 days ago, last Friday. Dots are read day-first; with slashes or dashes a form
that fits both orders (05/11) is ambiguous and comes back with both candidates so the patient
can pick. Without a year, the year that puts the date nearest to today is taken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

MAX_DAYS_AHEAD = 30
MAX_DAYS_AGO = 365

Problem = Literal["unreadable", "impossible", "too_far_ahead", "too_long_ago"]

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: number
    for number, names in enumerate(
        [("mon", "monday"), ("tue", "tues", "tuesday"), ("wed", "wednesday"),
         ("thu", "thur", "thurs", "thursday"), ("fri", "friday"), ("sat", "saturday"),
         ("sun", "sunday")]
    )
    for name in names
}
RELATIVE = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "now": 0,
    "yesterday": -1, "last night": -1, "yday": -1,
    "day before yesterday": -2, "the day before yesterday": -2,
    "tomorrow": 1, "day after tomorrow": 2,
}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}

_AGO = re.compile(r"^(\d+|[a-z]+) (day|days|week|weeks) ago$")
_IN = re.compile(r"^in (\d+|[a-z]+) (day|days|week|weeks)$")
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})([./-])(\d{1,2})(?:\2(\d{2}|\d{4}))?$")
_DAY_MONTH = re.compile(r"^(\d{1,2}) ?(?:of )?([a-z]+)(?: (\d{4}))?$")
_MONTH_DAY = re.compile(r"^([a-z]+) (\d{1,2})(?: (\d{4}))?$")
_ORDINAL = re.compile(r"(\d)(st|nd|rd|th)\b")


@dataclass(frozen=True)
class DateAnswer:
    """Either a date, several candidates to choose from, or the problem to explain."""

    value: date | None = None
    candidates: tuple[date, ...] = ()
    problem: Problem | None = None


def check_range(value: date, today: date) -> Problem | None:
    if value > today + timedelta(days=MAX_DAYS_AHEAD):
        return "too_far_ahead"
    if value < today - timedelta(days=MAX_DAYS_AGO):
        return "too_long_ago"
    return None


def _normalise(text: str) -> str:
    text = text.strip().lower()
    text = _ORDINAL.sub(r"\1", text)
    text = re.sub(r"[,!?]+", " ", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    return text


def _count(word: str) -> int | None:
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word)


def _relative(text: str, today: date) -> date | None:
    if text in RELATIVE:
        return today + timedelta(days=RELATIVE[text])
    for pattern, sign in ((_AGO, -1), (_IN, 1)):
        match = pattern.match(text)
        if match and (count := _count(match[1])) is not None:
            unit = 7 if match[2].startswith("week") else 1
            return today + timedelta(days=sign * count * unit)
    words = text.removeprefix("last ").removeprefix("on ")
    if words in WEEKDAYS:
        back = (today.weekday() - WEEKDAYS[words]) % 7
        if text.startswith("last ") and back == 0:
            back = 7
        return today - timedelta(days=back)
    return None


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _nearest_year(month: int, day: int, today: date) -> date | None:
    years = (today.year - 1, today.year, today.year + 1)
    options = [found for year in years if (found := _make(year, month, day))]
    if not options:
        return None
    in_range = [d for d in options if check_range(d, today) is None] or options
    return min(in_range, key=lambda d: (abs((d - today).days), d > today))


def _full_year(text: str | None) -> int | None:
    if text is None:
        return None
    year = int(text)
    return year + 2000 if year < 100 else year


def _build(day: int, month: int, year: int | None, today: date) -> date | None:
    if year is None:
        return _nearest_year(month, day, today)
    return _make(year, month, day)


def _candidates(text: str, today: date) -> list[date] | None:
    """Possible dates, [] when the form is right but no such day exists, None when unreadable."""
    if (match := _ISO.match(text)) is not None:
        found = _make(int(match[1]), int(match[2]), int(match[3]))
        return [found] if found else []
    if (match := _NUMERIC.match(text)) is not None:
        first, separator, second = int(match[1]), match[2], int(match[3])
        year = _full_year(match[4])
        orders = [(first, second)]  # day, month
        if separator != "." and first != second and first <= 12 and second <= 12:
            orders.append((second, first))
        elif separator != "." and first <= 12 < second:
            orders = [(second, first)]
        dates = [d for day, month in orders if (d := _build(day, month, year, today))]
        return sorted(set(dates))
    for pattern, day_group, month_group in ((_DAY_MONTH, 1, 2), (_MONTH_DAY, 2, 1)):
        match = pattern.match(text)
        if match and match[month_group] in MONTHS:
            found = _build(int(match[day_group]), MONTHS[match[month_group]],
                           _full_year(match[3]), today)
            return [found] if found else []
    return None


def parse_treatment_date(text: str, today: date) -> DateAnswer:
    normalised = _normalise(text)
    relative = _relative(normalised, today)
    if relative is not None:
        found: list[date] | None = [relative]
    else:
        found = _candidates(normalised, today)
    if found is None:
        return DateAnswer(problem="unreadable")
    if not found:
        return DateAnswer(problem="impossible")
    allowed = [d for d in found if check_range(d, today) is None]
    if not allowed:
        return DateAnswer(problem=check_range(found[0], today))
    if len(allowed) > 1:
        return DateAnswer(candidates=tuple(allowed))
    return DateAnswer(value=allowed[0])
