"""Choose the warning model's bar for messages the rules ruled out, on text neither the rules
nor the model had seen.

    .venv/bin/python bench/warning_thresholds.py

Each later batch of warning examples (messages/content/warnings.en.yaml) was read first by
the rules as they stood then (BATCH_RULES, taken from git history), before they were fixed
for it. Here the model is trained without that batch and scores what those rules let through:
the signs they missed, and the close ordinary messages they did not escalate. Messages the
rules weighed and ruled out (a negation, a general question, someone else's story, a sign's
words that made no sign) are counted apart from those in which they found nothing.

The rule: RULED_OUT_THRESHOLD is the lowest value on the grid at which the model raises at
most 1% of the batches' ruled-out ordinary messages, no more of the dev sets' ordinary
messages than with no overrule at all, and none of the plainly ordinary messages that
tests/test_triage.py holds the rules to have ruled out ("pain has gone now"); the last was
added when, after the eleventh batch, 0.5 met the first two and raised two of those.
WARNING_THRESHOLD stays at the model's own boundary (0); its row is printed for comparison.
Needs a git checkout (for the old rules).
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from datetime import date
from io import BytesIO
from pathlib import Path

import yaml

from messages import answering
from messages.answering import Answerer
from messages.catalog import load_catalog
from messages.faq_index import FaqIndex
from messages.lexicon import WarningExamples

HERE = Path(__file__).parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import faq_eval  # noqa: E402

WARNINGS = ROOT / "messages" / "content" / "warnings.en.yaml"
# The commit whose rules first read each batch (the one before that batch's rule families).
BATCH_RULES = {5: "cdce848", 6: "69e22e3", 7: "d55096b", 8: "ee7cb19", 9: "e2f3e50",
               10: "618a3cc", 11: "115d99e", 12: "53fc5aa"}
ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
            "ninth", "tenth", "eleventh", "twelfth"]
BATCH_HEADING = re.compile(r"^  # (?:--- )?(%s) batch \(" % "|".join(ORDINALS), re.IGNORECASE)
GRID = [round(2.0 - 0.1 * step, 1) for step in range(21)]
MOST_RAISED = 0.01
VERDICTS = """
import json, sys
from messages.triage import ruled_out, triage
print(json.dumps([[triage(t).urgency != "none", ruled_out(t)] for t in json.load(sys.stdin)]))
"""


def batches() -> dict[tuple[str, int], list[str]]:
    """The file's texts by section and batch, from its batch headings."""
    found: dict[tuple[str, int], list[str]] = {}
    section, batch = "", 1
    for line in WARNINGS.read_text(encoding="utf-8").splitlines():
        if line in ("warning:", "ordinary:"):
            section, batch = line[:-1], 1
        elif heading := BATCH_HEADING.match(line):
            batch = ORDINALS.index(heading.group(1).lower()) + 1
        elif section and line.lstrip().startswith("- "):
            found.setdefault((section, batch), []).append(yaml.safe_load(line)[0])
    return found


def old_verdicts(commit: str, texts: list[str]) -> list[tuple[bool, bool]]:
    """(escalated, ruled out) for each text, by the rules at `commit`."""
    archive = subprocess.run(["git", "archive", commit, "messages"], cwd=ROOT, check=True,
                             capture_output=True).stdout
    with tempfile.TemporaryDirectory() as tree:
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(tree, filter="data")
        out = subprocess.run([sys.executable, "-c", VERDICTS], input=json.dumps(texts),
                             cwd=tree, env={"PYTHONPATH": tree}, check=True,
                             capture_output=True, text=True).stdout
    return [tuple(pair) for pair in json.loads(out)]


