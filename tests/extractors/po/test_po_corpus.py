"""The labelled-corpus tools: issuer groups, folds that never split an issuer, and the
in-process scorer that must count exactly what the published scorer counts."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from extractors.po.corpus.folds import leave_one_group_out
from extractors.po.corpus.labeled import load_dir
from extractors.po.corpus.score import Totals, score_document

SHARED_EVAL = Path(__file__).resolve().parents[3].parent / "shared" / "eval"


def _write(folder: Path, name: str, truth: dict, group: str | None = None) -> None:
    (folder / name).write_bytes(b"%PDF-1.4 stub")
    (folder / f"{name}.truth.json").write_text(json.dumps(truth))
    if group:
        with (folder / "SOURCES.tsv").open("a") as handle:
            handle.write(f"{name}\t-\t-\t-\t-\tpo_pdf\t-\t{group}\n")


def test_groups_come_from_sources_and_folds_never_split_an_issuer(tmp_path):
    (tmp_path / "SOURCES.tsv").write_text("local_path\trepo\tpath\tcommit\tlicense\tkind\tnotes\tlayout_group\n")
    _write(tmp_path, "a1.pdf", {"po_number": "1"}, "acme")
    _write(tmp_path, "a2.pdf", {"po_number": "2"}, "acme")
    _write(tmp_path, "b1.pdf", {"po_number": "3"}, "bauer")
    _write(tmp_path, "c1.pdf", {"po_number": "4"})  # not in SOURCES.tsv: its folder is its group
    docs = load_dir(tmp_path, "set")
    assert {d.path.name: d.group for d in docs} == {"a1.pdf": "acme", "a2.pdf": "acme", "b1.pdf": "bauer",
                                                   "c1.pdf": f"set:{tmp_path.name}"}
    for group, train, held_out in leave_one_group_out(docs):
        assert {d.group for d in held_out} == {group}
        assert group not in {d.group for d in train}
        assert len(train) + len(held_out) == len(docs)


def test_a_document_is_perfect_only_with_every_field_and_line_right_and_nothing_spurious():
    truth = {"po_number": "PO-4711", "order_date": "2024-03-05", "tax": None, "currency": "USD",
             "line_items": [{"sku": "HB-1", "description": "Hex bolt M12x40 zinc", "quantity": "40",
                             "unit_price": "0.85", "amount": "34.00"}]}
    right = {"po_number": "4711", "order_date": "2024-03-05", "currency": "usd",
             "line_items": [{"sku": "HB1", "description": "Hex bolt M12x40 zinc", "quantity": 40,
                             "unit_price": "0.85", "amount": "34"}]}
    assert score_document(truth, right).perfect
    spurious = {**right, "tax": "1.00"}
    assert score_document(truth, spurious).spurious == ["tax"]
    fragment = {**right, "line_items": [{"description": "Hex", "quantity": 40, "unit_price": "0.85",
                                         "amount": "34"}]}
    assert score_document(truth, fragment).lines_right == 0


@pytest.mark.skipif(not (SHARED_EVAL / "score.py").exists(), reason="../shared/eval is not here")
def test_the_in_process_scorer_agrees_with_the_published_one_on_every_dev_truth():
    spec = importlib.util.spec_from_file_location("shared_score", SHARED_EVAL / "score.py")
    published = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(published)
    docs = load_dir(SHARED_EVAL / "dev") + load_dir(SHARED_EVAL / "dev2")
    totals = Totals()
    for i, doc in enumerate(docs):
        other = docs[(i + 1) % len(docs)].truth  # a wrong prediction for every document, and a right one
        for pred in (doc.truth, other):
            ours = score_document(doc.truth, pred)
            c, t, p = published.score_lines(doc.truth.get("line_items") or [], pred.get("line_items") or [])
            assert (ours.lines_right, ours.lines_true, ours.lines_pred) == (c, t, p)
            for name, ok in ours.fields.items():
                assert ok == published.same(published.HEADER_FIELDS[name], doc.truth[name], pred.get(name))
        totals.add(score_document(doc.truth, doc.truth))
    assert totals.summary()["header_accuracy"] == 1.0
