"""`aftercare-bot clinic | admin | broadcast | stats | export`: the clinic side from the
command line.

Each command opens the same database the running bot uses (migrating it first, so a fresh
machine works) and changes it in one transaction; the running bot picks changes up on its
next dispatcher tick.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from messages.timezones import is_valid
from storage import broadcasts, clinics, patients, staff, stats
from storage.db import create_engine, session_factory
from storage.migrate import upgrade_async
from storage.models import Audience, BroadcastStatus, Clinic

Command = Callable[[argparse.Namespace, Settings, AsyncSession], Awaitable[int]]


class Refused(Exception):
    """A clear reason the command did nothing; printed on stderr, exit code 2."""


@asynccontextmanager
async def _database(settings: Settings) -> AsyncIterator[AsyncSession]:
    await upgrade_async(settings.database_url)
    engine = create_engine(settings.database_url)
    try:
        async with session_factory(engine).begin() as session:
            await clinics.ensure_clinic(
                session, code=settings.clinic_code, name=settings.clinic_name,
                phone=settings.clinic_phone, timezone=settings.default_timezone)
            yield session
    finally:
        await engine.dispose()


def runner(command: Command, settings_of: Callable[[], Settings]) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        settings = settings_of()

        async def main() -> int:
            async with _database(settings) as session:
                return await command(args, settings, session)

        try:
            return asyncio.run(main())
        except Refused as exc:
            print(exc, file=sys.stderr)
            return 2
    return run


async def _clinic(session: AsyncSession, code: str) -> Clinic:
    clinic = await clinics.by_code(session, code)
    if clinic is None:
        raise Refused(f"no clinic with code {clinics.normalise_code(code)!r}; "
                      "see `aftercare-bot clinic list`")
    return clinic


def _zone(name: str | None) -> str | None:
    if name is not None and not is_valid(name):
        raise Refused(f"unknown time zone {name!r}; use a name such as Europe/London")
    return name


# --- clinics ---------------------------------------------------------------------------------

async def clinic_add(args: argparse.Namespace, settings: Settings, session: AsyncSession) -> int:
    try:
        clinic = await clinics.add_clinic(session, code=args.code, name=args.name,
                                          phone=args.phone, timezone=_zone(args.timezone) or "",
                                          address=args.address)
    except clinics.ClinicExists as exc:
        raise Refused(f"clinic {exc} exists already; change it with `clinic edit`") from None
    print(f"added clinic {clinic.code}: {clinic.name}")
    return 0


async def clinic_list(args: argparse.Namespace, settings: Settings, session: AsyncSession) -> int:
    for clinic in await clinics.all_clinics(session):
        default = "  (default, from the settings)" if clinic.code == clinics.normalise_code(
            settings.clinic_code) else ""
        print(f"{clinic.code}\t{clinic.name}\t{clinic.phone}\t{clinic.timezone}\t"
              f"next session after {clinic.session_interval_days} days{default}")
    return 0


async def clinic_edit(args: argparse.Namespace, settings: Settings, session: AsyncSession) -> int:
    clinic = await _clinic(session, args.code)
    if clinic.code == clinics.normalise_code(settings.clinic_code) and any(
            (args.name, args.phone, args.timezone)):
        raise Refused(f"{clinic.code} is the default clinic from the settings: change "
                      "CLINIC_NAME, CLINIC_PHONE or DEFAULT_TIMEZONE in .env instead")
    changed = clinics.edit_clinic(clinic, name=args.name, phone=args.phone,
                                  timezone=_zone(args.timezone), address=args.address,
                                  session_interval_days=args.session_interval)
    print(f"clinic {clinic.code}: " + (", ".join(changed) + " changed" if changed
                                        else "nothing to change"))
    return 0


async def _bot_username(settings: Settings) -> str:
    if settings.bot_username:
        return settings.bot_username.lstrip("@")
    if settings.telegram_bot_token is None:
        raise Refused("set BOT_USERNAME (or TELEGRAM_BOT_TOKEN, to ask Telegram) to make a link")
    from telegram import Bot

    async with Bot(settings.telegram_bot_token.get_secret_value(),
                   base_url=settings.telegram_base_url) as bot:
        return bot.username


async def clinic_link(args: argparse.Namespace, settings: Settings, session: AsyncSession) -> int:
    import segno

    clinic = await _clinic(session, args.code)
    link = f"https://t.me/{await _bot_username(settings)}?start={clinic.code}"
    path = Path(args.qr or f"{clinic.code.lower()}-qr.png")
    segno.make(link, error="m").save(str(path), scale=10, border=4)
    print(link)
    print(f"QR code for the reception desk: {path}")
    return 0


# --- staff -----------------------------------------------------------------------------------

async def admin_add(args: argparse.Namespace, settings: Settings, session: AsyncSession) -> int:
    clinic = await _clinic(session, args.clinic)
    try:
        await staff.add_member(session, clinic, args.telegram_user_id, datetime.now(UTC))
    except staff.AlreadyStaff as exc:
        raise Refused(f"{args.telegram_user_id} is staff of {exc.clinic.code} already; "
                      "`admin remove` it first") from None
    print(f"{args.telegram_user_id} is now staff of {clinic.code}; they should send /start "
          "to the bot once so it may write to them")
    return 0


async def admin_remove(args: argparse.Namespace, settings: Settings,
                       session: AsyncSession) -> int:
    if not await staff.remove_member(session, args.telegram_user_id):
        raise Refused(f"{args.telegram_user_id} is not staff of any clinic")
    print(f"{args.telegram_user_id} is no longer staff")
    return 0


async def admin_list(args: argparse.Namespace, settings: Settings, session: AsyncSession) -> int:
    clinic = await _clinic(session, args.clinic) if args.clinic else None
    for member in await staff.members(session, clinic):
        print(f"{member.telegram_user_id}\t{member.clinic.code}\tsince {member.added_at:%Y-%m-%d}")
    return 0


async def admin_invite(args: argparse.Namespace, settings: Settings,
                       session: AsyncSession) -> int:
    clinic = await _clinic(session, args.clinic)
    invite = await staff.create_invite(session, clinic, datetime.now(UTC))
    print(f"/staff {invite.code}")
    print(f"one-time invite to {clinic.code}; the staff member sends the line above to the bot "
          f"before {invite.expires_at:%Y-%m-%d %H:%M} UTC")
    return 0


# --- broadcasts and figures ------------------------------------------------------------------

async def broadcast(args: argparse.Namespace, settings: Settings, session: AsyncSession) -> int:
    if args.rest:
        if len(args.rest) != 2 or args.rest[0] != "status" or not args.rest[1].isdigit():
            raise Refused("use `broadcast --clinic CODE --text TEXT` or `broadcast status ID`")
        return await _broadcast_status(int(args.rest[1]), session)
    if not args.clinic or not args.text:
        raise Refused("a broadcast needs --clinic CODE and --text TEXT")
    clinic = await _clinic(session, args.clinic)
    zone = ZoneInfo(clinic.timezone)
    now = datetime.now(UTC)
    send_at = now
    if args.at:
        try:
            send_at = datetime.strptime(args.at, "%Y-%m-%d %H:%M").replace(tzinfo=zone)
        except ValueError:
            raise Refused(f"--at {args.at!r} is not a time like \"2026-12-01 10:00\"") from None
        send_at = max(send_at.astimezone(UTC), now)
    draft = await broadcasts.create(session, clinic, args.text.strip(),
                                    audience=Audience(args.audience), created_by=None, now=now)
    await broadcasts.queue(session, draft, send_at=send_at, today=now.astimezone(zone).date())
    print(f"broadcast {draft.id} queued for {draft.total} patient(s) of {clinic.code} "
          f"({draft.audience.value}), sending from {send_at.astimezone(zone):%Y-%m-%d %H:%M} "
          f"{clinic.timezone}")
    print(f"follow it with: aftercare-bot broadcast status {draft.id}")
    return 0


async def _broadcast_status(number: int, session: AsyncSession) -> int:
    found = await broadcasts.get(session, number)
    if found is None or found.status is BroadcastStatus.DRAFT:
        raise Refused(f"no broadcast {number}")
    progress = await broadcasts.progress(session, found)
    print(f"broadcast {found.id} to {found.clinic.code} ({found.audience.value}): "
          f"{found.status.value}; {progress.total} patient(s): {progress.delivered} delivered, "
          f"{progress.blocked} blocked, {progress.failed} failed, "
          f"{progress.remaining} remaining")
    return 0


async def stats_command(args: argparse.Namespace, settings: Settings,
                        session: AsyncSession) -> int:
    clinic = await _clinic(session, args.clinic)
    figures = await stats.clinic_figures(session, clinic, datetime.now(UTC))
    if args.json:
        print(json.dumps({"clinic": clinic.code, **figures.as_json()}, indent=2))
        return 0
    from bot.handlers.staff import stats_text
    from messages.catalog import load_catalog
    from messages.render import plain_text

    print(plain_text(stats_text(load_catalog().phrasebook(), clinic, figures)))
    return 0


async def export(args: argparse.Namespace, settings: Settings, session: AsyncSession) -> int:
    """Everything held about one patient, as JSON: for a patient's access request."""
    patient = await patients.by_telegram_user(session, args.patient)
    if patient is None:
        raise Refused(f"no patient with Telegram user id {args.patient}")
    text = json.dumps(await patients.export_patient(session, patient), indent=2,
                      ensure_ascii=False)
    if args.output:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
        print(f"written to {args.output}")
    else:
        print(text)
    return 0


