"""Reading treatment dates as patients type them."""

from datetime import date

import pytest

from messages.dates import parse_treatment_date
from messages.timezones import find_timezones

TODAY = date(2026, 11, 22)  # a Sunday


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-11-20", date(2026, 11, 20)),
        ("20.11.2026", date(2026, 11, 20)),
        ("20.11.26", date(2026, 11, 20)),
        ("20.11", date(2026, 11, 20)),
        ("20/11", date(2026, 11, 20)),
        ("11/20/2026", date(2026, 11, 20)),
        ("Nov 20", date(2026, 11, 20)),
        ("november 20th", date(2026, 11, 20)),
        ("20th Nov 2026", date(2026, 11, 20)),
        ("20 of November", date(2026, 11, 20)),
        ("  Yesterday! ", date(2026, 11, 21)),
        ("today", date(2026, 11, 22)),
        ("3 days ago", date(2026, 11, 19)),
        ("two days ago", date(2026, 11, 20)),
        ("a week ago", date(2026, 11, 15)),
        ("friday", date(2026, 11, 20)),
        ("last sunday", date(2026, 11, 15)),
        ("in 5 days", date(2026, 11, 27)),
        ("15.01", date(2026, 1, 15)),      # without a year: the nearest one in range
        ("10.12", date(2026, 12, 10)),     # 18 days ahead: a booked treatment
        ("3 Jan", date(2026, 1, 3)),       # next January is too far ahead, last January fits
    ],
)
def test_dates_people_type(typed: str, expected: date) -> None:
    answer = parse_treatment_date(typed, TODAY)
    assert answer.value == expected, answer


@pytest.mark.parametrize("typed", ["31.02", "31.02.2026", "2026-02-30", "31/04", "Feb 30",
                                   "32.01.2026"])
def test_impossible_dates_are_explained(typed: str) -> None:
    assert parse_treatment_date(typed, TODAY).problem == "impossible"


@pytest.mark.parametrize(("typed", "problem"), [
    ("2027-01-10", "too_far_ahead"), ("in 40 days", "too_far_ahead"),
    ("2025-11-01", "too_long_ago"), ("20.11.2024", "too_long_ago"),
])
def test_dates_out_of_range_are_refused(typed: str, problem: str) -> None:
    assert parse_treatment_date(typed, TODAY).problem == problem


@pytest.mark.parametrize("typed", ["hello", "", "the day I went to the clinic", "🙂",
                                   "9" * 4096, "13.13", "2026-11", "nov"])
def test_unreadable_text(typed: str) -> None:
    answer = parse_treatment_date(typed, TODAY)
    assert answer.value is None and not answer.candidates
    assert answer.problem in {"unreadable", "impossible"}


def test_ambiguous_order_offers_both_dates() -> None:
    answer = parse_treatment_date("05/11", TODAY)
    assert answer.value is None
    assert set(answer.candidates) == {date(2026, 11, 5), date(2026, 5, 11)}
    # dots are day-first, so the same digits are not ambiguous there
    assert parse_treatment_date("05.11", TODAY).value == date(2026, 11, 5)


def test_ambiguous_with_one_reading_out_of_range_is_not_asked() -> None:
    # 12/01/2026: 12 Jan (in range) or 1 Dec 2026 (in range, 9 days ahead) -> ask
    assert len(parse_treatment_date("12/01/2026", TODAY).candidates) == 2
    # 01/02/2025: 1 Feb 2025 (too long ago) or 2 Jan 2025 (too long ago) -> refused
    assert parse_treatment_date("01/02/2025", TODAY).problem == "too_long_ago"


@pytest.mark.parametrize(("typed", "zone"), [
    ("London", "Europe/London"), ("new york", "America/New_York"),
    ("Europe/Paris", "Europe/Paris"), ("europe/berlin", "Europe/Berlin"), ("UK", "Europe/London"),
    ("Los Angeles", "America/Los_Angeles"), ("Kolkata", "Asia/Kolkata"),
])
def test_time_zones_from_what_people_type(typed: str, zone: str) -> None:
    assert find_timezones(typed)[0] == zone


def test_country_with_several_zones_offers_a_choice() -> None:
    assert len(find_timezones("USA")) > 1
    assert find_timezones("Atlantis") == [] and find_timezones("x" * 4096) == []
