"""Hostile and odd input, property-based: random updates into the real application.

Hypothesis draws a short sequence of things users do: texts of any length up to 4096 with
control characters, markup and emoji, commands known and unknown, stickers, photos, voice,
locations, edits, messages in group chats, and button presses with forged callback data
(random, or well formed and naming another patient's question, an alert, a broadcast draft),
on the presser's own message, on an old one Telegram no longer shows, or in a group.
Each example runs the production application against the fake Bot API on a copy of one
database in which two patients registered through the chat and a clinic has a staff member
with a broadcast draft. The actors are patient A and strangers; patient B never acts.

Properties, for every sequence:
  * nothing fails: no ERROR log record, no "something went wrong" apology, no request the
    fake Bot API refused;
  * every private message (text, command, sticker, photo, voice, location) gets an answer in
    its chat, and every button press is answered once;
  * nobody else is acted on: B's rows, the staff's and the clinic's (the broadcast draft
    among them) are as they were, and B's chat gets no message and no edit.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.app import COMMANDS
from bot.config import Settings
from storage import broadcasts, clinics, staff
from storage.models import Audience
from tests.bot_harness import (
    FixedClock,
    Patient,
    running_bot,
    services_of,
    settings_for,
)
from tests.fake_telegram import BOT_USERNAME, MAX_TEXT_LENGTH, FakeTelegram

A, B, STAFF = 501, 502, 900  # A acts; B is the other patient, who never does
STRANGERS = (777, 778)
GROUP = -100_500
ACTORS = (A, A, A, *STRANGERS)  # mostly the registered patient
NOW = datetime(2026, 11, 22, 14, 0, tzinfo=ZoneInfo("Europe/London"))
APOLOGY = "Sorry, something went wrong"
ANSWER_WITHIN = 5.0
QUIET = 0.1  # seconds without anything new from the bot: it has finished with an update
B_QUESTION = "Can I wear makeup tomorrow?"


# --- what users do --------------------------------------------------------------------------

@dataclass(frozen=True)
class Say:
    """A private text message (commands included)."""
    user: int
    text: str


@dataclass(frozen=True)
class Send:
    """A private sticker, photo, voice message or location."""
    user: int
    kind: str


@dataclass(frozen=True)
class Edit:
    """The user edits their last private message (Telegram sends `edited_message`)."""
    user: int
    text: str


@dataclass(frozen=True)
class GroupSay:
    user: int
    text: str
    chat_type: str


@dataclass(frozen=True)
class Press:
    """A callback query with `data` ({victim_question}, {own_question}, {alert}, {broadcast}
    filled in at run time) on a message `where`: "own" (the bot's latest in the presser's
    chat), "own_old" (message 1 there, shown as inaccessible when gone), "group" (the bot's
    latest in the group), or "victim" (the bot's latest in B's chat: Telegram never delivers
    that, and the bot must treat it as forged)."""
    user: int
    data: str
    where: str


Action = Say | Send | Edit | GroupSay | Press

HOSTILE = ("<", ">", "&", '"', "'", "&amp;", "&lt;", "&#0;", "&#x110000;", "<b>", "</b>",
           "<i>", "<a href='javascript:x'>", "<tg-spoiler>", "</pre>", "<!--", "{", "}",
           "{clinic_name}", "%s", "\\", "\n", "\r\n", "\t", "\x00", "\x07", "\x1b[31m",
           "\u200b", "\u202e", "\ufeff", "🙂", "👍🏽", "👨‍👩‍👧", "é", "Ω", "中文", " ", "/start",
           "pus", "fever", "can't breathe", "makeup", "2026-11-20", "yes")
any_char = st.characters(codec="utf-8")  # no lone surrogates: Telegram sends valid UTF-8
short_text = st.one_of(
    st.text(any_char, min_size=1, max_size=60),
    st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=12).map("".join),
    st.sampled_from(["yes", "today", "yesterday", "20.11.2026", "11/20", "Europe/Paris",
                     "Paris", "London", "my face is swollen and I can't breathe",
                     "there's yellow pus and a fever", "can I wear makeup?", "ok", "👍"]),
)


def _repeat(fragment: str, length: int) -> str:
    return (fragment * (length // len(fragment) + 1))[:length]


# Long texts built from a repeated fragment: cheap to draw, any length up to Telegram's limit.
long_text = st.builds(
    _repeat,
    st.one_of(st.text(any_char, min_size=1, max_size=8),
              st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=4).map("".join)),
    st.one_of(st.integers(1, MAX_TEXT_LENGTH),
              st.sampled_from([MAX_TEXT_LENGTH - 1, MAX_TEXT_LENGTH])),
)
texts = st.one_of(short_text, short_text, long_text)

STAFF_COMMANDS = ("staff", "staffchat", "broadcast", "cancel", "stats", "alerts", "unanswered")
command_name = st.one_of(st.sampled_from(COMMANDS + STAFF_COMMANDS),
                         st.from_regex(r"[A-Za-z0-9_]{1,32}", fullmatch=True))
commands = st.builds(
    lambda name, mention, args: f"/{name}{mention}{args}",
    command_name,
    st.sampled_from(["", "", f"@{BOT_USERNAME}", "@someone_elses_bot"]),
    st.one_of(st.just(""), st.just(" GLOW"), texts.map(lambda t: " " + t)),
)
start_codes = st.builds(lambda code: f"/start {code}", st.one_of(
    st.sampled_from(["GLOW", "glow", "NORTH", "", "x" * 64, "../../etc", "'; DROP TABLE"]),
    st.text(any_char, min_size=1, max_size=80)))

FORGED_TEMPLATES = (
    "vote:{victim_question}:up", "vote:{victim_question}:down", "vote:{own_question}:up",
    "alt:{victim_question}:makeup", "alt:{victim_question}:sunscreen", "alt:{own_question}:x",
    "handled:{alert}", "bc:{broadcast}:send", "bc:{broadcast}:cancel", "bc:{broadcast}:due",
    "bc:{broadcast}:recovery", "bc:{broadcast}:active", "bc:{broadcast}:", "bc:{broadcast}",
    "vote:{alert}:up", "handled:{victim_question}",
)
WELL_FORMED = (
    "accept", "date:2026-11-20", "date:2026-11-22", "date:2025-01-01", "date:2026-13-45",
    "date:", "tz:ok", "tz:change", "tzset:Europe/Paris", "tzset:Mars/Olympus", "tzset:",
    "hour:10", "hour:7", "hour:99", "hour:-1", "hour:", "settings:hour", "settings:tz",
    "sessions:3", "sessions:0", "sessions:6", "sessions:99", "sessions:x", "delete:yes",
    "delete:no", "vote:", "vote:1", "vote:1:sideways", "alt:1:", "handled:", "handled:x",
    "bc::send", "bc:x:send", ":", "stale",
)
callback_data = st.one_of(
    st.sampled_from(FORGED_TEMPLATES),
    st.sampled_from(WELL_FORMED),
    st.builds(lambda kind, n, tail: f"{kind}:{n}{tail}",
              st.sampled_from(["vote", "alt", "handled", "bc", "sessions", "hour", "date"]),
              st.integers(-5, 2**63), st.sampled_from(["", ":up", ":down", ":send", ":makeup"])),
    st.text(any_char, min_size=1, max_size=64).map(lambda t: t.replace("{", "(")),
)

actor = st.sampled_from(ACTORS)
say = st.builds(Say, actor, st.one_of(texts, commands, start_codes))
# Only where Telegram can deliver a press: on a message in a chat the presser is in.
press = st.builds(Press, actor, callback_data,
                  st.sampled_from(["own", "own", "own_old", "group", "victim"]))
actions = st.one_of(
    say, say, press, press,
    st.builds(Send, actor, st.sampled_from(["sticker", "photo", "voice", "location"])),
    st.builds(Edit, actor, texts),
    st.builds(GroupSay, actor, st.one_of(texts, commands),
              st.sampled_from(["group", "supergroup"])),
)


# --- the database: two patients registered through the chat, staff and a broadcast draft -----

def throttle_off() -> dict[str, Any]:
    """Flood control stops answering a flooding user on purpose; here every message counts."""
    return ({"patient_messages_per_minute": 0}
            if "patient_messages_per_minute" in Settings.model_fields else {})


def bot_settings(fake: FakeTelegram, database: Path) -> Settings:
    return settings_for(fake, f"sqlite:///{database}", dispatch_interval_seconds=3600,
                        **throttle_off())


async def build_template(database: Path) -> None:
    with FakeTelegram() as fake:
        async with running_bot(bot_settings(fake, database), FixedClock(NOW)) as app:
            ann, bea = Patient(fake, A, "Ann"), Patient(fake, B, "Bea")
            await ann.register()
            await bea.register("Yesterday")
            svc = services_of(app)
            async with svc.sessions.begin() as session:
                clinic = await clinics.by_code(session, "GLOW")
                assert clinic is not None
                await staff.add_member(session, clinic, STAFF, NOW)
                await broadcasts.create(session, clinic, "Closed on 24 December", now=NOW,
                                        audience=Audience.ACTIVE, created_by=STAFF)
            await bea.say("there's yellow pus on my cheek and it's hot")  # an alert
            await bea.say(B_QUESTION)
            await ann.say("When can I exercise again?")
            await svc.dispatcher.tick(NOW)  # the alert to the staff, now rather than in an hour
            await fake.wait_for_sent(STAFF, 1)
    assert not query(database, "SELECT id FROM alert WHERE notified_at IS NULL")
    assert query(database, "SELECT status FROM broadcast") == [("draft",)]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    database = tmp_path_factory.mktemp("fuzz") / "template.sqlite3"
    asyncio.run(build_template(database))
    return database


def query(database: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    with sqlite3.connect(database, timeout=10) as connection:
        return connection.execute(sql, params).fetchall()


def one(database: Path, sql: str, *params: object, default: int = 1) -> int:
    rows = query(database, sql, *params)
    return int(rows[0][0]) if rows and rows[0][0] is not None else default


def others_rows(database: Path, victim_id: int) -> dict[str, list[tuple[Any, ...]]]:
    """Every row not the actors' own: B's (by patient id) and every table without patients."""
    found: dict[str, list[tuple[Any, ...]]] = {}
    for (table,) in query(database, "SELECT name FROM sqlite_master WHERE type = 'table'"
                                    " AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version'"):
        columns = [row[1] for row in query(database, f'PRAGMA table_info("{table}")')]
        key = "id" if table == "patient" else "patient_id" if "patient_id" in columns else None
        where = f' WHERE "{key}" = ?' if key else ""
        found[table] = sorted(query(database, f'SELECT * FROM "{table}"{where} ORDER BY 1',
                                    *([victim_id] if key else [])), key=repr)
    return found


# --- running one sequence ---------------------------------------------------------------------

class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def errors(self) -> list[str]:
        return [f"{r.name}: {r.getMessage()}\n{self.format(r) if r.exc_info else ''}"
                for r in self.records if r.levelno >= logging.ERROR]


@contextmanager
def recording_logs() -> Iterator[Records]:
    handler = Records()
    handler.setFormatter(logging.Formatter("%(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield handler
    finally:
        root.removeHandler(handler)


def activity(fake: FakeTelegram) -> int:
    return len(fake.all_sent) + len(fake.edits) + len(fake.answered_callbacks)


async def settle(fake: FakeTelegram, quiet: float = QUIET) -> None:
    seen = activity(fake)
    while True:
        await asyncio.sleep(quiet)
        if activity(fake) == seen:
            return
        seen = activity(fake)


def chat_state(fake: FakeTelegram, chat_id: int) -> list[tuple[Any, ...]]:
    return [(s.message_id, s.text, repr(s.reply_markup), s.deleted, s.edit_date)
            for s in fake.sent_to(chat_id)]


@dataclass
class Run:
    fake: FakeTelegram
    database: Path
    unanswered: list[str]

    def resolve(self, data: str, presser: int) -> str:
        if "{" not in data:
            return data
        db = self.database
        return data.format(
            victim_question=one(db, "SELECT max(q.id) FROM question q JOIN patient p ON "
                                    "p.id = q.patient_id WHERE p.telegram_user_id = ?", B),
            own_question=one(db, "SELECT max(q.id) FROM question q JOIN patient p ON "
                                 "p.id = q.patient_id WHERE p.telegram_user_id = ?", presser),
            alert=one(db, "SELECT max(a.id) FROM alert a JOIN patient p ON "
                          "p.id = a.patient_id WHERE p.telegram_user_id = ?", B),
            broadcast=one(db, "SELECT max(id) FROM broadcast"),
        )

    async def answered_in(self, chat_id: int, before: int, what: str) -> None:
        try:
            await self.fake.wait_for(lambda: len(self.fake.sent_to(chat_id)) > before,
                                     ANSWER_WITHIN, what=what)
        except AssertionError:
            self.unanswered.append(what)

    async def do(self, action: Action) -> None:
        fake = self.fake
        if isinstance(action, Say | Send):
            before = len(fake.sent_to(action.user))
            if isinstance(action, Say):
                fake.push_text(action.user, action.text)
            else:
                getattr(fake, f"push_{action.kind}")(action.user)
            await self.answered_in(action.user, before, f"an answer to {action!r}")
        elif isinstance(action, Edit):
            try:
                fake.push_edited_text(action.user, action.text)
            except ValueError:  # nothing sent yet: an edit of a message the bot never saw
                fake.push_edited_text(action.user, action.text, message_id=1)
        elif isinstance(action, GroupSay):
            fake.push_text(action.user, action.text, chat_id=GROUP, chat_type=action.chat_type)
        else:
            data = self.resolve(action.data, action.user)
            chat = {"group": GROUP, "victim": B}.get(action.where, action.user)
            message_id = 1 if action.where == "own_old" else None
            update = fake.push_forged_callback(action.user, data, chat_id=chat,
                                               message_id=message_id)
            query_id = update["callback_query"]["id"]
            try:
                await fake.wait_for(
                    lambda: any(a.callback_query_id == query_id
                                for a in fake.answered_callbacks),
                    ANSWER_WITHIN, what=f"an answer to the press {data!r}")
            except AssertionError:
                self.unanswered.append(f"an answer to {action!r} (data {data!r})")
        await settle(fake)


async def scenario(template: Path, sequence: list[Action]) -> None:
    with tempfile.TemporaryDirectory() as folder, recording_logs() as logs:
        database = Path(folder) / "aftercare.sqlite3"
        shutil.copyfile(template, database)
        victim_id = one(database, "SELECT id FROM patient WHERE telegram_user_id = ?", B)
        with FakeTelegram() as fake:
            async with running_bot(bot_settings(fake, database), FixedClock(NOW)):
                fake.push_text(B, B_QUESTION)  # a message with B's own buttons in B's chat
                await fake.wait_for_sent(B, 1)
                await settle(fake)
                rows_before, chat_before = others_rows(database, victim_id), chat_state(fake, B)
                run = Run(fake, database, [])
                for action in sequence:
                    await run.do(action)
                await settle(fake, 0.2)
                rows_after, chat_after = others_rows(database, victim_id), chat_state(fake, B)
            apologies = [(s.chat_id, s.text) for s in fake.all_sent if APOLOGY in s.text]
            refused = fake.errors
            answers = [a.callback_query_id for a in fake.answered_callbacks]
    assert not logs.errors(), "\n".join(logs.errors())
    assert not apologies, apologies
    assert not refused, refused
    assert not run.unanswered, run.unanswered
    assert len(answers) == len(set(answers)), "a button press answered twice"
    for table in rows_before:
        assert rows_after[table] == rows_before[table], f"{table} changed for others"
    assert chat_after == chat_before, "patient B's chat changed"


# --- the property -----------------------------------------------------------------------------

@settings(max_examples=20, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(sequence=st.lists(actions, min_size=1, max_size=12))
@example(sequence=[Say(A, "x" * MAX_TEXT_LENGTH)])
@example(sequence=[Say(A, _repeat("<&🙂", MAX_TEXT_LENGTH)),
                   Say(STRANGERS[0], _repeat("<b>&amp;👍🏽\x00", MAX_TEXT_LENGTH))])
@example(sequence=[Say(STRANGERS[0], "/start"), Send(STRANGERS[0], "sticker"),
                   Send(STRANGERS[0], "photo"), Send(A, "voice"), Send(A, "location")])
@example(sequence=[Say(A, "/frobnicate now please"), Say(A, "/start@someone_elses_bot"),
                   Say(STRANGERS[0], "/broadcast everyone gets this")])
@example(sequence=[Say(A, "can I wear makeup?"), Edit(A, "/delete"), Edit(STRANGERS[1], "hi"),
                   GroupSay(A, "/start", "group"), GroupSay(STRANGERS[0], "hello", "supergroup")])
@example(sequence=[Press(A, "vote:{victim_question}:up", "own"),
                   Press(A, "alt:{victim_question}:makeup", "own_old"),
                   Press(A, "handled:{alert}", "own"), Press(A, "bc:{broadcast}:send", "own"),
                   Press(STRANGERS[0], "bc:{broadcast}:cancel", "own"),
                   Press(STRANGERS[0], "handled:{alert}", "group"),
                   Press(A, "delete:yes", "own_old"), Press(A, "vote:{victim_question}:down",
                                                          "own")])
@example(sequence=[Say(STRANGERS[0], "/start"), Press(STRANGERS[0], "accept", "own"),
                   Press(STRANGERS[0], "date:2026-11-20", "own"),
                   Press(STRANGERS[0], "tz:ok", "own"), Press(STRANGERS[0], "sessions:3", "own")])
def test_random_updates_are_handled_and_never_act_on_another_patient(
        template: Path, sequence: list[Action]) -> None:
    asyncio.run(scenario(template, sequence))


def test_a_press_on_a_message_in_another_patients_chat_leaves_that_chat_alone(
        template: Path) -> None:
    asyncio.run(scenario(template, [Press(A, "vote:{own_question}:up", "victim")]))
