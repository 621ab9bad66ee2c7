"""How many of the warning signs that triage's rules missed on each set's first run the
warning model now catches, and how many of those runs' false alarms it would raise.

    .venv/bin/python bench/warning_first_runs.py

The first runs (bench/*_first_run.txt) are messages the rules met unseen; the rules were fixed
for them afterwards, so they no longer test the rules, but the warning model was trained only
on content written without sight of any set (messages/content/warnings.en.yaml).
"""

from __future__ import annotations

import re
from pathlib import Path

from messages import answering
from messages.answering import Answerer
from messages.catalog import load_catalog

HERE = Path(__file__).parent
# The first runs of the rules alone (later sets were first measured with the model too).
RULES_FIRST_RUNS = ["holdout_triage_first_run.txt", "faq_dev_extra_first_run.txt",
                    "holdout2_first_run.txt", "holdout3_first_run.txt"]
HEADING = re.compile(r"^(missed \w+|false alarm) \(\d+\):$")
ITEM = re.compile(r"^  - (.*?)(?:  \(day [^)]*\))?(?: -> \w+)?$")


def first_run_lines() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {"missed": [], "false alarm": []}
    for path in (HERE / name for name in RULES_FIRST_RUNS):
        kind = None
        for line in path.read_text(encoding="utf-8").splitlines():
            if heading := HEADING.match(line):
                kind = "missed" if heading.group(1).startswith("missed") else "false alarm"
            elif kind and (item := ITEM.match(line)):
                found[kind].append(item.group(1))
            elif not line.startswith("  "):
                kind = None
    return found


def main() -> int:
    index = Answerer.from_catalog(load_catalog()).index
    lines = first_run_lines()
    threshold = answering.WARNING_THRESHOLD
    for kind, texts in lines.items():
        flagged = sum((index.lookup(text).warning or 0.0) > threshold for text in texts)
        print(f"first-run {kind}: {flagged} of {len(texts)} read as a warning sign by the "
              f"model (WARNING_THRESHOLD {threshold})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
