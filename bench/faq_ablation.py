"""What each part of the answerer contributes, measured on the dev sets.

    .venv/bin/python bench/faq_ablation.py

Runs faq_eval's evaluation on the dev sets with the answerer as shipped, then with one part
taken away at a time: the topic model's letter groups, and BM25F's share of the ranking with
its score floor. Only the dev sets are read. (BM25F alone, with its own thresholds, is the
README's figure for commit 4b232ab.)
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from unittest import mock

from faq_eval import DEV_SETS, evaluate, load_sets

from messages import answering, topic_model
from messages.answering import Answerer
from messages.catalog import load_catalog

METRICS = ("top1_accuracy", "out_of_scope_recall", "false_rejection_rate")


def variants() -> list[tuple[str, AbstractContextManager[object]]]:
    return [
        ("as shipped", nullcontext()),
        ("without letter groups", mock.patch.object(topic_model, "letter_groups",
                                                    lambda word: ())),
        ("without BM25F in the decision", mock.patch.multiple(
            answering, BM25_WEIGHT=0.0, MIN_SCORE=0.0, PER_UNFAMILIAR_WORD=0.0)),
    ]


def main() -> int:
    questions = load_sets(DEV_SETS)
    print(f"dev sets: {' + '.join(p.name for p in DEV_SETS)}; top-1 / out-of-scope / rejected")
    for name, variant in variants():
        with variant:
            m = evaluate(questions, Answerer.from_catalog(load_catalog())).metrics
        print(f"  {name:<30} " + " / ".join(f"{m[k]:.3f}" for k in METRICS))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
