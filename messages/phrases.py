"""The bot's own sentences (welcome, questions, confirmations), one phrase book per language.

The code names a phrase and passes values; the book holds the words. `PHRASES` declares every
phrase the code uses and the placeholders each may contain, so a phrase book with a missing
phrase, an unknown one or a wrong placeholder fails at load with the file and the phrase named.
Values are HTML-escaped here unless they are `Html` (markup this package built itself).
"""

from __future__ import annotations

import html
import string
from collections.abc import Mapping
from typing import Any

from messages.render import html_problems

PHRASES: dict[str, tuple[str, ...]] = {
    # registration
    "welcome": ("clinic_name",),
    "unknown_clinic": ("code", "clinic_name"),
    "disclaimer": (),
    "button_understand": (),
    "ask_date": (),
    "button_today": (),
    "button_yesterday": (),
    "button_two_days_ago": (),
    "date_refused": ("reason",),
    "reason_unreadable": ("text",),
    "reason_impossible": ("text",),
    "reason_too_far_ahead": ("days",),
    "reason_too_long_ago": (),
    "date_ambiguous": ("text",),
    "ask_timezone": ("timezone", "local_time", "send_hour"),
    "button_timezone_ok": (),
    "button_timezone_change": (),
    "ask_timezone_name": (),
    "timezone_unknown": ("text",),
    "timezone_choose": (),
    "registered": ("treatment_date", "day_line", "overview", "send_hour"),
    "overview_line": ("date", "title"),
    "welcome_back": (),
    # status and settings
    "not_registered": (),
    "status_day": ("day", "treatment_date"),
    "status_upcoming": ("treatment_date", "days"),
    "status_next": ("title", "when"),
    "status_plan_complete": (),
    "status_paused": (),
    "settings": ("send_hour", "timezone"),
    "button_send_hour": (),
    "button_timezone": (),
    "ask_send_hour": (),
    "send_hour_saved": ("send_hour",),
    "timezone_saved": ("timezone",),
    "ask_new_date": (),
    "new_date_saved": ("treatment_date", "day_line", "overview"),
    "day_line_today": ("day",),
    "day_line_future": ("days",),
    # pause, stop, delete
    "paused": (),
    "already_paused": (),
    "resumed": (),
    "already_active": (),
    "stopped": ("clinic_name", "clinic_phone"),
    "confirm_delete": (),
    "button_delete_yes": (),
    "button_delete_no": (),
    "deleted": (),
    "delete_cancelled": (),
    # help and everything unexpected
    "help": ("clinic_name", "clinic_phone"),
    "unknown_command": (),
    "not_text": ("clinic_phone",),
    "stale_button": (),
    "private_only": (),
    "slow_down": (),
    "error": (),
    # questions and warning signs
    "faq_answer": ("question", "answer"),
    "faq_alternatives": (),
    "faq_unknown": ("clinic_name", "clinic_phone"),
    "escalate_emergency": ("clinic_name", "clinic_phone"),
    "escalate_urgent": ("clinic_name", "clinic_phone"),
    "button_helpful": (),
    "button_not_helpful": (),
    "vote_thanks": (),
    "vote_sorry": ("clinic_name", "clinic_phone"),
    # the session series
    "ask_sessions": (),
    "button_not_sure": (),
    "sessions_saved": ("count",),
    "sessions_unknown": (),
    "ask_next_session": (),
    "new_session_saved": ("number", "treatment_date", "day_line", "overview"),
    "new_session_too_early": ("last_date",),
    # clinic staff
    "not_available": (),
    "staff_welcome": ("clinic_name",),
    "staff_elsewhere": ("clinic_name",),
    "staff_help": ("clinic_name",),
    "staffchat_saved": ("clinic_name",),
    "broadcast_ask_text": (),
    "broadcast_too_long": ("limit",),
    "broadcast_preview": ("clinic_name", "audience", "count", "text"),
    "audience_active": ("count",),
    "audience_recovery": ("count",),
    "audience_due": ("count",),
    "button_send": (),
    "button_cancel": (),
    "broadcast_nobody": (),
    "broadcast_cancelled": (),
    "broadcast_not_draft": (),
    "broadcast_progress": ("number", "total", "sent", "failed", "remaining"),
    "broadcast_finished": ("number", "total", "delivered", "blocked", "failed"),
    "broadcast_message": ("clinic_name", "text"),
    "stats": ("clinic_name", "active", "paused", "stopped", "blocked", "registering",
              "delivered_7", "failed_7", "delivered_30", "failed_30", "answered",
              "unanswered", "escalated", "helpful", "not_helpful", "alerts_open",
              "alerts_handled"),
    "staff_alert": ("level", "number", "first_name", "day", "words", "clinic_name"),
    "alert_level_emergency": (),
    "alert_level_urgent": (),
    "button_handled": (),
    "alert_handled_line": ("by", "when"),
    "alert_already_handled": (),
    "alerts_none": (),
    "alerts_header": ("count",),
    "alert_line": ("number", "level", "first_name", "day", "when", "words"),
    "unanswered_none": (),
    "unanswered_header": ("count",),
    "unanswered_line": ("when", "day", "text"),
    # the daily message frame and the command menu
    "scheduled_message": ("day", "title", "text"),
    "command_start": (),
    "command_status": (),
    "command_settings": (),
    "command_newdate": (),
    "command_pause": (),
    "command_resume": (),
    "command_stop": (),
    "command_delete": (),
    "command_help": (),
    "command_newsession": (),
}


class Html(str):
    """Markup built by this package (a rendered list, a content text): not escaped again."""


def _escaped(value: Any) -> str:
    if isinstance(value, Html):
        return value
    return html.escape(str(value), quote=False)


class Phrases:
    def __init__(self, texts: Mapping[str, str]) -> None:
        self._texts = dict(texts)

    @classmethod
    def from_mapping(cls, data: Any, *, source: str) -> Phrases:
        if not isinstance(data, dict):
            raise ValueError(f"{source}: expected a mapping of phrase name to text")
        problems = [f"{source}: phrase {name!r} is missing" for name in PHRASES if name not in data]
        for name, text in data.items():
            if name not in PHRASES:
                problems.append(f"{source}: phrase {name!r} is not one the bot uses")
                continue
            if not isinstance(text, str) or not text.strip():
                problems.append(f"{source}: phrase {name!r} has no text")
                continue
            try:
                fields = {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}
            except ValueError as exc:
                problems.append(f"{source}: phrase {name!r}: broken placeholder: {exc}")
                continue
            for unknown in sorted(fields - set(PHRASES[name])):
                allowed = ", ".join(PHRASES[name]) or "none"
                problems.append(f"{source}: phrase {name!r}: unknown placeholder "
                                f"{{{unknown}}} (allowed: {allowed})")
            if fields <= set(PHRASES[name]):
                sample = text.format(**{f: "x" for f in PHRASES[name]})
                problems += [f"{source}: phrase {name!r}: {p}" for p in html_problems(sample)]
        if problems:
            raise ValueError("\n".join(problems))
        return cls({name: text.strip() for name, text in data.items()})

    def __call__(self, name: str, **values: Any) -> Html:
        """The phrase with its values escaped and filled in."""
        return Html(self._texts[name].format(**{k: _escaped(v) for k, v in values.items()}))
