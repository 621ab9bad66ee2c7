"""Choose the answering thresholds on the dev sets, by the README's one rule.

    .venv/bin/python bench/faq_thresholds.py

For every setting of (MIN_SCORE, PER_UNFAMILIAR_WORD, NONE_MARGIN) on a grid, evaluate the
dev sets; among the settings that reject at most 5% of in-scope questions, print the one with
the highest out-of-scope recall plus top-1 accuracy. Only the dev sets are read: the held-out
sets are measured with faq_eval.py after the choice is written into messages/answering.py.
"""

from __future__ import annotations

import itertools

from faq_eval import DEV_SETS, evaluate, load_sets

from messages import answering
from messages.answering import Answerer
from messages.catalog import load_catalog

MIN_SCORES = [1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0]
PER_WORD = [0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0]
NONE_MARGINS = [1.0, 1.1, 1.25, 1.5, 2.0]
MAX_REJECTED = 0.05


def main() -> int:
    questions = load_sets(DEV_SETS)
    answerer = Answerer.from_catalog(load_catalog())
    scored = []
    for min_score, per_word, margin in itertools.product(MIN_SCORES, PER_WORD, NONE_MARGINS):
        answering.MIN_SCORE, answering.PER_UNFAMILIAR_WORD = min_score, per_word
        answering.NONE_MARGIN = margin
        m = evaluate(questions, answerer).metrics
        scored.append((m["out_of_scope_recall"] + m["top1_accuracy"], min_score, per_word,
                       -margin, m))
    allowed = [s for s in scored if s[4]["false_rejection_rate"] <= MAX_REJECTED]
    if not allowed:
        print(f"no setting rejects at most {MAX_REJECTED:.0%} of in-scope questions; the "
              f"fewest rejections:")
        allowed = [min(scored, key=lambda s: s[4]["false_rejection_rate"])]
    # Ties go to the stricter setting: an unneeded answer is worse than an honest "I don't know".
    _, min_score, per_word, margin, m = max(allowed, key=lambda s: s[:4])
    print(f"MIN_SCORE = {min_score}, PER_UNFAMILIAR_WORD = {per_word}, NONE_MARGIN = {-margin}: "
          f"top-1 {m['top1_accuracy']}, out-of-scope {m['out_of_scope_recall']}, rejected "
          f"{m['false_rejection_rate']} (dev sets, {len(scored)} settings tried)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