def held_out_scores() -> dict[str, dict[str, list[float]]]:
    """Model scores of what the old rules let through, by kind: signs / ordinary, each
    found-nothing / ruled-out."""
    catalog = load_catalog()
    faq, lexicon, offtopic = catalog.faq(), catalog.lexicon(), catalog.offtopic_examples()
    texts = batches()
    scores: dict[str, dict[str, list[float]]] = {
        kind: {"free": [], "ruled out": []} for kind in ("sign", "ordinary")}
    for batch, commit in BATCH_RULES.items():
        rest = {section: [t for (s, n), items in texts.items() if s == section and n != batch
                          for t in items] for section in ("warning", "ordinary")}
        index = FaqIndex(faq, lexicon, offtopic, WarningExamples(**rest))
        for section, kind in (("warning", "sign"), ("ordinary", "ordinary")):
            mine = texts[(section, batch)]
            for text, (escalated, out) in zip(mine, old_verdicts(commit, mine)):
                if escalated:
                    continue
                score = index.lookup(text).warning
                scores[kind]["ruled out" if out else "free"].append(
                    float("-inf") if score is None else score)
    return scores


def plainly_ordinary() -> list[str]:
    """The texts of the test that says what the rules ruled out the model does not overrule."""
    tree = ast.parse((ROOT / "tests" / "test_triage.py").read_text(encoding="utf-8"))
    test = next(node for node in tree.body if isinstance(node, ast.FunctionDef)
                and node.name == "test_what_the_rules_ruled_out_the_model_does_not_overrule")
    return ast.literal_eval(test.decorator_list[0].args[1])


def dev_false_alarms(values: list[float]) -> dict[float, tuple[int, int]]:
    """Dev-set false alarms, and plainly ordinary messages raised, at each value."""
    answerer = Answerer.from_catalog(load_catalog())
    questions = faq_eval.load_sets(faq_eval.DEV_SETS)
    plain = plainly_ordinary()
    recipient = faq_eval.Recipient("there", "the clinic", "+44 20 0000 0000", date.today())
    alarms = {}
    saved = answering.RULED_OUT_THRESHOLD
    try:
        for value in values:
            answering.RULED_OUT_THRESHOLD = value
            raised = sum(answerer.answer(text, 4, recipient).urgency != "none" for text in plain)
            alarms[value] = (len(faq_eval.evaluate(questions, answerer).misses.get(
                "false alarm", [])), raised)
    finally:
        answering.RULED_OUT_THRESHOLD = saved
    return alarms


def main() -> int:
    scores = held_out_scores()
    dev = dev_false_alarms([float("inf"), *GRID])
    never = dev[float("inf")][0]
    signs, ordinary = scores["sign"], scores["ordinary"]
    missed = len(signs["free"]) + len(signs["ruled out"])
    print(f"batches {', '.join(map(str, BATCH_RULES))}: the rules of the time missed {missed} "
          f"signs ({len(signs['ruled out'])} ruled out) and let through "
          f"{len(ordinary['free'])} + {len(ordinary['ruled out'])} ordinary messages")
    print(f"dev-set false alarms with no overrule: {never}")
    print("value   free: signs raised, ordinary raised | ruled out: signs, ordinary | dev alarms,"
          " plainly ordinary raised")
    chosen, holding = None, True
    for value in GRID:  # from the top: the lowest value before the rule first fails
        row = {kind: {part: sum(s > value for s in found) for part, found in parts.items()}
               for kind, parts in scores.items()}
        share = row["ordinary"]["ruled out"] / len(ordinary["ruled out"])
        alarms, plain = dev[value]
        holding = holding and share <= MOST_RAISED and alarms <= never and not plain
        chosen = value if holding else chosen
        print(f"{value:5.1f}   {row['sign']['free']:4d} {row['ordinary']['free']:4d}"
              f"        | {row['sign']['ruled out']:4d} {row['ordinary']['ruled out']:4d}"
              f" ({share:.1%})  | {alarms}, {plain}")
    print(f"RULED_OUT_THRESHOLD by the rule: {chosen} (in use: {answering.RULED_OUT_THRESHOLD});"
          f" WARNING_THRESHOLD {answering.WARNING_THRESHOLD}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
