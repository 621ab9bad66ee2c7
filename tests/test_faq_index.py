"""The FAQ index and answerer: what patients type reaches the right answer, nothing else does."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from messages.answering import Answerer
from messages.catalog import BUNDLED_CONTENT, Catalog, check_directory
from messages.faq_index import NONE_OF_THESE, FaqIndex
from messages.render import Recipient
from messages.topic_model import FeatureSpace, TopicModel

RECIPIENT = Recipient("Ann", "Glow Clinic", "020 7946 0000", date(2026, 11, 21))


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    catalog, errors = check_directory(BUNDLED_CONTENT)
    assert errors == []
    return Answerer.from_catalog(catalog)


def test_typos_are_corrected_but_ordinary_words_are_left_alone(answerer: Answerer) -> None:
    analyzer = answerer.index.analyzer
    # Typos no content text holds: a misspelling the content itself uses is a known word.
    for typo, meant in [("when can i wear makup", "when can i wear makeup"),
                        ("is sunscrean ok", "is sunscreen ok"),
                        ("my face is so swolen", "my face is so swollen"),
                        ("skin is peelling", "skin is peeling"),
                        ("retinool when", "retinol when"),
                        ("exercize tomorro?", "exercise tomorrow?")]:
        assert answerer.answer(typo, 1, RECIPIENT).topic == answerer.answer(
            meant, 1, RECIPIENT).topic is not None, typo
    assert analyzer.correct("retinool") == "retinol" and analyzer.correct("tomorro") == "tomorrow"
    for ordinary in ("capital", "france", "football", "pizza"):
        assert analyzer.correct(ordinary) == ordinary
    found = answerer.index.search("what is the capital of france")
    assert {m.topic for m in found} <= {NONE_OF_THESE}
    assert answerer.answer("what is the capital of france", 1, RECIPIENT).outcome == "unanswered"


def test_slang_and_emoji_become_words(answerer: Answerer) -> None:
    words = answerer.index.analyzer.words("tret tmrw? 🏊")
    assert "tretinoin" in words and "tomorrow" in words
    assert answerer.answer("🏊 tmrw?", 1, RECIPIENT).topic == "swimming_sauna"


def test_a_slang_phrase_is_never_typo_corrected_out_of_its_meaning(answerer: Answerer) -> None:
    # "tropez" and "paulas" are in no dictionary, but they are words of slang phrases: once
    # "corrected" to "proper" and "saunas", the phrase was lost and a sauna question appeared.
    analyzer = answerer.index.analyzer
    assert analyzer.terms("can i use st tropez yet") == ["use", "self", "tan", "yet"]
    assert "sauna" not in analyzer.terms("is paulas choice bha ok now")
    assert answerer.answer("can i use st tropez yet", 3, RECIPIENT).topic == "sun_exposure"
    assert answerer.answer("is paulas choice ok now", 3, RECIPIENT).topic == "active_ingredients"


def test_every_listed_phrasing_reaches_its_entry(answerer: Answerer) -> None:
    for entry in answerer.faq.entries:
        for phrasing in [entry.question, *entry.phrasings]:
            answer = answerer.answer(phrasing, 1, RECIPIENT)
            assert answer.outcome == "escalated" or answer.topic == entry.id, phrasing


def test_questions_about_other_procedures_are_not_ours(answerer: Answerer) -> None:
    assert answerer.answer("how long does swelling last after lip filler", None,
                           RECIPIENT).outcome == "unanswered"
    assert answerer.answer("can i get botox after microneedling", None,
                           RECIPIENT).topic == "other_treatments"


def test_a_question_naming_microneedling_is_never_called_off_topic(answerer: Answerer) -> None:
    """The off-topic examples never name our procedure: one that does is ours, even where the
    examples' words ("give you", "tips") outscore the topic's."""
    for question, topic in (("can microneedling give you bruises", "bruising"),
                            ("microneedling tips for bruising", "bruising")):
        assert answerer.index.search(question)[0].topic == NONE_OF_THESE
        assert answerer.answer(question, 1, RECIPIENT).topic == topic
    assert answerer.answer("which hair dye covers grey roots best", 1,
                           RECIPIENT).outcome == "unanswered"


def test_off_topic_examples_form_a_none_of_these_entry(catalog: Catalog) -> None:
    examples = [f"best hair dye for grey roots number {n}" for n in range(20)]
    index = FaqIndex(catalog.faq(), catalog.lexicon(), examples)
    assert index.search("which hair dye covers grey roots best")[0].topic == NONE_OF_THESE
    assert index.search("can i wear makeup tomorrow")[0].topic == "makeup"


def _broken_faq(tmp_path: Path, change) -> str:
    directory = tmp_path / "content"
    shutil.copytree(BUNDLED_CONTENT, directory)
    path = directory / "faq.en.yaml"
    data = yaml.safe_load(path.read_text())
    change(data["entries"])
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    return "\n".join(check_directory(directory)[1])


def test_faq_mistakes_are_named(tmp_path: Path) -> None:
    def drop_day_zero(entries: list[dict]) -> None:
        entry = next(e for e in entries if e.get("variants"))
        entry["variants"] = entry["variants"][1:]

    assert "(redness): variants leave day 0 uncovered" in _broken_faq(tmp_path / "a",
                                                                       drop_day_zero)
    assert "duplicate id" in _broken_faq(tmp_path / "b", lambda e: e.append(dict(e[3])))
    assert "unknown placeholder {nobody}" in _broken_faq(
        tmp_path / "c", lambda e: e[3].update(answer="Ask {nobody}", variants=None))
    assert "phrasings: List should have at least 5 items" in _broken_faq(
        tmp_path / "d", lambda e: e[3].update(phrasings=["one"]))


def test_the_topic_model_learns_topics_and_letter_groups_from_examples() -> None:
    """Trained on a handful of phrasings, the model ranks the right class first for words it
    has seen, and for a misspelling it has never seen, through the letters they share (letter
    groups count once seen in two phrasings)."""
    examples = [
        (["sunscreen", "spf"], ["sunscreen", "spf"], "sunscreen"),
        (["sunscreen", "need"], ["do", "i", "need", "sunscreen"], "sunscreen"),
        (["gym", "workout"], ["gym", "workout"], "exercise"),
        (["workout", "gym"], ["workout", "at", "the", "gym"], "exercise"),
        (["pizza", "recip"], ["pizza", "recipe"], NONE_OF_THESE),
        (["footbal", "score"], ["football", "score"], NONE_OF_THESE),
    ]
    space = FeatureSpace()
    model = TopicModel([(space.numbered(terms, words), label) for terms, words, label in examples],
                       space)
    def best(terms: list[str], words: list[str]) -> str:
        scores = model.scores(terms, words)
        return max(scores, key=scores.__getitem__)
    assert best(["gym"], ["gym"]) == "exercise"
    assert best(["pizza"], ["pizza"]) == NONE_OF_THESE
    assert best(["sunscrean"], ["sunscrean"]) == "sunscreen"  # never seen: shares " sun", "scre"
    assert best(["workot"], ["workot"]) == "exercise"
    assert model.scores([], [])  # a message with no known feature still gets every class scored


def test_off_topic_examples_teach_the_model_what_is_not_ours(catalog: Catalog) -> None:
    faq, lexicon = catalog.faq(), catalog.lexicon()
    question = "which hair dye covers grey roots best"
    bare = FaqIndex(faq, lexicon, ["how do i stop my car going wrong", "best oven cleaner"])
    taught = FaqIndex(faq, lexicon, [f"best hair dye for grey roots, shade {n}" for n in range(20)]
                      + ["what colour should i dye my hair", "does box dye cover grey"])
    before, after = bare.lookup(question).learnt, taught.lookup(question).learnt
    assert after[NONE_OF_THESE] > before[NONE_OF_THESE]
    assert after[NONE_OF_THESE] > max(v for t, v in after.items() if t != NONE_OF_THESE)
