"""The planner: local send hours, quiet hours, daylight saving, and registering late."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from messages.catalog import Catalog
from messages.planner import EVENING_HOUR, QUIET_FROM_HOUR, plan

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")


def at(zone: ZoneInfo, *args: int) -> datetime:
    return datetime(*args, tzinfo=zone)


def by_day(planned: list) -> dict[int, list]:
    found: dict[int, list] = {}
    for p in planned:
        found.setdefault(p.day, []).append(p)
    return found


@pytest.mark.parametrize(
    ("zone", "treatment", "change_day", "utc_before", "utc_after"),
    [
        (LONDON, date(2026, 3, 27), date(2026, 3, 29), 9, 8),      # spring forward
        (LONDON, date(2026, 10, 23), date(2026, 10, 25), 8, 9),    # autumn back
        (NEW_YORK, date(2026, 3, 6), date(2026, 3, 8), 14, 13),    # spring forward
        (NEW_YORK, date(2026, 10, 30), date(2026, 11, 1), 13, 14),  # autumn back
    ],
)
def test_daylight_saving_keeps_the_local_hour(catalog: Catalog, zone, treatment, change_day,
                                              utc_before, utc_after) -> None:
    start = at(zone, treatment.year, treatment.month, treatment.day, 0, 5)
    planned = plan(catalog.protocol(), treatment, zone, 9, start, reply_now=False)
    days = by_day(planned)
    before = days[1][0]   # the day before the change
    after = days[3][0]    # the day after the change
    assert before.local_time.date() < change_day < after.local_time.date()
    for p in (before, after):
        assert (p.local_time.hour, p.local_time.minute) == (9, 0)
        assert p.due_utc == p.local_time.astimezone(UTC)
    assert before.due_utc.hour == utc_before
    assert after.due_utc.hour == utc_after


@pytest.mark.parametrize("zone_name", ["Europe/London", "America/New_York", "Asia/Kolkata",
                                       "Australia/Sydney", "Pacific/Auckland", "America/Santiago"])
@pytest.mark.parametrize("send_hour", [8, 9, 14, 20])
def test_nothing_is_planned_in_the_quiet_hours(catalog: Catalog, zone_name: str,
                                               send_hour: int) -> None:
    zone = ZoneInfo(zone_name)
    treatment = date(2026, 3, 20)
    planned = plan(catalog.protocol(), treatment, zone, send_hour,
                   at(zone, 2026, 3, 20, 0, 1), reply_now=False)
    assert len(planned) >= 12
    for p in planned:
        local = p.due_utc.astimezone(zone)
        assert 8 <= local.hour < QUIET_FROM_HOUR, p
        assert local.hour == send_hour
        assert local.date() == treatment + timedelta(days=p.day)
        assert p.expires_utc == at(zone, local.year, local.month, local.day,
                                   QUIET_FROM_HOUR).astimezone(UTC)


def test_plan_spans_a_year_with_the_required_days(catalog: Catalog) -> None:
    planned = plan(catalog.protocol(), date(2026, 1, 10), LONDON, 9,
                   at(LONDON, 2026, 1, 10, 7), reply_now=False)
    days = {p.day for p in planned}
    assert {0, 1, 2, 3, 5, 7, 14}.issubset(days)
    assert any(26 <= d <= 31 for d in days), "next-session reminder around 4 weeks"
    assert any(40 <= d <= 45 for d in days) and any(88 <= d <= 92 for d in days)
    assert any(180 <= d <= 184 for d in days) and any(363 <= d <= 366 for d in days)
    assert [p.due_utc for p in planned] == sorted(p.due_utc for p in planned)


def test_registering_late_skips_past_days_and_sends_today_now(catalog: Catalog) -> None:
    now = at(LONDON, 2026, 11, 22, 15, 30)
    planned = plan(catalog.protocol(), date(2026, 11, 19), LONDON, 9, now)  # day 3 today
    for p in planned:
        if p.day < 3:
            assert p.status == "skipped"
        elif p.day == 3:
            assert p.status == "pending" and p.due_utc == now.astimezone(UTC)
            assert p.expires_utc >= now + timedelta(hours=1)
        else:
            assert p.status == "pending" and p.local_time.hour == 9


def test_registering_at_night_still_answers_with_todays_message(catalog: Catalog) -> None:
    now = at(LONDON, 2026, 11, 22, 22, 40)
    planned = plan(catalog.protocol(), date(2026, 11, 22), LONDON, 9, now)
    today = [p for p in planned if p.day == 0]
    assert today and all(p.status == "pending" and p.due_utc == now for p in today)
    assert all(p.expires_utc > now for p in today)


def test_a_changed_send_hour_keeps_todays_message_at_its_hour(catalog: Catalog) -> None:
    now = at(LONDON, 2026, 11, 22, 7, 0)
    planned = plan(catalog.protocol(), date(2026, 11, 21), LONDON, 11, now, reply_now=False)
    day1 = by_day(planned)[1][0]
    assert day1.status == "pending" and day1.local_time.hour == 11
    late = plan(catalog.protocol(), date(2026, 11, 21), LONDON, 11,
                at(LONDON, 2026, 11, 22, 21, 30), reply_now=False)
    assert by_day(late)[1][0].status == "skipped"


def test_day_zero_planned_ahead_arrives_in_the_evening(catalog: Catalog) -> None:
    now = at(LONDON, 2026, 11, 22, 10)
    planned = plan(catalog.protocol(), date(2026, 11, 25), LONDON, 9, now)
    assert all(p.local_time.hour == EVENING_HOUR for p in by_day(planned)[0])
    assert by_day(planned)[1][0].local_time.hour == 9


@pytest.mark.parametrize("bad_hour", [7, 21, 3])
def test_send_hour_outside_the_day_is_refused(catalog: Catalog, bad_hour: int) -> None:
    with pytest.raises(ValueError, match="send hour"):
        plan(catalog.protocol(), date(2026, 11, 22), LONDON, bad_hour,
             at(LONDON, 2026, 11, 22, 10))
