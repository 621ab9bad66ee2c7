"""The cheap "cannot match" test before a search: never wrong, and it does rule patterns out."""

from __future__ import annotations

import re

import pytest

from messages import triage
from messages.catalog import load_catalog
from messages.literals import may_match, required_literals


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"\bfever dream\b", {"fever dream"}),
    (r"\b(pus|ooz\w*)\b", {"pus", "ooz"}),
    (r"\b(\w+ )?(is |are )?killing me\b", {"killing me"}),
    (r"\bdays? before (my |the )?(treatment|session)\b", {" before "}),
    (r"(ab)+c?", {"ab"}),
    (r"\bsleep masks?\b|\beye (drops?|masks?)\b", {"sleep mask", "eye "}),
])
def test_every_match_holds_one_of_the_literals(pattern: str, expected: set[str]) -> None:
    assert required_literals(re.compile(pattern)) == expected


@pytest.mark.parametrize("pattern", [r"[a-z]+", r"\w+(x)?", r"(?i)fever", r"fever|\d+",
                                     r"(?i:pus)"])
def test_no_literal_is_claimed_where_none_is_required(pattern: str) -> None:
    assert required_literals(re.compile(pattern)) is None


def _masked_by_every_pattern(text: str) -> str:
    for general in triage.GENERAL:
        text = general.sub(lambda m: " " * len(m.group(0)), text)
    return text


def test_triage_finds_and_masks_the_same_with_the_shortcut_and_skips_most_searches() -> None:
    catalog = load_catalog()
    examples = catalog.warning_examples("en")
    texts = [*examples.warning, *examples.ordinary, *catalog.offtopic_examples("en")]
    texts += [p for entry in catalog.faq("en").entries for p in entry.phrasings]
    skipped = 0
    for text in texts:
        words = triage._normalise(text)
        assert triage._general_masked(words) == _masked_by_every_pattern(words), text
        assert triage._read(text)[1] == {p for p in triage._ANY_SIGN if p.search(words)}, text
        skipped += sum(not may_match(literals, words)
                       for _, literals in triage._GENERAL_LITERALS)
    assert skipped > 0.8 * len(texts) * len(triage.GENERAL)
