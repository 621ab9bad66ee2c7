"""`aftercare-bot`: run the bot, preview a plan, check content, answer a question, migrate the
database; the clinic side (clinics, staff, broadcasts, figures) is in `clinic_cli`."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from bot import clinic_cli
from bot.config import BOTFATHER_HINT, Settings
from bot.logs import setup_logging
from messages.answering import Answerer
from messages.catalog import BUNDLED_CONTENT, DEFAULT_PROTOCOL, check_directory
from messages.planner import DEFAULT_SEND_HOUR, plan
from messages.render import Recipient, plain_text, render
from messages.timezones import is_valid


def _settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])).upper()}: {e['msg']}"
                             for e in exc.errors())
        raise SystemExit(f"configuration error: {problems}") from None


def cmd_run(args: argparse.Namespace) -> int:
    settings = _settings()
    if settings.telegram_bot_token is None:
        print(BOTFATHER_HINT, file=sys.stderr)
        return 2
    token = settings.telegram_bot_token.get_secret_value()
    setup_logging(settings.log_level, token)
    from bot.app import allowed_updates, build_application, webhook_secret

    application = build_application(settings)
    if args.webhook is None:
        application.run_polling(allowed_updates=allowed_updates())
        return 0
    url = urlsplit(args.webhook)
    if url.scheme not in ("https", "http") or not url.netloc:
        print(f"--webhook needs a URL such as https://bot.example.org/telegram, "
              f"not {args.webhook!r}", file=sys.stderr)
        return 2
    # Every process behind the load balancer derives the same secret from the token, so
    # Telegram's X-Telegram-Bot-Api-Secret-Token header is checked by all of them.
    application.run_webhook(listen=args.listen, port=args.port, url_path=url.path.lstrip("/"),
                            webhook_url=args.webhook, secret_token=webhook_secret(settings),
                            allowed_updates=allowed_updates())
    return 0


def cmd_schedule(args: argparse.Namespace) -> int:
    settings = _settings()
    zone_name = args.timezone or settings.default_timezone
    if not is_valid(zone_name):
        print(f"unknown time zone {zone_name!r}; use a name such as Europe/London",
              file=sys.stderr)
        return 2
    zone = ZoneInfo(zone_name)
    catalog, errors = check_directory(settings.content_dir or BUNDLED_CONTENT)
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 1
    protocol = catalog.protocol(DEFAULT_PROTOCOL, "en")
    # As if the patient registered early on the treatment day: the whole plan, nothing skipped.
    start = datetime.combine(args.date, time(0), tzinfo=zone)
    planned = plan(protocol, args.date, zone, args.send_hour, start, reply_now=False)
    recipient = Recipient(first_name="there", clinic_name=settings.clinic_name,
                          clinic_phone=settings.clinic_phone, treatment_date=args.date)
    entries: list[dict[str, Any]] = [
        {
            "key": p.key,
            "day": p.day,
            "title": p.title,
            "local_time": p.local_time.isoformat(),
            "due_utc": p.due_utc.isoformat(),
            "text": render(protocol, protocol.message(p.key).text, recipient),
        }
        for p in planned
    ]
    if args.json:
        print(json.dumps(entries, indent=2, ensure_ascii=False))
        return 0
    for planned_message, entry in zip(planned, entries, strict=True):
        local, utc = planned_message.local_time, planned_message.due_utc
        print(f"day {entry['day']:>3}  {local:%a %d %b %Y %H:%M %Z}  (UTC {utc:%H:%M})  "
              f"{entry['key']}: {entry['title']}")
        if args.text:
            print("    " + entry["text"].replace("\n", "\n    ") + "\n")
    return 0


def cmd_check_content(args: argparse.Namespace) -> int:
    directory = args.directory or _settings().content_dir or BUNDLED_CONTENT
    catalog, errors = check_directory(Path(directory))
    if errors:
        print("\n".join(errors), file=sys.stderr)
        print(f"content check failed ({len(errors)} problem(s) above)", file=sys.stderr)
        return 1
    for (name, language), protocol in sorted(catalog.protocols.items()):
        print(f"ok: {name}.{language} version {protocol.content_version}, "
              f"{len(protocol.messages)} messages, {len(protocol.settings)} settings")
    for language in sorted(catalog.phrases):
        print(f"ok: phrases.{language}")
    for language, faq in sorted(catalog.faqs.items()):
        phrasings = sum(len(entry.phrasings) for entry in faq.entries)
        print(f"ok: faq.{language} version {faq.content_version}, {len(faq.entries)} entries, "
              f"{phrasings} phrasings")
    for language, lexicon in sorted(catalog.lexicons.items()):
        print(f"ok: lexicon.{language}, {len(lexicon.slang)} slang, {len(lexicon.emoji)} emoji, "
              f"{len(lexicon.other_procedures)} other procedures")
    for language, offtopic in sorted(catalog.offtopics.items()):
        print(f"ok: offtopic.{language}, {len(offtopic.examples)} examples")
    for language, warnings in sorted(catalog.warnings.items()):
        print(f"ok: warnings.{language}, {len(warnings.warning)} warning signs, "
              f"{len(warnings.ordinary)} ordinary messages")
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    """What the bot would answer, for a clinic checking its FAQ; one JSON line per question."""
    settings = _settings()
    catalog, errors = check_directory(settings.content_dir or BUNDLED_CONTENT)
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 1
    answerer = Answerer.from_catalog(catalog)
    today = datetime.now(ZoneInfo(settings.default_timezone)).date()
    recipient = Recipient(first_name="there", clinic_name=settings.clinic_name,
                          clinic_phone=settings.clinic_phone,
                          treatment_date=today - timedelta(days=max(args.day or 0, 0)))
    questions = [args.question] if args.question else (line.strip() for line in sys.stdin)
    for question in questions:
        if not question:
            continue
        answer = answerer.answer(question, args.day, recipient)
        if args.json:
            print(json.dumps({
                "topic": answer.topic, "score": round(answer.score, 3),
                "urgency": answer.urgency, "answer": plain_text(answer.text),
                "alternatives": list(answer.alternatives),
            }, ensure_ascii=False), flush=True)
        else:
            label = answer.topic or "-"
            print(f"[{answer.urgency} / {answer.outcome} / {label} {answer.score:.2f}]")
            print(plain_text(answer.text) + "\n", flush=True)
    return 0


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from storage.migrate import upgrade

    settings = _settings()
    upgrade(settings.database_url)
    print("database is at the latest schema")
    return 0


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2026-03-29") from None


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="aftercare-bot", description=__doc__)
    commands = root.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run the bot: long polling, or a webhook")
    run.add_argument("--webhook", metavar="URL",
                     help="receive updates at this public HTTPS URL instead of polling")
    run.add_argument("--listen", default="0.0.0.0", help="address to listen on (webhook)")
    run.add_argument("--port", type=int, default=8443, help="port to listen on (webhook)")
    run.set_defaults(func=cmd_run)

    schedule = commands.add_parser("schedule", help="print the plan for a treatment date")
    schedule.add_argument("--date", type=_date, required=True, help="treatment date YYYY-MM-DD")
    schedule.add_argument("--timezone", help="IANA zone; default DEFAULT_TIMEZONE")
    schedule.add_argument("--send-hour", type=int, default=DEFAULT_SEND_HOUR,
                          choices=range(8, 21), metavar="8..20")
    schedule.add_argument("--json", action="store_true", help="one JSON list")
    schedule.add_argument("--text", action="store_true", help="also print each message")
    schedule.set_defaults(func=cmd_schedule)

    check = commands.add_parser("check-content", help="validate every content file")
    check.add_argument("--directory", help="content directory; default CONTENT_DIR or bundled")
    check.set_defaults(func=cmd_check_content)

    ask = commands.add_parser("ask", help="what the bot would answer to a question")
    ask.add_argument("question", nargs="?", help="the question; none: one per line on stdin")
    ask.add_argument("--day", type=int, help="the patient's recovery day (0 = treatment day)")
    ask.add_argument("--json", action="store_true", help="one JSON object per question")
    ask.set_defaults(func=cmd_ask)

    clinic_cli.add_parsers(commands, _settings)

    db = commands.add_parser("db", help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    db_commands.add_parser("upgrade", help="apply migrations").set_defaults(func=cmd_db_upgrade)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    result: int = args.func(args)
    return result
