"""Choose the answering thresholds on the dev sets, by the README's one rule.

    .venv/bin/python bench/faq_thresholds.py

For every setting of (BM25_WEIGHT, NONE_MARGIN, MIN_SCORE, PER_UNFAMILIAR_WORD) on a grid,
evaluate the dev sets and print the setting that meets the three accuracy targets (top-1
accuracy, out-of-scope recall, in-scope questions rejected) by the widest margin: the largest
smallest slack. A setting that meets them narrowly on the sets tuned on misses them on
messages it has not seen. Only the dev sets are read (the two full ones and the questions-only
set in the styles they cover least): the held-out sets are measured with faq_eval.py after the
choice is written into messages/answering.py.
"""

from __future__ import annotations

import itertools

from faq_eval import DEV_SETS, STYLE_DEV_SET, evaluate, load_sets

from messages import answering
from messages.answering import Answerer
from messages.catalog import load_catalog

BM25_WEIGHTS = [0.0, 0.3, 0.6, 1.0]
NONE_MARGINS = [-0.4, -0.3, -0.2, -0.1, 0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6]
MIN_SCORES = [0.0, 1.0, 2.0, 3.0]
PER_WORD = [0.0, 0.75, 1.5]
TOP1, OUT_OF_SCOPE, MAX_REJECTED = 0.92, 0.90, 0.05


def slack(m: dict[str, float]) -> float:
    """How far the nearest of the three targets is met (negative: missed)."""
    return min(m["top1_accuracy"] - TOP1, m["out_of_scope_recall"] - OUT_OF_SCOPE,
               MAX_REJECTED - m["false_rejection_rate"])


def choose_faq_settings(questions: dict[str, list[dict]], answerer: Answerer) -> None:
    scored = []
    for weight, margin, min_score, per_word in itertools.product(
            BM25_WEIGHTS, NONE_MARGINS, MIN_SCORES, PER_WORD):
        answering.BM25_WEIGHT, answering.NONE_MARGIN = weight, margin
        answering.MIN_SCORE, answering.PER_UNFAMILIAR_WORD = min_score, per_word
        m = evaluate(questions, answerer).metrics
        scored.append((round(slack(m), 4), -min_score, -per_word, -margin, weight, m))
    # Ties go to the simpler setting: no BM25F floor, and the smaller margin.
    best, min_score, per_word, margin, weight, m = max(scored, key=lambda s: s[:5])
    print(f"BM25_WEIGHT = {weight}, NONE_MARGIN = {-margin}, MIN_SCORE = {-min_score}, "
          f"PER_UNFAMILIAR_WORD = {-per_word}: top-1 {m['top1_accuracy']}, out-of-scope "
          f"{m['out_of_scope_recall']}, rejected {m['false_rejection_rate']}, smallest slack "
          f"{best} (dev sets, {len(scored)} settings tried)")
    answering.BM25_WEIGHT, answering.NONE_MARGIN = weight, -margin
    answering.MIN_SCORE, answering.PER_UNFAMILIAR_WORD = -min_score, -per_word


def main() -> int:
    questions = load_sets([*DEV_SETS, STYLE_DEV_SET])
    answerer = Answerer.from_catalog(load_catalog())
    choose_faq_settings(questions, answerer)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
