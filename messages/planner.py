"""From a treatment date to planned messages with due times in UTC.

Rules a patient would expect:
- a day-N message arrives at the patient's send hour on local day N (08:00-20:00 only, so
  nothing lands between 21:00 and 08:00);
- day 0 planned ahead of the treatment arrives in the evening, after the appointment;
- days already over are skipped, never sent late in a flood;
- when the patient has just acted (registered, corrected the date, resumed), today's message
  is the reply and goes out now; otherwise today's message keeps its hour;
- a message not sent by 21:00 of its day has expired (the dispatcher skips it), except a
  reply, which stays valid for an hour;
- in a course of sessions, a booking reminder only while another session may follow, and
  maintenance reminders only once none is planned (both when the count is not known).
Local wall times are turned into UTC with zoneinfo, so daylight-saving changes move the UTC
time and keep the local hour.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from messages.model import Protocol

EARLIEST_HOUR = 8
QUIET_FROM_HOUR = 21
LATEST_SEND_HOUR = QUIET_FROM_HOUR - 1
DEFAULT_SEND_HOUR = 9
EVENING_HOUR = 18
NEXT_SESSION_SETTING = "next_session_reminder_day"
REPLY_GRACE = timedelta(hours=1)

Status = Literal["pending", "skipped"]


@dataclass(frozen=True)
class PlannedMessage:
    key: str
    day: int
    title: str
    local_time: datetime
    due_utc: datetime
    expires_utc: datetime
    status: Status


def local_wall_time(day: date, hour: int, zone: ZoneInfo) -> datetime:
    """`hour`:00 on `day` in `zone`, normalised so a time inside a DST gap moves forward."""
    naive = datetime.combine(day, time(hour))
    return naive.replace(tzinfo=zone).astimezone(UTC).astimezone(zone)


def check_send_hour(hour: int) -> int:
    if not EARLIEST_HOUR <= hour <= LATEST_SEND_HOUR:
        raise ValueError(f"send hour must be {EARLIEST_HOUR}..{LATEST_SEND_HOUR}, not {hour}")
    return hour


def recovery_day(treatment_date: date, now: datetime, zone: ZoneInfo) -> int:
    """Day 0 is the treatment day, in the patient's own calendar."""
    return (now.astimezone(zone).date() - treatment_date).days


def plan(
    protocol: Protocol,
    treatment_date: date,
    zone: ZoneInfo,
    send_hour: int,
    now: datetime,
    *,
    reply_now: bool = True,
    sessions_left: int | None = None,
    session_interval_days: int | None = None,
) -> list[PlannedMessage]:
    """`sessions_left`: sessions still planned after this one (None: not known), which
    decides between booking reminders and maintenance; `session_interval_days`: the clinic's
    interval, for the day of the booking reminder."""
    check_send_hour(send_hour)
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    today = now.astimezone(zone).date()
    planned = []
    overrides = ({NEXT_SESSION_SETTING: session_interval_days}
                 if session_interval_days is not None else None)
    for message in protocol.messages:
        if sessions_left is not None and (
                (message.series == "before_next" and sessions_left == 0)
                or (message.series == "after_last" and sessions_left > 0)):
            continue
        day = protocol.day_of(message, overrides)
        local_day = treatment_date + timedelta(days=day)
        hour = max(send_hour, EVENING_HOUR) if day == 0 and local_day > today else send_hour
        nominal = local_wall_time(local_day, hour, zone)
        expires = local_wall_time(local_day, QUIET_FROM_HOUR, zone).astimezone(UTC)
        due = nominal.astimezone(UTC)
        status: Status = "pending"
        if local_day < today:
            status = "skipped"
        elif local_day == today and reply_now:
            due = now.astimezone(UTC)
            expires = max(expires, due + REPLY_GRACE)
        elif local_day == today:
            due = max(due, now.astimezone(UTC))
            if due >= expires:
                status = "skipped"
        planned.append(
            PlannedMessage(
                key=message.key,
                day=day,
                title=message.title,
                local_time=due.astimezone(zone),
                due_utc=due,
                expires_utc=expires,
                status=status,
            )
        )
    planned.sort(key=lambda p: (p.due_utc, p.day))
    return planned
