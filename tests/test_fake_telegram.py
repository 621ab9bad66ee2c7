"""The fake Telegram server, driven by python-telegram-bot's real Bot over HTTP."""

from __future__ import annotations

import asyncio
import json
import urllib.error
import urllib.request
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
)

from tests.fake_telegram import BOT_ID, BOT_USERNAME, FakeTelegram

TOKEN = "123:ABC"
CHAT = 42


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram() as server:
        yield server


@pytest.fixture
async def bot(fake: FakeTelegram) -> AsyncIterator[Bot]:
    async with Bot(token=TOKEN, base_url=fake.base_url) as telegram_bot:
        yield telegram_bot


def keyboard(*data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(d.upper(), callback_data=d) for d in data]])


async def test_get_me(fake: FakeTelegram, bot: Bot) -> None:
    me = await bot.get_me()

    assert (me.id, me.is_bot, me.username) == (BOT_ID, True, BOT_USERNAME)
    assert bot.username == BOT_USERNAME
    assert fake.token == TOKEN
    assert fake.count("getme") == 2  # once by `async with bot`, once here


async def test_send_message_is_recorded_with_its_buttons(fake: FakeTelegram, bot: Bot) -> None:
    message = await bot.send_message(
        CHAT, "<b>Day 1</b> &amp; <i>rest</i>", parse_mode=ParseMode.HTML,
        reply_markup=keyboard("ok", "later"))

    assert message.message_id == 1
    assert message.text == "Day 1 & rest"
    assert [(e.type, e.offset, e.length) for e in message.entities] == [
        ("bold", 0, 5), ("italic", 8, 4)]
    [sent] = fake.sent_to(CHAT)
    assert (sent.text, sent.raw_text, sent.parse_mode) == (
        "Day 1 & rest", "<b>Day 1</b> &amp; <i>rest</i>", "HTML")
    assert fake.last_buttons(CHAT) == [("OK", "ok"), ("LATER", "later")]
    assert (await bot.send_message(CHAT, "again")).message_id == 2
    assert fake.all_sent[-1].reply_markup is None


async def test_plain_strings_are_not_decoded_as_json(fake: FakeTelegram, bot: Bot) -> None:
    message = await bot.send_message(CHAT, "42")

    assert message.text == "42"
    assert fake.requests[-1] == ("sendMessage", {"chat_id": CHAT, "text": "42"})


