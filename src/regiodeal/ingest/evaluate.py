"""Precision, recall and F1 of the extractor against a labelled corpus of gold JSON files.

A predicted decision is paired with a gold decision by title (case, quotes and spacing aside,
or a close match); fields are then scored on those pairs. ``title+amount`` counts a decision
only when both its title and its amount are right, which is the figure the import is held to.
"""

import difflib
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .contract import to_contract
from .extract import extract
from .readers import SUPPORTED_EXTENSIONS, read_file

FIELDS = ("title", "amount", "title+amount", "kind", "places")


@dataclass
class Score:
    true_positives: int = 0
    predicted: int = 0
    expected: int = 0

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    scores: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in FIELDS})
    documents: int = 0
    failures: list[str] = field(default_factory=list)  # per-document notes on what went wrong


def _key(title: str) -> str:
    return re.sub(r"[\W_]+", " ", title.casefold()).strip()


def pair_decisions(
    predicted: list[dict[str, Any]], gold: list[dict[str, Any]]
) -> list[tuple[dict, dict]]:
    """Pairs of (predicted, gold) decisions with the same or a very similar title."""
    pairs, free = [], list(gold)
    for decision in predicted:
        key = _key(decision["title"])
        best, best_ratio = None, 0.0
        for candidate in free:
            ratio = difflib.SequenceMatcher(None, key, _key(candidate["title"])).ratio()
            if ratio > best_ratio:
                best, best_ratio = candidate, ratio
        if best is not None and best_ratio >= 0.85:
            pairs.append((decision, best))
            free.remove(best)
    return pairs


def score_document(predicted: dict[str, Any], gold: dict[str, Any], report: Report) -> None:
    pred, expected = predicted["decisions"], gold["decisions"]
    pairs = pair_decisions(pred, expected)
    s = report.scores
    s["title"].predicted += len(pred)
    s["title"].expected += len(expected)
    s["title"].true_positives += len(pairs)

    pred_amounts = Counter(d["amount"] for d in pred if d["amount"] is not None)
    gold_amounts = Counter(d["amount"] for d in expected if d["amount"] is not None)
    s["amount"].predicted += sum(pred_amounts.values())
    s["amount"].expected += sum(gold_amounts.values())
    s["amount"].true_positives += sum((pred_amounts & gold_amounts).values())

    both = sum(1 for p, g in pairs if p["amount"] == g["amount"])
    kinds = sum(1 for p, g in pairs if p["kind"] == g["kind"])
    for name, hits in (("title+amount", both), ("kind", kinds)):
        s[name].predicted += len(pred)
        s[name].expected += len(expected)
        s[name].true_positives += hits

    paired_gold = {id(g) for _p, g in pairs}
    for p, g in pairs:
        p_codes = {pl["code"] for pl in p["places"] if pl["code"]}
        g_codes = {pl["code"] for pl in g["places"] if pl["code"]}
        s["places"].true_positives += len(p_codes & g_codes)
        s["places"].predicted += len(p_codes)
        s["places"].expected += len(g_codes)
    paired_pred = {id(p) for p, _g in pairs}
    s["places"].predicted += sum(
        len({pl["code"] for pl in d["places"] if pl["code"]})
        for d in pred
        if id(d) not in paired_pred
    )
    s["places"].expected += sum(
        len({pl["code"] for pl in d["places"] if pl["code"]})
        for d in expected
        if id(d) not in paired_gold
    )

    missing = [g["title"] for g in expected if id(g) not in paired_gold]
    extra = [p["title"] for p in pred if id(p) not in paired_pred]
    wrong = [
        f"{p['title']}: {p['amount']} ≠ {g['amount']}"
        for p, g in pairs
        if p["amount"] != g["amount"]
    ]
    if missing or extra or wrong:
        report.failures.append(
            f"{gold.get('source')}: missing {missing} extra {extra} wrong amount {wrong}"
        )


def evaluate_corpus(directory: Path) -> Report:
    report = Report()
    for gold_path in sorted(directory.glob("*.gold.json")):
        stem = gold_path.name.removesuffix(".gold.json")
        documents = [
            p for p in directory.glob(f"{stem}.*") if p.suffix.lower() in SUPPORTED_EXTENSIONS
        ]
        if not documents:
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        predicted = to_contract(extract(read_file(documents[0])))
        score_document(predicted, gold, report)
        report.documents += 1
    return report
