"""The classifier on messages written by someone other than its data's author.

nlp_models/data/independent_test.csv was written separately from the training
data and its test split, and is never used to train or tune.
"""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from nlp_models.classifier import load_classifier

DATA = Path(__file__).resolve().parents[2] / "nlp_models" / "data" / "independent_test.csv"


def macro_f1(gold: list[str], pred: list[str]) -> float:
    scores = []
    for label in sorted(set(gold)):
        tp = sum(g == p == label for g, p in zip(gold, pred))
        fp = sum(p == label != g for g, p in zip(gold, pred))
        fn = sum(g == label != p for g, p in zip(gold, pred))
        prec, rec = (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0)
        scores.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(scores) / len(scores)


def test_request_classes_hold_up_on_independently_written_messages():
    classifier = load_classifier()
    if classifier is None:
        pytest.fail("the committed request classifier did not load")
    rows = list(csv.DictReader(DATA.open(encoding="utf-8")))
    pred = [c.label for c in classifier.classify([r["text"] for r in rows])]
    assert macro_f1([r["label"] for r in rows], pred) >= 0.9
