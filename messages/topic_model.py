"""Which topic a message is about, learnt from the FAQ's own phrasings and off-topic examples.

BM25F (faq_index.py) weighs a word by how rare it is; it cannot learn that "tattoo" says
"not ours" however often the FAQ's own words appear beside it, nor match "swolen" to
"swollen" by their shared letters once typo correction has given up. A linear support
vector machine (LIBLINEAR) over the analyzer's terms, their pairs, and the letter groups
(3 to 5 characters) of each word learns both from the same content, in a fraction of a
second at start. One class per FAQ entry, and NONE_OF_THESE from the off-topic examples.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Executor, Future
from functools import cache
from itertools import chain
from typing import NamedTuple

import numpy as np
from liblinear import liblinear, liblinearutil
from scipy import sparse

# LIBLINEAR's defaults for its L2-loss SVM (solver 1, C = 1) with a bias feature.
TRAINING_OPTIONS = "-s 1 -c 1 -B 1 -q"
CHARACTERS = range(3, 6)
KNOWN_GROUPS_KEPT = 100_000  # words whose letter groups a running bot remembers


@cache
def letter_groups(word: str) -> tuple[str, ...]:
    """A word's 3- to 5-letter groups, with its edges marked ("swolen" shares " swo",
    "wol", "len " with "swollen"); a word shorter than a group counts whole."""
    padded = f" {word} "
    grams: list[str] = []
    for size in CHARACTERS:
        if len(padded) <= size:
            grams.append(f"c:{padded}")
            break
        grams += [f"c:{padded[i:i + size]}" for i in range(len(padded) - size + 1)]
    return tuple(grams)


def features(terms: Sequence[str], words: Sequence[str]) -> list[str]:
    """Terms, pairs of neighbouring terms, and letter groups, kept apart by a prefix."""
    found = [f"t:{t}" for t in terms]
    found += [f"p:{a} {b}" for a, b in zip(terms, terms[1:])]
    for word in words:
        found += letter_groups(word)
    return found


class Numbered(NamedTuple):
    """A text in a feature space: its terms and pairs by number, and its words by number.
    A word's letter groups are listed once in the space, not again for every text."""

    columns: list[int]
    words: list[int]


