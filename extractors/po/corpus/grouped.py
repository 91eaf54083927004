"""Leave-one-issuer-out evaluation of a PO reader that may learn.

A reader is anything with `fit(docs)` (learn from labelled documents; a rule
reader learns nothing) and `read(pages) -> result dict` (the JSON result format).
For every issuer group of the evaluated sets, a fresh reader is fitted on every
other group (of the evaluated sets and of the training-only sets) and reads the
held-out group's documents; the held-out predictions are scored together. The
in-sample figure (fitted on everything, reading the same documents) is reported
beside it, never alone.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from extractors.model import Page
from extractors.po.corpus.folds import leave_one_group_out
from extractors.po.corpus.labeled import LabeledDoc
from extractors.po.corpus.pages import cached_pages
from extractors.po.corpus.score import DocScore, Totals, score_document
from extractors.po.extract import extract_po


class Reader(Protocol):
    def fit(self, docs: list[LabeledDoc]) -> None: ...
    def read(self, pages: list[Page]) -> dict: ...


class RuleReader:
    """Today's rule extractor: nothing to learn."""

    def fit(self, docs: list[LabeledDoc]) -> None:
        return None

    def read(self, pages: list[Page]) -> dict:
        return extract_po(pages).to_result()


@dataclass(slots=True)
class Prediction:
    doc: LabeledDoc
    result: dict
    score: DocScore


@dataclass(slots=True)
class GroupedResult:
    """Held-out predictions of every document, by set, and the totals."""

    predictions: list[Prediction] = field(default_factory=list)

    def totals(self, source: str | None = None) -> Totals:
        totals = Totals()
        for p in self.predictions:
            if source is None or p.doc.source == source:
                totals.add(p.score)
        return totals

    def by_group(self) -> dict[str, Totals]:
        groups: dict[str, Totals] = {}
        for p in self.predictions:
            groups.setdefault(p.doc.group, Totals()).add(p.score)
        return groups


def predict(reader: Reader, docs: list[LabeledDoc]) -> list[Prediction]:
    out = []
    for doc in docs:
        try:
            result = reader.read(cached_pages(doc.path))
        except Exception as exc:  # a document the reader cannot read scores as failed, the run goes on
            result = {"error": repr(exc)}
        out.append(Prediction(doc, result, score_document(doc.truth, result if "error" not in result else None)))
    return out


def grouped(make_reader: Callable[[], Reader], evaluated: list[LabeledDoc],
            training_only: list[LabeledDoc] = (), progress: Callable[[str], None] | None = None) -> GroupedResult:
    """Leave one group out over `evaluated`; `training_only` documents are never held out."""
    extra = [d for d in training_only if d.group not in {e.group for e in evaluated}]
    result = GroupedResult()
    for group, train, held_out in leave_one_group_out(evaluated):
        if progress:
            progress(group)
        reader = make_reader()
        reader.fit(train + extra)
        result.predictions.extend(predict(reader, held_out))
    return result


def in_sample(make_reader: Callable[[], Reader], evaluated: list[LabeledDoc],
              training_only: list[LabeledDoc] = ()) -> GroupedResult:
    """Fitted on everything, reading the documents it was fitted on: an upper bound, not a result."""
    reader = make_reader()
    reader.fit(list(evaluated) + list(training_only))
    return GroupedResult(predict(reader, evaluated))
