"""The keyword index behind FAQ answers: BM25F over weighted fields.

Text goes through one analyzer: emoji become words, slang and abbreviations are expanded,
unknown words (in neither the FAQ's vocabulary nor an English dictionary) are corrected to the
nearest FAQ word, stopwords dropped, words reduced to Snowball stems. Only unknown words are
corrected, so "capital of france" stays about capitals and France and matches nothing.
Each FAQ entry is one document with three fields: its question and phrasings (weighted
highest), its keywords, and its answers (lowest). The same analysis of each phrasing trains the
topic model (topic_model.py), which `lookup` consults beside BM25F.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import NamedTuple

import Stemmer
from symspellpy import SymSpell, Verbosity

from messages.faq import Faq
from messages.lexicon import Lexicon, WarningExamples
from messages.topic_model import FeatureSpace, TopicModel

ENGLISH_STOPWORDS = frozenset(["a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself", "yourselves", "im", "ive", "id", "ill", "youre", "dont", "doesnt", "didnt", "cant", "wont", "isnt", "arent", "wasnt", "werent", "hasnt", "havent", "hadnt", "shouldnt", "couldnt", "wouldnt", "its", "thats", "whats", "hi", "hello", "hey", "thanks", "thank", "please", "ok", "okay", "yes", "yeah", "also", "really", "still", "get", "got", "getting", "go", "going", "know", "like", "maybe", "much", "need", "normal", "one", "quite", "right", "say", "since", "something", "think", "want", "way", "well", "bit", "lot", "little", "ask", "question", "wondering", "anyone", "guys", "kinda", "sorta", "literally", "actually", "honestly", "honest", "basically", "lowkey", "highkey", "bruh", "lmao", "lol", "omg"])

FIELD_WEIGHTS = {"question": 3.0, "keywords": 2.0, "answer": 0.5}
FIELD_B = {"question": 0.5, "keywords": 0.3, "answer": 0.75}
K1 = 1.2
SKIN_TONES = re.compile("[\U0001F3FB-\U0001F3FF\uFE0F\u200D]")
WORD = re.compile(r"[a-z0-9]+")


@cache
def english_words() -> frozenset[str]:
    """Ordinary English words (symspellpy's bundled frequency list): never 'corrected'."""
    text = resources.files("symspellpy").joinpath("frequency_dictionary_en_82_765.txt")
    return frozenset(text.read_text("utf-8").split()[0::2])  # lines of "word count"


class Analyzer:
    """Text -> index terms, the same way for questions and for the FAQ."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.stemmer = Stemmer.Stemmer("english")
        emoji = {SKIN_TONES.sub("", key): words for key, words in lexicon.emoji.items()}
        self.emoji = emoji
        self.emoji_pattern = (
            re.compile("|".join(re.escape(k) for k in sorted(emoji, key=len, reverse=True)))
            if emoji else None
        )
        self.slang = {tuple(WORD.findall(k.lower())): WORD.findall(v.lower())
                      for k, v in lexicon.slang.items() if WORD.findall(k.lower())}
        # For each word, the longest slang phrase it starts: most words start none.
        self.slang_starts: dict[str, int] = {}
        for key in self.slang:
            self.slang_starts[key[0]] = max(len(key), self.slang_starts.get(key[0], 0))
        self.stopwords = ENGLISH_STOPWORDS | {w.lower() for w in lexicon.stopwords_extra}
        self.speller: SymSpell | None = None
        self.known: frozenset[str] = frozenset()

    def tokens(self, text: str) -> list[str]:
        """Lower-case words with emoji spelled out, nothing else changed."""
        if self.emoji_pattern is not None and not text.isascii():
            text = SKIN_TONES.sub("", text)
            text = self.emoji_pattern.sub(lambda m: f" {self.emoji[m.group(0)]} ", text)
        text = unicodedata.normalize("NFKD", text.lower())
        return WORD.findall(text.replace("'", "").replace("\u2019", ""))

    def expand(self, tokens: list[str]) -> list[str]:
        """Slang and abbreviations replaced by plain words, longest phrase first."""
        if self.slang_starts.keys().isdisjoint(tokens):
            return list(tokens)  # most texts hold none: skip the word-by-word walk
        expanded: list[str] = []
        index = 0
        while index < len(tokens):
            longest = self.slang_starts.get(tokens[index], 0)
            for size in range(min(longest, len(tokens) - index), 0, -1):
                replacement = self.slang.get(tuple(tokens[index:index + size]))
                if replacement is not None:
                    expanded += replacement
                    index += size
                    break
            else:
                expanded.append(tokens[index])
                index += 1
        return expanded

    def words(self, text: str) -> list[str]:
        """The words as the FAQ would write them (no typo correction)."""
        return self.expand(self.tokens(text))

    def learn(self, vocabulary: Counter[str]) -> None:
        """The FAQ's own words and the lexicon's: what unknown words may be corrected to."""
        slang_words = {key[0] for key in self.slang if len(key) == 1}
        # Every word of a slang phrase is meant: "st tropez" is self tan, not "st proper".
        phrase_words = {word for key in self.slang for word in key}
        self.known = frozenset(vocabulary) | english_words() | phrase_words | self.stopwords
        self.speller = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
        for word, count in [*vocabulary.items(), *((w, 1) for w in slang_words)]:
            if len(word) >= 3 and not word.isdigit():
                self.speller.create_dictionary_entry(word, count)

    def correct(self, word: str) -> str:
        if self.speller is None or word in self.known or len(word) < 4 or word.isdigit():
            return word
        distance = 1 if len(word) <= 5 else 2
        found = self.speller.lookup(word, Verbosity.TOP, max_edit_distance=distance)
        return found[0].term if found else word

    def analyse(self, text: str) -> tuple[list[str], list[str]]:
        """The corrected words, and the index terms made from them: no stopwords and no
        numbers. A number in a message is a day, an hour, an age or an SPF, never what the
        question is about (the recovery day comes from the patient's record), and as a term it
        tied questions to whatever text named the same one."""
        words = self.expand([self.correct(w) for w in self.tokens(text)])
        return words, self.stems(words)

    def uncorrected(self, text: str) -> tuple[list[str], list[str]]:
        """`analyse` without typo correction, for content: its spellings are meant."""
        words = self.words(text)
        return words, self.stems(words)

    def stems(self, words: list[str]) -> list[str]:
        return self.stemmer.stemWords(
            [w for w in words if w not in self.stopwords and not w.isdigit()])

    def terms(self, text: str) -> list[str]:
        return self.analyse(text)[1]


class Match(NamedTuple):
    """A topic and its score; a tuple, since every answer makes dozens of them."""

    topic: str
    score: float


@dataclass(frozen=True)
class Lookup:
    matches: list[Match]  # every entry with a positive BM25F score, best first
    exact: str | None  # the entry one of whose phrasings the message says exactly
    unfamiliar: int  # words of the message that are no patient's words for any topic
    learnt: dict[str, float]  # the topic model's decision value for every entry
    warning: float | None  # the warning model's: above 0 reads like a warning sign


NONE_OF_THESE = "none_of_these"
WARNING_SIGN, ORDINARY = "warning_sign", "ordinary"


class FaqIndex:
    """BM25F over the FAQ; `search` gives every entry with a positive score, best first.
    `lookup` adds the topic model's view of the same message.

    Examples of what the FAQ does not answer form one more entry, NONE_OF_THESE: a message
    closest to those is about something else. Examples of warning signs in patients' words
    train a second model, warning sign against everything else the content holds.
    """

    def __init__(self, faq: Faq, lexicon: Lexicon, offtopic: list[str] | None = None,
                 warnings: WarningExamples | None = None) -> None:
        self.analyzer = Analyzer(lexicon)
        fields = {
            entry.id: {
                "question": [entry.question, *entry.phrasings],
                "keywords": entry.keywords,
                "answer": entry.texts(),
            }
            for entry in faq.entries
        }
        if offtopic:
            fields[NONE_OF_THESE] = {"question": offtopic, "keywords": [], "answer": []}
        # Content is read as written (its spellings are meant), so nothing here waits for the
        # speller: it learns the vocabulary while LIBLINEAR trains the models. One thread
        # solves both models, in turn: LIBLINEAR shuffles with the C library's random numbers,
        # so two at once would train slightly different models from run to run.
        read = self.analyzer.words
        analysed = {topic: [self.analyzer.uncorrected(_plain(text)) for text in entry["question"]]
                    for topic, entry in fields.items()}
        self.space = space = FeatureSpace()
        examples = [(space.numbered(terms, found), topic) for topic, texts in analysed.items()
                    for found, terms in texts]
        with ThreadPoolExecutor(max_workers=1) as solver:
            topics = TopicModel.in_background(examples, space, solver)
            words = {topic: {"question": [found for found, _ in analysed[topic]],
                             "keywords": [read(_plain(text)) for text in entry["keywords"]],
                             "answer": [read(_plain(text)) for text in entry["answer"]]}
                     for topic, entry in fields.items()}
            self._build(words, analysed)
            self.exact = {
                frozenset(terms): topic
                for topic, texts in analysed.items() if topic != NONE_OF_THESE
                for _, terms in texts if terms
            }
            signs = None
            if warnings is not None:
                labelled = [(text, WARNING_SIGN) for text in warnings.warning] + [
                    (text, ORDINARY) for text in warnings.ordinary]
                signs = TopicModel.in_background(
                    [(found, ORDINARY) for found, _ in examples]
                    + [(space.numbered(terms, found), label) for text, label in labelled
                       for found, terms in [self.analyzer.uncorrected(text)]], space, solver)
            self.analyzer.learn(Counter(word for entry in words.values()
                                        for texts in entry.values()
                                        for text in texts for word in text))
            self.model = topics.result()
            self.warning_model = None if signs is None else signs.result()

    def _build(self, words: dict[str, dict[str, list[list[str]]]],
               analysed: dict[str, list[tuple[list[str], list[str]]]]) -> None:
        counts = {
            topic: {name: Counter(term for found in texts for term in self.analyzer.stems(found))
                    if name != "question" else
                    Counter(term for _, terms in analysed[topic] for term in terms)
                    for name, texts in entry.items()}
            for topic, entry in words.items()
        }
        # Words patients use for a topic (not words that merely occur in an answer).
        self.topic_words = frozenset(
            term for topic, by_field in counts.items() if topic != NONE_OF_THESE
            for name in ("question", "keywords") for term in by_field[name]
        )
        average = {
            name: sum(sum(c[name].values()) for c in counts.values()) / len(counts) or 1.0
            for name in FIELD_WEIGHTS
        }
        weighted: dict[str, dict[str, float]] = {}
        for topic, by_field in counts.items():
            for name, counter in by_field.items():
                norm = 1 - FIELD_B[name] + FIELD_B[name] * sum(counter.values()) / average[name]
                for term, tf in counter.items():
                    postings = weighted.setdefault(term, {})
                    postings[topic] = postings.get(topic, 0.0) + FIELD_WEIGHTS[name] * tf / norm
        total = len(counts)
        self.postings = {
            term: (math.log(1 + (total - len(p) + 0.5) / (len(p) + 0.5)),
                   {topic: tf / (K1 + tf) * (K1 + 1) for topic, tf in p.items()})
            for term, p in weighted.items()
        }

    def lookup(self, text: str) -> Lookup:
        """Everything the answerer needs about a message, from one pass of the analyzer."""
        words, terms = self.analyzer.analyse(text)
        message = self.space.message(terms, words)
        scores: dict[str, float] = {}
        for term in set(terms):
            found = self.postings.get(term)
            if found is None:
                continue
            idf, postings = found
            for topic, saturated in postings.items():
                scores[topic] = scores.get(topic, 0.0) + idf * saturated
        return Lookup(
            matches=sorted((Match(t, s) for t, s in scores.items()), key=lambda m: -m.score),
            exact=self.exact.get(frozenset(terms)),
            unfamiliar=sum(1 for t in terms if t not in self.topic_words),
            learnt=self.model.scores_of(*message),
            # A greeting or "ok" has no term: nothing to read a sign in, only letter groups.
            warning=None if self.warning_model is None or not terms
            else self.warning_model.scores_of(*message)[WARNING_SIGN],
        )

    def search(self, text: str) -> list[Match]:
        return self.lookup(text).matches


def _plain(text: str) -> str:
    """Content text without markup or placeholders, for indexing."""
    return re.sub(r"<[^>]+>|\{[^}]*\}", " ", text)
