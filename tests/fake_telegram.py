"""A fake Telegram Bot API server for end-to-end tests.

The bot under test talks HTTP to this server exactly as it would to api.telegram.org, through
python-telegram-bot's own request code, so tests cover serialisation, error handling and long
polling without the internet. The fake checks what Telegram checks (HTML markup, text length,
callback data) and answers with Telegram's descriptions, so a message production would reject
fails the test as well. Tests push user updates in, inject faults and inspect what the bot sent.

    with FakeTelegram() as fake:
        application = Application.builder().token("123:ABC").base_url(fake.base_url).build()
        fake.push_text(42, "/start")
        sent = await fake.wait_for_sent(42, 1)
"""

from __future__ import annotations

import asyncio
import copy
import dataclasses
import itertools
import json
import math
import re
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import Message
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, urlsplit

JSON = dict[str, Any]

BOT_ID = 1000
BOT_USERNAME = "aftercare_test_bot"
BOT_USER: JSON = {"id": BOT_ID, "is_bot": True, "first_name": "Aftercare", "username": BOT_USERNAME}
DEFAULT_FIRST_NAME = "Ann"
MAX_TEXT_LENGTH = 4096
MAX_CALLBACK_DATA_BYTES = 64
MAX_CALLBACK_ANSWER_LENGTH = 200

NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the same"
    " as a current content and reply markup of the message"
)
BLOCKED = "Forbidden: bot was blocked by the user"
QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid"

# python-telegram-bot JSON-encodes every parameter except strings, which it sends as they are.
# Decoding these as JSON would turn a text "42" into a number and "true" into a boolean.
_STRING_PARAMS = frozenset({"text", "parse_mode", "callback_query_id", "action", "url"})
_CHAT_ACTIONS = frozenset({
    "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
    "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note",
})
_BUTTON_ACTIONS = frozenset({
    "url", "callback_data", "web_app", "login_url", "switch_inline_query",
    "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "copy_text",
    "callback_game", "pay",
})
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
_LEADING_COMMAND = re.compile(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{5,32})?")

# Telegram's HTML subset (https://core.telegram.org/bots/api#html-style) and the entity each makes.
_TAG_ENTITY = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline",
    "ins": "underline", "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough",
    "a": "text_link", "code": "code", "pre": "pre", "tg-spoiler": "spoiler", "span": "spoiler",
    "blockquote": "blockquote", "tg-emoji": "custom_emoji",
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_TAG_NAME = re.compile(r"[^\s>]*")