def add_parsers(commands: argparse._SubParsersAction,  # type: ignore[type-arg]
                settings_of: Callable[[], Settings]) -> None:
    def sub(parent: argparse._SubParsersAction, name: str, command: Command,  # type: ignore[type-arg]
            help_text: str) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = parent.add_parser(name, help=help_text)
        parser.set_defaults(func=runner(command, settings_of))
        return parser

    clinic = commands.add_parser("clinic", help="clinics patients can join")
    clinic_commands = clinic.add_subparsers(dest="clinic_command", required=True)
    add = sub(clinic_commands, "add", clinic_add, "add a clinic")
    add.add_argument("code", help="the code in the /start link, e.g. GLOW")
    add.add_argument("--name", required=True)
    add.add_argument("--phone", required=True)
    add.add_argument("--timezone", required=True, help="IANA zone, e.g. Europe/London")
    add.add_argument("--address")
    sub(clinic_commands, "list", clinic_list, "list clinics")
    edit = sub(clinic_commands, "edit", clinic_edit, "change a clinic's details")
    edit.add_argument("code")
    edit.add_argument("--name")
    edit.add_argument("--phone")
    edit.add_argument("--timezone")
    edit.add_argument("--address")
    edit.add_argument("--session-interval", type=int, choices=range(7, 181), metavar="7..180",
                      help="days between sessions: when 'book your next session' goes out")
    link = sub(clinic_commands, "link", clinic_link, "the patient link and a QR code PNG")
    link.add_argument("code")
    link.add_argument("--qr", help="where to write the PNG (default CODE-qr.png)")

    admin = commands.add_parser("admin", help="clinic staff")
    admin_commands = admin.add_subparsers(dest="admin_command", required=True)
    for name, command, help_text in (("add", admin_add, "make a Telegram user staff"),
                                     ("remove", admin_remove, "remove a staff member")):
        parser = sub(admin_commands, name, command, help_text)
        parser.add_argument("telegram_user_id", type=int)
        if name == "add":
            parser.add_argument("--clinic", required=True)
    sub(admin_commands, "list", admin_list, "list staff").add_argument("--clinic")
    sub(admin_commands, "invite", admin_invite,
        "a one-time code to join as staff").add_argument("--clinic", required=True)

    send = sub(commands, "broadcast", broadcast,
               "queue a broadcast for the running bot, or `broadcast status ID`")
    send.add_argument("rest", nargs="*", help="status ID")
    send.add_argument("--clinic")
    send.add_argument("--text")
    send.add_argument("--audience", choices=[a.value for a in Audience], default="active")
    send.add_argument("--at", help='local time of the clinic, "YYYY-MM-DD HH:MM"')

    access = sub(commands, "export", export, "everything held about one patient, as JSON")
    access.add_argument("--patient", type=int, required=True, metavar="TELEGRAM_USER_ID")
    access.add_argument("--output", help="a file to write (default: standard output)")

    figures = sub(commands, "stats", stats_command, "a clinic's figures")
    figures.add_argument("--clinic", required=True)
    figures.add_argument("--json", action="store_true")