@pytest.mark.parametrize(("text", "tail"), [
    ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
    ("a < b", 'Unsupported start tag "" at byte offset 2'),
    ("<script>x</script>", 'Unsupported start tag "script" at byte offset 0'),
    ("é <foo>", 'Unsupported start tag "foo" at byte offset 3'),
    ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
    ("x</b>", "Unexpected end tag at byte offset 1"),
    ("Tom & Jerry", 'Character "&" at byte offset 4 is not part of an entity; write "&amp;"'),
    ("&nbsp;", "Unsupported HTML entity at byte offset 0; only &lt; &gt; &amp; &quot; and "
               "numeric entities are allowed"),
    ('<span class="x">y</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
    ("<a>y</a>", 'Tag "a" must have attribute "href" at byte offset 0'),
])
async def test_bad_html_is_rejected(fake: FakeTelegram, bot: Bot, text: str, tail: str) -> None:
    with pytest.raises(BadRequest) as caught:
        await bot.send_message(CHAT, text, parse_mode=ParseMode.HTML)

    # python-telegram-bot drops "Bad Request: " and lower-cases all but the first letter.
    assert caught.value.message.lower() == f"can't parse entities: {tail}".lower()
    assert fake.sent_to(CHAT) == []


async def test_all_of_telegrams_html_is_accepted(bot: Bot) -> None:
    text = (
        '<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins><s>s</s><strike>k</strike>'
        '<del>d</del><a href="https://example.com/?a=1&amp;b=2">a</a><code>c</code>'
        '<pre><code class="language-python">p</code></pre><tg-spoiler>t</tg-spoiler>'
        '<span class="tg-spoiler">x</span><blockquote>q</blockquote>'
        '<blockquote expandable>w</blockquote><tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>'
        " &lt;&gt;&quot;&#65;&#x42;"
    )
    message = await bot.send_message(CHAT, text, parse_mode=ParseMode.HTML)

    assert message.text == 'bsieunskdacptxqw👍 <>"AB'
    types = [entity.type for entity in message.entities]
    assert types == ["bold", "bold", "italic", "italic", "underline", "underline",
                     "strikethrough", "strikethrough", "strikethrough", "text_link", "code", "pre",
                     "spoiler", "spoiler", "blockquote", "expandable_blockquote", "custom_emoji"]
    assert message.entities[9].url == "https://example.com/?a=1&b=2"
    assert message.entities[11].language == "python"


async def test_text_limits(bot: Bot) -> None:
    assert len((await bot.send_message(CHAT, "x" * 4096)).text) == 4096
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(CHAT, "x" * 4097)
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(CHAT, "<b> </b>\n", parse_mode=ParseMode.HTML)
    # The limit counts the text after entity parsing, not the markup.
    await bot.send_message(CHAT, "<b>" + "x" * 4096 + "</b>", parse_mode=ParseMode.HTML)


async def test_long_callback_data_is_rejected(bot: Bot) -> None:
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(CHAT, "pick", reply_markup=keyboard("x" * 65))


async def test_blocked_chat_is_forbidden(fake: FakeTelegram, bot: Bot) -> None:
    fake.block(CHAT)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(CHAT, "hello")
    await bot.send_message(CHAT + 1, "others still get it")

    fake.unblock(CHAT)
    await bot.send_message(CHAT, "hello again")
    assert [sent.text for sent in fake.all_sent] == ["others still get it", "hello again"]


async def test_fail_next_retry_after(fake: FakeTelegram, bot: Bot) -> None:
    fake.fail_next("sendMessage", retry_after=3)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(CHAT, "hello")
    retry_after = caught.value.retry_after
    assert int(getattr(retry_after, "total_seconds", lambda: retry_after)()) == 3

    await bot.send_message(CHAT, "hello")  # only the next call failed
    assert fake.count("sendMessage") == 2


def _seconds(retry_after: object) -> float:
    return float(getattr(retry_after, "total_seconds", lambda: retry_after)())


async def test_rate_limit_overall(fake: FakeTelegram, bot: Bot) -> None:
    clock = [100.0]
    fake.limit_rate(per_second=30, monotonic=lambda: clock[0])
    for chat in range(30):
        await bot.send_message(CHAT + chat, "hello")
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(CHAT + 99, "the 31st in one second")
    assert _seconds(caught.value.retry_after) == 1

    clock[0] += 0.999
    with pytest.raises(RetryAfter):
        await bot.send_message(CHAT + 99, "still the same second")
    clock[0] += 0.001
    await bot.send_message(CHAT + 99, "a new second")
    assert (fake.rate_limited, len(fake.all_sent)) == (2, 31)
    assert [code for _, code, _ in fake.errors] == [429, 429]


async def test_rate_limit_per_chat(fake: FakeTelegram, bot: Bot) -> None:
    clock = [100.0]
    fake.limit_rate(monotonic=lambda: clock[0])
    for _ in range(3):
        await bot.send_message(CHAT, "a burst of three")
    with pytest.raises(RetryAfter):
        await bot.send_message(CHAT, "a fourth at once")
    await bot.send_message(CHAT + 1, "another chat is not held")

    clock[0] += 1.0
    await bot.send_message(CHAT, "one a second after the burst")
    with pytest.raises(RetryAfter):
        await bot.send_message(CHAT, "but not two")
    assert fake.rate_limited == 2
    assert len(fake.sent_to(CHAT)) == 4


async def test_fail_next_for_one_chat_and_several_times(fake: FakeTelegram, bot: Bot) -> None:
    fake.fail_next("sendmessage", status=400, description="Bad Request: chat not found",
                   chat_id=CHAT, times=2)
    await bot.send_message(CHAT + 1, "unaffected")
    for _ in range(2):
        with pytest.raises(BadRequest, match="Chat not found"):
            await bot.send_message(CHAT, "hello")
    await bot.send_message(CHAT, "hello")


async def test_down_answers_bad_gateway(fake: FakeTelegram, bot: Bot) -> None:
    fake.set_down(True)
    with pytest.raises(NetworkError, match="Bad Gateway"):
        await bot.send_message(CHAT, "hello")
    fake.set_down(False)
    await bot.send_message(CHAT, "hello")


def post(url: str, body: bytes = b"", content_type: str = "application/json") -> tuple[int, dict]:
    request = urllib.request.Request(url, body, {"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


async def test_raw_http_answers(fake: FakeTelegram) -> None:
    base = fake.base_url + TOKEN
    assert await asyncio.to_thread(post, f"{base}/sendDice") == (
        404, {"ok": False, "error_code": 404, "description": "Not Found"})
    status, body = await asyncio.to_thread(
        post, f"{base}/SENDMESSAGE", b'{"chat_id": 42, "text": "json body"}')
    assert (status, body["ok"], body["result"]["text"]) == (200, True, "json body")
    status, body = await asyncio.to_thread(
        post, f"{base}/sendMessage", b"chat_id=42&parse_mode=HTML&text=%3Cb%3Ex",
        "application/x-www-form-urlencoded")
    assert status == 400
    assert body["description"].startswith("Bad Request: can't parse entities: ")
    fake.set_down(True)
    assert await asyncio.to_thread(post, f"{base}/getMe") == (
        502, {"ok": False, "error_code": 502, "description": "Bad Gateway"})
    assert fake.count("sendMessage") == 2


async def test_get_updates_long_polls_for_a_pushed_command(fake: FakeTelegram, bot: Bot) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=2))
    await fake.wait_for(lambda: fake.count("getUpdates") == 1)
    await asyncio.sleep(0.05)
    assert not poll.done()  # it waits for an update rather than answering at once

    fake.push_text(CHAT, "/start ABC", first_name="Bea")
    [update] = await asyncio.wait_for(poll, 1)

    assert update.message.text == "/start ABC"
    assert update.message.from_user.first_name == "Bea"
    assert update.message.chat.type == "private"
    [entity] = update.message.entities
    assert (entity.type, entity.offset, entity.length) == ("bot_command", 0, 6)


async def test_get_updates_times_out_empty(bot: Bot) -> None:
    assert await bot.get_updates(timeout=0.1) == ()


async def test_offset_confirms_updates(fake: FakeTelegram, bot: Bot) -> None:
    first = fake.push_text(CHAT, "one")
    fake.push_text(CHAT, "two")
    fake.push_text(CHAT, "three")

    assert [u.message.text for u in await bot.get_updates(limit=2)] == ["one", "two"]
    updates = await bot.get_updates(offset=first["update_id"] + 1)
    assert [u.message.text for u in updates] == ["two", "three"]
    assert await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0) == ()


