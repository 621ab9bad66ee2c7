"""Content files: the bundled ones are complete, and every mistake a clinic can make is named."""

import shutil
from pathlib import Path

import pytest
import yaml

from bot.cli import main
from messages.catalog import (
    BUNDLED_CONTENT,
    Catalog,
    ContentError,
    check_directory,
    load_protocol,
)

PROTOCOL = BUNDLED_CONTENT / "microneedling.en.yaml"

TOPICS = {
    "redness like a mild sunburn": ["sunburn"],
    "swelling and cold compresses": ["swelling", "cold"],
    "gentle washing": ["lukewarm", "cleanser"],
    "makeup": ["make-up"],
    "sunscreen": ["spf 30"],
    "products to avoid": ["retino", "acid", "vitamin c", "scrub"],
    "sweating and the gym": ["gym", "sweat"],
    "swimming and sauna": ["swim", "sauna"],
    "peeling and not picking": ["flak", "pick"],
    "when results show": ["collagen", "results"],
    "the session series": ["session", "weeks apart"],
    "maintenance": ["maintenance"],
    "warning signs": ["pus", "fever", "emergency", "breathing"],
}


def test_bundled_content_covers_every_topic(catalog: Catalog) -> None:
    protocol = catalog.protocol()
    assert len(protocol.messages) >= 12
    everything = " ".join(m.text.lower() for m in protocol.messages)
    for topic, words in TOPICS.items():
        for word in words:
            assert word in everything, f"{topic}: {word!r} not mentioned"
    for message in protocol.messages:
        assert message.sources, message.key
    assert protocol.content_version


def test_every_window_is_a_setting_used_by_the_text(catalog: Catalog) -> None:
    protocol = catalog.protocol()
    texts = " ".join(m.text for m in protocol.messages) + str([m.day for m in protocol.messages])
    for name in protocol.settings:
        assert name in texts, f"setting {name} is never used"


def _broken(tmp_path: Path, change) -> Path:
    directory = tmp_path / "content"
    shutil.copytree(BUNDLED_CONTENT, directory)
    path = directory / PROTOCOL.name
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    return path


@pytest.mark.parametrize(("change", "expected"), [
    (lambda d: d["messages"][1].update(colour="red"), r"messages\[1\] \(.+\)\.colour: Extra"),
    (lambda d: d["messages"][2].pop("text"), r"messages\[2\] \(.+\)\.text: Field required"),
    (lambda d: d["messages"][3].update(text="   "), r"messages\[3\].*\.text.*blank"),
    (lambda d: d["messages"][4].update(key=d["messages"][0]["key"]), "duplicate key"),
    (lambda d: d["messages"][0].update(text="Hello {nickname}"),
     r"message 'day0_first_hours': unknown placeholder \{nickname\}"),
    (lambda d: d["messages"][0].update(text="x" * 4100),
     "message 'day0_first_hours': longer than Telegram's 4096"),
    (lambda d: d["messages"][0].update(text="{first_name} " * 70 + "x" * 100),
     "longer than Telegram's 4096 characters once rendered"),
    (lambda d: d["messages"][0].update(text="<b>unclosed"), "never closed"),
    (lambda d: d["messages"][0].update(text="a < b"), "bare '<'"),
    (lambda d: d["messages"][0].update(day="no_such_setting"), "is not a setting"),
    (lambda d: d["messages"][0].update(sources=["nobody2020"]), "unknown source 'nobody2020'"),
    (lambda d: d["messages"][0].update(text="{until:makeup_wait_hours}"), "days-setting"),
])
def test_mistakes_name_the_file_and_entry(tmp_path: Path, change, expected: str) -> None:
    path = _broken(tmp_path, change)
    with pytest.raises(ContentError, match=expected) as raised:
        load_protocol(path)
    assert str(path) in str(raised.value)


def test_check_content_command_fails_on_a_broken_file(tmp_path: Path, capsys) -> None:
    path = _broken(tmp_path, lambda d: d["messages"][0].update(text="Hi {nickname}"))
    assert main(["check-content", "--directory", str(path.parent)]) == 1
    assert "nickname" in capsys.readouterr().err
    assert main(["check-content", "--directory", str(BUNDLED_CONTENT)]) == 0
    assert "ok: microneedling.en" in capsys.readouterr().out


def test_a_key_written_twice_is_refused_not_silently_replaced(tmp_path: Path) -> None:
    """Plain YAML keeps the second of two equal keys: an edited slang line or phrase would
    silently replace the first. The loader names the key and the line instead."""
    directory = tmp_path / "content"
    shutil.copytree(BUNDLED_CONTENT, directory)
    lexicon = directory / "lexicon.en.yaml"
    lexicon.write_text(lexicon.read_text().replace("slang:\n", "slang:\n  tmrw: tomorrow\n", 1))
    _, errors = check_directory(directory)
    assert any("lexicon.en.yaml" in e and "found the key 'tmrw' twice" in e for e in errors)


def test_phrase_book_mistakes_are_named(tmp_path: Path) -> None:
    directory = tmp_path / "content"
    shutil.copytree(BUNDLED_CONTENT, directory)
    phrases = directory / "phrases.en.yaml"
    data = yaml.safe_load(phrases.read_text())
    del data["help"]
    data["welcome"] = "Hi {patient_name}"
    data["greeting"] = "hello"
    phrases.write_text(yaml.safe_dump(data, allow_unicode=True))
    _, errors = check_directory(directory)
    text = "\n".join(errors)
    assert "phrase 'help' is missing" in text
    assert "phrase 'welcome': unknown placeholder {patient_name}" in text
    assert "phrase 'greeting' is not one the bot uses" in text


def test_warning_examples_are_checked_and_counted(tmp_path: Path, capsys) -> None:
    directory = tmp_path / "content"
    shutil.copytree(BUNDLED_CONTENT, directory)
    data = yaml.safe_load((directory / "warnings.en.yaml").read_text(encoding="utf-8"))
    assert main(["check-content", "--directory", str(directory)]) == 0
    assert (f"ok: warnings.en, {len(data['warning'])} warning signs, "
            f"{len(data['ordinary'])} ordinary messages") in capsys.readouterr().out
    (directory / "warnings.en.yaml").write_text('warning:\n  - "pus on my chin"\n')
    assert main(["check-content", "--directory", str(directory)]) == 1
    err = capsys.readouterr().err
    assert "warnings.en.yaml" in err and "ordinary" in err