class FeatureSpace:
    """Feature names numbered once for every model trained on the same texts."""

    def __init__(self) -> None:
        self.number: dict[str, int] = {}
        self.is_letters = bytearray()  # by number: 1 for a letter group, 0 for a term or pair
        self.word_number: dict[str, int] = {}
        self.word_groups: list[list[int]] = []  # by word number: its letter groups' numbers
        self.known_groups: dict[str, list[int]] = {}  # for messages: a word's known groups

    def numbered(self, terms: Sequence[str], words: Sequence[str]) -> Numbered:
        number = self.number
        known = len(number)
        columns = [number.setdefault(name, len(number)) for name in features(terms, ())]
        self.is_letters += bytes(len(number) - known)
        ids: list[int] = []
        for word in words:
            found = self.word_number.get(word)
            if found is None:
                known = len(number)
                found = self.word_number[word] = len(self.word_groups)
                self.word_groups.append([number.setdefault(name, len(number))
                                         for name in letter_groups(word)])
                self.is_letters += b"\x01" * (len(number) - known)
            ids.append(found)
        return Numbered(columns, ids)

    def message(self, terms: Sequence[str],
                words: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """A message's known features, as numbers and counts, for any model in this space.
        Asked only once every model is trained: a word's known letter groups are kept."""
        number = self.number
        found = [n for name in features(terms, ()) if (n := number.get(name)) is not None]
        for word in words:
            groups = self.known_groups.get(word)
            if groups is None:
                if len(self.known_groups) >= KNOWN_GROUPS_KEPT:
                    self.known_groups.clear()
                groups = self.known_groups[word] = [
                    n for name in letter_groups(word) if (n := number.get(name)) is not None]
            found += groups
        numbers, counts = np.unique(np.array(found, dtype=np.int64), return_counts=True)
        return numbers, counts.astype(np.float64)


class TopicModel:
    """`scores(terms, words)` gives each class's decision value; higher means more likely."""

    def __init__(self, examples: list[tuple[Numbered, str]], space: FeatureSpace) -> None:
        """`examples`: each text's features, numbered in `space`, and its class."""
        self._prepare(examples, space)
        self._solve()

    @classmethod
    def in_background(cls, examples: list[tuple[Numbered, str]], space: FeatureSpace,
                      solver: Executor) -> Future[TopicModel]:
        """The same model, prepared here and solved on `solver`: LIBLINEAR's C code lets go
        of the interpreter, so the model trains while start-up goes on."""
        model = cls.__new__(cls)
        model._prepare(examples, space)
        return solver.submit(model._solved)

    def _prepare(self, examples: list[tuple[Numbered, str]], space: FeatureSpace) -> None:
        size = len(space.number)
        # Each text's features counted: its terms and pairs, plus its words times each word's
        # letter groups, a sparse product SciPy does in C instead of a list per text.
        terms = _counted([found.columns for found, _ in examples], size)
        words = _counted([found.words for found, _ in examples], len(space.word_groups))
        counted = terms + words @ _counted(space.word_groups, size)
        counted.sum_duplicates()
        columns, counts = counted.indices.astype(np.int64), counted.data
        rows = np.repeat(np.arange(len(examples)), np.diff(counted.indptr))
        frequency = np.bincount(columns, minlength=size)
        letters = np.frombuffer(space.is_letters, dtype=bool, count=size).copy()
        # A letter group seen once is noise; a word or pair seen once may be the only
        # phrasing that has it.
        kept = (frequency > 1) | ~letters
        renumber = np.where(kept, np.cumsum(kept) - 1, -1)
        self.space, self.renumber = space, np.append(renumber, -1)  # -1: numbered after training
        self.size = size
        self.letters = letters[kept]
        self.idf = np.log((1 + len(examples)) / (1 + frequency[kept])) + 1
        keep = kept[columns]
        matrix = self._matrix(rows[keep], renumber[columns[keep]], counts[keep], len(examples))
        self.classes = sorted({label for _, label in examples})
        labels = [self.classes.index(label) for _, label in examples]
        self._problem = liblinear.problem(labels, matrix)

    def _solved(self) -> TopicModel:
        self._solve()
        return self

    def _solve(self) -> None:
        model = liblinearutil.train(self._problem, liblinear.parameter(TRAINING_OPTIONS))
        del self._problem
        order = model.get_labels()
        width = len(order) if len(order) > 2 else 1
        rows_in_model = model.get_nr_feature() + 1  # the features, then the bias
        weights = np.ctypeslib.as_array(model.w, shape=(rows_in_model * width,))
        weights = weights.reshape(rows_in_model, width)
        if width == 1:  # two classes: one vector, positive for the first label LIBLINEAR saw
            weights = np.hstack([weights, -weights])
        weights = weights[:, np.argsort(order)].copy()
        self.weights, self.bias = weights[:-1], weights[-1]

    def _matrix(self, rows: np.ndarray, columns: np.ndarray, counts: np.ndarray,
                documents: int) -> sparse.csr_matrix:
        """Sublinear TF-IDF, one row a document; words and pairs normalised together,
        letter groups apart."""
        values = (1 + np.log(counts)) * self.idf[columns]
        cell = rows * 2 + self.letters[columns]
        squares = np.bincount(cell, weights=values * values, minlength=documents * 2)
        values /= np.sqrt(squares[cell])
        starts = np.concatenate(([0], np.cumsum(np.bincount(rows, minlength=documents))))
        return sparse.csr_matrix((values, columns, starts), shape=(documents, len(self.idf)))

    def scores(self, terms: Sequence[str], words: Sequence[str]) -> dict[str, float]:
        return self.scores_of(*self.space.message(terms, words))

    def scores_of(self, numbers: np.ndarray, counts: np.ndarray) -> dict[str, float]:
        """The decision values for a message given by `FeatureSpace.message`."""
        columns = self.renumber[np.minimum(numbers, self.size)]
        known = columns >= 0
        columns = columns[known]
        values = (1 + np.log(counts[known])) * self.idf[columns]
        decision = self.bias.copy()
        for part in (self.letters[columns], ~self.letters[columns]):
            if part.any():
                chosen = values[part]
                decision += chosen @ self.weights[columns[part]] / np.sqrt(chosen @ chosen)
        return dict(zip(self.classes, decision.tolist()))


def _counted(rows: list[list[int]], width: int) -> sparse.csr_matrix:
    """How often each number occurs in each list, a row a list."""
    lengths = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
    starts = np.concatenate(([0], np.cumsum(lengths)))
    flat = np.fromiter(chain.from_iterable(rows), dtype=np.int64, count=starts[-1])
    matrix = sparse.csr_matrix((np.ones(len(flat), dtype=np.int64), flat, starts),
                               shape=(len(rows), width))
    matrix.sum_duplicates()
    return matrix