async def test_editing_to_identical_content_is_not_modified(fake: FakeTelegram, bot: Bot) -> None:
    message = await bot.send_message(CHAT, "<b>Day 1</b>", parse_mode=ParseMode.HTML,
                                     reply_markup=keyboard("ok"))

    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text("<strong>Day 1</strong>", CHAT, message.message_id,
                                    parse_mode=ParseMode.HTML, reply_markup=keyboard("ok"))
    edited = await bot.edit_message_text("Day 2", CHAT, message.message_id)

    assert edited.text == "Day 2"
    assert edited.reply_markup is None  # an edit without a keyboard removes it
    assert fake.sent_to(CHAT)[0].text == "Day 2"
    assert [(e.method, e.text) for e in fake.edits] == [("editMessageText", "Day 2")]
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("x", CHAT, 99)


async def test_callback_updates_carry_the_bot_message(fake: FakeTelegram, bot: Bot) -> None:
    message = await bot.send_message(CHAT, "Ready?", reply_markup=keyboard("yes", "no"))
    pushed = fake.push_callback(CHAT, "yes", message_id=message.message_id)

    [raw] = await bot.get_updates()
    update = Update.de_json(pushed, bot)
    assert raw.update_id == update.update_id
    query = raw.callback_query
    assert query.data == "yes"
    assert query.message.message_id == message.message_id
    assert query.message.reply_markup.inline_keyboard[0][1].callback_data == "no"

    await query.answer("Saved", show_alert=True)
    assert [(a.text, a.show_alert) for a in fake.answered_callbacks] == [("Saved", True)]
    with pytest.raises(BadRequest, match="Query is too old"):
        await query.answer()
    with pytest.raises(ValueError, match="no button"):
        fake.push_callback(CHAT, "maybe", message_id=message.message_id)


