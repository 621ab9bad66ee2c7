"""Choose the answering thresholds on the dev set, by the README's one rule.

    .venv/bin/python bench/faq_thresholds.py

For every pair (MIN_SCORE, PER_UNFAMILIAR_WORD) on a grid, evaluate the dev set; among the
pairs that reject at most 5% of in-scope questions, print the one with the highest
out-of-scope recall plus top-1 accuracy. Only the dev set is read: the held-out sets are
measured with faq_eval.py after the choice is written into messages/answering.py.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import yaml
from faq_eval import evaluate

from messages import answering
from messages.answering import Answerer
from messages.catalog import load_catalog

DEV = Path(__file__).parent / "faq_dev.yaml"
MIN_SCORES = [1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0]
PER_WORD = [0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0]
MAX_REJECTED = 0.05


def main() -> int:
    questions = yaml.safe_load(DEV.read_text(encoding="utf-8"))
    answerer = Answerer.from_catalog(load_catalog())
    scored = []
    for min_score, per_word in itertools.product(MIN_SCORES, PER_WORD):
        answering.MIN_SCORE, answering.PER_UNFAMILIAR_WORD = min_score, per_word
        m = evaluate(questions, answerer).metrics
        scored.append((m["out_of_scope_recall"] + m["top1_accuracy"], min_score, per_word, m))
    allowed = [s for s in scored if s[3]["false_rejection_rate"] <= MAX_REJECTED]
    # Ties go to the stricter pair: an unneeded answer is worse than an honest "I don't know".
    _, min_score, per_word, m = max(allowed, key=lambda s: (s[0], s[1], s[2]))
    print(f"MIN_SCORE = {min_score}, PER_UNFAMILIAR_WORD = {per_word}: top-1 "
          f"{m['top1_accuracy']}, out-of-scope {m['out_of_scope_recall']}, rejected "
          f"{m['false_rejection_rate']} (dev set, {len(scored)} pairs tried)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