def _utf16_length(text: str) -> int:
    """Entity offsets and lengths are counted in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


class _ApiError(Exception):
    """An error answer, shaped like Telegram's."""

    def __init__(self, code: int, description: str, parameters: JSON | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters

    def body(self) -> JSON:
        body: JSON = {"ok": False, "error_code": self.code, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def _bad_request(detail: str) -> _ApiError:
    return _ApiError(400, f"Bad Request: {detail}")


class _EntityError(Exception):
    """Markup Telegram cannot parse; the message is the tail of "can't parse entities: ..."."""


@dataclass
class _OpenTag:
    name: str
    entity: JSON
    offset: int


class _TelegramHTML(HTMLParser):
    """Telegram's HTML parse mode: plain text and entities, or an _EntityError worded as
    Telegram words it (tdlib's parse_html), byte offsets included."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self._source = source
        self._line_starts = [0] + [match.end() for match in re.finditer("\n", source)]
        self._text: list[str] = []
        self._length = 0
        self._open: list[_OpenTag] = []
        self._entities: list[JSON] = []

    def parse(self) -> tuple[str, list[JSON]]:
        self.feed(self._source)
        self.close()
        if self._open:
            raise _EntityError(
                f'Can\'t find end tag corresponding to start tag "{self._open[-1].name}"')
        return "".join(self._text), sorted(
            self._entities, key=lambda entity: (entity["offset"], -entity["length"]))

    def _index(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _byte_offset(self, index: int) -> int:
        return len(self._source[:index].encode())

    def _bad_start_tag(self, index: int) -> _EntityError:
        """A `<` that does not open a tag Telegram supports, named as tdlib names it."""
        name = _TAG_NAME.match(self._source, index + 1).group()  # type: ignore[union-attr]
        offset = self._byte_offset(index)
        if index + 1 + len(name) == len(self._source) or name.lower() in _TAG_ENTITY:
            return _EntityError(f"Unclosed start tag at byte offset {offset}")
        return _EntityError(f'Unsupported start tag "{name.lower()}" at byte offset {offset}')

    def _append(self, text: str) -> None:
        self._text.append(text)
        self._length += _utf16_length(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        index = self._index()
        if tag not in _TAG_ENTITY:
            raise self._bad_start_tag(index)
        attributes = {name: value or "" for name, value in attrs}
        entity: JSON = {"type": _TAG_ENTITY[tag]}
        at = f"at byte offset {self._byte_offset(index)}"
        if tag == "a":
            if not attributes.get("href"):
                raise _EntityError(f'Tag "a" must have attribute "href" {at}')
            entity["url"] = attributes["href"]
        elif tag == "span" and attributes.get("class") != "tg-spoiler":
            raise _EntityError(f'Tag "span" must have class "tg-spoiler" {at}')
        elif tag == "tg-emoji":
            if not attributes.get("emoji-id"):
                raise _EntityError(f'Tag "tg-emoji" must have attribute "emoji-id" {at}')
            entity["custom_emoji_id"] = attributes["emoji-id"]
        elif tag == "blockquote" and "expandable" in attributes:
            entity["type"] = "expandable_blockquote"
        elif tag == "code" and attributes.get("class", "").startswith("language-"):
            entity["language"] = attributes["class"].removeprefix("language-")
        self._open.append(_OpenTag(tag, entity, self._length))

    def handle_endtag(self, tag: str) -> None:
        offset = self._byte_offset(self._index())
        if not self._open:
            raise _EntityError(f"Unexpected end tag at byte offset {offset}")
        opened = self._open.pop()
        if tag != opened.name:
            raise _EntityError(
                f'Unmatched end tag at byte offset {offset}, expected "</{opened.name}>", '
                f'found "</{tag}>"')
        entity = opened.entity
        if opened.name == "code" and "language" in entity:  # <pre><code class="language-x">
            language = entity.pop("language")
            if self._open and self._open[-1].name == "pre":
                self._open[-1].entity["language"] = language
                return
        length = self._length - opened.offset
        if length:
            self._entities.append({**entity, "offset": opened.offset, "length": length})

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raise self._bad_start_tag(self._index())

    def handle_data(self, data: str) -> None:
        start = self._index()
        for match in re.finditer("[<&]", data):
            index = start + match.start()
            if match.group() == "<":
                raise self._bad_start_tag(index)
            raise _EntityError(
                f'Character "&" at byte offset {self._byte_offset(index)} is not part of an '
                'entity; write "&amp;"')
        self._append(data)

    def handle_entityref(self, name: str) -> None:
        index = self._index()
        if name not in _NAMED_ENTITIES or not self._source.startswith(";", index + 1 + len(name)):
            raise self._bad_entity(index)
        self._append(_NAMED_ENTITIES[name])

    def handle_charref(self, name: str) -> None:
        index = self._index()
        code = int(name[1:], 16) if name[:1] in "xX" else int(name)
        valid = 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF
        if not valid or not self._source.startswith(";", index + 2 + len(name)):
            raise self._bad_entity(index)
        self._append(chr(code))

    def _bad_entity(self, index: int) -> _EntityError:
        return _EntityError(
            f"Unsupported HTML entity at byte offset {self._byte_offset(index)}; only &lt; &gt; "
            "&amp; &quot; and numeric entities are allowed")

    def handle_comment(self, data: str) -> None:
        raise self._bad_start_tag(self._index())

    def handle_decl(self, decl: str) -> None:
        raise self._bad_start_tag(self._index())

    def handle_pi(self, data: str) -> None:
        raise self._bad_start_tag(self._index())

    def unknown_decl(self, data: str) -> None:
        raise self._bad_start_tag(self._index())


def _trim(text: str, entities: list[JSON]) -> tuple[str, list[JSON]]:
    """Telegram drops a message's leading and trailing whitespace, shifting its entities."""
    trimmed = text.strip()
    lead = _utf16_length(text[: len(text) - len(text.lstrip())])
    end = _utf16_length(trimmed)
    kept = []
    for entity in entities:
        start = max(entity["offset"] - lead, 0)
        stop = min(entity["offset"] + entity["length"] - lead, end)
        if stop > start:
            kept.append({**entity, "offset": start, "length": stop - start})
    return trimmed, kept


@dataclass
class _Text:
    raw: str
    parse_mode: str | None
    text: str
    entities: list[JSON]


def _message_text(params: JSON) -> _Text:
    """The text of sendMessage/editMessageText as Telegram would store it, or its 400."""
    raw = str(params.get("text", ""))
    parse_mode = params.get("parse_mode") or None
    if parse_mode is None:
        text, entities = raw, []
    elif str(parse_mode).lower() == "html":
        try:
            text, entities = _TelegramHTML(raw).parse()
        except _EntityError as error:
            raise _bad_request(f"can't parse entities: {error}") from None
    else:
        raise _bad_request(f"unsupported parse_mode (this fake implements HTML only): {parse_mode}")
    text, entities = _trim(text, entities)
    if not text:
        raise _bad_request("message text is empty")
    if len(text) > MAX_TEXT_LENGTH:
        raise _bad_request("message is too long")
    return _Text(raw, parse_mode, text, entities)


def _reply_markup(params: JSON) -> JSON | None:
    markup = params.get("reply_markup")
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise _bad_request("can't parse reply keyboard markup JSON object")
    for row in markup.get("inline_keyboard", []):
        for button in row:
            if not _BUTTON_ACTIONS & button.keys():
                raise _bad_request("text buttons are unallowed in the inline keyboard")
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= MAX_CALLBACK_DATA_BYTES:
                raise _bad_request("BUTTON_DATA_INVALID")
    return markup


def _inline(markup: JSON | None) -> JSON | None:
    """The part of a reply markup a Message carries: inline keyboards only."""
    return markup if markup and "inline_keyboard" in markup else None


def _as_chat_id(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and re.fullmatch(r"-?\d+", value):
        return int(value)
    return None


def _decode_pairs(pairs: list[tuple[str, str]]) -> JSON:
    params: JSON = {}
    for key, value in pairs:
        if key in _STRING_PARAMS:
            params[key] = value
            continue
        try:
            params[key] = json.loads(value)
        except ValueError:
            params[key] = value
    return params


def _parse_params(query: str, headers: Message, body: bytes) -> JSON:
    params = _decode_pairs(parse_qsl(query, keep_blank_values=True))
    if headers.get_content_type() == "application/json":
        try:
            decoded = json.loads(body or b"{}")
        except ValueError:
            raise _bad_request("can't parse JSON object") from None
        if not isinstance(decoded, dict):
            raise _bad_request("can't parse JSON object")
        return {**params, **decoded}
    return {**params, **_decode_pairs(parse_qsl(body.decode(), keep_blank_values=True))}


def _command_entities(text: str) -> list[JSON]:
    match = _LEADING_COMMAND.match(text)
    return [{"type": "bot_command", "offset": 0, "length": match.end()}] if match else []


@dataclass
class Sent:
    """A message the bot sent. In `FakeTelegram.all_sent` it shows the message as it is now
    (edits applied); `FakeTelegram.edits` keeps a snapshot of each edit."""

    chat_id: int
    message_id: int
    text: str  # what the user sees: tags removed, entities decoded, whitespace trimmed
    parse_mode: str | None
    reply_markup: JSON | None
    raw_text: str  # what the bot sent, tags and all
    method: str  # "sendMessage", "editMessageText" or "editMessageReplyMarkup"
    entities: list[JSON] = field(default_factory=list)
    date: int = 0
    edit_date: int | None = None
    deleted: bool = False
    at: float = field(default_factory=time.monotonic)  # when sent, or edited for a snapshot

    @property
    def buttons(self) -> list[tuple[str, str]]:
        """(text, callback_data) of the inline keyboard's callback buttons, row by row."""
        rows = (_inline(self.reply_markup) or {}).get("inline_keyboard", [])
        return [(b["text"], b["callback_data"]) for row in rows for b in row if "callback_data" in b]


@dataclass(frozen=True)
class AnsweredCallback:
    callback_query_id: str
    text: str | None
    show_alert: bool


@dataclass
class _Failure:
    method: str
    error: _ApiError
    chat_id: int | None
    remaining: int


class _RateLimit:
    """Telegram's flood control for sendMessage: at most `per_second` accepted in any
    one-second window overall, and per chat a bucket of `chat_burst` sends refilled at
    `chat_per_second` (Telegram documents "about one a second, short bursts allowed" without
    the exact burst). A send over either limit is refused with 429 and does not count."""

    def __init__(self, per_second: int, chat_burst: int, chat_per_second: float,
                 monotonic: Callable[[], float]) -> None:
        self.per_second = per_second
        self.chat_burst = float(chat_burst)
        self.chat_per_second = chat_per_second
        self.monotonic = monotonic
        self.recent: deque[float] = deque()  # accepted sends of the last second
        self.chats: dict[int, tuple[float, float]] = {}  # chat -> (sends left, as of when)
        self.refused = 0

    def admit(self, chat_id: int) -> None:
        """Count a send now, or raise Telegram's 429 with the whole seconds to wait."""
        now = self.monotonic()
        while self.recent and self.recent[0] <= now - 1.0:
            self.recent.popleft()
        left, since = self.chats.get(chat_id, (self.chat_burst, now))
        left = min(self.chat_burst, left + (now - since) * self.chat_per_second)
        if len(self.recent) >= self.per_second:
            wait = self.recent[0] + 1.0 - now
        elif left < 1.0:
            wait = (1.0 - left) / self.chat_per_second
        else:
            self.recent.append(now)
            self.chats[chat_id] = (left - 1.0, now)
            return
        self.refused += 1
        retry_after = max(1, math.ceil(wait))
        raise _ApiError(429, f"Too Many Requests: retry after {retry_after}",
                        {"retry_after": retry_after})


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # or each small answer waits ~40 ms for a delayed ACK

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def _serve(self) -> None:
        url = urlsplit(self.path)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        status, payload = self.server.fake._respond(url.path, url.query, self.headers, body)
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base's name)
        """No access log: test output is not the place for it."""


class _Server(ThreadingHTTPServer):
    def __init__(self, fake: FakeTelegram) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.fake = fake

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client hanging up (a cancelled long poll) is normal; anything else is reported."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class FakeTelegram:
    """A Bot API server on 127.0.0.1 for one test: start it, point the bot at `base_url`."""

    def __init__(self) -> None:
        self._state = threading.Condition()  # guards everything below; getUpdates waits on it
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._down = False
        self._token: str | None = None
        self._requests: list[tuple[str, JSON]] = []
        self._errors: list[tuple[str, int, str]] = []
        self._updates: list[JSON] = []
        self._update_ids = itertools.count(1)
        self._serial = itertools.count(1)  # file ids and callback query ids
        self._message_ids: dict[int, int] = {}
        self._chats: dict[int, JSON] = {}
        self._last_user_message: dict[int, int] = {}
        self._sent: list[Sent] = []
        self._edits: list[Sent] = []
        self._pending_callbacks: set[str] = set()
        self._answered: list[AnsweredCallback] = []
        self._commands: dict[str, list[JSON]] = {}
        self._last_commands: list[JSON] = []
        self._blocked: set[int] = set()
        self._failures: list[_Failure] = []
        self._rate_limit: _RateLimit | None = None
        handlers: dict[str, Callable[[JSON], Any]] = {
            "getMe": self._get_me,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "getUpdates": self._get_updates,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "answerCallbackQuery": self._answer_callback_query,
            "deleteMessage": self._delete_message,
            "sendChatAction": self._send_chat_action,
            "close": lambda params: True,
            "logOut": lambda params: True,
        }
        self._methods = {name.lower(): (name, handler) for name, handler in handlers.items()}

    # Lifecycle

    def start(self) -> FakeTelegram:
        if self._server is not None:
            raise RuntimeError("the fake Telegram server is already running")
        self._stopping = False
        self._server = _Server(self)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02},
            name="fake-telegram", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is None or self._thread is None:
            return
        with self._state:
            self._stopping = True
            self._state.notify_all()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
        self._server = self._thread = None

    def __enter__(self) -> FakeTelegram:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError("start() the fake Telegram server first")
        return f"http://127.0.0.1:{self._server.server_address[1]}/bot"

    # Fault injection

    def block(self, chat_id: int) -> None:
        """From now on every method aimed at this chat answers 403, as when a user blocks a bot."""
        with self._state:
            self._blocked.add(chat_id)

    def unblock(self, chat_id: int) -> None:
        with self._state:
            self._blocked.discard(chat_id)

    def fail_next(
        self, method: str, *, status: int = 500, description: str = "Internal Server Error",
        retry_after: int | None = None, chat_id: int | None = None, times: int = 1,
    ) -> None:
        """The next `times` calls of `method` (only those aimed at `chat_id`, if given) fail.
        With `retry_after` the answer is Telegram's flood-control 429 instead."""
        if retry_after is not None:
            error = _ApiError(429, f"Too Many Requests: retry after {retry_after}",
                              {"retry_after": retry_after})
        else:
            error = _ApiError(status, description)
        with self._state:
            self._failures.append(_Failure(method.lower(), error, chat_id, times))

    def limit_rate(
        self, per_second: int = 30, *, per_chat_burst: int = 3, per_chat_per_second: float = 1.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        """From now on sendMessage is limited as Telegram limits a bot: past `per_second` in
        any one-second window overall, or past a chat's allowance (a burst of
        `per_chat_burst`, refilled at `per_chat_per_second`), the answer is 429 "Too Many
        Requests: retry after N" with parameters.retry_after. `rate_limited` counts them."""
        with self._state:
            self._rate_limit = _RateLimit(per_second, per_chat_burst, per_chat_per_second,
                                          monotonic)

    @property
    def rate_limited(self) -> int:
        """How many sendMessage calls the rate limit of `limit_rate` refused."""
        with self._state:
            return self._rate_limit.refused if self._rate_limit else 0

    def set_down(self, down: bool) -> None:
        """While down every request gets 502 Bad Gateway, as during a Telegram outage."""
        with self._state:
            self._down = down

    # Simulated users

    def push_text(
        self, user_id: int, text: str, *, first_name: str = DEFAULT_FIRST_NAME,
        chat_id: int | None = None, chat_type: str = "private",
    ) -> JSON:
        content: JSON = {"text": text}
        if entities := _command_entities(text):
            content["entities"] = entities
        return self._push_message("message", user_id, content, first_name=first_name,
                                  chat_id=chat_id, chat_type=chat_type)

    def push_edited_text(
        self, user_id: int, text: str, *, message_id: int | None = None,
        first_name: str = DEFAULT_FIRST_NAME, chat_id: int | None = None,
    ) -> JSON:
        """The user edits one of their messages (by default their last one in the chat)."""
        chat = user_id if chat_id is None else chat_id
        with self._state:
            if message_id is None:
                if chat not in self._last_user_message:
                    raise ValueError(f"user {user_id} has sent nothing to edit in chat {chat}")
                message_id = self._last_user_message[chat]
            content: JSON = {"text": text, "edit_date": int(time.time())}
            if entities := _command_entities(text):
                content["entities"] = entities
            return self._push_message("edited_message", user_id, content, first_name=first_name,
                                      chat_id=chat_id, message_id=message_id)

    def push_sticker(self, user_id: int, *, first_name: str = DEFAULT_FIRST_NAME) -> JSON:
        with self._state:
            sticker = {**self._file("sticker"), "type": "regular", "width": 512, "height": 512,
                       "is_animated": False, "is_video": False, "emoji": "🙂"}
            return self._push_message("message", user_id, {"sticker": sticker},
                                      first_name=first_name)

    def push_photo(self, user_id: int, *, first_name: str = DEFAULT_FIRST_NAME) -> JSON:
        with self._state:
            sizes = [{**self._file("photo"), "width": side, "height": side, "file_size": side * 40}
                     for side in (90, 320, 800)]
            return self._push_message("message", user_id, {"photo": sizes},
                                      first_name=first_name)

    def push_voice(self, user_id: int, *, first_name: str = DEFAULT_FIRST_NAME) -> JSON:
        with self._state:
            voice = {**self._file("voice"), "duration": 3, "mime_type": "audio/ogg",
                     "file_size": 9000}
            return self._push_message("message", user_id, {"voice": voice},
                                      first_name=first_name)

    def push_location(self, user_id: int, *, first_name: str = DEFAULT_FIRST_NAME) -> JSON:
        location = {"latitude": 52.52, "longitude": 13.405}
        return self._push_message("message", user_id, {"location": location},
                                  first_name=first_name)

    def push_callback(
        self, user_id: int, data: str, *, message_id: int, chat_id: int | None = None,
        first_name: str = DEFAULT_FIRST_NAME,
    ) -> JSON:
        """The user presses the button with `data` under the bot's message `message_id`."""
        chat = user_id if chat_id is None else chat_id
        with self._state:
            sent = self._find(chat, message_id)
            if sent is None:
                raise LookupError(f"the bot has no message {message_id} in chat {chat}")
            if data not in [button_data for _, button_data in sent.buttons]:
                raise ValueError(f"message {message_id} in chat {chat} has no button {data!r};"
                                 f" its buttons are {sent.buttons}")
            query_id = str(next(self._serial))
            self._pending_callbacks.add(query_id)
            return self._push({"callback_query": {
                "id": query_id,
                "from": self._user(user_id, first_name),
                "message": self._message_json(sent),
                "chat_instance": f"instance-{chat}",
                "data": data,
            }})

    def push_forged_callback(
        self, user_id: int, data: str, *, message_id: int | None = None,
        chat_id: int | None = None, first_name: str = DEFAULT_FIRST_NAME,
    ) -> JSON:
        """A callback query with any `data`, as a modified client can send it: no check that
        the data is on a button of that message, or that the message exists.

        The query carries the bot's message `message_id` in chat `chat_id` (default: the
        user's private chat) as it is now; with no `message_id`, the bot's latest message
        there. A message the bot never sent, or deleted, goes as Telegram sends one too old to
        show: an inaccessible message, {"chat", "message_id", "date": 0}. Returns the update;
        its callback_query.id is what answerCallbackQuery must name."""
        chat = user_id if chat_id is None else chat_id
        with self._state:
            if message_id is None:
                mine = [s for s in self._sent if s.chat_id == chat and not s.deleted]
                message_id = mine[-1].message_id if mine else self._message_ids.get(chat, 0) + 1
            sent = self._find(chat, message_id)
            message = (self._message_json(sent) if sent is not None else
                       {"chat": self._chat(chat), "message_id": message_id, "date": 0})
            query_id = str(next(self._serial))
            self._pending_callbacks.add(query_id)
            return self._push({"callback_query": {
                "id": query_id,
                "from": self._user(user_id, first_name),
                "message": message,
                "chat_instance": f"instance-{chat}",
                "data": data,
            }})

    # Inspection

    @property
    def token(self) -> str | None:
        """The token of the last request."""
        with self._state:
            return self._token

    @property
    def commands(self) -> list[JSON]:
        """The list given to the last setMyCommands."""
        with self._state:
            return copy.deepcopy(self._last_commands)

    @property
    def all_sent(self) -> list[Sent]:
        with self._state:
            return list(self._sent)

    @property
    def edits(self) -> list[Sent]:
        with self._state:
            return list(self._edits)

    @property
    def requests(self) -> list[tuple[str, JSON]]:
        """(method, params) of every request, failed ones included, in arrival order."""
        with self._state:
            return list(self._requests)

    @property
    def errors(self) -> list[tuple[str, int, str]]:
        """(method, error_code, description) of every error answer given."""
        with self._state:
            return list(self._errors)

    @property
    def answered_callbacks(self) -> list[AnsweredCallback]:
        with self._state:
            return list(self._answered)

    def sent_to(self, chat_id: int) -> list[Sent]:
        with self._state:
            return [sent for sent in self._sent if sent.chat_id == chat_id]

    def count(self, method: str) -> int:
        with self._state:
            return sum(1 for name, _ in self._requests if name.lower() == method.lower())

    def last_buttons(self, chat_id: int) -> list[tuple[str, str]]:
        """Buttons of the last message in the chat that still has an inline keyboard."""
        for sent in reversed(self.sent_to(chat_id)):
            if not sent.deleted and sent.buttons:
                return sent.buttons
        return []

    async def wait_for(
        self, predicate: Callable[[], object], timeout: float = 5.0, *, what: str = "condition",
    ) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not predicate():
            if loop.time() >= deadline:
                raise AssertionError(f"{what} not met within {timeout}s; {self._summary()}")
            await asyncio.sleep(0.01)

    async def wait_for_sent(self, chat_id: int, n: int, timeout: float = 5.0) -> list[Sent]:
        await self.wait_for(lambda: len(self.sent_to(chat_id)) >= n, timeout,
                            what=f"{n} message(s) sent to chat {chat_id}")
        return self.sent_to(chat_id)

    def _summary(self) -> str:
        with self._state:
            sent = [f"chat {s.chat_id} #{s.message_id}: {s.text[:80]!r}" for s in self._sent[-5:]]
            errors = [f"{method} {code} {description[:200]!r}"
                      for method, code, description in self._errors[-3:]]
        return (f"last sent: {sent or 'nothing'}; last errors: {errors or 'none'}")

    # Request handling (server threads)

    def _respond(self, path: str, query: str, headers: Message, body: bytes) -> tuple[int, JSON]:
        match = re.fullmatch(r"/bot([^/]*)/([^/]+)", path)
        requested = match.group(2) if match else path
        method, handler = self._methods.get(requested.lower(), (requested, None))
        with self._state:
            params: JSON = {}
            self._requests.append((method, params))  # at arrival, so a waiting long poll counts
            try:
                params.update(_parse_params(query, headers, body))
                if self._down:
                    raise _ApiError(502, "Bad Gateway")
                if match is None or handler is None:
                    raise _ApiError(404, "Not Found")
                self._token = match.group(1)
                self._inject_failure(method, params)
                result = handler(params)
            except _ApiError as error:
                self._errors.append((method, error.code, error.description))
                return error.code, error.body()
            except Exception:  # a bug in the fake: answer as Telegram's 500, keep the traceback
                self._errors.append((method, 500, traceback.format_exc()))
                return 500, _ApiError(500, "Internal Server Error").body()
        return 200, {"ok": True, "result": result}

    def _inject_failure(self, method: str, params: JSON) -> None:
        for failure in self._failures:
            chat_matches = failure.chat_id in (None, _as_chat_id(params.get("chat_id")))
            if failure.method == method.lower() and chat_matches:
                failure.remaining -= 1
                if failure.remaining <= 0:
                    self._failures.remove(failure)
                raise failure.error

    def _target_chat(self, params: JSON) -> int:
        if params.get("chat_id") in (None, ""):
            raise _bad_request("chat_id is empty")
        chat_id = _as_chat_id(params["chat_id"])
        if chat_id is None:
            raise _bad_request("chat not found")
        if chat_id in self._blocked:
            raise _ApiError(403, BLOCKED)
        return chat_id

    def _get_me(self, params: JSON) -> JSON:
        return {**BOT_USER, "can_join_groups": True, "can_read_all_group_messages": False,
                "supports_inline_queries": False, "can_connect_to_business": False,
                "has_main_web_app": False}

    def _delete_webhook(self, params: JSON) -> bool:
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def _get_webhook_info(self, params: JSON) -> JSON:
        return {"url": "", "has_custom_certificate": False,
                "pending_update_count": len(self._updates)}

    @staticmethod
    def _commands_key(params: JSON) -> str:
        scope = params.get("scope") or {"type": "default"}
        return json.dumps([scope, params.get("language_code") or ""], sort_keys=True)

    def _set_my_commands(self, params: JSON) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise _bad_request("BOT_COMMANDS_TOO_MUCH" if isinstance(commands, list)
                               else "can't parse commands JSON object")
        for command in commands:
            if not _COMMAND.fullmatch(str(command.get("command", ""))):
                raise _bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise _bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        self._commands[self._commands_key(params)] = copy.deepcopy(commands)
        self._last_commands = copy.deepcopy(commands)
        return True

    def _get_my_commands(self, params: JSON) -> list[JSON]:
        return copy.deepcopy(self._commands.get(self._commands_key(params), []))

    def _get_updates(self, params: JSON) -> list[JSON]:
        offset = int(params.get("offset") or 0)
        limit = min(max(int(params.get("limit") or 100), 1), 100)
        deadline = time.monotonic() + max(float(params.get("timeout") or 0), 0.0)
        if offset > 0:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        elif offset < 0:
            self._updates = self._updates[offset:]
        while not self._updates and not self._stopping:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            self._state.wait(remaining)
        return copy.deepcopy(self._updates[:limit])

    def _send_message(self, params: JSON) -> JSON:
        chat_id = self._target_chat(params)
        text = _message_text(params)
        markup = _reply_markup(params)
        if self._rate_limit is not None:
            self._rate_limit.admit(chat_id)
        sent = Sent(chat_id, self._next_message_id(chat_id), text.text, text.parse_mode, markup,
                    text.raw, "sendMessage", text.entities, date=int(time.time()))
        self._sent.append(sent)
        return self._message_json(sent)

    def _editable(self, params: JSON) -> Sent:
        chat_id = self._target_chat(params)
        sent = self._find(chat_id, params.get("message_id"))
        if sent is None:
            raise _bad_request("message to edit not found")
        return sent

    def _edit_message_text(self, params: JSON) -> JSON:
        sent = self._editable(params)
        text = _message_text(params)
        markup = _reply_markup(params)  # an edit without one removes the inline keyboard
        new = (text.text, text.entities, _inline(markup))
        if new == (sent.text, sent.entities, _inline(sent.reply_markup)):
            raise _bad_request(NOT_MODIFIED)
        sent.text, sent.entities, sent.reply_markup = text.text, text.entities, markup
        sent.raw_text, sent.parse_mode = text.raw, text.parse_mode
        return self._record_edit(sent, "editMessageText")

    def _edit_message_reply_markup(self, params: JSON) -> JSON:
        sent = self._editable(params)
        markup = _reply_markup(params)
        if _inline(markup) == _inline(sent.reply_markup):
            raise _bad_request(NOT_MODIFIED)
        sent.reply_markup = markup
        return self._record_edit(sent, "editMessageReplyMarkup")

    def _record_edit(self, sent: Sent, method: str) -> JSON:
        sent.edit_date = int(time.time())
        self._edits.append(dataclasses.replace(sent, method=method, at=time.monotonic()))
        return self._message_json(sent)

    def _answer_callback_query(self, params: JSON) -> bool:
        query_id = str(params.get("callback_query_id", ""))
        if query_id not in self._pending_callbacks:
            raise _bad_request(QUERY_INVALID)
        text = params.get("text")
        if text is not None and len(str(text)) > MAX_CALLBACK_ANSWER_LENGTH:
            raise _bad_request("MESSAGE_TOO_LONG")
        self._pending_callbacks.remove(query_id)
        self._answered.append(AnsweredCallback(
            query_id, None if text is None else str(text), bool(params.get("show_alert", False))))
        return True

    def _delete_message(self, params: JSON) -> bool:
        chat_id = self._target_chat(params)
        sent = self._find(chat_id, params.get("message_id"))
        if sent is None:
            raise _bad_request("message to delete not found")
        sent.deleted = True
        return True

    def _send_chat_action(self, params: JSON) -> bool:
        self._target_chat(params)
        if params.get("action") not in _CHAT_ACTIONS:
            raise _bad_request("wrong parameter action in request")
        return True

    # State helpers (callers hold the lock)

    def _find(self, chat_id: int, message_id: object) -> Sent | None:
        for sent in self._sent:
            if sent.chat_id == chat_id and sent.message_id == message_id and not sent.deleted:
                return sent
        return None

    def _next_message_id(self, chat_id: int) -> int:
        """Message ids count up per chat, shared by the bot's and the user's messages."""
        self._message_ids[chat_id] = self._message_ids.get(chat_id, 0) + 1
        return self._message_ids[chat_id]

    def _chat(self, chat_id: int) -> JSON:
        chat = self._chats.get(chat_id, {"id": chat_id, "type": "private",
                                         "first_name": DEFAULT_FIRST_NAME})
        return dict(chat)

    @staticmethod
    def _user(user_id: int, first_name: str) -> JSON:
        return {"id": user_id, "is_bot": False, "first_name": first_name}

    def _file(self, kind: str) -> JSON:
        serial = next(self._serial)
        return {"file_id": f"{kind}-{serial}", "file_unique_id": f"unique-{kind}-{serial}"}

    def _message_json(self, sent: Sent) -> JSON:
        message: JSON = {"message_id": sent.message_id, "from": dict(BOT_USER),
                         "chat": self._chat(sent.chat_id), "date": sent.date, "text": sent.text}
        if sent.entities:
            message["entities"] = copy.deepcopy(sent.entities)
        if sent.edit_date is not None:
            message["edit_date"] = sent.edit_date
        if markup := _inline(sent.reply_markup):
            message["reply_markup"] = copy.deepcopy(markup)
        return message

    def _push_message(
        self, kind: str, user_id: int, content: JSON, *, first_name: str,
        chat_id: int | None = None, chat_type: str = "private", message_id: int | None = None,
    ) -> JSON:
        with self._state:
            if chat_id is None:
                if chat_type != "private":
                    raise ValueError(f"a {chat_type} chat needs an explicit chat_id")
                chat_id = user_id
            if chat_type == "private":
                chat: JSON = {"id": chat_id, "type": "private", "first_name": first_name}
            else:
                chat = {"id": chat_id, "type": chat_type, "title": "Test group"}
            self._chats.setdefault(chat_id, chat)
            if message_id is None:
                message_id = self._next_message_id(chat_id)
                self._last_user_message[chat_id] = message_id
            return self._push({kind: {
                "message_id": message_id, "from": self._user(user_id, first_name),
                "chat": self._chat(chat_id), "date": int(time.time()), **content,
            }})

    def _push(self, payload: JSON) -> JSON:
        with self._state:
            update = {"update_id": next(self._update_ids), **payload}
            self._updates.append(update)
            self._state.notify_all()
            return copy.deepcopy(update)
