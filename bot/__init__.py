"""The Telegram side of Aftercare Companion."""

import os

# python-telegram-bot's documented opt-in: time spans (RetryAfter.retry_after) as timedelta,
# the type its next major version will use; bot.sender accepts both.
os.environ.setdefault("PTB_TIMEDELTA", "1")
