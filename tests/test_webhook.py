"""`aftercare-bot run --webhook URL`: registers the webhook with its secret, serves updates that
carry the secret header, refuses those that do not."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot.app import webhook_secret
from bot.config import Settings
from tests.bot_harness import TOKEN
from tests.fake_telegram import JSON, FakeTelegram


class WebhookTelegram(FakeTelegram):
    """The fake Bot API, also answering setWebhook and remembering what it was given."""

    def __init__(self) -> None:
        super().__init__()
        self.webhook: JSON = {}
        self._methods["setwebhook"] = ("setWebhook", self._set_webhook)

    def _set_webhook(self, params: JSON) -> bool:
        self.webhook = dict(params)
        return True


@pytest.fixture
def webhook_fake() -> Iterator[WebhookTelegram]:
    with WebhookTelegram() as server:
        yield server


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def update(user: int, text: str) -> JSON:
    return {"update_id": 1, "message": {
        "message_id": 1, "date": 0, "text": text,
        "entities": [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}],
        "from": {"id": user, "is_bot": False, "first_name": "Web"},
        "chat": {"id": user, "type": "private", "first_name": "Web"}}}


async def test_webhook_mode_checks_the_secret(webhook_fake: WebhookTelegram,
                                              tmp_path: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram/hook"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    env.update(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_BASE_URL=webhook_fake.base_url,
               DATABASE_URL=f"sqlite:///{tmp_path / 'web.sqlite3'}", CLINIC_NAME="Web Clinic")
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "--webhook", url, "--listen", "127.0.0.1",
         "--port", str(port)], cwd=tmp_path, env=env, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True)
    secret = webhook_secret(Settings(_env_file=None, telegram_bot_token=TOKEN))  # type: ignore[call-arg]
    try:
        await webhook_fake.wait_for(lambda: webhook_fake.webhook, timeout=20,
                                    what="setWebhook")
        assert webhook_fake.webhook["url"] == url
        assert webhook_fake.webhook["secret_token"] == secret
        async with httpx.AsyncClient() as client:
            refused = await client.post(url, json=update(31, "/start"))
            forged = await client.post(url, json=update(32, "/start"),
                                       headers={"X-Telegram-Bot-Api-Secret-Token": "guess"})
            accepted = await client.post(url, json=update(33, "/start"),
                                         headers={"X-Telegram-Bot-Api-Secret-Token": secret})
        assert refused.status_code == forged.status_code == 403
        assert accepted.status_code == 200
        sent = await webhook_fake.wait_for_sent(33, 1, timeout=10)
        assert "Web Clinic" in sent[0].text
        assert webhook_fake.sent_to(31) == webhook_fake.sent_to(32) == []
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=30)
    assert process.returncode == 0, output
    assert TOKEN not in output and secret not in output
