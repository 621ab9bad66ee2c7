"""Loading and validating the content files under `messages/content/`.

Files are named `<protocol>.<language>.yaml` (the plan a patient follows),
`phrases.<language>.yaml` (what the bot says around it), `faq.<language>.yaml` (answers to
questions), `lexicon.<language>.yaml` (slang and emoji the search understands) and, optional,
`offtopic.<language>.yaml` (messages the FAQ does not answer) and `warnings.<language>.yaml`
(warning signs in patients' words, and close messages that are not). A clinic
can point `CONTENT_DIR` at its own copy to override them; the same checks apply.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from messages.faq import Faq, load_faq
from messages.lexicon import (
    Lexicon, OffTopic, WarningExamples, load_lexicon, load_offtopic, load_warnings,
)
from messages.loading import (
    ContentError, collector_paused, load_model, read_yaml, text_problems,
)
from messages.model import Protocol
from messages.phrases import Phrases

BUNDLED_CONTENT = Path(__file__).parent / "content"
DEFAULT_PROTOCOL = "microneedling"
DEFAULT_LANGUAGE = "en"


def load_protocol(path: Path) -> Protocol:
    protocol = load_model(path, Protocol)
    expected = f"{protocol.protocol}.{protocol.language}.yaml"
    if path.name != expected:
        raise ContentError(f"{path}: declares {protocol.protocol}/{protocol.language}, "
                           f"so the file must be named {expected}")
    problems = [
        f"{path}: message {message.key!r}: {problem}"
        for message in protocol.messages
        for problem in text_problems(protocol, message.text)
    ]
    if problems:
        raise ContentError("\n".join(problems))
    return protocol


def load_phrases(path: Path) -> Phrases:
    data = read_yaml(path)
    try:
        return Phrases.from_mapping(data, source=str(path))
    except ValueError as exc:
        raise ContentError(str(exc)) from None


@dataclass
class Catalog:
    """Every protocol and phrase book found in one content directory."""

    directory: Path
    protocols: dict[tuple[str, str], Protocol] = field(default_factory=dict)
    phrases: dict[str, Phrases] = field(default_factory=dict)
    faqs: dict[str, Faq] = field(default_factory=dict)
    lexicons: dict[str, Lexicon] = field(default_factory=dict)
    offtopics: dict[str, OffTopic] = field(default_factory=dict)
    warnings: dict[str, WarningExamples] = field(default_factory=dict)

    def protocol(self, name: str = DEFAULT_PROTOCOL, language: str = DEFAULT_LANGUAGE) -> Protocol:
        found = self.protocols.get((name, language)) or self.protocols.get(
            (name, DEFAULT_LANGUAGE)
        )
        if found is None:
            raise KeyError(f"no protocol {name!r} in {self.directory}")
        return found

    def phrasebook(self, language: str = DEFAULT_LANGUAGE) -> Phrases:
        return self.phrases.get(language) or self.phrases[DEFAULT_LANGUAGE]

    def faq(self, language: str = DEFAULT_LANGUAGE) -> Faq:
        return self.faqs.get(language) or self.faqs[DEFAULT_LANGUAGE]

    def lexicon(self, language: str = DEFAULT_LANGUAGE) -> Lexicon:
        return self.lexicons.get(language) or self.lexicons[DEFAULT_LANGUAGE]

    def offtopic_examples(self, language: str = DEFAULT_LANGUAGE) -> list[str]:
        found = self.offtopics.get(language) or self.offtopics.get(DEFAULT_LANGUAGE)
        return found.examples if found else []

    def warning_examples(self, language: str = DEFAULT_LANGUAGE) -> WarningExamples | None:
        return self.warnings.get(language) or self.warnings.get(DEFAULT_LANGUAGE)


def check_directory(directory: Path) -> tuple[Catalog, list[str]]:
    """Load everything, collecting every error instead of stopping at the first."""
    catalog = Catalog(directory)
    errors: list[str] = []
    paths = sorted(directory.glob("*.yaml"))
    special = ("phrases.", "faq.", "lexicon.", "offtopic.", "warnings.")
    for path in paths:  # protocols first: FAQ answers use their settings
        if not path.name.startswith(special):
            try:
                protocol = load_protocol(path)
                catalog.protocols[(protocol.protocol, protocol.language)] = protocol
            except ContentError as exc:
                errors.append(str(exc))
    for path in paths:
        language = path.name.split(".")[1] if path.name.count(".") == 2 else ""
        try:
            if path.name.startswith("phrases."):
                catalog.phrases[language] = load_phrases(path)
            elif path.name.startswith("lexicon."):
                catalog.lexicons[language] = load_lexicon(path)
            elif path.name.startswith("offtopic."):
                catalog.offtopics[language] = load_offtopic(path)
            elif path.name.startswith("warnings."):
                catalog.warnings[language] = load_warnings(path)
            elif path.name.startswith("faq."):
                faq_protocol = catalog.protocols.get((DEFAULT_PROTOCOL, language))
                if faq_protocol is not None:
                    catalog.faqs[language] = load_faq(path, faq_protocol)
        except ContentError as exc:
            errors.append(str(exc))
    for kind, found in (("faq", catalog.faqs), ("lexicon", catalog.lexicons)):
        if DEFAULT_LANGUAGE not in found:
            errors.append(f"{directory}: {kind}.{DEFAULT_LANGUAGE}.yaml is missing or invalid")
    if DEFAULT_LANGUAGE not in catalog.phrases:
        errors.append(f"{directory}: phrases.{DEFAULT_LANGUAGE}.yaml is missing")
    if not catalog.protocols:
        errors.append(f"{directory}: no protocol file (<protocol>.<language>.yaml)")
    return catalog, errors


@cache
def load_catalog(directory: Path = BUNDLED_CONTENT) -> Catalog:
    """The validated content; raises ContentError listing every problem found."""
    with collector_paused():
        catalog, errors = check_directory(directory)
    if errors:
        raise ContentError("\n".join(errors))
    return catalog