async def test_other_user_updates_parse(fake: FakeTelegram, bot: Bot) -> None:
    fake.push_sticker(CHAT)
    fake.push_photo(CHAT)
    fake.push_voice(CHAT)
    fake.push_location(CHAT)
    fake.push_edited_text(CHAT, "fixed")

    sticker, photo, voice, location, edited = await bot.get_updates()
    assert sticker.message.sticker.type == "regular"
    assert len(photo.message.photo) == 3
    assert voice.message.voice.duration in (3, timedelta(seconds=3))  # PTB_TIMEDELTA opt-in
    assert location.message.location.latitude == pytest.approx(52.52)
    assert edited.edited_message.text == "fixed"
    assert edited.edited_message.message_id == location.message.message_id


async def test_commands_actions_and_deletion(fake: FakeTelegram, bot: Bot) -> None:
    await bot.set_my_commands([("start", "Begin"), ("help", "Help")])
    assert fake.commands == [{"command": "start", "description": "Begin"},
                             {"command": "help", "description": "Help"}]
    assert [c.command for c in await bot.get_my_commands()] == ["start", "help"]
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([("Start", "Begin")])

    assert await bot.send_chat_action(CHAT, "typing")
    message = await bot.send_message(CHAT, "bye")
    assert await bot.delete_message(CHAT, message.message_id)
    assert fake.sent_to(CHAT)[0].deleted
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(CHAT, message.message_id)
    assert await bot.delete_webhook()
    assert (await bot.get_webhook_info()).url == ""


async def test_wait_for_sent_reports_what_was_sent(fake: FakeTelegram, bot: Bot) -> None:
    await bot.send_message(CHAT, "only one")

    assert [s.text for s in await fake.wait_for_sent(CHAT, 1)] == ["only one"]
    with pytest.raises(AssertionError, match="2 message.*only one"):
        await fake.wait_for_sent(CHAT, 2, timeout=0.05)


async def test_an_application_polls_and_answers(fake: FakeTelegram) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.message.reply_text(f"Hi <b>{context.args[0]}</b>", reply_markup=keyboard("go"))

    async def press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.callback_query.answer()
        await update.callback_query.edit_message_text("pressed")

    application = (Application.builder().token(TOKEN).base_url(fake.base_url)
                   .defaults(Defaults(parse_mode=ParseMode.HTML)).build())
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CallbackQueryHandler(press))
    async with application:
        await application.start()
        await application.updater.start_polling(poll_interval=0, timeout=1)
        fake.push_text(CHAT, f"/start@{BOT_USERNAME} ABC")
        [sent] = await fake.wait_for_sent(CHAT, 1)
        assert (sent.raw_text, sent.entities) == (
            "Hi <b>ABC</b>", [{"type": "bold", "offset": 3, "length": 3}])
        fake.push_callback(CHAT, "go", message_id=sent.message_id)
        await fake.wait_for(lambda: fake.edits, what="an edit")
        await application.updater.stop()
        await application.stop()

    assert (sent.text, fake.last_buttons(CHAT)) == ("pressed", [])  # records show edits
    assert len(fake.answered_callbacks) == 1
    assert fake.errors == []
