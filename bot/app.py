"""The application factory: one place that wires settings, services, handlers and the job."""

from __future__ import annotations

import asyncio
import hashlib
import logging
from datetime import timedelta

from sqlalchemy.exc import DBAPIError
from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import FloodLimit, ParseMode
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    JobQueue,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import keyboards
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.dispatcher import Dispatcher
from bot.handlers import (
    conversation,
    errors,
    guard,
    plan_control,
    questions,
    registration,
    staff,
    status,
    throttle,
)
from bot.pacing import Pacer
from bot.sender import TelegramSender
from bot.throttling import Throttle
from bot.services import KEY, Services
from messages.answering import Answerer
from messages.catalog import BUNDLED_CONTENT, load_catalog
from storage import clinics
from storage.db import create_engine, session_factory
from storage.migrate import upgrade_async

log = logging.getLogger(__name__)
REPLY_RETRIES = 3

COMMANDS = ("start", "status", "settings", "newdate", "newsession", "pause", "resume", "stop",
            "delete", "help")
STARTUP_RETRY_SECONDS = (1, 2, 4, 8, 15)
PRIVATE = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
GROUP = filters.ChatType.GROUPS & filters.UpdateType.MESSAGE


async def dispatch_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    svc: Services = context.application.bot_data[KEY]
    await svc.dispatcher.tick_safely(svc.clock.now())


async def migrate_when_reachable(url: str) -> None:
    """At start, a database that is not up yet (a container starting alongside) is waited
    for, with a clear line per try, before giving up with the error."""
    for wait in STARTUP_RETRY_SECONDS:
        try:
            await upgrade_async(url)
            return
        except (DBAPIError, OSError) as exc:
            cause = getattr(exc, "orig", None) or exc
            log.warning("database not reachable (%s: %s); trying again in %ss",
                        type(cause).__name__, cause, wait)
            await asyncio.sleep(wait)
    await upgrade_async(url)


def rate_limiter(settings: Settings) -> AIORateLimiter:
    """Every send shares Telegram's ~30 messages a second (or a higher SEND_RATE_PER_SECOND):
    replies to patients wait their turn instead of being refused when many write at once. A
    bucket of one, so sends are spaced and never burst; the dispatcher's pacer stays below it.
    A 429 halts all sends for the time Telegram asks and is retried; past REPLY_RETRIES the
    dispatcher's own handling (hold every slot, put the row back) takes over. A rate of 0
    (no pacing, for benchmarks) lifts the ceiling."""
    rate = max(settings.send_rate_per_second, FloodLimit.MESSAGES_PER_SECOND)
    paced = settings.send_rate_per_second > 0
    return AIORateLimiter(overall_max_rate=1 if paced else 0,
                          overall_time_period=1 / rate if paced else 0,
                          max_retries=REPLY_RETRIES)


class DrainingJobQueue(JobQueue):  # type: ignore[type-arg]
    """python-telegram-bot's job queue, paused before it stops: it waits for running jobs
    and then shuts the scheduler down, and a dispatcher tick that fired in between was
    cancelled before it began and logged as an error."""

    async def stop(self, wait: bool = True) -> None:
        if self.scheduler.running:
            self.scheduler.pause()
        await super().stop(wait)


def build_application(settings: Settings, *, clock: Clock | None = None) -> Application:
    """The bot, ready for `run_polling`; services start in post_init, stop in post_shutdown."""
    if settings.telegram_bot_token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    chosen_clock = clock or SystemClock()

    async def post_init(application: Application) -> None:
        await migrate_when_reachable(settings.database_url)
        catalog = load_catalog(settings.content_dir or BUNDLED_CONTENT)
        engine = create_engine(settings.database_url)
        sessions = session_factory(engine)
        async with sessions.begin() as session:
            clinic = await clinics.ensure_clinic(
                session, code=settings.clinic_code, name=settings.clinic_name,
                phone=settings.clinic_phone, timezone=settings.default_timezone)
        dispatcher = Dispatcher(sessions, TelegramSender(application.bot), catalog,
                                pacer=Pacer(settings.send_rate_per_second),
                                running=lambda: application.running)
        services = Services(settings=settings, engine=engine, sessions=sessions,
                            catalog=catalog, clock=chosen_clock, dispatcher=dispatcher,
                            answerer=Answerer.from_catalog(catalog), default_clinic=clinic,
                            throttle=(Throttle(settings.patient_messages_per_minute)
                                      if settings.patient_messages_per_minute else None))
        application.bot_data[KEY] = services
        await dispatcher.recover(chosen_clock.now())
        phrases = catalog.phrasebook()
        await application.bot.set_my_commands(
            [BotCommand(name, phrases(f"command_{name}")) for name in COMMANDS])
        assert application.job_queue is not None
        application.job_queue.run_repeating(
            dispatch_job, interval=timedelta(seconds=settings.dispatch_interval_seconds),
            first=0.5, name="dispatcher", job_kwargs={"max_instances": 1, "coalesce": True})
        log.info("started: clinic %s, dispatch every %ss", clinic.code,
                 settings.dispatch_interval_seconds)

    async def post_shutdown(application: Application) -> None:
        services: Services | None = application.bot_data.get(KEY)
        if services is not None:
            await services.engine.dispose()

    application = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(settings.telegram_base_url)
        .defaults(Defaults(parse_mode=ParseMode.HTML,
                           link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .rate_limiter(rate_limiter(settings))
        .job_queue(DrainingJobQueue())
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .build()
    )
    add_handlers(application)
    return application


def add_handlers(application: Application) -> None:
    handlers = [
        CommandHandler("start", registration.start, filters=PRIVATE),
        CommandHandler("status", status.status, filters=PRIVATE),
        CommandHandler("help", status.help_command, filters=PRIVATE),
        CommandHandler("settings", plan_control.settings, filters=PRIVATE),
        CommandHandler("newdate", plan_control.new_date, filters=PRIVATE),
        CommandHandler("pause", plan_control.pause, filters=PRIVATE),
        CommandHandler("resume", plan_control.resume, filters=PRIVATE),
        CommandHandler("stop", plan_control.stop, filters=PRIVATE),
        CommandHandler("delete", plan_control.delete, filters=PRIVATE),
        CommandHandler("newsession", plan_control.new_session, filters=PRIVATE),
        CommandHandler("staff", staff.join, filters=PRIVATE),
        CommandHandler("staffchat", staff.staff_chat, filters=PRIVATE | GROUP),
        CommandHandler("broadcast", staff.broadcast, filters=PRIVATE),
        CommandHandler("cancel", staff.cancel, filters=PRIVATE),
        CommandHandler("stats", staff.stats_command, filters=PRIVATE),
        CommandHandler("alerts", staff.alerts_command, filters=PRIVATE),
        CommandHandler("unanswered", staff.unanswered_command, filters=PRIVATE),
        MessageHandler(PRIVATE & filters.COMMAND, conversation.unknown_command),
        MessageHandler(PRIVATE & filters.TEXT, conversation.text),
        MessageHandler(PRIVATE, conversation.not_text),
        MessageHandler(~filters.ChatType.PRIVATE & filters.COMMAND
                       & filters.UpdateType.MESSAGE, conversation.private_only),
        CallbackQueryHandler(registration.accept_disclaimer, pattern=f"^{keyboards.ACCEPT}$"),
        CallbackQueryHandler(registration.date_button, pattern=f"^{keyboards.DATE}:"),
        CallbackQueryHandler(registration.timezone_button,
                             pattern=f"^({keyboards.TZ_OK}|{keyboards.TZ_CHANGE}|"
                                     f"{keyboards.TZ_SET}:.+)$"),
        CallbackQueryHandler(plan_control.settings_button,
                             pattern=f"^({keyboards.SETTINGS_HOUR}|{keyboards.SETTINGS_TZ})$"),
        CallbackQueryHandler(plan_control.hour_button, pattern=f"^{keyboards.HOUR}:"),
        CallbackQueryHandler(plan_control.delete_button,
                             pattern=f"^({keyboards.DELETE_YES}|{keyboards.DELETE_NO})$"),
        CallbackQueryHandler(questions.vote_button, pattern=f"^{keyboards.VOTE}:"),
        CallbackQueryHandler(questions.alternative_button, pattern=f"^{keyboards.ALTERNATIVE}:"),
        CallbackQueryHandler(registration.sessions_button, pattern=f"^{keyboards.SESSIONS}:"),
        CallbackQueryHandler(staff.broadcast_button, pattern=f"^{keyboards.BROADCAST}:"),
        CallbackQueryHandler(staff.handled_button, pattern=f"^{keyboards.HANDLED}:"),
        CallbackQueryHandler(conversation.stale_button),
    ]
    application.add_handler(TypeHandler(Update, throttle.throttle), group=-2)
    application.add_handler(CallbackQueryHandler(guard.own_chat_only), group=-1)
    application.add_handlers(handlers)
    application.add_error_handler(errors.on_error)


def webhook_secret(settings: Settings) -> str:
    """WEBHOOK_SECRET, or one derived from the token: the same in every process."""
    if settings.webhook_secret is not None:
        return settings.webhook_secret.get_secret_value()
    assert settings.telegram_bot_token is not None
    token = settings.telegram_bot_token.get_secret_value()
    return hashlib.sha256(f"webhook:{token}".encode()).hexdigest()


def allowed_updates() -> list[str]:
    return [Update.MESSAGE, Update.CALLBACK_QUERY]
